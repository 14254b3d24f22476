"""``jobspec-lint migrate`` through the installed command, on copies of fixtures."""

from __future__ import annotations

import shutil
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

MIGRATE_FIXTURES = REPO / "tests" / "data" / "migrate"
CHANGES = ("--ranfrom", "ui", "--writesettings-spelling", "camel")

RANFROM_CLI_LINES = [
    "{",
    '  "wrangledDataset": {"id": 8},',
    '  "ranfrom": "cli",',
    '  "overrides": {"execution": "photon", "profiler": false, "writesettings": [{"path": '
    '"s3://b/o.csv", "action": "create", "format": "csv"}]}',
    "}",
]
RANFROM_API_LINES = [*RANFROM_CLI_LINES[:2], '  "ranfrom": "api",', *RANFROM_CLI_LINES[3:]]


def copy_fixture(name: str, folder: Path) -> Path:
    target = folder / name
    shutil.copyfile(MIGRATE_FIXTURES / name, target)
    return target


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("daily-export.jobspec.yaml", "daily-export.expected.jobspec.yaml"),
        ("crlf.jobspec.json", "crlf.expected.jobspec.json"),
    ],
)
def test_write_matches_expected_bytes(name: str, expected: str, tmp_path: Path) -> None:
    path = copy_fixture(name, tmp_path)
    completed = run_cli("migrate", "--write", *CHANGES, str(path))
    assert completed.returncode == 0, completed.stderr
    assert path.read_bytes() == (MIGRATE_FIXTURES / expected).read_bytes()
    assert f"  wrote {path}\n" in completed.stdout


def test_report_lists_changes_and_checklist(tmp_path: Path) -> None:
    path = copy_fixture("daily-export.jobspec.yaml", tmp_path)
    completed = run_cli("migrate", "--write", *CHANGES, str(path))
    lines = completed.stdout.splitlines()
    assert lines[:3] == [
        f"{path}: a valid v4 body after 2 changes:",
        '  - line 4: ranfrom "cli" -> "ui"',
        "  - line 8: key writesettings -> writeSettings",
    ]
    assert "  [ ] endpoint: POST /v3/jobGroups -> POST /v4/jobGroups" in lines
    assert "  [ ] job group id in the response: jobgroupId -> id" in lines
    assert "  [ ] job ids in the response: jobIds: [5, 6] -> jobs.data[].id" in lines


def test_valid_body_unchanged_says_so(tmp_path: Path) -> None:
    path = copy_fixture("rerun.jobspec.json", tmp_path)
    before = path.read_bytes()
    completed = run_cli("migrate", "--write", *CHANGES, str(path))
    assert completed.returncode == 0
    assert completed.stdout.splitlines()[0] == (
        f"{path}: a valid v4 body unchanged: send it to POST /v4/jobGroups as it is"
    )
    assert path.read_bytes() == before


def test_ranfrom_cli_stays_without_option(tmp_path: Path) -> None:
    path = copy_fixture("daily-export.jobspec.yaml", tmp_path)
    before = path.read_bytes()
    completed = run_cli("migrate", "--write", str(path))
    assert path.read_bytes() == before
    assert completed.stdout.splitlines()[:2] == [
        f"{path}: a valid v4 body unchanged: send it to POST /v4/jobGroups as it is",
        '  note: ranfrom "cli" stays: newer v4 releases do not list it (JL403), so add '
        "--ranfrom ui, schedule, api or null to replace it",
    ]


def test_ranfrom_null(tmp_path: Path) -> None:
    path = copy_fixture("crlf.jobspec.json", tmp_path)
    run_cli("migrate", "--write", "--ranfrom", "null", str(path))
    assert b'  "ranfrom": null,\r\n' in path.read_bytes()


def test_diff_writes_nothing(tmp_path: Path) -> None:
    path = copy_fixture("daily-export.jobspec.yaml", tmp_path)
    before = path.read_bytes()
    completed = run_cli("migrate", "--diff", *CHANGES, str(path))
    assert completed.returncode == 0
    assert path.read_bytes() == before
    assert completed.stdout.startswith(f"--- a/{path}\n+++ b/{path}\n")
    assert "-ranfrom: cli   # shown as a CLI job\n+ranfrom: ui   # shown as a CLI job\n" in (
        completed.stdout
    )
    # The report goes to standard error, so the diff can be piped to patch.
    assert "a valid v4 body after 2 changes" in completed.stderr


def test_invalid_result_not_written(tmp_path: Path) -> None:
    path = copy_fixture("parquet.jobspec.json", tmp_path)
    before = path.read_bytes()
    completed = run_cli("migrate", "--write", *CHANGES, str(path))
    assert completed.returncode == 1
    assert path.read_bytes() == before
    assert completed.stdout.splitlines()[:2] == [
        f"{path}: not migrated: the result is not a valid v4 body (fix the findings of "
        "jobspec-lint check first):",
        '  - 5:103 overrides.writeSettings[0].format "parquet" is not allowed: use one of '
        '"csv", "json", "avro", "pqt", "hyper" (did you mean "pqt"?) (JL103)',
    ]


def test_unparsable_file_exits_two(tmp_path: Path) -> None:
    path = copy_fixture("trailing-comma.jobspec.json", tmp_path)
    before = path.read_bytes()
    completed = run_cli("migrate", "--write", str(path))
    assert completed.returncode == 2
    assert path.read_bytes() == before
    assert completed.stdout == (
        f"{path}: not migrated, because the file does not parse (JL001 on line 1): "
        f"run jobspec-lint check {path}\n"
    )


