"""Safety: no input or configuration runs code, no command uses the network, no secret leaks."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from jobspec_lint.report import FORMATS
from jobspec_lint.schema.bundled import SCHEMA_FILES, schema_dir
from tests.conftest import command_path, run_cli

REMOTE_REF = "https://example.invalid/x.json"


# YAML construction ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "tag",
    ["!!python/object/apply:os.system", "!!python/object/new:os.system"],
    ids=["apply", "new"],
)
def test_python_tag_does_not_run(tmp_path: Path, tag: str) -> None:
    marker = tmp_path / "created-by-yaml"
    spec = tmp_path / "spec.jobspec.yaml"
    spec.write_text(f'wrangledDataset:\n  id: {tag} ["touch {marker}"]\n')

    checked = run_cli("check", "--format", "json", str(spec))
    run_cli("check", "--diff", str(spec))
    run_cli("migrate", "--diff", str(spec))

    assert not marker.exists()
    findings = [item for item in json.loads(checked.stdout)["findings"] if item["code"] != "JL401"]
    assert [(item["code"], item["line"], item["column"], item["message"]) for item in findings] == [
        ("JL007", 2, 7, f"the YAML tag {tag} has no JSON equivalent: remove the tag")
    ]


def test_python_tag_on_whole_document(tmp_path: Path) -> None:
    marker = tmp_path / "created-by-yaml"
    spec = tmp_path / "spec.jobspec.yaml"
    spec.write_text(f'!!python/object/apply:os.system\nargs: ["touch {marker}"]\n')

    checked = run_cli("check", "--format", "json", str(spec))

    assert not marker.exists()
    codes = [item["code"] for item in json.loads(checked.stdout)["findings"]]
    assert codes == ["JL007"]


# No network ----------------------------------------------------------------------------------

# Makes every way out of the process fail, and records each attempt, before the
# command's own code runs.
NETWORK_GUARD = '''
import os
import socket

_LOG = os.environ["JOBSPEC_LINT_NETWORK_LOG"]


def _reject_network(*args, **kwargs):
    with open(_LOG, "a", encoding="utf-8") as log:
        log.write(repr(args[1:3]) + "\\n")
    raise OSError("network access is disabled for this test")


socket.socket.connect = _reject_network
socket.socket.connect_ex = _reject_network
socket.socket.sendto = _reject_network
socket.getaddrinfo = _reject_network
socket.create_connection = _reject_network
'''

COMMANDS = [
    ("check", "--format", "json", "."),
    ("check", "--format", "sarif", "."),
    ("check", "invalid.jobspec.json"),
    ("rules",),
    ("rule", "JL104"),
    ("schema", "v3"),
    ("schema", "v4"),
    ("migrate", "--diff", "daily.jobspec.yaml"),
    ("migrate", "--scan", "run_job.sh"),
    ("--version",),
]
# A valid v3 body, an invalid one (a path that is not a URI, an unknown key), and
# a script that calls v3.
COMMAND_FILES = {
    "daily.jobspec.yaml": (
        "wrangledDataset:\n  id: 7\noverrides:\n  execution: photon\n  profiler: true\n"
        "  writesettings:\n    - path: s3://bucket/out.csv\n      action: create\n"
        "      format: csv\n"
    ),
    "invalid.jobspec.json": (
        '{"wrangledDataset": {"id": 7}, "overrides": {"writesettings": [{"path": "out.csv",'
        ' "action": "create", "format": "csv", "asSingleFIle": true}]}}\n'
    ),
    "run_job.sh": (
        "curl -X POST https://trifacta.example/v3/jobGroups -d @daily.json"
        " | jq .jobgroupId\n"
    ),
}


@pytest.fixture(scope="module")
def command_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("commands")
    for name, text in COMMAND_FILES.items():
        (folder / name).write_text(text)
    return folder


@pytest.fixture(scope="module")
def guard_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("network-guard")
    (folder / "sitecustomize.py").write_text(NETWORK_GUARD)
    return folder


def guarded_environment(guard_folder: Path, log: Path) -> dict[str, str]:
    return {
        "PYTHONPATH": os.pathsep.join(filter(None, [str(guard_folder),
                                                    os.environ.get("PYTHONPATH")])),
        "JOBSPEC_LINT_NETWORK_LOG": str(log),
    }


def test_network_guard_works(guard_folder: Path, tmp_path: Path) -> None:
    # The guard must be in force in the child, or the tests below prove nothing.
    log = tmp_path / "network.log"
    python = Path(command_path()).parent / "python"
    completed = subprocess.run(
        [str(python), "-c", "import socket; socket.getaddrinfo('example.invalid', 443)"],
        capture_output=True, text=True, timeout=60, check=False,
        env={**os.environ, **guarded_environment(guard_folder, log)},
    )

    assert completed.returncode == 1
    assert "network access is disabled" in completed.stderr
    assert log.read_text() == "(443,)\n"


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_command_makes_no_network_call(
    guard_folder: Path, command_folder: Path, tmp_path: Path, command: tuple[str, ...]
) -> None:
    log = tmp_path / "network.log"

    normal = run_cli(*command, cwd=command_folder)
    guarded = run_cli(*command, cwd=command_folder,
                      env=guarded_environment(guard_folder, log))

    assert not log.exists(), log.read_text()
    assert (guarded.returncode, guarded.stdout, guarded.stderr) == (
        normal.returncode, normal.stdout, normal.stderr
    )
    assert normal.returncode in (0, 1)


def unshare_works() -> bool:
    unshare = shutil.which("unshare")
    if unshare is None:
        return False
    completed = subprocess.run([unshare, "-rn", "true"], capture_output=True, timeout=30,
                               check=False)
    return completed.returncode == 0


@pytest.mark.skipif(not unshare_works(),
                    reason="'unshare -rn' is not available (no user namespaces here)")
@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_command_output_same_without_network(
    command_folder: Path, command: tuple[str, ...]
) -> None:
    # A network namespace with only a loopback device that is down: nothing can leave.
    environment = {**os.environ, "NO_COLOR": "1"}
    environment.pop("FORCE_COLOR", None)
    isolated = subprocess.run(
        ["unshare", "-rn", command_path(), *command], capture_output=True, text=True,
        cwd=command_folder, env=environment, timeout=60, check=False,
    )
    normal = run_cli(*command, cwd=command_folder)

    assert (isolated.returncode, isolated.stdout, isolated.stderr) == (
        normal.returncode, normal.stdout, normal.stderr
    )


# $ref resolution -----------------------------------------------------------------------------


def schema_refs(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str):
                yield value
            else:
                yield from schema_refs(value)
    elif isinstance(node, list):
        for item in node:
            yield from schema_refs(item)


@pytest.mark.parametrize("name", sorted(SCHEMA_FILES))
def test_bundled_schema_refs_are_local(name: str) -> None:
    schema = json.loads((schema_dir() / SCHEMA_FILES[name]).read_text(encoding="utf-8"))

    refs = list(schema_refs(schema))

    assert all(ref.startswith("#") for ref in refs), refs
    assert "$dynamicRef" not in json.dumps(schema)


@pytest.fixture
def network_attempts(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Record and reject every connection and name lookup made in this process."""
    attempts: list[object] = []

    def reject_network(*args: object, **kwargs: object) -> None:
        attempts.append(args)
        raise OSError("network access is disabled for this test")

    monkeypatch.setattr(socket, "getaddrinfo", reject_network)
    monkeypatch.setattr(socket, "create_connection", reject_network)
    monkeypatch.setattr(socket.socket, "connect", reject_network)
    return attempts


