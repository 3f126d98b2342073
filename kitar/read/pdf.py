"""PDF → model.Page/Line/Word through pdfplumber (the only module that imports it)."""

from __future__ import annotations

import gc
import hashlib
import io
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kitar.config import pdf_reader
from kitar.errors import (
    DamagedDocument,
    DocumentNotFound,
    EncryptedDocument,
    NoTextLayer,
    NothingToExtract,
)
from kitar.model import Document, Page, Word
from kitar.read.guards import (
    library_log,
    merge_library_warnings,
    page_size,
    release_freed_memory,
)
from kitar.read.layout import Analysis
from kitar.read.words import WORD_GAP_RATIO, clamped_word, lines_from_words
from kitar.read.words import is_bold_font as is_bold_font  # re-exported: tests

if TYPE_CHECKING:
    from kitar.read.ocr import OcrOptions

OCR_HINT = (
    "no text layer: read it with --ocr (needs OCRmyPDF and Tesseract's Danish model: apt-get "
    "install ocrmypdf tesseract-ocr-dan), or run OCR first: `ocrmypdf -l dan in.pdf out.pdf`"
)


def _is_password_error(exc: BaseException) -> bool:
    seen: BaseException | None = exc
    while seen is not None:
        name = type(seen).__name__
        if "Password" in name or "Encryption" in name or "password" in str(seen).lower():
            return True
        seen = seen.__cause__ or seen.__context__
    return False


@contextmanager
def open_pdf(
    path: str | Path, data: bytes | None = None, warnings: list[str] | None = None
) -> Iterator[Any]:
    """Open a PDF leniently; raise EncryptedDocument or DamagedDocument naming the file.

    A file pdfminer cannot open is rewritten by PDFium first; `warnings` then gets a note.
    pdfminer's own log lines while the file is open become one warning (`guards.library_log`).
    """
    with library_log(warnings, path):
        pdf = _open_lenient(path, data, warnings)
        try:
            yield pdf
        finally:
            pdf.close()


def _pdfplumber() -> Any:
    """pdfplumber, imported when first used: the PDFium reader (the default) never needs it,
    and it costs ~20 MB and ~50 ms to import."""
    import pdfplumber

    return pdfplumber


def _open_lenient(path: str | Path, data: bytes | None, warnings: list[str] | None) -> Any:
    pdfplumber = _pdfplumber()
    source: str | Path | io.BytesIO = io.BytesIO(data) if data is not None else path
    try:
        pdf = pdfplumber.open(source)
        _ = pdf.pages  # forces the page tree to be read, where broken files fail
        return pdf
    except FileNotFoundError:
        raise DocumentNotFound("no such file", path) from None
    except Exception as exc:
        if _is_password_error(exc):
            raise EncryptedDocument("encrypted PDF: remove the password first", path) from None
        failure = exc
    from kitar.read.pdfium import repaired_copy

    repaired = repaired_copy(data if data is not None else path)
    if repaired is None:
        raise DamagedDocument(f"damaged PDF that cannot be repaired ({failure})", path)
    try:
        pdf = pdfplumber.open(repaired)
        _ = pdf.pages
    except Exception as exc2:
        raise DamagedDocument(f"damaged PDF ({exc2})", path) from None
    if warnings is not None:
        warnings.append(f"{path}: damaged PDF, read from a repaired copy")
    return pdf


def _word(raw: dict[str, Any], width: float, height: float) -> Word | None:
    """A pdfplumber word as a model Word clamped to the page (None outside it)."""
    return clamped_word(
        raw["text"],
        float(raw["x0"]),
        float(raw["x1"]),
        float(raw["top"]),
        float(raw["bottom"]),
        str(raw.get("fontname", "")),
        float(raw.get("size", 0.0)),
        width,
        height,
    )


