"""DOCX writing for the minutes draft; python-docx names come through kitar.read.docx."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from kitar.minutes.output import write_output
from kitar.read.docx import WD_STYLE_TYPE, Cm, OxmlElement, Pt, new_docx, open_docx, qn

_CORE_FIELDS = (
    "title", "subject", "keywords", "identifier", "category", "comments", "author",
    "last_modified_by", "content_status", "language", "version",
)  # fmt: skip


def field_run(paragraph: Any, instruction: str, shown: str = "1") -> None:
    """Append a Word field (e.g. PAGE) that Word and LibreOffice update on display."""
    run = paragraph.add_run()
    for kind, text in (("begin", None), ("instr", instruction), ("separate", None),
                       ("text", shown), ("end", None)):  # fmt: skip
        if kind == "instr":
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = f" {text} "
        elif kind == "text":
            el = OxmlElement("w:t")
            el.text = shown
        else:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        run._r.append(el)


# A blank document is set up for Danish secretariats: A4 paper (python-docx's default
# template is US Letter) and Danish proofing (its styles declare en-US, so Word would
# spell-check the Danish as English). A user's --template keeps its own settings.
PAGE_CM = (21.0, 29.7)
MARGIN_CM = 2.5
LANGUAGE = "da-DK"
TOC_PLACEHOLDER = "Opdater feltet (F9) for at se indholdsfortegnelsen."


def _set_language(doc: Any, lang: str) -> None:
    """The default run language in styles.xml (docDefaults) and in the Normal style."""
    styles = doc.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles.insert(0, defaults)
    holders = [defaults]
    for style in styles.findall(qn("w:style")):
        if style.get(qn("w:styleId")) == "Normal":
            holders.append(style)
    for holder in holders:
        if holder is defaults:
            rpr_default = holder.find(qn("w:rPrDefault"))
            if rpr_default is None:
                rpr_default = OxmlElement("w:rPrDefault")
                holder.insert(0, rpr_default)
            parent = rpr_default
        else:
            parent = holder
        rpr = parent.find(qn("w:rPr"))
        if rpr is None:
            rpr = OxmlElement("w:rPr")
            parent.append(rpr)
        for old in rpr.findall(qn("w:lang")):
            rpr.remove(old)
        el = OxmlElement("w:lang")
        for attr in ("w:val", "w:eastAsia", "w:bidi"):
            el.set(qn(attr), lang)
        rpr.append(el)


class DocxWriter:
    """A Word document built paragraph by paragraph, from a house template or blank."""

    def __init__(self, template: str | Path | None = None) -> None:
        if template is None:
            self._doc = new_docx()
            for section in self._doc.sections:
                section.page_width, section.page_height = Cm(PAGE_CM[0]), Cm(PAGE_CM[1])
                for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
                    setattr(section, side, Cm(MARGIN_CM))
            _set_language(self._doc, LANGUAGE)
        else:
            self._doc = open_docx(Path(template))
            body = self._doc.element.body
            for child in list(body):  # keep styles, page setup, headers/footers; drop content
                if child.tag != qn("w:sectPr"):
                    body.remove(child)
        props = self._doc.core_properties
        now = datetime.now(UTC).replace(microsecond=0)
        props.author = props.last_modified_by = "kitar"
        props.created = props.modified = now
        props.revision = 1

    def has_style(self, name: str) -> bool:
        try:
            self._doc.styles[name]
        except KeyError:
            return False
        return True

    def ensure_style(
        self,
        name: str,
        base: str = "Normal",
        *,
        bold: bool | None = None,
        italic: bool | None = None,
        size: float | None = None,
        indent_cm: float | None = None,
        next_self: bool = False,
        keep_with_next: bool = False,
        outline_level: int | None = None,
    ) -> None:
        """Create a paragraph style unless the document already has it (a template wins)."""
        if self.has_style(name):
            return
        style = self._doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        if self.has_style(base):
            style.base_style = self._doc.styles[base]
        style.quick_style = True
        style.font.bold, style.font.italic = bold, italic
        if size:
            style.font.size = Pt(size)
        if indent_cm is not None:
            style.paragraph_format.left_indent = Cm(indent_cm)
        if keep_with_next:  # a label never ends a page without what it labels
            style.paragraph_format.keep_with_next = True
        if next_self:  # Enter in Word keeps the style, so multi-paragraph input stays marked
            style.next_paragraph_style = style
        if outline_level is not None:  # what makes a heading show in the navigation pane
            lvl = OxmlElement("w:outlineLvl")
            lvl.set(qn("w:val"), str(outline_level))
            style.element.get_or_add_pPr().append(lvl)

    def add_heading(self, text: str, level: int = 1) -> None:
        name = f"Heading {level}"
        self.ensure_style(name, bold=True, size=max(16 - 2 * level, 10), outline_level=level - 1)
        self._doc.add_paragraph(text, style=name)

    def add_paragraph(self, text: str = "", style: str | None = None, *, bold: bool = False,
                      italic: bool = False) -> None:  # fmt: skip
        p = self._doc.add_paragraph(style=style if style and self.has_style(style) else None)
        for i, line in enumerate(text.split("\n")):
            if i:
                p.add_run().add_break()
            if line:
                run = p.add_run(line)
                run.bold, run.italic = bold or None, italic or None

    def add_list_item(self, text: str, level: int = 0, numbered: bool = False) -> None:
        base = "List Number" if numbered else "List Bullet"
        name = base if level == 0 else f"{base} {min(level + 1, 3)}"
        self.ensure_style(name, indent_cm=0.63 * (level + 1))  # only if the template lacks it
        self.add_paragraph(text, name)

    def add_table(self, headers: Sequence[str], rows: Sequence[Sequence[str]],
                  style: str = "Table Grid") -> None:  # fmt: skip
        table = self._doc.add_table(rows=1, cols=len(headers))
        if self.has_style(style):
            table.style = self._doc.styles[style]
        for cell, text in zip(table.rows[0].cells, headers, strict=True):
            cell.text = ""
            cell.paragraphs[0].add_run(text).bold = True
        for row in rows:
            for cell, text in zip(table.add_row().cells, row, strict=True):
                cell.text = text

    def add_toc(self, levels: str = "1-2") -> None:
        """A table-of-contents field over the headings; Word fills it in when the document
        is opened (updateFields), LibreOffice on Tools ▸ Update."""
        p = self._doc.add_paragraph()
        field_run(p, f'TOC \\o "{levels}" \\h \\z \\u', TOC_PLACEHOLDER)
        settings = self._doc.settings.element
        if settings.find(qn("w:updateFields")) is None:
            update = OxmlElement("w:updateFields")
            update.set(qn("w:val"), "true")
            settings.append(update)

    def add_page_numbers(self, prefix: str = "Side ", between: str = " af ") -> None:
        """`Side N af M` in the footer, unless the template's footer already has content."""
        for section in self._doc.sections:
            footer = section.footer
            if not footer.is_linked_to_previous:
                xml = footer._element.xml
                if any(p.text.strip() for p in footer.paragraphs) or "fldChar" in xml:
                    continue
            p = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
            p.add_run(prefix)
            field_run(p, "PAGE")
            p.add_run(between)
            field_run(p, "NUMPAGES")

    def set_properties(self, **values: str) -> None:
        """Core properties: title, subject, identifier, keywords, category, comments…"""
        props = self._doc.core_properties
        for name, value in values.items():
            if name not in _CORE_FIELDS:
                raise ValueError(f"unknown core property {name}")
            setattr(props, name, value)

    def save(self, path: str | Path, *, force: bool = False) -> Path:
        """Write through the one output writer (atomic; an existing file kept unless
        `force`; only regular files)."""
        return write_output(path, self._doc.save, force=force)


def fill_paragraphs(path: str | Path, style: str, texts: Sequence[str | None],
                    out: str | Path) -> int:  # fmt: skip
    """Type texts into the empty paragraphs of `style`, in order (as a secretary would).

    None skips a paragraph. Returns how many were filled; used by the demo and the tests.
    """
    document = open_docx(Path(path))
    targets = [p for p in document.paragraphs if p.style is not None and p.style.name == style]
    filled = 0
    for p, text in zip(targets, texts, strict=False):
        if text:
            p.add_run(text)
            filled += 1
    document.save(str(out))
    return filled
