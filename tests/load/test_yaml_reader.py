"""The YAML reader: documents, spans, keys, tags, merges, aliases, comments, errors and limits."""

from __future__ import annotations

import pytest
import yaml

from jobspec_lint.document import Comment, Document, PlainScalar
from jobspec_lint.load import Limits, LoadResult, TextProblem, load_bytes, yaml_reader
from jobspec_lint.positions import Span

TAB_HINT = "YAML does not allow tabs for indentation: use spaces"
NO_DOCUMENT = "the file contains no document: write the request body as a YAML mapping"


def load(text: str, limits: Limits | None = None) -> LoadResult:
    result = load_bytes(text.encode(), "body.yaml", "yaml", limits or Limits())
    assert_spans_inside(result)
    return result


def assert_spans_inside(result: LoadResult) -> None:
    size = len(result.lines.text)
    spans: list[Span] = [problem.span for problem in result.problems]
    for document in result.documents:
        spans.append(document.span)
        for node in document.spans.values():
            spans.append(node.value)
            if node.key is not None:
                spans.append(node.key)
    for span in spans:
        assert 0 <= span.start <= span.end <= size, span


def single_problem(result: LoadResult) -> TextProblem:
    assert len(result.problems) == 1, result.problems
    return result.problems[0]


def single_document(result: LoadResult) -> Document:
    assert len(result.documents) == 1, result.documents
    return result.documents[0]


def line_column(result: LoadResult, span: Span | None) -> tuple[int, int]:
    assert span is not None
    position = result.lines.position(span.start)
    return position.line, position.column


def span_text(result: LoadResult, span: Span | None) -> str:
    assert span is not None
    return result.lines.text[span.start : span.end]


# Documents and spans ------------------------------------------------------------


def test_block_body_value_and_spans() -> None:
    text = (
        "wrangledDataset:\n"
        "  id: 7\n"
        "overrides:\n"
        "  execution: photon\n"
        "  profiler: true\n"
        "\n"
        "# trailing comment\n"
        "runParameters: {}\n"
    )
    result = load(text)
    document = single_document(result)

    assert result.problems == []
    assert document.format == "yaml"
    assert document.index == 0
    assert document.value == {
        "wrangledDataset": {"id": 7},
        "overrides": {"execution": "photon", "profiler": True},
        "runParameters": {},
    }
    assert span_text(result, document.spans["/overrides"].key) == "overrides"
    assert span_text(result, document.spans["/overrides"].value) == (
        "execution: photon\n  profiler: true"
    )
    assert line_column(result, document.spans["/overrides/profiler"].value) == (5, 13)
    assert span_text(result, document.spans["/runParameters"].value) == "{}"
    assert document.spans[""].key is None


def test_sequence_items_have_no_key_span() -> None:
    result = load("outputs:\n  - path: s3://b/a.csv\n  - path: s3://b/b.csv\n")
    document = single_document(result)

    assert document.spans["/outputs/1"].key is None
    assert span_text(result, document.spans["/outputs/1"].value) == "path: s3://b/b.csv"
    assert line_column(result, document.spans["/outputs/1/path"].key) == (3, 5)


def test_block_scalar_span_ends_at_text() -> None:
    result = load("note: |\n  line one\n  line two\n\n\nnext: 1\n")
    document = single_document(result)

    assert span_text(result, document.spans["/note"].value) == "|\n  line one\n  line two"
    assert document.value == {"note": "line one\nline two\n", "next": 1}


def test_integer_beyond_64_bits_kept() -> None:
    result = load("id: 123456789012345678901234567890\n")

    assert result.problems == []
    assert single_document(result).value == {"id": 123456789012345678901234567890}


def test_multiple_documents_indexed() -> None:
    result = load("a: 1\n---\nb: 2\n---\n- 3\n")

    assert result.problems == []
    assert [document.index for document in result.documents] == [0, 1, 2]
    assert [document.value for document in result.documents] == [{"a": 1}, {"b": 2}, [3]]
    assert span_text(result, result.documents[1].spans["/b"].value) == "2"
    assert line_column(result, result.documents[2].spans[""].value) == (5, 1)


