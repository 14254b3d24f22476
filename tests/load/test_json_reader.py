"""The JSON reader: values, lazy spans, and the JL0 problems it reports."""

from __future__ import annotations

import math
import sys

import pytest

from jobspec_lint.load import Limits, LoadResult, TextProblem, load_bytes
from jobspec_lint.positions import Span

EXPECTED_VALUE = "expected a value (an object, array, string, number, true, false or null)"
EXPECTED_KEY = "expected a key in double quotes"
PLACEHOLDER = "looks like a placeholder left in place: replace it with the value"
TEMPLATE = (
    "looks like a template left unrendered: render the template, or replace it with the value"
)
NO_COMMENTS = "JSON does not allow comments: remove the comment, or write the file as YAML"


def load(text: str, limits: Limits | None = None) -> LoadResult:
    return load_bytes(text.encode(), "body.json", "json", limits or Limits())


def single_problem(result: LoadResult) -> TextProblem:
    assert len(result.problems) == 1, result.problems
    return result.problems[0]


def line_column(result: LoadResult, problem: TextProblem) -> tuple[int, int]:
    position = result.lines.position(problem.span.start)
    return position.line, position.column


def span_text(result: LoadResult, span: Span | None) -> str:
    assert span is not None
    return result.lines.text[span.start : span.end]


# Values and spans ------------------------------------------------------------


def test_clean_body_value_and_no_problems() -> None:
    result = load('{"wrangledDataset": {"id": 7}, "overrides": {"profiler": true}}')

    assert result.problems == []
    assert len(result.documents) == 1
    document = result.documents[0]
    assert document.index == 0
    assert document.format == "json"
    assert document.path == "body.json"
    assert document.value == {"wrangledDataset": {"id": 7}, "overrides": {"profiler": True}}
    assert document.lines is result.lines


def test_spans_computed_lazily() -> None:
    result = load('{"a": [1, {"b": "x"}]}')
    document = result.documents[0]

    assert document._spans is None
    assert document.span_builder is not None
    assert span_text(result, document.spans["/a/1/b"].value) == '"x"'
    assert span_text(result, document.spans["/a/1/b"].key) == '"b"'
    assert span_text(result, document.spans["/a"].value) == '[1, {"b": "x"}]'
    assert document.spans["/a/0"].key is None
    assert document.spans[""].key is None


def test_document_span_skips_white_space() -> None:
    result = load('\n  {"a": 1}  \n')

    assert span_text(result, result.documents[0].span) == '{"a": 1}'


def test_pointer_escaping_in_spans() -> None:
    result = load('{"a/b": {"c~d": 1}}')

    assert span_text(result, result.documents[0].spans["/a~1b/c~0d"].value) == "1"


@pytest.mark.parametrize(("text", "value"), [("[1, 2]", [1, 2]), ('"x"', "x"), ("null", None)])
def test_top_level_not_object_still_read(text: str, value: object) -> None:
    result = load(text)

    assert result.problems == []
    assert result.documents[0].value == value


def test_integer_beyond_64_bits_kept() -> None:
    result = load('{"id": 123456789012345678901234567890}')

    assert result.problems == []
    assert result.documents[0].value == {"id": 123456789012345678901234567890}


# JL003 -------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "   ", "\n\t\r\n"])
def test_empty_file(text: str) -> None:
    result = load(text)

    problem = single_problem(result)
    assert problem.code == "JL003"
    assert problem.message == "the document is empty: write the request body, a JSON object"
    assert line_column(result, problem) == (1, 1)
    assert result.documents == []


# JL002 -------------------------------------------------------------------------


def test_duplicate_key_points_at_second() -> None:
    text = (
        "{\n"
        '  "wrangledDataset": {"id": 7},\n'
        '  "overrides": {"execution": "photon"},\n'
        '  "wrangledDataset": {"id": 8}\n'
        "}"
    )
    result = load(text)

    problem = single_problem(result)
    assert problem.code == "JL002"
    assert problem.message == (
        'duplicate key "wrangledDataset", first defined at line 2, column 3:'
        " remove one of them (parsers keep the later value)"
    )
    assert line_column(result, problem) == (4, 3)
    assert span_text(result, problem.span) == '"wrangledDataset"'
    assert problem.pointer == "/wrangledDataset"
    assert problem.claims_subtree is False


