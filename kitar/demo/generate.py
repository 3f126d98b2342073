"""Write the demo corpus: `python -m kitar.demo.generate --out DIR --count N --seed S`.

For i = 1..N: `agenda-NN.pdf` (odd: KL council style with letterhead; even: a municipal
committee with a running header), `minutes-NN.pdf` for all but every third meeting, each
with its answer key `*.expected.json` (the `kitar.meeting/1` dict the parser should give),
and one plain-text agenda `agenda-txt-01.txt` in the KL extracted-text style.
Deterministic: the same arguments write the same bytes.
"""

from __future__ import annotations

import argparse
import hashlib
import json
from pathlib import Path

from kitar.demo.content import DemoDocument, Kind, Style, generate


def _finish(doc: DemoDocument, path: Path, fmt: str, pages: int, block_pages: dict) -> Path:
    """Fill in the answer key's source and item pages, and write it beside the document."""
    doc.set_pages(block_pages, pages)
    src = doc.meeting.source
    src.path, src.format = path.name, fmt  # type: ignore[assignment]
    src.sha256 = hashlib.sha256(path.read_bytes()).hexdigest()
    key_path = path.with_name(path.stem + ".expected.json")
    key_path.write_text(json.dumps(doc.answer_key(), ensure_ascii=False, indent=1) + "\n")
    return key_path


def write_pdf(doc: DemoDocument, path: Path) -> Path:
    """Render one document to PDF and write its answer key; returns the PDF's path."""
    from kitar.demo.render_pdf import render_parts

    result = render_parts(doc.parts, path, header=doc.header, title=doc.title)
    _finish(doc, path, "pdf", result.pages, result.block_pages)
    return result.path


def write_text(doc: DemoDocument, path: Path, seed: int) -> Path:
    from kitar.demo.render_text import render_text_parts

    result = render_text_parts(doc.parts, path, seed=seed)
    _finish(doc, path, "txt", result.pages, result.block_pages)
    return path


def write_html(doc: DemoDocument, path: Path, shape: str) -> Path:
    """Render one document as a web page of `shape` (kitar.demo.render_html.SHAPES)."""
    from kitar.demo.render_html import render_html_parts

    result = render_html_parts(doc.parts, path, shape, doc.title)
    _finish(doc, path, "html", result.pages, result.block_pages)
    return path


def generate_corpus(out: Path, count: int, seed: int) -> list[Path]:
    """Write the demo corpus into `out`; returns the document paths written."""
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for i in range(1, count + 1):
        style: Style = "kl" if i % 2 else "committee"
        meeting_seed = seed * 1000 + i
        kinds: tuple[Kind, ...] = ("agenda",) if i % 3 == 0 else ("agenda", "minutes")
        for kind in kinds:
            doc = generate(meeting_seed, style, kind)
            written.append(write_pdf(doc, out / f"{kind}-{i:02d}.pdf"))
    if count:
        doc = generate(seed * 1000 + 999, "kl", "agenda")
        written.append(write_text(doc, out / "agenda-txt-01.txt", seed))
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m kitar.demo.generate", description=__doc__)
    parser.add_argument("--out", type=Path, default=Path("corpus/demo"))
    parser.add_argument("--count", type=int, default=6)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    if args.count < 0:
        parser.error("--count must be 0 or more")
    written = generate_corpus(args.out, args.count, args.seed)
    print(f"wrote {len(written)} documents and their answer keys to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
