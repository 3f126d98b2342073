"""Reading the corpus back: meetings, one meeting as a kitar.model.Meeting, people, stats."""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kitar.errors import CorpusError
from kitar.model import (
    Annex,
    Decision,
    Item,
    Meeting,
    MeetingInfo,
    Presenter,
    Section,
    SourceInfo,
)
from kitar.store.migrations import open_corpus

DATE_RE = re.compile(r"\b(\d{4}-\d{2}-\d{2})\b")


@dataclass
class MeetingRow:
    id: int
    kind: str | None
    body: str | None
    date: str | None
    time: str | None
    location: str | None
    items: int
    path: str | None
    linked: dict[str, int]  # the other documents of the same meeting, kind → meeting id
    also: list[str] = field(default_factory=list)  # more source documents of this meeting
    draft: bool = False  # made from a `kitar minutes` draft


def _linked(conn: sqlite3.Connection, meeting_id: int, key: str | None) -> dict[str, int]:
    if not key:
        return {}
    # Drafts first, so that real minutes win the link: a `kitar minutes` draft ingested by
    # accident (it lies in the meetings folder) must not stand in for the minutes.
    rows = conn.execute(
        "SELECT kind, id FROM meetings WHERE meeting_key = ? AND id != ? AND document_id "
        "IS NOT NULL ORDER BY draft_of IS NULL, id",
        (key, meeting_id),
    )
    return {r[0] or "?": r[1] for r in rows}


def list_meetings(db_path: str | Path, body: str | None = None) -> list[MeetingRow]:
    """Every meeting document, newest first."""
    conn = open_corpus(db_path)
    try:
        sql = (
            "SELECT m.*, d.path, (SELECT count(*) FROM items i WHERE i.meeting_id = m.id) AS n "
            "FROM meetings m LEFT JOIN documents d ON d.id = m.document_id "
            "WHERE m.document_id IS NOT NULL"
        )
        args: list[Any] = []
        if body:
            sql += " AND instr(kitar_fold(m.body), ?) > 0"
            args.append(body.casefold())
        rows = conn.execute(sql + " ORDER BY m.date DESC, m.id", args).fetchall()
        also: dict[int, list[str]] = {}
        for meeting_id, path in conn.execute(
            "SELECT s.meeting_id, d.path FROM meeting_sources s JOIN documents d "
            "ON d.id = s.document_id ORDER BY s.id"
        ):
            also.setdefault(meeting_id, []).append(path)
        return [
            MeetingRow(
                r["id"],
                r["kind"],
                r["body"],
                r["date"],
                r["time"],
                r["location"],
                r["n"],
                r["path"],
                _linked(conn, r["id"], r["meeting_key"]),
                also.get(r["id"], []),
                r["draft_of"] is not None,
            )
            for r in rows
        ]
    finally:
        conn.close()


def stored_document(conn: sqlite3.Connection, sha256: str) -> tuple[int, int | None, int] | None:
    """(document id, meeting id, item count) of the document with these bytes, if stored."""
    row = conn.execute(
        "SELECT d.id, m.id, (SELECT count(*) FROM items i WHERE i.meeting_id = m.id) "
        "FROM documents d LEFT JOIN meetings m ON m.document_id = d.id WHERE d.sha256 = ?",
        (sha256,),
    ).fetchone()
    return (int(row[0]), row[1], int(row[2] or 0)) if row else None


def resolve_meeting(
    conn: sqlite3.Connection, ref: str, kind: str | None = None, prefer: str = "agenda"
) -> int:
    """A meeting id from `12`, `2016-08-29` or `Arkitekturråd 2016-08-29`; a date with both
    an agenda and its minutes gives the `prefer` kind."""
    ref = ref.strip()
    if ref.isdigit():
        row = conn.execute("SELECT id FROM meetings WHERE id = ?", (int(ref),)).fetchone()
        if row is None:
            raise CorpusError(f"no meeting with id {ref} (see `kitar meetings`)")
        return int(row[0])
    match = DATE_RE.search(ref)
    if not match:
        raise CorpusError(
            f"meeting reference {ref!r}: give an id, a date (YYYY-MM-DD) or body and date"
        )
    text = (ref[: match.start()] + ref[match.end() :]).strip().casefold()
    sql = (
        "SELECT id, kind, meeting_key, body FROM meetings "
        "WHERE date = ? AND document_id IS NOT NULL"
    )
    args: list[Any] = [match.group(1)]
    if text:
        sql += " AND instr(kitar_fold(body), ?) > 0"
        args.append(text)
    if kind:
        sql += " AND kind = ?"
        args.append(kind)
    rows = conn.execute(sql + " ORDER BY id", args).fetchall()
    if not rows:
        raise CorpusError(f"no meeting matches {ref!r} (see `kitar meetings`)")
    if len({r["meeting_key"] for r in rows}) > 1:
        names = "; ".join(f"{r['id']}: {r['body']}" for r in rows)
        raise CorpusError(f"{ref!r} matches several meetings ({names}); add the body or use the id")
    preferred = [r for r in rows if r["kind"] == prefer]
    return int((preferred or rows)[0]["id"])


