"""``check --fix`` and ``check --diff`` through the installed command, on copies of fixtures."""

from __future__ import annotations

import json
import shutil
import stat
from pathlib import Path

import pytest

from tests.conftest import (
    FILE_LAYOUTS,
    PATCH_TOOLS,
    REPO,
    apply_diff,
    encode_lines,
    run_cli,
)

FIX_FIXTURES = REPO / "tests" / "data" / "fix"
# Fixture -> its expected text after ``check --fix`` (safe fixes only).
SAFE_CASES = {
    "crlf-typos.jobspec.json": "crlf-typos.expected.jobspec.json",
    "commented.jobspec.yaml": "commented.expected.jobspec.yaml",
}


# Line 1 and line 10 have a safe JL103 fix, so the first hunk changes the line
# that carries a UTF-8 BOM.
ENUM_CASE_LINES = [
    "ranfrom: CLI",
    "wrangledDataset:",
    "  id: 7",
    "overrides:",
    "  execution: photon",
    "  profiler: false",
    "  writesettings:",
    "    - path: s3://bucket/out/a.pqt",
    "      action: create",
    '      format: "parquet"',
]
ENUM_CASE_FIXED_LINES = [
    "ranfrom: cli", *ENUM_CASE_LINES[1:-1], '      format: "pqt"',
]

def copy_fixture(name: str, folder: Path) -> Path:
    target = folder / name.replace(".expected", "")
    shutil.copyfile(FIX_FIXTURES / name, target)
    return target


@pytest.mark.parametrize("name", sorted(SAFE_CASES))
def test_fix_matches_expected_bytes(name: str, tmp_path: Path) -> None:
    path = copy_fixture(name, tmp_path)
    completed = run_cli("check", "--fix", "-q", str(path))
    assert completed.returncode in (0, 1), completed.stderr
    assert path.read_bytes() == (FIX_FIXTURES / SAFE_CASES[name]).read_bytes()


def test_fix_keeps_crlf_line_ends(tmp_path: Path) -> None:
    path = copy_fixture("crlf-typos.jobspec.json", tmp_path)
    run_cli("check", "--fix", str(path))
    data = path.read_bytes()
    assert data.count(b"\r\n") == data.count(b"\n")
    assert data.endswith(b"}\r\n")


def test_fix_reports_what_is_left(tmp_path: Path) -> None:
    path = copy_fixture("crlf-typos.jobspec.json", tmp_path)
    completed = run_cli("check", "--fix", "-q", "--format", "json", str(path))
    report = json.loads(completed.stdout)
    left = [(f["code"], f["line"], f["column"]) for f in report["findings"]]
    # The string "false" for header has only an unsafe fix, so it stays.
    assert left == [("JL401", 1, 1), ("JL102", 18, 19)]
    assert completed.returncode == 1
    assert "applied 6 fixes to 1 file; 1 unsafe fix not applied" in completed.stderr


def test_fix_twice_changes_nothing(tmp_path: Path) -> None:
    path = copy_fixture("commented.jobspec.yaml", tmp_path)
    run_cli("check", "--fix", str(path))
    once = path.read_bytes()
    completed = run_cli("check", "--fix", str(path))
    assert path.read_bytes() == once
    assert "applied 0 fixes to 0 files" in completed.stderr


def test_unsafe_fixes_apply_typos(tmp_path: Path) -> None:
    path = copy_fixture("unsafe.jobspec.json", tmp_path)
    safe_only = run_cli("check", "--fix", str(path))
    assert path.read_bytes() == (FIX_FIXTURES / "unsafe.jobspec.json").read_bytes()
    assert "2 unsafe fixes not applied" in safe_only.stderr
    completed = run_cli("check", "--fix", "--unsafe-fixes", str(path))
    assert path.read_bytes() == (FIX_FIXTURES / "unsafe.expected.jobspec.json").read_bytes()
    assert completed.returncode == 0


def test_diff_writes_nothing(tmp_path: Path) -> None:
    path = copy_fixture("commented.jobspec.yaml", tmp_path)
    before = path.read_bytes()
    completed = run_cli("check", "--diff", str(path))
    assert path.read_bytes() == before
    assert completed.returncode == 1
    assert completed.stdout.startswith(f"--- a/{path}\n+++ b/{path}\n")
    assert '-  id: "1234567"   # quoted by the template\n' in completed.stdout
    assert "+  id: 1234567   # quoted by the template\n" in completed.stdout


