"""JL206 path-is-folder: an output ``path`` that ends with ``/`` or has no file name.

``path`` names the output file, such as ``s3://bucket/out/result.csv``. With
``asSingleFile: false`` the job writes its part files into a folder of that
name. A path that ends with ``/``, or stops after the bucket or host, names a
folder instead (a folder URI copied from a storage browser looks like this).
Where the results land then depends on the server rather than on the body.

Failing example (``spec.jobspec.yaml``)::

    wrangledDataset:
      id: 7
    overrides:
      writesettings:
        - path: gs://bucket/task_results/
          action: create
          format: csv

Passing example (``spec.jobspec.yaml``)::

    wrangledDataset:
      id: 7
    overrides:
      writesettings:
        - path: gs://bucket/task_results/result.csv
          action: create
          format: csv
"""

from collections.abc import Iterator

from jobspec_lint.document import Document
from jobspec_lint.findings import Problem, Severity
from jobspec_lint.rules.base import Rule, RuleContext
from jobspec_lint.rules.body import iter_outputs
from jobspec_lint.rules.paths import (
    FORMAT_EXTENSIONS,
    is_folder,
    located_uri,
    secret_spans,
    show_path,
    table_target,
)


def check(document: Document, context: RuleContext) -> Iterator[Problem]:
    for output in iter_outputs(document, context):
        path = output.get("path")
        if not isinstance(path, str):
            continue
        uri = located_uri(path)
        if uri is None or table_target(uri) is not None or not is_folder(uri):
            continue
        output_format = output.get("format")
        extension = ""
        if isinstance(output_format, str) and output_format in FORMAT_EXTENSIONS:
            extension = FORMAT_EXTENSIONS[output_format][0]
        folder = path.split("?", 1)[0].rstrip("/")
        example = show_path(f"{folder}/result{extension}")
        if uri.path:
            message = f'path {show_path(path)} ends with "/", so it names a folder'
        else:
            message = f"path {show_path(path)} has no file name"
        pointer = output.pointer_to("path")
        yield Problem(
            pointer,
            f"{message}: add the output file's name, such as {example}",
            claims_subtree=False,
            redact=secret_spans(document, pointer, path),
        )


RULE = Rule(
    code="JL206",
    name="path-is-folder",
    summary="the path ends with / or has no file name",
    severity=Severity.WARNING,
    check=check,
)
