"""PDF → model.Page/Line/Word through PDFium's text page (pypdfium2: the only module that
imports it).

Characters come from bulk and raw calls: the page's text in one call, then per character
its text object and its loose box, each one C call that map() dispatches with no Python code
in between, into arrays (numpy); font name, size and direction once per text object. They are
grouped into words exactly as pdfplumber's `extract_words` does with kitar's settings, over
whole-page arrays, so layout analysis sees the same Page/Line/Word model from either reader
(kitar.read.pdf picks one).
"""

from __future__ import annotations

import ctypes
import io
import re
from collections import deque
from collections.abc import Iterable, Iterator
from itertools import repeat
from pathlib import Path
from typing import Any

import numpy as np
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
_LIGATURE_RE = re.compile("[" + "".join(LIGATURES) + "]")
# PDFium marks a line-end hyphen it recognises with U+0002 or U+FFFE; the page shows "-".
_PDFIUM_HYPHENS = (0x02, 0xFFFE)
_HYPHEN, _SPACE = ord("-"), ord(" ")
_FONT_BUFFER = 256
_BOX_DIGITS = 4  # a page box in the file has at most this many decimals in practice

# Page rotation (clockwise degrees) → the matrix pdfminer applies to show the page upright.
_ROTATION_MATRIX = {0: (1, 0, 0, 1), 90: (0, -1, 1, 0), 180: (-1, 0, 0, -1), 270: (0, 1, -1, 0)}


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
    every argument and wraps pointers in objects, which costs more than the call itself
    when it runs once per character (and a pointer object cannot be a dictionary key)."""
    address = ctypes.cast(function, ctypes.c_void_p).value or 0
    return ctypes.CFUNCTYPE(restype, *argtypes)(address)


# text page, char index → the char's page object (0: a generated space or line break)
_text_object = _c_function(
    pdfium_c.FPDFText_GetTextObject, ctypes.c_size_t, ctypes.c_void_p, ctypes.c_int
)
# text page, char index, address of an FS_RECTF (left, top, right, bottom) → success
_loose_box = _c_function(
    pdfium_c.FPDFText_GetLooseCharBox, ctypes.c_int, ctypes.c_void_p, ctypes.c_int, ctypes.c_void_p
)
_RECT_BYTES = ctypes.sizeof(pdfium_c.FS_RECTF)
# per text object: its font; the font's base name; per char: font size, matrix (FS_MATRIX)
_text_object_font = _c_function(pdfium_c.FPDFTextObj_GetFont, ctypes.c_size_t, ctypes.c_size_t)
_base_font_name = _c_function(
    pdfium_c.FPDFFont_GetBaseFontName, ctypes.c_ulong, ctypes.c_size_t, ctypes.c_char_p, ctypes.c_ulong
)
_font_size = _c_function(pdfium_c.FPDFText_GetFontSize, ctypes.c_double, ctypes.c_void_p, ctypes.c_int)
_char_matrix = _c_function(
    pdfium_c.FPDFText_GetMatrix, ctypes.c_int, ctypes.c_void_p, ctypes.c_int, ctypes.c_void_p
)
_MATRIX_BYTES = ctypes.sizeof(pdfium_c.FS_MATRIX)
# Whether a code point is one for which str.isspace() holds (pdfplumber splits words at them),
# indexed by min(code point, _NOT_SPACE): U+3000 is the last one.
_NOT_SPACE = 0x3001
_IS_SPACE = np.array([chr(c).isspace() for c in range(_NOT_SPACE + 1)], dtype=bool)


def _handle(textpage: pypdfium2.PdfTextPage) -> int:
    return ctypes.cast(textpage.raw, ctypes.c_void_p).value or 0


def _page_text(textpage: pypdfium2.PdfTextPage, count: int) -> str:
    """The text page's characters, one str character for each (one call for the page)."""
    text = textpage.get_text_range(0, count) if count else ""
    if len(text) != count:  # characters outside the BMP: UTF-16 pairs break the alignment
        raw = textpage.raw
        text = "".join(chr(pdfium_c.FPDFText_GetUnicode(raw, i)) for i in range(count))
    return text


