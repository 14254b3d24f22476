"""Invariants over generated bodies.

Valid bodies stay clean, key order changes nothing, and positions are right.
"""

from __future__ import annotations

import json
import random
import re
from typing import Any

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from jobspec_lint.discover import format_for
from jobspec_lint.engine import lint_bytes
from jobspec_lint.settings import Settings
from tests.conftest import lint
from tests.strategies import bodies

serialisations = st.sampled_from(("json-compact", "json-indented", "yaml-block", "yaml-flow"))


def serialise(body: Any, how: str) -> tuple[str, str]:
    """Return a file name and the body's text in one of several styles."""
    if how == "json-compact":
        return "spec.jobspec.json", json.dumps(body)
    if how == "json-indented":
        return "spec.jobspec.json", json.dumps(body, indent=2)
    if how == "yaml-block":
        return "spec.jobspec.yaml", yaml.safe_dump(body, sort_keys=False)
    return "spec.jobspec.yaml", yaml.safe_dump(body, default_flow_style=True, sort_keys=False)


def shuffled(value: Any, rng: random.Random) -> Any:
    if isinstance(value, dict):
        items = list(value.items())
        rng.shuffle(items)
        return {key: shuffled(item, rng) for key, item in items}
    if isinstance(value, list):
        return [shuffled(item, rng) for item in value]
    return value


@settings(max_examples=150, deadline=None)
@given(bodies(), serialisations)
def test_valid_bodies_have_no_shape_errors(body: dict[str, Any], how: str) -> None:
    name, text = serialise(body, how)
    findings = lint(text, name)
    shape = [(f.code, f.message) for f in findings if f.code.startswith(("JL0", "JL1"))]
    shape = [item for item in shape if item[0] != "JL107"]
    assert shape == []


MUTATIONS = (
    ("/wrangledDataset", "id", "1234"),
    ("", "wrangleDataset", {"id": 5}),
    ("", "overrides", [{"execution": "photon"}]),
    ("", "ranfrom", "CLI"),
    ("", "runParameters", {"overrides": {"data": [{"key": "a", "value": 2}, {"key": "a"}]}}),
)


def mutate(body: dict[str, Any], index: int) -> dict[str, Any]:
    parent_pointer, key, value = MUTATIONS[index]
    result = json.loads(json.dumps(body))
    parent = result if not parent_pointer else result[parent_pointer.strip("/")]
    parent[key] = value
    return result


@settings(max_examples=100, deadline=None)
@given(bodies(), st.integers(0, len(MUTATIONS) - 1), serialisations, st.randoms())
def test_key_order_changes_no_finding(
    body: dict[str, Any], mutation: int, how: str, rng: random.Random
) -> None:
    body = mutate(body, mutation)
    name, text = serialise(body, how)
    _, other = serialise(shuffled(body, rng), how)

    def key(findings: list[Any]) -> list[tuple[str, str, str]]:
        # A message may name the line of another node, which moves with the order.
        return sorted(
            (f.code, f.pointer, re.sub(r"line \d+", "line N", f.message)) for f in findings
        )

    assert key(lint(text, name)) == key(lint(other, name))


@settings(max_examples=100, deadline=None)
@given(bodies(), st.integers(0, len(MUTATIONS) - 1), serialisations)
def test_positions_point_at_the_pointer_node(body: dict[str, Any], mutation: int, how: str) -> None:
    name, text = serialise(mutate(body, mutation), how)
    fmt = format_for(name)
    assert fmt is not None
    result = lint_bytes(text.encode(), name, fmt, Settings())
    assert result.lines is not None
    (document,) = result.documents
    checked = 0
    for finding in result.findings:
        if finding.code in {"JL001", "JL401"} or finding.pointer == "":
            continue
        checked += 1
        offset = result.lines.offset(finding.line, finding.column)
        pointer = finding.pointer
        if finding.code == "JL101":
            pointer = pointer.rsplit("/", 1)[0]
        spans = document.node_spans(pointer)
        assert spans is not None
        starts = {spans.value.start} | ({spans.key.start} if spans.key else set())
        if pointer == "":
            starts = {spans.value.start}
        assert offset in starts, (finding.code, finding.pointer, finding.line, finding.column)
    assert checked > 0, "every mutation makes at least one finding with a pointer"
