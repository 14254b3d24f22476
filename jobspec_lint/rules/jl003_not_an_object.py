"""JL003 not-an-object: the document is empty, or its top level is not an object.

A request body for ``POST /v3/jobGroups`` is a JSON object. An empty file, a
YAML document that holds only ``---``, or a top-level list, string or number
cannot launch a job.

Failing example (``spec.jobspec.json``)::

    [{"wrangledDataset": {"id": 7}}]

Passing example (``spec.jobspec.json``)::

    {"wrangledDataset": {"id": 7}}
"""

from collections.abc import Iterator

from jobspec_lint.document import Document
from jobspec_lint.findings import Problem, Severity
from jobspec_lint.rules.base import Rule, RuleContext
from jobspec_lint.schema.model import json_type

_FOUND = {"array": "a list", "string": "a string", "integer": "a number", "number": "a number",
          "boolean": "a boolean"}


def check(document: Document, context: RuleContext) -> Iterator[Problem]:
    value = document.value
    if isinstance(value, dict):
        return
    if value is None:
        message = (
            'the document is empty: write a request body object such as {"wrangledDataset": '
            '{"id": 7}}'
        )
    else:
        found = _FOUND.get(json_type(value), json_type(value))
        message = f"the top level must be an object, found {found}"
        if isinstance(value, list) and len(value) == 1 and isinstance(value[0], dict):
            message += ": remove the surrounding [ ] and send the object itself"
    yield Problem("", message)


RULE = Rule(
    code="JL003",
    name="not-an-object",
    summary="the document is empty, or its top level is not an object",
    severity=Severity.ERROR,
    check=check,
)
