"""The report formats on synthetic runs: escaping, positions, schemas and counts.

Each format gets an "ugly" finding. Its message has double and single quotes,
``%``, ``::``, a line break and non-ASCII text, and its path has a comma and a
space. An emoji outside the Basic Multilingual Plane comes before its column,
so UTF-16 columns differ from code-point columns.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from jobspec_lint._version import __version__
from jobspec_lint.cli.app import ReportFormat
from jobspec_lint.engine import FileResult, lint_bytes
from jobspec_lint.findings import Finding, Severity
from jobspec_lint.positions import LineIndex, Span
from jobspec_lint.report import FORMATS, ReportOptions, render
from jobspec_lint.report.concise_report import escape_line_breaks, join_lines
from jobspec_lint.report.fingerprints import fingerprints
from jobspec_lint.report.github_report import escape_data, escape_property
from jobspec_lint.report.locations import path_uri, report_path, utf16_column
from jobspec_lint.rules import all_rules, rules_by_code
from jobspec_lint.rules.docstrings import render_plain_text
from jobspec_lint.runner import RunResult
from jobspec_lint.settings import Settings
from tests.report.sarif_validation import SCHEMA_PATH, assert_valid_sarif

UGLY_PATH = "specs/daily, export.jobspec.json"
CLEAN_PATH = "specs/clean.jobspec.json"
UGLY_TEXT = (
    "{\n"
    '  "note": "é→😀", "wrangleDataset": {"id": 7},\n'
    '  "overrides": {\n'
    "  }\n"
    "}\n"
)
UGLY_MESSAGE = (
    "unknown key \"wrangleDataset\" in 'the body': 100% sure :: see below\n"
    "next line: é → 😀"
)


def make_finding(code: str, severity: Severity, message: str, pointer: str,
                 start: tuple[int, int], end: tuple[int, int],
                 path: str = UGLY_PATH) -> Finding:
    return Finding(
        path=path, document=0, line=start[0], column=start[1], end_line=end[0],
        end_column=end[1], code=code, name=rules_by_code()[code].name, severity=severity,
        message=message, pointer=pointer,
    )


UNKNOWN_KEY = make_finding(
    "JL104", Severity.ERROR, UGLY_MESSAGE, "/wrangleDataset", (2, 18), (2, 34),
)
EMPTY_OVERRIDES = make_finding(
    "JL106", Severity.WARNING, "overrides is empty: it changes nothing", "/overrides",
    (3, 16), (4, 4),
)
FIRST_RUN = make_finding(
    "JL107", Severity.INFO, "overrides lacks execution, profiler, writesettings", "/overrides",
    (3, 3), (3, 14),
)


def ugly_run() -> RunResult:
    findings = [UNKNOWN_KEY, FIRST_RUN, EMPTY_OVERRIDES]
    return RunResult(files=[
        FileResult(UGLY_PATH, findings=findings, lines=LineIndex(UGLY_TEXT)),
        FileResult(CLEAN_PATH, findings=[], lines=LineIndex("{}\n")),
    ])


def rendered(format_name: str, run: RunResult | None = None) -> str:
    return render(format_name, run if run is not None else ugly_run(), ReportOptions())


def test_ugly_finding_positions_match_text() -> None:
    line = LineIndex(UGLY_TEXT).line_text(2)
    assert line[UNKNOWN_KEY.column - 1:UNKNOWN_KEY.end_column - 1] == '"wrangleDataset"'
    assert "😀" in line[:UNKNOWN_KEY.column - 1]


def test_formats_match_cli_choices() -> None:
    assert set(FORMATS) == {choice.value for choice in ReportFormat}


# concise


def test_concise_exact_line() -> None:
    lines = rendered("concise").splitlines()
    assert lines[0] == (
        "specs/daily, export.jobspec.json:2:18: error JL104 unknown key \"wrangleDataset\" in "
        "'the body': 100% sure :: see below next line: é → 😀"
    )
    assert len(lines) == 3


def test_concise_one_line_per_finding() -> None:
    breaks = "a\r\nb\n\n  c\rd\u2028e\n"
    finding = UNKNOWN_KEY._replace(message=breaks, path="odd\nname.json")
    output = rendered("concise", RunResult(files=[FileResult("odd\nname.json", [finding])]))
    assert output == "odd\\nname.json:2:18: error JL104 a b c d e\n"


def test_concise_line_helpers() -> None:
    assert join_lines("first\n  second\r\n\r\nthird\n") == "first second third"
    assert escape_line_breaks("a\nb\rc\u2028") == "a\\nb\\rc\\u2028"


def test_concise_colour_on_request() -> None:
    output = render("concise", ugly_run(), ReportOptions(color=True))
    assert "\x1b[31merror\x1b[0m" in output
    assert "\x1b[" not in rendered("concise")


def test_concise_empty_run() -> None:
    assert rendered("concise", RunResult()) == ""


# github


def test_github_exact_commands() -> None:
    assert rendered("github").splitlines() == [
        "::error file=specs/daily%2C export.jobspec.json,line=2,col=18,endLine=2,endColumn=34,"
        "title=JL104 unknown-key::unknown key \"wrangleDataset\" in 'the body': 100%25 sure :: "
        "see below%0Anext line: é → 😀",
        "::notice file=specs/daily%2C export.jobspec.json,line=3,col=3,endLine=3,endColumn=14,"
        "title=JL107 incomplete-first-run::overrides lacks execution, profiler, writesettings",
        "::warning file=specs/daily%2C export.jobspec.json,line=3,endLine=4,"
        "title=JL106 empty-container::overrides is empty: it changes nothing",
    ]


def test_github_escapes_data() -> None:
    assert escape_data("100% a\r\nb: c, d") == "100%25 a%0D%0Ab: c, d"


def test_github_escapes_properties() -> None:
    assert escape_property("C:\\a,b%\r\n") == "C%3A\\a%2Cb%25%0D%0A"


def test_github_message_cannot_start_a_command() -> None:
    finding = UNKNOWN_KEY._replace(message="x\n::error::forged\r::warning::too")
    output = rendered("github", RunResult(files=[FileResult(UGLY_PATH, [finding])]))
    assert output.count("\n") == 1
    assert output.endswith("::x%0A::error::forged%0D::warning::too\n")


# sarif


def sarif(run: RunResult | None = None) -> dict[str, Any]:
    log: dict[str, Any] = json.loads(rendered("sarif", run))
    assert_valid_sarif(log)
    return log


def sarif_results(log: dict[str, Any]) -> list[dict[str, Any]]:
    results: list[dict[str, Any]] = log["runs"][0]["results"]
    return results


def test_sarif_validates_against_schema() -> None:
    log = sarif()
    assert log["version"] == "2.1.0"
    assert log["$schema"] == (
        "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
    )


def test_sarif_empty_run_validates() -> None:
    log = sarif(RunResult())
    assert sarif_results(log) == []


def test_sarif_columns_count_utf16() -> None:
    log = sarif()
    run = log["runs"][0]
    assert run["columnKind"] == "utf16CodeUnits"
    region = sarif_results(log)[0]["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": 2, "startColumn": 19, "endLine": 2, "endColumn": 35}


def test_sarif_multiline_region() -> None:
    results = sarif_results(sarif())
    region = results[2]["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": 3, "startColumn": 16, "endLine": 4, "endColumn": 4}


def test_sarif_uri_is_percent_encoded() -> None:
    results = sarif_results(sarif())
    location = results[0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "specs/daily%2C%20export.jobspec.json"}


def test_sarif_result_fields() -> None:
    log = sarif()
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    results = sarif_results(log)
    assert [result["ruleId"] for result in results] == ["JL104", "JL107", "JL106"]
    assert [result["level"] for result in results] == ["error", "note", "warning"]
    for result in results:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
    first = results[0]
    assert first["message"] == {"text": UGLY_MESSAGE}
    assert first["properties"] == {"pointer": "/wrangleDataset", "document": 0}
    assert list(first["partialFingerprints"]) == ["jobspecLint/v1"]


def test_sarif_driver_lists_every_rule() -> None:
    driver = sarif()["runs"][0]["tool"]["driver"]
    assert driver["name"] == "jobspec-lint"
    assert driver["version"] == __version__
    assert "informationUri" not in driver
    assert [rule["id"] for rule in driver["rules"]] == [rule.code for rule in all_rules()]


def test_sarif_rule_descriptor_from_docs() -> None:
    driver = sarif()["runs"][0]["tool"]["driver"]
    descriptor = next(rule for rule in driver["rules"] if rule["id"] == "JL104")
    rule = rules_by_code()["JL104"]
    assert descriptor["name"] == "unknown-key"
    assert descriptor["shortDescription"] == {"text": rule.summary}
    assert descriptor["defaultConfiguration"] == {"level": "error"}
    assert descriptor["fullDescription"]["text"].startswith(
        "The server ignores keys it does not know, so a misspelt key silently drops the setting"
    )
    paragraphs = descriptor["fullDescription"]["text"].split("\n\n")
    assert all("\n" not in paragraph for paragraph in paragraphs)
    assert "Failing example" not in descriptor["fullDescription"]["text"]
    assert descriptor["help"]["text"] == render_plain_text(rule.doc.partition("\n")[2].strip())
    assert "Failing example (`spec.jobspec.json`):\n\n```json\n" in descriptor["help"]["markdown"]


def test_sarif_unregistered_code_gets_descriptor() -> None:
    finding = UNKNOWN_KEY._replace(code="JL999", name="future-rule")
    log = sarif(RunResult(files=[FileResult(UGLY_PATH, [finding, finding])]))
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert rules[-1] == {"id": "JL999", "name": "future-rule"}
    assert len(rules) == len(all_rules()) + 1
    assert [result["ruleIndex"] for result in sarif_results(log)] == [len(rules) - 1] * 2


def test_sarif_reports_run_errors() -> None:
    run = RunResult(usage_errors=["cannot read missing.json: no such file or directory"],
                    internal_errors=["a.json: ValueError: token=hunter2"])
    invocation = sarif(run)["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    texts = [note["message"]["text"] for note in invocation["toolExecutionNotifications"]]
    assert texts[0] == "cannot read missing.json: no such file or directory"
    assert "hunter2" not in json.dumps(invocation)


def test_sarif_clean_run_succeeds() -> None:
    invocation = sarif(RunResult(files=[FileResult(CLEAN_PATH)]))["runs"][0]["invocations"][0]
    assert invocation == {"executionSuccessful": True}


def test_sarif_unreadable_file_keeps_columns() -> None:
    finding = make_finding("JL008", Severity.ERROR, "cannot read the file: permission denied", "",
                           (1, 1), (1, 1))
    log = sarif(RunResult(files=[FileResult(UGLY_PATH, [finding])]))
    region = sarif_results(log)[0]["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": 1, "startColumn": 1, "endLine": 1, "endColumn": 1}


def test_sarif_absolute_paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    inside = UNKNOWN_KEY._replace(path=str(tmp_path / "a b" / "x,y.json"))
    outside = UNKNOWN_KEY._replace(path="/elsewhere/ü b.json")
    log = sarif(RunResult(files=[FileResult(inside.path, [inside]),
                                 FileResult(outside.path, [outside])]))
    uris = [result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for result in sarif_results(log)]
    assert uris == ["a%20b/x%2Cy.json", "file:///elsewhere/%C3%BC%20b.json"]


# locations


def test_utf16_column_counts_surrogate_pairs() -> None:
    lines = LineIndex("a😀b😀c\n")
    assert [utf16_column(lines, 1, column) for column in range(1, 7)] == [1, 2, 4, 5, 7, 8]


def test_utf16_column_past_line_end() -> None:
    lines = LineIndex("😀\nx")
    assert utf16_column(lines, 1, 3) == 4
    assert utf16_column(lines, 5, 3) == 3
    assert utf16_column(None, 1, 3) == 3


def test_path_uri_encodes_reserved_characters() -> None:
    assert path_uri("a b/c,d:e%f#g?h.json") == "a%20b/c%2Cd%3Ae%25f%23g%3Fh.json"
    assert path_uri("./x/é.json") == "x/%C3%A9.json"


def test_report_path_is_relative_to_working_folder(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert report_path(str(tmp_path / "specs" / "a.json")) == "specs/a.json"
    assert report_path("specs/./a.json") == "specs/a.json"
    assert report_path("/elsewhere/a.json") == "/elsewhere/a.json"


# junit


def junit(run: RunResult | None = None) -> ET.Element:
    return ET.fromstring(rendered("junit", run).encode("utf-8"))


def test_junit_counts() -> None:
    suite = junit()
    assert suite.tag == "testsuite"
    assert suite.attrib == {"name": "jobspec-lint", "tests": "2", "failures": "1",
                            "errors": "0", "skipped": "0"}


def test_junit_testcase_per_file() -> None:
    cases = junit().findall("testcase")
    assert [case.get("name") for case in cases] == [UGLY_PATH, CLEAN_PATH]
    assert {case.get("classname") for case in cases} == {"jobspec-lint"}
    assert list(cases[1]) == []


def test_junit_failure_per_warning_or_error() -> None:
    case = junit().findall("testcase")[0]
    failures = case.findall("failure")
    assert [failure.get("type") for failure in failures] == ["JL104", "JL106"]
    first = failures[0]
    assert first.get("message") == (
        "unknown key \"wrangleDataset\" in 'the body': 100% sure :: see below"
    )
    assert first.text == (
        "specs/daily, export.jobspec.json:2:18: error JL104 unknown-key\n"
        f"{UGLY_MESSAGE}\n"
        "JSON pointer: /wrangleDataset"
    )


def test_junit_info_goes_to_system_out() -> None:
    case = junit().findall("testcase")[0]
    output = case.find("system-out")
    assert output is not None
    assert output.text is not None
    assert "JL107 incomplete-first-run" in output.text


def test_junit_removes_forbidden_characters() -> None:
    finding = UNKNOWN_KEY._replace(message="bell \x07 escape \x1b[1m lone \ud800 tab\t")
    run = RunResult(files=[FileResult("ctl\x01.json", [finding])])
    text = rendered("junit", run)
    suite = ET.fromstring(text.encode("utf-8"))
    case = suite.find("testcase")
    assert case is not None
    assert case.get("name") == "ctl\\x01.json"
    failure = case.find("failure")
    assert failure is not None
    assert failure.get("message") == "bell \\x07 escape \\x1b[1m lone \\ud800 tab\t"


def test_junit_run_errors() -> None:
    run = RunResult(files=[FileResult(CLEAN_PATH)],
                    usage_errors=["cannot read missing.json: no such file or directory"],
                    internal_errors=["a.json: ValueError: token=hunter2"])
    text = rendered("junit", run)
    suite = ET.fromstring(text.encode("utf-8"))
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("2", "0", "1")
    errors = suite.findall("testcase[@name='jobspec-lint run']/error")
    assert [error.get("type") for error in errors] == ["usage-error", "internal-error"]
    assert "hunter2" not in text


def test_junit_empty_run() -> None:
    suite = junit(RunResult())
    assert suite.get("tests") == "0"
    assert list(suite) == []


# gitlab


def gitlab(run: RunResult | None = None) -> list[dict[str, Any]]:
    issues: list[dict[str, Any]] = json.loads(rendered("gitlab", run))
    return issues


def test_gitlab_issue_fields() -> None:
    issue = gitlab()[0]
    assert issue["description"] == f"JL104 unknown-key: {UGLY_MESSAGE}"
    assert issue["check_name"] == "JL104"
    assert issue["severity"] == "major"
    assert issue["location"] == {"path": UGLY_PATH, "lines": {"begin": 2, "end": 2}}
    assert isinstance(issue["fingerprint"], str)
    assert len(issue["fingerprint"]) == 64


def test_gitlab_severities() -> None:
    assert [issue["severity"] for issue in gitlab()] == ["major", "info", "minor"]


def test_gitlab_empty_run() -> None:
    assert rendered("gitlab", RunResult()) == "[]\n"


def test_gitlab_run_errors_are_blockers() -> None:
    run = RunResult(usage_errors=["cannot read missing.json: no such file or directory"],
                    internal_errors=["a.jobspec.json: KeyError: 'x'"])

    issues = gitlab(run)

    assert [(issue["check_name"], issue["severity"], issue["description"]) for issue in issues] == [
        ("jobspec-lint-usage-error", "blocker",
         "jobspec-lint usage error: cannot read missing.json: no such file or directory"),
        ("jobspec-lint-internal-error", "blocker",
         "jobspec-lint internal error: a.jobspec.json: KeyError: 'x'"),
    ]
    assert [issue["location"] for issue in issues] == [{"path": ".", "lines": {"begin": 1}}] * 2
    assert len({issue["fingerprint"] for issue in issues}) == 2


def test_fingerprints_stable_when_lines_shift() -> None:
    shifted = [
        finding._replace(line=finding.line + 3, end_line=finding.end_line + 3)
        for finding in [UNKNOWN_KEY, FIRST_RUN, EMPTY_OVERRIDES]
    ]
    shifted_run = RunResult(files=[FileResult(UGLY_PATH, shifted)])
    before = [issue["fingerprint"] for issue in gitlab()]
    after = [issue["fingerprint"] for issue in gitlab(shifted_run)]
    assert before == after


def test_fingerprints_distinct_within_report() -> None:
    twice = [UNKNOWN_KEY, UNKNOWN_KEY._replace(line=5, end_line=5)]
    digests = fingerprints(twice)
    assert len(set(digests)) == 2
    assert len(set(fingerprints([UNKNOWN_KEY, FIRST_RUN, EMPTY_OVERRIDES]))) == 3


def test_fingerprints_depend_on_identity() -> None:
    base = fingerprints([UNKNOWN_KEY])[0]
    assert fingerprints([UNKNOWN_KEY._replace(message="reworded")])[0] == base
    for change in ({"path": "other.json"}, {"document": 1}, {"code": "JL102"},
                   {"pointer": "/wrangledDataset"}):
        assert fingerprints([UNKNOWN_KEY._replace(**change)])[0] != base, change


# secrets


SECRET = "hunter2"
SECRET_TEXT = '{"wrangledDataset": {"id": 7}, "path": "s3://user:hunter2@bucket/out.csv"}\n'


def secret_run() -> RunResult:
    start = SECRET_TEXT.index(SECRET)
    finding = make_finding(
        "JL104", Severity.ERROR, 'unknown key "path" in the body', "/path", (1, 32), (1, 38),
        path="secret.jobspec.json",
    )
    return RunResult(files=[FileResult(
        "secret.jobspec.json", [finding], lines=LineIndex(SECRET_TEXT),
        redactions=[Span(start, start + len(SECRET))],
    )])


@pytest.mark.parametrize("format_name", [name for name in FORMATS if name != "text"])
def test_no_format_prints_source_secret(format_name: str) -> None:
    assert SECRET not in rendered(format_name, secret_run())


def test_text_excerpt_masks_secret() -> None:
    assert SECRET not in rendered("text", secret_run())


def test_sarif_schema_copy_is_current() -> None:
    """The kept copy must equal the project's reference copy, where one is checked out."""
    reference = SCHEMA_PATH.parents[2].parent / "shared" / "data" / "sarif-schema-2.1.0.json"
    if not reference.is_file():
        pytest.skip("no reference copy of the SARIF schema beside the repository")
    assert SCHEMA_PATH.read_bytes() == reference.read_bytes()


def test_text_excerpt_shows_tab_as_space() -> None:
    text = "wrangledDataset:\n\tid: 9\x07\n"
    run = RunResult(files=[lint_bytes(text.encode(), "tab.jobspec.yaml", "yaml", Settings())])
    output = render("text", run, ReportOptions())
    assert "     2 |  id: 9\ufffd\n" in output
    assert "\t" not in output
