"""The JUnit XML report, for CI services that show test results (Jenkins, GitLab, Azure).

One ``<testsuite>`` contains a ``<testcase>`` per linted file. Each finding at or
above warning is a ``<failure>`` of its file, so a file with findings fails and
a clean file passes. Info findings go to the file's ``<system-out>``. Usage and
internal errors of the run are ``<error>`` elements of one extra testcase,
named ``jobspec-lint run``.

``failures`` and ``errors`` count testcases, not elements, as JUnit runners
count failed tests.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from jobspec_lint.engine import FileResult
from jobspec_lint.findings import Finding, Severity
from jobspec_lint.report import ReportOptions
from jobspec_lint.runner import RunResult

SUITE_NAME = "jobspec-lint"
RUN_CASE_NAME = "jobspec-lint run"
# Characters that XML 1.0 does not allow in a document, lone surrogates among them.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def render(run: RunResult, options: ReportOptions) -> str:
    suite = ET.Element("testsuite", name=SUITE_NAME)
    failures = 0
    for file in run.files:
        if add_file_case(suite, file):
            failures += 1
    errors = 1 if add_run_case(suite, run) else 0
    suite.set("tests", str(len(suite)))
    suite.set("failures", str(failures))
    suite.set("errors", str(errors))
    suite.set("skipped", "0")
    ET.indent(suite)
    body = ET.tostring(suite, encoding="unicode")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{body}\n'


def add_file_case(suite: ET.Element, file: FileResult) -> bool:
    """Add the testcase of one file and return whether it failed."""
    case = ET.SubElement(suite, "testcase", classname=SUITE_NAME, name=xml_text(file.path))
    failing = [finding for finding in file.findings if finding.severity >= Severity.WARNING]
    for finding in failing:
        failure = ET.SubElement(
            case, "failure", type=finding.code, message=xml_text(first_line(finding.message))
        )
        failure.text = xml_text(finding_text(finding))
    notes = [finding for finding in file.findings if finding.severity < Severity.WARNING]
    if notes:
        output = ET.SubElement(case, "system-out")
        output.text = xml_text("\n\n".join(finding_text(finding) for finding in notes))
    return bool(failing)


def add_run_case(suite: ET.Element, run: RunResult) -> bool:
    """Add a testcase with the run's usage and internal errors, if it has any.

    An internal error is reported by count only: its text comes from an
    exception and may quote the file, so it stays in the log of the run.
    """
    if not run.usage_errors and not run.internal_errors:
        return False
    case = ET.SubElement(suite, "testcase", classname=SUITE_NAME, name=RUN_CASE_NAME)
    for message in run.usage_errors:
        error = ET.SubElement(case, "error", type="usage-error", message=xml_text(message))
        error.text = xml_text(message)
    if run.internal_errors:
        count = len(run.internal_errors)
        message = (
            f"{count} file{'s' if count != 1 else ''} could not be linted because of an "
            "internal error in jobspec-lint: the log of the run names them"
        )
        error = ET.SubElement(case, "error", type="internal-error", message=message)
        error.text = message
    return True


def finding_text(finding: Finding) -> str:
    location = f"{finding.path}:{finding.line}:{finding.column}"
    text = f"{location}: {finding.severity} {finding.code} {finding.name}\n{finding.message}"
    if finding.pointer:
        text += f"\nJSON pointer: {finding.pointer}"
    return text


def first_line(message: str) -> str:
    lines = message.splitlines()
    return lines[0] if lines else ""


def xml_text(text: str) -> str:
    """Replace each character XML 1.0 forbids by its Python escape (``\\x1b``, ``\\ud800``)."""
    return _NOT_XML.sub(lambda match: match.group().encode("unicode_escape").decode("ascii"), text)