def test_duplicate_key_keeps_last_value() -> None:
    result = load('{"a": {"x": 1}, "b": 0, "a": {"y": 2}}')
    document = result.documents[0]

    assert document.value == {"a": {"y": 2}, "b": 0}
    assert span_text(result, document.spans["/a"].value) == '{"y": 2}'
    assert span_text(result, document.spans["/a/y"].value) == "2"
    assert "/a/x" not in document.spans


def test_key_three_times_names_first() -> None:
    result = load('{"a": 1,\n "a": 2,\n "a": 3}')

    assert [problem.code for problem in result.problems] == ["JL002", "JL002"]
    assert [line_column(result, problem) for problem in result.problems] == [(2, 2), (3, 2)]
    for problem in result.problems:
        assert "first defined at line 1, column 2" in problem.message


def test_duplicate_in_nested_object() -> None:
    result = load('{"o": [{"k": 1, "k": 2}]}')

    problem = single_problem(result)
    assert problem.pointer == "/o/0/k"
    assert line_column(result, problem) == (1, 17)


# JL007 -------------------------------------------------------------------------


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_non_finite_constant(constant: str) -> None:
    result = load(f'{{"limit":\n  {constant}}}')

    problem = single_problem(result)
    assert problem.code == "JL007"
    assert problem.message == (
        f"{constant} is not a JSON number and the API cannot receive it: write a number or null"
    )
    assert line_column(result, problem) == (2, 3)
    assert span_text(result, problem.span) == constant
    assert problem.pointer == "/limit"
    assert len(result.documents) == 1


def test_nan_value_kept_as_float() -> None:
    result = load('{"a": NaN}')
    value = result.documents[0].value

    assert isinstance(value, dict)
    assert isinstance(value["a"], float)
    assert math.isnan(value["a"])


def test_float_overflow() -> None:
    result = load('{"a": [1.5, 1e400, -2E+999]}')

    assert [problem.code for problem in result.problems] == ["JL007", "JL007"]
    first, second = result.problems
    assert first.message == (
        "1e400 is too large for a 64-bit float and would be read as infinity:"
        " write a smaller number"
    )
    assert line_column(result, first) == (1, 13)
    assert first.pointer == "/a/1"
    assert second.pointer == "/a/2"


@pytest.mark.skipif(sys.get_int_max_str_digits() == 0, reason="Python's integer digit limit is off")
def test_integer_too_long_to_read() -> None:
    digits = "9" * (sys.get_int_max_str_digits() + 1)
    result = load(f'{{"id": {digits}, "b": 1}}')

    problem = single_problem(result)
    assert problem.code == "JL007"
    assert problem.message == (
        f"the integer has {len(digits)} digits, more than the {sys.get_int_max_str_digits()}"
        " that Python reads: write a number that fits in 64 bits"
    )
    assert problem.pointer == "/id"
    assert result.documents[0].value == {"id": None, "b": 1}


# JL004: lone surrogates --------------------------------------------------------


def test_lone_surrogate_in_value() -> None:
    result = load('{"a": "x\\ud800y", "b": "\\ud83d\\ude00"}')

    problem = single_problem(result)
    assert problem.code == "JL004"
    assert problem.message == (
        "the escape \\ud800 is a lone UTF-16 surrogate, which is not a character:"
        " write the character itself or a complete surrogate pair"
    )
    assert span_text(result, problem.span) == '"x\\ud800y"'
    assert problem.pointer == "/a"
    assert result.documents[0].value == {"a": "x\ufffdy", "b": "\U0001f600"}


def test_lone_surrogate_in_key() -> None:
    result = load('[{"\\uDC00": 1}]')

    problem = single_problem(result)
    assert problem.code == "JL004"
    assert "\\udc00" in problem.message
    assert problem.pointer == "/0/\ufffd"
    assert result.documents[0].value == [{"\ufffd": 1}]
    assert "/0/\ufffd" in result.documents[0].spans


def test_escaped_backslash_not_surrogate() -> None:
    result = load('{"a": "\\\\ud800"}')

    assert result.problems == []
    assert result.documents[0].value == {"a": "\\ud800"}


# JL006: nesting ----------------------------------------------------------------


