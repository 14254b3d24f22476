"""Closest-match suggestions for misspelt keys and values."""

from __future__ import annotations

from collections.abc import Iterable

# Spellings users write for an allowed value, seen in real bodies and docs.
VALUE_ALIASES = {
    "parquet": "pqt",
    "gz": "gzip",
    "bz2": "bzip2",
    "bzip": "bzip2",
    "gzipped": "gzip",
    "tsv": "csv",
}

MAX_DISTANCE = 2


def damerau_levenshtein(first: str, second: str) -> int:
    """Return the optimal string alignment distance: edits, with adjacent swaps as one."""
    previous_row: list[int] = []
    row = list(range(len(second) + 1))
    for i in range(1, len(first) + 1):
        before_previous, previous_row = previous_row, row
        row = [i] + [0] * len(second)
        for j in range(1, len(second) + 1):
            cost = 0 if first[i - 1] == second[j - 1] else 1
            row[j] = min(previous_row[j] + 1, row[j - 1] + 1, previous_row[j - 1] + cost)
            swapped = i > 1 and j > 1 and first[i - 1] == second[j - 2]
            if swapped and first[i - 2] == second[j - 1]:
                row[j] = min(row[j], before_previous[j - 2] + 1)
    return row[len(second)]


def closest(word: str, candidates: Iterable[str]) -> str | None:
    """Return the one candidate closest to ``word``, or ``None`` if none or several are.

    A candidate that differs only in case wins outright. Any other candidate
    must be within Damerau–Levenshtein distance 2 (ignoring case), and no other
    candidate may be as close.
    """
    options = [candidate for candidate in candidates if candidate != word]
    same_case_insensitive = [c for c in options if c.lower() == word.lower()]
    if len(same_case_insensitive) == 1:
        return same_case_insensitive[0]
    scored = sorted((damerau_levenshtein(word.lower(), c.lower()), c) for c in options)
    if not scored or scored[0][0] > MAX_DISTANCE:
        return None
    if len(scored) > 1 and scored[1][0] == scored[0][0]:
        return None
    return scored[0][1]


def closest_value(value: object, allowed: Iterable[object]) -> object | None:
    """Return the allowed value a wrong one most likely meant: an alias, a case or a typo."""
    allowed_list = list(allowed)
    if not isinstance(value, str):
        return None
    alias = VALUE_ALIASES.get(value.lower())
    if alias is not None and alias in allowed_list:
        return alias
    return closest(value, [a for a in allowed_list if isinstance(a, str)])
