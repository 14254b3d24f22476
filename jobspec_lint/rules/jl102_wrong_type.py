"""JL102 wrong-type: a value of the wrong JSON type.

The server accepts the body, and the job then fails or ignores the setting.
Typical cases: a recipe id sent as the string ``"1234567"`` (from an
environment variable), a boolean sent as ``"false"``, or ``overrides`` sent as
a list (a Python tuple made by a trailing comma serialises as one). The message gives the literal to
write instead. Reported by the body schema.

Fixes (safe and unsafe): a string of digits where an integer is expected becomes that
integer (``"1234567"`` -> ``1234567``). The fix of ``"true"`` or ``"false"``
where a boolean is expected is unsafe, because which boolean a server that
casts the string reads is a guess.

Failing example (``spec.jobspec.json``)::

    {"wrangledDataset": {"id": "1234567"}}

Passing example (``spec.jobspec.json``)::

    {"wrangledDataset": {"id": 1234567}}
"""

from jobspec_lint.findings import Severity
from jobspec_lint.rules.base import Rule

RULE = Rule(
    code="JL102",
    name="wrong-type",
    summary="a value of the wrong JSON type",
    severity=Severity.ERROR,
    fix=frozenset({"safe", "unsafe"}),
)
