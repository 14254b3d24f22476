"""JL203 single-file-ignored: ``asSingleFile: true`` on a format that is not written as one file.

Only csv and json outputs can be written as a single file. With ``avro`` or
``pqt`` (and v4's ``hyper``) the server accepts ``asSingleFile: true`` and the
job ignores it, so a process that waits for one file finds a folder of part
files instead. An invalid ``format`` is JL103's, not this rule's.

Failing example (``spec.jobspec.yaml``)::

    wrangledDataset:
      id: 7
    overrides:
      writesettings:
        - path: s3://bucket/out/result.pqt
          action: create
          format: pqt
          asSingleFile: true

Passing example (``spec.jobspec.yaml``)::

    wrangledDataset:
      id: 7
    overrides:
      writesettings:
        - path: s3://bucket/out/result.csv
          action: create
          format: csv
          asSingleFile: true
"""

from collections.abc import Iterator

from jobspec_lint.document import Document
from jobspec_lint.findings import Problem, Severity
from jobspec_lint.rules.base import Rule, RuleContext
from jobspec_lint.rules.body import allowed_values, iter_outputs
from jobspec_lint.values import show

SINGLE_FILE_FORMATS = ("csv", "json")


def check(document: Document, context: RuleContext) -> Iterator[Problem]:
    formats = allowed_values(context, "overrides", "writesettings", "0", "format")
    for output in iter_outputs(document, context):
        output_format = output.get("format")
        if output.get("asSingleFile") is not True or output_format in SINGLE_FILE_FORMATS:
            continue
        if output_format in formats:
            yield Problem(
                output.pointer_to("asSingleFile"),
                f"asSingleFile true has no effect for format {show(output_format)}: only csv "
                "and json outputs can be written as a single file, so remove asSingleFile",
            )


RULE = Rule(
    code="JL203",
    name="single-file-ignored",
    summary="asSingleFile: true with avro or pqt",
    severity=Severity.WARNING,
    check=check,
)
