"""The usual YAML job spec read from libyaml's node tree: one Python walk, spans when asked.

The event reader (``yaml_reader``) handles every YAML feature and reports each
problem, but it runs Python code for every parser event. Most job specs use
none of the features it exists for. For those, libyaml composes the node tree
in C and one walk here builds the value, which takes about a third of the
time. Spans are recorded as plain numbers and turned into ``NodeSpans`` only
when a finding needs a position.

``read_plain_yaml`` returns ``None`` for any text that the event reader would
read differently or report on, and the caller then runs the event reader, so
both paths give the same documents. Such texts have anchors, aliases, tags,
merge keys, templates, several documents or none, duplicate or non-string
keys, numbers that JSON cannot carry, lone surrogates, deep nesting or a
syntax error.
"""

from __future__ import annotations

import math
import re
from typing import Any

import yaml

from jobspec_lint.document import Document, JSONValue, NodeSpans, PlainScalar, join_pointer
from jobspec_lint.load import Limits
from jobspec_lint.load.yaml_comments import find_comments, scalar_region
from jobspec_lint.load.yaml_scalars import (
    RESOLVABLE_FIRST,
    is_long_integer,
    is_timestamp,
    read_plain,
)
from jobspec_lint.positions import LineIndex, Span

# Turned off by the differential tests, to compare documents with and without it.
ENABLED = True

# Text that may hold an anchor, an alias, a tag, a merge key, a template or a
# directive: the event reader handles it.
_EVENT_READER_TEXT = re.compile(r"[&*!%]|<<|\{\{")
# A line that starts with a document marker, or with what may be one, after
# any of the line breaks libyaml reads. Only a single "---" before the body
# stays on this path: many files start with one.
_MARKER = re.compile("(?:^|(?<=[\r\x85\u2028\u2029]))(?:---|\\.\\.\\.)", re.MULTILINE)
# The first characters of a long integer or a timestamp: other keys skip both checks.
_NUMBER_START = frozenset("0123456789+-")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
# The tags that the resolver below gives nodes in place of YAML tags.
_PLAIN = "plain"
_QUOTED = "quoted"
_COLLECTION = "collection"

# (start, end) of a key, or None for the root and list items.
_KeySpan = tuple[int, int] | None
_SpanRecord = tuple[str, _KeySpan, int, int]


class _Unusual(Exception):
    """The text uses something only the event reader reads: give up the walk."""


def _node_loader() -> type | None:
    """Return a libyaml loader whose composer tags each node only as plain, quoted or not a scalar.

    ``None`` when PyYAML was built without libyaml.
    """
    base = getattr(yaml, "CSafeLoader", None)
    if base is None:
        return None

    def resolve(self: Any, kind: type, value: Any, implicit: tuple[bool, bool]) -> str:
        if kind is not yaml.ScalarNode:
            return _COLLECTION
        return _PLAIN if implicit[0] else _QUOTED

    return type("_NodeLoader", (base,), {"resolve": resolve})


_LOADER = _node_loader()


def read_plain_yaml(
    text: str, path: str, lines: LineIndex, limits: Limits
) -> list[Document] | None:
    """Return the one document of a YAML text that uses no unusual feature, or ``None``."""
    found = _only_root(text, limits)
    if found is None:
        return None
    root, marker = found

    walk = _Walk(text, limits)
    try:
        value, body_end = walk.node(root, "", None, 1)
    except (_Unusual, RecursionError):
        # The walk recurses for each level, so a max-depth raised near Python's
        # recursion limit leaves the deepest texts to the event reader.
        return None
    body_start = walk.offset(root.start_mark.index)

    # An explicit document starts at its "---", an implicit one at its body.
    start = body_start if marker is None else marker
    # The only document of the stream ends where the stream does, as libyaml's
    # implicit document end does: past trailing lines and comments.
    end = max(start, len(text))
    records = walk.spans
    document = Document(
        path, 0, "yaml", value, lines, Span(start, end),
        span_builder=lambda: _node_spans(records),
        scalars=walk.scalars,
        body_span=Span(body_start, body_end),
    )
    document.comments.extend(comment for _, comment in find_comments(lines, walk.regions))
    return [document]


def _only_root(text: str, limits: Limits) -> tuple[Any, int | None] | None:
    """Return the root node of a text's only document and the offset of its "---", if any.

    ``None`` means the text needs the event reader.
    """
    # A byte order mark left in the text (a second one) moves libyaml's marks.
    if not ENABLED or _LOADER is None or _EVENT_READER_TEXT.search(text) or "\ufeff" in text:
        return None
    markers = [match.start() for match in _MARKER.finditer(text)]
    if len(markers) > 1 or (markers and not text.startswith("---", markers[0])):
        return None
    # libyaml slows down on deep flow nesting before the walk could stop it.
    if text.count("[") + text.count("{") > limits.max_depth:
        return None

    try:
        roots = list(yaml.compose_all(text, Loader=_LOADER))
    except (yaml.YAMLError, RecursionError):
        return None
    if len(roots) != 1 or not isinstance(roots[0], yaml.MappingNode):
        return None
    marker = markers[0] if markers else None
    # The "---" must open the one document, before its body.
    if marker is not None and roots[0].start_mark.index <= marker:
        return None
    return roots[0], marker


