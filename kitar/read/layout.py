"""Layout analysis over model.Page lists: running headers/footers, sidebar, rows and columns.

Pure functions (no pdfplumber), so each rule is testable with hand-built pages.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass, field

from kitar.model import Line, Page, Word
from kitar.parse.dates import parse_danish_date
from kitar.read.letterhead import extract_fields

TOP_ZONE = 0.20  # running headers live in the top fifth of the page ...
BOTTOM_ZONE = 0.85  # ... and footers below 85 % of its height
POSITION_TOLERANCE = 0.03  # a repeated line may move by 3 % of the page height (Syddjurs p. 5)

# Page numbers that need no repetition evidence: "Side 4", "Side 20 af 22", "1 of 5", "- 3 -", "3".
PAGE_NUMBER_RE = re.compile(
    r"^\W{0,2}(?:side|page|s\.)?\s*\d{1,3}\s*(?:(?:af|of|/|ud af)\s*\d{1,4})?\W{0,2}$", re.I
)
_DIGITS_RE = re.compile(r"\d+")
_SPACE_RE = re.compile(r"\s+")


@dataclass
class Analysis:
    """Pages with roles header/footer/sidebar set and body rows in reading order."""

    pages: list[Page]
    metadata: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    body_left: float = 0.0
    body_right: float = 0.0
    running: set[str] = field(default_factory=set)  # repetition signatures removed as header/footer
    page_count: int = 0


def make_line(words: list[Word], page: int) -> Line:
    """A Line from words on one row (sorted left to right); font facts by character majority."""
    weights: dict[tuple[str, float], int] = {}
    bold_chars = 0
    for w in words:
        weights[(w.fontname, w.size)] = weights.get((w.fontname, w.size), 0) + len(w.text)
        bold_chars += len(w.text) if w.bold else 0
    fontname, size = max(weights.items(), key=lambda kv: kv[1])[0]
    total = sum(len(w.text) for w in words)
    return Line(
        text=" ".join(w.text for w in words),
        page=page,
        x0=min(w.x0 for w in words),
        x1=max(w.x1 for w in words),
        top=min(w.top for w in words),
        bottom=max(w.bottom for w in words),
        fontname=fontname,
        size=size,
        bold=bold_chars * 2 > total,
        words=words,
    )


def signature(text: str) -> str:
    """Text as compared across pages: digits as '#', case and spacing folded.

    `Side 3 af 22` and `Side 4 af 22` → `side # af #`; `Dato: 04.12.2012` → `dato: #.#.#`.
    """
    return _SPACE_RE.sub(" ", _DIGITS_RE.sub("#", text)).strip().lower()


def is_page_number(text: str) -> bool:
    """`Side 3 af 22`, `Side 4`, `1 of 5`, `- 7 -` are page numbers."""
    return bool(PAGE_NUMBER_RE.match(text.strip()))


def _zone(line: Line, page: Page) -> str | None:
    height = page.height or max((ln.bottom for ln in page.lines), default=0.0) or 1.0
    if line.bottom <= TOP_ZONE * height:
        return "header"
    if line.top >= BOTTOM_ZONE * height:
        return "footer"
    return None


def repetition_threshold(page_count: int) -> int:
    """On how many pages a margin line must recur: 45 % of them (odd/even headers), at least 2.

    A section heading that happens to open a few pages ("Indstilling") stays body text.
    """
    return max(2, math.ceil(page_count * 0.45))


def mark_running_lines(pages: list[Page]) -> set[str]:
    """Set role header/footer on lines repeated in the margins across pages, and on page numbers.

    Returns the signatures found repeating.
    """
    seen: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for page in pages:
        for line in page.lines:
            if _zone(line, page):
                seen[signature(line.text)].append((page.number, line.top))

    def recurrence(line: Line, page: Page) -> int:
        """On how many pages the line's text sits at (about) the same height."""
        tolerance = POSITION_TOLERANCE * (page.height or 842.0)
        return len({n for n, top in seen[signature(line.text)] if abs(top - line.top) <= tolerance})

    counts = {
        id(line): recurrence(line, page)
        for page in pages
        for line in page.lines
        if _zone(line, page)
    }
    # The strongest running line of each zone sets the bar: a heading that opens a few pages
    # ("Indstilling" on 3 of 6) recurs far less often than the real header (on all 6).
    strongest = {"header": 0, "footer": 0}
    for page in pages:
        for line in page.lines:
            zone = _zone(line, page)
            if zone:
                strongest[zone] = max(strongest[zone], counts[id(line)])
    threshold = repetition_threshold(len(pages))
    repeated: set[str] = set()
    for page in pages:
        top_band = sorted(
            (ln for ln in page.lines if _zone(ln, page) == "header"), key=lambda ln: ln.top
        )
        bottom_band = sorted(
            (ln for ln in page.lines if _zone(ln, page) == "footer"), key=lambda ln: -ln.bottom
        )
        # Running lines form the outermost band: walking in from the page edge, the first line
        # that neither repeats nor is a page number ends the band (a repeated body line below
        # a changing heading stays body).
        for role, band in (("header", top_band), ("footer", bottom_band)):
            bar = max(threshold, 0.75 * strongest[role])
            for line in band:
                if len(pages) >= 2 and counts[id(line)] >= bar:
                    repeated.add(signature(line.text))
                elif not is_page_number(line.text):
                    break
                line.role = role  # type: ignore[assignment]
    return repeated


