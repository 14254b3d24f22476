"""JL002 duplicate-key: a key appears twice in one object.

JSON and YAML parsers keep one of the two values, usually the last, without a
word, so the body sent differs from the one a reviewer reads. The finding points at
the second key and names where the first was defined.

Failing example (``spec.jobspec.yaml``)::

    wrangledDataset:
      id: 7
      id: 8

Passing example (``spec.jobspec.yaml``)::

    wrangledDataset:
      id: 8
"""

from jobspec_lint.findings import Severity
from jobspec_lint.rules.base import Rule

RULE = Rule(
    code="JL002",
    name="duplicate-key",
    summary="a key appears twice in one object",
    severity=Severity.ERROR,
)
