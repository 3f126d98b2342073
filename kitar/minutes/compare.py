"""Per item: what the agenda recommended beside what the minutes decided, departures flagged."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from kitar.model import Item, Meeting, child_key
from kitar.parse.outcome import DEPARTURES, Outcome, classify_decision

__all__ = ["DEPARTURES", "ItemComparison", "Outcome", "classify_decision", "compare_meeting"]


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
        for text in decisions:  # the last recorded decision counts (an item may have three)
            outcome, reason = classify_decision(text)
        rows.append(ItemComparison(key, item.title, list(item.recommendations), decisions,
                                   outcome, reason))  # fmt: skip
    return rows
