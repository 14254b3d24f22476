"""Edits that replace one key or scalar of a document, in the document's own syntax.

Each builder checks that the text at the recorded span reads back as the node
it replaces. When it does not (a YAML block scalar, an alias, a span that does
not cover the node), the builder returns ``None`` and no fix is offered, rather
than risking a wrong edit.
"""

from __future__ import annotations

import json
import re

from jobspec_lint.document import Document, JSONValue, resolve_pointer, split_pointer
from jobspec_lint.findings import Edit
from jobspec_lint.positions import Span

# A YAML plain scalar this module writes without quotes: letters, digits and a
# few punctuation characters that never start an indicator or a comment.
_PLAIN_SAFE = re.compile(r"[A-Za-z_][A-Za-z0-9_.\-]*")


def read_scalar_text(document: Document, source: str) -> tuple[bool, JSONValue]:
    """Read the source text of one key or scalar; return ``(False, None)`` if it is not one."""
    if document.format == "json":
        try:
            value: JSONValue = json.loads(source)
        except ValueError:
            return False, None
        return True, value
    if source[:1] in "|>&*!" or "\n" in source or "\r" in source:
        return False, None
    import yaml

    try:
        loaded = yaml.safe_load(source)
    except yaml.YAMLError:
        return False, None
    if isinstance(loaded, (dict, list)):
        return False, None
    return True, loaded


def render_string(document: Document, old_source: str, new: str) -> str:
    """Write ``new`` as a string in the quoting style of ``old_source``."""
    if document.format == "json" or old_source.startswith('"'):
        return json.dumps(new, ensure_ascii=False)
    if old_source.startswith("'"):
        return "'" + new.replace("'", "''") + "'"
    if is_plain_string(new):
        return new
    return json.dumps(new, ensure_ascii=False)


def is_plain_string(text: str) -> bool:
    """Return whether ``text`` written without quotes reads back as the same string in YAML."""
    from jobspec_lint.load.yaml_scalars import read_plain

    return bool(_PLAIN_SAFE.fullmatch(text)) and read_plain(text).record is None


def render_value(document: Document, old_source: str, new: JSONValue) -> str:
    """Write a scalar in the document's syntax; a string keeps the old quoting style."""
    if isinstance(new, str):
        return render_string(document, old_source, new)
    # JSON literals (7, true, null) are also YAML 1.1 and 1.2 plain scalars.
    return json.dumps(new)


def replace_value(document: Document, pointer: str, new: JSONValue) -> Edit | None:
    """Return the edit that replaces the scalar at ``pointer`` by ``new``."""
    spans = document.spans.get(pointer)
    if spans is None:
        return None
    source = document.text[spans.value.start : spans.value.end]
    if not _reads_as(document, source, _current(document, pointer)):
        return None
    return Edit(spans.value, render_value(document, source, new))


def rename_key(document: Document, pointer: str, new_key: str) -> Edit | None:
    """Return the edit that renames the key of the member at ``pointer``, keeping its quoting."""
    spans = document.spans.get(pointer)
    if spans is None or spans.key is None:
        return None
    source = document.text[spans.key.start : spans.key.end]
    old_key = split_pointer(pointer)[-1]
    if not _reads_as(document, source, old_key):
        return None
    return Edit(spans.key, render_string(document, source, new_key))


def insertion(offset: int, text: str) -> Edit:
    return Edit(Span(offset, offset), text)


def _current(document: Document, pointer: str) -> JSONValue:
    try:
        return resolve_pointer(document.value, pointer)
    except (LookupError, ValueError):
        return _MISSING  # type: ignore[return-value]


_MISSING = object()


def _reads_as(document: Document, source: str, expected: object) -> bool:
    ok, value = read_scalar_text(document, source)
    return ok and type(value) is type(expected) and value == expected


def apply_edits(text: str, edits: list[Edit]) -> tuple[str, list[Edit]]:
    """Apply the edits that do not overlap an earlier one; return the text and those applied.

    Edits are taken in order of their start, an insertion before a replacement
    that starts at the same offset. Edits that overlap (see ``overlap``) are
    left out: the later one waits for the next pass, when the spans are
    recorded afresh.
    """
    applied: list[Edit] = []
    for edit in sorted(edits, key=lambda e: (e.span.start, e.span.end)):
        if applied and overlap(applied[-1], edit):
            continue
        applied.append(edit)
    pieces: list[str] = []
    position = 0
    for edit in applied:
        pieces.append(text[position : edit.span.start])
        pieces.append(edit.text)
        position = edit.span.end
    pieces.append(text[position:])
    return "".join(pieces), applied


def overlap(first: Edit, second: Edit) -> bool:
    """Return whether two edits touch the same text, so their order would matter.

    Two insertions at one offset overlap. An insertion at the start or the end
    of a replaced span does not, because it goes before or after it.
    """
    if first.span == second.span and first.span.start == first.span.end:
        return True
    return first.span.start < second.span.end and second.span.start < first.span.end
