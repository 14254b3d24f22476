"""The command's entry point: the usual ``check`` command lines run without importing Typer.

Importing Typer 0.28 costs about 50 ms of CPU time alone, and about 25 ms on
top of the modules a check imports anyway (timed on a 2-core AMD EPYC).
Pre-commit and editors start the command once per run.

``parse_check`` reads the options that those callers pass. Any other command
line (``--help``, another command, an option it does not read, an invalid
value, no paths) returns ``None`` and goes to the Typer app in app.py, which
prints the help and the usage errors. So the fast path changes how long the
command takes to start, not what it prints.
"""

from __future__ import annotations

import errno
import os
import sys
from typing import NoReturn

from jobspec_lint.cli.exit_codes import EXIT_INTERNAL

# Options the fast path reads, by the CheckOptions field they set. Each entry
# must match the Typer option of the same name in app.py: tests/test_fast_path.py
# compares the options both parsers build from the same command lines.
VALUE_OPTIONS = {
    "--format": "report_format",
    "--output-file": "output_file",
    "--api": "api",
    "--config": "config",
    "--fail-on": "fail_on",
    "--stdin-filename": "stdin_filename",
    "--color": "color",
}
LIST_OPTIONS = {"--select": "select", "--ignore": "ignore"}
FLAGS = {
    "--force-exclude": ("force_exclude", True),
    "--exit-zero": ("exit_zero", True),
    "--quiet": ("quiet", True),
    "-q": ("quiet", True),
    "--debug": ("debug", True),
    "--first-run": ("first_run", True),
    "--no-first-run": ("first_run", False),
}
CHOICES = {
    "report_format": ("text", "concise", "json", "sarif", "github", "junit", "gitlab"),
    "api": ("v3", "v4"),
    "fail_on": ("error", "warning", "info"),
    "color": ("auto", "always", "never"),
}


def parse_check(argv: list[str]) -> dict[str, object] | None:
    """Parse a ``check`` command line into CheckOptions fields, or return ``None``.

    ``None`` means the command line needs Typer: it is not ``check``, has an
    option this parser does not read, a value outside the option's choices, a
    value that starts with ``-``, or no paths.
    """
    if not argv or argv[0] != "check":
        return None
    fields: dict[str, object] = {}
    lists: dict[str, list[str]] = {}
    paths: list[str] = []
    arguments = iter(argv[1:])
    for argument in arguments:
        if argument == "--":
            paths.extend(arguments)
            break
        if argument == "-" or not argument.startswith("-"):
            paths.append(argument)
            continue
        name, has_value, value = argument.partition("=")
        if name in FLAGS and not has_value:
            field_name, flag_value = FLAGS[name]
            fields[field_name] = flag_value
            continue
        if name not in VALUE_OPTIONS and name not in LIST_OPTIONS:
            return None
        if not has_value:
            following = next(arguments, None)
            if following is None or (following.startswith("-") and following != "-"):
                return None
            value = following
        if name in LIST_OPTIONS:
            lists.setdefault(LIST_OPTIONS[name], []).append(value)
            continue
        field_name = VALUE_OPTIONS[name]
        if field_name in CHOICES and value not in CHOICES[field_name]:
            return None
        fields[field_name] = value
    if not paths:
        return None
    for field_name, values in lists.items():
        fields[field_name] = tuple(
            item.strip() for value in values for item in value.split(",") if item.strip()
        )
    fields["paths"] = paths
    return fields


def internal_error_text(error: BaseException) -> str:
    return (
        f"jobspec-lint: internal error: {type(error).__name__}: {error}. "
        "This is a bug in jobspec-lint: please report it with the command you ran "
        "(run with --debug for a traceback)."
    )


def main() -> NoReturn:
    """Run the command: a usual ``check`` without Typer, anything else through Typer."""
    _escape_unencodable_output()
    fields = parse_check(sys.argv[1:])
    if fields is None:
        from jobspec_lint.cli.app import main as typer_main

        typer_main()

    from jobspec_lint.cli.check import CheckOptions, run_check

    try:
        status = run_check(CheckOptions(**fields))  # type: ignore[arg-type]
        sys.stdout.flush()
    except KeyboardInterrupt:
        # What Click prints and returns for an interrupted command.
        print("\nAborted!", file=sys.stderr)
        sys.exit(1)
    except OSError as error:
        if error.errno != errno.EPIPE:
            _internal_error(error, bool(fields.get("debug")))
        # The reader of standard output has gone (``| head``): exit 1 quietly, as Click does.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1)
    except Exception as error:  # the last guard before a traceback
        _internal_error(error, bool(fields.get("debug")))
    sys.exit(status)


def _escape_unencodable_output() -> None:
    """Write a character that the output's encoding lacks as an escape, not fail on it.

    With ``PYTHONIOENCODING=ascii``, a path such as ``café.csv`` in a finding
    stopped the report with an internal error.
    """
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")


def _internal_error(error: Exception, debug: bool) -> NoReturn:
    if debug:
        raise error
    print(internal_error_text(error), file=sys.stderr)
    sys.exit(EXIT_INTERNAL)
