"""The versions of the bundled schemas, as ``--version`` prints them."""

from __future__ import annotations

import json

from jobspec_lint.schema.bundled import SCHEMA_FILES, schema_path

VERSION_KEYWORD = "x-jobspec-lint-version"


def schema_versions() -> dict[str, str]:
    versions = {}
    for name in SCHEMA_FILES:
        path = schema_path(name)
        if path.is_file():
            schema = json.loads(path.read_text(encoding="utf-8"))
            versions[name] = str(schema.get(VERSION_KEYWORD, "unversioned"))
    return versions
