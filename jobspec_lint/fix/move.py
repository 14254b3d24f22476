"""Edits that remove an object member, or move it to the top level of the body.

JSON: the member is cut with the comma that separates it from its neighbour,
and inserted after the last top-level member, at the indentation of the other
top-level keys. YAML: only a member that starts its own line in a block
mapping moves, lines and comments included, dedented to the top level. Any
other layout (a YAML flow mapping, a key after other text on its line) gets
no edit, so the fix is not offered.
"""

from __future__ import annotations

import re

from jobspec_lint.document import (
    Comment,
    Document,
    NodeSpans,
    parent_pointer,
    split_pointer,
)
from jobspec_lint.findings import Edit
from jobspec_lint.fix.edits import insertion
from jobspec_lint.positions import LineIndex, Span

_JSON_SPACE = " \t\r\n"
_LINE_END = re.compile(r"\r\n|\r|\n")


def line_ending(text: str) -> str:
    """Return the file's line end: the first one it uses, or ``\\n``."""
    match = _LINE_END.search(text)
    return match.group() if match else "\n"


def remove_member(document: Document, pointer: str) -> tuple[Edit, ...] | None:
    if document.format == "json":
        return _json_remove(document, pointer)
    return _yaml_remove(document, pointer)


def move_to_top(document: Document, pointer: str) -> tuple[Edit, ...] | None:
    """Return the edits that move the member at ``pointer`` to the end of the top level."""
    removal = remove_member(document, pointer)
    if removal is None:
        return None
    if document.format == "json":
        added = _json_append_top(document, pointer)
    else:
        added = _yaml_append_top(document, pointer)
    return None if added is None else (*removal, added)


def _member(document: Document, pointer: str) -> NodeSpans | None:
    spans = document.spans.get(pointer)
    return spans if spans is not None and spans.key is not None else None


def _siblings(document: Document, pointer: str) -> list[NodeSpans]:
    """Return the spans of the members of the object that contains ``pointer``, in text order."""
    return _members(document, parent_pointer(pointer))


def _members(document: Document, parent: str) -> list[NodeSpans]:
    """Return the spans of the members of the object at ``parent``, in text order."""
    depth = len(split_pointer(parent)) + 1
    members = [
        spans for child, spans in document.spans.items()
        if parent_pointer(child) == parent and len(split_pointer(child)) == depth
        and spans.key is not None
    ]
    return sorted(members, key=lambda spans: spans.value.start)


# JSON -----------------------------------------------------------------------


def _json_remove(document: Document, pointer: str) -> tuple[Edit, ...] | None:
    member = _member(document, pointer)
    parent = document.spans.get(parent_pointer(pointer))
    if member is None or member.key is None or parent is None:
        return None
    text = document.text
    siblings = _siblings(document, pointer)
    if len(siblings) == 1:
        # The only member: leave an empty object, "{}".
        return (Edit(Span(parent.value.start + 1, parent.value.end - 1), ""),)
    before = text[: member.key.start].rstrip(_JSON_SPACE)
    if before.endswith(","):
        # Cut from the end of the previous member, taking the comma before this one.
        start = len(before.rstrip(",").rstrip(_JSON_SPACE))
        return (Edit(Span(start, member.value.end), ""),)
    # The first member: cut up to the next member's key, taking the comma after it.
    following = text[member.value.end :]
    after = following.lstrip(_JSON_SPACE)
    if not after.startswith(","):
        return None
    rest = after[1:]
    end = len(text) - len(rest.lstrip(_JSON_SPACE))
    return (Edit(Span(member.key.start, end), ""),)


def _json_append_top(document: Document, pointer: str) -> Edit | None:
    member = _member(document, pointer)
    top = _members(document, "")
    if member is None or member.key is None or not top:
        return None
    text = document.text
    last = top[-1]
    key_text = text[member.key.start : member.key.end]
    value_text = text[member.value.start : member.value.end]
    first_key = top[0].key
    assert first_key is not None
    top_indent = _indent_before(text, first_key.start)
    if top_indent is None:
        return insertion(last.value.end, f", {key_text}: {value_text}")
    member_indent = _indent_before(text, member.key.start) or ""
    value_text = _dedent_following_lines(value_text, len(member_indent) - len(top_indent))
    newline = line_ending(text)
    return insertion(last.value.end, f",{newline}{top_indent}{key_text}: {value_text}")


def _indent_before(text: str, offset: int) -> str | None:
    """Return the white space before ``offset`` on its line, or ``None`` if other text is there."""
    line_start = max(text.rfind("\n", 0, offset), text.rfind("\r", 0, offset)) + 1
    indent = text[line_start:offset]
    return indent if indent.strip(" \t") == "" else None


