"""Unknown keys (JL104): report them, and read a key with one close known key as that key."""

from __future__ import annotations

from jobspec_lint.document import Document, JSONValue, join_pointer, split_pointer
from jobspec_lint.findings import Fix, Problem
from jobspec_lint.schema.fast import is_valid
from jobspec_lint.schema.model import SchemaModel
from jobspec_lint.suggest import closest
from jobspec_lint.values import describe, show


class Normalized:
    """A copy of a body with misspelt keys renamed, and how to map pointers back."""

    def __init__(self, value: JSONValue, document: Document | None = None) -> None:
        self.value = value
        self.problems: list[Problem] = []
        # Normalized pointer prefix -> the original pointer prefix it was renamed from.
        self.renamed: dict[str, str] = {}
        # The source document, when fixes are wanted: their edits need its spans.
        self.document = document

    def original_pointer(self, pointer: str) -> str:
        """Map a pointer into the normalized copy back to the source document."""
        if not self.renamed:
            return pointer
        result = ""
        prefix = ""
        for token in split_pointer(pointer):
            prefix = join_pointer(prefix, token)
            result = self.renamed.get(prefix, join_pointer(result, token))
        return result


def normalize(value: JSONValue, model: SchemaModel, document: Document | None = None) -> Normalized:
    """Rename each misspelt key with one close known key; with ``document``, attach rename fixes."""
    if model.rejects_unknown_keys and is_valid(model.name, value):
        # Every object of a closed schema lists its keys, so a body the schema
        # accepts has no unknown key: skip the walk, as most bodies are valid.
        return Normalized(value=value, document=document)
    normalized = Normalized(value=None, document=document)
    normalized.value = _normalize_node(value, [], "", model, normalized)
    return normalized


def _normalize_node(
    value: JSONValue, tokens: list[str], pointer: str, model: SchemaModel, out: Normalized
) -> JSONValue:
    if isinstance(value, list):
        return [
            _normalize_node(item, [*tokens, str(i)], join_pointer(pointer, i), model, out)
            for i, item in enumerate(value)
        ]
    if not isinstance(value, dict):
        return value
    known = model.known_keys(tokens)
    if not known:
        return value
    renames = _plan_renames(value, known, pointer, out)
    result: dict[str, JSONValue] = {}
    for key, item in value.items():
        new_key = renames.get(key, key)
        if new_key not in known:
            result[key] = item
            continue
        child_pointer = join_pointer(pointer, new_key)
        if new_key != key:
            out.renamed[child_pointer] = join_pointer(out.original_pointer(pointer), key)
        result[new_key] = _normalize_node(item, [*tokens, new_key], child_pointer, model, out)
    return result


def _plan_renames(
    obj: dict[str, JSONValue], known: list[str], pointer: str, out: Normalized
) -> dict[str, str]:
    """Report each unknown key of ``obj``; return the renames that are unambiguous."""
    suggestions = {key: closest(key, known) for key in obj if key not in known}
    targets = [s for s in suggestions.values() if s is not None]
    renames: dict[str, str] = {}
    for key, suggestion in suggestions.items():
        # ``pointer`` is in the renamed copy: map it back, so that a key below a
        # misspelt parent points at its own text.
        key_pointer = out.original_pointer(join_pointer(pointer, key))
        where = describe(pointer)
        if suggestion is None:
            listed = ", ".join(show(k) for k in known)
            message = f"unknown key {show(key)} in {where}: the known keys are {listed}"
            out.problems.append(Problem(key_pointer, message, target="key", code="JL104"))
            continue
        message = f"unknown key {show(key)} in {where}: did you mean {show(suggestion)}?"
        unambiguous = suggestion not in obj and targets.count(suggestion) == 1
        if unambiguous:
            renames[key] = suggestion
        # A renamed key's content is linted as if spelt right, so the key's own
        # finding must not hide the findings below it.
        out.problems.append(
            Problem(
                key_pointer,
                message,
                target="key",
                code="JL104",
                claims_subtree=not unambiguous,
                fix=_rename_fix(out.document, key_pointer, key, suggestion, unambiguous),
            )
        )
    return renames


def _rename_fix(
    document: Document | None, pointer: str, key: str, suggestion: str, unambiguous: bool
) -> Fix | None:
    """Return the safe fix that renames a key to its one close known key."""
    from jobspec_lint.fix.edits import rename_key

    if document is None or not unambiguous:
        return None
    edit = rename_key(document, pointer, suggestion)
    if edit is None:
        return None
    return Fix(f'rename "{key}" to "{suggestion}"', (edit,), safe=True)
