"""The pygls language server: diagnostics, quick fixes and rule documentation on hover.

Documents are synchronised in full (``TextDocumentSyncKind.Full``), so the
server never applies a client's incremental edits with line rules of its own.
Each open, change and save lints the whole text again.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path, PurePath
from urllib.parse import unquote, urlparse

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from jobspec_lint._version import __version__
from jobspec_lint.config import ConfigError, ConfigResolver
from jobspec_lint.discover import follows_naming, format_for
from jobspec_lint.document import Format
from jobspec_lint.engine import lint_loaded
from jobspec_lint.findings import Finding
from jobspec_lint.load import load_bytes
from jobspec_lint.positions import LineIndex
from jobspec_lint.runner import looks_like_spec
from jobspec_lint.server import convert
from jobspec_lint.server.positions import PositionEncoding, code_point_offset

logger = logging.getLogger(__name__)

# Editors' language ids for documents whose name has no .json, .yaml or .yml
# extension, such as an unsaved buffer.
_LANGUAGE_FORMATS: dict[str, Format] = {"json": "json", "jsonc": "json", "yaml": "yaml"}


@dataclass
class LintedDocument:
    """The findings of one version of an open document, and what converting them needs."""

    version: int | None
    lines: LineIndex
    findings: list[Finding] = field(default_factory=list)
    secrets: list[str] = field(default_factory=list)


class JobSpecLanguageServer(LanguageServer):
    """A pygls server that keeps the latest findings of each open document."""

    def __init__(self) -> None:
        super().__init__(
            name="jobspec-lint",
            version=__version__,
            text_document_sync_kind=types.TextDocumentSyncKind.Full,
        )
        self.linted: dict[str, LintedDocument] = {}
        self.shutdown_requested = False
        self.shown_errors: set[str] = set()

    @property
    def position_encoding(self) -> PositionEncoding:
        negotiated = self.workspace.position_encoding or "utf-16"
        encoding = negotiated.value if isinstance(negotiated, Enum) else negotiated
        if encoding in ("utf-8", "utf-32"):
            return encoding  # type: ignore[return-value]
        return "utf-16"


def document_path(uri: str) -> str:
    """Return the path part of a document URI, percent-decoded.

    The format and the naming convention depend only on this path, so an
    ``untitled:`` buffer's URI works as well as a ``file:`` one.
    """
    return unquote(urlparse(uri).path)


def file_path(uri: str) -> Path | None:
    """Return the file system path of a ``file:`` URI, or ``None`` for other schemes."""
    path = to_fs_path(uri)
    return Path(unquote(path)) if path is not None else None


def document_format(path: str, language_id: str | None) -> Format | None:
    """Return JSON or YAML from the file's extension, else from the editor's language id."""
    return format_for(PurePath(path).name) or _LANGUAGE_FORMATS.get(language_id or "")


def lint_document(
    uri: str, text: str, version: int | None, language_id: str | None
) -> LintedDocument:
    """Lint an open document's text with the configuration that applies to its file.

    The document is linted when a folder walk of ``check`` would lint its file:
    the configuration's ``include`` globs match it, or, without ``include``, it
    follows the naming convention (``*.jobspec.json``, a ``jobspecs/`` folder)
    or looks like a job spec. Others, such as ``package.json``, and files the
    configuration excludes get no findings. A document that is not a file
    (``untitled:``) gets the configuration of the server's working folder.

    Raises ``ConfigError`` when that configuration is invalid.
    """
    path = document_path(uri)
    fmt = document_format(path, language_id)
    if fmt is None:
        return LintedDocument(version, LineIndex(text))

    on_disk = file_path(uri)
    # A new resolver for each lint picks up edits to the configuration at once,
    # because finding and reading one small TOML file costs little next to the lint.
    resolver = ConfigResolver()
    if on_disk is not None and resolver.is_excluded(on_disk):
        return LintedDocument(version, LineIndex(text))
    included = resolver.is_included(on_disk) if on_disk is not None else None
    if included is False:
        return LintedDocument(version, LineIndex(text))
    settings = resolver.settings_for(on_disk)

    data = text.encode("utf-8", errors="surrogatepass")
    loaded = load_bytes(data, path, fmt, settings.limits)
    by_name = included or follows_naming(Path(path))
    if not by_name and not looks_like_spec(loaded, data):
        return LintedDocument(version, loaded.lines)

    # NOTE: the loader strips a leading U+FEFF and replaces lone surrogates, so
    # in such a text the columns of line 1 (or of the line with the surrogate)
    # are off by the removed characters. VS Code and Neovim keep a file's BOM
    # out of the document text they send.
    result = lint_loaded(loaded, path, settings)
    lines = loaded.lines
    return LintedDocument(
        version, lines, result.findings, convert.secrets_in(lines, result.redactions)
    )


def _lint_and_publish(server: JobSpecLanguageServer, uri: str) -> None:
    document = server.workspace.get_text_document(uri)
    try:
        linted = lint_document(uri, document.source, document.version, document.language_id)
    except ConfigError as error:
        logger.error("invalid configuration for %s: %s", uri, error)
        _show_error_once(server, f"jobspec-lint: {error}")
        return
    except Exception as error:  # a bug in one rule must not stop the server
        logger.exception("linting %s failed", uri)
        _show_error_once(
            server,
            f"jobspec-lint failed on {uri}: {type(error).__name__}: {error}. "
            "This is a bug in jobspec-lint: please report it with the file.",
        )
        return

    server.linted[uri] = linted
    encoding = server.position_encoding
    diagnostics = [
        convert.diagnostic(finding, linted.lines, encoding, linted.secrets)
        for finding in linted.findings
    ]
    server.text_document_publish_diagnostics(
        types.PublishDiagnosticsParams(uri=uri, version=linted.version, diagnostics=diagnostics)
    )


def _show_error_once(server: JobSpecLanguageServer, message: str) -> None:
    """Show an error in the editor unless the same one was shown before.

    A failure repeats on every keystroke, so the editor shows it once. The log
    on standard error keeps every occurrence.
    """
    if message in server.shown_errors:
        return
    server.shown_errors.add(message)
    server.window_show_message(
        types.ShowMessageParams(type=types.MessageType.Error, message=message)
    )


def _current(server: JobSpecLanguageServer, uri: str) -> LintedDocument | None:
    """Return the findings of the document's current version, linting it again if they are stale."""
    document = server.workspace.get_text_document(uri)
    linted = server.linted.get(uri)
    if linted is None or linted.version != document.version:
        _lint_and_publish(server, uri)
        linted = server.linted.get(uri)
    return linted


