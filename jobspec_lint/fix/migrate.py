"""``jobspec-lint migrate``: each v3 body as a v4 body, and what the calling code must change.

A valid v3 body is a valid v4 body: ``POST /v4/jobGroups`` takes the v3 body
of Releases 6.0 and 6.4 unchanged. The body changes only when an option requests it:
``ranfrom`` replaces ``ranfrom: "cli"``, which newer v4 releases no longer
list, and ``writesettings_spelling`` renames the outputs key. Each result is
validated against the v4 schema before it is offered, and a file whose result
would not validate is neither diffed nor written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from jobspec_lint.document import Document, JSONValue
from jobspec_lint.engine import FileResult, lint_loaded
from jobspec_lint.findings import Edit, Finding, Severity
from jobspec_lint.fix.edits import apply_edits, rename_key, replace_value
from jobspec_lint.fix.engine import reading_problem
from jobspec_lint.fix.files import UTF8_BOM, masked_unified_diff
from jobspec_lint.load import load_bytes
from jobspec_lint.positions import LineIndex, Span
from jobspec_lint.settings import Settings
from jobspec_lint.values import show

Spelling = Literal["camel", "lower"]
SPELLINGS: dict[Spelling, tuple[str, str]] = {
    "camel": ("writesettings", "writeSettings"),
    "lower": ("writeSettings", "writesettings"),
}
# The ranfrom values v4 lists besides "cli" (the 2025 cloud API spec, and
# the examples from Release 6.4).
RANFROM_VALUES: tuple[str | None, ...] = (None, "ui", "schedule", "api")

# The changes to the code that sends a body, from the v3 and v4 API references.
CHECKLIST = (
    "endpoint: POST /v3/jobGroups -> POST /v4/jobGroups",
    "job group id in the response: jobgroupId -> id",
    "job ids in the response: jobIds: [5, 6] -> jobs.data[].id",
    "status: GET /v3/jobGroups/{id}/status -> GET /v4/jobGroups/{id}/status (later releases), "
    "or the status field of GET /v4/jobGroups/{id} (Release 6.0)",
    'ranfrom: v4 lists null, "ui", "schedule" and "api"; "cli" only in early v4 (5.1, 6.0)',
    "output key: v4 accepts writesettings or writeSettings, never both in one overrides",
)
CHECKLIST_NOTE = (
    "The v4 response also has jobGraph.vertices and jobGraph.edges, which v3 lacks: "
    "nothing to change for them."
)


@dataclass(frozen=True)
class MigrateOptions:
    # The ranfrom value that replaces "cli"; ``None`` keeps "cli".
    ranfrom: str | None = None
    replace_ranfrom: bool = False
    writesettings_spelling: Spelling | None = None


@dataclass
class BodyMigration:
    """The changes made to one body, and what the user should know about it."""

    label: str
    changes: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass
class FileMigration:
    path: str
    before: str
    after: str
    bom: bool
    status: Literal["valid", "invalid", "unparsed"] = "valid"
    # Why an "unparsed" file was left, for example its duplicate key.
    unparsed_reason: str = ""
    bodies: list[BodyMigration] = field(default_factory=list)
    # The v4 findings that make the result invalid, as "line:column message (CODE)".
    errors: list[str] = field(default_factory=list)
    redactions_before: list[Span] = field(default_factory=list)
    redactions_after: list[Span] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return self.status == "valid" and self.after != self.before

    def diff(self) -> str:
        """Return the unified diff of the migration, with every secret masked."""
        return masked_unified_diff(
            self.path, self.before, self.after, self.redactions_before, self.redactions_after,
            bom=self.bom,
        )


def migrate_bytes(data: bytes, path: str, options: MigrateOptions) -> FileMigration:
    """Migrate the bodies of one file, given its bytes."""
    from jobspec_lint.discover import format_for
    from jobspec_lint.engine import lint_bytes
    from jobspec_lint.runner import sniff_format

    fmt = format_for(path) or sniff_format(data)
    linted = lint_bytes(data, path, fmt, Settings(api="v3"))
    return migrate_file(linted, data.startswith(UTF8_BOM), options)


def migrate_file(linted: FileResult, bom: bool, options: MigrateOptions) -> FileMigration:
    """Migrate the bodies of one file that a v3 lint read, documents included."""
    # A result straight from the engine keeps all of its text.
    text = linted.lines.text if isinstance(linted.lines, LineIndex) else ""
    migration = FileMigration(
        linted.path, text, text, bom, redactions_before=list(linted.redactions)
    )
    reason = reading_problem(linted)
    if reason is not None:
        migration.status = "unparsed"
        migration.unparsed_reason = reason
        return migration

    edits: list[Edit] = []
    many = len(linted.documents) > 1
    for document in linted.documents:
        label = f"{linted.path} (document {document.index + 1})" if many else linted.path
        body = BodyMigration(label)
        edits.extend(_body_edits(document, options, body))
        migration.bodies.append(body)
    migration.after, _ = apply_edits(text, edits)
    _validate(migration)
    return migration


def _body_edits(document: Document, options: MigrateOptions, body: BodyMigration) -> list[Edit]:
    value = document.value
    if not isinstance(value, dict):
        return []
    edits: list[Edit] = []
    line_of = document.lines.position

    if value.get("ranfrom") == "cli":
        if options.replace_ranfrom:
            edit = replace_value(document, "/ranfrom", options.ranfrom)
            if edit is not None:
                edits.append(edit)
                line = line_of(edit.span.start).line
                body.changes.append(f'line {line}: ranfrom "cli" -> {show(options.ranfrom)}')
        else:
            body.notes.append(
                'ranfrom "cli" stays: newer v4 releases do not list it (JL403), so '
                "add --ranfrom ui, schedule, api or null to replace it"
            )

    overrides: JSONValue = value.get("overrides")
    if options.writesettings_spelling is not None and isinstance(overrides, dict):
        old, new = SPELLINGS[options.writesettings_spelling]
        if old in overrides and new not in overrides:
            edit = rename_key(document, f"/overrides/{old}", new)
            if edit is not None:
                edits.append(edit)
                line = line_of(edit.span.start).line
                body.changes.append(f"line {line}: key {old} -> {new}")
    return edits


def _validate(migration: FileMigration) -> None:
    """Read the result again and check each body against the v4 schema."""
    from jobspec_lint.discover import format_for
    from jobspec_lint.runner import sniff_format

    data = migration.after.encode("utf-8", errors="surrogatepass")
    fmt = format_for(migration.path) or sniff_format(data)
    settings = Settings(api="v4")
    result = lint_loaded(load_bytes(data, migration.path, fmt, settings.limits), migration.path,
                         settings)
    migration.redactions_after = list(result.redactions)
    validator = _v4_validator()
    invalid = [d for d in result.documents if not validator.is_valid(d.value)]
    if not result.documents or invalid:
        migration.status = "invalid"
        migration.errors = [_describe(f) for f in result.findings if _is_schema_error(f)]
        if not migration.errors:
            migration.errors = ["the body does not validate against the v4 schema"]


def _v4_validator() -> Any:
    from jsonschema import Draft202012Validator

    from jobspec_lint.schema.bundled import load_schema

    schema = load_schema("v4")
    from jobspec_lint.schema.bundled import offline_registry

    return Draft202012Validator(
        schema, format_checker=Draft202012Validator.FORMAT_CHECKER, registry=offline_registry()
    )


def _is_schema_error(finding: Finding) -> bool:
    """Return whether a finding can explain why a body fails the v4 schema.

    Every error counts, not only JL0 and JL1: the schema's compression rule
    reports as JL201, and a placeholder (JL501) hides the schema's own finding
    on its value.
    """
    return finding.severity >= Severity.ERROR


def _describe(finding: Finding) -> str:
    return f"{finding.line}:{finding.column} {finding.message} ({finding.code})"


def render_migration(migration: FileMigration) -> list[str]:
    """Return the lines that describe one file's migration."""
    if migration.status == "unparsed":
        return [f"{migration.path}: not migrated, because {migration.unparsed_reason}: "
                f"run jobspec-lint check {migration.path}"]
    if migration.status == "invalid":
        header = (f"{migration.path}: not migrated: the result is not a valid v4 body "
                  "(fix the findings of jobspec-lint check first):")
        return [header, *(f"  - {error}" for error in migration.errors)]
    lines: list[str] = []
    for body in migration.bodies:
        if body.changes:
            count = len(body.changes)
            lines.append(f"{body.label}: a valid v4 body after {count} "
                         f"change{'s' if count != 1 else ''}:")
            lines.extend(f"  - {change}" for change in body.changes)
        else:
            lines.append(f"{body.label}: a valid v4 body unchanged: send it to "
                         "POST /v4/jobGroups as it is")
        lines.extend(f"  note: {note}" for note in body.notes)
    return lines


def render_checklist() -> list[str]:
    lines = ["", "Checklist for the code that sends these bodies "
                 "(jobspec-lint migrate --scan PATH finds the places):"]
    lines.extend(f"  [ ] {item}" for item in CHECKLIST)
    lines.append(f"  {CHECKLIST_NOTE}")
    return lines
