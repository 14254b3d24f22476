"""The ``rules`` and ``rule CODE`` commands' texts."""

from __future__ import annotations

from jobspec_lint.rules import all_rules, find_rule
from jobspec_lint.rules.base import Rule
from jobspec_lint.rules.docstrings import render_plain_text


def _targets(rule: Rule) -> str:
    return ",".join(sorted(rule.targets))


def fix_label(rule: Rule) -> str:
    """Return the safeties of a rule's fixes, such as "safe,unsafe", or "none"."""
    return ",".join(sorted(rule.fix)) or "none"


def rules_table(api: str | None) -> str:
    rules = [rule for rule in all_rules() if api is None or api in rule.targets]
    name_width = max(len(rule.name) for rule in rules)
    fix_width = max(len(fix_label(rule)) for rule in rules)
    lines = [
        f"{'code':<6} {'name':<{name_width}} {'severity':<8} {'targets':<7} "
        f"{'fix':<{fix_width}} summary"
    ]
    for rule in rules:
        lines.append(
            f"{rule.code:<6} {rule.name:<{name_width}} {rule.severity!s:<8} "
            f"{_targets(rule):<7} {fix_label(rule):<{fix_width}} {rule.summary}"
        )
    return "\n".join(lines) + "\n"


def rule_text(code_or_name: str) -> str | None:
    rule = find_rule(code_or_name)
    if rule is None:
        return None
    header = (
        f"{rule.code} {rule.name}\n"
        f"default severity: {rule.severity}; targets: {_targets(rule)}; fix: {fix_label(rule)}\n\n"
    )
    doc = rule.doc.split("\n", 1)[1].lstrip("\n") if "\n" in rule.doc else ""
    return header + render_plain_text(doc) + "\n"
