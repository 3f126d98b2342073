"""Letterhead / sidebar fields by text pattern, shared by the TXT and PDF readers.

A KL memo's right-hand column reads `Dato: 29. august 2016`, `Sags ID: SAG-2015-05445`,
`Dok. ID: 2247467`, `E-mail: …`, `Direkte: 3300 1234`, a street address, a postcode and city,
`www.kl.dk`, `Side 20 af 22`, `NOTAT`. A text extractor mixes that column into the body; these
patterns find it again and turn its labelled lines into metadata.
"""

from __future__ import annotations

import re

from kitar.model import Line
from kitar.text.dates import parse_danish_date

# A letterhead names this many different fields (date, case, document, e-mail, phone, web,
# page, document type; a KL memo's has eight): an item's own "Sagsnr.: …" / "Dok.nr.: …" /
# "Dato: …" lines make three at most.
MIN_LETTERHEAD_FIELDS = 4

# Labelled fields: (key, pattern with the value in group "v").
_FIELDS: list[tuple[str, re.Pattern[str]]] = [
    # "Dato: 29. august 2016", "Dato: 04.12.2012"
    ("date", re.compile(r"^dato\s*[:.]?\s*(?P<v>\d.*)$", re.I)),
    # "Sags ID: SAG-2015-05445", "Sagsnr.: 2012-25401", "J.nr.: 12/345"
    (
        "case_id",
        re.compile(
            r"^(?:sags?\s*-?\s*id|sags?\s*nr\.?|j\.\s*nr\.?|journal\s*nr\.?)\s*[:.]?\s*(?P<v>\S+)$",
            re.I,
        ),
    ),
    # "Dok. ID: 2247467", "Dok.nr: 2012-204248", "Dokumentnr.: 123"
    (
        "doc_id",
        re.compile(
            r"^(?:dok\.?\s*id|dok\.?\s*nr\.?|dokument\s*(?:id|nr\.?))\s*[:.]?\s*(?P<v>\S+)$", re.I
        ),
    ),
    # "E-mail: abc@kl.dk", "Mail: abc@kl.dk"
    ("email", re.compile(r"^(?:e-?mail|mail)\s*:\s*(?P<v>\S+@\S+)$", re.I)),
    # "Direkte: 3300 1234", "Tlf. dir.: 4400 5678", "Telefon: +45 3300 3300"
    (
        "phone",
        re.compile(
            r"^(?:direkte|tlf\.?(?:\s*dir\.?)?|telefon|mobil|fax)\s*[:.]?\s*(?P<v>[+\d][\d ]{6,})$",
            re.I,
        ),
    ),
    # "www.kl.dk", "https://www.ballerup.dk"
    ("web", re.compile(r"^(?P<v>(?:https?://)?www\.[\w.-]+\.\w+\S*)$", re.I)),
    # "Side 20 af 22" (the page of the letterhead)
    ("page", re.compile(r"^side\s+(?P<v>\d+\s+af\s+\d+)$", re.I)),
    # "NOTAT", "REFERAT": the document type printed in the letterhead
    ("doc_type", re.compile(r"^(?P<v>NOTAT|REFERAT|DAGSORDEN|BREV|MEMO)$")),
    # "Kontakt: Navn Navnesen", "Sagsbehandler: …"
    (
        "contact",
        re.compile(r"^(?:kontakt(?:person)?|sagsbehandler|ref\.)\s*:\s*(?P<v>\S.*)$", re.I),
    ),
]

# Unlabelled letterhead lines: weak alone, telling next to labelled ones.
_WEAK = [
    # "Weidekampsgade 10", "Hold-An Vej 7", "Lysholt Allé 10, 1."
    re.compile(
        r"^[A-ZÆØÅ][\w.\- ]{0,30}?(?:gade|vej|allé|alle|plads|torv|stræde|vænge|boulevard|parken|"
        r"centret|huset)\s+\d+[A-Za-z]?(?:\s*,.*)?$",
        re.I,
    ),
    re.compile(r"^postboks\s+\d+", re.I),  # "Postboks 3370"
    re.compile(
        r"^(?:DK-)?\d{4}\s+[A-ZÆØÅ][a-zæøåé]+(?:\s+[A-ZÆØÅ][a-zæøåé]*)?\.?$"
    ),  # "9999 Fiktivby"
    re.compile(r"^\+?(?:45\s?)?\d{2}\s?\d{2}\s?\d{2}\s?\d{2}$"),  # "3370 3370"
    re.compile(r"^(?:cvr|ean|p)[\s.-]*(?:nr\.?)?\s*:?\s*\d{6,}$", re.I),  # "CVR-nr. 55766114"
    re.compile(r"^[\w.+-]+@[\w-]+(?:\.[\w-]+)+$"),  # "post@kl.dk"
]


