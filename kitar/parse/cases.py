"""Case numbers in their systems' shapes, and the organisation a meeting document belongs to.

One case is printed in several ways: `Sagsnr.: 12/27845`, `J.nr. 12/ 27845`, `Sags nr 12/027845`
are one Acadre case; `330-2018-3619` and `330 - 2018 - 03619` one SBSYS case. `case_key` strips
the label, folds spacing, dashes and leading zeros within the number's shape, and keeps the
shape's separators: `12/27845` and `12-27845` stay apart (two systems write them).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

# "Sagsnr.:", "Sags nr.", "Sags ID:", "Sagsnummer", "J.nr.", "Journalnr.", "Sag:" before a number.
_LABEL_RE = re.compile(
    r"^\s*(?:(?:sags?\s*(?:nr|nummer|id)|j(?:ournal)?\.?\s*nr)\.?\s*:?|sag\s*:)\s*", re.I
)
_DASHES = str.maketrans({c: "-" for c in "‐‑‒–—−"})
_SPACE_RE = re.compile(r"\s+")


def _int(text: str) -> str:
    return str(int(text))


# (name, pattern over the number with spaces removed, canonical form), most specific first.
Shape = tuple[str, re.Pattern[str], Callable[[re.Match[str]], str]]
SHAPES: list[Shape] = [
    # KLE journal number: "00.01.00-G01-4-24" (subject, facet, serial, year)
    (
        "kle",
        re.compile(r"(\d{2})\.(\d{2})\.(\d{2})-([A-ZÆØÅ]\d{2})-(\d+)-(\d{2})"),
        lambda m: f"{m[1]}.{m[2]}.{m[3]}-{m[4]}-{_int(m[5])}-{m[6]}",
    ),
    # KL's SAG-2016-01234 / EMN-2016-00123
    (
        "kl",
        re.compile(r"(SAG|EMN)-?(\d{4})-(\d+)"),
        lambda m: f"{m[1]}-{m[2]}-{int(m[3]):05d}",
    ),
    # SBSYS with an office prefix: "330-2018-3619"
    (
        "prefix-year-serial",
        re.compile(r"(\d{1,4})-((?:19|20)\d{2})-(\d+)"),
        lambda m: f"{_int(m[1])}-{m[2]}-{_int(m[3])}",
    ),
    # eDoc: "2012-28504"
    ("year-serial", re.compile(r"((?:19|20)\d{2})-(\d+)"), lambda m: f"{m[1]}-{_int(m[2])}"),
    # Acadre and others: "12/27845", "16/34038"
    ("year/serial", re.compile(r"(\d{2})/(\d+)"), lambda m: f"{m[1]}/{_int(m[2])}"),
    # A bare serial: "299835"; five digits at least, so a year is a title word
    ("serial", re.compile(r"(\d{5,9})"), lambda m: _int(m[1])),
]


def _bare(text: str) -> str:
    text = _LABEL_RE.sub("", text.translate(_DASHES).strip())
    return _SPACE_RE.sub("", text).rstrip(".,;:").upper()


def case_shape(text: str) -> str | None:
    """The system shape a case number has ("year/serial", "kle", …), or None."""
    bare = _bare(text)
    return next((name for name, rx, _ in SHAPES if rx.fullmatch(bare)), None)


def is_case_number(text: str) -> bool:
    """`12/27845`, `Sagsnr. 330-2018-3619`, `00.01.00-G01-4-24` are; `Kulturkommune 2017` is not."""
    return case_shape(text) is not None


def case_key(text: str | None) -> str | None:
    """The case's key within its shape: `J.nr. 12/ 027845` → `12/27845`; None for no number.

    A number of no known shape keeps its characters, spacing folded and upper-cased.
    """
    if not text or not text.strip():
        return None
    bare = _bare(text)
    if not bare:
        return None
    for _name, rx, canonical in SHAPES:
        if m := rx.fullmatch(bare):
            return canonical(m)
    return bare


# "Testrup Kommune", "Nordby Kommune", "Testø Regionskommune", and the five regions.
_ORGANISATION_RE = re.compile(
    r"\b(?:[A-ZÆØÅ][a-zæøå]+(?:[- ][A-ZÆØÅ][a-zæøå]+)?\s(?:Kommune|Regionskommune)|"
    r"Region\s(?:Hovedstaden|Sjælland|Syddanmark|Midtjylland|Nordjylland))\b"
)
# The header: an organisation named in the first lines of a document (or its page title) is
# its own. Further in, a text names others ("i samarbejde med Region Sjælland"): a KL agenda
# names another region three times, so mentions in the body are no evidence.
HEADER_BLOCKS = 15


def find_organisation(header: Iterable[str]) -> str | None:
    """The first municipality or region the header names (`Testrup Kommune`), or None."""
    for text in header:
        if m := _ORGANISATION_RE.search(text):
            return " ".join(m.group(0).split())
    return None
