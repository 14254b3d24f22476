"""Reading and writing the files that fixes and migrations change.

A file is rewritten atomically: the new bytes go to a temporary file in the
same folder, which then replaces the original with ``os.replace``, so a reader
sees the old file or the new one and never a part. The file's permission bits
are kept. A symbolic link is followed, so the link stays and its target changes.
"""

from __future__ import annotations

import codecs
import difflib
import os
import re
from collections.abc import Iterable

from jobspec_lint.positions import Span

UTF8_BOM = codecs.BOM_UTF8
MASK = "****"
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")


def encode_text(text: str, bom: bool) -> bytes:
    """Encode a decoded file text as it was stored: UTF-8, with the BOM if it had one."""
    data = text.encode("utf-8", errors="surrogatepass")
    return UTF8_BOM + data if bom else data


# Printed above a diff whose file has a masked secret: patch and git apply read
# text before the "---" header as commentary, and the masked context lines do
# not match the file, so the diff cannot be applied.
MASKED_DIFF_NOTE = (
    "# jobspec-lint: {path} holds a secret, shown as ****, so this diff does not apply "
    "with patch or git apply: use --write to change the file\n"
)


def masked_unified_diff(
    path: str, before: str, after: str, before_secrets: list[Span], after_secrets: list[Span],
    *, bom: bool = False,
) -> str:
    """Return the unified diff of two texts of one file with every secret masked."""
    diff = unified_diff(path, mask(before, before_secrets), mask(after, after_secrets), bom=bom)
    if diff and (before_secrets or after_secrets):
        return MASKED_DIFF_NOTE.format(path=path) + diff
    return diff


def mask(text: str, secrets: Iterable[Span]) -> str:
    """Return ``text`` with each secret span replaced by ``****``."""
    pieces: list[str] = []
    position = 0
    for span in sorted(secrets, key=lambda s: s.start):
        if span.start < position:
            # Overlaps a secret already masked: mask the rest of it too.
            position = max(position, span.end)
            continue
        pieces.append(text[position : span.start])
        pieces.append(MASK)
        position = span.end
    pieces.append(text[position:])
    return "".join(pieces)


def split_lines(text: str) -> list[str]:
    """Split a text into lines, keeping their ends: ``\\n``, ``\\r\\n`` or ``\\r`` only."""
    return _LINE.findall(text)


def diff_path(path: str) -> str:
    """Return the path a diff header names: relative to the working folder when it is below it.

    git apply rejects ``a/./x`` and ``a//tmp/x``, so ``./x`` becomes ``x`` and an
    absolute path below the working folder becomes relative. Other absolute
    paths stay as they are, since no relative path reaches them from here. A
    symbolic link is named by the path of its file.
    """
    # git apply and patch refuse to patch through a symbolic link, so the
    # header names the file that the link points to.
    normal = os.path.realpath(path) if os.path.islink(path) else os.path.normpath(path)
    if os.path.isabs(normal):
        relative = os.path.relpath(normal)
        if relative != ".." and not relative.startswith(".." + os.sep):
            return relative
    return normal


def unified_diff(path: str, before: str, after: str, *, bom: bool = False) -> str:
    """Return a unified diff of two texts of one file, as ``diff -u`` and git print it.

    ``bom`` is true when the file starts with a UTF-8 BOM, which the decoded
    texts leave out. The lines for the file's first line then start with U+FEFF,
    because git apply, and patch without fuzz, reject a line that lacks it.
    """
    if bom:
        before = "\ufeff" + before
        after = "\ufeff" + after
    path = diff_path(path)
    # A name with a space ends in a tab, as git writes it: GNU patch reads the
    # name up to the tab, and without one it stops at the first space.
    end = "\t" if " " in path else ""
    lines = difflib.unified_diff(
        split_lines(before), split_lines(after), fromfile=f"a/{path}{end}", tofile=f"b/{path}{end}"
    )
    out: list[str] = []
    for line in lines:
        if line.endswith(("\n", "\r")):
            out.append(line)
        else:
            out.append(line + "\n\\ No newline at end of file\n")
    return "".join(out)
