"""Schema errors as findings: JL101–JL105 and the schema's own rules, in our words."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from functools import cache
from typing import Any

from jobspec_lint.document import Document, JSONValue, join_pointer, resolve_pointer
from jobspec_lint.findings import Fix, Problem
from jobspec_lint.schema.bundled import load_schema, offline_registry
from jobspec_lint.schema.fast import compiled_errors, is_valid
from jobspec_lint.schema.model import SchemaModel, json_type
from jobspec_lint.schema.normalize import normalize
from jobspec_lint.suggest import VALUE_ALIASES, closest_value
from jobspec_lint.values import describe, show

RECIPE_ID = "/wrangledDataset/id"
MAX_RECIPE_ID = 2**63 - 1
# The custom keyword that tags a schema rule with the finding code it reports as.
CODE_KEYWORD = "x-jobspec-lint-code"
# The keywords whose errors this module translates; "additionalProperties" is
# reported by normalize() as JL104 with a suggestion, so it is skipped here.
_TYPE_NAMES = {
    "object": "an object",
    "array": "a list",
    "string": "a string",
    "integer": "an integer",
    "number": "a number",
    "boolean": "a boolean",
    "null": "null",
}
# Aliases that name the same value, so that replacing one is a safe fix. "tsv"
# is left out: a tab-separated file is not the csv output it would become.
_EQUIVALENT_ALIASES = frozenset(alias for alias in VALUE_ALIASES if alias != "tsv")
_DIGITS = re.compile(r"[0-9]+")


@cache
def _validator(name: str) -> Any:
    from jsonschema import Draft202012Validator

    schema = load_schema(name)
    return Draft202012Validator(
        schema, format_checker=Draft202012Validator.FORMAT_CHECKER, registry=offline_registry()
    )


def schema_problems(
    value: JSONValue, model: SchemaModel, document: Document | None = None
) -> Iterator[Problem]:
    """Yield the schema's problems for a body, parents before children.

    With the ``document`` that contains ``value``, the problems that have a fix
    carry it, because its edits need the document's text and spans.
    """
    normalized = normalize(value, model, document)
    yield from normalized.problems
    # The compiled validator accepts most bodies in microseconds.
    if is_valid(model.name, normalized.value):
        return
    for error in _sorted_errors(model.name, normalized.value):
        pointer = normalized.original_pointer(_pointer(error.absolute_path))
        yield from _translate(error, pointer, model, document, normalized.value)


def _sorted_errors(name: str, value: JSONValue) -> list[Any]:
    """Return the body's schema errors: parents first, and a node's type error first.

    jsonschema-rs finds them about 100 times faster than python-jsonschema,
    which runs, with its import, only for a body that jsonschema-rs cannot
    convert or when the compiled validator is off.
    """
    compiled = compiled_errors(name, value)
    if compiled is not None:
        return sorted(
            compiled,
            key=lambda error: (
                len(error.absolute_path), error.validator != "type", error.schema_order
            ),
        )
    return sorted(
        _validator(name).iter_errors(value),
        key=lambda error: (len(error.absolute_path), error.validator != "type"),
    )


def _pointer(path: Any) -> str:
    pointer = ""
    for token in path:
        pointer = join_pointer(pointer, token)
    return pointer


def _schema_code(error: Any, model: SchemaModel) -> str | None:
    """Return the code tagged on the schema nodes along the error's schema path.

    python-jsonschema leaves ``$ref`` out of the schema path, so a token the
    current node lacks is looked up in the node its ``$ref`` points to.
    """
    node: Any = model.schema
    code: str | None = node.get(CODE_KEYWORD)
    for token in error.absolute_schema_path:
        while isinstance(node, dict) and token not in node and "$ref" in node:
            node = model.resolve(node)
        try:
            node = node[token]
        except (KeyError, IndexError, TypeError):
            return code
        if isinstance(node, dict) and CODE_KEYWORD in node:
            code = str(node[CODE_KEYWORD])
    return code


def _translate(
    error: Any, pointer: str, model: SchemaModel, document: Document | None, root: JSONValue
) -> Iterator[Problem]:
    keyword = error.validator
    tagged = _schema_code(error, model)
    if tagged is not None:
        yield _tagged(tagged, error, pointer, root)
    elif keyword == "required":
        yield from _missing(error, pointer)
    elif pointer == RECIPE_ID and keyword in {"minimum", "maximum", "type"} and (
        isinstance(error.instance, (int, float)) and not isinstance(error.instance, bool)
    ):
        yield Problem(pointer, _invalid_id_message(error.instance), code="JL105")
    elif keyword == "type":
        yield Problem(
            pointer,
            _wrong_type_message(error, pointer),
            code="JL102",
            fix=_wrong_type_fix(error, pointer, document),
        )
    elif keyword in {"enum", "const"}:
        yield Problem(
            pointer,
            _invalid_value_message(error, pointer),
            code="JL103",
            fix=_invalid_value_fix(error, pointer, document),
        )
    elif keyword == "minLength":
        yield Problem(pointer, f"{describe(pointer)} is empty: write a value", code="JL103")
    elif keyword == "format":
        yield Problem(
            pointer,
            f"{describe(pointer)} is not a valid {error.validator_value}: "
            f"found {show(error.instance)}",
            code="JL103",
        )
    elif keyword in {"additionalProperties", "unevaluatedProperties"}:
        return
    else:
        yield Problem(pointer, f"{describe(pointer)}: {_plain(error)}", code="JL103")


def _invalid_id_message(value: float) -> str:
    if isinstance(value, int) and value > MAX_RECIPE_ID:
        return f"recipe id {value} does not fit in 64 bits: ids are at most {MAX_RECIPE_ID}"
    return f"recipe id must be a positive integer, found {show(value)}"


def _tagged(code: str, error: Any, pointer: str, root: JSONValue) -> Problem:
    """Translate an error of a schema rule tagged with its own code."""
    if code == "JL201":
        # The output object that contains the compression, read from the checked instance.
        try:
            owner = resolve_pointer(root, _pointer(list(error.absolute_path)[:-1]))
        except (LookupError, ValueError):
            owner = None
        return Problem(pointer, _compression_message(error.instance, owner), code=code)
    if code == "JL404":
        return _both_spellings(error.instance, pointer)
    return Problem(pointer, f"{describe(pointer)}: {_plain(error)}", code=code)


def _compression_message(compression: object, output: object) -> str:
    fmt = output.get("format") if isinstance(output, dict) else None
    return (
        f"compression {show(compression)} is only supported for csv and json outputs, "
        f"and this output's format is {show(fmt)}: remove compression or set it to \"none\""
    )


def _both_spellings(overrides: object, pointer: str) -> Problem:
    """Report the spelling of the outputs key that comes second in ``overrides``."""
    keys = [key for key in overrides if key in ("writesettings", "writeSettings")] if isinstance(
        overrides, dict
    ) else []
    second = keys[-1] if keys else "writeSettings"
    first = keys[0] if keys else "writesettings"
    message = (
        f'{describe(pointer)} has both "{first}" and "{second}", two spellings of one key: '
        "keep one and put every output in it"
    )
    # The outputs of both lists are still checked, so this does not claim them.
    return Problem(
        join_pointer(pointer, second), message, target="key", code="JL404", claims_subtree=False
    )


def _missing(error: Any, pointer: str) -> Iterator[Problem]:
    present = error.instance if isinstance(error.instance, dict) else {}
    where = describe(pointer)
    for key in error.validator_value:
        if key not in present:
            yield Problem(
                join_pointer(pointer, key),
                f'missing required key "{key}" in {where}',
                target="parent",
                code="JL101",
            )


def _wrong_type_message(error: Any, pointer: str) -> str:
    expected = error.validator_value
    expected_types = [expected] if isinstance(expected, str) else list(expected)
    found = json_type(error.instance)
    expected_names = " or ".join(_TYPE_NAMES.get(t, t) for t in expected_types)
    message = f"{describe(pointer)} must be {expected_names}, found {_TYPE_NAMES.get(found, found)}"
    literal = _literal_to_write(error.instance, expected_types)
    return f"{message}: write {literal}" if literal else message


def _literal_to_write(value: object, expected: list[str]) -> str | None:
    """Return the JSON text the user most likely meant, if it is clear."""
    if isinstance(value, str):
        stripped = value.strip()
        if "integer" in expected and stripped.isdigit():
            return str(int(stripped))
        if "boolean" in expected and stripped.lower() in {"true", "false"}:
            return stripped.lower()
    if "string" in expected and isinstance(value, (int, float)) and not isinstance(value, bool):
        return json.dumps(json.dumps(value))
    if "string" in expected and isinstance(value, bool):
        return json.dumps(json.dumps(value))
    if "object" in expected and isinstance(value, list):
        if len(value) == 1 and isinstance(value[0], dict):
            return (
                "the object itself, without the surrounding [ ] "
                "(a Python tuple with a trailing comma serialises as a list)"
            )
        return "an object { ... }"
    if "array" in expected and isinstance(value, dict):
        return "a list: wrap the object in [ ]"
    return None


def _invalid_value_message(error: Any, pointer: str) -> str:
    allowed = error.validator_value if error.validator == "enum" else [error.validator_value]
    listed = ", ".join(show(a) for a in allowed)
    message = f"{describe(pointer)} {show(error.instance)} is not allowed: use one of {listed}"
    suggestion = closest_value(error.instance, allowed)
    if suggestion is not None:
        message += f" (did you mean {show(suggestion)}?)"
    return message


def _wrong_type_fix(error: Any, pointer: str, document: Document | None) -> Fix | None:
    """Return the fix for a string that contains an integer id or a boolean, if it is clear."""
    from jobspec_lint.fix.edits import replace_value

    value = error.instance
    expected = error.validator_value
    expected_types = [expected] if isinstance(expected, str) else list(expected)
    if document is None or not isinstance(value, str):
        return None
    if "integer" in expected_types and _DIGITS.fullmatch(value):
        edit = replace_value(document, pointer, int(value))
        description = f"replace the string {show(value)} by the integer {int(value)}"
        return Fix(description, (edit,), safe=True) if edit else None
    if "boolean" in expected_types and value.strip().lower() in {"true", "false"}:
        # A string such as "false" is truthy to a server that casts it, so which
        # boolean the sender meant is a guess: the fix is unsafe.
        literal = value.strip().lower() == "true"
        edit = replace_value(document, pointer, literal)
        description = f"replace the string {show(value)} by the boolean {show(literal)}"
        return Fix(description, (edit,), safe=False) if edit else None
    return None


def _invalid_value_fix(error: Any, pointer: str, document: Document | None) -> Fix | None:
    """Return the fix that writes the closest allowed value.

    It is safe when the value differs from an allowed one only in case, or is
    an alias of it (``parquet`` for ``pqt``), and unsafe for a typo.
    """
    from jobspec_lint.fix.edits import replace_value

    value = error.instance
    if document is None or not isinstance(value, str):
        return None
    allowed = error.validator_value if error.validator == "enum" else [error.validator_value]
    # Only strings: a string is never fixed to null, and closest_value would
    # offer null for any value without an alias when null is allowed.
    suggestion = closest_value(value, [a for a in allowed if isinstance(a, str)])
    if not isinstance(suggestion, str):
        return None
    edit = replace_value(document, pointer, suggestion)
    if edit is None:
        return None
    safe = suggestion.lower() == value.lower() or (
        value.lower() in _EQUIVALENT_ALIASES and VALUE_ALIASES[value.lower()] == suggestion
    )
    return Fix(f"replace {show(value)} by {show(suggestion)}", (edit,), safe=safe)


def _plain(error: Any) -> str:
    """Describe an error of a keyword this module has no message for, without Python reprs."""
    return f"fails the schema keyword {error.validator!r} ({show(error.validator_value)})".replace(
        "'", '"'
    )
