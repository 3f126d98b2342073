"""Render demo documents into KL-like PDFs. The only module that imports reportlab.

A4, one main text column, a letterhead sidebar on a memo's first page, a running footer
`Side X af Y`, bold titles, Symbol-font bullets and justified text hyphenated at line ends.
Helvetica's WinAnsi encoding has æ, ø, å, – and ”, so no TTF is needed. The Symbol bullet
(code 0xB7) reads back through pdfplumber as "•".
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from reportlab import rl_config
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from kitar.demo.layout import STYLE_COLUMNS, STYLE_LEFT, Part, RenderResult
from kitar.demo.linebreak import break_lines
from kitar.model import Block

if TYPE_CHECKING:
    from kitar.demo.builder import DemoDocument

rl_config.invariant = 1  # no timestamps or random ids: same input, same bytes

PAGE_W, PAGE_H = A4
LEFT = 70.0
COL_W = 330.0
SIDE_X = 440.0
TOP = PAGE_H - 70.0
BOTTOM = 70.0
BODY_FONT, BOLD_FONT = "Helvetica", "Helvetica-Bold"
BODY_SIZE = 10.0
PARA_GAP = 7.0
INDENT = 14.0
BULLETS = {"\uf0b7", "•", "●", "\uf0d8", "➢"}
# Word processors' single line spacing for Helvetica/Times (Arial/Times New Roman): about
# 1.15 times the font size; "1.5 lines" and "double" multiply it.
SINGLE = 1.15


@dataclass(frozen=True)
class PageStyle:
    """The typography of a rendering: the demo's KL-like look by default, or a layout of the
    layout zoo (tests/test_layout_zoo.py) that varies one axis at a time."""

    font: str = BODY_FONT
    bold_font: str = BOLD_FONT
    size: float = BODY_SIZE
    # line spacing as a word processor's multiple (1.0, 1.15, 1.5, 2.0); None: size + 3.5 pt
    spacing: float | None = None
    para_gap: float = PARA_GAP  # space after a paragraph
    heading_bold: bool = True  # False: headings in the body font and size, like any line
    heading_before: tuple[float, float] = (14.0, 9.0)  # space above level 0-1, deeper levels
    justify: bool = True

    def leading(self, size: float) -> float:
        return size + 3.5 if self.spacing is None else size * SINGLE * self.spacing


DEFAULT_STYLE = PageStyle()


@dataclass
class _Op:
    x: float
    y: float
    font: str
    size: float
    text: str
    word_space: float = 0.0


@dataclass
class _Style:
    font: str
    size: float
    leading: float
    before: float
    after: float
    justify: bool


def _check_encodable(text: str) -> None:
    """The base-14 fonts use WinAnsi (cp1252); reportlab would silently draw other characters
    as wrong glyphs (→ as "fi"), so refuse them instead of writing a PDF that lies."""
    try:
        text.encode("cp1252")
    except UnicodeEncodeError as exc:
        bad = text[exc.start]
        raise ValueError(f"cannot render {bad!r} (U+{ord(bad):04X}) with Helvetica") from None


def _style(block: Block, ps: PageStyle) -> _Style:
    before = ps.heading_before[0 if block.level <= 1 else 1]
    if block.kind == "heading" and ps.heading_bold:
        size = {0: 18.0, 1: 13.0, 2: 11.5}.get(block.level, ps.size)
        return _Style(ps.bold_font, size, ps.leading(size), before, 4.0, False)
    if block.kind == "heading":  # plain: only its place and its words make it a heading
        size = ps.size + 4.0 if block.level == 0 else ps.size
        return _Style(ps.font, size, ps.leading(size), before, ps.para_gap / 2, False)
    font = ps.bold_font if block.bold else ps.font
    justify = ps.justify and block.style != STYLE_LEFT
    if block.kind == "list_item":
        return _Style(font, ps.size, ps.leading(ps.size), 0.0, 3.0, justify)
    return _Style(font, ps.size, ps.leading(ps.size), 0.0, ps.para_gap, justify)


def _marker(block: Block, font: str = BODY_FONT) -> tuple[str, str, float]:
    """(glyph, font, text offset) for a list item's marker."""
    marker = block.marker
    if marker and marker[:1].isdigit():
        return marker, font, 20.0
    if marker in ("-", "–", "\uf02d"):
        return ("–" if marker == "\uf02d" else marker), font, INDENT
    if marker is None and block.level >= 1:
        return "–", font, INDENT
    return "•", "Symbol", INDENT


