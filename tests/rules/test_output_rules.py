"""JL201 to JL210: the outputs of a body, with code, position and message pinned."""

from __future__ import annotations

from pathlib import Path
from textwrap import dedent

import pytest

from jobspec_lint.engine import lint_bytes
from jobspec_lint.findings import Finding
from jobspec_lint.report import FORMATS
from jobspec_lint.settings import Settings
from tests.conftest import codes, lint, only, run_cli


def yaml_lint(text: str, **settings: object) -> list[Finding]:
    return lint(dedent(text), "spec.jobspec.yaml", **settings)


def test_compression_on_avro_is_jl201() -> None:
    findings = yaml_lint("""\
        wrangledDataset:
          id: 7
        overrides:
          writesettings:
            - path: s3://bucket/out/result.avro
              action: create
              format: avro
              compression: gzip
    """)
    finding = only(findings, "JL201")
    assert (finding.line, finding.column, finding.end_column) == (8, 20, 24)
    assert finding.pointer == "/overrides/writesettings/0/compression"
    assert str(finding.severity) == "error"


def test_compression_message_names_format() -> None:
    findings = yaml_lint("""\
        wrangledDataset:
          id: 7
        overrides:
          writesettings:
            - path: s3://bucket/out/result.avro
              action: create
              format: avro
              compression: gzip
    """)
    assert only(findings, "JL201").message == (
        'compression "gzip" is only supported for csv and json outputs, and this output\'s '
        'format is "avro": remove compression or set it to "none"'
    )


def test_header_with_json_is_ignored() -> None:
    findings = yaml_lint("""\
        wrangledDataset:
          id: 7
        overrides:
          writesettings:
            - path: s3://bucket/out/result.json
              action: create
              format: json
              header: true
    """)
    finding = only(findings, "JL202")
    assert (finding.line, finding.column, finding.end_column) == (8, 15, 19)
    assert finding.message == (
        'header true has no effect for format "json": only csv outputs have a header row, '
        "so remove header"
    )
    assert str(finding.severity) == "warning"


def test_header_with_overwrite_is_ignored() -> None:
    findings = yaml_lint("""\
        wrangledDataset:
          id: 7
        overrides:
          writesettings:
            - path: s3://bucket/out/result.csv
              action: overwrite
              format: csv
              header: true
    """)
    finding = only(findings, "JL202")
    assert (finding.line, finding.column) == (8, 15)
    assert finding.message == (
        'header true has no effect with action "overwrite": a csv output gets a header row '
        'only with action "create" or "append", so remove header or change the action'
    )


def test_header_with_csv_append_is_clean() -> None:
    findings = yaml_lint("""\
        wrangledDataset:
          id: 7
        overrides:
          writesettings:
            - path: s3://bucket/out/result.csv
              action: append
              format: csv
              header: true
    """)
    assert "JL202" not in codes(findings)


def test_header_with_invalid_format_is_only_jl103() -> None:
    findings = yaml_lint("""\
        wrangledDataset:
          id: 7
        overrides:
          writesettings:
            - path: s3://bucket/out/result.parquet
              action: create
              format: parquet
              header: true
    """)
    assert "JL103" in codes(findings)
    assert "JL202" not in codes(findings)


def test_single_file_with_parquet_is_ignored() -> None:
    findings = yaml_lint("""\
        wrangledDataset:
          id: 7
        overrides:
          writesettings:
            - path: s3://bucket/out/result.pqt
              action: create
              format: pqt
              asSingleFile: true
    """)
    finding = only(findings, "JL203")
    assert (finding.line, finding.column, finding.end_column) == (8, 21, 25)
    assert finding.message == (
        'asSingleFile true has no effect for format "pqt": only csv and json outputs can be '
        "written as a single file, so remove asSingleFile"
    )


