"""The JSON reader: ``json.loads`` builds the value, and positions are found only when needed.

Finding line and column costs far more than the parse itself, so the document's
spans come from ``scan_json`` on first use. The reader runs the scanner at once
only when the parse found something that needs a position: a duplicate key,
``NaN`` or ``Infinity``, a float that overflows, an integer too long to read,
or a lone surrogate escape.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from typing import Any

from jobspec_lint.document import Document, JSONValue
from jobspec_lint.load import Limits, TextProblem, messages
from jobspec_lint.load.json_errors import describe_json_error
from jobspec_lint.load.json_positions import (
    SURROGATE_ESCAPE,
    JsonScan,
    TokenIssue,
    find_bracket_deeper_than,
    find_deepest_bracket,
    replace_lone_surrogates,
    scan_json,
)
from jobspec_lint.positions import LineIndex, Span

_WHITESPACE = " \t\n\r"

EMPTY_MESSAGE = "the document is empty: write the request body, a JSON object"


class _ParseWatch:
    """``json.loads`` hooks that note what only the position scanner can locate."""

    def __init__(self) -> None:
        self.needs_scan = False

    def object_pairs(self, pairs: list[tuple[str, JSONValue]]) -> dict[str, JSONValue]:
        mapping = dict(pairs)
        if len(mapping) != len(pairs):
            self.needs_scan = True
        return mapping

    def constant(self, name: str) -> float:
        self.needs_scan = True
        return float(name)

    def float_number(self, source: str) -> float:
        number = float(source)
        if math.isinf(number):
            self.needs_scan = True
        return number

    def long_integer(self, source: str) -> int | None:
        if len(source.lstrip("-")) > messages.MAX_INT_DIGITS:
            self.needs_scan = True
            return None
        return int(source)


def read_json(
    text: str, path: str, lines: LineIndex, limits: Limits
) -> tuple[list[Document], list[TextProblem]]:
    """Read the one JSON document of a file, or report why there is none."""
    if not text.strip():
        return [], [TextProblem("JL003", EMPTY_MESSAGE, Span(0, 0))]

    watch = _ParseWatch()
    try:
        value = _parse(text, watch)
    except json.JSONDecodeError as error:
        # Nesting past the limit before the error is the first thing not read.
        deep_offset = find_bracket_deeper_than(text[: error.pos], limits.max_depth)
        if deep_offset is not None:
            return [], [_too_deep(deep_offset, limits)]
        message, span = describe_json_error(text, error)
        return [], [TextProblem("JL001", message, span)]
    except RecursionError:
        deep_offset = find_bracket_deeper_than(text, limits.max_depth)
        if deep_offset is not None:
            return [], [_too_deep(deep_offset, limits)]
        return [], [_too_deep_for_parser(text)]

    if _nests_deeper_than(value, text, limits.max_depth):
        deep_offset = find_bracket_deeper_than(text, limits.max_depth)
        assert deep_offset is not None
        return [], [_too_deep(deep_offset, limits)]

    document, problems = _document(text, path, lines, value, watch.needs_scan)
    return [document], problems


def _document(
    text: str, path: str, lines: LineIndex, value: JSONValue, needs_scan: bool
) -> tuple[Document, list[TextProblem]]:
    """Build the document, and run the position scanner now if a problem needs a position."""
    # A JSON document is its value, so the two spans are one.
    extent = _value_extent(text)
    document = Document(path, 0, "json", value, lines, extent, body_span=extent)
    if not needs_scan and not SURROGATE_ESCAPE.search(text):
        document.span_builder = lambda: scan_json(text).spans
        return document, []

    scan = scan_json(text)
    document._spans = scan.spans
    problems = _scan_problems(scan, lines)
    if any(problem.code == "JL004" for problem in problems):
        document.value = _replace_surrogates(value)
    return document, problems


def _parse(text: str, watch: _ParseWatch) -> JSONValue:
    hooks: dict[str, Any] = {
        "object_pairs_hook": watch.object_pairs,
        "parse_constant": watch.constant,
        "parse_float": watch.float_number,
    }
    try:
        value: JSONValue = json.loads(text, **hooks)
    except json.JSONDecodeError:
        raise
    except ValueError:
        # An integer is longer than Python converts by default. A parse_int hook
        # slows every integer, so it runs only on this second try.
        value = json.loads(text, parse_int=watch.long_integer, **hooks)
    return value


def _too_deep(offset: int, limits: Limits) -> TextProblem:
    message = messages.nesting_too_deep(limits.max_depth)
    return TextProblem("JL006", message, Span(offset, offset + 1))


def _nests_deeper_than(value: JSONValue, text: str, max_depth: int) -> bool:
    """Return whether the parsed value nests more than ``max_depth`` containers deep."""
    # A text with fewer brackets than the limit cannot nest past it.
    if text.count("[") + text.count("{") <= max_depth:
        return False
    pending: list[tuple[JSONValue, int]] = [(value, 1)]
    while pending:
        node, depth = pending.pop()
        if depth > max_depth:
            return True
        children = node.values() if isinstance(node, dict) else node
        assert isinstance(children, Iterable)
        pending.extend((child, depth + 1) for child in children if isinstance(child, dict | list))
    return False


def _too_deep_for_parser(text: str) -> TextProblem:
    # Reached only when max-depth is set above what json's C scanner can recurse
    # into, which depends on Python's recursion limit (about 1,000 frames by default).
    offset, depth = find_deepest_bracket(text)
    message = f"nesting {depth} levels deep is more than Python's JSON parser can read"
    return TextProblem("JL006", message, Span(offset, offset + 1))


def _scan_problems(scan: JsonScan, lines: LineIndex) -> list[TextProblem]:
    problems = [
        TextProblem(
            "JL002",
            messages.duplicate_key(duplicate.key, lines.position(duplicate.first.start)),
            duplicate.span,
            pointer=duplicate.pointer,
            claims_subtree=False,
        )
        for duplicate in scan.duplicates
    ]
    problems.extend(_issue_problem(issue) for issue in scan.issues)
    problems.sort(key=lambda problem: problem.span.start)
    return problems


def _issue_problem(issue: TokenIssue) -> TextProblem:
    if issue.kind == "constant":
        code, message = "JL007", messages.non_finite_number(issue.source)
    elif issue.kind == "overflow":
        code, message = "JL007", messages.float_overflow(issue.source)
    elif issue.kind == "long-integer":
        code, message = "JL007", messages.integer_too_long(len(issue.source.lstrip("-")))
    else:
        code, message = "JL004", messages.lone_surrogate(issue.source, "a complete surrogate pair")
    return TextProblem(code, message, issue.span, pointer=issue.pointer)


def _value_extent(text: str) -> Span:
    start = len(text) - len(text.lstrip(_WHITESPACE))
    return Span(start, len(text.rstrip(_WHITESPACE)))


def _replace_surrogates(root: JSONValue) -> JSONValue:
    """Return the value with each lone surrogate in keys and strings replaced by U+FFFD.

    A lone surrogate cannot be encoded as UTF-8, so leaving it would break every
    report that prints the value. The scanner applies the same replacement to keys,
    which keeps the pointers of the value and of its spans equal.
    """
    holder: list[Any] = [root]
    pending: list[tuple[Any, Any]] = [(holder, 0)]
    while pending:
        container, index = pending.pop()
        node = container[index]
        if isinstance(node, str):
            container[index] = replace_lone_surrogates(node)
        elif isinstance(node, list):
            pending.extend((node, position) for position in range(len(node)))
        elif isinstance(node, dict):
            cleaned = {replace_lone_surrogates(key): item for key, item in node.items()}
            container[index] = cleaned
            pending.extend((cleaned, key) for key in cleaned)
    result: JSONValue = holder[0]
    return result
