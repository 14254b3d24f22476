"""JL210 execution-storage-mismatch: the running environment cannot usually reach the storage.

Each running environment writes to the storage of its own cloud: Spark on
Azure Databricks (``databricksSpark``) has no HDFS of a Hadoop cluster,
Spark on AWS EMR (``emrSpark``) writes to S3, and Google Dataflow
(``dataflow``) writes to Cloud Storage. The server accepts any combination,
and the job fails when it cannot write the output. This rule reports
``databricksSpark`` with an ``hdfs://`` path, ``emrSpark`` with a path that is
not ``s3://`` (or ``s3a://``, ``s3n://``), and ``dataflow`` with a path that is
not ``gs://``. It is a warning: a deployment can be set up to reach other
storage. ``emrSpark`` and ``dataflow`` exist in v4 only, so in a v3 body they
are reported as invalid values and not here.

Failing example (``spec.jobspec.yaml``)::

    wrangledDataset:
      id: 7
    overrides:
      execution: databricksSpark
      profiler: false
      writesettings:
        - path: hdfs://namenode:8020/out/result.csv
          action: create
          format: csv

Passing example (``spec.jobspec.yaml``)::

    wrangledDataset:
      id: 7
    overrides:
      execution: databricksSpark
      profiler: false
      writesettings:
        - path: abfss://data@account.dfs.core.windows.net/out/result.csv
          action: create
          format: csv
"""

from collections.abc import Iterator

from jobspec_lint.document import Document
from jobspec_lint.findings import Problem, Severity
from jobspec_lint.rules.base import Rule, RuleContext
from jobspec_lint.rules.body import allowed_values, iter_outputs, normalized_body
from jobspec_lint.rules.paths import (
    S3_SCHEMES,
    PathURI,
    located_uri,
    secret_spans,
    show_path,
    table_target,
)


def check(document: Document, context: RuleContext) -> Iterator[Problem]:
    execution = _execution(document, context)
    if execution is None:
        return
    for output in iter_outputs(document, context):
        path = output.get("path")
        if not isinstance(path, str):
            continue
        uri = located_uri(path)
        if uri is None or table_target(uri) is not None:
            continue
        reason = _mismatch(execution, uri)
        if reason is None:
            continue
        pointer = output.pointer_to("path")
        yield Problem(
            pointer,
            f"path {show_path(path)} {reason}",
            claims_subtree=False,
            redact=secret_spans(document, pointer, path),
        )


def _execution(document: Document, context: RuleContext) -> str | None:
    """Return ``overrides.execution`` when the target allows its value."""
    body = normalized_body(document, context).value
    overrides = body.get("overrides") if isinstance(body, dict) else None
    execution = overrides.get("execution") if isinstance(overrides, dict) else None
    if not isinstance(execution, str):
        return None
    if execution not in allowed_values(context, "overrides", "execution"):
        return None
    return execution


def _mismatch(execution: str, uri: PathURI) -> str | None:
    if execution == "databricksSpark" and uri.scheme == "hdfs":
        return (
            'is on HDFS, which execution "databricksSpark" (Spark on Azure Databricks) '
            'usually cannot reach: write to storage the workspace reads, such as "dbfs:/..." '
            'or "abfss://...", or choose another execution'
        )
    if execution == "emrSpark" and uri.scheme not in S3_SCHEMES:
        return (
            'is not on S3, where execution "emrSpark" (Spark on AWS EMR) writes: '
            'use an "s3://" path or choose another execution'
        )
    if execution == "dataflow" and uri.scheme != "gs":
        return (
            'is not on Cloud Storage, where execution "dataflow" (Google Dataflow) writes: '
            'use a "gs://" path or choose another execution'
        )
    return None


RULE = Rule(
    code="JL210",
    name="execution-storage-mismatch",
    summary="the running environment cannot usually reach that storage",
    severity=Severity.WARNING,
    check=check,
)