def test_relative_path_is_not_qualified() -> None:
    findings = yaml_lint("""\
        wrangledDataset:
          id: 7
        overrides:
          writesettings:
            - path: data/outputs/out.csv
              action: create
              format: csv
    """)
    finding = only(findings, "JL204")
    assert (finding.line, finding.column, finding.end_column) == (5, 13, 33)
    assert finding.pointer == "/overrides/writesettings/0/path"
    assert finding.message == (
        'path "data/outputs/out.csv" is a relative path, not a fully qualified URI: write '
        'the full location with its scheme, such as "s3://bucket/data/outputs/out.csv"'
    )


def test_placeholder_path_is_jl501_only() -> None:
    findings = yaml_lint("""\
        wrangledDataset:
          id: 7
        overrides:
          writesettings:
            - path: path_to_output_file
              action: create
              format: csv
    """)
    assert "JL204" not in codes(findings)
    finding = only(findings, "JL501")
    assert (finding.line, finding.column) == (5, 13)
    assert finding.message == (
        'overrides.writesettings[0].path "path_to_output_file" is a placeholder left in '
        "place: replace it with the real value"
    )


def test_bucket_name_with_spaces_is_invalid() -> None:
    findings = yaml_lint("""\
        wrangledDataset:
          id: 7
        overrides:
          writesettings:
            - path: gs://INVALID BUCKET NAME/x.csv
              action: create
              format: csv
    """)
    finding = only(findings, "JL204")
    assert (finding.line, finding.column, finding.end_column) == (5, 13, 43)
    assert finding.message == (
        'path "gs://INVALID BUCKET NAME/x.csv" has an invalid bucket name '
        '"INVALID BUCKET NAME", which contains white space and capital letters: a Cloud '
        "Storage bucket name has 3 to 63 lower-case letters, digits, dots, hyphens and "
        "underscores, so write the bucket's real name"
    )


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        (
            "/data/out.csv",
            'has no scheme, so it is not a fully qualified URI: write the full location, '
            'such as "hdfs://namenode:8020/data/out.csv" or "file:///data/out.csv"',
        ),
        (
            "s3:/bucket/out.csv",
            'has no bucket after "s3://": write it as "s3://bucket/out.csv"',
        ),
        (
            "s3://bu/out.csv",
            'has an invalid bucket name "bu", which is 2 characters long: an S3 bucket name '
            "has 3 to 63 lower-case letters, digits, dots and hyphens, so write the bucket's "
            "real name",
        ),
        (
            "s3://my_bucket/out.csv",
            'has an invalid bucket name "my_bucket", which contains "_": an S3 bucket name '
            "has 3 to 63 lower-case letters, digits, dots and hyphens, so write the bucket's "
            "real name",
        ),
        (
            "file://data/out.csv",
            'names "data" as the host: a local file URI has three slashes, such as '
            '"file:///data/out.csv"',
        ),
        (
            "C:/out/result.csv",
            "is a local Windows path, which the job's cluster cannot write to: write a "
            'storage URI such as "s3://bucket/out/result.csv"',
        ),
    ],
)
def test_unqualified_path_messages(path: str, reason: str) -> None:
    text = (
        '{"wrangledDataset": {"id": 7}, "overrides": {"writesettings": '
        f'[{{"path": "{path}", "action": "create", "format": "csv"}}]}}}}'
    )
    finding = only(lint(text), "JL204")
    assert finding.column == 73
    assert finding.message == f'path "{path}" {reason}'


@pytest.mark.parametrize(
    "path",
    [
        "dbfs:/mnt/out/result.csv",
        "file:///data/out/result.csv",
        "hdfs://namenode:8020/out/result.csv",
        "hdfs:///out/result.csv",
        "gs://my_bucket/out/result.csv",
        "wasbs://container@account.blob.core.windows.net/out/result.csv",
        "abfss://data@account.dfs.core.windows.net/out/result.csv",
    ],
)
def test_qualified_paths_are_clean(path: str) -> None:
    text = (
        '{"wrangledDataset": {"id": 7}, "overrides": {"writesettings": '
        f'[{{"path": "{path}", "action": "create", "format": "csv"}}]}}}}'
    )
    assert [c for c in codes(lint(text)) if c.startswith("JL2")] == []


