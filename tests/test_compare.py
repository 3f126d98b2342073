"""kitar.minutes.compare: recommendations beside decisions, departures flagged."""

from __future__ import annotations

from pathlib import Path

import pytest

from kitar.minutes.compare import classify_decision, compare_meeting
from kitar.model import Decision
from tests.minutes_fixtures import fictional_agenda, fictional_minutes


@pytest.mark.parametrize(
    ("text", "outcome"),
    [
        ("Godkendt.", "approved"),
        ("Indstillingen blev fulgt.", "approved"),
        ("Anbefales over for Økonomiudvalget.", "approved"),
        ("Godkendt med den bemærkning, at planen også omfatter skolerne.", "amended"),
        ("Godkendt med de faldne bemærkninger.", "amended"),
        ("Indstillingen godkendt med denne bemærkning: Gruppen får adgang.", "amended"),
        # sent on to the body that decides: not approved here (issue 11)
        ("Indstilles til godkendelse", "forwarded"),
        ("Økonomiudvalget indstiller til godkendelse. Sagen oversendes til Byrådet.", "forwarded"),
        ("Anbefales til vedtagelse.", "forwarded"),
        ("Tiltrådt, idet fristen forlænges til 1. maj.", "amended"),
        ("Udsat.", "postponed"),
        ("Sagen genoptages på næste møde.", "postponed"),
        ("Punktet blev drøftet. Sagen genoptages på det kommende ordinære møde.", "postponed"),
        ("Ikke godkendt.", "not_approved"),
        ("Forslaget blev forkastet.", "not_approved"),
        ("Taget til efterretning.", "noted"),
        ("Ingen bemærkninger.", "noted"),
        ("Formanden takkede for et godt møde.", "other"),
        ("", "none"),
    ],
)
def test_classify(text: str, outcome: str) -> None:
    assert classify_decision(text)[0] == outcome


def test_agenda_beside_minutes() -> None:
    rows = {r.key: r for r in compare_meeting(fictional_agenda(), fictional_minutes())}
    assert list(rows) == ["1", "2", "3", "3.1", "3.2", "4", "5"]
    assert (rows["1"].outcome, rows["1"].departs) == ("noted", False)
    assert (rows["2"].outcome, rows["2"].departs) == ("amended", True)
    assert rows["2"].reason == "med den bemærkning"
    assert rows["2"].recommendations[1].startswith("Administrationen forelægger")
    assert (rows["3.1"].outcome, rows["3.2"].outcome) == ("approved", "not_approved")
    assert rows["3"].outcome == "none" and not rows["3"].departs
    assert rows["4"].outcome == "postponed"


def test_renumbered_minutes_match_by_title() -> None:
    minutes = fictional_minutes()
    minutes.items[1].number = "7"
    rows = {r.key: r for r in compare_meeting(fictional_agenda(), minutes)}
    assert rows["2"].outcome == "amended"


def test_minutes_alone_and_last_decision_counts() -> None:
    minutes = fictional_minutes()
    minutes.items[4].decisions = [Decision("Udsat."), Decision("Godkendt.")]
    rows = {r.key: r for r in compare_meeting(minutes)}
    assert rows["5"].outcome == "approved" and rows["5"].decisions == ["Udsat.", "Godkendt."]


def test_ballerup_minutes_item_7_amended(samples: Path) -> None:
    from kitar.ingest.pipeline import process_file

    _, minutes = process_file(samples / "ballerup-sfu-2012-12-04" / "referat.pdf")
    rows = {r.key: r for r in compare_meeting(minutes)}
    assert rows["7"].outcome == "amended"
    assert [k for k, r in rows.items() if r.departs] == ["7"]
    assert rows["1"].outcome == rows["8"].outcome == "noted"


def test_syddjurs_item_postponed(samples: Path) -> None:
    from kitar.ingest.pipeline import process_file

    _, minutes = process_file(samples / "syddjurs-puk-2013-06-20" / "referat.docx")
    rows = compare_meeting(minutes)
    assert [(r.key, r.outcome) for r in rows] == [("715", "postponed")]
