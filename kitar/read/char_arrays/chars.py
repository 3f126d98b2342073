"""Characters of a batch of pages from what PDFium gives in bulk: code points, display boxes,
styles and PDFium's own word breaks, as arrays (kitar.read.char_arrays)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np

_SEPARATOR = 0  # NUL: cuts words apart in one split (a page that holds one is cut by slices)
# PDFium marks a line-end hyphen it recognises with U+0002 or U+FFFE; the page shows "-".
_PDFIUM_HYPHENS = (0x02, 0xFFFE)
_HYPHEN, _SPACE, _CR, _LF = ord("-"), ord(" "), ord("\r"), ord("\n")
# Hebrew, Arabic and their presentation forms: PDFium reorders right-to-left text
_RIGHT_TO_LEFT = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")

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


def previous(values: np.ndarray) -> np.ndarray:
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
class Chars:
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


def batch_chars(raws: list[RawChars]) -> tuple[Chars, np.ndarray, list[int]]:
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
    chars = Chars(kept_codes, x0, x1, top, bottom, kind, [s for _, s in kinds],
                   after_space[index])  # fmt: skip
    real = np.diff(ends).tolist()
    return chars, np.array([n for n, _ in kinds], dtype=np.intp), real
