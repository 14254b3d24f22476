"""JL001 invalid-syntax: the text is not valid JSON or YAML.

The file cannot be parsed, so nothing in it can be checked, and the server
would return 400 for the whole request. The finding points at the first
character the parser could not accept, and its message gives a hint for the
usual causes: a trailing comma, a missing comma, a comment in JSON, single
quotes or a Python repr (``True``, ``None``, ``'key'``), an unreplaced
``<PLACEHOLDER>`` token, or a template (``{{ }}``).

Failing example (``spec.jobspec.json``)::

    {"wrangledDataset": {"id": 7},}

Passing example (``spec.jobspec.json``)::

    {"wrangledDataset": {"id": 7}}
"""

from jobspec_lint.findings import Severity
from jobspec_lint.rules.base import Rule

RULE = Rule(
    code="JL001",
    name="invalid-syntax",
    summary="the text is not valid JSON or YAML",
    severity=Severity.ERROR,
)
