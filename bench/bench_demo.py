"""Demo generator speed, in bench/run.py's shape (`run() -> list[dict]`).

Not timed tests: `make bench` collects these numbers once per run.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from bench.timing import best_time


def run() -> list[dict[str, Any]]:
    from kitar.demo.content import generate, iter_meetings
    from kitar.demo.render_pdf import render_parts

    results: list[dict[str, Any]] = []
    n = 100_000
    seconds = best_time(lambda: sum(len(m.items) for m in iter_meetings(n, seed=1)), repeat=2)
    rate = n / seconds
    results.append(
        {"name": "demo iter_meetings", "value": round(rate), "unit": "items/s",
         "target": ">= 50000", "ok": rate >= 50_000}
    )  # fmt: skip
    doc = generate(11, "kl", "agenda", n_items=22)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "agenda.pdf"
        pages = render_parts(doc.parts, out).pages
        seconds = best_time(lambda: render_parts(doc.parts, out))
    results.append(
        {"name": f"demo render {pages}-page agenda", "value": round(seconds, 3), "unit": "s",
         "target": "< 1.0", "ok": seconds < 1.0 and pages >= 20}
    )  # fmt: skip
    return results


if __name__ == "__main__":
    for row in run():
        print(row)
