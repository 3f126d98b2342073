"""Layout rules on hand-built pages: running headers/footers, sidebar, two-column lists."""

from __future__ import annotations

from pathlib import Path

import pytest

from kitar.model import Line, Page, Word
from kitar.read.layout import (
    analyse,
    body_edges,
    is_page_number,
    letterhead_fields,
    make_line,
    order_page,
    repetition_threshold,
    running_lines,
    sidebar_lines,
    signature,
)
from kitar.read.roles import LineRoles

W, H = 595.0, 842.0


def words(text: str, x0: float, top: float, size: float = 10.0, bold: bool = False) -> list[Word]:
    out, x = [], x0
    for t in text.split():
        width = 0.5 * size * len(t)
        font = "ABCDEF+Verdana,Bold" if bold else "ABCDEF+Verdana"
        out.append(Word(t, x, x + width, top, top + size, font, size, bold))
        x += width + 0.3 * size
    return out


def line(text: str, top: float, x0: float = 72.0, page: int = 1, **kw: object) -> Line:
    return make_line(words(text, x0, top, **kw), page)  # type: ignore[arg-type]


PROSE = [
    "Kommunalbestyrelsen har besluttet at igangsætte en proces for hele",
    "området, som skal sikre en bedre koordinering mellem de forskellige",
    "fagcentre og borgerne i kommunen fremover og i de kommende år.",
]


def page(number: int, lines: list[Line]) -> Page:
    for ln in lines:
        ln.page = number
    return Page(number=number, width=W, height=H, lines=lines)


def prose(top: float, number: int) -> list[Line]:
    return [line(t, top + i * 12, page=number) for i, t in enumerate(PROSE)]


def test_signature_folds_digits_case_and_space() -> None:
    assert signature("Side 3 af 22") == signature("side  4 af 22") == "side # af #"
    assert signature("Dato: 04.12.2012") == "dato: #.#.#"


@pytest.mark.parametrize("text", ["Side 3 af 22", "Side 4", "1 of 5", "- 7 -", "12", "Page 2"])
def test_page_numbers(text: str) -> None:
    assert is_page_number(text)


@pytest.mark.parametrize("text", ["1. Meddelelser", "Side 3 og 4 viser", "2013-2014", "Bilag"])
def test_not_page_numbers(text: str) -> None:
    assert not is_page_number(text)


def test_threshold_is_about_half_the_pages() -> None:
    assert repetition_threshold(2) == 2
    assert repetition_threshold(5) == 3
    assert repetition_threshold(108) == 49  # odd/even running headers still qualify


def test_running_header_block_found_by_repetition() -> None:
    # Ballerup-like block at the top right of every page, page number changing.
    pages = []
    for n in range(1, 5):
        header = [
            line("Udvalget for Teknik", 86, x0=400, size=8, bold=True),
            line("Åbent referat", 117, x0=500, size=8),
            line("Dato: 04.12.2012", 127, x0=480, size=8),
            line(f"Side {n}", 137, x0=540, size=8),
        ]
        pages.append(page(n, header + prose(205, n)))
    found, repeated = running_lines(pages)
    assert {"åbent referat", "dato: #.#.#", "side #"} <= repeated
    for p in pages:
        assert [found.get(ln) for ln in p.lines[:4]] == ["header"] * 4
        assert all(found.get(ln) is None for ln in p.lines[4:])


def test_repeated_text_in_the_body_is_not_a_header() -> None:
    pages = [page(n, [line("Sagsnr.: 2012-1234", 400), *prose(420, n)]) for n in range(1, 5)]
    found, _ = running_lines(pages)
    assert all(found.get(ln) is None for p in pages for ln in p.lines)


def test_repeated_line_must_stay_in_place() -> None:
    # Same text in the top zone but at very different heights: a heading, not a header.
    pages = [page(n, [line("Bilag", 40 + 50 * n), *prose(300, n)]) for n in range(1, 4)]
    found, _ = running_lines(pages)
    assert all(found.get(ln) is None for p in pages for ln in p.lines)


