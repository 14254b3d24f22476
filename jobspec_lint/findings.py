"""Rule reports (``Problem``) and the findings the engine makes of them (``Finding``)."""

from __future__ import annotations

import enum
from typing import Literal, NamedTuple

from jobspec_lint.positions import Span

# The part of a node a problem is about: its key, its value, or, for a
# missing key, the key of the object that lacks it.
Target = Literal["key", "value", "parent"]


class Severity(enum.IntEnum):
    """Finding severities, ordered so that ``max()`` gives the worst."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    def __str__(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Severity:
        return cls[text.upper()]


class Edit(NamedTuple):
    """Replace the text in ``span`` of the file by ``text``."""

    span: Span
    text: str


class Fix(NamedTuple):
    """Text edits that resolve one finding; ``safe`` fixes run with ``--fix``."""

    description: str
    edits: tuple[Edit, ...]
    safe: bool = True


class Problem(NamedTuple):
    """A rule's report: where (a JSON pointer and what part of the node) and what.

    ``span`` overrides the node's span, for problems that point inside a text
    (syntax errors) rather than at a node. ``code`` is set by producers that
    report under several codes, such as the schema translation.
    """

    pointer: str
    message: str
    target: Target = "value"
    code: str | None = None
    span: Span | None = None
    fix: Fix | None = None
    # Whether this problem hides the later-phase problems at and below its node
    # ("one mistake, one finding"); a duplicate key, for example, does not.
    claims_subtree: bool = True
    # Text that must never be printed (a secret in a path): every report, source
    # excerpt and diff masks these spans of the file.
    redact: tuple[Span, ...] = ()
    # False for a problem that only claims its node: an allowed placeholder, for
    # example, hides the schema's finding on that value, but is not reported.
    report: bool = True
    # A severity below the rule's default, for a case the rule is less sure of
    # (JL402 on a key that only a weak source lists). Configuration still wins.
    severity: Severity | None = None


class Finding(NamedTuple):
    """One reported problem with everything the reports need."""

    path: str
    document: int
    line: int
    column: int
    end_line: int
    end_column: int
    code: str
    name: str
    severity: Severity
    message: str
    pointer: str
    fix: Fix | None = None

    def sort_key(self) -> tuple[str, int, int, int, str]:
        return (self.path, self.document, self.line, self.column, self.code)
