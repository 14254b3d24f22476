"""The SARIF 2.1.0 report, for GitHub code scanning and other SARIF viewers.

One run lists every registered rule as a reporting descriptor, so a rule keeps
its ``ruleIndex`` from one report to the next. Columns count UTF-16 code units
(``columnKind: utf16CodeUnits``), as GitHub and most SARIF viewers expect, and
paths are URI references relative to the working folder.
"""

from __future__ import annotations

import json
import re
from typing import Any

from jobspec_lint._version import __version__
from jobspec_lint.engine import FileResult
from jobspec_lint.findings import Finding, Severity
from jobspec_lint.report import ReportOptions
from jobspec_lint.report.fingerprints import fingerprints
from jobspec_lint.report.locations import path_uri, utf16_column
from jobspec_lint.rules import all_rules
from jobspec_lint.rules.base import Rule
from jobspec_lint.rules.docstrings import render_markdown, render_plain_text
from jobspec_lint.runner import RunResult

SCHEMA_URI = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
# The key of the partial fingerprint. Its version suffix changes when the hashed fields do.
FINGERPRINT_KEY = "jobspecLint/v1"
_EXAMPLES = re.compile(r"^(?:Failing|Passing) example", re.MULTILINE)
# The line break before an item of a bullet list.
_BULLET_ITEM = re.compile(r"\n(?=- )")


def render(run: RunResult, options: ReportOptions) -> str:
    return json.dumps(sarif_log(run), indent=2, ensure_ascii=False) + "\n"


def sarif_log(run: RunResult) -> dict[str, Any]:
    """Build the SARIF log of a run as a JSON-ready dictionary."""
    descriptors = [rule_descriptor(rule) for rule in all_rules()]
    located = [(file, finding) for file in run.files for finding in file.findings]
    # The engine stamps only registered codes, but a code outside the registry
    # would still get a descriptor, so that every ruleIndex points at one.
    known = {descriptor["id"] for descriptor in descriptors}
    for _, finding in located:
        if finding.code not in known:
            known.add(finding.code)
            descriptors.append({"id": finding.code, "name": finding.name})
    rule_index = {descriptor["id"]: index for index, descriptor in enumerate(descriptors)}

    digests = fingerprints([finding for _, finding in located])
    results = [
        result_object(file, finding, rule_index[finding.code], digest)
        for (file, finding), digest in zip(located, digests, strict=True)
    ]
    sarif_run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "jobspec-lint",
                "version": __version__,
                "semanticVersion": __version__,
                "rules": descriptors,
            }
        },
        "invocations": [invocation(run)],
        "columnKind": "utf16CodeUnits",
        "results": results,
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [sarif_run]}


def rule_descriptor(rule: Rule) -> dict[str, Any]:
    """Describe a rule: its summary, and its documentation as description and help.

    The documentation is reStructuredText, so the ``text`` fields get it as
    plain text and ``help.markdown`` as Markdown.
    """
    body = documentation_body(rule)
    help_text = render_plain_text(body)
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": description(help_text) or rule.summary},
        "help": {"text": help_text, "markdown": render_markdown(body)},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
    }


def documentation_body(rule: Rule) -> str:
    """Return a rule's documentation without its first line, or its summary if it has none.

    The first line repeats the code, name and summary, which the descriptor
    already carries.
    """
    _, _, body = rule.doc.partition("\n")
    return body.strip() or rule.summary


def description(help_text: str) -> str:
    """Return the paragraphs before the examples, each joined into one line.

    A bullet list keeps one line per item.
    """
    before_examples = _EXAMPLES.split(help_text, maxsplit=1)[0].strip()
    paragraphs = re.split(r"\n\s*\n", before_examples)
    return "\n\n".join(_join_lines(paragraph) for paragraph in paragraphs)


def _join_lines(paragraph: str) -> str:
    items = _BULLET_ITEM.split(paragraph)
    return "\n".join(" ".join(item.split()) for item in items)


def result_object(
    file: FileResult, finding: Finding, rule_index: int, digest: str
) -> dict[str, Any]:
    region = {
        "startLine": finding.line,
        "startColumn": utf16_column(file.lines, finding.line, finding.column),
        "endLine": finding.end_line,
        "endColumn": utf16_column(file.lines, finding.end_line, finding.end_column),
    }
    return {
        "ruleId": finding.code,
        "ruleIndex": rule_index,
        "level": LEVELS[finding.severity],
        "message": {"text": finding.message},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": path_uri(finding.path)},
                    "region": region,
                }
            }
        ],
        "partialFingerprints": {FINGERPRINT_KEY: digest},
        "properties": {"pointer": finding.pointer, "document": finding.document},
    }


def invocation(run: RunResult) -> dict[str, Any]:
    """Record whether the run completed, with its usage errors as notifications.

    An internal error is reported by count only: its text comes from an
    exception and may quote the file, so it stays in the log, where the run
    printed it, and out of a report that is uploaded.
    """
    notifications = [
        {"level": "error", "message": {"text": message}} for message in run.usage_errors
    ]
    if run.internal_errors:
        count = len(run.internal_errors)
        notifications.append({
            "level": "error",
            "message": {
                "text": f"{count} file{'s' if count != 1 else ''} could not be linted because of "
                        "an internal error in jobspec-lint: the log of the run names them"
            },
        })
    result: dict[str, Any] = {"executionSuccessful": not notifications}
    if notifications:
        result["toolExecutionNotifications"] = notifications
    return result
