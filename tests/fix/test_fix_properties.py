"""Invariants of ``check --fix`` over generated bodies with one fixable mistake each.

Each valid body gets one mistake that has a safe fix (a string id, a value in
the wrong case or an alias, a key with a typo), in JSON or YAML of several
styles. Fixing must give back the valid body, keep the file parsable, leave
no safe fix behind, and change nothing when run again.
"""

from __future__ import annotations

import copy
import json
from typing import Any

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from jobspec_lint.discover import format_for
from jobspec_lint.engine import FileResult, lint_bytes
from jobspec_lint.fix.engine import fix_bytes, fixable
from jobspec_lint.settings import Settings
from tests.strategies import bodies

ALIASES = {"pqt": "parquet", "gzip": "gz", "bzip2": "bz2"}
ENUM_KEYS = ("execution", "action", "format", "compression", "ranfrom")
serialisations = st.sampled_from(("json-compact", "json-indented", "yaml-block", "yaml-flow"))


def serialise(body: Any, how: str) -> tuple[str, str]:
    if how == "json-compact":
        return "spec.jobspec.json", json.dumps(body)
    if how == "json-indented":
        return "spec.jobspec.json", json.dumps(body, indent=2)
    if how == "yaml-block":
        return "spec.jobspec.yaml", yaml.safe_dump(body, sort_keys=False)
    return "spec.jobspec.yaml", yaml.safe_dump(body, default_flow_style=True, sort_keys=False)


def places(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[str, tuple[Any, ...]]]:
    """Return every place a mistake can go: ("key", path) or ("value", path)."""
    found: list[tuple[str, tuple[Any, ...]]] = []
    if isinstance(value, dict):
        for key, item in value.items():
            found.append(("key", (*path, key)))
            found.extend(places(item, (*path, key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found.extend(places(item, (*path, index)))
    elif path and path[-1] in ENUM_KEYS and isinstance(value, str):
        found.append(("value", path))
    elif path and path[-1] == "id" and isinstance(value, int):
        found.append(("id", path))
    return found


def mistyped_key(key: str, draw: st.DrawFn) -> str:
    """Return a typo of ``key``: its case changed, or two neighbouring letters swapped."""
    swaps = [i for i in range(1, len(key) - 1) if key[i] != key[i + 1]]
    if swaps and draw(st.booleans()):
        i = draw(st.sampled_from(swaps))
        return key[:i] + key[i + 1] + key[i] + key[i + 2 :]
    return key.upper()


@st.composite
def broken_bodies(draw: st.DrawFn) -> tuple[dict[str, Any], dict[str, Any]]:
    """Return a valid body and a copy of it with one mistake that has a safe fix."""
    body = draw(bodies())
    kind, path = draw(st.sampled_from(places(body)))
    broken = copy.deepcopy(body)
    parent: Any = broken
    for token in path[:-1]:
        parent = parent[token]
    last = path[-1]
    if kind == "id":
        parent[last] = str(parent[last])
    elif kind == "value":
        value = parent[last]
        parent[last] = ALIASES[value] if value in ALIASES and draw(st.booleans()) else value.upper()
    else:
        items = list(parent.items())
        parent.clear()
        parent.update((mistyped_key(k, draw) if k == last else k, v) for k, v in items)
    return body, broken


def reading_codes(result: FileResult) -> list[str]:
    return sorted(f.code for f in result.findings if f.code.startswith("JL0"))


def load_value(text: str, filename: str) -> Any:
    return json.loads(text) if filename.endswith(".json") else yaml.safe_load(text)


@settings(max_examples=200, deadline=None)
@given(broken_bodies(), serialisations)
def test_fix_restores_valid_body(
    pair: tuple[dict[str, Any], dict[str, Any]], how: str
) -> None:
    body, broken = pair
    filename, text = serialise(broken, how)
    fmt = format_for(filename)
    assert fmt is not None
    lint_settings = Settings(ignore=("JL401",))

    fixed = fix_bytes(text.encode(), filename, fmt, lint_settings)

    assert fixed.status == "ok"
    assert load_value(fixed.after, filename) == body
    after = lint_bytes(fixed.after.encode(), filename, fmt, lint_settings)
    # The serialiser may write scalars YAML reads ambiguously (JL005): the fix
    # must add no reading problem of its own.
    valid = lint_bytes(serialise(body, how)[1].encode(), filename, fmt, lint_settings)
    assert reading_codes(after) == reading_codes(valid)
    assert [fix for _, fix in fixable(after, lint_settings) if fix.safe] == []
    again = fix_bytes(fixed.after.encode(), filename, fmt, lint_settings)
    assert again.after == fixed.after


@st.composite
def nested_parameter_bodies(draw: st.DrawFn) -> tuple[dict[str, Any], dict[str, Any]]:
    """Return a body with runParameters, and a copy with it nested inside overrides."""
    body = draw(bodies())
    body.setdefault("runParameters", {"overrides": {"data": [{"key": "a", "value": "b"}]}})
    body.setdefault("overrides", {})
    items = list(body["overrides"].items())
    position = draw(st.integers(0, len(items)))
    items.insert(position, ("runParameters", body["runParameters"]))
    broken = {key: value for key, value in body.items() if key != "runParameters"}
    broken["overrides"] = dict(items)
    return body, broken


@settings(max_examples=100, deadline=None)
@given(nested_parameter_bodies(), serialisations)
def test_fix_moves_parameters_to_top(
    pair: tuple[dict[str, Any], dict[str, Any]], how: str
) -> None:
    body, broken = pair
    filename, text = serialise(broken, how)
    fmt = format_for(filename)
    assert fmt is not None
    lint_settings = Settings(ignore=("JL401",))

    fixed = fix_bytes(text.encode(), filename, fmt, lint_settings)

    assert fixed.status == "ok"
    if how == "yaml-flow":
        # A YAML flow mapping gets no fix: the text stays as it was.
        assert fixed.after == text
        return
    assert load_value(fixed.after, filename) == body
    after = lint_bytes(fixed.after.encode(), filename, fmt, lint_settings)
    assert "JL108" not in [f.code for f in after.findings]
    again = fix_bytes(fixed.after.encode(), filename, fmt, lint_settings)
    assert again.after == fixed.after
