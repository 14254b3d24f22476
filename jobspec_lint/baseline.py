"""The baseline: findings recorded once, hidden from later runs until they change.

A baseline file is JSON::

    {
      "version": 1,
      "entries": [
        {"path": "specs/a.json", "document": 0, "code": "JL104", "pointer": "/x", "count": 1}
      ]
    }

An entry is keyed on the file's path (relative to the baseline's folder, with
``/`` separators), the document's index in the file, the rule code and the JSON
pointer of the node. It records no line number, so edits elsewhere in a file
keep it matching. ``count`` is how many findings share the key; a run hides at
most that many. Each entry is written on one line, so a diff shows one line per
change and a stale entry can be reported at its own line.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from jobspec_lint.config.errors import ConfigError
from jobspec_lint.engine import FileResult
from jobspec_lint.findings import Finding
from jobspec_lint.positions import LineIndex
from jobspec_lint.settings import Settings
from jobspec_lint.suppress import UNUSED_CODE, unused_suppression_finding

BASELINE_VERSION = 1
_HELP = "rewrite it with --write-baseline"


class BaselineError(ConfigError):
    """A baseline file that is missing, unreadable or invalid: exit status 2.

    It is a ``ConfigError`` so that ``check`` catches both without importing this
    module on runs that use no baseline.
    """


@dataclass(frozen=True, order=True)
class BaselineKey:
    path: str
    document: int
    code: str
    pointer: str


@dataclass
class Baseline:
    """A baseline file read back: the recorded count of each key, and each entry's line."""

    path: str
    counts: dict[BaselineKey, int] = field(default_factory=dict)
    lines: dict[BaselineKey, int] = field(default_factory=dict)
    text: str = ""

    @property
    def folder(self) -> Path:
        return Path(os.path.abspath(self.path)).parent


def finding_key(finding: Finding, folder: Path) -> BaselineKey:
    """Return the key of ``finding``, with its path relative to the baseline's ``folder``."""
    return BaselineKey(relative_path(finding.path, folder), finding.document, finding.code,
                       finding.pointer)


def relative_path(path: str, folder: Path) -> str:
    if path.startswith("<"):  # standard input without --stdin-filename
        return path
    try:
        return Path(os.path.relpath(os.path.abspath(path), folder)).as_posix()
    except ValueError:  # another drive on Windows
        return Path(os.path.abspath(path)).as_posix()


def entry_line(key: BaselineKey, count: int) -> str:
    """Return the JSON text of one entry, as the baseline writes it on its own line."""
    entry = {"path": key.path, "document": key.document, "code": key.code,
             "pointer": key.pointer, "count": count}
    return json.dumps(entry, ensure_ascii=False)


def baseline_text(counts: Counter[BaselineKey]) -> str:
    entries = [f"    {entry_line(key, counts[key])}" for key in sorted(counts)]
    body = ",\n".join(entries)
    entries_text = f"[\n{body}\n  ]" if entries else "[]"
    return f'{{\n  "version": {BASELINE_VERSION},\n  "entries": {entries_text}\n}}\n'


def write_baseline(path: str, findings: Iterable[Finding]) -> int:
    """Write the baseline of ``findings`` to ``path`` atomically; return the number of entries.

    The text goes to a temporary file in the same folder, which then replaces
    ``path`` in one rename, so a reader never sees a partial file and a failed
    write leaves the old baseline as it was. Raise ``BaselineError`` on failure.
    """
    from jobspec_lint.report.output_file import write_atomically

    target = Path(os.path.abspath(path))
    counts = Counter(finding_key(finding, target.parent) for finding in findings)
    try:
        write_atomically(target, baseline_text(counts))
    except OSError as error:
        reason = error.strerror or str(error)
        raise BaselineError(f"cannot write the baseline {path}: {reason}") from None
    return len(counts)


