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

from jobspec_lint.document import Document, resolve_pointer
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


def check(document: Document, context: RuleContext) -> Iterator[Problem]:
    for pointer in CONTAINERS:
        try:
            value = resolve_pointer(document.value, pointer)
        except (LookupError, ValueError):
            continue
        if value == {} or value == []:
            yield Problem(
                pointer,
                f"{describe(pointer)} is empty and changes nothing: fill it in or remove it",
            )


RULE = Rule(
    code="JL106",
    name="empty-container",
    summary="an empty overrides, writesettings, runParameters or parameter list",
    severity=Severity.WARNING,
    check=check,
)
