"""JL302 empty-parameter-key: a parameter key that is empty or only white space.

A parameter override names a parameter of the flow by its key. An empty key,
or one of spaces only, names none: the override changes nothing and the job
runs with the parameter's default. It is usually a template variable that
expanded to nothing.

Failing example (``spec.jobspec.json``)::

    {
      "wrangledDataset": {"id": 7},
      "runParameters": {"overrides": {"data": [{"key": "  ", "value": "eu"}]}}
    }

Passing example (``spec.jobspec.json``)::

    {
      "wrangledDataset": {"id": 7},
      "runParameters": {"overrides": {"data": [{"key": "region", "value": "eu"}]}}
    }
"""

from collections.abc import Iterator

from jobspec_lint.document import Document
from jobspec_lint.findings import Problem, Severity
from jobspec_lint.rules.base import Rule, RuleContext
from jobspec_lint.rules.body import iter_parameter_lists
from jobspec_lint.values import show


def check(document: Document, context: RuleContext) -> Iterator[Problem]:
    for parameters in iter_parameter_lists(document, context):
        for parameter in parameters:
            key = parameter.get("key")
            if not isinstance(key, str) or key.strip():
                continue
            emptiness = "is empty" if key == "" else "is only white space"
            yield Problem(
                parameter.pointer_to("key"),
                f"parameter key {show(key)} {emptiness}: write the name of a parameter "
                "defined in the flow",
            )


RULE = Rule(
    code="JL302",
    name="empty-parameter-key",
    summary="a parameter key that is empty or only white space",
    severity=Severity.ERROR,
    check=check,
)
