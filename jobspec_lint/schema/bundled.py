"""Loading the JSON Schemas shipped with the package."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

# Schema names as the CLI and configuration spell them, and their files.
SCHEMA_FILES = {
    "v3": "v3.schema.json",
    "v3-first-run": "v3-first-run.schema.json",
    "v4": "v4.schema.json",
    "config": "config.schema.json",
}


def schema_dir() -> Path:
    """Return the folder of the bundled schemas.

    A wheel ships them inside the package; a source checkout (and an editable
    install) keeps them in ``schemas/`` beside the package.
    """
    packaged = Path(__file__).resolve().parent.parent / "schemas"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent.parent / "schemas"


def schema_path(name: str) -> Path:
    return schema_dir() / SCHEMA_FILES[name]


def schema_text(name: str) -> str:
    return schema_path(name).read_text(encoding="utf-8")


def offline_registry() -> Any:
    """Return an empty ``referencing`` registry, so that a ``$ref`` never fetches a URL.

    python-jsonschema's default registry retrieves remote references; the bundled
    schemas use only local ``#/$defs/...`` ones, and anything else must fail.
    """
    from referencing import Registry

    return Registry()


@cache
def load_schema(name: str) -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(schema_text(name))
    return schema
