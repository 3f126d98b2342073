"""What the minutes CLI commands do, as library calls: find the meeting, then act on it.

A MEETING argument is a corpus reference (`12`, `2016-08-29`, `Arkitekturråd 2016-08-29`) or
a document path, parsed on the fly so that a draft can be made before ingest.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from kitar.minutes.compare import ItemComparison, compare_meeting
from kitar.model import Annex, FollowUp, Meeting
from kitar.parse.followups import extract_followups
from kitar.redact import Redactor, is_closed_in, public_meeting, redactor_for
from kitar.store.followups import StoredFollowUp, list_followups, save_followups, stale_meetings

DOCUMENT_SUFFIXES = (".pdf", ".docx", ".txt")


@dataclass
class LoadedMeeting:
    meeting: Meeting
    meeting_id: int | None = None  # None: parsed from a file, not in the corpus
    later_meetings: list[str] = field(default_factory=list)  # ISO dates, same body

    @property
    def next_meeting(self) -> str | None:
        return self.later_meetings[0] if self.later_meetings else None


def _later(db_path: Path, meeting: Meeting) -> list[str]:
    from kitar.store.queries import list_meetings

    info = meeting.meeting
    if not info.date or not db_path.exists():
        return []
    dates = {
        row.date
        for row in list_meetings(db_path)
        if row.date and row.date > info.date and (row.body or "") == (info.body or "")
    }
    return sorted(dates)


def is_document(ref: str) -> bool:
    path = Path(ref)
    return path.suffix.lower() in DOCUMENT_SUFFIXES and path.exists()


def load_meeting(
    ref: str, db_path: Path, kind: str | None = None, prefer: str = "agenda"
) -> LoadedMeeting:
    """A meeting from the corpus or from a document file."""
    if is_document(ref) or Path(ref).suffix.lower() in DOCUMENT_SUFFIXES:
        from kitar.ingest.pipeline import process_file

        _, meeting = process_file(ref)  # a missing file raises DocumentNotFound here
        return LoadedMeeting(meeting, None, _later(db_path, meeting))
    from kitar.store.queries import get_meeting

    meeting_id, meeting = get_meeting(db_path, ref, kind, prefer)
    return LoadedMeeting(meeting, meeting_id, _later(db_path, meeting))


def default_output(meeting: Meeting, public: bool) -> Path:
    """`referat-2016-08-29-kommunernes-it-arkitekturraad.docx` in the working directory."""
    info = meeting.meeting
    body = (info.body or "").casefold().replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
    slug = re.sub(r"[^a-z0-9]+", "-", body).strip("-")[:40]
    parts = ["referat", info.date or "udkast", slug, "offentlig" if public else ""]
    return Path("-".join(p for p in parts if p) + ".docx")


def sync_meeting(
    db_path: str | Path, meeting_id: int, meeting: Meeting, known_meetings: Sequence[str] = ()
) -> list[int]:
    """Extract a stored meeting's follow-ups and hand them to the store (statuses kept)."""
    found = extract_followups(meeting, known_meetings=known_meetings)
    return save_followups(db_path, meeting_id, found)


def followups_for(
    db_path: Path,
    ref: str | None,
    *,
    open_only: bool = False,
    owner: str | None = None,
    public: bool = False,
    notes: list[str] | None = None,
) -> list[StoredFollowUp]:
    """Stored follow-ups of one meeting (or all), refreshed from the corpus first.

    A document file instead of a corpus meeting gives its follow-ups unsaved (id 0).
    A date with an agenda and its minutes means the minutes (what was decided); `notes`
    gets a line saying so. `public` applies kitar.redact: no follow-up of a closed item,
    confidential annex titles replaced.

    An agenda whose minutes are in the corpus is skipped: the minutes' decisions supersede it.
    """
    from kitar.store.db import is_writable
    from kitar.store.queries import get_meeting, list_meetings

    # A corpus on a read-only share: the follow-ups stored there, not refreshed.
    refresh = is_writable(Path(db_path))
    if ref is not None:
        loaded = load_meeting(ref, db_path, prefer="minutes")
        if loaded.meeting_id is None:  # a file: extracted now, not stored (id 0, no status)
            source = public_meeting(loaded.meeting) if public else loaded.meeting
            found = [_unsaved(f, loaded.meeting) for f in extract_followups(
                source, known_meetings=loaded.later_meetings)
                if not owner or owner.casefold() in (f.owner or "").casefold()]  # fmt: skip
            return _public(db_path, found, {0: loaded.meeting}) if public else found
        _note_choice(db_path, ref, loaded, notes)
        if refresh:
            sync_meeting(db_path, loaded.meeting_id, loaded.meeting, loaded.later_meetings)
        rows = list_followups(db_path, meeting_id=loaded.meeting_id, open_only=open_only,
                              owner=owner)  # fmt: skip
        return _public(db_path, rows) if public else rows
    meetings = list_meetings(db_path)
    # Meetings without follow-ups are extracted again each time (cheap: regex only).
    stale = stale_meetings(db_path, [r.id for r in meetings]) if refresh else set()
    for row in meetings:
        superseded = row.kind == "agenda" or row.draft  # by the (real) minutes
        if row.id not in stale or (superseded and "minutes" in row.linked):
            continue
        meeting_id, meeting = get_meeting(db_path, str(row.id))
        later = sorted({r.date for r in meetings if r.date and row.date and r.date > row.date
                        and r.body == row.body})  # fmt: skip
        sync_meeting(db_path, meeting_id, meeting, later)
    rows = list_followups(db_path, open_only=open_only, owner=owner)
    return _public(db_path, rows) if public else rows


