"""Follow-up extraction: who, what, by when, from where; noting is not an action."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kitar.model import Decision, FollowUp, Item, Meeting, MeetingInfo, Section, SourceInfo
from kitar.parse.followups import (
    extract_followups,
    organisations,
    split_sentences,
    takes_note,
)
from tests.minutes_fixtures import fictional_agenda, fictional_minutes


def _meeting(*items: Item, date: str = "2016-08-29") -> Meeting:
    return Meeting(
        SourceInfo("fiktiv.pdf", "", "pdf", 1),
        MeetingInfo(kind="minutes", body="Testrådet", date=date),
        items=list(items),
    )


def _one(text: str, where: str = "decision", **kw: object) -> list[FollowUp]:
    item = Item("3", "Testpunkt")
    if where == "decision":
        item.decisions = [Decision(text)]
    elif where == "recommendation":
        item.recommendations = [text]
    else:
        item.sections = [Section(where, text)]
    return extract_followups(_meeting(item), **kw)  # type: ignore[arg-type]


def test_sentence_split_keeps_abbreviations() -> None:
    text = (
        "Rådet drøftede bl.a. økonomien jf. notatet. KL sender f.eks. et udkast pr. 1. oktober. "
        "Sagen vedr. tidsplanen ift. KOMBIT afventer. Nyt afsnit!\nNæste linje"
    )
    assert split_sentences(text) == [
        "Rådet drøftede bl.a. økonomien jf. notatet.",
        "KL sender f.eks. et udkast pr. 1. oktober.",
        "Sagen vedr. tidsplanen ift. KOMBIT afventer.",
        "Nyt afsnit!",
        "Næste linje",
    ]


@pytest.mark.parametrize(
    ("text", "owner", "action", "due"),
    [
        ("KL sender høringssvaret senest den 30. september 2016.", "KL",
         "KL sender høringssvaret senest den 30. september 2016", "2016-09-30"),
        ("KOMBIT forelægger en tidsplan ultimo oktober.", "KOMBIT",
         "KOMBIT forelægger en tidsplan ultimo oktober", "2016-10-31"),
        ("Administrationen udarbejder et notat.", "Administrationen",
         "Administrationen udarbejder et notat", None),
        ("Kommunernes Landsforening indkalder til workshop i uge 40.", "KL",
         "Kommunernes Landsforening indkalder til workshop i uge 40", "2016-10-07"),
        ("Godkendt, idet det blev aftalt, at Sekretariatet skal indhente tilbud i 2. halvår 2016.",
         "Sekretariatet", "Sekretariatet skal indhente tilbud i 2. halvår 2016", "2016-12-31"),
        ("Styregruppen vender tilbage på næste møde.", "Styregruppen",
         "Styregruppen vender tilbage på næste møde", "2016-10-10"),
        ("Anne Fiktiv sender referatet ud inden for 14 dage.", "Anne Fiktiv",
         "Anne Fiktiv sender referatet ud inden for 14 dage", "2016-09-12"),
        ("KL og KOMBIT udarbejder et fælles oplæg i uge 40.", "KL og KOMBIT",
         "KL og KOMBIT udarbejder et fælles oplæg i uge 40", "2016-10-07"),
        ("Sagen genoptages på mødet i december.", None,
         "Sagen genoptages på mødet i december", "2016-12-31"),
    ],
)  # fmt: skip
def test_actions(text: str, owner: str | None, action: str, due: str | None) -> None:
    found = _one(text, known_meetings=["2016-10-10"])
    assert [(f.owner, f.action, f.due) for f in found] == [(owner, action, due)]
    assert found[0].sentence == text and found[0].origin == "decision"
    assert found[0].item_number == "3" and found[0].meeting_date == "2016-08-29"


def test_two_at_clauses_give_two_actions() -> None:
    found = _one("Det indstilles, at KL udarbejder et oplæg, og at KOMBIT sender data i uge 37.",
                 "recommendation")  # fmt: skip
    assert [(f.owner, f.due) for f in found] == [("KL", None), ("KOMBIT", "2016-09-16")]


@pytest.mark.parametrize(
    "text",
    [
        "Orienteringen blev taget til efterretning.",
        "Indstillingen tages til efterretning, og KL sender svar i uge 40.",
        "Rådet drøfter foranalysens konklusioner.",
        "It-Arkitekturrådet orienteres om rapporten i september 2016.",
        "KL sendte brevet i juni.",
        "KL har udarbejdet et notat.",
        "Sagen blev drøftet.",
        "Mødet sluttede kl. 15.00.",
    ],
)
def test_not_actions(text: str) -> None:
    assert _one(text) == []


def test_past_deadline_is_history() -> None:
    assert _one("KOMBIT leverer løsningen i juni 2016.") == []


def test_background_sections_give_no_followups() -> None:
    # issue 11: background describes, it does not assign, deadline or not
    assert _one("KL udarbejder løbende analyser.", "Sagsfremstilling") == []
    assert _one("KL udarbejder analysen i uge 40.", "Sagsfremstilling") == []
    assert len(_one("KL udarbejder løbende analyser.", "Videre proces")) == 1


def test_expectations_are_not_followups() -> None:
    assert _one("Kontrakten forventes sendt i EU-udbud i uge 40.", "Videre proces") == []
    assert len(_one("Sagen genoptages i uge 40.", "Videre proces")) == 1


def test_recommendation_clause_after_godkender_at() -> None:
    item = Item(
        "2",
        "Oplæg",
        recommendations=[
            "It-Arkitekturrådet godkender, at sekretariatet udarbejder et oplæg til en fælles model"
        ],
    )
    (found,) = extract_followups(_meeting(item))
    assert (found.owner, found.action[:25]) == ("Sekretariatet", "Sekretariatet udarbejder ")


def test_minutes_recommendations_stand_only_when_approved() -> None:
    rec = "forvaltningen udarbejder en evaluering til udvalgets møde i december"
    approved = Item("2", "A", recommendations=[rec], decisions=[Decision("Godkendt.")])
    postponed = Item("3", "B", recommendations=[rec], decisions=[Decision("Udsat.")])
    assert [f.item_number for f in extract_followups(_meeting(approved, postponed))] == ["2"]


def test_noted_decision_with_an_action_keeps_the_action() -> None:
    text = "Orienteringen blev taget til efterretning. KOMBIT sender en status i uge 40."
    (found,) = extract_followups(_meeting(Item("2", "A", decisions=[Decision(text)])))
    assert found.owner == "KOMBIT"


def test_item_that_only_takes_note_yields_nothing() -> None:
    item = Item(
        "1", "Meddelelser",
        recommendations=["Orienteringen tages til efterretning"],
        sections=[Section("Videre proces", "KL sender brevet i uge 40.")],
    )  # fmt: skip
    assert extract_followups(_meeting(item)) == []


def test_subitems_are_numbered_under_their_item() -> None:
    item = Item("3", "Høringer", subitems=[
        Item(None, "A", decisions=[Decision("Administrationen sender svaret i uge 40.")]),
        Item("b", "B", decisions=[Decision("KL sender svaret i uge 41.")]),
    ])  # fmt: skip
    assert [f.item_number for f in extract_followups(_meeting(item))] == ["3.1", "3.b"]


def test_duplicate_of_recommendation_in_decision_kept_once() -> None:
    text = "Administrationen forelægger en plan i uge 40."
    item = Item("2", "Plan", recommendations=[text], decisions=[Decision(text)])
    assert len(extract_followups(_meeting(item))) == 1


def test_fictional_minutes() -> None:
    found = extract_followups(fictional_minutes())
    owners = {(f.item_number, f.owner) for f in found}
    assert ("2", "Administrationen") in owners and ("2", "KOMBIT") in owners
    assert all(f.item_number != "1" for f in found)  # item 1 only takes note
    assert found[0].source.startswith("Udvalget for Digital Udvikling 2024-03-12, punkt 2")


def test_no_meeting_date_keeps_the_expression_only() -> None:
    m = fictional_agenda()
    m.meeting.date = None
    found = [f for f in extract_followups(m) if f.owner == "KOMBIT"]
    assert found[0].due is None and found[0].due_text == "i uge 20"


def test_organisations_file_and_aliases(tmp_path: Path) -> None:
    (tmp_path / "organisations.txt").write_text(
        "# comment\nKL = Kommunernes Landsforening\nDigitaliseringsstyrelsen\n"
        "Digst = Digitaliseringsstyrelsen\nFiktivbyens Vandværk\n",
        encoding="utf-8",
    )
    orgs = organisations(tmp_path)
    assert orgs["Kommunernes Landsforening"] == "KL"
    assert orgs["Digst"] == "Digitaliseringsstyrelsen"
    found = _one("Fiktivbyens Vandværk sender en måling i uge 40.", organisations_dir=tmp_path)
    assert found[0].owner == "Fiktivbyens Vandværk"


def test_takes_note_variants() -> None:
    assert takes_note("Sagen tages til efterretning")
    assert takes_note("Orienteringen blev taget til efterretning.")
    assert takes_note("Udvalget tog orienteringen til efterretning")
    assert not takes_note("KL sender et notat")


def test_kl_agenda_followups(samples: Path) -> None:
    from kitar.ingest.pipeline import process_file

    _, meeting = process_file(samples / "kl-itarkitekturraad-2016-08-29-agenda.txt")
    found = extract_followups(meeting)
    # its recommendations are for the council to discuss, its time plans are expectations
    # ("Foranalysen forventes færdig medio oktober 2016"): none of it assigns an action
    assert not [f for f in found if "forventes" in f.sentence]
    assert not [f for f in found if f.origin in ("section:Baggrund", "section:Sagsfremstilling")]
    assert all(f.due is None or f.due >= "2016-08-29" for f in found)
    assert all(not f.action.startswith(("-", "–")) for f in found)
    assert not [f for f in found if "orienteres" in f.action]


@given(st.lists(st.sampled_from(["KL sender bl.a. et notat.", "Jf. aftalen", "pr. 1. maj",
                                 "Godkendt!", "f.eks. KOMBIT", "Nyt", "\n", " ", "vedr. ift."]),
                max_size=12))  # fmt: skip
def test_sentence_split_never_loses_text(parts: list[str]) -> None:
    text = " ".join(parts)
    assert "".join(split_sentences(text)).replace(" ", "") == "".join(text.split())


def test_assessments_are_not_actions() -> None:
    from kitar.parse.followups import _is_action_verb

    assert not _is_action_verb("vurderer", has_due=True)
    assert not _is_action_verb("forventer", has_due=False)
    assert _is_action_verb("sender", has_due=False)
