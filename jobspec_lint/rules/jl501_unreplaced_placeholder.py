"""JL501 unreplaced-placeholder: a placeholder or template left in place of a value.

Bodies are often copied from documentation or produced from templates, and a
placeholder that was never replaced reaches the server as a value: the
recipe id ``<RECIPE_ID>``, the path ``path_to_output_file``. The server
accepts many such values and the job fails later. This rule reports a string
that is or contains:

- a placeholder in angle brackets: ``<RECIPE_ID>``, ``<output path>``;
- a shell or CI variable that was not expanded: ``${RECIPE_ID}``;
- a Jinja, Helm or Ansible expression that was not rendered: ``{{ recipe_id }}``,
  ``{% if ... %}``;
- a placeholder word: ``YOUR_BUCKET`` (``YOUR_`` or ``your_`` followed by a
  name), ``path_to_output_file`` or ``path/to/...``, ``REPLACE_ME``,
  ``CHANGE_ME``, and text that starts with ``update the``, such as
  ``update the wrangled_dataset_id``.

Unquoted ``{{ recipe_id }}`` in YAML is not a string: YAML reads it as a
mapping whose key is the mapping ``{recipe_id: null}``. The rule recognises
such a node by its source text. In JSON, ``"id": <RECIPE_ID>`` without quotes
cannot be parsed, so it is JL001, whose message names the placeholder.

This rule comes before every rule but the JL0 ones and claims the node: a
placeholder is not also reported as a wrong type, an invalid value or a
relative path. Configuration can allow placeholder syntaxes, for repositories
that lint templates: ``allow-placeholders = ["${}"]`` takes any of ``"<>"``,
``"${}"`` and ``"{{}}"`` (which also covers ``{% %}``). The placeholder words
are always reported.

Failing example (``spec.jobspec.yaml``)::

    wrangledDataset:
      id: "<RECIPE_ID>"

Passing example (``spec.jobspec.yaml``)::

    wrangledDataset:
      id: 7
"""

import re
from collections.abc import Iterator
from typing import NamedTuple

from jobspec_lint.document import Document, JSONValue, join_pointer
from jobspec_lint.findings import Problem, Severity
from jobspec_lint.rules.base import Rule, RuleContext
from jobspec_lint.rules.body import body_nodes, source_text
from jobspec_lint.rules.paths import show_path
from jobspec_lint.values import describe, show


class Pattern(NamedTuple):
    """A way of writing a placeholder: what it is called and what to do about it."""

    regex: re.Pattern[str]
    kind: str
    advice: str
    # The ``allow_placeholders`` entry that turns this pattern off, if any.
    syntax: str | None = None


_REPLACE = "replace it with the real value"
_TEMPLATE = "render the template before the body is linted and sent, or write the value"

PATTERNS = (
    Pattern(
        re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.DOTALL),
        "unrendered template expression",
        _TEMPLATE,
        "{{}}",
    ),
    Pattern(
        re.compile(r"\$\{[A-Za-z_][^}]*\}"),
        "unexpanded variable",
        "expand it before the body is linted and sent, or write the value",
        "${}",
    ),
    Pattern(re.compile(r"<[A-Za-z_][A-Za-z0-9_ .:-]{0,60}>"), "placeholder", _REPLACE, "<>"),
    Pattern(
        re.compile(r"(?<![A-Za-z0-9])(?:YOUR[_-][A-Z0-9_-]+|your_[a-z0-9_]+)"),
        "placeholder",
        _REPLACE,
    ),
    Pattern(
        re.compile(r"(?<![A-Za-z0-9])path(?:_to_[A-Za-z0-9_]+|/to/)"),
        "placeholder",
        _REPLACE,
    ),
    Pattern(
        re.compile(r"(?<![A-Za-z0-9])(?:REPLACE_ME|CHANGE_ME|CHANGEME)(?![A-Za-z0-9])"),
        "placeholder",
        _REPLACE,
    ),
    Pattern(
        re.compile(r"^\s*update the .*", re.IGNORECASE | re.DOTALL), "placeholder", _REPLACE
    ),
)

# The start of a template that YAML reads as a mapping rather than a string.
_TEMPLATE_START = re.compile(r"\{[{%]")


def check(document: Document, context: RuleContext) -> Iterator[Problem]:
    allowed = _allowed(context)
    patterns = [p for p in PATTERNS if p.syntax is None or p.syntax not in allowed]
    allowed_patterns = [p for p in PATTERNS if p.syntax is not None and p.syntax in allowed]
    if _may_read_as_template(document):
        yield from _check_tree(document, patterns, allowed_patterns, "{{}}" in allowed)
        return
    # No node reads as a template, so the walk is the shared one of every node.
    for pointer, node in body_nodes(document):
        if isinstance(node, str):
            yield from _check_string(document, pointer, node, patterns, allowed_patterns)


