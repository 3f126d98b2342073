"""The single writer: one document per transaction or SAVEPOINT (`Batch`), replacing an older
version in place.

A corrected file replaces the rows of the document it corrects (same path, or same meeting,
kind and format with mostly the same item numbers); the meeting keeps its id so follow-ups
survive, and the old document row stays as `superseded_by` so re-ingesting the old file is a no-op.
"""

from __future__ import annotations

import json
import re
import sqlite3
import time
from datetime import UTC, datetime
from types import TracebackType
from typing import Literal

from kitar.errors import CorpusError
from kitar.parse.cases import case_key
from kitar.store import db as dbmod
from kitar.store.fts import Analysed, unindex
from kitar.store.prepare import Prepared, meeting_key

Status = Literal["new", "updated", "unchanged"]


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _predecessor(
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


def _write_meeting(
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


def _title_key(title: str) -> str:
    return "".join(re.findall(r"[^\W_]+", title.casefold()))[:60]


# Another document of the same meeting has the same item numbers and mostly the same titles
# (a PDF and its DOCX parse a few titles differently: hyphens, a cut line).
SAME_TITLES = 0.5


def _same_meeting(conn: sqlite3.Connection, prep: Prepared, key: str | None) -> int | None:
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


def _write_items(
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


def _clear(conn: sqlite3.Connection, doc_id: int, meeting_id: int | None) -> None:
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


def _collect_orphans(conn: sqlite3.Connection) -> None:
    conn.execute(
        "DELETE FROM people WHERE id NOT IN (SELECT person_id FROM presenters WHERE person_id "
        "IS NOT NULL) AND id NOT IN (SELECT person_id FROM attendance WHERE person_id IS NOT NULL)"
    )
    conn.execute(
        "DELETE FROM organisations WHERE id NOT IN (SELECT organisation_id FROM presenters "
        "WHERE organisation_id IS NOT NULL)"
    )


def _write_units(
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


def _draft_link(conn: sqlite3.Connection, prep: Prepared, key: str | None) -> str | None:
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


def write_prepared(
    conn: sqlite3.Connection,
    prep: Prepared,
    force: bool = False,
    ready: Analysed | None = None,
    known: Known | None = None,
) -> tuple[Status, int, int]:
    """Write one document atomically; returns (status, document id, meeting id).

    `known` caches people and organisation ids; only `Batch` passes it (and clears it).

    The units reach the FTS index at the next `kitar.store.fts.catch_up(conn, ready)`:
    with `ready`, from the analyses made in `prepare`, otherwise analysed again from text.
    """
    key = meeting_key(prep.meeting.meeting.body, prep.meeting.meeting.date)
    with dbmod.transaction(conn):
        key = _draft_link(conn, prep, key)
        same = conn.execute(
            "SELECT d.id, m.id FROM documents d LEFT JOIN meetings m ON m.document_id = d.id "
            "WHERE d.sha256 = ?",
            (prep.sha256,),
        ).fetchone()
        if same and not force:  # another ingest wrote it while we were parsing
            return "unchanged", same[0], same[1] or 0
        pred = _predecessor(conn, prep, key)
        doc_row = (
            prep.path,
            prep.format,
            prep.pages,
            _now(),
            json.dumps(prep.doc_warnings, ensure_ascii=False),
        )
        if same and pred and pred[0] == same[0]:  # --force on the current version: in place
            _clear(conn, *pred)
            doc_id = same[0]
            conn.execute(
                "UPDATE documents SET path=?, format=?, pages=?, ingested_at=?, "
                "warnings=? WHERE id=?",
                (*doc_row, doc_id),
            )
        else:
            if same:  # --force on an old version: it becomes the current one again
                unindex(conn, "document_id = ?", (same[0],))
                conn.execute("DELETE FROM documents WHERE id = ?", (same[0],))
            if pred:
                _clear(conn, *pred)
            cur = conn.execute(
                "INSERT INTO documents (sha256, path, format, pages, ingested_at, warnings) "
                "VALUES (?,?,?,?,?,?)",
                (prep.sha256, *doc_row),
            )
            doc_id = int(cur.lastrowid or 0)
            if pred:
                conn.execute(
                    "UPDATE documents SET superseded_by = ? WHERE id = ? OR superseded_by = ?",
                    (doc_id, pred[0], pred[0]),
                )
        ocr = set(prep.ocr_pages)
        conn.executemany(
            "INSERT INTO pages (document_id, number, text, ocr) VALUES (?,?,?,?)",
            [(doc_id, n, t, int(n in ocr)) for n, t in enumerate(prep.page_texts, start=1)],
        )
        info = prep.meeting.meeting  # a memo's letterhead numbers: evidence for annex links
        conn.execute(
            "UPDATE documents SET case_id = ?, doc_id = ? WHERE id = ?",
            (info.case_id, info.doc_id, doc_id),
        )
        twin = None if pred else _same_meeting(conn, prep, key)
        if twin is not None:  # one meeting, two source documents: its units are there already
            conn.execute(
                "INSERT OR REPLACE INTO meeting_sources (meeting_id, document_id) VALUES (?, ?)",
                (twin, doc_id),
            )
            return ("updated" if same else "new"), doc_id, twin
        if not prep.items and (pred is None or pred[1] is None):
            # No agenda structure (a report, a memo): a document whose pages are searchable,
            # not a meeting. A file that was a meeting keeps its row (follow-ups refer to it).
            _write_units(conn, prep, doc_id, None, [], ready)
            return ("updated" if (pred or same) else "new"), doc_id, 0
        meeting_id = _write_meeting(conn, prep, doc_id, pred[1] if pred else None, key)
        item_ids = _write_items(conn, prep, meeting_id, known)
        _write_units(conn, prep, doc_id, meeting_id, item_ids, ready)
        if pred or same:
            _collect_orphans(conn)
            if known is not None:
                known.clear()  # some of them may be gone
    return ("updated" if (pred or same) else "new"), doc_id, meeting_id


class Batch:
    """Several documents per transaction, each in its own SAVEPOINT (see docs/search.md).

    Per-document commits were about half of the writing time. A failing document rolls
    back alone; `commit` is called when `due` (the batch is `max_age` seconds old) and when
    the writer would otherwise wait; leaving the `with` block commits the complete documents,
    also on Ctrl-C. A SIGKILL loses at most the uncommitted documents, never half of one.
    """

    def __init__(self, conn: sqlite3.Connection, max_age: float = 0.25) -> None:
        self.conn = conn
        self.max_age = max_age
        self.started = 0.0
        self.known: Known = {}

    def __enter__(self) -> Batch:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.commit()

    def write(
        self, prep: Prepared, force: bool = False, ready: Analysed | None = None
    ) -> tuple[Status, int, int]:
        """`write_prepared` inside the open batch (opening one if needed)."""
        if not self.conn.in_transaction:
            try:
                self.conn.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as exc:
                raise CorpusError(f"corpus database is busy: {exc}") from None
            self.started = time.monotonic()
        try:
            return write_prepared(self.conn, prep, force=force, ready=ready, known=self.known)
        except BaseException:
            self.known.clear()  # the ids it added were rolled back
            raise

    def due(self) -> bool:
        return self.conn.in_transaction and time.monotonic() - self.started >= self.max_age

    def commit(self) -> None:
        self.known.clear()  # another writer may remove orphans between batches
        if self.conn.in_transaction:
            self.conn.execute("COMMIT")
