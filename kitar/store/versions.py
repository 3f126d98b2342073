"""Which stored rows a new document belongs with: the version it corrects (same path, or
same meeting, kind and format with mostly the same item numbers), the meeting it is another
source of (the DOCX of minutes whose PDF is stored), the agenda a filled-in draft names.
Lookups only, apart from the key a draft gives its agenda; kitar.store.writer acts on them.
"""

from __future__ import annotations

import re
import sqlite3

from kitar.store.prepare import Prepared


def predecessor(
    conn: sqlite3.Connection, prep: Prepared, key: str | None
) -> tuple[int, int | None] | None:
    """(document id, meeting id) of the current version this document corrects, if any."""
    row = conn.execute(
        "SELECT d.id, m.id, m.meeting_key FROM documents d LEFT JOIN meetings m "
        "ON m.document_id = d.id WHERE d.path = ? AND d.superseded_by IS NULL "
        "ORDER BY d.id DESC LIMIT 1",
        (prep.path,),
    ).fetchone()
    # The same file changed: a correction, unless it now holds another meeting (a folder
    # where each month's agenda.pdf overwrites the last must not lose the earlier meetings).
    if row and (row[2] is None or key is None or row[2] == key):
        return row[0], row[1]
    if key is None or prep.meeting.meeting.kind is None:
        return None
    new = prep.item_numbers
    for doc_id, meeting_id in conn.execute(
        "SELECT d.id, m.id FROM meetings m JOIN documents d ON d.id = m.document_id "
        "WHERE m.meeting_key = ? AND m.kind = ? AND d.format = ? AND d.superseded_by IS NULL "
        "ORDER BY d.id",
        (key, prep.meeting.meeting.kind, prep.format),
    ).fetchall():
        old = {
            r[0]
            for r in conn.execute(
                "SELECT number FROM items WHERE meeting_id = ? AND parent_id IS NULL "
                "AND number IS NOT NULL",
                (meeting_id,),
            )
        }
        # A corrected version has mostly the same items; a one-item extract is another document.
        if (not new and not old) or len(new & old) * 2 >= len(new | old) > 0:
            return doc_id, meeting_id
    return None


def _title_key(title: str) -> str:
    return "".join(re.findall(r"[^\W_]+", title.casefold()))[:60]


# Another document of the same meeting has the same item numbers and mostly the same titles
# (a PDF and its DOCX parse a few titles differently: hyphens, a cut line).
SAME_TITLES = 0.5


def same_meeting(conn: sqlite3.Connection, prep: Prepared, key: str | None) -> int | None:
    """The stored meeting this document is another source of: same body and date (key),
    same kind and the same items, e.g. the DOCX of minutes whose PDF is in the corpus. When
    neither names its body, the same date, kind and items (every title alike) must do."""
    info = prep.meeting.meeting
    if info.kind is None or info.draft_of or not prep.item_numbers:
        return None
    if key is not None:
        where, args, share = "m.meeting_key = ?", [key], SAME_TITLES
    elif info.date and not info.body:
        where, args, share = "m.body IS NULL AND m.date = ?", [info.date], 1.0
    else:
        return None
    titles = {it.number: _title_key(it.title) for it, parent, _ in prep.items if parent is None}
    for (meeting_id,) in conn.execute(
        f"SELECT m.id FROM meetings m JOIN documents d ON d.id = m.document_id WHERE {where} "
        "AND m.kind = ? AND m.draft_of IS NULL AND d.superseded_by IS NULL AND d.path != ? "
        "ORDER BY m.id",
        (*args, info.kind, prep.path),
    ).fetchall():
        old = dict(
            conn.execute(
                "SELECT number, title FROM items WHERE meeting_id = ? AND parent_id IS NULL "
                "AND number IS NOT NULL",
                (meeting_id,),
            ).fetchall()
        )
        if set(old) != set(titles):
            continue
        same = sum(_title_key(old[n] or "") == titles[n] for n in titles)
        if same >= share * len(titles):
            return int(meeting_id)
    return None


def draft_link(conn: sqlite3.Connection, prep: Prepared, key: str | None) -> str | None:
    """A filled-in `kitar minutes` draft names its agenda's meeting id: share its key (giving the
    agenda one if its body is unknown) and take over its body and date when the draft lacks them."""
    ref = prep.meeting.meeting.draft_of
    if not ref or not str(ref).isdigit():
        return key
    row = conn.execute(
        "SELECT meeting_key, body, date FROM meetings WHERE id = ?", (int(ref),)
    ).fetchone()
    if row is None:
        return key
    info = prep.meeting.meeting
    info.body = info.body or row[1]
    info.date = info.date or row[2]
    shared = row[0] or f"{row[2] or ''}|meeting{ref}"
    if not row[0]:
        conn.execute("UPDATE meetings SET meeting_key = ? WHERE id = ?", (shared, int(ref)))
    return shared
