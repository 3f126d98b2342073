"""One test per rule family of the evidence-based parser (issue 9), on small fictitious texts
in the shapes that several publishing systems print: the items (their headings, the list of
items, what is no item) and whether a text is a meeting at all. Decisions, recommendations,
presenters and meeting fields are in tests/test_parse_evidence_fields.py."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from kitar.cli.app import app
from kitar.model import Meeting
from kitar.parse.meeting import analyse_document, parse_document
from kitar.read.txt import parse_text
from tests.parse_helpers import doc_from_lines


def _parse(text: str) -> Meeting:
    return parse_document(parse_text(text))


def _items(meeting: Meeting) -> list[tuple[str | None, str]]:
    return [(i.number, i.title) for i in meeting.items]


# ---- item headings -----------------------------------------------------------------------


def test_punkt_alone_takes_the_title_from_the_next_line() -> None:
    m = _parse(
        "Referat\n\nPkt. 12\n\nGodkendelse af dagsorden\n\nSagsnr. 104455\n\nBeslutning\n\n"
        "Godkendt.\n\nPkt. 13\n\nNy svømmehal i Nordby\n\nSagsnr. 204466\n\nBeslutning\n\n"
        "Udsat.\n"
    )
    assert _items(m) == [("12", "Godkendelse af dagsorden"), ("13", "Ny svømmehal i Nordby")]
    assert [i.case_id for i in m.items] == ["104455", "204466"]


def test_number_after_the_title() -> None:
    m = _parse(
        "Byrådet\n\n12-03-2024\n\nSpørgetid\nSag nr. 41\n\nBeslutning\n\nIngen spørgsmål.\n\n"
        "Ny lokalplan for Østbyen\nSag nr. 42\n\nIndstilling\n\nForvaltningen indstiller,\n\n"
        "at lokalplanen vedtages.\n\nBeslutning\n\nGodkendt.\n"
    )
    assert _items(m) == [("41", "Spørgetid"), ("42", "Ny lokalplan for Østbyen")]
    assert m.items[1].recommendations == ["lokalplanen vedtages"]
    assert [i.case_id for i in m.items] == [None, None]  # "Sag nr." was the item number


def test_bare_number_heading_with_decimal_subitems() -> None:
    doc = doc_from_lines(
        [
            "Referat",
            "# 1 Mødekalender",
            "1.1 Status siden sidst",
            "Oplæg:",
            "Kalenderen er opdateret.",
            "Referat: Godkendt uden bemærkninger.",
            "# 2 Eventuelt",
            "Oplæg:",
            "Referat:",
        ]
    )
    m = parse_document(doc)
    assert _items(m) == [("1", "Mødekalender"), ("2", "Eventuelt")]
    assert [s.number for s in m.items[0].subitems] == ["1.1"]
    assert "Godkendt uden bemærkninger" in (m.items[0].decision or "")


def test_heading_repeated_as_a_title_line_is_one_item() -> None:
    m = _parse(
        "Økonomiudvalget – Referat – 3. april 2024\n\n1. Godkendelse af dagsorden\n\n"
        "1.     Godkendelse af dagsorden\n\nSagsnr.: 24-0001   Dok.nr.: 24-1001   Åbent\n"
        "Beslutning i Økonomiudvalget den 3. april 2024:\nGodkendt.\n"
    )
    assert _items(m) == [("1", "Godkendelse af dagsorden")]
    assert m.items[0].decision == "Godkendt."
    assert not m.items[0].sections or "Godkendelse af dagsorden" not in m.items[0].sections[0].text


def test_more_heading_forms_are_items() -> None:
    """`§ 12.`, `Dagsordenspunkt 3:`, `Ad punkt 4.`, `5) …`, `6 - …` (agenda.toml forms)."""
    m = _parse(
        "Referat\n\n§ 12. Godkendelse af dagsorden\n\nSagsnr.: 26/100\n\n"
        "Dagsordenspunkt 13: Vejplan 2030\n\nSagsnr.: 26/101\n\n"
        "Ad punkt 14. Skolestruktur\n\nSagsnr.: 26/102\n\n"
        "15) Budgetopfølgning\n\nSagsnr.: 26/103\n\n16 - Eventuelt\n\nSagsnr.: 26/104\n"
    )
    assert _items(m) == [
        ("12", "Godkendelse af dagsorden"),
        ("13", "Vejplan 2030"),
        ("14", "Skolestruktur"),
        ("15", "Budgetopfølgning"),
        ("16", "Eventuelt"),
    ]


def test_web_toggle_run_into_a_title_is_cut_out() -> None:
    """A reader ran the page's toggle into the heading: `… 2025 fold dette punkt ind Resume`."""
    doc = doc_from_lines(
        [
            "Referat",
            "# 1. Orientering om ny plan 2025 fold dette punkt ind Resume",
            "Sagsnr. 24/1234",
            "Udvalget orienteres om planen.",
        ]
    )
    item = parse_document(doc).items[0]
    assert item.title == "Orientering om ny plan 2025"
    assert item.case_id == "24/1234"


