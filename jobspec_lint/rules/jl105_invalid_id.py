"""JL105 invalid-id: ``wrangledDataset.id`` is not a positive integer.

Recipe ids are positive integers that fit in 64 bits. ``0``, a negative
number, ``7.5`` or a number beyond 64 bits names no recipe: the server returns
404 or starts nothing. Reported by the body schema.

Failing example (``spec.jobspec.json``)::

    {"wrangledDataset": {"id": 0}}

Passing example (``spec.jobspec.json``)::

    {"wrangledDataset": {"id": 7}}
"""

from jobspec_lint.findings import Severity
from jobspec_lint.rules.base import Rule

RULE = Rule(
    code="JL105",
    name="invalid-id",
    summary="wrangledDataset.id is not a positive integer",
    severity=Severity.ERROR,
)
