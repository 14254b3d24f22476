"""JL005 ambiguous-yaml-scalar: an unquoted YAML scalar that is not what it looks like.

Most Python senders read YAML with PyYAML, which follows YAML 1.1. It reads
``yes``, ``no``, ``on`` and ``off`` as booleans, and ``02`` and ``0755`` as
numbers (``0755`` even as the octal 493). It reads ``1:20`` as the base-60
number 80, ``1.10`` as ``1.1``, and a date as a date that JSON cannot carry.
YAML 1.2 reads several of them differently. A run parameter written
``value: 02`` reaches the server as ``2``. The message shows the source text
and suggests quoting it. An empty value read as null is reported only where the
field does not accept null.

Failing example (``spec.jobspec.yaml``)::

    wrangledDataset:
      id: 7
    runParameters:
      overrides:
        data:
          - key: month
            value: 02

Passing example (``spec.jobspec.yaml``)::

    wrangledDataset:
      id: 7
    runParameters:
      overrides:
        data:
          - key: month
            value: "02"
"""

from collections.abc import Iterator

from jobspec_lint.document import Document, PlainScalar, split_pointer
from jobspec_lint.findings import Problem, Severity
from jobspec_lint.rules.base import Rule, RuleContext
from jobspec_lint.values import show


def check(document: Document, context: RuleContext) -> Iterator[Problem]:
    for pointer, scalar in document.scalars.items():
        if scalar.ambiguity is None:
            continue
        expected = context.schema.expected_types(split_pointer(pointer))
        if scalar.value is None and "null" in expected:
            continue
        yield Problem(pointer, _message(scalar, expected))


def _message(scalar: PlainScalar, expected: set[str]) -> str:
    source = scalar.source or "(an empty value)"
    if scalar.yaml12_value != scalar.value:
        reading = (
            f"is read as {show(scalar.value)} by YAML 1.1 (PyYAML) "
            f"and as {show(scalar.yaml12_value)} by YAML 1.2"
        )
    else:
        reading = f"is read as {show(scalar.value)}"
    message = f"unquoted {source} ({scalar.ambiguity}) {reading}"
    if expected and "string" not in expected and scalar.value is not None:
        return f"{message}: write the value you mean explicitly"
    return f'{message}: quote it as "{scalar.source}"'


RULE = Rule(
    code="JL005",
    name="ambiguous-yaml-scalar",
    summary=(
        "an unquoted YAML scalar whose value depends on the parser or is not what it looks like"
    ),
    severity=Severity.ERROR,
    check=check,
)
