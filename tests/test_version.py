"""One version everywhere: --version, the reports and the changelog."""

from __future__ import annotations

import json
from pathlib import Path

from jobspec_lint import __version__
from tests.conftest import REPO, run_cli

SPEC = '{"wrangledDataset": {"id": 7}}\n'


def test_changelog_has_current_version() -> None:
    changelog = (REPO / "CHANGELOG.md").read_text(encoding="utf-8")
    assert f"## {__version__} (" in changelog


def test_version_option_prints_it() -> None:
    assert run_cli("--version").stdout.splitlines()[0] == f"jobspec-lint {__version__}"


def test_reports_carry_it(tmp_path: Path) -> None:
    spec = tmp_path / "a.jobspec.json"
    spec.write_text(SPEC, encoding="utf-8")
    report = json.loads(run_cli("check", "--format", "json", str(spec)).stdout)
    assert report["version"] == __version__
    sarif = json.loads(run_cli("check", "--format", "sarif", str(spec)).stdout)
    assert sarif["runs"][0]["tool"]["driver"]["version"] == __version__
