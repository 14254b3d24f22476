"""One lint run over the paths of a command line: discover, read, lint, collect."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from jobspec_lint.config import ConfigResolver
from jobspec_lint.discover import (
    Candidate,
    Unreadable,
    collect,
    format_for,
    read_error_reason,
)
from jobspec_lint.document import Format
from jobspec_lint.engine import FileResult, lint_loaded
from jobspec_lint.findings import Finding
from jobspec_lint.load import LoadResult, load_bytes
from jobspec_lint.log import LazyLogger
from jobspec_lint.parallel import FileBatch
from jobspec_lint.rules import rules_by_code
from jobspec_lint.settings import Settings
from jobspec_lint.suggest import closest

logger = LazyLogger(__name__)

STDIN = "-"
# Top-level keys that mark a walked file as a job spec. ``overrides`` alone does
# not: npm's package.json has one too.
DISTINCTIVE_KEYS = ("wrangledDataset", "runParameters")
JOB_SETTINGS = frozenset({"execution", "profiler", "writesettings", "writeSettings"})
# Bytes per read once a file turns out longer than the size it reports.
READ_CHUNK_SIZE = 64 * 1024


class RunResult:
    """The files of a run with their findings, and the errors that stopped some of them.

    With a ``sink``, each file's result goes to it in order and is not kept:
    a report that prints each file as it comes keeps a long run's memory flat.
    """

    def __init__(
        self,
        files: list[FileResult] | None = None,
        skipped: int = 0,
        usage_errors: list[str] | None = None,
        internal_errors: list[str] | None = None,
        sink: Callable[[FileResult], None] | None = None,
    ) -> None:
        self.files = [] if files is None else files
        self.skipped = skipped
        self.usage_errors = [] if usage_errors is None else usage_errors
        self.internal_errors = [] if internal_errors is None else internal_errors
        self.sink = sink
        # The options (--output-file, --write-baseline) whose file the run also
        # linted: writing it would replace a job spec.
        self.linted_outputs: list[str] = []

    def add_file(self, file: FileResult) -> None:
        if self.sink is None:
            self.files.append(file)
        else:
            self.sink(file)

    @property
    def findings(self) -> list[Finding]:
        return [finding for file in self.files for finding in file.findings]


def run(paths: list[str], settings: Settings | ConfigResolver, stdin: bytes | None = None,
        stdin_filename: str | None = None, debug: bool = False, *,
        force_exclude: bool = False,
        on_file: Callable[[FileResult], None] | None = None,
        outputs: dict[int, tuple[str, str]] | None = None) -> RunResult:
    """Lint ``paths``; a ``ConfigResolver`` gives each file the settings of its configuration.

    ``Settings`` apply to every file and no configuration file is read. An
    invalid configuration file raises ``ConfigError`` and stops the run. With
    ``on_file``, each file's result goes to it in order instead of into the
    returned ``files``. ``outputs`` maps the identity (``file_id``) of each
    file the command will write to its option: linting such a file is a usage
    error, recorded in ``linted_outputs``. Each file is linted once, however
    many paths reach it.
    """
    resolver = settings if isinstance(settings, ConfigResolver) else ConfigResolver.fixed(settings)
    result = RunResult(sink=on_file)
    batch = FileBatch(result, debug)
    walk = _Walk(resolver, batch, result, force_exclude, outputs or {})
    try:
        walk.add_paths(paths, stdin, stdin_filename, debug)
        # The batch lints the files left, in a process pool when there are many.
        batch.finish()
    finally:
        # A failure (an invalid configuration file found on the way) stops the pool.
        batch.close()
    return result


class _Walk:
    """Gives a batch each file of a run's paths once, with its settings."""

    def __init__(self, resolver: ConfigResolver, batch: FileBatch, result: RunResult,
                 force_exclude: bool, outputs: dict[int, tuple[str, str]]) -> None:
        self.resolver = resolver
        self.batch = batch
        self.result = result
        self.force_exclude = force_exclude
        self.outputs = outputs
        # The identities of the files given to the batch: a file named twice,
        # or named and found again in a folder, is linted once.
        self.seen: set[int] = set()

    def add_paths(self, paths: list[str], stdin: bytes | None, stdin_filename: str | None,
                  debug: bool) -> None:
        """Give the batch each file of ``paths``; lint standard input in order, once."""
        stdin_linted = False
        for raw in paths:
            if raw != STDIN:
                self.add_path(raw)
                continue
            if stdin_linted:
                continue
            stdin_linted = True
            self.batch.finish()
            stdin_path = Path(stdin_filename) if stdin_filename else None
            if (self.force_exclude and stdin_path is not None
                    and self.resolver.is_excluded(stdin_path)):
                continue
            _lint_stdin(stdin or b"", stdin_filename, self.resolver.settings_for(stdin_path),
                        self.result, debug)

    def add_path(self, raw: str) -> None:
        for item in collect([raw], skip=self.resolver.is_excluded):
            if isinstance(item, Unreadable):
                self.batch.add_unreadable(item)
                continue
            candidate = _filtered(item, self.resolver, self.force_exclude)
            if candidate is None:
                continue
            identity = candidate.file_id
            if identity is not None:
                if identity in self.seen:
                    continue
                self.seen.add(identity)
            output = self.outputs.get(identity) if identity is not None else None
            if output is not None and _linted_as_spec(candidate, self.resolver):
                option, output_path = output
                linted_as = "" if output_path == candidate.display else f" ({candidate.display})"
                self.result.linted_outputs.append(option)
                self.result.usage_errors.append(
                    f"{option} {output_path}: is a file this run lints{linted_as}: choose "
                    "another path, so that it is not replaced"
                )
            self.batch.add(candidate, self.resolver.settings_for(candidate.path))


