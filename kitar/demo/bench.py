"""Benchmarks of the demo generator, in bench/run.py's shape (`run() -> list[dict]`).

Not timed tests: `make bench` collects these numbers once per run.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path
from typing import Any


def _best(fn: Any, repeat: int = 3) -> float:
    """Best wall time of `repeat` runs: the least disturbed by other work on the machine."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def run() -> list[dict[str, Any]]:
    from kitar.demo.content import generate, iter_meetings
    from kitar.demo.render_pdf import render_parts

    results: list[dict[str, Any]] = []
    n = 100_000
    seconds = _best(lambda: sum(len(m.items) for m in iter_meetings(n, seed=1)), repeat=2)
    rate = n / seconds
    results.append(
        {"name": "demo iter_meetings", "value": round(rate), "unit": "items/s",
         "target": ">= 50000", "ok": rate >= 50_000}
    )  # fmt: skip
    doc = generate(11, "kl", "agenda", n_items=22)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "agenda.pdf"
        pages = render_parts(doc.parts, out).pages
        seconds = _best(lambda: render_parts(doc.parts, out))
    results.append(
        {"name": f"demo render {pages}-page agenda", "value": round(seconds, 3), "unit": "s",
         "target": "< 1.0", "ok": seconds < 1.0 and pages >= 20}
    )  # fmt: skip
    return results


if __name__ == "__main__":
    for row in run():
        print(row)
