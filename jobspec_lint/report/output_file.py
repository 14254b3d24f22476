"""Replacing a file's contents in one step, so that readers never see a partial file.

Reports, baselines, and the files that --fix and migrate rewrite all go
through ``replace_contents``.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path


def write_atomically(path: Path, text: str) -> None:
    """Replace the contents of ``path`` with ``text`` as UTF-8, as ``replace_contents`` does."""
    # A character that UTF-8 cannot encode (a lone surrogate) is written as its
    # escape instead of failing the run.
    replace_contents(path, text.encode("utf-8", errors="backslashreplace"))


def replace_contents(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder.

    The temporary file is renamed over ``path`` only once it is complete, so
    ``path`` contains either its old content or the whole new one. The file
    keeps its permissions; a new file gets the permissions the umask allows.
    A symbolic link stays a link: the file it points to is replaced. A device,
    pipe or terminal (``/dev/null``, ``/dev/stdout``) is written to in place.
    Raises ``OSError`` when the folder is missing or not writable, or ``path``
    is a folder; the temporary file is then removed.
    """
    try:
        existing = os.stat(path)
    except FileNotFoundError:
        existing = None
    if existing is not None and not stat.S_ISREG(existing.st_mode) and not stat.S_ISDIR(
        existing.st_mode
    ):
        # Renaming a file over a device would put a regular file in its place,
        # so that as root --output-file /dev/null would replace the system's.
        with open(path, "wb") as stream:
            stream.write(data)
        return
    target = Path(os.path.realpath(path))
    mode = _mode_for(target)
    descriptor, temporary = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
    )
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _mode_for(path: Path) -> int:
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        # Python reads the umask only by setting it, so this is not thread-safe:
        # the command line calls it from its only thread.
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
