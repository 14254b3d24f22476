"""The check command through the installed CLI: exit codes, stdin, walks, output."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, run_cli

CLEAN = '{"wrangledDataset": {"id": 7}}\n'
BAD_ID = '{"wrangledDataset": {"id": "7"}}\n'


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_exit_zero_on_clean_file(tmp_path: Path) -> None:
    path = write(tmp_path, "a.jobspec.json", CLEAN)
    completed = run_cli("check", str(path))
    assert completed.returncode == 0
    assert completed.stdout.endswith("1 file linted: 0 errors, 0 warnings, 1 info.\n")


def test_exit_one_on_error_finding(tmp_path: Path) -> None:
    path = write(tmp_path, "a.jobspec.json", BAD_ID)
    completed = run_cli("check", "--quiet", str(path))
    assert completed.returncode == 1
    assert completed.stdout.splitlines()[-1] == (
        f"{path}:1:28: error JL102 wrangledDataset.id must be an integer, found a string: write 7"
    )


def test_exit_zero_on_warnings_only(tmp_path: Path) -> None:
    path = write(tmp_path, "a.jobspec.json", '{"wrangledDataset": {"id": 7}, "overrides": {}}')
    completed = run_cli("check", str(path))
    assert completed.returncode == 0
    assert "warning JL106" in completed.stdout


def test_exit_two_on_missing_path(tmp_path: Path) -> None:
    completed = run_cli("check", str(tmp_path / "missing.json"))
    assert completed.returncode == 2
    assert completed.stderr == (
        f"jobspec-lint: error: cannot read {tmp_path / 'missing.json'}: no such file or directory:"
        " check the path\n"
    )


def test_exit_two_on_bad_option() -> None:
    completed = run_cli("check", "--format", "xml", "x.json")
    assert completed.returncode == 2
    assert "Invalid value for '--format'" in completed.stderr


def test_exit_two_wins_over_findings(tmp_path: Path) -> None:
    path = write(tmp_path, "a.jobspec.json", BAD_ID)
    completed = run_cli("check", str(path), str(tmp_path / "missing.json"))
    assert completed.returncode == 2
    assert "JL102" in completed.stdout


def _run_with_crash(*args: str) -> subprocess.CompletedProcess[str]:
    """Run the real entry point with the engine made to fail, as a bug would."""
    program = (
        "import sys, jobspec_lint.runner as runner\n"
        "def crash(*args, **kwargs):\n"
        "    raise RuntimeError('simulated bug')\n"
        "runner.lint_loaded = crash\n"
        "from jobspec_lint.cli.app import main\n"
        "sys.argv[0] = 'jobspec-lint'\n"
        "main()\n"
    )
    return subprocess.run(
        [sys.executable, "-c", program, *args], capture_output=True, text=True, timeout=60,
        check=False, env={**os.environ, "NO_COLOR": "1"},
    )


def test_exit_three_on_internal_error(tmp_path: Path) -> None:
    path = write(tmp_path, "a.jobspec.json", CLEAN)
    completed = _run_with_crash("check", str(path))
    assert completed.returncode == 3
    assert completed.stderr == (
        f"jobspec-lint: internal error while linting {path}: RuntimeError: simulated bug. "
        "This is a bug in jobspec-lint: please report it with the file "
        "(run with --debug for a traceback).\n"
    )
    assert "Traceback" not in completed.stderr


def test_debug_shows_traceback(tmp_path: Path) -> None:
    path = write(tmp_path, "a.jobspec.json", CLEAN)
    completed = _run_with_crash("check", "--debug", str(path))
    assert completed.returncode == 3
    assert "Traceback" in completed.stderr


def test_exit_three_wins_over_two(tmp_path: Path) -> None:
    path = write(tmp_path, "a.jobspec.json", CLEAN)
    completed = _run_with_crash("check", str(path), str(tmp_path / "missing.json"))
    assert completed.returncode == 3


def test_stdin_with_filename_picks_yaml() -> None:
    completed = run_cli(
        "check", "--quiet", "-", "--stdin-filename", "jobspecs/daily.yaml",
        stdin="wrangledDataset:\n  id: '7'\n",
    )
    assert completed.returncode == 1
    assert "jobspecs/daily.yaml:2:7: error JL102" in completed.stdout


def test_stdin_without_filename_sniffs_json() -> None:
    completed = run_cli("check", "--quiet", "-", stdin=BAD_ID)
    assert completed.returncode == 1
    assert completed.stdout.splitlines()[-1].startswith("<stdin>:1:28: error JL102")


def test_json_report_fields(tmp_path: Path) -> None:
    path = write(tmp_path, "a.jobspec.json", BAD_ID)
    completed = run_cli("check", "--format", "json", "--api", "v3", str(path))
    report = json.loads(completed.stdout)
    assert set(report) >= {"version", "findings"}
    finding = next(f for f in report["findings"] if f["code"] == "JL102")
    assert finding == {
        "path": str(path), "document": 0, "line": 1, "column": 28, "end_line": 1,
        "end_column": 31, "code": "JL102", "name": "wrong-type", "severity": "error",
        "message": "wrangledDataset.id must be an integer, found a string: write 7",
        "pointer": "/wrangledDataset/id", "fix": finding["fix"],
    }


def test_json_report_lists_usage_errors(tmp_path: Path) -> None:
    missing = tmp_path / "missing.jobspec.json"
    completed = run_cli("check", "--format", "json", str(missing))
    report = json.loads(completed.stdout)
    assert completed.returncode == 2
    assert report["errors"] == [
        {"kind": "usage",
         "message": f"cannot read {missing}: no such file or directory: check the path"}
    ]
    assert report["summary"]["files"] == 0


def test_text_report_shows_source_and_caret(tmp_path: Path) -> None:
    path = write(tmp_path, "a.jobspec.json", BAD_ID)
    lines = run_cli("check", str(path)).stdout.splitlines()
    index = next(i for i, line in enumerate(lines) if "JL102" in line)
    assert lines[index + 1] == '     1 | {"wrangledDataset": {"id": "7"}}'
    assert lines[index + 2] == "       |                            ^^^"


def test_color_only_when_forced(tmp_path: Path) -> None:
    path = write(tmp_path, "a.jobspec.json", BAD_ID)
    assert "\x1b[" not in run_cli("check", str(path)).stdout
    assert "\x1b[31m" in run_cli("check", "--color", "always", str(path)).stdout
    forced = run_cli("check", str(path), env={"FORCE_COLOR": "1", "NO_COLOR": ""})
    assert "\x1b[31m" in forced.stdout


def test_walk_skips_non_specs_and_counts_them(tmp_path: Path) -> None:
    write(tmp_path, "package.json", '{"name": "x", "overrides": {"lodash": "4"}}')
    write(tmp_path, "config.yaml", "a: 1\n")
    write(tmp_path, "jobspecs/daily.json", BAD_ID)
    write(tmp_path, "loose.json", BAD_ID)
    write(tmp_path, "node_modules/dep/x.jobspec.json", BAD_ID)
    write(tmp_path, ".venv/x.jobspec.json", BAD_ID)
    write(tmp_path, "ignored/x.jobspec.json", BAD_ID)
    write(tmp_path, ".gitignore", "ignored/\n")
    completed = run_cli("check", "--format", "json", str(tmp_path))
    report = json.loads(completed.stdout)
    paths = sorted({Path(f["path"]).relative_to(tmp_path).as_posix() for f in report["findings"]})
    assert paths == ["jobspecs/daily.json", "loose.json"]
    assert report["summary"]["skipped"] == 2
    text = run_cli("check", str(tmp_path)).stdout
    assert text.splitlines()[-1] == (
        "2 files linted, 2 skipped (not job specs): 2 errors, 0 warnings, 2 info."
    )


def test_named_file_is_always_linted(tmp_path: Path) -> None:
    path = write(tmp_path, "package.json", '{"name": "x"}')
    completed = run_cli("check", "--quiet", str(path))
    assert completed.returncode == 1
    assert "JL109" in completed.stdout or "JL101" in completed.stdout


def test_walk_reports_broken_link_as_jl008(tmp_path: Path) -> None:
    (tmp_path / "gone.jobspec.json").symlink_to(tmp_path / "nowhere.json")
    completed = run_cli("check", "--quiet", str(tmp_path))
    assert completed.returncode == 1
    assert completed.stdout == (
        f"{tmp_path / 'gone.jobspec.json'}:1:1: error JL008 cannot read the file: "
        "broken symbolic link\n"
    )


def test_walk_reports_fifo_as_jl008(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.jobspec.json")
    completed = run_cli("check", "--quiet", str(tmp_path))
    assert completed.stdout == (
        f"{tmp_path / 'pipe.jobspec.json'}:1:1: error JL008 cannot read the file: "
        "not a regular file\n"
    )


def test_walk_survives_link_loop(tmp_path: Path) -> None:
    (tmp_path / "loop").symlink_to(tmp_path)
    write(tmp_path, "a.jobspec.json", CLEAN)
    completed = run_cli("check", str(tmp_path))
    assert completed.returncode == 0
    assert completed.stdout.splitlines()[-1].startswith("1 file linted")


def test_named_fifo_is_usage_error(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.json")
    completed = run_cli("check", str(tmp_path / "pipe.json"))
    assert completed.returncode == 2
    assert "not a regular file" in completed.stderr


def test_version_names_tool_and_schemas() -> None:
    completed = run_cli("--version")
    assert completed.returncode == 0
    lines = completed.stdout.splitlines()
    assert lines[0].startswith("jobspec-lint ")
    assert "schema v3 1.0.0" in lines


def test_rules_lists_catalogue() -> None:
    completed = run_cli("rules")
    assert completed.returncode == 0
    assert "JL104  unknown-key" in completed.stdout


def test_rule_explains_with_examples() -> None:
    completed = run_cli("rule", "unknown-key")
    assert completed.returncode == 0
    assert completed.stdout.startswith("JL104 unknown-key\ndefault severity: error")
    assert "Failing example" in completed.stdout
    assert "Passing example" in completed.stdout


@pytest.mark.parametrize(
    ("name", "text", "advice"),
    [
        ("list.jobspec.yaml", "- wrangledDataset: {id: 1}\n",
         'remove the leading "- " and send the object itself'),
        ("list.jobspec.yaml", "- wrangledDataset:\n    id: 1\n",
         'remove the leading "- " and outdent the lines below it by 2 spaces, to send the object '
         "itself"),
        ("list.jobspec.yaml", "[{wrangledDataset: {id: 1}}]\n",
         "remove the surrounding [ ] and send the object itself"),
        ("list.jobspec.json", '[{"wrangledDataset": {"id": 1}}]\n',
         "remove the surrounding [ ] and send the object itself"),
    ],
    ids=["yaml-block", "yaml-block-lines", "yaml-flow", "json"],
)
def test_top_level_list_advice(tmp_path: Path, name: str, text: str, advice: str) -> None:
    path = write(tmp_path, name, text)
    completed = run_cli("check", "--format", "concise", str(path))
    assert completed.returncode == 1
    assert completed.stdout == (
        f"{path}:1:1: error JL003 the top level must be an object, found a list: {advice}\n"
    )


def test_rule_prints_docstring_without_markup() -> None:
    completed = run_cli("rule", "JL205")
    assert completed.returncode == 0
    assert "A `.csv` file that contains JSON, or gzip data in a file without\n`.gz`" in (
        completed.stdout
    )
    assert "\nFailing example (`spec.jobspec.yaml`):\n\n    wrangledDataset:\n" in (
        completed.stdout
    )
    assert "``" not in completed.stdout
    assert "::" not in completed.stdout


def test_unknown_rule_is_usage_error() -> None:
    completed = run_cli("rule", "JL999")
    assert completed.returncode == 2
    assert completed.stderr == (
        'jobspec-lint: error: unknown rule "JL999": run \'jobspec-lint rules\' for the list\n'
    )


@pytest.mark.parametrize(
    ("name", "code", "line", "column"),
    [
        ("invalid/typo-key.jobspec.json", "JL104", 1, 3),
        ("invalid/overrides-list.jobspec.json", "JL102", 3, 16),
        ("invalid/string-id.jobspec.json", "JL102", 3, 11),
        ("invalid/parquet.jobspec.json", "JL103", 10, 19),
        ("invalid/missing-comma.jobspec.json", "JL001", 1, 192),
        ("invalid/leading-zero.jobspec.yaml", "JL005", 7, 16),
        ("invalid/nested-run-parameters.jobspec.json", "JL108", 9, 5),
        ("invalid/foreign-body.jobspec.yaml", "JL109", 2, 1),
    ],
)
def test_invalid_fixture(name: str, code: str, line: int, column: int) -> None:
    completed = run_cli("check", "--format", "json", str(FIXTURES / name))
    assert completed.returncode == 1
    findings = [f for f in json.loads(completed.stdout)["findings"] if f["severity"] == "error"]
    first = findings[0]
    assert (first["code"], first["line"], first["column"]) == (code, line, column)


@pytest.mark.parametrize("folder", ["reference", "valid"])
def test_valid_fixtures_are_clean(folder: str) -> None:
    completed = run_cli("check", "--format", "json", str(FIXTURES / folder))
    assert completed.returncode == 0
    codes = {f["code"] for f in json.loads(completed.stdout)["findings"]}
    assert codes <= {"JL401"}


def test_explain_is_alias_of_rule() -> None:
    explained = run_cli("explain", "JL104")
    assert explained.returncode == 0
    assert explained.stdout == run_cli("rule", "JL104").stdout
    commands = [line.strip(" │|").split(" ")[0] for line in run_cli("--help").stdout.splitlines()]
    assert "rule" in commands
    assert "explain" not in commands
