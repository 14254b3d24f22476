"""YAML scalars: plain scalars read as PyYAML's SafeLoader and the YAML 1.2 core schema do.

The YAML 1.1 reading copies the implicit resolvers and constructors of PyYAML 6
(``yaml/resolver.py`` and ``yaml/constructor.py``), since that is what a sender's
Python script gets from ``yaml.safe_load``. A date is kept as its source text,
because JSON has no date.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from typing import NamedTuple

from jobspec_lint.document import JSONValue, PlainScalar
from jobspec_lint.load.messages import MAX_INT_DIGITS

# PyYAML's implicit resolvers, in the order PyYAML tries them.
_BOOL_11 = re.compile(r"yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF")
_FLOAT_11 = re.compile(
    r"""[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?
    |\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?
    |[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*
    |[-+]?\.(?:inf|Inf|INF)
    |\.(?:nan|NaN|NAN)""",
    re.VERBOSE,
)
_INT_11 = re.compile(
    r"""[-+]?0b[0-1_]+
    |[-+]?0[0-7_]+
    |[-+]?(?:0|[1-9][0-9_]*)
    |[-+]?0x[0-9a-fA-F_]+
    |[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+""",
    re.VERBOSE,
)
_NULL = re.compile(r"~|null|Null|NULL|")
_TIMESTAMP = re.compile(
    r"""[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]
    |[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?
     (?:[Tt]|[ \t]+)[0-9][0-9]?
     :[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?
     (?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?""",
    re.VERBOSE,
)
# ``=`` resolves to PyYAML's "value" tag, which SafeLoader has no constructor for.
_VALUE_KEY = "="

# The tag resolution of the YAML 1.2 core schema.
_BOOL_12 = re.compile(r"true|True|TRUE|false|False|FALSE")
_INT_12 = re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+")
_FLOAT_12 = re.compile(
    r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"
)

# The first characters of every non-string plain scalar in YAML 1.1 and 1.2,
# as PyYAML's resolvers are indexed.
# The first characters of the plain scalars that a resolver of either YAML version
# may read as something other than a string.
RESOLVABLE_FIRST = frozenset("yYnNtTfFoO-+0123456789.~=")

_BASE_60 = re.compile(r"[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?")
_LEADING_ZERO = re.compile(r"[-+]?0_*[0-9][0-9_]*(?:\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?")
_TRAILING_ZERO_FLOAT = re.compile(r"[-+]?[0-9_]*\.[0-9_]*[0-9]0(?:[eE][-+]?[0-9]+)?")


_DECIMAL_INT = re.compile(r"[-+]?[0-9][0-9_]*")


class ScalarError(ValueError):
    """A scalar that its tag cannot construct, such as ``!!int abc``."""


class PlainReading(NamedTuple):
    """A plain scalar's value, and its ``PlainScalar`` record when it is not plainly a string."""

    value: JSONValue
    record: PlainScalar | None


def read_plain(source: str) -> PlainReading:
    """Resolve a plain scalar as PyYAML does, and compare with the YAML 1.2 reading."""
    if source and source[0] not in RESOLVABLE_FIRST:
        # Most scalars are words and paths: no resolver of either version matches them.
        return PlainReading(source, None)
    return _resolve_plain(source)


# The same few scalars (true, false, small ids) come back in file after file,
# and each takes up to a dozen regular expressions. A reading holds only
# immutable values, so all the files of a run can share it.
@lru_cache(maxsize=4096)
def _resolve_plain(source: str) -> PlainReading:
    try:
        value = resolve_yaml11(source)
        loadable = True
    except ScalarError:
        value, loadable = source, False
    yaml12_value = resolve_yaml12(source)

    ambiguity = _ambiguity(source, value, yaml12_value, loadable)
    if isinstance(value, str) and isinstance(yaml12_value, str) and ambiguity is None:
        return PlainReading(value, None)
    return PlainReading(value, PlainScalar(source, value, yaml12_value, ambiguity))


def is_long_integer(source: str) -> bool:
    """Return whether a plain scalar is a decimal integer longer than Python reads."""
    return (
        len(source) > MAX_INT_DIGITS
        and _DECIMAL_INT.fullmatch(source) is not None
        and len(source.lstrip("+-").replace("_", "")) > MAX_INT_DIGITS
    )


def is_timestamp(source: str) -> bool:
    """Return whether PyYAML reads a plain scalar as a date or timestamp."""
    return _TIMESTAMP.fullmatch(source) is not None


def resolve_yaml11(source: str) -> JSONValue:
    """Return PyYAML's reading of a plain scalar, or raise ``ScalarError`` where PyYAML fails."""
    if _BOOL_11.fullmatch(source):
        return construct_bool(source)
    if _FLOAT_11.fullmatch(source):
        return construct_float(source)
    if _INT_11.fullmatch(source):
        return construct_int(source)
    if _NULL.fullmatch(source):
        return None
    if _TIMESTAMP.fullmatch(source):
        return source
    if source == _VALUE_KEY:
        raise ScalarError("PyYAML cannot load a plain '='")
    return source


def resolve_yaml12(source: str) -> JSONValue:
    """Return the YAML 1.2 core schema's reading of a plain scalar."""
    if _NULL.fullmatch(source):
        return None
    if _BOOL_12.fullmatch(source):
        return source.lower() == "true"
    if _INT_12.fullmatch(source):
        return _construct_int12(source)
    if _FLOAT_12.fullmatch(source):
        return construct_float(source)
    return source


def construct_bool(source: str) -> bool:
    lowered = source.lower()
    if lowered in ("yes", "true", "on"):
        return True
    if lowered in ("no", "false", "off"):
        return False
    raise ScalarError(f"{source} is not a YAML boolean")


def construct_int(source: str) -> int:
    """Construct a YAML 1.1 integer as PyYAML does: sign, ``0b``, ``0x``, octal, base 60."""
    sign, digits = _split_sign(source.replace("_", ""))
    try:
        if digits == "0":
            return 0
        if digits.startswith("0b"):
            return sign * int(digits[2:], 2)
        if digits.startswith("0x"):
            return sign * int(digits[2:], 16)
        if digits.startswith("0"):
            return sign * int(digits, 8)
        if ":" in digits:
            return sign * int(_base_60([int(part) for part in digits.split(":")]))
        return sign * int(digits)
    except ValueError as error:
        raise ScalarError(str(error)) from error


def construct_float(source: str) -> float:
    """Construct a YAML float as PyYAML does: ``.inf``, ``.nan``, base 60, ``_`` separators."""
    sign, digits = _split_sign(source.replace("_", "").lower())
    try:
        if digits == ".inf":
            return sign * math.inf
        if digits == ".nan":
            return math.nan
        if ":" in digits:
            return sign * float(_base_60([float(part) for part in digits.split(":")]))
        return sign * float(digits)
    except ValueError as error:
        raise ScalarError(str(error)) from error


def _split_sign(digits: str) -> tuple[int, str]:
    """Split off one leading sign, as PyYAML does."""
    if digits[:1] in ("+", "-"):
        return (-1 if digits[0] == "-" else 1), digits[1:]
    return 1, digits


def _base_60(parts: list[int] | list[float]) -> int | float:
    # Summed from the last part, in PyYAML's order, so floats round the same way.
    total: int | float = 0
    base = 1
    for part in reversed(parts):
        total += part * base
        base *= 60
    return total


def _construct_int12(source: str) -> int | str:
    if source.startswith("0o"):
        return int(source[2:], 8)
    if source.startswith("0x"):
        return int(source[2:], 16)
    if len(source.lstrip("+-")) > MAX_INT_DIGITS:
        # Too long for Python to convert. The builder reports it as JL007.
        return source
    return int(source)


def _ambiguity(
    source: str, value: JSONValue, yaml12_value: JSONValue, loadable: bool
) -> str | None:
    """Return why a plain scalar is not what it looks like, or ``None``."""
    if not loadable:
        return "PyYAML cannot load it"
    # The YAML 1.1 type repository also lists y and n as booleans, but PyYAML
    # and YAML 1.2 both read them as strings, so they are not reported.
    if _BOOL_11.fullmatch(source) and not _BOOL_12.fullmatch(source):
        return "YAML 1.1 boolean"
    if _TIMESTAMP.fullmatch(source):
        return "date"
    if _BASE_60.fullmatch(source):
        return "base-60 number"
    if _LEADING_ZERO.fullmatch(source):
        return "leading-zero number"
    if isinstance(value, str) and isinstance(yaml12_value, float) and "e" in source.lower():
        if "." in source:
            return "exponent without a sign read as text by YAML 1.1"
        return "exponent without a dot read as text by YAML 1.1"
    if isinstance(value, float) and _TRAILING_ZERO_FLOAT.fullmatch(source):
        return f"trailing-zero float read as {value!r}"
    if source == "":
        return "empty value read as null"
    if not _same_reading(value, yaml12_value):
        return "YAML 1.1 and 1.2 read it differently"
    return None


def _same_reading(first: JSONValue, second: JSONValue) -> bool:
    if type(first) is not type(second):
        return False
    if isinstance(first, float) and isinstance(second, float) and math.isnan(first):
        return math.isnan(second)
    return first == second
