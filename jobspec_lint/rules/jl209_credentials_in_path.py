"""JL209 credentials-in-path: an output path that carries a secret.

A job spec is kept in a repository, in CI logs and in the job's history, so a
secret in it is a leaked secret. This rule finds, in each output ``path``:

- a user name and password in the URI's authority,
  ``s3://user:password@bucket/...`` (a password that contains ``/``, as AWS
  secret keys may, is recognised too);
- an AWS access key id (``AKIA`` or ``ASIA`` and 16 capitals or digits)
  anywhere in the path;
- the signature or token of a signed URL in the query: ``sig`` (Azure SAS),
  ``Signature``, ``X-Amz-Signature``, ``X-Goog-Signature``, ``token``,
  ``access_token``, ``X-Amz-Security-Token``, ``AWSAccessKeyId``,
  ``X-Amz-Credential``, and ``password``, ``secret`` and similar parameters.

A user name alone is no secret: in ``wasbs://container@account...`` the part
before ``@`` names an Azure container. An ``@`` in a folder name, as in the v3
reference's ``hdfs://hadoop:50070/trifacta/queryResults/myUser@example.com/``,
is not in the authority and is not reported.

The secret is masked in every output of the tool: the message shows
``s3://****:****@bucket/...``, and the finding marks the secret's characters
in the file so that reports never print them, even in a source excerpt.
Remove the secret, keep credentials in the storage or connection settings of
the product, and revoke the exposed secret.

Failing example (``spec.jobspec.yaml``)::

    wrangledDataset:
      id: 7
    overrides:
      writesettings:
        - path: s3://AKIAIOSFODNN7EXAMPLE:not-a-real-secret@bucket/out/result.csv
          action: create
          format: csv

Passing example (``spec.jobspec.yaml``)::

    wrangledDataset:
      id: 7
    overrides:
      writesettings:
        - path: s3://bucket/out/result.csv
          action: create
          format: csv
"""

from collections.abc import Iterator

from jobspec_lint.document import Document
from jobspec_lint.findings import Problem, Severity
from jobspec_lint.rules.base import Rule, RuleContext
from jobspec_lint.rules.body import iter_outputs
from jobspec_lint.rules.paths import find_secrets, secret_spans, show_path


def check(document: Document, context: RuleContext) -> Iterator[Problem]:
    for output in iter_outputs(document, context):
        path = output.get("path")
        if not isinstance(path, str):
            continue
        secrets = find_secrets(path)
        if not secrets:
            continue
        kinds = list(dict.fromkeys(secret.kind for secret in secrets))
        pointer = output.pointer_to("path")
        yield Problem(
            pointer,
            f"path {show_path(path)} contains {' and '.join(kinds)}: remove the credentials "
            "from the path and keep them in the storage or connection settings, then revoke "
            "the exposed secret, since anyone who can read this file can use it",
            claims_subtree=False,
            redact=secret_spans(document, pointer, path),
        )


RULE = Rule(
    code="JL209",
    name="credentials-in-path",
    summary="the path carries a secret: a password, an access key, a signature or token",
    severity=Severity.ERROR,
    check=check,
)
