"""Shared helpers: run the installed command, lint inline documents."""

from __future__ import annotations

import codecs
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


# The UTF-8 BOM and line end of each file layout that a diff must apply to.
FILE_LAYOUTS = [
    pytest.param(True, "\r\n", id="bom-crlf"),
    pytest.param(True, "\n", id="bom-lf"),
    pytest.param(False, "\n", id="lf"),
    pytest.param(False, "\r\n", id="crlf"),
]


def encode_lines(lines: list[str], newline: str, bom: bool) -> bytes:
    """Join ``lines``, each ended by ``newline``, and encode them as UTF-8 with an optional BOM."""
    data = "".join(line + newline for line in lines).encode("utf-8")
    return codecs.BOM_UTF8 + data if bom else data


# The tools that ``--diff`` output must apply with, each as the commands to run in order.
# patch gets --fuzz=0 because it otherwise applies a hunk whose context lines differ.
PATCH_TOOLS: dict[str, list[list[str]]] = {
    "git apply": [["git", "apply", "--check"], ["git", "apply"]],
    "patch": [["patch", "-p1", "--fuzz=0", "--batch", "--no-backup-if-mismatch"]],
}


def apply_diff(tool: str, diff: str, folder: Path) -> None:
    """Apply a diff with ``a/`` and ``b/`` path prefixes to the files in ``folder``.

    ``folder`` becomes a git repository first, as a user's checkout would be.
    The test is skipped when the tool is not installed.
    """
    commands = PATCH_TOOLS[tool]
    for executable in ("git", commands[0][0]):
        if shutil.which(executable) is None:
            pytest.skip(f"{executable} is not installed")
    # No user or system configuration, such as apply.whitespace=error.
    environment = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    subprocess.run(["git", "init", "--quiet"], cwd=folder, env=environment, timeout=60,
                   check=True)
    for command in commands:
        completed = subprocess.run(
            command, input=diff.encode("utf-8"), capture_output=True, cwd=folder,
            env=environment, timeout=60, check=False,
        )
        assert completed.returncode == 0, (
            f"{' '.join(command)} failed:\n{completed.stdout!r}\n{completed.stderr!r}"
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
