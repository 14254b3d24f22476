"""Rule metadata and the context a rule's check receives."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from functools import cache
from typing import TYPE_CHECKING, Literal, NamedTuple

from jobspec_lint.findings import Problem, Severity

if TYPE_CHECKING:
    from jobspec_lint.document import Document
    from jobspec_lint.schema.model import SchemaModel

Target = Literal["v3", "v4"]
FixSafety = Literal["safe", "unsafe"]
ALL_TARGETS: frozenset[Target] = frozenset({"v3", "v4"})

# The order in which rules may claim a node ("one mistake, one finding"): the
# text itself, a placeholder, a foreign body, a misplaced key, a v4-only key
# or value, the schema, then outputs, parameters, migration and hygiene.
_PHASES = ("JL0", "JL501", "JL109", "JL108", "JL402", "JL1", "JL2", "JL3", "JL4", "JL5")


@cache
def phase_of(code: str) -> int:
    """Return the precedence rank of a code: lower ranks report first."""
    for rank, prefix in enumerate(_PHASES):
        if code == prefix or (len(prefix) == 3 and code.startswith(prefix)):
            return rank
    raise ValueError(f"no phase for rule code {code}")


# Shared by every context that sets no option, so it is typed read-only.
_NO_OPTIONS: Mapping[str, object] = {}


class RuleContext(NamedTuple):
    """The data a rule's check may read besides the document."""

    target: Target
    first_run: bool
    schema: SchemaModel
    options: Mapping[str, object] = _NO_OPTIONS


Check = Callable[["Document", RuleContext], Iterable[Problem]]


class Rule(NamedTuple):
    """A rule's public metadata; the module that defines it contains its documentation.

    ``check`` is ``None`` for rules whose problems come from the loader or from
    the schema translation rather than from a function of their own. ``fix``
    contains the safety of each kind of fix the rule's findings can carry: a
    ``Fix`` with ``safe=True`` is "safe", one with ``safe=False`` is "unsafe".
    It is empty for a rule without fixes.
    """

    code: str
    name: str
    summary: str
    severity: Severity
    targets: frozenset[Target] = ALL_TARGETS
    check: Check | None = None
    fix: frozenset[FixSafety] = frozenset()
    doc: str = ""

    @property
    def phase(self) -> int:
        return phase_of(self.code)


class Example(NamedTuple):
    """A documented example of a rule: a file name, its text and whether it fails."""

    filename: str
    text: str
    failing: bool


_EXAMPLE = re.compile(
    r"^(?P<kind>Failing|Passing) example \(``(?P<name>[^`]+)``\)::\n\n(?P<body>(?:(?: {4}.*)?\n)+)",
    re.MULTILINE,
)


def parse_examples(doc: str) -> list[Example]:
    """Extract the ``Failing example (``name``)::`` blocks of a rule's documentation."""
    examples = []
    for match in _EXAMPLE.finditer(doc + "\n"):
        lines = match.group("body").rstrip("\n").split("\n")
        text = "\n".join(line[4:] for line in lines) + "\n"
        examples.append(Example(match.group("name"), text, match.group("kind") == "Failing"))
    return examples
