"""JL109 foreign-body: the document is the body of another endpoint or product.

A request body copied from another endpoint (an output object, a plan run, a
flow) or from another product launches nothing, or something else. Instead of
one finding per unknown key, the linter reports once what the document looks
like.

Failing example (``spec.jobspec.yaml``)::

    execution: photon
    outputs:
      - s3://bucket/out/result.csv
    runsOn: cluster-7

Passing example (``spec.jobspec.yaml``)::

    wrangledDataset:
      id: 7
    overrides:
      execution: photon
"""

from collections.abc import Iterator

from jobspec_lint.document import Document
from jobspec_lint.findings import Problem, Severity
from jobspec_lint.rules.base import Rule, RuleContext
from jobspec_lint.suggest import closest

REQUIRED_KEY = "wrangledDataset"

# Keys that only another endpoint's body has (all of a set must be present),
# and what that body is.
SIGNATURES = (
    (frozenset({"flowNodeId"}), "an output object (POST /v4/outputObjects)"),
    (frozenset({"planNodeOverrides"}), "a plan run (POST /v4/plans/{id}/run)"),
    (frozenset({"flowId"}), "the body of a flow endpoint"),
    (frozenset({"planId"}), "the body of a plan endpoint"),
    (frozenset({"name", "description"}), "a flow or another object's definition"),
)


def check(document: Document, context: RuleContext) -> Iterator[Problem]:
    body = document.value
    if not isinstance(body, dict) or not body:
        return
    keys = list(body)
    if any(k == REQUIRED_KEY or closest(k, [REQUIRED_KEY]) == REQUIRED_KEY for k in keys):
        return
    looks_like = _looks_like(keys, context)
    if looks_like is not None:
        listed = ", ".join(f'"{k}"' for k in keys[:5])
        yield Problem(
            "",
            f"this document looks like {looks_like}, not a jobGroups request body: "
            f"it has no wrangledDataset, and its keys are {listed}",
        )


def _looks_like(keys: list[str], context: RuleContext) -> str | None:
    for signature, description in SIGNATURES:
        if signature <= set(keys):
            return description
    foreign = [k for k in keys if k not in context.schema.vocabulary]
    if len(keys) >= 2 and foreign and len(foreign) * 2 >= len(keys):
        return "the body of another endpoint or product"
    return None


RULE = Rule(
    code="JL109",
    name="foreign-body",
    summary="the document is the body of another endpoint or of another product",
    severity=Severity.ERROR,
    check=check,
)
