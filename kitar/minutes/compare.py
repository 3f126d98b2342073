"""Per item: what the agenda recommended beside what the minutes decided, departures flagged."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

from kitar.model import Item, Meeting, child_key

Outcome = Literal["not_approved", "postponed", "amended", "approved", "noted", "other", "none"]
DEPARTURES: frozenset[str] = frozenset({"not_approved", "postponed", "amended"})

# Tried in this order: "Ikke godkendt" must not count as approved, "Godkendt med den
# bemærkning, at …" must count as amended.
_RULES: list[tuple[Outcome, re.Pattern[str]]] = [
    ("not_approved", re.compile(
        r"\bikke\s+(?:godkendt|godkendes|anbefalet|anbefales|tiltrådt|vedtaget)|\bforkastet|"
        r"\bafvist|\bnedstemt|\bkunne\s+ikke\s+(?:godkende|anbefale|tiltræde)", re.I)),
    ("postponed", re.compile(
        r"\budsat|\budsættes|\bgenoptages|\bsendes\s+tilbage|\btilbagesendt|\bafventer|"
        r"\b(?:behandles|tages\s+op)\s+(?:igen\s+)?på\s+(?:et\s+senere|næste|et\s+kommende)",
        re.I)),
    ("amended", re.compile(
        r"\bmed\s+(?:den|denne|de|disse|følgende)\s+(?:bemærkning|ændring|tilføjelse|præcisering)|"
        r"\bmed\s+de\s+faldne\s+bemærkninger|\bdog\s+således|\bmed\s+(?:den\s+)?ændring|"
        r"\b(?:godkendt|anbefalet|tiltrådt)\s*,\s*idet\b", re.I)),
    ("approved", re.compile(
        r"\bgodkendt|\bgodkendes|\banbefalet|\banbefales|\btiltrådt|\btiltræder|\bvedtaget|"
        r"\bindstillingen\s+(?:blev\s+)?fulgt|\bsom\s+indstillet|\bbevilget|"
        r"\b(?:indstilles|anbefales|oversendes)\s+til\s+(?:godkendelse|vedtagelse)", re.I)),
    ("noted", re.compile(
        r"\btil\s+efterretning|\bdrøftet|\bdrøftede|\borienteringen|\btil\s+orientering|"
        r"\bingen\s+bemærkninger", re.I)),
]  # fmt: skip


@dataclass
class ItemComparison:
    key: str  # item number, sub-items "3.1" / "3.a"
    title: str
    recommendations: list[str] = field(default_factory=list)
    decisions: list[str] = field(default_factory=list)
    outcome: Outcome = "none"
    reason: str | None = None  # the phrase that decided the outcome

    @property
    def departs(self) -> bool:
        return self.outcome in DEPARTURES


def classify_decision(text: str) -> tuple[Outcome, str | None]:
    """`Godkendt med den bemærkning, at …` → ("amended", "med den bemærkning")."""
    for outcome, pattern in _RULES:
        m = pattern.search(text)
        if m:
            return outcome, m.group(0)
    return ("other", None) if text.strip() else ("none", None)


def _flatten(items: list[Item], parent: str | None = None) -> Iterator[tuple[str, Item]]:
    for pos, item in enumerate(items, 1):
        key = child_key(parent, item.number, pos) if parent else item.number or str(pos)
        yield key, item
        yield from _flatten(item.subitems, key)


def _title_key(title: str) -> str:
    return re.sub(r"\W+", " ", title).strip().casefold()


def _decisions(item: Item) -> list[str]:
    return [d.text for d in item.decisions if d.text.strip()]


def compare_meeting(agenda: Meeting, minutes: Meeting | None = None) -> list[ItemComparison]:
    """Each agenda item with the decisions of the matching minutes item (by number, else title).

    Without `minutes`, the decisions recorded in `agenda` itself are used (a minutes document
    carries both the recommendations and the decisions).
    """
    by_key: dict[str, Item] = {}
    by_title: dict[str, Item] = {}
    for key, item in _flatten((minutes or agenda).items):
        by_key[key] = item
        by_title.setdefault(_title_key(item.title), item)
    rows: list[ItemComparison] = []
    for key, item in _flatten(agenda.items):
        match = by_key.get(key)
        if minutes is not None and (
            match is None or _title_key(match.title) != _title_key(item.title)
        ):
            match = by_title.get(_title_key(item.title), match)  # renumbered in the minutes
        decisions = _decisions(match) if match else []
        outcome: Outcome = "none"
        reason: str | None = None
        for text in decisions:  # the last recorded decision counts (Syddjurs: three dated ones)
            outcome, reason = classify_decision(text)
        rows.append(ItemComparison(key, item.title, list(item.recommendations), decisions,
                                   outcome, reason))  # fmt: skip
    return rows
