"""Output paths: parse a path URI, check it, and find and mask the secrets it carries.

The parser is written here rather than taken from ``urllib.parse`` for two
reasons. ``urlsplit`` lower-cases the host, so a bucket name's capitals are
lost. An AWS secret key may contain ``/``, which ends the authority of a URI,
so in ``s3://AKIA...:wJal/rXU@bucket/x.csv`` the user name and password run
past the first slash.
"""

from __future__ import annotations

import ipaddress
import re
from functools import lru_cache
from typing import NamedTuple
from urllib.parse import unquote

from jobspec_lint.document import Document
from jobspec_lint.positions import Span
from jobspec_lint.rules.invisible import strip_invisible
from jobspec_lint.values import show

FILE_SCHEMES = frozenset(
    {"hdfs", "s3", "s3a", "s3n", "gs", "wasb", "wasbs", "adl", "abfs", "abfss", "dbfs", "file"}
)
# Schemes whose URI names a bucket, container or account after "//".
HOST_SCHEMES = frozenset({"s3", "s3a", "s3n", "gs", "wasb", "wasbs", "adl", "abfs", "abfss"})
S3_SCHEMES = frozenset({"s3", "s3a", "s3n"})
# Schemes whose URI is an absolute path on the machine or workspace file system.
LOCAL_SCHEMES = frozenset({"file", "dbfs"})
# Database targets by scheme (a JDBC URL's scheme is "jdbc:" and its subprotocol).
TABLE_SCHEMES = {
    "redshift": "Redshift",
    "jdbc:redshift": "Redshift",
    "sqlserver": "SQL DW",
    "jdbc:sqlserver": "SQL DW",
    "sqldw": "SQL DW",
}
# Database targets by the end of the host name, whatever the scheme.
TABLE_HOSTS = {
    ".redshift.amazonaws.com": "Redshift",
    ".database.windows.net": "SQL DW",
    ".sql.azuresynapse.net": "SQL DW",
}

MASK = "****"

# File name extensions by output format: the first is the usual one.
FORMAT_EXTENSIONS = {
    "csv": (".csv", ".txt", ".tsv"),
    "json": (".json", ".jsonl", ".ndjson"),
    "avro": (".avro",),
    "pqt": (".parquet", ".pqt"),
    "hyper": (".hyper",),
}
# Compression by the extension that marks it.
COMPRESSION_BY_EXTENSION = {
    ".gz": "gzip",
    ".gzip": "gzip",
    ".bz2": "bzip2",
    ".bzip2": "bzip2",
    ".snappy": "snappy",
}

_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
_WINDOWS_PATH = re.compile(r"[A-Za-z]:[\\/]")
_PORT = re.compile(r"(?P<host>.*?)(?::(?P<port>[0-9]*))?")
# AWS access key ids: long-term (AKIA) and temporary (ASIA) keys.
_ACCESS_KEY_ID = re.compile(r"(?<![A-Z0-9])(?:AKIA|ASIA)[0-9A-Z]{16}(?![A-Z0-9])")
# A query parameter, or a property of a JDBC URL: "?name=value", "&name=value", ";name=value".
_PARAMETER = re.compile(r"[?&;](?P<name>[^=?&;#]+)=(?P<value>[^&;#]*)")
# A bucket name that both S3 and Cloud Storage accept, unless it is an IP address.
_PLAIN_BUCKET = re.compile(r"[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")

# Parameters of signed URLs, tokens and JDBC passwords (lower-case names), by what they carry.
SECRET_PARAMETERS = {
    "sig": "a signed-URL signature",
    "signature": "a signed-URL signature",
    "x-amz-signature": "a signed-URL signature",
    "x-goog-signature": "a signed-URL signature",
    "token": "an access token",
    "access_token": "an access token",
    "x-amz-security-token": "an access token",
    "awsaccesskeyid": "an AWS access key id",
    "x-amz-credential": "an AWS access key id",
    "password": "a password",
    "passwd": "a password",
    "pwd": "a password",
    "secret": "a password",
    "client_secret": "a password",
}


class PathURI(NamedTuple):
    """The parts of an output path URI; offsets count code points into ``text``."""

    text: str
    # Lower-case; "jdbc:sqlserver" for a JDBC URL.
    scheme: str
    # Whether "//" follows the scheme, so that a host (bucket, container) comes next.
    has_authority: bool
    # The user name and password before "@", as a span of ``text``.
    userinfo: Span | None
    host: str
    port: str
    # From the first "/" after the host up to the query, as written.
    path: str
    query: str


