"""The parser on the real samples, compared with the expected file and the case systems' exports."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

from kitar.ingest.pipeline import process_file
from kitar.model import Document, Meeting
from kitar.parse.evaluate import evaluate
from tests.answer_keys import ballerup_expected, syddjurs_expected


@cache
def _parse(path: str) -> Meeting:
    return process_file(path)[1]


def _norm(text: str | None) -> str:
    return " ".join((text or "").replace("’", "'").split()).rstrip(".")


def test_kl_agenda_scores(kl_agenda_txt: Path, kl_expected: dict) -> None:
    ev = evaluate(_parse(str(kl_agenda_txt)), kl_expected)
    assert ev.score("items").correct == 11 and ev.score("items").found == 11, ev.differences
    assert ev.score("subitems").correct == 2, ev.differences
    assert ev.score("presenters").f1 >= 0.95, ev.differences
    assert ev.score("recommendations").f1 >= 0.95, ev.differences
    annexes = ev.score("annexes")
    assert annexes.correct == annexes.expected == 4, ev.differences
    assert ev.score("closed").f1 == 1.0, ev.differences
    assert all(ev.meeting_fields.values()), ev.differences


def test_kl_agenda_sidebar_not_in_item_text(kl_agenda_txt: Path, kl_expected: dict) -> None:
    meeting = _parse(str(kl_agenda_txt))
    text = json.dumps([i.sections for i in meeting.items], default=str, ensure_ascii=False)
    for needle in kl_expected["must_not_appear_in_item_text"]:
        assert needle not in text


def test_ballerup_items_match_export(samples: Path) -> None:
    folder = samples / "ballerup-sfu-2012-12-04"
    expected = ballerup_expected(folder)["items"]
    meeting = _parse(str(folder / "referat.pdf"))
    got = {i.number: i for i in meeting.items}
    assert sorted(got, key=int) == sorted(expected, key=int)
    for num, want in expected.items():
        item = got[num]
        assert _norm(item.title) == _norm(want["title"])
        assert item.case_id == want["case_id"]
        assert item.doc_id == want["doc_id"]
        assert _norm(item.decision) == _norm(want["decision"]), num
    subs = [s.number for s in got["1"].subitems]
    assert subs == [f"1.{letter}" for letter in expected["1"]["subitems"]]
    assert len(subs) == 5  # a.–e. in the minutes


def test_ballerup_meeting_metadata(samples: Path) -> None:
    meeting = _parse(str(samples / "ballerup-sfu-2012-12-04" / "referat.pdf"))
    info = meeting.meeting
    assert info.kind == "minutes"
    assert info.date == "2012-12-04" and info.time == "13:00"
    assert info.body and "Forebyggelsesudvalget" in info.body
    assert len(info.attendees) == 7


def test_ballerup_single_item_pdf(samples: Path) -> None:
    meeting = _parse(str(samples / "ballerup-sfu-2012-12-04" / "referat-punkt01.pdf"))
    assert [i.number for i in meeting.items] == ["1"]
    # No cover page: the meeting is known from its decision, the same as the full minutes'.
    whole = _parse(str(samples / "ballerup-sfu-2012-12-04" / "referat.pdf")).meeting
    assert (meeting.meeting.date, meeting.meeting.body) == (whole.date, whole.body)


@pytest.mark.parametrize("name", ["referat.pdf", "referat.docx"])
def test_syddjurs_item_and_decisions(samples: Path, name: str) -> None:
    folder = samples / "syddjurs-puk-2013-06-20"
    want = syddjurs_expected(folder)
    meeting = _parse(str(folder / name))
    assert [i.number for i in meeting.items] == ["715"]
    item = meeting.items[0]
    assert _norm(item.title) == _norm(want["title"])
    assert item.case_id == want["case_id"]
    lead = "Direktøren indstiller, at "
    assert want["recommendation"].startswith(lead)
    assert [_norm(r) for r in item.recommendations] == [_norm(want["recommendation"][len(lead) :])]
    assert [d.date for d in item.decisions] == [d["date"] for d in want["decisions"]]
    for got, exp in zip(item.decisions, want["decisions"], strict=True):
        assert _norm(got.text).startswith(_norm(exp["text"])[:40])
        assert got.body == want["committee"]
    assert meeting.meeting.date == "2013-06-20"

    def key(text: str) -> str:  # the PDF drops the spaces around some dashes
        return _norm(text).replace(" - ", "-").replace(" -", "-")

    assert [(a.number, key(a.title), a.ref, a.confidential) for a in item.annexes] == [
        (a["number"], key(a["title"]), a["ref"], a["confidential"]) for a in want["annexes"]
    ]


def test_a_blank_page_is_nothing_to_extract(samples: Path) -> None:
    from kitar.errors import NothingToExtract

    with pytest.raises(NothingToExtract):  # the CLI turns this into an empty meeting
        _parse(str(samples / "edge-cases" / "blank-page.pdf"))


def test_the_kl_report_is_no_meeting(kl_report_processed: tuple[Document, Meeting]) -> None:
    meeting = kl_report_processed[1]
    assert meeting.items == []
    assert meeting.warnings


def test_kl_agenda_rerendered_as_pdf_scores_the_same(
    kl_agenda_txt: Path, kl_expected: dict, tmp_path: Path
) -> None:
    from kitar.ingest.pipeline import read_and_reflow
    from tests.parse_helpers import rerender_pdf

    pdf = rerender_pdf(read_and_reflow(kl_agenda_txt), tmp_path / "kl.pdf")
    ev = evaluate(process_file(pdf)[1], kl_expected)
    for name in ("items", "subitems", "annexes", "closed"):
        assert ev.score(name).f1 == 1.0, (name, ev.differences)
    assert ev.score("presenters").f1 >= 0.95 and ev.score("recommendations").f1 >= 0.95
    assert all(ev.meeting_fields.values()), ev.differences


def test_ballerup_deciding_body_is_item_data_and_items_keep_recommendations(
    samples: Path,
) -> None:
    """Issue 9: `Beslutningen træffes af` became a sub-item of items 2–8 and took their
    recommendations; it is the item's deciding body, and no item of this 8-item meeting is
    closed (a `Lukket referat` label after the table of contents names an empty part)."""
    meeting = _parse(str(samples / "ballerup-sfu-2012-12-04" / "referat.pdf"))
    items = {i.number: i for i in meeting.items}
    assert len(items) == 8
    for num in "2345678":
        assert items[num].subitems == [], num
        assert items[num].recommendations, num
        assert items[num].deciding_body, num
    assert not any(i.closed for i in meeting.items)


@pytest.mark.parametrize("name", ["referat.pdf", "referat.docx"])
def test_syddjurs_signature_page_is_no_subitem(samples: Path, name: str) -> None:
    meeting = _parse(str(samples / "syddjurs-puk-2013-06-20" / name))
    assert meeting.items[0].subitems == []
    assert meeting.meeting.body == "Udvalget for plan, udvikling og kultur (PUK)"
