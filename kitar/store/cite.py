"""Which page a hit's snippet is on.

An item's units (its text, recommendations, decisions) may run over several pages, while they know
only the page the item starts on. Pages are indexed only for what no item covers
(kitar.store.prepare), so the page of a snippet is found here, for the few hits shown: the
page of the item's range whose words contain the snippet's words.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from kitar.store.analyze import words

# Enough words to be unambiguous on a page, few enough to stay within one page.
PROBE_WORDS = 6


@dataclass
class Located:
    document_id: int
    meeting_id: int
    start: int  # the item's first page
    snippet: str


def _probes(snippet: str) -> list[str]:
    """Runs of words from the snippet, middle first (its ends may be cut at a page break)."""
    seq = words(snippet.replace("…", " "))
    if len(seq) <= PROBE_WORDS:
        return [" ".join(seq)] if seq else []
    starts = range(0, len(seq) - PROBE_WORDS + 1, PROBE_WORDS)
    middle = sorted(starts, key=lambda s: abs(s + PROBE_WORDS / 2 - len(seq) / 2))
    return [" ".join(seq[s : s + PROBE_WORDS]) for s in middle]


def snippet_page(conn: sqlite3.Connection, hit: Located) -> int:
    """The page of the item's range (its first page up to the next item's) showing the snippet;
    the item's first page when no page shows it (e.g. a DOCX without page numbers)."""
    end = conn.execute(
        "SELECT min(page) FROM items WHERE meeting_id = ? AND parent_id IS NULL AND page > ?",
        (hit.meeting_id, hit.start),
    ).fetchone()[0]
    pages = conn.execute(
        "SELECT number, text FROM pages WHERE document_id = ? AND number BETWEEN ? AND ? "
        "ORDER BY number",
        (hit.document_id, hit.start, end if end is not None else 1 << 30),
    ).fetchall()
    if len(pages) <= 1:
        return hit.start
    flat = [(n, f" {' '.join(words(text or ''))} ") for n, text in pages]
    for probe in _probes(hit.snippet):
        for number, text in flat:
            if f" {probe} " in text:
                return int(number)
    return hit.start
