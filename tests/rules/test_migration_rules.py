"""JL401 to JL405: migration toward v4, with code, position and message pinned."""

from __future__ import annotations

import pytest

from jobspec_lint.engine import schema_model
from jobspec_lint.rules import rules_by_code
from jobspec_lint.rules.base import parse_examples
from jobspec_lint.rules.jl402_v4_only import EDITIONS, v4_only_keys, v4_only_values
from tests.conftest import codes, lint, only, run_cli

END_OF_LIFE = (
    "v3 is end of life from Release 6.4: send the same body to POST /v4/jobGroups, "
    "read id instead of jobgroupId and jobs.data[].id instead of jobIds in the response, "
    "and poll the status field of GET /v4/jobGroups/{id} (Release 6.0) "
    "or GET /v4/jobGroups/{id}/status (later releases)"
)


def test_end_of_life_once_per_body() -> None:
    findings = lint('{"wrangledDataset": {"id": 7}}', ignore=())
    finding = only(findings, "JL401")
    assert finding.message == END_OF_LIFE
    assert (finding.line, finding.column, finding.end_column) == (1, 1, 2)
    assert str(finding.severity) == "info"


def test_end_of_life_once_per_yaml_document() -> None:
    text = "wrangledDataset:\n  id: 7\n---\nwrangledDataset:\n  id: 8\n"
    findings = [f for f in lint(text, "specs.jobspec.yaml", ignore=()) if f.code == "JL401"]
    assert [(f.document, f.line) for f in findings] == [(0, 1), (1, 4)]


def test_end_of_life_hides_no_other_finding() -> None:
    findings = lint('{"wrangledDataset": {"id": "7"}}', ignore=())
    assert codes(findings) == ["JL401", "JL102"]


def test_end_of_life_not_for_v4() -> None:
    assert "JL401" not in codes(lint('{"wrangledDataset": {"id": 7}}', api="v4", ignore=()))


def test_v4_only_value_in_v3() -> None:
    text = '{"wrangledDataset": {"id": 7}, "overrides": {"execution": "emrSpark"}}'
    findings = lint(text)
    finding = only(findings, "JL402")
    assert finding.message == (
        'overrides.execution "emrSpark" exists only in v4 (later releases and the 2025 cloud '
        'API spec), and v3 does not accept it: target v4 (--api v4) or use one of "photon", '
        '"spark", "databricksSpark"'
    )
    assert (finding.line, finding.column, finding.end_column) == (1, 59, 69)
    assert finding.pointer == "/overrides/execution"
    assert "JL103" not in codes(findings)


def test_v4_only_key_in_v3() -> None:
    text = '{\n  "wrangledDataset": {"id": 7},\n  "testMode": true\n}\n'
    finding = only(lint(text), "JL402")
    assert finding.message == (
        'key "testMode" in the body exists only in v4 (the 2025 cloud API spec), and v3 does '
        "not know it: target v4 (--api v4) or remove it"
    )
    assert (finding.line, finding.column, finding.end_column) == (3, 3, 13)
    assert "JL104" not in codes(lint(text))


def test_camel_case_outputs_in_v3() -> None:
    text = (
        '{"wrangledDataset": {"id": 7}, "overrides": {"writeSettings": '
        '[{"path": "s3://bucket/x.csv", "action": "create", "format": "Csv"}]}}'
    )
    findings = lint(text)
    finding = only(findings, "JL402")
    assert finding.message == (
        'key "writeSettings" in overrides exists only in v4 (newer v4 examples, as the '
        "camelCase spelling of writesettings), and v3 does not know it, so the outputs are "
        "not overridden: target v4 (--api v4) or spell it writesettings"
    )
    assert finding.column == 46
    # The key claims its outputs: the invalid format below it is not reported too.
    assert codes(findings) == ["JL107", "JL402"]


def test_v4_only_output_key_in_v3() -> None:
    text = (
        'wrangledDataset:\n  id: 7\noverrides:\n  writesettings:\n'
        '    - path: s3://bucket/out/x.csv\n      action: create\n      format: csv\n'
        '      delim: ";"\n'
    )
    finding = only(lint(text, "spec.jobspec.yaml"), "JL402")
    assert finding.message == (
        'key "delim" in overrides.writesettings[0] exists only in v4 (later releases and the '
        "2025 cloud API spec), and v3 does not know it: target v4 (--api v4) or remove it"
    )
    assert (finding.line, finding.column, finding.end_column) == (8, 7, 12)


def test_unconfirmed_key_says_so() -> None:
    text = (
        '{"wrangledDataset": {"id": 7}, "overrides": {"writesettings": [{"path": '
        '"s3://bucket/x.csv", "action": "create", "format": "csv", "prefix": "daily-"}]}}'
    )
    finding = only(lint(text), "JL402")
    assert finding.message == (
        'key "prefix" in overrides.writesettings[0] is unconfirmed even in v4 (Release 6.0 '
        "output objects only, not a jobGroups body), and v3 does not know it: remove it, or "
        "target v4 (--api v4) if your server accepts it"
    )


def test_unconfirmed_key_is_warning() -> None:
    text = '{"wrangledDataset": {"id": 7}, "overrides": {"webhooks": []}}'
    assert str(only(lint(text), "JL402").severity) == "warning"


def test_v4_only_ranfrom_in_v3() -> None:
    finding = only(lint('{"wrangledDataset": {"id": 7}, "ranfrom": "ui"}'), "JL402")
    assert finding.message == (
        'ranfrom "ui" exists only in v4 (examples from Release 6.4 and the 2025 cloud API '
        'spec), and v3 does not accept it: target v4 (--api v4) or use one of null, "cli"'
    )