def _loose_boxes(handle: int, count: int) -> np.ndarray:
    """Every character's loose box (left, top, right, bottom in PDF space), float32 rows:
    one C call per character, dispatched from C by map() with no Python code in between."""
    boxes = (ctypes.c_float * (4 * count))()
    base = ctypes.addressof(boxes)
    end = base + _RECT_BYTES * count
    deque(map(_loose_box, repeat(handle, count), range(count), range(base, end, _RECT_BYTES)), 0)
    return np.frombuffer(boxes, dtype=np.float32).reshape(count, 4)


def _text_objects(handle: int, count: int) -> np.ndarray:
    """Every character's text object (0 for PDFium's generated spaces and line breaks)."""
    return np.fromiter(map(_text_object, repeat(handle, count), range(count)), np.uintp, count)


class _Chars:
    """A page's real characters as arrays in content order (pdfplumber's display coordinates:
    x0, x1, top, bottom), with their style (font, size, direction) per text object."""

    def __init__(self, page: pypdfium2.PdfPage, textpage: pypdfium2.PdfTextPage) -> None:
        raw, handle = textpage.raw, _handle(textpage)
        count = textpage.count_chars()
        text = _page_text(textpage, count)
        codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        objects = _text_objects(handle, count)
        spaces = codes == _SPACE
        kept = objects != 0
        # a space PDFium generated itself sits in a text object's range now and then
        for i in np.flatnonzero(kept & spaces).tolist():
            if pdfium_c.FPDFText_IsGenerated(raw, i):
                kept[i] = False
        # PDFium's own word breaks, which pdfplumber has not: a generated space still marks the
        # next character as a word start, as glyph boxes can overhang ("af kronisk" in
        # italics: the f's box reaches the k)
        after_space = np.zeros(count, dtype=bool)
        after_space[1:] = spaces[:-1] & ~kept[:-1]
        index = np.flatnonzero(kept)
        self.count = len(index)
        self.codes = codes[index]
        self.codes[(self.codes == _PDFIUM_HYPHENS[0]) | (self.codes == _PDFIUM_HYPHENS[1])] = _HYPHEN
        self.word_start = after_space[index]
        box = _loose_boxes(handle, count)[index].astype(np.float64)
        rotation = page.get_rotation()
        self.x0, self.x1, self.top, self.bottom = _display(
            rotation, page.get_mediabox(), box[:, 0], box[:, 2], box[:, 3], box[:, 1]
        )
        objects = objects[index]
        unique, first, of_object = np.unique(objects, return_index=True, return_inverse=True)
        styles = _styles(textpage, unique.tolist(), index[first].tolist(), rotation)
        # the distinct styles (font, size, upright) and each character's: pdfplumber's runs
        kinds = {style: n for n, style in enumerate(dict.fromkeys(styles))}
        self.kinds = list(kinds)
        self.kind = np.array([kinds[style] for style in styles], dtype=np.intp)[of_object]


def _font_name(raw: object, font: int, index: int) -> str:
    """The font's /BaseFont with its subset prefix, as pdfminer names it ("JLSDSF+Akzidenz…");
    FPDFText_GetFontInfo (of the character at `index`) drops the prefix for some fonts and not
    others, so it serves only when the font has no base name."""
    name = ctypes.create_string_buffer(_FONT_BUFFER)
    if not font or not _base_font_name(font, name, _FONT_BUFFER):
        pdfium_c.FPDFText_GetFontInfo(raw, index, name, _FONT_BUFFER, ctypes.c_int())
    return name.value.decode("utf-8", "replace")


