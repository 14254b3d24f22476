"""JL001 and JL004 messages for YAML syntax errors, in plain words and with a hint."""

from __future__ import annotations

import re
from typing import NamedTuple

import yaml
import yaml.reader

from jobspec_lint.load import character_span, messages
from jobspec_lint.load.hints import placeholder_hint, template_hint
from jobspec_lint.positions import LineIndex, Span

_TAB_HINT = "YAML does not allow tabs for indentation: use spaces"
_CHECK_INDENTATION = "check the indentation of this line and the one before"
_ESCAPE = re.compile(r"\\(?:x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8})")

# libyaml's and PyYAML's problem texts, reworded. Others are shown with their context.
_PLAIN_PROBLEMS = {
    "mapping values are not allowed in this context": (
        "a ': ' is not allowed here: quote a value that contains ': ', or " + _CHECK_INDENTATION
    ),
    "mapping values are not allowed here": (
        "a ': ' is not allowed here: quote a value that contains ': ', or " + _CHECK_INDENTATION
    ),
    "could not find expected ':'": "expected ':' after the key",
    "did not find expected key": f"expected a key at this indentation: {_CHECK_INDENTATION}",
    "did not find expected '-' indicator": (
        f"expected a '- ' list item at this indentation: {_CHECK_INDENTATION}"
    ),
    "did not find expected node content": "expected a value here",
    "found unknown escape character": (
        "invalid escape in a double-quoted string: write a backslash as \\\\, or use single quotes"
    ),
    "block sequence entries are not allowed in this context": (
        f"a '- ' list item is not allowed here: {_CHECK_INDENTATION}"
    ),
    "did not find expected <document start>": "expected '---' before the next document",
    "found a tab character that violates indentation": "a tab character is not allowed here",
    "found a tab character where an indentation space is expected": (
        "a tab character is not allowed here"
    ),
}


class YamlErrorReport(NamedTuple):
    """The code, message and span of one YAML syntax error."""

    code: str
    message: str
    span: Span


def describe_marked_error(lines: LineIndex, error: yaml.MarkedYAMLError) -> YamlErrorReport:
    """Return the finding for a scanner or parser error at its problem mark."""
    text = lines.text
    mark = error.problem_mark or error.context_mark
    offset = min(mark.index, len(text)) if mark is not None else 0
    problem = error.problem or "invalid YAML"

    if problem == "found invalid Unicode character escape code":
        return _invalid_escape(text, offset)

    what = _plain_problem(text, problem, offset) or _with_context(lines, error, problem)
    hint = _hint(lines, offset, problem)
    message = what if hint is None else f"{what}. {hint}"
    return YamlErrorReport("JL001", message, character_span(text, offset))


def describe_reader_error(
    text: str, error: yaml.reader.ReaderError, byte_offsets: bool
) -> YamlErrorReport:
    """Return the finding for a character that YAML does not allow.

    libyaml gives the offset in bytes of the UTF-8 text; PyYAML's own reader
    gives it in code points.
    """
    offset = error.position
    if byte_offsets:
        offset = len(text.encode("utf-8")[:offset].decode("utf-8", errors="ignore"))
    offset = min(offset, len(text))
    character = error.character if isinstance(error.character, int) else ord(error.character)
    message = (
        f"the character U+{character:04X} is not allowed in YAML: remove it, or write it"
        " as an escape in a double-quoted string"
    )
    return YamlErrorReport("JL001", message, Span(offset, min(offset + 1, len(text))))


def _plain_problem(text: str, problem: str, offset: int) -> str | None:
    if problem in _PLAIN_PROBLEMS:
        return _PLAIN_PROBLEMS[problem]
    if problem == "found character that cannot start any token" and offset < len(text):
        character = text[offset]
        if character == "\t":
            return "a tab character is not allowed here"
        return f"'{character}' cannot start a value here: quote the value"
    return None


def _with_context(lines: LineIndex, error: yaml.MarkedYAMLError, problem: str) -> str:
    """Return the parser's problem with its context, such as the collection left open."""
    if problem == "found unexpected end of stream":
        problem = "the text ends too early"
    if not error.context:
        return problem
    if error.context_mark is None:
        return f"{problem} ({error.context})"
    start = lines.position(error.context_mark.index)
    return f"{problem} ({error.context} that starts at line {start.line}, column {start.column})"


def _hint(lines: LineIndex, offset: int, problem: str) -> str | None:
    if "tab" in problem or _indentation_has_tab(lines, offset):
        return _TAB_HINT
    return template_hint(lines.text, offset) or placeholder_hint(lines.text, offset)


def _indentation_has_tab(lines: LineIndex, offset: int) -> bool:
    """Return whether the error's line, or the line before it, is indented with a tab."""
    line = lines.position(offset).line
    for number in range(max(1, line - 1), line + 1):
        text = lines.line_text(number)
        indentation = text[: len(text) - len(text.lstrip(" \t"))]
        if "\t" in indentation:
            return True
    return False


def _invalid_escape(text: str, offset: int) -> YamlErrorReport:
    """Return JL004 for a ``\\ud800``-style escape, or JL001 for another invalid escape."""
    backslash = text.rfind("\\", 0, offset + 1)
    escape = _ESCAPE.match(text, backslash) if backslash != -1 else None
    if escape is None:
        span = Span(offset, min(offset + 1, len(text)))
        return YamlErrorReport("JL001", "invalid Unicode escape in a double-quoted string", span)

    span = Span(escape.start(), escape.end())
    code_point = int(escape.group()[2:], 16)
    if 0xD800 <= code_point <= 0xDFFF:
        message = messages.lone_surrogate(escape.group(), "a \\U escape of its code point")
        return YamlErrorReport("JL004", message, span)
    message = f"the escape {escape.group()} is not a valid Unicode character"
    return YamlErrorReport("JL001", message, span)
