"""Property: every node has spans, and the text under each span parses back to that node."""

from __future__ import annotations

import json

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from jobspec_lint.document import JSONValue, iter_nodes, split_pointer
from jobspec_lint.load import Limits, LoadResult, load_bytes
from jobspec_lint.positions import Span

# Lone surrogates cannot be encoded as UTF-8, so a file cannot contain them.
TEXT = st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=20)

JSON_VALUES: st.SearchStrategy[JSONValue] = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | TEXT,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(TEXT, children, max_size=4),
    max_leaves=20,
)

YAML_VALUES: st.SearchStrategy[JSONValue] = st.recursive(
    st.booleans() | st.integers(min_value=-(2**70), max_value=2**70) | TEXT,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(TEXT, children, max_size=4),
    max_leaves=20,
)


def load(text: str, fmt: str) -> LoadResult:
    assert fmt in ("json", "yaml")
    return load_bytes(text.encode(), f"body.{fmt}", "json" if fmt == "json" else "yaml", Limits())


def yaml_fragment(text: str, span: Span) -> str:
    """Return the text under ``span``, indented as in the file, so block nodes parse alone."""
    line_start = max(text.rfind("\n", 0, span.start), text.rfind("\r", 0, span.start)) + 1
    return " " * (span.start - line_start) + text[span.start : span.end]


def check_every_node(result: LoadResult, value: object, parse: object) -> None:
    """Check the document's value, and that each node's spans parse back to the node."""
    assert result.problems == []
    assert len(result.documents) == 1
    document = result.documents[0]
    assert document.value == value

    for pointer, node in iter_nodes(document.value):
        spans = document.spans[pointer]
        assert spans.value.start <= spans.value.end <= len(document.text)
        assert parse(document.text, spans.value) == node, pointer  # type: ignore[operator]
        if pointer and isinstance(document.value, dict | list):
            parent = split_pointer(pointer)
            assert spans.key is None or parse(document.text, spans.key) == parent[-1], pointer  # type: ignore[operator]


def parse_json(text: str, span: Span) -> object:
    return json.loads(text[span.start : span.end])


def parse_yaml(text: str, span: Span) -> object:
    return yaml.safe_load(yaml_fragment(text, span))


@settings(max_examples=200, deadline=None)
@given(value=JSON_VALUES, indent=st.sampled_from([None, 2]), ascii_only=st.booleans())
def test_json_spans_reparse(value: JSONValue, indent: int | None, ascii_only: bool) -> None:
    text = json.dumps(value, indent=indent, ensure_ascii=ascii_only)

    check_every_node(load(text, "json"), value, parse_json)
    assert json.loads(text) == value


@settings(max_examples=200, deadline=None)
@given(
    value=YAML_VALUES,
    flow=st.sampled_from([False, None, True]),
    unicode=st.booleans(),
    width=st.sampled_from([80, 20]),
)
def test_yaml_spans_reparse(value: JSONValue, flow: bool | None, unicode: bool, width: int) -> None:
    text = yaml.safe_dump(
        value, default_flow_style=flow, allow_unicode=unicode, sort_keys=False, width=width
    )

    # PyYAML does not always read back what safe_dump writes (a NEL in a quoted
    # key is folded to a space), so PyYAML's own reading is the expected value.
    check_every_node(load(text, "yaml"), yaml.safe_load(text), parse_yaml)
