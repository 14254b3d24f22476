"""JL402 v4-only: a key or value that only the v4 API accepts, in a body for v3.

A v3 server does not know the keys and values that later releases added:
``writeSettings`` (the camelCase spelling of ``writesettings``), ``testMode``,
``delim``, ``hasQuotes``, ``publications``, the executions ``emrSpark`` and
``dataflow``, the format ``hyper``, the compression ``snappy``, ``ranfrom: "ui"``
and the rest. ``writeSettings`` sent to v3 is an unknown key, so the outputs
are silently not overridden. The message names the v4 editions that list the
key or value, and suggests targeting v4 (``--api v4``) or removing it.

The keys and values come from comparing the bundled v3 and v4 schemas at each
place in the body. The keys that only one weak source lists (``prefix``,
``suffix``, ``webhooks``) are reported as unconfirmed. This rule runs before the
schema, so a v4-only key is not also an unknown key (JL104) and a v4-only value
is not also an invalid value (JL103). Reported for the v3 target only.

Failing example (``spec.jobspec.json``)::

    {
      "wrangledDataset": {"id": 7},
      "overrides": {
        "execution": "emrSpark",
        "profiler": false,
        "writesettings": [{"path": "s3://bucket/out/a.csv", "action": "create", "format": "csv"}]
      }
    }

Passing example (``spec.jobspec.json``)::

    {
      "wrangledDataset": {"id": 7},
      "overrides": {
        "execution": "spark",
        "profiler": false,
        "writesettings": [{"path": "s3://bucket/out/a.csv", "action": "create", "format": "csv"}]
      }
    }
"""

from collections.abc import Iterator
from functools import cache, lru_cache
from typing import NamedTuple

from jobspec_lint.document import Document, JSONValue, join_pointer
from jobspec_lint.findings import Problem, Severity
from jobspec_lint.rules.base import Rule, RuleContext
from jobspec_lint.schema.bundled import load_schema
from jobspec_lint.schema.model import SchemaModel
from jobspec_lint.values import describe, show

# The v4 sources that list each v4-only key or value, as the API facts record
# them. The schemas decide what is v4-only; this table only names the source.
EDITIONS: dict[str, str] = {
    # keys
    "writeSettings": "newer v4 examples, as the camelCase spelling of writesettings",
    "forceCacheUpdate": "the 2025 cloud API spec",
    "ignoreRecipeErrors": "the 2025 cloud API spec",
    "testMode": "the 2025 cloud API spec",
    "workspaceId": "the 2025 cloud API spec",
    "referenceDate": "the 2025 cloud API spec",
    "isAdhoc": "the 2025 cloud API spec",
    "publications": "the 2025 cloud API spec",
    "sqlScripts": "the 2025 cloud API spec",
    "outputObjectSchemaDriftOptions": "the 2025 cloud API spec",
    "webhooks": "one source only, the 2025 cloud API spec",
    "delim": "later releases and the 2025 cloud API spec",
    "hasQuotes": "later releases and the 2025 cloud API spec",
    "includeMismatches": "later releases and the 2025 cloud API spec",
    "outputObjectId": "later releases and the 2025 cloud API spec",
    "connectionId": "later releases and the 2025 cloud API spec",
    "runParameters": "later releases and the 2025 cloud API spec",
    "prefix": "Release 6.0 output objects only, not a jobGroups body",
    "suffix": "Release 6.0 output objects only, not a jobGroups body",
    # values
    "emrSpark": "later releases and the 2025 cloud API spec",
    "dataflow": "Cloud Dataprep clients",
    "amp": "the 2025 cloud API spec",
    "xml-amp": "the 2025 cloud API spec",
    "hyper": "later releases",
    "snappy": "later releases",
    "ui": "examples from Release 6.4 and the 2025 cloud API spec",
    "schedule": "the 2025 cloud API spec",
    "api": "the 2025 cloud API spec",
}

# Keys that only one weak source lists: a rule built on them is a warning.
UNCONFIRMED = frozenset({"prefix", "suffix", "webhooks"})


@cache
def v4_model() -> SchemaModel:
    return SchemaModel("v4", load_schema("v4"))


def enum_values(model: SchemaModel, tokens: list[str]) -> list[JSONValue]:
    """Return the values the ``enum`` keywords of the schema allow at ``tokens``."""
    values: list[JSONValue] = []
    for node in model.subschemas_at(tokens):
        values.extend(value for value in node.get("enum", ()) if value not in values)
    return values


def v4_only_keys(v3: SchemaModel, v4: SchemaModel, tokens: list[str]) -> list[str]:
    v3_keys = set(v3.known_keys(tokens))
    return [key for key in v4.known_keys(tokens) if key not in v3_keys]


def v4_only_values(v3: SchemaModel, v4: SchemaModel, tokens: list[str]) -> list[str]:
    v3_values = enum_values(v3, tokens)
    if not v3_values:
        return []
    return [
        value for value in enum_values(v4, tokens)
        if isinstance(value, str) and value not in v3_values
    ]