def body_edges(pages: list[Page]) -> tuple[float, float]:
    """Left and right edge of the main text column, from prose lines starting at the left."""
    starts: list[float] = []
    ends: list[float] = []
    for page in pages:
        half = (page.width or 595.0) * 0.45
        for line in page.lines:
            if line.role == "body" and line.x0 < half and len(line.text) >= 25:
                starts.append(line.x0)
                ends.append(line.x1)
    if not ends:
        return 0.0, max((ln.x1 for p in pages for ln in p.lines), default=0.0)
    starts.sort()
    ends.sort()
    return starts[len(starts) // 10], ends[min(len(ends) - 1, (len(ends) * 95) // 100)]


def mark_sidebar(pages: list[Page], left: float, right: float) -> list[Line]:
    """Mark a narrow right-hand column (letterhead: `Dato:`, `Sags ID:`, `www.kl.dk`) as sidebar.

    A candidate starts in the right half of the body and sticks out past the body's right edge
    (or starts beyond it); page numbers alone (a TOC's `12`) do not count. Two or more per page.
    """
    found: list[Line] = []
    for page in pages:
        width = page.width or 595.0
        min_x0 = max(width * 0.5, left + 0.45 * (right - left))
        candidates = [
            ln
            for ln in page.lines
            if ln.role == "body"
            and ln.x0 >= min_x0
            and (ln.x0 >= right - 5 or ln.x1 > right + 12)
            and not re.fullmatch(r"[\d\s.,\-–]+", ln.text)
        ]
        if len(candidates) >= 2:
            for ln in candidates:
                ln.role = "sidebar"
            found.extend(candidates)
    return found


def letterhead_fields(texts: list[str]) -> dict[str, str]:
    """Metadata from letterhead lines (`Dato: 20. november 2012` → date 2012-11-20, `Sags ID:`,
    `Dok. ID:`, `E-mail:` …) through the recogniser shared with the TXT reader."""
    fields = extract_fields(texts)
    fields.pop("page", None)  # "Side 20 af 22" locates the sidebar, it says nothing of the document
    return fields


def _rows(lines: list[Line]) -> list[list[Line]]:
    """Lines (segments) sharing a row, top to bottom, each row left to right."""
    rows: list[list[Line]] = []
    centre = 0.0
    for line in sorted(lines, key=lambda ln: (ln.top + ln.bottom) / 2):
        c = (line.top + line.bottom) / 2
        if rows and abs(c - centre) <= max(line.size, 4.0) * 0.5:
            rows[-1].append(line)
        else:
            rows.append([line])
            centre = c
    for row in rows:
        row.sort(key=lambda ln: ln.x0)
    return rows


def _merge_row(row: list[Line]) -> Line:
    """One Line from a row's segments: `Sagsnr.:` + `12/27845`, a TOC title + its page number."""
    if len(row) == 1:
        return row[0]
    return make_line([w for seg in row for w in seg.words], row[0].page)


def _list_cell(line: Line) -> bool:
    # A member-list cell: "Anne Ravn (V)" — not a label ("Sagsnr.:") nor a number ("12").
    text = line.text.strip()
    return len(text) <= 60 and not text.endswith(":") and bool(re.match(r"[^\W\d_]", text))


def _near(a: float, b: float, tol: float = 3.0) -> bool:
    return abs(a - b) <= tol


def find_gutters(lines: list[Line]) -> list[float]:
    """x positions of the gutters of a multi-column page (a magazine-style report), if any.

    A gutter is a strip at least 8 pt wide that (almost) no word covers, with at least a fifth
    of the text on each side (a TOC's page numbers are too little), and that at least ten lines
    cross, most of them going on at one x: the next column's left edge. A chance river of
    spaces in justified text goes on at ragged positions.
    """
    words = [w for ln in lines for w in ln.words]
    if len(words) < 40:
        return []
    left, right = int(min(w.x0 for w in words)), int(max(w.x1 for w in words)) + 1
    cover = [0] * (right - left + 1)
    for w in words:
        for x in range(int(w.x0) - left + 1, int(w.x1) - left):
            cover[x] += 1
    allowed = 2 + len(words) // 100  # headings spanning the columns may cross a gutter
    total = sum(len(w.text) for w in words)
    gutters: list[float] = []
    start: int | None = None
    for x, count in enumerate([*cover, allowed + 1]):
        if count <= allowed:
            start = x if start is None else start
            continue
        if start is not None and x - start >= 8:
            g = left + (start + x) / 2
            share = sum(len(w.text) for w in words if w.x1 <= g) / total
            if (0.2 <= share <= 0.8 or (gutters and share >= 0.2)) and _column_edge(lines, g):
                gutters.append(g)
        start = None
    return gutters


def _column_edge(lines: list[Line], gutter: float) -> bool:
    """Do at least ten lines cross the gutter, most going on at the same x?"""
    starts = [
        round(min(w.x0 for w in ln.words if w.x0 >= gutter))
        for ln in lines
        if ln.x0 < gutter and any(w.x0 >= gutter for w in ln.words)
    ]
    if len(starts) < 10:
        return False
    common = max(sum(abs(s - t) <= 2 for s in starts) for t in set(starts))
    return common >= 0.6 * len(starts)


def _column_order(lines: list[Line], gutters: list[float]) -> list[Line]:
    """Split lines at the gutters and read each band between full-width lines column by column."""
    pieces: list[Line] = []
    for line in lines:
        part = [line.words[0]]
        for w in line.words[1:]:
            if any(part[-1].x1 <= g <= w.x0 for g in gutters):
                pieces.append(make_line(part, line.page))
                part = []
            part.append(w)
        pieces.append(line if len(part) == len(line.words) else make_line(part, line.page))
    ordered: list[Line] = []
    band: list[Line] = []
    for piece in sorted(pieces, key=lambda ln: ln.top):
        if any(piece.x0 < g < piece.x1 for g in gutters):  # a heading across the columns
            ordered += sorted(band, key=lambda ln: (sum(g < ln.x0 for g in gutters), ln.top))
            ordered.append(piece)
            band = []
        else:
            band.append(piece)
    return ordered + sorted(band, key=lambda ln: (sum(g < ln.x0 for g in gutters), ln.top))


def order_page(page: Page) -> None:
    """Put body rows in reading order; a two-column list is read column by column.

    Rows of two aligned short cells (Syddjurs' members: `Jesper … (A)` | `Ole … (V)`) become
    one list, left column first; other multi-segment rows are joined into one line.
    """
    kept = [ln for ln in page.lines if ln.role not in ("header", "footer", "sidebar")]
    removed = [ln for ln in page.lines if ln.role in ("header", "footer", "sidebar")]
    gutters = find_gutters(kept)
    if gutters:
        page.lines = _column_order(kept, gutters) + removed
        return
    rows = _rows(kept)
    ordered: list[Line] = []
    i = 0
    while i < len(rows):
        run_end = i
        row = rows[i]
        if len(row) == 2 and all(_list_cell(c) for c in row):
            lx, rx = row[0].x0, row[1].x0
            j = i + 1
            while (
                j < len(rows)
                and len(rows[j]) == 2
                and all(_list_cell(c) for c in rows[j])
                and _near(rows[j][0].x0, lx)
                and _near(rows[j][1].x0, rx)
                and _near(rows[j][0].size, row[0].size, 0.5)
            ):
                j += 1
            if j - i >= 2:
                pitch = (rows[j - 1][0].top - row[0].top) / (j - 1 - i)
                # single cells continuing either column at the same pitch ("Niels … (A)")
                while (
                    j < len(rows)
                    and len(rows[j]) == 1
                    and _list_cell(rows[j][0])
                    and (_near(rows[j][0].x0, lx) or _near(rows[j][0].x0, rx))
                    and rows[j][0].top - rows[j - 1][0].top <= pitch * 1.6
                ):
                    j += 1
                run_end = j
        if run_end > i:
            cells = [c for r in rows[i:run_end] for c in r]
            left = [c for c in cells if _near(c.x0, rows[i][0].x0)]
            right = [c for c in cells if c not in left]
            for c in left + right:
                c.role = "bullet"
                ordered.append(c)
            i = run_end
        else:
            ordered.append(_merge_row(row))
            i += 1
    page.lines = ordered + sorted(removed, key=lambda ln: (ln.top, ln.x0))


def analyse(pages: list[Page]) -> Analysis:
    """Classify margins and sidebar, collect letterhead metadata, order body lines."""
    running = mark_running_lines(pages)
    left, right = body_edges(pages)
    sidebar = mark_sidebar(pages, left, right)
    analysis = Analysis(
        pages=pages, body_left=left, body_right=right, running=running, page_count=len(pages)
    )
    analysis.metadata = letterhead_fields([ln.text for ln in sidebar])
    headers: list[str] = []
    for page in pages:  # the first page that carries the running header
        headers = [
            ln.text
            for ln in page.lines
            if ln.role == "header" and signature(ln.text) in running and not is_page_number(ln.text)
        ]
        if headers:
            break
    # A running header carries the meeting date: Ballerup "Dato: 04.12.2012", Syddjurs
    # "20. juni 2013 -kl. 10:30".
    for key, value in letterhead_fields(headers).items():
        analysis.metadata.setdefault(key, value)
    if "date" not in analysis.metadata:
        dates = [d for d in map(parse_danish_date, headers) if d]
        if dates:
            analysis.metadata["date"] = dates[0]
    for page in pages:
        order_page(page)
    return analysis
