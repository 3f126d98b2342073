"""Follow-up status in the corpus (`followups` table, schema in kitar.store.migration_steps).

Status survives re-extraction: saving a meeting's follow-ups again keeps the id and status of
an action already stored (same item and wording) and drops only open ones that vanished.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from kitar.errors import CorpusError
from kitar.model import FollowUp
from kitar.store.db import transaction
from kitar.store.migrations import open_corpus

STATUSES = ("open", "done")


@dataclass
class StoredFollowUp:
    id: int
    meeting_id: int
    item_id: int | None
    item_number: str | None
    owner: str | None
    action: str
    due: str | None
    source: str
    status: str
    created_at: str
    updated_at: str
    meeting_date: str | None = None
    meeting_body: str | None = None
    closed: bool = False  # from a closed item: never in a public list

    def overdue(self, today: date | None = None) -> bool:
        """Open and past its due date."""
        today = today or date.today()
        return self.status == "open" and bool(self.due) and str(self.due) < today.isoformat()


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _open(db_path: str | Path, readonly: bool = False) -> sqlite3.Connection:
    conn = open_corpus(db_path, readonly=readonly)
    if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'followups'").fetchone() is None:
        conn.close()
        raise CorpusError(f"{db_path}: corpus has no followups table (run `kitar ingest` first)")
    return conn


def _item_id(conn: sqlite3.Connection, meeting_id: int, number: str | None) -> int | None:
    """The stored item for `3` (or, for a sub-item `3.a`, its parent item 3)."""
    if not number:
        return None
    row = conn.execute(
        "SELECT id FROM items WHERE meeting_id = ? AND number = ? ORDER BY parent_id IS NOT NULL,"
        " position LIMIT 1",
        (meeting_id, number.split(".")[0]),
    ).fetchone()
    return int(row[0]) if row else None


def save_followups(
    db_path: str | Path, meeting_id: int, followups: Sequence[FollowUp]
) -> list[int]:
    """Store a meeting's follow-ups; returns their ids in the given order."""
    conn = _open(db_path)
    try:
        with transaction(conn):
            existing = {
                (r["item_number"], r["action"]): r["id"]
                for r in conn.execute(
                    "SELECT id, item_number, action FROM followups WHERE meeting_id = ?",
                    (meeting_id,),
                )
            }
            ids: list[int] = []
            now = _now()
            for fu in followups:
                source = f"{fu.origin}: {fu.sentence}" if fu.origin else fu.sentence
                known = existing.pop((fu.item_number, fu.action), None)
                if known is not None:
                    conn.execute(
                        "UPDATE followups SET owner = ?, due = ?, source = ?, updated_at = ? "
                        "WHERE id = ?",
                        (fu.owner, fu.due, source, now, known),
                    )
                    ids.append(known)
                    continue
                cur = conn.execute(
                    "INSERT INTO followups (meeting_id, item_id, item_number, owner, action, due,"
                    " source, status, created_at, updated_at) VALUES (?,?,?,?,?,?,?,'open',?,?)",
                    (meeting_id, _item_id(conn, meeting_id, fu.item_number), fu.item_number,
                     fu.owner, fu.action, fu.due, source, now, now),
                )  # fmt: skip
                ids.append(int(cur.lastrowid or 0))
            for stale in existing.values():  # done ones are history; keep them
                conn.execute("DELETE FROM followups WHERE id = ? AND status = 'open'", (stale,))
        return ids
    finally:
        conn.close()


def list_followups(
    db_path: str | Path,
    *,
    meeting_id: int | None = None,
    open_only: bool = False,
    owner: str | None = None,
) -> list[StoredFollowUp]:
    """Follow-ups, by due date (undated last), then meeting and item."""
    conn = _open(db_path, readonly=True)
    try:
        sql = (
            "SELECT f.*, m.date AS meeting_date, m.body AS meeting_body, "
            "coalesce(i.closed, 0) AS closed FROM followups f "
            "LEFT JOIN meetings m ON m.id = f.meeting_id LEFT JOIN items i ON i.id = f.item_id "
            "WHERE 1"
        )
        args: list[Any] = []
        if meeting_id is not None:
            sql += " AND f.meeting_id = ?"
            args.append(meeting_id)
        if open_only:
            sql += " AND f.status = 'open'"
        if owner:
            sql += " AND instr(kitar_fold(f.owner), ?) > 0"
            args.append(owner.casefold())
        sql += " ORDER BY f.due IS NULL, f.due, m.date, f.meeting_id, f.id"
        return [
            StoredFollowUp(**(dict(r) | {"closed": bool(r["closed"])}))
            for r in conn.execute(sql, args)
        ]
    finally:
        conn.close()


def set_status(db_path: str | Path, followup_id: int, status: str) -> StoredFollowUp:
    """Mark a follow-up `done` or `open` again; returns the updated row."""
    if status not in STATUSES:
        raise CorpusError(f"unknown follow-up status {status!r} (use {' or '.join(STATUSES)})")
    conn = _open(db_path)
    try:
        with transaction(conn):
            cur = conn.execute(
                "UPDATE followups SET status = ?, updated_at = ? WHERE id = ?",
                (status, _now(), followup_id),
            )
            if cur.rowcount == 0:
                raise CorpusError(f"no follow-up with id {followup_id} (see `kitar followups`)")
    finally:
        conn.close()
    return next(f for f in list_followups(db_path) if f.id == followup_id)


def stale_meetings(db_path: str | Path, meeting_ids: Sequence[int]) -> set[int]:
    """Meetings whose follow-ups were never extracted or predate the document's ingest."""
    conn = _open(db_path, readonly=True)
    try:
        rows = conn.execute(
            "SELECT m.id, d.ingested_at, (SELECT max(f.updated_at) FROM followups f "
            "WHERE f.meeting_id = m.id) AS synced FROM meetings m "
            "LEFT JOIN documents d ON d.id = m.document_id"
        ).fetchall()
        wanted = set(meeting_ids)
        return {
            r["id"]
            for r in rows
            if r["id"] in wanted and (r["synced"] is None or (r["ingested_at"] or "") > r["synced"])
        }
    finally:
        conn.close()
