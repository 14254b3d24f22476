"""Exit statuses, one meaning each; when several apply, the highest wins."""

EXIT_CLEAN = 0  # no finding at or above the failure threshold
EXIT_FINDINGS = 1  # error-level findings
EXIT_USAGE = 2  # usage error, unreadable path or bad option
EXIT_INTERNAL = 3  # an unexpected internal failure: a bug to report
