"""JL007 unsupported-value: a value JSON cannot carry or the API cannot receive.

``NaN``, ``Infinity`` and numbers that overflow (``1e400``) are not JSON. The
server cuts or rounds an integer beyond 64 bits. A YAML tag with no JSON
equivalent (``!!binary``, ``!!set``, ``!!python/object``, custom tags) or a
mapping key that is not a string (``1: x``) makes the sender's serialiser fail
or send something else. The recipe id has its own rule (JL105).

Failing example (``spec.jobspec.json``)::

    {"wrangledDataset": {"id": 7}, "overrides": {"profiler": NaN}}

Passing example (``spec.jobspec.json``)::

    {"wrangledDataset": {"id": 7}, "overrides": {"profiler": false}}
"""

from collections.abc import Iterator

from jobspec_lint.document import Document
from jobspec_lint.findings import Problem, Severity
from jobspec_lint.rules.base import Rule, RuleContext
from jobspec_lint.rules.body import body_nodes

MIN_INT64 = -(2**63)
MAX_INT64 = 2**63 - 1
RECIPE_ID = "/wrangledDataset/id"


def check(document: Document, context: RuleContext) -> Iterator[Problem]:
    for pointer, value in body_nodes(document):
        if not isinstance(value, int) or isinstance(value, bool) or pointer == RECIPE_ID:
            continue
        if not MIN_INT64 <= value <= MAX_INT64:
            yield Problem(
                pointer,
                f"the integer {value} does not fit in 64 bits: the server cannot receive it",
            )


RULE = Rule(
    code="JL007",
    name="unsupported-value",
    summary="a value JSON cannot carry or the API cannot receive",
    severity=Severity.ERROR,
    check=check,
)
