"""JL003 not-an-object: the document is empty, or its top level is not an object.

A request body for ``POST /v3/jobGroups`` is a JSON object. An empty file, a
YAML document that holds only ``---``, or a top-level list, string or number
cannot launch a job.

Failing example (``spec.jobspec.json``)::

    [{"wrangledDataset": {"id": 7}}]

Passing example (``spec.jobspec.json``)::

    {"wrangledDataset": {"id": 7}}
"""

import re
from collections.abc import Iterator

from jobspec_lint.document import Document
from jobspec_lint.findings import Problem, Severity
from jobspec_lint.rules.base import Rule, RuleContext
from jobspec_lint.schema.model import json_type

_FOUND = {"array": "a list", "string": "a string", "integer": "a number", "number": "a number",
          "boolean": "a boolean"}
_REMOVE_BRACKETS = "remove the surrounding [ ] and send the object itself"
# White space, comments, a tag and an anchor: the text that may come before
# the first character of a YAML node's content.
_NODE_PROPERTIES = re.compile(r"(?:\s+|#[^\r\n]*|[!&]\S*)*")
_LINE_BREAK = re.compile(r"[\r\n]")


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
            message += ": " + _unwrap_advice(document)
    yield Problem("", message)


def _unwrap_advice(document: Document) -> str:
    """Return advice on making a one-item list's object the top level of the document.

    JSON and a YAML flow sequence have brackets to remove. A YAML block
    sequence has a "- " before the object instead, and the object's other
    lines are indented under it.
    """
    if document.format == "json":
        return _REMOVE_BRACKETS
    root = document.spans.get("")
    item = document.spans.get("/0")
    text = document.text
    if root is None or item is None:
        return "send the object itself, not a list that contains it"
    dash = _skip_node_properties(text, root.value.start)
    if text.startswith("[", dash):
        return _REMOVE_BRACKETS

    prefix = text[dash : item.value.start]
    if _LINE_BREAK.search(prefix):
        # The object starts on a line of its own below the dash, and YAML
        # accepts a top-level mapping indented as it is.
        return 'remove the "-" line and send the object itself'
    item_text = text[item.value.start : item.value.end].rstrip()
    item_start = _skip_node_properties(item_text, 0)
    if not _LINE_BREAK.search(item_text) or item_text.startswith("{", item_start):
        return f'remove the leading "{prefix}" and send the object itself'
    # The object's other lines are indented to where it starts after the dash.
    return (
        f'remove the leading "{prefix}" and outdent the lines below it by {len(prefix)} '
        "spaces, to send the object itself"
    )


def _skip_node_properties(text: str, offset: int) -> int:
    """Return the offset after the white space, comments, tag and anchor at ``offset``."""
    match = _NODE_PROPERTIES.match(text, offset)
    return match.end() if match else offset


RULE = Rule(
    code="JL003",
    name="not-an-object",
    summary="the document is empty, or its top level is not an object",
    severity=Severity.ERROR,
    check=check,
)
