"""Linting the files of a run in order, in this process or in a pool of worker processes.

A pool costs a fork per worker and the pickling of every result, so it runs
only from ``MIN_FILES_FOR_POOL`` files up. Results are merged in the order of
the files, so the output is the same with and without a pool. Each result keeps
only what reports read: no parsed documents, and the text only of files with
findings, for their source lines.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from jobspec_lint.engine import FileResult
from jobspec_lint.log import LazyLogger
from jobspec_lint.positions import LineIndex

if TYPE_CHECKING:
    from jobspec_lint.discover import Candidate, Unreadable
    from jobspec_lint.runner import RunResult
    from jobspec_lint.settings import Settings

logger = LazyLogger(__name__)

# Below this many files a pool does not pay for its start.
# NOTE: 500 is the break-even measured with bench/pool_threshold.py on one
# 2-core machine, where 500 files took 0.85 times as long with a pool. On a
# machine already busy with other processes a pool gains nothing at any count.
MIN_FILES_FOR_POOL = 500
# Chunks per worker: enough to even out slow files, few enough to keep the
# per-chunk pickling small.
CHUNKS_PER_WORKER = 8
MAX_CHUNK = 500


def compact(file: FileResult) -> FileResult:
    """Return a copy of a file's result that keeps only what the reports read.

    The parsed documents are dropped, and of the text only the lines that
    findings start and end on, for the source lines that reports show.
    """
    if not file.findings:
        return FileResult(file.path)
    lines = file.lines
    if isinstance(lines, LineIndex):
        lines = lines.excerpt(
            {number for finding in file.findings
             for number in (finding.line, finding.end_line)}
        )
    return FileResult(file.path, findings=file.findings, lines=lines,
                      redactions=file.redactions)


class FileBatch:
    """The files of a run, linted together once the batch is complete.

    ``add`` and ``add_unreadable`` only record; ``finish`` lints and merges the
    results into ``result`` in the order the entries were added.
    """

    def __init__(self, result: RunResult, debug: bool = False,
                 min_files_for_pool: int | None = None, workers: int | None = None) -> None:
        self.result = result
        self.debug = debug
        # None reads MIN_FILES_FOR_POOL and the CPUs this process may use.
        self.min_files_for_pool = min_files_for_pool
        self.workers = workers
        self._work: list[tuple[Candidate, Settings] | Unreadable] = []

    def add(self, candidate: Candidate, settings: Settings) -> None:
        self._work.append((candidate, settings))

    def add_unreadable(self, item: Unreadable) -> None:
        self._work.append(item)

    def finish(self) -> None:
        """Lint every file added so far and merge the results in order."""
        from jobspec_lint.discover import Unreadable
        from jobspec_lint.runner import _unreadable

        work, self._work = self._work, []
        jobs = [entry for entry in work if not isinstance(entry, Unreadable)]
        outcomes = self._outcomes(jobs)
        for entry in work:
            if isinstance(entry, Unreadable):
                _unreadable(entry, self.result)
            else:
                _merge(next(outcomes), self.result)

    def _outcomes(self, jobs: list[tuple[Candidate, Settings]]) -> Iterator[RunResult]:
        workers = self.workers or available_cpus()
        threshold = self.min_files_for_pool
        if threshold is None:
            threshold = MIN_FILES_FOR_POOL
        if len(jobs) < threshold or workers < 2:
            return (_lint_one(candidate, settings, self.debug) for candidate, settings in jobs)
        return _pooled(jobs, workers, self.debug)


def available_cpus() -> int:
    """Return the number of CPUs this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def _lint_one(candidate: Candidate, settings: Settings, debug: bool) -> RunResult:
    from jobspec_lint.runner import RunResult, _lint_candidate

    outcome = RunResult()
    _lint_candidate(candidate, settings, outcome, debug)
    outcome.files = [compact(file) for file in outcome.files]
    return outcome


def _lint_chunk(chunk: Sequence[tuple[Candidate, Settings]], debug: bool) -> list[RunResult]:
    return [_lint_one(candidate, settings, debug) for candidate, settings in chunk]


def _pooled(jobs: list[tuple[Candidate, Settings]], workers: int,
            debug: bool) -> Iterator[RunResult]:
    chunk_size = max(1, min(MAX_CHUNK, -(-len(jobs) // (workers * CHUNKS_PER_WORKER))))
    chunks = [jobs[start:start + chunk_size] for start in range(0, len(jobs), chunk_size)]
    logger.debug("linting %d files in %d chunks on %d worker processes",
                 len(jobs), len(chunks), workers)
    # Imported here: runs below the threshold, and every short run, skip the import.
    from concurrent.futures import ProcessPoolExecutor

    _import_readers()
    with ProcessPoolExecutor(max_workers=workers, mp_context=_context()) as pool:
        for outcomes in pool.map(_lint_chunk, chunks, [debug] * len(chunks)):
            yield from outcomes


def _import_readers() -> None:
    """Import the readers and validator before the fork, so that no worker imports them again.

    Forked workers share the parent's modules. Spawned ones (not on Linux)
    import everything anyway.
    """
    import importlib

    for name in ("jobspec_lint.load.json_reader", "jobspec_lint.load.yaml_nodes",
                 "jobspec_lint.schema.translate", "jsonschema_rs"):
        try:
            importlib.import_module(name)
        except ImportError:  # jsonschema-rs is optional: python-jsonschema checks alone
            continue


def _context() -> Any:
    """Return the fork context on Linux, else ``None`` for the platform's default.

    Forked workers start with the engine already imported. macOS system
    libraries may crash in a forked child, so other platforms spawn.
    """
    import multiprocessing

    if sys.platform == "linux":
        return multiprocessing.get_context("fork")
    return None


def _merge(outcome: RunResult, result: RunResult) -> None:
    for file in outcome.files:
        result.add_file(file)
    result.skipped += outcome.skipped
    result.usage_errors.extend(outcome.usage_errors)
    result.internal_errors.extend(outcome.internal_errors)
