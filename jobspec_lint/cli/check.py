"""The ``check`` command's work: settings from options, one run, a report, an exit status."""

from __future__ import annotations

import errno
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from jobspec_lint.cli.exit_codes import EXIT_CLEAN, EXIT_FINDINGS, EXIT_INTERNAL, EXIT_USAGE
from jobspec_lint.findings import Severity

if TYPE_CHECKING:
    from collections.abc import Callable

    from jobspec_lint.engine import FileResult
    from jobspec_lint.runner import RunResult


class CheckOptions(NamedTuple):
    paths: list[str]
    report_format: str = "text"
    # None: the option was not given, so the configuration or the default decides.
    api: str | None = None
    first_run: bool | None = None
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] | None = None
    config: str | None = None
    show_settings: str | None = None
    force_exclude: bool = False
    baseline: str | None = None
    write_baseline: str | None = None
    fail_on: str = "error"
    exit_zero: bool = False
    quiet: bool = False
    stdin_filename: str | None = None
    color: str = "auto"
    debug: bool = False
    output_file: str | None = None
    fix: bool = False
    unsafe_fixes: bool = False
    diff: bool = False


def echo_error(message: str) -> None:
    """Print a message on standard error, as ``typer.echo(message, err=True)`` does.

    This module does not import Typer, so that the usual command lines start faster.
    """
    print(message, file=sys.stderr, flush=True)


# The report formats that programs read: UTF-8 whatever the terminal's encoding.
UTF8_FORMATS = frozenset({"json", "sarif", "junit", "gitlab", "github"})


def write_diff(diff: str) -> None:
    """Write a diff to standard output as UTF-8, whatever the locale's encoding is.

    The diff is applied to UTF-8 files, so its lines must be UTF-8 too. Another
    encoding, such as Latin-1, changes non-ASCII lines or fails on a BOM.
    """
    write_utf8(diff, errors="surrogatepass")


def write_report(text: str, report_format: str) -> None:
    """Write a report to standard output: UTF-8 for the formats that programs read.

    JSON and the XML of junit must be UTF-8. With ``PYTHONIOENCODING=ascii``
    the escapes that the text reports get (``\\xed``) would make invalid JSON.
    """
    if report_format in UTF8_FORMATS:
        write_utf8(text, errors="backslashreplace")
    else:
        sys.stdout.write(text)


def write_utf8(text: str, errors: str) -> None:
    """Write ``text`` to standard output as UTF-8 bytes, after what is already written."""
    sys.stdout.flush()
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        # A text-only stream, such as one that replaces sys.stdout in a test.
        sys.stdout.write(text)
        return
    buffer.write(text.encode("utf-8", errors=errors))
    buffer.flush()


def use_color(choice: str, stream_is_tty: bool) -> bool:
    """Decide on colour: the option, then ``NO_COLOR`` and ``FORCE_COLOR``, then the terminal."""
    if choice != "auto":
        return choice == "always"
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return stream_is_tty


def run_check(options: CheckOptions) -> int:
    from jobspec_lint.config import ConfigError
    from jobspec_lint.report import ReportOptions, ReportStream, render

    if options.debug:
        import logging

        logging.basicConfig(level=logging.DEBUG, format="jobspec-lint: %(message)s")
    report_options = ReportOptions(
        color=use_color(options.color, sys.stdout.isatty()), quiet=options.quiet
    )
    problem = output_options_problem(options)
    if problem is not None:
        echo_error(f"jobspec-lint: error: {problem}")
        return EXIT_USAGE
    stream = (
        ReportStream(options.report_format, report_options,
                     lambda text: write_report(text, options.report_format))
        if streams_report(options) else None
    )
    try:
        result = _configured_run(options, on_file=stream.add if stream is not None else None)
    except ConfigError as error:  # a BaselineError is one too
        echo_error(f"jobspec-lint: error: {error}")
        _report_stopped_run(options, str(error))
        return EXIT_USAGE
    except _Done as done:
        return done.status
    if stream is not None:
        _report_errors(result)
        stream.finish(result.skipped)
        _warn_if_nothing_linted(options, result, stream.totals.files)
        return status_of(result, stream.totals.worst, Severity.parse(options.fail_on),
                         options.exit_zero)
    if result.linted_outputs:
        # A file found in a folder is also an output: change no file and write
        # no report, since the run ends with a usage error anyway.
        _report_errors(result)
        return EXIT_USAGE
    if options.fix or options.diff or options.unsafe_fixes:
        fixed = _run_fixes(options, result)
        if isinstance(fixed, int):
            return fixed
        result = fixed
    _report_errors(result)
    _warn_if_nothing_linted(options, result, sum(file.linted for file in result.files))
    status = exit_status(result, Severity.parse(options.fail_on), options.exit_zero)
    stdout_format = options.report_format
    if options.output_file is not None:
        if not write_report_file(options, result):
            status = max(status, EXIT_USAGE)
        stdout_format = "text"
    write_report(render(stdout_format, result, report_options), stdout_format)
    return status


