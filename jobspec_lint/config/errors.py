"""The configuration error and the path and value spelling its messages use."""

from __future__ import annotations

import datetime
import json
import os
import re
from pathlib import Path

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


class ConfigError(Exception):
    """An invalid configuration file or option: the run stops with exit status 2."""


def display_path(path: Path) -> str:
    """Return ``path`` relative to the working folder when it is below it, else absolute."""
    absolute = os.path.abspath(path)
    cwd = os.getcwd()
    try:
        below = os.path.commonpath([absolute, cwd]) == cwd
    except ValueError:  # another drive on Windows
        below = False
    return Path(os.path.relpath(absolute) if below else absolute).as_posix()


def toml_key(key: str) -> str:
    """Return ``key`` as TOML writes it: bare if it can be, else quoted."""
    return key if _BARE_KEY.fullmatch(key) else json.dumps(key)


def show_value(value: object) -> str:
    """Return a configuration value as a message shows it: JSON-like, never a Python repr."""
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    try:
        return json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):
        return str(value)
