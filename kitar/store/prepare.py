"""Turn a parsed (Document, Meeting) into rows to write: pure, so it runs in worker processes."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kitar.model import Document, Item, Meeting
from kitar.redact import Redactor, redactor_for
from kitar.store.analyze import analyze, words
from kitar.store.cite import encode, page_map

KINDS = ("item", "recommendation", "decision", "annex", "page")


@dataclass
class Unit:
    """One searchable piece: an item's title and text, a recommendation, a decision, …"""

    kind: str
    item_index: int | None  # index into Prepared.items (pre-order), None for cover pages
    page: int | None
    closed: bool
    confidential: bool
    text: str
    stems: str = ""
    parts: str = ""
    page_map: str | None = None  # where each page begins in the text (kitar.store.cite)
    visibility: str = "all"  # all | internal | public (kitar.redact)


@dataclass
class Prepared:
    path: str
    sha256: str
    format: str
    pages: int
    doc_warnings: list[str]
    page_texts: list[str]
    meeting: Meeting
    ocr_pages: list[int] = field(default_factory=list)  # pages whose text came from OCR
    items: list[tuple[Item, int | None, bool]] = field(default_factory=list)  # item, parent, closed
    units: list[Unit] = field(default_factory=list)
    organisation: str | None = None  # the municipality or organisation the meeting belongs to

    @property
    def item_numbers(self) -> set[str]:
        return {it.number for it, parent, _ in self.items if parent is None and it.number}


def meeting_key(body: str | None, date: str | None) -> str | None:
    """Agenda and minutes of one meeting share this: date plus the body's letters and digits."""
    if not body or not date:
        return None
    letters = "".join(re.findall(r"[^\W_]+", body.casefold()))
    return f"{date}|{letters}"


def _flatten(items: list[Item], parent: int | None, closed: bool, out: list) -> None:
    for item in items:
        index = len(out)
        shut = closed or item.closed  # a sub-item of a closed item is closed too
        out.append((item, parent, shut))
        _flatten(item.subitems, index, shut, out)


def _item_text(item: Item) -> str:
    parts = [item.title]
    parts.extend(f"{s.heading}\n{s.text}" if s.heading else s.text for s in item.sections)
    return "\n\n".join(p for p in parts if p)


def _heading_key(text: str) -> str:
    return LABEL_RE.sub("", " ".join(text.split())).casefold()


# A paragraph opens an item when it starts with the item's title (its first characters, so
# that "6. Arkitektur for … – LUKKET PUNKT" and a title cut by the parser still match).
HEADING_PREFIX = 40
# A title shorter than this counts as a heading only with its number: "Evt." is a word too.
SHORT_TITLE = 12


class _Owners:
    """Which top-level item each paragraph of the page texts belongs to, in reading order.

    Pages are not split by page range: the item after a closed one may start on the closed
    one's last page. A paragraph that opens an item (its number and title) moves the owner
    on; an item with a known start page only opens on or after that page, so a table of
    contents does not.
    """

    def __init__(self, items: list[tuple[Item, int | None, bool]]) -> None:
        # by the title's first word: a paragraph is compared with the few items it may open
        self.tops: dict[str, list[tuple[int, Item, str, re.Pattern[str] | None]]] = {}
        for index, (item, parent, _) in enumerate(items):
            if parent is None and item.title:
                label = (
                    re.compile(rf"^\s*{re.escape(item.number.rstrip('.'))}[.):]?\s")
                    if item.number
                    else None
                )
                title = _heading_key(item.title)[:HEADING_PREFIX]
                if title:
                    self.tops.setdefault(title.split(" ")[0], []).append(
                        (index, item, title, label)
                    )
        self.owner: int | None = None

    def opens(self, page: int, para: str) -> int | None:
        # only the paragraph's start can match a title prefix (plus room for a label and
        # collapsed spaces): long paragraphs are not normalised whole
        key = _heading_key(para[: 3 * HEADING_PREFIX])
        if not key:
            return None
        for index, item, title, label in self.tops.get(key.partition(" ")[0], []):
            if item.page is not None and page < item.page:
                continue
            if not key.startswith(title):
                continue
            if (label is not None and label.match(para)) or len(title) >= SHORT_TITLE:
                return index
        return None

    def split(self, page: int, paragraphs: list[str]) -> list[int | None]:
        """The owner of each paragraph of one page (call page by page, in order)."""
        out: list[int | None] = []
        for para in paragraphs:
            found = self.opens(page, para)
            if found is not None:
                self.owner = found
            out.append(self.owner)
        return out


