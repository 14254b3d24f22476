"""The GitHub Actions report: one workflow command per finding, shown as an annotation.

Each line reads ``::error file=PATH,line=L,col=C,endLine=L,endColumn=C,title=CODE name::MESSAGE``.
The escaping is that of ``packages/core/src/command.ts`` in GitHub's actions/toolkit. The
message escapes ``%``, ``\\r`` and ``\\n``, so a finding cannot end its line and
start a command of its own. Property values also escape ``:`` and ``,``, which
separate the properties.
"""

from __future__ import annotations

from jobspec_lint.engine import FileResult
from jobspec_lint.findings import Finding, Severity
from jobspec_lint.report import ReportOptions, RunTotals
from jobspec_lint.report.locations import report_path
from jobspec_lint.runner import RunResult
from jobspec_lint.values import printable

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def render(run: RunResult, options: ReportOptions) -> str:
    return "".join(render_file(file, options) for file in run.files)


def render_file(file: FileResult, options: ReportOptions) -> str:
    return "".join(workflow_command(finding) + "\n" for finding in file.findings)


def render_end(totals: RunTotals, options: ReportOptions) -> str:
    return ""


def workflow_command(finding: Finding) -> str:
    """Format one finding as an ``::error``, ``::warning`` or ``::notice`` command."""
    properties: dict[str, str | int] = {
        "file": printable(report_path(finding.path)),
        "line": finding.line,
    }
    # GitHub takes columns only for a span on one line. Its documentation does
    # not give their unit, so these count code points, as the text report does.
    same_line = finding.end_line == finding.line
    if same_line:
        properties["col"] = finding.column
    properties["endLine"] = finding.end_line
    if same_line:
        properties["endColumn"] = finding.end_column
    properties["title"] = f"{finding.code} {finding.name}"
    listed = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items())
    return f"::{COMMANDS[finding.severity]} {listed}::{escape_data(finding.message)}"


def escape_data(text: str) -> str:
    """Escape a command's message: ``%``, then the line breaks ``\\r`` and ``\\n``."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a property value: as a message, and ``:`` and ``,`` as well."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")
