"""Loggers that import the ``logging`` module only when they write a message.

A usual run logs nothing, and each import on the start-up path delays every
pre-commit run and every editor check.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import logging


class LazyLogger:
    """A logger by name, created on its first message."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._logger: logging.Logger | None = None

    def _get(self) -> logging.Logger:
        if self._logger is None:
            import logging

            self._logger = logging.getLogger(self.name)
        return self._logger

    def debug(self, message: str, *args: object) -> None:
        self._get().debug(message, *args)

    def exception(self, message: str, *args: object) -> None:
        """Log an error with the traceback of the exception being handled."""
        self._get().exception(message, *args)
