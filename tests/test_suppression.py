"""Suppression comments in YAML, and JL503 for the ones that hide nothing, through the CLI."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import run_cli

HEADER = "wrangledDataset:\n  id: 7\n"


def lint_yaml(folder: Path, text: str, *args: str) -> list[tuple[int, int, str, str]]:
    """Lint ``text`` as a v4 YAML spec; return (line, column, code, message) of each finding."""
    path = folder / "spec.jobspec.yaml"
    path.write_text(text, encoding="utf-8")
    completed = run_cli("check", "--format", "json", "--api", "v4", *args, str(path))
    assert completed.returncode in (0, 1), completed.stderr
    findings = json.loads(completed.stdout)["findings"]
    return [(f["line"], f["column"], f["code"], f["message"]) for f in findings]


def codes_by_line(findings: list[tuple[int, int, str, str]]) -> list[tuple[int, str]]:
    return [(line, code) for line, _, code, _ in findings]


def test_unsuppressed_finding_reported(tmp_path: Path) -> None:
    findings = lint_yaml(tmp_path, HEADER + "bogus: 1\n")
    assert codes_by_line(findings) == [(3, "JL104")]


def test_directive_on_finding_line(tmp_path: Path) -> None:
    text = HEADER + "bogus: 1  # jobspec-lint: disable=JL104\n"
    assert lint_yaml(tmp_path, text) == []


def test_directive_on_line_above(tmp_path: Path) -> None:
    text = HEADER + "# jobspec-lint: disable=unknown-key\nbogus: 1\n"
    assert lint_yaml(tmp_path, text) == []


def test_directive_two_lines_above_does_nothing(tmp_path: Path) -> None:
    text = HEADER + "# jobspec-lint: disable=JL104\n\nbogus: 1\n"
    assert codes_by_line(lint_yaml(tmp_path, text)) == [(3, "JL503"), (5, "JL104")]


def test_trailing_directive_covers_own_line_only(tmp_path: Path) -> None:
    text = "wrangledDataset:\n  id: 7  # jobspec-lint: disable=JL104\nbogus: 1\n"
    assert codes_by_line(lint_yaml(tmp_path, text)) == [(2, "JL503"), (3, "JL104")]


def test_directive_accepts_prefix_list_and_reason(tmp_path: Path) -> None:
    text = HEADER + "overrides: {}  # jobspec-lint: disable=JL9, JL1 kept for the demo\n"
    findings = lint_yaml(tmp_path, text)
    assert [(line, code) for line, _, code, _ in findings] == [(3, "JL503")]
    _, column, _, message = findings[0]
    # The unknown prefix is reported at its own column.
    assert column == text.splitlines()[2].index("JL9") + 1
    assert message.startswith('suppression comment: unknown rule "JL9"')


def test_disable_file_hides_everywhere(tmp_path: Path) -> None:
    text = "# Daily export\n# jobspec-lint: disable-file=JL104\n---\n" + HEADER + "bogus: 1\nx: 2\n"
    assert lint_yaml(tmp_path, text) == []


def test_disable_file_after_content_is_misplaced(tmp_path: Path) -> None:
    text = HEADER + "# jobspec-lint: disable-file=JL104\nbogus: 1\n"
    findings = lint_yaml(tmp_path, text)
    assert codes_by_line(findings) == [(3, "JL503"), (4, "JL104")]
    assert "disable-file comes after the first content line" in findings[0][3]


def test_directive_inside_block_scalar_does_nothing(tmp_path: Path) -> None:
    text = (
        HEADER
        + "runParameters:\n"
        + "  overrides:\n"
        + "    data:\n"
        + "      - key: note\n"
        + "        value: |\n"
        + "          # jobspec-lint: disable=JL104\n"
        + "bogus: 1\n"
    )
    assert codes_by_line(lint_yaml(tmp_path, text)) == [(9, "JL104")]


def test_directive_inside_quotes_does_nothing(tmp_path: Path) -> None:
    text = HEADER + 'ranfrom: "# jobspec-lint: disable=JL104"\nbogus: 1\n'
    assert (4, "JL104") in codes_by_line(lint_yaml(tmp_path, text))


def test_unused_directive_reports_jl503(tmp_path: Path) -> None:
    text = HEADER + "# jobspec-lint: disable=JL104\noverrides:\n  profiler: true\n"
    findings = lint_yaml(tmp_path, text)
    assert codes_by_line(findings) == [(3, "JL503"), (4, "JL107")]
    _, column, _, message = findings[0]
    assert column == len("# jobspec-lint: disable=") + 1
    assert message == (
        "the suppression of JL104 hides no finding on this line or the next: remove it"
    )


def test_unused_part_of_directive_reports_jl503(tmp_path: Path) -> None:
    text = HEADER + "bogus: 1  # jobspec-lint: disable=JL104,JL106\n"
    findings = lint_yaml(tmp_path, text)
    assert codes_by_line(findings) == [(3, "JL503")]
    assert "JL106" in findings[0][3]


def test_directive_for_rule_not_run_is_not_reported(tmp_path: Path) -> None:
    # JL104 is ignored, so its suppression may be needed in another run.
    text = HEADER + "ranfrom: ui  # jobspec-lint: disable=JL104\n"
    assert lint_yaml(tmp_path, text, "--ignore", "JL104") == []


def test_invalid_directive_reports_jl503(tmp_path: Path) -> None:
    text = HEADER + "bogus: 1  # jobspec-lint: disable JL104\n"
    findings = lint_yaml(tmp_path, text)
    assert codes_by_line(findings) == [(3, "JL104"), (3, "JL503")]
    assert findings[1][3].startswith("invalid suppression comment: ")


def test_jl503_can_be_ignored(tmp_path: Path) -> None:
    text = HEADER + "# jobspec-lint: disable=JL104\n"
    assert lint_yaml(tmp_path, text, "--ignore", "unused-suppression") == []


def test_json_has_no_suppression_comments(tmp_path: Path) -> None:
    path = tmp_path / "spec.jobspec.json"
    path.write_text('{"wrangledDataset": {"id": 7}, "bogus": "# jobspec-lint: disable=JL104"}\n')
    completed = run_cli("check", "-q", "--api", "v4", str(path))
    assert completed.returncode == 1
    assert "JL104" in completed.stdout
