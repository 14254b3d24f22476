"""JL303 non-string-parameter: a parameter value that is a number or a boolean, not a string.

Parameter values are text. The schema accepts a number or a boolean for
``value``, and the server sends it on as written, so the value the job receives
may not be the text the author meant. A sender that parses and serialises the
body again turns ``1.10`` into ``1.1``, and a flow that expects ``"02"`` gets
``2``. The message shows the value as written in the file and suggests quoting
it. A YAML scalar whose reading is itself ambiguous (``02``, ``yes``) is
JL005's instead.

Failing example (``spec.jobspec.json``)::

    {
      "wrangledDataset": {"id": 7},
      "runParameters": {"overrides": {"data": [{"key": "month", "value": 2}]}}
    }

Passing example (``spec.jobspec.json``)::

    {
      "wrangledDataset": {"id": 7},
      "runParameters": {"overrides": {"data": [{"key": "month", "value": "2"}]}}
    }
"""

import json
import re
from collections.abc import Iterator

from jobspec_lint.document import Document, JSONValue
from jobspec_lint.findings import Problem, Severity
from jobspec_lint.rules.base import Rule, RuleContext
from jobspec_lint.rules.body import Item, iter_parameter_lists, source_text
from jobspec_lint.values import show

# The source text of a number or boolean, as JSON or YAML writes it unquoted.
_PLAIN_TOKEN = re.compile(r"[-+]?[0-9A-Za-z_.:]+")


def check(document: Document, context: RuleContext) -> Iterator[Problem]:
    for parameters in iter_parameter_lists(document, context):
        for parameter in parameters:
            value = parameter.get("value")
            if isinstance(value, bool):
                kind = "a boolean"
            elif isinstance(value, (int, float)):
                kind = "a number"
            else:
                continue
            pointer = parameter.pointer_to("value")
            written = _as_written(document, pointer, value)
            yield Problem(
                pointer,
                f"value {written} of {_name(parameter)} is sent as {kind}, not a string: "
                f"quote it, write {json.dumps(written)}",
            )


def _as_written(document: Document, pointer: str, value: JSONValue) -> str:
    """Return the value's source text (``1.10``, not ``1.1``) when it is a plain token."""
    scalar = document.scalars.get(pointer)
    written = scalar.source if scalar is not None else source_text(document, pointer).strip()
    if _PLAIN_TOKEN.fullmatch(written):
        return written
    return show(value)


def _name(parameter: Item) -> str:
    key = parameter.get("key")
    return f"parameter {show(key)}" if isinstance(key, str) else parameter.label


RULE = Rule(
    code="JL303",
    name="non-string-parameter",
    summary="a parameter value that is not a string",
    severity=Severity.WARNING,
    check=check,
)
