"""JL104 unknown-key: a key the target API does not know.

The server ignores keys it does not know, so a misspelt key silently drops the
setting it was meant to carry. The message names the closest known key. When
exactly one known key is close (it differs only in case, or by at most two
edits) and the object does not already have it, the linter reads the key as
that key. Its content is then checked as if spelt right, and the right key is
not reported missing as well. A key known only in v4 is JL402 instead.

Fix (safe): such a key is renamed to its one close known key, keeping its
quoting. A key with no close known key, or with several, has no fix.

Failing example (``spec.jobspec.json``)::

    {"wrangleDataset": {"id": 7}}

Passing example (``spec.jobspec.json``)::

    {"wrangledDataset": {"id": 7}}
"""

from jobspec_lint.findings import Severity
from jobspec_lint.rules.base import Rule

RULE = Rule(
    code="JL104",
    name="unknown-key",
    summary="a key the target API does not know",
    severity=Severity.ERROR,
    fix=frozenset({"safe"}),
)
