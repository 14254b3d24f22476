"""Showing JSON values and pointers in messages."""

from __future__ import annotations

import json
import unicodedata

from jobspec_lint.document import split_pointer

MAX_SHOWN = 60


def show(value: object) -> str:
    """Return ``value`` as JSON text (``false``, ``null``, ``"7"``), shortened if long."""
    try:
        text = json.dumps(value, ensure_ascii=False, allow_nan=True)
    except (TypeError, ValueError):
        text = repr(value)
    if len(text) > MAX_SHOWN:
        text = text[: MAX_SHOWN - 1] + "…"
    return printable(text)


def printable(text: str) -> str:
    """Return ``text`` with control and invisible characters escaped, for a terminal or log.

    A file name may hold an escape sequence that would drive the terminal.
    """
    # A printable character (not in categories C* or Z*, or a space) needs no
    # escape, so most text skips the Unicode look-up per character.
    if text.isprintable():
        return text
    return "".join(_escape_invisible(char) for char in text)


def _escape_invisible(char: str) -> str:
    """Escape a character a reader cannot see (zero-width, non-breaking, controls) as JSON does."""
    category = unicodedata.category(char)
    if category in {"Cc", "Cf", "Zl", "Zp", "Co", "Cn"} or (category == "Zs" and char != " "):
        # json.dumps with ensure_ascii escapes one character alone, as a surrogate
        # pair outside the Basic Multilingual Plane.
        return json.dumps(char)[1:-1]
    return char


def describe(pointer: str) -> str:
    """Return a pointer as a dotted path.

    ``/overrides/writesettings/0`` becomes ``overrides.writesettings[0]``.
    """
    parts: list[str] = []
    for token in split_pointer(pointer):
        if token.isdigit() and parts:
            parts[-1] += f"[{token}]"
        else:
            parts.append(token)
    return printable(".".join(parts)) or "the body"
