"""A catalogue of bad inputs, each written to a real file and linted by the installed command.

Every case pins the finding's code, position and message, or the exit status 2
and its exact message on standard error. No case may print a traceback, and
``run_cli`` fails a case that takes more than 60 seconds. JL401 (once per v3
body) is left out of the comparisons.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import command_path, run_cli

# (code, line, column, message) of one finding.
Expected = tuple[str, int, int, str]


@dataclass(frozen=True)
class Outcome:
    status: int
    stdout: str
    stderr: str
    findings: list[dict[str, object]]


def check(path: Path, *options: str, cwd: Path | None = None) -> Outcome:
    """Lint ``path`` with the installed command's JSON report, and fail on a traceback."""
    completed = run_cli("check", "--format", "json", *options, str(path), cwd=cwd)
    assert "Traceback" not in completed.stderr
    assert completed.returncode != 3, completed.stderr
    report = json.loads(completed.stdout)
    findings = [item for item in report["findings"] if item["code"] != "JL401"]
    return Outcome(completed.returncode, completed.stdout, completed.stderr, findings)


def summarize(outcome: Outcome) -> list[Expected]:
    return [
        (str(item["code"]), int(str(item["line"])), int(str(item["column"])), str(item["message"]))
        for item in outcome.findings
    ]


def lint_file(tmp_path: Path, name: str, data: bytes) -> Outcome:
    path = tmp_path / name
    path.write_bytes(data)
    return check(path)


EMPTY_JSON = "the document is empty: write the request body, a JSON object"
NO_YAML_DOCUMENT = "the file contains no document: write the request body as a YAML mapping"
STRING_ID = "wrangledDataset.id must be an integer, found a string: write 7"
TOO_DEEP = (
    "nesting deeper than 256 levels (max-depth): flatten the body,"
    " or raise max-depth in the configuration"
)
PARAMETER_LINE = 7
PARAMETER_COLUMN = 16


def parameter_yaml(value: str) -> bytes:
    """Return a clean YAML body whose one run parameter value, at line 7 column 16, is ``value``."""
    text = (
        "wrangledDataset:\n"
        "  id: 7\n"
        "runParameters:\n"
        "  overrides:\n"
        "    data:\n"
        "      - key: k\n"
        f"        value: {value}\n"
    )
    return text.encode()


# Empty and comment-only files -----------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("empty.jobspec.json", b"", ("JL003", 1, 1, EMPTY_JSON)),
        ("blank.jobspec.json", b" \n\t\n", ("JL003", 1, 1, EMPTY_JSON)),
        ("empty.jobspec.yaml", b"", ("JL003", 1, 1, NO_YAML_DOCUMENT)),
        ("comment.jobspec.yaml", b"# only a comment\n", ("JL003", 1, 1, NO_YAML_DOCUMENT)),
        (
            "comment.jobspec.json",
            b"// only a comment\n",
            (
                "JL001", 1, 1,
                "expected a value (an object, array, string, number, true, false or null)."
                " JSON does not allow comments: remove the comment, or write the file as YAML",
            ),
        ),
    ],
    ids=["empty-json", "blank-json", "empty-yaml", "comment-yaml", "comment-json"],
)
def test_empty_or_comment_only(tmp_path: Path, name: str, data: bytes, expected: Expected) -> None:
    outcome = lint_file(tmp_path, name, data)

    assert outcome.status == 1
    assert summarize(outcome) == [expected]


# Encodings ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        # The BOM is not a character of the text: the column counts from after it.
        ("bom.jobspec.json", b'\xef\xbb\xbf{"wrangledDataset": {"id": "7"}}\n',
         ("JL102", 1, 28, STRING_ID)),
        ("bom.jobspec.yaml", b'\xef\xbb\xbfwrangledDataset:\n  id: "7"\n',
         ("JL102", 2, 7, STRING_ID)),
    ],
    ids=["json", "yaml"],
)
def test_utf8_bom_read_as_utf8(tmp_path: Path, name: str, data: bytes, expected: Expected) -> None:
    assert summarize(lint_file(tmp_path, name, data)) == [expected]