@pytest.mark.parametrize("text", ["---\n", "~\n", "--- ~\n", "null"])
def test_null_document_returned(text: str) -> None:
    result = load(text)

    assert result.problems == []
    assert single_document(result).value is None


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n", "  # one\n# two\n"])
def test_no_document(text: str) -> None:
    result = load(text)

    problem = single_problem(result)
    assert problem.code == "JL003"
    assert problem.message == NO_DOCUMENT
    assert line_column(result, problem.span) == (1, 1)
    assert result.documents == []


def test_top_level_list_still_read() -> None:
    result = load("- a\n- b\n")

    assert result.problems == []
    assert single_document(result).value == ["a", "b"]


# Comments ------------------------------------------------------------------------


def test_comments_attached_to_documents() -> None:
    text = (
        "# leading comment\n"
        "---\n"
        "a: 1 # one\n"
        "---\n"
        "# second document\n"
        'b: "x # not a comment"\n'
        "c: | # header comment\n"
        "  # not a comment either\n"
        "  text\n"
        "d: 'it''s # quoted'\n"
        "e: x#y\n"
        "...\n"
        "# after the end\n"
    )
    result = load(text)

    assert result.problems == []
    first, second = result.documents
    assert first.comments == [Comment(1, " leading comment"), Comment(3, " one")]
    assert second.comments == [
        Comment(5, " second document"),
        Comment(7, " header comment"),
        Comment(13, " after the end"),
    ]
    assert second.value == {
        "b": "x # not a comment",
        "c": "# not a comment either\ntext\n",
        "d": "it's # quoted",
        "e": "x#y",
    }


def test_comment_in_flow_collection() -> None:
    result = load("a: [1, # first\n  2]\n")

    assert single_document(result).comments == [Comment(1, " first")]


# Positions as an editor counts them -------------------------------------------


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_line_endings_counted(newline: str) -> None:
    result = load(newline.join(["a: 1", "b: 2", "a: 3", ""]))

    problem = single_problem(result)
    assert problem.code == "JL002"
    assert line_column(result, problem.span) == (3, 1)
    assert "first defined at line 1, column 1" in problem.message


def test_nel_and_line_separator_not_line_breaks() -> None:
    text = 'a: "é\u2028x\x85y"\nb: c: d\n'
    result = load(text)

    problem = single_problem(result)
    assert problem.code == "JL001"
    assert line_column(result, problem.span) == (2, 5)


def test_nel_ends_comment_for_libyaml() -> None:
    # libyaml reads NEL as a line break, so "b: 2" is content on the editor's line 1.
    result = load("a: 1 # c\x85b: 2\n")
    document = single_document(result)

    assert document.value == {"a": 1, "b": 2}
    assert document.comments == [Comment(1, " c")]
    assert line_column(result, document.spans["/b"].key) == (1, 10)


def test_astral_characters_count_once() -> None:
    result = load("😀😀: 1\nx: .inf\n")

    problem = single_problem(result)
    assert line_column(result, problem.span) == (2, 4)
    assert line_column(result, single_document(result).spans["/x"].key) == (2, 1)


# JL002 -------------------------------------------------------------------------


def test_duplicate_key_points_at_second() -> None:
    text = "wrangledDataset:\n  id: 7\noverrides:\n  execution: photon\nwrangledDataset:\n  id: 8\n"
    result = load(text)

    problem = single_problem(result)
    assert problem.code == "JL002"
    assert problem.message == (
        'duplicate key "wrangledDataset", first defined at line 1, column 1:'
        " remove one of them (parsers keep the later value)"
    )
    assert line_column(result, problem.span) == (5, 1)
    assert problem.pointer == "/wrangledDataset"
    assert problem.claims_subtree is False

    document = single_document(result)
    assert document.value == {"wrangledDataset": {"id": 8}, "overrides": {"execution": "photon"}}
    assert line_column(result, document.spans["/wrangledDataset/id"].value) == (6, 7)


