"""Render demo parts as a Word file, the way a secretariat's word processor sets an agenda, and
print it to PDF with LibreOffice (`soffice`): the layout zoo's second producer next to reportlab.

python-docx names come through `kitar.read.docx` (the one module that imports python-docx).
A4, one column, the body in Arial or Times New Roman (LibreOffice prints them with the
metric-compatible Liberation fonts), line spacing as a multiple, space after paragraphs,
headings bold or plain, list markers as text, `Side X af Y` from PAGE/NUMPAGES fields. A running
header carrying the current item's case number needs a section per item (python-docx cannot
write Word's STYLEREF field in a way LibreOffice prints), so each such item starts a page.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kitar.demo.layout import STYLE_COLUMNS, Part
from kitar.minutes.docx_write import field_run
from kitar.model import Block
from kitar.read.docx import Cm, Pt, new_docx

# LibreOffice prints a dozen small documents in one start-up; a start-up takes seconds.
CONVERT_TIMEOUT_S = 600


@dataclass(frozen=True)
class DocxStyle:
    font: str = "Arial"
    size: float = 10.0
    spacing: float = 1.0  # line spacing, a multiple
    para_gap: float = 6.0  # space after a paragraph, pt
    heading_bold: bool = True


def _page_setup(section: Any) -> None:
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.5)
    section.top_margin, section.bottom_margin = Cm(2.5), Cm(2.0)


def _marker(block: Block) -> str:
    marker = block.marker or ""
    if marker[:1].isdigit() or marker in ("-", "–"):
        return marker
    return "–" if block.level >= 1 else "•"


class _Writer:
    def __init__(self, style: DocxStyle) -> None:
        self.style = style
        self.doc = new_docx()
        normal = self.doc.styles["Normal"]
        normal.font.name, normal.font.size = style.font, Pt(style.size)
        fmt = normal.paragraph_format
        fmt.line_spacing, fmt.space_after, fmt.space_before = style.spacing, Pt(style.para_gap), 0
        _page_setup(self.doc.sections[0])
        self.started = False

    def paragraph(self, text: str, bold: bool = False, size: float | None = None) -> Any:
        p = self.doc.add_paragraph()
        run = p.add_run(text)
        run.bold = bold or None
        if size:
            run.font.size = Pt(size)
        self.started = True
        return p

    def block(self, block: Block, new_page: bool) -> None:
        st = self.style
        if block.style == STYLE_COLUMNS:
            entries = block.text.split("\n")
            ps = [self.paragraph(entry) for entry in entries]
        elif block.kind == "heading":
            size = {0: 18.0, 1: 13.0, 2: 11.5}.get(block.level) if st.heading_bold else None
            p = self.paragraph(block.text, bold=st.heading_bold, size=size)
            p.paragraph_format.keep_with_next = True
            p.paragraph_format.space_before = Pt(12 if block.level <= 1 else 6)
            ps = [p]
        elif block.kind == "list_item":
            p = self.paragraph(f"{_marker(block)}\t{block.text}", bold=block.bold)
            p.paragraph_format.left_indent = Cm(0.63 * (block.level + 1))
            p.paragraph_format.first_line_indent = Cm(-0.63)
            p.paragraph_format.space_after = Pt(2)
            ps = [p]
        else:
            ps = [self.paragraph(block.text, bold=block.bold)]
        if new_page:
            ps[0].paragraph_format.page_break_before = True

    def new_section(self, header: str | None) -> None:
        """A section starting on a new page, with its own running header."""
        section = self.doc.add_section()  # python-docx's default start: a new page
        _page_setup(section)
        section.header.is_linked_to_previous = False
        section.header.paragraphs[0].text = header or ""

    def headers(self, header: str | None, first_page: dict[str, str] | None) -> None:
        section = self.doc.sections[0]
        if header:
            section.header.paragraphs[0].text = header
        footer = section.footer.paragraphs[0]
        footer.add_run("Side ")
        field_run(footer, "PAGE")
        footer.add_run(" af ")
        field_run(footer, "NUMPAGES")
        if first_page:  # a letterhead: on the first page only, in the header
            section.different_first_page_header_footer = True
            head = section.first_page_header.paragraphs[0]
            lines = [v if k.startswith("_") else f"{k}: {v}" for k, v in first_page.items()]
            head.text = "\n".join(x.format(page=1, pages="") for x in lines if x and "{" not in x)
            foot = section.first_page_footer.paragraphs[0]
            foot.add_run("Side ")
            field_run(foot, "PAGE")


def render_docx(
    parts: list[Part],
    out: str | Path,
    style: DocxStyle,
    header: str | None = None,
    running: dict[tuple[int, int], str] | None = None,
) -> Path:
    """Write `parts` as a DOCX at `out`. A block in `running` starts a new section (page) whose
    header carries its text (e.g. `Sagsnr.: 21/01862`), after the static `header` text."""
    w = _Writer(style)
    running = running or {}
    sidebar = next((p.sidebar for p in parts if p.sidebar), None)
    w.headers(header, sidebar)
    for pi, part in enumerate(parts):
        for bi, block in enumerate(part.blocks):
            new_page = part.new_page and bi == 0 and w.started
            if (pi, bi) in running and w.started:
                w.new_section(" · ".join(x for x in (header, running[(pi, bi)]) if x))
                new_page = False
            elif (pi, bi) in running:
                w.doc.sections[0].header.paragraphs[0].text = " · ".join(
                    x for x in (header, running[(pi, bi)]) if x
                )
            w.block(block, new_page)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    w.doc.core_properties.author = "kitar"
    w.doc.save(str(out))
    return out


def soffice() -> str | None:
    """LibreOffice's command, if installed (`.ci/run` installs libreoffice-writer-nogui)."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def docx_to_pdf(paths: list[Path], outdir: Path) -> list[Path]:
    """Print DOCX files to PDF with one LibreOffice start-up, in a private profile (so that a
    LibreOffice someone else runs on this machine does not take over the conversion)."""
    exe = soffice()
    if exe is None:
        raise RuntimeError("LibreOffice (soffice) is not installed")
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="kitar-lo-") as profile:
        subprocess.run(
            [exe, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
             "--outdir", str(outdir), *map(str, paths)],
            check=True, capture_output=True, timeout=CONVERT_TIMEOUT_S,
            env={**os.environ, "HOME": profile},
        )  # fmt: skip
    out = [outdir / (p.stem + ".pdf") for p in paths]
    missing = [p.name for p in out if not p.exists()]
    if missing:
        raise RuntimeError(f"LibreOffice did not print {', '.join(missing)}")
    return out
