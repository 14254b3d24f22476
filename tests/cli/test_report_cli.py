"""The report formats, ``--output-file`` and ``--color`` through the installed command.

The linted file has a comma and a space in its folder name and non-ASCII text
in its file name. Its last key contains quotes, ``%``, ``::``, a line break and
non-ASCII text, and an emoji is before it on its line, so its UTF-16
column differs from its code-point column.
"""

from __future__ import annotations

import json
import os
import stat
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from jobspec_lint.cli.check import use_color
from jobspec_lint.report import FORMATS
from jobspec_lint.report.concise_report import join_lines
from jobspec_lint.report.github_report import escape_data
from jobspec_lint.rules import rules_by_code
from tests.conftest import FIXTURES, run_cli
from tests.report.sarif_validation import assert_valid_sarif

FOLDER = "dir, with space"
SPEC_PATH = f"{FOLDER}/ugly é.jobspec.json"
SPEC_URI = "dir%2C%20with%20space/ugly%20%C3%A9.jobspec.json"
SPEC_TEXT = '{"😀": 1, "wrangledDataset": {"id": 7}, "100%::it\'s \\"é→\\"\\nx": 2}\n'
# The ugly key's span in code points; the emoji before it adds one UTF-16 unit.
UGLY_COLUMN, UGLY_END_COLUMN = 40, 62


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """Create a folder with one job spec that has the ugly key; return the folder."""
    (tmp_path / FOLDER).mkdir()
    (tmp_path / SPEC_PATH).write_text(SPEC_TEXT, encoding="utf-8")
    return tmp_path


def json_findings(tree: Path) -> list[dict[str, Any]]:
    completed = run_cli("check", "--format", "json", ".", cwd=tree)
    findings: list[dict[str, Any]] = json.loads(completed.stdout)["findings"]
    return findings


def ugly_finding(tree: Path) -> dict[str, Any]:
    """Return the JSON report's finding for the ugly key."""
    matching = [f for f in json_findings(tree) if f["column"] == UGLY_COLUMN]
    assert len(matching) == 1, matching
    return matching[0]


def test_ugly_key_is_reported(tree: Path) -> None:
    finding = ugly_finding(tree)
    assert finding["code"] == "JL104"
    assert finding["path"] == SPEC_PATH
    assert (finding["line"], finding["end_line"], finding["end_column"]) == (1, 1, UGLY_END_COLUMN)
    # Messages show keys as JSON, so the key's line break arrives escaped.
    for fragment in ('"', "'", "%", "::", "\\n", "é", "→"):
        assert fragment in finding["message"], fragment
    assert "\n" not in finding["message"]


@pytest.mark.parametrize("format_name", FORMATS)
def test_every_format_exits_one_on_errors(tree: Path, format_name: str) -> None:
    completed = run_cli("check", "--format", format_name, ".", cwd=tree)
    assert completed.returncode == 1, completed.stderr
    assert completed.stderr == ""


@pytest.mark.parametrize("format_name", FORMATS)
def test_every_format_exits_zero_when_clean(format_name: str) -> None:
    completed = run_cli("check", "--format", format_name, str(FIXTURES / "valid"))
    assert completed.returncode == 0, completed.stderr


# concise


def test_concise_via_cli(tree: Path) -> None:
    completed = run_cli("check", "--format", "concise", ".", cwd=tree)
    lines = completed.stdout.splitlines()
    assert len(lines) == len(json_findings(tree))
    message = join_lines(ugly_finding(tree)["message"])
    assert f"{SPEC_PATH}:1:{UGLY_COLUMN}: error JL104 {message}" in lines


# github


def test_github_via_cli(tree: Path) -> None:
    completed = run_cli("check", "--format", "github", ".", cwd=tree)
    lines = completed.stdout.splitlines()
    assert len(lines) == len(json_findings(tree))
    message = escape_data(ugly_finding(tree)["message"])
    assert "%25" in message
    expected = (
        f"::error file=dir%2C with space/ugly é.jobspec.json,line=1,col={UGLY_COLUMN},endLine=1,"
        f"endColumn={UGLY_END_COLUMN},title=JL104 unknown-key::{message}"
    )
    assert expected in lines


# sarif


def sarif_via_cli(tree: Path, *options: str) -> dict[str, Any]:
    completed = run_cli("check", "--format", "sarif", *options, ".", cwd=tree)
    log: dict[str, Any] = json.loads(completed.stdout)
    assert_valid_sarif(log)
    return log


