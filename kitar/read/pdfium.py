"""PDF → model.Page/Line/Word through PDFium's text page (pypdfium2: the only module that
imports it).

Characters come from bulk and raw calls (the page's text in one call, then one C call per
character for its loose box, matrix, font size and font name); they are grouped into words
exactly as pdfplumber's `extract_words` does with kitar's settings, so layout analysis sees
the same Page/Line/Word model from either reader (kitar.read.pdf picks one).
"""

from __future__ import annotations

import ctypes
import io
from collections.abc import Callable, Iterable, Iterator
from itertools import groupby
from operator import itemgetter
from pathlib import Path
from typing import Any, cast

import pypdfium2
import pypdfium2.raw as pdfium_c

from kitar.errors import DamagedDocument, DocumentNotFound, EncryptedDocument
from kitar.model import Page, Word
from kitar.read.guards import page_size
from kitar.read.words import WORD_GAP_RATIO, clamped_word, is_bold_font, lines_from_words

# pdfplumber's defaults for what kitar does not set: characters more than 3 pt apart across
# the line (or, for rotated text, along it) start a new line or word.
LINE_TOLERANCE = 3.0
# pdfplumber expands these ligatures in extract_words ("ﬁnans" → "finans"); so do we.
LIGATURES = {"ﬀ": "ff", "ﬃ": "ffi", "ﬄ": "ffl", "ﬁ": "fi", "ﬂ": "fl", "ﬆ": "st", "ﬅ": "st"}
_LIGATURE_TABLE = str.maketrans(LIGATURES)
# PDFium marks a line-end hyphen it recognises with U+0002 or U+FFFE; the page shows "-".
_PDFIUM_HYPHENS = frozenset("\x02\ufffe")
_FONT_BUFFER = 256
_BOX_DIGITS = 4  # a page box in the file has at most this many decimals in practice

# Page rotation (clockwise degrees) → the matrix pdfminer applies to show the page upright.
_ROTATION_MATRIX = {0: (1, 0, 0, 1), 90: (0, -1, 1, 0), 180: (-1, 0, 0, -1), 270: (0, 1, -1, 0)}

# A character: text, x0, x1, top, bottom (display coordinates, pdfplumber's), font, size,
# upright, and whether PDFium saw a word break right before it.
_Char = tuple[str, float, float, float, float, str, float, bool, bool]


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


def _address_returning(function: Any) -> Callable[[int | None, int], int | None]:
    """The same C function returning its pointer as a plain int (pypdfium2's returns a ctypes
    pointer object, which cannot be a dictionary key)."""
    address = ctypes.cast(function, ctypes.c_void_p).value or 0
    prototype = ctypes.CFUNCTYPE(ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int)
    return prototype(address)


_text_object = _address_returning(pdfium_c.FPDFText_GetTextObject)


def _page_chars(page: pypdfium2.PdfPage) -> tuple[list[_Char], int]:
    """The page's characters in content order (generated spaces and line breaks left out),
    and how many real characters it has.

    Two C calls per character (its text object, its loose box); font name, size and
    direction once per text object, which holds one font, one size and one text matrix.
    """
    textpage = page.get_textpage()
    try:
        raw = textpage.raw
        handle = ctypes.cast(raw, ctypes.c_void_p).value
        count = textpage.count_chars()
        text = textpage.get_text_range(0, count) if count else ""
        if len(text) != count:  # characters outside the BMP: UTF-16 pairs break the alignment
            text = "".join(chr(pdfium_c.FPDFText_GetUnicode(raw, i)) for i in range(count))
        rotation = page.get_rotation()
        to_display = _display_box(rotation, *page.get_mediabox())
        box = pdfium_c.FS_RECTF()
        loose_box = pdfium_c.FPDFText_GetLooseCharBox
        generated = pdfium_c.FPDFText_IsGenerated
        styles: dict[int, tuple[str, float, bool]] = {}
        chars: list[_Char] = []
        append = chars.append
        space = False
        for i, ch in enumerate(text):
            obj = _text_object(handle, i)
            if obj is None or (ch == " " and generated(raw, i)):
                # PDFium's own word and line breaks, which pdfplumber has not: a generated
                # space still marks the next character as a word start, as glyph boxes can
                # overhang ("af kronisk" in italics: the f's box reaches the k)
                space = ch == " "
                continue
            if ch in _PDFIUM_HYPHENS:
                ch = "-"
            style = styles.get(obj)
            if style is None:
                style = styles[obj] = _style(raw, i, obj, rotation)
            font, size, upright = style
            loose_box(raw, i, box)
            x0, x1, top, bottom = to_display(box.left, box.right, box.bottom, box.top)
            if upright:
                # pdfminer's box is one font size tall above the descent (PDFium's: the ascent)
                top = bottom - size
            append((ch, x0, x1, top, bottom, font, size, upright, space))
            space = False
        return chars, len(chars)
    finally:
        textpage.close()