def test_duplicate_key_drops_first_records() -> None:
    result = load("a: {x: yes}\na: {y: 1}\n")
    document = single_document(result)

    assert "/a/x" not in document.spans
    assert "/a/x" not in document.scalars
    assert set(document.scalars) == {"/a/y"}


def test_duplicate_key_in_flow_mapping() -> None:
    result = load("o: [{k: 1, k: 2}]\n")

    problem = single_problem(result)
    assert problem.pointer == "/o/0/k"
    assert line_column(result, problem.span) == (1, 12)
    assert single_document(result).value == {"o": [{"k": 2}]}


def test_quoted_and_plain_key_same_name() -> None:
    result = load('"a": 1\na: 2\n')

    problem = single_problem(result)
    assert problem.code == "JL002"


# JL007: keys ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "message"),
    [
        ("1", 'mapping keys must be strings: quote it: "1"'),
        ("1.5", 'mapping keys must be strings: quote it: "1.5"'),
        ("true", 'mapping keys must be strings: quote it: "true"'),
        ("on", 'mapping keys must be strings: quote it: "on"'),
        ("null", 'mapping keys must be strings: quote it: "null"'),
        ("~", 'mapping keys must be strings: quote it: "~"'),
        ("2024-01-01", 'mapping keys must be strings: quote it: "2024-01-01"'),
        ("[a, b]", "mapping keys must be strings: this key is a sequence"),
        ("{b: 1}", "mapping keys must be strings: this key is a mapping"),
        ("!!int 3", 'mapping keys must be strings: quote it: "3"'),
    ],
)
def test_non_string_key_dropped(key: str, message: str) -> None:
    result = load(f"keep: 1\n{key}: value\nlast: 2\n")

    problem = single_problem(result)
    assert problem.code == "JL007"
    assert problem.message == message
    assert line_column(result, problem.span) == (2, 1)
    assert problem.pointer == ""
    assert problem.claims_subtree is False
    assert single_document(result).value == {"keep": 1, "last": 2}


def test_complex_key_dropped() -> None:
    result = load("? - a\n  - b\n: value\nok: 1\n")

    problem = single_problem(result)
    assert problem.message == "mapping keys must be strings: this key is a sequence"
    assert line_column(result, problem.span) == (1, 3)
    assert single_document(result).value == {"ok": 1}


def test_alias_key_to_sequence_dropped() -> None:
    result = load("list: &l [1]\n*l : x\n")

    problem = single_problem(result)
    assert problem.message == "mapping keys must be strings: the alias *l is a sequence"
    assert single_document(result).value == {"list": [1]}


def test_string_keys_accepted() -> None:
    result = load("\"1\": a\n'true': b\ny: c\n!!str 2: d\nk: &k f\n*k : e\n")

    assert result.problems == []
    assert single_document(result).value == {
        "1": "a",
        "true": "b",
        "y": "c",
        "2": "d",
        "k": "f",
        "f": "e",
    }


# JL007: tags -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "tag"),
    [
        ("!!binary aGk=", "!!binary"),
        ("!!set {a, b}", "!!set"),
        ("!!omap [a: 1]", "!!omap"),
        ("!!pairs [a: 1]", "!!pairs"),
        ("!!timestamp 2024-01-01", "!!timestamp"),
        ("!!python/object/apply:os.system [echo]", "!!python/object/apply:os.system"),
        ("!!python/tuple [1, 2]", "!!python/tuple"),
        ("!Ref MyBucket", "!Ref"),
        ("!<tag:example.com,2000:app/x> 1", "tag:example.com,2000:app/x"),
    ],
)
def test_unsupported_tag_becomes_null(value: str, tag: str) -> None:
    result = load(f"a: 1\nb: {value}\n")

    problem = single_problem(result)
    assert problem.code == "JL007"
    assert problem.message == f"the YAML tag {tag} has no JSON equivalent: remove the tag"
    assert line_column(result, problem.span) == (2, 4)
    assert problem.pointer == "/b"
    assert problem.claims_subtree is True

    document = single_document(result)
    assert document.value == {"a": 1, "b": None}
    assert [pointer for pointer in document.spans if pointer.startswith("/b/")] == []


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("!!str 12", "12"),
        ('!!int "7"', 7),
        ("!!float 1", 1.0),
        ("!!bool yes", True),
        ("!!null x", None),
        ("!!map {a: 1}", {"a": 1}),
        ("!!seq [1]", [1]),
    ],
)
def test_standard_tag_honoured(value: str, expected: object) -> None:
    result = load(f"v: {value}\n")

    assert result.problems == []
    document = single_document(result)
    assert document.value == {"v": expected}
    assert document.value == yaml.safe_load(f"v: {value}\n")
    assert "/v" not in document.scalars


