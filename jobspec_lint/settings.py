"""The typed settings one lint run uses, whatever set them (options, configuration, defaults)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

from jobspec_lint.findings import Severity
from jobspec_lint.load import Limits
from jobspec_lint.rules.base import Target

# Shared by every Settings that sets no severity, so it is typed read-only.
# A MappingProxyType would not pickle for the workers of a process pool.
_NO_SEVERITIES: Mapping[str, Severity] = {}


class Settings(NamedTuple):
    api: Target = "v3"
    first_run: bool = False
    limits: Limits = Limits()
    # Codes, names or code prefixes (``JL2``); an empty ``select`` selects every rule.
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, Severity] = _NO_SEVERITIES
    # Placeholder syntaxes that JL501 accepts: "${}", "{{}}" or "<>".
    allow_placeholders: tuple[str, ...] = ()
