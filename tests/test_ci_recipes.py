"""The CI recipes in docs/ci: they parse, use only options the CLI has, and produce what CI reads.

Each ``jobspec-lint`` command in a recipe is checked against ``jobspec-lint
check --help``, then run on a small tree of job specs, and the report it writes
is checked for the fields the CI service reads.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from jobspec_lint._version import __version__
from tests.conftest import REPO, run_cli
from tests.report.sarif_validation import assert_valid_sarif

RECIPES = REPO / "docs" / "ci"
GITHUB_WORKFLOW = RECIPES / "github-actions.yml"
GITLAB_JOB = RECIPES / "gitlab-ci.yml"
SHELL_STEP = RECIPES / "shell.sh"
SHELL_OPERATORS = {"|", "||", "&", "&&", ";", ";;", "(", ")", ">", ">>", "<"}
# Words after which the next word is a command name.
COMMAND_PREFIXES = SHELL_OPERATORS | {"exec", "then", "else", "do", "!", "time"}
GITLAB_SEVERITIES = {"info", "minor", "major", "critical", "blocker"}
SPEC_WITH_ERROR = '{"wrangleDataset": {"id": 7}}\n'


@dataclass(frozen=True)
class HelpOption:
    """An option of ``check --help``: its choices, or whether it takes a free value."""

    takes_value: bool
    choices: tuple[str, ...] = ()


@cache
def check_options() -> dict[str, HelpOption]:
    """Parse the options, their values and their choices from ``jobspec-lint check --help``."""
    help_text = run_cli("check", "--help").stdout
    options: dict[str, HelpOption] = {}
    pattern = re.compile(
        r"^  (?:-\w, )?(--[a-z][a-z0-9-]*)(?: / (--[a-z][a-z0-9-]*))?(?: (\S+))?", re.MULTILINE
    )
    for match in pattern.finditer(help_text):
        name, negation, metavar = match.groups()
        option = HelpOption(takes_value=metavar is not None)
        if metavar and metavar.startswith("<") and "|" in metavar:
            option = HelpOption(takes_value=True, choices=tuple(metavar.strip("<>").split("|")))
        options[name] = option
        if negation:
            options[negation] = HelpOption(takes_value=False)
    assert "--format" in options, help_text
    return options


def jobspec_lint_commands(script: str) -> list[list[str]]:
    """Return the arguments of each ``jobspec-lint`` command in a shell script.

    Only a word in command position counts, so ``command -v jobspec-lint`` does not.
    """
    commands = []
    joined = script.replace("\\\n", " ")
    for line in joined.splitlines():
        if line.lstrip().startswith("#"):
            continue
        lexer = shlex.shlex(line, posix=True, punctuation_chars=True)
        lexer.whitespace_split = True
        tokens = list(lexer)
        for index, token in enumerate(tokens):
            if token != "jobspec-lint":
                continue
            if index > 0 and tokens[index - 1] not in COMMAND_PREFIXES:
                continue
            arguments = []
            for argument in tokens[index + 1:]:
                if argument in SHELL_OPERATORS:
                    break
                arguments.append(argument)
            commands.append(arguments)
    return commands


def check_command_problems(arguments: list[str]) -> list[str]:
    """Return what in a ``jobspec-lint check`` command the CLI would reject."""
    options = check_options()
    problems = []
    position = 1
    while position < len(arguments):
        argument = arguments[position]
        position += 1
        if not argument.startswith("-") or argument == "-":
            continue
        name, has_inline_value, inline_value = argument.partition("=")
        option = options.get(name)
        if option is None:
            problems.append(f"unknown option {name}")
            continue
        if not option.takes_value:
            continue
        if has_inline_value:
            value = inline_value
        else:
            if position >= len(arguments):
                problems.append(f"{name} lacks its value")
                continue
            value = arguments[position]
            position += 1
        if option.choices and value not in option.choices:
            problems.append(f"{name} {value}: not one of {', '.join(option.choices)}")
    return problems


def option_value(arguments: list[str], name: str) -> str | None:
    for index, argument in enumerate(arguments):
        if argument == name and index + 1 < len(arguments):
            return arguments[index + 1]
        if argument.startswith(f"{name}="):
            return argument.partition("=")[2]
    return None


def assert_commands_valid(script: str) -> list[list[str]]:
    commands = jobspec_lint_commands(script)
    assert commands, "the recipe runs no jobspec-lint command"
    for arguments in commands:
        if arguments == ["--version"]:
            continue
        assert arguments[0] == "check", arguments
        assert check_command_problems(arguments) == [], arguments
        assert "--exit-zero" not in arguments
    return [arguments for arguments in commands if arguments[:1] == ["check"]]


def assert_pins_current_version(script: str) -> None:
    pins = re.findall(r"jobspec-lint==([0-9][^\"'\s]*)", script)
    assert pins, "the recipe does not pin the jobspec-lint version it installs"
    assert set(pins) == {__version__}


@pytest.fixture
def spec_tree(tmp_path: Path) -> Path:
    """Create a repository-like folder with one job spec that has an error."""
    (tmp_path / "jobspecs").mkdir()
    (tmp_path / "jobspecs" / "daily run, v2.jobspec.json").write_text(SPEC_WITH_ERROR,
                                                                      encoding="utf-8")
    return tmp_path


def run_recipe_command(arguments: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    completed = run_cli(*arguments, cwd=cwd)
    assert completed.returncode in (0, 1), completed.stderr
    return completed


def test_check_help_parsing() -> None:
    options = check_options()
    assert options["--format"].choices[:2] == ("text", "concise")
    assert options["--output-file"].takes_value
    assert not options["--quiet"].takes_value
    assert check_command_problems(["check", "--format", "xml", "."]) == [
        f"--format xml: not one of {', '.join(options['--format'].choices)}"
    ]
    assert check_command_problems(["check", "--no-such-option", "."]) == [
        "unknown option --no-such-option"
    ]


# GitHub Actions


def github_workflow() -> dict[Any, Any]:
    workflow: dict[Any, Any] = yaml.safe_load(GITHUB_WORKFLOW.read_text(encoding="utf-8"))
    return workflow


def github_steps() -> list[dict[str, Any]]:
    steps: list[dict[str, Any]] = github_workflow()["jobs"]["jobspec-lint"]["steps"]
    return steps


def github_step_running(format_name: str) -> dict[str, Any]:
    for step in github_steps():
        for arguments in jobspec_lint_commands(step.get("run", "")):
            if option_value(arguments, "--format") == format_name:
                return step
    raise AssertionError(f"no step runs jobspec-lint with --format {format_name}")


def test_github_workflow_parses() -> None:
    workflow = github_workflow()
    # PyYAML reads the unquoted key "on" as the YAML 1.1 boolean true.
    assert set(workflow[True]) == {"push", "pull_request"}
    permissions = workflow["jobs"]["jobspec-lint"]["permissions"]
    assert permissions["security-events"] == "write"


def test_github_commands_use_cli_options() -> None:
    script = "\n".join(step.get("run", "") for step in github_steps())
    commands = assert_commands_valid(script)
    formats = {option_value(arguments, "--format") for arguments in commands}
    assert formats == {"sarif", "github"}
    assert_pins_current_version(script)


def test_github_uploads_the_sarif_it_writes() -> None:
    sarif_step = github_step_running("sarif")
    arguments = jobspec_lint_commands(sarif_step["run"])[0]
    written = option_value(arguments, "--output-file")
    upload = [step for step in github_steps()
              if step.get("uses", "").startswith("github/codeql-action/upload-sarif@")]
    assert len(upload) == 1
    assert upload[0]["with"]["sarif_file"] == written
    assert "!cancelled()" in upload[0]["if"]
    assert f"hashFiles('{written}')" in upload[0]["if"]


def test_github_exit_status_semantics() -> None:
    steps = github_steps()
    sarif_step = github_step_running("sarif")
    gate = github_step_running("github")
    # The SARIF step may fail without stopping the upload; the annotation step,
    # which runs the same check, decides the job.
    assert sarif_step["continue-on-error"] is True
    assert "continue-on-error" not in gate
    assert "!cancelled()" in gate["if"]
    assert steps.index(gate) == len(steps) - 1
    assert "|| true" not in gate["run"]


def test_github_sarif_from_recipe_validates(spec_tree: Path) -> None:
    arguments = jobspec_lint_commands(github_step_running("sarif")["run"])[0]
    completed = run_recipe_command(arguments, spec_tree)
    assert completed.returncode == 1
    written = spec_tree / str(option_value(arguments, "--output-file"))
    log = json.loads(written.read_text(encoding="utf-8"))
    assert_valid_sarif(log)
    results = log["runs"][0]["results"]
    assert any(result["ruleId"] == "JL104" for result in results)
    for result in results:
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uri"] == "jobspecs/daily%20run%2C%20v2.jobspec.json"
        assert set(location["region"]) == {"startLine", "startColumn", "endLine", "endColumn"}


def test_github_annotations_from_recipe(spec_tree: Path) -> None:
    arguments = jobspec_lint_commands(github_step_running("github")["run"])[0]
    completed = run_recipe_command(arguments, spec_tree)
    assert completed.returncode == 1
    lines = completed.stdout.splitlines()
    assert lines
    for line in lines:
        assert re.match(r"::(error|warning|notice) file=jobspecs/daily run%2C v2\.jobspec\.json,"
                        r"line=\d+,", line), line


# GitLab CI/CD


def gitlab_job() -> dict[str, Any]:
    jobs: dict[str, Any] = yaml.safe_load(GITLAB_JOB.read_text(encoding="utf-8"))
    job: dict[str, Any] = jobs["jobspec-lint"]
    return job


def gitlab_lint_command() -> list[str]:
    commands = jobspec_lint_commands("\n".join(gitlab_job()["script"]))
    assert len(commands) == 1
    return commands[0]


def test_gitlab_job_parses() -> None:
    job = gitlab_job()
    assert job["artifacts"]["when"] == "always"
    assert job["artifacts"]["reports"]["codequality"] == "gl-code-quality-report.json"
    assert "allow_failure" not in job


def test_gitlab_commands_use_cli_options() -> None:
    script = "\n".join(gitlab_job()["script"])
    assert_commands_valid(script)
    assert option_value(gitlab_lint_command(), "--format") == "gitlab"
    assert_pins_current_version(script)


def test_gitlab_report_path_matches_artifact() -> None:
    written = option_value(gitlab_lint_command(), "--output-file")
    assert written == gitlab_job()["artifacts"]["reports"]["codequality"]


def test_gitlab_report_from_recipe(spec_tree: Path) -> None:
    arguments = gitlab_lint_command()
    completed = run_recipe_command(arguments, spec_tree)
    assert completed.returncode == 1
    written = spec_tree / gitlab_job()["artifacts"]["reports"]["codequality"]
    issues = json.loads(written.read_text(encoding="utf-8"))
    assert isinstance(issues, list)
    assert issues
    for issue in issues:
        assert isinstance(issue["description"], str)
        assert re.fullmatch(r"JL\d{3}", issue["check_name"])
        assert isinstance(issue["fingerprint"], str)
        assert issue["severity"] in GITLAB_SEVERITIES
        assert issue["location"]["path"] == "jobspecs/daily run, v2.jobspec.json"
        assert (spec_tree / issue["location"]["path"]).is_file()
        assert isinstance(issue["location"]["lines"]["begin"], int)
        assert issue["location"]["lines"]["begin"] >= 1
    assert len({issue["fingerprint"] for issue in issues}) == len(issues)


# Shell


def run_shell_step(cwd: Path, *paths: str) -> subprocess.CompletedProcess[str]:
    """Run the shell recipe with the test interpreter's jobspec-lint first on PATH."""
    environment = {**os.environ, "NO_COLOR": "1"}
    environment["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{environment['PATH']}"
    environment.pop("JOBSPEC_LINT_REPORT", None)
    return subprocess.run(["bash", str(SHELL_STEP), *paths], cwd=cwd, env=environment,
                          capture_output=True, text=True, timeout=120, check=False)


def test_shell_step_syntax() -> None:
    completed = subprocess.run(["bash", "-n", str(SHELL_STEP)], capture_output=True, text=True,
                               check=False)
    assert completed.returncode == 0, completed.stderr


def test_shell_commands_use_cli_options() -> None:
    script = SHELL_STEP.read_text(encoding="utf-8")
    commands = assert_commands_valid(script)
    assert [option_value(arguments, "--format") for arguments in commands] == ["junit"]
    assert_pins_current_version(script)


def test_shell_step_fails_on_errors(spec_tree: Path) -> None:
    completed = run_shell_step(spec_tree)
    assert completed.returncode == 1, completed.stderr
    assert "1 file linted: 1 error" in completed.stdout
    suite = ET.fromstring((spec_tree / "jobspec-lint.junit.xml").read_bytes())
    assert (suite.get("tests"), suite.get("failures")) == ("1", "1")
    case = suite.find("testcase")
    assert case is not None
    assert case.get("name") == "jobspecs/daily run, v2.jobspec.json"


def test_shell_step_passes_when_clean(tmp_path: Path) -> None:
    (tmp_path / "ok.jobspec.json").write_text('{"wrangledDataset": {"id": 7}}\n',
                                              encoding="utf-8")
    completed = run_shell_step(tmp_path, "ok.jobspec.json")
    assert completed.returncode == 0, completed.stderr
    suite = ET.fromstring((tmp_path / "jobspec-lint.junit.xml").read_bytes())
    assert suite.get("failures") == "0"
