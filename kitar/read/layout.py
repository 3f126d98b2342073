"""Layout analysis over model.Page lists: running headers/footers, sidebar, rows and columns.

Pure functions (no pdfplumber), so each rule is testable with hand-built pages. The passes
report what they find (a `LineRoles`, lines, signatures) and change no line; `analyse` returns
new page views in reading order, after `assign_roles` has set each line's role once.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from kitar.model import Line, Page
from kitar.read.columns import find_gutters as find_gutters  # re-exported: tests
from kitar.read.columns import make_line as make_line  # re-exported: pdf.py, tests
from kitar.read.columns import order_columns
from kitar.read.letterhead import extract_fields, inline_letterhead
from kitar.read.roles import LineRoles, assign_roles, body_size
from kitar.text.dates import parse_danish_date

TOP_ZONE = 0.20  # running headers live in the top fifth of the page ...
BOTTOM_ZONE = 0.85  # ... and footers below 85 % of its height
# A running line set larger than the body text must recur on this many pages: a title header
# does, while two pages that each open with the same heading ("1. Orientering om …" as the
# item list's first entry, then as the item) make two.
MIN_LARGE_RUNNING_PAGES = 3
POSITION_TOLERANCE = 0.03  # a repeated line may move by 3 % of the page height (seen in Acadre)

# Page numbers that need no repetition evidence: "Side 4", "Side 20 af 22", "1 of 5", "- 3 -", "3".
PAGE_NUMBER_RE = re.compile(
    r"^\W{0,2}(?:side|page|s\.)?\s*\d{1,3}\s*(?:(?:af|of|/|ud af)\s*\d{1,4})?\W{0,2}$", re.I
)
_DIGITS_RE = re.compile(r"\d+")
_SPACE_RE = re.compile(r"\s+")


@dataclass
class Analysis:
    """Pages in reading order (new views of the pages read), every line's role set."""

    pages: list[Page]
    metadata: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    body_left: float = 0.0
    body_right: float = 0.0
    running: set[str] = field(default_factory=set)  # repetition signatures removed as header/footer
    page_count: int = 0


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


def _said_again_small(line: Line, size: float, said: Counter[str]) -> bool:
    """A margin line in a smaller type than the text that the body says too (the current
    item's case number over a page: "Sagsnr. 16/34038" in 8 pt, and in the item): furniture,
    droppable without losing what it says, however rarely it recurs."""
    return line.size < size - 0.5 and said[" ".join(line.text.split())] >= 2


def running_lines(pages: list[Page]) -> tuple[LineRoles, set[str]]:
    """Header/footer: lines repeated in the margins across pages, and page numbers.

    Returns them as found roles, and the signatures found repeating.
    """
    found = LineRoles()
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
    size = body_size(ln for page in pages for ln in page.lines)
    said = Counter(" ".join(ln.text.split()) for page in pages for ln in page.lines)
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
                # a line set larger than the text, on two pages only, is a heading that opens
                # both (an item list's first entry and the item's own heading): body text
                large = line.size > size + 0.5 and counts[id(line)] < MIN_LARGE_RUNNING_PAGES
                if len(pages) >= 2 and counts[id(line)] >= bar and not large:
                    repeated.add(signature(line.text))
                elif not (is_page_number(line.text) or _said_again_small(line, size, said)):
                    break
                found.add([line], role)  # type: ignore[arg-type]
    return found, repeated


def _is_body(line: Line) -> bool:
    return line.role == "body"