class Secret(NamedTuple):
    """A secret in a path: where it is in the path text, and what it is."""

    start: int
    end: int
    kind: str


# Several rules parse the same path of one body; the bound keeps a long run's memory flat.
@lru_cache(maxsize=1024)
def parse_path(text: str) -> PathURI | None:
    """Return the parts of a path URI, or ``None`` when it has no scheme.

    A Windows drive letter (``C:\\out``) is not a scheme.
    """
    match = _SCHEME.match(text)
    if match is None or len(match.group()) == 2:
        return None
    scheme = match.group()[:-1].lower()
    position = match.end()
    if scheme == "jdbc":
        subprotocol = _SCHEME.match(text, position)
        if subprotocol is not None:
            scheme = f"jdbc:{subprotocol.group()[:-1].lower()}"
            position = subprotocol.end()

    end = _find(text, "#", position, len(text))
    question = text.find("?", position, end)
    query = text[question + 1 : end] if question != -1 else ""
    end = question if question != -1 else end

    if not text.startswith("//", position):
        return PathURI(text, scheme, False, None, "", "", text[position:end], query)

    authority_start = position + 2
    authority_end = _find(text, "/", authority_start, end)
    at = text.rfind("@", authority_start, authority_end)
    if at == -1:
        at = _password_with_slash(text, authority_start, authority_end, end)
        if at != -1:
            authority_end = _find(text, "/", at, end)
    userinfo = Span(authority_start, at) if at != -1 else None
    host_start = at + 1 if at != -1 else authority_start
    host_port = _PORT.fullmatch(text[host_start:authority_end])
    assert host_port is not None
    return PathURI(
        text=text,
        scheme=scheme,
        has_authority=True,
        userinfo=userinfo,
        host=host_port.group("host"),
        port=host_port.group("port") or "",
        path=text[authority_end:end],
        query=query,
    )


def _find(text: str, char: str, start: int, end: int) -> int:
    found = text.find(char, start, end)
    return end if found == -1 else found


def _password_with_slash(text: str, start: int, authority_end: int, end: int) -> int:
    """Return the offset of the "@" that ends a password containing "/", or -1.

    ``host:port`` ends the authority at the first "/" as usual. But when the
    text after the colon is not a port number and an "@" follows later, the
    text up to that "@" is read as a user name and a password containing "/".
    A folder named ``user@example.com`` after ``host:50070/`` is therefore not
    read as credentials.
    """
    colon = text.find(":", start, authority_end)
    if colon == -1 or text[colon + 1 : authority_end].isdigit() or colon + 1 == authority_end:
        return -1
    return text.find("@", authority_end, end)


def table_target(uri: PathURI) -> str | None:
    """Return the database ("Redshift", "SQL DW") a path publishes to, or ``None``."""
    by_scheme = TABLE_SCHEMES.get(uri.scheme)
    if by_scheme is not None:
        return by_scheme
    host = uri.host.lower()
    for suffix, database in TABLE_HOSTS.items():
        if host.endswith(suffix):
            return database
    return None


def is_folder(uri: PathURI) -> bool:
    """Return whether a path names a folder: it ends with "/" or has nothing after the host."""
    return uri.path == "" or uri.path.endswith("/")


def file_name(uri: PathURI) -> str:
    return strip_invisible(uri.path.rsplit("/", 1)[-1])


def normalized_path(text: str) -> str:
    """Return a path with its scheme and host lower-cased and trailing "/" removed.

    The query is left out, so two signed URLs of one object compare equal.
    """
    stripped = text.strip()
    uri = parse_path(stripped)
    if uri is None:
        return stripped.rstrip("/")
    if not uri.has_authority:
        return f"{uri.scheme}:{uri.path.rstrip('/')}"
    userinfo = f"{stripped[uri.userinfo.start:uri.userinfo.end]}@" if uri.userinfo else ""
    port = f":{uri.port}" if uri.port else ""
    return f"{uri.scheme}://{userinfo}{uri.host.lower()}{port}{uri.path.rstrip('/')}"


def unqualified_reason(text: str) -> str | None:
    """Return why a path is not a fully qualified output URI, or ``None`` when it is.

    The reason is the end of a message that follows the path: it states what
    is wrong and what to write instead.
    """
    if text != text.strip():
        return "starts or ends with white space: remove it"
    if _WINDOWS_PATH.match(text):
        return (
            "is a local Windows path, which the job's cluster cannot write to: "
            'write a storage URI such as "s3://bucket/out/result.csv"'
        )
    uri = parse_path(text)
    if uri is None:
        return _no_scheme_reason(text)
    if uri.scheme in LOCAL_SCHEMES:
        return _local_reason(uri)
    if uri.scheme in HOST_SCHEMES:
        return _host_reason(uri) or _bucket_reason(uri)
    return None