def test_non_specific_tag_resolved_like_pyyaml() -> None:
    result = load("v: ! 12\n")

    assert result.problems == []
    assert single_document(result).value == {"v": 12} == yaml.safe_load("v: ! 12\n")


@pytest.mark.parametrize(("value", "tag"), [("!!map [1]", "!!map"), ("!!seq x", "!!seq")])
def test_standard_tag_on_wrong_node(value: str, tag: str) -> None:
    result = load(f"v: {value}\n")

    problem = single_problem(result)
    assert problem.code == "JL007"
    assert problem.message == f"the YAML tag {tag} does not fit this node: remove the tag"
    assert single_document(result).value == {"v": None}


def test_standard_tag_invalid_value() -> None:
    result = load("v: !!int abc\n")

    problem = single_problem(result)
    assert problem.code == "JL007"
    assert problem.message == '"abc" is not a valid !!int: fix the value or remove the tag'
    assert single_document(result).value == {"v": None}


# Merge keys --------------------------------------------------------------------------


MERGE_TEXT = (
    "defaults: &defaults\n"
    "  execution: photon\n"
    "  profiler: yes\n"
    "job:\n"
    "  <<: *defaults\n"
    "  profiler: false\n"
)


def test_merge_applies_like_pyyaml() -> None:
    result = load(MERGE_TEXT)
    document = single_document(result)

    assert result.problems == []
    assert document.value == yaml.safe_load(MERGE_TEXT)
    assert document.value["job"] == {"execution": "photon", "profiler": False}  # type: ignore[index, call-overload]
    assert list(document.value["job"]) == ["execution", "profiler"]  # type: ignore[index, call-overload]


def test_merged_keys_point_at_merge_entry() -> None:
    result = load(MERGE_TEXT)
    document = single_document(result)

    merged = document.spans["/job/execution"]
    assert span_text(result, merged.key) == "<<"
    assert span_text(result, merged.value) == "*defaults"
    assert line_column(result, document.spans["/job/profiler"].value) == (6, 13)
    assert document.scalars["/job/profiler"].source == "false"


def test_merged_scalar_records_copied() -> None:
    result = load("defaults: &d {p: yes}\njob:\n  <<: *d\n")
    document = single_document(result)

    assert document.scalars["/job/p"] == PlainScalar("yes", True, "yes", "YAML 1.1 boolean")


@pytest.mark.parametrize(
    "text",
    [
        "a: &a {x: 1, y: 1}\nb: &b {y: 2, z: 2}\nc:\n  <<: [*a, *b]\n  w: 0\n",
        "c:\n  <<: {x: 1}\n  y: 2\n",
        "a: &a {x: 1}\nc: {<<: *a, x: 2}\n",
        "a: &a {x: 1}\nb: &b {x: 2, y: 2}\nc: {<<: [*b, *a]}\n",
    ],
)
def test_merge_variants_match_pyyaml(text: str) -> None:
    result = load(text)

    assert result.problems == []
    assert single_document(result).value == yaml.safe_load(text)


def test_merge_list_first_wins() -> None:
    result = load("a: &a {x: 1, y: 1}\nb: &b {y: 2, z: 2}\nc:\n  <<: [*a, *b]\n")

    assert single_document(result).value["c"] == {"x": 1, "y": 1, "z": 2}  # type: ignore[index, call-overload]


