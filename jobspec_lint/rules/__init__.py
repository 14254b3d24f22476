"""The rule registry: every rule the linter defines, in catalogue order.

Each rule lives in its own module named after its code and name; the module's
docstring is the rule's user documentation, shown by ``jobspec-lint rule CODE``.
"""

from __future__ import annotations

import importlib
from functools import cache

from jobspec_lint.rules.base import Rule

RULE_MODULES = (
    "jl001_invalid_syntax",
    "jl002_duplicate_key",
    "jl003_not_an_object",
    "jl004_invalid_encoding",
    "jl005_ambiguous_yaml_scalar",
    "jl006_resource_limit",
    "jl007_unsupported_value",
    "jl008_unreadable_file",
    "jl101_missing_key",
    "jl102_wrong_type",
    "jl103_invalid_value",
    "jl104_unknown_key",
    "jl105_invalid_id",
    "jl106_empty_container",
    "jl107_incomplete_first_run",
    "jl108_misplaced_key",
    "jl109_foreign_body",
    "jl201_compression_unsupported",
    "jl202_header_ignored",
    "jl203_single_file_ignored",
    "jl204_path_not_qualified",
    "jl205_extension_mismatch",
    "jl206_path_is_folder",
    "jl207_duplicate_output",
    "jl208_unsupported_target",
    "jl209_credentials_in_path",
    "jl210_execution_storage_mismatch",
    "jl301_duplicate_parameter",
    "jl302_empty_parameter_key",
    "jl303_non_string_parameter",
    "jl304_empty_parameter_value",
    "jl401_v3_end_of_life",
    "jl402_v4_only",
    "jl403_legacy_in_v4",
    "jl404_both_spellings",
    "jl405_v3_call_site",
    "jl501_unreplaced_placeholder",
    "jl502_invisible_character",
    "jl503_unused_suppression",
)


@cache
def all_rules() -> tuple[Rule, ...]:
    rules = []
    for module_name in RULE_MODULES:
        module = importlib.import_module(f"{__name__}.{module_name}")
        rule: Rule = module.RULE
        rules.append(rule._replace(doc=(module.__doc__ or "").strip()))
    return tuple(rules)


@cache
def rules_by_code() -> dict[str, Rule]:
    return {rule.code: rule for rule in all_rules()}


def find_rule(code_or_name: str) -> Rule | None:
    """Return the rule with this code (``JL104``, any case) or name (``unknown-key``)."""
    requested = code_or_name.strip()
    for rule in all_rules():
        if requested.upper() == rule.code or requested.lower() == rule.name:
            return rule
    return None
