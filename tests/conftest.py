"""Shared helpers: run the installed command, lint inline documents."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from jobspec_lint import lint_text
from jobspec_lint.findings import Finding

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "fixtures"


def command_path() -> str:
    """Return the installed ``jobspec-lint`` command of the interpreter running the tests."""
    beside = Path(sys.executable).parent / "jobspec-lint"
    found = str(beside) if beside.exists() else shutil.which("jobspec-lint")
    if found is None:
        pytest.fail("the jobspec-lint command is not installed: run pip install -e '.[test]'")
    return found


def run_cli(
    *args: str, stdin: str | bytes | None = None, cwd: Path | None = None,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run the installed command in a subprocess and return its output as text."""
    data = stdin.encode() if isinstance(stdin, str) else stdin
    environment = {**os.environ, "NO_COLOR": "1"}
    environment.pop("FORCE_COLOR", None)
    environment.update(env or {})
    completed = subprocess.run(
        [command_path(), *args], input=data, capture_output=True, cwd=cwd, env=environment,
        timeout=60, check=False,
    )
    return subprocess.CompletedProcess(
        completed.args, completed.returncode,
        completed.stdout.decode("utf-8", errors="replace"),
        completed.stderr.decode("utf-8", errors="replace"),
    )


def lint(text: str, filename: str = "spec.jobspec.json", **settings: object) -> list[Finding]:
    """Lint an inline document; JL401 (once per v3 body) is ignored unless asked for."""
    settings.setdefault("ignore", ("JL401",))
    return lint_text(text, filename, **settings)  # type: ignore[arg-type]


def codes(findings: list[Finding]) -> list[str]:
    return [finding.code for finding in findings]


def only(findings: list[Finding], code: str) -> Finding:
    """Return the single finding with ``code``, failing with the full list otherwise."""
    matching = [f for f in findings if f.code == code]
    assert len(matching) == 1, f"expected one {code}, got {[(f.code, f.message) for f in findings]}"
    return matching[0]