def _words(text: str) -> str:
    return " ".join(words(text))


def _item_texts(item: Item) -> list[str]:
    """The texts the item's own units index, in reading order."""
    parts = [item.title, *(f"{s.heading}\n{s.text}" for s in item.sections)]
    parts += item.recommendations + [d.text for d in item.decisions] + [item.decision or ""]
    # "2012-208960 - Hvordan udvikler vi …" (eDoc), "Bilag 1: Notat om taksterne" (KL)
    parts += [f"{a.ref or ''} {a.title} bilag {a.number} {a.title}" for a in item.annexes]
    return parts


# A paragraph may open with the item's label: "1. Meddelelser", "a. Møder og konferencer".
LABEL_RE = re.compile(r"^(?:\d{1,4}|[a-zæøå])[.)]\s+", re.IGNORECASE)


class _Range:
    """The text of one top-level item (with its sub-items) and the pages it may be on."""

    def __init__(self, start: int, end: int, texts: list[str]) -> None:
        self.start, self.end = start, end
        self.lines = {" ".join(line.split()) for t in texts for line in t.split("\n")}
        self.raw = " " + " ".join(self.lines) + " "  # order is irrelevant: runs are per line
        self._words = ""

    @property
    def words(self) -> str:
        if not self._words:  # only for paragraphs the raw text does not contain
            self._words = f" {_words(self.raw)} "
        return self._words


def _contains(text: str, run: str) -> bool:
    # Without spaces around it the run may start or end inside a word: a page that opens
    # with "taliseringsstrategi" after "digi-" on the page before.
    return f" {run} " in text or (len(run) >= 8 and run in text)


class _Coverage:
    """Which paragraphs of a page its items' units already index.

    A page unit then holds only the rest (cover page, attendance, signatures, lines the parser
    left out), so a search finds an item's words once, as the item, not again as its pages.
    Paragraphs are compared as text, then as word sequences ("Bilag 1: Notat" ~ the annex).
    """

    def __init__(self, items: list[tuple[Item, int | None, bool]]) -> None:
        self.seen: dict[tuple[str, int, int], bool] = {}
        tops: list[tuple[int | None, list[str]]] = []
        for item, parent, _ in items:
            if parent is None:
                tops.append((item.page, []))
            if tops:
                tops[-1][1].extend(_item_texts(item))
        if any(page is None for page, _ in tops):  # no page numbers (a TXT file): one range
            self.ranges = [_Range(0, 1 << 30, [t for _, texts in tops for t in texts])]
            return
        starts = [page or 0 for page, _ in tops]
        self.ranges = [
            _Range(page or 0, max(starts[n + 1], page or 0) if n + 1 < len(starts) else 1 << 30, t)
            for n, (page, t) in enumerate(tops)
        ]

    def pages_from(self, page: int, texts: list[str]) -> list[tuple[int, str]]:
        """(number, text) of the pages from `page` to the end of the item range it is in."""
        starts = [r for r in self.ranges if r.start <= page <= r.end]
        end = max(starts, key=lambda r: r.start).end if starts else page
        return [(n, texts[n - 1]) for n in range(page, min(end, len(texts)) + 1) if n >= 1]

    def uncovered(self, page: int, paragraphs: list[str]) -> list[bool]:
        """For each paragraph of a page: whether no item unit indexes it already."""
        ranges = [r for r in self.ranges if r.start <= page <= r.end]
        if not ranges:
            return [True] * len(paragraphs)
        keep = []
        for para in paragraphs:
            raw = LABEL_RE.sub("", " ".join(para.split())).rstrip("-‐‑")
            if not raw or any(raw in r.lines for r in ranges):  # most paragraphs: whole
                keep.append(False)
                continue
            key = (raw, ranges[0].start, ranges[-1].end)
            found = self.seen.get(key)  # "Indstilling", "Beslutning" recur on every page
            if found is None:
                found = self.seen[key] = any(_contains(r.raw, raw) for r in ranges) or any(
                    _contains(r.words, _words(raw)) for r in ranges
                )
            keep.append(not found)
        return keep


