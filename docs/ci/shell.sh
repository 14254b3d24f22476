#!/usr/bin/env bash
# Lint the job specs of a repository in a plain CI shell step (Jenkins,
# Buildkite, CircleCI, Azure Pipelines, a Makefile).
#
# Usage: shell.sh [PATH...]    The paths default to the current folder.
#
# The text report goes to the log. A JUnit XML report, which most CI services
# show as test results, goes to $JOBSPEC_LINT_REPORT (default:
# jobspec-lint.junit.xml). The exit status is jobspec-lint's: 0 when there are
# only warnings and info or no findings, 1 for error-level findings, 2 for a
# usage error and 3 for an internal error.
set -euo pipefail

report="${JOBSPEC_LINT_REPORT:-jobspec-lint.junit.xml}"
if [ "$#" -eq 0 ]; then
  set -- .
fi

# Install into a virtual environment outside the linted folder when the command
# is missing.
if ! command -v jobspec-lint >/dev/null 2>&1; then
  venv="$(mktemp -d)/venv"
  python3 -m venv "$venv"
  "$venv/bin/python" -m pip install --quiet "jobspec-lint==0.1.0"
  PATH="$venv/bin:$PATH"
fi

jobspec-lint --version
exec jobspec-lint check --format junit --output-file "$report" "$@"
