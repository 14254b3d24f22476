"""The outputs and run parameters of a body, read as the schema reads them.

A key with exactly one close known key (JL104) is read as that key, so an
output written ``formt: csv`` is checked as ``format: csv``. The pointers of
the items returned here are those of the source document, so findings point
at the key the user wrote.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from jobspec_lint.document import Document, JSONValue, join_pointer, list_nodes
from jobspec_lint.positions import Span
from jobspec_lint.rules.base import RuleContext
from jobspec_lint.schema.model import SchemaModel
from jobspec_lint.schema.normalize import Normalized, normalize
from jobspec_lint.values import describe

# v3 reads "writesettings"; v4 reads either spelling (never both, JL404).
OUTPUT_LISTS = ("writesettings", "writeSettings")


class Item:
    """One object of a list (an output, a parameter) with the source pointer of each field."""

    __slots__ = ("fields", "index", "normalized", "normalized_pointer", "pointer")

    def __init__(self, pointer: str, index: int, fields: dict[str, JSONValue],
                 normalized_pointer: str, normalized: Normalized) -> None:
        self.pointer = pointer
        self.index = index
        self.fields = fields
        # The item's pointer in the normalized body, whose keys may be renamed.
        self.normalized_pointer = normalized_pointer
        # The normalized body, whose ``original_pointer`` maps a pointer back to the source.
        self.normalized = normalized

    def get(self, key: str, default: JSONValue = None) -> JSONValue:
        return self.fields.get(key, default)

    def pointer_to(self, key: str) -> str:
        """Return the source pointer of the field ``key``, or where it would be when absent."""
        # Computed on demand, because most fields never get a finding.
        if key in self.fields:
            return self.normalized.original_pointer(join_pointer(self.normalized_pointer, key))
        return join_pointer(self.pointer, key)

    @property
    def label(self) -> str:
        """The item's location as a dotted path, such as ``overrides.writesettings[0]``."""
        return describe(self.pointer)


# The last body normalized, so that the rules of one document normalize it once.
_last_normalized: tuple[JSONValue, SchemaModel, Normalized] | None = None


def normalized_body(document: Document, context: RuleContext) -> Normalized:
    global _last_normalized
    cached = _last_normalized
    if cached is not None and cached[0] is document.value and cached[1] is context.schema:
        return cached[2]
    result = normalize(document.value, context.schema)
    _last_normalized = (document.value, context.schema, result)
    return result


# The outputs of the last body, which most output rules read in turn.
_last_outputs: tuple[Normalized, list[Item]] | None = None


def iter_outputs(document: Document, context: RuleContext) -> Iterator[Item]:
    """Yield every output object of ``overrides`` (both spellings of the list)."""
    global _last_outputs
    normalized = normalized_body(document, context)
    if _last_outputs is None or _last_outputs[0] is not normalized:
        _last_outputs = (normalized, list(_find_outputs(normalized)))
    yield from _last_outputs[1]


def _find_outputs(normalized: Normalized) -> Iterator[Item]:
    body = normalized.value
    overrides = body.get("overrides") if isinstance(body, dict) else None
    if not isinstance(overrides, dict):
        return
    for list_key in OUTPUT_LISTS:
        yield from _items(normalized, f"/overrides/{list_key}", overrides.get(list_key))


# The parameter lists of the last body, which the JL3 rules read in turn.
_last_parameter_lists: tuple[Normalized, list[list[Item]]] | None = None


def iter_parameter_lists(document: Document, context: RuleContext) -> Iterator[list[Item]]:
    """Yield each list of parameter overrides: the body's, then each output's own (v4)."""
    global _last_parameter_lists
    normalized = normalized_body(document, context)
    if _last_parameter_lists is None or _last_parameter_lists[0] is not normalized:
        found = list(_find_parameter_lists(document, context, normalized))
        _last_parameter_lists = (normalized, found)
    yield from _last_parameter_lists[1]


def _find_parameter_lists(
    document: Document, context: RuleContext, normalized: Normalized
) -> Iterator[list[Item]]:
    body = normalized.value
    if isinstance(body, dict):
        yield list(_parameter_items(normalized, "", body))
    for output in iter_outputs(document, context):
        yield list(_parameter_items(normalized, output.normalized_pointer, output.fields))


def _parameter_items(
    normalized: Normalized, pointer: str, owner: dict[str, JSONValue]
) -> Iterator[Item]:
    run_parameters = owner.get("runParameters")
    if not isinstance(run_parameters, dict):
        return
    overrides = run_parameters.get("overrides")
    if not isinstance(overrides, dict):
        return
    data_pointer = f"{pointer}/runParameters/overrides/data"
    yield from _items(normalized, data_pointer, overrides.get("data"))


def _items(normalized: Normalized, list_pointer: str, value: JSONValue) -> Iterator[Item]:
    """Yield the objects of a list of the normalized body, with source pointers."""
    if not isinstance(value, list):
        return
    for index, item in enumerate(value):
        if not isinstance(item, dict):
            continue
        item_pointer = f"{list_pointer}/{index}"
        yield Item(
            pointer=normalized.original_pointer(item_pointer),
            index=index,
            fields=item,
            normalized_pointer=item_pointer,
            normalized=normalized,
        )


def allowed_values(context: RuleContext, *tokens: str) -> list[JSONValue]:
    """Return the values the target's schema allows at ``tokens`` (its ``enum``).

    The list is shared between calls, so callers must not change it.
    """
    return _enum_values(context.schema, tokens)


# Keyed on the model and path: the rules ask for a few fixed paths per target.
@lru_cache(maxsize=256)
def _enum_values(schema: SchemaModel, tokens: tuple[str, ...]) -> list[JSONValue]:
    values: list[JSONValue] = []
    for node in schema.subschemas_at(tokens):
        for allowed in node.get("enum", ()):
            if allowed not in values:
                values.append(allowed)
    return values


# The nodes of the last body, which the rules that read every node share.
_last_nodes: tuple[JSONValue, list[tuple[str, JSONValue]]] | None = None


def body_nodes(document: Document) -> list[tuple[str, JSONValue]]:
    """Return every node of the body with its pointer, parents first, as ``iter_nodes`` yields them.

    The list is shared between the rules of one document, so callers must not change it.
    """
    global _last_nodes
    cached = _last_nodes
    if cached is not None and cached[0] is document.value:
        return cached[1]
    nodes = list_nodes(document.value)
    _last_nodes = (document.value, nodes)
    return nodes


def line_of(document: Document, pointer: str) -> int:
    """Return the 1-based line where the value at ``pointer`` starts."""
    spans = document.node_spans(pointer)
    span = spans.value if spans is not None else document.span
    return document.lines.position(span.start).line


def source_text(document: Document, pointer: str, limit: int | None = None) -> str:
    """Return the source text of the value at ``pointer``, or its first ``limit`` characters."""
    spans = document.node_spans(pointer)
    span = spans.value if spans is not None else Span(0, 0)
    end = span.end if limit is None else min(span.end, span.start + limit)
    return document.text[span.start : end]