def _styles(
    textpage: pypdfium2.PdfTextPage, objects: list[int], firsts: list[int], rotation: int
) -> list[tuple[str, float, bool]]:
    """Font name, size as shown and uprightness of each text object (which holds one font,
    one size and one text matrix), asked of its first character (index in `firsts`)."""
    handle, count = _handle(textpage), len(objects)
    fonts = list(map(_text_object_font, objects))
    font_sizes = list(map(_font_size, repeat(handle, count), firsts))
    matrices = (ctypes.c_float * (6 * count))()
    base = ctypes.addressof(matrices)
    end = base + _MATRIX_BYTES * count
    deque(map(_char_matrix, repeat(handle, count), firsts, range(base, end, _MATRIX_BYTES)), 0)
    values = np.frombuffer(matrices, dtype=np.float32).tolist()
    first_of = dict(zip(reversed(fonts), reversed(firsts), strict=True))  # each font's first
    names = {font: _font_name(textpage.raw, font, i) for font, i in first_of.items()}
    a, b, c, d = _ROTATION_MATRIX.get(rotation, _ROTATION_MATRIX[0])
    styles = []
    for n, (font, font_size) in enumerate(zip(fonts, font_sizes, strict=True)):
        ma, mb, mc, md = values[6 * n : 6 * n + 4]
        # the displayed matrix, as pdfminer's `upright`: the character's, then the page's turn
        da, db = ma * a + mb * c, ma * b + mb * d
        dc, dd = mc * a + md * c, mc * b + md * d
        upright = da * dd > 0 and db * dc <= 0
        # the font size as shown: Word sets "/F1 1 Tf" and scales by the text matrix
        styles.append((names[font], font_size * (mc * mc + md * md) ** 0.5, upright))
    return styles


_Columns = tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]


def _display(
    rotation: int,
    mediabox: tuple[float, float, float, float],
    xl: np.ndarray,
    xr: np.ndarray,
    yb: np.ndarray,
    yt: np.ndarray,
) -> _Columns:
    """PDF-space boxes (x left, x right, y bottom, y top) → pdfplumber's display boxes (x0,
    x1, top, bottom) on a page turned by `rotation` degrees."""
    left, bottom, right, top = mediabox
    if rotation == 90:
        return yb - bottom, yt - bottom, xl - left, xr - left
    if rotation == 180:
        return right - xr, right - xl, yb - bottom, yt - bottom
    if rotation == 270:
        return top - yt, top - yb, right - xr, right - xl
    return xl - left, xr - left, top - yt, top - yb


def _previous(values: np.ndarray) -> np.ndarray:
    """values shifted one place on (the first element repeats itself)."""
    return np.concatenate((values[:1], values[:-1]))


def page_words(chars: _Chars, width: float, height: float) -> list[Word]:
    """Characters → words as pdfplumber's `extract_words(extra_attrs=["fontname", "size"],
    x_tolerance_ratio=WORD_GAP_RATIO)`: runs of one font, size and direction, split into
    lines (tops chained within LINE_TOLERANCE; for rotated text x0), each line sorted along
    the text and split into words at spaces, at a gap wider than a fifth of the font size
    (along rotated text: 3 pt), at a step back, off the line, or where PDFium saw a break.

    The same steps as pdfplumber's loops, over whole-page arrays."""
    if not chars.count:
        return []
    kind = chars.kind
    size = np.array([k[1] for k in chars.kinds])[kind]
    upright = np.array([k[2] for k in chars.kinds], dtype=bool)[kind]
    x0, x1, bottom = chars.x0, chars.x1, chars.bottom
    # pdfminer's box is one font size tall above the descent (PDFium's: the ascent)
    top = np.where(upright, bottom - size, chars.top)
    # runs of one style, as itertools.groupby over (upright, font, size) finds them
    run = np.cumsum(kind != _previous(kind))
    # lines: sorted values chained within LINE_TOLERANCE, per run (pdfplumber's cluster_objects)
    across = np.where(upright, top, x0)
    by_value = np.lexsort((across, run))
    value, run_sorted = across[by_value], run[by_value]
    new_line = (run_sorted != _previous(run_sorted)) | (value > _previous(value) + LINE_TOLERANCE)
    line = np.empty_like(run)
    line[by_value] = np.cumsum(new_line)
    # each line in order along the text (a stable sort: ties keep content order)
    order = np.lexsort((np.where(upright, x0, top), line))
    x0, x1, top, bottom = x0[order], x1[order], top[order], bottom[order]
    size, upright, line = size[order], upright[order], line[order]
    codes = chars.codes[order]
    space = _IS_SPACE[np.minimum(codes, _NOT_SPACE)]
    gap = WORD_GAP_RATIO * _previous(size)
    px0, ptop = _previous(x0), _previous(top)
    apart = np.where(
        upright,
        (x0 < px0) | (x0 > _previous(x1) + gap) | (np.abs(top - ptop) > LINE_TOLERANCE),
        (top < ptop) | (top > _previous(bottom) + LINE_TOLERANCE) | (np.abs(x0 - px0) > gap),
    )
    start = (line != _previous(line)) | _previous(space) | apart | chars.word_start[order]
    start[0] = True
    letters = np.flatnonzero(~space)  # words: the runs of non-space characters from a start
    if not len(letters):
        return []
    bounds = np.flatnonzero(start[letters])
    text = codes[letters].tobytes().decode("utf-32-le", "surrogatepass")
    ends = [*bounds[1:].tolist(), len(letters)]
    texts = [text[a:b] for a, b in zip(bounds.tolist(), ends, strict=True)]
    if _LIGATURE_RE.search(text):
        texts = [t.translate(_LIGATURE_TABLE) for t in texts]
    boxes = (
        np.minimum.reduceat(x0[letters], bounds),
        np.maximum.reduceat(x1[letters], bounds),
        np.minimum.reduceat(top[letters], bounds),
        np.maximum.reduceat(bottom[letters], bounds),
    )
    return _words(texts, boxes, kind[order][letters[bounds]], chars.kinds, width, height)


