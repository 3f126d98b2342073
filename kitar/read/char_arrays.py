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
import re
from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

import numpy as np

from kitar.model import Line, Word
from kitar.read.words import (
    SEGMENT_GAP_EM,
    TOUCHING_GAP,
    WORD_GAP_RATIO,
    clamped_word,
    is_bold_font,
)

# pdfplumber's defaults for what kitar does not set: characters more than 3 pt apart across
# the line (or, for rotated text, along it) start a new line or word.
LINE_TOLERANCE = 3.0
# pdfplumber expands these ligatures in extract_words ("ﬁnans" → "finans"); so do we.
LIGATURES = {"ﬀ": "ff", "ﬃ": "ffi", "ﬄ": "ffl", "ﬁ": "fi", "ﬂ": "fl", "ﬆ": "st", "ﬅ": "st"}
_LIGATURE_TABLE = str.maketrans(LIGATURES)
_LIGATURE_FIRST, _LIGATURE_LAST = min(map(ord, LIGATURES)), max(map(ord, LIGATURES))
_SEPARATOR = 0  # NUL: cuts words apart in one split (a page that holds one is cut by slices)
# PDFium marks a line-end hyphen it recognises with U+0002 or U+FFFE; the page shows "-".
_PDFIUM_HYPHENS = (0x02, 0xFFFE)
_HYPHEN, _SPACE, _CR, _LF = ord("-"), ord(" "), ord("\r"), ord("\n")
# Hebrew, Arabic and their presentation forms: PDFium reorders right-to-left text
_RIGHT_TO_LEFT = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")
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
_TURNS = {0: 0, 90: 1, 180: 2, 270: 3}  # rows of _ROTATIONS (another angle: as 0)
_ROTATIONS = np.array([_ROTATION_MATRIX[r] for r in (0, 90, 180, 270)], dtype=np.float64)

Style = tuple[str, float, bool]  # font name, size as shown, upright


@dataclass
class RawChars:
    """What a PDFium text page gives for its characters, in content order."""

    text: str  # one str character per character
    # (chars) → each one's text object (0: a space or line break PDFium generated)
    objects: Callable[[list[int]], Iterable[int]]
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


def _styles(
    names: list[str], font_sizes: list[float], matrices: np.ndarray, rotation: np.ndarray
) -> list[Style]:
    """Each text object's font, size as shown and uprightness (pdfminer's `upright`), from its
    font name, font size, matrix (float32 rows of 6) and its page's rotation (`_ROTATIONS`
    row)."""
    m = matrices.astype(np.float64)
    ma, mb, mc, md = m[:, 0], m[:, 1], m[:, 2], m[:, 3]
    a, b, c, d = _ROTATIONS[rotation].T
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
    """Real characters of one or more pages: code points, display boxes (pdfplumber's x0,
    x1, top, bottom), style (an index into `kinds`, whose entries belong to one page each),
    and where PDFium saw a word break before one."""

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


def _ask(raws: list[RawChars], starts: np.ndarray, objects: np.ndarray, chars: np.ndarray) -> None:
    """Fill in the text objects of `chars` (sorted indices into the batch), page by page."""
    cuts = np.searchsorted(chars, starts).tolist()
    for n, raw in enumerate(raws):
        mine = chars[cuts[n] : cuts[n + 1]]
        if len(mine):
            local = (mine - starts[n]).tolist()
            objects[mine] = np.fromiter(raw.objects(local), np.uintp, len(mine))


