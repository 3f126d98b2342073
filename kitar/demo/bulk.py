"""Many fully filled meetings, fast, for corpus benchmarks (100k items in about a second).

Texts come from pools made once per seed with the same phrase maker as the documents;
each meeting then only picks from the pools and builds fresh dataclasses.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, timedelta
from itertools import count
from typing import Literal

from kitar.demo import vocab
from kitar.demo.text import Phrases
from kitar.model import (
    Annex,
    Decision,
    Item,
    Meeting,
    MeetingInfo,
    Presenter,
    Section,
    SourceInfo,
)

_POOL = 256
_HEADINGS = ("Baggrund", "Sagsfremstilling", "Økonomi")
_DECISIONS = (
    "Orienteringen blev taget til efterretning.",
    "Indstillingen blev godkendt.",
    "Godkendt med den bemærkning, at tidsplanen forelægges igen inden udbuddet.",
    "Punktet blev udsat til næste møde.",
)


class _Pools:
    """Pre-made texts, so that building an item costs only list picks and dataclasses."""

    def __init__(self, rng: random.Random) -> None:
        ph = Phrases(rng, date(2020, 1, 6))
        topics = vocab.COUNCIL_TOPICS + vocab.COMMITTEE_TOPICS
        self.topics = [topics[i % len(topics)] for i in range(_POOL)]
        self.paragraphs = [ph.paragraph(s, rng.randint(2, 5)) for _, s in self.topics]
        self.clauses = [
            ph.fill(rng.choice(vocab.RECOMMENDATION_CLAUSES), s) for _, s in self.topics
        ]
        self.people = [ph.presenters()[1] for _ in range(_POOL)]
        decisions = _DECISIONS * (_POOL // len(_DECISIONS))
        self.follow = [
            f"{d} {ph.follow_up(s)}" for d, (_, s) in zip(decisions, self.topics, strict=True)
        ]
        self.annexes = [
            rng.choice(vocab.ANNEX_TITLES).format(
                subject=s, system="Sagsnavet", system_lower="sagsnavet", year=2020
            )
            for _, s in self.topics
        ]
        self.members = [ph.name() for _ in range(40)]
        self.case_ids = [f"SAG-{k:05d}" for k in range(_POOL)]
        self.sections = [
            [(h, self.paragraphs[(k + n * 7) % _POOL]) for n, h in enumerate(_HEADINGS)]
            for k in range(_POOL)
        ]


def _item(p: _Pools, r: random.Random, number: int, body: str, day: str | None) -> Item:
    k = int(r.random() * _POOL)
    title, _ = p.topics[k]
    sections = [Section(h, t) for h, t in p.sections[k]]
    decision = p.follow[(k * 3) % _POOL] if day else None
    # positional arguments (model.Item's field order): about twice as fast as keywords here
    return Item(
        str(number),
        title,
        k % 17 == 0,
        number,
        p.case_ids[k],
        None,
        [Presenter(x.name, x.organisation, x.role) for x in p.people[k]],
        [p.clauses[k], p.clauses[(k + 1) % _POOL]],
        [Decision(decision, body, day)] if decision else [],
        [Annex(1, p.annexes[k], k % 5 == 0)] if k % 2 else [],
        sections,
    )


def iter_meetings(n_items: int, seed: int) -> Iterator[Meeting]:
    """Meetings of 8-20 items each, totalling exactly `n_items` items; deterministic per seed."""
    rng = random.Random(f"kitar-bulk:{seed}")
    pools = _Pools(rng)
    bodies = (vocab.COUNCIL, *vocab.COMMITTEES)
    left = n_items
    start = date(2010, 1, 4)
    for serial in count(1):
        if left <= 0:
            return
        size = min(left, rng.randint(8, 20))
        left -= size
        day = (start + timedelta(days=7 * serial)).isoformat()
        body = bodies[serial % len(bodies)]
        kind: Literal["agenda", "minutes"] = "minutes" if serial % 2 else "agenda"
        info = MeetingInfo(
            kind=kind,
            body=body,
            date=day,
            time="13:00",
            location=vocab.KL_LOCATION,
            case_id=f"SAG-{serial:06d}",
            attendees=pools.members[serial % 30 : serial % 30 + 6],
        )
        source = SourceInfo(
            f"bulk/{seed}/{serial:06d}.pdf", f"{seed:08x}{serial:056x}", "pdf", size
        )
        decided = day if kind == "minutes" else None
        items = [_item(pools, rng, n, body, decided) for n in range(1, size + 1)]
        yield Meeting(source=source, meeting=info, items=items)


def lay_out(meeting: Meeting, page_chars: int = 3000) -> list[str]:
    """The meeting's pages as the reader would give them (a line per paragraph), about
    `page_chars` characters each, after a cover page; sets each item's `page` to match."""
    pages: list[str] = []
    lines: list[str] = []
    size = 0

    def add(line: str) -> None:
        nonlocal size
        if lines and size + len(line) > page_chars:
            pages.append("\n".join(lines))
            lines.clear()
            size = 0
        lines.append(line)
        size += len(line) + 1

    info = meeting.meeting
    add("Referat" if info.kind == "minutes" else "Dagsorden")
    for line in (info.body, f"{info.date} kl. {info.time}", info.location):
        add(line or "")
    add("Deltagere: " + ", ".join(info.attendees))
    size = page_chars  # the items start on a new page
    for item in meeting.items:
        add(f"{item.number}. {item.title}")
        item.page = len(pages) + 1
        for p in item.presenters:
            add(f"v. {p.name}, {p.organisation}")
        for s in item.sections:
            add(s.heading)
            add(s.text)
        add("Indstilling")
        add("Det indstilles, at")
        for r in item.recommendations:
            add(r)
        for a in item.annexes:
            add(f"Bilag {a.number}: {a.title}" + (" - FORTROLIGT" if a.confidential else ""))
        for d in item.decisions:
            add("Beslutning")
            add(d.text)
    pages.append("\n".join(lines))
    meeting.source.pages = len(pages)
    return pages
