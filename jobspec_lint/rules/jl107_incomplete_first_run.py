"""JL107 incomplete-first-run: ``overrides`` lacks some of the keys a first run needs.

The keys are ``execution``, ``profiler`` and ``writesettings``.

A recipe that never ran needs all three in ``overrides``: the server accepts a
body without them and the job then has no running environment or no output.
A re-run may omit them, so by default this is information. Declared a first
run (``--first-run``, or ``first-run = true`` in configuration), it is an
error, and so is a body without ``overrides`` or with no output.

Failing example (``spec.jobspec.json``)::

    {"wrangledDataset": {"id": 7}, "overrides": {"execution": "photon"}}

Passing example (``spec.jobspec.json``)::

    {
      "wrangledDataset": {"id": 7},
      "overrides": {
        "execution": "photon",
        "profiler": false,
        "writesettings": [
          {"path": "s3://bucket/out/result.csv", "action": "create", "format": "csv"}
        ]
      }
    }
"""

from collections.abc import Iterator

from jobspec_lint.document import Document
from jobspec_lint.findings import Problem, Severity
from jobspec_lint.rules.base import Rule, RuleContext

FIRST_RUN_KEYS = ("execution", "profiler", "writesettings")


def check(document: Document, context: RuleContext) -> Iterator[Problem]:
    body = document.value
    if not isinstance(body, dict):
        return
    overrides = body.get("overrides")
    if overrides is None:
        if context.first_run:
            listed = ", ".join(FIRST_RUN_KEYS)
            yield Problem(
                "/overrides",
                f"a first run needs overrides with {listed}",
                target="parent",
                claims_subtree=False,
            )
        return
    if not isinstance(overrides, dict):
        return
    outputs = overrides.get("writesettings", overrides.get("writeSettings"))
    missing = [k for k in FIRST_RUN_KEYS if k not in overrides]
    if "writesettings" in missing and "writeSettings" in overrides:
        missing.remove("writesettings")
    if missing:
        listed = ", ".join(missing)
        yield Problem(
            "/overrides",
            f"overrides lacks {listed}: a recipe's first run needs execution, profiler "
            "and writesettings (a re-run does not)",
            target="key",
            claims_subtree=False,
        )
    elif context.first_run and outputs == []:
        yield Problem(
            "/overrides/writesettings",
            "a first run needs at least one output in writesettings",
            claims_subtree=False,
        )


RULE = Rule(
    code="JL107",
    name="incomplete-first-run",
    summary="overrides is given without all of execution, profiler and writesettings",
    severity=Severity.INFO,
    check=check,
)
