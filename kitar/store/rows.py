"""The rows one document contributes: its meeting, the items and everything under them
(sections, recommendations, decisions, annexes, presenters, attendance, people and
organisations), its search units; and their removal when a new version replaces them.
kitar.store.writer decides which of these run, inside its transaction.
"""

from __future__ import annotations

import json
import sqlite3

from kitar.parse.cases import case_key
from kitar.store.fts import Analysed, unindex
from kitar.store.prepare import Prepared

Known = dict[tuple[str, str], int]  # (table, name) → id, valid within one open batch


def _ids(
    conn: sqlite3.Connection, table: str, names: list[str], known: Known | None = None
) -> dict[str, int]:
    """Get-or-create ids for people or organisations, in bulk, in order of appearance."""
    names = list(dict.fromkeys(n for n in names if n))  # not a set: ids must not depend on hashing
    known = known if known is not None else {}
    out = {n: known[table, n] for n in names if (table, n) in known}
    names = [n for n in names if n not in out]
    conn.executemany(f"INSERT OR IGNORE INTO {table} (name) VALUES (?)", [(n,) for n in names])
    ordered = sorted(names)
    for i in range(0, len(ordered), 500):  # stay under SQLite's bound-variable limit
        chunk = ordered[i : i + 500]
        marks = ",".join("?" * len(chunk))
        sql = f"SELECT name, id FROM {table} WHERE name IN ({marks})"
        for name, id_ in conn.execute(sql, chunk).fetchall():
            out[name] = known[table, name] = id_
    return out


def write_meeting(
    conn: sqlite3.Connection, prep: Prepared, doc_id: int, meeting_id: int | None, key: str | None
) -> int:
    info = prep.meeting.meeting
    values = (
        doc_id,
        key,
        info.kind,
        info.body,
        info.date,
        info.time,
        info.location,
        info.case_id,
        info.doc_id,
        json.dumps(prep.meeting.warnings, ensure_ascii=False),
        prep.organisation,
        info.draft_of,
    )
    if meeting_id is None:
        cur = conn.execute(
            "INSERT INTO meetings (document_id, meeting_key, kind, body, date, time, location, "
            "case_id, doc_id, warnings, organisation, draft_of) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            values,
        )
        return int(cur.lastrowid or 0)
    conn.execute(
        "UPDATE meetings SET document_id=?, meeting_key=?, kind=?, body=?, date=?, time=?, "
        "location=?, case_id=?, doc_id=?, warnings=?, organisation=?, draft_of=? WHERE id=?",
        (*values, meeting_id),
    )
    return meeting_id


def write_items(
    conn: sqlite3.Connection, prep: Prepared, meeting_id: int, known: Known | None
) -> list[int]:
    """All rows below the meeting, one executemany per table (ids assigned up front)."""
    base = conn.execute("SELECT coalesce(max(id), 0) FROM items").fetchone()[0]
    ids = [base + 1 + n for n in range(len(prep.items))]
    info = prep.meeting.meeting
    items = [it for it, _, _ in prep.items]
    people = _ids(
        conn,
        "people",
        [p.name for it in items for p in it.presenters]
        + [n for it in items for n in it.absent]
        + info.attendees
        + info.absent,
        known,
    )
    orgs = _ids(
        conn,
        "organisations",
        [p.organisation or "" for it in items for p in it.presenters],
        known,
    )
    conn.executemany(
        "INSERT INTO items (id, meeting_id, parent_id, number, title, closed, page, case_id, "
        "doc_id, decision, position, case_key) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
        [
            (
                ids[n],
                meeting_id,
                ids[parent] if parent is not None else None,
                it.number,
                it.title,
                int(shut),
                it.page,
                it.case_id,
                it.doc_id,
                it.decision,
                n,
                case_key(it.case_id),
            )
            for n, (it, parent, shut) in enumerate(prep.items)
        ],
    )
    pairs = list(zip(ids, items, strict=True))
    conn.executemany(
        "INSERT INTO sections (item_id, heading, text, position) VALUES (?,?,?,?)",
        [(i, s.heading, s.text, n) for i, it in pairs for n, s in enumerate(it.sections)],
    )
    conn.executemany(
        "INSERT INTO recommendations (item_id, text, position) VALUES (?,?,?)",
        [(i, r, n) for i, it in pairs for n, r in enumerate(it.recommendations)],
    )
    conn.executemany(
        "INSERT INTO decisions (item_id, text, body, date, position) VALUES (?,?,?,?,?)",
        [(i, d.text, d.body, d.date, n) for i, it in pairs for n, d in enumerate(it.decisions)],
    )
    conn.executemany(
        "INSERT INTO annexes (item_id, number, title, confidential, ref, position) "
        "VALUES (?,?,?,?,?,?)",
        [
            (i, a.number, a.title, int(a.confidential), a.ref, n)
            for i, it in pairs
            for n, a in enumerate(it.annexes)
        ],
    )
    conn.executemany(
        "INSERT INTO presenters (item_id, person_id, organisation_id, role, position) "
        "VALUES (?,?,?,?,?)",
        [
            (i, people.get(p.name), orgs.get(p.organisation or ""), p.role, n)
            for i, it in pairs
            for n, p in enumerate(it.presenters)
        ],
    )
    attendance = [(meeting_id, i, people.get(n), "absent") for i, it in pairs for n in it.absent]
    attendance += [(meeting_id, None, people.get(n), "present") for n in info.attendees]
    attendance += [(meeting_id, None, people.get(n), "absent") for n in info.absent]
    conn.executemany(
        "INSERT INTO attendance (meeting_id, item_id, person_id, status) VALUES (?,?,?,?)",
        attendance,
    )
    return ids