def _no_scheme_reason(text: str) -> str:
    if text.startswith("/"):
        return (
            "has no scheme, so it is not a fully qualified URI: write the full location, "
            f"such as {show('hdfs://namenode:8020' + text)} or {show('file://' + text)}"
        )
    return (
        "is a relative path, not a fully qualified URI: write the full location with its "
        f"scheme, such as {show('s3://bucket/' + text.lstrip('./'))}"
    )


def _local_reason(uri: PathURI) -> str | None:
    prefix = "file:///" if uri.scheme == "file" else "dbfs:/"
    if uri.has_authority and uri.scheme == "file" and uri.host not in ("", "localhost"):
        return (
            f"names {show(uri.host)} as the host: a local file URI has three slashes, "
            f"such as {show(prefix + uri.host + uri.path)}"
        )
    if not uri.has_authority and not uri.path.startswith("/"):
        return (
            f"is a relative {uri.scheme}: path: write an absolute one, "
            f"such as {show(prefix + uri.path)}"
        )
    return None


def _host_reason(uri: PathURI) -> str | None:
    noun = "bucket" if uri.scheme in S3_SCHEMES or uri.scheme == "gs" else "container or account"
    if not uri.has_authority:
        return (
            f'has no {noun} after "{uri.scheme}://": '
            f"write it as {show(uri.scheme + '://' + uri.path.lstrip('/'))}"
        )
    if not uri.host:
        return f'has no {noun} name after "{uri.scheme}://": write the {noun} name there'
    return None


def _bucket_reason(uri: PathURI) -> str | None:
    """Check a bucket name against the naming rules of Amazon S3 and Google Cloud Storage.

    Other schemes' hosts are not checked.

    S3 (general purpose buckets): 3 to 63 lower-case letters, digits, dots and
    hyphens, starting and ending with a letter or digit, no two adjacent dots,
    not an IP address. Cloud Storage also allows underscores, and up to 222
    characters when the name contains dots, each dot-separated part at most 63.
    Invisible characters are left to JL502.
    """
    # NOTE: S3 buckets created in us-east-1 before March 2018 may have capitals
    # and underscores; such legacy names are reported here as invalid.
    if uri.scheme not in S3_SCHEMES and uri.scheme != "gs":
        return None
    name = strip_invisible(uri.host)
    if _is_plain_bucket(name):
        return None
    is_gcs = uri.scheme == "gs"
    allowed = r"a-z0-9.\-_" if is_gcs else r"a-z0-9.\-"
    contained = []
    if any(char.isspace() for char in name):
        contained.append("white space")
    if any(char.isupper() for char in name):
        contained.append("capital letters")
    others = re.sub(rf"[{allowed}A-Z\s]", "", name)
    if others:
        contained.append(show("".join(dict.fromkeys(others))[:10]))
    if ".." in name:
        contained.append("two adjacent dots")
    reasons = [f"contains {' and '.join(contained)}"] if contained else []
    max_length = 222 if is_gcs and "." in name else 63
    if len(name) < 3 or len(name) > max_length:
        reasons.append(f"is {len(name)} character{'' if len(name) == 1 else 's'} long")
    elif is_gcs and any(len(part) > 63 for part in name.split(".")):
        reasons.append("has a dot-separated part longer than 63 characters")
    if name and not (name[0].isalnum() and name[-1].isalnum()):
        reasons.append("does not start and end with a letter or digit")
    if _is_ip_address(name):
        reasons.append("is an IP address")
    if not reasons:
        return None
    rule = (
        "a Cloud Storage bucket name has 3 to 63 lower-case letters, digits, dots, hyphens "
        "and underscores"
        if is_gcs
        else "an S3 bucket name has 3 to 63 lower-case letters, digits, dots and hyphens"
    )
    return (
        f"has an invalid bucket name {show(uri.host)}, which {', '.join(reasons)}: "
        f"{rule}, so write the bucket's real name"
    )


def _is_plain_bucket(name: str) -> bool:
    """Return whether a bucket name is valid in S3 and Cloud Storage: a quick test for most names.

    An IP address contains only digits and dots (IPv6 needs ":", which the
    pattern rejects), so a name with any other character is not one.
    """
    if _PLAIN_BUCKET.fullmatch(name) is None or ".." in name:
        return False
    return name.strip("0123456789.") != ""


def _is_ip_address(name: str) -> bool:
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


