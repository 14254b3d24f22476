"""One YAML document built from parser events, with an explicit stack and a span for every node.

Building the value here, not with ``yaml.safe_load``, keeps construction safe:
no tag runs code or builds a type that JSON lacks. It also keeps each node's
position, and lets the reader stop at a limit before libyaml reads the rest of
the text.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

import yaml

from jobspec_lint.document import JSONValue, NodeSpans, PlainScalar, join_pointer
from jobspec_lint.load import Limits, TextProblem, messages
from jobspec_lint.load.yaml_scalars import (
    ScalarError,
    construct_bool,
    construct_float,
    construct_int,
    is_long_integer,
    is_timestamp,
    read_plain,
)
from jobspec_lint.positions import LineIndex, Position, Span

_YAML_TAG = "tag:yaml.org,2002:"
_MERGE_TAG = _YAML_TAG + "merge"
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


class DocumentFailed(Exception):
    """Raised inside the builder when the document cannot be read past a problem."""

    def __init__(self, problem: TextProblem) -> None:
        super().__init__(problem.message)
        self.problem = problem


# Not frozen: frozen dataclasses are slower to create, and there is one per node.
@dataclass(slots=True)
class _Node:
    """A finished node: its value, span, node count (aliases expanded) and collection levels.

    ``origin`` is the pointer under which the node's own spans and scalar records
    are, or ``None`` when it has none (a key, or a node inside a merge value).
    ``item_origins`` are the origins of a sequence's items, for ``<<: [*a, *b]``.
    """

    value: JSONValue
    span: Span
    size: int = 1
    height: int = 0
    origin: str | None = None
    item_origins: tuple[str | None, ...] = ()


@dataclass(slots=True)
class _Key:
    """A mapping key waiting for its value; ``name`` is ``None`` when the entry is dropped."""

    name: str | None
    span: Span
    is_merge: bool = False


@dataclass(slots=True)
class _Merge:
    """One mapping to merge in with ``<<``, where the ``<<`` entry is, and the mapping's origin."""

    source: dict[str, JSONValue]
    key_span: Span
    value_span: Span
    origin: str | None


@dataclass(slots=True)
class _Collection:
    """An open mapping or sequence."""

    pointer: str | None
    key_span: Span | None
    start: int
    end: int
    value: Any
    is_key: bool
    tag: str | None
    anchor: str | None
    is_mapping: bool
    is_flow: bool
    size: int = 1
    height: int = 1
    item_origins: list[str | None] = field(default_factory=list)
    key: _Key | None = None
    first_keys: dict[str, Span] = field(default_factory=dict)
    merge_key: Span | None = None
    merges: list[_Merge] = field(default_factory=list)


@dataclass(slots=True)
class _Slot:
    """The place of the next node: a key of the open mapping, or a value at ``pointer``."""

    is_key: bool
    pointer: str | None
    key_span: Span | None