def _style(raw: object, index: int, obj: int, rotation: int) -> tuple[str, float, bool]:
    """Font name, size as shown and uprightness of the character at `index` (and of its whole
    text object `obj`)."""
    # The font's /BaseFont with its subset prefix, as pdfminer names it ("JLSDSF+Akzidenz…");
    # FPDFText_GetFontInfo drops the prefix for some fonts and not others.
    font = pdfium_c.FPDFTextObj_GetFont(ctypes.cast(obj, pdfium_c.FPDF_PAGEOBJECT))
    name = ctypes.create_string_buffer(_FONT_BUFFER)
    if not font or not pdfium_c.FPDFFont_GetBaseFontName(font, name, _FONT_BUFFER):
        pdfium_c.FPDFText_GetFontInfo(raw, index, name, _FONT_BUFFER, ctypes.c_int())
    matrix = pdfium_c.FS_MATRIX()
    pdfium_c.FPDFText_GetMatrix(raw, index, matrix)
    a, b, c, d = _ROTATION_MATRIX.get(rotation, _ROTATION_MATRIX[0])
    ma, mb, mc, md = matrix.a, matrix.b, matrix.c, matrix.d
    # the displayed matrix, as pdfminer's `upright`: the character's, then the page's rotation
    da, db = ma * a + mb * c, ma * b + mb * d
    dc, dd = mc * a + md * c, mc * b + md * d
    upright = da * dd > 0 and db * dc <= 0
    # the font size as shown: Word sets "/F1 1 Tf" and scales by the text matrix
    size = pdfium_c.FPDFText_GetFontSize(raw, index) * (mc * mc + md * md) ** 0.5
    return name.value.decode("utf-8", "replace"), size, upright


_Box = tuple[float, float, float, float]


def _display_box(
    rotation: int, left: float, bottom: float, right: float, top: float
) -> Callable[[float, float, float, float], _Box]:
    """A function from a PDF-space box (x left, x right, y bottom, y top) to pdfplumber's
    display box (x0, x1, top, bottom) on a page turned by `rotation` degrees."""
    if rotation == 90:
        return lambda xl, xr, yb, yt: (yb - bottom, yt - bottom, xl - left, xr - left)
    if rotation == 180:
        return lambda xl, xr, yb, yt: (right - xr, right - xl, yb - bottom, yt - bottom)
    if rotation == 270:
        return lambda xl, xr, yb, yt: (top - yt, top - yb, right - xr, right - xl)
    return lambda xl, xr, yb, yt: (xl - left, xr - left, top - yt, top - yb)


def _clusters(chars: list[_Char], key: int, tolerance: float) -> list[list[_Char]]:
    """pdfplumber's `cluster_objects`: sorted values chained within `tolerance` form a line
    (`key`: the index of top or x0 in a character)."""
    values: list[float] = sorted({cast(float, ch[key]) for ch in chars})
    cluster_of: dict[float, int] = {}
    index, last = 0, values[0]
    for value in values:
        if value > last + tolerance:
            index += 1
        cluster_of[value] = index
        last = value
    lines: list[list[_Char]] = [[] for _ in range(index + 1)]
    for ch in chars:
        lines[cluster_of[cast(float, ch[key])]].append(ch)
    return [line for line in lines if line]


class _WordMaker:
    """Model words for one page: clamped to it, the bold flag looked up once per font."""

    def __init__(self, width: float, height: float) -> None:
        self.width, self.height = width, height
        self.bold: dict[str, bool] = {}
        self.words: list[Word] = []

    def add(self, text: str, x0: float, x1: float, top: float, bottom: float, first: _Char) -> None:
        text = text.translate(_LIGATURE_TABLE)
        if not text.strip():
            return
        font, size = first[5], first[6]
        bold = self.bold.get(font)
        if bold is None:
            bold = self.bold[font] = is_bold_font(font)
        # the common case needs no clamping (comparisons with NaN are false: those go below)
        if (
            0 <= x0 <= x1 <= self.width
            and 0 <= top <= bottom <= self.height
            and 0 < size <= self.height
        ):
            size = round(size, 2)
            self.words.append(Word(text, x0, x1, top, bottom, font, size, bold))
            return
        word = clamped_word(text, x0, x1, top, bottom, font, size, self.width, self.height)
        if word is not None:
            self.words.append(word)


