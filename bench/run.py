"""`make bench`: run every bench module's `run()` and print one table of results.

Each module returns rows {name, value, unit, target, ok}. Ratios are measured within one run,
because machines here are noisy; absolute timings are shown for context only.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
import time
import traceback
from typing import Any

MODULES = [
    "bench.bench_read",
    "bench.bench_pdfium",
    "bench.eval_readers",
    "bench.bench_html",
    "bench.bench_reflow",
    "bench.bench_parse",
    "bench.bench_demo",
    "bench.bench_corpus",
    "bench.bench_jobs",
]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--only", nargs="*", help="module names to run, e.g. bench_parse")
    parser.add_argument("--json", action="store_true", help="print rows as JSON")
    args = parser.parse_args(argv)
    rows: list[dict[str, Any]] = []
    for name in MODULES:
        if args.only and name.split(".")[-1] not in args.only:
            continue
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            rows.append(
                {
                    "name": name,
                    "value": None,
                    "unit": "",
                    "target": "",
                    "ok": None,
                    "note": f"not available: {exc}",
                }
            )
            continue
        started = time.perf_counter()
        try:
            rows.extend(module.run())
        except Exception:  # a broken benchmark must not hide the others
            traceback.print_exc()
            rows.append(
                {
                    "name": name,
                    "value": None,
                    "unit": "",
                    "target": "",
                    "ok": False,
                    "note": "benchmark raised",
                }
            )
        print(f"# {name}: {time.perf_counter() - started:.1f} s", file=sys.stderr)
    if args.json:
        print(json.dumps(rows, indent=1, ensure_ascii=False))
    else:
        width = max((len(str(r["name"])) for r in rows), default=10)
        for r in rows:
            value = r["value"]
            shown = f"{value:.3f}" if isinstance(value, float) else str(value)
            status = {True: "ok", False: "FAIL", None: "-"}[r.get("ok")]
            note = f"  ({r['note']})" if r.get("note") else ""
            print(
                f"{r['name']:<{width}}  {shown:>10} {r['unit']:<8} target {r['target']!s:<10} "
                f"{status}{note}"
            )
    return 1 if any(r.get("ok") is False for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
