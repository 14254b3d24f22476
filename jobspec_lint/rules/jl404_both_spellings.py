"""JL404 both-spellings: ``writesettings`` and ``writeSettings`` in one ``overrides``.

v4 accepts both spellings of the outputs key: older examples and many clients
write ``writesettings``, newer examples ``writeSettings``. They are one key, so
a body gives one of them. With both, which list the server reads is not
documented, and some outputs are silently dropped. The finding points at the
spelling that comes second. Reported by the v4 schema, for the v4 target only.

Failing example (``spec.jobspec.json``)::

    {
      "wrangledDataset": {"id": 7},
      "overrides": {
        "execution": "photon",
        "profiler": false,
        "writesettings": [{"path": "s3://bucket/out/a.csv", "action": "create", "format": "csv"}],
        "writeSettings": [{"path": "s3://bucket/out/b.json", "action": "create", "format": "json"}]
      }
    }

Passing example (``spec.jobspec.json``)::

    {
      "wrangledDataset": {"id": 7},
      "overrides": {
        "execution": "photon",
        "profiler": false,
        "writeSettings": [
          {"path": "s3://bucket/out/a.csv", "action": "create", "format": "csv"},
          {"path": "s3://bucket/out/b.json", "action": "create", "format": "json"}
        ]
      }
    }
"""

from jobspec_lint.findings import Severity
from jobspec_lint.rules.base import Rule

RULE = Rule(
    code="JL404",
    name="both-spellings",
    summary="writesettings and writeSettings in the same overrides",
    severity=Severity.ERROR,
    targets=frozenset({"v4"}),
)