LATIN1 = (
    "byte 0xe9 is not valid UTF-8 (the file may be Latin-1 or Windows-1252): save it as UTF-8"
)


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("latin1.jobspec.json", b'{"wrangledDataset": {"id": 7}, "ranfrom": "caf\xe9"}\n',
         ("JL004", 1, 47, LATIN1)),
        ("latin1.jobspec.yaml", b"wrangledDataset:\n  id: 7\nranfrom: caf\xe9\n",
         ("JL004", 3, 13, LATIN1)),
    ],
    ids=["json", "yaml"],
)
def test_latin1_byte_position(tmp_path: Path, name: str, data: bytes, expected: Expected) -> None:
    assert summarize(lint_file(tmp_path, name, data)) == [expected]


@pytest.mark.parametrize(
    ("name", "text"),
    [("utf16.jobspec.json", '{"wrangledDataset": {"id": 7}}\n'),
     ("utf16.jobspec.yaml", "wrangledDataset:\n  id: 7\n")],
    ids=["json", "yaml"],
)
def test_utf16_with_bom_rejected(tmp_path: Path, name: str, text: str) -> None:
    outcome = lint_file(tmp_path, name, text.encode("utf-16"))

    assert summarize(outcome) == [
        ("JL004", 1, 1, "the file is encoded as UTF-16, not UTF-8: save it as UTF-8")
    ]


# Line breaks as an editor counts them ------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "line", "column"),
    [
        ("crlf.jobspec.json", b'{\r\n  "wrangledDataset": {"id": "7"}\r\n}\r\n', 2, 29),
        ("crlf.jobspec.yaml", b'wrangledDataset:\r\n  id: "7"\r\n', 2, 7),
        ("cr.jobspec.json", b'{\r  "wrangledDataset": {"id": "7"}\r}\r', 2, 29),
        ("cr.jobspec.yaml", b'wrangledDataset:\r  id: "7"\r', 2, 7),
    ],
    ids=["crlf-json", "crlf-yaml", "cr-json", "cr-yaml"],
)
def test_crlf_and_cr_end_lines(
    tmp_path: Path, name: str, data: bytes, line: int, column: int
) -> None:
    assert summarize(lint_file(tmp_path, name, data)) == [("JL102", line, column, STRING_ID)]


def test_nel_and_line_separator_json(tmp_path: Path) -> None:
    # U+0085 and U+2028 inside a string do not end the line, so both findings are on line 1.
    text = (
        '{"runParameters": {"overrides": {"data": [{"key": "k", "value": "a\u0085b\u2028c"}]}},'
        ' "wrangledDataset": {"id": "7"}}\n'
    )
    outcome = lint_file(tmp_path, "nel.jobspec.json", text.encode())

    assert summarize(outcome) == [
        ("JL502", 1, 65,
         'runParameters.overrides.data[0].value "a\\u0085b\\u2028c" contains U+0085 NEXT LINE'
         " and U+2028 LINE SEPARATOR, control characters: delete them"),
        ("JL102", 1, 104, STRING_ID),
    ]


def test_nel_and_line_separator_yaml(tmp_path: Path) -> None:
    # PyYAML's marks count U+0085 and U+2028 as line breaks; the finding must not.
    # YAML 1.1 folds the NEL inside a double-quoted scalar into a space.
    text = (
        '{runParameters: {overrides: {data: [{key: k, value: "a\u0085b\u2028c"}]}},'
        ' wrangledDataset: {id: "7"}}\n'
    )
    outcome = lint_file(tmp_path, "nel.jobspec.yaml", text.encode())

    assert summarize(outcome) == [
        ("JL502", 1, 53,
         'runParameters.overrides.data[0].value "a b\\u2028c" contains U+2028 LINE SEPARATOR,'
         " an invisible character: delete it"),
        ("JL102", 1, 88, STRING_ID),
    ]


def test_nel_in_plain_yaml_scalar(tmp_path: Path) -> None:
    # YAML 1.1 reads the NEL and U+2028 in a block plain scalar as line breaks, so "c"
    # starts a new line at column 0: a syntax error, at the editor's line 5, column 20.
    outcome = lint_file(tmp_path, "nel-plain.jobspec.yaml", parameter_yaml("a\u0085b\u2028c"))

    assert summarize(outcome) == [("JL001", PARAMETER_LINE, 20, "expected ':' after the key")]


