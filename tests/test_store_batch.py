"""Several documents per transaction: each in a SAVEPOINT, so a failure undoes one document."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from kitar.demo.bulk import iter_meetings
from kitar.model import Document
from kitar.store import writer
from kitar.store.migrations import open_migrated
from kitar.store.prepare import Prepared, prepare
from kitar.store.writer import Batch
from tests.kill_helpers import kill_when, spawn


def _preps(n_items: int = 60) -> list[Prepared]:
    return [
        prepare(Document(m.source.path, "pdf", m.source.pages), m, m.source.sha256, m.source.path)
        for m in iter_meetings(n_items, 5)
    ]


def _counts(db: Path) -> tuple[int, int, int]:
    with sqlite3.connect(db) as conn:
        return tuple(
            conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("documents", "items", "search_units")
        )


def _fail_on(monkeypatch: pytest.MonkeyPatch, calls: int, exc: BaseException) -> None:
    """Make the `calls`-th document fail after its items are written (half a document)."""
    real = writer.write_units
    seen = []

    def units(*args: object, **kwargs: object) -> None:
        seen.append(1)
        if len(seen) == calls:
            raise exc
        real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(writer, "write_units", units)


def test_a_failing_document_rolls_back_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    preps = _preps()
    assert len(preps) >= 3
    db = tmp_path / "c.db"
    conn = open_migrated(db).conn
    _fail_on(monkeypatch, 2, RuntimeError("boom"))
    with Batch(conn, max_age=3600) as batch:
        batch.write(preps[0])
        with pytest.raises(RuntimeError):
            batch.write(preps[1])
        batch.write(preps[2])
        assert conn.in_transaction  # still one open batch
    conn.close()
    items = len(preps[0].items) + len(preps[2].items)
    units = len(preps[0].units) + len(preps[2].units)
    assert _counts(db) == (2, items, units)


def test_ctrl_c_commits_the_complete_documents_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    preps = _preps()
    db = tmp_path / "c.db"
    conn = open_migrated(db).conn
    _fail_on(monkeypatch, 3, KeyboardInterrupt())
    with pytest.raises(KeyboardInterrupt), Batch(conn, max_age=3600) as batch:
        for prep in preps:
            batch.write(prep)
    assert not conn.in_transaction
    conn.close()
    items = len(preps[0].items) + len(preps[1].items)
    assert _counts(db)[:2] == (2, items)


def test_due_only_after_max_age(tmp_path: Path) -> None:
    conn = open_migrated(tmp_path / "c.db").conn
    batch = Batch(conn, max_age=0.0)
    assert not batch.due()  # nothing open
    batch.write(_preps(10)[0])
    assert batch.due()
    batch.commit()
    assert not conn.in_transaction and not batch.due()
    assert not Batch(conn, max_age=3600).due()
    conn.close()


BATCH_SCRIPT = """
import sys
from kitar.demo.bulk import iter_meetings
from kitar.model import Document
from kitar.store.migrations import open_migrated
from kitar.store.prepare import prepare
from kitar.store.writer import Batch
conn = open_migrated(sys.argv[1]).conn
done = {r[0] for r in conn.execute("SELECT sha256 FROM documents")}
with Batch(conn, max_age=0.05) as batch:
    for m in iter_meetings(int(sys.argv[2]), 5):
        if m.source.sha256 not in done:
            p = prepare(Document(m.source.path, "pdf", m.source.pages), m, m.source.sha256, "x")
            batch.write(p)
            if batch.due():
                batch.commit()
"""


def _items_per_document(db: Path) -> dict[str, int]:
    with sqlite3.connect(db) as conn:
        return dict(
            conn.execute(
                "SELECT d.sha256, count(i.id) FROM documents d JOIN meetings m "
                "ON m.document_id = d.id LEFT JOIN items i ON i.meeting_id = m.id GROUP BY d.id"
            ).fetchall()
        )


def test_sigkill_mid_batch_leaves_whole_documents_and_rerun_completes(tmp_path: Path) -> None:
    n_items = 3000
    expected = {p.sha256: len(p.items) for p in _preps(n_items)}
    db = tmp_path / "k.db"
    proc = spawn(BATCH_SCRIPT, str(db), str(n_items))
    kill_when(proc, lambda: db.exists() and len(_items_per_document(db)) >= 5, timeout=60)
    partial = _items_per_document(db)
    assert 5 <= len(partial) < len(expected)
    assert all(partial[sha] == expected[sha] for sha in partial)  # no half document
    assert spawn(BATCH_SCRIPT, str(db), str(n_items)).wait() == 0
    assert _items_per_document(db) == expected
