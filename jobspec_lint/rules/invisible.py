"""Invisible and control characters in keys and values: find them, name them, escape them.

A character counts as invisible when a reader cannot see it, or cannot tell it
from an ordinary character. These are the control characters (Unicode category
Cc) and format characters such as zero-width spaces, bidi controls and U+FEFF
(Cf). They are also the spaces other than U+0020 (Zs), the line and paragraph
separators (Zl, Zp), and the Hangul filler letters that fonts draw as blanks.
"""

from __future__ import annotations

import json
import unicodedata

# Letters (category Lo) that render as nothing in common fonts.
_BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0")

# Unicode gives control characters no name; these are their usual names.
_CONTROL_NAMES = {
    "\x00": "NULL",
    "\x07": "BELL",
    "\x08": "BACKSPACE",
    "\t": "CHARACTER TABULATION (tab)",
    "\n": "LINE FEED",
    "\x0b": "LINE TABULATION",
    "\x0c": "FORM FEED",
    "\r": "CARRIAGE RETURN",
    "\x1b": "ESCAPE",
    "\x7f": "DELETE",
    "\x85": "NEXT LINE",
}
# Names of characters better known by another name.
_USUAL_NAMES = {"\ufeff": "ZERO WIDTH NO-BREAK SPACE (byte order mark)"}


def is_invisible(char: str) -> bool:
    if char == " ":
        return False
    category = unicodedata.category(char)
    return category in {"Cc", "Cf", "Zs", "Zl", "Zp"} or char in _BLANK_LETTERS


def is_control(char: str) -> bool:
    return unicodedata.category(char) == "Cc"


def is_odd_space(char: str) -> bool:
    """Return whether ``char`` is a space other than U+0020, such as a no-break space."""
    return char != " " and unicodedata.category(char) == "Zs"


def find_invisible(text: str) -> list[int]:
    """Return the indexes of the invisible characters of ``text``."""
    # Most keys and values are plain ASCII: printable ASCII is never invisible,
    # and the check per character costs a Unicode look-up.
    if text.isascii() and text.isprintable():
        return []
    return [index for index, char in enumerate(text) if is_invisible(char)]


def strip_invisible(text: str) -> str:
    if text.isascii() and text.isprintable():
        return text
    return "".join(char for char in text if not is_invisible(char))


def character_name(char: str) -> str:
    """Return ``U+200B ZERO WIDTH SPACE``: the code point and its Unicode name."""
    name = _CONTROL_NAMES.get(char) or _USUAL_NAMES.get(char) or unicodedata.name(char, "")
    if not name:
        return f"U+{ord(char):04X} (a control character)"
    return f"U+{ord(char):04X} {name}"


def escape(text: str) -> str:
    """Return ``text`` as a JSON string whose invisible characters are all escaped.

    ``json.dumps`` escapes the C0 controls only. This also escapes DEL, the C1
    controls, format characters and odd spaces, so that
    ``"wrangled\\u200bDataset"`` shows where the zero-width space is. A
    character beyond U+FFFF is written as a surrogate pair of escapes, as JSON
    requires.
    """
    dumped = json.dumps(text, ensure_ascii=False)
    pieces = []
    for char in dumped:
        if is_invisible(char) and not char.isascii():
            pieces.append(_unicode_escape(char))
        elif char == "\x7f":
            pieces.append("\\u007f")
        else:
            pieces.append(char)
    return "".join(pieces)


def _unicode_escape(char: str) -> str:
    code = ord(char)
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