def test_tab_indentation(tmp_path: Path) -> None:
    outcome = lint_file(tmp_path, "tab.jobspec.yaml", b"wrangledDataset:\n\tid: 7\n")

    assert summarize(outcome) == [
        ("JL001", 2, 1, "a tab character is not allowed here."
         " YAML does not allow tabs for indentation: use spaces"),
    ]


# Duplicate and merge keys ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("dupe.jobspec.json", b'{"wrangledDataset": {"id": 7, "id": 8}}\n',
         ("JL002", 1, 31, 'duplicate key "id", first defined at line 1, column 22:'
          " remove one of them (parsers keep the later value)")),
        ("dupe.jobspec.yaml", b"wrangledDataset:\n  id: 7\n  id: 8\n",
         ("JL002", 3, 3, 'duplicate key "id", first defined at line 2, column 3:'
          " remove one of them (parsers keep the later value)")),
        ("merge.jobspec.yaml", b"wrangledDataset:\n  <<: {id: 7}\n  <<: {id: 8}\n",
         ("JL002", 3, 3, 'duplicate key "<<", first defined at line 2, column 3:'
          " remove one of them (parsers keep the later value)")),
    ],
    ids=["json", "yaml", "yaml-merge-key"],
)
def test_duplicate_keys(tmp_path: Path, name: str, data: bytes, expected: Expected) -> None:
    outcome = lint_file(tmp_path, name, data)

    assert outcome.status == 1
    assert summarize(outcome) == [expected]


# YAML scalars that read differently from how they look ---------------------------------------


@pytest.mark.parametrize(
    ("value", "end_column", "message"),
    [
        ("yes", 19, 'unquoted yes (YAML 1.1 boolean) is read as true by YAML 1.1 (PyYAML)'
         ' and as "yes" by YAML 1.2: quote it as "yes"'),
        ("0755", 20, 'unquoted 0755 (leading-zero number) is read as 493 by YAML 1.1 (PyYAML)'
         ' and as 755 by YAML 1.2: quote it as "0755"'),
        ("1:20", 20, 'unquoted 1:20 (base-60 number) is read as 80 by YAML 1.1 (PyYAML)'
         ' and as "1:20" by YAML 1.2: quote it as "1:20"'),
        ("1e3", 19, 'unquoted 1e3 (exponent without a dot read as text by YAML 1.1) is read'
         ' as "1e3" by YAML 1.1 (PyYAML) and as 1000.0 by YAML 1.2: quote it as "1e3"'),
        ("1.10", 20, 'unquoted 1.10 (trailing-zero float read as 1.1) is read as 1.1:'
         ' quote it as "1.10"'),
        ("2024-01-31", 26, 'unquoted 2024-01-31 (date) is read as "2024-01-31":'
         ' quote it as "2024-01-31"'),
    ],
    ids=["boolean", "octal", "base-60", "exponent", "trailing-zero", "date"],
)
def test_ambiguous_yaml_scalar(tmp_path: Path, value: str, end_column: int, message: str) -> None:
    outcome = lint_file(tmp_path, "scalar.jobspec.yaml", parameter_yaml(value))

    assert summarize(outcome) == [("JL005", PARAMETER_LINE, PARAMETER_COLUMN, message)]
    assert outcome.findings[0]["end_column"] == end_column
    assert outcome.findings[0]["pointer"] == "/runParameters/overrides/data/0/value"


# Tags and keys with no JSON equivalent -----------------------------------------------------


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"wrangledDataset:\n  id: !!binary aGVsbG8=\n",
         ("JL007", 2, 7, "the YAML tag !!binary has no JSON equivalent: remove the tag")),
        (b"wrangledDataset:\n  id: 7\nranfrom: !!set {a, b}\n",
         ("JL007", 3, 10, "the YAML tag !!set has no JSON equivalent: remove the tag")),
        (b"wrangledDataset:\n  id: !!python/object:os.system {}\n",
         ("JL007", 2, 7, "the YAML tag !!python/object:os.system has no JSON equivalent:"
          " remove the tag")),
        (b"wrangledDataset:\n  id: !custom 7\n",
         ("JL007", 2, 7, "the YAML tag !custom has no JSON equivalent: remove the tag")),
    ],
    ids=["binary", "set", "python-object", "unknown"],
)
def test_tag_without_json_equivalent(tmp_path: Path, data: bytes, expected: Expected) -> None:
    assert summarize(lint_file(tmp_path, "tag.jobspec.yaml", data)) == [expected]


