"""The node-tree YAML reader gives the same documents as the event reader, or declines.

``read_plain_yaml`` is a fast path. For the usual job spec it must build
exactly what the event reader builds: value, spans, scalar records and
comments. For any text that the event reader would read differently or report
on, it must return ``None``, so that the event reader runs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from unittest import mock

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jobspec_lint import lint_text
from jobspec_lint.findings import Finding
from jobspec_lint.load import Limits, LoadResult, load_bytes, yaml_nodes
from jobspec_lint.positions import LineIndex
from tests.conftest import FIXTURES
from tests.strategies import bodies

ROOT = Path(__file__).resolve().parents[2]
YAML_FILES = sorted(
    path
    for folder in (FIXTURES, ROOT / "tests" / "data", ROOT / "docs")
    for path in folder.rglob("*")
    if path.suffix in (".yaml", ".yml")
)


def snapshot(loaded: LoadResult) -> tuple[Any, ...]:
    documents = [
        (d.index, d.value, d.span, dict(d.spans), d.scalars, d.comments)
        for d in loaded.documents
    ]
    return documents, loaded.problems


def both_ways(data: bytes) -> tuple[tuple[Any, ...], tuple[Any, ...]]:
    with mock.patch.object(yaml_nodes, "ENABLED", True):
        fast = snapshot(load_bytes(data, "spec.jobspec.yaml", "yaml", Limits()))
    with mock.patch.object(yaml_nodes, "ENABLED", False):
        slow = snapshot(load_bytes(data, "spec.jobspec.yaml", "yaml", Limits()))
    return fast, slow


def takes_node_path(text: str) -> bool:
    return yaml_nodes.read_plain_yaml(text, "spec.yaml", LineIndex(text), Limits()) is not None


USUAL_SPEC = """\
# Nightly export. A "#" inside quotes is text: "not # a comment".
wrangledDataset:
  id: 6269331
ranfrom: null
overrides:
  execution: photon
  profiler: true
  writesettings:
    - path: "s3://ops-archive/daily/#1/clicks.csv"  # quoted
      action: create
      format: csv
      header: yes
      note: |
        block text # not a comment

    - {path: 's3://b/x.json', action: overwrite, format: json}
runParameters:
  overrides:
    data:
      - key: day
        value: 011
      - key: when
        value: 2024-01-05
      - {key: n, value: 1:20}
