"""JL004 invalid-encoding: the bytes are not UTF-8, or a string contains a lone surrogate.

JSON sent over HTTP is UTF-8. A file saved as Latin-1 or UTF-16 reaches the
server as other characters than the ones in the editor, or not at all, and a
lone surrogate (``"\\ud800"``) is no character: most servers reject it. The
finding points at the first byte that is not UTF-8.

Failing example (``spec.jobspec.json``)::

    {"wrangledDataset": {"id": 7}, "ranfrom": "\\ud800"}

Passing example (``spec.jobspec.json``)::

    {"wrangledDataset": {"id": 7}, "ranfrom": "cli"}
"""

from jobspec_lint.findings import Severity
from jobspec_lint.rules.base import Rule

RULE = Rule(
    code="JL004",
    name="invalid-encoding",
    summary="the bytes are not UTF-8, or a string contains a lone surrogate",
    severity=Severity.ERROR,
)
