"""The ``schema`` command: print a bundled JSON Schema for editors' schema settings."""

from __future__ import annotations

from jobspec_lint.schema.bundled import schema_text

# The body schemas a user points an editor at. The bundled "config" schema is
# the configuration file's, not a body's, so the command does not print it.
BODY_SCHEMAS = ("v3", "v3-first-run", "v4")


def schema_output(name: str) -> str:
    """Return the text of a bundled body schema, ending with one newline."""
    if name not in BODY_SCHEMAS:
        raise ValueError(f"unknown schema {name!r}: expected one of {', '.join(BODY_SCHEMAS)}")
    return schema_text(name).rstrip("\n") + "\n"
