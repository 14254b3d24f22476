"""The YAML reader: libyaml's event parser drives a DocumentBuilder for each document.

The reader consumes events one at a time and stops at the first collection past
the depth limit. libyaml itself slows down badly on deep flow nesting, so
stopping early is what keeps a 100,000-level ``[[[...`` fast.
"""

from __future__ import annotations

import bisect

import yaml
import yaml.reader

from jobspec_lint.document import Document
from jobspec_lint.load import Limits, TextProblem, messages
from jobspec_lint.load.yaml_builder import DocumentBuilder, DocumentFailed, mark_index
from jobspec_lint.load.yaml_comments import find_comments, scalar_region
from jobspec_lint.load.yaml_errors import (
    YamlErrorReport,
    describe_marked_error,
    describe_reader_error,
)
from jobspec_lint.positions import LineIndex, Span

# PyYAML's pure-Python loader is the fallback when PyYAML was built without libyaml.
_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# libyaml reports the offset of a forbidden character in bytes of the UTF-8 text.
_READER_BYTE_OFFSETS = _LOADER is not yaml.SafeLoader

NO_DOCUMENT = "the file contains no document: write the request body as a YAML mapping"
# libyaml's problem text when block and flow levels together pass its own limit.
LIBYAML_NESTING_PROBLEM = "exceeded maximum nesting depth"


class _StreamReader:
    """Feeds the events of one stream to a builder per document and collects the results."""

    def __init__(self, path: str, lines: LineIndex, limits: Limits) -> None:
        self.path = path
        self.lines = lines
        self.limits = limits
        self.documents: list[Document] = []
        self.problems: list[TextProblem] = []
        # The start offset of every document in the stream, read or dropped.
        self.starts: list[int] = []
        # Quoted and block scalars, where a "#" does not start a comment.
        self.scalar_regions: list[Span] = []
        self._builder: DocumentBuilder | None = None
        # Whether a document has started and not ended. Its builder is None if it was dropped.
        self._open = False
        self._depth = 0
        # The end of the last event read: libyaml's scanner may have read past it.
        self._last_event_end = 0

    @property
    def current_index(self) -> int:
        """Return the index of the document being read, or of the next one."""
        return len(self.starts) - 1 if self._open else len(self.starts)

    def feed(self, event: yaml.Event) -> bool:
        """Process one event, and return ``False`` when reading must stop."""
        self._last_event_end = mark_index(event.end_mark)
        try:
            return self._dispatch(event)
        except DocumentFailed as failure:
            # The document is dropped: its other problems would point into a
            # document that the caller never receives.
            self.problems.append(failure.problem)
            self._builder = None
            return True

    def _dispatch(self, event: yaml.Event) -> bool:
        builder = self._builder
        if isinstance(event, yaml.ScalarEvent):
            self._note_scalar_region(event)
            if builder is not None:
                builder.scalar(event)
        elif isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
            self._depth += 1
            if self._depth > self.limits.max_depth:
                self._stop_too_deep(event)
                return False
            if builder is not None:
                builder.collection_start(event, isinstance(event, yaml.MappingStartEvent))
        elif isinstance(event, yaml.CollectionEndEvent):
            self._depth -= 1
            if builder is not None:
                builder.collection_end(event)
        elif isinstance(event, yaml.AliasEvent):
            if builder is not None:
                builder.alias(event)
        elif isinstance(event, yaml.DocumentStartEvent):
            self._start_document(event)
        elif isinstance(event, yaml.DocumentEndEvent):
            self._end_document(event)
        return True

    def _start_document(self, event: yaml.DocumentStartEvent) -> None:
        start = self._offset(mark_index(event.start_mark))
        self.starts.append(start)
        self._open = True
        self._builder = DocumentBuilder(self.lines, self.limits, len(self.starts) - 1)

    def _end_document(self, event: yaml.DocumentEndEvent) -> None:
        builder = self._builder
        self._builder = None
        self._open = False
        if builder is None or builder.root is None:
            return
        start = self.starts[-1]
        end = max(start, self._offset(mark_index(event.end_mark)))
        document = Document(
            self.path,
            builder.index,
            "yaml",
            builder.root.value,
            self.lines,
            Span(start, end),
            scalars=builder.scalars,
            _spans=builder.spans,
        )
        self.documents.append(document)
        self.problems.extend(builder.problems)

    def _stop_too_deep(self, event: yaml.CollectionStartEvent) -> None:
        start = self._offset(mark_index(event.start_mark))
        end = self._offset(mark_index(event.end_mark))
        # Point at the bracket of a flow collection, past any anchor or tag.
        offset = end - 1 if event.flow_style and end > start else start
        span = Span(offset, min(offset + 1, len(self.lines.text)))
        message = messages.nesting_too_deep(self.limits.max_depth)
        self.problems.append(TextProblem("JL006", message, span, self.current_index))
        self._builder = None

    def scanner_too_deep(self, error: yaml.MarkedYAMLError) -> None:
        """Report libyaml's own nesting limit as JL006 at the first bracket past max-depth.

        libyaml (0.2.6) stops at about 1,000 levels while it scans ahead for a
        possible key, before it returns the events of the brackets below that
        level, so the event count never reaches max-depth on ``[[[[...``.
        """
        mark = error.problem_mark or error.context_mark
        stop = self._offset(mark_index(mark)) + 1
        start = self._offset(self._last_event_end)
        offset = find_flow_bracket_past(
            self.lines.text, start, stop, self._depth, self.limits.max_depth
        )
        if offset is None:
            # max-depth is set above what libyaml reads.
            offset = stop - 1
            message = "nesting deeper than the YAML parser (libyaml) can read: nest less deeply"
        else:
            message = messages.nesting_too_deep(self.limits.max_depth)
        span = Span(offset, min(offset + 1, len(self.lines.text)))
        self.problems.append(TextProblem("JL006", message, span, self.current_index))
        self._builder = None

    def _note_scalar_region(self, event: yaml.ScalarEvent) -> None:
        if not event.style:
            return
        start = self._offset(mark_index(event.start_mark))
        end = self._offset(mark_index(event.end_mark))
        region = scalar_region(self.lines.text, event.style, start, end)
        if region is not None:
            self.scalar_regions.append(region)

    def syntax_error(self, report: YamlErrorReport) -> None:
        problem = TextProblem(report.code, report.message, report.span, self.current_index)
        self.problems.append(problem)
        self._builder = None

    def attach_comments(self) -> None:
        """Give each comment to the document whose range contains it."""
        by_index = {document.index: document for document in self.documents}
        for offset, comment in find_comments(self.lines, self.scalar_regions):
            index = max(0, bisect.bisect_right(self.starts, offset) - 1)
            document = by_index.get(index)
            if document is not None:
                document.comments.append(comment)

    def _offset(self, index: int) -> int:
        return max(0, min(index, len(self.lines.text)))


