"""JL103 invalid-value: a value outside the allowed set.

``execution``, ``action``, ``format``, ``compression`` and ``ranfrom`` take one
of a few values, and the server does not check them at submit time: Parquet is
spelt ``pqt``, never ``parquet``, and the job fails minutes later. The message
lists the allowed values and the closest one (``parquet`` -> ``pqt``,
``Photon`` -> ``photon``, ``gz`` -> ``gzip``). Reported by the body schema.

Fixes (safe and unsafe): a value that differs from an allowed one only in case, or is an
alias of it (``parquet``, ``gz``, ``bz2``), becomes the allowed value, in the
same quoting style. The fix of a typo (``photn``) or of ``tsv`` (which the
linter reads as ``csv``, a different output) is unsafe.

Failing example (``spec.jobspec.yaml``)::

    wrangledDataset:
      id: 7
    overrides:
      writesettings:
        - path: s3://bucket/out/result.pqt
          action: create
          format: parquet

Passing example (``spec.jobspec.yaml``)::

    wrangledDataset:
      id: 7
    overrides:
      writesettings:
        - path: s3://bucket/out/result.pqt
          action: create
          format: pqt
"""

from jobspec_lint.findings import Severity
from jobspec_lint.rules.base import Rule

RULE = Rule(
    code="JL103",
    name="invalid-value",
    summary="a value outside the allowed set",
    severity=Severity.ERROR,
    fix=frozenset({"safe", "unsafe"}),
)
