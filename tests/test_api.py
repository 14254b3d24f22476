"""The Python API: lint_body and lint_text, as code that builds bodies calls them."""

from __future__ import annotations

import pytest

from jobspec_lint import Finding, lint_body, lint_text


def test_lint_body_reports_string_id() -> None:
    findings = lint_body({"wrangledDataset": {"id": "1234567"}}, ignore=("JL401",))
    assert [f.code for f in findings] == ["JL102"]
    finding = findings[0]
    assert isinstance(finding, Finding)
    assert finding.pointer == "/wrangledDataset/id"
    assert (finding.line, finding.column) == (3, 11)
    assert finding.message == "wrangledDataset.id must be an integer, found a string: write 1234567"


def test_lint_body_reads_tuple_as_list() -> None:
    overrides = ({"execution": "photon"},)
    findings = lint_body({"wrangledDataset": {"id": 7}, "overrides": overrides}, ignore="JL401")
    assert [f.code for f in findings] == ["JL102"]
    assert findings[0].pointer == "/overrides"


def test_lint_text_picks_yaml_by_name() -> None:
    findings = lint_text("wrangledDataset:\n  id: 0755\n", "spec.yaml", ignore=["JL401"])
    assert [f.code for f in findings] == ["JL005"]
    assert (findings[0].line, findings[0].column) == (2, 7)


def test_lint_text_first_run_makes_jl107_error() -> None:
    text = '{"wrangledDataset": {"id": 7}}'
    assert lint_text(text, "a.json", ignore="JL401") == []
    (finding,) = lint_text(text, "a.json", first_run=True, ignore="JL401")
    assert finding.code == "JL107"
    assert str(finding.severity) == "error"


def test_unknown_rule_raises() -> None:
    with pytest.raises(ValueError, match='select\\[0\\]: unknown rule "JL999"'):
        lint_body({}, select=["JL999"])


def test_unknown_api_raises() -> None:
    with pytest.raises(ValueError, match="invalid api 'v5': use \"v3\" or \"v4\""):
        lint_body({}, api="v5")
