"""DOCX reading, and the only module that imports python-docx.

`read_docx` turns a Word file into a kitar Document: the body as blocks; the first section's
headers and footers only as metadata (a letterhead's fields, a running header), as the PDF
reader keeps a printed letterhead and running header out of the body.
kitar/minutes/docx_write.py (the writer) gets every python-docx name it needs from here.
"""

from __future__ import annotations

import hashlib
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.text.paragraph import Paragraph

from kitar.errors import (
    DamagedDocument,
    DocumentNotFound,
    EmptyDocument,
    EncryptedDocument,
    NothingToExtract,
    UnsupportedFormat,
)
from kitar.model import Block, BlockKind, CoreProperties, Document
from kitar.read.docx_text import format_number, header_metadata, line_broken
from kitar.read.txt import parse_text
from kitar.text.normalize import normalize, split_bullet

# Re-exported for kitar.minutes.docx_write, so that python-docx is imported in this module only.
__all__ = ["WD_STYLE_TYPE", "Cm", "OxmlElement", "Pt", "new_docx", "open_docx", "qn", "read_docx"]

# Built-in heading styles; Danish Word shows them as "Overskrift 1" but stores "heading 1".
_HEADING_RE = re.compile(r"^(?:heading|overskrift)\s+(\d)$", re.I)
_LIST_LEVEL_RE = re.compile(r"^list\b.*?(\d)?$", re.I)
_SPACES = re.compile(r"[ \t]+")
_CORE_FIELDS = (
    "title", "subject", "keywords", "identifier", "category", "comments", "author",
    "last_modified_by", "content_status", "language", "version",
)  # fmt: skip
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


# ---- reading ---------------------------------------------------------------------------


def _clean(text: str) -> str:
    """Normalise characters; tabs/spaces collapse, line breaks stay "\\n", blank lines go."""
    lines = (_SPACES.sub(" ", line).strip() for line in normalize(text).split("\n"))
    return "\n".join(line for line in lines if line)


_TEXT_TAGS: dict[str, str] = {qn("w:t"): "", qn("w:tab"): "\t", qn("w:br"): "\n", qn("w:cr"): "\n",
              qn("w:noBreakHyphen"): "-"}  # fmt: skip


def _paragraph_text(p_el: Any) -> str:
    """The paragraph's text, including tracked insertions (`w:ins`), which python-docx's
    `Paragraph.text` drops, and leaving out deletions (`w:delText`) and text boxes."""
    nested = [p for p in p_el.iter(qn("w:p")) if p is not p_el]
    # The set holds the element proxies themselves, so lxml keeps their identity stable.
    skip = {el for p in nested for el in p.iter()} if nested else set()
    parts: list[str] = []
    for el in p_el.iter(*_TEXT_TAGS):
        if el not in skip:
            parts.append((el.text or "") if el.tag == qn("w:t") else _TEXT_TAGS[el.tag])
    return "".join(parts)


# Word nests list levels 0-8; a damaged numbering.xml may say anything.
LIST_LEVELS = 9


def _style_chain(style: Any) -> Iterator[Any]:
    """A style and the styles it is based on; a loop (a style based on itself, which a
    careless writer can produce) ends the chain instead of running forever."""
    seen: set[Any] = set()
    while style is not None and style.element not in seen:
        seen.add(style.element)
        yield style
        style = style.base_style


def _int(value: Any, default: int) -> int:
    """An integer attribute of the numbering part, or `default` when it is not one."""
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def _style_bold(style: Any) -> bool:
    for s in _style_chain(style):
        if s.font.bold is not None:
            return bool(s.font.bold)
    return False


def _num_pr(p: Paragraph) -> tuple[str, int] | None:
    """(numId, ilvl) from the paragraph or its style chain; numId 0 switches numbering off."""
    elements = [p._p.pPr] + [s.element.pPr for s in _style_chain(p.style)]
    for ppr in elements:
        num = ppr.numPr if ppr is not None else None
        if num is not None and num.numId is not None:
            ilvl = num.ilvl.val if num.ilvl is not None else 0
            level = min(max(_int(ilvl, 0), 0), LIST_LEVELS - 1)
            return (str(num.numId.val), level) if num.numId.val != 0 else None
    return None


