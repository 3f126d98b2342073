"""The whole reading path for one file: read → reflow → parse. Heavy imports stay inside.

A long PDF can also be read in page chunks by several worker processes (`pdf_chunks`,
`read_pdf_chunk`) and then finished in one place (`process_pdf_pages`): pdfplumber's page
parsing is by far the slowest step, and one 100-page report would otherwise keep a single
worker busy while the others idle. Likewise `read_and_reflow` (in workers) + `finish_document`
(in one process) split `process_file`: only parsing needs spaCy, whose ~1.5 s of loading
(`warm_up`) is then paid once, not once per worker.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from kitar.model import Document, Meeting, Page

if TYPE_CHECKING:
    from kitar.read.ocr import OcrOptions

# Pages per chunk when a long PDF is split across workers; shorter PDFs are read whole.
CHUNK_PAGES = 16


def read_and_reflow(path: str | Path, ocr: OcrOptions | None = None) -> Document:
    """Read a PDF/DOCX/TXT file and reflow its blocks into clean Danish text (with `ocr`,
    scanned PDF pages are read by OCR)."""
    from kitar.read.load import read_document
    from kitar.text.reflow import reflow_document

    return reflow_document(read_document(path, ocr=ocr))


def process_file(path: str | Path, ocr: OcrOptions | None = None) -> tuple[Document, Meeting]:
    """Read, reflow and parse one file into a meeting."""
    return finish_document(read_and_reflow(path, ocr=ocr))


def parse_file(path: str | Path, ocr: OcrOptions | None = None) -> Meeting:
    """The meeting in one file, as `kitar parse` prints it: a document with no text at all
    gives an empty meeting with a warning (nothing to extract is not an error for parsing)."""
    from kitar.errors import NothingToExtract
    from kitar.model import MeetingInfo, SourceInfo

    try:
        return (process_file(path) if ocr is None else process_file(path, ocr=ocr))[1]
    except NothingToExtract as exc:
        source = SourceInfo(path=str(path), sha256="", format="pdf", pages=0)
        return Meeting(source=source, meeting=MeetingInfo(), warnings=[str(exc)])


def pdf_chunks(
    path: str | Path, min_pages: int | None = None, size: int | None = None
) -> list[list[int]] | None:
    """Page-number chunks for a PDF long enough to split, else None (read it whole)."""
    size = size or CHUNK_PAGES
    min_pages = min_pages or 2 * size
    from kitar.errors import KitarError
    from kitar.read.pdf import page_count

    if Path(path).suffix.lower() != ".pdf":
        return None
    try:
        count = page_count(path)
    except KitarError:
        return None  # the whole-file path reports the problem
    if count < min_pages:
        return None
    return [list(range(a, min(a + size, count + 1))) for a in range(1, count + 1, size)]


def read_pdf_chunk(
    path: str | Path, numbers: list[int], ocr: OcrOptions | None = None
) -> tuple[list[Page], list[str]]:
    """Read some pages of a PDF (in a worker; with `ocr`, its scanned ones by OCR)."""
    from kitar.read.pdf import read_pages

    notes: list[str] = []
    return read_pages(path, numbers=numbers, warnings=notes, ocr=ocr), notes


def process_pdf_pages(
    path: str | Path, pages: list[Page], notes: list[str] | None = None
) -> tuple[Document, Meeting]:
    """Finish a PDF read in chunks: layout, blocks, reflow and parse, as `process_file` does."""
    from kitar.parse.meeting import parse_document
    from kitar.read.pdf import document_from_pages, file_sha256
    from kitar.text.reflow import reflow_document

    digest = file_sha256(path)
    doc = reflow_document(document_from_pages(path, digest, pages, sorted(set(notes or []))))
    return doc, parse_document(doc)


def finish_document(doc: Document) -> tuple[Document, Meeting]:
    """The rest of `process_file` for a Document from `read_and_reflow`: parse it."""
    from kitar.parse.meeting import parse_document

    return doc, parse_document(doc)


# A tiny fictitious agenda, already reflowed: parsing it imports what parsing a real one needs.
_WARM_UP = [
    ("heading", "1. Godkendelse af dagsorden"),
    ("paragraph", "Oplæg ved Anna Testesen, KL. Sagsnr. 2024-001"),
    ("paragraph", "Indstilling: Direktøren indstiller, at udvalget godkender forslaget."),
]


def warm_up() -> tuple[Document, Meeting]:
    """Build spaCy's pipeline now (about 1.5 s, once per process), e.g. while worker
    processes read; returns the parsed warm-up document."""
    from kitar.model import Block
    from kitar.parse import nlp

    nlp.organisation_spans("KL")  # builds the pipeline and its organisation matcher
    blocks = [Block(kind, text, 1) for kind, text in _WARM_UP]  # type: ignore[arg-type]
    return finish_document(Document(path="<warm-up>", format="txt", pages=1, blocks=blocks))
