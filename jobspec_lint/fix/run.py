"""``check --fix`` and ``check --diff`` over the files of a lint run.

The command line prints what this returns: nothing here writes to a stream.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from jobspec_lint.discover import format_for
from jobspec_lint.engine import FileResult
from jobspec_lint.fix.engine import FixResult, fix_bytes
from jobspec_lint.fix.files import encode_text, masked_unified_diff
from jobspec_lint.report.output_file import replace_contents
from jobspec_lint.settings import Settings

# Findings about a file rather than a body in it: unreadable, unused suppression.
_NOT_FIXED = frozenset({"JL008", "JL503"})


@dataclass
class FixRun:
    """The outcome of fixing the files of one run."""

    diff: str = ""
    fixes_applied: int = 0
    files_changed: int = 0
    unsafe_left: int = 0
    # Files left unchanged because they do not parse: their JL0 findings give the reason.
    # The files left because they cannot be read safely, with the reason.
    unparsed: list[tuple[str, str]] = field(default_factory=list)
    # A file that could not be written: a usage error (exit 2).
    write_errors: list[str] = field(default_factory=list)
    # A fix whose result would not parse: a bug (exit 3).
    internal_errors: list[str] = field(default_factory=list)

    def summary(self, *, written: bool) -> str:
        verb = "applied" if written else "would apply"
        fixes = f"{self.fixes_applied} fix{'es' if self.fixes_applied != 1 else ''}"
        files = f"{self.files_changed} file{'s' if self.files_changed != 1 else ''}"
        text = f"{verb} {fixes} to {files}"
        if self.unsafe_left:
            text += (
                f"; {self.unsafe_left} unsafe fix{'es' if self.unsafe_left != 1 else ''} "
                "not applied (add --unsafe-fixes to apply them)"
            )
        return text


def fix_files(
    files: list[FileResult],
    settings_for: Callable[[Path], Settings],
    *,
    write: bool,
    unsafe: bool,
) -> FixRun:
    """Fix each linted file; write the fixed files when ``write``, else only diff them."""
    from jobspec_lint.runner import read_limited, sniff_format

    run = FixRun()
    diffs: list[str] = []
    for file in files:
        path = Path(file.path)
        # Only files with a finding of their own: a clean file has nothing to fix,
        # and a baseline file's stale entries (JL503) are not a body's findings.
        if not path.is_file() or all(f.code in _NOT_FIXED for f in file.findings):
            continue
        # A run keeps no parsed documents, so each file is read again here.
        settings = settings_for(path)
        try:
            data = read_limited(path, settings.limits.max_bytes)
        except OSError as error:
            run.write_errors.append(f"cannot read {file.path}: {error.strerror or error}")
            continue
        fmt = format_for(path.name) or sniff_format(data)
        fixed = fix_bytes(data, file.path, fmt, settings, unsafe=unsafe)
        run.unsafe_left += fixed.unsafe_left
        if fixed.status == "unparsed":
            run.unparsed.append((file.path, fixed.unparsed_reason))
            continue
        if fixed.status == "broken":
            run.internal_errors.append(
                f"{file.path}: the fixed text would not parse, so the file was not changed"
            )
            continue
        if not fixed.changed:
            continue
        run.fixes_applied += len(fixed.applied)
        run.files_changed += 1
        diffs.append(masked_diff(fixed))
        if write:
            try:
                replace_contents(path, encode_text(fixed.after, fixed.bom))
            except OSError as error:
                run.write_errors.append(f"cannot write {file.path}: {error.strerror or error}")
    run.diff = "".join(diffs)
    return run


def masked_diff(fixed: FixResult) -> str:
    """Return the diff of a fixed file with every secret masked on both sides."""
    return masked_unified_diff(
        fixed.path, fixed.before, fixed.after, fixed.redactions_before, fixed.redactions_after,
        bom=fixed.bom,
    )
