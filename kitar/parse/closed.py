"""Closed items: the marker leaves the title and sets `closed` (forms in `agenda.toml`)."""

from __future__ import annotations

import re

from kitar.parse.agenda import agenda


def split_closed(title: str) -> tuple[str, bool]:
    """`LUKKET PUNKT - Salg af arealer` → (`Salg af arealer`, True); also `Lukket sag: …`,
    `… – LUKKET PUNKT`, `… (Lukket punkt)`, `Lukket: …`."""
    a = agenda()
    stripped = _without_marker(title, (a.closed_prefix, a.closed_suffix))
    return (title, False) if stripped is None else (stripped, True)


def _without_marker(title: str, patterns: tuple[re.Pattern[str], ...]) -> str | None:
    """The title without the first marker one of `patterns` finds (None: no marker, or
    nothing left of the title without it)."""
    for pattern in patterns:
        stripped = pattern.sub("", title, count=1)
        if stripped != title and stripped.strip():
            return stripped.strip()
    return None


def split_access(title: str) -> tuple[str, bool | None]:
    """The title without its access marker and what the marker says: `Lukket punkt: Køb af
    ejendom` → (`Køb af ejendom`, True), `Budgetopfølgning (Åben)` → (`Budgetopfølgning`,
    False), no marker → (title, None)."""
    title, closed = split_closed(title)
    if closed:
        return title, True
    a = agenda()
    stripped = _without_marker(title, (a.open_prefix, a.open_suffix))
    return (title, None) if stripped is None else (stripped, False)


def is_closed_line(text: str) -> bool:
    """A line of its own under the title: `Lukket punkt`, `(Lukket punkt)`."""
    return bool(agenda().closed_line.match(text.strip()))


def access_of(text: str) -> bool | None:
    """The access word at the end of a case line: `… Dok.nr.: 67/89  Lukket` → True (closed),
    `… Åbent punkt` → False, no word → None."""
    m = agenda().access.search(text)
    if not m:
        return None
    return m.group("access").lower().startswith("lukket")
