"""JL101–JL109: the shape of the body, with code, position and message pinned."""

from __future__ import annotations

import pytest

from tests.conftest import codes, lint, only


def test_typo_key_read_as_known_key() -> None:
    findings = lint('{ "wrangleDataset": { "id": "" } }\n')
    assert codes(findings) == ["JL104", "JL102"]
    typo = only(findings, "JL104")
    assert (typo.line, typo.column, typo.end_column) == (1, 3, 19)
    assert typo.message == (
        'unknown key "wrangleDataset" in the body: did you mean "wrangledDataset"?'
    )
    assert typo.pointer == "/wrangleDataset"
    empty_id = only(findings, "JL102")
    assert (empty_id.line, empty_id.column) == (1, 29)
    assert empty_id.message == "wrangleDataset.id must be an integer, found a string"
    assert empty_id.pointer == "/wrangleDataset/id"


def test_unknown_key_without_close_match() -> None:
    findings = lint('{"wrangledDataset": {"id": 7}, "zzz": 1}')
    finding = only(findings, "JL104")
    assert finding.message == (
        'unknown key "zzz" in the body: the known keys are "wrangledDataset", '
        '"overrides", "runParameters", "ranfrom"'
    )
    assert (finding.line, finding.column) == (1, 32)


def test_two_typos_of_one_key_are_not_renamed() -> None:
    findings = lint('{"wrangledDatase": {"id": 7}, "wrangledDataste": {"id": 8}}')
    assert codes(findings).count("JL104") == 2
    assert "JL101" in codes(findings)


def test_missing_recipe_id_points_at_parent_key() -> None:
    findings = lint('{\n  "wrangledDataset": {}\n}\n')
    finding = only(findings, "JL101")
    assert finding.message == 'missing required key "id" in wrangledDataset'
    assert (finding.line, finding.column, finding.end_column) == (2, 3, 20)
    assert finding.pointer == "/wrangledDataset/id"


def test_missing_top_level_key_points_at_body_start() -> None:
    findings = lint('{"ranfrom": "cli"}')
    finding = only(findings, "JL101")
    assert finding.message == 'missing required key "wrangledDataset" in the body'
    assert (finding.line, finding.column) == (1, 1)


def test_string_id_says_what_to_write() -> None:
    finding = only(lint('{"wrangledDataset": {"id": "1234567"}}'), "JL102")
    assert finding.message == (
        "wrangledDataset.id must be an integer, found a string: write 1234567"
    )
    assert (finding.column, finding.end_column) == (28, 37)


def test_boolean_string_says_what_to_write() -> None:
    finding = only(
        lint('{"wrangledDataset": {"id": 7}, "overrides": {"profiler": "false"}}'), "JL102"
    )
    assert finding.message == "overrides.profiler must be a boolean, found a string: write false"


def test_overrides_list_is_wrong_type() -> None:
    text = '{"wrangledDataset": {"id": 7}, "overrides": [{"execution": "photon"}]}'
    findings = lint(text)
    assert codes(findings) == ["JL102"]
    finding = findings[0]
    assert finding.pointer == "/overrides"
    assert finding.column == 45
    assert finding.message.startswith("overrides must be an object, found a list: write the object")


def test_parquet_suggests_pqt() -> None:
    text = (
        '{"wrangledDataset": {"id": 7}, "overrides": {"writesettings": '
        '[{"path": "s3://b/x.pqt", "action": "create", "format": "parquet"}]}}'
    )
    finding = only(lint(text), "JL103")
    assert finding.pointer == "/overrides/writesettings/0/format"
    assert finding.message == (
        'overrides.writesettings[0].format "parquet" is not allowed: use one of '
        '"csv", "json", "avro", "pqt" (did you mean "pqt"?)'
    )


def test_execution_case_suggests_lowercase() -> None:
    finding = only(
        lint('{"wrangledDataset": {"id": 7}, "overrides": {"execution": "Photon"}}'), "JL103"
    )
    assert finding.message.endswith('(did you mean "photon"?)')


