"""The options that write files (--output-file, --write-baseline), and files reached twice."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import threading
from pathlib import Path

import pytest

from tests.conftest import command_path, run_cli

UNKNOWN_KEY = '{"wrangledDataset": {"id": 7}, "bogus": 1}\n'


@pytest.fixture
def spec(tmp_path: Path) -> Path:
    path = tmp_path / "specs" / "bad.jobspec.json"
    path.parent.mkdir()
    path.write_text(UNKNOWN_KEY, encoding="utf-8")
    return path


@pytest.mark.parametrize("option", ["--output-file", "--write-baseline"])
@pytest.mark.parametrize("target", ["specs/bad.jobspec.json", "specs"])
def test_output_naming_linted_file_kept(tmp_path: Path, spec: Path, option: str,
                                        target: str) -> None:
    completed = run_cli("check", "--format", "json", option, "specs/bad.jobspec.json", target,
                        cwd=tmp_path)

    # A named file is rejected before the run, a walked one by the run.
    assert completed.returncode == 2
    assert completed.stderr == (
        f"jobspec-lint: error: {option} specs/bad.jobspec.json: is a file this run lints: "
        "choose another path, so that it is not replaced\n"
    )
    assert spec.read_text(encoding="utf-8") == UNKNOWN_KEY


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--write-baseline", "baseline.json", "--fix"],
         "--write-baseline records the findings as they are, without fixes: run --fix first, "
         "then --write-baseline"),
        (["--write-baseline", "baseline.json", "--diff"],
         "--write-baseline records the findings as they are, without fixes: run --fix first, "
         "then --write-baseline"),
        (["--write-baseline", "baseline.json", "--output-file", "report.json"],
         "--write-baseline writes no report, so --output-file would write nothing: use one of "
         "them"),
        (["--output-file", "out/report.json"],
         "--output-file out/report.json: the folder out does not exist: create it first"),
        (["--write-baseline", "out/baseline.json"],
         "--write-baseline out/baseline.json: the folder out does not exist: create it first"),
        (["--output-file", "specs"], "--output-file specs: is a folder: name a file"),
        (["--output-file", "pyproject.toml"],
         "--output-file pyproject.toml: is a configuration file: choose another path, so that "
         "it is not replaced"),
        (["--write-baseline", "specs/.jobspec-lint.toml"],
         "--write-baseline specs/.jobspec-lint.toml: is a configuration file: choose another "
         "path, so that it is not replaced"),
    ],
)
def test_output_options_rejected_before_run(tmp_path: Path, spec: Path, options: list[str],
                                            message: str) -> None:
    completed = run_cli("check", *options, "specs", cwd=tmp_path)

    assert completed.returncode == 2
    assert completed.stdout == ""
    assert completed.stderr == f"jobspec-lint: error: {message}\n"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["specs"]
    assert spec.read_text(encoding="utf-8") == UNKNOWN_KEY


def test_file_reached_twice_linted_once(tmp_path: Path, spec: Path) -> None:
    (tmp_path / "specs" / "link.jobspec.json").symlink_to(spec)

    completed = run_cli("check", "--format", "json", "--select", "JL104",
                        "specs/bad.jobspec.json", "specs", "specs/../specs/bad.jobspec.json",
                        "specs/bad.jobspec.json", cwd=tmp_path)

    report = json.loads(completed.stdout)
    assert completed.returncode == 1
    assert report["summary"]["files"] == 1
    assert [(f["path"], f["code"], f["line"], f["column"]) for f in report["findings"]] == [
        ("specs/bad.jobspec.json", "JL104", 1, 32)
    ]


def test_stdin_named_twice_linted_once() -> None:
    completed = run_cli("check", "--format", "json", "--select", "JL104", "-", "-",
                        stdin=UNKNOWN_KEY)

    report = json.loads(completed.stdout)
    assert completed.returncode == 1
    assert report["summary"]["files"] == 1
    assert [(f["path"], f["code"], f["line"], f["column"]) for f in report["findings"]] == [
        ("<stdin>", "JL104", 1, 32)
    ]


def test_config_error_in_json_report(tmp_path: Path, spec: Path) -> None:
    (tmp_path / "specs" / ".jobspec-lint.toml").write_text('api = "v9"\n', encoding="utf-8")

    completed = run_cli("check", "--format", "json", "specs", cwd=tmp_path)

    message = 'specs/.jobspec-lint.toml: api: invalid value "v9": use one of "v3", "v4"'
    assert completed.returncode == 2
    assert completed.stderr == f"jobspec-lint: error: {message}\n"
    assert json.loads(completed.stdout)["errors"] == [{"kind": "usage", "message": message}]


def test_config_error_replaces_stale_report_file(tmp_path: Path, spec: Path) -> None:
    (tmp_path / "specs" / ".jobspec-lint.toml").write_text('api = "v9"\n', encoding="utf-8")
    report = tmp_path / "report.sarif"
    report.write_text("the report of an earlier run\n", encoding="utf-8")

    completed = run_cli("check", "--format", "sarif", "--output-file", "report.sarif", "specs",
                        cwd=tmp_path)

    invocation = json.loads(report.read_text(encoding="utf-8"))["runs"][0]["invocations"][0]
    assert completed.returncode == 2
    assert completed.stdout == ""
    assert invocation["executionSuccessful"] is False
    assert invocation["toolExecutionNotifications"] == [
        {"level": "error",
         "message": {"text": 'specs/.jobspec-lint.toml: api: invalid value "v9": '
                             'use one of "v3", "v4"'}}
    ]


def test_earlier_report_in_walk_replaced(tmp_path: Path, spec: Path) -> None:
    report = tmp_path / "specs" / "report.json"
    report.write_text('{"findings": []}\n', encoding="utf-8")

    completed = run_cli("check", "--format", "json", "--output-file", "specs/report.json",
                        "specs", cwd=tmp_path)

    assert completed.returncode == 1
    assert completed.stderr == ""
    assert json.loads(report.read_text(encoding="utf-8"))["summary"]["files"] == 1


def test_spec_outside_naming_in_walk_kept(tmp_path: Path, spec: Path) -> None:
    other = tmp_path / "specs" / "nightly.json"
    other.write_text(UNKNOWN_KEY, encoding="utf-8")

    completed = run_cli("check", "--format", "json", "--output-file", "specs/nightly.json",
                        "specs", cwd=tmp_path)

    assert completed.returncode == 2
    assert completed.stderr == (
        "jobspec-lint: error: --output-file specs/nightly.json: is a file this run lints: "
        "choose another path, so that it is not replaced\n"
    )
    assert other.read_text(encoding="utf-8") == UNKNOWN_KEY


@pytest.mark.parametrize("report_format", ["text", "json"])
def test_no_spec_found_warns(tmp_path: Path, report_format: str) -> None:
    (tmp_path / "package.json").write_text('{"name": "web"}\n', encoding="utf-8")

    completed = run_cli("check", "--format", report_format, ".", cwd=tmp_path)

    assert completed.returncode == 0
    assert completed.stderr == (
        "jobspec-lint: warning: no job spec found in the given paths: check the paths, the "
        "naming convention and the configuration's include and exclude\n"
    )


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--config", "lint.toml", "--output-file", "lint.toml"],
         "--output-file lint.toml: is the --config file that the run reads: choose another "
         "path, so that it is not replaced"),
        (["--config", "lint.toml", "--write-baseline", "lint.toml"],
         "--write-baseline lint.toml: is the --config file that the run reads: choose another "
         "path, so that it is not replaced"),
        (["--baseline", "baseline.json", "--output-file", "./baseline.json"],
         "--output-file ./baseline.json: is the --baseline file that the run reads: choose "
         "another path, so that it is not replaced"),
    ],
)
def test_output_naming_input_file_kept(tmp_path: Path, spec: Path, options: list[str],
                                       message: str) -> None:
    config = tmp_path / "lint.toml"
    config.write_text('ignore = ["JL401"]\n', encoding="utf-8")
    baseline = tmp_path / "baseline.json"
    run_cli("check", "--write-baseline", "baseline.json", "specs", cwd=tmp_path)
    baseline_text = baseline.read_text(encoding="utf-8")

    completed = run_cli("check", "--format", "json", *options, "specs", cwd=tmp_path)

    assert completed.returncode == 2
    assert completed.stdout == ""
    assert completed.stderr == f"jobspec-lint: error: {message}\n"
    assert config.read_text(encoding="utf-8") == 'ignore = ["JL401"]\n'
    assert baseline.read_text(encoding="utf-8") == baseline_text


def test_write_baseline_over_baseline_refreshes(tmp_path: Path, spec: Path) -> None:
    run_cli("check", "--write-baseline", "baseline.json", "specs", cwd=tmp_path)
    spec.write_text('{"wrangledDataset": {"id": 7}}\n', encoding="utf-8")

    completed = run_cli("check", "--baseline", "baseline.json", "--write-baseline",
                        "baseline.json", "specs", cwd=tmp_path)

    entries = json.loads((tmp_path / "baseline.json").read_text(encoding="utf-8"))["entries"]
    assert completed.returncode == 0
    assert [entry["code"] for entry in entries] == ["JL401"]


@pytest.mark.parametrize(
    ("report_format", "expected"),
    [
        ("text", 'jobspec-lint: error: specs/.jobspec-lint.toml: api: invalid value "v9": use one '
                 'of "v3", "v4"\n'),
        ("concise", 'jobspec-lint: error: specs/.jobspec-lint.toml: api: invalid value "v9": use '
                    'one of "v3", "v4"\n'),
        ("github", '::error title=jobspec-lint::specs/.jobspec-lint.toml: api: invalid value "v9": '
                   'use one of "v3", "v4"\n'),
    ],
)
def test_config_error_in_text_report_file(tmp_path: Path, spec: Path, report_format: str,
                                          expected: str) -> None:
    (tmp_path / "specs" / ".jobspec-lint.toml").write_text('api = "v9"\n', encoding="utf-8")
    report = tmp_path / "report.txt"
    report.write_text("0 files linted: no findings.\n", encoding="utf-8")

    completed = run_cli("check", "--format", report_format, "--output-file", "report.txt",
                        "specs", cwd=tmp_path)

    assert completed.returncode == 2
    assert report.read_text(encoding="utf-8") == expected


def test_ascii_output_escapes_characters(tmp_path: Path) -> None:
    spec = tmp_path / "u.jobspec.json"
    spec.write_text('{"wrangledDataset": {"id": 7}, "café": 1}\n', encoding="utf-8")

    completed = run_cli("check", "--format", "concise", "--select", "JL104", spec.name,
                        cwd=tmp_path, env={"PYTHONIOENCODING": "ascii"})

    assert completed.returncode == 1
    assert completed.stderr == ""
    assert completed.stdout == (
        'u.jobspec.json:1:32: error JL104 unknown key "caf\\xe9" in the body: the known keys are '
        '"wrangledDataset", "overrides", "runParameters", "ranfrom"\n'
    )


def test_output_through_link_names_linted_path(tmp_path: Path, spec: Path) -> None:
    (tmp_path / "link.json").symlink_to(spec)

    completed = run_cli("check", "--format", "json", "--output-file", "link.json", "specs",
                        cwd=tmp_path)

    assert completed.returncode == 2
    assert completed.stderr == (
        "jobspec-lint: error: --output-file link.json: is a file this run lints "
        "(specs/bad.jobspec.json): choose another path, so that it is not replaced\n"
    )
    assert spec.read_text(encoding="utf-8") == UNKNOWN_KEY


@pytest.mark.parametrize("option", ["--output-file", "--write-baseline"])
def test_output_to_pipe_keeps_pipe(tmp_path: Path, spec: Path, option: str) -> None:
    # A pipe is tested in place of /dev/null and /dev/stdout: renaming a file over a
    # device or a pipe would put a regular file in its place.
    pipe = tmp_path / "out.pipe"
    os.mkfifo(pipe)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(pipe.read_bytes()))
    reader.start()

    completed = run_cli("check", "--format", "json", option, "out.pipe", "specs", cwd=tmp_path)
    reader.join(timeout=30)

    assert completed.returncode in (0, 1)
    assert stat.S_ISFIFO(pipe.lstat().st_mode)
    assert b'"JL104"' in received[0]


@pytest.mark.parametrize("option", ["--output-file", "--write-baseline"])
def test_output_through_link_keeps_link(tmp_path: Path, spec: Path, option: str) -> None:
    target = tmp_path / "reports" / "report.json"
    target.parent.mkdir()
    target.write_text("earlier\n", encoding="utf-8")
    target.chmod(0o644)
    (tmp_path / "report.json").symlink_to(target)

    completed = run_cli("check", "--format", "json", option, "report.json", "specs",
                        cwd=tmp_path)

    assert completed.returncode in (0, 1)
    assert (tmp_path / "report.json").is_symlink()
    assert '"JL104"' in target.read_text(encoding="utf-8")
    assert stat.S_IMODE(target.stat().st_mode) == 0o644


@pytest.mark.parametrize(
    ("make", "path", "message"),
    [
        ("config-link", "report.json",
         "--output-file report.json: is a configuration file: choose another path, so that it "
         "is not replaced"),
        ("none", "specs/bad.jobspec.json/",
         "--output-file specs/bad.jobspec.json/: ends with a slash, so it names a folder: name "
         "a file"),
        ("dangling-link", "report.json",
         "--output-file report.json: the folder {tmp}/nowhere does not exist: create it first"),
        ("none", "", "--output-file is empty: name a file"),
    ],
)
def test_output_path_rejected_before_run(tmp_path: Path, spec: Path, make: str, path: str,
                                         message: str) -> None:
    config = tmp_path / ".jobspec-lint.toml"
    config.write_text('ignore = ["JL401"]\n', encoding="utf-8")
    if make == "config-link":
        (tmp_path / "report.json").symlink_to(config)
    elif make == "dangling-link":
        (tmp_path / "report.json").symlink_to(tmp_path / "nowhere" / "x.json")

    completed = run_cli("check", "--output-file", path, "specs", cwd=tmp_path)

    assert completed.returncode == 2
    assert completed.stdout == ""
    assert completed.stderr == f"jobspec-lint: error: {message.format(tmp=tmp_path)}\n"
    assert config.read_text(encoding="utf-8") == 'ignore = ["JL401"]\n'
    assert spec.read_text(encoding="utf-8") == UNKNOWN_KEY


def test_named_link_to_output_named_in_message(tmp_path: Path, spec: Path) -> None:
    (tmp_path / "link.json").symlink_to(spec)

    completed = run_cli("check", "--output-file", "specs/bad.jobspec.json", "link.json",
                        cwd=tmp_path)

    assert completed.returncode == 2
    assert completed.stderr == (
        "jobspec-lint: error: --output-file specs/bad.jobspec.json: is a file this run lints "
        "(link.json): choose another path, so that it is not replaced\n"
    )


@pytest.mark.parametrize("report_format", ["json", "sarif", "gitlab"])
def test_ascii_output_keeps_json_valid(tmp_path: Path, report_format: str) -> None:
    spec = tmp_path / "día.jobspec.json"
    spec.write_text('{"wrangledDataset": {"id": 7}, "café": 1}\n', encoding="utf-8")

    completed = subprocess.run(
        [command_path(), "check", "--format", report_format, spec.name], cwd=tmp_path,
        capture_output=True, env={**os.environ, "PYTHONIOENCODING": "ascii"}, timeout=60,
        check=False,
    )

    text = completed.stdout.decode("utf-8")
    assert completed.returncode == 1
    assert json.loads(text)
    assert "café" in text


def test_config_error_annotated_on_stdout(tmp_path: Path, spec: Path) -> None:
    (tmp_path / "specs" / ".jobspec-lint.toml").write_text('api = "v9"\n', encoding="utf-8")

    completed = run_cli("check", "--format", "github", "specs", cwd=tmp_path)

    assert completed.returncode == 2
    assert completed.stdout == (
        '::error title=jobspec-lint::specs/.jobspec-lint.toml: api: invalid value "v9": use one '
        'of "v3", "v4"\n'
    )


def test_output_naming_stdin_file_kept(tmp_path: Path, spec: Path) -> None:
    completed = run_cli("check", "-", "--stdin-filename", "specs/bad.jobspec.json",
                        "--output-file", "specs/bad.jobspec.json", stdin=UNKNOWN_KEY,
                        cwd=tmp_path)

    assert completed.returncode == 2
    assert completed.stdout == ""
    assert completed.stderr == (
        "jobspec-lint: error: --output-file specs/bad.jobspec.json: is a file this run lints: "
        "choose another path, so that it is not replaced\n"
    )
    assert spec.read_text(encoding="utf-8") == UNKNOWN_KEY


def test_walked_output_stops_fix(tmp_path: Path, spec: Path) -> None:
    other = tmp_path / "specs" / "other.jobspec.json"
    other.write_text('{"wrangledDataset": {"id": "7"}}\n', encoding="utf-8")

    completed = run_cli("check", "--fix", "--output-file", "specs/other.jobspec.json", "specs",
                        cwd=tmp_path)

    assert completed.returncode == 2
    assert completed.stderr == (
        "jobspec-lint: error: --output-file specs/other.jobspec.json: is a file this run lints: "
        "choose another path, so that it is not replaced\n"
    )
    assert other.read_text(encoding="utf-8") == '{"wrangledDataset": {"id": "7"}}\n'
    assert spec.read_text(encoding="utf-8") == UNKNOWN_KEY


@pytest.mark.parametrize(
    ("make", "path", "message"),
    [
        ("loop", "loop.json", "--output-file loop.json: is a symbolic link loop: name a file"),
        ("none", "specs/bad.jobspec.json/out.json",
         "--output-file specs/bad.jobspec.json/out.json: specs/bad.jobspec.json is not a "
         "folder: name a file in a folder"),
    ],
)
def test_output_path_unusable_before_run(tmp_path: Path, spec: Path, make: str, path: str,
                                         message: str) -> None:
    if make == "loop":
        (tmp_path / "loop.json").symlink_to(tmp_path / "loop.json")

    completed = run_cli("check", "--output-file", path, "specs", cwd=tmp_path)

    assert completed.returncode == 2
    assert completed.stdout == ""
    assert completed.stderr == f"jobspec-lint: error: {message}\n"
