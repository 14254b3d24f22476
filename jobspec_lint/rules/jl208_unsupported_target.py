"""JL208 unsupported-target: a v3 output that publishes to Redshift or SQL DW.

The v3 API cannot publish to Redshift or SQL DW: the v3 reference lists it as
a known issue (nor can it run jobs sourced from them). A Redshift or SQL DW
output is recognised by its scheme (``redshift://``, ``sqlserver://``,
``sqldw://``, ``jdbc:redshift:``, ``jdbc:sqlserver:``) or by its host
(``*.redshift.amazonaws.com``, ``*.database.windows.net``,
``*.sql.azuresynapse.net``). Write the output to file storage and load it into
the database from there. Runs for the v3 target only.

Failing example (``spec.jobspec.yaml``)::

    wrangledDataset:
      id: 7
    overrides:
      writesettings:
        - path: redshift://cluster.example.com:5439/analytics/public/results
          action: create
          format: csv

Passing example (``spec.jobspec.yaml``)::

    wrangledDataset:
      id: 7
    overrides:
      writesettings:
        - path: s3://bucket/out/results.csv
          action: create
          format: csv
"""

from collections.abc import Iterator

from jobspec_lint.document import Document
from jobspec_lint.findings import Problem, Severity
from jobspec_lint.rules.base import Rule, RuleContext
from jobspec_lint.rules.body import iter_outputs
from jobspec_lint.rules.paths import parse_path, secret_spans, show_path, table_target


def check(document: Document, context: RuleContext) -> Iterator[Problem]:
    for output in iter_outputs(document, context):
        path = output.get("path")
        if not isinstance(path, str):
            continue
        uri = parse_path(path.strip())
        database = table_target(uri) if uri is not None else None
        if database is None:
            continue
        pointer = output.pointer_to("path")
        yield Problem(
            pointer,
            f"path {show_path(path)} is a {database} table, and the v3 API cannot publish "
            'to Redshift or SQL DW: write the output to file storage, such as '
            f'"s3://bucket/out/result.csv", and load it into {database} from there',
            claims_subtree=False,
            redact=secret_spans(document, pointer, path),
        )


RULE = Rule(
    code="JL208",
    name="unsupported-target",
    summary="v3: the output goes to Redshift or SQL DW, which the v3 API cannot publish to",
    severity=Severity.ERROR,
    targets=frozenset({"v3"}),
    check=check,
)
