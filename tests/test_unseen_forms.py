"""Forms of other publishing systems, one rule each, on fictitious minutes (issue 9's kinds
that the eval texts do not show): notes in a heading's brackets, access markers in other words
and places, case labels of other systems, decision labels in other wordings."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from kitar.parse.heading_notes import split_heading_notes
from kitar.parse.meeting import parse_document
from kitar.read.txt import parse_text

TITLES = [
    "Godkendelse af dagsorden",
    "Budgetopfølgning 2. kvartal",
    "Lokalplan 17 for Testrup Nord",
]


def minutes(
    heading: Callable[[int, str], str], body: Callable[[int], list[str]] | None = None
) -> str:
    """Three fictitious items under `heading(number, title)`, each with a case, recommendation
    and decision (or `body(number)`)."""
    lines = ["Teknik- og Miljøudvalget - Referat - 3. marts 2026", ""]
    for n, title in enumerate(TITLES, 1):
        lines += [heading(n, title), ""]
        lines += (
            body(n)
            if body
            else [
                f"Sagsnr.: 26/{1200 + n}",
                "",
                "Indstilling",
                "",
                "Forvaltningen indstiller, at sagen godkendes.",
                "",
                "Beslutning",
                "",
                "Godkendt.",
                "",
            ]
        )
    return "\n".join(lines)


def parsed(text: str):
    return parse_document(parse_text(text))


@pytest.mark.parametrize(
    ("title", "want"),
    [
        ("(Åben) Budgetopfølgning", ("Budgetopfølgning", False, None)),
        ("(Lukket punkt): Køb af ejendom", ("Køb af ejendom", True, None)),
        ("Budgetopfølgning (2026-0123456)", ("Budgetopfølgning", None, "2026-0123456")),
        ("(Sagsnr. 26/1234) Budgetopfølgning", ("Budgetopfølgning", None, "26/1234")),
        ("(Sag nr. 45) Budgetopfølgning", ("Budgetopfølgning", None, None)),
        ("Godkendelse af dagsorden (B)", ("Godkendelse af dagsorden (B)", None, None)),
        ("Budget (2026)", ("Budget (2026)", None, None)),
        ("Budgetopfølgning\tSagsnr.: 26/1234", ("Budgetopfølgning", None, "26/1234")),
        ("Opfølgning på sagsnr. 26/1234", ("Opfølgning på sagsnr. 26/1234", None, None)),
        ("Budget (2026-0123456)\tSagsnr.: 26/1234", ("Budget", None, "26/1234")),
        ("Budget\tSagsnr.: 26/1234 - Åbent punkt", ("Budget", False, "26/1234")),
    ],
)
def test_a_note_in_a_headings_brackets_leaves_the_title(title: str, want: tuple) -> None:
    note = split_heading_notes(title)
    assert (note.title, note.closed, note.case_id) == want


@pytest.mark.parametrize(
    "heading",
    [
        lambda n, t: f"Punkt {n} (Åben): {t}",
        lambda n, t: f"{n}. {t} (Åben)",
        lambda n, t: f"{n}. Åbent punkt: {t}",
        lambda n, t: f"{n}. {t} - Åbent punkt",
        lambda n, t: f"{n}. (Sag nr. {n + 40}) {t}",
        lambda n, t: f"Sag nr. {n} - {t}",
        lambda n, t: f"Sag nr. {n} {t}",
        lambda n, t: f"Punkt nr. {n}: {t}",
        lambda n, t: f"Dagsordenspunkt {n}\n\n{t}",
    ],
    ids=[
        "punkt-paren",
        "suffix",
        "prefix",
        "dash-suffix",
        "running-number",
        "sag-nr-dash",
        "sag-nr",
        "punkt-nr",
        "dagsordenspunkt-alone",
    ],
)
def test_headings_with_access_words_and_running_numbers_keep_their_titles(heading) -> None:
    m = parsed(minutes(heading))
    assert [(i.number, i.title, i.closed) for i in m.items] == [
        (str(n), t, False) for n, t in enumerate(TITLES, 1)
    ]
    assert [i.case_id for i in m.items] == ["26/1201", "26/1202", "26/1203"]


@pytest.mark.parametrize(
    "marked",
    ["{n}. Fortroligt: {t}", "{n}. [Lukket] {t}", "{n}. {t} - Lukket sag", "{n}. {t} (Fortroligt)"],
)
def test_closed_markers_in_other_words_close_the_item(marked: str) -> None:
    def heading(n: int, t: str) -> str:
        return marked.format(n=n, t=t) if n == 3 else f"{n}. {t}"

    m = parsed(minutes(heading))
    assert [(i.title, i.closed) for i in m.items] == [(t, n == 3) for n, t in enumerate(TITLES, 1)]


def test_a_case_number_in_the_headings_brackets_is_the_items_case_number() -> None:
    def body(n: int) -> list[str]:
        return ["Indstilling", "", "Forvaltningen indstiller, at sagen godkendes.", ""]

    m = parsed(minutes(lambda n, t: f"{n}. {t} (2026-00{n}4567)", body))
    assert [(i.title, i.case_id) for i in m.items] == [
        (t, f"2026-00{n}4567") for n, t in enumerate(TITLES, 1)
    ]


@pytest.mark.parametrize(
    "label",
    ["BESLUTNING", "Udvalgets beslutning", "Beslutning den 03.03.2026", "Referat"],
)
def test_decision_labels_in_other_wordings(label: str) -> None:
    def body(n: int) -> list[str]:
        return ["Sagsfremstilling", "", "Sagen forelægges.", "", label, "", f"Godkendt {n}.", ""]

    m = parsed(minutes(lambda n, t: f"{n}. {t}", body))
    assert [[d.text for d in i.decisions] for i in m.items] == [
        ["Godkendt 1."],
        ["Godkendt 2."],
        ["Godkendt 3."],
    ]


@pytest.mark.parametrize("label", ["Journalnr.:", "Acadre sagsnr.:", "Sags-id:", "Sag:"])
def test_case_labels_of_other_systems_above_the_heading(label: str) -> None:
    def heading(n: int, t: str) -> str:
        return f"{label} 26/{1200 + n}\n\n{n}. {t}"

    def body(n: int) -> list[str]:
        return ["Sagsfremstilling", "", "Sagen forelægges.", ""]

    m = parsed(minutes(heading, body))
    assert [i.case_id for i in m.items] == ["26/1201", "26/1202", "26/1203"]


def test_a_sentence_with_sag_and_a_colon_is_no_case_label() -> None:
    def body(n: int) -> list[str]:
        return ["Om denne sag: 12 borgere har klaget.", "", "Beslutning", "", "Godkendt.", ""]

    m = parsed(minutes(lambda n, t: f"{n}. {t}", body))
    assert [i.case_id for i in m.items] == [None, None, None]


@pytest.mark.parametrize("entry", ["  • Bilag_{n}_{k}.pdf", "  {k}. Bilag_{n}_{k}.pdf"])
def test_a_heading_repeated_after_its_annex_list_is_one_item(entry: str) -> None:
    """`• Pkt. 4 Titel` / `Bilag:` + a file a line / `Pkt. 4` / `Titel`: one item, its annexes."""
    lines = ["Referat", "Dato: 3. marts 2026", ""]
    for n, title in enumerate(TITLES, 4):
        lines += [f" • Pkt. {n} {title}", "", "  Bilag:", ""]
        lines += [entry.format(n=n, k=k) for k in range(1, 5)]
        lines += ["", f"  Pkt. {n}", "", f"  {title}", "", f"  Sagsnr. 26/12{n}", ""]
        lines += ["  Beslutning", "", "  Godkendt.", ""]
    m = parsed("\n".join(lines))
    assert [(i.number, len(i.annexes)) for i in m.items] == [("4", 4), ("5", 4), ("6", 4)]


@pytest.mark.parametrize("marker", ["*", "·"])
def test_bullets_copied_from_web_pages_and_symbol_fonts(marker: str) -> None:
    from kitar.text.normalize import split_bullet

    bullet = split_bullet(f"{marker} Notat om budget")
    assert bullet is not None and bullet.text == "Notat om budget"


def test_a_listed_heading_with_a_word_before_its_number_is_not_cut() -> None:
    """`Pkt. 1. Titel` in the list and as the body's heading, its case number above it: the
    heading is whole, not `Pkt.` and a heading run into it."""
    lines = ["Teknik- og Miljøudvalget - Referat - 3. marts 2026", "", "Dagsorden", ""]
    lines += [f"Pkt. {n}. {t}" for n, t in enumerate(TITLES, 1)]
    for n, title in enumerate(TITLES, 1):
        lines += [
            "",
            "",
            f"Sagsnr. 26/{1200 + n}",
            f"Pkt. {n}. {title}",
            "",
            "Beslutning",
            "",
            "Godkendt.",
        ]
    m = parsed("\n".join(lines))
    assert [(i.number, i.case_id) for i in m.items] == [
        ("1", "26/1201"),
        ("2", "26/1202"),
        ("3", "26/1203"),
    ]


def test_a_cover_date_in_capitals_is_the_meeting_date() -> None:
    """`24. SEPTEMBER 2026` on its own line: the reader may take `24.` for a list number."""
    cover = "Kommunalbestyrelsen\n\n24. SEPTEMBER 2026\n\nMedlemmer\n\nAnna Holm (A)\nBo Lind (V)"
    text = minutes(lambda n, t: f"{n}. {t}").replace(
        "Teknik- og Miljøudvalget - Referat - 3. marts 2026", cover
    )
    assert str(parsed(text).meeting.date) == "2026-09-24"


@pytest.mark.parametrize(
    "heading",
    [
        lambda n, t: f"## {n}. {t}",
        lambda n, t: f"**{n}. {t}**",
        lambda n, t: f"{n}. {t}\n" + "=" * 30,
        lambda n, t: "-" * 40 + f"\n\n{n}. {t}\n" + "-" * 40,
    ],
    ids=["markdown-heading", "markdown-bold", "underlined", "ruled"],
)
def test_text_markup_around_headings_is_layout_not_text(heading: Callable[[int, str], str]) -> None:
    m = parsed(minutes(heading))
    assert [(i.number, i.title) for i in m.items] == [(str(n), t) for n, t in enumerate(TITLES, 1)]
    assert not any("=" in b.text or "--" in b.text for b in parse_text(minutes(heading)).blocks)


def test_numbered_headings_apart_from_each_other_are_items_without_other_evidence() -> None:
    """An agenda as plain text: `N. Titel`, prose, a recommendation, no section headings or
    case numbers. A numbered line standing apart is a heading; a run of numbered lines is a
    list in the text."""

    def body(n: int) -> list[str]:
        return [
            "Sagen forelægges udvalget.",
            "",
            "Forvaltningen indstiller, at sagen godkendes.",
            "",
        ]

    m = parsed(minutes(lambda n, t: f"{n}. {t}", body))
    assert [i.number for i in m.items] == ["1", "2", "3"]

    def listed(n: int) -> list[str]:
        return [
            "Planen har tre dele:",
            "",
            "1. Fælles arkitektur",
            "2. Fælles data",
            "3. Fælles drift",
            "",
        ]

    m = parsed(minutes(lambda n, t: f"{n}. {t}", lambda n: body(n) + listed(n)))
    assert [i.title for i in m.items] == TITLES


@pytest.mark.parametrize(
    "line",
    [
        "Indstilling: Forvaltningen indstiller, at sagen godkendes.",
        "Indstilling: At sagen godkendes.",
    ],
)
def test_a_recommendation_on_its_headings_line(line: str) -> None:
    def body(n: int) -> list[str]:
        return [
            "Sagsfremstilling",
            "",
            "Sagen forelægges.",
            "",
            line,
            "",
            "Beslutning",
            "",
            "Godkendt.",
            "",
        ]

    m = parsed(minutes(lambda n, t: f"{n}. {t}", body))
    assert [i.recommendations for i in m.items] == [["sagen godkendes"]] * 3


@pytest.mark.parametrize("lead", ["Fremlægges af", "Oplæg ved"])
def test_presenter_lead_ins_of_other_systems(lead: str) -> None:
    m = parsed(minutes(lambda n, t: f"{n}. {t}\n\n{lead} Anna Holm"))
    assert [[p.name for p in i.presenters] for i in m.items] == [["Anna Holm"]] * 3


@pytest.mark.parametrize(
    "annex_lines",
    [
        ["Bilagsliste:", "", "- Notat_om_budget.pdf", "", "- Tidsplan.pdf", "", "- Kort.pdf", ""],
        ["Bilag", "Notat_om_budget.pdf", "Tidsplan.pdf", "Kort.pdf", ""],
    ],
    ids=["bilagsliste", "plain-lines"],
)
def test_annex_lists_under_other_headings(annex_lines: list[str]) -> None:
    def body(n: int) -> list[str]:
        head = ["Sagsfremstilling", "", "Sagen forelægges.", ""]
        return [*head, *annex_lines, "Beslutning", "", "Godkendt.", ""]

    m = parsed(minutes(lambda n, t: f"{n}. {t}", body))
    assert [len(i.annexes) for i in m.items] == [3, 3, 3]


@pytest.mark.parametrize("label", ["Beslutning.", "Teknik- og Miljøudvalget den 3. marts 2026:"])
def test_more_decision_labels(label: str) -> None:
    def body(n: int) -> list[str]:
        return ["Sagsfremstilling", "", "Sagen forelægges.", "", label, "", f"Godkendt {n}.", ""]

    m = parsed(minutes(lambda n, t: f"{n}. {t}", body))
    assert [[d.text for d in i.decisions] for i in m.items] == [
        [f"Godkendt {n}."] for n in (1, 2, 3)
    ]


@pytest.mark.parametrize(
    "heading",
    [lambda n, t: f"{n}. {t} (kl. 16.{n}0-16.{n}5)", lambda n, t: f"{n}. Kl. 16.{n}0 {t}"],
    ids=["time-suffix", "time-prefix"],
)
def test_an_items_time_in_its_heading_leaves_the_title(heading: Callable[[int, str], str]) -> None:
    m = parsed(minutes(heading))
    assert [i.title for i in m.items] == TITLES


def test_a_decision_label_with_a_date_alone() -> None:
    def body(n: int) -> list[str]:
        return [
            "Sagsfremstilling",
            "",
            "Sagen forelægges.",
            "",
            "Beslutning 03.03.2026",
            "",
            "Godkendt.",
            "",
        ]

    m = parsed(minutes(lambda n, t: f"{n}. {t}", body))
    assert [[d.text for d in i.decisions] for i in m.items] == [["Godkendt."]] * 3


def test_a_running_header_at_a_page_break_inside_the_list_and_a_recommendation() -> None:
    """A form feed and the page's header between two list entries, and between a lead-in and
    its clause: the list and the recommendation go on across the page break."""
    header = "\f\nTeknik- og Miljøudvalget - Referat\n"
    lines = ["Teknik- og Miljøudvalget - Referat - 3. marts 2026", "", "Indholdsfortegnelse", ""]
    lines += ["1. Godkendelse af dagsorden", header, "2. Budgetopfølgning 2. kvartal", ""]
    lines += ["3. Lokalplan 17 for Testrup Nord", "", ""]
    for n, title in enumerate(TITLES, 1):
        lines += [f"{n}. {title}", "", "Indstilling", "", "Forvaltningen indstiller,", ""]
        lines += [header] if n == 2 else []
        lines += ["at sagen godkendes.", "", "Beslutning", "", "Godkendt.", "", ""]
    m = parsed("\n".join(lines))
    assert [i.number for i in m.items] == ["1", "2", "3"]
    assert [i.recommendations for i in m.items] == [["sagen godkendes"]] * 3
