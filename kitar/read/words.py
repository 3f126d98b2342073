"""Words → lines, shared by both PDF character sources (kitar.read.pdf, kitar.read.pdfium)."""

from __future__ import annotations

import math
import re
from itertools import pairwise
from operator import attrgetter

from kitar.model import Line, Word
from kitar.read.guards import word_box
from kitar.read.layout import make_line

# Font names that mark bold text: "EFVXWZ+Verdana,Bold", "Arial-BoldMT", "Frutiger-Black".
_BOLD_RE = re.compile(r"bold|black|heavy|semibold|demi|[-,](bd|blk|hv)\b", re.I)
# Two words on one row further apart than this many font sizes belong to different segments:
# a label and its value in a table, a TOC entry and its page number, a body line and a sidebar.
SEGMENT_GAP_EM = 2.5
# A gap of a fifth of the font size separates words even without a space glyph: an Acadre PDF sets
# "kræve? – og" and "Fritid - Lokalt" with 2.6 pt gaps and no spaces.
WORD_GAP_RATIO = 0.2
TOUCHING_GAP = 0.5  # pt: glyphs this close belong to one word whatever their font subset


def is_bold_font(fontname: str) -> bool:
    """True for bold-looking font names (`Verdana,Bold`, `Arial-BoldMT`, `X-Semibold`)."""
    # Subset prefix "ABCDEF+" carries no style information.
    return bool(_BOLD_RE.search(fontname.split("+", 1)[-1]))


def clamped_word(
    text: str,
    x0: float,
    x1: float,
    top: float,
    bottom: float,
    font: str,
    size: float,
    width: float,
    height: float,
) -> Word | None:
    """A word with its box clamped to the page (None when it lies outside the page)."""
    box = word_box(x0, x1, top, bottom, width, height)
    if box is None:
        return None
    return Word(
        text=text,
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


_x0 = attrgetter("x0")


def lines_from_words(words: list[Word], page: int) -> list[Line]:
    """Group words into rows by vertical centre, then split rows at wide horizontal gaps.

    Touching words that the character source split at a font subset change are joined first.
    """
    rows: list[list[Word]] = []
    row: list[Word] = []
    row_centre = 0.0
    centres = [(w.top + w.bottom) / 2 for w in words]
    for i in sorted(range(len(words)), key=centres.__getitem__):
        w, centre = words[i], centres[i]
        if row and abs(centre - row_centre) <= max(w.size, 4.0) * 0.5:
            row.append(w)
        else:
            row = [w]
            rows.append(row)
            row_centre = centre
    lines: list[Line] = []
    for row in rows:
        if len(row) > 1:
            row.sort(key=_x0)
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
