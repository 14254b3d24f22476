"""Linting the files of a run in order, in this process or in a pool of worker processes.

A pool costs a fork per worker and the pickling of every result, so it runs
only from ``MIN_FILES_FOR_POOL`` files up. Results are merged in the order of
the files, so the output is the same with and without a pool. Each result keeps
only what reports read: no parsed documents, and of the text only the lines
that findings are on.
"""

from __future__ import annotations

import os
import sys
from collections import deque
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
# Files per chunk sent to a worker: enough to make the pickling per chunk
# small against the linting, few enough to even out slow files.
CHUNK_SIZE = 100
# Chunks per worker sent ahead of the oldest unfinished one: enough to keep
# the workers busy, few enough to keep the memory of a long run flat.
CHUNKS_IN_FLIGHT_PER_WORKER = 4


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
    """The files of a run, linted in order, in a pool of worker processes once there are many.

    ``add`` and ``add_unreadable`` record entries. Once ``MIN_FILES_FOR_POOL``
    files are waiting, the pool starts and gets them in chunks while the
    caller is still finding files, and finished chunks are merged into
    ``result`` as soon as all entries before them are. At most
    ``CHUNKS_IN_FLIGHT_PER_WORKER`` chunks per worker are in the pool, so
    neither the parent nor the workers hold the whole run. ``finish`` lints
    and merges the rest; ``close`` stops the pool if the caller fails first.
    """

    def __init__(self, result: RunResult, debug: bool = False,
                 min_files_for_pool: int | None = None, workers: int | None = None) -> None:
        self.result = result
        self.debug = debug
        # None reads MIN_FILES_FOR_POOL and the CPUs this process may use.
        self._threshold = MIN_FILES_FOR_POOL if min_files_for_pool is None else min_files_for_pool
        self._workers = workers or available_cpus()
        # Entries not yet sent to the pool, in order, and how many are files.
        self._work: list[tuple[Candidate, Settings] | Unreadable] = []
        self._jobs = 0
        self._pool: Any = None
        # Chunks in the pool, oldest first: their entries and the future of their results.
        self._in_flight: deque[tuple[list[tuple[Candidate, Settings] | Unreadable], Any]] = (
            deque()
        )

    def add(self, candidate: Candidate, settings: Settings) -> None:
        self._work.append((candidate, settings))
        self._jobs += 1
        if self._pool is None and self._jobs >= self._threshold and self._workers > 1:
            self._pool = _start_pool(self._workers)
        if self._pool is not None and self._jobs >= CHUNK_SIZE:
            self._submit()
            # Wait for the oldest chunk when the pool has enough to do.
            while len(self._in_flight) > CHUNKS_IN_FLIGHT_PER_WORKER * self._workers:
                self._merge_oldest()

    def add_unreadable(self, item: Unreadable) -> None:
        self._work.append(item)

    def finish(self) -> None:
        """Lint every file added so far and merge all results in order."""
        if self._pool is None:
            work, self._work, self._jobs = self._work, [], 0
            _merge_entries(work, self._lint_here(work), self.result)
            return
        while self._work:
            self._submit()
        while self._in_flight:
            self._merge_oldest()
        self.close()

    def close(self) -> None:
        """Stop the pool, dropping the chunks not yet linted."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
            self._in_flight.clear()

    def _submit(self) -> None:
        """Send the oldest waiting entries, up to ``CHUNK_SIZE`` files, to the pool."""
        from jobspec_lint.discover import Unreadable

        files_taken = 0
        cut = 0
        while cut < len(self._work) and files_taken < CHUNK_SIZE:
            if not isinstance(self._work[cut], Unreadable):
                files_taken += 1
            cut += 1
        entries, self._work = self._work[:cut], self._work[cut:]
        self._jobs -= files_taken
        jobs = [entry for entry in entries if not isinstance(entry, Unreadable)]
        self._in_flight.append((entries, self._pool.submit(_lint_chunk, jobs, self.debug)))

    def _merge_oldest(self) -> None:
        entries, future = self._in_flight.popleft()
        _merge_entries(entries, iter(future.result()), self.result)

    def _lint_here(
        self, work: list[tuple[Candidate, Settings] | Unreadable]
    ) -> Iterator[RunResult]:
        from jobspec_lint.discover import Unreadable

        for entry in work:
            if not isinstance(entry, Unreadable):
                candidate, settings = entry
                yield _lint_one(candidate, settings, self.debug)


def _merge_entries(entries: list[tuple[Candidate, Settings] | Unreadable],
                   outcomes: Iterator[RunResult], result: RunResult) -> None:
    """Merge the entries' results in order: a lint outcome per file, JL008 per unreadable one."""
    from jobspec_lint.discover import Unreadable
    from jobspec_lint.runner import _unreadable

    for entry in entries:
        if isinstance(entry, Unreadable):
            _unreadable(entry, result)
        else:
            _merge(next(outcomes), result)


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


def _start_pool(workers: int) -> Any:
    """Start a pool of worker processes, forked with the readers already imported."""
    # Imported here: runs below the threshold, and every short run, skip the import.
    from concurrent.futures import ProcessPoolExecutor

    logger.debug("linting in a pool of %d worker processes", workers)
    _import_readers()
    return ProcessPoolExecutor(max_workers=workers, mp_context=_context())


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
