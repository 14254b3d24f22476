"""Plain YAML scalars: the YAML 1.1 reading (PyYAML's), the YAML 1.2 reading, and the ambiguity."""

from __future__ import annotations

import math

import pytest
import yaml

from jobspec_lint.document import JSONValue, PlainScalar
from jobspec_lint.load import Limits, load_bytes
from jobspec_lint.load.yaml_scalars import read_plain, resolve_yaml11

YAML11_BOOLEAN = "YAML 1.1 boolean"
LEADING_ZERO = "leading-zero number"
DIFFERENT = "YAML 1.1 and 1.2 read it differently"

CASES: list[tuple[str, JSONValue, JSONValue, str | None]] = [
    ("yes", True, "yes", YAML11_BOOLEAN),
    ("No", False, "No", YAML11_BOOLEAN),
    ("on", True, "on", YAML11_BOOLEAN),
    ("OFF", False, "OFF", YAML11_BOOLEAN),
    ("true", True, True, None),
    ("FALSE", False, False, None),
    ("0755", 493, 755, LEADING_ZERO),
    ("02", 2, 2, LEADING_ZERO),
    ("-07", -7, -7, LEADING_ZERO),
    ("08", "08", 8, LEADING_ZERO),
    ("007.5", 7.5, 7.5, LEADING_ZERO),
    ("1:20", 80, "1:20", "base-60 number"),
    ("1:20.5", 80.5, "1:20.5", "base-60 number"),
    ("1e3", "1e3", 1000.0, "exponent without a dot read as text by YAML 1.1"),
    ("1.5e3", "1.5e3", 1500.0, "exponent without a sign read as text by YAML 1.1"),
    ("1.5e+3", 1500.0, 1500.0, None),
    ("2024-01-01", "2024-01-01", "2024-01-01", "date"),
    ("2024-01-01 10:30:00", "2024-01-01 10:30:00", "2024-01-01 10:30:00", "date"),
    ("1.10", 1.1, 1.1, "trailing-zero float read as 1.1"),
    ("2.50", 2.5, 2.5, "trailing-zero float read as 2.5"),
    ("", None, None, "empty value read as null"),
    ("~", None, None, None),
    ("null", None, None, None),
    ("NULL", None, None, None),
    ("0x1F", 31, 31, None),
    ("0b101", 5, "0b101", DIFFERENT),
    ("0o17", "0o17", 15, DIFFERENT),
    ("1_000", 1000, "1_000", DIFFERENT),
    ("+.5", "+.5", 0.5, DIFFERENT),
    ("+12", 12, 12, None),
    ("-7", -7, -7, None),
    ("0", 0, 0, None),
    ("3.5", 3.5, 3.5, None),
    ("1.0", 1.0, 1.0, None),
    (".5", 0.5, 0.5, None),
    (
        "123456789012345678901234567890",
        123456789012345678901234567890,
        123456789012345678901234567890,
        None,
    ),
    ("=", "=", "=", "PyYAML cannot load it"),
]


@pytest.mark.parametrize(("source", "value", "yaml12_value", "ambiguity"), CASES)
def test_plain_scalar_reading(
    source: str, value: JSONValue, yaml12_value: JSONValue, ambiguity: str | None
) -> None:
    record = read_plain(source).record

    assert record == PlainScalar(source, value, yaml12_value, ambiguity)
    assert type(record.value) is type(value)
    assert type(record.yaml12_value) is type(yaml12_value)


@pytest.mark.parametrize(
    "source", ["photon", "s3://bucket/out.csv", "1.2.3", "0x", "yes please", "<<"]
)
def test_plain_string_not_recorded(source: str) -> None:
    reading = read_plain(source)

    assert reading.value == source
    assert reading.record is None


@pytest.mark.parametrize(
    "source",
    [case[0] for case in CASES if case[3] not in ("date", "PyYAML cannot load it")]
    + [".inf", "-.Inf", "+.INF", "0b1_0", "-0x_1f", "0_7", "190:20:30", "1.", "._5", "1__0"],
)
def test_yaml11_reading_matches_pyyaml(source: str) -> None:
    expected = yaml.safe_load(f"v: {source}")["v"]
    value = resolve_yaml11(source)

    assert type(value) is type(expected)
    assert value == expected


def test_nan_reading_matches_pyyaml() -> None:
    value = resolve_yaml11(".nan")

    assert isinstance(value, float)
    assert math.isnan(value)


def test_scalars_recorded_by_pointer() -> None:
    text = "a: yes\nb: [02, photon]\nc:\nd: '02'\ne: \"on\"\nf: |\n  1:20\n"
    result = load_bytes(text.encode(), "body.yaml", "yaml", Limits())
    document = result.documents[0]

    assert result.problems == []
    assert set(document.scalars) == {"/a", "/b/0", "/c"}
    assert document.scalars["/a"].ambiguity == YAML11_BOOLEAN
    assert document.scalars["/b/0"] == PlainScalar("02", 2, 2, LEADING_ZERO)
    assert document.scalars["/c"].ambiguity == "empty value read as null"
    assert document.value == {
        "a": True,
        "b": [2, "photon"],
        "c": None,
        "d": "02",
        "e": "on",
        "f": "1:20\n",
    }


@pytest.mark.parametrize("source", [".inf", "-.inf", ".NaN"])
def test_non_finite_float_reported(source: str) -> None:
    result = load_bytes(f"limit: {source}\n".encode(), "body.yaml", "yaml", Limits())

    assert len(result.problems) == 1
    problem = result.problems[0]
    assert problem.code == "JL007"
    assert problem.message == (
        f"{source} is not a JSON number and the API cannot receive it: write a number or null"
    )
    assert problem.pointer == "/limit"
    assert result.lines.position(problem.span.start).column == 8


def test_short_yaml11_booleans_not_recorded() -> None:
    """y and n are YAML 1.1 booleans on paper, but PyYAML and YAML 1.2 read strings."""
    for source in ("y", "Y", "n", "N"):
        assert read_plain(source).record is None
