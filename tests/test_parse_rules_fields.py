"""One test per parsing rule, on fictitious text: what an item says (decisions,
recommendations, annexes, presenters) and the meeting's own fields. The items themselves are
in tests/test_parse_rules.py."""

from __future__ import annotations

import pytest

from kitar.parse.meeting import parse_document
from kitar.parse.presenters import parse_presenters
from tests.parse_helpers import doc_from_lines

# ---- decisions ---------------------------------------------------------------------------


def test_lettered_subitems_and_genitive_decision() -> None:
    doc = doc_from_lines(
        [
            "# 1. Meddelelser",
            "Sagsnr.: 2024-11",
            "a. Møder",
            "b. Konference om sundhed",
            "Bilag",
            "2024-208960 - Program for konferencen",
            "c. Status",
            "Sundhedsudvalgets beslutning den 04.12.2024 Punkt 1",
            "Taget til efterretning",
            "Følgende deltog ikke i behandlingen af punktet:",
            "Ole Hansen (V)",
        ]
    )
    item = parse_document(doc).items[0]
    assert [s.number for s in item.subitems] == ["1.a", "1.b", "1.c"]
    assert item.subitems[1].annexes[0].ref == "2024-208960"
    assert item.decision == "Taget til efterretning"
    assert item.decisions[0].date == "2024-12-04"
    assert item.decisions[0].body == "Sundhedsudvalget"
    assert item.absent == ["Ole Hansen (V)"]


def test_an_extract_without_cover_takes_date_and_body_from_its_latest_decision() -> None:
    lines = [
        "# 4. Kulturplan",
        "Sagsnr.: 13/1",
        "Beslutning i Kulturudvalget den 10-04-2024",
        "Punktet blev drøftet.",
        "Sundhedsudvalgets beslutning den 24.04.2024 Punkt 4",
        "Godkendt.",
    ]
    info = parse_document(doc_from_lines(lines)).meeting
    assert (info.date, info.body) == ("2024-04-24", "Sundhedsudvalget")
    cover = ["Referat", "Kulturudvalget", "Mandag den 6. maj 2024 kl. 16.00"]
    with_cover = parse_document(doc_from_lines(cover + lines))
    assert (with_cover.meeting.date, with_cover.meeting.body) == ("2024-05-06", "Kulturudvalget")


def test_several_dated_decisions_kept_in_order() -> None:
    doc = doc_from_lines(
        [
            "# 12. Kulturplan",
            "Sagsnr.: 13/1",
            "Indstilling",
            "Direktøren indstiller, at udvalget drøfter planen.",
            "Beslutning i Kulturudvalget den 10-04-2024",
            "Punktet blev drøftet.",
            "Beslutning i Kulturudvalget den 24-04-2024",
            "Punktet genoptages.",
            "Fraværende: Eva Ibsen (A)",
        ]
    )
    item = parse_document(doc).items[0]
    assert item.recommendations == ["udvalget drøfter planen"]
    assert [(d.date, d.text) for d in item.decisions] == [
        ("2024-04-10", "Punktet blev drøftet."),
        ("2024-04-24", "Punktet genoptages."),
    ]
    assert item.decision == "Punktet genoptages."
    assert item.decisions[1].absent == ["Eva Ibsen (A)"]


def test_empty_decision_field_is_no_decision_and_table_ends_decision() -> None:
    from kitar.model import Block

    doc = doc_from_lines(["# 1. Budget", "Sagsnr.: 2024-11", "# Beslutning"])
    assert parse_document(doc).items[0].decisions == []
    doc.blocks.append(Block("paragraph", "Godkendt med den bemærkning, at rammen holdes.", 1))
    doc.blocks.extend(Block("table_cell", c, 1) for c in ["Handling", "Ansvarlig", "Frist"])
    item = parse_document(doc).items[0]
    assert item.decision == "Godkendt med den bemærkning, at rammen holdes."


