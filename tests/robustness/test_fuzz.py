"""Fuzzing: valid bodies, mutated in their value and in their bytes, never break the linter.

The in-process tests call the engine directly, so an exception fails the test
with its traceback. A smaller number of examples goes through the installed
command, where an internal error would be exit status 3.
"""

from __future__ import annotations

import json
import math
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jobspec_lint.document import Format
from jobspec_lint.engine import lint_bytes
from jobspec_lint.findings import Finding
from jobspec_lint.load.encoding import decode_bytes
from jobspec_lint.positions import LineIndex
from jobspec_lint.settings import Settings
from tests.conftest import run_cli
from tests.strategies import bodies

# Characters that the readers treat specially: line breaks an editor does not count,
# a BOM, invisible and control characters, YAML indicators, quotes and brackets.
SPECIAL_CHARACTERS = (
    "\n", "\r", "\r\n", "\t", "\x00", "\x07", "\x1b", "\x85", "\u2028", "\u2029", "\ufeff",
    "\u200b", "\u00a0", "\U0001f600", "#", ":", "- ", "&a ", "*a", "!!binary ", "<<: ", "{{",
    "}}", "[", "]", "{", "}", ",", '"', "'", "\\", "\\u", "\\ud800", "---\n", "...\n", "%",
    "NaN", "1e400", "0755", "yes", "~",
)
REPLACEMENT_VALUES: tuple[Any, ...] = (
    None, True, False, 0, -1, 7.5, 2**64, "", " ", "7", "yes", "s3://bucket/out.csv", [], {},
    [None], {"": None}, float("inf"), float("nan"),
)

characters = st.one_of(st.sampled_from(SPECIAL_CHARACTERS), st.text(min_size=1, max_size=3))


def node_paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Return the path of every node of a JSON value, the root included."""
    found = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            found.extend(node_paths(item, (*path, key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found.extend(node_paths(item, (*path, index)))
    return found


def replace_at(value: Any, path: tuple[Any, ...], replacement: Any) -> Any:
    if not path:
        return replacement
    head, rest = path[0], path[1:]
    if isinstance(value, dict):
        return {key: replace_at(item, rest, replacement) if key == head else item
                for key, item in value.items()}
    return [replace_at(item, rest, replacement) if index == head else item
            for index, item in enumerate(value)]


def rename_key_at(value: Any, path: tuple[Any, ...], new_key: str) -> Any:
    """Rename the mapping key at the end of ``path``, keeping the key order."""
    parent_path, old_key = path[:-1], path[-1]

    def rename(parent: Any) -> Any:
        return {new_key if key == old_key else key: item for key, item in parent.items()}

    parent = value
    for step in parent_path:
        parent = parent[step]
    return replace_at(value, parent_path, rename(parent))


@st.composite
def mutated_values(draw: st.DrawFn) -> Any:
    """Draw a valid body with a few key renames and type swaps."""
    value: Any = draw(bodies())
    for _ in range(draw(st.integers(0, 3))):
        paths = node_paths(value)
        path = draw(st.sampled_from(paths))
        renamable = bool(path) and isinstance(path[-1], str)
        if renamable and draw(st.booleans()):
            value = rename_key_at(value, path, draw(st.one_of(st.text(max_size=20), characters)))
        else:
            value = replace_at(value, path, draw(st.sampled_from(REPLACEMENT_VALUES)))
    return value


def serialize(value: Any, fmt: Format, style: int) -> str:
    if fmt == "json":
        return json.dumps(value, indent=(None, 2, "\t")[style % 3], ensure_ascii=style % 2 == 0)
    flow = (False, True, None)[style % 3]
    return yaml.safe_dump(value, default_flow_style=flow, allow_unicode=style % 2 == 0,
                          sort_keys=False)


@st.composite
def mutated_bytes(draw: st.DrawFn, data: bytes) -> bytes:
    """Apply byte flips, truncations and insertions of bytes or characters."""
    for _ in range(draw(st.integers(0, 4))):
        kind = draw(st.sampled_from(("flip", "truncate", "bytes", "character")))
        index = draw(st.integers(0, len(data)))
        if kind == "flip" and data:
            index = min(index, len(data) - 1)
            mask = draw(st.integers(1, 255))
            data = data[:index] + bytes([data[index] ^ mask]) + data[index + 1:]
        elif kind == "truncate":
            data = data[:index]
        elif kind == "bytes":
            data = data[:index] + draw(st.binary(min_size=1, max_size=4)) + data[index:]
        else:
            character = draw(characters).encode("utf-8", errors="surrogatepass")
            data = data[:index] + character + data[index:]
    return data


@st.composite
def fuzzed_files(draw: st.DrawFn) -> tuple[bytes, Format]:
    fmt: Format = draw(st.sampled_from(("json", "yaml")))
    value = draw(mutated_values())
    text = serialize(value, fmt, draw(st.integers(0, 5)))
    data = draw(mutated_bytes(text.encode("utf-8", errors="surrogatepass")))
    return data, fmt


def assert_inside_text(finding: Finding, lines: LineIndex) -> None:
    """Check that a finding's start and end lie in the text and the end is not before the start."""
    where = f"{finding.code} {finding.message!r} at {finding.line}:{finding.column}"
    assert 1 <= finding.line <= lines.line_count, where
    assert 1 <= finding.column <= len(lines.line_text(finding.line)) + 1, where
    assert 1 <= finding.end_line <= lines.line_count, where
    assert 1 <= finding.end_column <= len(lines.line_text(finding.end_line)) + 1, where
    end = (finding.end_line, finding.end_column)
    assert end >= (finding.line, finding.column), f"{where}: ends at {end}"


FUZZ_SETTINGS = settings(
    max_examples=400, deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@FUZZ_SETTINGS
@given(fuzzed_files())
def test_engine_survives_mutations(file: tuple[bytes, Format]) -> None:
    data, fmt = file
    name = f"fuzzed.jobspec.{fmt}"

    result = lint_bytes(data, name, fmt, Settings())

    assert result.lines is not None
    for finding in result.findings:
        assert_inside_text(finding, result.lines)


@FUZZ_SETTINGS
@given(mutated_values(), st.sampled_from(("json", "yaml")), st.integers(0, 5))
def test_engine_survives_value_mutations(value: Any, fmt: Format, style: int) -> None:
    # Without byte mutations, most texts parse, so the rules see the odd values.
    data = serialize(value, fmt, style).encode("utf-8", errors="surrogatepass")

    result = lint_bytes(data, f"fuzzed.jobspec.{fmt}", fmt, Settings())

    assert result.lines is not None
    for finding in result.findings:
        assert_inside_text(finding, result.lines)
    if fmt == "json" and not _has_non_finite(value):
        assert not [f for f in result.findings if f.code in ("JL001", "JL004")], data


def _has_non_finite(value: Any) -> bool:
    if isinstance(value, float):
        return not math.isfinite(value)
    if isinstance(value, dict):
        return any(_has_non_finite(item) for item in value.values())
    if isinstance(value, list):
        return any(_has_non_finite(item) for item in value)
    return False


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(fuzzed_files())
def test_cli_survives_mutations(file: tuple[bytes, Format]) -> None:
    data, fmt = file
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"fuzzed.jobspec.{fmt}"
        path.write_bytes(data)

        completed = run_cli("check", "--format", "json", str(path))

    assert completed.returncode in (0, 1), completed.stderr
    assert "Traceback" not in completed.stderr
    lines = LineIndex(decode_bytes(data).text)
    for item in json.loads(completed.stdout)["findings"]:
        finding = Finding(**{**item, "fix": None})
        assert_inside_text(finding, lines)
