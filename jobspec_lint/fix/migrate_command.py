"""The ``migrate`` command's work, returned as text for the command line to print.

Exit statuses:

- 0: every body is a valid v4 body and, with ``--write``, was written.
- 1: a body's result would not be a valid v4 body, so its file is neither
  diffed nor written.
- 2: a usage error, or a file that cannot be read, does not parse (or has a JL0
  finding, such as a duplicate key) or cannot be written.
- 3: an internal error.

``--scan`` exits 0 unless a path cannot be read (2), because its findings are
information.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from jobspec_lint.cli.exit_codes import EXIT_CLEAN, EXIT_FINDINGS, EXIT_INTERNAL, EXIT_USAGE


@dataclass(frozen=True)
class MigrateCommandOptions:
    paths: list[str]
    scan: bool = False
    diff: bool = False
    write: bool = False
    # "ui", "schedule", "api" or "null"; ``None`` keeps ranfrom "cli".
    ranfrom: str | None = None
    writesettings_spelling: str | None = None
    report_format: str = "text"
    quiet: bool = False
    color: bool = False


@dataclass
class CommandOutput:
    stdout: list[str] = field(default_factory=list)
    stderr: list[str] = field(default_factory=list)
    status: int = EXIT_CLEAN

    def raise_status(self, status: int) -> None:
        self.status = max(self.status, status)


def run_migrate(options: MigrateCommandOptions) -> CommandOutput:
    output = CommandOutput()
    problem = _option_problem(options)
    if problem is not None:
        output.stderr.append(f"jobspec-lint: error: {problem}")
        output.status = EXIT_USAGE
        return output
    if options.scan:
        _scan(options, output)
    else:
        _migrate(options, output)
    return output


def _option_problem(options: MigrateCommandOptions) -> str | None:
    if not options.paths:
        return "no paths given: name the job spec files or folders to migrate"
    if options.scan and (options.diff or options.write or options.ranfrom
                         or options.writesettings_spelling):
        return "--scan reports code to change and changes nothing: drop --diff, --write, " \
               "--ranfrom and --writesettings-spelling"
    if options.diff and options.write:
        return "--diff writes nothing and --write rewrites the files: give one of them"
    if "-" in options.paths:
        return "migrate works on files, not on standard input ('-'): name the files instead"
    return None


def _scan(options: MigrateCommandOptions, output: CommandOutput) -> None:
    from jobspec_lint.fix.scan import scan_paths
    from jobspec_lint.report import ReportOptions, render
    from jobspec_lint.runner import RunResult

    scanned = scan_paths(options.paths)
    run = RunResult(files=scanned.files, usage_errors=scanned.usage_errors)
    for message in scanned.usage_errors:
        output.stderr.append(f"jobspec-lint: error: {message}")
        output.raise_status(EXIT_USAGE)
    report = render(options.report_format, run, ReportOptions(color=options.color,
                                                              quiet=options.quiet))
    if report:
        output.stdout.append(report)


def _migrate(options: MigrateCommandOptions, output: CommandOutput) -> None:
    from jobspec_lint.fix.files import encode_text
    from jobspec_lint.fix.migrate import (
        MigrateOptions,
        migrate_bytes,
        render_checklist,
        render_migration,
    )
    from jobspec_lint.report.output_file import replace_contents
    from jobspec_lint.runner import read_limited, run
    from jobspec_lint.settings import Settings

    ranfrom = None if options.ranfrom in (None, "null") else options.ranfrom
    migrate_options = MigrateOptions(
        ranfrom=ranfrom,
        replace_ranfrom=options.ranfrom is not None,
        writesettings_spelling=options.writesettings_spelling,  # type: ignore[arg-type]
    )
    linted = run(options.paths, Settings(api="v3"))
    report = output.stderr if options.diff else output.stdout
    for message in linted.usage_errors:
        output.stderr.append(f"jobspec-lint: error: {message}")
        output.raise_status(EXIT_USAGE)
    for message in linted.internal_errors:
        output.stderr.append(f"jobspec-lint: internal error while reading {message}")
        output.raise_status(EXIT_INTERNAL)

    migrated = 0
    for file in linted.files:
        # The run keeps no parsed documents, so each file is read again here.
        try:
            data = read_limited(Path(file.path), Settings().limits.max_bytes)
        except OSError as error:
            report.append(f"{file.path}: not migrated: cannot read the file: "
                          f"{error.strerror or error}")
            output.raise_status(EXIT_USAGE)
            continue
        migration = migrate_bytes(data, file.path, migrate_options)
        report.extend(render_migration(migration))
        if migration.status == "unparsed":
            output.raise_status(EXIT_USAGE)
            continue
        if migration.status == "invalid":
            output.raise_status(EXIT_FINDINGS)
            continue
        migrated += 1
        if not migration.changed:
            continue
        if options.diff:
            output.stdout.append(migration.diff())
        elif options.write:
            try:
                replace_contents(Path(file.path), encode_text(migration.after, migration.bom))
            except OSError as error:
                output.stderr.append(f"jobspec-lint: error: cannot write {file.path}: "
                                     f"{error.strerror or error}")
                output.raise_status(EXIT_USAGE)
                continue
            report.append(f"  wrote {file.path}")
    if migrated:
        report.extend(render_checklist())
