"""Stable identities for findings, for services that track a finding across runs."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence

from jobspec_lint.findings import Finding
from jobspec_lint.report.locations import report_path


def fingerprints(findings: Sequence[Finding]) -> list[str]:
    """Return one SHA-256 hex digest per finding, in the same order.

    The digest covers the path, the document index, the code and the JSON
    pointer, but not the line or column, so a finding keeps its fingerprint
    when lines above it are added or removed. Findings that share all four get
    an occurrence number in report order, so every fingerprint of one report is
    distinct: GitLab shows only the first finding of a fingerprint.
    """
    seen: dict[tuple[str, int, str, str], int] = {}
    digests = []
    for finding in findings:
        identity = (report_path(finding.path), finding.document, finding.code, finding.pointer)
        occurrence = seen.get(identity, 0)
        seen[identity] = occurrence + 1
        payload = json.dumps([*identity, occurrence], ensure_ascii=False)
        digests.append(hashlib.sha256(payload.encode("utf-8", "surrogatepass")).hexdigest())
    return digests
