"""Suppression comments in YAML, and JL503 for the ones that hide nothing.

``# jobspec-lint: disable=JL202`` hides the findings of the listed rules that
start on the comment's line. A comment on a line of its own also covers the
line below it. ``# jobspec-lint: disable-file=JL2`` before the first content
line of the file hides them in the whole file. Rules are listed as codes,
names or code prefixes separated by commas, and text after the list is a free
reason. Only real comments count (``Document.comments``), never a ``#`` inside
a quoted or block scalar. JSON has no comments: it uses per-file-ignores and the
baseline instead.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import NamedTuple

from jobspec_lint.document import Document
from jobspec_lint.findings import Finding, Severity
from jobspec_lint.positions import LineIndex
from jobspec_lint.rules import all_rules, rules_by_code
from jobspec_lint.rules.base import Rule
from jobspec_lint.settings import Settings

UNUSED_CODE = "JL503"
# NOTE: the registry gets JL503 from its rule module. Until that module is
# registered, this copy of its catalogue entry is used in its place.
_UNUSED_SUPPRESSION = Rule(
    code=UNUSED_CODE,
    name="unused-suppression",
    summary="a suppression comment or baseline entry that no longer matches any finding",
    severity=Severity.WARNING,
)

_DIRECTIVE_START = re.compile(r"\s*jobspec-lint\s*:")
_DIRECTIVE = re.compile(
    r"\s*jobspec-lint\s*:\s*(?P<kind>disable-file|disable)\s*=\s*"
    r"(?P<list>[A-Za-z0-9_-]+(?:\s*,\s*[A-Za-z0-9_-]+)*)(?:\s.*)?$"
)
_TOKEN = re.compile(r"[A-Za-z0-9_-]+")
# Lines before the body that are not content: document markers and YAML directives.
_MARKER = re.compile(r"(?:---|\.\.\.)(?:\s+#.*)?|%.*")
_SYNTAX_HELP = (
    'write "# jobspec-lint: disable=CODE" or "# jobspec-lint: disable-file=CODE", '
    "with rule codes, names or code prefixes separated by commas"
)


def unused_suppression_rule() -> Rule:
    return rules_by_code().get(UNUSED_CODE, _UNUSED_SUPPRESSION)


def known_rules() -> tuple[Rule, ...]:
    """Return every rule that configuration and suppression comments may name."""
    rules = all_rules()
    return rules if UNUSED_CODE in rules_by_code() else (*rules, _UNUSED_SUPPRESSION)


class _Token:
    """One code or name listed by a suppression comment, and whether it hid a finding."""

    def __init__(self, text: str, column: int, code: str | None) -> None:
        self.text = text
        self.column = column
        # The code or code prefix the token names, or None if it names no rule.
        self.code = code
        self.used = False

    def matches(self, code: str) -> bool:
        return self.code is not None and code.startswith(self.code)


class _Directive:
    """One suppression comment: where it is, what it covers and the codes it lists."""

    def __init__(self, line: int, document: int, column: int, file_wide: bool,
                 standalone: bool) -> None:
        self.line = line
        self.document = document
        self.column = column
        self.file_wide = file_wide
        self.standalone = standalone
        self.tokens: list[_Token] = []
        # A disable-file comment after the first content line: it hides nothing.
        self.misplaced = False

    def covers(self, line: int) -> bool:
        if self.misplaced:
            return False
        if self.file_wide:
            return True
        return line == self.line or (self.standalone and line == self.line + 1)


class _Report(NamedTuple):
    document: int
    line: int
    column: int
    end_column: int
    message: str


def apply_suppressions(
    findings: list[Finding],
    documents: Iterable[Document],
    lines: LineIndex,
    path: str,
    settings: Settings,
) -> list[Finding]:
    """Return ``findings`` without the suppressed ones, and JL503 for comments that hide nothing."""
    directives, reports = _read_directives(documents, lines)
    if not directives and not reports:
        return findings

    kept = [finding for finding in findings if not _hide(finding.code, finding.line, directives)]
    reports.extend(_unused_tokens(directives, settings))
    unused = [
        unused_suppression_finding(
            path, report.document, report.line, report.column, report.end_column,
            report.message, settings,
        )
        for report in reports
        if not _hide(UNUSED_CODE, report.line, directives)
    ]
    from jobspec_lint.engine import is_selected

    if is_selected(UNUSED_CODE, settings):
        kept.extend(unused)
    return sorted(kept, key=Finding.sort_key)


def unused_suppression_finding(
    path: str, document: int, line: int, column: int, end_column: int, message: str,
    settings: Settings,
) -> Finding:
    """Return a JL503 finding with the severity that ``settings`` give it."""
    rule = unused_suppression_rule()
    return Finding(
        path=path, document=document, line=line, column=column, end_line=line,
        end_column=end_column, code=rule.code, name=rule.name,
        severity=settings.severity.get(rule.code, rule.severity), message=message, pointer="",
    )


def _hide(code: str, line: int, directives: list[_Directive]) -> bool:
    """Return whether a directive hides a finding of ``code`` on ``line``; mark the tokens used."""
    hidden = False
    for directive in directives:
        if not directive.covers(line):
            continue
        for token in directive.tokens:
            if token.matches(code):
                token.used = True
                hidden = True
    return hidden


def _read_directives(
    documents: Iterable[Document], lines: LineIndex
) -> tuple[list[_Directive], list[_Report]]:
    directives: list[_Directive] = []
    reports: list[_Report] = []
    seen: set[int] = set()
    first_content = _first_content_line(lines)
    rules = known_rules()
    for document in documents:
        for comment in document.comments:
            if comment.line in seen or not _DIRECTIVE_START.match(comment.text):
                continue
            seen.add(comment.line)
            line_text = lines.line_text(comment.line)
            start = line_text.rfind("#" + comment.text)
            column = start + 1 if start >= 0 else max(line_text.rfind("#"), 0) + 1
            end_column = len(line_text) + 1
            match = _DIRECTIVE.match(comment.text)
            if match is None:
                message = f"invalid suppression comment: {_SYNTAX_HELP}"
                reports.append(_Report(document.index, comment.line, column, end_column, message))
                continue
            directive = _Directive(
                line=comment.line,
                document=document.index,
                column=column,
                file_wide=match.group("kind") == "disable-file",
                standalone=line_text.lstrip().startswith("#"),
            )
            directive.misplaced = directive.file_wide and comment.line > first_content
            list_start = column + 1 + match.start("list")
            for token in _TOKEN.finditer(match.group("list")):
                code = _resolve(token.group(), rules)
                directive.tokens.append(_Token(token.group(), list_start + token.start(), code))
            if directive.misplaced:
                message = (
                    "disable-file comes after the first content line, so it hides nothing: "
                    "move it above the body"
                )
                reports.append(_Report(document.index, comment.line, column, end_column, message))
            directives.append(directive)
    return directives, reports


def _resolve(text: str, rules: tuple[Rule, ...]) -> str | None:
    from jobspec_lint.config.validate import resolve_rule_reference

    return resolve_rule_reference(text, rules)


def _unused_tokens(directives: list[_Directive], settings: Settings) -> list[_Report]:
    """Report each token that hid nothing, if a rule it names ran.

    A token for a rule that did not run (not selected, ignored, or for the other
    API version) is not reported: it may hide findings in another run. A token
    that names JL503 itself is never reported, since it would hide its own report.
    """
    reports = []
    rules = known_rules()
    for directive in directives:
        if directive.misplaced:
            continue
        for token in directive.tokens:
            end_column = token.column + len(token.text)
            if token.code is None:
                from jobspec_lint.config.validate import unknown_rule_message

                message = f"suppression comment: {unknown_rule_message(token.text, rules)}"
                reports.append(
                    _Report(directive.document, directive.line, token.column, end_column, message)
                )
                continue
            if token.used or token.matches(UNUSED_CODE) or not _ran(token, rules, settings):
                continue
            scope = "in this file" if directive.file_wide else (
                "on this line or the next" if directive.standalone else "on this line"
            )
            message = f"the suppression of {token.text} hides no finding {scope}: remove it"
            reports.append(
                _Report(directive.document, directive.line, token.column, end_column, message)
            )
    return reports


def _ran(token: _Token, rules: tuple[Rule, ...], settings: Settings) -> bool:
    from jobspec_lint.engine import is_selected

    return any(
        token.matches(rule.code)
        and settings.api in rule.targets
        and is_selected(rule.code, settings)
        for rule in rules
    )


def _first_content_line(lines: LineIndex) -> int:
    """Return the first line that is not blank, a comment or a document marker."""
    for line in range(1, lines.line_count + 1):
        text = lines.line_text(line).strip()
        if text and not text.startswith("#") and not _MARKER.fullmatch(text):
            return line
    return lines.line_count + 1