class _Layout:
    """Places lines on pages; drawing happens once the page count is known."""

    def __init__(self, style: PageStyle = DEFAULT_STYLE) -> None:
        self.ps = style
        self.pages: list[list[_Op]] = [[]]
        self.sidebars: dict[int, dict[str, str]] = {}
        self.y = TOP
        self.after_list = False

    def new_page(self) -> None:
        self.pages.append([])
        self.y = TOP

    @property
    def page_empty(self) -> bool:
        return self.y == TOP

    def ensure(self, height: float) -> None:
        if self.y - height < BOTTOM and not self.page_empty:
            self.new_page()

    def place_columns(self, block: Block) -> int:
        """A member list in two columns (`Deltagere`), the left column filled first."""
        entries = block.text.split("\n")
        rows = (len(entries) + 1) // 2
        ps = self.ps
        leading = ps.leading(ps.size)
        if not self.page_empty:
            self.y -= ps.para_gap if self.after_list else 0.0
        self.after_list = True
        self.ensure(rows * leading)
        top = self.y
        for n, entry in enumerate(entries):
            _check_encodable(entry)
            x = LEFT if n < rows else LEFT + COL_W / 2
            y = top - leading * (1 + n % rows)
            self.pages[-1].append(_Op(x, y, ps.font, ps.size, entry))
        self.y = top - rows * leading - 3.0
        return len(self.pages)

    def place(self, block: Block, keep_next: float) -> int:
        """Lay out one block; returns the 1-based page of its first line."""
        if block.style == STYLE_COLUMNS:
            return self.place_columns(block)
        st = _style(block, self.ps)
        x = LEFT + INDENT * block.level if block.kind == "list_item" else LEFT
        glyph, gfont, offset = ("", "", 0.0)
        if block.kind == "list_item":
            glyph, gfont, offset = _marker(block, self.ps.font)
        text_x = x + offset
        width = LEFT + COL_W - text_x

        def measure(s: str) -> float:
            return stringWidth(s, st.font, st.size)

        _check_encodable(block.text)
        lines = break_lines(block.text, width, measure) or [""]  # an empty line takes its room
        if not self.page_empty:
            self.y -= st.before
            if self.after_list and block.kind != "list_item":
                self.y -= (
                    self.ps.para_gap
                )  # a list ends with paragraph spacing, as word processors do
        self.after_list = block.kind == "list_item"
        need = st.leading * (len(lines) if block.kind == "heading" else min(len(lines), 2))
        self.ensure(need + keep_next)
        first_page = len(self.pages)
        for n, line in enumerate(lines):
            self.ensure(st.leading)
            self.y -= st.leading
            ops = self.pages[-1]
            if n == 0 and glyph:
                ops.append(_Op(x, self.y, gfont, st.size, glyph))
            word_space = 0.0
            gaps = line.count(" ")
            if st.justify and n < len(lines) - 1 and gaps:
                word_space = (width - measure(line)) / gaps
                word_space = word_space if word_space < 3 * st.size else 0.0
            ops.append(_Op(text_x, self.y, st.font, st.size, line, word_space))
        self.y -= st.after
        return first_page


def _draw_sidebar(c: Canvas, fields: dict[str, str], page: int, pages: int) -> None:
    y = TOP - 8
    for key, value in fields.items():
        if key == "_title":
            c.setFont(BOLD_FONT, 13)
            c.drawString(SIDE_X, y, value)
            y -= 22
            continue
        lines = value.format(page=page, pages=pages).split("\n") if key.startswith("_") else []
        if not key.startswith("_"):
            lines = [f"{key}: {value}"]
        for line in lines:
            if line:
                c.setFont(BODY_FONT, 8)
                c.drawString(SIDE_X, y, line)
            y -= 11


def render_parts(
    parts: list[Part],
    out: str | Path,
    header: str | None = None,
    title: str | None = None,
    style: PageStyle = DEFAULT_STYLE,
    running: dict[tuple[int, int], str] | None = None,
) -> RenderResult:
    """Render parts into a PDF at `out`; returns page count and where each block landed.

    `title` goes into the PDF's metadata only; a visible title is a level-0 heading block.
    `header` is printed at the top left of every page; `running` maps a (part, block) to a
    running header printed at the top right from that block on, as Word's STYLEREF field
    does (the first one starting on a page, else the last one before it): e.g. the current
    item's case number.
    """
    out = Path(out)
    lay = _Layout(style)
    result = RenderResult(path=out, pages=0)
    for pi, part in enumerate(parts):
        if part.new_page and not lay.page_empty:
            lay.new_page()
        if part.sidebar:
            lay.sidebars[len(lay.pages)] = part.sidebar
        for bi, block in enumerate(part.blocks):
            keep = 2 * style.leading(style.size) if block.kind == "heading" else 0.0
            result.block_pages[(pi, bi)] = lay.place(block, keep)
    total = len(lay.pages)
    result.pages = total
    tops = _running_headers(running or {}, result.block_pages, total)
    out.parent.mkdir(parents=True, exist_ok=True)
    c = Canvas(str(out), pagesize=A4, invariant=1, pageCompression=1)
    c.setTitle(title or out.stem)
    for number, ops in enumerate(lay.pages, start=1):
        if header or tops.get(number):
            c.setFont(BODY_FONT, 8)
        if header:
            c.drawString(LEFT, PAGE_H - 40, header)
        if tops.get(number):
            c.drawRightString(LEFT + COL_W, PAGE_H - 40, tops[number])
        for op in ops:
            t = c.beginText(op.x, op.y)
            t.setFont(op.font, op.size)
            if op.word_space:
                t.setWordSpace(op.word_space)
            t.textOut(op.text)
            c.drawText(t)
        if number in lay.sidebars:
            _draw_sidebar(c, lay.sidebars[number], number, total)
        c.setFont(BODY_FONT, 8)
        c.drawRightString(LEFT + COL_W, 40, f"Side {number} af {total}")
        c.showPage()
    c.save()
    return result


