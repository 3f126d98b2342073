"""Turn a parsed (Document, Meeting) into rows to write: pure, so it runs in worker processes."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kitar.model import Document, Item, Meeting
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


def _page_owner(items: list[tuple[Item, int | None, bool]], page: int) -> int | None:
    """The top-level item running on `page`: the last one that starts on or before it."""
    owner = None
    for index, (item, parent, _) in enumerate(items):
        if (
            parent is None
            and item.page is not None
            and item.page <= page
            and (owner is None or item.page >= (items[owner][0].page or 0))
        ):
            owner = index
    return owner


def _closed_pages(items: list[tuple[Item, int | None, bool]], pages: int) -> set[int]:
    """Pages that show part of a closed item (from its start page to the next item's)."""
    starts = sorted(
        (item.page, shut) for item, parent, shut in items if parent is None and item.page
    )
    out: set[int] = set()
    for n, (start, shut) in enumerate(starts):
        if shut:
            end = starts[n + 1][0] if n + 1 < len(starts) else pages
            out.update(range(start, max(start, end) + 1))
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

    def uncovered(self, page: int, text: str) -> str:
        ranges = [r for r in self.ranges if r.start <= page <= r.end]
        if not ranges:
            return text
        keep = []
        for para in text.split("\n"):
            raw = LABEL_RE.sub("", " ".join(para.split())).rstrip("-‐‑")
            if not raw or any(raw in r.lines for r in ranges):  # most paragraphs: whole
                continue
            key = (raw, ranges[0].start, ranges[-1].end)
            found = self.seen.get(key)  # "Indstilling", "Beslutning" recur on every page
            if found is None:
                found = self.seen[key] = any(_contains(r.raw, raw) for r in ranges) or any(
                    _contains(r.words, _words(raw)) for r in ranges
                )
            if not found:
                keep.append(para)
        return "\n".join(keep)


def prepare(doc: Document, meeting: Meeting, sha256: str, path: str) -> Prepared:
    """Rows and search units of one document; analysis (stems, compounds) happens here."""
    prep = Prepared(
        path=path,
        sha256=sha256,
        format=doc.format,
        pages=doc.pages,
        doc_warnings=list(doc.warnings),
        page_texts=list(doc.page_texts),
        meeting=meeting,
        ocr_pages=list(doc.ocr_pages),
    )
    _flatten(meeting.items, None, False, prep.items)
    units = prep.units
    for index, (item, _, shut) in enumerate(prep.items):
        units.append(Unit("item", index, item.page, shut, False, _item_text(item)))
        units.extend(
            Unit("recommendation", index, item.page, shut, False, r)
            for r in item.recommendations
            if r
        )
        decisions = [d.text for d in item.decisions if d.text]
        if not decisions and item.decision:
            decisions = [item.decision]
        units.extend(Unit("decision", index, item.page, shut, False, d) for d in decisions)
        units.extend(
            Unit("annex", index, item.page, shut, a.confidential, a.title)
            for a in item.annexes
            if a.title
        )
    secret = [
        a.title.casefold()
        for it, _, _ in prep.items
        for a in it.annexes
        if a.confidential and len(a.title) >= 8
    ]
    closed_pages = _closed_pages(prep.items, len(prep.page_texts))
    covered = _Coverage(prep.items)
    for number, text in enumerate(prep.page_texts, start=1):
        rest = covered.uncovered(number, text)
        if not rest.strip():
            continue
        folded = text.casefold()
        units.append(
            Unit(
                "page",
                _page_owner(prep.items, number),
                number,
                number in closed_pages,
                any(t in folded for t in secret),
                rest,
            )
        )
    for unit in units:
        if unit.kind != "page" and unit.page is not None and prep.page_texts:
            spans = page_map(unit.text, covered.pages_from(unit.page, prep.page_texts))
            if spans:  # "punkt 4 … s. 9" where the recommendation is, not where item 4 starts
                unit.page, unit.page_map = spans[0][1], encode(spans)
        unit.stems, unit.parts = analyze(unit.text)
    return prep
