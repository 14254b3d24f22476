"""Every rule's documented examples: the failing one reports the rule, the passing one does not.

The fixes that the failing examples and a few more bodies produce must match
each rule's declared fix safety.
"""

from __future__ import annotations

from functools import cache

import pytest

from jobspec_lint.findings import Severity
from jobspec_lint.rules import all_rules
from jobspec_lint.rules.base import Rule, parse_examples
from tests.conftest import REPO, lint

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


# Bodies with the fixes that no documented example produces: the unsafe ones.
FIX_CASES = {
    "string for a boolean": (
        "spec.jobspec.json",
        '{"wrangledDataset": {"id": 7}, "overrides": {"profiler": "true"}}\n',
    ),
    "typo of a value": (
        "spec.jobspec.json",
        '{"wrangledDataset": {"id": 7}, "overrides": {"execution": "photn"}}\n',
    ),
    "tsv for csv": (
        "spec.jobspec.yaml",
        "wrangledDataset:\n  id: 7\noverrides:\n  writesettings:\n"
        "    - path: s3://bucket/out/result.csv\n      action: create\n      format: tsv\n",
    ),
    "nested runParameters beside top-level": (
        "spec.jobspec.json",
        '{"wrangledDataset": {"id": 7}, "runParameters": {"overrides": {"data": []}},\n'
        ' "overrides": {"runParameters": {"overrides": {"data": []}}}}\n',
    ),
}
FIX_FIXTURES = REPO / "tests" / "data" / "fix"


@cache
def produced_fix_safeties() -> dict[str, frozenset[str]]:
    """Lint every failing example, fix case and fix fixture, and return each code's fix safeties.

    Every body is linted for both API versions, with every rule.
    """
    bodies = [
        (example.filename, example.text)
        for rule in all_rules()
        if rule.code not in NO_EXAMPLES
        for example in parse_examples(rule.doc)
        if example.failing
    ]
    bodies.extend(FIX_CASES.values())
    for path in sorted(FIX_FIXTURES.iterdir()):
        if ".expected." not in path.name:
            bodies.append((path.name, path.read_text(encoding="utf-8")))

    safeties: dict[str, set[str]] = {}
    for filename, text in bodies:
        for api in ("v3", "v4"):
            for finding in lint(text, filename, api=api, ignore=()):
                if finding.fix is not None:
                    safety = "safe" if finding.fix.safe else "unsafe"
                    safeties.setdefault(finding.code, set()).add(safety)
    return {code: frozenset(found) for code, found in safeties.items()}


@pytest.mark.parametrize("rule", all_rules(), ids=lambda rule: rule.code)
def test_declared_fix_safety_matches_fixes(rule: Rule) -> None:
    produced = produced_fix_safeties().get(rule.code, frozenset())

    assert produced == rule.fix, (
        f"{rule.code} declares fix={sorted(rule.fix)}, but its examples and the fix cases "
        f"produce {sorted(produced)}"
    )
