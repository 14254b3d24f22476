"""Find the file count from which the process pool pays off, by timing whole processes.

For each count, the first N generated specs are linted by ``jobspec-lint check``
with the pool forced off and forced on (through ``MIN_FILES_FOR_POOL``), in
alternation, and the median wall times are printed.

    python bench/pool_threshold.py --counts 500 1000 2000 4000 --runs 5
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from run import spec_files  # noqa: E402  (the folder is put on the path just above)

# Runs the command with the pool threshold set from the first argument.
SCRIPT = """
import sys
from jobspec_lint import parallel
parallel.MIN_FILES_FOR_POOL = int(sys.argv.pop(1))
sys.argv[0] = "jobspec-lint"
from jobspec_lint.cli.fast import main
main()
"""


def wall_time(threshold: int, files: list[str]) -> float:
    environment = {key: value for key, value in os.environ.items()
                   if key != "PYTHONDONTWRITEBYTECODE"}
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", SCRIPT, str(threshold), "check", "-q", *files],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=environment,
                   check=False)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--counts", type=int, nargs="+", default=[250, 500, 1000, 2000, 4000])
    parser.add_argument("--runs", type=int, default=5, help="measured runs per count and mode")
    arguments = parser.parse_args()
    files = spec_files(10000)
    print("| files | one process | pool | pool / one process |")
    print("|---:|---:|---:|---:|")
    for count in arguments.counts:
        chosen = files[:count]
        wall_time(10**9, chosen)
        single: list[float] = []
        pooled: list[float] = []
        for _ in range(arguments.runs):
            single.append(wall_time(10**9, chosen))
            pooled.append(wall_time(0, chosen))
        one, pool = statistics.median(single), statistics.median(pooled)
        print(f"| {count:,} | {one * 1000:,.0f} ms | {pool * 1000:,.0f} ms | {pool / one:.2f} |",
              flush=True)


if __name__ == "__main__":
    main()
