"""The language server: a real LSP exchange with ``jobspec-lint server`` over stdio.

``LspClient`` is a small JSON-RPC client with Content-Length framing; the
editor tests use it to drive yaml-language-server too.
"""

from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO

import pytest
from lsprotocol import types

from jobspec_lint.findings import Edit, Finding, Fix, Severity
from jobspec_lint.positions import LineIndex, Span
from jobspec_lint.server import convert
from jobspec_lint.server.positions import code_point_offset, code_units, lsp_position
from tests.conftest import REPO, command_path, lint

# Generous: the first start of a server may compile its modules.
TIMEOUT = 30.0

Message = dict[str, Any]


class LspError(AssertionError):
    """A request failed, timed out, or the server closed its output."""


class LspClient:
    """Drive a language server subprocess over stdio with JSON-RPC 2.0 messages.

    A reader thread parses the server's output into a queue. The client replies
    at once to requests from the server (``workspace/configuration``,
    ``client/registerCapability``), so that the server never waits on the test.
    """

    def __init__(
        self, command: list[str], cwd: Path, stderr_path: Path,
        configuration: dict[str, Any] | None = None,
    ) -> None:
        self.stderr_path = stderr_path
        self._stderr = stderr_path.open("wb")
        self.process = subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self._stderr, cwd=cwd,
        )
        assert self.process.stdin is not None and self.process.stdout is not None
        self._stdin = self.process.stdin
        self._messages: queue.Queue[Message | None] = queue.Queue()
        self._reader = threading.Thread(
            target=self._read_messages, args=(self.process.stdout,), daemon=True
        )
        self._reader.start()
        self._next_id = 0
        self.responses: dict[int, Message] = {}
        self.notifications: list[Message] = []
        self.server_requests: list[Message] = []
        self.configuration = configuration or {}

    def _read_messages(self, stream: BinaryIO) -> None:
        while True:
            length = None
            while True:
                header = stream.readline()
                if not header:
                    self._messages.put(None)
                    return
                if header in (b"\r\n", b"\n"):
                    break
                name, _, value = header.decode("ascii").partition(":")
                if name.strip().lower() == "content-length":
                    length = int(value.strip())
            if length is None:
                continue
            body = stream.read(length)
            self._messages.put(json.loads(body.decode("utf-8")))

    def _send(self, message: Message) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        self._stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self._stdin.flush()

    def _pump(self, deadline: float) -> bool:
        """Handle one message from the server; return False when the server closed its output."""
        try:
            message = self._messages.get(timeout=max(0.0, deadline - time.monotonic()))
        except queue.Empty:
            raise LspError(f"timed out waiting for the server; its log:\n{self.log()}") from None
        if message is None:
            return False
        if "method" in message and "id" in message:
            self.server_requests.append(message)
            self._send({"id": message["id"], "result": self._answer(message)})
        elif "method" in message:
            self.notifications.append(message)
        else:
            self.responses[message["id"]] = message
        return True

    def _answer(self, request: Message) -> Any:
        if request["method"] == "workspace/configuration":
            items = request["params"]["items"]
            return [self.configuration.get(item.get("section", "")) for item in items]
        return None

    def request(self, method: str, params: Any, timeout: float = TIMEOUT) -> Any:
        """Send a request and return its result; an error response fails the test."""
        self._next_id += 1
        request_id = self._next_id
        self._send({"id": request_id, "method": method, "params": params})
        deadline = time.monotonic() + timeout
        while request_id not in self.responses:
            if not self._pump(deadline):
                raise LspError(f"the server closed its output during {method}:\n{self.log()}")
        response = self.responses.pop(request_id)
        if "error" in response:
            raise LspError(f"{method} failed: {response['error']}")
        return response.get("result")

    def notify(self, method: str, params: Any) -> None:
        self._send({"method": method, "params": params})

    def wait_notification(
        self, method: str, matches: Callable[[Any], bool] = lambda params: True,
        timeout: float = TIMEOUT,
    ) -> Any:
        """Return the params of the first unseen notification ``method`` that ``matches``."""
        deadline = time.monotonic() + timeout
        while True:
            for index, message in enumerate(self.notifications):
                if message["method"] == method and matches(message.get("params")):
                    del self.notifications[index]
                    return message.get("params")
            if not self._pump(deadline):
                raise LspError(f"the server closed its output before {method}:\n{self.log()}")

    def initialize(self, root: Path, capabilities: Message | None = None) -> Any:
        result = self.request("initialize", {
            "processId": os.getpid(),
            "rootUri": root.as_uri(),
            "workspaceFolders": [{"uri": root.as_uri(), "name": root.name}],
            "capabilities": capabilities if capabilities is not None else CLIENT_CAPABILITIES,
        })
        self.notify("initialized", {})
        return result

    def stop(self, timeout: float = TIMEOUT) -> int:
        """Send shutdown and exit; return the server's exit status."""
        assert self.request("shutdown", None) is None
        self.notify("exit", None)
        self._stdin.close()
        return self.process.wait(timeout=timeout)

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=TIMEOUT)
        self._stderr.close()

    def log(self) -> str:
        if not self._stderr.closed:
            self._stderr.flush()
        return self.stderr_path.read_text(encoding="utf-8", errors="replace")[-4000:]