def test_sarif_via_cli_validates(tree: Path) -> None:
    log = sarif_via_cli(tree)
    results = log["runs"][0]["results"]
    assert len(results) == len(json_findings(tree))


def test_sarif_via_cli_utf16_columns(tree: Path) -> None:
    results = sarif_via_cli(tree)["runs"][0]["results"]
    regions = [result["locations"][0]["physicalLocation"]["region"] for result in results]
    assert {"startLine": 1, "startColumn": UGLY_COLUMN + 1, "endLine": 1,
            "endColumn": UGLY_END_COLUMN + 1} in regions
    # The emoji key itself: one code point, two UTF-16 code units, inside quotes.
    assert {"startLine": 1, "startColumn": 2, "endLine": 1, "endColumn": 6} in regions


def test_sarif_via_cli_uri(tree: Path) -> None:
    results = sarif_via_cli(tree)["runs"][0]["results"]
    uris = {result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for result in results}
    assert uris == {SPEC_URI}


def test_sarif_stdin_filename(tree: Path) -> None:
    completed = run_cli("check", "--format", "sarif", "--stdin-filename", "in put,1.jobspec.json",
                        "-", stdin=SPEC_TEXT, cwd=tree)
    log = json.loads(completed.stdout)
    assert_valid_sarif(log)
    result = log["runs"][0]["results"][0]
    uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "in%20put%2C1.jobspec.json"


def sarif_rule(tree: Path, code: str) -> dict[str, Any]:
    """Return the reporting descriptor of ``code`` in the SARIF report of ``tree``."""
    rules = sarif_via_cli(tree)["runs"][0]["tool"]["driver"]["rules"]
    descriptor: dict[str, Any] = next(rule for rule in rules if rule["id"] == code)
    return descriptor


JL203_DESCRIPTION = (
    "Only csv and json outputs can be written as a single file. With `avro` or `pqt` (and "
    "v4's `hyper`) the server accepts `asSingleFile: true` and the job ignores it, so a "
    "process that waits for one file finds a folder of part files instead. An invalid "
    "`format` is JL103's, not this rule's."
)
JL203_PARAGRAPH = (
    "Only csv and json outputs can be written as a single file. With `avro` or\n"
    "`pqt` (and v4's `hyper`) the server accepts `asSingleFile: true` and the\n"
    "job ignores it, so a process that waits for one file finds a folder of part\n"
    "files instead. An invalid `format` is JL103's, not this rule's.\n"
)
JL203_FAILING_BODY = (
    "wrangledDataset:\n"
    "  id: 7\n"
    "overrides:\n"
    "  writesettings:\n"
    "    - path: s3://bucket/out/result.pqt\n"
    "      action: create\n"
    "      format: pqt\n"
    "      asSingleFile: true\n"
)
JL203_PASSING_BODY = JL203_FAILING_BODY.replace("result.pqt", "result.csv").replace(
    "format: pqt", "format: csv"
)


def indent_lines(text: str) -> str:
    return "".join("    " + line if line.strip() else line
                   for line in text.splitlines(keepends=True))


def test_sarif_rule_text_has_no_markup(tree: Path) -> None:
    descriptor = sarif_rule(tree, "JL203")

    assert descriptor["fullDescription"]["text"] == JL203_DESCRIPTION
    assert descriptor["help"]["text"] == (
        JL203_PARAGRAPH
        + "\nFailing example (`spec.jobspec.yaml`):\n\n" + indent_lines(JL203_FAILING_BODY)
        + "\nPassing example (`spec.jobspec.yaml`):\n\n" + indent_lines(JL203_PASSING_BODY)
    ).rstrip("\n")


def test_sarif_rule_help_is_markdown(tree: Path) -> None:
    descriptor = sarif_rule(tree, "JL203")

    assert descriptor["help"]["markdown"] == (
        JL203_PARAGRAPH
        + "\nFailing example (`spec.jobspec.yaml`):\n\n```yaml\n" + JL203_FAILING_BODY + "```\n"
        + "\nPassing example (`spec.jobspec.yaml`):\n\n```yaml\n" + JL203_PASSING_BODY + "```"
    )


def test_sarif_every_rule_lacks_markup(tree: Path) -> None:
    rules = sarif_via_cli(tree)["runs"][0]["tool"]["driver"]["rules"]
    for rule in rules:
        texts = {
            "fullDescription.text": rule["fullDescription"]["text"],
            "help.text": rule["help"]["text"],
            "help.markdown": rule["help"]["markdown"],
        }
        for field, text in texts.items():
            assert "``" not in text.replace("```", ""), f"{rule['id']} {field}"
            assert "::\n" not in text, f"{rule['id']} {field}"


