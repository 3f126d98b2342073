"""Parsing cost relative to reading, on the 22-page KL agenda (target: parse < 0.25 x read).

Also: spaCy pipeline load time (once per process) and that it is loaded only once.
"""

from __future__ import annotations

import time
from typing import Any

from kitar.config import samples_dir


def _best(fn: Any, repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def run() -> list[dict[str, Any]]:
    from kitar import nlp
    from kitar.parse.meeting import parse_document
    from kitar.read.load import read_document
    from kitar.text.reflow import reflow_document

    rows: list[dict[str, Any]] = []
    t = time.perf_counter()
    nlp.load()
    rows.append(
        {
            "name": "spacy pipeline load",
            "value": time.perf_counter() - t,
            "unit": "s",
            "target": "once",
            "ok": nlp.load.cache_info().currsize == 1,
        }
    )
    path = samples_dir() / "kl-itarkitekturraad-2016-08-29-agenda.txt"
    if not path.exists():
        return [
            *rows,
            {
                "name": "parse/read ratio",
                "value": None,
                "unit": "",
                "target": "<0.25",
                "ok": None,
                "note": "samples absent",
            },
        ]
    reflow_document(read_document(path))  # warm the lexicon
    read_s = _best(lambda: reflow_document(read_document(path)))
    doc = reflow_document(read_document(path))
    parse_document(doc)  # warm
    parse_s = _best(lambda: parse_document(doc))
    ratio = parse_s / read_s
    rows.append(
        {
            "name": "KL agenda read+reflow",
            "value": read_s * 1000,
            "unit": "ms",
            "target": "",
            "ok": None,
        }
    )
    rows.append(
        {"name": "KL agenda parse", "value": parse_s * 1000, "unit": "ms", "target": "", "ok": None}
    )
    rows.append(
        {
            "name": "parse/read ratio",
            "value": ratio,
            "unit": "x",
            "target": "<0.25",
            "ok": ratio < 0.25,
        }
    )
    return rows