def test_diff_clean_file_exits_zero(tmp_path: Path) -> None:
    path = tmp_path / "clean.jobspec.json"
    path.write_text('{"wrangledDataset": {"id": 7}}\n')
    completed = run_cli("check", "--diff", str(path))
    assert completed.returncode == 0
    assert completed.stdout == ""


def test_diff_masks_secrets(tmp_path: Path) -> None:
    path = tmp_path / "secret.jobspec.json"
    path.write_text(
        '{"wrangledDataset": {"id": "7"}, "overrides": {"writesettings": [{"path": '
        '"s3://AKIDEXAMPLE:wJalrXUtnFEMIK7MDENG@analytics-bucket/out/a.csv", '
        '"action": "create", "format": "Csv"}]}}\n'
    )
    completed = run_cli("check", "--diff", str(path))
    assert completed.returncode == 1
    assert "wJalrXUtnFEMIK7MDENG" not in completed.stdout
    assert "AKIDEXAMPLE" not in completed.stdout
    assert '"format": "csv"' in completed.stdout


# The diff is UTF-8 whatever the encoding of standard output.
@pytest.mark.parametrize("stdout_encoding", ["utf-8", "latin-1"])
def test_diff_keeps_bom_on_first_line(stdout_encoding: str, tmp_path: Path) -> None:
    path = tmp_path / "a.jobspec.yaml"
    path.write_bytes(encode_lines(ENUM_CASE_LINES, "\r\n", bom=True))
    completed = run_cli("check", "--diff", path.name, cwd=tmp_path,
                        env={"PYTHONIOENCODING": stdout_encoding})
    assert completed.returncode == 1
    assert completed.stdout == (
        "--- a/a.jobspec.yaml\n"
        "+++ b/a.jobspec.yaml\n"
        "@@ -1,4 +1,4 @@\n"
        "-\ufeffranfrom: CLI\r\n"
        "+\ufeffranfrom: cli\r\n"
        " wrangledDataset:\r\n"
        "   id: 7\r\n"
        " overrides:\r\n"
        "@@ -7,4 +7,4 @@\n"
        "   writesettings:\r\n"
        "     - path: s3://bucket/out/a.pqt\r\n"
        "       action: create\r\n"
        '-      format: "parquet"\r\n'
        '+      format: "pqt"\r\n'
    )


def test_diff_without_bom_has_none(tmp_path: Path) -> None:
    path = tmp_path / "a.jobspec.yaml"
    path.write_bytes(encode_lines(ENUM_CASE_LINES, "\n", bom=False))
    completed = run_cli("check", "--diff", path.name, cwd=tmp_path)
    assert completed.stdout.startswith(
        "--- a/a.jobspec.yaml\n+++ b/a.jobspec.yaml\n@@ -1,4 +1,4 @@\n"
        "-ranfrom: CLI\n+ranfrom: cli\n"
    )
    assert "\ufeff" not in completed.stdout


@pytest.mark.parametrize("tool", sorted(PATCH_TOOLS))
@pytest.mark.parametrize(("bom", "newline"), FILE_LAYOUTS)
def test_diff_applies_like_fix(tool: str, bom: bool, newline: str, tmp_path: Path) -> None:
    name = "a.jobspec.yaml"
    original = encode_lines(ENUM_CASE_LINES, newline, bom)
    fixed_path = tmp_path / "fixed" / name
    fixed_path.parent.mkdir()
    fixed_path.write_bytes(original)
    run_cli("check", "--fix", name, cwd=fixed_path.parent)
    patched_path = tmp_path / "patched" / name
    patched_path.parent.mkdir()
    patched_path.write_bytes(original)

    completed = run_cli("check", "--diff", name, cwd=patched_path.parent)
    apply_diff(tool, completed.stdout, patched_path.parent)

    assert fixed_path.read_bytes() == encode_lines(ENUM_CASE_FIXED_LINES, newline, bom)
    assert patched_path.read_bytes() == fixed_path.read_bytes()


