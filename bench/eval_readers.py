"""Eval scores with each PDF reader (issue 15): the real samples against their case systems'
exports, the eval set (`kitar eval`), and the layout zoo's PDF renderings.

`python -m bench.eval_readers` prints the tables of docs/reading.md; `make bench` gets one row
per set: the lowest score difference pdfium − pdfplumber over every document and metric.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from kitar.config import eval_dir, samples_dir

READERS = ("pdfplumber", "pdfium")
Scores = dict[tuple[str, str], float]  # (document, metric) → score


@contextmanager
def _reader(name: str) -> Iterator[None]:
    before = os.environ.get("KITAR_READER")
    os.environ["KITAR_READER"] = name
    try:
        yield
    finally:
        if before is None:
            del os.environ["KITAR_READER"]
        else:
            os.environ["KITAR_READER"] = before


def sample_scores() -> Scores:
    """F1 per field of the Ballerup and Syddjurs minutes against their exports (tests'
    answer-key readers), and the share of meeting fields right."""
    from kitar.ingest.pipeline import process_file
    from kitar.parse.evaluate import evaluate
    from tests.answer_keys import ballerup_expected, syddjurs_expected

    root = samples_dir()
    keys: list[tuple[str, Callable[[Path], dict[str, Any]]]] = [
        ("ballerup-sfu-2012-12-04", ballerup_expected),
        ("syddjurs-puk-2013-06-20", syddjurs_expected),
    ]
    out: Scores = {}
    for folder, expected in keys:
        if not (root / folder / "referat.pdf").exists():
            continue
        ev = evaluate(process_file(root / folder / "referat.pdf")[1], expected(root / folder))
        for s in ev.scores:
            out[(folder, s.name)] = round(s.f1, 3)
        fields = ev.meeting_fields
        out[(folder, "meeting")] = round(sum(fields.values()) / max(len(fields), 1), 3)
    return out


def eval_set_scores() -> Scores:
    """`kitar eval ../shared/eval/pdf`: every document's metrics."""
    from kitar.ingest.eval_set import score_folder

    folder = eval_dir() / "pdf"
    if not folder.exists():
        return {}
    return {
        (d.name, k): round(v, 3) for d in score_folder(folder).docs for k, v in d.metrics.items()
    }


def zoo_scores(cache: Path) -> Scores:
    """The layout zoo's PDF renderings (every document × layout), as `python -m
    tests.layout_zoo` scores them."""
    from tests.layout_zoo import LAYOUTS, Zoo, all_docs

    zoo = Zoo(cache)
    docs = all_docs()
    zoo.render([(d, lay, "pdf") for d in docs for lay in LAYOUTS])
    return {
        (f"{d.name} {lay.name}", k): round(v, 3)
        for d in docs
        for lay in LAYOUTS
        for k, v in zoo.score(d, lay, "pdf").items()
    }


SETS: dict[str, Callable[[], Scores]] = {"samples": sample_scores, "eval/pdf": eval_set_scores}


def all_scores(cache: Path) -> dict[str, dict[str, Scores]]:
    """set → reader → scores."""
    sets: dict[str, Callable[[], Scores]] = {**SETS, "layout zoo": lambda: zoo_scores(cache)}
    out: dict[str, dict[str, Scores]] = {}
    for name, scores in sets.items():
        out[name] = {}
        for reader in READERS:
            with _reader(reader):
                out[name][reader] = scores()
    return out


def _worst(by_reader: dict[str, Scores]) -> tuple[float, list[str]]:
    """The lowest pdfium − pdfplumber difference, and where pdfium scores lower."""
    plumber, fast = by_reader["pdfplumber"], by_reader["pdfium"]
    diffs = {k: fast.get(k, 0.0) - v for k, v in plumber.items()}
    lower = [f"{doc} {metric}" for (doc, metric), d in diffs.items() if d < -1e-9]
    return min(diffs.values(), default=0.0), lower


def run() -> list[dict[str, Any]]:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        cache = Path(".pytest_cache/d/kitar-layout-zoo")
        for name, by_reader in all_scores(cache if cache.parent.exists() else Path(tmp)).items():
            worst, lower = _worst(by_reader)
            n = len(by_reader["pdfplumber"])
            rows.append(
                {
                    "name": f"eval scores pdfium - pdfplumber reader, lowest of {n} ({name})"
                    + (f"; lower: {', '.join(lower[:4])}" if lower else ""),
                    "value": round(worst, 3),
                    "unit": "",
                    "target": ">= 0",
                    "ok": worst >= -1e-9,
                }
            )
    return rows


def _table(by_reader: dict[str, Scores]) -> Iterator[str]:
    """Markdown: per document, each metric as pdfplumber → pdfium."""
    plumber, fast = by_reader["pdfplumber"], by_reader["pdfium"]
    metrics = sorted({m for _, m in plumber})
    docs = sorted({d for d, _ in plumber})
    yield "| document | " + " | ".join(metrics) + " |"
    yield "|---|" + "---|" * len(metrics)
    for doc in docs:
        cells = []
        for m in metrics:
            if (doc, m) not in plumber:
                cells.append("")
                continue
            a, b = plumber[(doc, m)], fast.get((doc, m), 0.0)
            cells.append(f"{a:.2f}" if a == b else f"{a:.2f} → **{b:.2f}**")
        yield f"| {doc} | " + " | ".join(cells) + " |"


def main() -> int:
    cache = Path(".pytest_cache/d/kitar-layout-zoo")
    for name, by_reader in all_scores(cache).items():
        worst, lower = _worst(by_reader)
        print(f"\n### {name}: lowest pdfium − pdfplumber {worst:+.3f}; lower: {lower or 'none'}\n")
        for line in _table(by_reader):
            print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
