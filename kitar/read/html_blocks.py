"""The blocks of a web page's content, from its element tree.

The page's own structure is the evidence: `h1`–`h6` are headings with their level, a
`<summary>` (or a heading inside it) heads a collapsible section one level below the heading
it sits under, `li` are list items (ordered lists keep their number as the marker, as DOCX
numbering does), table cells are `table_cell` blocks with their column as `level`, everything
else is paragraphs; a `<br>` ends a block (in a page the author breaks lines, the renderer
does not). A list or table whose entries link to places on the same page (`#punkt-3`)
is a table of contents and gets the style "toc 1", as Word's own contents do. Site chrome is
skipped by kitar.read.html_chrome's rules. The elements are lxml's, used through their own
methods only: kitar.read.html parses the page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from kitar.model import Block, BlockKind
from kitar.read.html_chrome import TOGGLE_RE, is_chrome
from kitar.text.normalize import normalize

_HEADING_TAGS = {f"h{n}": n for n in range(1, 7)}
_BLOCK_TAGS = frozenset(
    {
        "p",
        "div",
        "section",
        "article",
        "main",
        "body",
        "blockquote",
        "pre",
        "address",
        "dd",
        "dt",
        "dl",
        "figure",
        "figcaption",
        "caption",
        "center",
        "fieldset",
        "legend",
        "hr",
        "header",
        "footer",
        "aside",
        "details",
        "summary",
        "ul",
        "ol",
        "li",
        "table",
        "thead",
        "tbody",
        "tfoot",
        "tr",
        "td",
        "th",
        "html",
        *_HEADING_TAGS,
    }
)
_BOLD_TAGS = frozenset({"b", "strong", "th"})
# A list or table is a table of contents when this share of its entries are in-page links.
TOC_LINK_SHARE = 0.8  # a few plain entries (a section label like "Lukket punkt") are allowed
_OL_TYPES = {"a": "abcdefghijklmnopqrstuvwxyz", "A": "ABCDEFGHIJKLMNOPQRSTUVWXYZ"}


@dataclass
class _Frame:
    kind: BlockKind
    level: int = 0
    marker: str | None = None
    style: str | None = None
    emitted: bool = False  # a list item's first block carries its marker, later ones do not
    bold: bool = False


def text_of(el: Any) -> str:
    """The element's text, its whitespace runs as single spaces."""
    return " ".join(el.text_content().split())


def _in_page_link(el: Any) -> bool:
    return any((a.get("href") or "").startswith("#") for a in el.iter("a"))


def _is_toc(entries: list[Any]) -> bool:
    """Entries (li or tr) that mostly link to anchors on this page: a list of contents."""
    if len(entries) < 2:
        return False
    return sum(_in_page_link(e) for e in entries) >= TOC_LINK_SHARE * len(entries)


def _ol_start(ol: Any) -> int:
    value = (ol.get("start") or "1").strip()
    return int(value) if value.lstrip("-").isdigit() else 1


def _ol_marker(ol: Any, n: int) -> str:
    """The number an `ol` shows for its n-th entry: `49.`, or `c.` for `type="a"`."""
    kind = ol.get("type") or "1"
    if kind in _OL_TYPES and 1 <= n <= 26:
        return f"{_OL_TYPES[kind][n - 1]}."
    return f"{n}."