def find_secrets(text: str) -> list[Secret]:
    """Return the secrets of a path in text order, overlapping ones merged.

    The secrets are a password with its user name, the values of signature,
    token and password parameters (in the query, or in the ``;name=value``
    properties of a JDBC URL), and AWS access key ids.
    """
    # Each kind of secret needs one of these: "@" ends a user name and
    # password, "=" follows a parameter's name, and an AWS access key id starts
    # with "AKIA" or "ASIA". Most paths have none, so they skip the regexes.
    if "@" not in text and "=" not in text and "AKIA" not in text and "ASIA" not in text:
        return []
    secrets: list[Secret] = []
    uri = parse_path(text)
    # A JDBC URL's authority may hold ";user=me@corp" properties, not a user name
    # and password, so only its password property is read.
    if uri is not None and uri.userinfo is not None and not uri.scheme.startswith("jdbc:"):
        secrets.extend(_userinfo_secrets(text, uri.userinfo))
    secrets.extend(_parameter_secrets(text))
    secrets.extend(
        Secret(match.start(), match.end(), "an AWS access key id")
        for match in _ACCESS_KEY_ID.finditer(text)
    )
    return _merge(secrets)


def _userinfo_secrets(text: str, userinfo: Span) -> list[Secret]:
    """Return the user name and password of ``user:password@``; a user name alone is no secret.

    ``wasbs://container@account...`` names an Azure container, not a user.
    """
    colon = text.find(":", userinfo.start, userinfo.end)
    if colon == -1 or colon + 1 == userinfo.end:
        return []
    kind = "a user name and password"
    found = [Secret(colon + 1, userinfo.end, kind)]
    if colon > userinfo.start:
        found.insert(0, Secret(userinfo.start, colon, kind))
    return found


def _parameter_secrets(text: str) -> list[Secret]:
    """Return the values of secret parameters after "?", "&" or ";"."""
    found = []
    for match in _PARAMETER.finditer(text):
        kind = SECRET_PARAMETERS.get(unquote(match.group("name")).strip().lower())
        if kind is not None and match.group("value"):
            found.append(Secret(match.start("value"), match.end("value"), kind))
    return found


def _merge(secrets: list[Secret]) -> list[Secret]:
    """Return the secrets sorted, with overlapping ones merged into the first."""
    merged: list[Secret] = []
    for secret in sorted(secrets, key=lambda found: (found.start, -found.end)):
        if merged and secret.start < merged[-1].end:
            last = merged[-1]
            merged[-1] = Secret(last.start, max(last.end, secret.end), last.kind)
        else:
            merged.append(secret)
    return merged


def mask_secrets(text: str) -> str:
    """Return ``text`` with each secret replaced by ``****``."""
    for secret in reversed(find_secrets(text)):
        text = text[: secret.start] + MASK + text[secret.end :]
    return text


def show_path(text: str) -> str:
    """Return a path as JSON text for a message, with its secrets masked."""
    return show(mask_secrets(text))


def secret_spans(document: Document, pointer: str, text: str) -> tuple[Span, ...]:
    """Return the spans of the file that hold the secrets of the string ``text`` at ``pointer``.

    The string's source may differ from its value (JSON escapes, YAML quoting or
    folding). A secret that is not found verbatim in the source makes the whole
    value's span secret. A secret found more than once is masked everywhere it
    appears in the value's source.
    """
    secrets = find_secrets(text)
    if not secrets:
        return ()
    spans = document.node_spans(pointer)
    if spans is None:
        return (document.span,)
    value = spans.value
    source = document.text[value.start : value.end]
    if source.count(text) == 1:
        offset = value.start + source.index(text)
        return tuple(Span(offset + secret.start, offset + secret.end) for secret in secrets)
    found: list[Span] = []
    for secret in secrets:
        piece = text[secret.start : secret.end]
        hits = [match.start() for match in re.finditer(re.escape(piece), source)]
        if not hits:
            return (value,)
        found.extend(Span(value.start + hit, value.start + hit + len(piece)) for hit in hits)
    return tuple(found)


def located_uri(text: str) -> PathURI | None:
    """Return the parts of a path that names its storage and location, else ``None``.

    A path with an invalid bucket name still has parts to check, such as its
    file name, so only the faults of its form (no scheme, no host, white space
    around it) return ``None``.
    """
    if text != text.strip() or _WINDOWS_PATH.match(text):
        return None
    uri = parse_path(text)
    if uri is None:
        return None
    if uri.scheme in LOCAL_SCHEMES and _local_reason(uri) is not None:
        return None
    if uri.scheme in HOST_SCHEMES and _host_reason(uri) is not None:
        return None
    return uri
