"""File selection for a run: the paths named on the command line and folder walks."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, NamedTuple

from jobspec_lint.document import Format
from jobspec_lint.log import LazyLogger

EXTENSIONS: dict[str, Format] = {".json": "json", ".yaml": "yaml", ".yml": "yaml"}
NAMING_SUFFIXES = (".jobspec.json", ".jobspec.yaml", ".jobspec.yml")
SPEC_FOLDER = "jobspecs"
# Folders a walk never enters: version control, dependencies, caches.
SKIPPED_FOLDERS = frozenset(
    {".git", ".hg", ".svn", "node_modules", ".venv", "venv", "__pycache__", ".tox", ".nox",
     ".mypy_cache", ".pytest_cache", ".ruff_cache", ".hypothesis"}
)

logger = LazyLogger(__name__)


class Candidate(NamedTuple):
    """A file to lint: ``explicit`` files were named on the command line."""

    path: Path
    display: str
    explicit: bool
    by_name: bool
    # The file's device and inode numbers (``file_id``), the same for every path to one file.
    file_id: int | None = None


class Unreadable(NamedTuple):
    """A file a walk found but cannot read (JL008), or a named path that cannot be read."""

    display: str
    reason: str
    explicit: bool


def format_for(name: str) -> Format | None:
    return EXTENSIONS.get(Path(name).suffix.lower())


def follows_naming(path: Path) -> bool:
    """Return whether the file follows the job-spec naming convention."""
    name = path.name.lower()
    return name.endswith(NAMING_SUFFIXES) or SPEC_FOLDER in path.parent.parts


# Whether a walk skips a path (the configuration's ``exclude``); ``folder`` is true for folders.
SkipPath = Callable[..., bool]


def collect(paths: list[str], skip: SkipPath | None = None) -> Iterator[Candidate | Unreadable]:
    """Yield the files to lint for the paths of a run, in a stable order.

    ``skip(path, folder=...)`` is asked about each file and folder a walk finds,
    never about the paths themselves.
    """
    for raw in paths:
        path = Path(raw)
        try:
            info = path.stat()
        except OSError as error:
            yield Unreadable(raw, read_error_reason(error, path), explicit=True)
            continue
        mode = info.st_mode
        if stat.S_ISDIR(mode):
            yield from _walk(path, skip)
        elif stat.S_ISREG(mode):
            yield Candidate(path, raw, explicit=True, by_name=True, file_id=file_id(info))
        else:
            yield Unreadable(raw, "not a regular file", explicit=True)


def read_error_reason(error: OSError, path: Path) -> str:
    """Return why ``path`` cannot be read, in the words of JL008 and of the usage error."""
    if error.errno == errno.ELOOP:
        return "symbolic link loop"
    if path.is_symlink() and not path.exists():
        return "broken symbolic link"
    if isinstance(error, FileNotFoundError):
        return "no such file or directory"
    if isinstance(error, PermissionError):
        return "permission denied"
    return error.strerror or str(error)


def _walk(root: Path, skip: SkipPath | None = None) -> Iterator[Candidate | Unreadable]:
    """Walk a folder; symbolic links to folders are not followed, so links cannot loop."""
    ignores = GitIgnores(root)
    for folder, subfolders, files in os.walk(root, onerror=None):
        here = Path(folder)
        ignores.enter(here)
        subfolders[:] = sorted(
            name for name in subfolders
            if name not in SKIPPED_FOLDERS
            and not (here / name / "pyvenv.cfg").exists()
            and not ignores.is_ignored(here / name, folder=True)
            and not (skip is not None and skip(here / name, folder=True))
        )
        for name in sorted(files):
            path = here / name
            if format_for(name) is None or ignores.is_ignored(path, folder=False):
                continue
            if skip is not None and skip(path, folder=False):
                continue
            yield _walked_file(path)


def _walked_file(path: Path) -> Candidate | Unreadable:
    display = str(path)
    try:
        info = path.stat()
    except OSError as error:
        return Unreadable(display, read_error_reason(error, path), explicit=False)
    if not stat.S_ISREG(info.st_mode):
        return Unreadable(display, "not a regular file", explicit=False)
    if not os.access(path, os.R_OK):
        return Unreadable(display, "permission denied", explicit=False)
    return Candidate(path, display, explicit=False, by_name=follows_naming(path),
                     file_id=file_id(info))


def file_id(info: os.stat_result) -> int:
    """Return the identity of a file: its device and inode numbers, as one number.

    One int takes less memory than a pair in the set of a long run's files.
    """
    return (info.st_dev << 64) | info.st_ino


class GitIgnores:
    """The ``.gitignore`` files that apply below a walk's root.

    Each file's patterns apply to paths relative to its folder, as git reads
    them. Files above the root are read up to the repository's top (the first
    folder with a ``.git``).
    """

    def __init__(self, root: Path) -> None:
        self._specs: list[tuple[Path, Any]] = []
        top = root.resolve()
        ancestors = []
        for folder in [top, *top.parents]:
            ancestors.append(folder)
            if (folder / ".git").exists():
                break
        else:
            ancestors = [top]
        for folder in reversed(ancestors[1:]):
            self._load(folder)

    def enter(self, folder: Path) -> None:
        self._load(folder.resolve())

    def _load(self, folder: Path) -> None:
        ignore_file = folder / ".gitignore"
        if not ignore_file.is_file():
            return
        try:
            lines = ignore_file.read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            return
        from jobspec_lint.globs import compile_globs

        spec, invalid = compile_globs(lines)
        for glob in invalid:
            logger.debug("%s:%d: skipped the invalid pattern %r (%s)",
                         ignore_file, glob.position + 1, glob.glob, glob.reason)
        self._specs.append((folder, spec))

    def is_ignored(self, path: Path, *, folder: bool) -> bool:
        resolved = path.resolve() if not path.is_symlink() else path.parent.resolve() / path.name
        for base, spec in self._specs:
            try:
                relative = resolved.relative_to(base).as_posix()
            except ValueError:
                continue
            if spec.match_file(relative + "/" if folder else relative):
                return True
        return False
