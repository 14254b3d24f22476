"""A compiled validator (jsonschema-rs) that checks bodies in place of python-jsonschema.

jsonschema-rs checks a specify-job body against the v3 schema in about 5 µs,
python-jsonschema's ``iter_errors`` in about 2 ms, and importing
python-jsonschema costs about 85 ms of CPU time (timed on a 2-core AMD EPYC).
``is_valid`` accepts most bodies, and ``compiled_errors`` lists the errors of
the others in the form translate.py reads. python-jsonschema runs only for a
body that jsonschema-rs cannot convert, or when ``ENABLED`` is off.

The compiled validator must accept and reject exactly what python-jsonschema
does, so it runs only for schemas whose keywords both libraries read the same
way (``SAFE_KEYWORDS``). Any other schema gets no compiled validator. The
bundled schemas stay the single source of truth: both validators compile the
same dictionary, and the differential tests compare the findings of both.
"""

from __future__ import annotations

from functools import cache
from typing import Any, NamedTuple

from jobspec_lint.document import JSONValue
from jobspec_lint.log import LazyLogger
from jobspec_lint.schema.bundled import load_schema
from jobspec_lint.schema.model import schema_objects

logger = LazyLogger(__name__)

# Turned off by the differential tests, to compare findings with and without it.
ENABLED = True

# Keywords that jsonschema-rs and python-jsonschema evaluate alike for JSON
# values. "format" is checked by a function given below, so both libraries run
# the same check. Keywords such as "pattern" (Rust regex against Python re) and
# "uniqueItems" are left out on purpose.
SAFE_KEYWORDS = frozenset({
    "$schema", "$id", "$ref", "$defs", "$comment", "title", "description", "examples",
    "default", "type", "enum", "const", "properties", "required", "additionalProperties",
    "items", "allOf", "anyOf", "oneOf", "not", "if", "then", "else", "minimum", "maximum",
    "exclusiveMinimum", "exclusiveMaximum", "minLength", "maxLength", "minItems", "maxItems",
    "minProperties", "maxProperties", "format",
})


def _is_date_time(text: str) -> bool:
    # The check python-jsonschema 4.x applies to "date-time" (jsonschema/_format.py,
    # is_datetime) when rfc3339-validator is installed.
    from rfc3339_validator import validate_rfc3339  # type: ignore[import-untyped]

    return bool(validate_rfc3339(text.upper()))


FORMAT_CHECKS = {"date-time": _is_date_time}


def unsafe_keywords(schema: Any) -> set[str]:
    """Return the keywords of a schema outside ``SAFE_KEYWORDS``, and unknown formats.

    Custom annotations (``x-...``) are ignored by both libraries and so are safe.
    """
    found: set[str] = set()
    for node in schema_objects(schema):
        for keyword, value in node.items():
            if keyword.startswith("x-"):
                continue
            if keyword not in SAFE_KEYWORDS:
                found.add(keyword)
            elif keyword == "format" and value not in FORMAT_CHECKS:
                found.add(f"format {value}")
    return found


@cache
def compiled_validator(name: str) -> Any | None:
    """Return the jsonschema-rs validator of a bundled schema, or ``None`` if it has none.

    ``None`` means every body of that schema goes to python-jsonschema: when
    jsonschema-rs is not installed, or the schema uses a keyword outside
    ``SAFE_KEYWORDS``.
    """
    try:
        import jsonschema_rs
    except ImportError:
        logger.debug("jsonschema-rs is not installed: every body goes to python-jsonschema")
        return None
    schema = load_schema(name)
    unsafe = unsafe_keywords(schema)
    if unsafe:
        logger.debug("schema %s uses %s: no compiled validator", name, ", ".join(sorted(unsafe)))
        return None
    return jsonschema_rs.validator_for(
        schema, validate_formats=True, formats=FORMAT_CHECKS, offline=True
    )


