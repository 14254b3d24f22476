"""Configuration files and the options that override them, through the installed CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import run_cli

CLEAN = '{"wrangledDataset": {"id": 7}}\n'
EMPTY_OVERRIDES = '{"wrangledDataset": {"id": 7}, "overrides": {}}\n'
UNKNOWN_KEY = '{"wrangledDataset": {"id": 7}, "bogus": 1}\n'
PLACEHOLDER = '{"wrangledDataset": {"id": 7}, "ranfrom": "${SOURCE}"}\n'


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def pyproject(folder: Path, table: str) -> Path:
    return write(folder, "pyproject.toml", f"[tool.jobspec-lint]\n{table}\n")


def lint_codes(folder: Path, *args: str) -> list[tuple[str, str]]:
    """Run ``check --format json`` in ``folder``; return (relative path, code) pairs."""
    completed = run_cli("check", "--format", "json", *args, cwd=folder)
    assert completed.returncode in (0, 1), completed.stderr
    report = json.loads(completed.stdout)
    return [(Path(f["path"]).as_posix(), f["code"]) for f in report["findings"]]


def config_error(folder: Path, *args: str) -> str:
    completed = run_cli("check", *args, cwd=folder)
    assert completed.returncode == 2, completed.stdout + completed.stderr
    assert completed.stdout == ""
    lines = completed.stderr.splitlines()
    assert len(lines) == 1, completed.stderr
    return lines[0]


# Each key, one test each.


def test_api_key_selects_target(tmp_path: Path) -> None:
    write(tmp_path, "a.jobspec.json", CLEAN)
    assert lint_codes(tmp_path, "a.jobspec.json") == [("a.jobspec.json", "JL401")]
    pyproject(tmp_path, 'api = "v4"')
    assert lint_codes(tmp_path, "a.jobspec.json") == []


def test_first_run_key_makes_jl107_error(tmp_path: Path) -> None:
    body = '{"wrangledDataset": {"id": 7}, "overrides": {"profiler": true}}\n'
    write(tmp_path, "a.jobspec.json", body)
    pyproject(tmp_path, 'api = "v4"\nfirst-run = true')
    completed = run_cli("check", "-q", "a.jobspec.json", cwd=tmp_path)
    assert completed.returncode == 1
    assert "error JL107" in completed.stdout


def test_select_key_runs_only_named_rules(tmp_path: Path) -> None:
    write(tmp_path, "a.jobspec.json", UNKNOWN_KEY)
    pyproject(tmp_path, 'select = ["JL4"]')
    assert lint_codes(tmp_path, "a.jobspec.json") == [("a.jobspec.json", "JL401")]


def test_ignore_key_accepts_name(tmp_path: Path) -> None:
    write(tmp_path, "a.jobspec.json", UNKNOWN_KEY)
    pyproject(tmp_path, 'ignore = ["unknown-key", "jl4"]')
    assert lint_codes(tmp_path, "a.jobspec.json") == []


def test_severity_key_changes_severity(tmp_path: Path) -> None:
    write(tmp_path, "a.jobspec.json", UNKNOWN_KEY)
    pyproject(tmp_path, 'api = "v4"\n[tool.jobspec-lint.severity]\nunknown-key = "warning"')
    completed = run_cli("check", "-q", "a.jobspec.json", cwd=tmp_path)
    assert completed.returncode == 0
    assert "warning JL104" in completed.stdout


def test_per_file_ignores_relative_to_config(tmp_path: Path) -> None:
    write(tmp_path, "legacy/a.jobspec.json", UNKNOWN_KEY)
    write(tmp_path, "current/a.jobspec.json", UNKNOWN_KEY)
    pyproject(tmp_path, 'api = "v4"\n[tool.jobspec-lint.per-file-ignores]\n'
                        '"legacy/*.json" = ["JL104"]')
    # Run from a subfolder: the glob is relative to the configuration's folder.
    codes = lint_codes(tmp_path / "current", "..")
    assert codes == [("../current/a.jobspec.json", "JL104")]


def test_exclude_skips_walked_files(tmp_path: Path) -> None:
    write(tmp_path, "specs/a.jobspec.json", UNKNOWN_KEY)
    write(tmp_path, "specs/generated/b.jobspec.json", UNKNOWN_KEY)
    pyproject(tmp_path, 'api = "v4"\nexclude = ["generated/"]')
    assert lint_codes(tmp_path, "specs") == [("specs/a.jobspec.json", "JL104")]


def test_exclude_named_file_needs_force_exclude(tmp_path: Path) -> None:
    write(tmp_path, "generated/b.jobspec.json", UNKNOWN_KEY)
    pyproject(tmp_path, 'api = "v4"\nexclude = ["generated/"]')
    named = "generated/b.jobspec.json"
    assert lint_codes(tmp_path, named) == [(named, "JL104")]
    assert lint_codes(tmp_path, "--force-exclude", named) == []


def test_include_lints_matching_files_only(tmp_path: Path) -> None:
    # Neither file follows the naming convention; include makes pipelines/ job specs.
    write(tmp_path, "pipelines/daily.json", '{"bogus": 1}\n')
    write(tmp_path, "other/daily.json", '{"wrangledDataset": {"id": 7}, "bogus": 1}\n')
    pyproject(tmp_path, 'api = "v4"\ninclude = ["pipelines/*.json"]')
    codes = lint_codes(tmp_path, ".")
    assert ("pipelines/daily.json", "JL104") in codes
    assert all(path == "pipelines/daily.json" for path, _ in codes)


def test_allow_placeholders_is_read(tmp_path: Path) -> None:
    write(tmp_path, "a.jobspec.json", PLACEHOLDER)
    pyproject(tmp_path, 'api = "v4"\nallow-placeholders = ["${}"]')
    completed = run_cli("check", "--show-settings", "a.jobspec.json", cwd=tmp_path)
    assert 'allow-placeholders = ["${}"]  # from pyproject.toml' in completed.stdout


def test_allow_placeholders_hides_jl501(tmp_path: Path) -> None:
    write(tmp_path, "a.jobspec.json", PLACEHOLDER)
    pyproject(tmp_path, 'api = "v4"')
    assert ("a.jobspec.json", "JL501") in lint_codes(tmp_path, "a.jobspec.json")
    pyproject(tmp_path, 'api = "v4"\nallow-placeholders = ["${}"]')
    assert ("a.jobspec.json", "JL501") not in lint_codes(tmp_path, "a.jobspec.json")


def test_invalid_pyproject_naming_table_is_error(tmp_path: Path) -> None:
    write(tmp_path, "a.jobspec.json", CLEAN)
    write(tmp_path, "pyproject.toml", "[tool.jobspec-lint]\napi = v3\n")
    assert config_error(tmp_path, "a.jobspec.json") == (
        "jobspec-lint: error: pyproject.toml: invalid TOML: Invalid value (at line 2, column 7)"
    )


def test_invalid_pyproject_of_other_tool_is_skipped(tmp_path: Path) -> None:
    write(tmp_path, "a.jobspec.json", CLEAN)
    write(tmp_path, "pyproject.toml", "[tool.black\nline-length = 99\n")
    assert lint_codes(tmp_path, "a.jobspec.json") == [("a.jobspec.json", "JL401")]


def test_allowed_template_in_integer_field_is_clean(tmp_path: Path) -> None:
    write(tmp_path, "a.jobspec.yaml", "wrangledDataset:\n  id: {{ recipe_id }}\n")
    write(tmp_path, "b.jobspec.json", '{"wrangledDataset": {"id": "{{ recipe_id }}"}}\n')
    assert lint_codes(tmp_path, "--ignore", "JL401", ".") == [
        ("a.jobspec.yaml", "JL501"),
        ("b.jobspec.json", "JL501"),
    ]
    pyproject(tmp_path, 'allow-placeholders = ["{{}}"]')
    assert lint_codes(tmp_path, "--ignore", "JL401", ".") == []


def test_max_bytes_limit_gives_jl006(tmp_path: Path) -> None:
    write(tmp_path, "a.jobspec.json", CLEAN)
    pyproject(tmp_path, 'api = "v4"\nmax-bytes = 10')
    assert lint_codes(tmp_path, "a.jobspec.json") == [("a.jobspec.json", "JL006")]


def test_max_depth_limit_gives_jl006(tmp_path: Path) -> None:
    write(tmp_path, "a.jobspec.json", '{"wrangledDataset": {"id": 7}, "x": [[[[1]]]]}\n')
    pyproject(tmp_path, 'api = "v4"\nmax-depth = 3')
    assert ("a.jobspec.json", "JL006") in lint_codes(tmp_path, "a.jobspec.json")


def test_max_alias_nodes_limit_gives_jl006(tmp_path: Path) -> None:
    text = (
        "wrangledDataset: {id: 7}\n"
        "runParameters:\n"
        "  overrides:\n"
        "    data: &rows [{key: a, value: b}, {key: c, value: d}, {key: e, value: f}]\n"
        "x: [*rows, *rows, *rows]\n"
    )
    write(tmp_path, "a.jobspec.yaml", text)
    pyproject(tmp_path, 'api = "v4"\nmax-alias-nodes = 2')
    assert ("a.jobspec.yaml", "JL006") in lint_codes(tmp_path, "a.jobspec.yaml")


# Finding the file.


def test_dedicated_file_uses_top_level_table(tmp_path: Path) -> None:
    write(tmp_path, "a.jobspec.json", CLEAN)
    write(tmp_path, ".jobspec-lint.toml", 'api = "v4"\n')
    assert lint_codes(tmp_path, "a.jobspec.json") == []


def test_closest_file_wins_without_merging(tmp_path: Path) -> None:
    pyproject(tmp_path, 'api = "v4"\nignore = ["JL106"]')
    write(tmp_path, "team/.jobspec-lint.toml", 'ignore = ["JL104"]\n')
    write(tmp_path, "team/a.jobspec.json", EMPTY_OVERRIDES)
    write(tmp_path, "b.jobspec.json", EMPTY_OVERRIDES)
    codes = lint_codes(tmp_path, ".")
    # team/ uses its own file only: v3 (the default, so JL401) and JL106 not ignored.
    team = sorted(code for path, code in codes if path == "team/a.jobspec.json")
    assert team == ["JL106", "JL401"]
    top = [code for path, code in codes if path == "b.jobspec.json"]
    assert "JL106" not in top
    assert "JL401" not in top


def test_pyproject_without_table_is_passed_over(tmp_path: Path) -> None:
    pyproject(tmp_path, 'api = "v4"')
    write(tmp_path, "sub/pyproject.toml", '[project]\nname = "x"\n')
    write(tmp_path, "sub/a.jobspec.json", CLEAN)
    assert lint_codes(tmp_path, "sub/a.jobspec.json") == []


def test_dedicated_file_wins_in_same_folder(tmp_path: Path) -> None:
    pyproject(tmp_path, 'api = "v3"')
    write(tmp_path, ".jobspec-lint.toml", 'api = "v4"\n')
    write(tmp_path, "a.jobspec.json", CLEAN)
    assert lint_codes(tmp_path, "a.jobspec.json") == []


def test_config_option_replaces_search(tmp_path: Path) -> None:
    pyproject(tmp_path, 'api = "v3"')
    write(tmp_path, "elsewhere/lint.toml", 'api = "v4"\n')
    write(tmp_path, "a.jobspec.json", CLEAN)
    assert lint_codes(tmp_path, "--config", "elsewhere/lint.toml", "a.jobspec.json") == []


def test_missing_config_option_file(tmp_path: Path) -> None:
    write(tmp_path, "a.jobspec.json", CLEAN)
    message = config_error(tmp_path, "--config", "nope.toml", "a.jobspec.json")
    assert message == "jobspec-lint: error: nope.toml: configuration file not found: check the path"


# Command line over file over default.


def test_api_option_wins_over_file(tmp_path: Path) -> None:
    write(tmp_path, "a.jobspec.json", CLEAN)
    pyproject(tmp_path, 'api = "v4"')
    assert lint_codes(tmp_path, "--api", "v3", "a.jobspec.json") == [("a.jobspec.json", "JL401")]


def test_no_first_run_option_wins_over_file(tmp_path: Path) -> None:
    body = '{"wrangledDataset": {"id": 7}, "overrides": {"profiler": true}}\n'
    write(tmp_path, "a.jobspec.json", body)
    pyproject(tmp_path, 'api = "v4"\nfirst-run = true')
    completed = run_cli("check", "-q", "--no-first-run", "a.jobspec.json", cwd=tmp_path)
    assert completed.returncode == 0
    assert "info JL107" in completed.stdout


def test_select_option_replaces_file(tmp_path: Path) -> None:
    write(tmp_path, "a.jobspec.json", UNKNOWN_KEY)
    pyproject(tmp_path, 'select = ["JL4"]')
    codes = lint_codes(tmp_path, "--select", "JL104,JL106", "a.jobspec.json")
    assert codes == [("a.jobspec.json", "JL104")]


def test_ignore_option_is_repeatable(tmp_path: Path) -> None:
    write(tmp_path, "a.jobspec.json", UNKNOWN_KEY)
    codes = lint_codes(
        tmp_path, "--ignore", "JL104", "--ignore", "v3-end-of-life", "a.jobspec.json"
    )
    assert codes == []


def test_unknown_rule_in_option(tmp_path: Path) -> None:
    write(tmp_path, "a.jobspec.json", CLEAN)
    message = config_error(tmp_path, "--select", "JL1O4", "a.jobspec.json")
    assert message.startswith('jobspec-lint: error: --select: unknown rule "JL1O4" '
                              '(did you mean "JL104"?)')


# Errors in the file: one message naming the file, the key and the allowed values.


def test_unknown_key_suggests_closest(tmp_path: Path) -> None:
    write(tmp_path, "a.jobspec.json", CLEAN)
    pyproject(tmp_path, 'ignroe = ["JL104"]')
    message = config_error(tmp_path, "a.jobspec.json")
    assert message.startswith(
        'jobspec-lint: error: pyproject.toml: tool.jobspec-lint: unknown key "ignroe" '
        '(did you mean "ignore"?): allowed keys are "allow-placeholders", "api",'
    )


def test_bad_api_value_names_allowed(tmp_path: Path) -> None:
    write(tmp_path, "a.jobspec.json", CLEAN)
    write(tmp_path, ".jobspec-lint.toml", 'api = "v5"\n')
    message = config_error(tmp_path, "a.jobspec.json")
    assert message == (
        'jobspec-lint: error: .jobspec-lint.toml: api: invalid value "v5": use one of "v3", "v4"'
    )


@pytest.mark.parametrize(
    ("table", "expected"),
    [
        ('first-run = "yes"', 'first-run: invalid value "yes": expected a boolean (true or false)'),
        ('select = "JL1"', 'select: invalid value "JL1": expected a list, such as ["JL1"]'),
        ("max-depth = 0", "max-depth: invalid value 0: must be at least 1"),
        ('allow-placeholders = ["%%"]',
         'allow-placeholders[0]: invalid value "%%": use one of "${}", "{{}}", "<>"'),
        ('[tool.jobspec-lint.severity]\nJL104 = "fatal"',
         'severity.JL104: invalid value "fatal": use one of "error", "warning", "info"'),
        ('exclude = [""]', 'exclude[0]: invalid value "": must not be empty'),
    ],
)
def test_bad_value_message(tmp_path: Path, table: str, expected: str) -> None:
    write(tmp_path, "a.jobspec.json", CLEAN)
    pyproject(tmp_path, table)
    message = config_error(tmp_path, "a.jobspec.json")
    assert message == f"jobspec-lint: error: pyproject.toml: tool.jobspec-lint.{expected}"


def test_pyproject_table_in_dedicated_file(tmp_path: Path) -> None:
    write(tmp_path, "a.jobspec.json", CLEAN)
    write(tmp_path, ".jobspec-lint.toml", '[tool.jobspec-lint]\nignore = ["JL401"]\n')
    message = config_error(tmp_path, "a.jobspec.json")
    assert message.startswith(
        'jobspec-lint: error: .jobspec-lint.toml: the configuration: unknown key "tool" (a '
        ".jobspec-lint.toml has its keys at the top level: remove the [tool.jobspec-lint] "
        "line): allowed keys are "
    )


@pytest.mark.parametrize(
    ("table", "expected"),
    [
        ('exclude = ["ok/*", "[z-a]"]', 'exclude[1]: invalid glob "[z-a]"'),
        ('include = ["a[z-a]"]', 'include[0]: invalid glob "a[z-a]"'),
        ('[tool.jobspec-lint.per-file-ignores]\n"[z-a]" = ["JL2"]',
         'per-file-ignores."[z-a]": invalid glob "[z-a]"'),
    ],
)
def test_invalid_glob_is_config_error(tmp_path: Path, table: str, expected: str) -> None:
    write(tmp_path, "a.jobspec.json", CLEAN)
    pyproject(tmp_path, table)
    message = config_error(tmp_path, ".")
    assert message == (f"jobspec-lint: error: pyproject.toml: tool.jobspec-lint.{expected} "
                       "(bad character range z-a): correct or remove it")


def test_invalid_gitignore_pattern_is_skipped(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    write(tmp_path, ".gitignore", "[z-a]\nignored/\n")
    write(tmp_path, "a.jobspec.json", UNKNOWN_KEY)
    write(tmp_path, "ignored/b.jobspec.json", UNKNOWN_KEY)
    assert lint_codes(tmp_path, "--select", "JL104", ".") == [("a.jobspec.json", "JL104")]


@pytest.mark.parametrize(
    ("table", "where"),
    [
        ('select = ["JL999"]', "select[0]"),
        ('ignore = ["JL1", "unknwon-key"]', "ignore[1]"),
        ('[tool.jobspec-lint.severity]\nJL999 = "error"', "severity.JL999"),
        ('[tool.jobspec-lint.per-file-ignores]\n"a/*" = ["JL999"]', 'per-file-ignores."a/*"[0]'),
    ],
)
def test_unknown_rule_code_in_file(tmp_path: Path, table: str, where: str) -> None:
    write(tmp_path, "a.jobspec.json", CLEAN)
    pyproject(tmp_path, table)
    message = config_error(tmp_path, "a.jobspec.json")
    assert message.startswith(f"jobspec-lint: error: pyproject.toml: tool.jobspec-lint.{where}: "
                              "unknown rule ")


def test_severity_rejects_prefix(tmp_path: Path) -> None:
    write(tmp_path, "a.jobspec.json", CLEAN)
    pyproject(tmp_path, '[tool.jobspec-lint.severity]\nJL1 = "warning"')
    message = config_error(tmp_path, "a.jobspec.json")
    assert 'severity.JL1: unknown rule "JL1"' in message


def test_invalid_toml_names_file(tmp_path: Path) -> None:
    write(tmp_path, "a.jobspec.json", CLEAN)
    write(tmp_path, ".jobspec-lint.toml", "api = \n")
    message = config_error(tmp_path, "a.jobspec.json")
    assert message.startswith("jobspec-lint: error: .jobspec-lint.toml: invalid TOML: ")


# --show-settings


def test_show_settings_names_origins(tmp_path: Path) -> None:
    write(tmp_path, "legacy/a.jobspec.json", CLEAN)
    pyproject(tmp_path, 'ignore = ["unknown-key"]\n[tool.jobspec-lint.per-file-ignores]\n'
                        '"legacy/*" = ["JL106"]')
    completed = run_cli("check", "--api", "v4", "--show-settings", "legacy/a.jobspec.json",
                        cwd=tmp_path)
    assert completed.returncode == 0, completed.stderr
    lines = completed.stdout.splitlines()
    assert lines[0] == "# settings for legacy/a.jobspec.json"
    assert lines[1] == "# configuration file: pyproject.toml [tool.jobspec-lint]"
    assert 'api = "v4"  # from --api' in lines
    assert "first-run = false  # default" in lines
    assert 'ignore = ["JL104"]  # from pyproject.toml' in lines
    assert 'per-file-ignores = { "legacy/*" = ["JL106"] }  # from pyproject.toml' in lines
    assert "max-bytes = 10485760  # default" in lines
    assert "# per-file-ignores ignore here: JL106" in lines


def test_show_settings_without_config(tmp_path: Path) -> None:
    write(tmp_path, "a.jobspec.json", CLEAN)
    completed = run_cli("check", "--show-settings", "a.jobspec.json", cwd=tmp_path)
    assert completed.returncode == 0
    assert "# configuration file: none found, so the defaults apply" in completed.stdout
    assert 'api = "v3"  # default' in completed.stdout


def test_check_without_paths_is_usage_error(tmp_path: Path) -> None:
    completed = run_cli("check", cwd=tmp_path)
    assert completed.returncode == 2
    assert "no paths given" in completed.stderr


# The schema file, for editors and other validators.


def test_config_schema_is_valid_draft_2020_12() -> None:
    from jsonschema import Draft202012Validator

    schema_path = Path(__file__).resolve().parents[2] / "schemas" / "config.schema.json"
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == "https://jobspec-lint.dev/schemas/config.schema.json"
    assert schema["additionalProperties"] is False
    assert schema["title"]
    for key, subschema in schema["properties"].items():
        assert subschema.get("description"), f"{key} has no description"
