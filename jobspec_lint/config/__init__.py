"""Configuration: finding the file that applies to each linted file, and its settings.

The closest ``.jobspec-lint.toml`` or ``pyproject.toml`` with a
``[tool.jobspec-lint]`` table at or above a file's folder applies to it. Files
further up are not merged in, and ``--config FILE`` replaces the search. An option
given on the command line wins over the file, and the file over the default.
TOML and jsonschema are imported only when a file is read, which keeps the
start of a run without configuration fast.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, NamedTuple

from jobspec_lint.config.errors import ConfigError, display_path
from jobspec_lint.config.files import PYPROJECT_FILE, PYPROJECT_TABLE, absolute, find_config_file
from jobspec_lint.findings import Severity
from jobspec_lint.load import Limits
from jobspec_lint.settings import Settings

__all__ = ["CommandLineSettings", "ConfigError", "ConfigFile", "ConfigResolver", "Origin"]

# The keys of the configuration, in the order --show-settings prints them.
KEYS = (
    "api", "first-run", "select", "ignore", "severity", "per-file-ignores", "include",
    "exclude", "allow-placeholders", "max-bytes", "max-depth", "max-alias-nodes",
)
_LIMITS = Limits()
DEFAULTS: dict[str, Any] = {
    "api": "v3",
    "first-run": False,
    "select": (),
    "ignore": (),
    "severity": {},
    "per-file-ignores": {},
    "include": (),
    "exclude": (),
    "allow-placeholders": (),
    "max-bytes": _LIMITS.max_bytes,
    "max-depth": _LIMITS.max_depth,
    "max-alias-nodes": _LIMITS.max_alias_nodes,
}
# The command-line option that sets each key, where there is one.
OPTIONS = {"api": "--api", "first-run": "--first-run", "select": "--select", "ignore": "--ignore"}


class CommandLineSettings(NamedTuple):
    """The settings given on the command line; ``None`` for an option that was not given."""

    api: str | None = None
    first_run: bool | None = None
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] | None = None

    def value(self, key: str) -> Any:
        return getattr(self, key.replace("-", "_")) if key in OPTIONS else None


class Origin(NamedTuple):
    """The origin of a setting's value: the default, a file or an option."""

    text: str


class ConfigFile:
    """A validated configuration file: its values by key, and its compiled globs.

    Globs are gitignore-style patterns matched against paths relative to
    ``folder``; a path outside ``folder`` matches none of them.
    """

    def __init__(self, path: Path, values: dict[str, Any]) -> None:
        self.path = path
        self.values = values
        self.per_file_ignores: list[tuple[Any, tuple[str, ...]]] = []
        self.include: Any = None
        self.exclude: Any = None

    @property
    def folder(self) -> Path:
        return self.path.parent

    def relative(self, path: Path) -> str | None:
        try:
            return absolute(path).relative_to(self.folder).as_posix()
        except ValueError:
            return None