def test_repeated_merge_key() -> None:
    result = load("a: &a {x: 1}\nb: &b {x: 2}\nc:\n  <<: *a\n  <<: *b\n")

    problem = single_problem(result)
    assert problem.code == "JL002"
    assert problem.message == (
        'duplicate key "<<", first defined at line 4, column 3:'
        " remove one of them (parsers keep the later value)"
    )
    assert line_column(result, problem.span) == (5, 3)
    assert problem.claims_subtree is False
    assert single_document(result).value["c"] == {"x": 2}  # type: ignore[index, call-overload]


def test_merge_of_scalar_rejected() -> None:
    result = load("c:\n  <<: 5\n  y: 2\n")

    problem = single_problem(result)
    assert problem.code == "JL007"
    assert problem.message == (
        "'<<' merges a mapping or a list of mappings, not a number: write a mapping"
    )
    assert line_column(result, problem.span) == (2, 7)
    assert single_document(result).value == {"c": {"y": 2}}


def test_merge_of_empty_list() -> None:
    result = load("c:\n  <<: []\n  y: 2\n")

    assert result.problems == []
    assert single_document(result).value == yaml.safe_load("c:\n  <<: []\n  y: 2\n")


def test_quoted_merge_key_is_string() -> None:
    result = load('c:\n  "<<": {x: 1}\n')

    assert single_document(result).value == {"c": {"<<": {"x": 1}}}


# Aliases -----------------------------------------------------------------------------


def test_alias_spans_point_at_use() -> None:
    text = "base: &b\n  path: s3://x/a.csv\n  format: csv\noutputs:\n  - *b\n"
    result = load(text)
    document = single_document(result)

    assert document.value == {
        "base": {"path": "s3://x/a.csv", "format": "csv"},
        "outputs": [{"path": "s3://x/a.csv", "format": "csv"}],
    }
    for pointer in ("/outputs/0", "/outputs/0/path", "/outputs/0/format"):
        assert span_text(result, document.spans[pointer].value) == "*b"
        assert line_column(result, document.spans[pointer].value) == (5, 5)
    assert span_text(result, document.spans["/outputs/0/path"].key) == "*b"
    assert span_text(result, document.spans["/base/path"].value) == "s3://x/a.csv"


def test_alias_copies_scalar_records() -> None:
    result = load("a: &v yes\nb: *v\nc: &l [02]\nd: *l\n")
    document = single_document(result)

    assert document.scalars["/b"] == document.scalars["/a"]
    assert document.scalars["/d/0"] == PlainScalar("02", 2, 2, "leading-zero number")


def test_alias_record_after_duplicate_key() -> None:
    result = load("a: &x {p: yes}\na: {p: 1}\nb: *x\n")
    document = single_document(result)

    assert document.value == {"a": {"p": 1}, "b": {"p": True}}
    assert "/b/p" not in document.scalars