def _scoped(pattern: re.Pattern[str]) -> str:
    body = pattern.pattern.replace("(?P<v>", "(?:")
    return f"(?i:{body})" if pattern.flags & re.I else f"(?:{body})"


# All patterns in one: most body lines are rejected by a single match call.
_ANY = re.compile("|".join(_scoped(p) for p in [*(p for _, p in _FIELDS), *_WEAK]))
_STRONG_KEYS = frozenset({"date", "case_id", "doc_id", "email", "phone", "web", "page", "doc_type"})


def field_of(text: str) -> tuple[str, str] | None:
    """The (key, raw value) of a labelled letterhead line, or None."""
    text = text.strip()
    if not text or len(text) > 80:
        return None
    for key, pattern in _FIELDS:
        m = pattern.match(text)
        if m:
            return key, m.group("v").strip()
    return None


def _strong_field(text: str) -> tuple[str, str] | None:
    found = field_of(text)
    return found if found is not None and found[0] in _STRONG_KEYS else None


def is_strong_letterhead_line(text: str) -> bool:
    """A labelled field such as `Sags ID: SAG-2015-05445` or `www.kl.dk`."""
    return _strong_field(text) is not None


def is_letterhead_line(text: str) -> bool:
    """Whether a line looks like part of a letterhead: labelled field, address, phone, e-mail."""
    text = text.strip()
    if not text or len(text) > 80:
        return False
    return _ANY.match(text) is not None


def extract_fields(lines: list[str]) -> dict[str, str]:
    """Fields of letterhead lines: date (ISO), case_id, doc_id, email, phone, web, page,
    doc_type, contact. The first value of each key wins."""
    fields: dict[str, str] = {}
    for line in lines:
        found = field_of(line)
        if found is None:
            continue
        key, value = found
        if key == "date":
            iso = parse_danish_date(value)
            if iso is None:
                continue
            value = iso
        fields.setdefault(key, value)
    return fields


def find_letterhead_runs(
    lines: list[str], min_strong: int = MIN_LETTERHEAD_FIELDS, max_gap: int = 1, max_len: int = 45
) -> list[tuple[int, int]]:
    """Runs (start, end inclusive) of letterhead lines among non-blank `lines`.

    A run groups letterhead lines at most `max_gap` other lines apart; it counts only with at
    least `min_strong` different labelled fields, and the lines inside must be short (a sidebar
    column).
    """
    runs: list[tuple[int, int]] = []
    marks = [is_letterhead_line(t) for t in lines]
    i = 0
    while i < len(lines):
        if not marks[i]:
            i += 1
            continue
        start = end = i
        j = i + 1
        while j < len(lines) and j - end <= max_gap + 1:
            if len(lines[j].strip()) > max_len:
                break
            if marks[j]:
                end = j
            j += 1
        # distinct fields: an agenda's "Sagsnr.: …" under every heading is no letterhead
        strong = len({f[0] for t in lines[start : end + 1] if (f := _strong_field(t))})
        if strong >= min_strong and end > start:
            runs.append((start, end))
        i = end + 1
    return runs


def inline_letterhead(lines: list[Line]) -> list[Line]:
    """A letterhead printed in the body's own column (a text extractor's output printed
    again: `Dato: 29. august 2016` / `Sags ID: …` / `Dok. ID: …` / `E-mail: …` / `www.kl.dk`):
    among the body's lines in reading order, runs of short letterhead lines naming
    MIN_LETTERHEAD_FIELDS different fields."""
    runs = find_letterhead_runs([ln.text for ln in lines])
    return [ln for start, end in runs for ln in lines[start : end + 1]]
