"""A run in a process pool reports exactly what a run in one process reports."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from jobspec_lint import parallel
from jobspec_lint.config import CommandLineSettings, ConfigError, ConfigResolver
from jobspec_lint.discover import Candidate, collect
from jobspec_lint.engine import FileResult, lint_bytes
from jobspec_lint.positions import SourceLines
from jobspec_lint.report import ReportOptions, render
from jobspec_lint.runner import RunResult, run
from jobspec_lint.settings import Settings
from tests.conftest import FIXTURES, run_cli

SPEC_FILES = sorted(path for path in FIXTURES.rglob("*.jobspec.*"))


@pytest.fixture
def spec_folder(tmp_path: Path) -> Path:
    """Return a folder with each fixture four times, stray files and an unreadable one."""
    folder = tmp_path / "specs"
    folder.mkdir()
    for copy in range(4):
        for path in SPEC_FILES:
            shutil.copy(path, folder / f"{copy}-{path.name}")
    # Walked files without the naming convention: one is skipped, one is linted.
    (folder / "package.json").write_text('{"name": "tool", "overrides": {}}', encoding="utf-8")
    (tmp_path / "other.json").write_text('{"wrangledDataset": {"id": "7"}}', encoding="utf-8")
    # A broken link is unreadable even for root, who reads files without permissions.
    (folder / "9-broken.jobspec.json").symlink_to(folder / "no-such-target.json")
    return tmp_path


def run_both_ways(paths: list[str], monkeypatch: pytest.MonkeyPatch) -> tuple[RunResult, ...]:
    monkeypatch.setattr(parallel, "MIN_FILES_FOR_POOL", 10**9)
    sequential = run(paths, Settings())
    monkeypatch.setattr(parallel, "MIN_FILES_FOR_POOL", 0)
    monkeypatch.setattr(parallel, "available_cpus", lambda: 2)
    pooled = run(paths, Settings())
    return sequential, pooled


def reports(result: RunResult) -> list[str]:
    return [render(name, result, ReportOptions()) for name in ("text", "json", "sarif")]


def test_pool_same_reports(spec_folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    paths = [str(spec_folder), str(FIXTURES / "invalid" / "string-id.jobspec.json"),
             str(spec_folder / "missing.jobspec.json")]
    sequential, pooled = run_both_ways(paths, monkeypatch)
    assert reports(pooled) == reports(sequential)
    assert pooled.findings == sequential.findings
    assert [file.path for file in pooled.files] == [file.path for file in sequential.files]
    assert pooled.skipped == sequential.skipped
    assert pooled.usage_errors == sequential.usage_errors
    assert pooled.internal_errors == sequential.internal_errors


def test_pool_keeps_file_order(spec_folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _, pooled = run_both_ways([str(spec_folder)], monkeypatch)
    linted = [file.path for file in pooled.files]
    # A walk lists a folder's files before its subfolders, each sorted by name.
    in_folder = sorted(str(path) for path in (spec_folder / "specs").iterdir()
                       if path.name != "package.json")
    assert linted == [str(spec_folder / "other.json"), *in_folder]


def test_pool_records_unreadable_files(spec_folder: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    _, pooled = run_both_ways([str(spec_folder)], monkeypatch)
    broken = [file for file in pooled.files if file.path.endswith("9-broken.jobspec.json")]
    assert len(broken) == 1
    assert [finding.code for finding in broken[0].findings] == ["JL008"]


def test_pool_counts_skipped_files(spec_folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sequential, pooled = run_both_ways([str(spec_folder)], monkeypatch)
    assert sequential.skipped == 1
    assert pooled.skipped == 1


def test_pool_with_stdin_between_paths(spec_folder: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    paths = [str(spec_folder), "-", str(FIXTURES / "valid")]
    stdin = b'{"wrangledDataset": {"id": 0}}'
    monkeypatch.setattr(parallel, "MIN_FILES_FOR_POOL", 0)
    monkeypatch.setattr(parallel, "available_cpus", lambda: 2)
    pooled = run(paths, Settings(), stdin=stdin)
    monkeypatch.setattr(parallel, "MIN_FILES_FOR_POOL", 10**9)
    sequential = run(paths, Settings(), stdin=stdin)
    assert reports(pooled) == reports(sequential)
    assert "<stdin>" in [file.path for file in pooled.files]


def test_below_threshold_no_pool(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*arguments: object) -> None:
        raise AssertionError("a pool was started below the threshold")

    monkeypatch.setattr(parallel, "_start_pool", fail)
    result = run([str(FIXTURES / "valid")], Settings())
    assert result.files


def test_compact_drops_clean_file_text() -> None:
    data = b'{"wrangledDataset": {"id": 7}}'
    full = lint_bytes(data, "clean.jobspec.json", "json", Settings(api="v4"))
    assert full.findings == []
    compacted = parallel.compact(full)
    assert compacted == FileResult("clean.jobspec.json")


def test_compact_keeps_only_the_lines_of_findings() -> None:
    data = b'{\n  "wrangledDataset": {\n    "id": "7"\n  }\n}\n'
    full = lint_bytes(data, "wrong.jobspec.json", "json", Settings())
    assert full.documents
    assert [(f.code, f.line) for f in full.findings] == [("JL401", 1), ("JL102", 3)]
    compacted = parallel.compact(full)
    assert compacted.documents == []
    assert compacted.findings == full.findings
    assert compacted.redactions == full.redactions
    assert isinstance(compacted.lines, SourceLines)
    assert compacted.lines.line_count == 6
    assert compacted.lines.line_text(3) == '    "id": "7"'
    assert compacted.lines.offset(3, 5) == data.index(b'"id"')
    with pytest.raises(KeyError):
        compacted.lines.line_text(2)


def test_chunks_cover_every_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    source = FIXTURES / "valid" / "rerun.jobspec.json"
    for number in range(37):
        shutil.copy(source, tmp_path / f"{number:02d}.jobspec.json")
    monkeypatch.setattr(parallel, "MIN_FILES_FOR_POOL", 0)
    monkeypatch.setattr(parallel, "available_cpus", lambda: 2)
    monkeypatch.setattr(parallel, "CHUNK_SIZE", 5)
    monkeypatch.setattr(parallel, "CHUNKS_IN_FLIGHT_PER_WORKER", 1)
    result = run([str(tmp_path)], Settings())
    assert [Path(file.path).name for file in result.files] == [
        f"{number:02d}.jobspec.json" for number in range(37)
    ]


def test_sink_receives_files_in_order(spec_folder: Path) -> None:
    paths = [str(spec_folder), str(spec_folder / "missing.jobspec.json")]
    stored = run(paths, Settings())
    received: list[FileResult] = []
    streamed = run(paths, Settings(), on_file=received.append)
    assert streamed.files == []
    assert [file.path for file in received] == [file.path for file in stored.files]
    assert [f for file in received for f in file.findings] == stored.findings
    assert streamed.skipped == stored.skipped
    assert streamed.usage_errors == stored.usage_errors


@pytest.mark.parametrize("report_format", ["text", "concise", "github"])
def test_streamed_report_matches_whole_report(spec_folder: Path, report_format: str) -> None:
    # --output-file renders the whole run at the end; stdout streams file by file.
    whole = spec_folder / "report.out"
    streamed = run_cli("check", str(spec_folder / "specs"), "--format", report_format)
    rendered = run_cli("check", str(spec_folder / "specs"), "--format", report_format,
                       "--output-file", str(whole))
    assert streamed.returncode == 1
    assert rendered.returncode == 1
    assert streamed.stdout.count("JL102") == 12
    assert streamed.stdout == whole.read_text(encoding="utf-8")
    assert streamed.stderr == rendered.stderr


def test_pool_holds_few_chunks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = FIXTURES / "valid" / "rerun.jobspec.json"
    for number in range(30):
        shutil.copy(source, tmp_path / f"{number:02d}.jobspec.json")
    monkeypatch.setattr(parallel, "CHUNK_SIZE", 2)
    monkeypatch.setattr(parallel, "CHUNKS_IN_FLIGHT_PER_WORKER", 1)
    received: list[FileResult] = []
    batch = parallel.FileBatch(RunResult(sink=received.append), min_files_for_pool=0, workers=2)
    peak_in_flight = 0
    for item in collect([str(tmp_path)]):
        assert isinstance(item, Candidate)
        batch.add(item, Settings())
        peak_in_flight = max(peak_in_flight, len(batch._in_flight))
    merged_before_finish = len(received)
    batch.finish()
    assert peak_in_flight == 2
    assert merged_before_finish >= 20
    assert [Path(file.path).name for file in received] == [
        f"{number:02d}.jobspec.json" for number in range(30)
    ]


def test_config_error_stops_pool(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    good = tmp_path / "a"
    bad = tmp_path / "b"
    for folder in (good, bad):
        folder.mkdir()
        for number in range(5):
            shutil.copy(FIXTURES / "valid" / "rerun.jobspec.json",
                        folder / f"{number}.jobspec.json")
    (bad / ".jobspec-lint.toml").write_text('select = "JL1"\n', encoding="utf-8")
    monkeypatch.setattr(parallel, "MIN_FILES_FOR_POOL", 0)
    monkeypatch.setattr(parallel, "available_cpus", lambda: 2)
    monkeypatch.setattr(parallel, "CHUNK_SIZE", 2)
    with pytest.raises(ConfigError, match="select"):
        run([str(good), str(bad)], ConfigResolver(CommandLineSettings()))
