"""The whole reading path for one file: read → reflow → parse. Heavy imports stay inside."""

from __future__ import annotations

from pathlib import Path

from kitar.model import Document, Meeting


def read_and_reflow(path: str | Path) -> Document:
    """Read a PDF/DOCX/TXT file and reflow its blocks into clean Danish text."""
    from kitar.read.load import read_document
    from kitar.text.reflow import reflow_document

    return reflow_document(read_document(path))


def process_file(path: str | Path) -> tuple[Document, Meeting]:
    """Read, reflow and parse one file into a meeting."""
    from kitar.parse.meeting import parse_document

    doc = read_and_reflow(path)
    return doc, parse_document(doc)