def _warn_if_nothing_linted(options: CheckOptions, result: RunResult, linted: int) -> None:
    """Warn when the paths held no job spec, because a CI step would pass without a word.

    A path that cannot be read is already an error, and ``--quiet`` prints findings only.
    """
    if linted or options.quiet or result.usage_errors or result.internal_errors:
        return
    echo_error("jobspec-lint: warning: no job spec found in the given paths: check the paths, "
               "the naming convention and the configuration's include and exclude")


def _report_stopped_run(options: CheckOptions, message: str) -> None:
    """Write the report of a run that an invalid configuration or baseline stopped.

    The json, sarif, junit and gitlab reports then list the error, the github
    report annotates it, and ``--output-file`` gets that report. A CI job that
    keeps the file finds the error, not the report of an earlier run.
    """
    from jobspec_lint.report import STREAMING_FORMATS, ReportOptions, render
    from jobspec_lint.runner import RunResult

    result = RunResult(usage_errors=[message])
    if options.report_format in STREAMING_FORMATS:
        # The text of these formats has no place for the error, and a summary
        # of "no findings" would be false: they get the error line alone.
        if options.report_format == "github":
            from jobspec_lint.report.github_report import escape_data

            line = f"::error title=jobspec-lint::{escape_data(message)}\n"
        else:
            line = f"jobspec-lint: error: {message}\n"
        if options.output_file is not None:
            _write_output_file(options.output_file, line)
        elif options.report_format == "github":
            # The text and concise reports leave the error to standard error.
            write_report(line, "github")
    elif options.output_file is not None:
        write_report_file(options, result)
    else:
        report_options = ReportOptions(color=False, quiet=options.quiet)
        write_report(render(options.report_format, result, report_options),
                     options.report_format)


def output_options_problem(options: CheckOptions) -> str | None:
    """Return why the options that write files cannot work together or at all, or ``None``.

    Checked before the run, so that a long run does not end on an error that
    the command line already shows.
    """
    if options.write_baseline is not None:
        if options.fix or options.diff or options.unsafe_fixes:
            return ("--write-baseline records the findings as they are, without fixes: "
                    "run --fix first, then --write-baseline")
        if options.output_file is not None:
            return ("--write-baseline writes no report, so --output-file would write "
                    "nothing: use one of them")
    for option, path in _output_paths(options):
        if not path:
            return f"{option} is empty: name a file"
        problem = _output_path_problem(options, option, path)
        if problem is not None:
            return f"{option} {path}: {problem}"
    return None


# The configuration files that a run reads: a report or a baseline must not replace one.
CONFIG_FILE_NAMES = frozenset({"pyproject.toml", ".jobspec-lint.toml"})


def _output_path_problem(options: CheckOptions, option: str, path: str) -> str | None:
    """Return why ``option`` cannot write to ``path``, or ``None``."""
    return _unwritable_reason(path) or _replaced_input_reason(options, option, path)


def _unwritable_reason(path: str) -> str | None:
    """Return why no file can be written at ``path``, or ``None``."""
    if path.endswith(("/", os.sep)):
        # Path() drops the slash, and the file before it would be replaced.
        return "ends with a slash, so it names a folder: name a file"
    target = Path(path)
    # The file a symbolic link points to is the one that would be replaced.
    written = Path(os.path.realpath(path))
    if not written.parent.is_dir():
        folder = written.parent if target.is_symlink() else target.parent
        if folder.exists():
            return f"{folder} is not a folder: name a file in a folder"
        return f"the folder {folder} does not exist: create it first"

    try:
        os.stat(path)
    except OSError as error:
        if error.errno == errno.ELOOP:
            return "is a symbolic link loop: name a file"
    if target.is_dir():
        return "is a folder: name a file"
    return None