@pytest.mark.parametrize(
    ("key", "message"),
    [
        ("7", 'mapping keys must be strings: quote it: "7"'),
        ("true", 'mapping keys must be strings: quote it: "true"'),
        ("[a, b]", "mapping keys must be strings: this key is a sequence"),
    ],
    ids=["number", "boolean", "sequence"],
)
def test_non_string_key(tmp_path: Path, key: str, message: str) -> None:
    data = f"wrangledDataset:\n  id: 7\n  {key}: x\n".encode()
    outcome = lint_file(tmp_path, "key.jobspec.yaml", data)

    assert summarize(outcome) == [("JL007", 3, 3, message)]
    assert outcome.findings[0]["end_column"] == 3 + len(key)


# Aliases -----------------------------------------------------------------------------------


def test_alias_position_at_use(tmp_path: Path) -> None:
    data = (
        b"runParameters:\n  overrides:\n    data:\n      - key: k\n        value: &v \"7\"\n"
        b"wrangledDataset:\n  id: *v\n"
    )
    outcome = lint_file(tmp_path, "alias.jobspec.yaml", data)

    assert summarize(outcome) == [("JL102", 7, 7, STRING_ID)]
    assert outcome.findings[0]["end_column"] == 9


def test_alias_expansion_bomb(tmp_path: Path) -> None:
    levels = ["a: &a [" + ", ".join(["x"] * 9) + "]"]
    for previous, name in zip("abcdef", "bcdefg", strict=True):
        levels.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]")
    data = ("\n".join(levels) + "\n").encode()
    assert len(data) < 400

    started = time.perf_counter()
    outcome = lint_file(tmp_path, "bomb.jobspec.yaml", data)
    elapsed = time.perf_counter() - started

    # The first *d in e's list takes the expansion past 10,000 nodes.
    assert summarize(outcome) == [
        ("JL006", 5, 8, (
            "alias expansion adds more than 10000 nodes (max-alias-nodes): use fewer aliases,"
            " or raise max-alias-nodes in the configuration"
        ))
    ]
    assert elapsed < 10


def test_recursive_alias(tmp_path: Path) -> None:
    outcome = lint_file(tmp_path, "recursive.jobspec.yaml", b"a: &a [*a]\n")

    assert summarize(outcome) == [
        ("JL006", 1, 8, "recursive alias: *a is inside the node that &a anchors")
    ]


# Nesting -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "line", "column"),
    [
        ("deep.jobspec.json", b"[" * 100_000 + b"]" * 100_000, 1, 257),
        ("deep-objects.jobspec.json", b'{"a":' * 100_000 + b"1" + b"}" * 100_000, 1, 1281),
        ("deep.jobspec.yaml", b"[" * 100_000 + b"]" * 100_000, 1, 257),
        ("deep-key.jobspec.yaml", b"key: " + b"[" * 100_000 + b"]" * 100_000, 1, 261),
        ("deep-block.jobspec.yaml", b"- " * 100_000 + b"x\n", 1, 513),
    ],
    ids=["json", "json-objects", "yaml-flow", "yaml-flow-under-key", "yaml-block"],
)
def test_nesting_100000_deep(
    tmp_path: Path, name: str, data: bytes, line: int, column: int
) -> None:
    started = time.perf_counter()
    outcome = lint_file(tmp_path, name, data)
    elapsed = time.perf_counter() - started

    assert summarize(outcome) == [("JL006", line, column, TOO_DEEP)]
    assert elapsed < 10


# Documents and top levels ------------------------------------------------------------------


def test_several_yaml_documents(tmp_path: Path) -> None:
    data = b'wrangledDataset:\n  id: 7\n---\nwrangledDataset:\n  id: "8"\n---\n- 1\n'
    outcome = lint_file(tmp_path, "multi.jobspec.yaml", data)

    located = [(item["document"], item["code"], item["line"], item["column"])
               for item in outcome.findings]
    assert located == [(1, "JL102", 5, 7), (2, "JL003", 7, 1)]
    assert outcome.findings[0]["message"] == (
        "wrangledDataset.id must be an integer, found a string: write 8"
    )