def _note_choice(db_path: Path, ref: str, loaded: LoadedMeeting, notes: list[str] | None) -> None:
    """`2022-10-13 is an agenda (2) and its minutes (9): follow-ups from the minutes`."""
    if notes is None or ref.strip().isdigit() or loaded.meeting_id is None:
        return
    from kitar.store.queries import linked_meetings

    linked = linked_meetings(db_path, loaded.meeting_id)
    if loaded.meeting.meeting.kind == "minutes" and "agenda" in linked:
        notes.append(f"{ref} is an agenda ({linked['agenda']}) and its minutes "
                     f"({loaded.meeting_id}): follow-ups from the minutes")  # fmt: skip


def _public(
    db_path: Path, rows: list[StoredFollowUp], meetings: dict[int, Meeting] | None = None
) -> list[StoredFollowUp]:
    """The rows a public reader may see (kitar.redact): none from closed items, and
    confidential annex titles replaced in what is left."""
    if meetings is not None:
        titles = {k: [a.title for a in _annexes(m) if a.confidential] for k, m in meetings.items()}
    else:
        from kitar.store.queries import confidential_titles

        titles = confidential_titles(db_path)
    out = []
    for row in rows:
        if row.closed:
            continue
        red = Redactor(titles.get(row.meeting_id, []))
        out.append(replace(row, owner=red.optional(row.owner), action=red.text(row.action),
                           source=red.text(row.source)))  # fmt: skip
    return out


def _annexes(meeting: Meeting) -> list[Annex]:
    stack, out = list(meeting.items), []
    while stack:
        item = stack.pop()
        out.extend(item.annexes)
        stack.extend(item.subitems)
    return out


def _unsaved(fu: FollowUp, meeting: Meeting) -> StoredFollowUp:
    source = f"{fu.origin}: {fu.sentence}" if fu.origin else fu.sentence
    return StoredFollowUp(0, 0, None, fu.item_number, fu.owner, fu.action, fu.due, source, "open",
                          "", "", fu.meeting_date, fu.meeting_body,
                          is_closed_in(meeting, fu.item_number))  # fmt: skip


def comparison(
    ref: str, db_path: Path, minutes_ref: str | None = None, public: bool = False
) -> tuple[Meeting, Meeting | None, list[ItemComparison]]:
    """The agenda, its minutes (given, linked in the corpus, or None) and the comparison;
    `public` compares what a public reader may see (kitar.redact)."""
    agenda = load_meeting(ref, db_path, kind="agenda")
    minutes: Meeting | None = None
    if minutes_ref is not None:
        minutes = load_meeting(minutes_ref, db_path, kind="minutes").meeting
    elif agenda.meeting_id is not None:
        from kitar.store.queries import get_meeting, linked_meetings

        linked = linked_meetings(db_path, agenda.meeting_id)
        if agenda.meeting.meeting.kind == "agenda" and "minutes" in linked:
            minutes = get_meeting(db_path, str(linked["minutes"]))[1]
    first = agenda.meeting
    if public:
        red = redactor_for([first, *([minutes] if minutes else [])])
        first = public_meeting(first, red)
        minutes = public_meeting(minutes, red) if minutes is not None else None
    return first, minutes, compare_meeting(first, minutes)