def test_sarif_description_keeps_list_items(tree: Path) -> None:
    description = sarif_rule(tree, "JL405")["fullDescription"]["text"]

    assert "\n- a call to `/v3/jobGroups`: call `/v4/jobGroups`;\n" in description
    assert "\n- a read of `jobIds`: read `jobs.data[].id`;\n" in description


# junit and gitlab


def test_junit_via_cli(tree: Path) -> None:
    completed = run_cli("check", "--format", "junit", ".", cwd=tree)
    suite = ET.fromstring(completed.stdout.encode("utf-8"))
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("1", "1", "0")
    case = suite.find("testcase")
    assert case is not None
    assert case.get("name") == SPEC_PATH
    failing = [f for f in json_findings(tree) if f["severity"] in ("error", "warning")]
    assert len(case.findall("failure")) == len(failing)


def test_gitlab_via_cli(tree: Path) -> None:
    completed = run_cli("check", "--format", "gitlab", ".", cwd=tree)
    issues = json.loads(completed.stdout)
    assert len(issues) == len(json_findings(tree))
    for issue in issues:
        assert set(issue) >= {"description", "check_name", "fingerprint", "severity", "location"}
        assert issue["location"]["path"] == SPEC_PATH
        assert isinstance(issue["location"]["lines"]["begin"], int)
    assert len({issue["fingerprint"] for issue in issues}) == len(issues)


def test_gitlab_fingerprints_survive_inserted_lines(tree: Path) -> None:
    before = json.loads(run_cli("check", "--format", "gitlab", ".", cwd=tree).stdout)
    (tree / SPEC_PATH).write_text("\n\n\n" + SPEC_TEXT, encoding="utf-8")
    after = json.loads(run_cli("check", "--format", "gitlab", ".", cwd=tree).stdout)
    assert [issue["fingerprint"] for issue in after] == [issue["fingerprint"] for issue in before]
    assert [issue["location"]["lines"]["begin"] for issue in after] == [4, 4, 4]


# --output-file


def test_output_file_gets_format_stdout_gets_text(tree: Path) -> None:
    completed = run_cli("check", "--format", "sarif", "--output-file", "out.sarif", ".", cwd=tree)
    assert completed.returncode == 1
    assert completed.stdout.endswith("1 file linted: 2 errors, 0 warnings, 1 info.\n")
    log = json.loads((tree / "out.sarif").read_text(encoding="utf-8"))
    assert_valid_sarif(log)
    assert sorted(path.name for path in tree.iterdir()) == [FOLDER, "out.sarif"]


def test_output_file_quiet_stdout(tree: Path) -> None:
    completed = run_cli("check", "--format", "junit", "--output-file", "out.xml", "--quiet", ".",
                        cwd=tree)
    finding_lines = [line for line in completed.stdout.splitlines()
                     if line.startswith(f"{SPEC_PATH}:1:")]
    assert len(finding_lines) == len(json_findings(tree))
    assert "linted" not in completed.stdout
    assert " | " not in completed.stdout
    ET.fromstring((tree / "out.xml").read_bytes())


def test_output_file_replaces_and_keeps_mode(tree: Path) -> None:
    target = tree / "report.json"
    target.write_text("old report", encoding="utf-8")
    target.chmod(0o640)
    run_cli("check", "--format", "gitlab", "--output-file", str(target), ".", cwd=tree)
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert json.loads(target.read_text(encoding="utf-8"))[0]["check_name"].startswith("JL")


def test_output_file_never_coloured(tree: Path) -> None:
    run_cli("check", "--format", "concise", "--output-file", "out.txt", "--color", "always", ".",
            cwd=tree)
    assert "\x1b[" not in (tree / "out.txt").read_text(encoding="utf-8")


def test_output_file_missing_folder(tree: Path) -> None:
    completed = run_cli("check", "--format", "sarif", "--output-file", "missing/out.sarif", ".",
                        cwd=tree)
    # Checked before the run, so that a long run does not end on this error.
    assert completed.returncode == 2
    assert completed.stderr == (
        "jobspec-lint: error: --output-file missing/out.sarif: the folder missing does not "
        "exist: create it first\n"
    )
    assert completed.stdout == ""
    assert not (tree / "missing").exists()