@pytest.fixture
def remote_ref_schema(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Make every bundled schema a remote ``$ref``, and rebuild the cached validators."""
    from jobspec_lint.schema import bundled, fast, translate

    def remote_schema(name: str) -> dict[str, Any]:
        return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$ref": REMOTE_REF}

    monkeypatch.setattr(bundled, "load_schema", remote_schema)
    monkeypatch.setattr(translate, "load_schema", remote_schema)
    monkeypatch.setattr(fast, "load_schema", remote_schema)
    translate._validator.cache_clear()
    fast.compiled_validator.cache_clear()
    yield
    translate._validator.cache_clear()
    fast.compiled_validator.cache_clear()


@pytest.mark.usefixtures("remote_ref_schema")
def test_compiled_validator_never_retrieves(network_attempts: list[object]) -> None:
    import jsonschema_rs

    from jobspec_lint.schema.fast import compiled_validator

    with pytest.raises(jsonschema_rs.ValidationError, match="Retrieval is disabled"):
        compiled_validator("v3")

    assert network_attempts == []


@pytest.mark.usefixtures("remote_ref_schema")
def test_python_validators_never_retrieve(network_attempts: list[object]) -> None:
    from referencing.exceptions import Unresolvable

    from jobspec_lint.config.validate import validate_table
    from jobspec_lint.fix.migrate import _v4_validator
    from jobspec_lint.schema.translate import _validator

    for validator in (_validator("v3"), _v4_validator()):
        with pytest.raises(Unresolvable):
            list(validator.iter_errors({}))
    with pytest.raises(Unresolvable):
        validate_table({}, "pyproject.toml", "tool.jobspec-lint")

    assert network_attempts == []


# Secrets -------------------------------------------------------------------------------------

PASSWORD = "Sup3rSecretPassw0rd"
# Not AWS's documented example key, which the rule documentation in SARIF shows.
ACCESS_KEY = "AKIAZZTESTONLY000001"
SIGNATURE = "0123456789abcdef0123456789abcdef"
# Both outputs are on the line of a fixable typo (asSingleFIle), so every report that
# shows source lines or a diff shows that line.
SECRET_SPEC = (
    '{"wrangledDataset": {"id": 7}, "overrides": {"execution": "photon", "profiler": true,'
    ' "writesettings": [{"path": "s3://deploy:' + PASSWORD + '@bucket/out.csv",'
    ' "action": "create", "format": "csv", "asSingleFIle": true}, {"path":'
    ' "https://bucket.s3.amazonaws.com/out.json?X-Amz-Credential=' + ACCESS_KEY
    + "&X-Amz-Signature=" + SIGNATURE + '", "action": "create", "format": "json"}]}}\n'
)
SECRETS = (PASSWORD, ACCESS_KEY, SIGNATURE)


@pytest.fixture
def secret_spec(tmp_path: Path) -> Path:
    path = tmp_path / "secret.jobspec.json"
    path.write_text(SECRET_SPEC)
    return path


@pytest.mark.parametrize("format_name", FORMATS)
def test_secret_in_no_report_format(secret_spec: Path, format_name: str) -> None:
    completed = run_cli("check", "--format", format_name, str(secret_spec))

    assert completed.returncode == 1
    assert "JL209" in completed.stdout or "credentials-in-path" in completed.stdout
    for secret in SECRETS:
        assert secret not in completed.stdout
        assert secret not in completed.stderr


@pytest.mark.parametrize("format_name", FORMATS)
def test_secret_in_no_output_file(secret_spec: Path, tmp_path: Path, format_name: str) -> None:
    report = tmp_path / f"report.{format_name}"

    completed = run_cli("check", "--format", format_name, "--output-file", str(report),
                        str(secret_spec))

    written = report.read_text(encoding="utf-8")
    for secret in SECRETS:
        assert secret not in written
        assert secret not in completed.stdout


@pytest.mark.parametrize("command", [("check", "--diff"), ("migrate", "--diff")],
                         ids=" ".join)
def test_secret_in_no_diff(secret_spec: Path, command: tuple[str, ...]) -> None:
    completed = run_cli(*command, str(secret_spec))

    for secret in SECRETS:
        assert secret not in completed.stdout
        assert secret not in completed.stderr


# Escaping ------------------------------------------------------------------------------------


def test_text_report_replaces_control_characters(tmp_path: Path) -> None:
    # The source line under a finding contains a raw ESC and a C1 control (U+009B, CSI).
    spec = tmp_path / "escape.jobspec.json"
    spec.write_bytes(b'{"wrangledDataset": {"id": 7}, "ranfrom": "a\xc2\x9b31mred"}\n')

    completed = run_cli("check", str(spec))

    assert "\x9b" not in completed.stdout
    assert "\x1b" not in completed.stdout
    assert 'ranfrom "a\\u009b31mred" is not allowed' in completed.stdout


@pytest.mark.parametrize("format_name", ["text", "concise", "github"])
def test_path_control_characters_escaped(tmp_path: Path, format_name: str) -> None:
    (tmp_path / "name\x1b[2J.jobspec.json").write_text('{"wrangledDataset": {"id": "7"}}\n')

    completed = run_cli("check", "--format", format_name, ".", cwd=tmp_path)

    assert "JL102" in completed.stdout
    assert "\x1b" not in completed.stdout


# Configuration is data -----------------------------------------------------------------------

CODE = "__import__('os').system('touch {marker}')"


def test_config_value_that_looks_like_code(tmp_path: Path) -> None:
    marker = tmp_path / "created-by-config"
    code = CODE.format(marker=marker)
    (tmp_path / "pyproject.toml").write_text(f'[tool.jobspec-lint]\napi = "{code}"\n')
    (tmp_path / "a.jobspec.json").write_text('{"wrangledDataset": {"id": 7}}\n')

    completed = run_cli("check", "a.jobspec.json", cwd=tmp_path)

    assert not marker.exists()
    assert completed.returncode == 2
    assert completed.stderr == (
        f'jobspec-lint: error: pyproject.toml: tool.jobspec-lint.api: invalid value "{code}":'
        ' use one of "v3", "v4"\n'
    )


def test_config_globs_and_keys_are_data(tmp_path: Path) -> None:
    marker = tmp_path / "created-by-config"
    code = CODE.format(marker=marker)
    (tmp_path / "pyproject.toml").write_text(
        "[tool.jobspec-lint]\n"
        f'exclude = ["$(touch {marker})", "`touch {marker}`"]\n'
        'ignore = ["JL401"]\n'
        "[tool.jobspec-lint.per-file-ignores]\n"
        f'"{code}" = ["JL1"]\n'
    )
    (tmp_path / "a.jobspec.json").write_text('{"wrangledDataset": {"id": "7"}}\n')

    checked = run_cli("check", "--format", "json", ".", cwd=tmp_path)
    shown = run_cli("check", "--show-settings", "a.jobspec.json", cwd=tmp_path)

    assert not marker.exists()
    assert [item["code"] for item in json.loads(checked.stdout)["findings"]] == ["JL102"]
    assert f'exclude = ["$(touch {marker})", "`touch {marker}`"]  # from pyproject.toml' in (
        shown.stdout.splitlines()
    )


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("max-bytes = \"eval('1')\"",
         "tool.jobspec-lint.max-bytes: invalid value \"eval('1')\": expected an integer"),
        ('severity = { "{code}" = "error" }',
         'tool.jobspec-lint.severity."{code}": unknown rule "{code}": use a rule code (JL104)'
         " or a rule name (unknown-key); 'jobspec-lint rules' lists them"),
    ],
    ids=["max-bytes", "severity-key"],
)
def test_config_odd_values_rejected(tmp_path: Path, line: str, message: str) -> None:
    marker = tmp_path / "created-by-config"
    code = CODE.format(marker=marker)
    (tmp_path / "pyproject.toml").write_text(
        "[tool.jobspec-lint]\n" + line.replace("{code}", code) + "\n"
    )
    (tmp_path / "a.jobspec.json").write_text('{"wrangledDataset": {"id": 7}}\n')

    completed = run_cli("check", "a.jobspec.json", cwd=tmp_path)

    assert not marker.exists()
    assert completed.returncode == 2
    assert completed.stderr == (
        "jobspec-lint: error: pyproject.toml: " + message.replace("{code}", code) + "\n"
    )
