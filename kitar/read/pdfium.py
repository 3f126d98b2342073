"""PDF → model.Page/Line/Word through PDFium's text page (pypdfium2: the only module that
imports it).

Characters come from bulk and raw calls: the page's text in one call, then per character its
text object and its loose box, each one C call that map() dispatches with no Python code in
between, into buffers; font name, size and matrix once per text object. kitar.read.char_arrays
groups them into the words pdfplumber's `extract_words` makes with kitar's settings and into
lines, so layout analysis sees the same Page/Line/Word model from either reader
(kitar.read.pdf picks one).
"""

from __future__ import annotations

import ctypes
import gc
import io
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from itertools import repeat
from pathlib import Path
from typing import Any

import pypdfium2
import pypdfium2.raw as pdfium_c

from kitar.errors import DamagedDocument, DocumentNotFound, EncryptedDocument
from kitar.model import Page
from kitar.read.char_arrays import RawChars, pages_lines
from kitar.read.guards import page_size

_FONT_BUFFER = 256
# Pages grouped into words together: the array work costs microseconds per call whatever the
# number of characters, so pages share it up to this many characters (6 pages of the KL
# report, 10 of a generated agenda). Measured on the report, reader CPU time over PDFium's
# floor: one page at a time 10 % more than 20,000 characters; 15,000 the same as 20,000
# (1.84x vs 1.86x) and 2 MB less at the reading peak (the batch's arrays and buffers);
# 10,000 another 1 MB less but 6 % slower.
BATCH_CHARS = 15_000
BATCH_PAGES = 16  # and at most this many pages (short pages)
_BOX_DIGITS = 4  # a page box in the file has at most this many decimals in practice


def repaired_copy(source: str | Path | bytes) -> io.BytesIO | None:
    """Rewrite a damaged PDF with PDFium, which rebuilds the xref (None if it cannot)."""
    try:
        pdf = pypdfium2.PdfDocument(source if not isinstance(source, bytes) else io.BytesIO(source))
        out = io.BytesIO()
        pdf.save(out)
        pdf.close()
        out.seek(0)
        return out
    except Exception:  # PDFium cannot read it either: report the original failure
        return None


def _open(path: str | Path, data: bytes | None) -> pypdfium2.PdfDocument:
    if data is None and not Path(path).is_file():
        raise DocumentNotFound("no such file", path)
    try:
        return pypdfium2.PdfDocument(data if data is not None else Path(path))
    except pypdfium2.PdfiumError as exc:
        if getattr(exc, "err_code", None) == pdfium_c.FPDF_ERR_PASSWORD:
            raise EncryptedDocument("encrypted PDF: remove the password first", path) from None
        raise DamagedDocument(f"damaged PDF that cannot be read ({exc})", path) from None


def page_count(path: str | Path) -> int:
    """Number of pages, without reading any page."""
    pdf = _open(path, None)
    try:
        return len(pdf)
    finally:
        pdf.close()


def _image_count(page: pypdfium2.PdfPage) -> int:
    """Images on the page, inside form XObjects too (as pdfplumber's `page.images`)."""
    return sum(1 for _ in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE]))


def _c_function(function: Any, restype: Any, *argtypes: Any) -> Any:
    """The same C function with plain-int arguments and result: pypdfium2's own converts
    every argument and wraps pointers in objects, which costs more than the call itself when
    it runs once per character. With no argument types at all (`argtypes` empty), ctypes
    passes ints as C ints and ctypes objects as they are: the cheapest call there is."""
    address = ctypes.cast(function, ctypes.c_void_p).value or 0
    c_function = ctypes.CFUNCTYPE(restype, *argtypes)(address)
    if not argtypes:
        c_function.argtypes = None  # type: ignore[assignment]
    return c_function


