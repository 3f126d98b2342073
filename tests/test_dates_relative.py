"""Danish deadline expressions against the meeting date (rules in docs/dates.md)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kitar.text.deadlines import find_due, find_due_dates, resolve

AUG16 = "2016-08-29"
NOV16 = "2016-11-05"
MAR24 = "2024-03-12"
KNOWN = ["2016-10-10", "2016-12-05", "2017-02-06"]

# (expression, meeting date, known later meetings, expected due date or None)
CASES = [
    ("senest den 30. september 2016", AUG16, [], "2016-09-30"),
    ("KL sender høringssvaret senest den 30. september 2016.", AUG16, [], "2016-09-30"),
    ("senest 30. september", AUG16, [], "2016-09-30"),
    ("senest den 15. august", AUG16, [], "2017-08-15"),  # already past: next year
    ("inden 1. juni 2024", MAR24, [], "2024-05-31"),
    ("inden den 1. juni", MAR24, [], "2024-05-31"),
    ("inden fredag den 7. juni 2024", MAR24, [], "2024-06-06"),
    ("senest torsdag den 29. september 2016", AUG16, [], "2016-09-29"),
    ("pr. 1. januar 2017", AUG16, [], "2017-01-01"),
    ("senest 04.12.2016", AUG16, [], "2016-12-04"),
    ("inden 2016-10-01", AUG16, [], "2016-09-30"),
    ("primo 2017", AUG16, [], "2017-02-28"),
    ("medio 2017", AUG16, [], "2017-07-31"),
    ("ultimo 2016", AUG16, [], "2016-12-31"),
    ("inden udgangen af 2016", AUG16, [], "2016-12-31"),
    ("inden årets udgang", AUG16, [], "2016-12-31"),
    ("primo oktober", AUG16, [], "2016-10-10"),
    ("medio oktober 2016", AUG16, [], "2016-10-20"),
    ("ultimo november 2016", AUG16, [], "2016-11-30"),
    ("ultimo oktober", AUG16, [], "2016-10-31"),
    ("ultimo oktober", NOV16, [], "2017-10-31"),  # the next October after the meeting
    ("ultimo februar 2024", MAR24, [], "2024-02-29"),  # leap year
    ("inden udgangen af marts", AUG16, [], "2017-03-31"),
    ("i starten af december", AUG16, [], "2016-12-10"),
    ("2. halvår 2016", AUG16, [], "2016-12-31"),
    ("1. halvår", AUG16, [], "2017-06-30"),
    ("i andet halvår 2017", AUG16, [], "2017-12-31"),
    ("3. kvartal 2024", MAR24, [], "2024-09-30"),
    ("4. kvt. 2016", AUG16, [], "2016-12-31"),
    ("1. kvartal", AUG16, [], "2017-03-31"),
    ("Q2 2024", MAR24, [], "2024-06-30"),
    ("uge 12", AUG16, [], "2017-03-24"),
    ("uge 12", MAR24, [], "2024-03-22"),
    ("i uge 37", AUG16, [], "2016-09-16"),
    ("uge 5, 2017", AUG16, [], "2017-02-03"),
    ("på næste møde", AUG16, KNOWN, "2016-10-10"),
    ("til det kommende møde", NOV16, KNOWN, "2016-12-05"),
    ("på næste møde", AUG16, [], None),  # unknown meeting: no guess
    ("på mødet i december", AUG16, KNOWN, "2016-12-05"),
    ("på mødet i december", AUG16, [], "2016-12-31"),
    ("på decembermødet", AUG16, [], "2016-12-31"),
    ("på mødet i februar", AUG16, KNOWN, "2017-02-06"),
    ("i løbet af foråret", AUG16, [], "2017-05-31"),
    ("i løbet af foråret", MAR24, [], "2024-05-31"),
    ("i efteråret", AUG16, [], "2016-11-30"),
    ("i løbet af vinteren", AUG16, [], "2017-02-28"),
    ("inden vinteren", AUG16, [], "2016-11-30"),
    ("inden sommerferien", MAR24, [], "2024-06-30"),
    ("i december", AUG16, [], "2016-12-31"),
    ("inden marts 2017", AUG16, [], "2017-02-28"),
    ("i løbet af 2017", AUG16, [], "2017-12-31"),
    ("inden 2018", AUG16, [], "2017-12-31"),
    ("inden for 14 dage", AUG16, [], "2016-09-12"),
    ("om to uger", AUG16, [], "2016-09-12"),
    ("inden for en måned", AUG16, [], "2016-09-29"),
    ("inden for tre måneder", "2016-11-30", [], "2017-02-28"),
]


@pytest.mark.parametrize(("text", "meeting", "known", "expected"), CASES)
def test_resolves(text: str, meeting: str, known: list[str], expected: str | None) -> None:
    got = resolve(text, meeting, known)
    assert (got.isoformat() if got else None) == expected


def test_table_is_large_enough() -> None:
    assert len(CASES) >= 30


def test_earliest_and_precision() -> None:
    due = find_due("medio oktober 2016", AUG16)
    assert due is not None
    assert (due.earliest, due.due, due.precision) == (
        date(2016, 10, 11),
        date(2016, 10, 20),
        "part_month",
    )


def test_longest_expression_wins_and_span_is_exact() -> None:
    text = "Administrationen sender forslaget senest den 30. september 2016 til rådet."
    found = find_due_dates(text, AUG16)
    assert [d.text for d in found] == ["senest den 30. september 2016"]
    assert text[found[0].start : found[0].end] == "senest den 30. september 2016"


def test_several_expressions_in_order() -> None:
    found = find_due_dates("Udkast i uge 37 og endelig version ultimo november 2016.", AUG16)
    assert [d.due.isoformat() for d in found if d.due] == ["2016-09-16", "2016-11-30"]


@pytest.mark.parametrize(
    "text",
    ["Rapporten fra juni var god", "Punktet blev drøftet.", "uge 53", "uge 54", "CPR-nr. 12"],
)
def test_not_deadlines(text: str) -> None:
    assert resolve(text, AUG16) is None


YEARLESS = [
    "ultimo oktober",
    "primo marts",
    "1. halvår",
    "2. kvartal",
    "uge 12",
    "i efteråret",
    "i løbet af foråret",
    "i december",
    "senest 30. september",
    "på mødet i maj",
]


@given(
    st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31)), st.sampled_from(YEARLESS)
)
def test_yearless_periods_never_end_before_the_meeting(meeting: date, text: str) -> None:
    due = find_due(text, meeting)
    assert due is not None and due.due is not None
    assert meeting <= due.due <= meeting.replace(day=1) + timedelta(days=366 + 31)
