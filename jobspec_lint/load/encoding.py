"""Bytes to text: UTF-8 only, with JL004 for UTF-16, UTF-32 and invalid bytes."""

from __future__ import annotations

import codecs
from typing import NamedTuple

from jobspec_lint.positions import Span

_UTF8_BOM = codecs.BOM_UTF8
_START = Span(0, 0)

# Longest BOM first, because the UTF-32 LE BOM begins with the UTF-16 LE BOM.
_WIDE_BOMS: tuple[tuple[bytes, str, str], ...] = (
    (codecs.BOM_UTF32_LE, "UTF-32", "utf-32"),
    (codecs.BOM_UTF32_BE, "UTF-32", "utf-32"),
    (codecs.BOM_UTF16_LE, "UTF-16", "utf-16"),
    (codecs.BOM_UTF16_BE, "UTF-16", "utf-16"),
)


class DecodedText(NamedTuple):
    """The text of a file, and the JL004 message and span when it is not UTF-8.

    ``text`` is always usable for line and column numbers: invalid bytes become
    U+FFFD, and UTF-16 or UTF-32 files are decoded in their own encoding.
    """

    text: str
    problem: str | None = None
    span: Span = _START


def decode_bytes(data: bytes) -> DecodedText:
    """Decode a file as UTF-8 without its BOM, and report any other encoding."""
    wide = _detect_wide_encoding(data)
    if wide is not None:
        name, codec = wide
        text = data.decode(codec, errors="replace")
        message = f"the file is encoded as {name}, not UTF-8: save it as UTF-8"
        return DecodedText(text, message, Span(0, min(1, len(text))))

    if data.startswith(_UTF8_BOM):
        data = data[len(_UTF8_BOM) :]

    try:
        return DecodedText(data.decode("utf-8"))
    except UnicodeDecodeError as error:
        return _invalid_utf8(data, error)


def _invalid_utf8(data: bytes, error: UnicodeDecodeError) -> DecodedText:
    text = data.decode("utf-8", errors="replace")
    # The bytes before the first invalid one are valid UTF-8, so their decoded
    # length is the code-point offset of the replacement character.
    offset = len(data[: error.start].decode("utf-8"))
    byte = data[error.start]
    message = (
        f"byte 0x{byte:02x} is not valid UTF-8 (the file may be Latin-1 or Windows-1252):"
        " save it as UTF-8"
    )
    return DecodedText(text, message, Span(offset, offset + 1))


def _detect_wide_encoding(data: bytes) -> tuple[str, str] | None:
    """Return the display name and codec of a UTF-16 or UTF-32 file, or ``None``.

    Without a BOM, the NUL bytes around the first character give the encoding away,
    because a request body starts with an ASCII character.
    """
    for bom, name, codec in _WIDE_BOMS:
        if data.startswith(bom):
            return name, codec

    head = data[:4]
    if len(head) == 4 and head[1:] == b"\0\0\0" and head[0]:
        return "UTF-32 (little-endian)", "utf-32-le"
    if len(head) == 4 and head[:3] == b"\0\0\0" and head[3]:
        return "UTF-32 (big-endian)", "utf-32-be"
    if len(head) >= 2 and head[0] and head[1] == 0:
        return "UTF-16 (little-endian)", "utf-16-le"
    if len(head) >= 2 and head[0] == 0 and head[1]:
        return "UTF-16 (big-endian)", "utf-16-be"
    return None