@pytest.mark.parametrize(
    ("name", "data", "end_column", "kind"),
    [
        ("list.jobspec.json", b"[1, 2]\n", 7, "a list"),
        ("string.jobspec.json", b'"text"\n', 7, "a string"),
        ("number.jobspec.json", b"42\n", 3, "a number"),
        ("string.jobspec.yaml", b"just text\n", 10, "a string"),
        ("number.jobspec.yaml", b"42\n", 3, "a number"),
    ],
    ids=["json-list", "json-string", "json-number", "yaml-string", "yaml-number"],
)
def test_top_level_not_object(
    tmp_path: Path, name: str, data: bytes, end_column: int, kind: str
) -> None:
    outcome = lint_file(tmp_path, name, data)

    assert summarize(outcome) == [("JL003", 1, 1, f"the top level must be an object, found {kind}")]
    assert outcome.findings[0]["end_column"] == end_column


def test_top_level_yaml_list(tmp_path: Path) -> None:
    outcome = lint_file(tmp_path, "list.jobspec.yaml", b"- 1\n- 2\n")

    assert summarize(outcome) == [("JL003", 1, 1, "the top level must be an object, found a list")]
    assert (outcome.findings[0]["end_line"], outcome.findings[0]["end_column"]) == (2, 4)


# Numbers JSON cannot carry -----------------------------------------------------------------

NOT_A_NUMBER = "{} is not a JSON number and the API cannot receive it: write a number or null"
BIG_INTEGER = "340282366920938463463374607431768211456"


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("nan.jobspec.json", b'{"wrangledDataset": {"id": NaN}}\n',
         ("JL007", 1, 28, NOT_A_NUMBER.format("NaN"))),
        ("infinity.jobspec.json", b'{"wrangledDataset": {"id": Infinity}}\n',
         ("JL007", 1, 28, NOT_A_NUMBER.format("Infinity"))),
        ("overflow.jobspec.json", b'{"wrangledDataset": {"id": 1e400}}\n',
         ("JL007", 1, 28, "1e400 is too large for a 64-bit float and would be read as infinity:"
          " write a smaller number")),
        ("nan.jobspec.yaml", b"wrangledDataset:\n  id: .nan\n",
         ("JL007", 2, 7, NOT_A_NUMBER.format(".nan"))),
        ("infinity.jobspec.yaml", b"wrangledDataset:\n  id: 7\nranfrom: .inf\n",
         ("JL007", 3, 10, NOT_A_NUMBER.format(".inf"))),
    ],
    ids=["json-nan", "json-infinity", "json-1e400", "yaml-nan", "yaml-infinity"],
)
def test_non_finite_numbers(tmp_path: Path, name: str, data: bytes, expected: Expected) -> None:
    assert summarize(lint_file(tmp_path, name, data)) == [expected]


@pytest.mark.parametrize(
    ("name", "data", "line", "column"),
    [
        ("big.jobspec.json",
         b'{"wrangledDataset": {"id": 7}, "runParameters": {"overrides": {"data":'
         b' [{"key": "k", "value": ' + BIG_INTEGER.encode() + b"}]}}}\n", 1, 95),
        ("big.jobspec.yaml", parameter_yaml(BIG_INTEGER), PARAMETER_LINE, PARAMETER_COLUMN),
    ],
    ids=["json", "yaml"],
)
def test_integer_beyond_64_bits(
    tmp_path: Path, name: str, data: bytes, line: int, column: int
) -> None:
    outcome = lint_file(tmp_path, name, data)

    message = f"the integer {BIG_INTEGER} does not fit in 64 bits: the server cannot receive it"
    assert summarize(outcome) == [("JL007", line, column, message)]


def test_recipe_id_beyond_64_bits(tmp_path: Path) -> None:
    data = b'{"wrangledDataset": {"id": ' + BIG_INTEGER.encode() + b"}}\n"
    outcome = lint_file(tmp_path, "big-id.jobspec.json", data)

    assert summarize(outcome) == [
        ("JL105", 1, 28,
         f"recipe id {BIG_INTEGER} does not fit in 64 bits: ids are at most 9223372036854775807")
    ]


