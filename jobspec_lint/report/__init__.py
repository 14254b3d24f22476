"""Report formats: each module renders a run's findings as one text.

``render`` picks the format's module lazily, so a run imports only the
formatter it uses.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from jobspec_lint.runner import RunResult

FORMATS = ("text", "concise", "json", "sarif", "github", "junit", "gitlab")


class ReportOptions(NamedTuple):
    color: bool = False
    quiet: bool = False


def render(format_name: str, run: RunResult, options: ReportOptions) -> str:
    if format_name not in FORMATS:
        raise ValueError(f"unknown report format {format_name!r}")
    module = importlib.import_module(f"{__name__}.{format_name}_report")
    text: str = module.render(run, options)
    return text
