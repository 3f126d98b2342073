"""Magazine-style report pages: columns read one by one, line-end hyphens kept at line ends.

Fictitious pages built from model objects for each rule, then the real KL report (through the
`samples` fixture) measured as a whole: columns merged line by line and "word - word" splits.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kitar.model import Block, Document, Line, Meeting, Page, Word
from kitar.read.columns import find_gutters, make_line, order_columns, regions
from kitar.read.layout import (
    analyse,
    body_edges,
    column_edges,
    order_page,
    read_rows,
    sidebar_lines,
)
from kitar.read.pdf import lines_from_words
from kitar.read.pdf_blocks import build_blocks
from kitar.read.roles import LineRoles

W, H = 595.0, 842.0
COLUMNS = (57.0, 203.0, 350.0)  # left edges of a three-column grid, 146 pt apart
PITCH = 14.0

# Fictitious column text: short lines (as in a 125 pt column), numbered so order is checkable.
WORDS = ["kommunen", "skal", "sikre", "borgerne", "bedre", "hjælp", "tæt", "på", "hjemmet"]


def words(
    text: str, x0: float, top: float, size: float = 9.0, font: str = "AB+Grotesk"
) -> list[Word]:
    out, x = [], x0
    for t in text.split():
        width = 0.5 * size * len(t)
        out.append(Word(t, x, x + width, top, top + size, font, size, False))
        x += width + 0.28 * size
    return out


def column_text(col: int, row: int) -> str:
    # five words, about 110 pt wide: fits a column, leaves a gutter of 25-35 pt
    return f"k{col}r{row:02d} " + " ".join(WORDS[(row + i) % len(WORDS)][:6] for i in range(4))


def three_columns(top: float, rows: int, merged_rows: set[int], page: int = 1) -> list[Line]:
    """Rows of three columns sharing baselines; in `merged_rows` pdfplumber's row ran across
    all gutters (the gap was under its segment limit), elsewhere it stopped at each one."""
    lines: list[Line] = []
    for r in range(rows):
        y = top + r * PITCH
        parts = [words(column_text(c, r), COLUMNS[c], y) for c in range(3)]
        if r in merged_rows:
            lines.append(make_line([w for p in parts for w in p], page))
        else:
            lines.extend(make_line(p, page) for p in parts)
    return lines


def texts(lines: list[Line]) -> list[str]:
    return [ln.text for ln in lines]


# ---- words: a font subset change inside a word --------------------------------------------


def test_hyphen_in_another_font_subset_stays_on_its_word() -> None:
    # pdfplumber splits at every fontname change; "sund" and its hyphen touch (gap 0).
    sund = Word("sund", 100.0, 118.0, 200.0, 208.5, "AAAAAA+Grotesk-MdIt", 8.5)
    hyphen = Word("-", 118.0, 121.2, 200.0, 208.5, "BBBBBB+Grotesk-MdIt", 8.5)
    lines = lines_from_words([*words("forskningen i de nære", 20, 200, 8.5), sund, hyphen], 1)
    assert [ln.text for ln in lines] == ["forskningen i de nære sund-"]


def test_dash_with_a_visible_gap_stays_a_word() -> None:
    # "Fritid - Lokalt": 2.6 pt gaps without space glyphs are word gaps, not touching words.
    row = [
        Word("Fritid", 100.0, 130.0, 200.0, 213.0, "F1", 13.0),
        Word("-", 132.6, 137.0, 200.0, 213.0, "F2", 13.0),
        Word("Lokalt", 139.6, 170.0, 200.0, 213.0, "F1", 13.0),
    ]
    assert lines_from_words(row, 1)[0].text == "Fritid - Lokalt"


def test_touching_words_of_different_sizes_stay_apart() -> None:
    # a footnote mark set smaller and raised is not part of the word before it
    word = Word("udgifter", 100.0, 136.0, 200.0, 209.0, "F", 9.0)
    mark = Word("3", 136.0, 139.0, 198.0, 204.0, "F", 6.0)
    assert lines_from_words([word, mark], 1)[0].text == "udgifter 3"


# ---- gutters, regions and reading order ---------------------------------------------------


def test_three_columns_found_whether_or_not_rows_ran_across() -> None:
    lines = three_columns(100, 20, merged_rows={2, 5, 6, 11, 15})
    gutters = find_gutters(lines)
    assert len(gutters) == 2
    assert COLUMNS[0] + 110 < gutters[0] < COLUMNS[1] < gutters[1] < COLUMNS[2]


def test_page_with_merged_rows_reads_column_by_column() -> None:
    p = Page(1, W, H, three_columns(100, 20, merged_rows={0, 3, 4, 9, 17, 18}))
    p = order_page(p)
    expected = [column_text(c, r) for c in range(3) for r in range(20)]
    assert texts(p.lines) == expected


def test_box_across_two_columns_above_them_does_not_hide_the_gutter() -> None:
    # A box set over columns 2-3 with white space below it; columns 2 and 3 start under it.
    box = [
        make_line(
            words(f"boks linje {i} om et andet emne i landet i dag", COLUMNS[1], 80 + PITCH * i), 1
        )
        for i in range(6)
    ]
    body = three_columns(200, 16, merged_rows={1, 2, 7})
    p = Page(1, W, H, box + body)
    p = order_page(p)
    got = texts(p.lines)
    assert got[:6] == [ln.text for ln in box]
    assert got[6:] == [column_text(c, r) for c in range(3) for r in range(16)]


def test_regions_split_only_at_wide_white_space() -> None:
    lines = three_columns(100, 5, set()) + three_columns(100 + 5 * PITCH + 30, 5, set())
    assert len(regions(lines)) == 2
    # a paragraph gap of one blank line (about 1.5 em) does not split
    assert (
        len(regions(three_columns(100, 5, set()) + three_columns(100 + 6 * PITCH, 5, set()))) == 1
    )


def test_short_last_column_counts_at_a_known_column_edge() -> None:
    lines = three_columns(100, 14, set())
    lines = [ln for ln in lines if ln.x0 < COLUMNS[2] or ln.top < 100 + 4 * PITCH]  # 4 rows
    assert len(find_gutters(lines)) == 1
    edges = frozenset(round(x) for x in COLUMNS[1:])
    assert len(find_gutters(lines, edges)) == 2


def test_column_edges_are_those_two_pages_show() -> None:
    grid = [Page(n, W, H, three_columns(100, 14, {3}, page=n)) for n in (1, 2)]
    edges = column_edges(grid)
    assert all(any(abs(e - x) <= 2 for e in edges) for x in COLUMNS[1:])
    assert column_edges(grid[:1]) == frozenset()  # one page is no grid


def test_one_column_prose_has_no_columns() -> None:
    prose = [make_line(words(" ".join(WORDS * 2), 72, 100 + PITCH * i), 1) for i in range(30)]
    assert order_columns(prose, read_rows) is None


def test_member_list_is_not_a_column_layout() -> None:
    # Twelve rows of two short name cells far apart: the strip is wider than a gutter.
    lines = []
    for i in range(12):
        lines.append(make_line(words(f"Navn{i} Efternavn (A)", 72, 300 + 14 * i, 10.0), 1))
        lines.append(make_line(words(f"Navn{i + 20} Andersen (V)", 300, 300 + 14 * i, 10.0), 1))
    assert find_gutters(lines) == []
    found = LineRoles()
    p = order_page(Page(1, W, H, lines), found=found)
    assert all(found.get(ln) == "bullet" for ln in p.lines)
    assert p.lines[0].text.startswith("Navn0 ") and p.lines[12].text.startswith("Navn20 ")


def test_label_value_table_is_not_a_column_layout() -> None:
    # Labels and one-word values with a narrow strip between: values are no prose column.
    lines = []
    for i in range(12):
        lines.append(make_line(words(f"Felt{i}:", 72, 300 + 14 * i, 10.0), 1))
        lines.append(make_line(words(f"12/{27845 + i}", 130, 300 + 14 * i, 10.0), 1))
    assert find_gutters(lines) == []
    p = Page(1, W, H, lines)
    p = order_page(p)
    assert texts(p.lines)[:2] == ["Felt0: 12/27845", "Felt1: 12/27846"]


# ---- sidebar: a third column is not a letterhead ------------------------------------------


def test_third_column_is_not_taken_for_a_sidebar() -> None:
    # Long rows spanning two columns elsewhere in the document push the body's right edge
    # to the second column, so the third column sticks out like a letterhead sidebar.
    two_columns_wide = " ".join((WORDS * 2)[:11])
    wide = [make_line(words(two_columns_wide, COLUMNS[0], 100 + PITCH * i), 2) for i in range(20)]
    p1 = Page(1, W, H, three_columns(100, 20, merged_rows=set()))
    p2 = Page(2, W, H, wide)
    left, right = body_edges([p1, p2])
    third = [ln for ln in p1.lines if ln.x0 == COLUMNS[2]]
    assert all(ln.x1 > right + 12 for ln in third)  # each one a sidebar candidate
    assert sidebar_lines([p1, p2], left, right) == []
    roles = [ln.role for p in analyse([p1, p2]).pages for ln in p.lines if ln.x0 == COLUMNS[2]]
    assert len(roles) == len(third) and "sidebar" not in roles


def test_letterhead_sidebar_is_still_a_sidebar() -> None:
    body = [make_line(words(" ".join(WORDS[:7]), 72, 200 + PITCH * i, 10.0), 1) for i in range(25)]
    side = [
        make_line(words(text, 470, 200 + 12 * i, 8.0), 1)
        for i, text in enumerate(["Dato: 1. marts 2030", "Sags ID: SAG-0000-1", "Dok. ID: 1"])
    ]
    p = Page(1, W, H, body + side)
    left, right = body_edges([p])
    assert sidebar_lines([p], left, right) == side


# ---- blocks: a word split at a column's foot ----------------------------------------------


def _paragraph_blocks(lines: list[Line]) -> list[Block]:
    return build_blocks([Page(1, W, H, lines)])


def test_hyphen_at_a_column_foot_continues_at_the_next_column_top() -> None:
    col1 = [make_line(words(t, COLUMNS[0], 100 + PITCH * i), 1) for i, t in enumerate(
        ["kommunen skal sikre at", "borgerne får bedre forebyg-"])]  # fmt: skip
    col2 = [make_line(words("gelse og hjælp tæt på", COLUMNS[1], 100), 1)]
    blocks = _paragraph_blocks(col1 + col2)
    assert len(blocks) == 1
    assert blocks[0].text.endswith("forebyg-\ngelse og hjælp tæt på")


def test_a_new_paragraph_at_the_next_column_top_stays_apart() -> None:
    col1 = [make_line(words("borgerne får bedre hjælp.", COLUMNS[0], 100), 1)]
    col2 = [make_line(words("Kommunen skal sikre dette", COLUMNS[1], 100), 1)]
    assert len(_paragraph_blocks(col1 + col2)) == 2


# ---- the real KL report ---------------------------------------------------------------------

SPLIT_RE = re.compile(r"\w+ - \w+|\w+ -\w+|\w+- \w+")
# Legitimate: a suspended compound before a conjunction ("Børne- og Ungeudvalget") or after it
# ("sundheds- og -forebyggelse"), and dashes between numbers or figure labels.
LEGIT_RE = re.compile(r"^\w+- (?:og|eller|samt)$|^(?:og|eller|samt) -\w+$|\d", re.I)


def cross_column_lines(pages: list[Page]) -> int:
    """Body lines holding a gap of 1.2 em or more with 12+ characters of prose on each side:
    two columns read as one line (a table row also counts, which keeps the bound loose)."""
    count = 0
    for page in pages:
        for ln in page.lines:
            if ln.role in ("header", "footer", "sidebar"):
                continue
            for i in range(1, len(ln.words)):
                if ln.words[i].x0 - ln.words[i - 1].x1 < 1.2 * max(ln.size, 4.0):
                    continue
                left = " ".join(w.text for w in ln.words[:i])
                right = " ".join(w.text for w in ln.words[i:])
                if all(len(t) >= 12 and re.search(r"[^\W\d]{3}", t) for t in (left, right)):
                    count += 1
                    break
    return count


@pytest.fixture(scope="module")
def kl_report(
    kl_report_path: Path, kl_report_processed: tuple[Document, Meeting]
) -> tuple[list[Page], list[str]]:
    """The report's pages in reading order with roles set, and its reflowed page texts (from
    the session's shared processing of it: the same blocks)."""
    from kitar.read.pdf import read_pages

    pages = analyse(read_pages(kl_report_path)).pages
    return pages, kl_report_processed[0].page_texts