def test_json_in_csv_file_is_extension_mismatch() -> None:
    findings = yaml_lint("""\
        wrangledDataset:
          id: 7
        overrides:
          writesettings:
            - path: s3://b/report.csv
              action: create
              format: json
    """)
    finding = only(findings, "JL205")
    assert (finding.line, finding.column, finding.end_column) == (5, 13, 30)
    assert finding.message == (
        'path "s3://b/report.csv" ends in ".csv" but format is "json": change the extension '
        'to ".json" or set format to "csv"'
    )
    assert str(finding.severity) == "warning"
    # The one-letter bucket name is a fault of its own.
    assert only(findings, "JL204").message.startswith(
        'path "s3://b/report.csv" has an invalid bucket name "b", which is 1 character long'
    )


def test_gzip_without_gz_is_extension_mismatch() -> None:
    findings = yaml_lint("""\
        wrangledDataset:
          id: 7
        overrides:
          writesettings:
            - path: s3://bucket/report.csv
              action: create
              format: csv
              compression: gzip
    """)
    finding = only(findings, "JL205")
    assert (finding.line, finding.column) == (5, 13)
    assert finding.message == (
        'path "s3://bucket/report.csv" does not end in ".gz" but compression is "gzip": '
        'add ".gz" to the file name, or set compression to "none"'
    )


def test_gz_without_gzip_is_extension_mismatch() -> None:
    findings = yaml_lint("""\
        wrangledDataset:
          id: 7
        overrides:
          writesettings:
            - path: s3://bucket/report.csv.gz
              action: create
              format: csv
    """)
    finding = only(findings, "JL205")
    assert finding.message == (
        'path "s3://bucket/report.csv.gz" ends in ".gz" but compression is not set (the '
        'default is "none"): set compression to "gzip" or remove ".gz" from the file name'
    )


def test_bz2_with_gzip_is_extension_mismatch() -> None:
    findings = yaml_lint("""\
        wrangledDataset:
          id: 7
        overrides:
          writesettings:
            - path: s3://bucket/report.json.bz2
              action: create
              format: json
              compression: gzip
    """)
    finding = only(findings, "JL205")
    assert finding.message == (
        'path "s3://bucket/report.json.bz2" ends in ".bz2" but compression is "gzip": '
        'change the extension to ".gz" or set compression to "bzip2"'
    )


def test_matching_or_unknown_extensions_are_clean() -> None:
    findings = yaml_lint("""\
        wrangledDataset:
          id: 7
        overrides:
          writesettings:
            - path: s3://bucket/report.json.gz
              action: create
              format: json
              compression: gzip
            - path: s3://bucket/report.parquet
              action: create
              format: pqt
            - path: s3://bucket/report
              action: create
              format: avro
            - path: s3://bucket/report.out
              action: create
              format: csv
    """)
    assert "JL205" not in codes(findings)


def test_trailing_slash_is_folder() -> None:
    findings = yaml_lint("""\
        wrangledDataset:
          id: 7
        overrides:
          writesettings:
            - path: gs://bucket/task_results/
              action: create
              format: csv
    """)
    finding = only(findings, "JL206")
    assert (finding.line, finding.column, finding.end_column) == (5, 13, 38)
    assert finding.message == (
        'path "gs://bucket/task_results/" ends with "/", so it names a folder: add the '
        'output file\'s name, such as "gs://bucket/task_results/result.csv"'
    )
    assert "JL205" not in codes(findings)


def test_bucket_without_file_name_is_folder() -> None:
    findings = yaml_lint("""\
        wrangledDataset:
          id: 7
        overrides:
          writesettings:
            - path: s3://bucket
              action: create
              format: json
    """)
    finding = only(findings, "JL206")
    assert finding.message == (
        'path "s3://bucket" has no file name: add the output file\'s name, such as '
        '"s3://bucket/result.json"'
    )


