"""One test per rule family of the evidence-based parser (issue 9), on small fictitious texts
in the shapes that several publishing systems print: what an item says (decisions,
recommendations, presenters, who was absent) and the meeting's own fields. The items
themselves are in tests/test_parse_evidence.py."""

from __future__ import annotations

from kitar.model import Meeting
from kitar.parse.meeting import parse_document
from kitar.read.txt import parse_text
from tests.parse_helpers import doc_from_lines


def _parse(text: str) -> Meeting:
    return parse_document(parse_text(text))


def _items(meeting: Meeting) -> list[tuple[str | None, str]]:
    return [(i.number, i.title) for i in meeting.items]


# ---- decisions ---------------------------------------------------------------------------


def test_committee_line_with_date_and_item_number_is_a_decision_label() -> None:
    m = _parse(
        "Referat\n\nPkt. 7 Meddelelser fra formanden\n\n"
        "Sagsnr. 123456 Kulturudvalget Åbent punkt\n\n"
        "Kulturudvalget, 03-04-2024, pkt. 7\n\nOrienteringen blev taget til efterretning.\n\n"
        "Fraværende: Bo Lind (V)\n"
    )
    item = m.items[0]
    assert item.decision == "Orienteringen blev taget til efterretning."
    assert item.decisions[0].date == "2024-04-03"
    assert item.absent == ["Bo Lind (V)"]
    assert not item.closed


def test_title_starting_with_beslutning_om_is_not_a_decision() -> None:
    m = _parse(
        "Referat\n\nPUNKTER\n\n5. Beslutning om nye åbningstider\n6. Eventuelt\n\n\n"
        "5. Beslutning om nye åbningstider\n\nIndstilling\n\nAdministrationen indstiller, at:\n\n"
        "  1. åbningstiderne godkendes\n\nBeslutning i Kulturudvalget den 04-06-2024\n\nGodkendt\n"
    )
    item = m.items[0]
    assert item.title == "Beslutning om nye åbningstider"
    assert item.recommendations == ["åbningstiderne godkendes"]
    assert item.decision == "Godkendt"
    assert item.decisions[0].body == "Kulturudvalget"


def test_a_committees_undated_decision_label() -> None:
    m = _parse(
        "Referat\n\n7. Godkendelse af dagsorden\n\nSagsnr. 26/2001\n\n"
        "Kultur- og Fritidsudvalgets beslutning\n\nGodkendt.\n\n"
        "8. Byrådets beslutning om budgettet\n\nSagsnr. 26/2002\n\n"
        "Beslutning\n\nTaget til efterretning.\n"
    )
    assert [(i.number, i.title) for i in m.items][1] == ("8", "Byrådets beslutning om budgettet")
    assert [(d.text, d.body) for d in m.items[0].decisions] == [
        ("Godkendt.", "Kultur- og Fritidsudvalget")
    ]


def test_absent_label_before_the_text() -> None:
    m = _parse(
        "Referat\n\n1. Godkendelse af dagsorden\nSagsnr.: 24-0009\n"
        "Beslutning i Byrådet den 1. oktober 2024:\nFraværende: \nGodkendt.\n"
    )
    assert m.items[0].decision == "Godkendt."
    assert m.items[0].absent == []


def test_absent_lines_joined_into_a_decision_are_names() -> None:
    """A reader that joined "Fraværende: Bo Lind" and the decision into one block."""
    doc = doc_from_lines(
        ["Referat", "# 1. Vejplan 2030", "Sagsnr. 26/1235",
         "Teknik- og Miljøudvalgets beslutning den 3. marts 2026\nFraværende: Bo Lind",
         "Indstillingen godkendt.\nFraværende: Carl Dam", "# 2. Eventuelt"]
    )  # fmt: skip
    item = parse_document(doc).items[0]
    assert item.decisions[0].text == "Indstillingen godkendt."
    assert item.absent == ["Bo Lind", "Carl Dam"]


# ---- recommendations ---------------------------------------------------------------------


def test_recommendation_forms() -> None:
    m = _parse(
        "Dagsorden\n\n1. Anlægsprojekt ved hallen\n\nSagsnr.: 24/555\n\nIndstilling\n\n"
        "Direktøren for Kultur indstiller til Byrådet:\n\n1. At der tages stilling til sagen.\n"
        "2. At projektet igangsættes den 12. marts 2025.\n\n"
        "2. Ny strategi\n\nSagsnr.: 24/556\n\nIndstilling\n\n"
        "Forvaltningen indstiller, at strategien drøftes.\n"
    )
    assert m.items[0].recommendations == [
        "der tages stilling til sagen",
        "projektet igangsættes den 12. marts 2025",
    ]
    assert m.items[1].recommendations == ["strategien drøftes"]