def _batch_objects(raws: list[RawChars], codes: np.ndarray, starts: np.ndarray) -> np.ndarray:
    """Each character's text object, asked of PDFium for fewer than all of them.

    PDFium's text page holds a text object's characters one after another (measured: no
    object comes back after another's, in 1,484 pages of the samples, the eval set and the
    layout zoo), and only spaces and line breaks are its own, generated characters. So the
    spaces and line breaks are asked, and a run of other characters between two spaces of one
    object belongs to it; a run at an object's edge is asked at both ends, and in full when
    they differ. A page with right-to-left script, which PDFium reorders, is asked in full.
    """
    size = len(codes)
    objects = np.zeros(size, dtype=np.uintp)
    first_of_page = np.zeros(size + 1, dtype=bool)
    first_of_page[starts] = True  # and one past the end
    whole = np.zeros(size, dtype=bool)
    for n, raw in enumerate(raws):
        if _RIGHT_TO_LEFT.search(raw.text):
            whole[starts[n] : starts[n + 1]] = True
    breaks = (codes == _SPACE) | (codes == _CR) | (codes == _LF)
    _ask(raws, starts, objects, np.flatnonzero(breaks | whole))
    inside = ~(breaks | whole)
    begins = inside & ~(np.concatenate(([False], inside[:-1])) & ~first_of_page[:-1])
    finishes = inside & ~(np.concatenate((inside[1:], [False])) & ~first_of_page[1:])
    run_starts, run_ends = np.flatnonzero(begins), np.flatnonzero(finishes)  # ends inclusive
    left = np.where(first_of_page[run_starts], 0, objects[np.maximum(run_starts - 1, 0)])
    right = np.where(first_of_page[run_ends + 1], 0, objects[np.minimum(run_ends + 1, size - 1)])
    anchored = (left != 0) & (left == right)
    edges = np.flatnonzero(~anchored)
    _ask(raws, starts, objects, np.unique(np.concatenate((run_starts[edges], run_ends[edges]))))
    first, last = objects[run_starts], objects[run_ends]
    known = anchored | (first == last)
    lengths = run_ends - run_starts + 1
    fill = np.repeat(known, lengths)
    positions = np.flatnonzero(inside)
    if not known.all():  # an object's edge inside a run: ask all of it
        _ask(raws, starts, objects, positions[~fill])
    run_object = np.repeat(np.where(anchored, left, first), lengths)
    objects[positions[fill]] = run_object[fill]
    return objects