def test_same_path_and_format_is_duplicate() -> None:
    findings = yaml_lint("""\
        wrangledDataset:
          id: 7
        overrides:
          writesettings:
            - path: s3://bucket/out/x.csv
              action: create
              format: csv
            - path: S3://bucket/out/x.csv
              action: overwrite
              format: csv
    """)
    finding = only(findings, "JL207")
    assert (finding.line, finding.column, finding.end_column) == (8, 13, 34)
    assert finding.pointer == "/overrides/writesettings/1/path"
    assert finding.message == (
        'path "S3://bucket/out/x.csv" with format "csv" repeats overrides.writesettings[0] '
        "at line 5: both outputs write the same file, so remove one of them or change its path"
    )


def test_duplicate_ignores_host_case_and_trailing_slash() -> None:
    findings = yaml_lint("""\
        wrangledDataset:
          id: 7
        overrides:
          writesettings:
            - path: hdfs://NameNode:8020/out/x
              action: create
              format: avro
            - path: hdfs://namenode:8020/out/x/
              action: create
              format: avro
    """)
    assert only(findings, "JL207").line == 8


def test_same_path_in_two_formats_is_not_duplicate() -> None:
    findings = yaml_lint("""\
        wrangledDataset:
          id: 7
        overrides:
          writesettings:
            - path: s3://bucket/out/x
              action: create
              format: csv
            - path: s3://bucket/out/x
              action: create
              format: json
    """)
    assert "JL207" not in codes(findings)


@pytest.mark.parametrize(
    ("path", "database"),
    [
        ("redshift://host:5439/db/schema/table", "Redshift"),
        ("sqlserver://host:1433/db/schema/table", "SQL DW"),
        ("jdbc:sqlserver://host:1433;databaseName=db", "SQL DW"),
        ("sqldw://host/db/schema/table", "SQL DW"),
        ("jdbc:postgresql://c1.abc.redshift.amazonaws.com:5439/db", "Redshift"),
    ],
)
def test_database_target_is_unsupported_in_v3(path: str, database: str) -> None:
    text = (
        '{"wrangledDataset": {"id": 7}, "overrides": {"writesettings": '
        f'[{{"path": "{path}", "action": "create", "format": "csv"}}]}}}}'
    )
    findings = lint(text)
    assert [c for c in codes(findings) if c.startswith("JL2")] == ["JL208"]
    finding = findings[codes(findings).index("JL208")]
    assert finding.column == 73
    assert finding.message == (
        f'path "{path}" is a {database} table, and the v3 API cannot publish to Redshift or '
        'SQL DW: write the output to file storage, such as "s3://bucket/out/result.csv", and '
        f"load it into {database} from there"
    )
    assert "JL208" not in codes(lint(text, api="v4"))


PASSWORD = "hunter2-not-real"
SIGNATURE = "c2lnbmF0dXJlLW5vdC1yZWFs"
# Not AWS's documented example key, which the rule documentation (printed by
# some report formats) shows.
ACCESS_KEY_ID = "AKIATESTKEY0NOTREAL1"


def test_password_in_path_is_masked() -> None:
    findings = yaml_lint(f"""\
        wrangledDataset:
          id: 7
        overrides:
          writesettings:
            - path: s3://AKIAIOSFODNN7EXAMPLE:{PASSWORD}@bucket/x.csv
              action: create
              format: csv
    """)
    finding = only(findings, "JL209")
    assert (finding.line, finding.column, finding.end_column) == (5, 13, 68)
    assert finding.message == (
        'path "s3://****:****@bucket/x.csv" contains a user name and password: remove the '
        "credentials from the path and keep them in the storage or connection settings, then "
        "revoke the exposed secret, since anyone who can read this file can use it"
    )


def test_password_with_slash_is_found() -> None:
    text = (
        '{"wrangledDataset": {"id": 7}, "overrides": {"writesettings": [{"path": '
        '"s3a://AKIAIOSFODNN7EXAMPLE:wJalrXUtnFEMI/K7MDENG/bPxRfiCY@bucket/x.csv", '
        '"action": "create", "format": "csv"}]}}'
    )
    finding = only(lint(text), "JL209")
    assert finding.message.startswith('path "s3a://****:****@bucket/x.csv" contains')