def _replaced_input_reason(options: CheckOptions, option: str, path: str) -> str | None:
    """Return which input of the run writing ``path`` would replace, or ``None``."""
    from jobspec_lint.runner import STDIN

    target = Path(path)
    if target.name in CONFIG_FILE_NAMES or Path(os.path.realpath(path)).name in CONFIG_FILE_NAMES:
        return "is a configuration file: choose another path, so that it is not replaced"

    read_by_run = [("--config", options.config)]
    if option == "--output-file":
        # --write-baseline over --baseline is how a baseline is brought up to date.
        read_by_run.append(("--baseline", options.baseline))
    for other, other_path in read_by_run:
        if other_path is not None and _same_file(target, Path(other_path)):
            return (f"is the {other} file that the run reads: choose another path, so that "
                    "it is not replaced")

    # A named file is caught here, before the run. A file found in a named
    # folder is caught by the run, because only the walk finds it.
    named_paths = [named for named in options.paths if named != STDIN]
    if STDIN in options.paths and options.stdin_filename:
        # Standard input is read as this file, as when an editor lints a buffer.
        named_paths.append(options.stdin_filename)
    if target.is_file():
        for named in named_paths:
            if _same_file(target, Path(named)):
                linted_as = "" if named == path else f" ({named})"
                return (f"is a file this run lints{linted_as}: choose another path, so that "
                        "it is not replaced")
    return None


def _same_file(first: Path, second: Path) -> bool:
    try:
        return first.samefile(second)
    except OSError:
        # One of them does not exist yet, so writing the first replaces nothing.
        return False


def _output_paths(options: CheckOptions) -> list[tuple[str, str]]:
    """Return the options that write a file, with their paths."""
    named = [("--output-file", options.output_file), ("--write-baseline", options.write_baseline)]
    return [(option, path) for option, path in named if path is not None]


def _output_file_ids(options: CheckOptions) -> dict[int, tuple[str, str]]:
    """Return the identity of each existing file that an option will replace: option, path."""
    from jobspec_lint.discover import file_id

    outputs: dict[int, tuple[str, str]] = {}
    for option, path in _output_paths(options):
        try:
            info = os.stat(path)
        except OSError:
            # A file that does not exist yet replaces no job spec.
            continue
        outputs[file_id(info)] = (option, path)
    return outputs


def streams_report(options: CheckOptions) -> bool:
    """Return whether the report can be printed file by file, as the run goes.

    Fixes, baselines and report files need the whole run's findings first.
    """
    from jobspec_lint.report import STREAMING_FORMATS

    return (
        options.report_format in STREAMING_FORMATS
        and options.output_file is None
        and options.baseline is None
        and options.write_baseline is None
        and not (options.fix or options.diff or options.unsafe_fixes)
    )


def write_report_file(options: CheckOptions, result: RunResult) -> bool:
    """Write the report to ``--output-file``, or print the error and return False if it fails."""
    from jobspec_lint.report import ReportOptions, render

    assert options.output_file is not None
    if "--output-file" in result.linted_outputs:
        # The run's usage error names the file, which stays as it is.
        return False
    text = render(options.report_format, result, ReportOptions(color=False, quiet=options.quiet))
    return _write_output_file(options.output_file, text)


def _write_output_file(path: str, text: str) -> bool:
    """Replace the file at ``path`` with ``text``, or print the error and return False."""
    from jobspec_lint.report.output_file import write_atomically

    try:
        write_atomically(Path(path), text)
    except OSError as error:
        reason = error.strerror or str(error)
        echo_error(f"jobspec-lint: error: cannot write the report to {path}: {reason}: "
                   "check the path and its permissions")
        return False
    return True


def _run_fixes(options: CheckOptions, result: RunResult) -> RunResult | int:
    """Apply or preview the fixes; return the run to report, or the exit status to stop with.

    ``--diff`` prints the diff, writes nothing and exits 1 when a file would
    change. ``--fix`` writes the fixed files and lints them again, so the report
    shows what is left.
    """
    from jobspec_lint.config import CommandLineSettings, ConfigResolver
    from jobspec_lint.fix.run import fix_files
    from jobspec_lint.runner import STDIN

    if not (options.fix or options.diff):
        echo_error("jobspec-lint: error: --unsafe-fixes needs --fix or --diff")
        return EXIT_USAGE
    if STDIN in options.paths:
        echo_error("jobspec-lint: error: --fix and --diff work on files, not on standard "
                   "input ('-'): name the files instead")
        return EXIT_USAGE
    resolver = ConfigResolver(
        CommandLineSettings(api=options.api, first_run=options.first_run,
                            select=options.select, ignore=options.ignore),
        options.config,
    )
    write = options.fix and not options.diff
    fixing = fix_files(
        result.files, resolver.settings_for, write=write, unsafe=options.unsafe_fixes
    )
    if not write:
        # The diff goes out first, so the summary on standard error follows it
        # even when both streams reach one terminal or log.
        write_diff(fixing.diff)
    for path, reason in fixing.unparsed:
        echo_error(f"jobspec-lint: {path}: not fixed, because {reason}")
    echo_error(f"jobspec-lint: {fixing.summary(written=write)}")
    if not write:
        _report_errors(result)
        status = exit_status(result, exit_zero=True)
        return max(status, EXIT_FINDINGS if fixing.files_changed else EXIT_CLEAN)
    fixed = _configured_run(options)
    fixed.usage_errors.extend(fixing.write_errors)
    fixed.internal_errors.extend(fixing.internal_errors)
    return fixed


