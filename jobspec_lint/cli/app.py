"""The ``jobspec-lint`` command.

Only Typer is imported at start-up: every pre-commit run and editor check pays
for each import on this path, so commands import the engine when they run.
"""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import Annotated, NoReturn

import typer

from jobspec_lint._version import __version__
from jobspec_lint.cli.exit_codes import EXIT_CLEAN, EXIT_INTERNAL, EXIT_USAGE

app = typer.Typer(
    name="jobspec-lint",
    help="Lint job specs (request bodies for POST /v3/jobGroups) before they are sent.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


class ReportFormat(StrEnum):
    text = "text"
    concise = "concise"
    json = "json"
    sarif = "sarif"
    github = "github"
    junit = "junit"
    gitlab = "gitlab"


class Api(StrEnum):
    v3 = "v3"
    v4 = "v4"


class FailOn(StrEnum):
    error = "error"
    warning = "warning"
    info = "info"


def split_rule_lists(values: list[str] | None) -> tuple[str, ...] | None:
    """Split repeated, comma-separated rule lists; ``None`` when the option was not given."""
    if values is None:
        return None
    return tuple(item.strip() for value in values for item in value.split(",") if item.strip())


class Color(StrEnum):
    auto = "auto"
    always = "always"
    never = "never"


def _print_version(value: bool) -> None:
    if value:
        from jobspec_lint.schema.versions import schema_versions

        typer.echo(f"jobspec-lint {__version__}")
        for name, version in schema_versions().items():
            typer.echo(f"schema {name} {version}")
        raise typer.Exit(EXIT_CLEAN)


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option("--version", help="Print the tool and schema versions and exit.",
                     callback=_print_version, is_eager=True),
    ] = False,
) -> None:
    """Lint job specs (request bodies for POST /v3/jobGroups) before they are sent."""


