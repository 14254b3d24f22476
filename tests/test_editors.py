"""Editors without a plugin: the ``schema`` command, and yaml-language-server driven by its output.

The yaml-language-server test installs the server from the npm registry into
``.pytest_cache`` once, and later runs reuse it. The test skips when npm or
node is missing or the install fails.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from jobspec_lint.schema.bundled import load_schema
from tests.conftest import REPO, lint, run_cli
from tests.test_server import LspClient

YAML_LANGUAGE_SERVER = "yaml-language-server@1"
NPM_TIMEOUT = 600
# The server's settings: validation on, and the SchemaStore catalogue off, so
# that it reads only the schema the modeline names and fetches nothing.
YAML_SETTINGS: dict[str, Any] = {
    "validate": True,
    "hover": False,
    "completion": False,
    "schemaStore": {"enable": False},
}

PARQUET_SPEC = """\
# yaml-language-server: $schema=./v3.schema.json
wrangledDataset:
  id: 7
overrides:
  execution: photon
  profiler: false
  writesettings:
    - path: s3://analytics-exports/orders/orders.pqt
      action: create
      format: parquet
"""
VALID_SPEC = PARQUET_SPEC.replace("format: parquet", "format: pqt")


@pytest.mark.parametrize("name", ["v3", "v3-first-run", "v4"])
def test_schema_command_prints_bundled_schema(name: str) -> None:
    completed = run_cli("schema", name)

    assert completed.returncode == 0, completed.stderr
    assert json.loads(completed.stdout) == load_schema(name)
    assert completed.stdout.endswith("}\n")


def test_schema_command_defaults_to_v3() -> None:
    completed = run_cli("schema")

    assert completed.returncode == 0, completed.stderr
    assert json.loads(completed.stdout) == load_schema("v3")


def test_schema_command_rejects_unknown_name() -> None:
    completed = run_cli("schema", "v5")

    assert completed.returncode == 2
    assert "'v5' is not one of 'v3', 'v3-first-run', 'v4'" in completed.stderr
    assert completed.stdout == ""


def test_check_stdin_uses_stdin_filename() -> None:
    # An editor lints an unsaved buffer by piping it with the buffer's file name.
    completed = run_cli(
        "check", "-", "--stdin-filename", "jobspecs/orders.yaml", stdin=PARQUET_SPEC
    )

    assert completed.returncode == 1
    assert "jobspecs/orders.yaml:10:15: error JL103" in completed.stdout


def yaml_language_server() -> Path:
    """Return the yaml-language-server script, installing it with npm on the first run."""
    npm = shutil.which("npm")
    if npm is None or shutil.which("node") is None:
        pytest.skip("npm and node are needed to install and run yaml-language-server")
    prefix = REPO / ".pytest_cache" / "jobspec-lint-npm" / YAML_LANGUAGE_SERVER.replace("@", "-")
    script = prefix / "node_modules" / "yaml-language-server" / "bin" / "yaml-language-server"
    if script.is_file():
        return script

    prefix.mkdir(parents=True, exist_ok=True)
    environment = {**os.environ, "npm_config_update_notifier": "false"}
    try:
        completed = subprocess.run(
            [npm, "install", "--prefix", str(prefix), "--no-audit", "--no-fund", "--no-save",
             YAML_LANGUAGE_SERVER],
            capture_output=True, text=True, timeout=NPM_TIMEOUT, env=environment, check=False,
        )
    except subprocess.TimeoutExpired:
        # An unreachable registry makes npm retry for minutes, not fail.
        pytest.skip(f"npm install {YAML_LANGUAGE_SERVER} timed out after {NPM_TIMEOUT} s")
    if completed.returncode != 0 or not script.is_file():
        pytest.skip(f"npm install {YAML_LANGUAGE_SERVER} failed: {completed.stderr[-1000:]}")
    return script


def network_isolation() -> list[str]:
    """Return a command prefix that runs a program without network access, if this system has one.

    ``unshare -rn`` (util-linux) starts the program in a new network namespace
    with no interfaces, so nothing it does can reach another host.
    """
    unshare = shutil.which("unshare")
    if unshare is None:
        return []
    probe = subprocess.run([unshare, "-rn", "true"], capture_output=True, timeout=30, check=False)
    return [unshare, "-rn"] if probe.returncode == 0 else []


@pytest.fixture
def yaml_client(tmp_path: Path) -> Any:
    script = yaml_language_server()
    command = [*network_isolation(), "node", str(script), "--stdio"]
    client = LspClient(
        command, cwd=tmp_path, stderr_path=tmp_path / "yaml-language-server.log",
        configuration={"yaml": YAML_SETTINGS},
    )
    client.initialize(tmp_path, {
        "textDocument": {"publishDiagnostics": {"versionSupport": True}},
        "workspace": {"configuration": True},
    })
    client.notify("workspace/didChangeConfiguration", {"settings": {"yaml": YAML_SETTINGS}})
    yield client
    client.close()


def open_yaml(client: LspClient, path: Path, text: str) -> list[dict[str, Any]]:
    uri = path.as_uri()
    client.notify("textDocument/didOpen", {
        "textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text},
    })
    published = client.wait_notification(
        "textDocument/publishDiagnostics", lambda params: params["uri"] == uri, timeout=60
    )
    diagnostics: list[dict[str, Any]] = published["diagnostics"]
    return diagnostics


def test_yaml_language_server_agrees_with_schema(yaml_client: LspClient, tmp_path: Path) -> None:
    schema = run_cli("schema", "v3")
    assert schema.returncode == 0, schema.stderr
    (tmp_path / "v3.schema.json").write_text(schema.stdout, encoding="utf-8")

    bad = open_yaml(yaml_client, tmp_path / "orders.jobspec.yaml", PARQUET_SPEC)
    good = open_yaml(yaml_client, tmp_path / "daily.jobspec.yaml", VALID_SPEC)

    assert len(bad) == 1, bad
    assert bad[0]["severity"] == 1
    assert '"pqt"' in bad[0]["message"]
    assert bad[0]["data"]["schemaUri"] == [(tmp_path / "v3.schema.json").as_uri()]
    # jobspec-lint reports the same value at the same place.
    finding = next(f for f in lint(PARQUET_SPEC, "orders.jobspec.yaml") if f.code == "JL103")
    assert bad[0]["range"] == {
        "start": {"line": finding.line - 1, "character": finding.column - 1},
        "end": {"line": finding.end_line - 1, "character": finding.end_column - 1},
    }
    assert good == []
    assert yaml_client.stop() == 0