def _objects(objects: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """np.unique(objects, return_index=True, return_inverse=True), sooner: a text object's
    characters mostly follow one another, so its runs are sorted, not every character."""
    if not len(objects):
        return np.unique(objects, return_index=True, return_inverse=True)
    runs = np.concatenate(([0], np.flatnonzero(objects[1:] != objects[:-1]) + 1))
    unique, first_run, of_run = np.unique(objects[runs], return_index=True, return_inverse=True)
    return unique, runs[first_run], np.repeat(of_run, np.diff(np.append(runs, len(objects))))


def _chars(raws: list[RawChars]) -> tuple[_Chars, np.ndarray, list[int]]:
    """Several pages' real characters as one set (PDFium's generated spaces and line breaks
    left out; style numbers distinct per page), each style's page (an index into `raws`) and
    each page's number of real characters."""
    counts = [len(raw.text) for raw in raws]
    starts = np.cumsum([0, *counts])
    text = "".join(raw.text for raw in raws)
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    objects = _batch_objects(raws, codes, starts)
    spaces = codes == _SPACE
    kept = objects != 0
    # a space PDFium generated itself sits in a text object's range now and then
    suspects = np.flatnonzero(kept & spaces)
    cuts = np.searchsorted(suspects, starts).tolist()
    for n, raw in enumerate(raws):
        local = (suspects[cuts[n] : cuts[n + 1]] - starts[n]).tolist()
        kept[suspects[cuts[n] : cuts[n + 1]]] = ~np.fromiter(raw.generated(local), bool, len(local))
    # PDFium's own word breaks, which pdfplumber has not: a generated space still marks the
    # next character as a word start, as glyph boxes can overhang ("af kronisk" in italics:
    # the f's box reaches the k)
    after_space = np.zeros(len(codes), dtype=bool)
    after_space[1:] = spaces[:-1] & ~kept[:-1]
    after_space[starts[starts < len(codes)]] = False  # not across pages
    index = np.flatnonzero(kept)
    kept_codes = codes[index]
    kept_codes[(kept_codes == _PDFIUM_HYPHENS[0]) | (kept_codes == _PDFIUM_HYPHENS[1])] = _HYPHEN
    boxes = [np.frombuffer(raw.boxes, dtype=np.float32) for raw in raws]
    box = np.concatenate(boxes).reshape(-1, 4)[index].astype(np.float64)
    ends = np.searchsorted(index, starts).tolist()  # each page's kept characters
    columns = [
        _display(raw.rotation, raw.mediabox, box[ends[n] : ends[n + 1]])
        for n, raw in enumerate(raws)
    ]
    x0, x1, top, bottom = (np.concatenate([c[k] for c in columns]) for k in range(4))
    unique, first, of_object = _objects(objects[index])
    first_char = index[first]
    page_of_object = np.searchsorted(starts, first_char, side="right") - 1
    order = np.argsort(page_of_object, kind="stable")  # the objects page by page
    cuts = np.searchsorted(page_of_object[order], np.arange(len(raws) + 1)).tolist()
    names: list[str] = []
    font_sizes: list[float] = []
    matrices = []
    for n, raw in enumerate(raws):
        mine = order[cuts[n] : cuts[n + 1]]
        if len(mine):
            found = raw.styles(unique[mine].tolist(), (first_char[mine] - starts[n]).tolist())
            names += found[0]
            font_sizes += found[1]
            matrices.append(np.frombuffer(found[2], dtype=np.float32).reshape(-1, 6))
    turn = np.array([_TURNS.get(raw.rotation, 0) for raw in raws])[page_of_object[order]]
    by_page = _styles(names, font_sizes, np.concatenate(matrices), turn) if names else []
    styles = [
        (page, style) for page, style in zip(page_of_object[order].tolist(), by_page, strict=True)
    ]
    in_order = [styles[i] for i in np.argsort(order, kind="stable").tolist()]
    kinds = {style: n for n, style in enumerate(dict.fromkeys(in_order))}
    kind = np.array([kinds[style] for style in in_order], dtype=np.intp)[of_object]
    chars = _Chars(kept_codes, x0, x1, top, bottom, kind, [s for _, s in kinds],
                   after_space[index])  # fmt: skip
    real = np.diff(ends).tolist()
    return chars, np.array([n for n, _ in kinds], dtype=np.intp), real


@dataclass
class _Words:
    """Words as columns (text, box, size as the model keeps it, style, page index)."""

    texts: list[str]
    x0: np.ndarray
    x1: np.ndarray
    top: np.ndarray
    bottom: np.ndarray
    kind: np.ndarray
    size: np.ndarray = field(default_factory=lambda: np.zeros(0))
    page: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.intp))


def _texts(codes: np.ndarray, bounds: np.ndarray) -> list[str]:
    """The words' texts: code points cut at `bounds` (by one C-level split at a separator the
    text does not hold), ligatures expanded."""
    if len(bounds) > 1 and not (codes == _SEPARATOR).any():
        marked = np.insert(codes, bounds[1:], _SEPARATOR)
        texts = marked.tobytes().decode("utf-32-le", "surrogatepass").split(chr(_SEPARATOR))
    else:
        text = codes.tobytes().decode("utf-32-le", "surrogatepass")
        ends = [*bounds[1:].tolist(), len(codes)]
        texts = [text[a:b] for a, b in zip(bounds.tolist(), ends, strict=True)]
    if _has_ligature(codes):
        texts = [t.translate(_LIGATURE_TABLE) for t in texts]
    return texts


def _has_ligature(codes: np.ndarray) -> bool:
    """Whether any code point is one of LIGATURES (U+FB00–FB06, one block)."""
    return bool(((codes >= _LIGATURE_FIRST) & (codes <= _LIGATURE_LAST)).any())


