"""Source positions: code-point offsets into a text and their line and column.

Lines and columns are 1-based and count Unicode code points. Only ``\\n``, ``\\r\\n``
and ``\\r`` end a line, as editors count them: NEL (U+0085) and U+2028 do not,
although YAML and PyYAML's marks treat them as line breaks.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from typing import NamedTuple

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


class Span(NamedTuple):
    """A half-open range ``[start, end)`` of code-point offsets into a text."""

    start: int
    end: int


class Position(NamedTuple):
    """A 1-based line and column; the column counts code points."""

    line: int
    column: int


class LineIndex:
    """Converts code-point offsets of one text to lines and columns.

    The line starts are found on first use: most files get no finding that needs them.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self._starts: list[int] | None = None

    @property
    def _line_starts(self) -> list[int]:
        if self._starts is None:
            self._starts = [0] + [match.end() for match in _LINE_BREAK.finditer(self.text)]
        return self._starts

    def position(self, offset: int) -> Position:
        offset = max(0, min(offset, len(self.text)))
        starts = self._line_starts
        line = bisect.bisect_right(starts, offset) - 1
        return Position(line + 1, offset - starts[line] + 1)

    def offset(self, line: int, column: int) -> int:
        """Return the offset of a 1-based line and column."""
        return self._line_starts[line - 1] + column - 1

    def line_text(self, line: int) -> str:
        """Return the text of a 1-based line without its line break."""
        starts = self._line_starts
        start = starts[line - 1]
        end = starts[line] if line < len(starts) else len(self.text)
        return self.text[start:end].rstrip("\r\n")

    @property
    def line_count(self) -> int:
        return len(self._line_starts)

    def excerpt(self, numbers: Iterable[int]) -> SourceLines:
        """Return the lines ``numbers`` of the text, and nothing else of it."""
        count = self.line_count
        lines_by_number = {
            line: (self.offset(line, 1), self.line_text(line))
            for line in numbers
            if 1 <= line <= count
        }
        return SourceLines(count, lines_by_number)


class SourceLines:
    """Some lines of a text: what a report shows of a file, without keeping all of its text.

    A run over many files keeps this for each file with findings, so that its
    memory does not grow with the size of the files.
    """

    __slots__ = ("_lines_by_number", "line_count")

    def __init__(self, line_count: int, lines_by_number: dict[int, tuple[int, str]]) -> None:
        self.line_count = line_count
        # Line number -> the offset where the line starts, and its text.
        self._lines_by_number = lines_by_number

    def offset(self, line: int, column: int) -> int:
        return self._lines_by_number[line][0] + column - 1

    def line_text(self, line: int) -> str:
        return self._lines_by_number[line][1]


# The text that reports read of a file: all of it, or the lines its findings are on.
ReportLines = LineIndex | SourceLines
