"""The fix loop of ``check --fix``: collect the fixes, apply them, lint again.

Each pass applies the fixes whose edits do not overlap, then reads and lints
the new text afresh, because one fix can reveal or move another finding. The
loop stops when no fix is left or after ``MAX_PASSES`` passes. A result that
no longer parses is never returned as fixed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from jobspec_lint.document import Format
from jobspec_lint.engine import FileResult, lint_loaded, schema_model
from jobspec_lint.findings import Edit, Finding, Fix
from jobspec_lint.fix.edits import apply_edits, overlap
from jobspec_lint.fix.files import UTF8_BOM
from jobspec_lint.load import load_bytes
from jobspec_lint.positions import Span
from jobspec_lint.settings import Settings

# Each pass fixes every non-overlapping finding, so two or three passes are
# usual; the bound stops a fix that keeps producing new findings.
MAX_PASSES = 4
# Codes of the problems the text reader reports: a file with one of them in
# its fixed text does not parse as it did.
_TEXT_CODES = ("JL001", "JL002", "JL003", "JL004", "JL006", "JL007")


@dataclass
class FixResult:
    """The outcome of fixing one file's text."""

    path: str
    before: str
    after: str
    bom: bool
    applied: list[Fix] = field(default_factory=list)
    # Fixes left because they are unsafe and unsafe fixes were not requested.
    unsafe_left: int = 0
    # "unparsed": the file does not parse, so it is left as it was. "broken":
    # the fixed text would not parse, a bug in a fix, so the file is left too.
    status: Literal["ok", "unparsed", "broken"] = "ok"
    # Why an "unparsed" file was left, for example its duplicate key.
    unparsed_reason: str = ""
    redactions_before: list[Span] = field(default_factory=list)
    redactions_after: list[Span] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return self.status == "ok" and self.after != self.before


def fix_bytes(
    data: bytes, path: str, fmt: Format, settings: Settings, *, unsafe: bool = False
) -> FixResult:
    """Apply the fixes of one file's findings, safe ones only unless ``unsafe``."""
    from jobspec_lint.load.encoding import decode_bytes

    bom = data.startswith(UTF8_BOM)
    decoded = decode_bytes(data)
    result = FixResult(path, decoded.text, decoded.text, bom)
    text = decoded.text

    for pass_number in range(MAX_PASSES):
        linted = _lint(text, path, fmt, settings)
        if pass_number == 0:
            result.redactions_before = list(linted.redactions)
            reason = reading_problem(linted)
            if reason is not None:
                result.status = "unparsed"
                result.unparsed_reason = reason
                return result
        chosen, unsafe_left = choose_fixes(fixable(linted, settings), unsafe)
        if pass_number == 0:
            result.unsafe_left = unsafe_left
        if not chosen:
            break
        text, applied = apply_fixes(text, chosen)
        result.applied.extend(applied)

    final = _lint(text, path, fmt, settings)
    result.redactions_after = list(final.redactions)
    if reading_problem(final) is not None:
        # A fix must never break a file: this is a bug in a fix, not in the file.
        result.status = "broken"
        return result
    result.after = text
    return result


def _lint(text: str, path: str, fmt: Format, settings: Settings) -> FileResult:
    data = text.encode("utf-8", errors="surrogatepass")
    return lint_loaded(load_bytes(data, path, fmt, settings.limits), path, settings)


def reading_problem(result: FileResult) -> str | None:
    """Return why a file's text cannot be edited safely, worded to follow "because".

    ``None`` means it can. A JL0 finding, such as a duplicate key, means the
    value read may not be the one the sender meant, so fixes and migrations
    leave the file alone.
    """
    for finding in result.findings:
        if finding.code == "JL001":
            return f"the file does not parse ({finding.code} on line {finding.line})"
        if finding.code in _TEXT_CODES:
            return f"of {finding.code} ({finding.name}) on line {finding.line}"
    return None if result.documents else "the file does not parse"


def fixable(result: FileResult, settings: Settings) -> list[tuple[Finding, Fix]]:
    """Return each reported finding of a file with the fix that resolves it.

    The schema translation attaches a fix only when it has the document, so the
    fixes of schema findings are taken from a translation run with it, matched
    to the reported findings by code, document and pointer.
    """
    from jobspec_lint.schema.translate import schema_problems

    schema_fixes: dict[tuple[int, str, str], Fix] = {}
    for document in result.documents:
        if not isinstance(document.value, dict):
            continue
        for problem in schema_problems(document.value, schema_model(settings.api), document):
            if problem.fix is not None and problem.code is not None:
                schema_fixes[(document.index, problem.code, problem.pointer)] = problem.fix

    pairs: list[tuple[Finding, Fix]] = []
    for finding in result.findings:
        fix = finding.fix or schema_fixes.get((finding.document, finding.code, finding.pointer))
        if fix is not None and fix.edits:
            pairs.append((finding, fix))
    return pairs


def choose_fixes(pairs: list[tuple[Finding, Fix]], unsafe: bool) -> tuple[list[Fix], int]:
    """Return the fixes to apply in one pass and the number of unsafe ones left out."""
    chosen: list[Fix] = []
    left = 0
    for _, fix in pairs:
        if fix.safe or unsafe:
            chosen.append(fix)
        else:
            left += 1
    return chosen, left


def apply_fixes(text: str, fixes: list[Fix]) -> tuple[str, list[Fix]]:
    """Apply every fix whose edits overlap no edit of a fix taken before it."""
    accepted: list[Fix] = []
    edits: list[Edit] = []
    for fix in sorted(fixes, key=lambda f: min(e.span.start for e in f.edits)):
        if any(overlap(new, old) for new in fix.edits for old in edits):
            continue
        accepted.append(fix)
        edits.extend(fix.edits)
    fixed, applied = apply_edits(text, edits)
    assert len(applied) == len(edits), "apply_edits dropped an edit that was checked not to overlap"
    return fixed, accepted

