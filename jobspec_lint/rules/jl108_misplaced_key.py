"""JL108 misplaced-key: a known key at the wrong level.

A key the API defines, put at the wrong level, is ignored there: ``runParameters``
nested inside ``overrides`` (copied from a vendor example) runs the job with the
default parameter values; output fields written directly in ``overrides`` or
``execution`` at the top level change nothing. The message says where the key
belongs. Nothing below a misplaced key is reported. A v4 output item may carry
its own ``runParameters``: that is not misplaced.

Fixes (safe and unsafe): ``runParameters`` inside ``overrides`` moves to the top level of
the body, with its comments in YAML, when the body has no top-level
``runParameters``. When it has one, the server applies that one, and the fix
removes the nested copy: unsafe, because the nested values are lost. A YAML
flow mapping gets no fix. Other misplaced keys have no fix.

Failing example (``spec.jobspec.json``)::

    {
      "wrangledDataset": {"id": 7},
      "overrides": {
        "runParameters": {"overrides": {"data": [{"key": "region", "value": "eu"}]}}
      }
    }

Passing example (``spec.jobspec.json``)::

    {
      "wrangledDataset": {"id": 7},
      "runParameters": {"overrides": {"data": [{"key": "region", "value": "eu"}]}}
    }
"""

from collections.abc import Iterator

from jobspec_lint.document import Document, join_pointer
from jobspec_lint.findings import Fix, Problem, Severity
from jobspec_lint.rules.base import Rule, RuleContext

OUTPUT_FIELDS = ("path", "action", "format", "compression", "header", "asSingleFile")
JOB_SETTINGS = ("execution", "profiler", "writesettings", "writeSettings")

# Misplacements: the pointer of an object, the keys that must not be in it,
# and where each of them belongs.
MISPLACED: dict[str, dict[str, str]] = {
    "": {
        **dict.fromkeys(JOB_SETTINGS, "inside overrides"),
        **dict.fromkeys(OUTPUT_FIELDS, "inside an item of overrides.writesettings"),
        "id": "inside wrangledDataset",
        "data": "in runParameters.overrides.data",
    },
    "/overrides": {
        "runParameters": "at the top level of the body, not inside overrides",
        "wrangledDataset": "at the top level of the body, not inside overrides",
        **dict.fromkeys(OUTPUT_FIELDS, "inside an item of overrides.writesettings"),
    },
    "/runParameters": {
        "data": "in runParameters.overrides.data, one level down",
        **dict.fromkeys(JOB_SETTINGS, "in the top-level overrides, not in runParameters"),
    },
    "/runParameters/overrides": {
        **dict.fromkeys(JOB_SETTINGS, "in the top-level overrides, not in runParameters"),
        **dict.fromkeys(OUTPUT_FIELDS, "inside an item of the top-level overrides.writesettings"),
    },
}


def check(document: Document, context: RuleContext) -> Iterator[Problem]:
    for parent, keys in MISPLACED.items():
        obj = _object_at(document.value, parent)
        for key in obj or ():
            where = keys.get(key)
            if where is not None:
                pointer = join_pointer(parent, key)
                yield Problem(
                    pointer,
                    f'"{key}" belongs {where}: {_advice(document, parent, key)}',
                    target="key",
                    fix=_fix(document, pointer),
                )


def _advice(document: Document, parent: str, key: str) -> str:
    """Say to move the key, or to merge it when its right place already has one."""
    if parent == "/overrides" and key in _top_level(document):
        return f"merge it into the top-level {key}, which is the one the server reads"
    return "move it there"


def _top_level(document: Document) -> list[str]:
    return list(document.value) if isinstance(document.value, dict) else []


def _fix(document: Document, pointer: str) -> Fix | None:
    """Return the fix for ``runParameters`` inside ``overrides``; other keys have none.

    Moving it to the top level is safe when the body has no top-level
    ``runParameters``. When it has one, that one is what the server applies, so
    the fix removes the nested copy the server ignores: unsafe, because its
    values are lost.
    """
    from jobspec_lint.fix.move import move_to_top, remove_member

    if pointer != "/overrides/runParameters":
        return None
    body = document.value
    if isinstance(body, dict) and "runParameters" not in body:
        edits = move_to_top(document, pointer)
        description = "move runParameters from overrides to the top level of the body"
        return Fix(description, edits, safe=True) if edits else None
    edits = remove_member(document, pointer)
    description = (
        "remove the runParameters inside overrides, which the server ignores: "
        "the top-level runParameters stays"
    )
    return Fix(description, edits, safe=False) if edits else None


def _object_at(value: object, pointer: str) -> dict[str, object] | None:
    for token in pointer.split("/")[1:]:
        if not isinstance(value, dict):
            return None
        value = value.get(token)
    return value if isinstance(value, dict) else None


RULE = Rule(
    code="JL108",
    name="misplaced-key",
    summary="a known key at the wrong level",
    severity=Severity.ERROR,
    check=check,
    fix=frozenset({"safe", "unsafe"}),
)
