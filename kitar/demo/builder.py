"""Building blocks of a generated meeting: the document, and the builder that writes blocks
for the renderers while it fills in the answer key (recommendations, decisions, annexes)."""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Literal

from kitar.demo import vocab
from kitar.demo.layout import STYLE_LEFT, Part, block_text, expected_body
from kitar.demo.text import Phrases
from kitar.model import Annex, Block, Decision, Item, Meeting, Section
from kitar.parse.serialize import meeting_to_dict

Style = Literal["kl", "committee"]
Kind = Literal["agenda", "minutes"]


@dataclass
class DemoDocument:
    """A generated meeting document: what to render, and what parsing it must give."""

    meeting: Meeting
    parts: list[Part]
    header: str | None = None
    title: str = ""
    # each item and sub-item with the (part, block) of its heading, to fill in pages
    item_heads: list[tuple[Item, tuple[int, int]]] = field(default_factory=list)
    # the follow-ups a reader of the document must find: top-level item number, owner, action
    followups: list[dict[str, str]] = field(default_factory=list)

    def body_text(self) -> str:
        """The reflowed body text a reader must get back (no sidebar, header or footer)."""
        return expected_body(self.parts)

    def set_pages(self, block_pages: dict[tuple[int, int], int], pages: int) -> None:
        """Record where each item landed once rendered."""
        self.meeting.source.pages = pages
        for item, ref in self.item_heads:
            item.page = block_pages.get(ref)

    def answer_key(self) -> dict[str, Any]:
        return meeting_to_dict(self.meeting) | {"followups": self.followups}

    def expect_followup(self, item: str | None, owner: str, action: str) -> None:
        action = action.strip().rstrip(".")
        self.followups.append(
            {"item": item or "?", "owner": owner, "action": action[0].upper() + action[1:]}
        )


class Builder:
    """Appends blocks to the current part while filling in the Item they belong to."""

    def __init__(self, doc: DemoDocument, ph: Phrases, rng: random.Random, seed: str) -> None:
        self.doc, self.ph, self.rng = doc, ph, rng
        # decisions draw from their own generator, so an agenda and its minutes share items
        self.drng = random.Random(seed + ":decisions")
        self.dph = Phrases(self.drng, ph.date)
        self.annex_no = 0
        self.members: list[str] = []
        # actor clauses of each item's recommendation, until its decision (if any) is known
        self.pending: dict[str | None, list[str]] = {}

    def part(self, new_page: bool = True, sidebar: dict[str, str] | None = None) -> None:
        self.doc.parts.append(Part(new_page=new_page, sidebar=sidebar))

    def add(self, kind: str, text: str, level: int = 0, **kw: Any) -> tuple[int, int]:
        blocks = self.doc.parts[-1].blocks
        blocks.append(Block(kind, text, page=0, level=level, **kw))  # type: ignore[arg-type]
        return len(self.doc.parts) - 1, len(blocks) - 1

    def section(
        self, item: Item, heading: str, blocks: list[Block], memo_at: int | None = None, **memo: Any
    ) -> None:
        """A headed section; with `memo_at`, the blocks from there on start a memo page."""
        self.add("heading", heading, level=3)
        cut = len(blocks) if memo_at is None else memo_at
        self.doc.parts[-1].blocks.extend(blocks[:cut])
        if memo_at is not None:
            self.part(new_page=True, sidebar=memo.get("sidebar"))
            self.doc.parts[-1].blocks.extend(blocks[cut:])
        item.sections.append(Section(heading, "\n".join(block_text(b) for b in blocks)))

    def annexes(
        self, item: Item, subject: str, count: int, confidential_ok: bool, title: str = ""
    ) -> None:
        lines = []
        templates = self.rng.sample(vocab.ANNEX_TITLES, count)
        for template in templates:
            self.annex_no += 1
            system = self.rng.choice(vocab.SYSTEMS)
            name = title or template.format(
                subject=subject, system=system, system_lower=system.lower(), year=self.ph.date.year
            )
            conf = confidential_ok and self.rng.random() < 0.35
            item.annexes.append(Annex(self.annex_no, name, conf))
            suffix = " - FORTROLIGT" if conf else ""
            lines.append(para(f"Bilag {self.annex_no}: {name}{suffix}", left=True))
        self.section(item, "Bilag", lines)


def para(text: str, left: bool = False) -> Block:
    return Block("paragraph", text, page=0, style=STYLE_LEFT if left else None)


def bullet(text: str, marker: str | None = None, level: int = 0) -> Block:
    return Block("list_item", text, page=0, level=level, marker=marker)