# JSON that is not JSON ---------------------------------------------------------------------

NOT_QUOTED_KEY = "expected a key in double quotes."


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b'{\n  // the recipe\n  "wrangledDataset": {"id": 7}\n}\n',
         ("JL001", 2, 3, f"{NOT_QUOTED_KEY} JSON does not allow comments: remove the comment,"
          " or write the file as YAML")),
        (b'{"wrangledDataset": {"id": 7},}\n',
         ("JL001", 1, 31, f"{NOT_QUOTED_KEY} JSON does not allow a comma before '}}':"
          " remove the trailing comma")),
        (b"{'wrangledDataset': {'id': 7}}\n",
         ("JL001", 1, 2, f'{NOT_QUOTED_KEY} JSON strings use double quotes: write'
          ' "wrangledDataset". The text looks like a Python dict printed with str():'
          " write it with json.dumps()")),
        (b'{"wrangledDataset": {"id": 7}, "overrides": {"profiler": True}}\n',
         ("JL001", 1, 58, "expected a value (an object, array, string, number, true, false"
          " or null). True is Python, not JSON: write true")),
    ],
    ids=["comment", "trailing-comma", "single-quotes", "python-repr"],
)
def test_json_dialects_rejected(tmp_path: Path, data: bytes, expected: Expected) -> None:
    assert summarize(lint_file(tmp_path, "dialect.jobspec.json", data)) == [expected]


# Characters that are not what they look like -----------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "end_column", "message"),
    [
        ("invisible.jobspec.json", '{"wrangled\u200bDataset": {"id": 7}}\n'.encode(), 20,
         'key "wrangled\\u200bDataset" in the body contains U+200B ZERO WIDTH SPACE,'
         " an invisible character: delete it"),
        ("invisible.jobspec.yaml", "wrangledDataset\u00a0:\n  id: 7\n".encode(), 17,
         'key "wrangledDataset\\u00a0" in the body contains U+00A0 NO-BREAK SPACE, which looks'
         " like a space but is not one: replace it with an ordinary space or delete it"),
    ],
    ids=["json-zero-width-space", "yaml-no-break-space"],
)
def test_invisible_character_in_key(
    tmp_path: Path, name: str, data: bytes, end_column: int, message: str
) -> None:
    outcome = lint_file(tmp_path, name, data)
    invisible = [item for item in summarize(outcome) if item[0] == "JL502"]

    column = 2 if name.endswith(".json") else 1
    assert invisible == [("JL502", 1, column, message)]
    assert [item["end_column"] for item in outcome.findings if item["code"] == "JL502"] == [
        end_column
    ]


ESCAPE_ADVICE = (
    "in a double-quoted string: write \\\\ for each backslash, or in YAML use single quotes,"
    " which keep backslashes as written"
)


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("bell.jobspec.json",
         b'{"wrangledDataset": {"id": 7}, "runParameters": {"overrides": {"data":'
         b' [{"key": "k", "value": "a\\u0007b"}]}}}\n',
         ("JL502", 1, 95, 'runParameters.overrides.data[0].value "a\\u0007b" contains U+0007'
          f" BELL, made by the escape \\u0007 {ESCAPE_ADVICE}")),
        ("tab.jobspec.yaml", parameter_yaml('"C:\\temp"'),
         ("JL502", PARAMETER_LINE, PARAMETER_COLUMN,
          'runParameters.overrides.data[0].value "C:\\temp" contains U+0009 CHARACTER'
          f" TABULATION (tab), made by the escape \\t {ESCAPE_ADVICE}")),
    ],
    ids=["json", "yaml"],
)
def test_escape_makes_control_character(
    tmp_path: Path, name: str, data: bytes, expected: Expected
) -> None:
    assert summarize(lint_file(tmp_path, name, data)) == [expected]


