"""Seeded generator of fictitious Danish agendas and minutes, with their answer keys.

`generate(seed, style, kind)` builds one meeting twice over: as document parts for the
renderers (`kitar.demo.render_pdf`, `kitar.demo.render_text`) and as the `kitar.meeting/1`
answer key the parser should produce from them. The same seed and style give the same
items for the agenda and for the minutes; minutes add decisions. `iter_meetings` makes many
filled meetings fast, for corpus benchmarks.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from kitar.demo import vocab
from kitar.demo.builder import Builder, DemoDocument, Kind, Style, expect_recommended
from kitar.demo.bulk import iter_meetings
from kitar.demo.items import build_items
from kitar.demo.layout import STYLE_COLUMNS, STYLE_LEFT, kl_sidebar
from kitar.demo.text import Phrases, long_date
from kitar.model import Meeting, MeetingInfo, SourceInfo

__all__ = ["DemoDocument", "Kind", "Style", "generate", "iter_meetings"]


def generate(
    seed: int, style: Style = "kl", kind: Kind = "agenda", n_items: int = 0
) -> DemoDocument:
    """One fictitious meeting document. `n_items` 0 picks 8-12 items."""
    rng = random.Random(f"kitar-demo:{seed}:{style}")  # str seeds are stable across runs
    # a Monday to Thursday between 2014 and 2024: councils do not meet at weekends
    meeting_date = date(2014, 1, 6) + timedelta(weeks=rng.randrange(520), days=rng.randrange(4))
    ph = Phrases(rng, meeting_date)
    body = vocab.COUNCIL if style == "kl" else rng.choice(vocab.COMMITTEES)
    info = MeetingInfo(kind=kind, body=body, date=meeting_date.isoformat(), time="13:00")
    doc = DemoDocument(
        meeting=Meeting(source=SourceInfo("", "", "pdf", 0), meeting=info),
        parts=[],
        title="Dagsorden" if kind == "agenda" else "Referat",
    )
    b = Builder(doc, ph, rng, f"kitar-demo:{seed}:{style}")
    sidebar = None
    if style == "kl":
        info.case_id = f"SAG-{meeting_date.year}-{rng.randint(1000, 99999):05d}"
        info.doc_id = str(rng.randint(1_000_000, 9_999_999))
        info.location = vocab.KL_LOCATION
        contact = ph.name()
        sidebar = kl_sidebar(
            long_date(meeting_date), info.case_id, info.doc_id, ph.email(contact), ph.phone(),
            vocab.COUNCIL_ADDRESS,
        )  # fmt: skip
    else:
        info.time = "16:00"
        info.location = rng.choice(vocab.TOWN_HALL_ROOMS)
        municipality = rng.choice(vocab.MUNICIPALITIES)
        word = "Dagsorden" if kind == "agenda" else "Referat"
        doc.header = f"{municipality} – {body} – {word} – {meeting_date:%d.%m.%Y}"
    # members are drawn before the items so that agenda and minutes share the items
    members = [ph.name() for _ in range(rng.randint(5, 7))]
    absent = members[-1:] if rng.random() < 0.6 else []
    b.members = [m for m in members if m not in absent]
    b.part(new_page=True, sidebar=sidebar)
    b.add("heading", doc.title, level=0)
    b.add("heading", body, level=2)
    when = long_date(meeting_date, weekday=True)
    end = "16.00" if style == "kl" else "18.00"
    b.add("paragraph", f"{when} kl. {(info.time or '').replace(':', '.')}-{end}", style=STYLE_LEFT)
    b.add("paragraph", f"Sted: {info.location}", style=STYLE_LEFT)
    if kind == "minutes":
        info.attendees = [m for m in members if m not in absent]
        if style == "committee":  # a member list in two columns, as on municipal covers
            b.add("heading", "Deltagere", level=3)
            b.add("list_item", "\n".join(info.attendees), style=STYLE_COLUMNS)
        else:
            b.add("paragraph", "Deltagere: " + ", ".join(info.attendees), style=STYLE_LEFT)
        if absent:
            info.absent = absent
            b.add("paragraph", "Afbud: " + ", ".join(absent), style=STYLE_LEFT)
    build_items(b, style, kind, n_items or rng.randint(8, 12), body, sidebar)
    for item in doc.meeting.items:  # an agenda proposes what its recommendations name
        if item.number in b.pending:
            expect_recommended(b, item, approved=True)
    return doc