@pytest.mark.parametrize("tool", sorted(PATCH_TOOLS))
def test_diff_of_name_with_space_applies(tool: str, tmp_path: Path) -> None:
    name = "my spec.jobspec.yaml"
    original = encode_lines(ENUM_CASE_LINES, "\n", bom=False)
    path = tmp_path / name
    path.write_bytes(original)

    completed = run_cli("check", "--diff", name, cwd=tmp_path)
    apply_diff(tool, completed.stdout, tmp_path)

    assert completed.stdout.startswith(f"--- a/{name}\t\n+++ b/{name}\t\n@@ ")
    assert path.read_bytes() == encode_lines(ENUM_CASE_FIXED_LINES, "\n", bom=False)


@pytest.mark.parametrize("form", ["dot", "absolute", "link"])
def test_diff_header_path_relative(form: str, tmp_path: Path) -> None:
    name = "a.jobspec.yaml"
    path = tmp_path / name
    path.write_bytes(encode_lines(ENUM_CASE_LINES, "\n", bom=False))
    (tmp_path / "link.jobspec.yaml").symlink_to(path)
    given = {"dot": f"./{name}", "absolute": str(path), "link": "link.jobspec.yaml"}[form]

    completed = run_cli("check", "--diff", given, cwd=tmp_path)
    apply_diff("git apply", completed.stdout, tmp_path)

    assert completed.stdout.startswith(f"--- a/{name}\n+++ b/{name}\n@@ ")
    assert path.read_bytes() == encode_lines(ENUM_CASE_FIXED_LINES, "\n", bom=False)


def test_fix_keeps_file_mode(tmp_path: Path) -> None:
    path = copy_fixture("unsafe.jobspec.json", tmp_path)
    path.chmod(0o640)
    run_cli("check", "--fix", "--unsafe-fixes", str(path))
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["unsafe.jobspec.json"]


@pytest.mark.parametrize(
    ("name", "text", "reason"),
    [
        ("broken.jobspec.json", '{"wrangledDataset": {"id": "7"},}\n',
         "the file does not parse (JL001 on line 1)"),
        ("dup.jobspec.yaml", 'wrangledDataset:\n  id: "7"\nwrangledDataset:\n  id: "8"\n',
         "of JL002 (duplicate-key) on line 3"),
    ],
)
def test_fix_leaves_unreadable_body(tmp_path: Path, name: str, text: str, reason: str) -> None:
    path = tmp_path / name
    path.write_text(text)
    completed = run_cli("check", "--fix", str(path))
    assert path.read_text() == text
    assert f"{path}: not fixed, because {reason}\n" in completed.stderr
    assert completed.returncode == 1


def test_fix_moves_nested_parameters(tmp_path: Path) -> None:
    path = tmp_path / "nested.jobspec.json"
    path.write_text(
        '{\n  "wrangledDataset": {"id": 7},\n  "overrides": {\n    "profiler": true,\n'
        '    "runParameters": {\n      "overrides": {"data": [{"key": "a", "value": "b"}]}\n'
        "    }\n  }\n}\n"
    )
    run_cli("check", "--fix", str(path))
    assert path.read_text() == (
        '{\n  "wrangledDataset": {"id": 7},\n  "overrides": {\n    "profiler": true\n  },\n'
        '  "runParameters": {\n    "overrides": {"data": [{"key": "a", "value": "b"}]}\n  }\n}\n'
    )


NESTED_YAML = """\
wrangledDataset:
  id: 7
overrides:
  execution: photon
  # parameters for the month
  runParameters:
    overrides:
      data:
        - key: month
          value: "2024-01"
  writesettings:
    - path: s3://bucket/out/a.csv
      action: create
      format: csv
"""


def test_diff_moves_comment_with_parameters(tmp_path: Path) -> None:
    path = tmp_path / "nested.jobspec.yaml"
    path.write_text(NESTED_YAML)
    completed = run_cli("check", "--diff", path.name, cwd=tmp_path)
    assert completed.returncode == 1
    assert completed.stdout == (
        "--- a/nested.jobspec.yaml\n"
        "+++ b/nested.jobspec.yaml\n"
        "@@ -2,13 +2,13 @@\n"
        "   id: 7\n"
        " overrides:\n"
        "   execution: photon\n"
        "-  # parameters for the month\n"
        "-  runParameters:\n"
        "-    overrides:\n"
        "-      data:\n"
        "-        - key: month\n"
        '-          value: "2024-01"\n'
        "   writesettings:\n"
        "     - path: s3://bucket/out/a.csv\n"
        "       action: create\n"
        "       format: csv\n"
        "+# parameters for the month\n"
        "+runParameters:\n"
        "+  overrides:\n"
        "+    data:\n"
        "+      - key: month\n"
        '+        value: "2024-01"\n'
    )


