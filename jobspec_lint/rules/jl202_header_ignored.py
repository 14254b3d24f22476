"""JL202 header-ignored: ``header: true`` where the job writes no header row.

Only csv outputs with ``action`` ``create`` or ``append`` get a header row.
With ``json``, ``avro`` or ``pqt``, or with ``action: overwrite``, the server
accepts ``header: true`` and the job ignores it, so the output has no header
although the body requests one. An invalid ``format`` is JL103's, not this
rule's.

Failing example (``spec.jobspec.yaml``)::

    wrangledDataset:
      id: 7
    overrides:
      writesettings:
        - path: s3://bucket/out/result.json
          action: create
          format: json
          header: true

Passing example (``spec.jobspec.yaml``)::

    wrangledDataset:
      id: 7
    overrides:
      writesettings:
        - path: s3://bucket/out/result.csv
          action: create
          format: csv
          header: true
"""

from collections.abc import Iterator

from jobspec_lint.document import Document
from jobspec_lint.findings import Problem, Severity
from jobspec_lint.rules.base import Rule, RuleContext
from jobspec_lint.rules.body import allowed_values, iter_outputs
from jobspec_lint.values import show


def check(document: Document, context: RuleContext) -> Iterator[Problem]:
    formats = allowed_values(context, "overrides", "writesettings", "0", "format")
    for output in iter_outputs(document, context):
        if output.get("header") is not True:
            continue
        output_format = output.get("format")
        pointer = output.pointer_to("header")
        if output_format != "csv" and output_format in formats:
            yield Problem(
                pointer,
                f"header true has no effect for format {show(output_format)}: only csv "
                "outputs have a header row, so remove header",
            )
        elif output_format == "csv" and output.get("action") == "overwrite":
            yield Problem(
                pointer,
                'header true has no effect with action "overwrite": a csv output gets a '
                'header row only with action "create" or "append", so remove header or '
                "change the action",
            )


RULE = Rule(
    code="JL202",
    name="header-ignored",
    summary="header: true with a format other than csv, or with action: overwrite",
    severity=Severity.WARNING,
    check=check,
)