class _Done(Exception):
    """A run that ends before any report: --show-settings, --write-baseline, no paths."""

    def __init__(self, status: int) -> None:
        super().__init__(status)
        self.status = status


def _configured_run(
    options: CheckOptions, on_file: Callable[[FileResult], None] | None = None
) -> RunResult:
    """Resolve the configuration, run, and apply the baseline; raise ``_Done`` to stop early.

    ``on_file`` receives each file's result in order, which the run then does not keep.
    """
    from jobspec_lint.config import CommandLineSettings, ConfigResolver
    from jobspec_lint.runner import STDIN, run

    command_line = CommandLineSettings(
        api=options.api, first_run=options.first_run, select=options.select,
        ignore=options.ignore,
    )
    resolver = ConfigResolver(command_line, options.config)
    if options.show_settings is not None:
        from jobspec_lint.config.show import show_settings

        sys.stdout.write(show_settings(resolver, options.show_settings))
        raise _Done(EXIT_CLEAN)
    if not options.paths:
        echo_error("jobspec-lint: error: no paths given: name files or folders to lint, "
                   "or '-' for standard input")
        raise _Done(EXIT_USAGE)

    baseline = None
    if options.baseline is not None:
        from jobspec_lint.baseline import read_baseline

        baseline = read_baseline(options.baseline)
    stdin = sys.stdin.buffer.read() if STDIN in options.paths else None
    result = run(options.paths, resolver, stdin=stdin, stdin_filename=options.stdin_filename,
                 debug=options.debug, force_exclude=options.force_exclude, on_file=on_file,
                 outputs=_output_file_ids(options))

    if options.write_baseline is not None:
        _report_errors(result)
        status = exit_status(result, exit_zero=True)
        if status == EXIT_CLEAN:
            from jobspec_lint.baseline import write_baseline

            entries = write_baseline(options.write_baseline, result.findings)
            findings = len(result.findings)
            echo_error(f"jobspec-lint: wrote {entries} baseline "
                       f"{'entry' if entries == 1 else 'entries'} ({findings} "
                       f"finding{'' if findings == 1 else 's'}) to {options.write_baseline}")
        raise _Done(status)
    if baseline is not None:
        from jobspec_lint.baseline import apply_baseline

        stale = apply_baseline(result.files, baseline, resolver.settings_for(Path(baseline.path)))
        if stale is not None:
            result.files.append(stale)
    return result


def _report_errors(result: RunResult) -> None:
    for message in result.usage_errors:
        echo_error(f"jobspec-lint: error: {message}")
    for message in result.internal_errors:
        echo_error(
            f"jobspec-lint: internal error while linting {message}. This is a bug in "
            "jobspec-lint: please report it with the file (run with --debug for a traceback).",
        )


def exit_status(
    result: object, fail_on: Severity = Severity.ERROR, exit_zero: bool = False
) -> int:
    """Return the run's exit status: the highest of 3 (internal), 2 (usage), 1 (findings), 0.

    Findings count when their severity is ``fail_on`` or higher, and never with
    ``exit_zero``.
    """
    from jobspec_lint.runner import RunResult

    assert isinstance(result, RunResult)
    worst = max((finding.severity for finding in result.findings), default=None)
    return status_of(result, worst, fail_on, exit_zero)


def status_of(
    result: RunResult, worst: Severity | None, fail_on: Severity, exit_zero: bool
) -> int:
    """Return the exit status of a run whose worst finding has severity ``worst``."""
    if result.internal_errors:
        return EXIT_INTERNAL
    if result.usage_errors:
        return EXIT_USAGE
    if exit_zero or worst is None or worst < fail_on:
        return EXIT_CLEAN
    return EXIT_FINDINGS
