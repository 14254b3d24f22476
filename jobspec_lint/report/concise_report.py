"""The concise report: ``path:line:col: severity CODE message``, one line per finding.

Editors and ``grep`` read one finding per line, so line breaks never reach the
output: in a message, each run of line breaks becomes one space, and in a path,
each line break is written as its escape (``\\n``). Columns count code points,
as in the text report.
"""

from __future__ import annotations

import re

from jobspec_lint.engine import FileResult
from jobspec_lint.findings import Finding
from jobspec_lint.report import ReportOptions, RunTotals
from jobspec_lint.report.text_report import finding_line
from jobspec_lint.runner import RunResult

# The characters that str.splitlines() treats as line boundaries.
LINE_BREAKS = "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"
_BREAK_RUN = re.compile(f"[ \t]*[{LINE_BREAKS}]+[ \t]*")
_BREAK = re.compile(f"[{LINE_BREAKS}]")


def render(run: RunResult, options: ReportOptions) -> str:
    return "".join(render_file(file, options) for file in run.files)


def render_file(file: FileResult, options: ReportOptions) -> str:
    return "".join(concise_line(finding, options) + "\n" for finding in file.findings)


def render_end(totals: RunTotals, options: ReportOptions) -> str:
    return ""


def concise_line(finding: Finding, options: ReportOptions) -> str:
    one_line = finding._replace(
        path=escape_line_breaks(finding.path),
        message=join_lines(finding.message),
    )
    return finding_line(one_line, options)


def join_lines(message: str) -> str:
    """Replace each run of line breaks, with the blanks around it, by one space."""
    return _BREAK_RUN.sub(" ", message.strip(LINE_BREAKS))


def escape_line_breaks(text: str) -> str:
    """Write each line break as its Python escape (``\\n``, ``\\r``, ``\\u2028``)."""
    return _BREAK.sub(lambda match: match.group().encode("unicode_escape").decode("ascii"), text)
