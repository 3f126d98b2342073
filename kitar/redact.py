"""What a public reader may see: the one redaction rule every public output goes through.

- A closed item (and everything below it) shows its number and title only.
- A confidential annex shows its number and `(fortroligt bilag)`.
- Any other text that contains a confidential annex's title (compared after whitespace
  normalisation, with or without `- FORTROLIGT` after it) gets the title replaced by
  `(fortroligt bilag)`: the KL agenda lists `Bilag 1: Leveranceplan for … - FORTROLIGT` in the
  item's Bilag section as well as in its annex list.

`public_meeting` applies the rule to a whole meeting; `Redactor` applies the title rule to any
text (search units, follow-ups, page texts). The search index stores each unit with the
visibility this module gives it (`VISIBILITY`), and `visible_sql` is the one SQL condition that
search, the datasette plugin and `kitar publish` filter with.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from kitar.model import Annex, Decision, Item, Meeting, Section

PLACEHOLDER = "(fortroligt bilag)"
CLOSED_NOTE = "Lukket punkt"
# Shorter titles ("Notat", "Bilag") are words that occur everywhere; replacing them would
# blank out ordinary text without protecting anything.
MIN_TITLE_CHARS = 8
# The marker the agendas put after a confidential annex: "… Leveranceplan - FORTROLIGT".
_MARK = r"(?:\s*[-–—:]?\s*\(?\s*fortroligt\s*\)?)?"

# A search unit is stored once for everyone ("all"), or twice: the full text for internal
# readers only ("internal") and the redacted text for the public ("public").
Visibility = Literal["all", "internal", "public"]
VISIBILITY: tuple[Visibility, ...] = ("all", "internal", "public")


def visible_sql(public: bool, alias: str = "u") -> str:
    """The SQL condition on `search_units` for a public or an internal reader."""
    hidden = "internal" if public else "public"
    return f"{alias}.visibility != '{hidden}'"


def _normal(text: str) -> str:
    return " ".join(text.split())


def _title_pattern(title: str) -> str:
    """The title's words with any whitespace (line breaks, double spaces) between them."""
    words = _normal(title).split(" ")
    return r"\s+".join(re.escape(w) for w in words)


@dataclass
class Redactor:
    """Replaces confidential annex titles in any text by PLACEHOLDER."""

    titles: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        titles = sorted({_normal(t) for t in self.titles if len(_normal(t)) >= MIN_TITLE_CHARS},
                        key=len, reverse=True)  # fmt: skip
        self.titles = titles
        self._re = (
            re.compile("|".join(f"(?:{_title_pattern(t)}){_MARK}" for t in titles), re.I)
            if titles
            else None
        )

    def __bool__(self) -> bool:
        return self._re is not None

    def text(self, value: str) -> str:
        """`value` with every confidential title (and its FORTROLIGT mark) replaced."""
        if self._re is None or not value:
            return value
        return self._re.sub(PLACEHOLDER, value)

    def optional(self, value: str | None) -> str | None:
        return None if value is None else self.text(value)

    def hides(self, value: str) -> bool:
        """Whether `value` contains a confidential title."""
        return self._re is not None and bool(value) and self._re.search(value) is not None


def _all_items(items: Iterable[Item]) -> Iterable[Item]:
    for item in items:
        yield item
        yield from _all_items(item.subitems)


def redactor_for(meetings: Iterable[Meeting] | Meeting) -> Redactor:
    """The title rule for the confidential annexes of one meeting (or several)."""
    group = [meetings] if isinstance(meetings, Meeting) else list(meetings)
    return Redactor(
        [a.title for m in group for it in _all_items(m.items) for a in it.annexes if a.confidential]
    )


def public_annex(annex: Annex, red: Redactor) -> Annex:
    if annex.confidential:
        return Annex(annex.number, PLACEHOLDER, True, None)
    return Annex(annex.number, red.text(annex.title), False, annex.ref)


def public_item(item: Item, red: Redactor, closed: bool = False) -> Item:
    """The item as a public reader sees it (a sub-item of a closed item is closed too)."""
    if closed or item.closed:
        return Item(item.number, red.text(item.title), closed=True, page=item.page)
    out = copy.copy(item)
    out.title = red.text(item.title)
    out.presenters = list(item.presenters)
    out.recommendations = [red.text(r) for r in item.recommendations]
    out.decisions = [
        Decision(red.text(d.text), d.body, d.date, list(d.absent)) for d in item.decisions
    ]
    out.annexes = [public_annex(a, red) for a in item.annexes]
    out.sections = [Section(red.text(s.heading), red.text(s.text)) for s in item.sections]
    out.subitems = [public_item(s, red) for s in item.subitems]
    out.absent = list(item.absent)
    return out


def public_meeting(meeting: Meeting, red: Redactor | None = None) -> Meeting:
    """A copy of `meeting` with the public rule applied (the original is not changed)."""
    red = red if red is not None else redactor_for(meeting)
    out = copy.copy(meeting)
    out.meeting = copy.copy(meeting.meeting)
    out.items = [public_item(i, red) for i in meeting.items]
    out.warnings = [red.text(w) for w in meeting.warnings]
    return out


def is_closed_in(meeting: Meeting, number: str | None) -> bool:
    """Whether item `3` (or sub-item `3.a`) of `meeting` is closed."""
    if not number:
        return False
    top = number.split(".")[0]
    return any(it.closed and (it.number or "").rstrip(".") == top for it in meeting.items)
