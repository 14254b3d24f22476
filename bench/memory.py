"""Measure peak memory by file count, with the file list on the command line or in a file.

CPython keeps copies of its arguments, so 10,000 paths on the command line
cost memory in every process before any of jobspec-lint's code runs. This
script separates that cost from the lint's. For each count, it runs
``jobspec-lint check`` twice and samples the resident memory of the parent
and of each worker. The first run gets the paths as arguments. The second
gets them from a file, through a small launcher that calls the same
``main``. The script also reports the peak of an interpreter that only
starts and waits, given the same arguments.

    python bench/memory.py --counts 1000 10000
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

# The folder is put on the path just above.
from run import child_pids, sample_until_exit, spec_files, vm_rss_kib  # noqa: E402

# Reads the paths from the file named by the first argument, then runs check.
LAUNCHER = """
import sys
from pathlib import Path
paths = Path(sys.argv[1]).read_text(encoding="utf-8").split("\\n")
sys.argv = ["jobspec-lint", "check", *paths]
from jobspec_lint.cli.fast import main
sys.exit(main())
"""


def peaks(command: list[str]) -> tuple[int, int]:
    """Run a command; return the peak VmRSS of the process and of its largest child, in KiB."""
    environment = {key: value for key, value in os.environ.items()
                   if key != "PYTHONDONTWRITEBYTECODE"}
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               env=environment)
    parent = worker = 0

    def sample() -> None:
        nonlocal parent, worker
        parent = max(parent, vm_rss_kib(process.pid))
        worker = max([worker, *(vm_rss_kib(child) for child in child_pids(process.pid))])

    sample_until_exit(process, sample)
    return parent, worker


def bare_interpreter_kib(files: list[str]) -> int:
    """Return the peak RSS of an interpreter that only starts, given ``files`` as arguments.

    It is sampled like the others: ``ru_maxrss`` would include the memory the
    forked child shared with this script before it ran the interpreter.
    """
    parent, _ = peaks([sys.executable, "-c", "import time; time.sleep(0.3)", *files])
    return parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--counts", type=int, nargs="+", default=[1000, 10000])
    arguments = parser.parse_args()
    command = str(Path(sys.executable).parent / "jobspec-lint")
    files = spec_files(max(arguments.counts))
    print("| files | paths given | parent | largest worker |")
    print("|---:|---|---:|---:|")
    for count in arguments.counts:
        chosen = files[:count]
        parent, worker = peaks([command, "check", *chosen])
        print(f"| {count:,} | as arguments | {parent / 1024:.0f} MiB | {worker / 1024:.0f} MiB |")
        with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as listing:
            listing.write("\n".join(chosen))
        try:
            parent, worker = peaks([sys.executable, "-c", LAUNCHER, listing.name])
        finally:
            os.unlink(listing.name)
        print(f"| {count:,} | in a file | {parent / 1024:.0f} MiB | {worker / 1024:.0f} MiB |")
    for count in arguments.counts:
        peak = bare_interpreter_kib(files[:count])
        print(f"an interpreter that only starts, with {count:,} paths as arguments: "
              f"{peak / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
