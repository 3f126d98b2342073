"""Lines of a batch's words: kitar.read.words.lines_from_words (rows by vertical centre,
touching words joined, split at wide gaps) as array operations, and the Word and Line
objects layout analysis reads (kitar.read.char_arrays)."""

from __future__ import annotations

import math
from bisect import bisect_right
from itertools import pairwise

import numpy as np

from kitar.model import Line, Word
from kitar.read.char_arrays.chars import RawChars, Style, batch_chars, previous
from kitar.read.char_arrays.words import Words, words_of
from kitar.read.words import SEGMENT_GAP_EM, TOUCHING_GAP, clamped_word, is_bold_font

# lines_from_words: a word joins a row when its centre is within half its size (at least
# this many pt) of the row's first word's
_MIN_ROW_SIZE = 4.0
_SIZE_STEP = 1.0  # lines_from_words: a size change that splits a row at a gap over one em
_SAME_SIZE, _SAME_TOP = 0.05, 0.5  # words.py's `_touching`: the same size and baseline


def pages_lines(
    raws: list[RawChars], sizes: list[tuple[float, float]], numbers: list[int]
) -> list[tuple[list[Line], int]]:
    """Each page's lines (as lines_from_words makes them of the words extract_words makes)
    and its number of real characters; several pages at once, as the array work costs per
    call more than per character."""
    chars, page_of_kind, counts = batch_chars(raws)
    found = words_of(chars)
    found.page = page_of_kind[found.kind]
    _clamp(found, chars.kinds, np.array(sizes))
    lines, page_of_line = _lines(found, chars.kinds, numbers) if found.texts else ([], [])
    per_page: list[list[Line]] = [[] for _ in raws]
    for line, index in zip(lines, page_of_line, strict=True):
        per_page[index].append(line)
    return list(zip(per_page, counts, strict=True))


def _clamp(found: Words, kinds: list[Style], sizes: np.ndarray) -> None:
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


def _rows(found: Words) -> tuple[np.ndarray, np.ndarray]:
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
    new_page = page != previous(page)
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
    bounds = [*np.flatnonzero(page != previous(page)).tolist(), len(c)]
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
    near = (row_ids == previous(row_ids)) & ~(x0 - previous(x1) > TOUCHING_GAP)
    near[0] = False
    if not near.any():
        return joins
    bounds = [*np.flatnonzero(row_ids != previous(row_ids)).tolist(), len(x0)]
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


def _shared_floats(*columns: np.ndarray) -> list[list[float]]:
    """The columns as lists of floats, one float object for each distinct value: a dozen
    sizes, and a line's words mostly share their top and bottom (1 MB less on the KL report;
    sorted out by numpy, as a dict of the values took 8 % of the reading time)."""
    unique, which = np.unique(np.concatenate(columns), return_inverse=True)
    objects = list(map(unique.tolist().__getitem__, which.tolist()))
    cuts = np.cumsum([0, *map(len, columns)]).tolist()
    return [objects[a:b] for a, b in pairwise(cuts)]


def _lines(found: Words, kinds: list[Style], numbers: list[int]) -> tuple[list[Line], list[int]]:
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
    sizes, tops, bottoms = _shared_floats(size, top, bottom)
    words = list(
        map(Word, texts, x0.tolist(), x1.tolist(), tops, bottoms, font.tolist(), sizes,
            bold.tolist())
    )  # fmt: skip
    gap, prev_size = x0 - previous(x1), previous(size)
    em = np.maximum(np.maximum(prev_size, size), _MIN_ROW_SIZE)
    split = (gap > SEGMENT_GAP_EM * em) | ((gap > em) & (np.abs(prev_size - size) >= _SIZE_STEP))
    start = (row_ids != previous(row_ids)) | split
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
