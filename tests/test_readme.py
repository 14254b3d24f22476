"""The README's commands and the output it shows stay true."""

from __future__ import annotations

import os
import re
import subprocess

import pytest

from tests.conftest import REPO, run_cli

README = REPO / "README.md"
OUTPUT_BLOCK = re.compile(r"(<!-- fixtures-output -->\s*```text\n)(.*?)(```)", re.S)


def _fixtures_output() -> subprocess.CompletedProcess[str]:
    return run_cli("check", "fixtures/", cwd=REPO)


def test_readme_shows_fixtures_output() -> None:
    """Set UPDATE_README=1 to rewrite the block from the current output."""
    completed = _fixtures_output()
    assert completed.returncode == 1
    readme = README.read_text(encoding="utf-8")
    match = OUTPUT_BLOCK.search(readme)
    assert match is not None, "README.md lacks the <!-- fixtures-output --> block"
    if os.environ.get("UPDATE_README") == "1":
        README.write_text(
            OUTPUT_BLOCK.sub(lambda m: m.group(1) + completed.stdout + m.group(3), readme),
            encoding="utf-8",
        )
        pytest.skip("README.md updated from the current output")
    assert match.group(2) == completed.stdout


def test_ci_runs_the_readme_test_command() -> None:
    readme = README.read_text(encoding="utf-8")
    block = re.search(r"<!-- test-command -->\s*```sh\n(.*?)```", readme, re.S)
    assert block is not None
    assert "pytest" in block.group(1)
    ci_script = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert "<!-- test-command -->" in ci_script


def test_readme_lint_command_uses_the_fixtures() -> None:
    readme = README.read_text(encoding="utf-8")
    block = re.search(r"<!-- lint-command -->\s*```sh\n(.*?)```", readme, re.S)
    assert block is not None
    assert block.group(1).strip().endswith("jobspec-lint check fixtures/")


def test_readme_json_example_is_real_output() -> None:
    readme = README.read_text(encoding="utf-8")
    block = re.search(r"<!-- json-output -->\s*```json\n(.*?)```", readme, re.S)
    assert block is not None
    completed = run_cli(
        "check", "--format", "json", "--ignore", "JL401",
        "fixtures/invalid/string-id.jobspec.json", cwd=REPO,
    )
    assert block.group(1) == completed.stdout