@app.command()
def check(
    paths: Annotated[
        list[str] | None,
        typer.Argument(help="Files and folders to lint; '-' reads standard input.",
                       show_default=False, metavar="PATH..."),
    ] = None,
    report_format: Annotated[
        ReportFormat,
        typer.Option("--format",
                     help="Report format: text (with source lines), concise (one line per "
                          "finding), json, sarif (SARIF 2.1.0), github (workflow annotations), "
                          "junit (JUnit XML) or gitlab (GitLab Code Quality)."),
    ] = ReportFormat.text,
    output_file: Annotated[
        str | None,
        typer.Option("--output-file", metavar="PATH",
                     help="Write the --format report to PATH, replacing the file in one step; "
                          "standard output then gets the text report."),
    ] = None,
    api: Annotated[
        Api | None,
        typer.Option(help="API version the bodies target [default: the configuration's api, "
                          "else v3]", show_default=False),
    ] = None,
    first_run: Annotated[
        bool | None,
        typer.Option("--first-run/--no-first-run",
                     help="Treat each body as the first run of its recipe (JL107 becomes an "
                          "error) [default: the configuration's first-run, else no]",
                     show_default=False),
    ] = None,
    select: Annotated[
        list[str] | None,
        typer.Option("--select", metavar="RULES",
                     help="Run only these rules: codes, names or code prefixes (JL1), separated "
                          "by commas; repeatable. Replaces the configuration's select.",
                     show_default=False),
    ] = None,
    ignore: Annotated[
        list[str] | None,
        typer.Option("--ignore", metavar="RULES",
                     help="Never run these rules: codes, names or code prefixes, separated by "
                          "commas; repeatable. Replaces the configuration's ignore.",
                     show_default=False),
    ] = None,
    config: Annotated[
        str | None,
        typer.Option("--config", metavar="FILE",
                     help="Read the configuration from FILE (pyproject.toml or a "
                          ".jobspec-lint.toml) instead of searching each file's folders."),
    ] = None,
    show_settings: Annotated[
        str | None,
        typer.Option("--show-settings", metavar="PATH",
                     help="Print the settings that apply to PATH and where each came from, "
                          "then exit."),
    ] = None,
    force_exclude: Annotated[
        bool,
        typer.Option("--force-exclude",
                     help="Skip files named on the command line that match the configuration's "
                          "exclude (pre-commit hooks need this)."),
    ] = False,
    baseline: Annotated[
        str | None,
        typer.Option("--baseline", metavar="FILE",
                     help="Hide the findings recorded in FILE; entries that match nothing are "
                          "reported as JL503."),
    ] = None,
    write_baseline: Annotated[
        str | None,
        typer.Option("--write-baseline", metavar="FILE",
                     help="Record the current findings in FILE and exit 0 (2 or 3 on a usage "
                          "or internal error)."),
    ] = None,
    fail_on: Annotated[
        FailOn,
        typer.Option("--fail-on",
                     help="Exit 1 when a finding has this severity or a higher one."),
    ] = FailOn.error,
    exit_zero: Annotated[
        bool,
        typer.Option("--exit-zero",
                     help="Exit 0 even with findings; usage and internal errors still exit 2 "
                          "and 3."),
    ] = False,
    quiet: Annotated[
        bool,
        typer.Option(
            "--quiet", "-q", help="Print findings only: no source lines, no summary, no warnings."
        ),
    ] = False,
    stdin_filename: Annotated[
        str | None,
        typer.Option(help="File name for '-' (standard input): shown in findings and "
                          "choosing JSON or YAML by its extension."),
    ] = None,
    color: Annotated[
        Color, typer.Option(help="Colour the text and concise reports on standard output: auto "
                                 "colours a terminal unless NO_COLOR is set, and any output "
                                 "when FORCE_COLOR is set.")
    ] = Color.auto,
    debug: Annotated[
        bool, typer.Option("--debug", help="Show a traceback for internal errors.")
    ] = False,
    fix: Annotated[
        bool,
        typer.Option("--fix", help="Apply the safe fixes to the files, then report what is "
                                   "left. A file that does not parse, or has a JL0 finding "
                                   "such as a duplicate key, is not changed."),
    ] = False,
    unsafe_fixes: Annotated[
        bool,
        typer.Option("--unsafe-fixes",
                     help="With --fix or --diff, also apply the fixes that may change what "
                          "the body means ('jobspec-lint rule CODE' says which)."),
    ] = False,
    diff: Annotated[
        bool,
        typer.Option("--diff", help="Print the fixes as a unified diff and write nothing; exit "
                                    "1 when a file would change."),
    ] = False,
) -> None:
    """Lint job spec files and folders."""
    from jobspec_lint.cli.check import CheckOptions, run_check

    options = CheckOptions(
        paths=paths or [],
        report_format=report_format.value,
        api=api.value if api is not None else None,
        first_run=first_run,
        select=split_rule_lists(select),
        ignore=split_rule_lists(ignore),
        config=config,
        show_settings=show_settings,
        force_exclude=force_exclude,
        baseline=baseline,
        write_baseline=write_baseline,
        fail_on=fail_on.value,
        exit_zero=exit_zero,
        quiet=quiet,
        stdin_filename=stdin_filename,
        color=color.value,
        debug=debug,
        output_file=output_file,
        fix=fix,
        unsafe_fixes=unsafe_fixes,
        diff=diff,
    )
    raise typer.Exit(run_check(options))


@app.command("rules")
def list_rules(
    api: Annotated[
        Api | None, typer.Option(help="List only the rules that run for this API version.")
    ] = None,
) -> None:
    """List every rule: code, name, default severity, targets, fix safety and summary."""
    from jobspec_lint.cli.explain import rules_table

    typer.echo(rules_table(api.value if api else None), nl=False)


@app.command("rule")
def explain_rule(
    code: Annotated[str, typer.Argument(help="A rule code (JL104) or name (unknown-key).")],
) -> None:
    """Explain one rule, with a failing and a passing example."""
    from jobspec_lint.cli.explain import rule_text
    from jobspec_lint.values import show

    text = rule_text(code)
    if text is None:
        typer.echo(
            f"jobspec-lint: error: unknown rule {show(code)}: "
            "run 'jobspec-lint rules' for the list",
            err=True,
        )
        raise typer.Exit(EXIT_USAGE)
    typer.echo(text, nl=False)


# Other linters call this "explain"; the alias stays out of the help to keep one name.
app.command("explain", hidden=True)(explain_rule)


class RanFrom(StrEnum):
    ui = "ui"
    schedule = "schedule"
    api = "api"
    null = "null"


class Spelling(StrEnum):
    camel = "camel"
    # Not "lower", which would hide str.lower.
    lowercase = "lower"


