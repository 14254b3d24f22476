"""JL201 compression-unsupported: ``compression`` on an output whose format cannot be compressed.

Only csv and json outputs can be compressed. With ``avro`` or ``pqt`` (and
v4's ``hyper``) ``compression`` must be ``none`` or absent. The server does not
check output settings when it accepts a body: it returns 201 Created, and the
job fails later. Reported by the body schema, whose rule for this is tagged
with this code. An invalid ``format`` such as ``parquet`` is reported once, as
JL103, and not also here.

Failing example (``spec.jobspec.yaml``)::

    wrangledDataset:
      id: 7
    overrides:
      writesettings:
        - path: s3://bucket/out/result.avro
          action: create
          format: avro
          compression: gzip

Passing example (``spec.jobspec.yaml``)::

    wrangledDataset:
      id: 7
    overrides:
      writesettings:
        - path: s3://bucket/out/result.avro
          action: create
          format: avro
"""

from jobspec_lint.findings import Severity
from jobspec_lint.rules.base import Rule

RULE = Rule(
    code="JL201",
    name="compression-unsupported",
    summary="compression other than none on a format other than csv or json",
    severity=Severity.ERROR,
)
