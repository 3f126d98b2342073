"""A page's characters → model words → lines over whole-page arrays (numpy: the only module
that imports it).

kitar.read.pdfium hands over what PDFium gives in bulk (the page's text, each character's
text object and loose box, each text object's font, size and matrix); this module turns it
into the words pdfplumber's `extract_words` makes with kitar's settings and into the lines
`kitar.read.words.lines_from_words` makes of them, step for step the same rules, as array
operations rather than one Python step per character or word.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np

from kitar.model import Line, Word
from kitar.read.words import (
    SEGMENT_GAP_EM,
    TOUCHING_GAP,
    WORD_GAP_RATIO,
    clamped_word,
    is_bold_font,
    lines_from_words,
)

# pdfplumber's defaults for what kitar does not set: characters more than 3 pt apart across
# the line (or, for rotated text, along it) start a new line or word.
LINE_TOLERANCE = 3.0
# pdfplumber expands these ligatures in extract_words ("ﬁnans" → "finans"); so do we.
LIGATURES = {"ﬀ": "ff", "ﬃ": "ffi", "ﬄ": "ffl", "ﬁ": "fi", "ﬂ": "fl", "ﬆ": "st", "ﬅ": "st"}
_LIGATURE_TABLE = str.maketrans(LIGATURES)
_LIGATURES = frozenset(LIGATURES)
# PDFium marks a line-end hyphen it recognises with U+0002 or U+FFFE; the page shows "-".
_PDFIUM_HYPHENS = (0x02, 0xFFFE)
_HYPHEN, _SPACE = ord("-"), ord(" ")
# Whether str.isspace() holds for a code point (pdfplumber splits words at those), indexed by
# min(code point, _NOT_SPACE): U+3000 is the last one.
_NOT_SPACE = 0x3001
_IS_SPACE = np.array([chr(c).isspace() for c in range(_NOT_SPACE + 1)], dtype=bool)
# lines_from_words: a word joins a row when its centre is within half its size (at least
# this many pt) of the row's first word's
_MIN_ROW_SIZE = 4.0
_SIZE_STEP = 1.0  # lines_from_words: a size change that splits a row at a gap over one em
_SAME_SIZE, _SAME_TOP = 0.05, 0.5  # words.py's `_touching`: the same size and baseline

# Page rotation (clockwise degrees) → the matrix pdfminer applies to show the page upright.
_ROTATION_MATRIX = {0: (1, 0, 0, 1), 90: (0, -1, 1, 0), 180: (-1, 0, 0, -1), 270: (0, 1, -1, 0)}

Style = tuple[str, float, bool]  # font name, size as shown, upright


@dataclass
class RawChars:
    """What a PDFium text page gives for its characters, in content order."""

    text: str  # one str character per character
    objects: Iterable[int]  # each character's text object (0: a generated space/line break)
    boxes: Any  # float32 buffer: left, top, right, bottom per character (PDF space)
    mediabox: tuple[float, float, float, float]  # left, bottom, right, top
    rotation: int  # clockwise degrees
    # (chars) → whether PDFium generated each: asked for the spaces that have a text object
    generated: Callable[[list[int]], Iterable[int]]
    # (text objects, each one's first character) → font names, font sizes, float32 matrices
    styles: Callable[[list[int], list[int]], tuple[list[str], list[float], Any]]


def _previous(values: np.ndarray) -> np.ndarray:
    """values shifted one place on (the first element repeats itself)."""
    return np.concatenate((values[:1], values[:-1]))


def _styles(names: list[str], font_sizes: list[float], matrices: Any, rotation: int) -> list[Style]:
    """Each text object's font, size as shown and uprightness (pdfminer's `upright`)."""
    m = np.frombuffer(matrices, dtype=np.float32).reshape(-1, 6).astype(np.float64)
    ma, mb, mc, md = m[:, 0], m[:, 1], m[:, 2], m[:, 3]
    a, b, c, d = _ROTATION_MATRIX.get(rotation, _ROTATION_MATRIX[0])
    # the displayed matrix: the character's, then the page's rotation
    da, db = ma * a + mb * c, ma * b + mb * d
    dc, dd = mc * a + md * c, mc * b + md * d
    upright = ((da * dd > 0) & (db * dc <= 0)).tolist()
    # the font size as shown: Word sets "/F1 1 Tf" and scales by the text matrix (the root
    # taken in Python, as pdfminer does, once per distinct scale)
    squares, which = np.unique(mc * mc + md * md, return_inverse=True)
    roots = np.array([v**0.5 for v in squares.tolist()])
    sizes = (np.array(font_sizes, dtype=np.float64) * roots[which]).tolist()
    return list(zip(names, sizes, upright, strict=True))


@dataclass
class _Chars:
    """A page's real characters: code points, display boxes (pdfplumber's x0, x1, top,
    bottom), style (an index into `kinds`), and where PDFium saw a word break before one."""

    codes: np.ndarray
    x0: np.ndarray
    x1: np.ndarray
    top: np.ndarray
    bottom: np.ndarray
    kind: np.ndarray
    kinds: list[Style]
    word_start: np.ndarray


def _display(
    rotation: int, mediabox: tuple[float, float, float, float], box: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """PDF-space boxes (left, top, right, bottom rows) → display boxes on a page turned by
    `rotation` degrees."""
    left, bottom, right, top = mediabox
    xl, yt, xr, yb = box[:, 0], box[:, 1], box[:, 2], box[:, 3]
    if rotation == 90:
        return yb - bottom, yt - bottom, xl - left, xr - left
    if rotation == 180:
        return right - xr, right - xl, yb - bottom, yt - bottom
    if rotation == 270:
        return top - yt, top - yb, right - xr, right - xl
    return xl - left, xr - left, top - yt, top - yb


def _chars(raw: RawChars) -> _Chars | None:
    count = len(raw.text)
    codes = np.frombuffer(raw.text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    objects = np.fromiter(raw.objects, dtype=np.uintp, count=count)
    spaces = codes == _SPACE
    kept = objects != 0
    # a space PDFium generated itself sits in a text object's range now and then
    suspects = np.flatnonzero(kept & spaces)
    kept[suspects] = ~np.fromiter(raw.generated(suspects.tolist()), bool, len(suspects))
    index = np.flatnonzero(kept)
    if not len(index):
        return None
    # PDFium's own word breaks, which pdfplumber has not: a generated space still marks the
    # next character as a word start, as glyph boxes can overhang ("af kronisk" in italics:
    # the f's box reaches the k)
    after_space = np.zeros(count, dtype=bool)
    after_space[1:] = spaces[:-1] & ~kept[:-1]
    kept_codes = codes[index]
    kept_codes[(kept_codes == _PDFIUM_HYPHENS[0]) | (kept_codes == _PDFIUM_HYPHENS[1])] = _HYPHEN
    box = np.frombuffer(raw.boxes, dtype=np.float32).reshape(-1, 4)[index].astype(np.float64)
    unique, first, of_object = np.unique(objects[index], return_index=True, return_inverse=True)
    styles = _styles(*raw.styles(unique.tolist(), index[first].tolist()), raw.rotation)
    kinds = {style: n for n, style in enumerate(dict.fromkeys(styles))}
    kind = np.array([kinds[style] for style in styles], dtype=np.intp)[of_object]
    x0, x1, top, bottom = _display(raw.rotation, raw.mediabox, box)
    return _Chars(kept_codes, x0, x1, top, bottom, kind, list(kinds), after_space[index])


@dataclass
class _Words:
    """A page's words as columns (boxes, size as shown, style), in pdfplumber's order."""

    texts: list[str]
    x0: np.ndarray
    x1: np.ndarray
    top: np.ndarray
    bottom: np.ndarray
    kind: np.ndarray


def _words(chars: _Chars) -> _Words | None:
    """pdfplumber's `extract_words(extra_attrs=["fontname", "size"], x_tolerance_ratio=
    WORD_GAP_RATIO)`: runs of one font, size and direction, split into lines (values across
    the text chained within LINE_TOLERANCE), each line sorted along the text and split into
    words at spaces, at a gap wider than a fifth of the font size (along rotated text: 3 pt),
    at a step back, off the line, or where PDFium saw a break."""
    kind = chars.kind
    size = np.array([k[1] for k in chars.kinds])[kind]
    upright = np.array([k[2] for k in chars.kinds], dtype=bool)[kind]
    x0, x1, bottom = chars.x0, chars.x1, chars.bottom
    # pdfminer's box is one font size tall above the descent (PDFium's: the ascent)
    top = np.where(upright, bottom - size, chars.top)
    run = np.cumsum(kind != _previous(kind))  # itertools.groupby over the style
    across = np.where(upright, top, x0)
    by_value = np.lexsort((across, run))
    value, run_sorted = across[by_value], run[by_value]
    new_line = (run_sorted != _previous(run_sorted)) | (value > _previous(value) + LINE_TOLERANCE)
    line = np.empty_like(run)
    line[by_value] = np.cumsum(new_line)
    order = np.lexsort((np.where(upright, x0, top), line))  # stable: ties keep content order
    x0, x1, top, bottom = x0[order], x1[order], top[order], bottom[order]
    size, upright, line, codes = size[order], upright[order], line[order], chars.codes[order]
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
        return None
    bounds = np.flatnonzero(start[letters])
    text = codes[letters].tobytes().decode("utf-32-le", "surrogatepass")
    ends = [*bounds[1:].tolist(), len(letters)]
    texts = [text[a:b] for a, b in zip(bounds.tolist(), ends, strict=True)]
    if not _LIGATURES.isdisjoint(text):
        texts = [t.translate(_LIGATURE_TABLE) for t in texts]
    return _Words(
        texts,
        np.minimum.reduceat(x0[letters], bounds),
        np.maximum.reduceat(x1[letters], bounds),
        np.minimum.reduceat(top[letters], bounds),
        np.maximum.reduceat(bottom[letters], bounds),
        kind[order][letters[bounds]],
    )


def page_lines(raw: RawChars, width: float, height: float, page: int) -> tuple[list[Line], int]:
    """The page's lines (as lines_from_words makes them) and its number of real characters."""
    chars = _chars(raw)
    if chars is None:
        return [], 0
    found = _words(chars)
    count = len(chars.codes)
    if found is None:
        return [], count
    kinds, kind = chars.kinds, found.kind
    x0, x1, top, bottom = found.x0, found.x1, found.top, found.bottom
    # the common case needs no clamping (comparisons with NaN are false: those go below)
    inside = (0 <= x0) & (x0 <= x1) & (x1 <= width) & (0 <= top) & (top <= bottom)
    inside &= (bottom <= height) & np.array([0 < k[1] <= height for k in kinds])[kind]
    if inside.all():
        return _lines(found, kinds, page), count
    words = []
    columns = zip(found.texts, x0.tolist(), x1.tolist(), top.tolist(), bottom.tolist(), strict=True)
    for (text, a, b, c, d), ok, k in zip(columns, inside.tolist(), kind.tolist(), strict=True):
        font, size, _ = kinds[k]
        if ok:
            words.append(Word(text, a, b, c, d, font, round(size, 2), is_bold_font(font)))
        elif (word := clamped_word(text, a, b, c, d, font, size, width, height)) is not None:
            words.append(word)
    return (lines_from_words(words, page) if words else []), count


def _rows(found: _Words, size: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """lines_from_words's rows: words by vertical centre, one row while a word's centre is
    within half its size of the row's first word's; then each row left to right (stable).
    The words' order and each one's row number."""
    centre = (found.top + found.bottom) / 2
    by_centre = np.argsort(centre, kind="stable")
    tolerance = (np.maximum(size, _MIN_ROW_SIZE) * 0.5)[by_centre].tolist()
    rows: list[int] = []
    row, row_centre = -1, math.nan
    for c, tol in zip(centre[by_centre].tolist(), tolerance, strict=True):
        if not abs(c - row_centre) <= tol:  # the first word, too, starts a row
            row += 1
            row_centre = c
        rows.append(row)
    row_ids = np.array(rows)
    sort = np.lexsort((found.x0[by_centre], row_ids))
    return by_centre[sort], row_ids[sort]


def _touching(
    row_ids: np.ndarray, x0: np.ndarray, x1: np.ndarray, top: np.ndarray, size: np.ndarray
) -> np.ndarray:
    """Which words join the word before them (words.py's `_join_touching`: no gap, same size
    and baseline), in rows that have a gap of at most TOUCHING_GAP (the loop runs there only)."""
    joins = np.zeros(len(x0), dtype=bool)
    near = (row_ids == _previous(row_ids)) & ~(x0 - _previous(x1) > TOUCHING_GAP)
    near[0] = False
    if not near.any():
        return joins
    bounds = [*np.flatnonzero(row_ids != _previous(row_ids)).tolist(), len(x0)]
    if bounds[0] != 0:
        bounds.insert(0, 0)
    x0s, x1s, tops, sizes = x0.tolist(), x1.tolist(), top.tolist(), size.tolist()
    for row in np.unique(row_ids[near]).tolist():
        lo, hi = bounds[row], bounds[row + 1]
        right, first = x1s[lo], lo
        for k in range(lo + 1, hi):
            if (
                abs(x0s[k] - right) <= TOUCHING_GAP
                and abs(sizes[k] - sizes[first]) < _SAME_SIZE
                and abs(tops[k] - tops[first]) < _SAME_TOP
            ):
                joins[k] = True
                right = max(right, x1s[k])
            else:
                right, first = x1s[k], k
    return joins


def _lines(found: _Words, kinds: list[Style], page: int) -> list[Line]:
    """lines_from_words over words that lie inside the page: rows by vertical centre, each
    sorted by x0, touching words joined, split at wide gaps; a line's font the one most of its
    characters have."""
    fonts = [k[0] for k in kinds]
    sizes = [round(k[1], 2) for k in kinds]  # a word's size as the model keeps it
    bolds = [is_bold_font(font) for font in fonts]
    size = np.array(sizes)[found.kind]
    order, row_ids = _rows(found, size)
    x0, x1, top, bottom = found.x0[order], found.x1[order], found.top[order], found.bottom[order]
    size, kind = size[order], found.kind[order]
    texts = [found.texts[i] for i in order.tolist()]
    joins = _touching(row_ids, x0, x1, top, size)
    if joins.any():  # the joined word keeps the first one's box start, top, font and size
        heads = np.flatnonzero(~joins)
        ends = [*heads[1:].tolist(), len(texts)]
        texts = ["".join(texts[a:b]) for a, b in zip(heads.tolist(), ends, strict=True)]
        x1, bottom = np.maximum.reduceat(x1, heads), np.maximum.reduceat(bottom, heads)
        x0, top, size, kind, row_ids = x0[heads], top[heads], size[heads], kind[heads], row_ids[heads]
    bold = np.array(bolds)[kind]
    words = list(
        map(Word, texts, x0.tolist(), x1.tolist(), top.tolist(), bottom.tolist(),
            np.array(fonts, dtype=object)[kind].tolist(), size.tolist(), bold.tolist())
    )  # fmt: skip
    gap, prev_size = x0 - _previous(x1), _previous(size)
    em = np.maximum(np.maximum(prev_size, size), _MIN_ROW_SIZE)
    split = (gap > SEGMENT_GAP_EM * em) | ((gap > em) & (np.abs(prev_size - size) >= _SIZE_STEP))
    start = (row_ids != _previous(row_ids)) | split
    start[0] = True
    bounds = np.flatnonzero(start)
    starts, ends = bounds.tolist(), [*bounds[1:].tolist(), len(words)]
    lengths = np.array([len(t) for t in texts])
    total = np.add.reduceat(lengths, bounds)
    bold_chars = np.add.reduceat(lengths * bold, bounds)
    line_x0, line_top = np.minimum.reduceat(x0, bounds), np.minimum.reduceat(top, bounds)
    # a line's font: the (font, size) most of its characters have, the first of the heaviest
    style_ids = {(f, s): n for n, (f, s) in enumerate(dict.fromkeys(zip(fonts, sizes)))}
    style = np.array([style_ids[(f, s)] for f, s in zip(fonts, sizes, strict=True)])[kind]
    mixed = np.minimum.reduceat(style, bounds) != np.maximum.reduceat(style, bounds)
    font_of = np.array(fonts, dtype=object)[kind[bounds]].tolist()
    size_of = size[bounds].tolist()
    for n in np.flatnonzero(mixed).tolist():
        weights: dict[tuple[str, float], int] = {}
        for w in words[starts[n] : ends[n]]:
            weights[(w.fontname, w.size)] = weights.get((w.fontname, w.size), 0) + len(w.text)
        font_of[n], size_of[n] = max(weights, key=weights.__getitem__)
    pieces = [words[a:b] for a, b in zip(starts, ends, strict=True)]
    lines = list(
        map(Line, [" ".join([w.text for w in piece]) for piece in pieces], [page] * len(pieces),
            line_x0.tolist(), np.maximum.reduceat(x1, bounds).tolist(), line_top.tolist(),
            np.maximum.reduceat(bottom, bounds).tolist(), font_of, size_of,
            (bold_chars * 2 > total).tolist(), pieces)
    )  # fmt: skip
    # lines_from_words's order: by rounded top, then x0 (stable)
    return [lines[i] for i in np.lexsort((line_x0, np.rint(line_top))).tolist()]