@app.command("migrate")
def migrate(
    paths: Annotated[
        list[str] | None,
        typer.Argument(help="Job spec files and folders; with --scan, code files and folders.",
                       show_default=False, metavar="PATH..."),
    ] = None,
    scan: Annotated[
        bool,
        typer.Option("--scan", help="Find v3 calls in code (shell, Python, JavaScript, "
                                    "TypeScript, YAML workflows) instead: calls to "
                                    "/v3/jobGroups, reads of jobgroupId and jobIds, status "
                                    "polling. Each is a JL405 finding."),
    ] = False,
    diff: Annotated[
        bool, typer.Option("--diff", help="Print the changes as a unified diff; write nothing.")
    ] = False,
    write: Annotated[
        bool, typer.Option("--write", help="Rewrite the files that change, in place.")
    ] = False,
    ranfrom: Annotated[
        RanFrom | None,
        typer.Option("--ranfrom", help='Replace ranfrom "cli", which newer v4 releases do not '
                                       "list, by this value. Without it, \"cli\" stays.",
                     show_default=False),
    ] = None,
    writesettings_spelling: Annotated[
        Spelling | None,
        typer.Option("--writesettings-spelling",
                     help="Rename the outputs key: camel writes writeSettings, lower writes "
                          "writesettings. Without it, the key stays as written.",
                     show_default=False),
    ] = None,
    report_format: Annotated[
        ReportFormat, typer.Option("--format", help="Report format of --scan.")
    ] = ReportFormat.text,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="With --scan: findings only, no source lines.")
    ] = False,
    color: Annotated[
        Color, typer.Option(help="Colour the --scan text report.")
    ] = Color.auto,
) -> None:
    """Move v3 bodies to v4: check each against the v4 schema and list what the calling
    code must change.

    Exit status: 0 when every body is a valid v4 body, and 1 when a result would
    not be one (that file is not changed). 2 is a usage error or a file that
    cannot be read, parsed or written, and 3 an internal error.
    """
    from jobspec_lint.cli.check import use_color, write_diff, write_report
    from jobspec_lint.fix.migrate_command import MigrateCommandOptions, run_migrate

    options = MigrateCommandOptions(
        paths=paths or [],
        scan=scan,
        diff=diff,
        write=write,
        ranfrom=ranfrom.value if ranfrom is not None else None,
        writesettings_spelling=writesettings_spelling.value if writesettings_spelling else None,
        report_format=report_format.value,
        quiet=quiet,
        color=use_color(color.value, sys.stdout.isatty()),
    )
    output = run_migrate(options)
    for line in output.stderr:
        typer.echo(line, err=True)
    for chunk in output.stdout:
        text = chunk if chunk.endswith("\n") else chunk + "\n"
        if diff:
            write_diff(text)
        else:
            write_report(text, report_format.value)
    raise typer.Exit(output.status)


class SchemaName(StrEnum):
    v3 = "v3"
    v3_first_run = "v3-first-run"
    v4 = "v4"


@app.command("schema")
def print_schema(
    name: Annotated[
        SchemaName,
        typer.Argument(help="Which body schema: v3, v3-first-run (overrides required) or v4."),
    ] = SchemaName.v3,
) -> None:
    """Print a bundled JSON Schema, for editors' json.schemas and yaml.schemas settings."""
    from jobspec_lint.cli.schema_command import schema_output

    sys.stdout.write(schema_output(name.value))


@app.command("server")
def language_server(
    stdio: Annotated[
        bool,
        typer.Option("--stdio", help="Use standard input and output, the only transport. "
                                     "Accepted because many LSP clients pass it."),
    ] = False,
    verbose: Annotated[
        int,
        typer.Option("--verbose", "-v", count=True,
                     help="Log more to standard error: -v for starts and stops, -vv for "
                          "every message."),
    ] = 0,
) -> None:
    """Run the language server (LSP over standard input and output) for editors."""
    from jobspec_lint.server import serve

    raise typer.Exit(serve(verbose))


def main() -> NoReturn:
    """Run the command; an unexpected error prints one line and exits 3."""
    debug = "--debug" in sys.argv
    try:
        app()
    except SystemExit:
        raise
    except Exception as error:  # the last guard before a traceback
        if debug:
            raise
        typer.echo(
            f"jobspec-lint: internal error: {type(error).__name__}: {error}. "
            "This is a bug in jobspec-lint: please report it with the command you ran "
            "(run with --debug for a traceback).",
            err=True,
        )
        sys.exit(EXIT_INTERNAL)
    sys.exit(EXIT_CLEAN)
