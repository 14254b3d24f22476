"""JL006 resource-limit: the document exceeds a safety limit.

A linter runs on whatever is in the repository, so reading stops at a safety
limit: a file over the size limit (default 10 MiB), nesting deeper than the
depth limit (default 256), YAML aliases that expand into more nodes than the
alias limit (a "billion laughs" of a few hundred bytes), or an alias that
refers to itself. Nothing past the limit is read, and the body is not checked
further.
The limits are configurable.

Failing example (``bomb.jobspec.yaml``)::

    a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x"]
    b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
    c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
    d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
    e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
    f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]

Passing example (``spec.jobspec.yaml``)::

    wrangledDataset:
      id: 7
"""

from jobspec_lint.findings import Severity
from jobspec_lint.rules.base import Rule

RULE = Rule(
    code="JL006",
    name="resource-limit",
    summary="the document exceeds a safety limit (size, depth, alias expansion)",
    severity=Severity.ERROR,
)
