"""Notes in brackets at the start or end of an item's title (forms in `agenda.toml`,
`[heading_note]`): access (`Punkt 3 (Åben): …`), a case number (`1. Budget (2025-0123456)`),
the committee's running number (`12. (Sag nr. 45) …`) or the item's time (`kl. 16.00-16.15`)
leave the title as evidence of their own."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from kitar.parse.agenda import Agenda, agenda
from kitar.parse.closed import split_access

# Case shapes that a bracket may hold without a label: "(2025)" or "(12345)" after a title is
# as likely a year or an amount as a case number, so the serial shapes need a label.
_UNLABELLED_SHAPES_EXCLUDED = ("serial", "labelled_other")


# A table's cells run into one line are set apart by a tab or a run of spaces, words by one;
# where a reader made the gap one space, the label's capital still starts a cell.
_CELL_GAP = re.compile(r"\t\s*|\s*\t|\s{2,}")


# How many notes one heading may carry (access, time, case cell, bracket): a bound, not a count
# seen; real headings carry one or two.
_MAX_NOTES = 4


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
        re.compile(data["time"], flags),
        re.compile(data["time_lead"], flags),
    )


def _meaning(note: str) -> tuple[bool, bool | None, str | None]:
    """(is a note, closed, case id) for the text inside a bracket."""
    a = agenda()
    _lead, _tail, access, running, bare_case, time, _time_lead = _patterns(a)
    note = " ".join(note.split())
    if m := access.match(note):
        return True, m.group("closed") is not None, None
    if running.match(note) or time.match(note):
        return True, None, None
    labelled = a.case_labelled.match(note)
    if labelled and labelled.end() == len(note):
        return True, None, labelled.group("id")
    if m := bare_case.match(note):
        return True, None, m.group("id")
    return False, None, None


def split_heading_notes(title: str) -> HeadingNote:
    """`(Åben) Budget` → `Budget`, open; `Kl. 16.00 Budget`, `Budget (kl. 16.00-16.15)` →
    `Budget`; `Budget (2025-0123456)` or `Budget  Sagsnr.: 26/1234` → `Budget` and the case
    number; `Godkendelse af dagsorden (B)` stays as it is."""
    a = agenda()
    lead, tail, *_, time_lead = _patterns(a)
    closed: bool | None = None
    labelled: str | None = None  # a case cell ("Sagsnr.: …") before a bracket's bare number
    bracketed: str | None = None
    # Notes stack up ("Budget (2025-0123456)  Sagsnr.: 26/1234 - Åbent punkt"): peel them off
    # from both ends until none is left.
    for _ in range(_MAX_NOTES):
        before = title
        if (t := time_lead.match(title)) and title[t.end() :].strip():
            title = title[t.end() :]  # "Kl. 16.00 Budget": the item's slot, then its title
        shown, access = split_access(title)
        if access is not None:
            title, closed = shown, access if closed is None else closed
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
            bracketed = bracketed or note_case
        title, cell = _labelled_case_at_end(title)
        labelled = labelled or cell
        if title == before:
            break
    return HeadingNote(title, closed, labelled or bracketed)


def _labelled_case_at_end(title: str) -> tuple[str, str | None]:
    """`Budget   Sagsnr.: 26/1234`: a table row's case cell run into the heading's line."""
    a = agenda()
    found = [m for m in a.case_labelled.finditer(title) if m.start() > 0]
    if not found or found[-1].end() != len(title.rstrip()):
        return title, None
    m = found[-1]
    gap = re.search(r"\s*$", title[: m.start()])
    cell = gap is not None and bool(_CELL_GAP.fullmatch(gap.group(0)))
    if not (cell or title[m.start()].isupper()):
        return title, None  # "Opfølgning på sagsnr. 26/1234": the title names a case
    rest = title[: m.start()].rstrip()
    return (rest, m.group("id")) if rest else (title, None)