CLIENT_CAPABILITIES: Message = {
    "general": {"positionEncodings": ["utf-16"]},
    "textDocument": {
        "synchronization": {"didSave": True, "dynamicRegistration": False},
        "publishDiagnostics": {"relatedInformation": False, "versionSupport": True},
        "hover": {"contentFormat": ["markdown", "plaintext"]},
        "codeAction": {
            "codeActionLiteralSupport": {"codeActionKind": {"valueSet": ["quickfix"]}},
            "isPreferredSupport": True,
        },
    },
}

# One line: the non-BMP character U+1D11E (two UTF-16 code units) comes before
# JL102's "7" on the same line, so a code-point column differs from the UTF-16 one.
BAD_SPEC = '{"runParameters": {"overrides": {"data": [{"key": "\U0001d11e", "value": "a"}]}}, ' \
           '"wrangledDataset": {"id": "7"}}\n'
CLEAN_SPEC = '{"wrangledDataset": {"id": 7}}\n'


def utf16_column(line: str, code_point_column: int) -> int:
    """Return the UTF-16 offset of a 0-based code-point column, computed apart from the server."""
    return len(line[:code_point_column].encode("utf-16-le")) // 2


@pytest.fixture
def client(tmp_path: Path) -> Any:
    started = LspClient(
        [command_path(), "server"], cwd=tmp_path, stderr_path=tmp_path / "server.log"
    )
    yield started
    started.close()


def open_document(client: LspClient, uri: str, text: str, language_id: str = "json") -> Any:
    client.notify("textDocument/didOpen", {
        "textDocument": {"uri": uri, "languageId": language_id, "version": 1, "text": text},
    })
    return client.wait_notification(
        "textDocument/publishDiagnostics", lambda params: params["uri"] == uri
    )


