"""Every rule's documented examples: the failing one reports the rule, the passing one does not."""

from __future__ import annotations

import pytest

from jobspec_lint.findings import Severity
from jobspec_lint.rules import all_rules
from jobspec_lint.rules.base import Rule, parse_examples
from tests.conftest import lint

# Rules whose documentation cannot hold a lintable body, and why.
NO_EXAMPLES = {
    "JL008": "its finding is about a file that cannot be read, not about a text",
    "JL503": "its finding depends on suppression comments and baselines, which lint() does "
    "not apply",
    "JL405": "its examples are calling code for migrate --scan, not job specs",
}
# Rules that fire on every body of their target, so no passing example exists.
NO_PASSING_EXAMPLE = {"JL401": "every v3 body reports it"}


@pytest.mark.parametrize("rule", all_rules(), ids=lambda rule: rule.code)
def test_documented_examples(rule: Rule) -> None:
    if rule.code in NO_EXAMPLES:
        pytest.skip(NO_EXAMPLES[rule.code])
    examples = parse_examples(rule.doc)
    failing = [example for example in examples if example.failing]
    passing = [example for example in examples if not example.failing]
    assert failing, f"{rule.code} documents no failing example"
    if rule.code not in NO_PASSING_EXAMPLE:
        assert passing, f"{rule.code} documents no passing example"
    api = "v3" if "v3" in rule.targets else "v4"
    # lint() ignores JL401 by default, and the examples run with every rule.

    for example in failing:
        found = [f.code for f in lint(example.text, example.filename, api=api, ignore=())]
        assert rule.code in found, f"failing example of {rule.code} reports only {found}"

    for example in passing:
        findings = lint(example.text, example.filename, api=api, ignore=())
        reported = [(f.code, f.message) for f in findings if f.code == rule.code]
        errors = [(f.code, f.message) for f in findings if f.severity >= Severity.ERROR]
        assert reported == [], f"passing example of {rule.code} reports it"
        assert errors == [], f"passing example of {rule.code} has errors"
