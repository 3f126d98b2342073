"""The PDFium reader as it was first written, one Python step per character (tests only):
the reference that kitar.read.pdfium's array grouping must match word for word.

Characters through per-character C calls, grouped into words as pdfplumber's
`extract_words` does, then kitar.read.words.lines_from_words.
"""

from __future__ import annotations

import ctypes
from collections.abc import Callable
from itertools import groupby
from operator import itemgetter
from pathlib import Path
from typing import Any, cast

import pypdfium2
import pypdfium2.raw as pdfium_c

from kitar.model import Page, Word
from kitar.read.guards import page_size
from kitar.read.words import WORD_GAP_RATIO, clamped_word, is_bold_font, lines_from_words

LINE_TOLERANCE = 3.0
LIGATURES = {"ﬀ": "ff", "ﬃ": "ffi", "ﬄ": "ffl", "ﬁ": "fi", "ﬂ": "fl", "ﬆ": "st", "ﬅ": "st"}
_LIGATURE_TABLE = str.maketrans(LIGATURES)
_PDFIUM_HYPHENS = frozenset("\x02\ufffe")
_FONT_BUFFER = 256
_BOX_DIGITS = 4
_ROTATION_MATRIX = {0: (1, 0, 0, 1), 90: (0, -1, 1, 0), 180: (-1, 0, 0, -1), 270: (0, 1, -1, 0)}
_Char = tuple[str, float, float, float, float, str, float, bool, bool]


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


def reference_pages(path: str | Path) -> list[Page]:
    """Every page of the PDF read the first way (lines without roles, as the reader gives)."""
    pdf = pypdfium2.PdfDocument(Path(path))
    pages = []
    try:
        for index in range(1, len(pdf) + 1):
            page = pdf[index - 1]
            left, bottom, right, top = (round(v, _BOX_DIGITS) for v in page.get_mediabox())
            turned = page.get_rotation() in (90, 270)
            size = (top - bottom, right - left) if turned else (right - left, top - bottom)
            width, height = page_size(*size)
            chars, real = _page_chars(page)
            words = words_from_chars(chars, width, height)
            lines = lines_from_words(words, index) if words else []
            pages.append(Page(index, width, height, lines, char_count=real))
            page.close()
    finally:
        pdf.close()
    return pages