def _may_read_as_template(document: Document) -> bool:
    """Return whether a node of the document may be a template that YAML reads as a mapping.

    Only YAML reads a template as a mapping, and such a node's source starts
    with ``{{`` or ``{%``. JSON positions are computed on demand and cost more
    than the parse, so JSON skips this check.
    """
    text = document.text
    return document.format == "yaml" and ("{{" in text or "{%" in text)


def _check_tree(
    document: Document,
    patterns: list[Pattern],
    allowed_patterns: list[Pattern],
    template_allowed: bool,
) -> Iterator[Problem]:
    """Check every string, and report each mapping or list whose source is a template."""
    stack: list[tuple[str, JSONValue]] = [("", document.value)]
    while stack:
        pointer, node = stack.pop()
        if isinstance(node, str):
            yield from _check_string(document, pointer, node, patterns, allowed_patterns)
            continue
        if not isinstance(node, (dict, list)):
            continue
        reads_as_template = pointer and _TEMPLATE_START.match(
            source_text(document, pointer, limit=2)
        )
        if reads_as_template:
            if template_allowed:
                yield _allowed_claim(pointer)
            else:
                yield _template_problem(pointer, source_text(document, pointer))
            continue
        children = node.items() if isinstance(node, dict) else enumerate(node)
        stack.extend(reversed([(join_pointer(pointer, key), child) for key, child in children]))


def _check_string(
    document: Document,
    pointer: str,
    value: str,
    patterns: list[Pattern],
    allowed_patterns: list[Pattern],
) -> Iterator[Problem]:
    if not _may_hold_placeholder(value):
        return
    problem = _string_problem(document, pointer, value, patterns)
    if problem is not None:
        yield problem
    elif _is_allowed_placeholder(value, allowed_patterns):
        yield _allowed_claim(pointer)


def _may_hold_placeholder(value: str) -> bool:
    """Return ``False`` only when no pattern can match ``value``: a quick test before the regexes.

    Each pattern needs one of these substrings: ``{`` (templates and
    variables), ``<``, ``YOUR`` or ``your_``, ``path``, ``ME`` (``REPLACE_ME``,
    ``CHANGEME``) or ``update the`` in any case. The case-insensitive test is
    exact for ASCII only, so other text always goes to the regexes.
    """
    if not value.isascii():
        return True
    return (
        "{" in value
        or "<" in value
        or "YOUR" in value
        or "your_" in value
        or "path" in value
        or "ME" in value
        or "update the" in value.lower()
    )


def _is_allowed_placeholder(value: str, allowed_patterns: list[Pattern]) -> bool:
    """Return whether the whole value is one placeholder of an allowed syntax."""
    return any(p.regex.fullmatch(value.strip()) for p in allowed_patterns)


def _allowed_claim(pointer: str) -> Problem:
    """Claim a value that is an allowed placeholder: a template renders it before sending.

    Nothing is reported, and the schema and later rules do not judge the value,
    since the rendered value will differ (``{{ recipe_id }}`` becomes a number).
    """
    return Problem(pointer, "allowed placeholder", report=False)


def _allowed(context: RuleContext) -> frozenset[str]:
    """Return the placeholder syntaxes that configuration allows, ignoring malformed entries."""
    option = context.options.get("allow_placeholders")
    if isinstance(option, str):
        option = [option]
    if not isinstance(option, (list, tuple, set, frozenset)):
        return frozenset()
    return frozenset("".join(entry.split()) for entry in option if isinstance(entry, str))


def _string_problem(
    document: Document, pointer: str, value: str, patterns: list[Pattern]
) -> Problem | None:
    matches = [(match, p) for p in patterns if (match := p.regex.search(value)) is not None]
    if not matches:
        return None
    match, pattern = min(matches, key=lambda found: found[0].start())
    # The YAML reader keeps an unquoted {{ ... }}, which YAML reads as a mapping,
    # as its source text.
    written = source_text(document, pointer)
    if pattern.syntax == "{{}}" and _TEMPLATE_START.match(written):
        return _template_problem(pointer, written)
    token = match.group()
    where = describe(pointer)
    # A path may carry a password (JL209) as well as a placeholder.
    shown = show_path(value)
    if token.strip() == value.strip():
        article = "an" if pattern.kind[0] in "aeiou" else "a"
        message = f"{where} {shown} is {article} {pattern.kind} left in place"
    else:
        message = f"{where} {shown} contains the {pattern.kind} {show(token)}"
    return Problem(pointer, f"{message}: {pattern.advice}")


def _template_problem(pointer: str, written: str) -> Problem:
    first_line = written.strip().splitlines()[0]
    return Problem(
        pointer,
        f"{describe(pointer)} is the unrendered template {first_line}, which YAML reads as "
        f"a mapping: {_TEMPLATE}",
    )


RULE = Rule(
    code="JL501",
    name="unreplaced-placeholder",
    summary="a template or placeholder left in place of a value",
    severity=Severity.ERROR,
    check=check,
)