def test_depth_100000_stopped() -> None:
    result = load("[" * 100_000 + "]" * 100_000)

    problem = single_problem(result)
    assert problem.code == "JL006"
    assert problem.message == (
        "nesting deeper than 256 levels (max-depth): flatten the body,"
        " or raise max-depth in the configuration"
    )
    assert line_column(result, problem) == (1, 257)
    assert result.documents == []


def test_depth_json_loads_accepts() -> None:
    result = load('{"a":' * 300 + "1" + "}" * 300)

    problem = single_problem(result)
    assert problem.code == "JL006"
    assert line_column(result, problem) == (1, 256 * 5 + 1)
    assert result.documents == []


def test_depth_at_limit_accepted() -> None:
    result = load("[" * 256 + "]" * 256)

    assert result.problems == []
    assert len(result.documents) == 1


def test_depth_custom_limit() -> None:
    result = load('{"a": {"b": [[1]]}}', Limits(max_depth=3))

    problem = single_problem(result)
    assert problem.message == (
        "nesting deeper than 3 levels (max-depth): flatten the body,"
        " or raise max-depth in the configuration"
    )
    assert line_column(result, problem) == (1, 14)


def test_depth_brackets_in_strings_ignored() -> None:
    result = load('["' + "[" * 300 + '"]')

    assert result.problems == []


def test_syntax_error_after_deep_nesting() -> None:
    result = load("[" * 300 + "x")

    problem = single_problem(result)
    assert problem.code == "JL006"
    assert line_column(result, problem) == (1, 257)


def test_depth_past_parser_recursion() -> None:
    result = load("[" * 3000 + "]" * 3000, Limits(max_depth=5000))

    problem = single_problem(result)
    assert problem.code == "JL006"
    assert problem.message == "nesting 3000 levels deep is more than Python's JSON parser can read"
    assert line_column(result, problem) == (1, 3000)
    assert result.documents == []


def test_syntax_error_before_deep_nesting() -> None:
    result = load('{"a" 1, "b": ' + "[" * 300)

    problem = single_problem(result)
    assert problem.code == "JL001"
    assert problem.message == "expected ':' after the key"
    assert line_column(result, problem) == (1, 6)


# JL001: syntax errors and hints -----------------------------------------------


RUN_PARAMETERS_LINE = (
    '  "overrides": {"writesettings": [{"path": "s3://b/o.csv"}]} "runParameters": {}'
)


