"""The position of each node of a JSON text, found by a scanner with an explicit stack.

``json.loads`` gives no positions, so the reader runs this scanner only when a
finding needs one. It expects text that ``json.loads`` has accepted (Python's
dialect, with ``NaN`` and ``Infinity``) and raises ``ValueError`` on anything else.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Literal, NamedTuple

from jobspec_lint.document import NodeSpans, join_pointer
from jobspec_lint.load.messages import MAX_INT_DIGITS
from jobspec_lint.positions import Span

_TOKEN = re.compile(
    r"""
    [ \t\n\r]*
    (?:
        (?P<string>"[^"\\]*(?:\\.[^"\\]*)*")
      | (?P<punctuation>[{}\[\],:])
      | (?P<constant>NaN|Infinity|-Infinity)
      | (?P<literal>true|false|null)
      | (?P<number>-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?)
    )
    """,
    re.VERBOSE | re.DOTALL,
)
_STRING_OR_BRACKET = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"?|[\[\]{}]', re.DOTALL)
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
# A \u escape in the surrogate range, which is cheap to test before decoding a string.
SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")

IssueKind = Literal["constant", "overflow", "long-integer", "surrogate"]


class DuplicateKey(NamedTuple):
    """A key repeated in one object: ``span`` is the repeat, ``first`` the first occurrence."""

    pointer: str
    key: str
    span: Span
    first: Span


class TokenIssue(NamedTuple):
    """A token that JSON cannot carry: ``source`` is its text, or the escape for a surrogate."""

    kind: IssueKind
    pointer: str
    span: Span
    source: str


class JsonScan:
    """The spans of every node by JSON pointer, and what the scanner found on the way."""

    def __init__(self) -> None:
        self.spans: dict[str, NodeSpans] = {}
        self.duplicates: list[DuplicateKey] = []
        self.issues: list[TokenIssue] = []


class _Container:
    """An open object or array, and where the scanner is in it."""

    __slots__ = ("expects_key", "first_keys", "is_object", "key_span", "length", "pointer",
                 "start")

    def __init__(self, pointer: str, key_span: Span | None, start: int, is_object: bool,
                 expects_key: bool = False) -> None:
        self.pointer = pointer
        self.key_span = key_span
        self.start = start
        self.is_object = is_object
        self.length = 0
        self.expects_key = expects_key
        self.first_keys: dict[str, Span] = {}


def scan_json(text: str) -> JsonScan:
    """Map each JSON pointer of ``text`` to its key and value spans.

    For a repeated key the pointer maps to the last occurrence, whose value
    ``json.loads`` keeps.
    """
    scan = JsonScan()
    spans = scan.spans
    stack: list[_Container] = []
    top: _Container | None = None
    key = ""
    key_span: Span | None = None
    position = 0
    match_token = _TOKEN.match

    # The loop runs once per token of every JSON file with a finding, so the
    # common tokens are handled inline.
    while (match := match_token(text, position)) is not None:
        position = match.end()
        kind = match.lastgroup
        assert kind is not None
        start = match.start(kind)
        if kind == "punctuation":
            token = text[start]
            if token == ",":
                if top is not None and top.is_object:
                    top.expects_key = True
            elif token == "{" or token == "[":
                pointer = _child_pointer(top, key)
                top = _Container(pointer, key_span, start, token == "{", expects_key=token == "{")
                stack.append(top)
                key_span = None
            elif token != ":":
                container = stack.pop()
                spans[container.pointer] = NodeSpans(
                    container.key_span, Span(container.start, position)
                )
                top = stack[-1] if stack else None
            continue

        token = match.group(kind)
        if top is not None and top.is_object and top.expects_key:
            key, key_span = _scan_key(scan, top, token, Span(start, position))
            continue

        pointer = _child_pointer(top, key)
        span = Span(start, position)
        spans[pointer] = NodeSpans(key_span, span)
        if kind != "literal" and (kind != "string" or "\\" in token):
            _check_scalar(scan, kind, token, pointer, span)
        key_span = None

    if text[position:].strip(" \t\n\r") or stack:
        raise ValueError(f"the JSON text is invalid at offset {position}")
    return scan


def _scan_key(scan: JsonScan, container: _Container, token: str, span: Span) -> tuple[str, Span]:
    container.expects_key = False
    key = decode_string(token)
    if _LONE_SURROGATE.search(key):
        key = replace_lone_surrogates(key)
        pointer = join_pointer(container.pointer, key)
        scan.issues.append(TokenIssue("surrogate", pointer, span, _first_surrogate_escape(token)))

    first = container.first_keys.get(key)
    if first is None:
        container.first_keys[key] = span
        return key, span

    pointer = join_pointer(container.pointer, key)
    scan.duplicates.append(DuplicateKey(pointer, key, span, first))
    # The first occurrence's nodes are not in the value json.loads returns.
    stale = [p for p in scan.spans if p.startswith(pointer + "/")]
    for stale_pointer in stale:
        del scan.spans[stale_pointer]
    return key, span


def _check_scalar(scan: JsonScan, kind: str, token: str, pointer: str, span: Span) -> None:
    if kind == "constant":
        scan.issues.append(TokenIssue("constant", pointer, span, token))
    elif kind == "number" and any(c in token for c in ".eE"):
        if float(token) in (float("inf"), float("-inf")):
            scan.issues.append(TokenIssue("overflow", pointer, span, token))
    elif kind == "number" and len(token.lstrip("-")) > MAX_INT_DIGITS:
        scan.issues.append(TokenIssue("long-integer", pointer, span, token))
    elif (
        kind == "string"
        and SURROGATE_ESCAPE.search(token)
        and _LONE_SURROGATE.search(decode_string(token))
    ):
        scan.issues.append(TokenIssue("surrogate", pointer, span, _first_surrogate_escape(token)))


def _child_pointer(container: _Container | None, key: str) -> str:
    if container is None:
        return ""
    if container.is_object:
        return join_pointer(container.pointer, key)
    index = container.length
    container.length += 1
    return join_pointer(container.pointer, index)


def decode_string(token: str) -> str:
    """Decode a JSON string token, quotes included."""
    if "\\" not in token:
        return token[1:-1]
    decoded = json.loads(token)
    assert isinstance(decoded, str)
    return decoded


def replace_lone_surrogates(text: str) -> str:
    return _LONE_SURROGATE.sub("\ufffd", text)


def _first_surrogate_escape(token: str) -> str:
    character = _LONE_SURROGATE.search(decode_string(token))
    assert character is not None
    return f"\\u{ord(character.group()):04x}"


def _bracket_depths(text: str) -> Iterator[tuple[int, int]]:
    """Yield the offset of each opening bracket outside strings and the depth it opens."""
    depth = 0
    for match in _STRING_OR_BRACKET.finditer(text):
        character = text[match.start()]
        if character in "[{":
            depth += 1
            yield match.start(), depth
        elif character in "]}":
            depth = max(0, depth - 1)


def find_bracket_deeper_than(text: str, max_depth: int) -> int | None:
    """Return the offset of the first bracket that opens a level past ``max_depth``."""
    # A text with fewer brackets than the limit cannot nest past it.
    if text.count("[") + text.count("{") <= max_depth:
        return None
    for offset, depth in _bracket_depths(text):
        if depth > max_depth:
            return offset
    return None


def find_deepest_bracket(text: str) -> tuple[int, int]:
    """Return the offset of the first bracket at the deepest level, and that depth."""
    deepest = (0, 0)
    for offset, depth in _bracket_depths(text):
        if depth > deepest[1]:
            deepest = (offset, depth)
    return deepest
