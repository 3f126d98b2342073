"""Absolute Danish dates and times: `Torsdag den 20. juni 2013`, `04.12.2012`, `12-03-2024`."""

from __future__ import annotations

import re
from datetime import date

MONTHS = {
    "januar": 1, "jan": 1, "februar": 2, "feb": 2, "marts": 3, "mar": 3, "april": 4, "apr": 4,
    "maj": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "oktober": 10, "okt": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip
_MONTH_ALT = "|".join(sorted(MONTHS, key=len, reverse=True))
# Month names of an English date that Danish web sites print ("Onsdag, April 3, 2019").
EN_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
}  # fmt: skip
_EN = re.compile(rf"\b({'|'.join(EN_MONTHS)})\s+(\d{{1,2}}),?\s+(\d{{4}})\b", re.I)
# "15-maj-2002", "3-okt-2019": day, month name and year joined by dashes.
_DASHED = re.compile(rf"\b(\d{{1,2}})-({_MONTH_ALT})\.?-(\d{{4}})\b", re.I)

# "29. august 2016", "den 20. juni 2013", "1. sep. 2016"
_LONG = re.compile(rf"\b(\d{{1,2}})\.?\s*({_MONTH_ALT})\.?\s+(\d{{4}})\b", re.I)
# "04.12.2012", "12-03-2024", "4/12 2012", "04.12.12"
_NUMERIC = re.compile(r"\b(\d{1,2})[.\-/](\d{1,2})[.\-/ ]\s?(\d{4}|\d{2})\b")
# ISO "2024-03-12"
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
# "kl. 13.00", "kl. 13:00-15:00", "13.00"
_TIME = re.compile(r"\bkl\.?\s*(\d{1,2})[.:](\d{2})\b|\b(\d{1,2}):(\d{2})\b", re.I)


def _iso(year: int, month: int, day: int) -> str | None:
    if year < 100:
        year += 2000 if year < 70 else 1900
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def find_dates(text: str) -> list[tuple[int, str]]:
    """All dates in `text` as (offset, ISO date), in order of appearance."""
    found: list[tuple[int, str]] = []
    for m in _ISO.finditer(text):
        iso = _iso(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if iso:
            found.append((m.start(), iso))
    for m in _LONG.finditer(text):
        iso = _iso(int(m.group(3)), MONTHS[m.group(2).lower()], int(m.group(1)))
        if iso:
            found.append((m.start(), iso))
    for m in _EN.finditer(text):
        iso = _iso(int(m.group(3)), EN_MONTHS[m.group(1).lower()], int(m.group(2)))
        if iso:
            found.append((m.start(), iso))
    for m in _DASHED.finditer(text):
        iso = _iso(int(m.group(3)), MONTHS[m.group(2).lower()], int(m.group(1)))
        if iso:
            found.append((m.start(), iso))
    for m in _NUMERIC.finditer(text):
        if any(start <= m.start() < start + 10 for start, _ in found):
            continue  # part of an ISO date already found
        iso = _iso(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        if iso:
            found.append((m.start(), iso))
    return sorted(found)


def parse_danish_date(text: str) -> str | None:
    """The first date in `text` as ISO `YYYY-MM-DD`, or None."""
    found = find_dates(text)
    return found[0][1] if found else None


def parse_time(text: str) -> str | None:
    """The first clock time as `HH:MM`: `kl. 13.00` → `13:00`."""
    m = _TIME.search(text)
    if not m:
        return None
    hour, minute = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
    if int(hour) > 23 or int(minute) > 59:
        return None
    return f"{int(hour):02d}:{minute}"
