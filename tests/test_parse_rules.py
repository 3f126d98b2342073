"""One test per parsing rule, on fictitious text: one agenda read rule by rule, then the
item headings and what is no item. What an item says (decisions, recommendations, annexes,
presenters) and the meeting's own fields are in tests/test_parse_rules_fields.py."""

from __future__ import annotations

import pytest

from kitar.parse.meeting import parse_document
from tests.parse_helpers import doc_from_lines

AGENDA = [
    "# 1. Velkommen og siden sidst",
    "v. Anna Holm, Formand for Kommunernes It-Arkitekturråd og Bo Lind, KL",
    "# 2. Fælles datadeling i kommunerne",
    "v. Carl Berg, KL og Dorte Friis og Erik Gade, Digitaliseringsstyrelsen",
    "Baggrund",
    "Initiativet består af tre hovedelementer:",
    "1. Fælles arkitekturstyring",
    "2. Fælles rammer for gode data",
    "3. Fælles rammer for infrastrukturer",
    "Indstilling",
    "Det indstilles, at:",
    "- It-Arkitekturrådet tager orienteringen til efterretning.",
    "- It-Arkitekturrådet drøfter planen.",
    "Bilag",
    "Bilag 1: Leveranceplan for datadeling - FORTROLIGT",
    "@2",
    "# 3. Høringssager:",
    "Arkitekturrapport for Borgerportalen",
    "v. Frida Hansen, KOMBIT",
    "Indstilling",
    "Det indstilles, at It-Arkitekturrådet orienteres om rapporten.",
    "Bilag 2: Høringssvar – borgerportalen",
    "Arkitekturrapport for Økonomisystemet",
    "Indstilling",
    "Det indstilles, at It-Arkitekturrådet tager rapporten til orientering.",
    "@3",
    "# 4. Arkitektur for socialområdet – LUKKET PUNKT",
    "v. Gitte Mørk, KL",
    "Det indstilles, at It-Arkitekturrådet:",
    "- Giver opbakning til analysen",
    "- Kommer med input",
    "# 5. Evt.",
]


@pytest.fixture(scope="module")
def agenda():
    return parse_document(doc_from_lines(AGENDA))


def test_numbered_items_and_inner_list_is_not_items(agenda) -> None:
    assert [i.number for i in agenda.items] == ["1", "2", "3", "4", "5"]
    assert agenda.items[1].title == "Fælles datadeling i kommunerne"


def test_evt_is_an_item(agenda) -> None:
    assert agenda.items[-1].title == "Evt."


def test_presenter_with_role_and_organisation(agenda) -> None:
    people = [(p.name, p.organisation, p.role) for p in agenda.items[0].presenters]
    assert people == [
        ("Anna Holm", None, "Formand for Kommunernes It-Arkitekturråd"),
        ("Bo Lind", "KL", None),
    ]


def test_organisation_after_group_applies_to_group(agenda) -> None:
    people = [(p.name, p.organisation) for p in agenda.items[1].presenters]
    assert people == [
        ("Carl Berg", "KL"),
        ("Dorte Friis", "Digitaliseringsstyrelsen"),
        ("Erik Gade", "Digitaliseringsstyrelsen"),
    ]


def test_recommendation_list_without_lead_in(agenda) -> None:
    assert agenda.items[1].recommendations == [
        "It-Arkitekturrådet tager orienteringen til efterretning",
        "It-Arkitekturrådet drøfter planen",
    ]


def test_confidential_annex(agenda) -> None:
    annex = agenda.items[1].annexes[0]
    assert (annex.number, annex.title, annex.confidential) == (
        1,
        "Leveranceplan for datadeling",
        True,
    )


def test_unnumbered_subitems_under_colon_title(agenda) -> None:
    item = agenda.items[2]
    assert item.title == "Høringssager"
    assert [s.title for s in item.subitems] == [
        "Arkitekturrapport for Borgerportalen",
        "Arkitekturrapport for Økonomisystemet",
    ]
    first = item.subitems[0]
    assert [p.name for p in first.presenters] == ["Frida Hansen"]
    assert first.recommendations == ["It-Arkitekturrådet orienteres om rapporten"]
    assert [a.title for a in first.annexes] == ["Høringssvar – borgerportalen"]
    assert item.subitems[1].recommendations == [
        "It-Arkitekturrådet tager rapporten til orientering"
    ]


