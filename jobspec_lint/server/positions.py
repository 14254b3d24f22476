"""Conversions between code-point offsets and LSP positions.

A Language Server Protocol position is a 0-based line and a character offset
counted in the code units of the encoding the client and server agreed on at
``initialize``: UTF-16 unless the client offers another (LSP 3.17). Lines end
only at ``\\n``, ``\\r\\n`` and ``\\r``, as in LSP, so ``LineIndex`` numbers them
as the client does. This module imports nothing from pygls, so that tests can
check it on its own.
"""

from __future__ import annotations

from typing import Literal

from jobspec_lint.positions import LineIndex

# Values of the LSP ``PositionEncodingKind``.
PositionEncoding = Literal["utf-8", "utf-16", "utf-32"]


def code_units(text: str, encoding: PositionEncoding) -> int:
    """Return the length of ``text`` in the code units of ``encoding``."""
    if encoding == "utf-32":
        return len(text)
    if encoding == "utf-16":
        return len(text.encode("utf-16-le", errors="surrogatepass")) // 2
    return len(text.encode("utf-8", errors="surrogatepass"))


def lsp_position(lines: LineIndex, offset: int, encoding: PositionEncoding) -> tuple[int, int]:
    """Return the 0-based line and code-unit character of a code-point offset."""
    position = lines.position(offset)
    # An offset inside a "\r\n" pair lies past the line's text: LSP clamps a
    # character beyond the line's length to that length, so this does too.
    prefix = lines.line_text(position.line)[: position.column - 1]
    return position.line - 1, code_units(prefix, encoding)


def code_point_offset(
    lines: LineIndex, line: int, character: int, encoding: PositionEncoding
) -> int:
    """Return the code-point offset of a 0-based LSP line and code-unit character.

    A line past the end gives the end of the text, and a character past the end
    of its line gives the line's end. A character offset that falls inside one
    character's code units (between the halves of a surrogate pair) gives the
    start of that character.
    """
    if line < 0:
        return 0
    if line >= lines.line_count:
        return len(lines.text)
    line_start = lines.offset(line + 1, 1)
    units = 0
    for index, char in enumerate(lines.line_text(line + 1)):
        width = code_units(char, encoding)
        if units + width > character:
            return line_start + index
        units += width
    return line_start + len(lines.line_text(line + 1))
