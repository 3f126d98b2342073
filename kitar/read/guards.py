"""Guards between a damaged PDF and kitar's geometry: page box, word boxes, library log lines.

A damaged content stream can place a glyph at x = 4.8e11 or give a page box of 1e12 points;
any buffer sized by such numbers (a histogram over x, say) then fills the memory. So every
coordinate is brought into the page box before kitar looks at it, and the page box itself
into what a PDF page can be. The PDF library's own complaints ("Data-loss while
decompressing corrupted data") are collected per document and become one kitar warning,
instead of raw lines on stderr. And memory a reading step freed goes back to the system.
"""

from __future__ import annotations

import ctypes
import logging
import math
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager

# The largest page the PDF format allows (ISO 32000: 14 400 units = 200 inches a side);
# histograms over a page's x positions are therefore at most this long.
MAX_PAGE_PT = 14_400.0
# A page box that is missing, negative or not a number is read as A4 portrait.
A4_PT = (595.0, 842.0)
# Library log lines quoted in the warning (the rest are counted): enough to recognise them.
QUOTED_LOG_LINES = 3
# Loggers of the PDF stack (pdfplumber runs on pdfminer.six).
LIBRARY_LOGGERS = ("pdfminer", "pdfplumber")
# The values a log line quotes (raw bytes of the damaged stream) make each line distinct:
# "Could not set text matrix because not all values in (0, b'\x00', …) can be parsed …".
_QUOTED_VALUES = re.compile(r"\(.*\)|b'.*?'|'.*?'")


def page_size(width: float, height: float) -> tuple[float, float]:
    """The page's width and height, finite and within what a PDF page can be."""

    def side(value: float, default: float) -> float:
        if not math.isfinite(value) or value <= 0:
            return default
        return min(value, MAX_PAGE_PT)

    return side(width, A4_PT[0]), side(height, A4_PT[1])


def clamp(value: float, low: float, high: float) -> float:
    """`value` within [low, high]; NaN goes to `low`."""
    if value != value:  # NaN
        return low
    return min(max(value, low), high)


def word_box(
    x0: float, x1: float, top: float, bottom: float, width: float, height: float
) -> tuple[float, float, float, float] | None:
    """A word's box clamped to the page, or None when it lies wholly outside (as a viewer
    shows nothing there) or its coordinates are not numbers."""
    if not all(math.isfinite(v) for v in (x0, x1, top, bottom)):
        return None
    x0, x1 = min(x0, x1), max(x0, x1)
    top, bottom = min(top, bottom), max(top, bottom)
    if x1 < 0 or x0 > width or bottom < 0 or top > height:
        return None
    return clamp(x0, 0, width), clamp(x1, 0, width), clamp(top, 0, height), clamp(bottom, 0, height)


class _Collector(logging.Handler):
    """Keeps the PDF library's log lines for the document being read (or drops them)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.lines: list[str] | None = None

    def emit(self, record: logging.LogRecord) -> None:
        if self.lines is not None:
            try:
                self.lines.append(record.getMessage())
            except Exception:  # a malformed log call must not stop the reading
                self.lines.append(str(record.msg))


_COLLECTOR = _Collector()


def _install() -> None:
    for name in LIBRARY_LOGGERS:
        logger = logging.getLogger(name)
        if _COLLECTOR not in logger.handlers:
            logger.addHandler(_COLLECTOR)
            logger.propagate = False  # no lastResort handler printing to stderr


def _summary(count: int, kinds: list[str], others: int = 0) -> str:
    quoted = "; ".join(kinds[:QUOTED_LOG_LINES])
    others += max(0, len(kinds) - QUOTED_LOG_LINES)
    more = f" (+{others} other kinds)" if others > 0 else ""
    return f"the PDF library reported {count} problem(s) reading it: {quoted}{more}"


_SUMMARY_RE = re.compile(
    r"^(?P<path>.*): the PDF library reported (?P<count>\d+) problem\(s\) reading it: "
    r"(?P<kinds>.*?)(?: \(\+(?P<others>\d+) other kinds\))?$"
)


def library_warning(lines: list[str]) -> str | None:
    """One warning for a document's library log lines (None when there were none)."""
    if not lines:
        return None
    kinds = (_QUOTED_VALUES.sub("…", line.strip())[:120] for line in lines)
    return _summary(len(lines), list(dict.fromkeys(kinds)))


def merge_library_warnings(notes: list[str]) -> list[str]:
    """A long PDF read in chunks (by several workers) has one library warning per chunk:
    one per document instead, counts added up, at the place of the first."""
    merged: dict[str, tuple[int, list[str], int]] = {}
    out: list[tuple[str, bool]] = []  # (note, or the path of a merged warning)
    for note in notes:
        m = _SUMMARY_RE.match(note)
        if m is None:
            out.append((note, False))
            continue
        if m["path"] not in merged:
            out.append((m["path"], True))  # its place; filled in below
        count, kinds, others = merged.get(m["path"], (0, [], 0))
        new_kinds = [k for k in m["kinds"].split("; ") if k not in kinds]
        merged[m["path"]] = (count + int(m["count"]), kinds + new_kinds,
                             max(others, int(m["others"] or 0)))  # fmt: skip
    return [f"{text}: {_summary(*merged[text])}" if is_path else text for text, is_path in out]


@contextmanager
def library_log(warnings: list[str] | None, path: object) -> Iterator[None]:
    """Collect the PDF library's log lines while reading one document; on leaving, add one
    warning naming `path` to `warnings` (they are dropped when `warnings` is None)."""
    _install()
    outer = _COLLECTOR.lines
    lines: list[str] = []
    _COLLECTOR.lines = lines
    try:
        yield
    finally:
        _COLLECTOR.lines = outer
        message = library_warning(lines)
        if message and warnings is not None:
            warnings.append(f"{path}: {message}")


def _malloc_trim() -> Callable[[int], int] | None:
    """glibc's malloc_trim, where the C library has it (Linux)."""
    try:
        return getattr(ctypes.CDLL(None), "malloc_trim", None)
    except OSError:
        return None


_TRIM = _malloc_trim()


def release_freed_memory() -> None:
    """Give memory freed by a reading step back to the system (glibc's malloc_trim; nothing
    elsewhere). glibc keeps freed blocks (a document's pages, once its blocks are made) in the
    heap for reuse, where later objects fragment them: trimmed before reflow, `kitar reflow`
    of the KL report peaks 3 MB lower. One trim costs about a millisecond; once per batch of
    pages it cost 10 % of the reading time for 1 MB, so it runs once per document."""
    if _TRIM is not None:
        _TRIM(0)
