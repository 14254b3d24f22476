"""The pre-commit hooks: a real ``pre-commit run`` with this working tree as the hook repository.

pre-commit installs the hook from a git repository at a commit, so the test
copies the working tree into a new repository and commits it there. The first
run builds a virtualenv and installs jobspec-lint and its dependencies from
the package registry into ``PRE_COMMIT_HOME`` under ``tmp_path``: it takes
tens of seconds and needs the registry, or a pip cache that has the packages.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pathspec
import pytest
import yaml

from tests.conftest import REPO

pytestmark = pytest.mark.slow

# Installing the hook environment the first time builds a wheel and downloads
# dependencies, so allow minutes.
INSTALL_TIMEOUT = 900

BAD_SPEC = '{"wrangledDataset": {"id": "7"}}\n'
GOOD_SPEC = "wrangledDataset:\n  id: 7\n"
# package.json looks enough like a job spec that check would report JL102 in
# it: the hook's files pattern must keep it from the hook.
PACKAGE_JSON = '{"name": "app", "wrangledDataset": {"id": "7"}}\n'


def git(*args: str, cwd: Path) -> str:
    environment = {
        **os.environ,
        # No user or system configuration: no signing, hooks or templates of the machine.
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "test", "GIT_AUTHOR_EMAIL": "test@example.invalid",
        "GIT_COMMITTER_NAME": "test", "GIT_COMMITTER_EMAIL": "test@example.invalid",
    }
    completed = subprocess.run(
        ["git", *args], cwd=cwd, env=environment, capture_output=True, text=True, timeout=120,
        check=False,
    )
    assert completed.returncode == 0, f"git {' '.join(args)} failed:\n{completed.stderr}"
    return completed.stdout.strip()


def copy_working_tree(destination: Path) -> None:
    """Copy this repository's files that git would not ignore, without ``.git``."""
    ignore_file = REPO / ".gitignore"
    lines = ignore_file.read_text(encoding="utf-8").splitlines() if ignore_file.is_file() else []
    # ".git" without a slash also matches a file. In a linked worktree .git is a
    # file that points at the worktree's repository, and copying it would make
    # the commit below land on the worktree's branch.
    ignored = pathspec.GitIgnoreSpec.from_lines([*lines, ".git", "node_modules/"])

    def skip(folder: str, names: list[str]) -> set[str]:
        relative = Path(folder).relative_to(REPO)
        skipped = set()
        for name in names:
            path = (relative / name).as_posix()
            is_folder = (Path(folder) / name).is_dir()
            if ignored.match_file(path + "/" if is_folder else path):
                skipped.add(name)
        return skipped

    shutil.copytree(REPO, destination, ignore=skip, symlinks=True)


def run_pre_commit(project: Path, home: Path) -> subprocess.CompletedProcess[str]:
    environment = {
        **os.environ,
        "PRE_COMMIT_HOME": str(home),
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
        "NO_COLOR": "1",
    }
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", "--all-files", "--color", "never"],
        cwd=project, env=environment, capture_output=True, text=True, timeout=INSTALL_TIMEOUT,
        check=False,
    )


def test_pre_commit_hook_lints_job_specs(tmp_path: Path) -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed: pre-commit needs it to fetch and run hooks")
    pytest.importorskip(
        "pre_commit", reason="pre-commit is not installed: pip install -e '.[test]'"
    )

    source = tmp_path / "source"
    copy_working_tree(source)
    # Else the git commands below would run in this checkout's repository.
    assert not (source / ".git").exists()
    git("init", "--quiet", cwd=source)
    git("add", "--all", cwd=source)
    git("commit", "--quiet", "--no-verify", "-m", "hook source", cwd=source)
    revision = git("rev-parse", "HEAD", cwd=source)

    project = tmp_path / "project"
    (project / "jobspecs").mkdir(parents=True)
    config = {"repos": [{"repo": str(source), "rev": revision, "hooks": [{"id": "jobspec-lint"}]}]}
    (project / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    (project / "jobspecs" / "daily.json").write_text(BAD_SPEC, encoding="utf-8")
    (project / "weekly.jobspec.yaml").write_text(GOOD_SPEC, encoding="utf-8")
    (project / "package.json").write_text(PACKAGE_JSON, encoding="utf-8")
    git("init", "--quiet", cwd=project)
    git("add", "--all", cwd=project)

    failed = run_pre_commit(project, tmp_path / "pre-commit-home")

    output = failed.stdout + failed.stderr
    assert failed.returncode == 1, output
    assert "jobspecs/daily.json:1:28: error JL102" in output
    assert "package.json" not in output

    (project / "jobspecs" / "daily.json").write_text(BAD_SPEC.replace('"7"', "7"), encoding="utf-8")
    git("add", "--all", cwd=project)

    passed = run_pre_commit(project, tmp_path / "pre-commit-home")

    output = passed.stdout + passed.stderr
    assert passed.returncode == 0, output
    assert "Passed" in output
    assert "package.json" not in output


def test_hook_files_pattern_selects_job_specs() -> None:
    import re

    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    by_id = {hook["id"]: hook for hook in hooks}
    assert set(by_id) == {"jobspec-lint", "jobspec-lint-fix"}
    assert by_id["jobspec-lint"]["entry"] == "jobspec-lint check --force-exclude"
    assert by_id["jobspec-lint-fix"]["entry"] == "jobspec-lint check --fix --force-exclude"

    for hook in hooks:
        pattern = re.compile(hook["files"])
        assert hook["language"] == "python"
        assert hook["types_or"] == ["json", "yaml"]
        assert hook["entry"].startswith("jobspec-lint check")
        for selected in ("a.jobspec.json", "dir/b.jobspec.yaml", "c.jobspec.yml",
                         "jobspecs/d.json", "deploy/jobspecs/nested/e.yml"):
            assert pattern.search(selected), f"{hook['id']} should lint {selected}"
        for passed_over in ("package.json", "jobspec.json", "specs/x.yaml",
                            "myjobspecs/f.json", "a.jobspec.json.bak", "jobspecs/readme.md"):
            assert not pattern.search(passed_over), f"{hook['id']} should not lint {passed_over}"