def test_billion_laughs_stopped() -> None:
    lines = ['l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, 10):
        aliases = ", ".join([f"*l{level - 1}"] * 9)
        lines.append(f"l{level}: &l{level} [{aliases}]")
    text = "\n".join(lines) + "\n"
    assert len(text) < 1000

    result = load(text)

    problem = single_problem(result)
    assert problem.code == "JL006"
    assert problem.message == (
        "alias expansion adds more than 10000 nodes (max-alias-nodes): use fewer aliases,"
        " or raise max-alias-nodes in the configuration"
    )
    assert span_text(result, problem.span) == "*l3"
    assert result.documents == []


def test_alias_limit_custom() -> None:
    result = load("a: &a [1, 2]\nb: *a\nc: *a\n", Limits(max_alias_nodes=5))

    problem = single_problem(result)
    assert problem.message == (
        "alias expansion adds more than 5 nodes (max-alias-nodes): use fewer aliases,"
        " or raise max-alias-nodes in the configuration"
    )
    assert line_column(result, problem.span) == (3, 4)


def test_recursive_alias() -> None:
    result = load("a: &a [1, *a]\n")

    problem = single_problem(result)
    assert problem.code == "JL006"
    assert problem.message == "recursive alias: *a is inside the node that &a anchors"
    assert line_column(result, problem.span) == (1, 11)
    assert result.documents == []


def test_undefined_alias() -> None:
    result = load("a: *nope\n")

    problem = single_problem(result)
    assert problem.code == "JL001"
    assert problem.message == "the alias *nope refers to no anchor: define &nope before using it"
    assert line_column(result, problem.span) == (1, 4)


def test_failed_document_keeps_others() -> None:
    result = load("a: 1\n---\nb: *nope\nc: 1\nc: 2\n---\nd: 4\n")

    problem = single_problem(result)
    assert problem.document == 1
    assert [document.index for document in result.documents] == [0, 2]
    assert [document.value for document in result.documents] == [{"a": 1}, {"d": 4}]


def test_alias_nesting_past_limit() -> None:
    text = "a: &a " + "[" * 200 + "]" * 200 + "\nb: " + "[" * 100 + "*a" + "]" * 100 + "\n"
    result = load(text)

    problem = single_problem(result)
    assert problem.code == "JL006"
    assert problem.message == (
        "nesting deeper than 256 levels (max-depth): flatten the body,"
        " or raise max-depth in the configuration"
    )
    assert span_text(result, problem.span) == "*a"


def test_anchor_redefined_uses_latest() -> None:
    result = load("a: &x 1\nb: &x 2\nc: *x\n")

    assert single_document(result).value == {"a": 1, "b": 2, "c": 2}


# Templates -----------------------------------------------------------------------------


def test_jinja_expression_kept_as_text() -> None:
    result = load("wrangledDataset:\n  id: {{ recipe_id }}\n")
    document = single_document(result)

    assert result.problems == []
    assert document.value == {"wrangledDataset": {"id": "{{ recipe_id }}"}}
    assert span_text(result, document.spans["/wrangledDataset/id"].value) == "{{ recipe_id }}"


def test_jinja_statement_syntax_error() -> None:
    result = load("a: {% if x %}1{% endif %}\n")

    problem = single_problem(result)
    assert problem.code == "JL001"
    assert problem.message == (
        "'%' cannot start a value here: quote the value. `{% if x %}` looks like a template"
        " left unrendered: render the template, or replace it with the value"
    )
    assert line_column(result, problem.span) == (1, 5)


def test_placeholder_plain_scalar_is_string() -> None:
    result = load("id: <RECIPE_ID>\n")

    assert result.problems == []
    assert single_document(result).value == {"id": "<RECIPE_ID>"}


# JL001: syntax errors ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "line", "column", "message"),
    [
        ("a:\n\tb: 1\n", 2, 1, f"a tab character is not allowed here. {TAB_HINT}"),
        ("a:\n  - 1\n\t- 2\n", 3, 1, f"a tab character is not allowed here. {TAB_HINT}"),
        (
            "a: b: c\n",
            1,
            5,
            "a ': ' is not allowed here: quote a value that contains ': ',"
            " or check the indentation of this line and the one before",
        ),
        (
            "a:\n  - b\n c: d\n",
            3,
            2,
            "expected a key at this indentation:"
            " check the indentation of this line and the one before",
        ),
        (
            "a: [1, 2\n",
            2,
            1,
            "did not find expected ',' or ']'"
            " (while parsing a flow sequence that starts at line 1, column 4)",
        ),
        (
            'a: "abc\n',
            2,
            1,
            "the text ends too early"
            " (while scanning a quoted scalar that starts at line 1, column 4)",
        ),
        (
            'path: "C:\\data"\n',
            1,
            10,
            "invalid escape in a double-quoted string:"
            " write a backslash as \\\\, or use single quotes",
        ),
        ("a: @x\n", 1, 4, "'@' cannot start a value here: quote the value"),
        (
            "a: \x01\n",
            1,
            4,
            "the character U+0001 is not allowed in YAML: remove it, or write it as an escape"
            " in a double-quoted string",
        ),
        (
            'é😀: "\x07"\n',
            1,
            6,
            "the character U+0007 is not allowed in YAML: remove it, or write it as an escape"
            " in a double-quoted string",
        ),
    ],
)
def test_syntax_error_message(text: str, line: int, column: int, message: str) -> None:
    result = load(text)

    problem = single_problem(result)
    assert problem.code == "JL001"
    assert problem.message == message
    assert line_column(result, problem.span) == (line, column)
    assert result.documents == []