# (text page, char index) → the char's text object (0: a generated space or line break)
_text_object = _c_function(pdfium_c.FPDFText_GetTextObject, ctypes.c_size_t)
# (text page, char index, FS_RECTF*: left, top, right, bottom) → success
_loose_box = _c_function(pdfium_c.FPDFText_GetLooseCharBox, ctypes.c_int)
_is_generated = _c_function(pdfium_c.FPDFText_IsGenerated, ctypes.c_int)
_RECT_FLOATS = 4
_RECT_BYTES = ctypes.sizeof(pdfium_c.FS_RECTF)
# per text object: its font; per font its base name; per char: font size and matrix (6 floats)
_text_object_font = _c_function(pdfium_c.FPDFTextObj_GetFont, ctypes.c_size_t, ctypes.c_size_t)
_base_font_name = _c_function(
    pdfium_c.FPDFFont_GetBaseFontName, ctypes.c_ulong, ctypes.c_size_t, ctypes.c_char_p,
    ctypes.c_ulong,
)  # fmt: skip
_font_size = _c_function(pdfium_c.FPDFText_GetFontSize, ctypes.c_double)
_char_matrix = _c_function(pdfium_c.FPDFText_GetMatrix, ctypes.c_int)
_MATRIX_FLOATS = 6
_MATRIX_BYTES = ctypes.sizeof(pdfium_c.FS_MATRIX)


def _page_text(textpage: pypdfium2.PdfTextPage, count: int) -> str:
    """The text page's characters, one str character for each (one call for the page)."""
    text = textpage.get_text_range(0, count) if count else ""
    if len(text) != count:  # characters outside the BMP: UTF-16 pairs break the alignment
        raw = textpage.raw
        text = "".join(chr(pdfium_c.FPDFText_GetUnicode(raw, i)) for i in range(count))
    return text


def _per_char(function: Any, handle: ctypes.c_void_p, chars: list[int], size: int) -> Any:
    """`function(textpage, char, out)` for each char, each writing `size` floats into its row
    of the returned array: one C call per char, dispatched from C by map()."""
    out = (ctypes.c_float * (size * len(chars)))()
    rows = map(ctypes.byref, repeat(out), range(0, 4 * size * len(chars), 4 * size))
    deque(map(function, repeat(handle), chars, rows), 0)
    return out


class _Source:
    """One text page's characters in bulk (kitar.read.char_arrays.RawChars)."""

    def __init__(self, textpage: pypdfium2.PdfTextPage) -> None:
        self.textpage = textpage
        self.handle = ctypes.c_void_p(ctypes.cast(textpage.raw, ctypes.c_void_p).value)

    def raw_chars(self, page: pypdfium2.PdfPage) -> RawChars:
        count = self.textpage.count_chars()
        return RawChars(
            text=_page_text(self.textpage, count),
            objects=lambda chars: map(_text_object, repeat(self.handle), chars),
            boxes=_per_char(_loose_box, self.handle, list(range(count)), _RECT_FLOATS),
            mediabox=page.get_mediabox(),
            rotation=page.get_rotation(),
            generated=lambda chars: map(_is_generated, repeat(self.handle), chars),
            styles=self.styles,
        )

    def styles(self, objects: list[int], firsts: list[int]) -> tuple[list[str], list[float], Any]:
        """Each text object's font name, font size and matrix (of its first character)."""
        fonts = list(map(_text_object_font, objects))
        font_sizes = list(map(_font_size, repeat(self.handle), firsts))
        matrices = _per_char(_char_matrix, self.handle, firsts, _MATRIX_FLOATS)
        first_of = dict(zip(reversed(fonts), reversed(firsts), strict=True))  # a font's first
        names = {font: self._font_name(font, i) for font, i in first_of.items()}
        return [names[font] for font in fonts], font_sizes, matrices

    def _font_name(self, font: int, index: int) -> str:
        """The font's /BaseFont with its subset prefix, as pdfminer names it ("JLSDSF+Akzidenz…");
        FPDFText_GetFontInfo (of the character at `index`) drops the prefix for some fonts and
        not others, so it serves only when the font has no base name."""
        name = ctypes.create_string_buffer(_FONT_BUFFER)
        if not font or not _base_font_name(font, name, _FONT_BUFFER):
            pdfium_c.FPDFText_GetFontInfo(self.textpage.raw, index, name, _FONT_BUFFER, None)
        return name.value.decode("utf-8", "replace")