class _Numbering:
    """Computes list markers ("•", "1.", "a)") from numbering.xml with running counters."""

    def __init__(self, document: Any) -> None:
        self._levels: dict[tuple[str, int], tuple[str, str, int]] = {}
        self._counts: dict[str, list[int]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError):
            return
        abstract = {a.get(qn("w:abstractNumId")): a for a in root.findall(qn("w:abstractNum"))}
        for num in root.findall(qn("w:num")):
            ref = num.find(qn("w:abstractNumId"))
            a = abstract.get(ref.get(qn("w:val"))) if ref is not None else None
            for lvl in a.findall(qn("w:lvl")) if a is not None else []:
                fmt, text, start = (lvl.find(qn(t)) for t in ("w:numFmt", "w:lvlText", "w:start"))
                self._levels[(num.get(qn("w:numId")), _int(lvl.get(qn("w:ilvl")), 0))] = (
                    fmt.get(qn("w:val")) if fmt is not None else "decimal",
                    text.get(qn("w:val")) if text is not None else "",
                    _int(start.get(qn("w:val")), 1) if start is not None else 1,
                )

    def marker(self, num_id: str, ilvl: int) -> str:
        fmt, text, start = self._levels.get((num_id, ilvl), ("bullet", "•", 1))
        if fmt == "bullet":
            return normalize(text) or "•"
        counts = self._counts.setdefault(num_id, [0] * 9)
        counts[ilvl] = counts[ilvl] + 1 if counts[ilvl] else start
        counts[ilvl + 1 :] = [0] * (8 - ilvl)

        def render(level: int) -> str:
            lfmt = self._levels.get((num_id, level), ("decimal", "", 1))[0]
            return format_number(counts[level] or 1, lfmt)

        return re.sub(r"%(\d)", lambda m: render(int(m.group(1)) - 1), text) or f"{counts[ilvl]}."