def _run_lines(run: np.ndarray, across: np.ndarray) -> np.ndarray:
    """Each character's line: pdfplumber's `cluster_objects` per run (values across the text,
    sorted, chained within LINE_TOLERANCE), as numbers ordered by run, then value. Most runs
    span less than the tolerance, one line each: only the others are sorted."""
    starts = np.flatnonzero(run != _previous(run))
    starts = np.concatenate(([0], starts)) if len(run) else starts
    span = np.maximum.reduceat(across, starts) - np.minimum.reduceat(across, starts)
    if (span <= LINE_TOLERANCE).all():
        return run
    lengths = np.diff(np.append(starts, len(run)))
    several = np.repeat(~(span <= LINE_TOLERANCE), lengths)  # runs of several lines (or NaN)
    index = np.flatnonzero(several)
    by_value = index[np.lexsort((across[index], run[index]))]
    value, run_sorted = across[by_value], run[by_value]
    new_line = (run_sorted != _previous(run_sorted)) | (value > _previous(value) + LINE_TOLERANCE)
    first = np.empty(len(run), dtype=np.intp)  # the line's place within its run
    first[:] = 0
    rank = np.cumsum(new_line)
    rank -= rank[np.searchsorted(run_sorted, run_sorted)]  # from 0 in each run
    first[by_value] = rank
    return run * (int(first.max()) + 1) + first


def _along_lines(line: np.ndarray, along: np.ndarray) -> np.ndarray:
    """The order by line, then along the text, ties in content order: what lexsort gives,
    sooner, as lines mostly run on in content order already (timsort finds the runs)."""
    order = np.argsort(line, kind="stable")
    line, along = line[order], along[order]
    back = (line[1:] == line[:-1]) & (along[1:] < along[:-1])
    if back.any():  # lines set out of order along the text: sort those
        index = np.flatnonzero(np.isin(line, line[1:][back]))
        order[index] = order[index][np.lexsort((along[index], line[index]))]
    return order


def _words(chars: _Chars) -> _Words:
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
    line = _run_lines(run, np.where(upright, top, x0))
    order = _along_lines(line, np.where(upright, x0, top))
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
    letters = np.flatnonzero(~space)  # words: the runs of non-space characters from a start
    if not len(letters):
        return _Words([], *(np.zeros(0),) * 4, np.zeros(0, dtype=np.intp))
    start[letters[0]] = True
    bounds = np.flatnonzero(start[letters])
    texts = _texts(codes[letters], bounds)
    return _Words(
        texts,
        np.minimum.reduceat(x0[letters], bounds),
        np.maximum.reduceat(x1[letters], bounds),
        np.minimum.reduceat(top[letters], bounds),
        np.maximum.reduceat(bottom[letters], bounds),
        kind[order][letters[bounds]],
    )


def pages_lines(
    raws: list[RawChars], sizes: list[tuple[float, float]], numbers: list[int]
) -> list[tuple[list[Line], int]]:
    """Each page's lines (as lines_from_words makes them of the words extract_words makes)
    and its number of real characters; several pages at once, as the array work costs per
    call more than per character."""
    chars, page_of_kind, counts = _chars(raws)
    found = _words(chars)
    found.page = page_of_kind[found.kind]
    _clamp(found, chars.kinds, np.array(sizes))
    lines, page_of_line = _lines(found, chars.kinds, numbers) if found.texts else ([], [])
    per_page: list[list[Line]] = [[] for _ in raws]
    for line, index in zip(lines, page_of_line, strict=True):
        per_page[index].append(line)
    return list(zip(per_page, counts, strict=True))


