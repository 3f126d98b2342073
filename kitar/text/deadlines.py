"""Danish deadline expressions resolved against the meeting date (rules: docs/dates.md).

`find_due("KL sender forslaget senest den 30. september 2016", date(2016, 8, 29))` →
DueDate(due=2016-09-30, …). Absolute dates go through kitar.text.dates.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from kitar.text.dates import MONTHS, parse_danish_date

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_YEAR = r"(?:\s+(?P<year>(?:19|20)\d{2}))?"
_WEEKDAY = r"(?:mandag|tirsdag|onsdag|torsdag|fredag|lørdag|søndag)"
_NUMBERS = {"en": 1, "et": 1, "to": 2, "tre": 3, "fire": 4, "fem": 5, "seks": 6, "syv": 7,
            "otte": 8, "ni": 9, "ti": 10, "fjorten": 14}  # fmt: skip
_PARTS = {"primo": "early", "starten af": "early", "begyndelsen af": "early",
          "medio": "mid", "midten af": "mid",
          "ultimo": "late", "slutningen af": "late", "udgangen af": "end"}  # fmt: skip
_PART = r"(?P<part>" + "|".join(_PARTS) + ")"
# Season → (first month, months long); winter runs December–February.
_SEASONS = {"foråret": (3, 3), "sommeren": (6, 3), "efteråret": (9, 3), "vinteren": (12, 3)}


@dataclass(frozen=True)
class DueDate:
    """A resolved deadline: `due` is the last day that satisfies the expression."""

    text: str
    start: int
    end: int
    earliest: date | None
    due: date | None
    precision: str  # day, week, month, part_month, quarter, half, year, season, meeting, relative
    rule: str


def _as_date(value: date | str) -> date:
    return value if isinstance(value, date) else date.fromisoformat(value[:10])


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _add_months(year: int, month: int, n: int) -> tuple[int, int]:
    total = year * 12 + month - 1 + n
    return total // 12, total % 12 + 1


def _next(span: Callable[[int], tuple[date, date]], year: str | None, meeting: date):
    """The span in `year`, or, without a year, the first one that has not ended by the meeting."""
    if year:
        return span(int(year))
    first, last = span(meeting.year)
    return (first, last) if last >= meeting else span(meeting.year + 1)


class _Ctx:
    def __init__(self, meeting: date, meetings: Sequence[date]) -> None:
        self.meeting = meeting
        self.later = sorted(m for m in meetings if m > meeting)


Rule = Callable[[re.Match[str], _Ctx], tuple[date | None, date | None, str] | None]
_RULES: list[tuple[str, re.Pattern[str], Rule]] = []


def _rule(name: str, pattern: str) -> Callable[[Rule], Rule]:
    def register(func: Rule) -> Rule:
        _RULES.append((name, re.compile(pattern, re.I), func))
        return func

    return register


# "senest den 30. september 2016", "inden 1. juni 2024", "pr. 1. januar 2017", "30. september"
@_rule("day", r"\b(?:(?P<kw>senest|inden|før|pr\.|per|til og med)\s+)?(?:" + _WEEKDAY + r"\s+)?"
       r"(?:den\s+|d\.\s*)?"
       r"\b(?P<day>\d{1,2})\.\s*" + _MONTH + _YEAR + r"\b")  # fmt: skip
def _day(m: re.Match[str], ctx: _Ctx):
    month, day = MONTHS[m.group("month").lower()], int(m.group("day"))
    if m.group("year"):
        iso = parse_danish_date(f"{day}. {m.group('month')} {m.group('year')}")
        if iso is None:
            return None
        when = date.fromisoformat(iso)
    else:
        try:
            when = _next(lambda y: (date(y, month, day),) * 2, None, ctx.meeting)[0]
        except ValueError:
            return None
    if (m.group("kw") or "").lower() in ("inden", "før"):
        when -= timedelta(days=1)  # "inden 1. juni": strictly before, so the last day is 31 May
    return when, when, "day"


# "senest 04.12.2016", "inden 2024-06-01"
@_rule("numeric", r"\b(?:(?P<kw>senest|inden|før|pr\.)\s+)?(?:den\s+|d\.\s*)?"
       r"(?P<date>\d{4}-\d{2}-\d{2}|\d{1,2}\.\d{1,2}\.\d{4})\b")  # fmt: skip
def _numeric(m: re.Match[str], ctx: _Ctx):
    iso = parse_danish_date(m.group("date"))
    if iso is None:
        return None
    when = date.fromisoformat(iso)
    if (m.group("kw") or "").lower() in ("inden", "før"):
        when -= timedelta(days=1)
    return when, when, "day"


# "primo oktober", "medio oktober 2016", "ultimo november 2016", "udgangen af marts"
@_rule("part_month", r"\b(?:(?:i|inden|senest)\s+)?" + _PART + r"\s+" + _MONTH + _YEAR + r"\b")
def _part_month(m: re.Match[str], ctx: _Ctx):
    month, part = MONTHS[m.group("month").lower()], _PARTS[m.group("part").lower()]

    def span(y: int) -> tuple[date, date]:
        last = _month_end(y, month)
        days = {"early": (1, 10), "mid": (11, 20), "late": (21, last.day), "end": (last.day,) * 2}
        lo, hi = days[part]
        return date(y, month, lo), date(y, month, hi)

    first, last = _next(span, m.group("year"), ctx.meeting)
    return first, last, "part_month"


# "primo 2017", "medio 2017", "ultimo 2016", "udgangen af 2016"
@_rule("part_year", r"\b(?:(?:i|inden|senest)\s+)?" + _PART + r"\s+(?P<year>(?:19|20)\d{2})\b")
def _part_year(m: re.Match[str], ctx: _Ctx):
    y, part = int(m.group("year")), _PARTS[m.group("part").lower()]
    months = {"early": (1, 2), "mid": (6, 7), "late": (11, 12), "end": (12, 12)}[part]
    first = date(y, months[0], 31 if part == "end" else 1)
    return first, _month_end(y, months[1]), "part_year"


# "inden årets udgang", "inden udgangen af året"
@_rule("year_end", r"\b(?:inden|før|senest ved)\s+(?:årets\s+udgang|udgangen\s+af\s+året)")
def _year_end(m: re.Match[str], ctx: _Ctx):
    end = date(ctx.meeting.year, 12, 31)
    return end, end, "day"


# "2. halvår 2016", "1. halvår", "andet halvår 2017"
@_rule("half", r"\b(?:i\s+)?(?:(?P<n>[12])\.|(?P<word>første|andet))\s*halvår" + _YEAR + r"\b")
def _half(m: re.Match[str], ctx: _Ctx):
    n = int(m.group("n")) if m.group("n") else (1 if m.group("word").lower() == "første" else 2)
    span = lambda y: (date(y, 6 * n - 5, 1), _month_end(y, 6 * n))  # noqa: E731
    first, last = _next(span, m.group("year"), ctx.meeting)
    return first, last, "half"


# "3. kvartal 2024", "4. kvt. 2016", "Q3 2024"
@_rule("quarter", r"\b(?:i\s+)?(?:(?P<n>[1-4])\.\s*(?:kvartal|kvt\.?)|Q(?P<q>[1-4]))" + _YEAR)
def _quarter(m: re.Match[str], ctx: _Ctx):
    n = int(m.group("n") or m.group("q"))
    span = lambda y: (date(y, 3 * n - 2, 1), _month_end(y, 3 * n))  # noqa: E731
    first, last = _next(span, m.group("year"), ctx.meeting)
    return first, last, "quarter"


# "uge 12", "i uge 37 2016", "uge 5, 2017": Monday to Friday of the ISO week
@_rule(
    "week", r"\b(?:i\s+|inden\s+|senest\s+i\s+)?uge\s+(?P<n>\d{1,2})(?:,?\s+(?P<year>20\d{2}))?\b"
)
def _week(m: re.Match[str], ctx: _Ctx):
    n = int(m.group("n"))

    def span(y: int) -> tuple[date, date]:
        monday = date.fromisocalendar(y, n, 1)
        return monday, monday + timedelta(days=4)

    try:
        first, last = _next(span, m.group("year"), ctx.meeting)
    except ValueError:  # "uge 53" in a year without one
        return None
    return first, last, "week"


# "på næste møde", "til det kommende møde", "på førstkommende ordinære møde"
@_rule("next_meeting", r"\b(?:på|til|inden|ved)\s+(?:det\s+)?(?:næste|kommende|førstkommende)"
       r"\s+(?:ordinære\s+)?møde\b")  # fmt: skip
def _next_meeting(m: re.Match[str], ctx: _Ctx):
    if ctx.later:
        return ctx.later[0], ctx.later[0], "meeting"
    return None, None, "meeting"  # unknown: left for the secretary, never guessed


# "på mødet i december", "på decembermødet"
@_rule("month_meeting", r"\b(?:på|til|inden)\s+(?:mødet\s+i\s+" + _MONTH + r"|(?P<month2>"
       + "|".join(m for m in MONTHS if len(m) > 3) + r")mødet)" + _YEAR)  # fmt: skip
def _month_meeting(m: re.Match[str], ctx: _Ctx):
    month = MONTHS[(m.group("month") or m.group("month2")).lower()]
    span = lambda y: (date(y, month, 1), _month_end(y, month))  # noqa: E731
    first, last = _next(span, m.group("year"), ctx.meeting)
    for known in ctx.later:
        if first <= known <= last:
            return known, known, "meeting"
    return first, last, "month"


# "i løbet af foråret", "i efteråret 2016", "inden sommeren"
@_rule("season", r"\b(?:(?P<kw>i\s+løbet\s+af|i|inden|hen\s+over|frem\s+mod)\s+)?"
       r"(?P<season>foråret|sommeren|efteråret|vinteren)" + _YEAR + r"\b")  # fmt: skip
def _season(m: re.Match[str], ctx: _Ctx):
    start_month, length = _SEASONS[m.group("season").lower()]

    def span(y: int) -> tuple[date, date]:
        ey, em = _add_months(y, start_month, length - 1)
        return date(y, start_month, 1), _month_end(ey, em)

    first, last = _next(span, m.group("year"), ctx.meeting)
    if (m.group("kw") or "").lower() == "inden":
        last = first - timedelta(days=1)
        if last < ctx.meeting:
            return None
    return first, last, "season"


# "inden sommerferien": Danish schools close at the end of June
@_rule("summer_holiday", r"\b(?:inden|før)\s+sommerferien\b")
def _summer_holiday(m: re.Match[str], ctx: _Ctx):
    first, last = _next(lambda y: (date(y, 6, 30),) * 2, None, ctx.meeting)
    return first, last, "day"


# "i december", "inden marts 2017", "december 2016"
@_rule("month", r"\b(?:(?P<kw>i|inden|senest\s+i|frem\s+til|i\s+løbet\s+af)\s+)?" + _MONTH
       + r"(?:\s+(?P<year>(?:19|20)\d{2}))?\b")  # fmt: skip
def _month(m: re.Match[str], ctx: _Ctx):
    kw = (m.group("kw") or "").lower()
    if not kw and not m.group("year"):
        return None  # a bare month name is too weak ("juni" in a title)
    month = MONTHS[m.group("month").lower()]
    span = lambda y: (date(y, month, 1), _month_end(y, month))  # noqa: E731
    first, last = _next(span, m.group("year"), ctx.meeting)
    if kw == "inden":
        last = first - timedelta(days=1)
    return first, last, "month"


# "i 2017", "i løbet af 2017", "inden udgangen af 2016" (handled by part_year)
@_rule("year", r"\b(?P<kw>i|i\s+løbet\s+af|inden|senest\s+i)\s+(?P<year>20\d{2})\b")
def _year(m: re.Match[str], ctx: _Ctx):
    y = int(m.group("year"))
    if m.group("kw").lower() == "inden":
        return date(y - 1, 12, 31), date(y - 1, 12, 31), "day"
    return date(y, 1, 1), date(y, 12, 31), "year"


# "inden for 14 dage", "om to uger", "inden for en måned"
@_rule(
    "relative",
    r"\b(?:inden\s+for|indenfor|om|senest\s+om)\s+(?:de\s+(?:næste|kommende)\s+)?"
    r"(?P<n>\d{1,3}|" + "|".join(_NUMBERS) + r")\s+(?P<unit>dage|dag|uger|uge|måneder|måned)\b",
)
def _relative(m: re.Match[str], ctx: _Ctx):
    raw = m.group("n").lower()
    n = int(raw) if raw.isdigit() else _NUMBERS[raw]
    unit = m.group("unit").lower()
    if unit.startswith("måned"):
        y, mo = _add_months(ctx.meeting.year, ctx.meeting.month, n)
        due = date(y, mo, min(ctx.meeting.day, _month_end(y, mo).day))
    else:
        due = ctx.meeting + timedelta(days=n * (7 if unit.startswith("uge") else 1))
    return ctx.meeting, due, "relative"


# Every rule needs a digit or one of these words; other text is skipped cheaply.
_TRIGGER = re.compile(
    r"\d|\b(?:jan|feb|mar|apr|maj|jun|jul|aug|sep|okt|nov|dec|primo|medio|ultimo|udgang|halvår|"
    r"første|andet|kvartal|q[1-4]|uge|møde|forår|sommer|efterår|vinter|start|begyndelse|midt|"
    r"slutning|årets|dage|måned)",
    re.I,
)


def find_due_dates(
    text: str, meeting_date: date | str, meetings: Sequence[date | str] = ()
) -> list[DueDate]:
    """Every deadline expression in `text`, left to right; overlaps go to the longest match."""
    if not _TRIGGER.search(text):
        return []
    ctx = _Ctx(_as_date(meeting_date), [_as_date(m) for m in meetings])
    found: list[DueDate] = []
    for name, pattern, func in _RULES:
        for m in pattern.finditer(text):
            result = func(m, ctx)
            if result is not None:
                first, last, precision = result
                found.append(DueDate(m.group(0).strip(), m.start(), m.end(), first, last,
                                     precision, name))  # fmt: skip
    found.sort(key=lambda d: (d.start, -(d.end - d.start)))
    kept: list[DueDate] = []
    for due in found:
        if not kept or due.start >= kept[-1].end:
            kept.append(due)
    return kept


def find_due(
    text: str, meeting_date: date | str, meetings: Sequence[date | str] = ()
) -> DueDate | None:
    """The first deadline in `text`, or None."""
    found = find_due_dates(text, meeting_date, meetings)
    return found[0] if found else None


def resolve(
    expression: str, meeting_date: date | str, meetings: Sequence[date | str] = ()
) -> date | None:
    """The due date of the first expression in `expression` (None when unknown)."""
    due = find_due(expression, meeting_date, meetings)
    return due.due if due else None
