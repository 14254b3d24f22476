"""The fast paths give the same results as the slow ones.

The compiled validator (jsonschema-rs) must accept exactly the bodies that
python-jsonschema accepts, so the findings are the same with and without it.
The Typer-free parser of ``check`` command lines must build the same options
as the Typer command, or leave the command line to Typer.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from jobspec_lint import lint_text
from jobspec_lint.findings import Finding
from jobspec_lint.schema import fast
from jobspec_lint.schema.bundled import load_schema
from jobspec_lint.schema.model import SchemaModel
from tests.conftest import FIXTURES
from tests.fix.test_fix_properties import broken_bodies
from tests.strategies import bodies

BODY_SCHEMAS = ("v3", "v3-first-run", "v4")


def findings_both_ways(text: str, filename: str, **options: Any) -> tuple[list[Finding], ...]:
    with mock.patch.object(fast, "ENABLED", True):
        fast_findings = lint_text(text, filename, **options)
    with mock.patch.object(fast, "ENABLED", False):
        slow_findings = lint_text(text, filename, **options)
    return fast_findings, slow_findings


def python_validator(name: str) -> Draft202012Validator:
    return Draft202012Validator(load_schema(name),
                                format_checker=Draft202012Validator.FORMAT_CHECKER)


# Values that tell validators apart: integers past 64 bits, floats that equal
# integers, booleans where numbers go, near-miss enum values, date-times at the
# edges of RFC 3339, and strings outside the Basic Multilingual Plane.
EDGE_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.sampled_from([0, -1, 1, 2**63 - 1, 2**63, 2**64, -(2**63), 10**30]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([1.0, 7.0, 0.5, 9.223372036854775e18, 9.223372036854776e18, -0.0]),
    st.text(max_size=8),
    st.sampled_from([
        "", " ", "photon", "Photon", "pqt", "parquet", "csv ", "none", "gzip", "cli", "ui",
        "7", "07", "true", "2024-02-29T12:00:00Z", "2024-02-29t12:00:00z",
        "2023-12-31T23:59:60Z", "2024-13-01T00:00:00Z", "2024-01-01T00:00:00+05:30",
        "2024-01-01 00:00:00Z", "2024-01-01T00:00:00", "\U0001f600",
    ]),
)
KEYS = st.one_of(
    st.sampled_from([
        "wrangledDataset", "wrangleDataset", "id", "overrides", "execution", "profiler",
        "writesettings", "writeSettings", "path", "action", "format", "compression", "header",
        "asSingleFile", "runParameters", "data", "key", "value", "ranfrom", "referenceDate",
    ]),
    st.text(max_size=6),
)
JSON_VALUES = st.recursive(
    EDGE_SCALARS,
    lambda children: st.one_of(st.lists(children, max_size=3),
                               st.dictionaries(KEYS, children, max_size=4)),
    max_leaves=8,
)


@st.composite
def mutated_bodies(draw: st.DrawFn) -> Any:
    """Draw a valid body, then replace, delete or add a few of its nodes."""
    body: Any = draw(bodies())
    for _ in range(draw(st.integers(0, 3))):
        containers = list(_containers(body))
        container = draw(st.sampled_from(containers))
        action = draw(st.sampled_from(("replace", "delete", "add")))
        if isinstance(container, dict):
            keys = list(container)
            if action == "add" or not keys:
                container[draw(KEYS)] = draw(JSON_VALUES)
            elif action == "delete":
                del container[draw(st.sampled_from(keys))]
            else:
                container[draw(st.sampled_from(keys))] = draw(JSON_VALUES)
        elif container:
            index = draw(st.integers(0, len(container) - 1))
            if action == "delete":
                del container[index]
            else:
                container[index] = draw(JSON_VALUES)
    if draw(st.integers(0, 9)) == 0:
        return draw(JSON_VALUES)
    return body


def _containers(value: Any) -> Iterator[Any]:
    if isinstance(value, (dict, list)):
        yield value
        children = value.values() if isinstance(value, dict) else value
        for child in children:
            yield from _containers(child)


def is_json_text(value: Any) -> bool:
    """Return whether ``json.dumps`` writes the value as standard JSON (no NaN or Infinity)."""
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, dict):
        return all(is_json_text(item) for item in value.values())
    if isinstance(value, list):
        return all(is_json_text(item) for item in value)
    return True


@pytest.mark.parametrize("name", BODY_SCHEMAS)
def test_bundled_schemas_reject_unknown_keys(name: str) -> None:
    # normalize() skips its walk for a body that such a schema accepts.
    assert SchemaModel(name, load_schema(name)).rejects_unknown_keys


def test_open_object_accepts_unknown_keys() -> None:
    closed = {"type": "object", "properties": {"a": {}}, "additionalProperties": False}
    opened = {"type": "object", "properties": {"a": {"properties": {"b": {}}}},
              "additionalProperties": False}
    assert SchemaModel("closed", closed).rejects_unknown_keys
    assert not SchemaModel("open", opened).rejects_unknown_keys


def test_compiled_errors_read_like_python_errors() -> None:
    body: Any = {"wrangledDataset": {"id": 7}, "overrides": {"execution": "Photon"}}
    [error] = fast.compiled_errors("v3", body) or []
    assert error.validator == "enum"
    assert error.validator_value == ["photon", "spark", "databricksSpark"]
    assert error.instance == "Photon"
    assert error.absolute_path == ("overrides", "execution")


def test_unconvertible_body_has_no_compiled_errors() -> None:
    # A non-string key, which a YAML body may have and JSON cannot.
    body: Any = {"wrangledDataset": {1: 7}}
    assert fast.compiled_errors("v3", body) is None


def test_compiled_validator_installed() -> None:
    for name in BODY_SCHEMAS:
        assert fast.compiled_validator(name) is not None, name


def test_config_schema_has_no_compiled_validator() -> None:
    # The config schema uses uniqueItems, which the two libraries may read differently.
    assert fast.unsafe_keywords(load_schema("config")) == {"uniqueItems"}
    assert fast.compiled_validator("config") is None


def test_unsafe_keywords_found_anywhere() -> None:
    schema = {"$defs": {"a": {"properties": {"b": {"pattern": "^x"}}}},
              "items": [{"format": "email"}], "x-custom": {"pattern": "ignored"}}
    assert fast.unsafe_keywords(schema) == {"pattern", "format email"}


def test_disabled_fast_path_accepts_nothing() -> None:
    with mock.patch.object(fast, "ENABLED", False):
        assert fast.is_valid("v3", {"wrangledDataset": {"id": 7}}) is False
    assert fast.is_valid("v3", {"wrangledDataset": {"id": 7}}) is True


def test_unconvertible_value_goes_to_python() -> None:
    # jsonschema-rs raises on a non-string key; python-jsonschema then checks the body.
    assert fast.is_valid("v3", {1: 2}) is False  # type: ignore[dict-item]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(value=mutated_bodies())
def test_compiled_validator_agrees_with_python(value: Any) -> None:
    for name in BODY_SCHEMAS:
        expected = python_validator(name).is_valid(value)
        assert fast.is_valid(name, value) == expected, (name, value)


@pytest.mark.parametrize("value", [
    {"wrangledDataset": {"id": 2**63 - 1}},
    {"wrangledDataset": {"id": 2**63}},
    {"wrangledDataset": {"id": 9.223372036854776e18}},
    {"wrangledDataset": {"id": 7.0}},
    {"wrangledDataset": {"id": True}},
    {"wrangledDataset": {"id": float("nan")}},
    {"wrangledDataset": {"id": 1}, "runParameters": {"overrides": {"data": [
        {"key": "k", "value": "\U0001f600"}]}}},
])
def test_compiled_validator_edge_values(value: Any) -> None:
    for name in BODY_SCHEMAS:
        assert fast.is_valid(name, value) == python_validator(name).is_valid(value), name


@pytest.mark.parametrize("text", [
    "2024-02-29T12:00:00Z", "2024-02-29t12:00:00z", "2023-12-31T23:59:60Z",
    "2024-13-01T00:00:00Z", "2024-01-01T00:00:00+05:30", "2024-01-01 00:00:00Z",
    "2024-01-01T00:00:00", "", "yesterday",
])
def test_date_time_format_agrees(text: str) -> None:
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema",
              "type": "string", "format": "date-time"}
    python = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    assert fast.FORMAT_CHECKS["date-time"](text) == python.is_valid(text)


FIXTURE_FILES = sorted(path for path in FIXTURES.rglob("*.*")
                       if path.suffix in {".json", ".yaml", ".yml"}
                       and not path.name.endswith(".schema.json"))


@pytest.mark.parametrize("path", FIXTURE_FILES, ids=lambda path: path.name)
@pytest.mark.parametrize("options", [{"api": "v3"}, {"api": "v4"},
                                     {"api": "v3", "first_run": True}], ids=str)
def test_fixture_findings_same(path: Path, options: dict[str, Any]) -> None:
    fast_findings, slow_findings = findings_both_ways(path.read_text(encoding="utf-8"),
                                                      path.name, **options)
    assert fast_findings == slow_findings


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(value=mutated_bodies(), api=st.sampled_from(("v3", "v4")), first_run=st.booleans())
def test_generated_findings_same(value: Any, api: str, first_run: bool) -> None:
    if is_json_text(value):
        text = json.dumps(value, indent=2, ensure_ascii=False)
        fast_findings, slow_findings = findings_both_ways(
            text, "spec.jobspec.json", api=api, first_run=first_run)
        assert fast_findings == slow_findings
    text = yaml.safe_dump(value, allow_unicode=True, sort_keys=False)
    fast_findings, slow_findings = findings_both_ways(
        text, "spec.jobspec.yaml", api=api, first_run=first_run)
    assert fast_findings == slow_findings


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pair=broken_bodies(), api=st.sampled_from(("v3", "v4")))
def test_one_mistake_findings_same(pair: tuple[dict[str, Any], dict[str, Any]], api: str) -> None:
    # One mistake often fails two schema rules at one node, and which of them
    # reports depends on the order of the errors.
    _, broken = pair
    text = json.dumps(broken, indent=2)
    fast_findings, slow_findings = findings_both_ways(text, "spec.jobspec.json", api=api)
    assert fast_findings == slow_findings


def test_enum_error_comes_before_tagged_rule() -> None:
    body = {
        "wrangledDataset": {"id": 1},
        "overrides": {"writesettings": [
            {"path": "s3://b/a/x.avro", "action": "create", "format": "avro",
             "compression": "NONE"},
        ]},
    }
    fast_findings, slow_findings = findings_both_ways(json.dumps(body), "spec.jobspec.json")
    assert fast_findings == slow_findings
    codes = [f.code for f in fast_findings]
    assert "JL103" in codes
    assert "JL201" not in codes


# The Typer-free parser of ``check`` command lines.

def typer_options(argv: list[str], monkeypatch: pytest.MonkeyPatch) -> object:
    """Return the CheckOptions that the Typer command builds from ``argv``."""
    from typer.testing import CliRunner

    from jobspec_lint.cli import check as check_module
    from jobspec_lint.cli.app import app

    built: list[object] = []

    def record(options: object) -> int:
        built.append(options)
        return 0

    monkeypatch.setattr(check_module, "run_check", record)
    outcome = CliRunner().invoke(app, argv)
    assert outcome.exit_code == 0, outcome.output
    assert len(built) == 1
    return built[0]


COMMON_COMMAND_LINES = [
    ["check", "spec.jobspec.json"],
    ["check", "a.json", "b.yaml", "folder"],
    ["check", "-"],
    ["check", "--format", "json", "a.json"],
    ["check", "--format=sarif", "--output-file", "out.sarif", "a.json"],
    ["check", "-q", "a.json", "--quiet"],
    ["check", "--api", "v4", "--first-run", "a.json"],
    ["check", "--first-run", "--no-first-run", "a.json"],
    ["check", "--select", "JL1,JL2", "--select", " JL401 ", "--ignore=JL5", "a.json"],
    ["check", "--select", "", "a.json"],
    ["check", "--config", "pyproject.toml", "--force-exclude", "a.json"],
    ["check", "--fail-on", "warning", "--exit-zero", "a.json"],
    ["check", "--stdin-filename", "body.jobspec.yaml", "-"],
    ["check", "--color", "always", "--debug", "a.json"],
    ["check", "--format", "text", "--", "-odd-name.json", "--format"],
    ["check", "a.json", "--format", "github"],
]


@pytest.mark.parametrize("argv", COMMON_COMMAND_LINES, ids=" ".join)
def test_parse_check_matches_typer(argv: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    from jobspec_lint.cli.check import CheckOptions
    from jobspec_lint.cli.fast import parse_check

    fields = parse_check(argv)
    assert fields is not None
    assert CheckOptions(**fields) == typer_options(argv, monkeypatch)  # type: ignore[arg-type]


@pytest.mark.parametrize("argv", [
    [], ["--version"], ["--help"], ["rules"], ["check"], ["check", "--help"],
    ["check", "-h", "a.json"], ["check", "--format", "xml", "a.json"],
    ["check", "--api", "v5", "a.json"], ["check", "--format"], ["check", "--format", "-q", "a"],
    ["check", "--fix", "a.json"], ["check", "--quiet=yes", "a.json"], ["check", "-qq", "a.json"],
    ["check", "--show-settings", "a.json"], ["check", "--baseline", "b.json", "a.json"],
    ["check", "--unknown", "a.json"], ["check", "--"],
], ids=lambda argv: " ".join(argv) or "no arguments")
def test_parse_check_leaves_rest_to_typer(argv: list[str]) -> None:
    from jobspec_lint.cli.fast import parse_check

    assert parse_check(argv) is None


# Modules that a usual ``check`` must not load: the full CLI's (Typer, Click),
# the full schema validator's and the language server's.
HEAVY_MODULES = ("typer", "click", "jsonschema", "lsprotocol", "pygls")


@pytest.mark.parametrize("report_format", ["text", "sarif"])
def test_check_imports_no_heavy_modules(tmp_path: Path, report_format: str) -> None:
    import subprocess
    import sys

    spec = tmp_path / "spec.jobspec.json"
    spec.write_text('{"wrangledDataset": {"id": 7}}\n', encoding="utf-8")
    script = ("import sys\n"
              f"sys.argv = ['jobspec-lint', 'check', '--format', {report_format!r}, sys.argv[1]]\n"
              "from jobspec_lint.cli.fast import main\n"
              "try:\n    main()\nexcept SystemExit:\n    pass\n"
              "print(sorted(m for m in sys.modules if m.split('.')[0] in "
              f"{set(HEAVY_MODULES)!r}))")
    completed = subprocess.run([sys.executable, "-c", script, str(spec)], capture_output=True,
                               text=True, timeout=60, check=False)
    assert completed.stdout.strip().splitlines()[-1] == "[]", completed.stderr
