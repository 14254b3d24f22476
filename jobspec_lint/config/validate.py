"""Validating a configuration table against its schema and the rule catalogue."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from jobspec_lint.config.errors import ConfigError, show_value, toml_key
from jobspec_lint.findings import Severity
from jobspec_lint.rules.base import Rule
from jobspec_lint.suggest import closest

_TYPE_WORDS = {
    "string": "a string",
    "boolean": "a boolean (true or false)",
    "integer": "an integer",
    "array": "a list",
    "object": "a table",
}
RULE_REFERENCE_HELP = (
    "use a rule code (JL104), a rule name (unknown-key) or a code prefix (JL1); "
    "'jobspec-lint rules' lists them"
)
# The keys of the severity table: a prefix would give one severity to rules of different kinds.
RULE_HELP = "use a rule code (JL104) or a rule name (unknown-key); 'jobspec-lint rules' lists them"


def validate_table(table: dict[str, Any], origin: str, key_prefix: str) -> None:
    """Raise ``ConfigError`` for the first schema violation in ``table``.

    ``origin`` names the file in the message and ``key_prefix`` is the table's
    own key path (``tool.jobspec-lint`` in ``pyproject.toml``, empty otherwise).
    """
    from jsonschema import Draft202012Validator

    from jobspec_lint.schema.bundled import load_schema

    schema = load_schema("config")
    from jobspec_lint.schema.bundled import offline_registry

    validator = Draft202012Validator(schema, registry=offline_registry())
    errors = sorted(
        validator.iter_errors(table),
        key=lambda error: (len(error.absolute_path), [str(part) for part in error.absolute_path]),
    )
    if not errors:
        return
    error = errors[0]
    path = list(error.absolute_path)
    key = key_path(key_prefix, path)
    raise ConfigError(f"{origin}: {key}: {_schema_message(error, schema)}")


def key_path(prefix: str, parts: Iterable[str | int]) -> str:
    """Return a key's path as TOML spells it: ``tool.jobspec-lint.select[2]``."""
    text = prefix
    for part in parts:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{toml_key(part)}" if text else toml_key(part)
    return text or "the configuration"


def _schema_message(error: Any, schema: dict[str, Any]) -> str:
    keyword = error.validator
    instance = error.instance
    if keyword == "additionalProperties":
        return _unknown_key_message(instance, sorted(schema["properties"]))
    if keyword == "enum":
        allowed = ", ".join(show_value(value) for value in error.validator_value)
        return f"invalid value {show_value(instance)}: use one of {allowed}"
    if keyword == "type":
        expected = _TYPE_WORDS.get(error.validator_value, error.validator_value)
        if error.validator_value == "array" and not isinstance(instance, (list, dict)):
            # The usual slip: one value where the key takes a list of them.
            example = f"[{show_value(instance)}]"
            return f"invalid value {show_value(instance)}: expected {expected}, such as {example}"
        return f"invalid value {show_value(instance)}: expected {expected}"
    if keyword == "minimum":
        return f"invalid value {show_value(instance)}: must be at least {error.validator_value}"
    if keyword == "minLength":
        return "invalid value \"\": must not be empty"
    if keyword == "uniqueItems":
        return f"invalid value {show_value(instance)}: list each item once"
    return f"invalid value {show_value(instance)}"


def _unknown_key_message(table: dict[str, Any], allowed: list[str]) -> str:
    unknown = sorted(key for key in table if key not in allowed)[0]
    suggestion = closest(unknown, allowed)
    hint = f" (did you mean {show_value(suggestion)}?)" if suggestion else ""
    if unknown == "tool" and "api" in allowed:
        # The pyproject.toml table pasted into a .jobspec-lint.toml.
        hint = (" (a .jobspec-lint.toml has its keys at the top level: remove the "
                "[tool.jobspec-lint] line)")
    keys = ", ".join(show_value(key) for key in allowed)
    return f"unknown key {show_value(unknown)}{hint}: allowed keys are {keys}"


def resolve_rule_reference(
    reference: str, rules: Iterable[Rule], *, allow_prefix: bool = True
) -> str | None:
    """Return the code or code prefix that ``reference`` names, or ``None`` if it names no rule.

    Codes and prefixes are matched in any case and names in lower case, so
    ``jl104``, ``JL104`` and ``unknown-key`` all return ``JL104``.
    """
    wanted = reference.strip()
    codes = [rule.code for rule in rules]
    for rule in rules:
        if wanted.upper() == rule.code or wanted.lower() == rule.name:
            return rule.code
    upper = wanted.upper()
    if allow_prefix and upper.startswith("JL") and any(code.startswith(upper) for code in codes):
        return upper
    return None


def rule_references(
    values: list[str], rules: tuple[Rule, ...], where: str, *, allow_prefix: bool = True
) -> tuple[str, ...]:
    """Return ``values`` as codes and prefixes; raise ``ConfigError`` for an unknown one."""
    resolved = []
    for index, value in enumerate(values):
        code = resolve_rule_reference(value, rules, allow_prefix=allow_prefix)
        if code is None:
            raise ConfigError(f"{where}[{index}]: {unknown_rule_message(value, rules)}")
        resolved.append(code)
    return tuple(resolved)


def unknown_rule_message(
    value: str, rules: Iterable[Rule], help_text: str = RULE_REFERENCE_HELP
) -> str:
    rule_list = list(rules)
    candidates = [rule.code for rule in rule_list] + [rule.name for rule in rule_list]
    suggestion = closest(value.strip(), candidates)
    hint = f" (did you mean {show_value(suggestion)}?)" if suggestion else ""
    return f"unknown rule {show_value(value)}{hint}: {help_text}"


def severity_table(
    table: dict[str, str], rules: tuple[Rule, ...], where: str
) -> dict[str, Severity]:
    """Return a ``severity`` table keyed on rule codes; names are accepted, prefixes are not."""
    severities = {}
    for key, value in table.items():
        code = resolve_rule_reference(key, rules, allow_prefix=False)
        if code is None:
            message = unknown_rule_message(key, rules, RULE_HELP)
            raise ConfigError(f"{where}.{toml_key(key)}: {message}")
        severities[code] = Severity.parse(value)
    return severities
