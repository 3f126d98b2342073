"""The layout zoo: one meeting set in many layouts, to show that a rendering does not change
what kitar extracts (issue 9, part 4).

A `ZooSource` is a meeting as document parts whose item headings are known from the source
(the generator knows them; for a text, its answer key's item numbers and titles pick the
heading lines), with the answer key to score a parse against. `LAYOUTS` set it in six ways
that together cover every axis: line spacing 1.0/1.15/1.5/2.0, serif and sans, headings bold
and plain, and no running header, one with the meeting's title and date, or one with the
current item's case number. `render` writes a reportlab PDF or a Word file (which
`render_docx.docx_to_pdf` prints to PDF with LibreOffice).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Literal

from kitar.demo.layout import Part, sidebar_from_metadata
from kitar.demo.render_docx import DocxStyle, render_docx
from kitar.demo.render_pdf import PageStyle, render_parts
from kitar.model import Block, Document
from kitar.parse.answer_key import answer_key_from_meeting, key_norm, similarity

Header = Literal["none", "title", "case"]
Format = Literal["pdf", "docx"]
# A line is an item's heading when what follows its number is this similar to the title
# (the scorer's own bar), or holds the whole title with at most this many characters more
# (`– LUKKET PUNKT`, `(B)`, a tab leader and page number in a list of contents).
HEADING_SIMILARITY = 0.9
HEADING_SLACK = 24
_NUMBER_LABEL = re.compile(r"^(?:[•\-–]\s*)?(?:pkt\.?|punkt|sag(?:\s+nr\.?)?)?\s*", re.I)


@dataclass(frozen=True)
class Layout:
    name: str
    pdf: PageStyle
    docx: DocxStyle
    header: Header = "none"


def _layout(
    name: str, serif: bool, size: float, spacing: float, gap: float, bold: bool, header: Header
) -> Layout:
    fonts = ("Times-Roman", "Times-Bold") if serif else ("Helvetica", "Helvetica-Bold")
    plain_before = (gap, gap)  # a plain heading gets no more room than a paragraph
    pdf = PageStyle(
        *fonts, size=size, spacing=spacing, para_gap=gap, heading_bold=bold,
        heading_before=(14.0, 9.0) if bold else plain_before, justify=not serif,
    )  # fmt: skip
    word = DocxStyle("Times New Roman" if serif else "Arial", size, spacing, gap, bold)
    return Layout(name, pdf, word, header)


# Each axis value appears at least once; spacing and gap pairs are word processors' defaults
# (Word 2007+: 1.15 and 10 pt after; LibreOffice "1.5 lines" with 0.25 cm ≈ 7 pt after).
LAYOUTS: tuple[Layout, ...] = (
    _layout("sans-1.0-bold", False, 10.0, 1.0, 6.0, True, "none"),
    _layout("serif-1.15-bold-title", True, 11.0, 1.15, 10.0, True, "title"),
    _layout("sans-1.5-bold", False, 11.0, 1.5, 7.0, True, "none"),
    _layout("sans-1.5-plain-case", False, 10.0, 1.5, 6.0, False, "case"),
    _layout("serif-2.0-plain-title", True, 12.0, 2.0, 0.0, False, "title"),
    _layout("serif-1.0-plain", True, 11.0, 1.0, 4.0, False, "none"),
    _layout("sans-2.0-bold-case", False, 11.0, 2.0, 10.0, True, "case"),
)
LAYOUT_BY_NAME = {layout.name: layout for layout in LAYOUTS}


@dataclass
class ZooSource:
    """A meeting to render: its parts, answer key and running-header texts."""

    name: str
    parts: list[Part]
    key: dict[str, Any]
    title_header: str = ""  # the meeting's title and date, for a running header
    cases: dict[tuple[int, int], str] = field(default_factory=dict)  # item heading → case line

    def fingerprint(self) -> str:
        """Changes when anything rendered changes (for caching renderings)."""
        h = hashlib.sha256(repr((self.title_header, sorted(self.cases.items()))).encode())
        for part in self.parts:
            h.update(repr((part.new_page, part.sidebar)).encode())
            for b in part.blocks:
                h.update(repr((b.kind, b.text, b.level, b.marker, b.bold, b.style)).encode())
        return h.hexdigest()[:16]


def render(source: ZooSource, layout: Layout, fmt: Format, out: Path) -> Path:
    """Write `source` in `layout` as a PDF (reportlab) or DOCX (python-docx) at `out`."""
    header = source.title_header if layout.header == "title" else None
    running = source.cases if layout.header == "case" else None
    if fmt == "pdf":
        return render_parts(
            source.parts, out, header=header, title=source.name, style=layout.pdf, running=running
        ).path
    return render_docx(source.parts, out, layout.docx, header=header, running=running)


def renderer_fingerprint() -> str:
    """Changes when the renderers' code changes (for caching renderings)."""
    here = Path(__file__).parent
    h = hashlib.sha256()
    for name in ("zoo.py", "render_pdf.py", "render_docx.py", "layout.py", "linebreak.py"):
        h.update((here / name).read_bytes())
    return h.hexdigest()[:12]


def _title_header(meeting: dict[str, Any]) -> str:
    word = {"minutes": "Referat", "agenda": "Dagsorden"}.get(meeting.get("kind") or "", "")
    day = meeting.get("date")
    shown = date.fromisoformat(day).strftime("%d.%m.%Y") if day else ""
    return " – ".join(x for x in (meeting.get("body"), word, shown) if x)


# ---- sources -----------------------------------------------------------------------------


