"""A long PDF read in page chunks (by several workers) gives exactly what reading it whole gives."""

from __future__ import annotations

from pathlib import Path

import pytest

from kitar.demo.content import generate
from kitar.demo.render_pdf import render_agenda
from kitar.ingest.pipeline import pdf_chunks, process_file, process_pdf_pages, read_pdf_chunk
from kitar.parse.serialize import meeting_to_dict


def _chunked(path: Path, size: int):
    chunks = pdf_chunks(path, min_pages=2, size=size)
    assert chunks is not None and len(chunks) > 1
    pages, notes = [], []
    for chunk in reversed(chunks):  # workers finish in any order
        got, more = read_pdf_chunk(path, chunk)
        pages += got
        notes += more
    return process_pdf_pages(path, pages, notes)


def _same(path: Path, size: int) -> None:
    whole_doc, whole = process_file(path)
    doc, meeting = _chunked(path, size)
    assert [(b.kind, b.page, b.text) for b in doc.blocks] == [
        (b.kind, b.page, b.text) for b in whole_doc.blocks
    ]
    assert doc.metadata == whole_doc.metadata and doc.sha256 == whole_doc.sha256
    assert meeting_to_dict(meeting) == meeting_to_dict(whole)


def test_generated_agenda_chunked_equals_whole(tmp_path: Path) -> None:
    pdf = render_agenda(generate(5, "kl", "minutes"), tmp_path / "referat.pdf")
    _same(pdf, size=3)


def test_ballerup_chunked_equals_whole(samples: Path) -> None:
    _same(samples / "ballerup-sfu-2012-12-04" / "referat.pdf", size=4)


@pytest.mark.parametrize("name", ["notes.txt", "short.pdf"])
def test_short_or_other_files_are_not_split(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    if name.endswith(".pdf"):
        render_agenda(generate(2, "committee", "agenda", n_items=2), path)
    else:
        path.write_text("1. Punkt\n", encoding="utf-8")
    assert pdf_chunks(path) is None
