"""File paths, URIs and columns as the machine-readable report formats need them."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import quote_from_bytes

from jobspec_lint.positions import ReportLines


def report_path(path: str) -> str:
    """Return ``path`` in POSIX form, relative to the working folder when it is inside it.

    CI services resolve report paths against the repository root, which is the
    working folder of a CI step. An absolute path outside it stays absolute.
    """
    native = Path(path)
    if native.is_absolute():
        try:
            native = native.relative_to(Path.cwd())
        except ValueError:
            return native.as_posix()
    return native.as_posix()


def path_uri(path: str) -> str:
    """Return ``path`` as an RFC 3986 URI reference.

    A relative path becomes a relative reference with every character outside
    the unreserved set percent-encoded as UTF-8 (a space as ``%20``, a comma as
    ``%2C``, a colon as ``%3A`` so that no segment reads as a scheme). An
    absolute path outside the working folder becomes a ``file:`` URI.
    """
    posix = report_path(path)
    if Path(posix).is_absolute():
        return Path(posix).as_uri()
    # fsencode keeps the bytes of a file name that is not valid UTF-8.
    return quote_from_bytes(os.fsencode(posix), safe="/")


def utf16_column(lines: ReportLines | None, line: int, column: int) -> int:
    """Convert a 1-based code-point column on ``line`` to a column in UTF-16 code units.

    Each character before the column that lies outside the Basic Multilingual
    Plane adds one, since UTF-16 writes it as a surrogate pair. Without the
    file's text (a file that could not be read) the column is returned as is.
    """
    if lines is None or not 1 <= line <= lines.line_count:
        return column
    before = lines.line_text(line)[: max(column - 1, 0)]
    return column + sum(1 for char in before if ord(char) > 0xFFFF)
