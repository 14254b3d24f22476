"""The failure threshold (--fail-on) and --exit-zero, through the installed CLI."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import run_cli

# Findings with --api v4: none, one warning (JL106), one error (JL104).
CLEAN = '{"wrangledDataset": {"id": 7}}\n'
WARNING = '{"wrangledDataset": {"id": 7}, "overrides": {}}\n'
ERROR = '{"wrangledDataset": {"id": 7}, "bogus": 1}\n'


def status(folder: Path, body: str, *args: str) -> int:
    path = folder / "a.jobspec.json"
    path.write_text(body, encoding="utf-8")
    return run_cli("check", "-q", "--api", "v4", *args, str(path)).returncode


@pytest.mark.parametrize(
    ("body", "fail_on", "expected"),
    [
        (WARNING, "error", 0),
        (WARNING, "warning", 1),
        (WARNING, "info", 1),
        (ERROR, "error", 1),
        (CLEAN, "info", 0),
    ],
)
def test_fail_on_threshold(tmp_path: Path, body: str, fail_on: str, expected: int) -> None:
    assert status(tmp_path, body, "--fail-on", fail_on) == expected


def test_fail_on_info_counts_info(tmp_path: Path) -> None:
    # v3 bodies get JL401 (info), and nothing else here.
    path = tmp_path / "a.jobspec.json"
    path.write_text(CLEAN, encoding="utf-8")
    assert run_cli("check", "--fail-on", "info", str(path)).returncode == 1
    assert run_cli("check", str(path)).returncode == 0


def test_fail_on_rejects_unknown_level(tmp_path: Path) -> None:
    assert status(tmp_path, CLEAN, "--fail-on", "fatal") == 2


def test_exit_zero_with_errors(tmp_path: Path) -> None:
    assert status(tmp_path, ERROR, "--exit-zero") == 0


def test_exit_zero_keeps_usage_error(tmp_path: Path) -> None:
    missing = str(tmp_path / "missing.jobspec.json")
    assert run_cli("check", "--exit-zero", missing).returncode == 2
