"""jobspec-lint: lint job specs (``POST /v3/jobGroups`` request bodies) before they are sent.

The Python API, for code that builds bodies (Airflow DAGs, scripts)::

    from jobspec_lint import lint_body, lint_text

    findings = lint_body({"wrangledDataset": {"id": "7"}})
    findings = lint_text(open("spec.jobspec.yaml").read(), "spec.jobspec.yaml")

Both return the findings the ``check`` command reports, as ``Finding`` objects.
Importing this package is cheap: the engine is imported on the first call.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

from jobspec_lint._version import __version__

if TYPE_CHECKING:
    from jobspec_lint.findings import Finding

__all__ = ["Finding", "__version__", "lint_body", "lint_text"]


def lint_text(
    text: str | bytes,
    filename: str,
    *,
    api: str = "v3",
    first_run: bool = False,
    select: str | tuple[str, ...] | list[str] = (),
    ignore: str | tuple[str, ...] | list[str] = (),
) -> list[Finding]:
    """Lint the text of a file; ``filename``'s extension chooses JSON or YAML.

    ``select`` and ``ignore`` take codes, names or prefixes (``JL4``), as the
    configuration does. An unknown rule or API version raises ``ValueError``.
    """
    from jobspec_lint.discover import format_for
    from jobspec_lint.engine import lint_bytes
    from jobspec_lint.runner import sniff_format
    from jobspec_lint.settings import Settings

    data = text.encode("utf-8", errors="surrogatepass") if isinstance(text, str) else text
    fmt = format_for(filename) or sniff_format(data)
    settings = Settings(
        api=_checked_api(api),
        first_run=first_run,
        select=_rule_references(select, "select"),
        ignore=_rule_references(ignore, "ignore"),
    )
    return lint_bytes(data, filename, fmt, settings).findings


def _checked_api(api: str) -> Literal["v3", "v4"]:
    if api not in ("v3", "v4"):
        raise ValueError(f'invalid api {api!r}: use "v3" or "v4"')
    return "v3" if api == "v3" else "v4"


def _rule_references(values: str | tuple[str, ...] | list[str], option: str) -> tuple[str, ...]:
    """Return the codes and prefixes ``values`` name; raise ``ValueError`` for an unknown rule.

    A single string is read as one rule, as ``ignore="JL401"`` means.
    """
    from jobspec_lint.config.errors import ConfigError
    from jobspec_lint.config.validate import rule_references
    from jobspec_lint.rules import all_rules

    listed = [values] if isinstance(values, str) else list(values)
    try:
        return rule_references(listed, all_rules(), option)
    except ConfigError as error:
        raise ValueError(str(error)) from None


def lint_body(
    body: Any,
    *,
    api: str = "v3",
    first_run: bool = False,
    filename: str = "<body>.json",
    select: str | tuple[str, ...] | list[str] = (),
    ignore: str | tuple[str, ...] | list[str] = (),
) -> list[Finding]:
    """Lint a body given as a Python object, as ``json.dumps`` would send it.

    The findings' lines and columns refer to ``json.dumps(body, indent=2)``.
    A value ``json.dumps`` cannot serialise (a ``datetime``, a ``set``) raises
    ``TypeError`` as it would in the code that sends the body.
    """
    import json

    text = json.dumps(body, indent=2, ensure_ascii=False)
    return lint_text(
        text, filename, api=api, first_run=first_run, select=select, ignore=ignore
    )


def __getattr__(name: str) -> Any:
    if name == "Finding":
        from jobspec_lint.findings import Finding

        return Finding
    raise AttributeError(name)
