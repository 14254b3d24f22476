"""JL205 extension-mismatch: the path's extension disagrees with ``format`` or ``compression``.

The job writes the format and compression the body requests, whatever the file
is called. A ``.csv`` file that contains JSON, or gzip data in a file without
``.gz``, is then read wrongly by the next process, because many tools choose a
parser and a decompressor by the extension. The 2025 cloud API also requires the path
of a compressed output to end in ``.gz`` or ``.bz2``. This rule reports an
extension that belongs to another format (``.csv`` with ``json``), ``gzip``
or ``bzip2`` without its extension, and ``.gz`` or ``.bz2`` without that
compression. A file name without an extension, or with one that names no
format (``.out``), is not reported. Compression of an avro or pqt output is
JL201's, so its extension is not checked here.

Failing example (``spec.jobspec.yaml``)::

    wrangledDataset:
      id: 7
    overrides:
      writesettings:
        - path: s3://bucket/out/report.csv
          action: create
          format: json

Passing example (``spec.jobspec.yaml``)::

    wrangledDataset:
      id: 7
    overrides:
      writesettings:
        - path: s3://bucket/out/report.json.gz
          action: create
          format: json
          compression: gzip
"""

from collections.abc import Iterator

from jobspec_lint.document import Document, JSONValue
from jobspec_lint.findings import Problem, Severity
from jobspec_lint.rules.base import Rule, RuleContext
from jobspec_lint.rules.body import Item, allowed_values, iter_outputs
from jobspec_lint.rules.paths import (
    COMPRESSION_BY_EXTENSION,
    FORMAT_EXTENSIONS,
    file_name,
    is_folder,
    located_uri,
    secret_spans,
    show_path,
    table_target,
)
from jobspec_lint.values import show

COMPRESSED_FORMATS = ("csv", "json")
# The extension each compression needs; snappy has no documented one.
COMPRESSION_EXTENSIONS = {"gzip": ".gz", "bzip2": ".bz2"}


def check(document: Document, context: RuleContext) -> Iterator[Problem]:
    formats = allowed_values(context, "overrides", "writesettings", "0", "format")
    compressions = allowed_values(context, "overrides", "writesettings", "0", "compression")
    for output in iter_outputs(document, context):
        path = output.get("path")
        if not isinstance(path, str):
            continue
        uri = located_uri(path)
        if uri is None or is_folder(uri) or table_target(uri) is not None:
            continue
        name = file_name(uri).lower()
        stem, extension = _split_extension(name)
        compression_extension = ""
        if extension in COMPRESSION_BY_EXTENSION:
            compression_extension = extension
            stem, extension = _split_extension(stem)

        messages = []
        output_format = output.get("format")
        if output_format in formats:
            messages.extend(_format_mismatch(path, extension, output_format))
        compression = output.get("compression", "none")
        if output_format in COMPRESSED_FORMATS and compression in compressions:
            messages.extend(
                _compression_mismatch(output, path, compression_extension, compressions)
            )

        pointer = output.pointer_to("path")
        for message in messages:
            yield Problem(
                pointer,
                message,
                claims_subtree=False,
                redact=secret_spans(document, pointer, path),
            )


def _split_extension(name: str) -> tuple[str, str]:
    stem, dot, extension = name.rpartition(".")
    if not dot or not stem:
        return name, ""
    return stem, f".{extension}"


def _format_mismatch(path: str, extension: str, output_format: object) -> list[str]:
    assert isinstance(output_format, str)
    expected = FORMAT_EXTENSIONS.get(output_format, ())
    named = [fmt for fmt, extensions in FORMAT_EXTENSIONS.items() if extension in extensions]
    if not named or extension in expected or not expected:
        return []
    return [
        f'path {show_path(path)} ends in "{extension}" but format is {show(output_format)}: '
        f'change the extension to "{expected[0]}" or set format to {show(named[0])}'
    ]


def _compression_mismatch(
    output: Item, path: str, found: str, compressions: list[JSONValue]
) -> list[str]:
    compression = output.get("compression", "none")
    expected = COMPRESSION_EXTENSIONS.get(str(compression), "")
    if found == expected or (not expected and compression != "none"):
        return []
    if not found:
        return [
            f'path {show_path(path)} does not end in "{expected}" but compression is '
            f'{show(compression)}: add "{expected}" to the file name, or set compression '
            'to "none"'
        ]
    meant = COMPRESSION_BY_EXTENSION[found]
    if meant not in compressions:
        return []
    if "compression" not in output.fields:
        setting = 'compression is not set (the default is "none")'
    else:
        setting = f"compression is {show(compression)}"
    if expected:
        fix = f'change the extension to "{expected}" or set compression to {show(meant)}'
    else:
        fix = f'set compression to {show(meant)} or remove "{found}" from the file name'
    return [f'path {show_path(path)} ends in "{found}" but {setting}: {fix}']


RULE = Rule(
    code="JL205",
    name="extension-mismatch",
    summary="the path's extension disagrees with format or compression",
    severity=Severity.WARNING,
    check=check,
)
