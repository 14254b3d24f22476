"""YAML comments, which libyaml drops: found in the text outside quoted and block scalars."""

from __future__ import annotations

import bisect
import re

from jobspec_lint.document import Comment
from jobspec_lint.positions import LineIndex, Span

# A comment starts with "#" at the start of a line or after white space. libyaml
# also ends a comment at NEL, U+2028 and U+2029, and reads what follows as content.
_COMMENT = re.compile("(?<![^ \t\r\n\x85\u2028\u2029])#[^\r\n\x85\u2028\u2029]*")


def find_comments(lines: LineIndex, scalar_regions: list[Span]) -> list[tuple[int, Comment]]:
    """Return each comment with its offset, skipping any "#" inside a scalar region.

    ``scalar_regions`` are the quoted and block scalars of the text, which do not overlap.
    """
    regions = sorted(scalar_regions, key=lambda region: region.start)
    starts = [region.start for region in regions]
    comments: list[tuple[int, Comment]] = []

    for match in _COMMENT.finditer(lines.text):
        offset = match.start()
        index = bisect.bisect_right(starts, offset) - 1
        if index >= 0 and offset < regions[index].end:
            continue
        text = match.group()[1:].rstrip(" \t")
        comments.append((offset, Comment(lines.position(offset).line, text)))
    return comments


def scalar_region(text: str, style: str | None, start: int, end: int) -> Span | None:
    """Return the part of a scalar where a "#" is text, not a comment; ``None`` for a plain one."""
    if not style:
        return None
    if style in ("|", ">"):
        # The block scalar's header line may end with a real comment.
        header_end = text.find("\n", start, end)
        start = end if header_end == -1 else header_end
    return Span(start, end)
