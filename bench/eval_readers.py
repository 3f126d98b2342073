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
SAMPLE_PDFS = (
    "ballerup-sfu-2012-12-04/referat.pdf",
    "ballerup-sfu-2012-12-04/referat-punkt01.pdf",
    "syddjurs-puk-2013-06-20/referat.pdf",
    "edge-cases/notat-with-letterhead.pdf",
    "edge-cases/kl-report-108-pages.pdf",
)
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


def _f1(expected: set[tuple[str, ...]], found: set[tuple[str, ...]]) -> float:
    from kitar.parse.evaluate import Score

    return round(Score("", len(expected), len(found), len(expected & found)).f1, 3)


def sample_scores() -> Scores:
    """The sample PDFs: items (number, title) and case numbers against the case systems'
    exports where there is one (tests/answer_keys.py), and whether the whole parse (`kitar
    parse --json`) equals the pdfplumber reader's (1.0) or not (0.0)."""
    from kitar.ingest.eval_set import meeting_dict
    from tests.answer_keys import ballerup_expected, syddjurs_expected

    def norm(text: str | None) -> str:
        return " ".join((text or "").replace("’", "'").split()).rstrip(".").casefold()

    root = samples_dir()
    out: Scores = {}
    for name in SAMPLE_PDFS:
        path = root / name
        if not path.exists():
            continue
        got = meeting_dict(path)
        items = got.get("items", [])
        found = {(str(i["number"]), norm(i["title"])) for i in items}
        cases = {(str(i["number"]), str(i.get("case_id"))) for i in items}
        if name == "ballerup-sfu-2012-12-04/referat.pdf":
            want = ballerup_expected(path.parent)["items"].values()
            out[(name, "items")] = _f1({(w["number"], norm(w["title"])) for w in want}, found)
            out[(name, "case_ids")] = _f1({(w["number"], str(w["case_id"])) for w in want}, cases)
        elif name == "syddjurs-puk-2013-06-20/referat.pdf":
            one = syddjurs_expected(path.parent)
            out[(name, "items")] = _f1({("715", norm(one["title"]))}, found)
            out[(name, "case_ids")] = _f1({("715", one["case_id"])}, cases)
        _PARSES.setdefault(name, []).append(got)
        out[(name, "same parse")] = float(_PARSES[name][-1] == _PARSES[name][0])
    return out


_PARSES: dict[str, list[dict[str, Any]]] = {}  # the first reader's parse of each sample


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
