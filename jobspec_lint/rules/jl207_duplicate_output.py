"""JL207 duplicate-output: two outputs write the same format to the same path.

Two output objects with the same ``path`` and ``format`` write the same file:
one overwrites or mixes with the other, and the body's second entry is at best
wasted work. Paths are compared with their scheme and host in lower case,
without a trailing ``/`` and without a query, so ``s3://b/out/x.csv`` and
``S3://b/out/x.csv/`` are the same path. The same path with two formats is
not reported: the v3 reference page itself suggests copying an output object
and changing only its ``format`` to write both csv and json. The finding
points at the later path and names the first output and its line.

Failing example (``spec.jobspec.yaml``)::

    wrangledDataset:
      id: 7
    overrides:
      writesettings:
        - path: s3://bucket/out/result.csv
          action: create
          format: csv
        - path: S3://bucket/out/result.csv
          action: overwrite
          format: csv

Passing example (``spec.jobspec.yaml``)::

    wrangledDataset:
      id: 7
    overrides:
      writesettings:
        - path: s3://bucket/out/result.csv
          action: create
          format: csv
        - path: s3://bucket/out/result.csv
          action: create
          format: json
"""

from collections.abc import Iterator

from jobspec_lint.document import Document
from jobspec_lint.findings import Problem, Severity
from jobspec_lint.rules.base import Rule, RuleContext
from jobspec_lint.rules.body import Item, iter_outputs, line_of
from jobspec_lint.rules.paths import normalized_path, secret_spans, show_path
from jobspec_lint.values import show


def check(document: Document, context: RuleContext) -> Iterator[Problem]:
    first_outputs: dict[tuple[str, str], Item] = {}
    for output in iter_outputs(document, context):
        path = output.get("path")
        output_format = output.get("format")
        if not isinstance(path, str) or not path.strip() or not isinstance(output_format, str):
            continue
        first = first_outputs.setdefault((normalized_path(path), output_format), output)
        if first is output:
            continue
        line = line_of(document, first.pointer_to("path"))
        pointer = output.pointer_to("path")
        yield Problem(
            pointer,
            f"path {show_path(path)} with format {show(output_format)} repeats {first.label} "
            f"at line {line}: both outputs write the same file, so remove one of them or "
            "change its path",
            claims_subtree=False,
            redact=secret_spans(document, pointer, path),
        )


RULE = Rule(
    code="JL207",
    name="duplicate-output",
    summary="two outputs write the same format to the same path",
    severity=Severity.ERROR,
    check=check,
)