def body_edges(
    pages: list[Page], is_body: Callable[[Line], bool] = _is_body
) -> tuple[float, float]:
    """Left and right edge of the main text column, from prose lines starting at the left.

    `is_body`: which lines are body text (during the analysis: none with a role found yet).
    """
    starts: list[float] = []
    ends: list[float] = []
    for page in pages:
        half = (page.width or 595.0) * 0.45
        for line in page.lines:
            if is_body(line) and line.x0 < half and len(line.text) >= 25:
                starts.append(line.x0)
                ends.append(line.x1)
    if not ends:
        return 0.0, max((ln.x1 for p in pages for ln in p.lines), default=0.0)
    starts.sort()
    ends.sort()
    return starts[len(starts) // 10], ends[min(len(ends) - 1, (len(ends) * 95) // 100)]


def sidebar_lines(
    pages: list[Page],
    left: float,
    right: float,
    known_edges: frozenset[int] = frozenset(),
    margins: LineRoles | None = None,
) -> list[Line]:
    """A narrow right-hand column (letterhead: `Dato:`, `Sags ID:`, `www.kl.dk`): the sidebar.

    A candidate starts in the right half of the body and sticks out past the body's right edge
    (or starts beyond it); page numbers alone (a TOC's `12`) do not count. Two or more per page,
    and not on a page of equal columns (a report's third column).
    """
    margins = margins or LineRoles()
    found: list[Line] = []
    for page in pages:
        width = page.width or 595.0
        min_x0 = max(width * 0.5, left + 0.45 * (right - left))
        candidates = [
            ln
            for ln in page.lines
            if margins.unmarked(ln)
            and ln.x0 >= min_x0
            and (ln.x0 >= right - 5 or ln.x1 > right + 12)
            and not re.fullmatch(r"[\d\s.,\-–]+", ln.text)
        ]
        if len(candidates) >= 2 and not _magazine_page(page, candidates, known_edges, margins):
            found.extend(candidates)
    return found


def _magazine_page(
    page: Page, candidates: list[Line], known_edges: frozenset[int], margins: LineRoles
) -> bool:
    """Columns of about equal width: a report's third column is not a letterhead sidebar.

    A letterhead sidebar beside a memo's body is a third as wide as the body, or less. Lines
    starting at a column edge of a grid of two or more edges that other pages show are a
    column, however short.
    """
    if len(known_edges) >= 2 and all(
        any(abs(ln.x0 - e) <= 2 for e in known_edges) for ln in candidates
    ):
        return True
    lines = [ln for ln in page.lines if not margins.removed(ln)]
    edges: list[int] = []
    if not lines or order_columns(lines, list, edges, known_edges) is None:
        return False
    if len(set(edges)) >= 2:
        return True
    left = edges[0] - min(ln.x0 for ln in lines)
    right = max(ln.x1 for ln in lines) - edges[0]
    return min(left, right) >= 0.6 * max(left, right)


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


def column_edges(pages: list[Page], margins: LineRoles | None = None) -> frozenset[int]:
    """Left edges of the columns that two or more pages clearly show (a report's grid:
    113, 260 and 406 pt on odd pages); a page's short last column may then stand out less."""
    margins = margins or LineRoles()
    seen: list[int] = []
    for page in pages:
        lines = [ln for ln in page.lines if not margins.removed(ln)]
        edges: list[int] = []
        if lines:
            order_columns(lines, list, edges)
        seen.extend(set(edges))
    return frozenset(e for e in set(seen) if sum(abs(e - x) <= 2 for x in seen) >= 2)


def order_page(
    page: Page, known_edges: frozenset[int] = frozenset(), found: LineRoles | None = None
) -> Page:
    """The page with its body rows in reading order (a new view; `page` is left as it is): a
    multi-column report page column by column, and a two-column list (a committee's members) one
    column after the other, its cells found as bullets in `found`; the removed lines last.

    `known_edges` (from column_edges) lets a page's short last column count as one.
    """
    found = found if found is not None else LineRoles()
    kept = [ln for ln in page.lines if not found.removed(ln)]
    removed = [ln for ln in page.lines if found.removed(ln)]
    cells: list[Line] = []

    def read(lines: list[Line]) -> list[Line]:
        return read_rows(lines, cells)

    ordered = order_columns(kept, read, None, known_edges) if kept else None
    lines = (ordered if ordered is not None else read(kept)) + sorted(
        removed, key=lambda ln: (ln.top, ln.x0)
    )
    found.add(cells, "bullet")
    return replace(page, lines=lines)


def read_rows(lines: list[Line], list_cells: list[Line] | None = None) -> list[Line]:
    """Rows top to bottom; rows of two aligned short cells (`Jesper … (A)` | `Ole … (V)`)
    become one list, left column first (its cells go to `list_cells`); other multi-segment
    rows are joined into one line."""
    rows = _rows(lines)
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
            ordered.extend(left + right)
            if list_cells is not None:
                list_cells.extend(left + right)
            i = run_end
        else:
            ordered.append(_merge_row(row))
            i += 1
    return ordered


def analyse(pages: list[Page]) -> Analysis:
    """Classify margins and sidebar, collect letterhead metadata, order body lines; the pages
    returned are new views in reading order, each line's role set once (kitar.read.roles)."""
    found, running = running_lines(pages)
    known = column_edges(pages, found)
    left, right = body_edges(pages, found.unmarked)
    sidebar = sidebar_lines(pages, left, right, known, found)
    found.add(sidebar, "sidebar")
    inline = inline_letterhead([ln for page in pages for ln in page.lines if found.unmarked(ln)])
    found.add(inline, "sidebar")
    analysis = Analysis(
        pages=pages, body_left=left, body_right=right, running=running, page_count=len(pages)
    )
    analysis.metadata = letterhead_fields([ln.text for ln in sidebar + inline])
    headers: list[str] = []
    for page in pages:  # the first page that carries the running header
        headers = [
            ln.text
            for ln in page.lines
            if found.get(ln) == "header"
            and signature(ln.text) in running
            and not is_page_number(ln.text)
        ]
        if headers:
            break
    # A running header carries the meeting date: eDoc's "Dato: 04.12.2012", Acadre's
    # "20. juni 2013 -kl. 10:30".
    for key, value in letterhead_fields(headers).items():
        analysis.metadata.setdefault(key, value)
    if "date" not in analysis.metadata:
        dates = [d for d in map(parse_danish_date, headers) if d]
        if dates:
            analysis.metadata["date"] = dates[0]
    analysis.pages = [order_page(page, known, found) for page in pages]
    assign_roles(analysis.pages, found)
    return analysis
