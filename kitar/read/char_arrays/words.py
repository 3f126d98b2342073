"""Words of a batch's characters: pdfplumber's `extract_words` with kitar's settings, as array
operations (kitar.read.char_arrays)."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from kitar.read.char_arrays.chars import _SEPARATOR, Chars, previous
from kitar.read.words import WORD_GAP_RATIO

# pdfplumber's defaults for what kitar does not set: characters more than 3 pt apart across
# the line (or, for rotated text, along it) start a new line or word.
LINE_TOLERANCE = 3.0
# pdfplumber expands these ligatures in extract_words ("ﬁnans" → "finans"); so do we.
LIGATURES = {"ﬀ": "ff", "ﬃ": "ffi", "ﬄ": "ffl", "ﬁ": "fi", "ﬂ": "fl", "ﬆ": "st", "ﬅ": "st"}
_LIGATURE_TABLE = str.maketrans(LIGATURES)
_LIGATURE_FIRST, _LIGATURE_LAST = min(map(ord, LIGATURES)), max(map(ord, LIGATURES))
# Whether str.isspace() holds for a code point (pdfplumber splits words at those), indexed by
# min(code point, _NOT_SPACE): U+3000 is the last one.
_NOT_SPACE = 0x3001
_IS_SPACE = np.array([chr(c).isspace() for c in range(_NOT_SPACE + 1)], dtype=bool)


@dataclass
class Words:
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
    starts = np.flatnonzero(run != previous(run))
    starts = np.concatenate(([0], starts)) if len(run) else starts
    span = np.maximum.reduceat(across, starts) - np.minimum.reduceat(across, starts)
    if (span <= LINE_TOLERANCE).all():
        return run
    lengths = np.diff(np.append(starts, len(run)))
    several = np.repeat(~(span <= LINE_TOLERANCE), lengths)  # runs of several lines (or NaN)
    index = np.flatnonzero(several)
    by_value = index[np.lexsort((across[index], run[index]))]
    value, run_sorted = across[by_value], run[by_value]
    new_line = (run_sorted != previous(run_sorted)) | (value > previous(value) + LINE_TOLERANCE)
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


def words_of(chars: Chars) -> Words:
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
    run = np.cumsum(kind != previous(kind))  # itertools.groupby over the style
    line = _run_lines(run, np.where(upright, top, x0))
    order = _along_lines(line, np.where(upright, x0, top))
    x0, x1, top, bottom = x0[order], x1[order], top[order], bottom[order]
    size, upright, line, codes = size[order], upright[order], line[order], chars.codes[order]
    space = _IS_SPACE[np.minimum(codes, _NOT_SPACE)]
    gap = WORD_GAP_RATIO * previous(size)
    px0, ptop = previous(x0), previous(top)
    apart = np.where(
        upright,
        (x0 < px0) | (x0 > previous(x1) + gap) | (np.abs(top - ptop) > LINE_TOLERANCE),
        (top < ptop) | (top > previous(bottom) + LINE_TOLERANCE) | (np.abs(x0 - px0) > gap),
    )
    start = (line != previous(line)) | previous(space) | apart | chars.word_start[order]
    letters = np.flatnonzero(~space)  # words: the runs of non-space characters from a start
    if not len(letters):
        return Words([], *(np.zeros(0),) * 4, np.zeros(0, dtype=np.intp))
    start[letters[0]] = True
    bounds = np.flatnonzero(start[letters])
    texts = _texts(codes[letters], bounds)
    return Words(
        texts,
        np.minimum.reduceat(x0[letters], bounds),
        np.maximum.reduceat(x1[letters], bounds),
        np.minimum.reduceat(top[letters], bounds),
        np.maximum.reduceat(bottom[letters], bounds),
        kind[order][letters[bounds]],
    )
