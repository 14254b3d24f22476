"""Reading a file up to the size limit, whatever size the file reports."""

from __future__ import annotations

from pathlib import Path

import pytest

from jobspec_lint.runner import READ_CHUNK_SIZE, read_limited

LIMIT = 1000


@pytest.mark.parametrize(
    ("size", "expected_length"),
    [(0, 0), (1, 1), (LIMIT - 1, LIMIT - 1), (LIMIT, LIMIT), (LIMIT + 1, LIMIT + 1),
     (LIMIT * 5, LIMIT + 1)],
)
def test_regular_file_cut_after_limit(tmp_path: Path, size: int, expected_length: int) -> None:
    path = tmp_path / "spec.jobspec.json"
    content = bytes(index % 251 for index in range(size))
    path.write_bytes(content)

    data = read_limited(path, LIMIT)

    assert len(data) == expected_length
    assert data == content[:expected_length]


def test_file_reporting_size_zero_read_whole() -> None:
    # Files under /proc report a size of 0 and still have content.
    path = Path("/proc/self/cmdline")
    if not path.exists():
        pytest.skip("needs a Linux /proc file system")

    data = read_limited(path, 10 * READ_CHUNK_SIZE)

    assert len(data) > 1
    assert data == path.read_bytes()


def test_file_reporting_size_zero_cut_after_limit() -> None:
    path = Path("/proc/self/cmdline")
    if not path.exists():
        pytest.skip("needs a Linux /proc file system")

    data = read_limited(path, 3)

    assert data == path.read_bytes()[:4]
