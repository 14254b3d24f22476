"""The GitLab Code Quality report: a JSON array of issues (GitLab's subset of Code Climate's).

GitLab reads ``description``, ``check_name``, ``fingerprint``, ``severity``,
``location.path`` and ``location.lines.begin`` from each issue, and shows only
the first issue of a fingerprint, so fingerprints are distinct within a report.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from jobspec_lint.findings import Finding, Severity
from jobspec_lint.report import ReportOptions
from jobspec_lint.report.fingerprints import fingerprints
from jobspec_lint.report.locations import report_path
from jobspec_lint.runner import RunResult

# GitLab's scale is info, minor, major, critical, blocker.
SEVERITIES = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def render(run: RunResult, options: ReportOptions) -> str:
    findings = run.findings
    issues = [
        issue_object(finding, digest)
        for finding, digest in zip(findings, fingerprints(findings), strict=True)
    ]
    # GitLab reads an empty array as "no issues", so the errors that stopped
    # a run, or part of it, are issues too.
    issues.extend(error_object("usage", message) for message in run.usage_errors)
    issues.extend(error_object("internal", message) for message in run.internal_errors)
    return json.dumps(issues, indent=2, ensure_ascii=False) + "\n"


def error_object(kind: str, message: str) -> dict[str, Any]:
    """Return an error of the run (exit status 2 or 3) as a blocker issue.

    The error belongs to no file, so its location is the project's root.
    """
    digest = hashlib.sha256(f"{kind}\0{message}".encode("utf-8", "surrogatepass")).hexdigest()
    return {
        "description": f"jobspec-lint {kind} error: {message}",
        "check_name": f"jobspec-lint-{kind}-error",
        "fingerprint": digest,
        "severity": "blocker",
        "location": {"path": ".", "lines": {"begin": 1}},
    }


def issue_object(finding: Finding, fingerprint: str) -> dict[str, Any]:
    return {
        "description": f"{finding.code} {finding.name}: {finding.message}",
        "check_name": finding.code,
        "fingerprint": fingerprint,
        "severity": SEVERITIES[finding.severity],
        "location": {
            "path": report_path(finding.path),
            "lines": {"begin": finding.line, "end": finding.end_line},
        },
    }
