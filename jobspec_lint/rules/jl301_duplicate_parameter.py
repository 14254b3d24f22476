"""JL301 duplicate-parameter: the same parameter key twice in one list of parameter overrides.

``runParameters.overrides.data`` gives each parameter one value for the job.
When a key appears twice, only one of the two values can apply, and which one
is not documented. The finding points at the later key and names the first
entry and its line. Keys are compared exactly, so ``Region`` and ``region``
are two parameters. A v4 output's own ``runParameters`` is a separate list.

Failing example (``spec.jobspec.yaml``)::

    wrangledDataset:
      id: 7
    runParameters:
      overrides:
        data:
          - key: region
            value: eu
          - key: region
            value: us

Passing example (``spec.jobspec.yaml``)::

    wrangledDataset:
      id: 7
    runParameters:
      overrides:
        data:
          - key: region
            value: eu
          - key: year
            value: "2024"
"""

from collections.abc import Iterator

from jobspec_lint.document import Document
from jobspec_lint.findings import Problem, Severity
from jobspec_lint.rules.base import Rule, RuleContext
from jobspec_lint.rules.body import Item, iter_parameter_lists, line_of
from jobspec_lint.values import show


def check(document: Document, context: RuleContext) -> Iterator[Problem]:
    for parameters in iter_parameter_lists(document, context):
        first_by_key: dict[str, Item] = {}
        for parameter in parameters:
            key = parameter.get("key")
            if not isinstance(key, str) or not key.strip():
                continue
            first = first_by_key.setdefault(key, parameter)
            if first is parameter:
                continue
            line = line_of(document, first.pointer_to("key"))
            yield Problem(
                parameter.pointer_to("key"),
                f"parameter {show(key)} is given twice, first in {first.label} at line {line}: "
                "remove one of them, because only one value can apply",
            )


RULE = Rule(
    code="JL301",
    name="duplicate-parameter",
    summary="the same parameter key twice in runParameters.overrides.data",
    severity=Severity.ERROR,
    check=check,
)
