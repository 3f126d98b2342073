"""Option values as a Danish secretariat types them: dates, kinds, statuses, output files."""

from __future__ import annotations

import calendar
import re
from pathlib import Path

import typer

from kitar.text.dates import MONTHS, parse_danish_date

# Search unit kinds: the Danish word and the English one (the JSON's value) both work.
KIND_WORDS = {
    "item": "item", "punkt": "item", "punkter": "item",
    "recommendation": "recommendation", "indstilling": "recommendation",
    "indstillinger": "recommendation",
    "decision": "decision", "beslutning": "decision", "beslutninger": "decision",
    "annex": "annex", "bilag": "annex",
    "page": "page", "side": "page", "sider": "page",
}  # fmt: skip
KIND_DA = {"item": "punkt", "recommendation": "indstilling", "decision": "beslutning",
           "annex": "bilag", "page": "side"}  # fmt: skip
# Follow-up statuses: stored in English (a contract), shown and typed in Danish too.
STATUS_WORDS = {"open": "open", "åben": "open", "åbne": "open", "aaben": "open",
                "done": "done", "udført": "done", "udfoert": "done", "færdig": "done"}  # fmt: skip
STATUS_DA = {"open": "åben", "done": "udført"}
MEETING_KIND_DA = {"agenda": "dagsorden", "minutes": "referat"}

_MONTH_ALT = "|".join(sorted(MONTHS, key=len, reverse=True))
_MONTH_YEAR = re.compile(rf"^(?:(?P<name>{_MONTH_ALT})\.?|(?P<num>\d{{1,2}})[.\-/])\s*"
                         r"(?P<year>\d{4})$", re.I)  # fmt: skip
_ISO_PART = re.compile(r"^(?P<year>\d{4})(?:-(?P<month>\d{2}))?$")
DATE_EXAMPLES = "29.08.2016, 29-08-2016, 2016-08-29, august 2016 eller 2016"


def kind_value(word: str | None) -> str | None:
    """`punkt`/`item` → `item`; None passes through; an unknown word raises ValueError."""
    if word is None:
        return None
    found = KIND_WORDS.get(word.strip().casefold())
    if found is None:
        names = ", ".join(f"{da} ({en})" for en, da in KIND_DA.items())
        raise ValueError(f"--kind skal være en af {names}, ikke {word!r}")
    return found


def status_value(word: str) -> str:
    """`åben`/`open` → `open`, `udført`/`done` → `done`."""
    found = STATUS_WORDS.get(word.strip().casefold())
    if found is None:
        raise ValueError(f"ukendt status {word!r}: brug åben (open) eller udført (done)")
    return found


def date_value(text: str | None, *, end: bool = False, option: str = "--since") -> str | None:
    """A date option as ISO: `29.08.2016`, `29-08-2016`, `2016-08-29`, `29. august 2016`;
    `august 2016`, `2016-08` and `2016` mean their first day, or with `end` their last."""
    if text is None:
        return None
    value = " ".join(text.split())
    m = _ISO_PART.match(value) or _MONTH_YEAR.match(value)
    if m:
        year = int(m.group("year"))
        groups = m.groupdict()
        month_text = groups.get("month") or groups.get("num")
        month = MONTHS[groups["name"].casefold()] if groups.get("name") else None
        if month is None and month_text:
            month = int(month_text)
        if month is None:
            return f"{year}-12-31" if end else f"{year}-01-01"
        if 1 <= month <= 12 and year >= 1:
            day = calendar.monthrange(year, month)[1] if end else 1
            return f"{year:04d}-{month:02d}-{day:02d}"
    found = parse_danish_date(value)
    if found is not None and re.fullmatch(r"[\d.\-/ ]+|\d{1,2}\.?\s*\D+\s*\d{4}", value):
        return found
    raise ValueError(f"{option} skal være en dato som {DATE_EXAMPLES}, ikke {text!r}")


def output_suffix(path: Path, allowed: tuple[str, ...], option: str = "--output") -> None:
    """Refuse `-o referat.pdf` for a Word file: the name must say what the file is."""
    if path.exists() and not path.is_file():
        return  # a folder or a device: the output writer refuses it (exit code 15)
    if path.suffix.casefold() not in allowed:
        wanted = " eller ".join(allowed)
        raise typer.BadParameter(
            f"{path.name} skal ende på {wanted}, så navnet passer til indholdet",
            param_hint=option,
        )
