"""Time whole processes of jobspec-lint, check-jsonschema and a parse-only floor on the same files.

Each case runs every tool once to warm the file cache, then the measured runs
alternate between the tools so that a slow spell of the machine hits all of
them. Times are wall-clock medians of whole processes, start-up included.
Peak memory is measured in one extra run per tool and case: the largest
resident set of any one process (``ru_maxrss`` from ``wait4``) and the sum over
the process and its children, sampled every 10 ms from ``/proc``.

    python bench/run.py                  # generate the specs if missing, run every case
    python bench/run.py --cases one-yaml --runs-small 10

check-jsonschema is run from its own virtual environment, by default
``bench/.venv-cjs`` (``python3 -m venv bench/.venv-cjs && bench/.venv-cjs/bin/pip
install check-jsonschema``), so that it is not one of the project's dependencies.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
OUT = BENCH / "out"
SCHEMA = REPO / "schemas" / "v3.schema.json"
sys.path.insert(0, str(BENCH))

from generate import generate  # noqa: E402  (the folder is put on the path just above)


@dataclass
class Tool:
    name: str
    command: list[str]
    env: dict[str, str] = field(default_factory=dict)


@dataclass
class Case:
    name: str
    files: list[str]
    runs: int
    tools: list[str]


@dataclass
class Measurement:
    times: list[float] = field(default_factory=list)
    cpu_times: list[float] = field(default_factory=list)
    exit_codes: set[int] = field(default_factory=set)
    max_process_rss_kib: int = 0
    tree_rss_kib: int = 0

    @property
    def median(self) -> float:
        return statistics.median(self.times)


def environment_for(tool: Tool) -> dict[str, str]:
    """Return the environment of a measured process.

    PYTHONDONTWRITEBYTECODE is removed: with it, every run compiles every module
    from source, which an installed tool never does.
    """
    environment = {**os.environ, "NO_COLOR": "1", **tool.env}
    environment.pop("PYTHONDONTWRITEBYTECODE", None)
    return environment


def run_once(tool: Tool, files: list[str]) -> tuple[float, float, int, int]:
    """Run one process; return wall and CPU seconds, exit code and ``ru_maxrss`` in KiB.

    CPU time is user plus system time of the process and of the children it waited for.
    """
    environment = environment_for(tool)
    start = time.perf_counter()
    process = subprocess.Popen([*tool.command, *files], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, env=environment)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    return elapsed, usage.ru_utime + usage.ru_stime, process.returncode, usage.ru_maxrss


def vm_rss_kib(pid: int) -> int:
    """Return the resident memory of a process in KiB, or 0 once it has ended."""
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except (FileNotFoundError, ProcessLookupError, ValueError):
        return 0
    return 0


def child_pids(pid: int) -> list[int]:
    """Return the process ids of a process's children, or none once it has ended."""
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as children:
            return [int(child) for child in children.read().split()]
    except (FileNotFoundError, ProcessLookupError, ValueError):
        return []


def _tree_rss_kib(pid: int) -> int:
    """Return the summed VmRSS of a process and its descendants, in KiB."""
    total = 0
    pending = [pid]
    while pending:
        current = pending.pop()
        total += vm_rss_kib(current)
        pending.extend(child_pids(current))
    return total


def sample_until_exit(process: subprocess.Popen[bytes], sample: Callable[[], None]) -> None:
    """Call ``sample`` every 10 ms until ``process`` ends."""
    done = threading.Event()

    def repeat() -> None:
        while not done.is_set():
            sample()
            time.sleep(0.01)

    sampler = threading.Thread(target=repeat)
    sampler.start()
    process.wait()
    done.set()
    sampler.join()


def peak_tree_rss(tool: Tool, files: list[str]) -> int:
    """Run one process and sample the summed RSS of its process tree every 10 ms."""
    environment = environment_for(tool)
    process = subprocess.Popen([*tool.command, *files], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, env=environment)
    peak = 0

    def sample() -> None:
        nonlocal peak
        peak = max(peak, _tree_rss_kib(process.pid))

    sample_until_exit(process, sample)
    return peak


