"""JL503 unused-suppression: a suppression comment or baseline entry that matches no finding.

A suppression that no longer matches anything hides nothing today, but it
would silently hide the same finding if it came back, and it marks a problem
where none exists. Remove it. The suppression and
baseline code reports this finding after all rules have run, because only
then is it known which suppressions matched. There is no text example here:
the finding depends on a suppression's configuration as well as on the body.
"""

from jobspec_lint.findings import Severity
from jobspec_lint.rules.base import Rule

RULE = Rule(
    code="JL503",
    name="unused-suppression",
    summary="a suppression comment or baseline entry that no longer matches any finding",
    severity=Severity.WARNING,
)