def test_invalid_ids() -> None:
    for literal in ("0", "-3", "7.5"):
        finding = only(lint(f'{{"wrangledDataset": {{"id": {literal}}}}}'), "JL105")
        assert finding.message == f"recipe id must be a positive integer, found {literal}"
        assert finding.column == 28
    beyond = only(lint('{"wrangledDataset": {"id": 99999999999999999999}}'), "JL105")
    assert beyond.message == (
        "recipe id 99999999999999999999 does not fit in 64 bits: ids are at most "
        "9223372036854775807"
    )


def test_compression_on_parquet_is_jl201() -> None:
    text = (
        '{"wrangledDataset": {"id": 7}, "overrides": {"writesettings": [{"path": '
        '"s3://b/x.pqt", "action": "create", "format": "pqt", "compression": "gzip"}]}}'
    )
    finding = only(lint(text), "JL201")
    assert finding.pointer == "/overrides/writesettings/0/compression"
    assert finding.message == (
        'compression "gzip" is only supported for csv and json outputs, and this output\'s '
        'format is "pqt": remove compression or set it to "none"'
    )


def test_empty_overrides_is_one_warning() -> None:
    findings = lint('{"wrangledDataset": {"id": 7}, "overrides": {}}')
    assert codes(findings) == ["JL106"]
    assert findings[0].message == "overrides is empty and changes nothing: fill it in or remove it"
    assert str(findings[0].severity) == "warning"


def test_incomplete_first_run_is_info_then_error() -> None:
    text = '{"wrangledDataset": {"id": 7}, "overrides": {"execution": "photon"}}'
    finding = only(lint(text), "JL107")
    assert str(finding.severity) == "info"
    assert finding.message == (
        "overrides lacks profiler, writesettings: a recipe's first run needs execution, "
        "profiler and writesettings (a re-run does not)"
    )
    assert str(only(lint(text, first_run=True), "JL107").severity) == "error"


def test_first_run_without_overrides() -> None:
    finding = only(lint('{"wrangledDataset": {"id": 7}}', first_run=True), "JL107")
    assert finding.message == "a first run needs overrides with execution, profiler, writesettings"


def test_nested_run_parameters_is_misplaced_only() -> None:
    text = (
        '{"wrangledDataset": {"id": 7},\n'
        ' "overrides": {"runParameters": {"overrides": {"data": []}}}}'
    )
    findings = lint(text)
    assert [f for f in codes(findings) if f != "JL107"] == ["JL108"]
    finding = only(findings, "JL108")
    assert finding.message == (
        '"runParameters" belongs at the top level of the body, not inside overrides: move it there'
    )
    assert (finding.line, finding.column) == (2, 16)


def test_foreign_body_is_one_finding() -> None:
    text = "execution: photon\noutputs:\n  - s3://b/x.csv\nrunsOn: cluster\n"
    findings = lint(text, "spec.jobspec.yaml")
    assert codes(findings) == ["JL109"]
    assert findings[0].message == (
        "this document looks like the body of another endpoint or product, not a jobGroups "
        'request body: it has no wrangledDataset, and its keys are "execution", "outputs", '
        '"runsOn"'
    )


def test_output_object_body_is_named() -> None:
    findings = lint('{"flowNodeId": 12, "execution": "photon", "profiler": true}')
    assert codes(findings) == ["JL109"]
    assert "an output object (POST /v4/outputObjects)" in findings[0].message


def test_top_level_list_is_not_an_object() -> None:
    findings = lint('[{"wrangledDataset": {"id": 7}}]')
    assert codes(findings) == ["JL003"]
    assert findings[0].message == (
        "the top level must be an object, found a list: remove the surrounding [ ] "
        "and send the object itself"
    )