# ---- recommendations ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "clauses"),
    [
        (
            "Det indstilles: At 1) planen godkendes At 2) budgettet frigives",
            ["planen godkendes", "budgettet frigives"],
        ),
        (
            "Direktionen indstiller, at 1. Planen godkendes 2. Budgettet frigives.",
            ["Planen godkendes", "Budgettet frigives"],
        ),
        (
            "Center for Ejendomme indstiller, at A) Arbejderne godkendes. B) Bevillingen gives.",
            ["Arbejderne godkendes", "Bevillingen gives"],
        ),
    ],
)
def test_recommendation_clause_forms(text: str, clauses: list[str]) -> None:
    doc = doc_from_lines(["# 1. Sag", "Sagsnr.: 1", "Indstilling", text])
    assert parse_document(doc).items[0].recommendations == clauses


# ---- annexes -----------------------------------------------------------------------------


def test_annex_access_forms() -> None:
    doc = doc_from_lines(
        [
            "# 4. Budget",
            "Sagsnr.: 1",
            "Bilag",
            "1. Åben - Notat om budget.pdf",
            "2. Lukket - Tilbud fra leverandør",
        ]
    )
    annexes = parse_document(doc).items[0].annexes
    assert [(a.number, a.title, a.confidential) for a in annexes] == [
        (1, "Notat om budget.pdf", False),
        (2, "Tilbud fra leverandør", True),
    ]


def test_annex_entries_merged_into_one_block_are_split() -> None:
    doc = doc_from_lines(
        [
            "# 7. Kulturplan",
            "Sagsnr.: 13/1",
            "Bilag",
            "1 Åben Notat fra temamødet 222359/12 2 Lukket Tilbud fra rådgiver 73288/09",
        ]
    )
    annexes = parse_document(doc).items[0].annexes
    assert [(a.number, a.title, a.ref, a.confidential) for a in annexes] == [
        (1, "Notat fra temamødet", "222359/12", False),
        (2, "Tilbud fra rådgiver", "73288/09", True),
    ]


def test_annex_table_rows_from_word() -> None:
    from kitar.model import Block

    doc = doc_from_lines(["# 7. Kulturplan", "Sagsnr.: 13/1", "Bilag"])
    cells = [
        "1",
        "Åben",
        "Notat fra temamødet",
        "222359/12",
        "2",
        "Åben",
        "Kulturpolitik",
        "73288/09",
        "Underskriftsside",
        "Anne Ravn (A)",
    ]
    doc.blocks.extend(Block("table_cell", c, 1) for c in cells)
    annexes = parse_document(doc).items[0].annexes
    assert [(a.number, a.title, a.ref) for a in annexes] == [
        (1, "Notat fra temamødet", "222359/12"),
        (2, "Kulturpolitik", "73288/09"),
    ]


# ---- presenters --------------------------------------------------------------------------


def test_presenter_parser_handles_roles_without_organisation() -> None:
    people = parse_presenters("v. Ida Krog, chefkonsulent")
    assert [(p.name, p.role) for p in people] == [("Ida Krog", "chefkonsulent")]


def test_known_organisation_that_looks_like_a_name() -> None:
    people = parse_presenters("v. Hans Vig, Danske Regioner og Ida Krog, KL")
    assert [(p.name, p.organisation) for p in people] == [
        ("Hans Vig", "Danske Regioner"),
        ("Ida Krog", "KL"),
    ]


# ---- meeting fields ----------------------------------------------------------------------


def test_meeting_metadata_from_cover() -> None:
    doc = doc_from_lines(
        [
            "Referat",
            "Børne- og Ungeudvalget",
            "tirsdag den 4. marts 2025, kl. 16:00",
            "i Mødelokale 2 på Rådhuset",
            "Tilstede",
            "Anne Ravn (A) - formand",
            "Bent Sø (V)",
            "Afbud",
            "Carla Dam (F)",
            "@2",
            "# 1. Meddelelser",
            "Sagsnr.: 1",
            "Beslutning",
            "Taget til efterretning",
        ]
    )
    info = parse_document(doc).meeting
    assert info.kind == "minutes" and info.body == "Børne- og Ungeudvalget"
    assert (info.date, info.time) == ("2025-03-04", "16:00")
    assert info.location == "Mødelokale 2 på Rådhuset"
    assert info.attendees == ["Anne Ravn (A) - formand", "Bent Sø (V)"]
    assert info.absent == ["Carla Dam (F)"]