def _clamp(found: _Words, kinds: list[Style], sizes: np.ndarray) -> None:
    """Each word's size as the model keeps it, and the words that stray off their page
    clamped to it (kitar.read.words.clamped_word) or left out."""
    width, height = sizes[found.page, 0], sizes[found.page, 1]
    font_size = np.array([k[1] for k in kinds])[found.kind]
    x0, x1, top, bottom = found.x0, found.x1, found.top, found.bottom
    # comparisons with NaN are false: such words are clamped too
    inside = (x0 >= 0) & (x0 <= x1) & (x1 <= width) & (top >= 0) & (top <= bottom)
    inside &= (bottom <= height) & (font_size > 0) & (font_size <= height)
    rounded = [round(k[1], 2) for k in kinds]
    found.size = np.array(rounded)[found.kind]
    if inside.all():
        return
    keep = inside.copy()
    for n in np.flatnonzero(~inside).tolist():
        font, size, _ = kinds[found.kind[n]]
        word = clamped_word(found.texts[n], x0[n], x1[n], top[n], bottom[n], font, size,
                            width[n], height[n])  # fmt: skip
        if word is not None:
            keep[n] = True
            x0[n], x1[n], top[n], bottom[n] = word.x0, word.x1, word.top, word.bottom
            found.size[n] = word.size
    index = np.flatnonzero(keep)
    found.texts = [found.texts[i] for i in index.tolist()]
    for name in ("x0", "x1", "top", "bottom", "kind", "size", "page"):
        setattr(found, name, getattr(found, name)[index])


def _rows(found: _Words) -> tuple[np.ndarray, np.ndarray]:
    """lines_from_words's rows: a page's words by vertical centre, one row while a word's
    centre is within half its size of the row's first word's; then each row left to right
    (stable). The words' order and each one's row number."""
    centre = (found.top + found.bottom) / 2
    by_centre = np.lexsort((centre, found.page))
    c = centre[by_centre]
    tolerance = (np.maximum(found.size, _MIN_ROW_SIZE) * 0.5)[by_centre]
    page = found.page[by_centre]
    start = _row_starts(c, tolerance, page)
    row_ids = np.cumsum(start) - 1
    first = c[start][row_ids]  # each word's row's first centre
    inside = np.abs(c - first) <= tolerance
    before = c[start][np.maximum(row_ids - 1, 0)]  # a row's first word: off the row before
    new_page = page != _previous(page)
    new_page[0] = True
    if not (inside.all() and (new_page | ~start | ~(np.abs(c - before) <= tolerance)).all()):
        row_ids = _rows_one_by_one(c, tolerance, new_page)  # float rounding at a bound
    sort = np.lexsort((found.x0[by_centre], row_ids))
    return by_centre[sort], row_ids[sort]


def _row_starts(c: np.ndarray, tolerance: np.ndarray, page: np.ndarray) -> np.ndarray:
    """Where rows begin. Centres ascend on a page, so a row from word k runs up to the first
    word whose centre less its tolerance passes c[k]: a bisection in the running maximum of
    `c - tolerance` (no word before k passes it), one step per row rather than per word."""
    start = np.zeros(len(c), dtype=bool)
    bounds = [*np.flatnonzero(page != _previous(page)).tolist(), len(c)]
    if bounds[0] != 0:
        bounds.insert(0, 0)
    reach = c - tolerance
    for lo, hi in pairwise(bounds):
        highest = np.maximum.accumulate(reach[lo:hi]).tolist()
        centres = c[lo:hi].tolist()
        k, rows = 0, []
        while k < hi - lo:
            rows.append(k)
            k = bisect_right(highest, centres[k], k + 1)
        start[np.array(rows) + lo] = True
    return start


def _rows_one_by_one(c: np.ndarray, tolerance: np.ndarray, new_page: np.ndarray) -> np.ndarray:
    """The rows word by word, as lines_from_words finds them."""
    rows: list[int] = []
    row, row_centre = -1, math.nan
    for centre, tol, new in zip(c.tolist(), tolerance.tolist(), new_page.tolist(), strict=True):
        if new or not abs(centre - row_centre) <= tol:  # a page's first word starts a row
            row += 1
            row_centre = centre
        rows.append(row)
    return np.array(rows)


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


