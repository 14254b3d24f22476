"""``jobspec-lint migrate --scan``: find the v3 calls in the code around the job specs.

The scan matches text line by line, so it finds a literal ``/v3/jobGroups``
in shell, Python, JavaScript, TypeScript or YAML alike, and also one in a
comment. A URL assembled at run time (``"/v" + version``) is not found.
Each match is a JL405 finding with the v4 replacement.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from jobspec_lint.discover import SKIPPED_FOLDERS
from jobspec_lint.engine import FileResult
from jobspec_lint.findings import Finding
from jobspec_lint.positions import LineIndex, Span

# Shell and curl scripts, Python (Airflow DAGs included), JavaScript and
# TypeScript, and YAML workflow files (GitHub Actions, GitLab CI, Argo).
SCAN_EXTENSIONS = frozenset({
    ".sh", ".bash", ".zsh", ".ksh", ".py", ".pyw", ".js", ".mjs", ".cjs", ".jsx",
    ".ts", ".mts", ".cts", ".tsx", ".yaml", ".yml",
})
# A scanned file larger than this is skipped: generated bundles, not code to edit.
MAX_SCAN_BYTES = 10 * 1024 * 1024


@dataclass(frozen=True)
class CallPattern:
    kind: str
    regex: re.Pattern[str]
    message: str


# The status pattern comes first: its match contains the endpoint's, which is
# then not reported again. The id between the two parts may be any expression
# on the same line ("${ID}", "{job_id}", "' + id + '").
PATTERNS = (
    CallPattern(
        "status",
        re.compile(r"/?\bv3/jobGroups/[^\r\n]{1,80}?/status\b"),
        "polls the v3 status request /v3/jobGroups/{id}/status: poll "
        "GET /v4/jobGroups/{id}/status (later releases), or read the status field of "
        "GET /v4/jobGroups/{id} (Release 6.0)",
    ),
    CallPattern(
        "endpoint",
        re.compile(r"/?\bv3/jobGroups\b"),
        "calls the v3 endpoint /v3/jobGroups: call /v4/jobGroups, which takes the same "
        "request body",
    ),
    CallPattern(
        "job group id",
        re.compile(r"\bjobgroupId\b"),
        "reads jobgroupId from the v3 response: the v4 response has the job group id in id",
    ),
    CallPattern(
        "job ids",
        re.compile(r"\bjobIds\b"),
        "reads jobIds from the v3 response: the v4 response lists the jobs in jobs.data, "
        "so read jobs.data[].id",
    ),
)
# Credentials that a script may hold on the same line as a call: a bearer
# token and a user and password in a URL. Reports that mask secrets hide them.
_SECRETS = re.compile(r"(?<=Bearer )[A-Za-z0-9._~+/=-]+|(?<=://)[^/\s:@]+:[^@\s/]+(?=@)")


@dataclass
class ScanResult:
    files: list[FileResult]
    usage_errors: list[str]


def scan_paths(paths: list[str]) -> ScanResult:
    """Scan files and folders; a named file is scanned whatever its extension."""
    result = ScanResult([], [])
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for found in _walk(path):
                _scan_into(found, str(found), result)
        elif path.is_file():
            _scan_into(path, raw, result)
        else:
            result.usage_errors.append(f"cannot read {raw}: no such file or directory: "
                                       "check the path")
    return result


def _walk(root: Path) -> Iterator[Path]:
    # NOTE: .gitignore files are not applied here, unlike the job-spec walk.
    for folder, subfolders, files in os.walk(root):
        subfolders[:] = sorted(name for name in subfolders if name not in SKIPPED_FOLDERS)
        for name in sorted(files):
            if Path(name).suffix.lower() in SCAN_EXTENSIONS:
                yield Path(folder) / name


def _scan_into(path: Path, display: str, result: ScanResult) -> None:
    from jobspec_lint.runner import read_limited

    try:
        data = read_limited(path, MAX_SCAN_BYTES)
    except OSError as error:
        result.usage_errors.append(f"cannot read {display}: {error.strerror or error}")
        return
    if len(data) > MAX_SCAN_BYTES or b"\0" in data[:8192]:
        return
    text = data.decode("utf-8", errors="replace").removeprefix("\ufeff")
    result.files.append(scan_text(text, display))


def scan_text(text: str, path: str) -> FileResult:
    """Return the JL405 findings of one file's text."""
    from jobspec_lint.rules import rules_by_code

    rule = rules_by_code()["JL405"]
    lines = LineIndex(text)
    matched: list[Span] = []
    findings: list[Finding] = []
    for pattern in PATTERNS:
        for match in pattern.regex.finditer(text):
            span = Span(match.start(), match.end())
            if any(span.start < other.end and other.start < span.end for other in matched):
                continue
            matched.append(span)
            start = lines.position(span.start)
            end = lines.position(span.end)
            findings.append(Finding(
                path=path, document=0, line=start.line, column=start.column,
                end_line=end.line, end_column=end.column, code=rule.code, name=rule.name,
                severity=rule.severity, message=pattern.message, pointer="",
            ))
    findings.sort(key=Finding.sort_key)
    secrets = [Span(m.start(), m.end()) for m in _SECRETS.finditer(text)]
    return FileResult(path, findings=findings, lines=lines, redactions=secrets)
