"""The JSON report: the tool's version, every finding, the errors that stopped work, a summary."""

from __future__ import annotations

import json
from typing import Any

from jobspec_lint._version import __version__
from jobspec_lint.findings import Finding, Severity
from jobspec_lint.report import ReportOptions
from jobspec_lint.runner import RunResult


def finding_object(finding: Finding) -> dict[str, Any]:
    fix = None
    if finding.fix is not None:
        fix = {"description": finding.fix.description, "safe": finding.fix.safe}
    return {
        "path": finding.path,
        "document": finding.document,
        "line": finding.line,
        "column": finding.column,
        "end_line": finding.end_line,
        "end_column": finding.end_column,
        "code": finding.code,
        "name": finding.name,
        "severity": str(finding.severity),
        "message": finding.message,
        "pointer": finding.pointer,
        "fix": fix,
    }


def render(run: RunResult, options: ReportOptions) -> str:
    findings = run.findings
    report = {
        "version": __version__,
        "findings": [finding_object(finding) for finding in findings],
        "summary": {
            "files": sum(file.linted for file in run.files),
            "skipped": run.skipped,
            **{str(s): sum(1 for f in findings if f.severity == s) for s in Severity},
        },
        # The errors also printed on standard error, so that a consumer of this
        # report alone can tell why the exit status is 2 or 3.
        "errors": [
            *({"kind": "usage", "message": message} for message in run.usage_errors),
            *({"kind": "internal", "message": message} for message in run.internal_errors),
        ],
    }
    return json.dumps(report, indent=2, ensure_ascii=False) + "\n"
