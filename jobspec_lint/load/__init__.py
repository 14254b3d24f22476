"""Bytes to documents: JSON and YAML readers that keep positions, limits and encodings.

``load_bytes`` is the only entry point the engine uses.
"""

from __future__ import annotations

from typing import NamedTuple

from jobspec_lint.document import Document, Format
from jobspec_lint.positions import LineIndex, Span


class Limits(NamedTuple):
    """Safety limits; a document over one of them gets JL006 and is not read further."""

    max_bytes: int = 10 * 1024 * 1024
    max_depth: int = 256
    # Nodes that YAML aliases may add to a document when expanded.
    max_alias_nodes: int = 10_000


class TextProblem(NamedTuple):
    """A JL0 problem found while reading: a code, a message and where."""

    code: str
    message: str
    span: Span
    document: int = 0
    pointer: str = ""
    claims_subtree: bool = True


def character_span(text: str, offset: int) -> Span:
    """Return the span of the character at ``offset``, reading ``\\r\\n`` as one line break.

    A span that ended between the ``\\r`` and the ``\\n`` would end past the
    last column of its line.
    """
    end = min(offset + 1, len(text))
    if text.startswith("\r\n", offset):
        end += 1
    return Span(offset, end)


class LoadResult:
    """The documents of one file and the problems found reading it."""

    def __init__(self, lines: LineIndex) -> None:
        self.lines = lines
        self.documents: list[Document] = []
        self.problems: list[TextProblem] = []


def load_bytes(data: bytes, path: str, fmt: Format, limits: Limits) -> LoadResult:
    """Decode and parse one file into its documents and the JL0 problems found on the way.

    ``data`` may be cut at ``limits.max_bytes + 1`` bytes, because a caller needs
    no more to know that the file is over the limit.
    """
    # The readers import json and yaml, so importing them here keeps the CLI's start fast.
    from jobspec_lint.load.encoding import decode_bytes

    decoded = decode_bytes(data)
    result = LoadResult(LineIndex(decoded.text))
    if len(data) > limits.max_bytes:
        result.problems.append(TextProblem("JL006", _size_message(data, limits), Span(0, 0)))
        return result
    if decoded.problem is not None:
        result.problems.append(TextProblem("JL004", decoded.problem, decoded.span))
        return result

    if fmt == "json":
        from jobspec_lint.load.json_reader import read_json

        documents, problems = read_json(decoded.text, path, result.lines, limits)
    else:
        documents, problems = _read_yaml(decoded.text, path, result.lines, limits)
    result.documents.extend(documents)
    result.problems.extend(problems)
    return result


def _read_yaml(
    text: str, path: str, lines: LineIndex, limits: Limits
) -> tuple[list[Document], list[TextProblem]]:
    from jobspec_lint.load.yaml_nodes import read_plain_yaml

    documents = read_plain_yaml(text, path, lines, limits)
    if documents is not None:
        return documents, []
    # The event reader, and its builder and error messages, load only for the
    # texts that need them: most job specs do not.
    from jobspec_lint.load.yaml_reader import read_yaml

    return read_yaml(text, path, lines, limits)


def _size_message(data: bytes, limits: Limits) -> str:
    if len(data) == limits.max_bytes + 1:
        # The caller may have stopped reading here, so the real size is unknown.
        size = f"the file is over the limit of {limits.max_bytes} bytes"
    else:
        size = f"the file is {len(data)} bytes, over the limit of {limits.max_bytes} bytes"
    return (
        f"{size} (max-bytes): check that it is a job spec, or raise max-bytes in the"
        " configuration"
    )
