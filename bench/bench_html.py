"""Reading a web page against reading the same meeting as a PDF, and the HTML parser's share.

The same generated minutes are rendered as a PDF and as a page of each shape
(kitar.demo.render_html); CPU times are compared within one run (docs/html.md).
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path
from typing import Any

# A page holds no glyph positions to analyse: reading it should cost a small share of the PDF.
RATIO_TARGET = 0.25
REPEAT = 3


def _best(func: Any, repeat: int = REPEAT) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        func()
        best = min(best, time.process_time() - start)
    return best


def run() -> list[dict[str, Any]]:
    import lxml.html

    from kitar.demo.content import generate
    from kitar.demo.generate import write_html, write_pdf
    from kitar.demo.render_html import SHAPES
    from kitar.read.html import read_html
    from kitar.read.pdf import read_pdf

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        pdf = write_pdf(generate(41, "committee", "minutes"), folder / "referat.pdf")
        pages = [
            write_html(generate(41, "committee", "minutes"), folder / f"{s}.html", s)
            for s in SHAPES
        ]
        read_pdf(pdf)
        for page in pages:
            read_html(page)
        pdf_time = _best(lambda: read_pdf(pdf))
        html_time = _best(lambda: [read_html(p) for p in pages]) / len(pages)
        texts = [p.read_text(encoding="utf-8") for p in pages]
        tree_time = _best(lambda: [lxml.html.document_fromstring(t) for t in texts]) / len(pages)
    ratio = html_time / pdf_time
    return [
        {
            "name": f"read_html / read_pdf, same minutes ({pdf_time * 1000:.0f} ms PDF)",
            "value": round(ratio, 3),
            "unit": "x",
            "target": f"<= {RATIO_TARGET}",
            "ok": ratio <= RATIO_TARGET,
        },
        {
            "name": "lxml tree building / read_html (informational)",
            "value": round(tree_time / html_time, 3),
            "unit": "x",
            "target": "",
            "ok": None,
        },
    ]


if __name__ == "__main__":
    for row in run():
        print(row)
