"""Rule docstrings, which are reStructuredText, as plain text and as Markdown.

The docstrings use a small part of reStructuredText: paragraphs, bullet lists,
inline literals in two backticks, and examples as literal blocks, each
introduced by a line that ends with "::" and indented by four spaces.
``jobspec-lint rule CODE``, the SARIF report and the language server show the
docstrings through these functions. This module imports only ``re``, so the
``check`` command can use it without the language server's dependencies.
"""

from __future__ import annotations

import re

_INLINE_LITERAL = re.compile(r"``([^`]+)``")
# A paragraph line that ends with "::" introduces a literal block: reST shows
# the line with one ":".
_LITERAL_INTRO = re.compile(r"(?<=\S)::$", re.MULTILINE)
_LITERAL_INTRO_LINE = re.compile(r"^(?P<text>.*\S)::$")
_EXAMPLE_FILE = re.compile(r"``[^`]+\.(?P<extension>[A-Za-z0-9]+)``")
# The language of a fenced example block, by the example file's extension.
_FENCE_LANGUAGES = {"json": "json", "yaml": "yaml", "yml": "yaml", "sh": "sh", "py": "python"}
# Characters that start emphasis, links, HTML or escapes in Markdown. Text
# outside inline literals gets a backslash before each of them.
# NOTE: syntax that counts only at the start of a line ("#", ">", "1.") is not
# escaped, because no docstring line outside an example starts with it.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_<\[\]])")


def render_plain_text(doc: str) -> str:
    """Convert a rule's reStructuredText to text for a terminal or a plain-text field.

    Inline literals keep one backtick each side, which reads as code in a
    terminal and in Markdown, and "::" before an example becomes ":". The
    examples stay indented by four spaces.
    """
    return _LITERAL_INTRO.sub(":", _INLINE_LITERAL.sub(r"`\1`", doc))


def render_markdown(doc: str) -> str:
    """Convert a rule's reStructuredText to Markdown.

    Inline literals become code spans, and each example becomes a fenced code
    block whose language comes from the example's file name (``spec.jobspec.yaml``
    gives ``yaml``). Paragraphs and bullet lists keep their line breaks, which
    Markdown reads the same way.
    """
    source = doc.strip("\n").split("\n")
    parts: list[str] = []
    text_lines: list[str] = []
    index = 0
    while index < len(source):
        line = source[index]
        intro = _LITERAL_INTRO_LINE.match(line)
        if intro is None:
            text_lines.append(line)
            index += 1
            continue
        text_lines.append(intro["text"] + ":")
        # The text is converted as a whole, because an inline literal may
        # continue on the next line.
        parts.append(_markdown_inline("\n".join(text_lines)))
        text_lines = []
        block, index = _literal_block(source, index + 1)
        parts.append("\n".join(["```" + _fence_language(line), *block, "```"]))
    parts.append(_markdown_inline("\n".join(text_lines)))
    return "\n\n".join(part.strip("\n") for part in parts if part.strip())


def _markdown_inline(text: str) -> str:
    """Turn inline literals into code spans and escape the Markdown syntax in the rest."""
    parts = _INLINE_LITERAL.split(text)
    # split() puts the literals' contents, which contain no backtick, at the odd indexes.
    return "".join(
        f"`{part}`" if index % 2 else _MARKDOWN_SPECIAL.sub(r"\\\1", part)
        for index, part in enumerate(parts)
    )


def _fence_language(intro: str) -> str:
    """Return the info string of an example's fence, or "" when the file type is unknown."""
    example_file = _EXAMPLE_FILE.search(intro)
    if example_file is None:
        return ""
    return _FENCE_LANGUAGES.get(example_file["extension"].lower(), "")


def _literal_block(source: list[str], index: int) -> tuple[list[str], int]:
    """Return the indented lines from ``index`` on, dedented by 4, and the index after them."""
    block: list[str] = []
    while index < len(source) and (not source[index].strip() or source[index].startswith(" ")):
        block.append(source[index][4:])
        index += 1
    while block and not block[0].strip():
        block.pop(0)
    while block and not block[-1].strip():
        block.pop()
    return block, index