def _node_spans(records: list[_SpanRecord]) -> dict[str, NodeSpans]:
    return {
        pointer: NodeSpans(None if key is None else Span(*key), Span(start, end))
        for pointer, key, start, end in records
    }


class _Walk:
    """Builds the value, span records, scalar records and scalar regions of one node tree."""

    def __init__(self, text: str, limits: Limits) -> None:
        self.text = text
        self.length = len(text)
        self.max_depth = limits.max_depth
        self.spans: list[_SpanRecord] = []
        self.scalars: dict[str, PlainScalar] = {}
        # Quoted and block scalars, where a "#" does not start a comment.
        self.regions: list[Span] = []

    def offset(self, index: int) -> int:
        return min(index, self.length)

    def node(self, node: Any, pointer: str, key: _KeySpan, depth: int) -> tuple[JSONValue, int]:
        """Read a node at ``pointer``; return its value and the end of its span."""
        if isinstance(node, yaml.ScalarNode):
            start, end = self.scalar_span(node)
            value = self.scalar_value(node, start, end, pointer)
        elif depth > self.max_depth:
            raise _Unusual
        elif isinstance(node, yaml.MappingNode):
            start = self.offset(node.start_mark.index)
            value, end = self.mapping(node, pointer, start, depth)
        else:
            start = self.offset(node.start_mark.index)
            value, end = self.sequence(node, pointer, start, depth)
        self.spans.append((pointer, key, start, end))
        return value, end

    def mapping(self, node: Any, pointer: str, start: int, depth: int) -> tuple[JSONValue, int]:
        value: dict[str, JSONValue] = {}
        end = self.collection_end(node, start)
        for key_node, value_node in node.value:
            name, key = self.key(key_node)
            if name in value:
                raise _Unusual
            # Inline, because this runs for every key of every YAML file.
            child = (
                pointer + "/" + name if "/" not in name and "~" not in name
                else join_pointer(pointer, name)
            )
            value[name], value_end = self.node(value_node, child, key, depth + 1)
            end = max(end, key[1], value_end)
        return value, end

    def sequence(self, node: Any, pointer: str, start: int, depth: int) -> tuple[JSONValue, int]:
        value: list[JSONValue] = []
        end = self.collection_end(node, start)
        for index, item_node in enumerate(node.value):
            item, item_end = self.node(item_node, f"{pointer}/{index}", None, depth + 1)
            value.append(item)
            end = max(end, item_end)
        return value, end

    def collection_end(self, node: Any, start: int) -> int:
        # A block collection ends at its last child, because its end mark is at
        # the next token, past any blank lines and comments.
        return self.offset(node.end_mark.index) if node.flow_style else start

    def key(self, node: Any) -> tuple[str, tuple[int, int]]:
        if not isinstance(node, yaml.ScalarNode):
            raise _Unusual
        start, end = self.scalar_span(node)
        source: str = node.value
        if node.tag == _QUOTED:
            self.note_region(node, start, end)
            return self.string(source), (start, end)
        if source and source[0] not in RESOLVABLE_FIRST:
            # A word: no resolver of either YAML version reads it as anything else.
            return source, (start, end)
        if source[:1] in _NUMBER_START and (is_long_integer(source) or is_timestamp(source)):
            raise _Unusual
        name = read_plain(source).value
        if not isinstance(name, str):
            raise _Unusual
        return name, (start, end)

    def scalar_span(self, node: Any) -> tuple[int, int]:
        start = min(node.start_mark.index, self.length)
        end = min(node.end_mark.index, self.length)
        if node.style == "|" or node.style == ">":
            # A block scalar's end mark is past its last line break and any blank lines.
            end = max(start, start + len(self.text[start:end].rstrip()))
        return start, end

    def scalar_value(self, node: Any, start: int, end: int, pointer: str) -> JSONValue:
        source: str = node.value
        if node.tag == _QUOTED:
            self.note_region(node, start, end)
            return self.string(source)
        if source and source[0] not in RESOLVABLE_FIRST:
            return source
        if is_long_integer(source):
            raise _Unusual
        reading = read_plain(source)
        if isinstance(reading.value, float) and not math.isfinite(reading.value):
            raise _Unusual
        if reading.record is not None:
            self.scalars[pointer] = reading.record
        return reading.value

    def note_region(self, node: Any, start: int, end: int) -> None:
        region = scalar_region(self.text, node.style, start, self.offset(node.end_mark.index))
        if region is not None:
            self.regions.append(region)

    @staticmethod
    def string(source: str) -> str:
        if _LONE_SURROGATE.search(source):
            raise _Unusual
        return source