class CompiledError(NamedTuple):
    """A jsonschema-rs error with the attributes of python-jsonschema's that translate.py reads.

    ``validator`` is the failing keyword and ``validator_value`` its value in
    the schema. ``absolute_schema_path`` is the keyword's location in the
    schema document, where ``$ref`` targets under ``$defs`` are written out.
    """

    validator: str
    validator_value: Any
    instance: JSONValue
    absolute_path: tuple[str | int, ...]
    absolute_schema_path: tuple[str | int, ...]
    # The position of each step of the error's evaluation path among the keys
    # of its schema object: python-jsonschema reports the errors of one node in
    # this order, as it walks the schema's keywords in order.
    schema_order: tuple[int, ...]


def compiled_errors(name: str, value: JSONValue) -> list[CompiledError] | None:
    """Return the compiled validator's errors for a body, or ``None`` if it cannot check it.

    Each error's instance is read from ``value`` itself, not from
    jsonschema-rs's copy, so that messages show the exact value.
    """
    if not ENABLED:
        return None
    validator = compiled_validator(name)
    if validator is None:
        return None
    try:
        raw = list(validator.iter_errors(value))
    except (ValueError, TypeError, OverflowError, RecursionError) as error:
        logger.debug("jsonschema-rs could not check a body of %s: %s", name, error)
        return None
    schema = load_schema(name)
    return [_compiled_error(name, schema, value, error) for error in raw]


def _compiled_error(name: str, schema: Any, value: JSONValue, error: Any) -> CompiledError:
    schema_path = tuple(error.schema_path)
    parent: Any = schema
    for token in schema_path[:-1]:
        parent = parent[token]
    keyword = schema_path[-1]
    instance: Any = value
    for token in error.instance_path:
        instance = instance[token]
    return CompiledError(
        validator=str(keyword),
        validator_value=parent[keyword],
        instance=instance,
        absolute_path=tuple(error.instance_path),
        absolute_schema_path=schema_path,
        schema_order=_schema_order(name, tuple(error.evaluation_path)),
    )


@cache
def _schema_order(name: str, evaluation_path: tuple[str | int, ...]) -> tuple[int, ...]:
    """Return the position of each step of an evaluation path among its schema object's keys."""
    schema = load_schema(name)
    node: Any = schema
    order: list[int] = []
    for token in evaluation_path:
        if isinstance(node, list):
            order.append(int(token))
            node = node[int(token)]
            continue
        order.append(list(node).index(token))
        node = _local_target(schema, node["$ref"]) if token == "$ref" else node[token]
    return tuple(order)


def _local_target(schema: Any, reference: str) -> Any:
    """Return the node that a local reference (``#/$defs/...``) points to.

    The bundled schemas use no other kind of reference.
    """
    node = schema
    for part in reference.removeprefix("#/").split("/"):
        node = node[part]
    return node


# The last body checked, by schema: the rules' normalizer and the schema
# translation ask about the same body in turn. The reference keeps the body
# alive, so that identity stands for equality.
_last_check: tuple[str, JSONValue, bool] | None = None


def is_valid(name: str, value: JSONValue) -> bool:
    """Return ``True`` only if the compiled validator accepts the body.

    ``False`` means "rejected or not checked": the caller runs python-jsonschema.
    """
    global _last_check
    if not ENABLED:
        return False
    last = _last_check
    if last is not None and last[0] == name and last[1] is value:
        return last[2]
    valid = _check(name, value)
    _last_check = (name, value, valid)
    return valid


def _check(name: str, value: JSONValue) -> bool:
    validator = compiled_validator(name)
    if validator is None:
        return False
    try:
        return bool(validator.is_valid(value))
    except (ValueError, TypeError, OverflowError, RecursionError) as error:
        # A value jsonschema-rs cannot convert (a non-string key, a lone
        # surrogate): python-jsonschema checks it.
        logger.debug("jsonschema-rs could not check a body of %s: %s", name, error)
        return False
