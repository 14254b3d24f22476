"""JL204 path-not-qualified: an output ``path`` that is not a fully qualified URI.

The job's cluster resolves ``path`` on its own storage, so the path must name
the storage and the location in full: ``s3://bucket/...``, ``gs://bucket/...``,
``hdfs://host:port/...``, ``wasbs://``, ``adl://``, ``abfss://``, ``dbfs:/...``
or ``file:///...``. The server accepts a relative path (``data/out.csv``), an
absolute path with no scheme (``/data/out.csv``), a Windows path, a scheme
with no bucket (``s3:/bucket/x.csv``) or an invalid bucket name, and the job
then fails or writes somewhere else. Bucket names follow the rules of Amazon
S3 (3 to 63 lower-case letters, digits, dots and hyphens, starting and ending
with a letter or digit) and of Google Cloud Storage (the same, and also
underscores). The message gives the value to write instead.

A placeholder such as ``path_to_output_file`` is JL501's. Invisible characters
in a bucket name are JL502's: the name is checked without them. JL205, JL206
and JL210 skip a path whose form this rule reports (no scheme, no bucket or
host, white space around it), but still check a path whose only fault is its
bucket name.

Failing example (``spec.jobspec.yaml``)::

    wrangledDataset:
      id: 7
    overrides:
      writesettings:
        - path: data/outputs/result.csv
          action: create
          format: csv

Passing example (``spec.jobspec.yaml``)::

    wrangledDataset:
      id: 7
    overrides:
      writesettings:
        - path: s3://bucket/data/outputs/result.csv
          action: create
          format: csv
"""

from collections.abc import Iterator

from jobspec_lint.document import Document
from jobspec_lint.findings import Problem, Severity
from jobspec_lint.rules.base import Rule, RuleContext
from jobspec_lint.rules.body import iter_outputs
from jobspec_lint.rules.paths import secret_spans, show_path, unqualified_reason


def check(document: Document, context: RuleContext) -> Iterator[Problem]:
    for output in iter_outputs(document, context):
        path = output.get("path")
        if not isinstance(path, str) or not path:
            continue
        reason = unqualified_reason(path)
        if reason is None:
            continue
        pointer = output.pointer_to("path")
        # A path may have several independent faults (a secret as well), so
        # this finding leaves the path to the later rules.
        yield Problem(
            pointer,
            f"path {show_path(path)} {reason}",
            claims_subtree=False,
            redact=secret_spans(document, pointer, path),
        )


RULE = Rule(
    code="JL204",
    name="path-not-qualified",
    summary="the path is not a fully qualified URI",
    severity=Severity.ERROR,
    check=check,
)
