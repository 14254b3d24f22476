"""Findings, fixes and rule documentation as LSP objects.

The functions here take a file's findings and its ``LineIndex`` and return
``lsprotocol`` types. They keep no state, so tests call them without a server.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from lsprotocol import types

from jobspec_lint.findings import Finding, Fix, Severity
from jobspec_lint.positions import LineIndex, Span
from jobspec_lint.rules import rules_by_code
from jobspec_lint.rules.docstrings import render_markdown
from jobspec_lint.server.positions import PositionEncoding, code_point_offset, lsp_position

SOURCE = "jobspec-lint"
# The text that replaces a secret in messages and titles: a fixed width, so
# that the mask does not give away the secret's length.
MASK = "****"

_SEVERITIES = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}


def finding_span(finding: Finding, lines: LineIndex) -> Span:
    """Return the code-point offsets a finding covers in its file's text."""
    start = lines.offset(finding.line, finding.column)
    end = lines.offset(finding.end_line, finding.end_column)
    return Span(start, max(start, end))


def lsp_range(lines: LineIndex, span: Span, encoding: PositionEncoding) -> types.Range:
    start_line, start_character = lsp_position(lines, span.start, encoding)
    end_line, end_character = lsp_position(lines, span.end, encoding)
    return types.Range(
        start=types.Position(line=start_line, character=start_character),
        end=types.Position(line=end_line, character=end_character),
    )


def span_of_range(lines: LineIndex, lsp: types.Range, encoding: PositionEncoding) -> Span:
    start = code_point_offset(lines, lsp.start.line, lsp.start.character, encoding)
    end = code_point_offset(lines, lsp.end.line, lsp.end.character, encoding)
    return Span(start, max(start, end))


def secrets_in(lines: LineIndex, redactions: Iterable[Span]) -> list[str]:
    """Return the secret texts of a file, longest first so that none is masked in part."""
    secrets = {lines.text[span.start : span.end] for span in redactions}
    return sorted((secret for secret in secrets if secret), key=len, reverse=True)


def mask(text: str, secrets: Sequence[str]) -> str:
    """Replace every secret in ``text`` by ``MASK``."""
    for secret in secrets:
        text = text.replace(secret, MASK)
    return text


def diagnostic(
    finding: Finding, lines: LineIndex, encoding: PositionEncoding, secrets: Sequence[str] = ()
) -> types.Diagnostic:
    """Return a finding as a diagnostic: the rule code as ``code``, ranges in ``encoding``."""
    return types.Diagnostic(
        range=lsp_range(lines, finding_span(finding, lines), encoding),
        message=mask(finding.message, secrets),
        severity=_SEVERITIES[finding.severity],
        code=finding.code,
        source=SOURCE,
    )


def overlaps(span: Span, other: Span) -> bool:
    """Return whether two spans share a character, or one is empty and touches the other."""
    if span.start == span.end or other.start == other.end:
        return other.start <= span.start <= other.end or span.start <= other.start <= span.end
    return span.start < other.end and other.start < span.end


def code_actions(
    uri: str,
    findings: Iterable[Finding],
    lines: LineIndex,
    requested: Span,
    encoding: PositionEncoding,
    secrets: Sequence[str] = (),
) -> list[types.CodeAction]:
    """Return a quick fix for each finding with a ``Fix`` that overlaps ``requested``.

    A safe fix (one that ``check --fix`` applies) is marked preferred, so that
    editors may apply it with their "auto fix" command.
    """
    actions = []
    for finding in findings:
        if finding.fix is None or not overlaps(finding_span(finding, lines), requested):
            continue
        actions.append(
            _quick_fix(uri, finding, finding.fix, lines, encoding, secrets)
        )
    return actions


def _quick_fix(
    uri: str,
    finding: Finding,
    fix: Fix,
    lines: LineIndex,
    encoding: PositionEncoding,
    secrets: Sequence[str],
) -> types.CodeAction:
    edits = [
        types.TextEdit(range=lsp_range(lines, edit.span, encoding), new_text=edit.text)
        for edit in fix.edits
    ]
    return types.CodeAction(
        title=f"{_sentence_case(mask(fix.description, secrets))} ({finding.code})",
        kind=types.CodeActionKind.QuickFix,
        diagnostics=[diagnostic(finding, lines, encoding, secrets)],
        is_preferred=fix.safe,
        edit=types.WorkspaceEdit(changes={uri: edits}),
    )


def _sentence_case(text: str) -> str:
    """Capitalise the first letter, as editors' menus show action titles."""
    return text[:1].upper() + text[1:]


def findings_at(findings: Iterable[Finding], lines: LineIndex, offset: int) -> list[Finding]:
    """Return the findings whose range contains ``offset``, or starts at it when empty."""
    found = []
    for finding in findings:
        span = finding_span(finding, lines)
        if span.start <= offset < span.end or offset == span.start:
            found.append(finding)
    return found


def hover(
    findings: Sequence[Finding], lines: LineIndex, encoding: PositionEncoding, markdown: bool
) -> types.Hover | None:
    """Return the documentation of the rules of ``findings``, once per rule."""
    if not findings:
        return None
    codes = list(dict.fromkeys(finding.code for finding in findings))
    render = rule_markdown if markdown else rule_plain_text
    separator = "\n\n---\n\n" if markdown else "\n\n"
    value = separator.join(render(code) for code in codes)
    first = findings[0]
    return types.Hover(
        contents=types.MarkupContent(
            kind=types.MarkupKind.Markdown if markdown else types.MarkupKind.PlainText,
            value=value,
        ),
        range=lsp_range(lines, finding_span(first, lines), encoding),
    )


def rule_plain_text(code: str) -> str:
    from jobspec_lint.cli.explain import rule_text

    return (rule_text(code) or code).rstrip("\n")


def rule_markdown(code: str) -> str:
    """Return a rule's documentation as Markdown, with its title in bold."""
    rule = rules_by_code()[code]
    title, _, body = rule.doc.partition("\n")
    targets = ", ".join(sorted(rule.targets))
    title_line = f"**{render_markdown(title)}**"
    severity_line = f"default severity: {rule.severity}; targets: {targets}"
    return "\n\n".join(part for part in (title_line, severity_line, render_markdown(body)) if part)