def _words(
    texts: list[str],
    boxes: _Columns,
    kind: np.ndarray,
    kinds: list[tuple[str, float, bool]],
    width: float,
    height: float,
) -> list[Word]:
    """Model words (`kind`: each one's style in `kinds`), clamped to the page; the bold flag
    and the rounded size once per style."""
    x0, x1, top, bottom = boxes
    # the common case needs no clamping (comparisons with NaN are false: those go below)
    inside = (0 <= x0) & (x0 <= x1) & (x1 <= width) & (0 <= top) & (top <= bottom)
    inside &= bottom <= height
    shown = np.array([0 < size <= height for _, size, _ in kinds])[kind]
    fonts = np.array([font for font, _, _ in kinds], dtype=object)[kind].tolist()
    sizes = np.array([round(size, 2) for _, size, _ in kinds], dtype=object)[kind].tolist()
    bold = [is_bold_font(font) for font, _, _ in kinds]
    columns = [x0.tolist(), x1.tolist(), top.tolist(), bottom.tolist()]
    if (inside & shown).all():
        return list(map(Word, texts, *columns, fonts, sizes, np.array(bold)[kind].tolist()))
    words: list[Word] = []
    for n, (text, a, b, c, d) in enumerate(zip(texts, *columns, strict=True)):
        if inside[n] and shown[n]:
            words.append(Word(text, a, b, c, d, fonts[n], sizes[n], bold[kind[n]]))
        else:
            font, size, _ = kinds[kind[n]]
            if (word := clamped_word(text, a, b, c, d, font, size, width, height)) is not None:
                words.append(word)
    return words


def _read_page(pdf: pypdfium2.PdfDocument, index: int) -> Page:
    page = pdf[index - 1]
    try:
        # PDFium keeps boxes as 32-bit floats: 595.2756 in the file reads 595.27557
        left, bottom, right, top = (round(v, _BOX_DIGITS) for v in page.get_mediabox())
        turned = page.get_rotation() in (90, 270)
        width, height = (top - bottom, right - left) if turned else (right - left, top - bottom)
        width, height = page_size(width, height)
        textpage = page.get_textpage()
        try:
            chars = _Chars(page, textpage)
            words = page_words(chars, width, height)
        finally:
            textpage.close()
        return Page(
            number=index,
            width=width,
            height=height,
            lines=lines_from_words(words, index) if words else [],
            # images decide only for a page without text (scanned: OCR it); `kitar inspect`,
            # which shows every page's count, reads with pdfplumber
            image_count=0 if words else _image_count(page),
            char_count=chars.count,
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
    benchmark's floor): the page's text in one call, one C call per box dispatched by map()
    into one array per page."""
    pdf = _open(path, None)
    count = 0
    try:
        for page in pdf:
            textpage = page.get_textpage()
            n = textpage.count_chars()
            text = _page_text(textpage, n)
            boxes = _loose_boxes(_handle(textpage), n)
            count += min(len(text), len(boxes))
            textpage.close()
            page.close()
    finally:
        pdf.close()
    return count