def _supports_markdown_hover(server: JobSpecLanguageServer) -> bool:
    capabilities = server.client_capabilities.text_document
    hover = capabilities.hover if capabilities else None
    formats = hover.content_format if hover else None
    return bool(formats) and types.MarkupKind.Markdown in (formats or [])


def _wants_quick_fixes(only: Sequence[types.CodeActionKind | str] | None) -> bool:
    """Return whether a code action request's ``only`` filter admits quick fixes.

    A kind admits its sub-kinds, so ``quickfix`` and the empty kind both do.
    """
    if not only:
        return True
    quick_fix = types.CodeActionKind.QuickFix.value
    for kind in only:
        text = kind.value if isinstance(kind, Enum) else kind
        if quick_fix == text or quick_fix.startswith(text + ".") or text == "":
            return True
    return False


def create_server() -> JobSpecLanguageServer:
    """Return a language server with its features registered."""
    server = JobSpecLanguageServer()

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: JobSpecLanguageServer, params: types.DidOpenTextDocumentParams) -> None:
        _lint_and_publish(ls, params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: JobSpecLanguageServer, params: types.DidChangeTextDocumentParams) -> None:
        _lint_and_publish(ls, params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: JobSpecLanguageServer, params: types.DidSaveTextDocumentParams) -> None:
        _lint_and_publish(ls, params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: JobSpecLanguageServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        ls.linted.pop(uri, None)
        ls.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=[])
        )

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]),
    )
    def code_action(
        ls: JobSpecLanguageServer, params: types.CodeActionParams
    ) -> list[types.CodeAction] | None:
        if not _wants_quick_fixes(params.context.only):
            return None
        uri = params.text_document.uri
        linted = _current(ls, uri)
        if linted is None:
            return None
        encoding = ls.position_encoding
        requested = convert.span_of_range(linted.lines, params.range, encoding)
        return convert.code_actions(
            uri, linted.findings, linted.lines, requested, encoding, linted.secrets
        )

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(ls: JobSpecLanguageServer, params: types.HoverParams) -> types.Hover | None:
        linted = _current(ls, params.text_document.uri)
        if linted is None:
            return None
        encoding = ls.position_encoding
        offset = code_point_offset(
            linted.lines, params.position.line, params.position.character, encoding
        )
        findings = convert.findings_at(linted.findings, linted.lines, offset)
        return convert.hover(findings, linted.lines, encoding, _supports_markdown_hover(ls))

    @server.feature(types.SHUTDOWN)
    def shutdown(ls: JobSpecLanguageServer, *params: object) -> None:
        ls.shutdown_requested = True
        logger.info("shutdown requested")

    return server