def generated_source(
    seed: int, style: Literal["kl", "committee"], kind: Literal["agenda", "minutes"]
) -> ZooSource:
    """A generator's meeting: its parts as the demo renders them, and its own answer key."""
    from kitar.demo.content import generate

    doc = generate(seed, style, kind)
    data = doc.answer_key()
    cases = {ref: f"Sagsnr.: {item.case_id}" for item, ref in doc.item_heads if item.case_id}
    return ZooSource(
        f"gen-{style}-{kind}-{seed}", doc.parts, answer_key_from_meeting(data),
        doc.header or _title_header(data["meeting"]), cases,
    )  # fmt: skip


def is_item_heading(text: str, number: str, title: str) -> bool:
    """`text` is the heading line of item `number` titled `title` (`3. Title`, `Pkt. 3 Title`,
    `• 3 Title – LUKKET PUNKT`, `3.\tTitle`)."""
    rest = _NUMBER_LABEL.sub("", " ".join(text.split()), count=1)
    if not re.match(rf"{re.escape(number)}(?:\.|:|\s|$)", rest):
        return False
    rest = rest[len(number) :].lstrip(" .:")
    if not rest:
        return False
    if similarity(rest, title) >= HEADING_SIMILARITY:
        return True
    return key_norm(title) in key_norm(rest) and len(rest) <= len(title) + HEADING_SLACK


def _mark_headings(blocks: list[Block], key: dict[str, Any], subtitles: set[str]) -> dict[int, str]:
    """Make the item heading blocks level-1 headings (in place); block index → item number.

    A number on a line of its own (`Pkt. 42`) is a heading when the title follows it."""
    found: dict[int, str] = {}
    for n, block in enumerate(blocks):
        for item in key["items"]:
            number, title = str(item["number"]), item["title"]
            alone = _NUMBER_LABEL.sub("", block.text.strip()).rstrip(".:") == number
            nxt = blocks[n + 1].text if n + 1 < len(blocks) else ""
            if is_item_heading(block.text, number, title) or (
                alone and similarity(nxt, title) >= HEADING_SIMILARITY
            ):
                found[n] = number
                break
            if found.get(n - 1) == number and similarity(block.text, title) >= HEADING_SIMILARITY:
                found[n] = number
                break
    for n, block in enumerate(blocks):
        if n in found:
            blocks[n] = Block("heading", block.text, block.page, level=1)
        elif block.text.strip() in subtitles:
            blocks[n] = Block("heading", block.text, block.page, level=2)
        elif block.kind == "heading":
            blocks[n] = Block("heading", block.text, block.page, level=3)
    return found


def _cases(found: dict[int, str], key: dict[str, Any]) -> dict[tuple[int, int], str]:
    """The running-header case line, set at each item's last heading block (the body's, not
    a list of contents')."""
    case_of = {str(i["number"]): i.get("case_id") for i in key["items"]}
    last = {number: n for n, number in sorted(found.items())}
    return {(0, n): f"Sagsnr. {case_of[num]}" for num, n in last.items() if case_of.get(num)}


def reflowed_source(doc: Document, expected: dict[str, Any], name: str) -> ZooSource:
    """A text kitar already reads well (the KL agenda), from its reflowed blocks, one part per
    source page and its letterhead, scored against its `kitar.meeting/1` expected file."""
    key = answer_key_from_meeting(expected)
    subtitles = {s["title"] for i in expected.get("items", []) for s in i.get("subitems") or []}
    blocks = list(doc.blocks)
    found = _mark_headings(blocks, key, subtitles)
    parts: list[Part] = []
    refs: dict[int, tuple[int, int]] = {}
    for n, block in enumerate(blocks):
        if not parts or block.page != parts[-1].blocks[-1].page:
            parts.append(Part(blocks=[], new_page=bool(parts)))
        parts[-1].blocks.append(block)
        refs[n] = (len(parts) - 1, len(parts[-1].blocks) - 1)
    if parts and doc.metadata:
        parts[0].sidebar = sidebar_from_metadata(doc.metadata)
    cases = {refs[n]: text for (_, n), text in _cases(found, key).items()}
    return ZooSource(name, parts, key, _title_header(key["meeting"]), cases)


def _printable(line: str) -> str:
    """What the base-14 fonts can draw (cp1252): tabs as spaces, other characters dropped
    (the eval texts hold only a combining overlay stroke outside it)."""
    line = line.replace("\t", " ").replace("\xa0", " ")
    return "".join(ch for ch in line if ch.encode("cp1252", "ignore"))


def text_source(text: str, key: dict[str, Any], name: str) -> ZooSource:
    """A web page's text (one paragraph a line, blank lines between): a block per line,
    bullet lines as list items, the answer key's item heading lines as headings."""
    blocks: list[Block] = []
    for raw in text.splitlines():
        line = " ".join(_printable(raw).split())
        if not line:
            continue
        if line[0] in "•" and len(line) > 1:
            blocks.append(Block("list_item", line[1:].strip(), 1, marker="•"))
        else:
            blocks.append(Block("paragraph", line, 1))
    found = _mark_headings(blocks, key, set())
    parts = [Part(blocks=blocks, new_page=False)]
    return ZooSource(name, parts, key, _title_header(key.get("meeting") or {}), _cases(found, key))


def printed_text_source(text: str, key: dict[str, Any], name: str) -> ZooSource:
    """A text file as a word processor prints it: every line its own paragraph (a PDF
    extractor's line breaks, hyphens and blank lines included), headings still marked."""
    blocks = [Block("paragraph", " ".join(_printable(raw).split()), 1) for raw in text.splitlines()]
    found = _mark_headings(blocks, key, set())
    parts = [Part(blocks=blocks, new_page=False)]
    return ZooSource(name, parts, key, _title_header(key.get("meeting") or {}), _cases(found, key))
