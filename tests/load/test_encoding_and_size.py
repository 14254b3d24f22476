"""Bytes to text: BOM, UTF-16 and UTF-32, invalid UTF-8, and the size limit."""

from __future__ import annotations

import pytest

from jobspec_lint.document import Format
from jobspec_lint.load import Limits, LoadResult, TextProblem, load_bytes


def load(data: bytes, fmt: Format = "json", limits: Limits | None = None) -> LoadResult:
    return load_bytes(data, f"body.{fmt}", fmt, limits or Limits())


def single_problem(result: LoadResult) -> TextProblem:
    assert len(result.problems) == 1, result.problems
    return result.problems[0]


def line_column(result: LoadResult, problem: TextProblem) -> tuple[int, int]:
    position = result.lines.position(problem.span.start)
    return position.line, position.column


@pytest.mark.parametrize("fmt", ["json", "yaml"])
def test_utf8_bom_stripped(fmt: Format) -> None:
    text = '{"a": 1}' if fmt == "json" else "a: 1\n"
    result = load(b"\xef\xbb\xbf" + text.encode(), fmt)

    assert result.problems == []
    assert result.documents[0].value == {"a": 1}
    assert result.lines.text == text
    key_span = result.documents[0].spans["/a"].key
    assert key_span is not None
    assert key_span.start == (1 if fmt == "json" else 0)


def test_utf8_bom_offsets_after_bom() -> None:
    result = load(b'\xef\xbb\xbf{"a": 1, "a": 2}')

    problem = single_problem(result)
    assert problem.code == "JL002"
    assert line_column(result, problem) == (1, 10)


@pytest.mark.parametrize(
    ("encoding", "name"),
    [
        ("utf-16", "UTF-16"),
        ("utf-32", "UTF-32"),
        ("utf-16-le", "UTF-16 (little-endian)"),
        ("utf-16-be", "UTF-16 (big-endian)"),
        ("utf-32-le", "UTF-32 (little-endian)"),
        ("utf-32-be", "UTF-32 (big-endian)"),
    ],
)
@pytest.mark.parametrize("fmt", ["json", "yaml"])
def test_wide_encodings_rejected(encoding: str, name: str, fmt: Format) -> None:
    result = load('{"a": "é"}'.encode(encoding), fmt)

    problem = single_problem(result)
    assert problem.code == "JL004"
    assert problem.message == f"the file is encoded as {name}, not UTF-8: save it as UTF-8"
    assert line_column(result, problem) == (1, 1)
    assert result.documents == []
    assert result.lines.text == '{"a": "é"}'


@pytest.mark.parametrize("fmt", ["json", "yaml"])
def test_latin1_byte_position(fmt: Format) -> None:
    data = '{"a": 1,\n "name": "café"}'.encode("latin-1")
    result = load(data, fmt)

    problem = single_problem(result)
    assert problem.code == "JL004"
    assert problem.message == (
        "byte 0xe9 is not valid UTF-8 (the file may be Latin-1 or Windows-1252): save it as UTF-8"
    )
    assert line_column(result, problem) == (2, 14)
    assert result.documents == []
    assert result.lines.text == '{"a": 1,\n "name": "caf\ufffd"}'


def test_invalid_byte_after_multibyte_text() -> None:
    data = '{"é😀": "x'.encode() + b"\xff" + b'"}'
    result = load(data)

    problem = single_problem(result)
    assert problem.message.startswith("byte 0xff is not valid UTF-8")
    assert line_column(result, problem) == (1, 10)
    assert result.lines.text[problem.span.start] == "\ufffd"


@pytest.mark.parametrize("fmt", ["json", "yaml"])
def test_size_over_limit(fmt: Format) -> None:
    result = load(b"{}" + b" " * 98, fmt, Limits(max_bytes=50))

    problem = single_problem(result)
    assert problem.code == "JL006"
    assert problem.message == (
        "the file is 100 bytes, over the limit of 50 bytes (max-bytes): check that it is a"
        " job spec, or raise max-bytes in the configuration"
    )
    assert line_column(result, problem) == (1, 1)
    assert result.documents == []


def test_size_cut_at_limit_plus_one() -> None:
    # A caller reads max_bytes + 1 bytes, so the real size is unknown.
    result = load(b"{}" + b" " * 49, limits=Limits(max_bytes=50))

    problem = single_problem(result)
    assert problem.message == (
        "the file is over the limit of 50 bytes (max-bytes): check that it is a job spec,"
        " or raise max-bytes in the configuration"
    )


def test_size_at_limit_accepted() -> None:
    result = load(b"{}" + b" " * 48, limits=Limits(max_bytes=50))

    assert result.problems == []
    assert result.documents[0].value == {}
