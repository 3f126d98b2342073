"""The single writer: one document per transaction or SAVEPOINT (`Batch`), replacing an older
version in place.

A corrected file replaces the rows of the document it corrects (same path, or same meeting,
kind and format with mostly the same item numbers); the meeting keeps its id so follow-ups
survive, and the old document row stays as `superseded_by` so re-ingesting the old file is a no-op.
"""

from __future__ import annotations

import json
import sqlite3
import time
from datetime import UTC, datetime
from types import TracebackType
from typing import Literal

from kitar.errors import CorpusError
from kitar.store import db as dbmod
from kitar.store.fts import Analysed, unindex
from kitar.store.prepare import Prepared, meeting_key
from kitar.store.rows import (
    Known,
    clear_document,
    collect_orphans,
    write_items,
    write_meeting,
    write_units,
)
from kitar.store.versions import draft_link, predecessor, same_meeting

Status = Literal["new", "updated", "unchanged"]


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


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
        key = draft_link(conn, prep, key)
        same = conn.execute(
            "SELECT d.id, m.id FROM documents d LEFT JOIN meetings m ON m.document_id = d.id "
            "WHERE d.sha256 = ?",
            (prep.sha256,),
        ).fetchone()
        if same and not force:  # another ingest wrote it while we were parsing
            return "unchanged", same[0], same[1] or 0
        pred = predecessor(conn, prep, key)
        doc_row = (
            prep.path,
            prep.format,
            prep.pages,
            _now(),
            json.dumps(prep.doc_warnings, ensure_ascii=False),
        )
        if same and pred and pred[0] == same[0]:  # --force on the current version: in place
            clear_document(conn, *pred)
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
                clear_document(conn, *pred)
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
        twin = None if pred else same_meeting(conn, prep, key)
        if twin is not None:  # one meeting, two source documents: its units are there already
            conn.execute(
                "INSERT OR REPLACE INTO meeting_sources (meeting_id, document_id) VALUES (?, ?)",
                (twin, doc_id),
            )
            return ("updated" if same else "new"), doc_id, twin
        if not prep.items and (pred is None or pred[1] is None):
            # No agenda structure (a report, a memo): a document whose pages are searchable,
            # not a meeting. A file that was a meeting keeps its row (follow-ups refer to it).
            write_units(conn, prep, doc_id, None, [], ready)
            return ("updated" if (pred or same) else "new"), doc_id, 0
        meeting_id = write_meeting(conn, prep, doc_id, pred[1] if pred else None, key)
        item_ids = write_items(conn, prep, meeting_id, known)
        write_units(conn, prep, doc_id, meeting_id, item_ids, ready)
        if pred or same:
            collect_orphans(conn)
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