def _dedent_following_lines(value_text: str, width: int) -> str:
    """Shift every line after the first left by ``width`` spaces, or right when negative."""
    lines = _LINE_END.split(value_text)
    ends = _LINE_END.findall(value_text)
    shifted = [lines[0]]
    for line in lines[1:]:
        if width >= 0:
            cut = min(width, len(line) - len(line.lstrip(" ")))
            shifted.append(line[cut:])
        else:
            shifted.append(" " * -width + line)
    pieces = [shifted[0]]
    for end, line in zip(ends, shifted[1:], strict=True):
        pieces.append(end + line)
    return "".join(pieces)


# YAML -----------------------------------------------------------------------


def _line_start(text: str, offset: int) -> int:
    return max(text.rfind("\n", 0, offset), text.rfind("\r", 0, offset)) + 1


def _line_end_after(text: str, offset: int) -> int:
    """Return the offset just past the line end of the line that contains ``offset``."""
    match = _LINE_END.search(text, offset)
    return match.end() if match else len(text)


def _yaml_block_lines(document: Document, pointer: str) -> tuple[int, int, str] | None:
    """Return the start and end offsets of a block member's lines, and its indentation.

    The lines include the member's comments: the full-line comments right above
    its key at the key's indentation, and those right after its value that are
    indented deeper than the key. A blank line ends either run, and a comment
    at the key's indentation after the value belongs to the next key.
    """
    member = _member(document, pointer)
    if member is None or member.key is None:
        return None
    text = document.text
    start = _line_start(text, member.key.start)
    indent = text[start : member.key.start]
    if indent.strip(" ") != "":
        return None
    end = _line_end_after(text, member.value.end)
    tail = text[member.value.end : end].strip(" \t\r\n")
    if tail and not tail.startswith("#"):
        return None
    comments = set(document.comments)
    lines = document.lines
    line = lines.position(start).line - 1
    while line >= 1 and _is_comment_line(lines, comments, line, len(indent), deeper=False):
        start = lines.offset(line, 1)
        line -= 1
    line = lines.position(end).line
    while end < len(text) and _is_comment_line(lines, comments, line, len(indent), deeper=True):
        end = _line_end_after(text, lines.offset(line, 1))
        line += 1
    return start, end, indent


def _is_comment_line(
    lines: LineIndex, comments: set[Comment], line: int, width: int, *, deeper: bool
) -> bool:
    """Return whether a line is only a comment, indented by ``width`` spaces.

    With ``deeper``, the comment must be indented by more than ``width`` spaces.
    ``comments`` are the document's comments, so a "#" inside a quoted or block
    scalar does not count.
    """
    source = lines.line_text(line)
    comment = source.lstrip(" ")
    indentation = len(source) - len(comment)
    if not comment.startswith("#"):
        return False
    indented = indentation > width if deeper else indentation == width
    return indented and Comment(line, comment[1:].rstrip(" \t")) in comments


def _yaml_remove(document: Document, pointer: str) -> tuple[Edit, ...] | None:
    block = _yaml_block_lines(document, pointer)
    parent_spans = _member(document, parent_pointer(pointer))
    if block is None:
        return None
    start, end, _ = block
    text = document.text
    if end == len(text) and not text.endswith(("\n", "\r")) and start > 0:
        # The member is the last line and has no line end: take the one before it.
        start -= 2 if text[start - 2 : start] == "\r\n" else 1
    edits = [Edit(Span(start, end), "")]
    if len(_siblings(document, pointer)) == 1:
        # The only member: write "{}" after the parent's colon, so that the parent
        # stays an empty object rather than becoming null.
        if parent_spans is None or parent_spans.key is None:
            return None
        colon = parent_spans.key.end + len(text[parent_spans.key.end :]) - len(
            text[parent_spans.key.end :].lstrip(" \t")
        )
        if text[colon : colon + 1] != ":":
            return None
        edits.append(insertion(colon + 1, " {}"))
    return tuple(edits)


def _yaml_append_top(document: Document, pointer: str) -> Edit | None:
    block = _yaml_block_lines(document, pointer)
    root = document.spans.get("")
    top = _members(document, "")
    if block is None or root is None or not top:
        return None
    text = document.text
    first_key = top[0].key
    assert first_key is not None
    top_indent = text[_line_start(text, first_key.start) : first_key.start]
    if top_indent.strip(" ") != "" or text[root.value.start : root.value.start + 1] in "{[":
        return None
    start, end, indent = block
    width = len(indent) - len(top_indent)
    lines = text[start:end]
    moved = "".join(
        line[width:] if line[:width].strip(" ") == "" else line
        for line in _split_keeping_ends(lines)
    )
    at = _line_end_after(text, root.value.end)
    if start <= at < end:
        # The member's trailing comments follow the body's last value: insert
        # after them, outside the text that the removal cuts.
        at = end
    newline = line_ending(text)
    if not moved.endswith(("\n", "\r")):
        moved += newline
    if at == len(text) and not text.endswith(("\n", "\r")):
        # The file has no final line end: keep it that way.
        return insertion(at, newline + moved.rstrip("\r\n"))
    return insertion(at, moved)


def _split_keeping_ends(text: str) -> list[str]:
    return re.findall(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$", text)
