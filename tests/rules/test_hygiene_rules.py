"""JL501 and JL502: placeholders and invisible characters, with position and message pinned."""

from __future__ import annotations

from textwrap import dedent

import pytest

from jobspec_lint.document import Document
from jobspec_lint.engine import lint_bytes, schema_model
from jobspec_lint.findings import Finding
from jobspec_lint.load import Limits, load_bytes
from jobspec_lint.rules import jl501_unreplaced_placeholder
from jobspec_lint.rules.base import RuleContext
from jobspec_lint.settings import Settings
from tests.conftest import codes, lint, only

# Codes every v3 body may report beside the one under test.
BACKGROUND = {"JL401", "JL107"}


def yaml_lint(text: str, **settings: object) -> list[Finding]:
    return lint(dedent(text), "spec.jobspec.yaml", **settings)


def foreground(findings: list[Finding]) -> list[str]:
    return [code for code in codes(findings) if code not in BACKGROUND]


@pytest.mark.parametrize(
    ("written", "message"),
    [
        (
            "<RECIPE_ID>",
            'wrangledDataset.id "<RECIPE_ID>" is a placeholder left in place: replace it with '
            "the real value",
        ),
        (
            "${RECIPE_ID}",
            'wrangledDataset.id "${RECIPE_ID}" is an unexpanded variable left in place: expand '
            "it before the body is linted and sent, or write the value",
        ),
        (
            "update the wrangled_dataset_id",
            'wrangledDataset.id "update the wrangled_dataset_id" is a placeholder left in '
            "place: replace it with the real value",
        ),
        (
            '"{{ recipe_id }}"',
            'wrangledDataset.id "{{ recipe_id }}" is an unrendered template expression left in '
            "place: render the template before the body is linted and sent, or write the value",
        ),
    ],
)
def test_placeholder_id_is_only_jl501(written: str, message: str) -> None:
    findings = yaml_lint(f"""\
        wrangledDataset:
          id: {written}
    """)
    assert foreground(findings) == ["JL501"]
    finding = only(findings, "JL501")
    assert (finding.line, finding.column, finding.end_column) == (2, 7, 7 + len(written))
    assert finding.pointer == "/wrangledDataset/id"
    assert finding.message == message


def test_unquoted_template_is_yaml_mapping() -> None:
    findings = yaml_lint("""\
        wrangledDataset:
          id: {{ recipe_id }}
    """)
    assert foreground(findings) == ["JL501"]
    finding = only(findings, "JL501")
    assert (finding.line, finding.column, finding.end_column) == (2, 7, 22)
    assert finding.message == (
        "wrangledDataset.id is the unrendered template {{ recipe_id }}, which YAML reads as a "
        "mapping: render the template before the body is linted and sent, or write the value"
    )


def test_placeholder_inside_path() -> None:
    findings = yaml_lint("""\
        wrangledDataset:
          id: 7
        overrides:
          writesettings:
            - path: s3://YOUR_BUCKET/out/x.csv
              action: create
              format: csv
    """)
    assert foreground(findings) == ["JL501"]
    finding = only(findings, "JL501")
    assert (finding.line, finding.column) == (5, 13)
    assert finding.message == (
        'overrides.writesettings[0].path "s3://YOUR_BUCKET/out/x.csv" contains the '
        'placeholder "YOUR_BUCKET": replace it with the real value'
    )


def test_placeholder_in_json_is_syntax_error_with_hint() -> None:
    findings = lint('{"wrangledDataset": {"id": <RECIPE_ID>}}')
    assert codes(findings) == ["JL001"]
    assert (findings[0].line, findings[0].column) == (1, 28)
    assert "`<RECIPE_ID>` looks like a placeholder left in place" in findings[0].message


@pytest.mark.parametrize(
    "value",
    ["eu-west-1", "s3://bucket/a<b.csv", "price in $", "a {b} c", "your turn", "update"],
)
def test_ordinary_values_are_not_placeholders(value: str) -> None:
    text = (
        '{"wrangledDataset": {"id": 7}, "runParameters": {"overrides": {"data": '
        f'[{{"key": "k", "value": "{value}"}}]}}}}'
    )
    assert "JL501" not in codes(lint(text))


def load_document(text: str, filename: str) -> Document:
    loaded = load_bytes(text.encode(), filename, "yaml", Limits())
    return loaded.documents[0]


def placeholder_pointers(document: Document, allowed: object) -> list[str]:
    context = RuleContext("v3", False, schema_model("v3"), options={"allow_placeholders": allowed})
    problems = jl501_unreplaced_placeholder.check(document, context)
    return [problem.pointer for problem in problems if problem.report]


def test_allowed_syntaxes_are_not_reported() -> None:
    document = load_document(
        dedent("""\
            wrangledDataset:
              id: {{ recipe_id }}
            runParameters:
              overrides:
                data:
                  - key: region
                    value: ${REGION}
                  - key: bucket
                    value: <BUCKET>
                  - key: owner
                    value: YOUR_NAME
        """),
        "spec.jobspec.yaml",
    )
    every = [
        "/wrangledDataset/id",
        "/runParameters/overrides/data/0/value",
        "/runParameters/overrides/data/1/value",
        "/runParameters/overrides/data/2/value",
    ]
    assert placeholder_pointers(document, None) == every
    assert placeholder_pointers(document, ["{{ }}", "${}"]) == every[2:]
    assert placeholder_pointers(document, ["<>"]) == [every[0], every[1], every[3]]
    # A malformed option is ignored rather than failing the run.
    assert placeholder_pointers(document, 42) == every
    assert placeholder_pointers(document, [None, "${}"]) == [every[0], every[2], every[3]]


