"""Render demo documents as text in the style a PDF text extractor leaves KL agendas.

The layout of the real KL text: lines of about 70 characters with a trailing space and
line-end hyphens (`digi-` / `taliseringsstrategi`), blank lines inside paragraphs, a line
holding one space between paragraphs, page starts and item titles marked by a leading
space, Symbol/Wingdings private-use bullets (U+F0B7, U+F0A7), and the letterhead of a
memo's first page mixed into the text (`Dato: …`, `Sags ID: …`, `Side 20 af 22`, `NOTAT`).
"""

from __future__ import annotations

import random
from pathlib import Path

from kitar.demo.layout import STYLE_COLUMNS, Part, RenderResult
from kitar.demo.linebreak import break_lines
from kitar.model import Block

WIDTH = 68
SECTION_HEADINGS = frozenset({"Baggrund", "Indstilling", "Sagsfremstilling", "Bilag", "Økonomi"})
PUA_BULLET, PUA_SUB_BULLET = "\uf0b7", "\uf0a7"


def _marker(block: Block) -> str:
    if block.marker and (block.marker[:1].isdigit() or block.marker in ("-", "–")):
        return block.marker
    return PUA_SUB_BULLET if block.level >= 1 else PUA_BULLET


def _sidebar_lines(fields: dict[str, str], page: int, pages: int) -> list[str]:
    """The letterhead as extraction leaves it: fields, gaps, `Side X af Y`, then `NOTAT`."""
    out: list[str] = []
    title = ""
    for key, value in fields.items():
        if key == "_title":
            title = value
        elif key.startswith("_"):
            text = value.format(page=page, pages=pages)
            out += [line + " " for line in text.split("\n")] if text else [" "]
        else:
            out.append(f"{key}: {value} ")
        out.append("")
    return [*out, title + " ", ""] if title else out


def render_text_parts(parts: list[Part], out: str | Path, seed: int = 0) -> RenderResult:
    """Write the parts as KL-style extracted text; `seed` varies where blank lines fall."""
    rng = random.Random(f"kitar-demo-text:{seed}")
    out = Path(out)
    pages = 1 + sum(1 for i, p in enumerate(parts) if p.new_page and i > 0)
    result = RenderResult(path=out, pages=pages)
    lines: list[str] = []
    page = 0
    for pi, part in enumerate(parts):
        page_start = page == 0 or part.new_page
        if page_start:
            page += 1
        if part.sidebar:
            lines += ["", *_sidebar_lines(part.sidebar, page, pages)]
        for bi, block in enumerate(part.blocks):
            result.block_pages[(pi, bi)] = page
            text = block.text
            if block.style == STYLE_COLUMNS:  # one entry a line, as a list
                text = "\n".join(f"{PUA_BULLET} {e}" for e in block.text.split("\n"))
                lines += [*text.split("\n"), "", " ", ""]
                result.block_pages[(pi, bi)] = page
                continue
            if block.kind == "list_item":
                text = f"{_marker(block)} {text}"
            wrapped = break_lines(text, WIDTH, len)
            lead = " " if page_start or (block.kind == "heading" and block.level == 1) else ""
            page_start = False
            airy = block.kind != "heading" and rng.random() < 0.8
            for n, line in enumerate(wrapped):
                tail = "" if line.endswith("-") else " "
                lines.append((lead if n == 0 else "") + line + tail)
                if airy and n < len(wrapped) - 1:
                    lines.append("")  # extraction leaves blank lines inside paragraphs
            if block.kind != "heading" or block.level < 3 or block.text not in SECTION_HEADINGS:
                lines += ["", " ", ""]  # like `3. Høringssager:` followed by a space line
            else:
                lines.append("")  # like `Baggrund` followed by its text after a blank line
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return result