class _Reader:
    def __init__(self, document: Any) -> None:
        self.doc = document
        self.body = document.element.body
        self.numbering = _Numbering(document)
        # Word's last layout (lastRenderedPageBreak) is the best page evidence; without it
        # only explicit page breaks are known.
        self.rendered = bool(self.body.findall(".//" + qn("w:lastRenderedPageBreak")))
        self.page = 1
        self.blocks: list[Block] = []
        self.raw_texts: list[str] = []  # top-level paragraphs as typed, empty ones included
        self.structured = False  # a table, a heading style or a Word list seen

    def _breaks(self, p_el: Any) -> tuple[int, int]:
        """Page breaks (before the paragraph's first text, after it)."""
        before = after = 0
        ppr = p_el.pPr
        if not self.rendered and ppr is not None:
            pb = ppr.find(qn("w:pageBreakBefore"))
            if pb is not None and pb.get(qn("w:val"), "1") not in ("0", "false"):
                before += 1
        seen_text = False
        for el in p_el.iter(qn("w:t"), qn("w:br"), qn("w:lastRenderedPageBreak")):
            if el.tag == qn("w:t"):
                seen_text = seen_text or bool((el.text or "").strip())
                continue
            is_break = (
                el.tag == qn("w:lastRenderedPageBreak")
                if self.rendered
                else el.tag == qn("w:br") and el.get(qn("w:type")) == "page"
            )
            if is_break:
                after, before = (after + 1, before) if seen_text else (after, before + 1)
        if not self.rendered and ppr is not None and ppr.find(qn("w:sectPr")) is not None:
            sect_type = ppr.find(qn("w:sectPr")).find(qn("w:type"))
            if sect_type is None or sect_type.get(qn("w:val")) != "continuous":
                after += 1
        return before, after

    def paragraph(self, p_el: Any, parent: Any) -> None:
        before, after = self._breaks(p_el)
        self.page += before
        p = Paragraph(p_el, parent)
        raw = _paragraph_text(p_el)
        self.raw_texts.append(raw)
        if text := _clean(raw):
            block = self._block(p, text)
            self.structured |= block.kind == "heading" or _num_pr(p) is not None
            self.blocks.append(block)
        self.page += after

    def _block(self, p: Paragraph, text: str) -> Block:
        style = p.style.name if p.style is not None else None
        runs = [r for r in p.runs if r.text.strip()]
        bold_default = _style_bold(p.style)
        bold = bool(runs) and all(
            r.bold if r.bold is not None else (_style_bold(r.style) or bold_default) for r in runs
        )
        kind: BlockKind = "paragraph"
        level, marker = 0, None
        heading = _HEADING_RE.match(style or "")
        num = _num_pr(p)
        if heading or style == "Title":
            kind, level = "heading", int(heading.group(1)) if heading else 1
        elif num is not None or (style or "").lower().startswith("list"):
            kind = "list_item"
            # "List Bullet 2" carries its indent in the style name; its own numbering says 0.
            m = _LIST_LEVEL_RE.match(style or "")
            level = int(m.group(1)) - 1 if m and m.group(1) else 0
            if num is not None:
                level, marker = max(level, num[1]), self.numbering.marker(*num)
        elif bullet := split_bullet(text):
            # a bullet typed into an ordinary paragraph ("– Tekst", "• Tekst"): a list item,
            # as the PDF and text readers make of the same line
            kind, level, marker, text = "list_item", bullet.level, bullet.marker, bullet.text
        size = p.style.font.size.pt if p.style is not None and p.style.font.size else 0.0
        return Block(kind, text, self.page, level=level, bold=bold, size=size, style=style,
                     marker=marker)  # fmt: skip

    def table(self, tbl_el: Any, parent: Any) -> None:
        """Cells row by row as table_cell blocks; `level` is the column index (0 = new row).
        A cell with several paragraphs gives one block per paragraph, all with its column.
        """
        self.structured = True
        for tr in tbl_el.findall(qn("w:tr")):
            col = 0
            for tc in tr.findall(qn("w:tc")):
                span_el = tc.tcPr.gridSpan if tc.tcPr is not None else None
                span = span_el.val if span_el is not None else 1
                vmerge = tc.tcPr.vMerge if tc.tcPr is not None else None
                if vmerge is None or vmerge.val == "restart":  # continuation cells are empty
                    self._cell(tc, parent, col)
                col += span

    def _cell(self, tc: Any, parent: Any, col: int) -> None:
        """One block per paragraph in the cell (nested tables included): a member list or an
        address in one cell stays line by line, as the PDF shows it."""
        for p_el in tc.iter(qn("w:p")):
            before, after = self._breaks(p_el)
            self.page += before
            p = Paragraph(p_el, parent)
            if text := _clean(_paragraph_text(p_el)):
                style = p.style.name if p.style is not None else None
                self.blocks.append(Block("table_cell", text, self.page, level=col, style=style))
            self.page += after

    def walk(self, element: Any) -> None:
        for child in element.iterchildren():
            if child.tag == qn("w:p"):
                self.paragraph(child, self.doc._body)
            elif child.tag == qn("w:tbl"):
                self.table(child, self.doc._body)
            elif child.tag in (qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml")):
                self.walk(child)  # content controls and TOC fields wrap ordinary paragraphs


# A section's header and footer parts, the first page's first: a KL memo's letterhead (`Dato:`,
# `Sags ID:`, `Dok. ID:` …) sits in its first-page header.
_HEADER_PARTS = ("first_page_header", "header", "even_page_header",
                 "first_page_footer", "footer", "even_page_footer")  # fmt: skip


def _header_lines(document: Any) -> tuple[list[str], list[str]]:
    """The first section's header and footer text as lines (a paragraph's line breaks and
    tab stops part fields: `Sagsnr. 12/345<tab>Dato: 3. marts 2025`), and of those the
    default header's (on every page but the first)."""
    if not document.sections:
        return [], []
    section = document.sections[0]
    lines: list[str] = []
    default: list[str] = []
    for name in _HEADER_PARTS:
        part = getattr(section, name)
        if part.is_linked_to_previous:  # no part of its own (and asking for one would add it)
            continue
        for p_el in part._element.iter(qn("w:p")):
            for line in re.split(r"[\t\n]", normalize(_paragraph_text(p_el))):
                if line := _SPACES.sub(" ", line).strip():
                    lines.append(line)
                    if name == "header":
                        default.append(line)
    return lines, default


def _header_metadata(document: Any) -> dict[str, str]:
    """Letterhead fields and running header of the first section's headers and footers."""
    return header_metadata(*_header_lines(document))


def open_docx(path: Path) -> Any:
    """Open a DOCX with python-docx, turning every failure into a KitarError."""
    if not path.exists():
        raise DocumentNotFound("no such file", path)
    if path.stat().st_size == 0:
        raise EmptyDocument("empty file (0 bytes)", path)
    with path.open("rb") as fh:
        head = fh.read(1 << 16)
    if head.startswith(_OLE_MAGIC):
        if "EncryptionInfo".encode("utf-16-le") in head:
            raise EncryptedDocument("password-protected DOCX; save an unprotected copy", path)
        raise UnsupportedFormat("legacy Word .doc file; save it as .docx first", path)
    if not zipfile.is_zipfile(path):
        raise UnsupportedFormat("not a DOCX file (not a zip package)", path)
    with zipfile.ZipFile(path) as zf:
        if "word/document.xml" not in zf.namelist():
            raise UnsupportedFormat("zip package without word/document.xml", path)
    try:
        return docx.Document(str(path))
    except Exception as exc:  # python-docx raises lxml, KeyError, ValueError… on broken parts
        raise DamagedDocument(f"cannot read DOCX: {exc}", path) from None


def read_docx(path: str | Path) -> Document:
    """Read a DOCX body into blocks (headings, paragraphs, list items, table cells).

    Metadata: core properties as `docx_<name>` (e.g. `docx_identifier`, `docx_created`).
    """
    path = Path(path)
    document = open_docx(path)
    try:
        reader = _Reader(document)
        reader.walk(reader.body)
    except Exception as exc:  # a damaged part python-docx loaded lazily (lxml, KeyError …)
        raise DamagedDocument(f"cannot read DOCX: {type(exc).__name__}: {exc}", path) from None
    if not reader.blocks:
        raise NothingToExtract("no text in the document body", path)
    blocks, pages, fields = reader.blocks, reader.page, {}
    if not reader.structured and line_broken(reader.raw_texts):
        # its paragraphs are lines: the text reader joins them as it joins a text file's
        as_text = parse_text("\n".join(reader.raw_texts), str(path))
        blocks, pages, fields = as_text.blocks, as_text.pages, as_text.metadata
    found: dict[str, str] = {}
    props = document.core_properties
    for name in _CORE_FIELDS:
        if value := (getattr(props, name, None) or "").strip():
            found[name] = normalize(value)
    for name in ("created", "modified"):
        if (value := getattr(props, name, None)) is not None:
            found[name] = value.isoformat()
    warnings: list[str] = []
    try:
        headers = _header_metadata(document)
    except Exception as exc:  # a damaged header part: the body is what matters
        headers = {}
        warnings.append(f"headers and footers not read ({type(exc).__name__}: {exc})")
    return Document(
        path=str(path),
        format="docx",
        pages=pages,
        blocks=blocks,
        metadata={**fields, **headers, **{f"docx_{k}": v for k, v in found.items()}},
        warnings=warnings,
        sha256=hashlib.sha256(path.read_bytes()).hexdigest(),
        properties=CoreProperties(**found),
    )


def new_docx() -> Any:
    """A blank python-docx Document from python-docx's default template."""
    return docx.Document()