def test_footer_and_converter_stamp() -> None:
    pages = [
        page(n, [line(f"{n} of 3", 6, x0=560), *prose(200, n), line("Referat PUK", 800)])
        for n in range(1, 4)
    ]
    found, _ = running_lines(pages)
    for p in pages:
        assert found.get(p.lines[0]) == "header"
        assert found.get(p.lines[-1]) == "footer"


def test_single_page_only_page_numbers_are_removed() -> None:
    p = page(1, [line("Notat om trafik", 60), *prose(200, 1), line("Side 1 af 1", 810)])
    found, _ = running_lines([p])
    assert found.get(p.lines[0]) is None  # no repetition evidence on one page
    assert found.get(p.lines[-1]) == "footer"


def test_sidebar_column_right_of_body() -> None:
    body = [line(t, 300 + i * 12, x0=100) for i, t in enumerate(PROSE * 2)]
    side = [
        line("Dato: 29. august 2016", 300, x0=470, size=8),
        line("Sags ID: SAG-2015-05445", 312, x0=470, size=8),
        line("Dok. ID: 2247467", 324, x0=470, size=8),
        line("www.kl.dk", 336, x0=470, size=8),
    ]
    p = page(1, body + side)
    left, right = body_edges([p])
    assert left == pytest.approx(100)
    assert sidebar_lines([p], left, right) == side
    roles = {ln.text: ln.role for ln in analyse([p]).pages[0].lines}
    assert [roles[ln.text] for ln in side] == ["sidebar"] * 4
    assert all(roles[ln.text] == "body" for ln in body)


def test_toc_page_numbers_are_not_a_sidebar() -> None:
    body = [line(t, 300 + i * 12, x0=100) for i, t in enumerate(PROSE * 2)]
    numbers = [line(str(n), 200 + n * 12, x0=520) for n in range(3, 8)]
    p = page(1, body + numbers)
    left, right = body_edges([p])
    assert sidebar_lines([p], left, right) == []


def test_letterhead_fields_parse_labels_and_date() -> None:
    fields = letterhead_fields(
        [
            "Dato: 29. august 2016",
            "Sags ID: SAG-2015-05445",
            "Dok. ID: 2247467",
            "E-mail: abc@kl.dk",
            "Direkte: 3370 3497",
            "www.kl.dk",
        ]
    )
    assert fields["date"] == "2016-08-29"
    assert fields["case_id"] == "SAG-2015-05445"
    assert fields["doc_id"] == "2247467"
    assert fields["email"] == "abc@kl.dk"
    assert fields["web"] == "www.kl.dk"


def test_two_column_member_list_reads_column_by_column() -> None:
    rows = [
        ("Anna Hansen (A)", "Bo Berg (V)"),
        ("Carl Dahl (A)", "Dorte Eg (C)"),
    ]
    lines = [line("Medlemmer", 380, bold=True)]
    for i, (left, right) in enumerate(rows):
        lines += [line(left, 400 + 12 * i), line(right, 400 + 12 * i, x0=300)]
    lines.append(line("Erik Friis (A)", 424))  # the left column runs one row longer
    lines.append(line("Fraværende", 460, bold=True))
    found = LineRoles()
    p = order_page(page(1, lines), found=found)
    texts = [ln.text for ln in p.lines]
    assert texts == [
        "Medlemmer",
        "Anna Hansen (A)",
        "Carl Dahl (A)",
        "Erik Friis (A)",
        "Bo Berg (V)",
        "Dorte Eg (C)",
        "Fraværende",
    ]
    assert [found.get(ln) for ln in p.lines[1:6]] == ["bullet"] * 5