def test_output_file_is_folder(tree: Path) -> None:
    completed = run_cli("check", "--format", "sarif", "--output-file", FOLDER, ".", cwd=tree)
    assert completed.returncode == 2
    assert completed.stderr == (
        f"jobspec-lint: error: --output-file {FOLDER}: is a folder: name a file\n"
    )
    assert sorted(path.name for path in tree.iterdir()) == [FOLDER]


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0,
                    reason="needs POSIX permissions that apply to the user (not root)")
def test_output_file_unwritable_folder(tree: Path) -> None:
    locked = tree / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        completed = run_cli("check", "--format", "sarif", "--output-file", "locked/out.sarif",
                            FOLDER, cwd=tree)
    finally:
        locked.chmod(0o700)
    assert completed.returncode == 2
    assert "Permission denied" in completed.stderr


def test_output_file_listed_in_help() -> None:
    completed = run_cli("check", "--help")
    assert "--output-file PATH" in completed.stdout


# --color


def test_color_always_paints(tree: Path) -> None:
    completed = run_cli("check", "--color", "always", ".", cwd=tree)
    assert "\x1b[31merror\x1b[0m" in completed.stdout


def test_color_never_despite_force_color(tree: Path) -> None:
    completed = run_cli("check", "--color", "never", ".", cwd=tree,
                        env={"NO_COLOR": "", "FORCE_COLOR": "1"})
    assert "\x1b[" not in completed.stdout


def test_color_auto_plain_in_pipe(tree: Path) -> None:
    completed = run_cli("check", ".", cwd=tree, env={"NO_COLOR": ""})
    assert "\x1b[" not in completed.stdout


def test_color_auto_force_color(tree: Path) -> None:
    completed = run_cli("check", ".", cwd=tree, env={"NO_COLOR": "", "FORCE_COLOR": "1"})
    assert "\x1b[31merror\x1b[0m" in completed.stdout


def test_color_auto_no_color_wins(tree: Path) -> None:
    completed = run_cli("check", ".", cwd=tree, env={"NO_COLOR": "1", "FORCE_COLOR": "1"})
    assert "\x1b[" not in completed.stdout


def test_color_ignored_by_machine_formats(tree: Path) -> None:
    for format_name in ("json", "sarif", "github", "junit", "gitlab"):
        completed = run_cli("check", "--format", format_name, "--color", "always", ".", cwd=tree)
        assert "\x1b[" not in completed.stdout, format_name


@pytest.mark.parametrize(
    ("choice", "environment", "is_tty", "expected"),
    [
        ("always", {"NO_COLOR": "1"}, False, True),
        ("never", {"FORCE_COLOR": "1"}, True, False),
        ("auto", {}, True, True),
        ("auto", {}, False, False),
        ("auto", {"NO_COLOR": "1"}, True, False),
        ("auto", {"NO_COLOR": ""}, True, True),
        ("auto", {"FORCE_COLOR": "1"}, False, True),
        ("auto", {"NO_COLOR": "1", "FORCE_COLOR": "1"}, True, False),
    ],
)
def test_use_color_table(monkeypatch: pytest.MonkeyPatch, choice: str,
                         environment: dict[str, str], is_tty: bool, expected: bool) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    assert use_color(choice, is_tty) is expected


# secrets


SECRET = "hunter2secret"
SECRET_SPEC = (
    '{"wrangledDataset": {"id": 7}, "overrides": {"execution": "photon", "profiler": false, '
    '"writesettings": [{"path": "s3://AKIAIOSFODNN7EXAMPLE:' + SECRET + '@bucket/out.csv", '
    '"action": "create", "format": "csv"}]}}\n'
)


@pytest.mark.parametrize("format_name", [name for name in FORMATS if name != "text"])
def test_no_format_prints_secret(tmp_path: Path, format_name: str) -> None:
    if "JL209" not in rules_by_code():
        pytest.skip("JL209 credentials-in-path is not registered in jobspec_lint.rules yet")
    (tmp_path / "secret.jobspec.json").write_text(SECRET_SPEC, encoding="utf-8")
    codes = [f["code"] for f in json.loads(
        run_cli("check", "--format", "json", ".", cwd=tmp_path).stdout)["findings"]]
    assert "JL209" in codes, "JL209 did not report the secret, so the reports cannot be checked"
    completed = run_cli("check", "--format", format_name, "--output-file", "report", ".",
                        cwd=tmp_path)
    assert SECRET not in (tmp_path / "report").read_text(encoding="utf-8")
    assert SECRET not in completed.stderr