def _page_from_plumber(p: Any, number: int) -> Page:
    raw = p.extract_words(
        extra_attrs=["fontname", "size"],
        keep_blank_chars=False,
        use_text_flow=False,
        # A gap of a fifth of the font size separates words even without a space glyph:
        # an Acadre PDF sets "kræve? – og" and "Fritid - Lokalt" with 2.6 pt gaps and no spaces,
        # which the default 3 pt tolerance glues into "–og" and "Fritid-Lokalt".
        x_tolerance_ratio=WORD_GAP_RATIO,
    )
    # Before any geometry: the page box within what a PDF page can be, each word inside it.
    width, height = page_size(float(p.width), float(p.height))
    words = [w for r in raw if r["text"].strip() and (w := _word(r, width, height)) is not None]
    return Page(
        number=number,
        width=width,
        height=height,
        lines=lines_from_words(words, number) if words else [],
        image_count=len(p.images),
        char_count=len(p.chars),
    )


def iter_pages(
    path: str | Path,
    numbers: Iterable[int] | None = None,
    data: bytes | None = None,
    warnings: list[str] | None = None,
    reader: str | None = None,
) -> Iterator[Page]:
    """Yield model.Page for each page (1-based `numbers` to pick some), closing each after use.

    `reader` picks the character source: "pdfplumber" (here) or "pdfium" (kitar.read.pdfium);
    by default `kitar.config.pdf_reader()`.
    """
    if (reader or pdf_reader()) == "pdfium":
        from kitar.read import pdfium

        yield from pdfium.iter_pages(path, numbers, data, warnings)
        return
    wanted = set(numbers) if numbers is not None else None
    with open_pdf(path, data, warnings) as pdf:
        for index, p in enumerate(pdf.pages, start=1):
            if wanted is not None and index not in wanted:
                continue
            # The cyclic collector is paused while pdfminer parses a page: we keep every page's
            # words, so each full collection would re-walk a growing heap (15 % of the time on
            # 108 pages). pdfminer's page objects are freed by reference counting on close().
            collecting = gc.isenabled()
            gc.disable()
            try:
                page = _page_from_plumber(p, index)
            except Exception as exc:
                if _is_password_error(exc):
                    raise EncryptedDocument(
                        "encrypted PDF: remove the password first", path
                    ) from None
                raise DamagedDocument(f"page {index} cannot be read ({exc})", path) from None
            finally:
                p.close()  # drops the page's parsed objects: memory stays flat on long files
                if collecting:
                    gc.enable()
            yield page


def read_pages(
    path: str | Path,
    numbers: Iterable[int] | None = None,
    data: bytes | None = None,
    warnings: list[str] | None = None,
    ocr: OcrOptions | None = None,
    reader: str | None = None,
) -> list[Page]:
    """All (or the chosen) pages of a PDF as model.Page; with `ocr`, pages without a text
    layer are read from an OCR'd copy (kitar.read.ocr) and marked `ocr`."""
    pages = list(iter_pages(path, numbers, data, warnings, reader))
    if ocr is not None:
        pages = _with_ocr(path, data, pages, ocr, numbers is None, warnings, reader)
    return pages


def needs_ocr(page: Page) -> bool:
    """A scanned page: images and not one line of text (and not OCR'd yet: a photo stays
    without text after OCR)."""
    return not page.lines and page.image_count > 0 and not page.ocr


def _with_ocr(
    path: str | Path,
    data: bytes | None,
    pages: list[Page],
    options: OcrOptions,
    whole: bool,
    warnings: list[str] | None,
    reader: str | None = None,
) -> list[Page]:
    """Replace the scanned pages by their OCR'd reading. When OCR cannot run here, a wholly
    scanned file fails (exit 8, saying what to install); a mixed one is read without them."""
    from kitar.read import ocr

    scanned = [p.number for p in pages if needs_ocr(p)]
    if not scanned:
        return pages
    if data is None:
        try:
            data = Path(path).read_bytes()
        except OSError:
            raise DocumentNotFound("no such file", path) from None
    try:
        copies = ocr.ocr_copies(path, data, scanned, options)
    except NoTextLayer as exc:
        if (whole and len(scanned) == len(pages)) or isinstance(exc, ocr.OcrFailed):
            raise
        if warnings is not None:
            warnings.append(str(exc))  # "path: no text layer, and OCR cannot run: …"
        return pages
    read = {
        p.number: p
        for copy, numbers in copies
        for p in iter_pages(path, numbers, copy, None, reader)
    }
    for page in read.values():
        page.ocr = True
    return [read.get(p.number, p) for p in pages]