def test_kl_report_columns_are_not_merged_line_by_line(kl_report) -> None:
    pages, _ = kl_report
    # 829 such lines before column reading; what is left are table rows and figure pages.
    assert cross_column_lines(pages) <= 30


def test_kl_report_line_end_hyphens_are_rejoined(kl_report) -> None:
    _, page_texts = kl_report
    hits = [h for t in page_texts for h in SPLIT_RE.findall(t) if not LEGIT_RE.search(h)]
    spaced = [h for h in hits if " - " in h or " -" in h]
    assert len(spaced) <= 6  # 72 "arbej - de" splits before the font-subset join
    assert len(hits) <= 15  # 299 before
    unjoined = sum(len(re.findall(r"[^\W\d_]-\n[a-zæøå]", t)) for t in page_texts)
    assert unjoined <= 45  # 198 before: a column's foot now continues at the next column


def test_kl_report_keeps_its_third_columns(kl_report) -> None:
    pages, _ = kl_report
    sidebar = sum(1 for p in pages for ln in p.lines if ln.role == "sidebar")
    assert sidebar <= 5  # 187 column lines were dropped as letterhead sidebar before


@pytest.mark.parametrize(
    "name",
    [
        "ballerup-sfu-2012-12-04/referat.pdf",
        "syddjurs-puk-2013-06-20/referat.pdf",
        "edge-cases/notat-with-letterhead.pdf",
    ],
)
def test_meeting_documents_have_no_column_layout(samples: Path, name: str) -> None:
    from kitar.read.pdf import read_pages

    pages = read_pages(samples / name)
    analysis = analyse(pages)
    for page in analysis.pages:
        body = [ln for ln in page.lines if ln.role not in ("header", "footer", "sidebar")]
        assert order_columns(body, read_rows) is None, page.number


def test_letterhead_memo_keeps_its_sidebar(samples: Path) -> None:
    from kitar.read.pdf import read_pages

    analysis = analyse(read_pages(samples / "edge-cases" / "notat-with-letterhead.pdf"))
    assert any(ln.role == "sidebar" for p in analysis.pages for ln in p.lines)