@pytest.mark.parametrize(
    ("query", "masked", "kind"),
    [
        (f"sv=2021-06-08&sp=r&sig={SIGNATURE}", "sv=2021-06-08&sp=r&sig=****",
         "a signed-URL signature"),
        (f"X-Amz-Signature={SIGNATURE}", "X-Amz-Signature=****", "a signed-URL signature"),
        (f"X-Goog-Signature={SIGNATURE}", "X-Goog-Signature=****", "a signed-URL signature"),
        (f"token={SIGNATURE}", "token=****", "an access token"),
        (
            f"AWSAccessKeyId=AKIAIOSFODNN7EXAMPLE&Signature={SIGNATURE}",
            "AWSAccessKeyId=****&Signature=****",
            "an AWS access key id and a signed-URL signature",
        ),
    ],
)
def test_signed_url_is_masked(query: str, masked: str, kind: str) -> None:
    text = (
        '{"wrangledDataset": {"id": 7}, "overrides": {"writesettings": [{"path": '
        f'"https://h.example/o.csv?{query}", "action": "create", "format": "csv"}}]}}}}'
    )
    finding = only(lint(text), "JL209")
    assert finding.message.startswith(f'path "https://h.example/o.csv?{masked}" contains {kind}:')
    assert SIGNATURE not in finding.message


def test_jdbc_password_property_is_masked() -> None:
    text = (
        '{"wrangledDataset": {"id": 7}, "overrides": {"writesettings": [{"path": '
        f'"jdbc:sqlserver://h:1433;user=me@corp;password={PASSWORD}", "action": "create", '
        '"format": "csv"}]}}'
    )
    findings = lint(text)
    finding = only(findings, "JL209")
    assert finding.message.startswith(
        'path "jdbc:sqlserver://h:1433;user=me@corp;password=****" contains a password:'
    )
    assert PASSWORD not in only(findings, "JL208").message


def test_access_key_id_anywhere_is_secret() -> None:
    findings = yaml_lint("""\
        wrangledDataset:
          id: 7
        overrides:
          writesettings:
            - path: s3://bucket/AKIAIOSFODNN7EXAMPLE/x.csv
              action: create
              format: csv
    """)
    assert only(findings, "JL209").message.startswith(
        'path "s3://bucket/****/x.csv" contains an AWS access key id:'
    )


@pytest.mark.parametrize(
    "path",
    [
        "hdfs://hadoop:50070/trifacta/queryResults/user@example.com/x.csv",
        "wasbs://container@account.blob.core.windows.net/out/x.csv",
        "hdfs://user@namenode:8020/out/x.csv",
    ],
)
def test_at_sign_without_password_is_clean(path: str) -> None:
    text = (
        '{"wrangledDataset": {"id": 7}, "overrides": {"writesettings": '
        f'[{{"path": "{path}", "action": "create", "format": "csv"}}]}}}}'
    )
    assert "JL209" not in codes(lint(text))


def test_redactions_cover_the_secret_characters() -> None:
    text = dedent(f"""\
        wrangledDataset:
          id: 7
        overrides:
          writesettings:
            - path: "s3://AKIAIOSFODNN7EXAMPLE:{PASSWORD}@bucket/x.csv"
              action: create
              format: csv
            - path: https://h.example/o.csv?sig={SIGNATURE}
              action: create
              format: csv
    """)
    result = lint_bytes(text.encode(), "spec.jobspec.yaml", "yaml", Settings())
    redacted = {text[span.start : span.end] for span in result.redactions}
    assert redacted == {"AKIAIOSFODNN7EXAMPLE", PASSWORD, SIGNATURE}


