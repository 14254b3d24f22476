"""JL001 messages for JSON syntax errors: what was expected, in plain words, and a hint.

The hint comes from the text around the error, for the usual causes: a trailing
or missing comma, a comment, single quotes or a Python repr, a placeholder or a
template left in place.
"""

from __future__ import annotations

import json
import re

from jobspec_lint.load import character_span
from jobspec_lint.load.hints import placeholder_hint, template_hint
from jobspec_lint.positions import Span

_WHITESPACE = " \t\n\r"
_STRING_OR_BRACKET = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]', re.DOTALL)
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_SINGLE_QUOTED = re.compile(r"'((?:[^'\\\n]|\\.)*)'")
_PYTHON_LITERALS = {"True": "true", "False": "false", "None": "null"}
# The start of str() output for a dict or a list of dicts: a single-quoted first key.
_PYTHON_REPR = re.compile(r"\s*\[?\s*\{\s*'")
# The start of a value: where a comma is missing, the parser stops on one of these.
_VALUE_START = set('"{[-0123456789tfn')


def describe_json_error(text: str, error: json.JSONDecodeError) -> tuple[str, Span]:
    """Return the JL001 message and span for a ``json.loads`` error."""
    position = min(error.pos, len(text))
    what = _expected(text, error.msg, position)
    hint = _hint(text, error.msg, position)
    message = what if hint is None else f"{what}. {hint[:1].upper()}{hint[1:]}"
    return message, _error_span(text, error.msg, position)


def _error_span(text: str, reason: str, position: int) -> Span:
    # json reports a bad \u escape at the "u", but the caret belongs on the backslash.
    if reason.startswith("Invalid \\uXXXX") and position > 0 and text[position - 1] == "\\":
        position -= 1
    return character_span(text, position)


def _expected(text: str, reason: str, position: int) -> str:
    if position >= len(text) and reason != "Unterminated string starting at":
        return "the text ends before the JSON value is complete"
    if reason == "Expecting value":
        return "expected a value (an object, array, string, number, true, false or null)"
    if reason.startswith("Expecting property name"):
        return "expected a key in double quotes"
    if reason == "Expecting ':' delimiter":
        return "expected ':' after the key"
    if reason == "Expecting ',' delimiter":
        closing = "}" if _innermost_is_object(text, position) else "]"
        return f"expected ',' or '{closing}' after a value"
    if reason == "Extra data":
        return "unexpected text after the end of the JSON value"
    if reason == "Unterminated string starting at":
        return "the string that starts here is not closed: add the closing '\"'"
    if reason == "Invalid control character at":
        return _control_character(text[position])
    if reason == "Invalid \\escape":
        escape = text[position : position + 2]
        return f"invalid escape {escape} in a string: write a backslash as \\\\"
    if reason.startswith("Invalid \\uXXXX"):
        return "invalid \\u escape: write exactly four hex digits after \\u"
    return reason[:1].lower() + reason[1:]


def _control_character(character: str) -> str:
    if character in "\r\n":
        return (
            "the string is not closed before the end of the line: add the closing '\"',"
            " or write a line break inside a string as \\n"
        )
    return (
        f"the string contains the control character U+{ord(character):04X}:"
        " write it as an escape such as \\t or \\u0009"
    )


def _hint(text: str, reason: str, position: int) -> str | None:
    """Return a hint for the usual cause of the error, or ``None``."""
    for find_hint in (
        _comment_hint,
        template_hint,
        placeholder_hint,
        _trailing_comma_hint,
        _python_hint,
        _leading_zero_hint,
    ):
        hint = find_hint(text, position)
        if hint is not None:
            return hint
    if reason in ("Expecting ',' delimiter", "Extra data"):
        return _missing_comma_hint(text, reason, position)
    if reason == "Expecting value" or reason.startswith("Expecting property name"):
        return _bare_word_hint(text, position)
    return None


def _comment_hint(text: str, position: int) -> str | None:
    if text.startswith(("//", "/*", "#"), position):
        return "JSON does not allow comments: remove the comment, or write the file as YAML"
    return None


def _trailing_comma_hint(text: str, position: int) -> str | None:
    if position >= len(text) or text[position] not in "}]":
        return None
    if text[:position].rstrip(_WHITESPACE).endswith(","):
        return f"JSON does not allow a comma before '{text[position]}': remove the trailing comma"
    return None


def _python_hint(text: str, position: int) -> str | None:
    """Return a hint for Python syntax: ``True``, ``None`` or ``'key'``."""
    word = _WORD.match(text, position)
    quoted = _SINGLE_QUOTED.match(text, position)
    if word is not None and word.group() in _PYTHON_LITERALS:
        literal = word.group()
        hint = f"{literal} is Python, not JSON: write {_PYTHON_LITERALS[literal]}"
    elif quoted is not None:
        hint = f"JSON strings use double quotes: write {json.dumps(quoted.group(1))}"
    else:
        return None

    if _PYTHON_REPR.match(text):
        hint += ". The text looks like a Python dict printed with str(): write it with json.dumps()"
    return hint


def _leading_zero_hint(text: str, position: int) -> str | None:
    """Return a hint for a number such as ``07``, which json reads as 0 followed by 7."""
    if position == 0 or position >= len(text) or not text[position].isdigit():
        return None
    zero = position - 1
    if text[zero] != "0" or (zero > 0 and (text[zero - 1].isalnum() or text[zero - 1] == ".")):
        return None

    end = position
    while end < len(text) and text[end].isdigit():
        end += 1
    digits = text[zero:end]
    if zero > 0 and text[zero - 1] == "-":
        digits = "-" + digits
    quoted = json.dumps(digits)
    return f"JSON numbers cannot start with 0: write {int(digits)}, or {quoted} as a string"


def _missing_comma_hint(text: str, reason: str, position: int) -> str | None:
    if position >= len(text) or text[position] not in _VALUE_START:
        return None
    if reason == "Extra data":
        return "a JSON file holds one value: put the values in one object or array"
    if text[position] == '"' and _innermost_is_object(text, position):
        return "a comma is missing before this key"
    return "a comma is missing before this value"


def _bare_word_hint(text: str, position: int) -> str | None:
    word = _WORD.match(text, position)
    if word is None:
        return None
    return f"JSON strings and keys need double quotes: write {json.dumps(word.group())}"


def _innermost_is_object(text: str, position: int) -> bool:
    """Return whether the innermost bracket open at ``position`` is ``{``."""
    stack: list[str] = []
    for match in _STRING_OR_BRACKET.finditer(text, 0, position):
        character = match.group()
        if character in "[{":
            stack.append(character)
        elif character in "]}" and stack:
            stack.pop()
    return bool(stack) and stack[-1] == "{"
