"""Keeping the FTS5 index in step with `search_units`, in bulk.

A unit's text is stored once (`search_units.text`); its stems and compound parts exist only
inside the FTS5 index (migration 4). The writer analyses units in the worker processes and
hands the results to `catch_up` in batches (every few thousand units and at the end of an
ingest), because FTS5 indexes a large batch far faster than many small ones. `fts_state.upto`
is the last indexed unit: if an ingest is killed in between, the next ingest or search finds it
behind and analyses the rest from their text. Deleting an indexed unit needs the values it was
indexed with, so they are computed again by the same analyser; `fts_state.analyzer` names that
analyser, and a different one re-indexes everything rather than delete with other values.
"""

from __future__ import annotations

import sqlite3
from functools import cache

from kitar.store.db import transaction

# Bump when kitar.store.analyze changes what it produces for a text.
ANALYZER_VERSION = 2
Analysed = dict[int, tuple[str, str]]  # unit id → (stems, parts)


@cache
def analyzer_id() -> str:
    """What produced the index values: our analyser, the word list and the stemmer versions."""
    # importlib.metadata costs ~0.08 s to import: not on the search path unless it indexes.
    from importlib.metadata import PackageNotFoundError, version

    out = [f"kitar-analyze {ANALYZER_VERSION}"]
    for dist in ("wordfreq", "PyStemmer"):
        try:
            out.append(f"{dist} {version(dist)}")
        except PackageNotFoundError:  # pragma: no cover - both are dependencies
            out.append(f"{dist} ?")
    return "; ".join(out)


def pending(conn: sqlite3.Connection) -> int:
    """How many search units are not in the FTS index yet."""
    row = conn.execute(
        "SELECT count(*) FROM search_units WHERE id > (SELECT upto FROM fts_state)"
    ).fetchone()
    return int(row[0])


def _analyse(texts: list[tuple[int, str]]) -> list[tuple[int, str, str]]:
    from kitar.store.analyze import analyze  # loads the word list: only when needed

    return [(i, *analyze(t or "")) for i, t in texts]


def catch_up(conn: sqlite3.Connection, ready: Analysed | None = None) -> int:
    """Index every unit written since the last catch-up; returns how many.

    `ready` holds analyses the writer already has (they are used and removed); any other
    unit (another process's, or one left by a killed ingest) is analysed from its text.
    """
    ready = ready if ready is not None else {}
    with transaction(conn):
        upto, analyzer = conn.execute("SELECT upto, analyzer FROM fts_state").fetchone()
        current = analyzer_id()
        if analyzer != current:
            if upto:  # indexed by another analyser: its values cannot be deleted reliably
                conn.execute(
                    "INSERT INTO search_units_fts (search_units_fts) VALUES ('delete-all')"
                )
                upto = 0
            conn.execute("UPDATE fts_state SET analyzer = ?", (current,))
        ids = [
            r[0]
            for r in conn.execute("SELECT id FROM search_units WHERE id > ? ORDER BY id", (upto,))
        ]
        if not ids:
            ready.clear()
            return 0
        rows: list[tuple[int, str, str]] = []
        todo: list[int] = []
        for i in ids:
            done = ready.pop(i, None)
            if done is None:
                todo.append(i)
            else:
                rows.append((i, *done))
        ready.clear()  # what is left belongs to units deleted since (a replaced document)
        for n in range(0, len(todo), 500):  # stay under SQLite's bound-variable limit
            chunk = todo[n : n + 500]
            marks = ",".join("?" * len(chunk))
            texts = conn.execute(f"SELECT id, text FROM search_units WHERE id IN ({marks})", chunk)
            rows.extend(_analyse(texts.fetchall()))
        rows.sort()
        conn.executemany("INSERT INTO search_units_fts (rowid, stems, parts) VALUES (?,?,?)", rows)
        conn.execute("UPDATE fts_state SET upto = ?", (ids[-1],))
        return len(rows)


def unindex(conn: sqlite3.Connection, where: str, args: tuple[object, ...]) -> None:
    """Remove the indexed units matching `where` from the index (call inside a transaction,
    before deleting them): FTS5's 'delete' needs the exact values they were indexed with."""
    texts = conn.execute(
        f"SELECT id, text FROM search_units WHERE ({where}) AND id <= (SELECT upto FROM fts_state)",
        args,
    ).fetchall()
    if texts:
        conn.executemany(
            "INSERT INTO search_units_fts (search_units_fts, rowid, stems, parts) "
            "VALUES ('delete', ?, ?, ?)",
            _analyse(texts),
        )