def test_escaped_secret_redacts_whole_value() -> None:
    # The JSON escape \u0061 is "a": the password is not in the text verbatim.
    text = (
        '{"wrangledDataset": {"id": 7}, "overrides": {"writesettings": [{"path": '
        '"s3://user:p\\u0061ss@bucket/x.csv", "action": "create", "format": "csv"}]}}'
    )
    result = lint_bytes(text.encode(), "spec.jobspec.json", "json", Settings())
    redacted = {text[span.start : span.end] for span in result.redactions}
    assert redacted == {'"s3://user:p\\u0061ss@bucket/x.csv"'}


@pytest.mark.parametrize("report_format", FORMATS)
def test_secret_absent_from_report(report_format: str, tmp_path: Path) -> None:
    spec = tmp_path / "leak.jobspec.yaml"
    spec.write_text(dedent(f"""\
        wrangledDataset:
          id: 7
        overrides:
          writesettings:
            - path: s3://{ACCESS_KEY_ID}:{PASSWORD}@bucket/x.csv
              action: create
              format: csv
            - path: https://h.example/o.json?X-Amz-Signature={SIGNATURE}
              action: create
              format: csv
    """), encoding="utf-8")
    completed = run_cli("check", "--format", report_format, str(spec))
    assert completed.returncode == 1, completed.stderr
    assert "JL209" in completed.stdout
    for secret in (PASSWORD, SIGNATURE, ACCESS_KEY_ID):
        assert secret not in completed.stdout
        assert secret not in completed.stderr


def test_databricks_with_hdfs_is_mismatch() -> None:
    findings = yaml_lint("""\
        wrangledDataset:
          id: 7
        overrides:
          execution: databricksSpark
          profiler: false
          writesettings:
            - path: hdfs://namenode:8020/out/x.csv
              action: create
              format: csv
    """)
    finding = only(findings, "JL210")
    assert (finding.line, finding.column, finding.end_column) == (7, 13, 43)
    assert finding.message == (
        'path "hdfs://namenode:8020/out/x.csv" is on HDFS, which execution "databricksSpark" '
        "(Spark on Azure Databricks) usually cannot reach: write to storage the workspace "
        'reads, such as "dbfs:/..." or "abfss://...", or choose another execution'
    )


def test_emr_with_gcs_is_mismatch_in_v4() -> None:
    text = """\
        wrangledDataset:
          id: 7
        overrides:
          execution: emrSpark
          profiler: false
          writesettings:
            - path: gs://bucket/out/x.csv
              action: create
              format: csv
    """
    finding = only(yaml_lint(text, api="v4"), "JL210")
    assert (finding.line, finding.column) == (7, 13)
    assert finding.message == (
        'path "gs://bucket/out/x.csv" is not on S3, where execution "emrSpark" (Spark on AWS '
        'EMR) writes: use an "s3://" path or choose another execution'
    )
    # In v3, emrSpark is a v4-only value, and that is the only finding about it.
    v3_codes = codes(yaml_lint(text))
    assert "JL402" in v3_codes
    assert "JL210" not in v3_codes


def test_dataflow_with_s3_is_mismatch_in_v4() -> None:
    findings = yaml_lint("""\
        wrangledDataset:
          id: 7
        overrides:
          execution: dataflow
          profiler: false
          writeSettings:
            - path: s3://bucket/out/x.csv
              action: create
              format: csv
    """, api="v4")
    finding = only(findings, "JL210")
    assert finding.pointer == "/overrides/writeSettings/0/path"
    assert finding.message == (
        'path "s3://bucket/out/x.csv" is not on Cloud Storage, where execution "dataflow" '
        '(Google Dataflow) writes: use a "gs://" path or choose another execution'
    )


def test_misspelt_output_key_is_read_as_known_key() -> None:
    findings = yaml_lint("""\
        wrangledDataset:
          id: 7
        overrides:
          writesettings:
            - path: s3://bucket/out/x.csv
              action: create
              formt: json
    """)
    assert "JL104" in codes(findings)
    assert only(findings, "JL205").pointer == "/overrides/writesettings/0/path"
