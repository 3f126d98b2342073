"""Multi-column pages (magazine-style reports): gutters, regions and column-by-column order.

Pure functions over model.Line/Word. The reading order is a recursive XY cut: split a region
at its gutters, or else at a wide band of white space across it, until neither is left; each
leaf is then read row by row by the caller's function (member lists, label/value rows).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable
from itertools import accumulate

from kitar.model import Line, Word
from kitar.read.guards import MAX_PAGE_PT

GUTTER_MIN = 8  # pt: narrower strips are word spaces or rivers
GUTTER_MAX_EM = 4.0  # a member list's or a label/value table's white strip is wider
EDGE_LINES = 10  # line pieces that must start at a column's left edge
PROSE_WORDS = 2.5  # mean words per line piece at a column edge
REGION_GAP_EM = 2.5  # white space across a region this high separates two regions
MAX_DEPTH = 8


def make_line(words: list[Word], page: int) -> Line:
    """A Line from words on one row (sorted left to right); font facts by character majority."""
    if len(words) == 1:  # the quick way to the same facts
        w = words[0]
        return Line(w.text, page, w.x0, w.x1, w.top, w.bottom, w.fontname, w.size,
                    w.bold and bool(w.text), words)  # fmt: skip
    weights: dict[tuple[str, float], int] = {}
    bold_chars = total = 0
    x0, x1, top, bottom = words[0].x0, words[0].x1, words[0].top, words[0].bottom
    for w in words:
        n = len(w.text)
        key = (w.fontname, w.size)
        weights[key] = weights.get(key, 0) + n
        total += n
        if w.bold:
            bold_chars += n
        x0, x1 = min(x0, w.x0), max(x1, w.x1)
        top, bottom = min(top, w.top), max(bottom, w.bottom)
    fontname, size = max(weights, key=weights.__getitem__)  # the first of the heaviest
    return Line(
        text=" ".join([w.text for w in words]),
        page=page,
        x0=x0,
        x1=x1,
        top=top,
        bottom=bottom,
        fontname=fontname,
        size=size,
        bold=bold_chars * 2 > total,
        words=words,
    )


def text_size(lines: list[Line]) -> float:
    """The font size most characters of these lines are set in."""
    sizes: dict[float, int] = defaultdict(int)
    for ln in lines:
        sizes[round(ln.size * 2) / 2] += len(ln.text)
    return max(sizes.items(), key=lambda kv: kv[1])[0] if sizes else 10.0


def find_gutters(lines: list[Line], known_edges: frozenset[int] = frozenset()) -> list[float]:
    """x positions of the gutters of a multi-column page or region, if any.

    A gutter is a strip 8 pt to 4 em wide that (almost) no word covers, with at least a fifth
    of the text on each side (a TOC's page numbers are too little), and right of which at least
    ten line pieces start at one x: the next column's left edge. A chance river of spaces in
    justified text goes on at ragged positions; a member list or a label/value table leaves a
    wider strip. Where the strip ends at a column edge the document uses on other pages
    (`known_edges`), three pieces and a twentieth of the text suffice: a short last column.
    """
    return [g for g, _ in gutters_and_edges(lines, known_edges)]


def gutters_and_edges(
    lines: list[Line], known_edges: frozenset[int] = frozenset()
) -> list[tuple[float, int]]:
    """(gutter x, next column's left edge) pairs; see find_gutters."""
    words = [w for ln in lines for w in ln.words]
    if len(words) < (10 if known_edges else 40):
        return []
    lo, hi = min(w.x0 for w in words), max(w.x1 for w in words)
    if not (math.isfinite(lo) and math.isfinite(hi)) or hi - lo > MAX_PAGE_PT:
        return []  # not a page's geometry (the PDF reader clamps words to the page box)
    left, right = int(lo), int(hi) + 1
    # Words covering each x (a difference array: linear in words plus width).
    delta = [0] * (right - left + 2)
    for w in words:
        a, b = int(w.x0) - left + 1, int(w.x1) - left
        if b > a:
            delta[a] += 1
            delta[b] -= 1
    cover = list(accumulate(delta[:-1]))
    allowed = 2 + len(words) // 100  # headings spanning the columns may cross a gutter
    runs: list[tuple[int, int]] = []  # low-cover strips with text on both sides
    start: int | None = None
    for x, count in enumerate(cover):
        if count <= allowed:
            start = x if start is None else start
        elif start is not None:
            if start > 0:
                runs.append((start, x))
            start = None
    runs = [(a, b) for a, b in runs if b - a >= GUTTER_MIN]
    if not runs:
        return []
    # Characters of the words ending at or before each x, for the share left of a gutter.
    ending = [0] * (right - left + 2)
    for w in words:
        ending[math.ceil(w.x1) - left] += len(w.text)
    chars_left = list(accumulate(ending))
    total = chars_left[-1]
    widest = GUTTER_MAX_EM * text_size(lines)
    found: list[tuple[float, int]] = []
    for start, x in runs:
        known = any(abs(left + x - e) <= 2 for e in known_edges)
        if known and x - start > widest:
            # Beside a figure's sparse labels the strip is wide: at a column edge of the
            # document's grid its empty end is the gutter.
            start = x
            while start > 0 and cover[start - 1] == 0:
                start -= 1
        if not GUTTER_MIN <= x - start <= widest:
            continue
        g = left + (start + x) / 2
        least = 0.05 if known else 0.2
        share = chars_left[math.floor(g) - left] / total
        if not (least <= share <= 1 - least or (found and share >= least)):
            continue
        edge = _column_edge(lines, g, left + x, 3 if known else EDGE_LINES)
        if edge is not None:
            found.append((g, edge))
    return found


def _column_edge(lines: list[Line], gutter: float, strip_end: float, least: int) -> int | None:
    """The x where at least `least` line pieces start as the strip ends (a column's left edge).

    A piece is a line's first word right of the gutter, whether pdfplumber's row ran across
    the gutter (`… det nære sund- måde end hidtil.`) or stopped at it.
    """
    starts: dict[int, list[int]] = defaultdict(list)
    for ln in lines:
        right = [w for w in ln.words if w.x0 >= gutter]
        if right and right[0].x0 <= strip_end + 3:
            starts[round(right[0].x0)].append(_run_length(right, ln.size))
    if not starts:
        return None
    edge = max(starts, key=lambda x: len(starts[x]))
    runs = [n for x, ns in starts.items() if abs(x - edge) <= 2 for n in ns]
    if len(runs) < least or len(runs) < 0.6 * sum(len(ns) for ns in starts.values()):
        return None
    # Prose goes on for several words; a label/value table's values do not ("12/27845").
    return edge if sum(runs) >= PROSE_WORDS * len(runs) else None


def _run_length(words: list[Word], size: float) -> int:
    """How many words follow each other at word spacing (less than 1 em apart)."""
    n = 1
    while n < len(words) and words[n].x0 - words[n - 1].x1 < max(size, 4.0):
        n += 1
    return n


def split_at(lines: list[Line], gutters: list[float]) -> list[Line]:
    """Lines cut where a gap between two words holds a gutter (rows pdfplumber ran across)."""
    pieces: list[Line] = []
    for line in lines:
        if not any(line.x0 < g < line.x1 for g in gutters):
            pieces.append(line)
            continue
        part = [line.words[0]]
        for w in line.words[1:]:
            if any(part[-1].x1 <= g <= w.x0 for g in gutters):
                pieces.append(make_line(part, line.page))
                part = []
            part.append(w)
        pieces.append(line if len(part) == len(line.words) else make_line(part, line.page))
    return pieces


def column_groups(lines: list[Line], gutters: list[float]) -> list[list[Line]]:
    """Pieces grouped in reading order: each band between lines that span a gutter (a heading
    across the columns) is read column by column; a spanning line is a group of its own."""
    groups: list[list[Line]] = []

    def close(band: list[Line]) -> None:
        columns: dict[int, list[Line]] = defaultdict(list)
        for piece in band:
            columns[sum(g < piece.x0 for g in gutters)].append(piece)
        groups.extend(columns[k] for k in sorted(columns))

    band: list[Line] = []
    for piece in sorted(split_at(lines, gutters), key=lambda ln: ln.top):
        if any(piece.x0 < g < piece.x1 for g in gutters):
            close(band)
            groups.append([piece])
            band = []
        else:
            band.append(piece)
    close(band)
    return groups


def regions(lines: list[Line]) -> list[list[Line]]:
    """Lines split where white space at least 2.5 em high runs across all of them (a box or a
    figure above columns, a full-width case story below them)."""
    gap = REGION_GAP_EM * text_size(lines)
    out: list[list[Line]] = []
    bottom = float("-inf")
    for line in sorted(lines, key=lambda ln: ln.top):
        if out and line.top - bottom < gap:
            out[-1].append(line)
        else:
            out.append([line])
        bottom = max(bottom, line.bottom)
    return out


def order_columns(
    lines: list[Line],
    read_rows: Callable[[list[Line]], list[Line]],
    edges_found: list[int] | None = None,
    known_edges: frozenset[int] = frozenset(),
    depth: int = 0,
) -> list[Line] | None:
    """Lines in column-by-column reading order, or None when no region has a gutter.

    White space across the lines splits them into regions first (a figure or box above or
    below the columns would hide the gutters); regions without columns are read by
    `read_rows`; the left edges of the columns found go to `edges_found`.
    """
    found = edges_found if edges_found is not None else []
    parts = regions(lines) if depth < MAX_DEPTH and len(lines) > 1 else [lines]
    if len(parts) > 1:
        subs = [order_columns(part, read_rows, found, known_edges, depth + 1) for part in parts]
        if all(sub is None for sub in subs):
            return None
        pairs_read = zip(parts, subs, strict=True)
        return [ln for part, sub in pairs_read for ln in (sub or read_rows(part))]
    pairs = gutters_and_edges(lines, known_edges)
    if not pairs:
        return None
    found.extend(edge for _, edge in pairs)
    out: list[Line] = []
    for group in column_groups(lines, [g for g, _ in pairs]):
        sub = None
        if depth < MAX_DEPTH:
            sub = order_columns(group, read_rows, found, known_edges, depth + 1)
        out += sub if sub is not None else read_rows(group)
    return out