class ConfigResolver:
    """Return the settings of each linted file, reading each configuration file once.

    ``ConfigError`` is raised by the constructor for an invalid option or
    ``--config`` file, and by the other methods for an invalid file found by
    the search.
    """

    def __init__(
        self,
        command_line: CommandLineSettings | None = None,
        config_file: str | None = None,
        *,
        search: bool = True,
    ) -> None:
        from jobspec_lint.config.load import check_command_line

        self.command_line = check_command_line(command_line or CommandLineSettings())
        self._search = search
        self._fixed: Settings | None = None
        self._by_folder: dict[Path, ConfigFile | None] = {}
        self._by_folder_text: dict[str, ConfigFile | None] = {}
        self._by_file: dict[Path, ConfigFile] = {}
        self._base: dict[Path | None, Settings] = {}
        self._forced = self._load(absolute(Path(config_file))) if config_file else None

    @classmethod
    def fixed(cls, settings: Settings) -> ConfigResolver:
        """Return a resolver that gives every file ``settings`` and reads no configuration."""
        resolver = cls(search=False)
        resolver._fixed = settings
        return resolver

    def config_for(self, path: Path | None) -> ConfigFile | None:
        """Return the configuration of a file (``None``: standard input), or ``None`` if none."""
        if self._forced is not None or not self._search:
            return self._forced
        # A run looks up every file, so the folder is found with string operations
        # and cached by its text, because pathlib costs more than the lookup itself.
        folder = os.path.dirname(os.path.abspath(path)) if path is not None else os.getcwd()
        if folder not in self._by_folder_text:
            self._by_folder_text[folder] = self.config_for_folder(Path(folder))
        return self._by_folder_text[folder]

    def config_for_folder(self, folder: Path) -> ConfigFile | None:
        """Return the configuration of the files directly in ``folder``."""
        if self._forced is not None or not self._search:
            return self._forced
        folder = absolute(folder)
        if folder not in self._by_folder:
            found = find_config_file(folder)
            self._by_folder[folder] = self._load(found) if found is not None else None
        return self._by_folder[folder]

    def settings_for(self, path: Path | None) -> Settings:
        """Return the settings of a file (``None``: standard input), with its per-file ignores."""
        if self._fixed is not None:
            return self._fixed
        config = self.config_for(path)
        base = self._base_settings(config)
        extra = self.per_file_ignores(config, path) if path is not None else ()
        if not extra:
            return base
        return base._replace(ignore=base.ignore + extra)

    def per_file_ignores(self, config: ConfigFile | None, path: Path) -> tuple[str, ...]:
        """Return the codes that ``config``'s per-file-ignores ignore in ``path``."""
        if config is None:
            return ()
        relative = config.relative(path)
        if relative is None:
            return ()
        codes: list[str] = []
        for spec, ignored in config.per_file_ignores:
            if spec.match_file(relative):
                codes.extend(code for code in ignored if code not in codes)
        return tuple(codes)

    def is_excluded(self, path: Path, *, folder: bool = False) -> bool:
        """Return whether ``path`` matches the ``exclude`` globs of the configuration above it."""
        config = self.config_for(path)
        if config is None or config.exclude is None:
            return False
        relative = config.relative(path)
        if relative is None or relative == ".":
            return False
        return bool(config.exclude.match_file(relative + "/" if folder else relative))

    def is_included(self, path: Path) -> bool | None:
        """Return whether ``path`` matches the ``include`` globs, or ``None`` if there are none."""
        config = self.config_for(path)
        if config is None or config.include is None:
            return None
        relative = config.relative(path)
        return relative is not None and bool(config.include.match_file(relative))

    def resolved(self, config: ConfigFile | None) -> dict[str, tuple[Any, Origin]]:
        """Return every key's value and origin: the command line, ``config``, or the default."""
        values: dict[str, tuple[Any, Origin]] = {}
        for key in KEYS:
            given = self.command_line.value(key)
            if given is not None:
                values[key] = (given, Origin(f"from {OPTIONS[key]}"))
            elif config is not None and key in config.values:
                values[key] = (config.values[key], Origin(f"from {display_path(config.path)}"))
            else:
                values[key] = (DEFAULTS[key], Origin("default"))
        return values

    def _base_settings(self, config: ConfigFile | None) -> Settings:
        cache_key = config.path if config is not None else None
        if cache_key not in self._base:
            values = {key: value for key, (value, _) in self.resolved(config).items()}
            self._base[cache_key] = settings_from_values(values)
        return self._base[cache_key]

    def _load(self, path: Path) -> ConfigFile:
        if path not in self._by_file:
            from jobspec_lint.config.load import load_config_file

            self._by_file[path] = load_config_file(path)
        return self._by_file[path]


def settings_from_values(values: dict[str, Any]) -> Settings:
    """Build ``Settings`` from resolved, validated values keyed as the configuration spells them."""
    severity: dict[str, Severity] = dict(values["severity"])
    return Settings(
        api=values["api"],
        first_run=values["first-run"],
        limits=Limits(
            max_bytes=values["max-bytes"],
            max_depth=values["max-depth"],
            max_alias_nodes=values["max-alias-nodes"],
        ),
        select=tuple(values["select"]),
        ignore=tuple(values["ignore"]),
        severity=severity,
        allow_placeholders=tuple(values["allow-placeholders"]),
    )


def table_name(path: Path) -> str:
    """Return the key path of the configuration table inside its file."""
    return ".".join(PYPROJECT_TABLE) if path.name == PYPROJECT_FILE else ""
