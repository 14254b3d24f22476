"""Finding and reading configuration files: ``.jobspec-lint.toml`` and ``pyproject.toml``."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from jobspec_lint.config.errors import ConfigError, display_path

DEDICATED_FILE = ".jobspec-lint.toml"
PYPROJECT_FILE = "pyproject.toml"
PYPROJECT_TABLE = ("tool", "jobspec-lint")
# In one folder, the dedicated file wins over pyproject.toml, as ruff's .ruff.toml does.
SEARCH_ORDER = (DEDICATED_FILE, PYPROJECT_FILE)


def find_config_file(folder: Path) -> Path | None:
    """Return the closest configuration file at or above ``folder``, or ``None``.

    A ``pyproject.toml`` without a ``[tool.jobspec-lint]`` table is passed over,
    and the search goes on in the parent folder. The search stops at the
    file system's root.
    """
    for candidate_folder in [folder, *folder.parents]:
        for name in SEARCH_ORDER:
            candidate = candidate_folder / name
            if not candidate.is_file():
                continue
            if name == DEDICATED_FILE or has_pyproject_table(candidate):
                return candidate
    return None


def has_pyproject_table(path: Path) -> bool:
    """Return whether a ``pyproject.toml`` has a ``[tool.jobspec-lint]`` table.

    An unreadable ``pyproject.toml``, or an invalid one that does not name the
    table, is passed over: it may belong to another tool. An invalid one that
    names ``tool.jobspec-lint`` counts as ours, so that reading it reports the
    TOML error instead of dropping its settings without a word.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    # A cheap test first: most pyproject.toml files never mention the tool.
    if "jobspec-lint" not in text:
        return False
    import tomllib

    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return "tool.jobspec-lint" in text or 'tool."jobspec-lint"' in text
    tool = document.get("tool")
    return isinstance(tool, dict) and PYPROJECT_TABLE[1] in tool


def read_config_table(path: Path) -> dict[str, Any]:
    """Parse a configuration file and return its jobspec-lint table.

    Raise ``ConfigError`` if the file cannot be read, is not valid TOML, or is
    a ``pyproject.toml`` without the table.
    """
    import tomllib

    shown = display_path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"{shown}: configuration file not found: check the path") from None
    except (OSError, UnicodeDecodeError) as error:
        reason = error.strerror if isinstance(error, OSError) else "not UTF-8 text"
        raise ConfigError(f"{shown}: cannot read the configuration file: {reason}") from None
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{shown}: invalid TOML: {error}") from None

    if path.name != PYPROJECT_FILE:
        return document
    tool = document.get("tool")
    table = tool.get(PYPROJECT_TABLE[1]) if isinstance(tool, dict) else None
    if table is None:
        raise ConfigError(f"{shown}: no [tool.jobspec-lint] table: add one or pass another file")
    if not isinstance(table, dict):
        raise ConfigError(f"{shown}: tool.jobspec-lint must be a table")
    return table


def absolute(path: Path) -> Path:
    """Return ``path`` made absolute without resolving symbolic links, as a user reads it."""
    return Path(os.path.abspath(path))
