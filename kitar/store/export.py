"""The corpus as plain rows for exporters (OParl): current documents only, in a stable order."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kitar.store.migrations import open_corpus


@dataclass
class CorpusRows:
    documents: list[dict[str, Any]] = field(default_factory=list)
    meetings: list[dict[str, Any]] = field(default_factory=list)
    items: list[dict[str, Any]] = field(default_factory=list)
    recommendations: dict[int, list[str]] = field(default_factory=dict)  # item id → texts
    decisions: dict[int, list[dict[str, Any]]] = field(default_factory=dict)  # item id → rows
    annexes: dict[int, list[dict[str, Any]]] = field(default_factory=dict)  # item id → rows
    people: dict[int, str] = field(default_factory=dict)  # person id → name
    attendance: dict[int, list[tuple[int, str]]] = field(default_factory=dict)  # meeting → (p, s)
    presenters: dict[int, list[int]] = field(default_factory=dict)  # item id → person ids
    page_texts: dict[int, list[str]] = field(default_factory=dict)  # document id → pages


def _rows(conn: sqlite3.Connection, sql: str) -> list[dict[str, Any]]:
    return [dict(r) for r in conn.execute(sql)]


def corpus_rows(db_path: str | Path) -> CorpusRows:
    """Every current document's meeting, items, decisions, annexes and people."""
    conn = open_corpus(db_path)
    try:
        out = CorpusRows()
        current = "d.superseded_by IS NULL"
        out.documents = _rows(conn, f"SELECT d.* FROM documents d WHERE {current} ORDER BY d.id")
        out.meetings = _rows(
            conn,
            "SELECT m.* FROM meetings m JOIN documents d ON d.id = m.document_id "
            f"WHERE {current} ORDER BY m.date, m.id",
        )
        out.items = _rows(
            conn,
            "SELECT i.* FROM items i JOIN meetings m ON m.id = i.meeting_id JOIN documents d "
            f"ON d.id = m.document_id WHERE {current} ORDER BY i.meeting_id, i.position",
        )
        for r in conn.execute("SELECT item_id, text FROM recommendations ORDER BY position"):
            out.recommendations.setdefault(r[0], []).append(r[1])
        for r in conn.execute("SELECT * FROM decisions ORDER BY item_id, position"):
            out.decisions.setdefault(r["item_id"], []).append(dict(r))
        for r in conn.execute(
            "SELECT a.*, d.path FROM annexes a LEFT JOIN documents d ON d.id = a.document_id "
            "ORDER BY a.item_id, a.position"
        ):
            out.annexes.setdefault(r["item_id"], []).append(dict(r))
        out.people = {r[0]: r[1] for r in conn.execute("SELECT id, name FROM people")}
        for r in conn.execute(
            "SELECT meeting_id, person_id, status FROM attendance WHERE item_id IS NULL ORDER BY id"
        ):
            out.attendance.setdefault(r[0], []).append((r[1], r[2]))
        for r in conn.execute("SELECT item_id, person_id FROM presenters ORDER BY position"):
            out.presenters.setdefault(r[0], []).append(r[1])
        for r in conn.execute(
            f"SELECT p.document_id, p.text FROM pages p JOIN documents d ON d.id = p.document_id "
            f"WHERE {current} ORDER BY p.document_id, p.number"
        ):
            out.page_texts.setdefault(r[0], []).append(r[1] or "")
        return out
    finally:
        conn.close()
