"""Check SARIF logs against the SARIF 2.1.0 JSON Schema, for the tests.

The schema is the OASIS SARIF 2.1.0 schema, kept in ``tests/data``. It
declares draft-04, so its validator comes from
``validator_for``. jsonschema checks the ``uri-reference`` format only when the
optional rfc3987 package is installed, so the artifact URIs are checked here
against the RFC 3986 grammar as well.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import pytest

REPO = Path(__file__).resolve().parents[2]
SCHEMA_PATH = REPO / "tests" / "data" / "sarif-schema-2.1.0.json"

# RFC 3986 pchar, and pchar without ":" (a relative reference's first segment
# must not contain ":", or it would read as a scheme).
_PCHAR = r"(?:[A-Za-z0-9\-._~!$&'()*+,;=@:]|%[0-9A-Fa-f]{2})"
_PCHAR_NO_COLON = r"(?:[A-Za-z0-9\-._~!$&'()*+,;=@]|%[0-9A-Fa-f]{2})"
RELATIVE_PATH_REFERENCE = re.compile(rf"{_PCHAR_NO_COLON}+(?:/{_PCHAR}*)*")
FILE_URI = re.compile(rf"file://(?:/{_PCHAR}*)+")


@cache
def sarif_validator() -> Any:
    if not SCHEMA_PATH.is_file():
        pytest.fail(f"SARIF schema not found at {SCHEMA_PATH}")
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    return validator_class(schema, format_checker=validator_class.FORMAT_CHECKER)


def assert_valid_sarif(log: dict[str, Any]) -> None:
    """Fail with every schema error and every invalid artifact URI of ``log``."""
    errors = sorted(sarif_validator().iter_errors(log), key=lambda error: list(error.path))
    problems = [f"/{'/'.join(map(str, error.path))}: {error.message}" for error in errors]
    for uri in artifact_uris(log):
        if not (RELATIVE_PATH_REFERENCE.fullmatch(uri) or FILE_URI.fullmatch(uri)):
            problems.append(f"artifact URI {uri!r} is not a valid URI reference")
    assert not problems, "invalid SARIF:\n" + "\n".join(problems)


def artifact_uris(log: dict[str, Any]) -> Iterator[str]:
    for run in log["runs"]:
        for result in run.get("results", []):
            for location in result.get("locations", []):
                yield location["physicalLocation"]["artifactLocation"]["uri"]