def surrogate_message(fix: str) -> str:
    return (
        "the escape \\ud800 is a lone UTF-16 surrogate, which is not a character:"
        f" write the character itself or {fix}"
    )


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("surrogate.jobspec.json", b'{"wrangledDataset": {"id": 7}, "ranfrom": "\\ud800"}\n',
         ("JL004", 1, 43, surrogate_message("a complete surrogate pair"))),
        ("surrogate.jobspec.yaml", parameter_yaml('"\\ud800"'),
         ("JL004", PARAMETER_LINE, 17, surrogate_message("a \\U escape of its code point"))),
    ],
    ids=["json", "yaml"],
)
def test_lone_surrogate(tmp_path: Path, name: str, data: bytes, expected: Expected) -> None:
    assert summarize(lint_file(tmp_path, name, data)) == [expected]


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("template.jobspec.json", b'{"wrangledDataset": {"id": {{ recipe_id }}}}\n',
         ("JL001", 1, 29, f"{NOT_QUOTED_KEY} `{{{{ recipe_id }}}}` looks like a template left"
          " unrendered: render the template, or replace it with the value")),
        ("template.jobspec.yaml", b"wrangledDataset:\n  id: {{ recipe_id }}\n",
         ("JL501", 2, 7, "wrangledDataset.id is the unrendered template {{ recipe_id }}, which"
          " YAML reads as a mapping: render the template before the body is linted and sent,"
          " or write the value")),
    ],
    ids=["json", "yaml"],
)
def test_unrendered_template(tmp_path: Path, name: str, data: bytes, expected: Expected) -> None:
    assert summarize(lint_file(tmp_path, name, data)) == [expected]


# Paths that are not regular files ------------------------------------------------------------


def usage_error(path: Path, cwd: Path | None = None) -> tuple[int, str]:
    completed = run_cli("check", "--format", "json", str(path), cwd=cwd)
    assert "Traceback" not in completed.stderr
    return completed.returncode, completed.stderr


def walked_reasons(outcome: Outcome) -> list[tuple[str, str]]:
    return [(Path(str(item["path"])).name, str(item["message"])) for item in outcome.findings]


def test_folder_named_like_a_spec_is_walked(tmp_path: Path) -> None:
    folder = tmp_path / "daily.jobspec.json"
    folder.mkdir()

    outcome = check(folder)

    assert outcome.status == 0
    assert outcome.findings == []
    assert json.loads(outcome.stdout)["summary"]["files"] == 0


def test_folder_as_config_file(tmp_path: Path) -> None:
    (tmp_path / "config.toml").mkdir()
    spec = tmp_path / "a.jobspec.json"
    spec.write_text('{"wrangledDataset": {"id": 7}}\n')

    completed = run_cli("check", "--config", "config.toml", "a.jobspec.json", cwd=tmp_path)

    assert completed.returncode == 2
    assert completed.stderr == (
        "jobspec-lint: error: config.toml: cannot read the configuration file: Is a directory\n"
    )


def test_fifo_named_and_walked(tmp_path: Path) -> None:
    walk = tmp_path / "walk"
    walk.mkdir()
    os.mkfifo(tmp_path / "named.jobspec.json")
    os.mkfifo(walk / "pipe.jobspec.json")

    # Opening a FIFO with no writer would block: both runs must return.
    status, stderr = usage_error(tmp_path / "named.jobspec.json")
    walked = check(walk)

    assert status == 2
    assert stderr == (
        f"jobspec-lint: error: cannot read {tmp_path / 'named.jobspec.json'}: not a regular file:"
        " name a file or a folder\n"
    )
    assert walked.status == 1
    assert walked_reasons(walked) == [
        ("pipe.jobspec.json", "cannot read the file: not a regular file")
    ]


def test_broken_link_named_and_walked(tmp_path: Path) -> None:
    walk = tmp_path / "walk"
    walk.mkdir()
    (tmp_path / "named.jobspec.json").symlink_to(tmp_path / "missing.json")
    (walk / "gone.jobspec.json").symlink_to(tmp_path / "missing.json")

    status, stderr = usage_error(tmp_path / "named.jobspec.json")
    walked = check(walk)

    assert status == 2
    assert stderr == (
        f"jobspec-lint: error: cannot read {tmp_path / 'named.jobspec.json'}:"
        " broken symbolic link: point the link at a file, or leave it out\n"
    )
    assert walked_reasons(walked) == [
        ("gone.jobspec.json", "cannot read the file: broken symbolic link")
    ]


