"""JL502 invisible-character: a key or value with invisible or control characters.

A zero-width space, a no-break space, a byte order mark inside the text, a
bidi control or a control character looks like nothing, or like an ordinary
space, in an editor and in review. The server reads it all the same: the key
``wrangled\\u200bDataset`` is not ``wrangledDataset`` and is ignored, and the
path ``s3://bucket/out\\u00a0file.csv`` names another file. They usually come
from copying text out of a web page, a chat or a PDF. Control characters are
usually made by escapes: in a double-quoted YAML or JSON string ``"C:\\temp"``
contains a tab, not a backslash and a ``t``. The message prints the text with
every such character escaped, and names each character.

Reported: control characters (a tab, line feed or carriage return only when an
escape made it, and never a tab in v4's ``delim``), format characters (zero
width spaces and joiners, U+FEFF, soft hyphens, bidi controls), spaces other
than U+0020, line and paragraph separators, and the Hangul filler letters.

A key with an invisible character is often one edit away from a known key.
The schema's JL104 then reports it as unknown, with the known key as its
suggestion, and reads its content as that key. The engine ranks JL104 before
this rule and JL104 does not claim such a key, so both findings appear: JL104
says which key was meant, and this rule says why the two look the same. A key
that is close to no known key gets JL104 alone, which claims it. On a value,
a finding that claims the value comes first and stands alone (JL103 for
``format: "csv\\u200b"``).

Failing example (``spec.jobspec.json``)::

    {
      "wrangledDataset": {"id": 7},
      "runParameters": {"overrides": {"data": [{"key": "region", "value": "eu\\u200b"}]}}
    }

Passing example (``spec.jobspec.json``)::

    {
      "wrangledDataset": {"id": 7},
      "runParameters": {"overrides": {"data": [{"key": "region", "value": "eu"}]}}
    }
"""

import re
from collections.abc import Iterator

from jobspec_lint.document import Document, join_pointer
from jobspec_lint.findings import Problem, Severity
from jobspec_lint.rules.base import Rule, RuleContext
from jobspec_lint.rules.body import body_nodes, source_text
from jobspec_lint.rules.invisible import (
    character_name,
    escape,
    find_invisible,
    is_control,
    is_odd_space,
)
from jobspec_lint.rules.paths import mask_secrets
from jobspec_lint.values import describe

# Characters that may be typed into a YAML block or multi-line scalar: reported
# only when an escape made them.
_TYPABLE = frozenset("\t\n\r")
# The letter escapes of JSON and YAML double-quoted strings, by the character they make.
_LETTER_ESCAPES = {
    "\t": "t", "\n": "n", "\r": "r", "\b": "b", "\f": "f", "\x07": "a", "\x0b": "v",
    "\x00": "0", "\x1b": "e", "\x85": "N", "\xa0": "_", "\u2028": "L", "\u2029": "P",
}
MAX_NAMES = 3
MAX_SHOWN = 80


def check(document: Document, context: RuleContext) -> Iterator[Problem]:
    for pointer, node in body_nodes(document):
        if isinstance(node, dict):
            for key in node:
                if find_invisible(key):
                    yield _key_problem(pointer, key)
        elif isinstance(node, str):
            problem = _value_problem(document, pointer, node)
            if problem is not None:
                yield problem


def _key_problem(parent: str, key: str) -> Problem:
    characters = [key[index] for index in find_invisible(key)]
    description, advice = _describe(characters, escapes={})
    # The key's finding leaves its content to the rules that check it.
    return Problem(
        join_pointer(parent, key),
        f"key {_shown(key)} in {describe(parent)} contains {description}: {advice}",
        target="key",
        claims_subtree=False,
    )


def _value_problem(document: Document, pointer: str, value: str) -> Problem | None:
    indexes = find_invisible(value)
    if not indexes:
        return None
    written = source_text(document, pointer)
    is_delimiter = pointer.rsplit("/", 1)[-1] == "delim"
    characters: list[str] = []
    escapes: dict[str, str] = {}
    for char in dict.fromkeys(value[index] for index in indexes):
        made_by = _escape_in_source(char, written)
        if made_by is not None:
            escapes[char] = made_by
        if char in _TYPABLE and (made_by is None or (is_delimiter and char == "\t")):
            continue
        characters.append(char)
    if not characters:
        return None
    description, advice = _describe(characters, escapes)
    shown = _shown(mask_secrets(value))
    return Problem(pointer, f"{describe(pointer)} {shown} contains {description}: {advice}")


def _escape_in_source(char: str, written: str) -> str | None:
    """Return the escape in ``written`` that makes ``char`` (``\\t``, ``\\u200b``), if any.

    An escape is a backslash preceded by an even number of backslashes, so
    ``\\\\t`` (an escaped backslash, then ``t``) makes no tab.
    """
    code = ord(char)
    hex_forms = [f"u{code:04x}", f"U{code:08x}"]
    if code <= 0xFF:
        hex_forms.append(f"x{code:02x}")
    forms = f"(?i:{'|'.join(hex_forms)})"
    letter = _LETTER_ESCAPES.get(char)
    if letter is not None:
        forms = f"{re.escape(letter)}|{forms}"
    match = re.search(rf"(?<!\\)(?:\\\\)*\\({forms})", written)
    if match is None:
        return None
    return "\\" + match.group(1)


def _describe(characters: list[str], escapes: dict[str, str]) -> tuple[str, str]:
    """Return the characters' names with what they are, and what to do about them."""
    listed = _list_names(characters)
    several = len(characters) > 1
    them = "them" if several else "it"
    made = [escapes[char] for char in characters if char in escapes and is_control(char)]
    if made:
        return (
            f"{listed}, made by the escape {' and '.join(dict.fromkeys(made))} "
            "in a double-quoted string",
            "write \\\\ for each backslash, or in YAML use single quotes, which keep "
            "backslashes as written",
        )
    if any(is_control(char) for char in characters):
        what = "control characters" if several else "a control character"
        return f"{listed}, {what}", f"delete {them}"
    if all(is_odd_space(char) for char in characters):
        if several:
            return (
                f"{listed}, which look like spaces but are not",
                "replace them with ordinary spaces or delete them",
            )
        return (
            f"{listed}, which looks like a space but is not one",
            "replace it with an ordinary space or delete it",
        )
    what = "invisible characters" if several else "an invisible character"
    return f"{listed}, {what}", f"delete {them}"


def _list_names(characters: list[str]) -> str:
    names = [character_name(char) for char in characters[:MAX_NAMES]]
    if len(characters) > MAX_NAMES:
        names.append(f"{len(characters) - MAX_NAMES} more")
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + f" and {names[-1]}"


def _shown(text: str) -> str:
    """Return ``text`` escaped, cut around its first invisible character when long."""
    shown = escape(text)
    if len(shown) <= MAX_SHOWN:
        return shown
    invisible = find_invisible(text)
    start = max(0, invisible[0] - 30) if invisible else 0
    window = text[start : start + 50]
    inner = escape(window)[1:-1]
    before = "…" if start > 0 else ""
    after = "…" if start + 50 < len(text) else ""
    return f'"{before}{inner}{after}"'


RULE = Rule(
    code="JL502",
    name="invisible-character",
    summary="a key or value with invisible, non-breaking or control characters",
    severity=Severity.ERROR,
    check=check,
)