class _Place(NamedTuple):
    """The keys and values the two schemas allow at one place of a body, as sets for quick tests."""

    v3_keys: frozenset[str]
    v4_only_keys: frozenset[str]
    v4_only_values: frozenset[str]


@lru_cache(maxsize=1024)
def _place(v3: SchemaModel, v4: SchemaModel, path: tuple[str, ...]) -> _Place:
    """Return what v3 and v4 allow at ``path``, a path whose list indexes are all ``"0"``.

    The walk enters only keys the v3 schema lists, so the paths, and this
    cache, are bounded by the schema.
    """
    tokens = list(path)
    return _Place(
        v3_keys=frozenset(v3.known_keys(tokens)),
        v4_only_keys=frozenset(v4_only_keys(v3, v4, tokens)),
        v4_only_values=frozenset(v4_only_values(v3, v4, tokens)),
    )


def check(document: Document, context: RuleContext) -> Iterator[Problem]:
    problems: list[Problem] = []
    _check_node(document.value, (), "", context.schema, v4_model(), None, problems)
    yield from problems


def _check_node(
    value: JSONValue,
    path: tuple[str, ...],
    pointer: str,
    v3: SchemaModel,
    v4: SchemaModel,
    parent: JSONValue,
    problems: list[Problem],
) -> None:
    """Append the problems at and below ``value`` to ``problems``, in document order.

    ``path`` is the schema path of ``value``: its keys, with ``"0"`` for every
    list index, since all items of a list share one schema.
    """
    if isinstance(value, dict):
        place = _place(v3, v4, path)
        for key, item in value.items():
            if key in place.v4_only_keys:
                severity = Severity.WARNING if key in UNCONFIRMED else None
                problems.append(
                    Problem(
                        join_pointer(pointer, key),
                        _key_message(key, pointer),
                        target="key",
                        severity=severity,
                    )
                )
            elif key in place.v3_keys:
                child_path = (*path, key)
                if isinstance(item, str):
                    # A leaf needs its pointer only for a finding, and most have none.
                    if item in _place(v3, v4, child_path).v4_only_values:
                        child = join_pointer(pointer, key)
                        problems.append(_value_problem(item, child_path, child, v3, value))
                elif isinstance(item, (dict, list)):
                    child = join_pointer(pointer, key)
                    _check_node(item, child_path, child, v3, v4, value, problems)
    elif isinstance(value, list):
        item_path = (*path, "0")
        for index, item in enumerate(value):
            _check_node(item, item_path, f"{pointer}/{index}", v3, v4, None, problems)
    elif isinstance(value, str) and value in _place(v3, v4, path).v4_only_values:
        problems.append(_value_problem(value, path, pointer, v3, parent))


def _value_problem(
    value: str, path: tuple[str, ...], pointer: str, v3: SchemaModel, parent: JSONValue
) -> Problem:
    alternatives = _v3_alternatives(list(path), v3, parent)
    return Problem(pointer, _value_message(value, pointer, alternatives))


def _key_message(key: str, parent: str) -> str:
    source = EDITIONS.get(key, "later v4 releases")
    where = describe(parent)
    if key in UNCONFIRMED:
        return (
            f'key "{key}" in {where} is unconfirmed even in v4 ({source}), and v3 does not '
            "know it: remove it, or target v4 (--api v4) if your server accepts it"
        )
    message = f'key "{key}" in {where} exists only in v4 ({source}), and v3 does not know it'
    if key == "writeSettings":
        return (
            f"{message}, so the outputs are not overridden: "
            "target v4 (--api v4) or spell it writesettings"
        )
    return f"{message}: target v4 (--api v4) or remove it"


def _v3_alternatives(tokens: list[str], v3: SchemaModel, parent: JSONValue) -> list[JSONValue]:
    """Return the v3 values to suggest instead; only ``none`` compresses avro and pqt (JL201)."""
    compressible = isinstance(parent, dict) and parent.get("format") in ("csv", "json")
    if tokens and tokens[-1] == "compression" and not compressible:
        return ["none"]
    return enum_values(v3, tokens)


def _value_message(value: str, pointer: str, v3_values: list[JSONValue]) -> str:
    source = EDITIONS.get(value, "later v4 releases")
    listed = ", ".join(show(allowed) for allowed in v3_values)
    choice = f"one of {listed}" if len(v3_values) > 1 else listed
    return (
        f"{describe(pointer)} {show(value)} exists only in v4 ({source}), and v3 does not "
        f"accept it: target v4 (--api v4) or use {choice}"
    )


RULE = Rule(
    code="JL402",
    name="v4-only",
    summary="a key or value that exists only in v4, in a v3 body",
    severity=Severity.ERROR,
    targets=frozenset({"v3"}),
    check=check,
)
