"""Navigating a body schema: which keys and types the schema allows at a place."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from functools import cached_property
from typing import Any, TypeVar

SchemaNode = dict[str, Any]
T = TypeVar("T")

# JSON Schema type names by the Python type of a JSON value.
_JSON_TYPES: dict[type, str] = {
    dict: "object",
    list: "array",
    str: "string",
    bool: "boolean",
    int: "integer",
    float: "number",
    type(None): "null",
}


# Keywords whose subschemas apply only under a condition.
_CONDITIONAL = frozenset({"if", "then", "else"})
# Keywords whose values are data, not subschemas.
DATA_KEYWORDS = frozenset({"enum", "const", "examples", "default", "required"})
# Keywords whose value is a map from names to subschemas, not a schema itself.
SCHEMA_MAPS = frozenset({"properties", "$defs"})


def schema_objects(schema: Any, skip: frozenset[str] = frozenset()) -> Iterator[SchemaNode]:
    """Yield every schema object of ``schema``, without entering the keywords in ``skip``.

    Data (``enum``, ``default``...) and custom annotations (``x-...``) are not entered.
    """
    stack: list[Any] = [schema]
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(node)
            continue
        if not isinstance(node, dict):
            continue
        yield node
        for keyword, value in node.items():
            if keyword in DATA_KEYWORDS or keyword in skip or keyword.startswith("x-"):
                continue
            if keyword in SCHEMA_MAPS and isinstance(value, dict):
                stack.extend(value.values())
            else:
                stack.append(value)


# Marks a query that is not in the cache yet, because ``None`` may be a cached result.
_MISSING: Any = object()


def _path_key(tokens: Sequence[str]) -> tuple[str, ...]:
    """Return a cache key for a path: every list index reads as ``0``.

    The bundled schemas give all items of a list one schema (``items``), and no
    object in them has a property whose name is a number.
    """
    return tuple("0" if token.isdigit() else token for token in tokens)


def json_type(value: object) -> str:
    return _JSON_TYPES.get(type(value), "unknown")


class SchemaModel:
    """A body schema with the queries rules need: subschemas, known keys, types."""

    def __init__(self, name: str, schema: SchemaNode) -> None:
        self.name = name
        self.schema = schema
        # Rules query the same few paths for every body, so each result is kept
        # by query and path. List indexes read as one path, so the cache stays small.
        self._cache: dict[tuple[str, tuple[str, ...]], Any] = {}

    def _cached(self, query: str, tokens: Sequence[str], compute: Callable[[], T]) -> T:
        # Most paths have no list index other than "0", so they are their own
        # cache key: look that up before scanning the tokens for indexes.
        found = self._cache.get((query, tuple(tokens)), _MISSING)
        if found is _MISSING:
            key = (query, _path_key(tokens))
            found = self._cache.get(key, _MISSING)
            if found is _MISSING:
                found = self._cache[key] = compute()
        result: T = found
        return result

    def resolve(self, node: SchemaNode) -> SchemaNode:
        """Follow a local ``$ref`` (``#/$defs/...``); the bundled schemas use no other kind."""
        while "$ref" in node:
            target: Any = self.schema
            for token in node["$ref"].removeprefix("#/").split("/"):
                target = target[token]
            node = target
        return node

    def _branches(self, node: SchemaNode) -> Iterator[SchemaNode]:
        """Yield a schema node and the nodes it combines with ``allOf`` and friends."""
        node = self.resolve(node)
        yield node
        for keyword in ("allOf", "anyOf", "oneOf"):
            for branch in node.get(keyword, ()):
                yield from self._branches(branch)
        for keyword in ("then", "else"):
            if isinstance(node.get(keyword), dict):
                yield from self._branches(node[keyword])

    def subschemas_at(self, tokens: Sequence[str]) -> list[SchemaNode]:
        """Return the schema nodes that apply at the path ``tokens`` (empty if unknown)."""
        return self._cached("subschemas", tokens, lambda: self._find_subschemas(tokens))

    def _find_subschemas(self, tokens: Sequence[str]) -> list[SchemaNode]:
        current = list(self._branches(self.schema))
        for token in tokens:
            following: list[SchemaNode] = []
            for node in current:
                child = node.get("properties", {}).get(token)
                if child is None and "items" in node and token.isdigit():
                    child = node["items"]
                if isinstance(child, dict):
                    following.extend(self._branches(child))
            current = following
        return current

    def known_keys(self, tokens: Sequence[str]) -> list[str]:
        """Return the property names the schema defines for the object at ``tokens``."""
        return self._cached("known_keys", tokens, lambda: self._find_known_keys(tokens))

    def _find_known_keys(self, tokens: Sequence[str]) -> list[str]:
        keys: dict[str, None] = {}
        for node in self.subschemas_at(tokens):
            keys.update(dict.fromkeys(node.get("properties", {})))
        return list(keys)

    def expected_types(self, tokens: Sequence[str]) -> set[str]:
        """Return the JSON types allowed at ``tokens``; empty when the schema gives none."""
        return self._cached("types", tokens, lambda: self._find_types(tokens))

    def _find_types(self, tokens: Sequence[str]) -> set[str]:
        types: set[str] = set()
        for node in self.subschemas_at(tokens):
            declared = node.get("type")
            if isinstance(declared, str):
                types.add(declared)
            elif isinstance(declared, list):
                types.update(declared)
            for allowed in node.get("enum", ()):
                types.add(json_type(allowed))
            if "const" in node:
                types.add(json_type(node["const"]))
        return types

    def description(self, tokens: Sequence[str]) -> str | None:
        for node in self.subschemas_at(tokens):
            if isinstance(node.get("description"), str):
                return str(node["description"])
        return None

    @cached_property
    def rejects_unknown_keys(self) -> bool:
        """Whether every object the schema describes rejects keys it does not list.

        Then a body the schema accepts has no unknown key. The subschemas of
        ``if``, ``then`` and ``else`` are exempt: they add conditions on keys
        that an object schema around them lists already.
        """
        return all(
            node.get("additionalProperties") is False
            for node in schema_objects(self.schema, skip=_CONDITIONAL)
            if "properties" in node
        )

    @cached_property
    def vocabulary(self) -> frozenset[str]:
        """Every property name the schema defines at any level."""
        names: set[str] = set()
        for node in schema_objects(self.schema):
            names.update(node.get("properties", {}))
        return frozenset(names)