def _linted_as_spec(candidate: Candidate, resolver: ConfigResolver) -> bool:
    """Return whether the run lints ``candidate`` as a job spec, and does not skip it.

    A walked file outside the naming convention is linted only if its content
    looks like a job spec: an earlier report in the walked folder does not.
    """
    if candidate.by_name:
        return True
    try:
        loaded, data = _load_candidate(candidate, resolver.settings_for(candidate.path))
    except OSError:
        return False
    return looks_like_spec(loaded, data)


def _filtered(candidate: Candidate, resolver: ConfigResolver,
              force_exclude: bool) -> Candidate | None:
    """Apply ``exclude`` and ``include`` to a candidate; ``None`` means skip it.

    A file named on the command line is excluded only with ``force_exclude``,
    as ruff does: pre-commit names every changed file, so its hook passes
    ``--force-exclude``. A walked file that matches ``include`` is linted as a
    job spec whatever its name.
    """
    if candidate.explicit:
        return None if force_exclude and resolver.is_excluded(candidate.path) else candidate
    included = resolver.is_included(candidate.path)
    if included is None:
        return candidate
    return candidate._replace(by_name=True) if included else None


def _lint_stdin(data: bytes, filename: str | None, settings: Settings, result: RunResult,
                debug: bool) -> None:
    display = filename or "<stdin>"
    fmt = format_for(display) or sniff_format(data)
    _guarded(lambda: result.add_file(_lint_data(data, display, fmt, settings)), display,
             result, debug)


def _lint_candidate(candidate: Candidate, settings: Settings, result: RunResult,
                    debug: bool) -> None:
    def lint() -> None:
        try:
            loaded, data = _load_candidate(candidate, settings)
        except OSError as error:
            reason = read_error_reason(error, candidate.path)
            _unreadable(Unreadable(candidate.display, reason, candidate.explicit), result)
            return
        if not candidate.by_name and not looks_like_spec(loaded, data):
            result.skipped += 1
            return
        result.add_file(lint_loaded(loaded, candidate.display, settings))

    _guarded(lint, candidate.display, result, debug)


def _load_candidate(candidate: Candidate, settings: Settings) -> tuple[LoadResult, bytes]:
    """Read and parse a file to lint; raise ``OSError`` when it cannot be read."""
    data = read_limited(candidate.path, settings.limits.max_bytes)
    fmt = format_for(candidate.path.name) or sniff_format(data)
    return load_bytes(data, candidate.display, fmt, settings.limits), data


def _lint_data(data: bytes, display: str, fmt: Format, settings: Settings) -> FileResult:
    return lint_loaded(load_bytes(data, display, fmt, settings.limits), display, settings)


def _guarded(action: Callable[[], None], display: str, result: RunResult, debug: bool) -> None:
    """Run one file's work; an unexpected failure is recorded for exit status 3."""
    try:
        action()
    except Exception as error:  # any failure here is a bug to report
        if debug:
            logger.exception("internal error while linting %s", display)
        result.internal_errors.append(f"{display}: {type(error).__name__}: {error}")


# The advice for a path named on the command line that cannot be read, by reason.
_NAMED_PATH_ADVICE = {
    "no such file or directory": "check the path",
    "broken symbolic link": "point the link at a file, or leave it out",
    "symbolic link loop": "fix the link, or leave it out",
    "permission denied": "make the file readable, or leave it out",
    "not a regular file": "name a file or a folder",
}


def _unreadable(item: Unreadable, result: RunResult) -> None:
    if item.explicit:
        advice = _NAMED_PATH_ADVICE.get(item.reason, "check the path")
        result.usage_errors.append(f"cannot read {item.display}: {item.reason}: {advice}")
        return
    rule = rules_by_code()["JL008"]
    finding = Finding(
        path=item.display, document=0, line=1, column=1, end_line=1, end_column=1,
        code=rule.code, name=rule.name, severity=rule.severity,
        message=f"cannot read the file: {item.reason}", pointer="",
    )
    result.add_file(FileResult(item.display, findings=[finding]))


def read_limited(path: Path, max_bytes: int) -> bytes:
    """Read at most ``max_bytes + 1`` bytes: enough to tell that a file is over the limit."""
    with open(path, "rb", buffering=0) as stream:
        # One read of max_bytes + 1 would allocate that much for every file, so
        # the first read requests the size the file reports, and later reads
        # get what a pipe, a /proc file or a growing file has beyond it.
        request = min(os.fstat(stream.fileno()).st_size, max_bytes) + 1
        chunks: list[bytes] = []
        total = 0
        while total <= max_bytes:
            chunk = stream.read(request)
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            request = min(READ_CHUNK_SIZE, max_bytes + 1 - total)
        return b"".join(chunks)


def sniff_format(data: bytes) -> Format:
    """Guess the format of a text with no known extension: JSON if it starts like JSON."""
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    return "json" if head in (b"{", b"[") else "yaml"


def looks_like_spec(loaded: LoadResult, data: bytes) -> bool:
    """Return whether a walked file that does not follow the naming convention is a job spec."""
    if not loaded.documents:
        text = data.decode("utf-8", errors="replace")
        return any(key in text for key in DISTINCTIVE_KEYS)
    for document in loaded.documents:
        body = document.value
        if not isinstance(body, dict):
            continue
        for key, value in body.items():
            if key in DISTINCTIVE_KEYS or closest(key, DISTINCTIVE_KEYS) is not None:
                return True
            if key == "overrides" and isinstance(value, dict) and JOB_SETTINGS & set(value):
                return True
    return False
