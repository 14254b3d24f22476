"""A parsed request body: its JSON value and the location of each node in the source."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Literal, NamedTuple

from jobspec_lint.positions import LineIndex, Span

Format = Literal["json", "yaml"]
JSONValue = None | bool | int | float | str | list["JSONValue"] | dict[str, "JSONValue"]


class NodeSpans(NamedTuple):
    """The location of one node: its key (``None`` for the root and list items) and its value."""

    key: Span | None
    value: Span


class Comment(NamedTuple):
    """A YAML comment: the 1-based line it is on and its text after ``#``."""

    line: int
    text: str


class PlainScalar(NamedTuple):
    """An unquoted YAML scalar whose reading is not plainly a string.

    ``value`` is what the document holds: the YAML 1.1 reading that PyYAML's
    ``safe_load`` gives a sender's script (a date is kept as its source text, since
    JSON has no date). ``yaml12_value`` is the YAML 1.2 core-schema reading.
    ``ambiguity`` names why the text is not what it looks like (for example
    ``"YAML 1.1 boolean"``), or is ``None`` when both readings agree and the
    scalar is an ordinary number, boolean or null.
    """

    source: str
    value: JSONValue
    yaml12_value: JSONValue
    ambiguity: str | None


class Document:
    """One request body of a file.

    ``spans`` maps an RFC 6901 JSON pointer (``""`` for the root) to the node's
    spans. When a reader computes spans only as findings need them, the map is
    built by ``span_builder`` on first use.
    """

    def __init__(
        self,
        path: str,
        index: int,
        format: Format,
        value: JSONValue,
        lines: LineIndex,
        span: Span,
        span_builder: Callable[[], dict[str, NodeSpans]] | None = None,
        comments: list[Comment] | None = None,
        scalars: dict[str, PlainScalar] | None = None,
        _spans: dict[str, NodeSpans] | None = None,
        body_span: Span | None = None,
    ) -> None:
        self.path = path
        self.index = index
        self.format = format
        self.value = value
        self.lines = lines
        self.span = span
        self.span_builder = span_builder
        self.comments = [] if comments is None else comments
        # YAML only: every plain scalar that resolved to a non-string in either
        # YAML version, or is ambiguous, by pointer.
        self.scalars = {} if scalars is None else scalars
        self._spans = _spans
        # The span of the body's value, when a reader knows it without the other
        # spans: a finding about the whole body then needs no span map.
        self.body_span = body_span

    def __repr__(self) -> str:
        return f"Document(path={self.path!r}, index={self.index}, format={self.format!r})"

    @property
    def spans(self) -> dict[str, NodeSpans]:
        if self._spans is None:
            self._spans = self.span_builder() if self.span_builder else {}
        return self._spans

    @property
    def has_spans(self) -> bool:
        """Whether the spans are known already, so reading them costs nothing."""
        return self._spans is not None or self.span_builder is None

    @property
    def text(self) -> str:
        return self.lines.text

    def node_spans(self, pointer: str) -> NodeSpans | None:
        """Return the spans of the node at ``pointer``, or of its closest ancestor."""
        spans = self.spans
        while True:
            found = spans.get(pointer)
            if found is not None or pointer == "":
                return found
            pointer = parent_pointer(pointer)


def escape_token(token: str | int) -> str:
    """Escape one reference token of a JSON pointer (RFC 6901)."""
    text = str(token)
    if "~" in text or "/" in text:
        return text.replace("~", "~0").replace("/", "~1")
    return text


def unescape_token(token: str) -> str:
    if "~" not in token:
        return token
    return token.replace("~1", "/").replace("~0", "~")


def join_pointer(pointer: str, token: str | int) -> str:
    return f"{pointer}/{escape_token(token)}"


def split_pointer(pointer: str) -> list[str]:
    if pointer == "":
        return []
    return [unescape_token(token) for token in pointer[1:].split("/")]


def parent_pointer(pointer: str) -> str:
    return pointer.rsplit("/", 1)[0] if pointer else ""


def resolve_pointer(value: JSONValue, pointer: str) -> JSONValue:
    """Return the value at ``pointer``; raise ``LookupError`` if there is none."""
    node = value
    for token in split_pointer(pointer):
        if isinstance(node, dict):
            node = node[token]
        elif isinstance(node, list):
            node = node[int(token)]
        else:
            raise LookupError(pointer)
    return node


def iter_nodes(value: JSONValue, pointer: str = "") -> Iterator[tuple[str, JSONValue]]:
    """Yield every node below and including ``value`` with its pointer, parents first."""
    stack: list[tuple[str, JSONValue]] = [(pointer, value)]
    while stack:
        current_pointer, node = stack.pop()
        yield current_pointer, node
        if isinstance(node, dict):
            children = [
                (f"{current_pointer}/{_escape_key(key)}", child) for key, child in node.items()
            ]
        elif isinstance(node, list):
            children = [(f"{current_pointer}/{index}", child) for index, child in enumerate(node)]
        else:
            continue
        stack.extend(reversed(children))


# Nesting up to which ``list_nodes`` recurses, well below Python's recursion
# limit of 1000; deeper subtrees go to ``iter_nodes``, which uses no recursion.
_MAX_RECURSION = 200


def list_nodes(value: JSONValue) -> list[tuple[str, JSONValue]]:
    """Return the nodes and pointers that ``iter_nodes(value)`` yields, in a list, faster."""
    nodes: list[tuple[str, JSONValue]] = []
    _collect_nodes("", value, nodes, 0)
    return nodes


def _collect_nodes(
    pointer: str, node: JSONValue, nodes: list[tuple[str, JSONValue]], depth: int
) -> None:
    # A recursive call costs less than a generator's stack of pending children.
    if depth >= _MAX_RECURSION:
        nodes.extend(iter_nodes(node, pointer))
        return
    nodes.append((pointer, node))
    if isinstance(node, dict):
        for key, child in node.items():
            _collect_nodes(f"{pointer}/{_escape_key(key)}", child, nodes, depth + 1)
    elif isinstance(node, list):
        for index, child in enumerate(node):
            _collect_nodes(f"{pointer}/{index}", child, nodes, depth + 1)


def _escape_key(key: str) -> str:
    """Escape a key as ``escape_token`` does, without the call for the usual plain key."""
    if key.__class__ is str and "~" not in key and "/" not in key:
        return key
    return escape_token(key)
