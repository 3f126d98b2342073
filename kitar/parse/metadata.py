"""Meeting-level metadata from the cover/preamble blocks and the reader's document metadata."""

from __future__ import annotations

import re
from typing import Literal

from kitar.model import Block, Document, MeetingInfo
from kitar.parse.agenda import agenda
from kitar.parse.candidates import item_text
from kitar.text.dates import find_dates, parse_danish_date, parse_time

# How many cover blocks can carry the meeting's title, body and date.
TITLE_BLOCKS = 14
# A flattened cover (one long line per page) is read up to this many characters.
FLAT_COVER_CHARS = 240
# A flattened cover is the first block, or the second under a line a printer added: a
# browser prints "1.12.2026 14.03  referat.txt" over a page, and on a one-page print nothing
# repeats to mark it as a running header.
FLAT_COVER_BLOCKS = 2
# Separators inside a title line: "Økonomiudvalget – Referat – 1. oktober 2018".
_TITLE_PARTS = re.compile(r"\s+[–—-]\s+")

# "Sundheds- og Forebyggelsesudvalget", "Udvalget for plan, udvikling og kultur (PUK)",
# "Kommunernes It-Arkitekturråd", "Kommunalbestyrelsen", "Byrådet", "Børne- og Ungeudvalget"
_BODY = re.compile(
    r"(udvalg|råd(?:et)?\b|bestyrelse|kommunalbestyrelsen|byrådet|regionsrådet|direktion|"
    r"forum\b|styregruppe|netværk|komit[eé]|repræsentantskab|kommission)",
    re.I,
)
_KIND_MINUTES = re.compile(r"^(referat|beslutningsprotokol|protokol|åbent referat)\b", re.I)
_KIND_AGENDA = re.compile(r"^(dagsorden|åben dagsorden|indkaldelse)\b", re.I)
_WEEKDAY = re.compile(r"\b(mandag|tirsdag|onsdag|torsdag|fredag|lørdag|søndag)\b", re.I)
# "i Mødecenter C, Lokale 32 på Testrup Rådhus", "Kaløvig Kursuscenter"
_PLACE_HINT = re.compile(
    r"(rådhus|lokale|mødecenter|mødelokale|kursuscenter|center\b|sal\b|hus\b|kontor|gade|vej\b|"
    r"teams|online|virtuelt)",
    re.I,
)


def _names_after(blocks: list[Block], start: int) -> list[str]:
    """Names listed one per block after a label like `Tilstede` until the next label."""
    names: list[str] = []
    for block in blocks[start + 1 :]:
        text = block.text.strip()
        if (
            not text
            or agenda().attendees_label.match(text)
            or agenda().absent.match(text)
            or agenda().other_label.match(text)
            or agenda().list_heading.match(text)
            or agenda().item_numbered.match(text)
            or len(text) > 80
        ):
            break
        names.extend(n.strip() for n in re.split(r"\s*;\s*", text) if n.strip())
    return names


# A cover line that the layout merged into one block:
# "Sundheds- og Forebyggelsesudvalget tirsdag den 4. december 2012, kl. 13:00 i Mødecenter C, …"
_MERGED_COVER = re.compile(
    r"^(?P<body>.+?)\s+(?:(?:mandag|tirsdag|onsdag|torsdag|fredag|lørdag|søndag)\s+)?den\s+\d"
    r".*?(?:kl\.?\s*\d{1,2}[.:]\d{2}(?:\s*-\s*\d{1,2}[.:]\d{2})?)?\s*,?\s*(?:i\s+(?P<place>.+))?$",
    re.I | re.S,
)


def _merged_cover(text: str) -> tuple[str | None, str | None]:
    m = _MERGED_COVER.match(text)
    if not m or not _BODY.search(m.group("body")):
        return None, None
    place = m.group("place")
    body = m.group("body").strip(" ,")
    a = agenda()
    if a.kind_minutes.search(body) or a.kind_agenda.search(body) or ":" in body:
        # "Kommunalbestyrelsen Referat Dato: Tirsdag den 7-maj-2024": the committee alone
        found = a.body.search(body)
        body = found.group(0) if found else body
    return body, place.strip() if place else None


# A fill-in line of a draft: "________________________________________"
_PLACEHOLDER = re.compile(r"^[\W_]*$")
# "Mødets organ: Børne- og Ungeudvalget", "Udvalg: Teknik- og Miljøudvalget"
_BODY_LABEL = re.compile(r"^(?:Mødets organ|Udvalg|Organ|Mødeforum)\s*:\s*(?P<rest>.+)$", re.I)


def _split_names(text: str) -> list[str]:
    """`Deltagere: Anne Ravn (A), Bent Sø (V) og Carla Dam (F)` → three names."""
    return [n.strip() for n in re.split(r"\s*[,;]\s*|\s+og\s+", text) if n.strip()]


def _real(values: list[str]) -> list[str]:
    return [v for v in values if not _PLACEHOLDER.match(v)]


def _title_kind(texts: list[str]) -> Literal["agenda", "minutes"] | None:
    """`Referat`, `Beslutningsprotokol` → minutes; `Dagsorden` → agenda: the first title word."""
    a = agenda()
    for text in texts:
        mm, am = a.kind_minutes.search(text), a.kind_agenda.search(text)
        if mm and (not am or mm.start() < am.start()):
            return "minutes"
        if am:
            return "agenda"
    return None