def _split_words(line: list[_Char], upright: bool, maker: _WordMaker) -> None:
    """pdfplumber's `iter_chars_to_words`: break at spaces, at a gap wider than a fifth of
    the font size (along rotated text: 3 pt), at a step back, or off the line; and where
    PDFium saw a word break."""
    parts: list[str] = []
    first = prev = line[0]
    x0 = x1 = top = bottom = 0.0
    for ch in line:
        if ch[0].isspace():
            if parts:
                maker.add("".join(parts), x0, x1, top, bottom, first)
                parts = []
            continue
        if parts:
            if upright:
                new = (
                    ch[1] < prev[1]
                    or ch[1] > prev[2] + WORD_GAP_RATIO * prev[6]
                    or abs(ch[3] - prev[3]) > LINE_TOLERANCE
                )
            else:
                new = (
                    ch[3] < prev[3]
                    or ch[3] > prev[4] + LINE_TOLERANCE
                    or abs(ch[1] - prev[1]) > WORD_GAP_RATIO * prev[6]
                )
            if new or ch[8]:
                maker.add("".join(parts), x0, x1, top, bottom, first)
                parts = []
        if parts:
            parts.append(ch[0])
            x0, x1 = min(x0, ch[1]), max(x1, ch[2])
            top, bottom = min(top, ch[3]), max(bottom, ch[4])
        else:
            parts = [ch[0]]
            first = ch
            x0, x1, top, bottom = ch[1], ch[2], ch[3], ch[4]
        prev = ch
    if parts:
        maker.add("".join(parts), x0, x1, top, bottom, first)


_STYLE_KEY = itemgetter(7, 5, 6)  # upright, font, size: pdfplumber's runs


def words_from_chars(chars: list[_Char], width: float, height: float) -> list[Word]:
    """Characters → words as pdfplumber's `extract_words(extra_attrs=["fontname", "size"],
    x_tolerance_ratio=WORD_GAP_RATIO)`: runs of one font, size and direction, split into
    lines, each line sorted and split into words."""
    maker = _WordMaker(width, height)
    for (upright, _font, _size), run in groupby(chars, key=_STYLE_KEY):
        group = list(run)
        across = 3 if upright else 1  # lines: by top; rotated text reads in columns, by x0
        along = itemgetter(1 if upright else 3)
        values = [cast(float, ch[across]) for ch in group]
        if max(values) - min(values) <= LINE_TOLERANCE:
            lines = [group]  # one line: the usual run
        else:
            lines = _clusters(group, across, LINE_TOLERANCE)
        for line in lines:
            line.sort(key=along)
            _split_words(line, upright, maker)
    return maker.words


def _read_page(pdf: pypdfium2.PdfDocument, index: int) -> Page:
    page = pdf[index - 1]
    try:
        # PDFium keeps boxes as 32-bit floats: 595.2756 in the file reads 595.27557
        left, bottom, right, top = (round(v, _BOX_DIGITS) for v in page.get_mediabox())
        turned = page.get_rotation() in (90, 270)
        width, height = (top - bottom, right - left) if turned else (right - left, top - bottom)
        width, height = page_size(width, height)
        chars, real = _page_chars(page)
        words = words_from_chars(chars, width, height)
        return Page(
            number=index,
            width=width,
            height=height,
            lines=lines_from_words(words, index) if words else [],
            # images decide only for a page without text (scanned: OCR it); `kitar inspect`,
            # which shows every page's count, reads with pdfplumber
            image_count=0 if words else _image_count(page),
            char_count=real,
        )
    finally:
        page.close()


def iter_pages(
    path: str | Path,
    numbers: Iterable[int] | None = None,
    data: bytes | None = None,
    warnings: list[str] | None = None,
) -> Iterator[Page]:
    """Yield model.Page for each page (1-based `numbers` to pick some), closing each after use.

    `warnings` is accepted for the same signature as kitar.read.pdf: PDFium repairs damaged
    files silently, so there is nothing to add.
    """
    wanted = set(numbers) if numbers is not None else None
    pdf = _open(path, data)
    try:
        for index in range(1, len(pdf) + 1):
            if wanted is not None and index not in wanted:
                continue
            try:
                page = _read_page(pdf, index)
            except pypdfium2.PdfiumError as exc:
                raise DamagedDocument(f"page {index} cannot be read ({exc})", path) from None
            yield page
    finally:
        pdf.close()


def floor_chars(path: str | Path) -> int:
    """The fastest route PDFium offers to every character and its box, and nothing more (the
    benchmark's floor): the page's text in one call, one C call per box."""
    pdf = _open(path, None)
    count = 0
    try:
        box = pdfium_c.FS_RECTF()
        loose_box = pdfium_c.FPDFText_GetLooseCharBox
        for page in pdf:
            textpage = page.get_textpage()
            raw = textpage.raw
            n = textpage.count_chars()
            text = textpage.get_text_range(0, n) if n else ""
            chars = []
            for i in range(n):
                loose_box(raw, i, box)
                chars.append((text[i], box.left, box.right, box.bottom, box.top))
            count += len(chars)
            textpage.close()
            page.close()
    finally:
        pdf.close()
    return count