def test_v4_only_not_reported_for_v4() -> None:
    text = '{"wrangledDataset": {"id": 7}, "testMode": true, "ranfrom": "api"}'
    assert codes(lint(text, api="v4")) == []


def test_v4_only_derived_from_schemas() -> None:
    v3, v4 = schema_model("v3"), schema_model("v4")
    assert v4_only_keys(v3, v4, []) == [
        "forceCacheUpdate", "ignoreRecipeErrors", "testMode", "workspaceId",
    ]
    assert "writeSettings" in v4_only_keys(v3, v4, ["overrides"])
    assert v4_only_values(v3, v4, ["overrides", "execution"]) == [
        "emrSpark", "dataflow", "amp", "xml-amp",
    ]
    assert v4_only_values(v3, v4, ["ranfrom"]) == ["ui", "schedule", "api"]


PLACES = [
    [], ["overrides"], ["overrides", "writesettings", "0"], ["runParameters"],
    ["overrides", "execution"], ["overrides", "writesettings", "0", "format"],
    ["overrides", "writesettings", "0", "compression"], ["ranfrom"],
]


@pytest.mark.parametrize("tokens", PLACES, ids="/".join)
def test_v4_only_names_have_editions(tokens: list[str]) -> None:
    v3, v4 = schema_model("v3"), schema_model("v4")
    names = v4_only_keys(v3, v4, tokens) + v4_only_values(v3, v4, tokens)
    assert [name for name in names if name not in EDITIONS] == []


def test_legacy_ranfrom_in_v4() -> None:
    finding = only(lint('{"wrangledDataset": {"id": 7}, "ranfrom": "cli"}', api="v4"), "JL403")
    assert finding.message == (
        'ranfrom "cli" is listed only by early v4 examples (Releases 5.1 and 6.0): newer '
        'releases list null, "ui", "schedule" and "api", so use one of them unless your '
        'server still accepts "cli"'
    )
    assert (finding.line, finding.column, finding.end_column) == (1, 43, 48)
    assert str(finding.severity) == "warning"


def test_legacy_ranfrom_not_in_v3() -> None:
    assert "JL403" not in codes(lint('{"wrangledDataset": {"id": 7}, "ranfrom": "cli"}'))


BOTH = (
    '{\n  "wrangledDataset": {"id": 7},\n  "overrides": {\n'
    '    "writesettings": [{"path": "s3://bucket/a.csv", "action": "create", "format": "csv"}],\n'
    '    "writeSettings": [{"path": "s3://bucket/b.json", "action": "create", "format": "jsn"}]\n'
    "  }\n}\n"
)


def test_both_spellings_once_on_second_key() -> None:
    findings = lint(BOTH, api="v4")
    finding = only(findings, "JL404")
    assert finding.message == (
        'overrides has both "writesettings" and "writeSettings", two spellings of one key: '
        "keep one and put every output in it"
    )
    assert (finding.line, finding.column, finding.end_column) == (5, 5, 20)
    assert finding.pointer == "/overrides/writeSettings"
    assert str(finding.severity) == "error"


def test_both_spellings_still_checks_outputs() -> None:
    findings = lint(BOTH, api="v4")
    assert codes(findings) == ["JL107", "JL404", "JL103"]
    assert only(findings, "JL103").pointer == "/overrides/writeSettings/0/format"


def test_both_spellings_not_in_v3() -> None:
    assert "JL404" not in codes(lint(BOTH))


MIGRATION_CODES = ["JL401", "JL402", "JL403", "JL404"]


@pytest.mark.parametrize("code", MIGRATION_CODES)
def test_documented_examples(code: str) -> None:
    rule = rules_by_code()[code]
    api = "v4" if rule.targets == frozenset({"v4"}) else "v3"
    examples = parse_examples(rule.doc)
    assert any(example.failing for example in examples)
    for example in examples:
        ignore = () if code == "JL401" else ("JL401",)
        reported = codes(lint(example.text, example.filename, api=api, ignore=ignore))
        if example.failing:
            assert code in reported, example.text
        else:
            assert reported == [], example.text


@pytest.mark.parametrize(
    ("code", "targets"),
    [("JL401", "v3"), ("JL402", "v3"), ("JL403", "v4"), ("JL404", "v4"), ("JL405", "v3,v4")],
)
def test_rules_table_marks_targets(code: str, targets: str) -> None:
    completed = run_cli("rules")
    row = next(line for line in completed.stdout.splitlines() if line.startswith(code))
    assert row.split()[3] == targets


def test_rules_for_v4_leave_out_v3_only() -> None:
    completed = run_cli("rules", "--api", "v4")
    listed = {line.split()[0] for line in completed.stdout.splitlines()[1:]}
    assert {"JL403", "JL404"} <= listed
    assert not {"JL401", "JL402"} & listed


def test_v4_compression_on_avro_suggests_none() -> None:
    text = (
        '{"wrangledDataset": {"id": 7}, "overrides": {"writesettings": [{"path": '
        '"s3://bucket-a/x.avro", "action": "create", "format": "avro", "compression": "snappy"}]}}'
    )
    finding = only(lint(text), "JL402")
    assert finding.message == (
        'overrides.writesettings[0].compression "snappy" exists only in v4 (later releases), '
        'and v3 does not accept it: target v4 (--api v4) or use "none"'
    )
