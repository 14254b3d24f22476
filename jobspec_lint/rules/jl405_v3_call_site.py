"""JL405 v3-call-site: code that calls the v3 API or reads its response.

``jobspec-lint migrate --scan PATH...`` reads the code around the job specs
(shell and curl scripts, Python including Airflow DAGs, JavaScript and
TypeScript, YAML workflow files) and reports each place that moving to v4
changes, with the v4 replacement:

- a call to ``/v3/jobGroups``: call ``/v4/jobGroups``;
- a read of ``jobgroupId`` in the response: read ``id``;
- a read of ``jobIds``: read ``jobs.data[].id``;
- polling ``/v3/jobGroups/{id}/status``: poll ``GET /v4/jobGroups/{id}/status``,
  or read the ``status`` field of ``GET /v4/jobGroups/{id}`` on Release 6.0.

The scan matches text, line by line: a name built at run time (``"/v" + version``)
is not found, and a match in a comment is reported like one in code. ``check``
never reports this rule.

Failing example (``run_job.sh``)::

    curl -X POST "$HOST/v3/jobGroups" -d @spec.jobspec.json

Passing example (``run_job.sh``)::

    curl -X POST "$HOST/v4/jobGroups" -d @spec.jobspec.json
"""

from jobspec_lint.findings import Severity
from jobspec_lint.rules.base import Rule

RULE = Rule(
    code="JL405",
    name="v3-call-site",
    summary="code that calls /v3/jobGroups or reads its response (migrate --scan)",
    severity=Severity.INFO,
)
