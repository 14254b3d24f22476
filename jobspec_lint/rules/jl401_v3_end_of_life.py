"""JL401 v3-end-of-life: the v3 endpoint is end of life from Release 6.4.

``POST /v3/jobGroups`` serves Releases 5.0 to 6.0, and from Release 6.4 v4 is
the only version. The body itself moves unchanged: ``POST /v4/jobGroups``
accepts every valid v3 body. The code that sends it changes, and the finding
names what (once per body): the endpoint, ``id`` in the response instead of
``jobgroupId``, ``jobs.data[].id`` instead of ``jobIds``, and the status
request: the ``status`` field of ``GET /v4/jobGroups/{id}`` on Release 6.0,
or ``GET /v4/jobGroups/{id}/status`` on later releases.
``jobspec-lint migrate`` checks each body against v4 and lists these changes,
and ``jobspec-lint migrate --scan`` finds them in the calling code. Reported
for the v3 target only.

Every v3 body reports it, so there is no passing v3 example: with
``--api v4`` it is not reported.

Failing example (``spec.jobspec.json``)::

    {"wrangledDataset": {"id": 7}}
"""

from collections.abc import Iterator

from jobspec_lint.document import Document
from jobspec_lint.findings import Problem, Severity
from jobspec_lint.rules.base import Rule, RuleContext

MESSAGE = (
    "v3 is end of life from Release 6.4: send the same body to POST /v4/jobGroups, "
    "read id instead of jobgroupId and jobs.data[].id instead of jobIds in the response, "
    "and poll the status field of GET /v4/jobGroups/{id} (Release 6.0) "
    "or GET /v4/jobGroups/{id}/status (later releases)"
)


def check(document: Document, context: RuleContext) -> Iterator[Problem]:
    if not isinstance(document.value, dict):
        return
    # The finding is about the whole body, so it points at the body's first
    # character and must not hide the findings of later rules.
    yield Problem("", MESSAGE, target="parent", claims_subtree=False)


RULE = Rule(
    code="JL401",
    name="v3-end-of-life",
    summary="v3 is end of life from Release 6.4: the body moves to POST /v4/jobGroups",
    severity=Severity.INFO,
    targets=frozenset({"v3"}),
    check=check,
)
