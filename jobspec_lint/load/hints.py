"""Hints shared by the JSON and YAML syntax errors: templates and placeholders left in place."""

from __future__ import annotations

import re

# Jinja, Helm and Ansible expressions and statements: ``{{ recipe_id }}``, ``{% if x %}``.
_TEMPLATE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}")
# ``<RECIPE_ID>``, ``<output path>``, ``${RECIPE_ID}``: the usual ways a placeholder is written.
_PLACEHOLDER = re.compile(r"<[A-Za-z_][A-Za-z0-9_ .:-]{0,60}>|\$\{[A-Za-z_][A-Za-z0-9_]*\}")


def template_hint(text: str, offset: int) -> str | None:
    """Return a hint when a template expression starts at or just before ``offset``."""
    found = _find_on_line(_TEMPLATE, text, offset)
    if found is None:
        return None
    return (
        f"`{found}` looks like a template left unrendered: render the template,"
        " or replace it with the value"
    )


def placeholder_hint(text: str, offset: int) -> str | None:
    """Return a hint when a placeholder such as ``<RECIPE_ID>`` is at ``offset``."""
    found = _find_on_line(_PLACEHOLDER, text, offset)
    if found is None:
        return None
    return f"`{found}` looks like a placeholder left in place: replace it with the value"


def _find_on_line(pattern: re.Pattern[str], text: str, offset: int) -> str | None:
    """Return the match of ``pattern`` on the line of ``offset`` that covers the offset.

    The offset may also be just past the match, where a parser stops after
    reading a template as a value (``{{ base }}/out.csv``).
    """
    line_start = max(text.rfind("\n", 0, offset), text.rfind("\r", 0, offset)) + 1
    line_end = len(text)
    for stop in (text.find("\n", offset), text.find("\r", offset)):
        if stop != -1:
            line_end = min(line_end, stop)

    for match in pattern.finditer(text, line_start, line_end):
        if match.start() <= offset <= match.end():
            return match.group()
    return None
