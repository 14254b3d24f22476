"""Lists of gitignore-style globs, compiled with pathspec, and the globs that do not compile."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, NamedTuple


class InvalidGlob(NamedTuple):
    """A glob that pathspec cannot compile: its position in the list (from 0), its text and why."""

    position: int
    glob: str
    reason: str


def compile_globs(globs: Sequence[str]) -> tuple[Any, list[InvalidGlob]]:
    """Return a ``pathspec.GitIgnoreSpec`` of the valid globs, and the invalid ones.

    An invalid glob is left out, so it matches nothing.
    NOTE: git may still match some names with such a line of a ``.gitignore``:
    it ignores a file named ``z`` for ``[z-a]``.
    """
    import pathspec

    try:
        return pathspec.GitIgnoreSpec.from_lines(globs), []
    except (ValueError, re.error):
        # pathspec turns each glob into a regular expression, which may not compile.
        pass
    valid: list[str] = []
    invalid: list[InvalidGlob] = []
    for index, glob in enumerate(globs):
        try:
            pathspec.GitIgnoreSpec.from_lines([glob])
        except re.error as error:
            invalid.append(InvalidGlob(index, glob, error.msg))
        except ValueError as error:
            invalid.append(InvalidGlob(index, glob, str(error)))
        else:
            valid.append(glob)
    return pathspec.GitIgnoreSpec.from_lines(valid), invalid