def test_clauses_whose_bullets_were_lost_follow_a_lead_in_with_a_colon() -> None:
    """A printer that could not set the bullet glyph leaves the clauses as plain paragraphs."""
    m = _parse(
        "Dagsorden\n\n1. Ny strategi for skolerne\n\nv. Anna Holm, Testrup Kommune\n\n"
        "Indstilling\n\nDet indstilles, at:\n\nUdvalget drøfter strategiens hovedpunkter.\n\n"
        "Udvalget giver input til det videre arbejde.\n\nB\n\nSagsfremstilling\n\n"
        "Forvaltningen har udarbejdet et udkast.\n\n2. Eventuelt\n"
    )
    assert m.items[0].recommendations == [
        "Udvalget drøfter strategiens hovedpunkter",
        "Udvalget giver input til det videre arbejde",
    ]


def test_lettered_clauses_after_a_lead_in_are_clauses_not_subitems() -> None:
    m = _parse(
        "Dagsorden\n\n1. Budgetopfølgning\n\nSagsnr.: 26/100\n\n"
        "Økonomidirektøren indstiller, at:\n\na) budgetopfølgningen tages til efterretning\n\n"
        "b) tillægsbevillinger godkendes\n\n"
        "2. Eventuelt\n"
    )
    assert m.items[0].subitems == []
    assert m.items[0].recommendations == [
        "budgetopfølgningen tages til efterretning",
        "tillægsbevillinger godkendes",
    ]


def test_lead_in_naming_its_recipients_and_a_bare_dated_decision_label() -> None:
    m = _parse(
        "Referat\n\n1. Regnskab 2025\n\nSagsnr.: 26/1235 | Dok.nr.: 26/98766\n\nIndstilling\n\n"
        "Direktionen indstiller til Økonomiudvalget og Byrådet, at\n\n• regnskabet godkendes\n\n"
        "Beslutning Økonomiudvalget den 12-06-2026\n\nAnbefales over for Byrådet.\n\n"
        "2. Tilskud\n\nSagsnr.: 26/1236\n\n"
        "Forvaltningen indstiller til udvalget at tilskuddet fordeles som foreslået.\n"
    )
    first, second = m.items
    assert first.recommendations == ["regnskabet godkendes"]
    assert [(d.text, d.body, d.date) for d in first.decisions] == [
        ("Anbefales over for Byrådet.", "Økonomiudvalget", "2026-06-12")
    ]
    assert second.recommendations == ["tilskuddet fordeles som foreslået"]


# ---- presenters --------------------------------------------------------------------------


def test_a_presenter_line_broken_inside_a_name_goes_on_in_the_next_block() -> None:
    """`v. … og Bo Lind` / `Dam, Testrup Kommune`: text printed with its own line breaks."""
    doc = doc_from_lines(
        ["Dagsorden", "# 1. Ny strategi", "v. Anna Holm, KL og Bo Lind", "Dam, KL", "Baggrund",
         "Strategien er klar.", "# 2. Eventuelt", "v. Carl Dam, KL", "Fiktivby, Testrup"]
    )  # fmt: skip
    m = parse_document(doc)
    assert [(p.name, p.organisation) for p in m.items[0].presenters] == [
        ("Anna Holm", "KL"),
        ("Bo Lind Dam", "KL"),
    ]
    assert [p.name for p in m.items[1].presenters] == ["Carl Dam"]  # the line ended complete


# ---- meeting fields ----------------------------------------------------------------------


def test_meeting_fields_from_title_lines() -> None:
    m = _parse(
        "Referat til mødet i Udvalget for Kultur og Fritid den 2. marts 2024 kl. 15:30\n\n"
        "1. Godkendelse af dagsorden\n\nBeslutning\n\nGodkendt.\n"
    )
    assert (m.meeting.kind, m.meeting.body, m.meeting.date) == (
        "minutes",
        "Udvalget for Kultur og Fritid",
        "2024-03-02",
    )
    m = _parse(
        "UDVALG\n\nUdvalget for Ældre\n\nMØDE\n\nReferat\n\nSTARTTIDSPUNKT\n\n"
        "04-06-2024 09:00:00\n\n1. Godkendelse af dagsorden\n\nBeslutning\n\nGodkendt.\n"
    )
    assert (m.meeting.kind, m.meeting.body, m.meeting.date) == (
        "minutes",
        "Udvalget for Ældre",
        "2024-06-04",
    )
    m = _parse("Referat\n\nDato: Onsdag, April 3, 2024 - 18:00\n\nPkt. 1 Meddelelser\n\nIngen.\n")
    assert m.meeting.date == "2024-04-03"


def test_a_committee_name_set_in_capitals_is_the_body() -> None:
    m = _parse(
        "TEKNIK- OG MILJØUDVALGET\n\nDagsorden\n\nMandag den 9. februar 2026\n\n"
        "1. Godkendelse af dagsorden\n\nSagsnr.: 26/100\n\n2. Eventuelt\n"
    )
    assert (m.meeting.body or "").casefold() == "teknik- og miljøudvalget"
