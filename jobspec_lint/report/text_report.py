"""The text report: ``path:line:col: severity CODE message``, the source line, a summary."""

from __future__ import annotations

from jobspec_lint.engine import FileResult
from jobspec_lint.findings import Finding, Severity
from jobspec_lint.report import ReportOptions, RunTotals
from jobspec_lint.runner import RunResult
from jobspec_lint.values import printable

_COLORS = {Severity.ERROR: "31", Severity.WARNING: "33", Severity.INFO: "36"}
_BOLD = "1"
_DIM = "2"


def _paint(text: str, code: str, options: ReportOptions) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if options.color else text


def render(run: RunResult, options: ReportOptions) -> str:
    files = "".join(render_file(file, options) for file in run.files)
    return files + render_end(RunTotals.of(run), options)


def render_file(file: FileResult, options: ReportOptions) -> str:
    """Return the report lines of one file: each finding, with its source line unless quiet."""
    lines: list[str] = []
    for finding in file.findings:
        lines.append(finding_line(finding, options))
        if not options.quiet:
            lines.extend(source_excerpt(file, finding, options))
    return "".join(line + "\n" for line in lines)


def render_end(totals: RunTotals, options: ReportOptions) -> str:
    return "" if options.quiet else summary(totals) + "\n"


def finding_line(finding: Finding, options: ReportOptions) -> str:
    location = _paint(f"{printable(finding.path)}:{finding.line}:{finding.column}:", _BOLD, options)
    severity = _paint(str(finding.severity), _COLORS[finding.severity], options)
    code = _paint(finding.code, _BOLD, options)
    return f"{location} {severity} {code} {finding.message}"


def source_excerpt(file: FileResult, finding: Finding, options: ReportOptions) -> list[str]:
    """Return the finding's source line with a caret under its span."""
    if file.lines is None or finding.line > file.lines.line_count:
        return []
    text = mask_secrets(file, finding.line)
    visible_text = text if text.isprintable() else "".join(_visible(char) for char in text)
    gutter = f"{finding.line:>6} | "
    end = finding.end_column if finding.end_line == finding.line else len(text) + 1
    width = max(1, min(end, len(text) + 1) - finding.column)
    caret = " " * (finding.column - 1) + "^" * width
    blank_gutter = " " * (len(gutter) - 2) + "| "
    return [
        _paint(gutter, _DIM, options) + visible_text,
        _paint(blank_gutter, _DIM, options) + _paint(caret, _COLORS[finding.severity], options),
    ]


def _visible(char: str) -> str:
    """Return a character as the excerpt shows it, one column wide to keep the caret aligned.

    A tab becomes a space, and any other character that is not printable becomes U+FFFD.
    """
    if char.isprintable():
        return char
    return " " if char == "\t" else "\ufffd"


def mask_secrets(file: FileResult, line: int) -> str:
    """Return a source line with every character of a secret (JL209) replaced by ``*``."""
    assert file.lines is not None
    text = file.lines.line_text(line)
    line_start = file.lines.offset(line, 1)
    characters = list(text)
    for span in file.redactions:
        for offset in range(max(span.start, line_start), min(span.end, line_start + len(text))):
            characters[offset - line_start] = "*"
    return "".join(characters)


def summary(totals: RunTotals) -> str:
    counts = totals.severities
    files = totals.files
    linted = f"{files} file{'s' if files != 1 else ''} linted"
    skipped = f", {totals.skipped} skipped (not job specs)" if totals.skipped else ""
    if not any(counts.values()):
        return f"{linted}{skipped}: no findings."
    parts = [
        _plural(counts[Severity.ERROR], "error"),
        _plural(counts[Severity.WARNING], "warning"),
        f"{counts[Severity.INFO]} info",
    ]
    return f"{linted}{skipped}: {', '.join(parts)}."


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' if count != 1 else ''}"
