"""Report formats: each module renders a run's findings as one text.

``render`` picks the format's module lazily, so a run imports only the
formatter it uses. The formats in ``STREAMING_FORMATS`` can also print each
file as soon as it is linted (``ReportStream``), so that a run over many
files does not keep their findings.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, NamedTuple

from jobspec_lint.findings import Severity

if TYPE_CHECKING:
    from collections.abc import Callable

    from jobspec_lint.engine import FileResult
    from jobspec_lint.runner import RunResult

FORMATS = ("text", "concise", "json", "sarif", "github", "junit", "gitlab")
# Formats whose text is the text of each file in turn, and then a last part.
STREAMING_FORMATS = frozenset({"text", "concise", "github"})


class ReportOptions(NamedTuple):
    color: bool = False
    quiet: bool = False


def render(format_name: str, run: RunResult, options: ReportOptions) -> str:
    if format_name not in FORMATS:
        raise ValueError(f"unknown report format {format_name!r}")
    module = importlib.import_module(f"{__name__}.{format_name}_report")
    text: str = module.render(run, options)
    return text


class RunTotals:
    """The counts a report's last part shows: files linted and skipped, findings by severity."""

    def __init__(self, skipped: int = 0) -> None:
        self.files = 0
        self.skipped = skipped
        self.severities = dict.fromkeys(Severity, 0)

    @classmethod
    def of(cls, run: RunResult) -> RunTotals:
        totals = cls(run.skipped)
        for file in run.files:
            totals.add(file)
        return totals

    def add(self, file: FileResult) -> None:
        self.files += file.linted
        for finding in file.findings:
            self.severities[finding.severity] += 1

    @property
    def worst(self) -> Severity | None:
        """Return the highest severity found, or ``None`` for a run without findings."""
        return max((s for s, count in self.severities.items() if count), default=None)


class ReportStream:
    """A report that writes each file's part as soon as the file is linted, then the last part."""

    def __init__(self, format_name: str, options: ReportOptions,
                 write: Callable[[str], object]) -> None:
        if format_name not in STREAMING_FORMATS:
            raise ValueError(f"the {format_name!r} report cannot be written file by file")
        self._module = importlib.import_module(f"{__name__}.{format_name}_report")
        self._options = options
        self._write = write
        self.totals = RunTotals()

    def add(self, file: FileResult) -> None:
        self.totals.add(file)
        self._write(self._module.render_file(file, self._options))

    def finish(self, skipped: int) -> None:
        self.totals.skipped = skipped
        self._write(self._module.render_end(self.totals, self._options))