def test_fix_moves_comment_with_parameters(tmp_path: Path) -> None:
    path = tmp_path / "nested.jobspec.yaml"
    path.write_text(NESTED_YAML)
    completed = run_cli("check", "--fix", "-q", str(path))
    assert completed.returncode == 0, completed.stdout
    assert path.read_text() == (
        "wrangledDataset:\n"
        "  id: 7\n"
        "overrides:\n"
        "  execution: photon\n"
        "  writesettings:\n"
        "    - path: s3://bucket/out/a.csv\n"
        "      action: create\n"
        "      format: csv\n"
        "# parameters for the month\n"
        "runParameters:\n"
        "  overrides:\n"
        "    data:\n"
        "      - key: month\n"
        '        value: "2024-01"\n'
    )


def test_fix_moves_only_own_comments(tmp_path: Path) -> None:
    # A comment that a blank line separates from the key, and a comment at the
    # key's indentation after the block, are not the block's, so they stay.
    path = tmp_path / "nested.jobspec.yaml"
    path.write_text(
        "wrangledDataset:\n"
        "  id: 7\n"
        "overrides:\n"
        "  execution: photon   # the fastest\n"
        "  # about the parameters\n"
        "\n"
        "  # one\n"
        "  # two\n"
        "  runParameters:\n"
        "    overrides:\n"
        "      data:\n"
        "        - key: month\n"
        '          value: "2024-01"\n'
        "        # - key: region\n"
        "  # where the output goes\n"
        "  writesettings:\n"
        "    - path: s3://bucket/out/a.csv\n"
        "      action: create\n"
        "      format: csv\n"
    )
    run_cli("check", "--fix", "-q", str(path))
    assert path.read_text() == (
        "wrangledDataset:\n"
        "  id: 7\n"
        "overrides:\n"
        "  execution: photon   # the fastest\n"
        "  # about the parameters\n"
        "\n"
        "  # where the output goes\n"
        "  writesettings:\n"
        "    - path: s3://bucket/out/a.csv\n"
        "      action: create\n"
        "      format: csv\n"
        "# one\n"
        "# two\n"
        "runParameters:\n"
        "  overrides:\n"
        "    data:\n"
        "      - key: month\n"
        '        value: "2024-01"\n'
        "      # - key: region\n"
    )


def test_fix_moves_comments_at_file_end(tmp_path: Path) -> None:
    # The block is the body's last member, so its trailing comment ends the file.
    path = tmp_path / "nested.jobspec.yaml"
    path.write_text(
        "wrangledDataset:\n"
        "  id: 7\n"
        "overrides:\n"
        "  # one\n"
        "  runParameters:\n"
        "    overrides:\n"
        "      data: []\n"
        "    # last\n"
    )
    run_cli("check", "--fix", "-q", str(path))
    assert path.read_text() == (
        "wrangledDataset:\n"
        "  id: 7\n"
        "overrides: {}\n"
        "# one\n"
        "runParameters:\n"
        "  overrides:\n"
        "    data: []\n"
        "  # last\n"
    )


def test_fix_leaves_hash_in_string(tmp_path: Path) -> None:
    # The line above the key is inside a quoted string, not a comment.
    path = tmp_path / "nested.jobspec.yaml"
    path.write_text(
        "wrangledDataset:\n"
        "  id: 7\n"
        "overrides:\n"
        '  execution: "photon\n'
        '  # not a comment"\n'
        "  runParameters:\n"
        "    overrides:\n"
        "      data: []\n"
        "  profiler: false\n"
    )
    run_cli("check", "--fix", "-q", str(path))
    assert path.read_text() == (
        "wrangledDataset:\n"
        "  id: 7\n"
        "overrides:\n"
        '  execution: "photon\n'
        '  # not a comment"\n'
        "  profiler: false\n"
        "runParameters:\n"
        "  overrides:\n"
        "    data: []\n"
    )