def _items(conn: sqlite3.Connection, meeting_id: int) -> list[Item]:
    def many(sql: str, ids: list[int]) -> dict[int, list[sqlite3.Row]]:
        out: dict[int, list[sqlite3.Row]] = {}
        marks = ",".join("?" * len(ids))
        for r in conn.execute(sql.format(marks), ids):
            out.setdefault(r["item_id"], []).append(r)
        return out

    rows = conn.execute(
        "SELECT * FROM items WHERE meeting_id = ? ORDER BY position", (meeting_id,)
    ).fetchall()
    ids = [r["id"] for r in rows]
    pres = many(
        "SELECT p.item_id, pe.name, o.name AS org, p.role FROM presenters p "
        "LEFT JOIN people pe ON pe.id = p.person_id LEFT JOIN organisations o ON "
        "o.id = p.organisation_id WHERE p.item_id IN ({}) ORDER BY p.position",
        ids,
    )
    recs = many("SELECT * FROM recommendations WHERE item_id IN ({}) ORDER BY position", ids)
    decs = many("SELECT * FROM decisions WHERE item_id IN ({}) ORDER BY position", ids)
    anns = many("SELECT * FROM annexes WHERE item_id IN ({}) ORDER BY position", ids)
    secs = many("SELECT * FROM sections WHERE item_id IN ({}) ORDER BY position", ids)
    absent = many(
        "SELECT a.item_id, pe.name FROM attendance a JOIN people pe ON pe.id = a.person_id "
        "WHERE a.item_id IN ({}) ORDER BY a.id",
        ids,
    )
    built: dict[int, Item] = {}
    top: list[Item] = []
    for r in rows:
        i = r["id"]
        item = Item(
            number=r["number"],
            title=r["title"] or "",
            closed=bool(r["closed"]),
            page=r["page"],
            case_id=r["case_id"],
            doc_id=r["doc_id"],
            presenters=[Presenter(p["name"], p["org"], p["role"]) for p in pres.get(i, [])],
            recommendations=[x["text"] for x in recs.get(i, [])],
            # items.decision is the latest of these (or, from an older kitar, the only one)
            decisions=[Decision(x["text"], x["body"], x["date"]) for x in decs.get(i, [])]
            or ([Decision(r["decision"])] if r["decision"] else []),
            annexes=[
                Annex(x["number"], x["title"], bool(x["confidential"]), x["ref"])
                for x in anns.get(i, [])
            ],
            sections=[Section(x["heading"], x["text"]) for x in secs.get(i, [])],
            absent=[x["name"] for x in absent.get(i, [])],
        )
        built[i] = item
        parent = r["parent_id"]
        (built[parent].subitems if parent in built else top).append(item)
    return top


def get_meeting(
    db_path: str | Path, ref: str, kind: str | None = None, prefer: str = "agenda"
) -> tuple[int, Meeting]:
    """(meeting id, Meeting) for a reference as in `resolve_meeting`."""
    conn = open_corpus(db_path)
    try:
        meeting_id = resolve_meeting(conn, ref, kind, prefer)
        m = conn.execute(
            "SELECT m.*, d.path, d.sha256, d.format, d.pages FROM meetings m "
            "LEFT JOIN documents d ON d.id = m.document_id WHERE m.id = ?",
            (meeting_id,),
        ).fetchone()
        people = conn.execute(
            "SELECT a.status, pe.name FROM attendance a JOIN people pe ON pe.id = a.person_id "
            "WHERE a.meeting_id = ? AND a.item_id IS NULL ORDER BY a.id",
            (meeting_id,),
        ).fetchall()
        info = MeetingInfo(
            kind=m["kind"],
            body=m["body"],
            date=m["date"],
            time=m["time"],
            location=m["location"],
            case_id=m["case_id"],
            doc_id=m["doc_id"],
            attendees=[p["name"] for p in people if p["status"] == "present"],
            absent=[p["name"] for p in people if p["status"] == "absent"],
        )
        source = SourceInfo(
            m["path"] or "", m["sha256"] or "", m["format"] or "txt", m["pages"] or 0
        )
        meeting = Meeting(
            source=source,
            meeting=info,
            items=_items(conn, meeting_id),
            warnings=json.loads(m["warnings"] or "[]"),
        )
        return meeting_id, meeting
    finally:
        conn.close()