_FLAT_COVER = (
    "Testrup Kommune Økonomiudvalget Referat Dato: Starttidspunkt for møde: Kl Mødested: "
    "Udsendelsesdato: Afbud fra: Tirsdag den 4-marts-2025 Rådhuset, mødelokale 2 Fraværende: "
    "Ingen. Mødedeltagere: Anna Holm, Bo Lind, Carl Berg Dam, Dorte Vang, Erik Sø, Frida Kjær"
)


@pytest.mark.parametrize("printed", [False, True])
def test_a_flattened_cover_under_a_printers_line_still_names_the_meeting(printed: bool) -> None:
    """A web page flattened to text puts its whole cover on one line; a browser's print adds
    a line over it ("4.3.2025 14.03  referat.txt"), which one page cannot show to repeat."""
    lines = [*(["4.3.2025 14.03 referat.txt"] if printed else []), _FLAT_COVER,
             "1. Godkendelse af dagsorden", "Dagsordenen blev gennemgået.",
             "2. Budgetopfølgning", "Forvaltningen orienterede om budgettet."]  # fmt: skip
    meeting = parse_document(doc_from_lines(lines)).meeting
    want = ("minutes", "Økonomiudvalget", "2025-03-04")
    assert (meeting.kind, meeting.body, meeting.date) == want


def test_a_decision_in_a_form_tables_cell_to_the_right_of_its_label() -> None:
    """Word minutes set as a form: a two-column table per item ("Beslutning" | "Godkendt."),
    one block per cell. The value is the cell to the right; the next row's label is not."""
    from kitar.model import Block, Document

    rows = [("Sagsnr.", "25/1001"),
            ("Indstilling", "Forvaltningen indstiller, at planen godkendes."),
            ("Beslutning", "Godkendt."), ("Bilag", "Ingen")]  # fmt: skip
    blocks = [Block("heading", "1. Godkendelse af plan for Testrup Havn", 1, level=1)]
    for label, value in rows:
        blocks += [Block("table_cell", label, 1, level=0), Block("table_cell", value, 1, level=1)]
    blocks += [Block("heading", "2. Eventuelt", 1, level=1), Block("paragraph", "Intet.", 1)]
    doc = Document(path="form.docx", format="docx", pages=1, blocks=blocks)
    item = parse_document(doc).items[0]
    assert [d.text for d in item.decisions] == ["Godkendt."]


def test_a_form_tables_presenter_row_and_a_line_of_numbered_annexes() -> None:
    """ "Fremlægges af" | "Anna Holm, Økonomiafdelingen" in a form table names the presenter;
    "Bilag 1: Budgetnotat Bilag 2: Tidsplan" (a Word line break, joined) is two annexes, while
    "Bilag 1: Svar på Bilag 3: …" (the numbers do not follow on) stays one."""
    from kitar.model import Block, Document

    blocks = [Block("heading", "1. Budgetopfølgning for Testrup Havn", 1, level=1),
              Block("table_cell", "Fremlægges af", 1, level=0),
              Block("table_cell", "Anna Holm, Økonomiafdelingen", 1, level=1),
              Block("paragraph", "Bilag 1: Budgetnotat Bilag 2: Tidsplan", 1),
              Block("heading", "2. Eventuelt", 1, level=1),
              Block("paragraph", "Bilag 1: Svar på Bilag 3: høringen", 1)]  # fmt: skip
    one, two = parse_document(Document("form.docx", "docx", 1, blocks)).items
    assert [(p.name, p.organisation) for p in one.presenters] == [
        ("Anna Holm", "Økonomiafdelingen")
    ]
    assert [(a.number, a.title) for a in one.annexes] == [(1, "Budgetnotat"), (2, "Tidsplan")]
    assert [(a.number, a.title) for a in two.annexes] == [(1, "Svar på Bilag 3: høringen")]
