"""JL301 to JL304: run parameters, with code, position and message pinned."""

from __future__ import annotations

from textwrap import dedent

from jobspec_lint.findings import Finding
from tests.conftest import codes, lint, only


def yaml_lint(text: str, **settings: object) -> list[Finding]:
    return lint(dedent(text), "spec.jobspec.yaml", **settings)


def test_repeated_key_names_first_entry() -> None:
    findings = yaml_lint("""\
        wrangledDataset:
          id: 7
        runParameters:
          overrides:
            data:
              - key: region
                value: eu
              - key: region
                value: us
    """)
    finding = only(findings, "JL301")
    assert (finding.line, finding.column, finding.end_column) == (8, 14, 20)
    assert finding.pointer == "/runParameters/overrides/data/1/key"
    assert finding.message == (
        'parameter "region" is given twice, first in runParameters.overrides.data[0] at '
        "line 6: remove one of them, because only one value can apply"
    )
    assert str(finding.severity) == "error"


def test_keys_differing_in_case_are_distinct() -> None:
    findings = yaml_lint("""\
        wrangledDataset:
          id: 7
        runParameters:
          overrides:
            data:
              - key: region
                value: eu
              - key: Region
                value: us
    """)
    assert "JL301" not in codes(findings)


def test_output_parameters_are_a_separate_list() -> None:
    text = """\
        wrangledDataset:
          id: 7
        runParameters:
          overrides:
            data:
              - key: region
                value: eu
        overrides:
          writeSettings:
            - path: s3://bucket/out/x.csv
              action: create
              format: csv
              runParameters:
                overrides:
                  data:
                    - key: region
                      value: us
                    - key: region
                      value: ca
    """
    finding = only(yaml_lint(text, api="v4"), "JL301")
    assert (finding.line, finding.column) == (18, 20)
    assert finding.message == (
        'parameter "region" is given twice, first in '
        "overrides.writeSettings[0].runParameters.overrides.data[0] at line 16: remove one "
        "of them, because only one value can apply"
    )


def test_blank_key_is_empty() -> None:
    findings = lint(
        '{"wrangledDataset": {"id": 7}, "runParameters": {"overrides": {"data": '
        '[{"key": "   ", "value": "eu"}, {"key": "", "value": "us"}]}}}'
    )
    assert codes(findings).count("JL302") == 2
    blank, empty = [f for f in findings if f.code == "JL302"]
    assert (blank.line, blank.column, blank.end_column) == (1, 81, 86)
    assert blank.message == (
        'parameter key "   " is only white space: write the name of a parameter defined in '
        "the flow"
    )
    assert empty.message == (
        'parameter key "" is empty: write the name of a parameter defined in the flow'
    )


def test_number_value_says_to_quote() -> None:
    findings = yaml_lint("""\
        wrangledDataset:
          id: 7
        runParameters:
          overrides:
            data:
              - key: month
                value: 2
    """)
    finding = only(findings, "JL303")
    assert (finding.line, finding.column, finding.end_column) == (7, 16, 17)
    assert finding.message == (
        'value 2 of parameter "month" is sent as a number, not a string: quote it, write "2"'
    )
    assert str(finding.severity) == "warning"


def test_number_value_is_shown_as_written() -> None:
    finding = only(
        lint(
            '{"wrangledDataset": {"id": 7}, "runParameters": {"overrides": {"data": '
            '[{"key": "ratio", "value": 1.10}]}}}'
        ),
        "JL303",
    )
    assert finding.message == (
        'value 1.10 of parameter "ratio" is sent as a number, not a string: quote it, '
        'write "1.10"'
    )


def test_boolean_value_says_to_quote() -> None:
    finding = only(
        lint(
            '{"wrangledDataset": {"id": 7}, "runParameters": {"overrides": {"data": '
            '[{"key": "debug", "value": true}]}}}'
        ),
        "JL303",
    )
    assert finding.message == (
        'value true of parameter "debug" is sent as a boolean, not a string: quote it, '
        'write "true"'
    )


def test_leading_zero_is_jl005_not_jl303() -> None:
    findings = yaml_lint("""\
        wrangledDataset:
          id: 7
        runParameters:
          overrides:
            data:
              - key: month
                value: 02
    """)
    assert "JL005" in codes(findings)
    assert "JL303" not in codes(findings)


def test_empty_value_is_failed_substitution() -> None:
    findings = yaml_lint("""\
        wrangledDataset:
          id: 7
        runParameters:
          overrides:
            data:
              - key: region
                value: ""
    """)
    finding = only(findings, "JL304")
    assert (finding.line, finding.column, finding.end_column) == (7, 16, 18)
    assert finding.message == (
        'value "" of parameter "region" is empty, which usually means a substitution '
        "failed: write the value, or remove the parameter to keep the flow's default"
    )
    assert str(finding.severity) == "warning"


def test_space_value_is_not_empty() -> None:
    findings = lint(
        '{"wrangledDataset": {"id": 7}, "runParameters": {"overrides": {"data": '
        '[{"key": "separator", "value": " "}]}}}'
    )
    assert "JL304" not in codes(findings)


def test_misplaced_parameters_are_only_jl108() -> None:
    findings = lint(
        '{"wrangledDataset": {"id": 7}, "overrides": {"runParameters": {"overrides": '
        '{"data": [{"key": "a", "value": ""}, {"key": "a", "value": 1}]}}}}'
    )
    assert [c for c in codes(findings) if c.startswith("JL3")] == []
    assert "JL108" in codes(findings)