def linked_meetings(db_path: str | Path, meeting_id: int) -> dict[str, int]:
    """The agenda/minutes of the same meeting (same body and date), kind → meeting id."""
    conn = open_corpus(db_path)
    try:
        row = conn.execute(
            "SELECT meeting_key FROM meetings WHERE id = ?", (meeting_id,)
        ).fetchone()
        return _linked(conn, meeting_id, row[0] if row else None)
    finally:
        conn.close()


def confidential_titles(db_path: str | Path) -> dict[int, list[str]]:
    """Meeting id → the titles of its confidential annexes (for kitar.redact.Redactor)."""
    conn = open_corpus(db_path)
    try:
        out: dict[int, list[str]] = {}
        for meeting_id, title in conn.execute(
            "SELECT i.meeting_id, a.title FROM annexes a JOIN items i ON i.id = a.item_id "
            "WHERE a.confidential = 1 ORDER BY a.id"
        ):
            out.setdefault(meeting_id, []).append(title or "")
        return out
    finally:
        conn.close()


def people(db_path: str | Path, name: str | None = None) -> list[dict[str, Any]]:
    """Who presented what and when: one row per presentation, newest first."""
    conn = open_corpus(db_path)
    try:
        sql = (
            "SELECT pe.name, o.name AS organisation, p.role, m.id AS meeting_id, m.body, m.date, "
            "i.number AS item_number, i.title AS item_title FROM presenters p "
            "JOIN people pe ON pe.id = p.person_id JOIN items i ON i.id = p.item_id "
            "JOIN meetings m ON m.id = i.meeting_id LEFT JOIN organisations o "
            "ON o.id = p.organisation_id WHERE m.document_id IS NOT NULL"
        )
        args: list[Any] = []
        if name:
            sql += " AND instr(kitar_fold(pe.name), ?) > 0"
            args.append(name.casefold())
        rows = conn.execute(sql + " ORDER BY pe.name, m.date DESC, i.position", args)
        return [dict(r) for r in rows]
    finally:
        conn.close()


def stats(db_path: str | Path) -> dict[str, Any]:
    """Row counts per table, date range and database size."""
    conn = open_corpus(db_path)
    try:
        tables = [
            "documents",
            "pages",
            "meetings",
            "items",
            "presenters",
            "people",
            "organisations",
            "recommendations",
            "decisions",
            "annexes",
            "followups",
            "search_units",
        ]
        counts = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}
        counts["superseded documents"] = conn.execute(
            "SELECT count(*) FROM documents WHERE superseded_by IS NOT NULL"
        ).fetchone()[0]
        # reports and memos: searchable pages, no agenda structure
        counts["documents without a meeting"] = conn.execute(
            "SELECT count(*) FROM documents d WHERE superseded_by IS NULL AND NOT EXISTS "
            "(SELECT 1 FROM meetings m WHERE m.document_id = d.id) AND NOT EXISTS "
            "(SELECT 1 FROM meeting_sources s WHERE s.document_id = d.id)"
        ).fetchone()[0]
        counts["meeting drafts"] = conn.execute(
            "SELECT count(*) FROM meetings WHERE draft_of IS NOT NULL AND document_id IS NOT NULL"
        ).fetchone()[0]
        first, last = conn.execute("SELECT min(date), max(date) FROM meetings").fetchone()
        version = conn.execute("PRAGMA user_version").fetchone()[0]
    finally:
        conn.close()
    return {
        "db": str(db_path),
        "schema_version": version,
        "counts": counts,
        "first_date": first,
        "last_date": last,
        "bytes": Path(db_path).stat().st_size,
    }
