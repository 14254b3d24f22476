"""The typed settings one lint run uses, whatever set them (options, configuration, defaults)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from jobspec_lint.findings import Severity
from jobspec_lint.load import Limits
from jobspec_lint.rules.base import Target


@dataclass(frozen=True)
class Settings:
    api: Target = "v3"
    first_run: bool = False
    limits: Limits = field(default_factory=Limits)
    # Codes, names or code prefixes (``JL2``); an empty ``select`` selects every rule.
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, Severity] = field(default_factory=dict)
    # Placeholder syntaxes that JL501 accepts: "${}", "{{}}" or "<>".
    allow_placeholders: tuple[str, ...] = ()