def test_documents_before_error_kept() -> None:
    result = load("a: 1\n---\nb: [\n")

    problem = single_problem(result)
    assert problem.code == "JL001"
    assert problem.document == 1
    assert [document.value for document in result.documents] == [{"a": 1}]


def test_lone_surrogate_escape() -> None:
    result = load('a: "x\\ud800y"\n')

    problem = single_problem(result)
    assert problem.code == "JL004"
    assert problem.message == (
        "the escape \\ud800 is a lone UTF-16 surrogate, which is not a character:"
        " write the character itself or a \\U escape of its code point"
    )
    assert span_text(result, problem.span) == "\\ud800"
    assert line_column(result, problem.span) == (1, 6)


# JL006: nesting --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "column"),
    [("[" * 100_000 + "]" * 100_000, 257), ("{a: " * 100_000 + "1" + "}" * 100_000, 256 * 4 + 1)],
    ids=["flow-sequences", "flow-mappings"],
)
def test_flow_depth_100000_stopped(text: str, column: int) -> None:
    result = load(text)

    problem = single_problem(result)
    assert problem.code == "JL006"
    assert problem.message == (
        "nesting deeper than 256 levels (max-depth): flatten the body,"
        " or raise max-depth in the configuration"
    )
    assert line_column(result, problem.span) == (1, column)
    assert result.documents == []


def test_block_depth_100000_stopped() -> None:
    result = load("- " * 100_000 + "x\n")

    problem = single_problem(result)
    assert problem.code == "JL006"
    assert line_column(result, problem.span) == (1, 513)


def test_block_mapping_depth() -> None:
    text = "".join("  " * level + f"k{level}:\n" for level in range(300))
    result = load(text)

    problem = single_problem(result)
    assert problem.code == "JL006"
    assert line_column(result, problem.span) == (257, 2 * 256 + 1)


def test_depth_at_limit_accepted() -> None:
    result = load("[" * 256 + "]" * 256)

    assert result.problems == []
    assert len(result.documents) == 1


def test_documents_before_deep_one_kept() -> None:
    result = load("a: 1\n---\n" + "[" * 300 + "]" * 300 + "\n---\nb: 2\n")

    problem = single_problem(result)
    assert problem.document == 1
    assert [document.value for document in result.documents] == [{"a": 1}]


# Without libyaml ---------------------------------------------------------------------------


@pytest.fixture
def pure_python_loader(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yaml_reader, "_LOADER", yaml.SafeLoader)
    monkeypatch.setattr(yaml_reader, "_READER_BYTE_OFFSETS", False)


@pytest.mark.usefixtures("pure_python_loader")
def test_fallback_reads_body() -> None:
    result = load(MERGE_TEXT + "# end\n")
    document = single_document(result)

    assert result.problems == []
    assert document.value == yaml.safe_load(MERGE_TEXT)
    assert span_text(result, document.spans["/job/profiler"].value) == "false"
    assert document.comments == [Comment(7, " end")]


@pytest.mark.usefixtures("pure_python_loader")
def test_fallback_control_character_position() -> None:
    result = load('é😀: "\x07"\n')

    problem = single_problem(result)
    assert problem.code == "JL001"
    assert line_column(result, problem.span) == (1, 6)


@pytest.mark.usefixtures("pure_python_loader")
def test_fallback_lone_surrogate() -> None:
    result = load('a: "x\\ud800y"\n')

    problem = single_problem(result)
    assert problem.code == "JL004"
    assert problem.pointer == "/a"
    assert single_document(result).value == {"a": "x\ufffdy"}
