"""Which page a hit's snippet is on.

An item's units (its text, recommendations, decisions) may run over several pages, while the
item knows only the page it starts on. Pages are indexed only for what no item covers
(kitar.store.prepare), so when a unit is prepared its text is laid against the pages of its
item's range, and `search_units.page_map` records where each page begins in the unit's text
("0:5 1432:6 2960:7": from character 1432 of the whitespace-collapsed text on, page 6). A hit
then cites the page its snippet is on without reading any page at search time.
"""

from __future__ import annotations

from functools import lru_cache

# A page's line this long found in the unit's text marks where the page begins there; shorter
# lines ("Baggrund", "Bilag") recur too often to place a page.
MIN_LINE = 16


def flat(text: str) -> str:
    """Whitespace collapsed, as snippets and page maps count characters."""
    return " ".join(text.split())


@lru_cache(maxsize=512)
def _long_lines(page: str) -> tuple[str, ...]:
    # Cached: every unit of an item looks at the same few pages (str caches its own hash).
    lines = (flat(line).rstrip("-‐‑") for line in page.split("\n"))
    return tuple(line for line in lines if len(line) >= MIN_LINE)


def page_map(text: str, pages: list[tuple[int, str]]) -> list[tuple[int, int]]:
    """(offset in flat(text), page) for each page of `pages` (ascending) whose lines the text
    contains, in order; empty when no page line is found."""
    body = flat(text)
    out: list[tuple[int, int]] = []
    after = 0
    for number, page in pages:
        for line in _long_lines(page):
            at = body.find(line, after)
            if at >= 0:
                if not out or out[-1][1] != number:
                    out.append((0 if not out else at, number))
                after = at + len(line)
                break
    return out


def encode(spans: list[tuple[int, int]]) -> str | None:
    return " ".join(f"{offset}:{page}" for offset, page in spans) if len(spans) > 1 else None


def page_at(encoded: str | None, offset: int, default: int | None) -> int | None:
    """The page on which character `offset` of the unit's flat text is."""
    if not encoded or offset < 0:
        return default
    page = default
    for pair in encoded.split():
        start, _, number = pair.partition(":")
        if not (start.isdigit() and number.isdigit()):
            return default  # not written by this module: ignore it
        if int(start) > offset:
            break
        page = int(number)
    return page


def snippet_offset(text: str, snippet: str) -> int:
    """Where the middle of `snippet` is in flat(text); -1 if it is not there."""
    core = snippet.strip().removeprefix("…").removesuffix("…").strip()
    if not core:
        return -1
    at = flat(text).find(core[:80])
    return at + len(core) // 2 if at >= 0 else -1