def spec_files(count: int) -> list[str]:
    folder = OUT / f"specs-{count}"
    listed = folder.with_name(folder.name + ".valid.txt")
    if not listed.is_file() or len(list(folder.iterdir())) != count:
        print(f"generating {count} specs in {folder}", file=sys.stderr)
        generate(count, folder)
    return sorted(str(path) for path in folder.iterdir())


def single_file(files: list[str], suffix: str) -> list[str]:
    """Pick the first valid specify-job spec of the given format from a generated set."""
    folder = Path(files[0]).parent
    valid = set(folder.with_name(folder.name + ".valid.txt").read_text().split())
    for path in files:
        if Path(path).name not in valid or not path.endswith(suffix):
            continue
        text = Path(path).read_text(encoding="utf-8")
        if "writesettings" in text and "runParameters" in text:
            return [path]
    raise SystemExit(f"no valid specify-job spec ending in {suffix} among the generated files")


def measure(case: Case, tools: dict[str, Tool], memory: bool) -> dict[str, Measurement]:
    chosen = [tools[name] for name in case.tools]
    results = {tool.name: Measurement() for tool in chosen}
    for tool in chosen:
        run_once(tool, case.files)  # warm-up: file cache and .pyc files
    for _ in range(case.runs):
        for tool in chosen:
            elapsed, cpu, code, rss = run_once(tool, case.files)
            measurement = results[tool.name]
            measurement.times.append(elapsed)
            measurement.cpu_times.append(cpu)
            measurement.exit_codes.add(code)
            measurement.max_process_rss_kib = max(measurement.max_process_rss_kib, rss)
    if memory:
        for tool in chosen:
            results[tool.name].tree_rss_kib = peak_tree_rss(tool, case.files)
    return results


def machine() -> list[str]:
    model = "unknown"
    with open("/proc/cpuinfo") as cpuinfo:
        for line in cpuinfo:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo") as meminfo:
        total_kib = int(meminfo.readline().split()[1])
    return [f"nproc {os.cpu_count()}", f"CPU {model}", f"memory {total_kib / 1024**2:.1f} GiB",
            f"{platform.system()} {platform.release()}"]


def versions(project_python: str, cjs: str) -> list[str]:
    probe = ("import sys, importlib.metadata as m;"
             "print(sys.version.split()[0]);"
             "[print(n, m.version(n)) for n in sys.argv[1:]]")
    ours = subprocess.run(
        [project_python, "-c", probe + ";import yaml;print('libyaml', yaml.__with_libyaml__)",
         "jobspec-lint", "typer", "jsonschema", "jsonschema-rs", "PyYAML"],
        capture_output=True, text=True, check=True).stdout.split("\n")
    theirs = subprocess.run(
        [str(Path(cjs).parent / "python"), "-c", probe, "check-jsonschema", "jsonschema",
         "ruamel.yaml"], capture_output=True, text=True, check=True).stdout.split("\n")
    return ([f"Python {ours[0]}"] + [line for line in ours[1:] if line]
            + [f"check-jsonschema venv: {line}" for line in theirs[1:] if line])


def show_command(tool: Tool, files: list[str]) -> str:
    shown = os.path.relpath(files[0], REPO) if len(files) == 1 else f"<{len(files)} files>"
    prefix = " ".join(f"{key}={value}" for key, value in tool.env.items())
    parts = [prefix] if prefix else []
    parts.extend([*(os.path.relpath(part, REPO) if part.startswith("/") else part
                    for part in tool.command), shown])
    return " ".join(parts)


