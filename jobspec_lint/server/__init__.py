"""The language server: ``jobspec-lint server`` speaks LSP over standard input and output.

Importing this package imports nothing from pygls: ``serve`` imports it, so
that the rest of the command line starts without it.
"""

from __future__ import annotations

import logging
import sys

from jobspec_lint.cli.exit_codes import EXIT_CLEAN, EXIT_USAGE

logger = logging.getLogger(__name__)

INSTALL_HINT = (
    "jobspec-lint: error: the language server needs pygls, which is not installed: "
    "run pip install 'jobspec-lint[server]'"
)
# Exit status when the client closes the connection without a shutdown
# request first, as the LSP "exit" notification specifies.
EXIT_WITHOUT_SHUTDOWN = 1


def serve(verbosity: int = 0) -> int:
    """Run the language server over stdio until the client exits; return the exit status."""
    # Standard output carries the protocol, so logs go to standard error,
    # which editors show in the server's output panel.
    level = {0: logging.WARNING, 1: logging.INFO}.get(verbosity, logging.DEBUG)
    logging.basicConfig(
        stream=sys.stderr, level=level, format="jobspec-lint server: %(levelname)s: %(message)s"
    )
    try:
        from jobspec_lint.server.language_server import create_server
    except ImportError as error:
        if error.name is None or error.name.split(".")[0] not in ("pygls", "lsprotocol"):
            raise
        print(INSTALL_HINT, file=sys.stderr)
        return EXIT_USAGE

    server = create_server()
    logger.info("starting the language server over stdio")
    server.start_io()
    logger.info("the language server stopped")
    return EXIT_CLEAN if server.shutdown_requested else EXIT_WITHOUT_SHUTDOWN