class _Walker:
    """Depth-first over the element tree, flushing inline text into blocks at block edges."""

    def __init__(self, has_main: bool) -> None:
        self.blocks: list[Block] = []
        self.buf: list[tuple[str, bool]] = []  # (text, bold)
        self.frames: list[_Frame] = [_Frame("paragraph")]
        self.has_main = has_main
        self.bold_depth = 0
        self.list_depth = -1
        self.heading_level = 0  # the last heading's level outside summaries
        self.details: list[int | None] = []  # each open <details>: its summary's level
        self.in_summary = 0
        self.in_content = 0  # inside <article>: its own header is content

    # ---- text buffer ------------------------------------------------------------
    def add_text(self, text: str | None) -> None:
        if text:
            self.buf.append((text, self.bold_depth > 0))

    def flush(self) -> None:
        """The buffered text as blocks: one per line, since a `<br>` in a page is the
        author's line break (`Sagsnr.: …<br>Dok.nr.: …`), not the renderer's wrapping."""
        chunks, self.buf = self.buf, []
        lines: list[list[tuple[str, bool]]] = [[]]
        for text, bold in chunks:
            parts = text.split("\n")
            for k, part in enumerate(parts):
                if k:
                    lines.append([])
                lines[-1].append((part, bold))
        for line in lines:
            self._emit(line)

    def _emit(self, chunks: list[tuple[str, bool]]) -> None:
        text = " ".join(normalize("".join(t for t, _ in chunks)).split())
        bold = all(b for t, b in chunks if t.strip())
        frame = self.frames[-1]
        if frame.kind == "heading":
            text = TOGGLE_RE.sub("", text)
        if not text or TOGGLE_RE.fullmatch(text):
            return
        kind, marker = frame.kind, frame.marker
        if frame.kind == "list_item" and frame.emitted:
            kind, marker = "paragraph", None
        frame.emitted = True
        if kind == "heading":
            if self.in_summary and self.details and self.details[-1] is None:
                self.details[-1] = frame.level
            elif not self.in_summary:
                self.heading_level = frame.level
        self.blocks.append(
            Block(
                kind,
                text,
                1,
                level=frame.level,
                bold=bold or frame.bold,
                style=frame.style,
                marker=marker,
            )
        )

    # ---- tree walk ----------------------------------------------------------------
    def walk(self, el: Any) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if not tag:  # comments and processing instructions: only their tail is text
            return
        if is_chrome(el, self.has_main, self.in_content > 0):
            return
        if tag == "br":
            self.add_text("\n")
            return
        if tag not in _BLOCK_TAGS:
            if TOGGLE_RE.fullmatch(text_of(el)) and tag in ("a", "span", "label", "i"):
                return  # a toggle link: "fold ud"
            self._inline(el, tag)
            return
        self.flush()
        if tag == "details":
            self.details.append(None)
        frame = self._frame_for(el, tag)
        if tag == "article":
            self.in_content += 1
        if tag == "summary":
            self.in_summary += 1
        if frame is not None:
            self.frames.append(frame)
        if tag in ("ul", "ol"):
            self._list(el, tag)
        elif tag == "table":
            self._table(el)
        else:
            self.add_text(el.text)
            for child in el:
                self.walk(child)
                self.add_text(child.tail)
        self.flush()
        if frame is not None:
            self.frames.pop()
        if tag == "details":
            self.details.pop()
        if tag == "summary":
            self.in_summary -= 1
        if tag == "article":
            self.in_content -= 1

    def _inline(self, el: Any, tag: str) -> None:
        bold = tag in _BOLD_TAGS
        self.bold_depth += bold
        self.add_text(el.text)
        for child in el:
            self.walk(child)
            self.add_text(child.tail)
        self.bold_depth -= bold

    def _frame_for(self, el: Any, tag: str) -> _Frame | None:
        parent = self.frames[-1]
        if tag in _HEADING_TAGS:
            return _Frame("heading", level=_HEADING_TAGS[tag])
        if tag == "summary":
            # one level below the heading it sits under: the enclosing summary, else the
            # last heading before this <details>
            outer = [lv for lv in self.details[:-1] if lv is not None]
            base = outer[-1] if outer else self.heading_level
            return _Frame("heading", level=min(6, base + 1))
        if tag in ("p", "div", "section", "blockquote", "pre", "dd", "dt", "figcaption"):
            if parent.kind in ("list_item", "table_cell"):
                return None  # the item's or cell's own text continues
            if parent.kind == "heading":
                return None
            return _Frame("paragraph", style=parent.style if parent.style == "toc 1" else None)
        return None

    def _list(self, el: Any, tag: str) -> None:
        entries = [li for li in el if isinstance(li.tag, str) and li.tag == "li"]
        toc = _is_toc(entries) or self.frames[-1].style == "toc 1"
        self.list_depth += 1
        self.add_text(el.text)
        number = _ol_start(el)
        for child in el:
            if isinstance(child.tag, str) and child.tag == "li":
                if (child.get("value") or "").isdigit():
                    number = int(child.get("value"))
                marker = _ol_marker(el, number) if tag == "ol" else "•"
                number += 1
                self.flush()
                frame = _Frame(
                    "list_item",
                    level=self.list_depth,
                    marker=marker,
                    style="toc 1" if toc else None,
                )
                self.frames.append(frame)
                self.add_text(child.text)
                for sub in child:
                    self.walk(sub)
                    self.add_text(sub.tail)
                self.flush()
                self.frames.pop()
            else:
                self.walk(child)
            self.add_text(child.tail)
        self.list_depth -= 1

    def _table(self, el: Any) -> None:
        rows = [tr for tr in el.iter("tr") if _owning_table(tr) is el]
        toc = _is_toc(rows)
        for caption in el.iterchildren("caption"):
            self.walk(caption)
        for tr in rows:
            col = 0
            cells = [c for c in tr if isinstance(c.tag, str) and c.tag in ("td", "th")]
            marker = None
            for cell in cells:
                span = (
                    int(cell.get("colspan") or 1) if (cell.get("colspan") or "1").isdigit() else 1
                )
                text = text_of(cell)
                # A row numbered in a cell of its own ("3." | "Budget 2025") numbers the next
                # cell, as a list item's marker does.
                if _NUMBER_CELL_RE.fullmatch(text) and marker is None and col == 0:
                    marker = text if text.endswith((".", ")")) else f"{text}."
                    col += span
                    continue
                # A cell holding paragraphs, headings or lists is a layout container (an
                # item's body in a table): its blocks keep their own kinds.
                container = any(
                    isinstance(d.tag, str) and d.tag in _CONTAINER_TAGS
                    for d in cell.iterdescendants()
                )
                kind: BlockKind = "paragraph" if container else "table_cell"
                self.frames.append(
                    _Frame(
                        kind,
                        level=0 if container else col,
                        marker=marker,
                        bold=cell.tag == "th",
                        style="toc 1" if toc else None,
                    )
                )
                marker = None
                self.add_text(cell.text)
                for child in cell:
                    self.walk(child)
                    self.add_text(child.tail)
                self.flush()
                self.frames.pop()
                col += span


_CONTAINER_TAGS = frozenset({"p", "div", "ul", "ol", "table", "blockquote", *_HEADING_TAGS})
# A table cell holding only an item number: "3", "3.", "12)".
_NUMBER_CELL_RE = re.compile(r"\d{1,3}[.)]?")


def _owning_table(tr: Any) -> Any:
    node = tr.getparent()
    while node is not None and node.tag != "table":
        node = node.getparent()
    return node


def page_blocks(content: Any, has_main: bool) -> list[Block]:
    """The blocks of the page's content element (`<main>`, else the body)."""
    walker = _Walker(has_main)
    walker.walk(content)
    walker.flush()
    return walker.blocks
