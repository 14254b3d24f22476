"""A compiled validator that accepts valid bodies before python-jsonschema runs.

jsonschema-rs checks a specify-job body against the v3 schema in about 5 µs,
python-jsonschema's ``iter_errors`` in about 2 ms, and importing
python-jsonschema costs about 85 ms of CPU time (timed on a 2-core AMD EPYC).
Most bodies are valid, so ``is_valid`` runs first, and only a body it rejects,
or cannot check, goes to python-jsonschema for the detailed errors that
translate.py turns into findings.

The fast path must never accept a body that python-jsonschema rejects, so it
runs only for schemas whose keywords both libraries read the same way
(``SAFE_KEYWORDS``). Any other schema gets no compiled validator. The bundled
schemas stay the single source of truth: both validators compile the same
dictionary.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from jobspec_lint.document import JSONValue
from jobspec_lint.log import LazyLogger
from jobspec_lint.schema.bundled import load_schema

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
# Keywords whose value is a map from names to subschemas, not a schema itself.
_SCHEMA_MAPS = frozenset({"properties", "$defs"})


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
    stack = [schema]
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(node)
            continue
        if not isinstance(node, dict):
            continue
        for keyword, value in node.items():
            if keyword.startswith("x-"):
                continue
            if keyword not in SAFE_KEYWORDS:
                found.add(keyword)
            elif keyword in _SCHEMA_MAPS and isinstance(value, dict):
                stack.extend(value.values())
            elif keyword == "format" and value not in FORMAT_CHECKS:
                found.add(f"format {value}")
            elif keyword not in {"enum", "const", "examples", "default", "required"}:
                stack.append(value)
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


def is_valid(name: str, value: JSONValue) -> bool:
    """Return ``True`` only if the compiled validator accepts the body.

    ``False`` means "rejected or not checked": the caller runs python-jsonschema.
    """
    if not ENABLED:
        return False
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
