"""Notes in brackets at the start or end of an item's title (forms in `agenda.toml`,
`[heading_note]`): access (`Punkt 3 (Åben): …`), a case number (`1. Budget (2025-0123456)`) or
the committee's running number (`12. (Sag nr. 45) …`) leave the title as evidence of their own."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from kitar.parse.agenda import Agenda, agenda

# Case shapes that a bracket may hold without a label: "(2025)" or "(12345)" after a title is
# as likely a year or an amount as a case number, so the serial shapes need a label.
_UNLABELLED_SHAPES_EXCLUDED = ("serial", "labelled_other")


@dataclass(frozen=True)
class HeadingNote:
    """What a bracketed note said: the title without it, the access, a case number."""

    title: str
    closed: bool | None = None
    case_id: str | None = None


@lru_cache(maxsize=4)
def _patterns(a: Agenda) -> tuple[re.Pattern[str], ...]:
    data = a.data["heading_note"]
    flags = re.I if data.get("ignore_case") else 0
    shapes = "|".join(
        s.pattern.pattern for s in a.case_shapes if s.name not in _UNLABELLED_SHAPES_EXCLUDED
    )
    bare_case = re.compile(rf"^(?P<id>{shapes})$")
    return (
        re.compile(data["lead"], flags),
        re.compile(data["tail"], flags),
        re.compile(data["access"], flags),
        re.compile(data["running"], flags),
        bare_case,
    )


def _meaning(note: str) -> tuple[bool, bool | None, str | None]:
    """(is a note, closed, case id) for the text inside a bracket."""
    a = agenda()
    _lead, _tail, access, running, bare_case = _patterns(a)
    note = " ".join(note.split())
    if m := access.match(note):
        return True, m.group("closed") is not None, None
    if running.match(note):
        return True, None, None
    labelled = a.case_labelled.match(note)
    if labelled and labelled.end() == len(note):
        return True, None, labelled.group("id")
    if m := bare_case.match(note):
        return True, None, m.group("id")
    return False, None, None


def split_heading_notes(title: str) -> HeadingNote:
    """`(Åben) Budget` → `Budget`, open; `Budget (2025-0123456)` → `Budget`, case 2025-0123456;
    `Godkendelse af dagsorden (B)` stays as it is."""
    a = agenda()
    lead, tail, *_ = _patterns(a)
    closed: bool | None = None
    case_id: str | None = None
    for pattern in (lead, tail):
        m = pattern.search(title)
        if not m:
            continue
        is_note, note_closed, note_case = _meaning(m.group("note"))
        rest = (title[: m.start()] + title[m.end() :]).strip()
        if not is_note or not rest:
            continue
        title = rest
        closed = note_closed if note_closed is not None else closed
        case_id = case_id or note_case
    return HeadingNote(title, closed, case_id)
