"""Finding messages that the JSON and YAML readers share."""

from __future__ import annotations

import json
import sys

from jobspec_lint.positions import Position

# The maximum number of digits of a decimal string that Python converts to int
# (CPython 3.11 and later).
# sys.get_int_max_str_digits() returns 0 when the limit is off.
MAX_INT_DIGITS = sys.get_int_max_str_digits() or sys.maxsize


def duplicate_key(key: str, first: Position) -> str:
    return (
        f"duplicate key {json.dumps(key)}, first defined at line {first.line},"
        f" column {first.column}: remove one of them (parsers keep the later value)"
    )


def nesting_too_deep(max_depth: int) -> str:
    return (
        f"nesting deeper than {max_depth} levels (max-depth): flatten the body, or raise"
        " max-depth in the configuration"
    )


def non_finite_number(source: str) -> str:
    return f"{source} is not a JSON number and the API cannot receive it: write a number or null"


def float_overflow(source: str) -> str:
    return (
        f"{source} is too large for a 64-bit float and would be read as infinity:"
        " write a smaller number"
    )


def integer_too_long(digit_count: int) -> str:
    return (
        f"the integer has {digit_count} digits, more than the {MAX_INT_DIGITS} that Python"
        " reads: write a number that fits in 64 bits"
    )


def lone_surrogate(escape: str, fix: str) -> str:
    return (
        f"the escape {escape} is a lone UTF-16 surrogate, which is not a character:"
        f" write the character itself or {fix}"
    )