def _page_size(page: pypdfium2.PdfPage) -> tuple[float, float]:
    # PDFium keeps boxes as 32-bit floats: 595.2756 in the file reads 595.27557
    left, bottom, right, top = (round(v, _BOX_DIGITS) for v in page.get_mediabox())
    turned = page.get_rotation() in (90, 270)
    return page_size(*((top - bottom, right - left) if turned else (right - left, top - bottom)))


@contextmanager
def _collector_paused() -> Iterator[None]:
    """The cyclic collector paused: the caller keeps every page's words, so each full
    collection while a batch is read would re-walk a growing heap (a tenth of the reading
    time on 108 pages). Nothing made here forms a cycle; refcounting frees the rest."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def _read_pages(pdf: pypdfium2.PdfDocument, queue: Iterator[int], path: str | Path) -> list[Page]:
    """The next pages of `queue` (1-based numbers), BATCH_CHARS characters or BATCH_PAGES
    pages of them, grouped into words and lines together ([] when the queue is done)."""
    opened: list[tuple[pypdfium2.PdfPage, pypdfium2.PdfTextPage]] = []
    numbers: list[int] = []
    chars = 0
    try:
        while chars < BATCH_CHARS and len(opened) < BATCH_PAGES:
            number = next(queue, None)
            if number is None:
                break
            try:
                page = pdf[number - 1]
                opened.append((page, page.get_textpage()))
            except pypdfium2.PdfiumError as exc:
                raise DamagedDocument(f"page {number} cannot be read ({exc})", path) from None
            numbers.append(number)
            chars += opened[-1][1].count_chars()
        if not opened:
            return []
        sizes = [_page_size(page) for page, _ in opened]
        raws = [_Source(textpage).raw_chars(page) for page, textpage in opened]
        read = pages_lines(raws, sizes, numbers)
        return [
            Page(
                number=number,
                width=width,
                height=height,
                lines=lines,
                # images decide only for a page without text (scanned: OCR it); `kitar
                # inspect`, which shows every page's count, reads with pdfplumber
                image_count=0 if lines else _image_count(page),
                char_count=count,
            )
            for number, (width, height), (lines, count), (page, _) in zip(
                numbers, sizes, read, opened, strict=True
            )
        ]
    finally:
        for page, textpage in opened:
            textpage.close()
            page.close()


def iter_pages(
    path: str | Path,
    numbers: Iterable[int] | None = None,
    data: bytes | None = None,
    warnings: list[str] | None = None,
) -> Iterator[Page]:
    """Yield model.Page for each page (1-based `numbers` to pick some), a batch at a time,
    closing each after use.

    `warnings` is accepted for the same signature as kitar.read.pdf: PDFium repairs damaged
    files silently, so there is nothing to add.
    """
    pdf = _open(path, data)
    try:
        wanted = range(1, len(pdf) + 1)
        if numbers is not None:
            chosen = set(numbers)
            wanted = [n for n in wanted if n in chosen]  # type: ignore[assignment]
        queue = iter(wanted)
        while True:
            with _collector_paused():
                pages = _read_pages(pdf, queue, path)
            if not pages:
                return
            yield from pages
    finally:
        pdf.close()


def floor_chars(path: str | Path) -> int:
    """The fastest route PDFium offers to every character and its box, and nothing more (the
    benchmark's floor): the page's text in one call, one C call per box dispatched by map()
    into one array per page, as the reader gets them."""
    pdf = _open(path, None)
    count = 0
    try:
        for page in pdf:
            textpage = page.get_textpage()
            n = textpage.count_chars()
            handle = ctypes.c_void_p(ctypes.cast(textpage.raw, ctypes.c_void_p).value)
            text = _page_text(textpage, n)
            boxes = _per_char(_loose_box, handle, list(range(n)), _RECT_FLOATS)
            count += min(len(text), len(boxes) // _RECT_FLOATS)
            textpage.close()
            page.close()
    finally:
        pdf.close()
    return count