def clear_document(conn: sqlite3.Connection, doc_id: int, meeting_id: int | None) -> None:
    """Remove what a document contributed (its meeting row itself is kept and rewritten)."""
    # Units leave the index first: deleting items cascades to their units.
    if meeting_id is not None:
        unindex(
            conn,
            "document_id = ? OR item_id IN (SELECT id FROM items WHERE meeting_id = ?)",
            (doc_id, meeting_id),
        )
    else:
        unindex(conn, "document_id = ?", (doc_id,))
    if meeting_id is not None:
        conn.execute("DELETE FROM items WHERE meeting_id = ?", (meeting_id,))
        conn.execute("DELETE FROM attendance WHERE meeting_id = ?", (meeting_id,))
        conn.execute("UPDATE meetings SET document_id = NULL WHERE id = ?", (meeting_id,))
    conn.execute("DELETE FROM search_units WHERE document_id = ?", (doc_id,))
    conn.execute("DELETE FROM pages WHERE document_id = ?", (doc_id,))


def collect_orphans(conn: sqlite3.Connection) -> None:
    """Delete people and organisations that no presenter or attendance row refers to."""
    conn.execute(
        "DELETE FROM people WHERE id NOT IN (SELECT person_id FROM presenters WHERE person_id "
        "IS NOT NULL) AND id NOT IN (SELECT person_id FROM attendance WHERE person_id IS NOT NULL)"
    )
    conn.execute(
        "DELETE FROM organisations WHERE id NOT IN (SELECT organisation_id FROM presenters "
        "WHERE organisation_id IS NOT NULL)"
    )


def write_units(
    conn: sqlite3.Connection, prep: Prepared, doc_id: int, meeting_id: int | None,
    item_ids: list[int], ready: Analysed | None,
) -> None:  # fmt: skip
    """The units' text rows; their analyses go to `ready` for the next FTS catch-up."""
    # Ids up front (AUTOINCREMENT never reuses one), so each analysis can wait in `ready`.
    row = conn.execute("SELECT seq FROM sqlite_sequence WHERE name = 'search_units'").fetchone()
    base = row[0] if row else 0
    conn.executemany(
        "INSERT INTO search_units (id, kind, document_id, meeting_id, item_id, page, closed, "
        "confidential, text, page_map, visibility) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
        [
            (
                base + 1 + n,
                u.kind,
                doc_id,
                meeting_id,
                item_ids[u.item_index] if u.item_index is not None else None,
                u.page,
                int(u.closed),
                int(u.confidential),
                u.text,
                u.page_map,
                u.visibility,
            )
            for n, u in enumerate(prep.units)
        ],
    )
    if ready is not None:
        ready.update((base + 1 + n, (u.stems, u.parts)) for n, u in enumerate(prep.units))
