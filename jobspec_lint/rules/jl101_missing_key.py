"""JL101 missing-key: a required key is missing.

Without ``wrangledDataset.id`` the server cannot tell which recipe to run. An
output without ``path``, ``action`` or ``format``, or a parameter without
``key`` or ``value``, makes the job fail after it was accepted. The finding
points at the key of the object that lacks the key (the body's first character
for a key missing at the top level). Reported by the body schema.

Failing example (``spec.jobspec.json``)::

    {"wrangledDataset": {}}

Passing example (``spec.jobspec.json``)::

    {"wrangledDataset": {"id": 7}}
"""

from jobspec_lint.findings import Severity
from jobspec_lint.rules.base import Rule

RULE = Rule(
    code="JL101",
    name="missing-key",
    summary="a required key is missing",
    severity=Severity.ERROR,
)