"""


def test_usual_spec_takes_node_path() -> None:
    assert takes_node_path(USUAL_SPEC)
    fast, slow = both_ways(USUAL_SPEC.encode())
    assert fast == slow
    documents, _ = fast
    [(_, value, _, spans, scalars, comments)] = documents
    assert value["overrides"]["writesettings"][0]["header"] is True
    assert set(scalars) >= {"/runParameters/overrides/data/0/value", "/ranfrom"}
    assert [c.text for c in comments] == [
        ' Nightly export. A "#" inside quotes is text: "not # a comment".',
        " quoted",
    ]
    assert spans["/overrides/writesettings/1/format"].value.end == USUAL_SPEC.index(
        "json}") + len("json")


@pytest.mark.parametrize(
    ("text", "feature"),
    [
        ("a: &x 1\nb: *x\n", "anchor and alias"),
        ("a: !!str 1\n", "tag"),
        ("base: {x: 1}\nb:\n  <<: {y: 2}\n", "merge key"),
        ("wrangledDataset: {id: {{ recipe_id }}}\n", "template"),
        ("a: 1\n---\nb: 2\n", "two documents"),
        ("---\na: 1\n---\nb: 2\n", "two documents, both marked"),
        ("---\na: 1\n...\n", "document end marker"),
        ("--- |\n  text\n", "a marked document that is not a mapping"),
        ("%YAML 1.1\n---\na: 1\n", "directive"),
        ("", "no document"),
        ("# only a comment\n", "no document"),
        ("- a\n- b\n", "a top-level list"),
        ("a: 1\na: 2\n", "duplicate key"),
        ("1: one\n", "non-string key"),
        ("2024-01-05: day\n", "date key"),
        ("? [a]\n: 1\n", "collection key"),
        ("a: .inf\n", "non-finite number"),
        ("a: " + "9" * 5000 + "\n", "integer past Python's digit limit"),
        ('a: "\\ud800"\n', "lone surrogate escape"),
        ("a: [1, 2\n", "syntax error"),
        ("a:\n\tb: 1\n", "tab indentation"),
        ("a: " + "[" * 300 + "]" * 300 + "\n", "deep nesting"),
    ],
)
def test_unusual_text_takes_event_reader(text: str, feature: str) -> None:
    assert not takes_node_path(text), feature
    fast, slow = both_ways(text.encode())
    assert fast == slow


@pytest.mark.parametrize("head", ["---\n", "# Nightly.\n---\n", "--- # body\n", "---\n\n"])
def test_leading_marker_takes_node_path(head: str) -> None:
    text = head + USUAL_SPEC
    assert takes_node_path(text)
    fast, slow = both_ways(text.encode())
    assert fast == slow


def test_depth_past_limit_takes_event_reader() -> None:
    keys = "".join("  " * level + f"k{level}:\n" for level in range(1, 6))
    text = "a:\n" + keys + "  " * 6 + "v\n"
    assert yaml_nodes.read_plain_yaml(text, "x", LineIndex(text), Limits(max_depth=8))
    assert yaml_nodes.read_plain_yaml(text, "x", LineIndex(text), Limits(max_depth=3)) is None


@pytest.mark.parametrize("path", YAML_FILES, ids=lambda path: str(path.relative_to(ROOT)))
def test_repository_yaml_files_read_alike(path: Path) -> None:
    fast, slow = both_ways(path.read_bytes())
    assert fast == slow


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=bodies(), flow=st.booleans(), width=st.sampled_from([20, 80, 200]),
       marked=st.booleans())
def test_generated_bodies_read_alike(
    body: dict[str, Any], flow: bool, width: int, marked: bool
) -> None:
    text = yaml.safe_dump(body, default_flow_style=flow, sort_keys=False, width=width,
                          explicit_start=marked)
    fast, slow = both_ways(text.encode())
    assert fast == slow


@settings(max_examples=200, deadline=None)
@given(text=st.text(alphabet=st.sampled_from(list("ab: -{}[],'\"#|>\n\t01.yn~")), max_size=60))
def test_short_texts_read_alike(text: str) -> None:
    fast, slow = both_ways(text.encode())
    assert fast == slow


def test_spans_built_on_first_use() -> None:
    text = "wrangledDataset:\n  id: 7\n"
    [document] = yaml_nodes.read_plain_yaml(text, "x", LineIndex(text), Limits()) or []
    assert not document.has_spans
    assert document.node_spans("/wrangledDataset/id") is not None
    assert document.has_spans


def findings_both_ways(text: str) -> tuple[list[Finding], list[Finding]]:
    with mock.patch.object(yaml_nodes, "ENABLED", True):
        fast = lint_text(text, "spec.jobspec.yaml")
    with mock.patch.object(yaml_nodes, "ENABLED", False):
        slow = lint_text(text, "spec.jobspec.yaml")
    return fast, slow


@pytest.mark.parametrize(
    "text",
    [
        "---\noverrides:\n  execution: photon\n",
        "# head\n---\n\noverrides:\n  execution: photon\n# tail\n\n",
        "overrides:\n  execution: photon\n# a trailing comment\n",
        USUAL_SPEC,
        "---\n" + USUAL_SPEC + "# end\n",
    ],
)
def test_body_findings_point_alike(text: str) -> None:
    # Findings about the whole body (JL101 at the top level, JL401) use the
    # body's span, which the node reader gives without the span map.
    fast, slow = findings_both_ways(text)
    assert fast == slow
    assert any(finding.pointer in ("", "/wrangledDataset") for finding in fast)


@pytest.mark.parametrize("path", YAML_FILES, ids=lambda path: str(path.relative_to(ROOT)))
def test_repository_yaml_findings_alike(path: Path) -> None:
    fast, slow = findings_both_ways(path.read_text(encoding="utf-8", errors="replace"))
    assert fast == slow


@pytest.mark.parametrize("line_break", ["\r", "\x85", "\u2028"])
def test_other_line_breaks_read_alike(line_break: str) -> None:
    text = line_break.join(["# x", "---", "a: 1", "...", ""])
    fast, slow = both_ways(text.encode())
    assert fast == slow
    marked = line_break.join(["# x", "---", "a: 1", ""])
    fast, slow = both_ways(marked.encode())
    assert fast == slow


def test_raised_depth_limit_falls_back() -> None:
    text = "".join("  " * level + f"k{level}:\n" for level in range(600)) + "  " * 600 + "v\n"
    limits = Limits(max_depth=5000)
    assert yaml_nodes.read_plain_yaml(text, "x", LineIndex(text), limits) is None
    loaded = load_bytes(text.encode(), "deep.jobspec.yaml", "yaml", limits)
    assert loaded.documents
