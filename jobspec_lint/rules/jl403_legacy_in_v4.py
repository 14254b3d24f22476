"""JL403 legacy-in-v4: a value that newer v4 releases no longer list.

``ranfrom: "cli"`` appears in the v4 examples of Releases 5.1 and 6.0. From
Release 6.4 the examples use ``"ui"``, and the 2025 cloud API spec lists only
``null``, ``"ui"``, ``"schedule"`` and ``"api"``. A newer server may reject
``"cli"``, or show the job with the wrong origin. ``jobspec-lint migrate
--ranfrom VALUE`` replaces it. Reported for the v4 target only.

Failing example (``spec.jobspec.json``)::

    {"wrangledDataset": {"id": 7}, "ranfrom": "cli"}

Passing example (``spec.jobspec.json``)::

    {"wrangledDataset": {"id": 7}, "ranfrom": "ui"}
"""

from collections.abc import Iterator

from jobspec_lint.document import Document
from jobspec_lint.findings import Problem, Severity
from jobspec_lint.rules.base import Rule, RuleContext

MESSAGE = (
    'ranfrom "cli" is listed only by early v4 examples (Releases 5.1 and 6.0): newer releases '
    'list null, "ui", "schedule" and "api", so use one of them unless your server still '
    'accepts "cli"'
)


def check(document: Document, context: RuleContext) -> Iterator[Problem]:
    body = document.value
    if isinstance(body, dict) and body.get("ranfrom") == "cli":
        yield Problem("/ranfrom", MESSAGE)


RULE = Rule(
    code="JL403",
    name="legacy-in-v4",
    summary="a value that newer v4 releases no longer list (ranfrom \"cli\")",
    severity=Severity.WARNING,
    targets=frozenset({"v4"}),
    check=check,
)