def _running_headers(
    running: dict[tuple[int, int], str], block_pages: dict[tuple[int, int], int], pages: int
) -> dict[int, str]:
    """Page → running header text (STYLEREF: first set on the page, else the one before)."""
    starts = sorted((block_pages[ref], ref, text) for ref, text in running.items())
    out: dict[int, str] = {}
    current = ""
    for page in range(1, pages + 1):
        here = [text for p, _ref, text in starts if p == page]
        out[page] = here[0] if here else current
        current = here[-1] if here else current
    return out


def render_blocks(
    blocks: list[Block],
    out: str | Path,
    sidebar: dict[str, str] | None = None,
    title: str | None = None,
    page_breaks: bool = False,
) -> Path:
    """Render plain blocks (e.g. reflowed real text) into a KL-like PDF.

    With `page_breaks`, a change of `Block.page` starts a new page, like the source did.
    A `title` is drawn as a level-0 heading before the blocks (so it is part of the text).
    """
    parts: list[Part] = []
    if title:
        blocks = [Block("heading", title, page=blocks[0].page if blocks else 1), *blocks]
    for block in blocks:
        if not parts or (page_breaks and block.page != parts[-1].blocks[-1].page):
            parts.append(Part(blocks=[], new_page=bool(parts)))
        parts[-1].blocks.append(block)
    if parts and sidebar:
        parts[0].sidebar = sidebar
    return render_parts(parts, out, title=title).path


def render_agenda(doc: DemoDocument, out: str | Path) -> Path:
    """Render a generated agenda or minutes; fills in its answer key's pages."""
    result = render_parts(doc.parts, out, header=doc.header, title=doc.title)
    doc.set_pages(result.block_pages, result.pages)
    return result.path


# ---- a text file as a browser prints it -------------------------------------------------------
# One monospaced font, long lines wrapped at the page's width (90 columns of 10 pt Courier in
# A4's margins), the print's date and the file's name over each page, its address and "n/N"
# under it: furniture the reader must take off, on one page where nothing repeats.
TEXT_FONT, TEXT_SIZE, TEXT_PITCH = "Courier", 10.0, 12.0
TEXT_COLUMNS = 90
TEXT_LINES = 62  # lines a page holds between the furniture
FURNITURE_FONT, FURNITURE_SIZE = "Helvetica", 8.0


def render_text_print(text: str, out: str | Path, name: str, printed: str) -> Path:
    """`text` printed as a browser prints a text file `name` on `printed` ("1.3.2026 14.03");
    characters Courier lacks print as "?" (a browser's fallback glyph)."""
    lines: list[str] = []
    for raw in text.replace("\r\n", "\n").split("\n"):
        raw = raw.rstrip().encode("cp1252", "replace").decode("cp1252")
        lines += textwrap.wrap(raw, TEXT_COLUMNS) if len(raw) > TEXT_COLUMNS else [raw]
    pages = [lines[i : i + TEXT_LINES] for i in range(0, len(lines), TEXT_LINES)] or [[]]
    c = Canvas(str(out), pagesize=A4)
    for n, page in enumerate(pages, start=1):
        c.setFont(FURNITURE_FONT, FURNITURE_SIZE)
        c.drawString(36, PAGE_H - 24, printed)
        c.drawCentredString(PAGE_W / 2, PAGE_H - 24, name)
        c.drawString(36, 20, f"file:///home/bruger/Hentede/{name}")
        c.drawRightString(PAGE_W - 36, 20, f"{n}/{len(pages)}")
        c.setFont(TEXT_FONT, TEXT_SIZE)
        for k, line in enumerate(page):
            c.drawString(50, PAGE_H - 56 - k * TEXT_PITCH, line)
        c.showPage()
    c.save()
    return Path(out)