def test_a_bracketed_name_under_a_heading_ends_its_title() -> None:
    from kitar.model import Block, Document

    blocks = [
        Block("paragraph", "Dagsorden", 1),
        Block("heading", "1. Status fra Fælles Data & Infrastruktur", 1, bold=True),
        Block("paragraph", "(FDI)", 1),
        Block("paragraph", "v. Anna Holm, KL", 1),
        Block("heading", "2. Eventuelt", 1, bold=True),
    ]
    m = parse_document(Document(path="t.pdf", format="pdf", pages=1, blocks=blocks))
    assert _items(m) == [("1", "Status fra Fælles Data & Infrastruktur (FDI)"), ("2", "Eventuelt")]
    assert [p.name for p in m.items[0].presenters] == ["Anna Holm"]


def test_a_presenter_line_run_into_its_heading_is_split_off() -> None:
    """The heading filled its line and the presenter line followed one pitch below."""
    from kitar.model import Block, Document

    blocks = [
        Block("paragraph", "Dagsorden", 1),
        Block("list_item", "Arkitektur for sagsstyring – LUKKET PUNKT v. Anna Holm, KL", 1,
              marker="1."),
        Block("paragraph", "Indstilling", 1),
        Block("paragraph", "Det indstilles, at rådet drøfter analysen.", 1),
        Block("list_item", "Eventuelt", 1, marker="2."),
    ]  # fmt: skip
    m = parse_document(Document(path="t.pdf", format="pdf", pages=1, blocks=blocks))
    assert _items(m) == [("1", "Arkitektur for sagsstyring"), ("2", "Eventuelt")]
    assert m.items[0].closed
    assert [(p.name, p.organisation) for p in m.items[0].presenters] == [("Anna Holm", "KL")]


# ---- the list of items -------------------------------------------------------------------


def test_items_named_only_in_the_list_are_items() -> None:
    m = _parse(
        "Sundhedsudvalget - Referat - 5. marts 2024\n\n  1. Orientering om nye tilbud\n"
        "  2. Budgetopfølgning\n  3. LUKKET PUNKT - Salg af ejendom\n\n\nSagsnr. 24/1234\n"
        "  1. Orientering om nye tilbud\n\nSagsfremstilling\n\nUdvalget orienteres om tilbud.\n"
    )
    assert _items(m) == [
        ("1", "Orientering om nye tilbud"),
        ("2", "Budgetopfølgning"),
        ("3", "Salg af ejendom"),
    ]
    assert [i.closed for i in m.items] == [False, False, True]
    assert m.items[0].case_id == "24/1234"


def test_flattened_list_with_page_references() -> None:
    line = (
        "Indholdsfortegnelse Til efterretning - for åbne døre...i 4. Kvartalsrapport for "
        "skoleområdet...i 5. Ny hjemmeside...ii Til behandling - for lukkede døre...iii "
        "6. Lukket sag: Personalesag...iii"
    )
    m = _parse(f"Kommunalbestyrelsen Referat Dato: Tirsdag den 7-maj-2024\n\n{line}\n")
    assert _items(m) == [("4", "Kvartalsrapport for skoleområdet"), ("5", "Ny hjemmeside"),
                         ("6", "Personalesag")]  # fmt: skip
    assert [i.closed for i in m.items] == [False, False, True]
    assert (m.meeting.kind, m.meeting.date, m.meeting.body) == (
        "minutes",
        "2024-05-07",
        "Kommunalbestyrelsen",
    )


def test_numbered_list_inside_an_item_is_not_the_list_of_items() -> None:
    lines = ["Dagsorden"]
    for n, title in enumerate(["Budget 2025", "Skolestruktur", "Eventuelt"], 1):
        lines += [f"# {n}. {title}", f"Sagsnr.: 24/{n}00"]
        if n == 2:
            lines += ["Forslaget har tre dele:", "1. Justering af rammen", "2. Ny fordeling"]
    m = parse_document(doc_from_lines(lines))
    assert [i.number for i in m.items] == ["1", "2", "3"]


