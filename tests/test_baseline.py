"""The baseline (--write-baseline, --baseline) through the installed CLI."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import run_cli

UNKNOWN_KEY = '{"wrangledDataset": {"id": 7}, "bogus": 1}\n'
TWO_UNKNOWN_KEYS = '{"wrangledDataset": {"id": 7}, "bogus": 1, "other": 2}\n'


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def check(folder: Path, *args: str) -> tuple[int, list[tuple[str, str, int]], str]:
    """Run a v4 check in ``folder``; return the exit status, (path, code, line) and stderr."""
    completed = run_cli("check", "--api", "v4", "--format", "json", *args, cwd=folder)
    findings = []
    if completed.stdout:
        report = json.loads(completed.stdout)
        findings = [(f["path"], f["code"], f["line"]) for f in report["findings"]]
    return completed.returncode, findings, completed.stderr


def test_write_baseline_records_findings(tmp_path: Path) -> None:
    write(tmp_path, "specs/a.jobspec.json", UNKNOWN_KEY)
    (tmp_path / "ci").mkdir()
    status, _, stderr = check(tmp_path, "--write-baseline", "ci/baseline.json", "specs")
    assert status == 0, stderr
    assert stderr == "jobspec-lint: wrote 1 baseline entry (1 finding) to ci/baseline.json\n"
    data = json.loads((tmp_path / "ci" / "baseline.json").read_text(encoding="utf-8"))
    assert data == {
        "version": 1,
        "entries": [
            # The path is relative to the baseline's folder, and no line is recorded.
            {"path": "../specs/a.jobspec.json", "document": 0, "code": "JL104",
             "pointer": "/bogus", "count": 1},
        ],
    }


def test_baseline_hides_recorded_findings(tmp_path: Path) -> None:
    write(tmp_path, "a.jobspec.json", TWO_UNKNOWN_KEYS)
    check(tmp_path, "--write-baseline", "baseline.json", "a.jobspec.json")
    status, findings, _ = check(tmp_path, "--baseline", "baseline.json", "a.jobspec.json")
    assert status == 0
    assert findings == []


def test_baseline_survives_line_moves(tmp_path: Path) -> None:
    spec = write(tmp_path, "a.jobspec.json", UNKNOWN_KEY)
    check(tmp_path, "--write-baseline", "baseline.json", "a.jobspec.json")
    spec.write_text('\n\n{"wrangledDataset": {"id": 7},\n "bogus": 1}\n', encoding="utf-8")
    status, findings, _ = check(tmp_path, "--baseline", "baseline.json", "a.jobspec.json")
    assert status == 0
    assert findings == []


def test_baseline_reports_only_new_finding(tmp_path: Path) -> None:
    spec = write(tmp_path, "a.jobspec.json", UNKNOWN_KEY)
    check(tmp_path, "--write-baseline", "baseline.json", "a.jobspec.json")
    spec.write_text(TWO_UNKNOWN_KEYS, encoding="utf-8")
    status, findings, _ = check(tmp_path, "--baseline", "baseline.json", "a.jobspec.json")
    assert status == 1
    assert findings == [("a.jobspec.json", "JL104", 1)]


def test_baseline_counts_repeated_findings(tmp_path: Path) -> None:
    spec = write(tmp_path, "a.jobspec.yaml", "wrangledDataset: {id: 7}\n---\nbogus: 1\n")
    check(tmp_path, "--write-baseline", "baseline.json", "a.jobspec.yaml")
    # A new document repeats an existing key: it has its own document index.
    spec.write_text("wrangledDataset: {id: 7}\n---\nbogus: 1\n---\nbogus: 1\n", encoding="utf-8")
    status, findings, _ = check(tmp_path, "--baseline", "baseline.json", "a.jobspec.yaml")
    assert status == 1
    assert [code for _, code, _ in findings].count("JL101") == 1


def test_stale_entry_reports_jl503(tmp_path: Path) -> None:
    spec = write(tmp_path, "a.jobspec.json", TWO_UNKNOWN_KEYS)
    check(tmp_path, "--write-baseline", "baseline.json", "a.jobspec.json")
    spec.write_text(UNKNOWN_KEY, encoding="utf-8")
    completed = run_cli("check", "--api", "v4", "-q", "--baseline", "baseline.json",
                        "a.jobspec.json", cwd=tmp_path)
    assert completed.returncode == 0
    # Entries are sorted by pointer: /bogus on line 4, /other on line 5.
    assert completed.stdout == (
        "baseline.json:5:5: warning JL503 baseline entry JL104 at pointer /other in "
        "a.jobspec.json no longer matches any finding: rewrite it with --write-baseline\n"
    )


def test_stale_entry_not_counted_as_file(tmp_path: Path) -> None:
    spec = write(tmp_path, "a.jobspec.json", TWO_UNKNOWN_KEYS)
    check(tmp_path, "--write-baseline", "baseline.json", "a.jobspec.json")
    spec.write_text(UNKNOWN_KEY, encoding="utf-8")

    text = run_cli("check", "--api", "v4", "--baseline", "baseline.json", "a.jobspec.json",
                   cwd=tmp_path)
    report = run_cli("check", "--api", "v4", "--format", "json", "--baseline",
                     "baseline.json", "a.jobspec.json", cwd=tmp_path)

    assert text.stdout.endswith("\n1 file linted: 0 errors, 1 warning, 0 info.\n")
    assert json.loads(report.stdout)["summary"]["files"] == 1


def test_stale_entry_in_reformatted_baseline(tmp_path: Path) -> None:
    write(tmp_path, "a.jobspec.json", UNKNOWN_KEY)
    entry = {"path": "gone.jobspec.json", "document": 0, "code": "JL104", "pointer": "/x",
             "count": 2}
    write(tmp_path, "baseline.json", json.dumps({"version": 1, "entries": [entry]}, indent=4))
    status, findings, _ = check(tmp_path, "--baseline", "baseline.json", "--fail-on", "warning",
                                "a.jobspec.json")
    assert status == 1
    assert ("baseline.json", "JL503", 1) in findings


def test_missing_baseline_is_usage_error(tmp_path: Path) -> None:
    write(tmp_path, "a.jobspec.json", UNKNOWN_KEY)
    status, findings, stderr = check(tmp_path, "--baseline", "nope.json", "a.jobspec.json")
    assert status == 2
    assert findings == []
    assert stderr == (
        "jobspec-lint: error: baseline nope.json not found: "
        "create it with --write-baseline nope.json\n"
    )


def test_invalid_baseline_is_usage_error(tmp_path: Path) -> None:
    write(tmp_path, "a.jobspec.json", UNKNOWN_KEY)
    write(tmp_path, "baseline.json", '{"version": 1, "entries": [{"path": "a.json"}]}')
    status, _, stderr = check(tmp_path, "--baseline", "baseline.json", "a.jobspec.json")
    assert status == 2
    assert stderr == (
        "jobspec-lint: error: invalid baseline baseline.json: entries[0].code must be a string: "
        "rewrite it with --write-baseline\n"
    )


def test_baseline_of_other_version_is_usage_error(tmp_path: Path) -> None:
    write(tmp_path, "a.jobspec.json", UNKNOWN_KEY)
    write(tmp_path, "baseline.json", '{"version": 2, "entries": []}')
    status, _, stderr = check(tmp_path, "--baseline", "baseline.json", "a.jobspec.json")
    assert status == 2
    assert '"version" is 2' in stderr


def test_failed_write_leaves_no_partial_file(tmp_path: Path) -> None:
    write(tmp_path, "a.jobspec.json", UNKNOWN_KEY)
    # A folder is rejected before the run, so nothing is written into it.
    (tmp_path / "out").mkdir()
    status, _, stderr = check(tmp_path, "--write-baseline", "out", "a.jobspec.json")
    assert status == 2
    assert stderr == "jobspec-lint: error: --write-baseline out: is a folder: name a file\n"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["a.jobspec.json", "out"]
    assert list((tmp_path / "out").iterdir()) == []


def test_write_replaces_old_baseline(tmp_path: Path) -> None:
    spec = write(tmp_path, "a.jobspec.json", TWO_UNKNOWN_KEYS)
    check(tmp_path, "--write-baseline", "baseline.json", "a.jobspec.json")
    spec.write_text(UNKNOWN_KEY, encoding="utf-8")
    check(tmp_path, "--write-baseline", "baseline.json", "a.jobspec.json")
    data = json.loads((tmp_path / "baseline.json").read_text(encoding="utf-8"))
    assert [entry["pointer"] for entry in data["entries"]] == ["/bogus"]
    assert sorted(path.name for path in tmp_path.iterdir()) == ["a.jobspec.json", "baseline.json"]


def test_write_baseline_skipped_on_usage_error(tmp_path: Path) -> None:
    status, _, _ = check(tmp_path, "--write-baseline", "baseline.json", "missing.jobspec.json")
    assert status == 2
    assert not (tmp_path / "baseline.json").exists()
