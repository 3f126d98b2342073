"""`kitar ingest -j 2` against `-j 1`: whole processes, as a user runs them.

`python -m bench.bench_jobs [--repeat N] [--all-samples]` prints the rows; bench/run.py
collects `run()`.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.bench_corpus import _kitar, _row
from kitar.config import samples_dir


def _jobs_ratio(paths: list[Path], tmp: Path, tag: str) -> tuple[float, ...]:
    """Whole `kitar ingest` processes, as a user runs them (start-up and model loading included).

    Returns (wall ratio, wall -j1, wall -j2, CPU s -j1, CPU s -j2): on a shared machine the CPU
    seconds show whether -j 2 wasted work or simply found no free core.
    """
    elapsed, cpu = {}, {}
    for jobs in (1, 2):
        db = tmp / f"{tag}-j{jobs}.db"
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t = time.perf_counter()
        subprocess.run([*_kitar(), "ingest", *map(str, paths), "--db", str(db), "-j", str(jobs),
                        "--json"], capture_output=True, check=False)  # fmt: skip
        elapsed[jobs] = time.perf_counter() - t
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu[jobs] = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
        assert db.exists()
    return elapsed[1] / elapsed[2], elapsed[1], elapsed[2], cpu[1], cpu[2]


def _spin(n: int) -> int:
    total = 0
    for i in range(n):
        total += i
    return total


def _ceiling(n: int = 20_000_000) -> tuple[float, float, float]:
    """What 2 processes give over 1 on this machine right now, for a perfectly parallel loop."""
    from concurrent.futures import ProcessPoolExecutor

    t = time.perf_counter()
    _spin(n)
    _spin(n)
    one = time.perf_counter() - t
    with ProcessPoolExecutor(2) as pool:
        t = time.perf_counter()
        list(pool.map(_spin, [n, n]))
        two = time.perf_counter() - t
    return one / two, one, two


def bench_jobs(tmp: Path, repeat: int = 1, all_samples: bool = False) -> list[dict[str, Any]]:
    """-j 2 against -j 1 (median of `repeat` pairs) on the samples' meeting documents, on one
    meeting's two PDFs (a small set, where start-up costs weigh most), on 12 generated agenda
    PDFs, and with `all_samples` on the whole samples folder.

    With -j 2 the workers only read and reflow while the main process loads spaCy once, then
    parses and writes; the 108-page report in edge-cases/ is read in page chunks by both
    workers. Measuring the whole folder adds ~2 minutes, hence the flag.
    """
    runs: list[tuple[str, str, list[Path]]] = []
    samples = samples_dir()
    if (samples / "README.md").exists():
        meetings = [
            p
            for p in sorted(samples.rglob("*"))
            if p.suffix in (".pdf", ".docx", ".txt") and "edge-cases" not in p.parts
        ]
        runs.append(("meetings", "the samples' meeting documents (no edge-cases/)", meetings))
        small = [samples / "ballerup-sfu-2012-12-04"]
        runs.append(("small", "one meeting's 2 PDFs (samples' ballerup-sfu-2012-12-04/)", small))
        if all_samples:
            runs.append(("all", "all samples", [samples]))
    demo = tmp / "demo-pdfs"
    subprocess.run([sys.executable, "-m", "kitar.demo.generate", "--out", str(demo), "--count",
                    "12", "--seed", "3"], check=True, capture_output=True)  # fmt: skip
    runs.append(("demo", "12 generated agenda PDFs", sorted(demo.glob("*.pdf"))))
    ceiling, one, two = _ceiling()
    rows = [
        _row("2 processes / 1 on a pure CPU loop (this machine's ceiling now)", ceiling, "x", "",
             None, f"{one:.1f} s vs {two:.1f} s; other jobs share the 2 CPUs"),
    ]  # fmt: skip
    for tag, label, paths in runs:
        results = [_jobs_ratio(paths, tmp, f"{tag}{n}") for n in range(repeat)]
        ratio = statistics.median(r[0] for r in results)
        one = statistics.median(r[1] for r in results)
        two = statistics.median(r[2] for r in results)
        cpu1 = statistics.median(r[3] for r in results)
        cpu2 = statistics.median(r[4] for r in results)
        rows.append(_row(f"ingest -j 2 / -j 1, {label}", ratio, "x", ">= 1.7", ratio >= 1.7,
                         f"median of {repeat}: -j1 {one:.1f} s, -j2 {two:.1f} s wall; CPU "
                         f"{cpu1:.1f} s vs {cpu2:.1f} s, so with 2 free cores at most "
                         f"{2 * cpu1 / cpu2:.2f}x; {os.cpu_count()} CPUs, load "
                         f"{os.getloadavg()[0]:.1f}; runs "
                         + ", ".join(f"{r[0]:.2f}" for r in results)))  # fmt: skip
    if not runs or runs[0][0] != "meetings":
        rows.append(_row("ingest -j 2 / -j 1 on samples", None, "x", ">= 1.7", None, "no samples"))
    return rows


def run(repeat: int = 1, all_samples: bool = True) -> list[dict[str, Any]]:
    with tempfile.TemporaryDirectory() as name:
        return bench_jobs(Path(name), repeat=repeat, all_samples=all_samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=1, help="runs per ratio (median)")
    parser.add_argument("--all-samples", action="store_true", help="also the whole samples folder")
    args = parser.parse_args()
    for row in run(args.repeat, args.all_samples):
        print(json.dumps(row, ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
