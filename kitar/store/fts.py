"""Keeping the FTS5 index in step with `search_units`, in bulk.

Documents are written one transaction each; their search units reach the FTS5 index in
batches (every few thousand units and at the end of an ingest), because FTS5 indexes a
large batch far faster than many small ones. If an ingest is killed in between, the next
ingest or search finds `fts_state.upto` behind and indexes the rest.
"""

from __future__ import annotations

import sqlite3

from kitar.store.db import transaction


def pending(conn: sqlite3.Connection) -> int:
    """How many search units are not in the FTS index yet."""
    row = conn.execute(
        "SELECT count(*) FROM search_units WHERE id > (SELECT upto FROM fts_state)"
    ).fetchone()
    return int(row[0])


def catch_up(conn: sqlite3.Connection) -> int:
    """Index every unit written since the last catch-up; returns how many."""
    with transaction(conn):
        upto = conn.execute("SELECT upto FROM fts_state").fetchone()[0]
        newest = conn.execute("SELECT max(id) FROM search_units").fetchone()[0] or 0
        if newest <= upto:
            return 0
        cur = conn.execute(
            "INSERT INTO search_units_fts (rowid, stems, parts) "
            "SELECT id, stems, parts FROM search_units WHERE id > ? ORDER BY id",
            (upto,),
        )
        conn.execute("UPDATE fts_state SET upto = ?", (newest,))
        return cur.rowcount