def test_link_loops_in_folder_walk(tmp_path: Path) -> None:
    walk = tmp_path / "walk"
    (walk / "sub").mkdir(parents=True)
    (walk / "sub" / "up").symlink_to(walk)
    (walk / "sub" / "root").symlink_to("../..")
    (walk / "self.jobspec.json").symlink_to("self.jobspec.json")
    (walk / "sub" / "a.jobspec.json").write_text('{"wrangledDataset": {"id": 7}}\n')

    walked = check(walk)

    assert walked.status == 1
    assert walked_reasons(walked) == [
        ("self.jobspec.json", "cannot read the file: symbolic link loop")
    ]
    assert json.loads(walked.stdout)["summary"]["files"] == 2


@pytest.fixture
def traversable_folder() -> Iterator[Path]:
    """Yield a folder outside pytest's private temporary folder, with mode 0755."""
    folder = Path(tempfile.mkdtemp(prefix="jobspec-lint-"))
    folder.chmod(0o755)
    try:
        yield folder
    finally:
        for path in folder.rglob("*"):
            if not path.is_symlink():
                path.chmod(stat.S_IRWXU)
        shutil.rmtree(folder)


def run_as_owner(*args: str) -> subprocess.CompletedProcess[str]:
    """Run the command so that a file's mode bits apply to it, even when the tests run as root.

    Root runs without CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH, the capabilities
    that bypass file permissions. Switching to another user instead would fail
    where the interpreter lives in a folder only root can enter, such as /root.
    """
    if os.geteuid() != 0:
        return run_cli(*args)
    setpriv = shutil.which("setpriv")
    assert setpriv is not None
    environment = {**os.environ, "NO_COLOR": "1"}
    return subprocess.run(
        [setpriv, "--bounding-set=-dac_override,-dac_read_search", command_path(), *args],
        capture_output=True, text=True, env=environment, timeout=60, check=False,
    )


@pytest.mark.skipif(os.name != "posix", reason="needs POSIX file modes")
def test_unreadable_named_and_walked(traversable_folder: Path) -> None:
    if os.geteuid() == 0 and shutil.which("setpriv") is None:
        pytest.skip("running as root, and setpriv is not installed to drop CAP_DAC_OVERRIDE")
    walk = traversable_folder / "walk"
    walk.mkdir()
    named = traversable_folder / "named.jobspec.json"
    for path in (named, walk / "locked.jobspec.json"):
        path.write_text('{"wrangledDataset": {"id": 7}}\n')
        path.chmod(0)

    named_run = run_as_owner("check", "--format", "json", str(named))
    walked_run = run_as_owner("check", "--format", "json", str(walk))

    assert "Traceback" not in named_run.stderr + walked_run.stderr
    assert named_run.returncode == 2
    assert named_run.stderr == (
        f"jobspec-lint: error: cannot read {named}: permission denied: make the file readable,"
        " or leave it out\n"
    )
    assert walked_run.returncode == 1
    findings = json.loads(walked_run.stdout)["findings"]
    assert [(item["code"], item["message"]) for item in findings] == [
        ("JL008", "cannot read the file: permission denied")
    ]


# Size --------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["huge.jobspec.json", "huge.jobspec.yaml"])
def test_50_mb_file_stops_at_limit(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    with path.open("wb") as stream:
        stream.write(b'{"wrangledDataset": {"id": 7}, "ranfrom": "')
        stream.write(b"x" * (50 * 1024 * 1024))
        stream.write(b'"}\n')

    started = time.perf_counter()
    outcome = check(path)
    elapsed = time.perf_counter() - started

    assert summarize(outcome) == [
        ("JL006", 1, 1, (
            "the file is over the limit of 10485760 bytes (max-bytes): check that it is a job spec,"
            " or raise max-bytes in the configuration"
        ))
    ]
    assert elapsed < 10


def test_sparse_file_reads_only_the_limit(tmp_path: Path) -> None:
    # A 1 TiB sparse file: a reader that went past max-bytes + 1 would not finish.
    path = tmp_path / "sparse.jobspec.json"
    with path.open("wb") as stream:
        stream.write(b"{")
        stream.truncate(1 << 40)

    outcome = check(path)

    assert summarize(outcome) == [
        ("JL006", 1, 1, (
            "the file is over the limit of 10485760 bytes (max-bytes): check that it is a job spec,"
            " or raise max-bytes in the configuration"
        ))
    ]
