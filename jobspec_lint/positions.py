"""Source positions: code-point offsets into a text and their line and column.

Lines and columns are 1-based and count Unicode code points. Only ``\\n``, ``\\r\\n``
and ``\\r`` end a line, as editors count them: NEL (U+0085) and U+2028 do not,
although YAML and PyYAML's marks treat them as line breaks.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open range ``[start, end)`` of code-point offsets into a text."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Position:
    """A 1-based line and column; the column counts code points."""

    line: int
    column: int


class LineIndex:
    """Converts code-point offsets of one text to lines and columns."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._line_starts = [0] + [match.end() for match in _LINE_BREAK.finditer(text)]

    def position(self, offset: int) -> Position:
        offset = max(0, min(offset, len(self.text)))
        line = bisect.bisect_right(self._line_starts, offset) - 1
        return Position(line + 1, offset - self._line_starts[line] + 1)

    def offset(self, line: int, column: int) -> int:
        """Return the offset of a 1-based line and column."""
        return self._line_starts[line - 1] + column - 1

    def line_text(self, line: int) -> str:
        """Return the text of a 1-based line without its line break."""
        start = self._line_starts[line - 1]
        end = self._line_starts[line] if line < len(self._line_starts) else len(self.text)
        return self.text[start:end].rstrip("\r\n")

    @property
    def line_count(self) -> int:
        return len(self._line_starts)