def test_closed_item_marker_removed(agenda) -> None:
    item = agenda.items[3]
    assert item.closed and item.title == "Arkitektur for socialområdet"
    assert not any(i.closed for i in agenda.items if i.number != "4")


def test_lead_in_with_colon_then_list(agenda) -> None:
    assert agenda.items[3].recommendations == ["Giver opbakning til analysen", "Kommer med input"]


# ---- item headings and what is no item ---------------------------------------------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Punkt 3: Budgetopfølgning", ("3", "Budgetopfølgning")),
        (
            "715. Kulturkommune 2030. Politiske fokusområder",
            ("715", "Kulturkommune 2030. Politiske fokusområder"),
        ),
    ],
)
def test_item_heading_forms(line: str, expected: tuple[str, str]) -> None:
    doc = doc_from_lines([f"# {line}", "Sagsnr.: 24/1234", "Resumé", "Tekst."])
    items = parse_document(doc).items
    assert [(i.number, i.title) for i in items] == [expected]
    assert items[0].case_id == "24/1234"


def test_numbers_split_off_by_the_reader_still_make_items() -> None:
    from kitar.model import Block

    blocks = [
        Block("list_item", "Budget 2025", 1, marker="1."),
        Block("paragraph", "Sagsnr.: 2024-11", 1),
        Block("list_item", "Møder", 1, marker="a)"),
        Block("list_item", "Konferencer", 1, marker="b)"),
        Block("list_item", "Evt.", 2, marker="2."),
    ]
    from kitar.model import Document

    meeting = parse_document(Document(path="x.pdf", format="pdf", pages=2, blocks=blocks))
    assert [(i.number, i.title) for i in meeting.items] == [("1", "Budget 2025"), ("2", "Evt.")]
    assert [s.number for s in meeting.items[0].subitems] == ["1.a", "1.b"]


def test_toc_entries_are_not_items() -> None:
    doc = doc_from_lines(
        [
            "INDHOLDSFORTEGNELSE",
            "1. Meddelelser 3",
            "2. Budget 2025 4",
            "@3",
            "# 1. Meddelelser",
            "Sagsnr.: 2024-1",
            "# 2. Budget 2025",
            "Sagsnr.: 2024-2",
        ]
    )
    items = parse_document(doc).items
    assert [(i.number, i.page) for i in items] == [("1", 3), ("2", 3)]


def test_word_toc_style_is_not_an_item() -> None:
    from kitar.model import Block

    doc = doc_from_lines(["Indholdsfortegnelse"])
    doc.blocks.append(Block("paragraph", "12. Kulturplan 2", 1, style="toc 1"))
    doc.blocks.append(Block("table_cell", "12. Kulturplan", 2, style="Heading 1"))
    doc.blocks.append(Block("table_cell", "Sagsnr.:", 2))
    doc.blocks.append(Block("table_cell", "13/2745", 2))
    items = parse_document(doc).items
    assert [(i.number, i.page, i.case_id) for i in items] == [("12", 2, "13/2745")]


def test_closed_part_marks_following_items() -> None:
    doc = doc_from_lines(
        [
            "# 1. Budget",
            "Sagsnr.: 2024-11",
            "Lukket dagsorden",
            "# 2. Personalesag",
            "Sagsnr.: 2024-12",
        ]
    )
    assert [i.closed for i in parse_document(doc).items] == [False, True]


def test_closed_line_under_title() -> None:
    doc = doc_from_lines(["# 6. Personalesag", "Lukket punkt", "v. Ida Krog, KL", "# 7. Evt."])
    items = parse_document(doc).items
    assert [i.closed for i in items] == [True, False]
    assert all("Lukket" not in s.text for s in items[0].sections)


def test_report_without_meeting_structure_gives_no_items() -> None:
    doc = doc_from_lines(
        [
            "# 1. Indledning",
            "Rapporten handler om data.",
            "# 2. Metode",
            "Vi har interviewet kommuner.",
            "# 3. Resultater",
            "Resultaterne viser fremgang.",
        ]
    )
    meeting = parse_document(doc)
    assert meeting.items == []
    assert any("no agenda structure" in w for w in meeting.warnings)