def test_server_lsp_exchange(client: LspClient, tmp_path: Path) -> None:
    # The configuration beside the file applies: without it, JL401 (info) would
    # report every v3 body, and the clean text would not be clean.
    (tmp_path / ".jobspec-lint.toml").write_text('ignore = ["JL401"]\n', encoding="utf-8")
    result = client.initialize(tmp_path)
    capabilities = result["capabilities"]
    assert capabilities["positionEncoding"] == "utf-16"
    assert capabilities["hoverProvider"]
    assert capabilities["codeActionProvider"]["codeActionKinds"] == ["quickfix"]
    assert result["serverInfo"]["name"] == "jobspec-lint"

    uri = (tmp_path / "spec.jobspec.json").as_uri()
    published = open_document(client, uri, BAD_SPEC)
    diagnostics = published["diagnostics"]
    assert published["version"] == 1
    assert [d["code"] for d in diagnostics] == ["JL102"]
    wrong_type = next(d for d in diagnostics if d["code"] == "JL102")
    start = utf16_column(BAD_SPEC, BAD_SPEC.index('"7"'))
    assert start == BAD_SPEC.index('"7"') + 1
    assert wrong_type["range"] == {
        "start": {"line": 0, "character": start},
        "end": {"line": 0, "character": start + 3},
    }
    assert wrong_type["severity"] == 1
    assert wrong_type["source"] == "jobspec-lint"
    assert "codeDescription" not in wrong_type
    assert wrong_type["message"] == "wrangledDataset.id must be an integer, found a string: write 7"

    # The code action step: with no fix for JL102 the server offers nothing;
    # test_code_action_edit_applies_fix checks an offered edit.
    actions = client.request("textDocument/codeAction", {
        "textDocument": {"uri": uri},
        "range": wrong_type["range"],
        "context": {"diagnostics": [wrong_type]},
    })
    has_fix = only_fix(lint(BAD_SPEC), "JL102") is not None
    assert (len(actions) == 1) if has_fix else (actions == [])
    source_actions = client.request("textDocument/codeAction", {
        "textDocument": {"uri": uri},
        "range": wrong_type["range"],
        "context": {"diagnostics": [wrong_type], "only": ["source"]},
    })
    assert source_actions is None

    hover = client.request("textDocument/hover", {
        "textDocument": {"uri": uri},
        "position": {"line": 0, "character": start + 1},
    })
    assert hover["contents"]["kind"] == "markdown"
    assert hover["contents"]["value"].startswith("**JL102 wrong-type")
    assert "Failing example" in hover["contents"]["value"]
    assert hover["range"] == wrong_type["range"]
    no_hover = client.request("textDocument/hover", {
        "textDocument": {"uri": uri},
        "position": {"line": 0, "character": 1},
    })
    assert no_hover is None

    client.notify("textDocument/didChange", {
        "textDocument": {"uri": uri, "version": 2},
        "contentChanges": [{"text": CLEAN_SPEC}],
    })
    cleaned = client.wait_notification(
        "textDocument/publishDiagnostics", lambda params: params["uri"] == uri
    )
    assert cleaned["version"] == 2
    assert cleaned["diagnostics"] == []

    assert client.stop() == 0


def only_fix(findings: list[Finding], code: str) -> Fix | None:
    return next((f.fix for f in findings if f.code == code and f.fix is not None), None)


def apply_edits(text: str, edits: list[tuple[int, int, str]]) -> str:
    """Apply non-overlapping (start, end, replacement) edits given in code-point offsets."""
    for start, end, replacement in sorted(edits, reverse=True):
        text = text[:start] + replacement + text[end:]
    return text


def utf16_offset(text: str, line: int, character: int) -> int:
    """Return the code-point offset of an LSP UTF-16 position, computed apart from the server."""
    lines = text.splitlines(keepends=True)
    start = sum(len(lines[index]) for index in range(line))
    units = 0
    for index, char in enumerate(lines[line] if line < len(lines) else ""):
        if units >= character:
            return start + index
        units += len(char.encode("utf-16-le")) // 2
    return start + len(lines[line]) if line < len(lines) else len(text)


def test_code_action_edit_applies_fix(client: LspClient, tmp_path: Path) -> None:
    fix = only_fix(lint(BAD_SPEC), "JL102")
    if fix is None:
        pytest.skip("no rule offers a fix for JL102 yet, so the server has no code action to send")

    client.initialize(tmp_path)
    uri = (tmp_path / "spec.jobspec.json").as_uri()
    wrong_type = next(
        d for d in open_document(client, uri, BAD_SPEC)["diagnostics"] if d["code"] == "JL102"
    )
    actions = client.request("textDocument/codeAction", {
        "textDocument": {"uri": uri},
        "range": wrong_type["range"],
        "context": {"diagnostics": [wrong_type], "only": ["quickfix"]},
    })

    assert len(actions) == 1
    action = actions[0]
    assert action["kind"] == "quickfix"
    assert action["isPreferred"] is fix.safe
    assert action["diagnostics"][0]["code"] == "JL102"
    edits = [
        (
            utf16_offset(BAD_SPEC, e["range"]["start"]["line"], e["range"]["start"]["character"]),
            utf16_offset(BAD_SPEC, e["range"]["end"]["line"], e["range"]["end"]["character"]),
            e["newText"],
        )
        for e in action["edit"]["changes"][uri]
    ]
    expected = [(e.span.start, e.span.end, e.text) for e in fix.edits]
    assert apply_edits(BAD_SPEC, edits) == apply_edits(BAD_SPEC, expected)
    assert client.stop() == 0