@pytest.mark.parametrize(
    ("text", "line", "column", "message"),
    [
        (
            '{\n  "a": 1,\n}',
            3,
            1,
            f"{EXPECTED_KEY}. JSON does not allow a comma before '}}': remove the trailing comma",
        ),
        (
            '{"a": [1, 2,]}',
            1,
            13,
            f"{EXPECTED_VALUE}. JSON does not allow a comma before ']': remove the trailing comma",
        ),
        (
            '{\n  "wrangledDataset": {"id": 7},\n' + RUN_PARAMETERS_LINE + "\n}",
            3,
            RUN_PARAMETERS_LINE.index('"runParameters"') + 1,
            "expected ',' or '}' after a value. A comma is missing before this key",
        ),
        ("[1 2]", 1, 4, "expected ',' or ']' after a value. A comma is missing before this value"),
        (
            '{\n "a": 1\n "b": 2\n}',
            3,
            2,
            "expected ',' or '}' after a value. A comma is missing before this key",
        ),
        (
            '{"a": [{"b": 1}\n {"c": 2}]}',
            2,
            2,
            "expected ',' or ']' after a value. A comma is missing before this value",
        ),
        ('{\n  // run on photon\n  "a": 1\n}', 2, 3, f"{EXPECTED_KEY}. {NO_COMMENTS}"),
        ('{"a": 1 /* note */}', 1, 9, f"expected ',' or '}}' after a value. {NO_COMMENTS}"),
        ("/* note */ {}", 1, 1, f"{EXPECTED_VALUE}. {NO_COMMENTS}"),
        ('{"a": 1, # note\n}', 1, 10, f"{EXPECTED_KEY}. {NO_COMMENTS}"),
        (
            "{\"a\": 'photon'}",
            1,
            7,
            f'{EXPECTED_VALUE}. JSON strings use double quotes: write "photon"',
        ),
        (
            "{'wrangledDataset': {'id': 7}, 'overrides': {'profiler': True}}",
            1,
            2,
            f'{EXPECTED_KEY}. JSON strings use double quotes: write "wrangledDataset".'
            " The text looks like a Python dict printed with str(): write it with json.dumps()",
        ),
        ('{"profiler": True}', 1, 14, f"{EXPECTED_VALUE}. True is Python, not JSON: write true"),
        ('{"profiler": False}', 1, 14, f"{EXPECTED_VALUE}. False is Python, not JSON: write false"),
        ('{"ranfrom": None}', 1, 13, f"{EXPECTED_VALUE}. None is Python, not JSON: write null"),
        (
            '{"wrangledDataset": {"id": <RECIPE_ID>}}',
            1,
            28,
            f"{EXPECTED_VALUE}. `<RECIPE_ID>` {PLACEHOLDER}",
        ),
        ('{"id": ${RECIPE_ID}}', 1, 8, f"{EXPECTED_VALUE}. `${{RECIPE_ID}}` {PLACEHOLDER}"),
        (
            '{"wrangledDataset": {"id": {{ recipe_id }}}}',
            1,
            29,
            f"{EXPECTED_KEY}. `{{{{ recipe_id }}}}` {TEMPLATE}",
        ),
        (
            '{"execution": photon}',
            1,
            15,
            f'{EXPECTED_VALUE}. JSON strings and keys need double quotes: write "photon"',
        ),
        (
            '{execution: "photon"}',
            1,
            2,
            f'{EXPECTED_KEY}. JSON strings and keys need double quotes: write "execution"',
        ),
        (
            '{"id": 07}',
            1,
            9,
            "expected ',' or '}' after a value. JSON numbers cannot start with 0:"
            ' write 7, or "07" as a string',
        ),
        ('{"a": "abc', 1, 7, "the string that starts here is not closed: add the closing '\"'"),
        (
            '{"a": "abc\n}',
            1,
            11,
            "the string is not closed before the end of the line: add the closing '\"',"
            " or write a line break inside a string as \\n",
        ),
        (
            '{"a": "a\tb"}',
            1,
            9,
            "the string contains the control character U+0009:"
            " write it as an escape such as \\t or \\u0009",
        ),
        (
            '{"path": "C:\\data"}',
            1,
            13,
            "invalid escape \\d in a string: write a backslash as \\\\",
        ),
        ('{"a": "\\u12"}', 1, 8, "invalid \\u escape: write exactly four hex digits after \\u"),
        (
            '{"a": 1}\n{"b": 2}',
            2,
            1,
            "unexpected text after the end of the JSON value."
            " A JSON file holds one value: put the values in one object or array",
        ),
        ('{"a": 1}}', 1, 9, "unexpected text after the end of the JSON value"),
        ('{"a": [1, 2', 1, 12, "the text ends before the JSON value is complete"),
        ('{"a"', 1, 5, "the text ends before the JSON value is complete"),
    ],
)
def test_syntax_error_message(text: str, line: int, column: int, message: str) -> None:
    result = load(text)

    problem = single_problem(result)
    assert problem.code == "JL001"
    assert problem.message == message
    assert line_column(result, problem) == (line, column)
    assert result.documents == []
    assert 0 <= problem.span.start <= problem.span.end <= len(text)


def test_template_inside_string_is_valid() -> None:
    result = load('{"id": "{{ recipe_id }}", "path": "<OUTPUT_PATH>"}')

    assert result.problems == []


# Positions as an editor counts them -------------------------------------------


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_line_endings_counted(newline: str) -> None:
    text = newline.join(["{", '  "a": 1,', '  "a": 2', "}"])
    result = load(text)

    problem = single_problem(result)
    assert line_column(result, problem) == (3, 3)
    assert "first defined at line 2, column 3" in problem.message


def test_nel_and_line_separator_not_line_breaks() -> None:
    text = '{"x": "a\u0085b\u2028c", "a": 1, "a": 2}'
    result = load(text)

    first_column = text.index('"a"') + 1
    problem = single_problem(result)
    assert line_column(result, problem) == (1, text.rindex('"a"') + 1)
    assert f"first defined at line 1, column {first_column}" in problem.message


def test_astral_characters_count_once() -> None:
    text = '{"😀😀": 1, "a": NaN}'
    result = load(text)

    problem = single_problem(result)
    assert line_column(result, problem) == (1, 16)