def test_unsafe_fix_removes_copy_comment(tmp_path: Path) -> None:
    path = tmp_path / "nested.jobspec.yaml"
    path.write_text(
        "wrangledDataset:\n"
        "  id: 7\n"
        "runParameters:\n"
        "  overrides:\n"
        "    data: []\n"
        "overrides:\n"
        "  execution: photon\n"
        "  # copied from the vendor example\n"
        "  runParameters:\n"
        "    overrides:\n"
        "      data: []\n"
        "  profiler: false\n"
    )
    run_cli("check", "--fix", "--unsafe-fixes", "-q", str(path))
    assert path.read_text() == (
        "wrangledDataset:\n"
        "  id: 7\n"
        "runParameters:\n"
        "  overrides:\n"
        "    data: []\n"
        "overrides:\n"
        "  execution: photon\n"
        "  profiler: false\n"
    )


def test_fix_moves_json_parameters(tmp_path: Path) -> None:
    # JSON has no comments, so only the member moves.
    path = tmp_path / "nested.jobspec.json"
    path.write_text(
        '{\n  "wrangledDataset": {"id": 7},\n  "overrides": {\n    "execution": "photon",\n'
        '    "runParameters": {\n      "overrides": {\n        "data": [\n'
        '          {"key": "month", "value": "2024-01"}\n        ]\n      }\n    },\n'
        '    "writesettings": [\n'
        '      {"path": "s3://bucket/out/a.csv", "action": "create", "format": "csv"}\n'
        "    ]\n  }\n}\n"
    )
    run_cli("check", "--fix", "-q", str(path))
    assert path.read_text() == (
        '{\n  "wrangledDataset": {"id": 7},\n  "overrides": {\n    "execution": "photon",\n'
        '    "writesettings": [\n'
        '      {"path": "s3://bucket/out/a.csv", "action": "create", "format": "csv"}\n'
        "    ]\n  },\n"
        '  "runParameters": {\n    "overrides": {\n      "data": [\n'
        '        {"key": "month", "value": "2024-01"}\n      ]\n    }\n  }\n}\n'
    )


def test_json_report_shows_fix(tmp_path: Path) -> None:
    path = tmp_path / "nested.jobspec.json"
    path.write_text(
        '{"wrangledDataset": {"id": 7}, "runParameters": {}, '
        '"overrides": {"runParameters": {}}}\n'
    )
    completed = run_cli("check", "--format", "json", str(path))
    finding = next(f for f in json.loads(completed.stdout)["findings"] if f["code"] == "JL108")
    assert finding["fix"] == {
        "description": "remove the runParameters inside overrides, which the server ignores: "
                       "the top-level runParameters stays",
        "safe": False,
    }


def test_fix_rejects_standard_input() -> None:
    completed = run_cli("check", "--fix", "-", stdin='{"wrangledDataset": {"id": "7"}}')
    assert completed.returncode == 2
    assert "--fix and --diff work on files, not on standard input" in completed.stderr


def test_unsafe_fixes_alone_is_usage_error(tmp_path: Path) -> None:
    path = copy_fixture("unsafe.jobspec.json", tmp_path)
    completed = run_cli("check", "--unsafe-fixes", str(path))
    assert completed.returncode == 2
    assert "--unsafe-fixes needs --fix or --diff" in completed.stderr


# The safeties of each rule's fixes: JL102's "true" to true, JL103's typo and
# tsv to csv, and JL108's removal of a nested runParameters are unsafe.
FIX_LABELS = [("JL102", "safe,unsafe"), ("JL103", "safe,unsafe"), ("JL104", "safe"),
              ("JL108", "safe,unsafe"), ("JL101", "none")]


@pytest.mark.parametrize(("code", "label"), FIX_LABELS)
def test_rule_shows_fix_label(code: str, label: str) -> None:
    completed = run_cli("rule", code)
    assert completed.stdout.splitlines(keepends=True)[1] == (
        f"default severity: error; targets: v3,v4; fix: {label}\n"
    )


def test_rules_table_shows_fix_labels() -> None:
    completed = run_cli("rules")
    rows = {line[:5]: line for line in completed.stdout.splitlines()}

    assert rows["code "] == (
        "code   name                       severity targets fix         summary"
    )
    assert rows["JL102"] == (
        "JL102  wrong-type                 error    v3,v4   safe,unsafe a value of the wrong "
        "JSON type"
    )
    assert rows["JL104"] == (
        "JL104  unknown-key                error    v3,v4   safe        a key the target API does "
        "not know"
    )
    assert rows["JL101"] == (
        "JL101  missing-key                error    v3,v4   none        a required key is missing"
    )
    for code, label in FIX_LABELS:
        assert rows[code].split()[4] == label, code