def test_server_applies_configuration(client: LspClient, tmp_path: Path) -> None:
    project = tmp_path / "project"
    (project / "jobspecs").mkdir(parents=True)
    (project / ".jobspec-lint.toml").write_text('api = "v4"\n', encoding="utf-8")
    client.initialize(tmp_path)
    configured = (project / "jobspecs" / "daily.json").as_uri()
    default = (tmp_path / "daily.jobspec.json").as_uri()

    v4_codes = [d["code"] for d in open_document(client, configured, CLEAN_SPEC)["diagnostics"]]
    v3_codes = [d["code"] for d in open_document(client, default, CLEAN_SPEC)["diagnostics"]]

    assert v4_codes == [f.code for f in lint(CLEAN_SPEC, api="v4", ignore=())]
    assert v3_codes == [f.code for f in lint(CLEAN_SPEC, ignore=())]
    assert "JL401" in v3_codes
    assert "JL401" not in v4_codes
    assert client.stop() == 0


def test_server_reports_invalid_configuration(client: LspClient, tmp_path: Path) -> None:
    (tmp_path / ".jobspec-lint.toml").write_text('api = "v5"\n', encoding="utf-8")
    client.initialize(tmp_path)
    uri = (tmp_path / "spec.jobspec.json").as_uri()
    client.notify("textDocument/didOpen", {
        "textDocument": {"uri": uri, "languageId": "json", "version": 1, "text": BAD_SPEC},
    })

    shown = client.wait_notification("window/showMessage")

    assert shown["type"] == 1
    assert "v5" in shown["message"]
    assert client.stop() == 0


def test_server_skips_other_json(client: LspClient, tmp_path: Path) -> None:
    client.initialize(tmp_path)
    uri = (tmp_path / "package.json").as_uri()

    published = open_document(client, uri, '{"name": "app", "overrides": {"foo": "1.0.0"}}\n')

    assert published["diagnostics"] == []
    assert client.stop() == 0


def test_server_clears_diagnostics_on_close(client: LspClient, tmp_path: Path) -> None:
    client.initialize(tmp_path)
    uri = (tmp_path / "jobspecs" / "daily.json").as_uri()
    assert open_document(client, uri, BAD_SPEC)["diagnostics"] != []

    client.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
    closed = client.wait_notification(
        "textDocument/publishDiagnostics", lambda params: params["uri"] == uri
    )

    assert closed["diagnostics"] == []
    assert client.stop() == 0


def test_server_negotiates_utf32_positions(client: LspClient, tmp_path: Path) -> None:
    result = client.initialize(tmp_path, {"general": {"positionEncodings": ["utf-32", "utf-16"]}})
    assert result["capabilities"]["positionEncoding"] == "utf-32"
    uri = (tmp_path / "spec.jobspec.json").as_uri()

    diagnostics = open_document(client, uri, BAD_SPEC)["diagnostics"]

    wrong_type = next(d for d in diagnostics if d["code"] == "JL102")
    assert wrong_type["range"]["start"]["character"] == BAD_SPEC.index('"7"')
    assert client.stop() == 0


def test_server_exit_without_shutdown(client: LspClient, tmp_path: Path) -> None:
    client.initialize(tmp_path)

    client.notify("exit", None)

    assert client.process.wait(timeout=TIMEOUT) == 1


def test_server_missing_pygls_exits_2() -> None:
    # None in sys.modules makes every import of pygls fail as if it were not installed.
    script = (
        "import sys; sys.modules['pygls'] = None; sys.modules['lsprotocol'] = None; "
        "from jobspec_lint.server import serve; sys.exit(serve())"
    )
    completed = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=TIMEOUT,
        check=False, stdin=subprocess.DEVNULL,
    )

    assert completed.returncode == 2
    assert "pip install 'jobspec-lint[server]'" in completed.stderr
    assert completed.stdout == ""


def test_cli_start_does_not_import_pygls() -> None:
    script = (
        "import sys, jobspec_lint.cli.app; "
        "print(sorted(m for m in sys.modules if m.startswith(('pygls', 'lsprotocol'))))"
    )
    completed = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=TIMEOUT,
        check=True, cwd=REPO,
    )

    assert completed.stdout.strip() == "[]"


# Conversions without a server.