def recommendation(b: Builder, item: Item, subject: str, style: Style) -> None:
    """An `Indstilling` section in one of the shapes real agendas use; clauses to the key."""
    rng, council = b.rng, vocab.COUNCIL_SHORT
    pool = vocab.RECOMMENDATION_CLAUSES if style == "kl" else vocab.COMMITTEE_CLAUSES
    clauses = [b.ph.fill(c, subject) for c in rng.sample(pool, rng.randint(1, 3))]
    shape = rng.randrange(5) if style == "kl" else rng.randrange(3)
    blocks: list[Block]
    if style == "committee" and shape == 0:  # "Direktionen indstiller, at 1. … 2. …"
        blocks = [para("Direktionen indstiller, at")]
        blocks += [bullet(c + ",", f"{n}.") for n, c in enumerate(clauses, 1)]
        blocks[-1].text = blocks[-1].text[:-1] + "."
        item.recommendations += clauses
    elif shape == 1 or len(clauses) == 1:  # inline: "Det indstilles, at It-Arkitekturrådet …"
        lead = f"{council} " if style == "kl" else ""
        blocks = [para(f"Det indstilles, at {lead}{clauses[0]}.")]
        item.recommendations.append(lead + clauses[0])
    elif shape == 3:  # "Det indstilles, at It-Arkitekturrådet:" + "- Giver …"
        blocks = [para(f"Det indstilles, at {council}:")]
        blocks += [bullet(c[0].upper() + c[1:], "-") for c in clauses]
        item.recommendations += [c[0].upper() + c[1:] for c in clauses]
    elif shape == 4:  # a lead-in that ends in a list: "drøfter og giver input til: – A – B"
        topics = rng.sample(vocab.INPUT_TOPICS, 2)
        blocks = [para(f"Det indstilles, at {council} drøfter og giver input til:")]
        blocks += [bullet(t + ".", "–") for t in topics]
        item.recommendations += topics
    else:  # "Det indstilles, at:" + dash or bullet list
        marker = rng.choice(("-", None))
        lead = f"{council} " if style == "kl" else ""
        blocks = [para("Det indstilles, at:")]
        blocks += [bullet(lead + c, marker) for c in clauses]
        item.recommendations += [lead + c for c in clauses]
    b.section(item, "Indstilling", blocks)
    b.pending[item.number] = [c for c in clauses if ACTOR_CLAUSE.search(c)]


# Recommendation clauses that name who acts: "forvaltningen udarbejder en evaluering af … til
# udvalgets møde i december", "godkender, at sekretariatet udarbejder et oplæg …". They are
# follow-ups of an agenda, and of minutes whose decision approves the recommendation.
ACTOR_CLAUSE = re.compile(r"\b(?P<owner>forvaltningen|sekretariatet)\s+udarbejder\b.*", re.I)


def expect_recommended(b: Builder, item: Item, approved: bool) -> None:
    """The actor clauses of the item's recommendation, when they become follow-ups."""
    for clause in b.pending.pop(item.number, []):
        m = ACTOR_CLAUSE.search(clause)
        if m and approved:
            b.doc.expect_followup(item.number, m.group("owner").capitalize(), m.group(0))


def decision(b: Builder, item: Item, subject: str, style: Style, number: str, body: str) -> None:
    """Minutes: `Beslutning` blocks, dated and by body for committees, some with follow-ups."""
    rng, ph = b.drng, b.dph
    texts = (
        "Orienteringen blev taget til efterretning.",
        "Godkendt med den bemærkning, at tidsplanen forelægges igen inden udbuddet.",
        "Indstillingen blev godkendt.",
        "Punktet blev udsat til næste møde.",
    )
    text = rng.choice(texts)
    # "blev godkendt", "Godkendt med den bemærkning": the recommendation's actions stand.
    expect_recommended(b, item, "odkendt" in text)
    if rng.random() < 0.5:
        action = ph.follow_up(subject, style == "kl")
        text += " " + action
        b.doc.expect_followup(number, action.split()[0], action)
    if style == "kl":
        b.add("heading", "Beslutning", level=3)
        b.add("paragraph", text)
        item.decisions.append(Decision(text))
        return
    decisions: list[tuple[str, date, str]] = []
    if rng.random() < 0.25:  # decided first in another committee, as items travel upwards
        decisions.append((rng.choice(vocab.COMMITTEES), ph.date - timedelta(days=14), "Godkendt."))
    decisions.append((body, ph.date, text))
    for dbody, day, dtext in decisions:
        if rng.random() < 0.5:
            head = f"Beslutning i {dbody} den {day:%d-%m-%Y}"
        else:
            head = f"{dbody}s beslutning den {day:%d.%m.%Y} Punkt {number}"
        b.add("heading", head, level=3)
        b.add("paragraph", dtext)
        absent = []
        if rng.random() < 0.3 and b.members:
            absent = [rng.choice(b.members)]
            b.add("paragraph", f"Fraværende: {absent[0]}", style=STYLE_LEFT)
            item.absent += absent
        item.decisions.append(Decision(dtext, dbody, day.isoformat(), absent))