def report(cases: list[Case], results: dict[str, dict[str, Measurement]],
           tools: dict[str, Tool]) -> str:
    lines = ["| case | files | runs | jobspec-lint | check-jsonschema | parse only "
             "| check-jsonschema / jobspec-lint | jobspec-lint / parse only |",
             "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for case in cases:
        found = results[case.name]

        def cell(name: str, found: dict[str, Measurement] = found) -> str:
            return f"{found[name].median * 1000:,.0f} ms" if name in found else "n/a"

        ours = found["jobspec-lint"].median
        speedup = (f"{found['check-jsonschema'].median / ours:.1f}x"
                   if "check-jsonschema" in found else "n/a")
        floor = f"{ours / found['parse-only'].median:.2f}x" if "parse-only" in found else "n/a"
        lines.append(f"| {case.name} | {len(case.files):,} | {case.runs} | {cell('jobspec-lint')} "
                     f"| {cell('check-jsonschema')} | {cell('parse-only')} | {speedup} | {floor} |")
    lines += ["",
              "| case | tool | exit codes | CPU time | max RSS of one process "
              "| peak RSS of process tree |",
              "|---|---|---|---:|---:|---:|"]
    for case in cases:
        for name, measurement in results[case.name].items():
            tree = (f"{measurement.tree_rss_kib / 1024:.0f} MiB" if measurement.tree_rss_kib
                    else "n/a")
            cpu = statistics.median(measurement.cpu_times) * 1000
            lines.append(f"| {case.name} | {name} | {sorted(measurement.exit_codes)} "
                         f"| {cpu:,.0f} ms | {measurement.max_process_rss_kib / 1024:.0f} MiB "
                         f"| {tree} |")
    lines += ["", "Commands:", ""]
    for case in cases:
        for name in case.tools:
            lines.append(f"    {show_command(tools[name], case.files)}")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", nargs="+",
                        default=["one-yaml", "one-json", "files-1000", "files-10000"],
                        help="cases to run (default: all)")
    parser.add_argument("--runs-small", type=int, default=15,
                        help="measured runs of the one-file cases (default 15)")
    parser.add_argument("--runs-large", type=int, default=5,
                        help="measured runs of the 1,000 and 10,000 file cases (default 5)")
    parser.add_argument("--jobspec-lint", default=str(Path(sys.executable).parent / "jobspec-lint"),
                        help="the jobspec-lint command (default: beside this Python)")
    parser.add_argument("--check-jsonschema", default=str(BENCH / ".venv-cjs/bin/check-jsonschema"),
                        help="the check-jsonschema command")
    parser.add_argument("--env", action="append", default=[], metavar="NAME=VALUE",
                        help="environment variable for the jobspec-lint runs; repeatable")
    parser.add_argument("--no-memory", action="store_true", help="skip the process-tree RSS runs")
    arguments = parser.parse_args()

    our_env = dict(item.split("=", 1) for item in arguments.env)
    tools = {
        "jobspec-lint": Tool("jobspec-lint", [arguments.jobspec_lint, "check"], our_env),
        "check-jsonschema": Tool("check-jsonschema",
                                 [arguments.check_jsonschema, "--schemafile", str(SCHEMA)]),
        "parse-only": Tool("parse-only", [sys.executable, str(BENCH / "parse_only.py")]),
    }
    thousand = spec_files(1000)
    all_tools = list(tools)
    small = arguments.runs_small
    available = {
        "one-yaml": Case("one-yaml", single_file(thousand, ".yaml"), small, all_tools),
        "one-json": Case("one-json", single_file(thousand, ".json"), small, all_tools),
        "files-1000": Case("files-1000", thousand, arguments.runs_large, all_tools),
    }
    if "files-10000" in arguments.cases:
        available["files-10000"] = Case("files-10000", spec_files(10000), arguments.runs_large,
                                        all_tools)
    cases = [available[name] for name in arguments.cases]

    results = {}
    for case in cases:
        print(f"running {case.name}", file=sys.stderr)
        memory = not arguments.no_memory and len(case.files) > 1
        results[case.name] = measure(case, tools, memory)

    print("Machine: " + ", ".join(machine()))
    print("Load average after the runs: " + " ".join(f"{load:.2f}" for load in os.getloadavg()))
    print("Versions: " + ", ".join(versions(sys.executable, arguments.check_jsonschema)))
    print()
    print(report(cases, results, tools), end="")


if __name__ == "__main__":
    main()