@pytest.mark.parametrize(
    ("encoding", "expected"),
    [("utf-16", (1, 5)), ("utf-32", (1, 4)), ("utf-8", (1, 8))],
)
def test_lsp_position_encodings(encoding: Any, expected: tuple[int, int]) -> None:
    lines = LineIndex('{\r\n"\U0001d11eé": 1}')

    offset = lines.text.index(":")

    assert lsp_position(lines, offset, encoding) == expected
    assert code_point_offset(lines, *expected, encoding) == offset


def test_code_point_offset_inside_surrogate_pair() -> None:
    lines = LineIndex('"\U0001d11e"')

    assert code_point_offset(lines, 0, 2, "utf-16") == 1
    assert code_point_offset(lines, 0, 3, "utf-16") == 2


def test_code_point_offset_clamps_past_ends() -> None:
    lines = LineIndex("ab\r\ncd")

    assert code_point_offset(lines, 0, 99, "utf-16") == 2
    assert code_point_offset(lines, 5, 0, "utf-16") == len(lines.text)
    assert lsp_position(lines, 3, "utf-16") == (0, 2)


def test_code_units_per_encoding() -> None:
    assert code_units("a\U0001d11e", "utf-16") == 3
    assert code_units("a\U0001d11e", "utf-32") == 2
    assert code_units("a\U0001d11e", "utf-8") == 5


def synthetic_finding(text: str, target: str, fix: Fix | None) -> Finding:
    """Return a JL102 finding on ``target`` in one-line ``text``, with ``fix``."""
    start = text.index(target)
    return Finding(
        path="spec.jobspec.json", document=0, line=1, column=start + 1, end_line=1,
        end_column=start + 1 + len(target), code="JL102", name="wrong-type",
        severity=Severity.ERROR, message="wrangledDataset.id must be an integer", pointer="",
        fix=fix,
    )


def test_code_actions_convert_fix_edits() -> None:
    text = BAD_SPEC.rstrip("\n")
    start = text.index('"7"')
    fix = Fix("write 7 as a number", (Edit(Span(start, start + 3), "7"),), safe=True)
    finding = synthetic_finding(text, '"7"', fix)
    lines = LineIndex(text)
    uri = "file:///work/spec.jobspec.json"

    actions = convert.code_actions(uri, [finding], lines, Span(start, start), "utf-16")

    assert len(actions) == 1
    action = actions[0]
    assert action.kind == types.CodeActionKind.QuickFix
    assert action.is_preferred is True
    assert action.title == "Write 7 as a number (JL102)"
    assert action.edit is not None and action.edit.changes is not None
    (edit,) = action.edit.changes[uri]
    assert edit.new_text == "7"
    assert edit.range.start.character == start + 1
    assert edit.range.end.character == start + 4


def test_code_actions_skip_findings_outside_range() -> None:
    text = BAD_SPEC.rstrip("\n")
    start = text.index('"7"')
    fix = Fix("Write 7 as a number", (Edit(Span(start, start + 3), "7"),), safe=False)
    finding = synthetic_finding(text, '"7"', fix)

    outside = convert.code_actions(
        "file:///s.json", [finding], LineIndex(text), Span(0, 1), "utf-16"
    )
    unsafe = convert.code_actions(
        "file:///s.json", [finding], LineIndex(text), Span(start + 1, start + 2), "utf-16"
    )

    assert outside == []
    assert unsafe[0].is_preferred is False


def test_diagnostic_masks_secrets() -> None:
    text = '{"path": "s3://AKIA:hunter2@bucket/x.csv"}'
    finding = synthetic_finding(text, "hunter2", None)._replace(
        message="the path carries hunter2"
    )
    lines = LineIndex(text)
    start = text.index("hunter2")
    secrets = convert.secrets_in(lines, [Span(start, start + len("hunter2"))])

    message = convert.diagnostic(finding, lines, "utf-16", secrets).message

    assert "hunter2" not in message
    assert convert.MASK in message


def test_rule_markdown_fences_examples() -> None:
    markdown = convert.rule_markdown("JL102")

    assert markdown.startswith("**JL102 wrong-type: a value of the wrong JSON type.**")
    assert "``spec" not in markdown
    assert '```json\n{"wrangledDataset": {"id": "1234567"}}\n```' in markdown
