"""With -j 2 a long PDF is read in page chunks by both workers; the corpus is the same."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from kitar.demo.content import generate
from kitar.demo.render_pdf import render_agenda
from kitar.ingest import pipeline
from kitar.ingest.batch import ingest


def _rows(db: Path) -> list[tuple]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(
            "SELECT i.number, i.title, i.page, i.closed FROM items i ORDER BY i.id"
        ).fetchall()
    finally:
        conn.close()


def test_chunked_ingest_equals_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pdf = render_agenda(generate(8, "kl", "minutes"), tmp_path / "docs" / "referat.pdf")
    other = render_agenda(generate(9, "committee", "agenda"), tmp_path / "docs" / "dagsorden.pdf")
    monkeypatch.setattr(pipeline, "CHUNK_PAGES", 2)  # split even a short PDF into chunks
    assert pipeline.pdf_chunks(pdf) is not None and len(pipeline.pdf_chunks(pdf) or []) > 1

    whole = ingest([pdf, other], tmp_path / "whole.db", jobs=1)
    split = ingest([pdf, other], tmp_path / "split.db", jobs=2)
    assert [f.status for f in whole.files] == [f.status for f in split.files] == ["new", "new"]
    assert [f.items for f in split.files] == [f.items for f in whole.files]
    assert _rows(tmp_path / "split.db") == _rows(tmp_path / "whole.db")