def read_baseline(path: str) -> Baseline:
    """Read and validate a baseline file; raise ``BaselineError`` naming what is wrong."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise BaselineError(
            f"baseline {path} not found: create it with --write-baseline {path}"
        ) from None
    except (OSError, UnicodeDecodeError) as error:
        reason = error.strerror if isinstance(error, OSError) else "not UTF-8 text"
        raise BaselineError(f"cannot read the baseline {path}: {reason}") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise BaselineError(
            f"invalid baseline {path}: not valid JSON (line {error.lineno}, column "
            f"{error.colno}: {error.msg}): {_HELP}"
        ) from None

    baseline = Baseline(path, text=text)
    for key, count in _entries(data, path):
        baseline.counts[key] = baseline.counts.get(key, 0) + count
    _find_lines(baseline)
    return baseline


def _entries(data: object, path: str) -> Iterable[tuple[BaselineKey, int]]:
    def invalid(what: str) -> BaselineError:
        return BaselineError(f"invalid baseline {path}: {what}: {_HELP}")

    if not isinstance(data, dict):
        raise invalid("the top level must be an object")
    if data.get("version") != BASELINE_VERSION:
        raise invalid(
            f'"version" is {json.dumps(data.get("version"))}, this jobspec-lint reads '
            f"version {BASELINE_VERSION}"
        )
    entries = data.get("entries")
    if not isinstance(entries, list):
        raise invalid('"entries" must be a list')
    for index, entry in enumerate(entries):
        if not isinstance(entry, dict):
            raise invalid(f"entries[{index}] must be an object")
        strings = {name: entry.get(name) for name in ("path", "code", "pointer")}
        integers = {name: entry.get(name) for name in ("document", "count")}
        texts: dict[str, str] = {}
        numbers: dict[str, int] = {}
        for name, value in strings.items():
            if not isinstance(value, str):
                raise invalid(f"entries[{index}].{name} must be a string")
            texts[name] = value
        for name, value in integers.items():
            least = 1 if name == "count" else 0
            if not isinstance(value, int) or isinstance(value, bool) or value < least:
                raise invalid(f"entries[{index}].{name} must be an integer of at least {least}")
            numbers[name] = value
        key = BaselineKey(texts["path"], numbers["document"], texts["code"], texts["pointer"])
        yield key, numbers["count"]


def _find_lines(baseline: Baseline) -> None:
    """Find the line of each entry written as ``write_baseline`` writes it; others stay unknown."""
    lines = baseline.text.splitlines()
    for key, count in baseline.counts.items():
        written = entry_line(key, count)
        for number, line in enumerate(lines, start=1):
            if line.strip().rstrip(",") == written:
                baseline.lines[key] = number
                break


def apply_baseline(
    files: list[FileResult], baseline: Baseline, settings: Settings
) -> FileResult | None:
    """Hide the recorded findings in ``files``; return JL503 findings for entries left unmatched.

    ``settings`` are those of the baseline file itself: they decide whether JL503
    is reported and at which severity. The returned result belongs to the
    baseline file, or is ``None`` when every entry matched.
    """
    remaining = dict(baseline.counts)
    for file in files:
        kept = []
        for finding in file.findings:
            key = finding_key(finding, baseline.folder)
            if remaining.get(key, 0) > 0:
                remaining[key] -= 1
                continue
            kept.append(finding)
        file.findings = kept

    from jobspec_lint.engine import is_selected

    if not is_selected(UNUSED_CODE, settings):
        return None
    stale = []
    for key, count in sorted(remaining.items()):
        if count == 0:
            continue
        line = baseline.lines.get(key, 1)
        column, end_column = _entry_columns(baseline.text, line, key in baseline.lines)
        stale.append(unused_suppression_finding(
            baseline.path, 0, line, column, end_column, _stale_message(key, count, baseline),
            settings,
        ))
    if not stale:
        return None
    return FileResult(baseline.path, findings=stale, lines=LineIndex(baseline.text), linted=False)


def _entry_columns(text: str, line: int, known: bool) -> tuple[int, int]:
    if not known:
        return 1, 1
    line_text = LineIndex(text).line_text(line)
    start = len(line_text) - len(line_text.lstrip())
    return start + 1, len(line_text.rstrip().rstrip(",")) + 1


def _stale_message(key: BaselineKey, unmatched: int, baseline: Baseline) -> str:
    recorded = baseline.counts[key]
    node = f"pointer {key.pointer}" if key.pointer else "the document root"
    where = f"{key.code} at {node} in {key.path}"
    if key.document:
        where += f" (document {key.document})"
    if unmatched == recorded:
        found = "no longer matches any finding"
    else:
        found = f"matches {recorded - unmatched} of its {recorded} findings"
    return f"baseline entry {where} {found}: {_HELP}"