class DocumentBuilder:
    """Builds the value, spans, scalar records and problems of one document from its events.

    A method raises ``DocumentFailed`` when the document must be dropped: an
    undefined or recursive alias, or an alias expansion past a limit.
    """

    def __init__(self, lines: LineIndex, limits: Limits, index: int) -> None:
        self.text = lines.text
        self._length = len(lines.text)
        self.lines = lines
        self.limits = limits
        self.index = index
        self.spans: dict[str, NodeSpans] = {}
        self.scalars: dict[str, PlainScalar] = {}
        self.problems: list[TextProblem] = []
        self.root: _Node | None = None
        self._stack: list[_Collection] = []
        # An anchor maps to its open collection until the collection ends.
        self._anchors: dict[str, _Node | _Collection] = {}
        self._alias_nodes = 0
        # The open flow mapping that reads as a ``{{ ... }}`` template, and how
        # many collections inside it are open.
        self._template: _Collection | None = None
        self._template_depth = 0

    # Events -----------------------------------------------------------------

    def scalar(self, event: yaml.ScalarEvent) -> None:
        if self._template is not None:
            return
        span = self._scalar_span(event)
        slot = self._next_slot()
        value, reported = self._scalar_value(event, span, slot)
        if slot.is_key:
            self._accept_scalar_key(event, value, span, reported)
            return
        node = _Node(value, span, origin=slot.pointer)
        if event.anchor is not None:
            self._anchors[event.anchor] = node
        if slot.pointer is not None:
            self.spans[slot.pointer] = NodeSpans(slot.key_span, span)
        self._attach(node)

    def collection_start(self, event: yaml.CollectionStartEvent, is_mapping: bool) -> None:
        if self._template is not None:
            self._template_depth += 1
            return
        start, end = (
            self._offset(event.start_mark),
            self._offset(event.end_mark),
        )
        slot = self._next_slot()
        tag = (
            None
            if event.tag in (None, "!", _YAML_TAG + ("map" if is_mapping else "seq"))
            else event.tag
        )
        collection = _Collection(
            pointer=slot.pointer,
            key_span=slot.key_span,
            start=start,
            end=end,
            value={} if is_mapping else [],
            is_key=slot.is_key,
            tag=tag,
            anchor=event.anchor,
            is_mapping=is_mapping,
            is_flow=bool(event.flow_style),
        )
        self._stack.append(collection)
        if event.anchor is not None:
            self._anchors[event.anchor] = collection
        if is_mapping and event.flow_style and self.text.startswith("{", end):
            # YAML reads the Jinja expression ``{{ recipe_id }}`` as a mapping whose
            # key is a mapping. Its text is kept as a string, so that the
            # placeholder rule reports the template.
            self._template = collection

    def collection_end(self, event: yaml.CollectionEndEvent) -> None:
        if self._template is not None and self._template_depth > 0:
            self._template_depth -= 1
            return
        collection = self._stack.pop()
        if collection.is_flow:
            collection.end = self._offset(event.end_mark)
        # A block collection ends at its last child, because its end mark is at
        # the next token, past any blank lines and comments.
        span = Span(collection.start, collection.end)

        if collection is self._template:
            self._template = None
            collection.value = self.text[span.start : span.end]
            collection.height = 0
            collection.size = 1
        elif collection.is_mapping:
            self._apply_merges(collection)

        if collection.tag is not None:
            self._reject_tag(collection.tag, span, collection.pointer)
            self._drop_subtree(collection.pointer)
            collection.value = None
        node = _Node(
            collection.value,
            span,
            collection.size,
            collection.height,
            collection.pointer,
            tuple(collection.item_origins),
        )
        if collection.anchor is not None and self._anchors.get(collection.anchor) is collection:
            self._anchors[collection.anchor] = node
        self._finish_collection(collection, node)

    def alias(self, event: yaml.AliasEvent) -> None:
        if self._template is not None:
            return
        span = Span(
            self._offset(event.start_mark),
            self._offset(event.end_mark),
        )
        name = event.anchor or ""
        anchored = self._resolve_alias(name, span)
        slot = self._next_slot()
        node = _Node(
            anchored.value,
            span,
            anchored.size,
            anchored.height,
            anchored.origin,
            anchored.item_origins,
        )
        if slot.is_key:
            self._accept_alias_key(name, node)
            return
        if slot.pointer is not None:
            self._record_copied_spans(slot.pointer, slot.key_span, span, node.value, node.origin)
        self._attach(node)

    # The place of a node -----------------------------------------------------

    def _next_slot(self) -> _Slot:
        if not self._stack:
            return _Slot(False, "", None)
        top = self._stack[-1]
        if top.is_mapping and top.key is None:
            return _Slot(True, None, None)
        if top.is_mapping:
            assert top.key is not None
            key_span = top.key.span
            if top.pointer is None or top.key.name is None or top.key.is_merge:
                return _Slot(False, None, key_span)
            return _Slot(False, join_pointer(top.pointer, top.key.name), key_span)
        if top.pointer is None:
            return _Slot(False, None, None)
        return _Slot(False, join_pointer(top.pointer, len(top.value)), None)

    def _attach(self, node: _Node) -> None:
        """Put a finished value node into the open collection, or make it the root."""
        if not self._stack:
            self.root = node
            return
        top = self._stack[-1]
        top.size += node.size
        top.height = max(top.height, node.height + 1)
        top.end = max(top.end, node.span.end)
        if not top.is_mapping:
            top.value.append(node.value)
            top.item_origins.append(node.origin)
            return

        key = top.key
        assert key is not None
        top.key = None
        if key.is_merge:
            self._add_merge(top, key, node)
        elif key.name is not None:
            top.value[key.name] = node.value

    # Keys --------------------------------------------------------------------

    def _accept_scalar_key(
        self, event: yaml.ScalarEvent, value: JSONValue, span: Span, reported: bool
    ) -> None:
        top = self._stack[-1]
        top.end = max(top.end, span.end)
        plain = event.tag in (None, "!") and event.implicit[0]
        if event.tag == _MERGE_TAG or (plain and event.value == "<<"):
            self._accept_merge_key(top, span)
        elif reported and value is None:
            # The tag or the value could not be read, and that is reported already.
            top.key = _Key(None, span)
        elif isinstance(value, str) and not (plain and is_timestamp(event.value)):
            self._accept_key_name(top, value, span)
        else:
            self._reject_key(
                f"mapping keys must be strings: quote it: {json.dumps(event.value)}", span
            )
            top.key = _Key(None, span)
        if event.anchor is not None:
            self._anchors[event.anchor] = _Node(value, span)

    def _accept_alias_key(self, name: str, node: _Node) -> None:
        top = self._stack[-1]
        top.end = max(top.end, node.span.end)
        if isinstance(node.value, str):
            self._accept_key_name(top, node.value, node.span)
            return
        kind = _kind_name(node.value)
        self._reject_key(f"mapping keys must be strings: the alias *{name} is {kind}", node.span)
        top.key = _Key(None, node.span)

    def _finish_collection(self, collection: _Collection, node: _Node) -> None:
        if not collection.is_key:
            if collection.pointer is not None:
                self.spans[collection.pointer] = NodeSpans(collection.key_span, node.span)
            self._attach(node)
            return
        top = self._stack[-1]
        top.end = max(top.end, node.span.end)
        if isinstance(node.value, str):
            # A ``{{ ... }}`` template used as a key.
            self._accept_key_name(top, node.value, node.span)
            return
        kind = "a mapping" if collection.is_mapping else "a sequence"
        self._reject_key(f"mapping keys must be strings: this key is {kind}", node.span)
        top.key = _Key(None, node.span)

    def _accept_key_name(self, mapping: _Collection, name: str, span: Span) -> None:
        mapping.key = _Key(name, span)
        first = mapping.first_keys.get(name)
        if first is None:
            mapping.first_keys[name] = span
            return

        message = messages.duplicate_key(name, self._position(first.start))
        pointer = (
            self._nearest_pointer()
            if mapping.pointer is None
            else join_pointer(mapping.pointer, name)
        )
        self.problems.append(TextProblem("JL002", message, span, self.index, pointer, False))
        if mapping.pointer is not None:
            # The later value replaces the first, so the first one's nodes are gone.
            self._drop_subtree(pointer)

    def _accept_merge_key(self, mapping: _Collection, span: Span) -> None:
        mapping.key = _Key(None, span, is_merge=True)
        if mapping.merge_key is None:
            mapping.merge_key = span
            return
        message = messages.duplicate_key("<<", self._position(mapping.merge_key.start))
        self.problems.append(
            TextProblem("JL002", message, span, self.index, self._nearest_pointer(), False)
        )

    def _reject_key(self, message: str, span: Span) -> None:
        # The entry is dropped, so the problem claims nothing below the mapping.
        self.problems.append(
            TextProblem("JL007", message, span, self.index, self._nearest_pointer(), False)
        )

    # Merge keys (YAML 1.1) ---------------------------------------------------

    def _add_merge(self, mapping: _Collection, key: _Key, node: _Node) -> None:
        value = node.value
        if isinstance(value, dict):
            mapping.merges.append(_Merge(value, key.span, node.span, node.origin))
            return
        if isinstance(value, list) and all(isinstance(item, dict) for item in value):
            # In a list the first mapping wins, and later merges win over earlier ones.
            origins = node.item_origins or (None,) * len(value)
            for item, origin in reversed(list(zip(value, origins, strict=True))):
                assert isinstance(item, dict)
                mapping.merges.append(_Merge(item, key.span, node.span, origin))
            return
        message = (
            f"'<<' merges a mapping or a list of mappings, not {_kind_name(value)}: write a mapping"
        )
        self.problems.append(
            TextProblem("JL007", message, node.span, self.index, self._nearest_pointer(), False)
        )

    def _apply_merges(self, mapping: _Collection) -> None:
        """Add the merged keys that the mapping does not set itself, first, as PyYAML does."""
        if not mapping.merges:
            return
        merged: dict[str, JSONValue] = {}
        origins: dict[str, _Merge] = {}
        for merge in mapping.merges:
            for name, item in merge.source.items():
                merged[name] = item
                origins[name] = merge

        explicit: dict[str, JSONValue] = mapping.value
        mapping.value = {**merged, **explicit}
        if mapping.pointer is None:
            return
        for name, merge in origins.items():
            if name not in explicit:
                pointer = join_pointer(mapping.pointer, name)
                origin = None if merge.origin is None else join_pointer(merge.origin, name)
                self._record_copied_spans(
                    pointer, merge.key_span, merge.value_span, merged[name], origin
                )

    # Aliases -----------------------------------------------------------------

    def _resolve_alias(self, name: str, span: Span) -> _Node:
        anchor = self._anchors.get(name)
        if anchor is None:
            message = f"the alias *{name} refers to no anchor: define &{name} before using it"
            raise DocumentFailed(TextProblem("JL001", message, span, self.index))
        if isinstance(anchor, _Collection):
            message = f"recursive alias: *{name} is inside the node that &{name} anchors"
            raise DocumentFailed(TextProblem("JL006", message, span, self.index))

        self._alias_nodes += anchor.size
        if self._alias_nodes > self.limits.max_alias_nodes:
            message = (
                f"alias expansion adds more than {self.limits.max_alias_nodes} nodes"
                " (max-alias-nodes): use fewer aliases, or raise max-alias-nodes in the"
                " configuration"
            )
            raise DocumentFailed(TextProblem("JL006", message, span, self.index))
        if len(self._stack) + anchor.height > self.limits.max_depth:
            message = messages.nesting_too_deep(self.limits.max_depth)
            raise DocumentFailed(TextProblem("JL006", message, span, self.index))
        return anchor

    def _record_copied_spans(
        self,
        pointer: str,
        key_span: Span | None,
        span: Span,
        value: JSONValue,
        origin: str | None,
    ) -> None:
        """Point ``pointer`` and every pointer below it at ``span``, the alias or merge entry.

        The scalar records under ``origin``, where the value was written, are
        copied along. The walk visits the expanded value, whose size the alias
        limit bounds.
        """
        self.spans[pointer] = NodeSpans(key_span, span)
        pending: list[tuple[str, str | None, JSONValue]] = [(pointer, origin, value)]
        while pending:
            current, source, node = pending.pop()
            record = None if source is None else self.scalars.get(source)
            # A duplicate key may have replaced the anchored node since, so a
            # record is copied only if it still reads as this value.
            if record is not None and type(record.value) is type(node) and record.value == node:
                self.scalars[current] = record
            children: list[tuple[str | int, JSONValue]]
            if isinstance(node, dict):
                children = list(node.items())
            elif isinstance(node, list):
                children = list(enumerate(node))
            else:
                continue
            for token, item in children:
                child = join_pointer(current, token)
                self.spans[child] = NodeSpans(span if isinstance(token, str) else None, span)
                pending.append(
                    (child, None if source is None else join_pointer(source, token), item)
                )

    # Scalars -----------------------------------------------------------------

    def _scalar_span(self, event: yaml.ScalarEvent) -> Span:
        start = self._offset(event.start_mark)
        end = self._offset(event.end_mark)
        if event.style in ("|", ">"):
            # A block scalar's end mark is past its last line break and any blank lines.
            end = max(start, start + len(self.text[start:end].rstrip()))
        return Span(start, end)

    def _scalar_value(
        self, event: yaml.ScalarEvent, span: Span, slot: _Slot
    ) -> tuple[JSONValue, bool]:
        """Construct a scalar's value and record its reading.

        Returns the value and whether a problem was reported for it, such as a
        tag or a number that JSON cannot carry.
        """
        reported_before = len(self.problems)
        tag = event.tag
        source: str = event.value
        value: JSONValue
        # PyYAML resolves a scalar with the non-specific tag "!" as if it had no
        # tag (PyYAML 6, with or without libyaml), although YAML reads it as a string.
        if tag in (None, "!") and event.implicit[0]:
            value = self._plain_value(source, span, slot)
        elif tag in (None, "!", _YAML_TAG + "str", _YAML_TAG + "value", _MERGE_TAG):
            value = self._string_value(source, span, slot)
        else:
            value = self._tagged_value(tag, source, span, slot)
        return value, len(self.problems) > reported_before

    def _plain_value(self, source: str, span: Span, slot: _Slot) -> JSONValue:
        if is_long_integer(source):
            if not slot.is_key:
                self._report(
                    "JL007", messages.integer_too_long(len(source.lstrip("+-"))), span, slot
                )
            return None
        reading = read_plain(source)
        if slot.is_key:
            return reading.value
        if slot.pointer is not None and reading.record is not None:
            self.scalars[slot.pointer] = reading.record
        if isinstance(reading.value, float) and not math.isfinite(reading.value):
            self._report("JL007", messages.non_finite_number(source), span, slot)
        return reading.value

    def _string_value(self, source: str, span: Span, slot: _Slot) -> str:
        # libyaml rejects a surrogate escape as a syntax error, but PyYAML's own
        # scanner, the fallback without libyaml, reads it into the string.
        found = _LONE_SURROGATE.search(source)
        if found is None:
            return source
        escape = f"\\u{ord(found.group()):04x}"
        self._report(
            "JL004", messages.lone_surrogate(escape, "a \\U escape of its code point"), span, slot
        )
        return _LONE_SURROGATE.sub("\ufffd", source)

    def _tagged_value(self, tag: str, source: str, span: Span, slot: _Slot) -> JSONValue:
        construct = _CONSTRUCTORS.get(tag)
        if construct is None:
            self._reject_tag(tag, span, slot.pointer)
            return None
        try:
            value = construct(source)
        except ScalarError:
            shown = _show_tag(tag)
            message = (
                f"{json.dumps(source)} is not a valid {shown}: fix the value or remove the tag"
            )
            self._report("JL007", message, span, slot)
            return None
        if isinstance(value, float) and not math.isfinite(value):
            self._report("JL007", messages.non_finite_number(source), span, slot)
        return value

    # Problems ----------------------------------------------------------------

    def _reject_tag(self, tag: str, span: Span, pointer: str | None) -> None:
        if tag in _MISPLACED_TAGS:
            message = f"the YAML tag {_show_tag(tag)} does not fit this node: remove the tag"
        else:
            message = f"the YAML tag {_show_tag(tag)} has no JSON equivalent: remove the tag"
        if pointer is None:
            self.problems.append(
                TextProblem("JL007", message, span, self.index, self._nearest_pointer(), False)
            )
        else:
            self.problems.append(TextProblem("JL007", message, span, self.index, pointer))

    def _report(self, code: str, message: str, span: Span, slot: _Slot) -> None:
        if slot.pointer is None:
            self.problems.append(
                TextProblem(code, message, span, self.index, self._nearest_pointer(), False)
            )
        else:
            self.problems.append(TextProblem(code, message, span, self.index, slot.pointer))

    def _drop_subtree(self, pointer: str | None) -> None:
        """Forget the spans and scalar records at and below ``pointer``."""
        if pointer is None:
            return
        prefix = pointer + "/"
        for table in (self.spans, self.scalars):
            for stale in [p for p in table if p == pointer or p.startswith(prefix)]:
                del table[stale]

    def _nearest_pointer(self) -> str:
        for collection in reversed(self._stack):
            if collection.pointer is not None:
                return collection.pointer
        return ""

    def _offset(self, mark: _Mark | None) -> int:
        # libyaml's marks stay inside the text, and the bound guards every span anyway.
        return min(mark_index(mark), self._length)

    def _position(self, offset: int) -> Position:
        return self.lines.position(offset)


class _Mark(Protocol):
    """A position in the stream: PyYAML's ``Mark`` or libyaml's."""

    @property
    def index(self) -> int: ...


def mark_index(mark: _Mark | None) -> int:
    """Return a mark's offset in code points.

    Every event of a parsed stream has marks, although the stubs allow ``None``.
    """
    return 0 if mark is None else mark.index


def _construct_null(source: str) -> None:
    # PyYAML's !!null constructor ignores the text, so "!!null anything" is null.
    return None


_CONSTRUCTORS: dict[str, Callable[[str], JSONValue]] = {
    _YAML_TAG + "int": construct_int,
    _YAML_TAG + "float": construct_float,
    _YAML_TAG + "bool": construct_bool,
    _YAML_TAG + "null": _construct_null,
}


# Tags with a JSON equivalent, rejected only where they do not fit the node
# (``!!map`` on a sequence or a scalar, ``!!seq`` on a mapping).
_MISPLACED_TAGS = {_YAML_TAG + "map", _YAML_TAG + "seq"}


def _show_tag(tag: str) -> str:
    if tag.startswith(_YAML_TAG):
        return "!!" + tag[len(_YAML_TAG) :]
    return tag


def _kind_name(value: JSONValue) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a sequence"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    return "a string"