TOP_LEVEL_LIST = "the top level must be an object, found a list: "
# A YAML document whose top level is a list of one object, the advice of its
# JL003 message, and the text after following that advice.
YAML_LIST_CASES = {
    "block one line": (
        "- wrangledDataset: {id: 7}\n",
        'remove the leading "- " and send the object itself',
        "wrangledDataset: {id: 7}\n",
    ),
    "block several lines": (
        "# nightly\n---\n- wrangledDataset:\n    id: 7\n  overrides:\n    profiler: true\n",
        'remove the leading "- " and outdent the lines below it by 2 spaces, to send the object '
        "itself",
        "# nightly\n---\nwrangledDataset:\n  id: 7\noverrides:\n  profiler: true\n",
    ),
    "block wide dash": (
        "-   wrangledDataset:\n      id: 7\n",
        'remove the leading "-   " and outdent the lines below it by 4 spaces, to send the object '
        "itself",
        "wrangledDataset:\n  id: 7\n",
    ),
    "block indented": (
        "  - wrangledDataset:\n      id: 7\n",
        'remove the leading "- " and outdent the lines below it by 2 spaces, to send the object '
        "itself",
        "  wrangledDataset:\n    id: 7\n",
    ),
    "dash on its own line": (
        "- # the only job\n  wrangledDataset:\n    id: 7\n",
        'remove the "-" line and send the object itself',
        "  wrangledDataset:\n    id: 7\n",
    ),
    "block with tag": (
        "!!seq\n- wrangledDataset: {id: 7}\n",
        'remove the leading "- " and send the object itself',
        "wrangledDataset: {id: 7}\n",
    ),
    "flow mapping item": (
        "- {wrangledDataset: {id: 7},\n   overrides: {profiler: true}}\n",
        'remove the leading "- " and send the object itself',
        "{wrangledDataset: {id: 7},\n   overrides: {profiler: true}}\n",
    ),
    "flow sequence": (
        "[{wrangledDataset: {id: 7}}]\n",
        "remove the surrounding [ ] and send the object itself",
        "{wrangledDataset: {id: 7}}\n",
    ),
    "flow sequence with tag": (
        "!!seq [{wrangledDataset: {id: 7}}]\n",
        "remove the surrounding [ ] and send the object itself",
        "{wrangledDataset: {id: 7}}\n",
    ),
}


@pytest.mark.parametrize(("text", "advice", "fixed"), YAML_LIST_CASES.values(),
                         ids=YAML_LIST_CASES.keys())
def test_yaml_top_level_list_advice(text: str, advice: str, fixed: str) -> None:
    findings = lint(text, "spec.jobspec.yaml")
    assert codes(findings) == ["JL003"]
    assert findings[0].message == TOP_LEVEL_LIST + advice

    # The text after the advice parses, and its top level is an object.
    after_advice = lint(fixed, "spec.jobspec.yaml")
    assert [code for code in codes(after_advice) if code.startswith("JL0")] == []


def test_yaml_list_of_two_has_no_advice() -> None:
    text = "- wrangledDataset: {id: 7}\n- wrangledDataset: {id: 8}\n"
    findings = lint(text, "spec.jobspec.yaml")
    assert codes(findings) == ["JL003"]
    assert findings[0].message == "the top level must be an object, found a list"


def test_big_integer_outside_id_is_unsupported() -> None:
    findings = lint(
        '{"wrangledDataset": {"id": 7}, "runParameters": {"overrides": {"data": '
        '[{"key": "n", "value": 123456789012345678901234567890}]}}}'
    )
    finding = only(findings, "JL007")
    assert finding.message == (
        "the integer 123456789012345678901234567890 does not fit in 64 bits: "
        "the server cannot receive it"
    )


def test_nested_run_parameters_beside_top_level_says_merge() -> None:
    text = (
        '{"wrangledDataset": {"id": 7}, "runParameters": {"overrides": {"data": []}},\n'
        ' "overrides": {"runParameters": {"overrides": {"data": []}}}}'
    )
    finding = only(lint(text), "JL108")
    assert finding.message == (
        '"runParameters" belongs at the top level of the body, not inside overrides: merge it '
        "into the top-level runParameters, which is the one the server reads"
    )
