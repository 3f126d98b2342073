"""Run `kitar parse` on every file of a folder, each in a child process with limits.

    python -m tests.fuzz_runner FOLDER [--budget 20] [--memory-mb 500] [--parallel 2]

This process imports kitar and builds the spaCy pipeline once, then forks one child per
file: the child gets an address-space limit (what this process had plus `--memory-mb`) and a
CPU-time limit of `--budget` seconds, runs the real `kitar` entry point with stdout to
/dev/null and stderr to a file, and is killed after WALL_FACTOR times the budget in wall-clock
time (a hang that uses no CPU). The budget is CPU time because wall time depends on what else
the machine runs: on the shared 2-core box at load 12 the unmutated 108-page report took over
20 s of wall time, 8 s on a quieter one. A regression can neither hang the tests nor eat the
memory. Prints a JSON summary: exit codes, tracebacks, stray stderr lines (anything but kitar's
one-line messages and warnings), cases over the budget or killed by a signal, the slowest case
(CPU seconds) and the largest memory growth.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import signal
import sys
import time
import traceback
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

POLL_S = 0.005
WALL_FACTOR = 3
# kitar's own stderr lines: one-line errors and warnings (see kitar.cli.common).
KITAR_PREFIXES = ("kitar:", "warning:", "advarsel:")
TRACEBACK_EXIT = 70  # EX_SOFTWARE: an exception escaped the entry point


def _status_kb(field: str) -> int:
    """A /proc/self/status field in kB: VmSize (the children inherit it), VmRSS, VmHWM."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def _child(path: Path, err: Path, args: argparse.Namespace, address_space: int) -> None:
    """In the forked child: limits, redirections, then the real entry point."""
    try:
        resource.setrlimit(resource.RLIMIT_AS, (address_space, address_space))
        cpu = int(args.budget)
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 2))  # SIGXCPU, then SIGKILL
        out = os.open(os.devnull, os.O_WRONLY)
        fd = os.open(err, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        os.dup2(out, 1)
        os.dup2(fd, 2)
        sys.argv = ["kitar", *args.command, str(path)]
        from kitar.cli.app import main

        main()
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except BaseException:
        traceback.print_exc()
        code = TRACEBACK_EXIT
    try:
        sys.stdout.flush()
        sys.stderr.flush()
        # The peak resident size of this child's memory, which started as a copy of the
        # parent's (ru_maxrss would carry the parent's, even pytest's across exec).
        err.with_suffix(".mem").write_text(str(_status_kb("VmHWM")))
    finally:
        os._exit(code)


@dataclass
class Result:
    name: str
    seconds: float  # CPU time (user + system)
    wall: float
    exit: str  # "0", "7", "signal 11", "over budget"
    rss_growth_mb: float
    traceback: bool = False
    stray: list[str] = field(default_factory=list)


def _classify(name: str, status: int, usage: resource.struct_rusage, wall: float, base_kb: int,
              err: Path, over: bool) -> Result:  # fmt: skip
    seconds = usage.ru_utime + usage.ru_stime
    mem = err.with_suffix(".mem")
    rss_kb = int(mem.read_text()) if mem.exists() else base_kb
    cpu_limit = os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGXCPU
    if over or cpu_limit:
        exit_ = "over budget"
    elif os.WIFSIGNALED(status):
        exit_ = f"signal {os.WTERMSIG(status)}"
    else:
        exit_ = str(os.WEXITSTATUS(status))
    text = err.read_text(encoding="utf-8", errors="replace") if err.exists() else ""
    stray = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith(KITAR_PREFIXES)]
    return Result(
        name, round(seconds, 2), round(wall, 2), exit_, round(max(0, rss_kb - base_kb) / 1024, 1),
        "Traceback" in text, stray[:3],
    )  # fmt: skip


def run(folder: Path, args: argparse.Namespace) -> list[Result]:
    # Everything a parse needs, loaded once here: the children start warm.
    from kitar.cli import app  # noqa: F401
    from kitar.ingest.pipeline import warm_up

    warm_up()
    import kitar.read.docx
    import kitar.read.pdf
    import kitar.read.pdfium  # noqa: F401  (the default reader: pypdfium2 and numpy)

    files = sorted(
        p for p in folder.iterdir() if p.is_file() and not p.name.endswith((".err", ".mem"))
    )
    base_kb = _status_kb("VmRSS")
    address_space = _status_kb("VmSize") * 1024 + args.memory_mb * 2**20
    running: dict[int, tuple[Path, float]] = {}
    results: list[Result] = []
    queue = list(files)
    while queue or running:
        while queue and len(running) < args.parallel:
            path = queue.pop(0)
            err = path.with_name(path.name + ".err")
            pid = os.fork()
            if pid == 0:
                _child(path, err, args, address_space)
            running[pid] = (path, time.monotonic())
        for pid, (path, start) in list(running.items()):
            done, status, usage = os.wait4(pid, os.WNOHANG)
            elapsed = time.monotonic() - start
            over = False
            if not done and elapsed > args.budget * WALL_FACTOR:
                os.kill(pid, signal.SIGKILL)
                done, status, usage = os.wait4(pid, 0)
                over = True
            if done:
                del running[pid]
                err = path.with_name(path.name + ".err")
                results.append(_classify(path.name, status, usage, elapsed, base_kb, err, over))
        time.sleep(POLL_S)
    return results


def summary(results: list[Result]) -> dict:
    slowest = max(results, key=lambda r: r.seconds, default=None)
    largest = max(results, key=lambda r: r.rss_growth_mb, default=None)
    return {
        "cases": len(results),
        "exits": dict(sorted(Counter(r.exit for r in results).items())),
        "tracebacks": [r.name for r in results if r.traceback],
        "stray_stderr": {r.name: r.stray for r in results if r.stray},
        "over_budget": [r.name for r in results if r.exit == "over budget"],
        "signals": [r.name for r in results if r.exit.startswith("signal")],
        "slowest": (
            {"case": slowest.name, "cpu_seconds": slowest.seconds, "wall_seconds": slowest.wall}
            if slowest
            else None
        ),
        "largest_growth": (
            {"case": largest.name, "mb": largest.rss_growth_mb} if largest else None
        ),
        "total_cpu_seconds": round(sum(r.seconds for r in results), 1),
        "by_case": {r.name: [r.exit, r.seconds] for r in results},
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.fuzz_runner", description=__doc__)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--budget", type=float, default=20.0, help="CPU seconds per case")
    parser.add_argument("--memory-mb", type=int, default=500, help="growth allowed per case")
    parser.add_argument("--parallel", type=int, default=2)
    parser.add_argument("--command", nargs="+", default=["parse"], help="kitar subcommand")
    args = parser.parse_args(argv)
    started = time.monotonic()
    data = summary(run(args.folder, args))
    data["wall_seconds"] = round(time.monotonic() - started, 1)
    print(json.dumps(data, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