def test_diff_masks_secrets(tmp_path: Path) -> None:
    path = tmp_path / "secret.jobspec.json"
    path.write_text(
        '{"wrangledDataset": {"id": 7}, "ranfrom": "cli", "overrides": {"writesettings": '
        '[{"path": "s3://AKIDEXAMPLE:wJalrXUtnFEMIK7MDENG@analytics-bucket/out/a.csv", '
        '"action": "create", "format": "csv"}]}}\n'
    )
    completed = run_cli("migrate", "--diff", *CHANGES, str(path))
    assert completed.returncode == 0
    assert "writeSettings" in completed.stdout
    assert "wJalrXUtnFEMIK7MDENG" not in completed.stdout
    assert "AKIDEXAMPLE" not in completed.stdout


def test_diff_and_write_together_rejected(tmp_path: Path) -> None:
    path = copy_fixture("rerun.jobspec.json", tmp_path)
    completed = run_cli("migrate", "--diff", "--write", str(path))
    assert completed.returncode == 2
    assert "give one of them" in completed.stderr


def test_missing_path_exits_two(tmp_path: Path) -> None:
    completed = run_cli("migrate", str(tmp_path / "missing.jobspec.json"))
    assert completed.returncode == 2


def test_migrated_file_is_clean_for_v4(tmp_path: Path) -> None:
    path = copy_fixture("daily-export.jobspec.yaml", tmp_path)
    run_cli("migrate", "--write", *CHANGES, str(path))
    completed = run_cli("check", "--api", "v4", "-q", str(path))
    assert completed.returncode == 0
    assert completed.stdout == ""


def test_invalid_result_names_its_findings(tmp_path: Path) -> None:
    spec = tmp_path / "a.jobspec.json"
    spec.write_text(
        '{"wrangledDataset": {"id": 7}, "overrides": {"writesettings": [{"path": '
        '"s3://bucket-a/x.pqt", "action": "create", "format": "pqt", "compression": "gzip"}]}}\n',
        encoding="utf-8",
    )
    completed = run_cli("migrate", str(spec))
    assert completed.returncode == 1
    assert (
        '  - 1:148 compression "gzip" is only supported for csv and json outputs, and this '
        "output's format is \"pqt\": remove compression or set it to \"none\" (JL201)"
    ) in completed.stdout.splitlines()


def test_diff_with_secret_says_it_does_not_apply(tmp_path: Path) -> None:
    spec = tmp_path / "a.jobspec.json"
    spec.write_text(
        '{"wrangledDataset": {"id": 7}, "ranfrom": "cli", "overrides": {"writesettings": '
        '[{"path": "s3://user:Sup3rSecret@bucket-a/x.csv", "action": "create", '
        '"format": "csv"}]}}\n',
        encoding="utf-8",
    )
    completed = run_cli("migrate", "--diff", "--ranfrom", "api", str(spec))
    assert "Sup3rSecret" not in completed.stdout + completed.stderr
    assert completed.stdout.startswith(
        f"# jobspec-lint: {spec} holds a secret, shown as ****, so this diff does not apply "
        "with patch or git apply: use --write to change the file\n"
    )


# The diff is UTF-8 whatever the encoding of standard output.
@pytest.mark.parametrize("stdout_encoding", ["utf-8", "latin-1"])
def test_diff_keeps_bom_on_first_line(stdout_encoding: str, tmp_path: Path) -> None:
    path = tmp_path / "b.jobspec.json"
    path.write_bytes(encode_lines(RANFROM_CLI_LINES, "\r\n", bom=True))
    completed = run_cli("migrate", "--diff", "--ranfrom", "api", ".", cwd=tmp_path,
                        env={"PYTHONIOENCODING": stdout_encoding})
    assert completed.returncode == 0
    assert completed.stdout == (
        "--- a/b.jobspec.json\n"
        "+++ b/b.jobspec.json\n"
        "@@ -1,5 +1,5 @@\n"
        " \ufeff{\r\n"
        '   "wrangledDataset": {"id": 8},\r\n'
        '-  "ranfrom": "cli",\r\n'
        '+  "ranfrom": "api",\r\n'
        f" {RANFROM_CLI_LINES[3]}\r\n"
        " }\r\n"
    )


@pytest.mark.parametrize("tool", sorted(PATCH_TOOLS))
@pytest.mark.parametrize(("bom", "newline"), FILE_LAYOUTS)
def test_diff_applies_like_write(tool: str, bom: bool, newline: str, tmp_path: Path) -> None:
    name = "b.jobspec.json"
    original = encode_lines(RANFROM_CLI_LINES, newline, bom)
    written_path = tmp_path / "written" / name
    written_path.parent.mkdir()
    written_path.write_bytes(original)
    run_cli("migrate", "--write", "--ranfrom", "api", name, cwd=written_path.parent)
    patched_path = tmp_path / "patched" / name
    patched_path.parent.mkdir()
    patched_path.write_bytes(original)

    completed = run_cli("migrate", "--diff", "--ranfrom", "api", name, cwd=patched_path.parent)
    apply_diff(tool, completed.stdout, patched_path.parent)

    assert written_path.read_bytes() == encode_lines(RANFROM_API_LINES, newline, bom)
    assert patched_path.read_bytes() == written_path.read_bytes()