def _add(units: list[Unit], red: Redactor, unit: Unit, public_text: str | None = None) -> None:
    """Add `unit` with its visibility: hidden units (closed items, confidential annexes) are
    internal, and get a public twin when the public may see part of them (`public_text`);
    text holding a confidential annex's title gets a redacted public twin."""
    hidden = unit.closed or unit.confidential
    if not hidden and not red.hides(unit.text):
        units.append(unit)
        return
    unit.visibility = "internal"
    units.append(unit)
    shown = public_text if hidden else red.text(unit.text)
    if shown:
        twin = Unit(unit.kind, unit.item_index, unit.page, unit.closed, False, shown)
        twin.visibility = "public"
        units.append(twin)


def document_organisation(doc: Document) -> str | None:
    """The organisation the document names in its header: a PDF's running header, a page's
    title, the first lines (kitar.parse.cases.find_organisation). Reads the page texts, since
    workers hand over documents without their blocks."""
    from kitar.parse.cases import HEADER_BLOCKS, find_organisation

    lines = [ln for text in doc.page_texts for ln in text.splitlines()]
    if not lines:
        lines = [b.text for b in doc.blocks]
    header = [
        doc.metadata.get("running_header", ""),
        doc.metadata.get("html_title", ""),
        *lines[:HEADER_BLOCKS],
    ]
    return find_organisation(header)


def prepare(doc: Document, meeting: Meeting, sha256: str, path: str) -> Prepared:
    """Rows and search units of one document; analysis (stems, compounds) happens here.

    Each unit carries its visibility (kitar.redact): a public search reads only units a
    public reader may see, item by item and unit by unit.
    """
    prep = Prepared(
        path=path,
        sha256=sha256,
        format=doc.format,
        pages=doc.pages,
        doc_warnings=list(doc.warnings),
        page_texts=list(doc.page_texts),
        meeting=meeting,
        ocr_pages=list(doc.ocr_pages),
        organisation=document_organisation(doc),
    )
    _flatten(meeting.items, None, False, prep.items)
    red = redactor_for(meeting)
    units = prep.units
    for index, (item, parent, shut) in enumerate(prep.items):
        # The public sees a closed item's number and title; of its sub-items nothing.
        inside_closed = parent is not None and prep.items[parent][2]
        title = (
            "" if inside_closed else " ".join(x for x in (item.number, red.text(item.title)) if x)
        )
        _add(units, red, Unit("item", index, item.page, shut, False, _item_text(item)), title)
        for r in item.recommendations:
            if r:
                _add(units, red, Unit("recommendation", index, item.page, shut, False, r))
        decisions = [d.text for d in item.decisions if d.text]
        for d in decisions:
            _add(units, red, Unit("decision", index, item.page, shut, False, d))
        for a in item.annexes:
            if a.title:
                _add(units, red, Unit("annex", index, item.page, shut, a.confidential, a.title))
    covered = _Coverage(prep.items)
    owners = _Owners(prep.items)
    for number, text in enumerate(prep.page_texts, start=1):
        paragraphs = text.split("\n")
        kept = covered.uncovered(number, paragraphs)
        # One page unit per item the page's remaining paragraphs belong to.
        pieces: dict[int | None, list[str]] = {}
        for para, keep, owner in zip(
            paragraphs, kept, owners.split(number, paragraphs), strict=True
        ):
            if keep:
                pieces.setdefault(owner, []).append(para)
        for owner, paras in pieces.items():
            rest = "\n".join(paras)
            if not rest.strip():
                continue
            shut = owner is not None and prep.items[owner][2]
            _add(units, red, Unit("page", owner, number, shut, False, rest))
    for unit in units:
        if unit.kind != "page" and unit.page is not None and prep.page_texts:
            spans = page_map(unit.text, covered.pages_from(unit.page, prep.page_texts))
            if spans:  # "punkt 4 … s. 9" where the recommendation is, not where item 4 starts
                unit.page, unit.page_map = spans[0][1], encode(spans)
        unit.stems, unit.parts = analyze(unit.text)
    return prep
