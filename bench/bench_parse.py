"""Parsing cost relative to reading the 22-page KL agenda (target: parse < 0.25 x read).

The agenda exists as extracted text (cheap to read) and, rendered by the project's fixture
generator, as a 22-page PDF (what a secretariat ingests). Both ratios are measured in one run.
Also: the spaCy pipeline's load time, and that it is loaded once per process.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path
from typing import Any

from bench.timing import best_time
from kitar.config import samples_dir


def _ratio_rows(label: str, path: Path) -> list[dict[str, Any]]:
    from kitar.ingest.pipeline import read_and_reflow
    from kitar.parse.meeting import parse_document

    doc = read_and_reflow(path)  # warms caches (lexicon, pipeline)
    parse_document(doc)
    read_s = best_time(repeat=5, work=lambda: read_and_reflow(path))
    parse_s = best_time(repeat=5, work=lambda: parse_document(doc))
    ratio = parse_s / read_s
    return [
        {
            "name": f"{label} read+reflow",
            "value": read_s * 1000,
            "unit": "ms",
            "target": "",
            "ok": None,
        },
        {"name": f"{label} parse", "value": parse_s * 1000, "unit": "ms", "target": "", "ok": None},
        {
            "name": f"{label} parse/read",
            "value": ratio,
            "unit": "x",
            "target": "<0.25",
            "ok": ratio < 0.25,
        },
    ]


def run() -> list[dict[str, Any]]:
    from kitar.parse import nlp

    t = time.perf_counter()
    nlp.load()
    rows: list[dict[str, Any]] = [
        {
            "name": "spacy pipeline load",
            "value": time.perf_counter() - t,
            "unit": "s",
            "target": "once",
            "ok": nlp.load.cache_info().currsize == 1,
        },
    ]
    txt = samples_dir() / "kl-itarkitekturraad-2016-08-29-agenda.txt"
    if not txt.exists():
        rows.append(
            {
                "name": "parse/read",
                "value": None,
                "unit": "",
                "target": "<0.25",
                "ok": None,
                "note": "samples absent",
            }
        )
        return rows
    rows += _ratio_rows("KL agenda (text)", txt)
    from kitar.demo.layout import sidebar_from_metadata
    from kitar.demo.render_pdf import render_blocks
    from kitar.ingest.pipeline import read_and_reflow

    original = read_and_reflow(txt)
    with tempfile.TemporaryDirectory() as tmp:
        pdf = render_blocks(
            original.blocks,
            Path(tmp) / "kl.pdf",
            sidebar=sidebar_from_metadata(original.metadata),
            page_breaks=True,
        )
        rows += _ratio_rows("KL agenda (PDF)", pdf)
    return rows