def test_label_value_rows_are_joined_not_listed() -> None:
    p = page(
        1,
        [
            line("Sagsnr.:", 140, bold=True),
            line("12/27845", 140, x0=186),
            line("Sagen afgøres i:", 152, bold=True),
            line("Udvalget for kultur", 152, x0=186),
        ],
    )
    p = order_page(p)
    assert [ln.text for ln in p.lines] == [
        "Sagsnr.: 12/27845",
        "Sagen afgøres i: Udvalget for kultur",
    ]


def test_the_passes_change_no_line_and_analyse_sets_each_role_once() -> None:
    lines = [line("1. Cykelstier", 190, bold=True), *prose(205, 1), line("Side 1 af 1", 810)]
    pages = [page(1, lines)]
    before = [(ln.text, ln.role) for ln in pages[0].lines]
    found, _ = running_lines(pages)
    sidebar_lines(pages, *body_edges(pages, found.unmarked), margins=found)
    order_page(pages[0], found=found)
    assert [(ln.text, ln.role) for ln in pages[0].lines] == before  # nothing written yet
    analysis = analyse(pages)
    assert [(ln.text, ln.role) for ln in pages[0].lines] != before  # roles set, order kept
    assert [ln.text for ln in pages[0].lines] == [t for t, _ in before]
    roles = {ln.text: ln.role for ln in analysis.pages[0].lines}
    assert roles["Side 1 af 1"] == "footer"
    assert roles["1. Cykelstier"] == "heading" and roles[PROSE[0]] == "body"
    assert analysis.pages[0] is not pages[0]  # a new view of the page


def test_analyse_takes_date_from_running_header() -> None:
    pages = [
        page(n, [line("Dato: 04.12.2012", 127, x0=480, size=8), *prose(205, n)])
        for n in range(1, 4)
    ]
    assert analyse(pages).metadata["date"] == "2012-12-04"


# ---- real samples ----------------------------------------------------------------------


def _running_texts(path: Path) -> tuple[set[str], list[str]]:
    from kitar.read.pdf import read_pages

    analysis = analyse(read_pages(path))
    removed = {ln.text for p in analysis.pages for ln in p.lines if ln.role in ("header", "footer")}
    return removed, sorted(analysis.running)


def test_ballerup_running_header_found(samples: Path) -> None:
    removed, running = _running_texts(samples / "ballerup-sfu-2012-12-04" / "referat.pdf")
    assert "Åbent referat" in removed
    assert "side #" in running and "dato: #.#.#" in running
    assert any(t.startswith("Side ") for t in removed)


def test_syddjurs_both_header_layers_found(samples: Path) -> None:
    removed, running = _running_texts(samples / "syddjurs-puk-2013-06-20" / "referat.pdf")
    assert "# of #" in running  # the converter stamp "1 of 5"
    assert any(sig.startswith("referat") and "side" not in sig for sig in running)
    assert any(t.startswith("Side") for t in removed)


def _column_page() -> Page:
    # A magazine-style page: two columns of 12 lines, 14 pt gutter; rows share a height, so
    # the reader first sees each row as one line running across the gutter.
    lines = []
    for i in range(12):
        left = words(f"venstre linje {i} med nogle ord", 56, 100 + 12 * i)
        right = words(f"højre linje {i} med andre ord", 220, 100 + 12 * i)
        lines.append(make_line(left + right, 1))
    return page(1, lines)


def test_columns_are_read_one_after_the_other() -> None:
    p = order_page(_column_page())
    texts = [ln.text for ln in p.lines]
    assert texts[:12] == [f"venstre linje {i} med nogle ord" for i in range(12)]
    assert texts[12:] == [f"højre linje {i} med andre ord" for i in range(12)]


def test_one_column_prose_has_no_gutter() -> None:
    from kitar.read.layout import find_gutters

    lines = [line(t, 300 + 12 * i) for i, t in enumerate(PROSE * 6)]
    assert find_gutters(lines) == []
    assert find_gutters(_column_page().lines) != []