def _lines(found: _Words, kinds: list[Style], numbers: list[int]) -> tuple[list[Line], list[int]]:
    """lines_from_words over the words: rows by vertical centre, each sorted by x0, touching
    words joined, split at wide gaps; a line's font the one most of its characters have. In
    page order, with each line's page (an index into `numbers`)."""
    fonts = [k[0] for k in kinds]
    bolds = [is_bold_font(font) for font in fonts]
    order, row_ids = _rows(found)
    x0, x1, top, bottom = found.x0[order], found.x1[order], found.top[order], found.bottom[order]
    size, kind, page = found.size[order], found.kind[order], found.page[order]
    texts = np.array(found.texts, dtype=object)[order].tolist()
    joins = _touching(row_ids, x0, x1, top, size)
    if joins.any():  # the joined word keeps the first one's box start, top, font and size
        heads = np.flatnonzero(~joins)
        for k in reversed(np.flatnonzero(joins).tolist()):  # a chain joins from its end
            texts[k - 1] += texts[k]
        texts = [texts[i] for i in heads.tolist()]
        x1, bottom = np.maximum.reduceat(x1, heads), np.maximum.reduceat(bottom, heads)
        x0, top, size = x0[heads], top[heads], size[heads]
        kind, page, row_ids = kind[heads], page[heads], row_ids[heads]
    bold = np.array(bolds)[kind]
    font = np.array(fonts, dtype=object)[kind]
    shared: dict[float, float] = {}  # a dozen sizes: one float object each, not one per word
    sizes = [shared.setdefault(v, v) for v in size.tolist()]
    # a line's words mostly share their top and bottom: one float object for each value
    tops = [shared.setdefault(v, v) for v in top.tolist()]
    bottoms = [shared.setdefault(v, v) for v in bottom.tolist()]
    words = list(
        map(Word, texts, x0.tolist(), x1.tolist(), tops, bottoms, font.tolist(), sizes,
            bold.tolist())
    )  # fmt: skip
    gap, prev_size = x0 - _previous(x1), _previous(size)
    em = np.maximum(np.maximum(prev_size, size), _MIN_ROW_SIZE)
    split = (gap > SEGMENT_GAP_EM * em) | ((gap > em) & (np.abs(prev_size - size) >= _SIZE_STEP))
    start = (row_ids != _previous(row_ids)) | split
    start[0] = True
    bounds = np.flatnonzero(start)
    starts, ends = bounds.tolist(), [*bounds[1:].tolist(), len(words)]
    lengths = np.fromiter(map(len, texts), dtype=np.intp, count=len(texts))
    total = np.add.reduceat(lengths, bounds)
    bold_chars = np.add.reduceat(lengths * bold, bounds)
    line_x0, line_top = np.minimum.reduceat(x0, bounds), np.minimum.reduceat(top, bounds)
    # a line's font: the (font, size) most of its characters have, the first of the heaviest
    first_font, first_size = font[bounds].tolist(), size[bounds].tolist()
    mixed = (np.minimum.reduceat(size, bounds) != np.maximum.reduceat(size, bounds)) | (
        np.minimum.reduceat(kind, bounds) != np.maximum.reduceat(kind, bounds)
    )
    for n in np.flatnonzero(mixed).tolist():
        weights: dict[tuple[str, float], int] = {}
        for w in words[starts[n] : ends[n]]:
            weights[(w.fontname, w.size)] = weights.get((w.fontname, w.size), 0) + len(w.text)
        first_font[n], first_size[n] = max(weights, key=weights.__getitem__)
    pieces = [words[a:b] for a, b in zip(starts, ends, strict=True)]
    line_page = page[bounds]
    lines = list(
        map(Line, [" ".join(texts[a:b]) for a, b in zip(starts, ends, strict=True)],
            np.array(numbers)[line_page].tolist(), line_x0.tolist(),
            np.maximum.reduceat(x1, bounds).tolist(), line_top.tolist(),
            np.maximum.reduceat(bottom, bounds).tolist(), first_font, first_size,
            (bold_chars * 2 > total).tolist(), pieces)
    )  # fmt: skip
    # lines_from_words's order on each page: by rounded top, then x0 (stable)
    final = np.lexsort((line_x0, np.rint(line_top), line_page))
    return [lines[i] for i in final.tolist()], line_page[final].tolist()
