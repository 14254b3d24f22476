"""JL304 empty-parameter-value: a parameter value that is the empty string.

An empty value is rarely meant: it is usually a substitution that failed, such
as ``"value": "${REGION}"`` rendered by a shell where ``REGION`` was unset.
The job then runs with an empty parameter, and a filter or path built from it
matches nothing or the wrong thing. To keep the flow's default value, remove
the parameter instead.

Failing example (``spec.jobspec.json``)::

    {
      "wrangledDataset": {"id": 7},
      "runParameters": {"overrides": {"data": [{"key": "region", "value": ""}]}}
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
            if parameter.get("value") != "":
                continue
            key = parameter.get("key")
            name = f"parameter {show(key)}" if isinstance(key, str) else parameter.label
            yield Problem(
                parameter.pointer_to("value"),
                f'value "" of {name} is empty, which usually means a substitution failed: '
                "write the value, or remove the parameter to keep the flow's default",
            )


RULE = Rule(
    code="JL304",
    name="empty-parameter-value",
    summary="a parameter value that is the empty string",
    severity=Severity.WARNING,
    check=check,
)
