"""PDF → model.Page/Line/Word through pdfplumber (the only module that imports it)."""

from __future__ import annotations

import gc
import hashlib
import io
import math
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pdfplumber

from kitar.errors import (
    DamagedDocument,
    DocumentNotFound,
    EncryptedDocument,
    NoTextLayer,
    NothingToExtract,
)
from kitar.model import Document, Line, Page, Word
from kitar.read.guards import library_log, merge_library_warnings, page_size, word_box
from kitar.read.layout import Analysis, make_line

if TYPE_CHECKING:
    from kitar.read.ocr import OcrOptions

# Font names that mark bold text: "EFVXWZ+Verdana,Bold", "Arial-BoldMT", "Frutiger-Black".
_BOLD_RE = re.compile(r"bold|black|heavy|semibold|demi|[-,](bd|blk|hv)\b", re.I)
# Two words on one row further apart than this many font sizes belong to different segments:
# a label and its value in a table, a TOC entry and its page number, a body line and a sidebar.
SEGMENT_GAP_EM = 2.5
WORD_GAP_RATIO = 0.2
TOUCHING_GAP = 0.5  # pt: glyphs this close belong to one word whatever their font subset
OCR_HINT = (
    "no text layer: read it with --ocr (needs OCRmyPDF and Tesseract's Danish model: apt-get "
    "install ocrmypdf tesseract-ocr-dan), or run OCR first: `ocrmypdf -l dan in.pdf out.pdf`"
)


def is_bold_font(fontname: str) -> bool:
    """True for bold-looking font names (`Verdana,Bold`, `Arial-BoldMT`, `X-Semibold`)."""
    # Subset prefix "ABCDEF+" carries no style information.
    return bool(_BOLD_RE.search(fontname.split("+", 1)[-1]))


def _is_password_error(exc: BaseException) -> bool:
    seen: BaseException | None = exc
    while seen is not None:
        name = type(seen).__name__
        if "Password" in name or "Encryption" in name or "password" in str(seen).lower():
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def _repaired_copy(source: str | Path | bytes) -> io.BytesIO | None:
    """Rewrite a damaged PDF with PDFium (a pdfplumber dependency), which rebuilds the xref."""
    try:
        import pypdfium2

        pdf = pypdfium2.PdfDocument(source if not isinstance(source, bytes) else io.BytesIO(source))
        out = io.BytesIO()
        pdf.save(out)
        pdf.close()
        out.seek(0)
        return out
    except Exception:  # PDFium cannot read it either: report the original failure
        return None


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


def _open_lenient(path: str | Path, data: bytes | None, warnings: list[str] | None) -> Any:
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
    repaired = _repaired_copy(data if data is not None else path)
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
    """A word with its box clamped to the page (None when it lies outside the page)."""
    box = word_box(
        float(raw["x0"]), float(raw["x1"]), float(raw["top"]), float(raw["bottom"]), width, height
    )
    if box is None:
        return None
    font = str(raw.get("fontname", ""))
    size = float(raw.get("size", 0.0))
    return Word(
        text=raw["text"],
        x0=box[0],
        x1=box[1],
        top=box[2],
        bottom=box[3],
        fontname=font,
        # a damaged text matrix can scale a glyph past any page: no font is larger than one
        size=round(min(size, height), 2) if math.isfinite(size) and size > 0 else 0.0,
        bold=is_bold_font(font),
    )


def _touching(prev: Word, word: Word) -> bool:
    """Two words with no gap, same size and baseline, that extract_words split anyway.

    It splits at every change of `fontname`, and a font subset change is not a new word: the
    KL report sets the line-end hyphen of `sund-` in another subset of the same font
    (`VLUSEH+…-MdIt` then `QGHOMR+…-MdIt`), which read as `sund -` and was never rejoined.
    """
    gap = word.x0 - prev.x1
    return (
        abs(gap) <= TOUCHING_GAP
        and abs(word.size - prev.size) < 0.05
        and abs(word.top - prev.top) < 0.5
    )


