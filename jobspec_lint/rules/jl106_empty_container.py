"""JL106 empty-container: an empty ``overrides``, output list, ``runParameters`` or parameter list.

An empty container changes nothing: the job runs with the recipe's saved
settings. It is usually a template whose content was never filled in, or a
substitution that produced nothing.

Failing example (``spec.jobspec.json``)::

    {"wrangledDataset": {"id": 7}, "overrides": {}}

Passing example (``spec.jobspec.json``)::

    {"wrangledDataset": {"id": 7}}
"""

from collections.abc import Iterator

from jobspec_lint.document import Document, JSONValue
from jobspec_lint.findings import Problem, Severity
from jobspec_lint.rules.base import Rule, RuleContext
from jobspec_lint.values import describe

CONTAINERS = (
    "/overrides",
    "/overrides/writesettings",
    "/overrides/writeSettings",
    "/runParameters",
    "/runParameters/overrides",
    "/runParameters/overrides/data",
)


# The keys that lead to each container. None of them is a list index.
_CONTAINER_KEYS = tuple((pointer, tuple(pointer.split("/")[1:])) for pointer in CONTAINERS)


def check(document: Document, context: RuleContext) -> Iterator[Problem]:
    for pointer, keys in _CONTAINER_KEYS:
        value = _member_at(document.value, keys)
        if value == {} or value == []:
            yield Problem(
                pointer,
                f"{describe(pointer)} is empty and changes nothing: fill it in or remove it",
            )


def _member_at(value: JSONValue, keys: tuple[str, ...]) -> JSONValue:
    """Return the value reached through objects by ``keys``, or ``None`` when there is none.

    A missing container and a ``null`` one are both left alone, so ``None`` can
    stand for both. Skipping ``resolve_pointer`` spares the cost of its
    exception on every body that lacks a container.
    """
    for key in keys:
        if not isinstance(value, dict):
            return None
        value = value.get(key)
    return value


RULE = Rule(
    code="JL106",
    name="empty-container",
    summary="an empty overrides, writesettings, runParameters or parameter list",
    severity=Severity.WARNING,
    check=check,
)