def read_yaml(
    text: str, path: str, lines: LineIndex, limits: Limits
) -> tuple[list[Document], list[TextProblem]]:
    """Read every document of a YAML stream, keeping those before a syntax error."""
    reader = _StreamReader(path, lines, limits)
    events = yaml.parse(text, Loader=_LOADER)
    try:
        for event in events:
            if not reader.feed(event):
                break
    except yaml.MarkedYAMLError as error:
        if error.problem == LIBYAML_NESTING_PROBLEM:
            reader.scanner_too_deep(error)
        else:
            reader.syntax_error(describe_marked_error(lines, error))
    except yaml.reader.ReaderError as error:
        reader.syntax_error(describe_reader_error(text, error, _READER_BYTE_OFFSETS))
    finally:
        # Closing the generator disposes of libyaml's parser when reading stopped early.
        close = getattr(events, "close", None)
        if close is not None:
            close()

    if not reader.starts and not reader.problems:
        reader.problems.append(TextProblem("JL003", NO_DOCUMENT, Span(0, 0)))
    reader.attach_comments()
    reader.problems.sort(key=lambda problem: (problem.document, problem.span.start))
    return reader.documents, reader.problems


def find_flow_bracket_past(
    text: str, start: int, stop: int, depth: int, max_depth: int
) -> int | None:
    """Return the offset of the first ``[`` or ``{`` in ``text[start:stop]`` past ``max_depth``.

    ``depth`` is the nesting at ``start``. Quoted scalars and comments are
    skipped. A plain scalar is not, because in flow context it cannot contain
    a bracket.
    """
    offset = start
    while offset < stop:
        character = text[offset]
        if character in "[{":
            depth += 1
            if depth > max_depth:
                return offset
        elif character in "]}":
            depth -= 1
        elif character in "'\"":
            offset = _quoted_scalar_end(text, offset, stop)
        elif character == "#" and (offset == 0 or text[offset - 1] in " \t\r\n"):
            line_end = text.find("\n", offset, stop)
            offset = stop if line_end == -1 else line_end
        offset += 1
    return None


def _quoted_scalar_end(text: str, start: int, stop: int) -> int:
    """Return the offset of the quote that closes the scalar opened at ``start``."""
    quote = text[start]
    offset = start + 1
    while offset < stop:
        character = text[offset]
        if quote == '"' and character == "\\":
            offset += 2
            continue
        if character == quote:
            if quote == "'" and text.startswith("''", offset):
                offset += 2
                continue
            return offset
        offset += 1
    return stop
