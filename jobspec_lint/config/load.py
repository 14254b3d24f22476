"""Reading one configuration file into a validated ``ConfigFile``, and checking options."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from jobspec_lint.config.errors import ConfigError, display_path, show_value
from jobspec_lint.config.files import read_config_table
from jobspec_lint.config.validate import (
    key_path,
    resolve_rule_reference,
    rule_references,
    severity_table,
    unknown_rule_message,
    validate_table,
)
from jobspec_lint.suppress import known_rules

if TYPE_CHECKING:
    from jobspec_lint.config import CommandLineSettings, ConfigFile


def load_config_file(path: Path) -> ConfigFile:
    """Read, validate and normalise a configuration file; raise ``ConfigError`` if it is invalid."""
    from jobspec_lint.config import ConfigFile, table_name

    table = read_config_table(path)
    origin = display_path(path)
    prefix = table_name(path)
    validate_table(table, origin, prefix)

    rules = known_rules()
    values: dict[str, Any] = dict(table)
    for key in ("select", "ignore"):
        if key in table:
            values[key] = rule_references(table[key], rules, f"{origin}: {key_path(prefix, [key])}")
    if "severity" in table:
        where = f"{origin}: {key_path(prefix, ['severity'])}"
        values["severity"] = severity_table(table["severity"], rules, where)
    config = ConfigFile(path, values)

    per_file: dict[str, tuple[str, ...]] = {}
    for glob, codes in table.get("per-file-ignores", {}).items():
        where = f"{origin}: {key_path(prefix, ['per-file-ignores', glob])}"
        per_file[glob] = rule_references(codes, rules, where)
        config.per_file_ignores.append((_compile([glob], where, indexed=False), per_file[glob]))
    if "per-file-ignores" in table:
        values["per-file-ignores"] = per_file
    for key in ("include", "exclude"):
        if key in table:
            values[key] = tuple(table[key])
        if table.get(key):
            where = f"{origin}: {key_path(prefix, [key])}"
            setattr(config, key, _compile(table[key], where))
    if "allow-placeholders" in table:
        values["allow-placeholders"] = tuple(table["allow-placeholders"])
    return config


def _compile(globs: list[str], where: str, indexed: bool = True) -> Any:
    """Compile a configuration's globs; raise ``ConfigError`` that names the first invalid one.

    ``indexed`` adds the glob's index to ``where``, for a list of globs.
    """
    from jobspec_lint.globs import compile_globs

    spec, invalid = compile_globs(globs)
    if invalid:
        first = invalid[0]
        at = f"{where}[{first.position}]" if indexed else where
        raise ConfigError(
            f"{at}: invalid glob {show_value(first.glob)} ({first.reason}): "
            "correct or remove it"
        )
    return spec


def check_command_line(command_line: CommandLineSettings) -> CommandLineSettings:
    """Return the options with rule names made codes; raise ``ConfigError`` for an unknown rule."""
    if command_line.api not in (None, "v3", "v4"):
        shown = show_value(command_line.api)
        raise ConfigError(f'--api: invalid value {shown}: use one of "v3", "v4"')
    return command_line._replace(
        select=_option_codes("--select", command_line.select),
        ignore=_option_codes("--ignore", command_line.ignore),
    )


def _option_codes(option: str, references: tuple[str, ...] | None) -> tuple[str, ...] | None:
    if references is None:
        return None
    rules = known_rules()
    codes = []
    for reference in references:
        code = resolve_rule_reference(reference, rules)
        if code is None:
            raise ConfigError(f"{option}: {unknown_rule_message(reference, rules)}")
        codes.append(code)
    return tuple(codes)
