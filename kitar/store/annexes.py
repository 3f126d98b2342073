"""A meeting folder in the corpus: its documents, item extracts folded into the meeting, annex
files attached to their annexes (their pages become `annex` search units of the item)."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from kitar.redact import Redactor
from kitar.store import db as dbmod
from kitar.store.fts import unindex


@dataclass
class StoredDoc:
    id: int
    path: str
    role: str | None
    meeting_id: int | None
    meeting_key: str | None
    items: int
    annex_refs: int
    evidence: int  # items with a case number, recommendations, decisions: a meeting of its own
    case_id: str | None
    doc_id: str | None
    first_page: str


def folder_documents(conn: sqlite3.Connection, paths: list[str]) -> list[StoredDoc]:
    """The current documents stored under these paths, with their meeting's summary."""
    marks = ",".join("?" * len(paths))
    rows = conn.execute(
        "SELECT d.id, d.path, d.role, m.id AS mid, m.meeting_key, "
        "coalesce(d.case_id, m.case_id), coalesce(d.doc_id, m.doc_id), "
        "(SELECT count(*) FROM items i WHERE i.meeting_id = m.id) AS items, "
        "(SELECT count(*) FROM annexes a JOIN items i ON i.id = a.item_id "
        " WHERE i.meeting_id = m.id) AS refs, "
        "(SELECT text FROM pages p WHERE p.document_id = d.id ORDER BY p.number LIMIT 1) AS p1, "
        "(SELECT count(*) FROM items i WHERE i.meeting_id = m.id AND i.case_id IS NOT NULL) + "
        "(SELECT count(*) FROM recommendations r JOIN items i ON i.id = r.item_id "
        " WHERE i.meeting_id = m.id) + (SELECT count(*) FROM decisions x JOIN items i "
        " ON i.id = x.item_id WHERE i.meeting_id = m.id) AS evidence "
        f"FROM documents d LEFT JOIN meetings m ON m.document_id = d.id WHERE d.path IN ({marks}) "
        "AND d.superseded_by IS NULL",
        paths,
    ).fetchall()
    return [
        StoredDoc(r[0], r[1], r[2], r[3], r[4], r[7], r[8], r[10], r[5], r[6], r[9] or "")
        for r in rows
    ]


def top_items(conn: sqlite3.Connection, meeting_id: int) -> list[tuple[str | None, str]]:
    return [
        (r[0], r[1])
        for r in conn.execute(
            "SELECT number, title FROM items WHERE meeting_id = ? AND parent_id IS NULL "
            "ORDER BY position",
            (meeting_id,),
        )
    ]


def annex_refs(conn: sqlite3.Connection, meeting_id: int) -> list[sqlite3.Row]:
    """The meeting's annex references (items and sub-items), with item label and case."""
    return conn.execute(
        "SELECT a.id, a.item_id, a.title, a.ref, a.document_id, i.number, i.case_id, "
        "p.number AS parent_number, p.case_id AS parent_case FROM annexes a "
        "JOIN items i ON i.id = a.item_id LEFT JOIN items p ON p.id = i.parent_id "
        "WHERE i.meeting_id = ? ORDER BY i.position, a.position",
        (meeting_id,),
    ).fetchall()


def meeting_items(conn: sqlite3.Connection, meeting_id: int) -> list[sqlite3.Row]:
    return conn.execute(
        "SELECT i.id, i.number, i.case_id, p.number AS parent_number FROM items i "
        "LEFT JOIN items p ON p.id = i.parent_id WHERE i.meeting_id = ? ORDER BY i.position",
        (meeting_id,),
    ).fetchall()


def _drop_own_meeting(conn: sqlite3.Connection, doc_id: int) -> None:
    """A document that is part of another meeting has no meeting of its own, nor units."""
    unindex(conn, "document_id = ?", (doc_id,))
    conn.execute("DELETE FROM search_units WHERE document_id = ?", (doc_id,))
    for (mid,) in conn.execute("SELECT id FROM meetings WHERE document_id = ?", (doc_id,)):
        unindex(conn, "meeting_id = ?", (mid,))
        conn.execute("DELETE FROM search_units WHERE meeting_id = ?", (mid,))
        conn.execute("DELETE FROM followups WHERE meeting_id = ?", (mid,))
        conn.execute("DELETE FROM attendance WHERE meeting_id = ?", (mid,))
        conn.execute("DELETE FROM items WHERE meeting_id = ?", (mid,))
        conn.execute("DELETE FROM meetings WHERE id = ?", (mid,))


def fold_extract(conn: sqlite3.Connection, doc_id: int, meeting_id: int) -> None:
    """An item's own PDF of a meeting already stored whole: a part of that meeting."""
    with dbmod.transaction(conn):
        _drop_own_meeting(conn, doc_id)
        conn.execute(
            "UPDATE documents SET role = 'item-extract', part_of = ? WHERE id = ?",
            (meeting_id, doc_id),
        )


