"""JL008 unreadable-file: a file found in a folder walk could not be read.

A walk reports a file it cannot read (permission denied, a broken link, a
FIFO or other file that is not a regular file) instead of skipping it
silently, so a spec is never left unchecked without a word. A path named on
the command line that cannot be read is a usage error instead (exit 2).
There is no text example: the finding is about the file, not its content.
"""

from jobspec_lint.findings import Severity
from jobspec_lint.rules.base import Rule

RULE = Rule(
    code="JL008",
    name="unreadable-file",
    summary="a file found in a folder walk could not be read",
    severity=Severity.ERROR,
)