def _body_in_title(text: str) -> str | None:
    """The committee in a title line: `Sundhedsudvalget - Referat - 25. oktober 2016`,
    `Referat til mødet i Udvalget for Kultur og Fritid den 2. marts 2021`."""
    a = agenda()
    m = a.title_meeting_in.match(text)
    if m:
        return m.group("body").strip(" ,")
    parts = _TITLE_PARTS.split(text)
    if len(parts) > 1:
        for part in parts:
            part = part.strip()
            if a.body.search(part) and not find_dates(part) and len(part) < 90:
                return part
    return None


def _title_fields(info: MeetingInfo, blocks: list[Block]) -> None:
    """Kind, body and date from the cover's title lines and label lines."""
    a = agenda()
    # item_text: a reader may take "24." of "24. SEPTEMBER 2026" for a list number
    texts = [item_text(b).strip()[:FLAT_COVER_CHARS] for b in blocks[:TITLE_BLOCKS]]
    flat = next((k for k, b in enumerate(blocks[:FLAT_COVER_BLOCKS])
                 if len(b.text) > FLAT_COVER_CHARS), None)  # fmt: skip
    short = [t for t in texts if len(t) < 120] + texts[:1]
    if flat is not None:
        short.append(texts[flat])
    info.kind = info.kind or _title_kind(short)
    for k, text in enumerate(texts):
        nxt = texts[k + 1] if k + 1 < len(texts) else ""
        lm = a.body_label.match(text)
        if info.body is None and lm:
            value = (lm.group("rest") or "").strip() or nxt
            if value and a.body.search(value) and len(value) < 90:
                info.body = value
        dm = a.date_label.match(text)
        if info.date is None and dm:
            value = dm.group("rest").strip() or nxt
            if find_dates(value):
                info.date = parse_danish_date(value)
                info.time = info.time or parse_time(value)
        if info.body is None:
            info.body = _body_in_title(text)
        if (
            info.date is None
            and len(text) < 160
            and (
                a.kind_minutes.search(text)
                or a.kind_agenda.search(text)
                or _TITLE_PARTS.search(text)
            )
        ):
            info.date = parse_danish_date(text)
            info.time = info.time or parse_time(text)
    if info.body is None and flat is not None:
        m = a.body.search(texts[flat])  # "… Kommune Kommunalbestyrelsen Referat …"
        info.body = m.group(0) if m else None
    if info.date is None and flat is not None:
        found = find_dates(blocks[flat].text[:1000])
        info.date = found[0][1] if found else None


def extract(
    preamble: list[Block], doc: Document, has_decisions: bool, has_items: bool = True
) -> MeetingInfo:
    info = MeetingInfo()
    info.case_id = doc.case_id
    info.doc_id = doc.doc_id
    first_pages = [b for b in preamble if b.page <= 2]
    _title_fields(info, first_pages)
    for k, block in enumerate(first_pages):
        text = item_text(block).strip()
        if info.kind is None and _KIND_MINUTES.match(text):
            info.kind = "minutes"
        elif info.kind is None and _KIND_AGENDA.match(text):
            info.kind = "agenda"
        if info.body is None and find_dates(text):
            body, place = _merged_cover(text)
            if body:
                info.body, info.location = body, info.location or place
        if info.body is None and text.isupper() and len(text) < 90:
            text = text[0] + text[1:].lower()  # "ØKONOMIUDVALGET" set in capitals
        if (
            info.body is None
            and len(text) < 90
            and agenda().body.search(text)
            and not find_dates(text)
            and not agenda().attendees_label.match(text)
            and not agenda().body_label.match(text)
            and not text.lower().startswith(("referat", "dagsorden"))
            and not agenda().kind_minutes.search(text)
            and not agenda().kind_agenda.search(text)
        ):
            info.body = text
        if info.date is None and (find_dates(text) and (_WEEKDAY.search(text) or len(text) < 60)):
            info.date = parse_danish_date(text)
            info.time = info.time or parse_time(text)
            # The place often follows the date line: "i Mødecenter C, Lokale 32 på Testrup Rådhus".
            for nxt in first_pages[k + 1 : k + 3]:
                t = nxt.text.strip()
                if info.time is None and parse_time(t) and len(t) < 30:
                    info.time = parse_time(t)
                    continue
                if info.location is None and _PLACE_HINT.search(t) and len(t) < 100:
                    lm = agenda().location_label.match(t)
                    info.location = lm.group("rest").strip() if lm else re.sub(r"^i\s+", "", t)
                    break
        if info.time is None and re.match(r"^kl\.?\s*\d", text, re.I):
            info.time = parse_time(text)
        if (lm := agenda().location_label.match(text)) and info.location is None:
            value = lm.group("rest").strip()
            info.location = None if _PLACEHOLDER.match(value) else value
        if (bm := _BODY_LABEL.match(text)) and info.body is None and _real([bm.group("rest")]):
            info.body = bm.group("rest").strip()
        if (am := agenda().attendees_label.match(text)) and not info.attendees:
            rest = am.group("rest").strip()
            info.attendees = _real(_split_names(rest) if rest else _names_after(first_pages, k))
        if (xm := agenda().absent.match(text)) and not info.absent:
            rest = xm.group("rest").strip()
            info.absent = _real(_split_names(rest) if rest else _names_after(first_pages, k))
        if info.case_id is None:
            info.case_id = agenda().case_id_in(text)
        if info.doc_id is None and (dm := agenda().doc_labelled.search(text)):
            info.doc_id = dm.group("id")
    if info.date is None and doc.date:
        info.date = doc.date
    if info.kind is None and has_items:
        info.kind = "minutes" if has_decisions else "agenda"
    return info
