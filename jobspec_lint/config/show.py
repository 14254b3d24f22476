"""The ``--show-settings`` text: every setting that applies to a path, and where it came from."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from jobspec_lint.config import ConfigResolver, table_name
from jobspec_lint.config.errors import display_path, toml_key
from jobspec_lint.findings import Severity


def show_settings(resolver: ConfigResolver, path: str) -> str:
    """Return the settings of the files at ``path`` as TOML, each value with its origin.

    For a folder, the settings are those of the files directly in it.
    """
    target = Path(path)
    config = (
        resolver.config_for_folder(target) if target.is_dir() else resolver.config_for(target)
    )
    lines = [f"# settings for {path}"]
    if config is None:
        lines.append("# configuration file: none found, so the defaults apply")
    else:
        table = table_name(config.path)
        where = f" [{table}]" if table else ""
        lines.append(f"# configuration file: {display_path(config.path)}{where}")
    for key, (value, origin) in resolver.resolved(config).items():
        lines.append(f"{key} = {toml_value(value)}  # {origin.text}")

    if not target.is_dir():
        ignored = resolver.per_file_ignores(config, target)
        if ignored:
            lines.append(f"# per-file-ignores ignore here: {', '.join(ignored)}")
        if resolver.is_excluded(target):
            lines.append(
                "# this file matches exclude: a walk skips it, and a run that names it "
                "skips it only with --force-exclude"
            )
        if resolver.is_included(target) is False:
            lines.append("# this file does not match include: a walk skips it")
    return "\n".join(lines) + "\n"


def toml_value(value: Any) -> str:
    """Return ``value`` as a TOML value: strings, booleans, integers, arrays and inline tables."""
    if isinstance(value, Severity):
        return json.dumps(str(value))
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, dict):
        if not value:
            return "{}"
        items = ", ".join(f"{toml_key(key)} = {toml_value(item)}" for key, item in value.items())
        return f"{{ {items} }}"
    return "[" + ", ".join(toml_value(item) for item in value) + "]"