def register_file(conn: sqlite3.Connection, path: Path, warning: str) -> int:
    """A file kitar cannot read (no text layer) stored as a document without pages."""
    data = path.read_bytes()
    sha = hashlib.sha256(data).hexdigest()
    row = conn.execute("SELECT id FROM documents WHERE sha256 = ?", (sha,)).fetchone()
    if row:
        return int(row[0])
    with dbmod.transaction(conn):
        cur = conn.execute(
            "INSERT INTO documents (sha256, path, format, pages, ingested_at, warnings) "
            "VALUES (?,?,?,?,?,?)",
            (sha, str(path), path.suffix.lower().lstrip(".") or "pdf", 0,
             datetime.now(UTC).isoformat(timespec="seconds"),
             json.dumps([warning], ensure_ascii=False)),
        )  # fmt: skip
        return int(cur.lastrowid or 0)


def _visible_pages(
    conn: sqlite3.Connection, doc_id: int, meeting_id: int, hidden: bool
) -> list[tuple[int, str, str]]:
    """(page, text, visibility) of an annex file's pages, by kitar.redact's rule: a closed
    item's or a confidential annex's pages are internal; a page naming one of the meeting's
    confidential annexes is internal with a redacted public twin."""
    pages = conn.execute(
        "SELECT number, text FROM pages WHERE document_id = ? AND trim(text) != '' ORDER BY number",
        (doc_id,),
    ).fetchall()
    if hidden:
        return [(n, t, "internal") for n, t in pages]
    titles = [
        r[0] or ""
        for r in conn.execute(
            "SELECT a.title FROM annexes a JOIN items i ON i.id = a.item_id "
            "WHERE i.meeting_id = ? AND a.confidential = 1",
            (meeting_id,),
        )
    ]
    red = Redactor(titles)
    out: list[tuple[int, str, str]] = []
    for n, t in pages:
        if red and red.hides(t):
            out += [(n, t, "internal"), (n, red.text(t), "public")]
        else:
            out.append((n, t, "all"))
    return out


def keep_unplaced(conn: sqlite3.Connection, doc_id: int, meeting_id: int) -> None:
    """A file of a meeting's folder that no rule places: part of the meeting, no annex."""
    with dbmod.transaction(conn):
        conn.execute(
            "UPDATE documents SET role = 'annex', part_of = ? WHERE id = ?", (meeting_id, doc_id)
        )


def attach_annex(
    conn: sqlite3.Connection,
    doc_id: int,
    meeting_id: int,
    item_id: int,
    annex_id: int | None,
    method: str,
    confidence: float,
    title: str = "",
) -> int:
    """Link a file to an annex (a new annex of the item when `annex_id` is None); its pages
    become the item's `annex` search units, confidential when the annex is."""
    with dbmod.transaction(conn):
        _drop_own_meeting(conn, doc_id)
        if annex_id is None:
            pos = conn.execute(
                "SELECT coalesce(max(position), -1) + 1 FROM annexes WHERE item_id = ?",
                (item_id,),
            ).fetchone()[0]
            cur = conn.execute(
                "INSERT INTO annexes (item_id, number, title, confidential, ref, position) "
                "VALUES (?, NULL, ?, 0, NULL, ?)",
                (item_id, title, pos),
            )
            annex_id = int(cur.lastrowid or 0)
        conn.execute(  # a file is one annex: an earlier link of it goes
            "UPDATE annexes SET document_id = NULL, link_method = NULL, link_confidence = NULL "
            "WHERE document_id = ? AND id != ?",
            (doc_id, annex_id),
        )
        conn.execute(
            "UPDATE annexes SET document_id = ?, link_method = ?, link_confidence = ? WHERE id = ?",
            (doc_id, method, confidence, annex_id),
        )
        closed, confidential = conn.execute(
            "SELECT i.closed, a.confidential FROM annexes a JOIN items i ON i.id = a.item_id "
            "WHERE a.id = ?",
            (annex_id,),
        ).fetchone()
        conn.executemany(
            "INSERT INTO search_units (kind, document_id, meeting_id, item_id, page, closed, "
            "confidential, text, annex_id, visibility) VALUES ('annex',?,?,?,?,?,?,?,?,?)",
            [
                (doc_id, meeting_id, item_id, page, closed, confidential, text, annex_id, vis)
                for page, text, vis in _visible_pages(
                    conn, doc_id, meeting_id, closed or confidential
                )
            ],
        )
        conn.execute(
            "UPDATE documents SET role = 'annex', part_of = ? WHERE id = ?", (meeting_id, doc_id)
        )
    return annex_id


def annex_files(db_path: str | Path, meeting_id: int) -> dict[tuple[str | None, str], str]:
    """(item number, annex title) → the linked file's path, for `kitar show --json`."""
    from kitar.store.migrations import open_corpus

    conn = open_corpus(db_path)
    try:
        return annex_paths(conn, meeting_id)
    finally:
        conn.close()


def annex_paths(conn: sqlite3.Connection, meeting_id: int) -> dict[tuple[str | None, str], str]:
    """(item number, annex title) → the linked file's path."""
    rows = conn.execute(
        "SELECT i.number, a.title, d.path FROM annexes a JOIN items i ON i.id = a.item_id "
        "JOIN documents d ON d.id = a.document_id WHERE i.meeting_id = ?",
        (meeting_id,),
    ).fetchall()
    return {(r[0], r[1]): r[2] for r in rows}