def _join_touching(row: list[Word]) -> list[Word]:
    """Merge touching words of a row (sorted left to right), the first word's font kept."""
    if all(b.x0 - a.x1 > TOUCHING_GAP for a, b in pairwise(row)):
        return row  # the common case: every gap holds a space
    out = [row[0]]
    for w in row[1:]:
        prev = out[-1]
        if _touching(prev, w):
            out[-1] = Word(
                prev.text + w.text,
                prev.x0,
                max(prev.x1, w.x1),
                prev.top,
                max(prev.bottom, w.bottom),
                prev.fontname,
                prev.size,
                prev.bold,
            )
        else:
            out.append(w)
    return out


def lines_from_words(words: list[Word], page: int) -> list[Line]:
    """Group words into rows by vertical centre, then split rows at wide horizontal gaps.

    Touching words that pdfplumber split at a font subset change are joined first.
    """
    rows: list[list[Word]] = []
    row_centre = 0.0
    for w in sorted(words, key=lambda w: (w.top + w.bottom) / 2):
        centre = (w.top + w.bottom) / 2
        tolerance = max(w.size, 4.0) * 0.5
        if rows and abs(centre - row_centre) <= tolerance:
            rows[-1].append(w)
        else:
            rows.append([w])
            row_centre = centre
    lines: list[Line] = []
    for row in rows:
        row.sort(key=lambda w: w.x0)
        row = _join_touching(row)
        segment = [row[0]]
        for w in row[1:]:
            prev = segment[-1]
            gap = w.x0 - prev.x1
            em = max(prev.size, w.size, 4.0)
            # a wide gap, or a smaller gap with a change of font size (body text | sidebar)
            if gap > SEGMENT_GAP_EM * em or (gap > em and abs(prev.size - w.size) >= 1.0):
                lines.append(make_line(segment, page))
                segment = []
            segment.append(w)
        lines.append(make_line(segment, page))
    lines.sort(key=lambda ln: (round(ln.top), ln.x0))
    return lines


def _page_from_plumber(p: Any, number: int) -> Page:
    raw = p.extract_words(
        extra_attrs=["fontname", "size"],
        keep_blank_chars=False,
        use_text_flow=False,
        # A gap of a fifth of the font size separates words even without a space glyph:
        # Syddjurs sets "kræve? – og" and "Fritid - Lokalt" with 2.6 pt gaps and no spaces,
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
) -> Iterator[Page]:
    """Yield model.Page for each page (1-based `numbers` to pick some), closing each after use."""
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
) -> list[Page]:
    """All (or the chosen) pages of a PDF as model.Page; with `ocr`, pages without a text
    layer are read from an OCR'd copy (kitar.read.ocr) and marked `ocr`."""
    pages = list(iter_pages(path, numbers, data, warnings))
    if ocr is not None:
        pages = _with_ocr(path, data, pages, ocr, whole=numbers is None, warnings=warnings)
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
    read = {p.number: p for copy, numbers in copies for p in iter_pages(path, numbers, copy)}
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

    pages = read_pages(path, data=data)
    check_has_text(pages, path)
    analysis = analyse(pages)
    if page is not None:
        analysis.pages = [p for p in analysis.pages if p.number == page]
    return analysis


def read_pdf(
    path: str | Path, data: bytes | None = None, ocr: OcrOptions | None = None
) -> Document:
    """Read a PDF into a Document: blocks without running headers/footers/sidebar, plus
    metadata; with `ocr`, scanned pages are read by OCR."""
    if data is None:
        try:
            data = Path(path).read_bytes()
        except OSError:
            raise DocumentNotFound("no such file", path) from None
    notes: list[str] = []
    pages = read_pages(path, data=data, warnings=notes, ocr=ocr)
    return document_from_pages(path, data, pages, notes)


def document_from_pages(
    path: str | Path, data: bytes, pages: list[Page], notes: list[str] | None = None
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
        sha256=hashlib.sha256(data).hexdigest(),
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
    with open_pdf(path, None, []) as pdf:
        return len(pdf.pages)


def baseline_extract_words(path: str | Path) -> int:
    """pdfplumber's own `extract_words` over every page (closing each): the benchmark baseline."""
    count = 0
    with pdfplumber.open(path) as pdf:
        for p in pdf.pages:
            count += len(p.extract_words())
            p.close()
    return count