def check_has_text(pages: list[Page], path: str | Path) -> None:
    """Raise NoTextLayer for scanned files, NothingToExtract for blank ones."""
    if any(p.lines for p in pages):
        return
    if any(p.ocr for p in pages):
        raise NothingToExtract("scanned pages where OCR found no text", path)
    if any(p.image_count for p in pages):
        raise NoTextLayer(OCR_HINT, path)
    raise NothingToExtract("no text and no images: nothing to extract", path)


def inspect_pdf(path: str | Path, page: int | None = None, data: bytes | None = None) -> Analysis:
    """Pages with every line's role set (header, footer, sidebar, heading, body, bullet).

    All pages are read (repetition needs them); `page` keeps only that one in the result.
    """
    from kitar.read.layout import analyse

    pages = read_pages(path, data=data, reader="pdfplumber")  # inspect shows pdfplumber's view
    check_has_text(pages, path)
    analysis = analyse(pages)
    if page is not None:
        analysis.pages = [p for p in analysis.pages if p.number == page]
    return analysis


def file_sha256(path: str | Path) -> str:
    """The file's SHA-256, read in blocks (a long PDF's bytes need not stay in memory)."""
    try:
        with open(path, "rb") as f:
            return hashlib.file_digest(f, "sha256").hexdigest()
    except OSError:
        raise DocumentNotFound("no such file", path) from None


def read_pdf(
    path: str | Path,
    data: bytes | None = None,
    ocr: OcrOptions | None = None,
    sha256: str | None = None,
) -> Document:
    """Read a PDF into a Document: blocks without running headers/footers/sidebar, plus
    metadata; with `ocr`, scanned pages are read by OCR. Without `data` the file is opened by
    its path (the reader takes what it needs from the file, not a copy of all of it)."""
    if sha256 is None:
        sha256 = hashlib.sha256(data).hexdigest() if data is not None else file_sha256(path)
    notes: list[str] = []
    pages = read_pages(path, data=data, warnings=notes, ocr=ocr)
    doc = document_from_pages(path, sha256, pages, notes)
    del pages
    release_freed_memory()  # the pages' words, before reflow builds its own
    return doc


def document_from_pages(
    path: str | Path, sha256: str, pages: list[Page], notes: list[str] | None = None
) -> Document:
    """Layout analysis and blocks over pages read earlier (possibly in chunks, in parallel)."""
    from kitar.read.layout import analyse
    from kitar.read.pdf_blocks import build_blocks

    pages = sorted(pages, key=lambda p: p.number)
    check_has_text(pages, path)
    analysis = analyse(pages)
    doc = Document(
        path=str(path),
        format="pdf",
        pages=len(pages),
        blocks=build_blocks(analysis.pages),
        metadata=dict(analysis.metadata),
        warnings=merge_library_warnings(list(notes or [])) + analysis.warnings,
        sha256=sha256,
        ocr_pages=[p.number for p in pages if p.ocr],
    )
    # The first page's running header names whose document this is ("Testrup Kommune –
    # Økonomiudvalget – Referat"): kept for the ingest, though its lines leave the body.
    header = [ln.text for p in analysis.pages[:1] for ln in p.lines if ln.role == "header"]
    if header:
        doc.metadata.setdefault("running_header", " | ".join(header))
    empty = [p.number for p in pages if needs_ocr(p)]
    if empty:
        doc.warnings.append(f"pages without a text layer (read them with --ocr): {empty}")
    return doc


def page_count(path: str | Path) -> int:
    """Number of pages, without parsing any page (to split a long PDF across workers)."""
    if pdf_reader() == "pdfium":
        from kitar.read import pdfium

        return pdfium.page_count(path)
    with open_pdf(path, None, []) as pdf:
        return len(pdf.pages)


def baseline_extract_words(path: str | Path) -> int:
    """pdfplumber's own `extract_words` over every page (closing each): the benchmark baseline."""
    count = 0
    with _pdfplumber().open(path) as pdf:
        for p in pdf.pages:
            count += len(p.extract_words())
            p.close()
    return count