def test_allowed_syntax_through_settings() -> None:
    text = '{"wrangledDataset": {"id": 7}, "ranfrom": "${RAN_FROM}"}'
    allowed = Settings(allow_placeholders=("${}",), ignore=("JL401",))
    result = lint_bytes(text.encode(), "spec.jobspec.json", "json", allowed)
    # The template renders the value before sending, so the schema does not
    # judge the placeholder either (no JL103 for ranfrom).
    assert codes(result.findings) == []
    result = lint_bytes(text.encode(), "spec.jobspec.json", "json", Settings(ignore=("JL401",)))
    assert codes(result.findings) == ["JL501"]


def test_zero_width_space_in_key_is_escaped() -> None:
    findings = lint('{"wrangled\\u200bDataset": {"id": 7}}')
    finding = only(findings, "JL502")
    assert (finding.line, finding.column, finding.end_column) == (1, 2, 25)
    assert finding.pointer == "/wrangled\u200bDataset"
    assert finding.message == (
        'key "wrangled\\u200bDataset" in the body contains U+200B ZERO WIDTH SPACE, an '
        "invisible character: delete it"
    )
    # The schema reads the key as wrangledDataset: no missing key, and its
    # content is checked.
    assert codes(findings) == ["JL104", "JL502"]


def test_key_content_is_still_checked() -> None:
    findings = lint('{"wrangled\u200bDataset": {"id": "7"}}')
    assert codes(findings) == ["JL104", "JL502", "JL102"]


def test_no_break_space_in_value() -> None:
    findings = yaml_lint("""\
        wrangledDataset:
          id: 7
        overrides:
          writesettings:
            - path: "s3://bucket/out/daily\\u00a0report.csv"
              action: create
              format: csv
    """)
    assert foreground(findings) == ["JL502"]
    finding = only(findings, "JL502")
    assert (finding.line, finding.column, finding.end_column) == (5, 13, 52)
    assert finding.message == (
        'overrides.writesettings[0].path "s3://bucket/out/daily\\u00a0report.csv" contains '
        "U+00A0 NO-BREAK SPACE, which looks like a space but is not one: replace it with an "
        "ordinary space or delete it"
    )


def test_byte_order_mark_inside_text() -> None:
    findings = lint(
        '{"wrangledDataset": {"id": 7}, "runParameters": {"overrides": {"data": '
        '[{"key": "\ufeffregion", "value": "eu"}]}}}'
    )
    finding = only(findings, "JL502")
    assert finding.pointer == "/runParameters/overrides/data/0/key"
    assert finding.message == (
        'runParameters.overrides.data[0].key "\\ufeffregion" contains U+FEFF ZERO WIDTH '
        "NO-BREAK SPACE (byte order mark), an invisible character: delete it"
    )


def test_bidi_control_in_value() -> None:
    findings = lint(
        '{"wrangledDataset": {"id": 7}, "runParameters": {"overrides": {"data": '
        '[{"key": "file", "value": "report\\u202eFDP.csv"}]}}}'
    )
    assert only(findings, "JL502").message == (
        'runParameters.overrides.data[0].value "report\\u202eFDP.csv" contains U+202E '
        "RIGHT-TO-LEFT OVERRIDE, an invisible character: delete it"
    )


def test_escape_made_tab_in_windows_path() -> None:
    findings = yaml_lint("""\
        wrangledDataset:
          id: 7
        runParameters:
          overrides:
            data:
              - key: folder
                value: "C:\\temp"
    """)
    finding = only(findings, "JL502")
    assert (finding.line, finding.column, finding.end_column) == (7, 16, 25)
    assert finding.message == (
        'runParameters.overrides.data[0].value "C:\\temp" contains U+0009 CHARACTER '
        "TABULATION (tab), made by the escape \\t in a double-quoted string: write \\\\ for "
        "each backslash, or in YAML use single quotes, which keep backslashes as written"
    )


def test_escape_made_control_in_json() -> None:
    findings = lint(
        '{"wrangledDataset": {"id": 7}, "runParameters": {"overrides": {"data": '
        '[{"key": "folder", "value": "C:\\\\data\\bin"}]}}}'
    )
    assert only(findings, "JL502").message == (
        'runParameters.overrides.data[0].value "C:\\\\data\\bin" contains U+0008 BACKSPACE, '
        "made by the escape \\b in a double-quoted string: write \\\\ for each backslash, or "
        "in YAML use single quotes, which keep backslashes as written"
    )


def test_typed_line_breaks_are_clean() -> None:
    findings = yaml_lint("""\
        wrangledDataset:
          id: 7
        runParameters:
          overrides:
            data:
              - key: note
                value: |
                  first line
                  second line
              - key: folder
                value: 'C:\\temp'
    """)
    assert "JL502" not in codes(findings)


def test_tab_delimiter_is_clean_in_v4() -> None:
    findings = lint(
        '{"wrangledDataset": {"id": 7}, "overrides": {"writeSettings": [{"path": '
        '"s3://bucket/out/x.tsv", "action": "create", "format": "csv", "delim": "\\t"}]}}',
        api="v4",
    )
    assert "JL502" not in codes(findings)


def test_invalid_value_claims_invisible_character() -> None:
    findings = lint('{"wrangledDataset": {"id": 7}, "ranfrom": "cli\\u200b"}')
    assert "JL103" in codes(findings)
    assert "JL502" not in codes(findings)