def test_a_numbered_list_opened_by_a_colon_is_no_item_all_the_way_down() -> None:
    """`… tre hovedelementer:` / `1. …` / `2. …` / `3. …` set as plain numbered lines (a PDF
    without bold headings): the list's 3 is not item 3, however it continues the chain."""
    from kitar.model import Block, Document

    def block(text: str) -> Block:
        num, _, rest = text.partition(". ")
        if num.isdigit():
            return Block("list_item", rest, 1, marker=f"{num}.")
        return Block("paragraph", text, 1)

    lines = [
        "Dagsorden", "1. Velkommen", "v. Anna Holm, KL", "2. Ny arkitektur", "v. Bo Lind, KL",
        "Initiativet består af tre hovedelementer:", "1. Fælles styring", "2. Fælles data",
        "3. Fælles infrastruktur", "Det videre arbejde aftales.", "3. Høringssager:",
        "Arkitekturrapport for platformen", "Det indstilles, at rapporten tages til efterretning.",
        "4. Ny løsning til borgerservice", "v. Carl Dam, KL", "5. Eventuelt",
    ]  # fmt: skip
    doc = Document(path="t.pdf", format="pdf", pages=1, blocks=[block(t) for t in lines])
    m = parse_document(doc)
    assert [n for n, _ in _items(m)] == ["1", "2", "3", "4", "5"]
    assert m.items[2].title.startswith("Høringssager")


def test_a_flattened_contents_line_broken_by_the_reader_keeps_every_entry() -> None:
    """A word processor's line break left `92.` as a list item's marker and two entries with
    page references in its text: both are entries."""
    from kitar.model import Block
    from kitar.parse.itemlist import unglue

    blocks = [
        Block("paragraph", "Indholdsfortegnelse Til efterretning...i 89. Budgetopfølgning...i "
              "90. Status for skolerne...ii", 1),
        Block("list_item", "Henvendelse fra et medlem...iv 93. Årsberetning og regnskab v", 1,
              marker="92."),
        Block("paragraph", "Udvalget drøftede 3. og 4. kvartal af 2026 og godkendte planen.", 1),
    ]  # fmt: skip
    texts = [b.text for b in unglue(blocks)]
    assert "89. Budgetopfølgning...i" in texts and "90. Status for skolerne...ii" in texts
    assert texts[-3:] == [
        "92. Henvendelse fra et medlem...iv",
        "93. Årsberetning og regnskab v",
        "Udvalget drøftede 3. og 4. kvartal af 2026 og godkendte planen.",
    ]


def test_a_list_of_items_with_number_and_title_on_two_lines() -> None:
    """A list set as a table, one cell a line: `1.` then `Godkendelse af dagsorden`."""
    m = _parse(
        "Referat\n\nPUNKTER\n\n1.\n\nGodkendelse af dagsorden\n\n2.\n\nBeslutning om budget\n\n"
        "3.\n\nEventuelt\n\n1.\n\nGodkendelse af dagsorden\n\nSagsnr.: 26/100\n\nBeslutning\n\n"
        "Godkendt.\n"
    )
    assert _items(m) == [
        ("1", "Godkendelse af dagsorden"),
        ("2", "Beslutning om budget"),
        ("3", "Eventuelt"),
    ]


# ---- is it a meeting? --------------------------------------------------------------------


def test_report_chapters_with_a_table_of_contents_are_not_a_meeting() -> None:
    doc = doc_from_lines(
        [
            "Indhold",
            "1. Forord 3",
            "2. Baggrund 5",
            "3. Anbefalinger 9",
            "# 1. Forord",
            "Rapporten beskriver den digitale udvikling i kommunerne.",
            "# 2. Baggrund",
            "Kommunerne har arbejdet med data i mange år.",
            "# 3. Anbefalinger",
            "Vi anbefaler mere samarbejde.",
        ]
    )
    parsed = analyse_document(doc)
    assert parsed.meeting.items == []
    assert not parsed.verdict.is_meeting
    assert "ingen dagsordenstitel" in parsed.verdict.reasons[0]


def test_explain_cli(tmp_path: Path) -> None:
    path = tmp_path / "referat.txt"
    path.write_text(
        "Referat\n\nPUNKTER\n\n1. Godkendelse af dagsorden\n2. Eventuelt\n\n\n"
        "1. Godkendelse af dagsorden\n\nBeslutning\n\nGodkendt.\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, ["parse", str(path), "--explain"])
    assert result.exit_code == 0, result.output
    out = result.output
    assert "møde: ja" in out
    assert "punktliste (varslet af en overskrift): 1, 2" in out
    assert "+4.0 i punktlisten" in out
    assert "✓ blok" in out and "valgt" in out
    assert "punkter: 2 (1, 2*)" in out
