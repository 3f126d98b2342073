"""The Syddjurs minutes read to the same paragraphs from DOCX and from PDF, headers aside."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kitar.model import Document
from kitar.read.docx import read_docx


def _norm(text: str, dash_spacing: bool = True) -> str:
    """Whitespace and quote styles differ between the two files; the words must not.

    A table of contents' tab leader is dots in the PDF ("fokusområder.......2").
    """
    text = text.replace("\u2019", "'").replace("\u201d", '"').replace("\u201c", '"')
    text = re.sub(r"\.{4,}", " ", text)
    if not dash_spacing:
        text = re.sub(r"\s*([–-])\s*", r"\1", text)
    return re.sub(r"\s+", " ", text).strip()


def _reflowed(path: Path, reader: str) -> Document:
    reflow = pytest.importorskip("kitar.text.reflow")
    if reader == "pdf":
        pdf = pytest.importorskip("kitar.read.load")
        doc = pdf.read_document(path)
    else:
        doc = read_docx(path)
    return reflow.reflow_document(doc)


def _differences(samples: Path, dash_spacing: bool = True) -> tuple[list[str], list[str]]:
    folder = samples / "syddjurs-puk-2013-06-20"
    from_docx = _reflowed(folder / "referat.docx", "docx")
    from_pdf = _reflowed(folder / "referat.pdf", "pdf")

    def norm(text: str) -> str:
        return _norm(text, dash_spacing)

    pdf_text = norm(" ".join(b.text for b in from_pdf.blocks))
    docx_text = norm(" ".join(b.text for b in from_docx.blocks))
    # Body paragraphs (not table cells: the PDF cannot tell a cell from a line) must appear
    # whole in the PDF; every PDF paragraph must appear in the DOCX.
    missing_in_pdf = [
        norm(b.text)
        for b in from_docx.blocks
        if b.kind != "table_cell" and norm(b.text) not in pdf_text
    ]
    missing_in_docx = [norm(b.text) for b in from_pdf.blocks if norm(b.text) not in docx_text]
    return missing_in_pdf, missing_in_docx


def test_same_paragraphs_ignoring_space_around_dashes(samples: Path) -> None:
    assert _differences(samples, dash_spacing=False) == ([], [])


# The gap after a dash in this PDF ("kræve? – og", "Fritid - Lokalt") is narrower than
# pdfplumber's default x_tolerance; the reader's word-gap tolerance keeps it.
def test_same_paragraphs_exactly(samples: Path) -> None:
    assert _differences(samples) == ([], [])
