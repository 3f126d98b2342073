"""Paragraph rules of the PDF block builder and the running-line rules of the layout analysis,
each on hand-built pages (fictitious text) named after the layout that needed it, with a
control that the rule does not fire where it must not."""

from __future__ import annotations

from kitar.model import Block, Line, Page, Word
from kitar.read.layout import analyse, make_line
from kitar.read.pdf import is_bold_font
from kitar.read.pdf_blocks import build_blocks

CHAR = 6.0  # width of a character in the hand-built lines (points)
LEFT = 72.0
# Full lines of prose (about 70 characters: they end near x = 500, the column's right edge).
PROSE = [
    "Udvalget drøftede den fremtidige organisering af området og tog stilling",
    "til forvaltningens forslag om en ny struktur for de lokale borgerservice",
    "centre i kommunens fire byer, herunder åbningstider og bemanding i året",
]


def _line(text: str, top: float, page: int = 1, size: float = 10.0, bold: bool = False) -> Line:
    font = "X+Arial,Bold" if bold else "X+Arial"
    words, x = [], LEFT
    for t in text.split():
        words.append(Word(t, x, x + CHAR * len(t), top, top + size, font, size, is_bold_font(font)))
        x += CHAR * len(t) + CHAR / 2
    return make_line(words, page)


def _stack(texts: list[str], top: float = 100.0, pitch: float = 24.0, **kw: object) -> list[Line]:
    """Lines one pitch apart (double spacing with no space between paragraphs)."""
    return [_line(t, top + pitch * i, **kw) for i, t in enumerate(texts)]  # type: ignore[arg-type]


def _blocks(*pages: list[Line]) -> list[Block]:
    return build_blocks(analyse(_pages(*pages)).pages)


def _pages(*pages: list[Line]) -> list[Page]:
    out = []
    for n, lines in enumerate(pages, start=1):
        for ln in lines:
            ln.page = n
        out.append(Page(number=n, width=595, height=842, lines=lines))
    return out


def _texts(blocks: list[Block]) -> list[str]:
    return [" ".join(b.text.split()) for b in blocks]


# ---- headings and title lines ------------------------------------------------------------


def test_a_heading_printed_again_under_itself_is_two_headings() -> None:
    """Web templates print the item heading twice; a Word print sets both in bold."""
    head = "Pkt. 42 Godkendelse af dagsorden"
    lines = [_line(head, 100, size=13, bold=True), _line(head, 118, size=13, bold=True)]
    lines += _stack(PROSE, top=150, pitch=14)
    assert _texts(_blocks(lines))[:2] == [head, head]


def test_a_heading_wrapped_at_the_column_edge_stays_one_heading() -> None:
    first = "Pkt. 43 Godkendelse af anbefalinger fra projektudvalget for den nye"
    lines = [_line(first, 100, size=13, bold=True), _line("struktur", 118, size=13, bold=True)]
    lines += _stack(PROSE, top=150, pitch=14)
    assert _texts(_blocks(lines))[0] == f"{first} struktur"


def test_a_heading_over_a_line_of_its_own_is_two_headings() -> None:
    """A short bold heading and a bold line under it whose first word would have fitted."""
    lines = [
        _line("Pkt. 42 Godkendelse af dagsorden", 100, size=13, bold=True),
        _line("Kultur- og Idrætsudvalget", 118, size=13, bold=True),
    ]
    lines += _stack(PROSE, top=150, pitch=14)
    assert _texts(_blocks(lines))[:2] == [
        "Pkt. 42 Godkendelse af dagsorden",
        "Kultur- og Idrætsudvalget",
    ]


def test_a_title_line_repeating_the_numbered_heading_starts_a_block() -> None:
    """ "50. Godkendelse af …" then the title again, set like every other line; the heading
    fills its line, so only the repetition tells."""
    title = "Godkendelse af anbefalinger fra projektudvalget for afbureaukratisering"
    lines = _stack([f"50. {title}", title, *PROSE], pitch=24)
    texts = _texts(_blocks(lines))
    assert texts[0] == title  # the list marker "50." is the block's marker
    assert texts[1].startswith(title)


# ---- double spacing without space between paragraphs ---------------------------------------


def test_a_label_after_a_finished_sentence_starts_a_block() -> None:
    """Paragraphs apart elsewhere, but this label sits one pitch under the sentence and would
    not have fitted on its line."""
    sentence = "Der er afbud fra tre medlemmer af udvalget, som ikke deltog i mødet."
    lines = _stack(PROSE, top=100, pitch=12) + _stack(PROSE, top=148, pitch=12)
    lines += _stack([sentence, "Beslutningsprotokol og opfølgning", "Godkendt."], top=196, pitch=12)
    texts = _texts(_blocks(lines))
    assert "Beslutningsprotokol og opfølgning" in texts


def test_where_every_gap_is_the_pitch_a_short_label_line_starts_a_block() -> None:
    presenter = "v. Anna Holm, Testrup Kommune og Bo Lind, Fiktivby Forsyning, KL"
    lines = _stack([presenter, "Baggrund"] + PROSE * 2)
    assert _texts(_blocks(lines))[:2] == [presenter, "Baggrund"]


def test_a_short_line_that_goes_on_is_no_label() -> None:
    """Control: "… og" / "Eva Westergren, KL" is one presenter line."""
    lines = _stack(["v. Anna Holm, formand for udvalget for teknik og miljø og", "Eva Holm, KL"])
    lines += _stack(PROSE * 2, top=148)
    assert _texts(_blocks(lines))[0].endswith("og Eva Holm, KL")


def test_where_every_gap_is_the_pitch_the_next_numbered_entry_starts_a_block() -> None:
    entries = [
        "Bilag 1: Arkitekturrapport for den fælles dataindgang til borgerne - FORTROLIGT",
        "Bilag 2: Leveranceplan for evalueringen af indsatsen",
    ]
    lines = _stack(PROSE * 2 + entries)
    texts = _texts(_blocks(lines))
    assert texts[-2:] == entries


# ---- text printed with its own line breaks ----------------------------------------------


def _printed(pairs: list[str], pitch: float = 10.0) -> list[Line]:
    """A text extractor's lines printed again: a blank line after every line, two between
    paragraphs ("" in `pairs`), the lines as short as the extractor left them."""
    lines, top = [], 60.0
    for text in pairs:
        if text:
            lines.append(_line(text, top))
        top += 2 * pitch
    return lines


def test_text_printed_with_its_own_breaks_joins_its_lines_across_blank_lines() -> None:
    paragraph = [
        "Gode data og effektiv datadeling, initiativ 8 i",
        "den fællesoffentlige strategi, har givet en",
        "række leverancer og en tidsplan for den kommende",
        "periode, i perioden indtil governance for hele",
        "strategien er på plads, herunder for initiativ",
        "otte, kvalificeres planen med de centrale",
        "interessenter og kommunerne i fællesskab.",
    ]
    title = ["9. Status for programmet ”Sammenhæng og genbrug", "med rammearkitekturen” (SAGA)"]
    bracket = [
        "Det indstilles, at udvalget tager rapporten om FLIS",
        "(Fælles system) til orientering.",
    ]
    text = [*paragraph, "", *title, "v. Anna Holm, KL", "", *paragraph, "", *paragraph]
    text += ["", *bracket]
    # the printer's own wrapping below, at full width and a smaller pitch
    page = _printed(text) + _stack(PROSE * 2, top=660, pitch=12)
    texts = _texts(_blocks(page))
    assert texts[0] == " ".join(paragraph)
    assert "Status for programmet ”Sammenhæng og genbrug med rammearkitekturen” (SAGA)" in texts
    assert "v. Anna Holm, KL" in texts
    assert " ".join(bracket) in texts


def test_wrapped_text_keeps_its_paragraphs_apart() -> None:
    """Control: a word processor's own wrapping, paragraphs one blank line apart."""
    lines = _stack(PROSE, pitch=12) + _stack(PROSE, top=100 + 12 * 4, pitch=12)
    assert len(_blocks(lines)) == 2


# ---- running lines and letterheads ------------------------------------------------------


def test_a_letterhead_inside_the_body_column_gives_metadata_and_leaves_the_text() -> None:
    head = [
        "Dato: 29. august 2026",
        "Sags ID: SAG-2026-00017",
        "Dok. ID: 4711",
        "E-mail: ah@testrup.dk",
    ]
    lines = _stack(PROSE, pitch=12) + _stack([*head, "www.testrup.dk"], top=160, pitch=12)
    analysis = analyse(_pages(lines))
    assert analysis.metadata["date"] == "2026-08-29"
    assert analysis.metadata["case_id"] == "SAG-2026-00017"
    assert not any("Sags ID" in b.text for b in build_blocks(analysis.pages))


def test_an_items_own_case_lines_are_no_letterhead() -> None:
    """Control: "Sagsnr.: …" / "Dok.nr.: …" / "Dato: …" under an item stay body text."""
    case = ["Sagsnr.: 26/1234", "Dok.nr.: 26/98765", "Dato: 3. marts 2026"]
    lines = _stack(PROSE, pitch=12) + _stack(case, top=160, pitch=12)
    texts = " ".join(b.text for b in build_blocks(analyse(_pages(lines)).pages))
    assert "Sagsnr.: 26/1234" in texts and "Dok.nr.: 26/98765" in texts


def test_a_heading_opening_two_pages_at_the_same_height_is_no_running_header() -> None:
    """The item list's first entry opens page 1, the item's heading page 2, at one height."""
    head = "1. Orientering om høring af handlingsplanen"
    page1 = [_line(head, 90, size=13, bold=True), *_stack(PROSE, top=130, pitch=12)]
    page2 = [_line(head, 90, size=13, bold=True), *_stack(PROSE, top=130, pitch=12)]
    page3 = _stack(PROSE, top=90, pitch=12)
    blocks = _blocks(page1, page2, page3)
    assert [b.page for b in blocks if b.text == head] == [1, 2]


def test_a_small_margin_line_that_the_body_says_too_is_furniture() -> None:
    """The current item's case number over a page, and in the item itself."""
    case = "Sagsnr. 26/34038"
    page1 = [*_stack(PROSE, top=90, pitch=12), _line(case, 140)]
    page2 = [_line(case, 30, size=8), *_stack(PROSE, top=90, pitch=12)]
    texts = [b.text for b in _blocks(page1, page2)]
    assert texts.count(case) == 1


def test_a_small_margin_line_said_nowhere_else_stays() -> None:
    """Control: a case number printed only over the page is kept."""
    page1 = _stack(PROSE, top=90, pitch=12)
    page2 = [_line("Sagsnr. 26/34038", 30, size=8), *_stack(PROSE, top=90, pitch=12)]
    assert any("26/34038" in b.text for b in _blocks(page1, page2))


def test_a_page_opening_with_an_abbreviation_starts_a_block() -> None:
    """ "v. Kit Holm, KL" opening a page is a presenter line, not the paragraph going on."""
    page1 = _stack(PROSE, top=700, pitch=12)
    page1[-1] = _line("centre i kommunens fire byer, herunder åbningstider og bemanding i", 724)
    page2 = [_line("v. Kit Holm, KL", 90), *_stack(PROSE, top=130, pitch=12)]
    texts = _texts(_blocks(page1, page2))
    assert "v. Kit Holm, KL" in texts


def test_a_paragraphs_long_last_line_is_no_wrapped_line() -> None:
    """Web texts printed by Word: many one-line paragraphs end near the right edge. Their gap
    is the paragraph gap, not the pitch, because the next paragraph's first word would have
    fitted on them."""
    wrapped = ["Udvalget drøftede den fremtidige organisering af området og tog stilling",
               "kommunernes forslag om en ny struktur."]  # fmt: skip
    singles = [
        "Et forslag om status for arbejdet med de lokale centre i kommunens by",
        "Da forvaltningen orienterede om arbejdet med de lokale centre i byen",
        "Nu er der status for arbejdet med de lokale centre i de fire byer i år",
    ]
    lines, top = [], 80.0
    for _ in range(5):
        lines += [_line(wrapped[0], top), _line(wrapped[1], top + 12)]
        lines += [_line(t, top + 32 + 20 * k) for k, t in enumerate(singles)]
        top += 92
    texts = _texts(_blocks(lines))
    # "… i de fire byer i år" / "Udvalget drøftede …": no room for "Udvalget", so only the gap
    # (20, not the pitch of 12) ends the paragraph
    assert texts[:5] == [" ".join(wrapped), *singles, " ".join(wrapped)]


def test_a_list_item_goes_on_at_the_margin_on_the_next_page() -> None:
    """Text printed with its own line breaks: the clause's next line sits under its marker."""
    page1 = _stack(PROSE, top=90, pitch=12)
    page1.append(_line("- Udvalget giver input til kriterier for udvælgelsen af", 760))
    page2 = [_line("de fire områder, hvor der kan udvikles løsninger.", 90)]
    page2 += _stack(PROSE, top=130, pitch=12)
    texts = _texts(_blocks(page1, page2))
    assert (
        "Udvalget giver input til kriterier for udvælgelsen af de fire områder, hvor der kan "
        "udvikles løsninger." in texts
    )


def test_where_every_gap_is_the_pitch_a_numbered_entry_ends_before_a_capital() -> None:
    entry = "Bilag 9: Overordnet tidsplan for indsatsområderne i kommunen - FORTROLIGT"
    decision = "Beslutning i Udvalget for Teknik den 12. april 2026"
    lines = _stack([*PROSE, *PROSE, "Bilag 8: Økonomisk overblik", entry, decision, "Godkendt."])
    texts = _texts(_blocks(lines))
    assert entry in texts and decision in texts


def _proportional(text: str, top: float, x: float = LEFT) -> Line:
    """A line in a proportional font: narrow and wide letters differ in width."""
    words = []
    for t in text.split():
        width = sum(3.0 if c in "ilt.,'" else 7.5 if c in "mwMW" else 5.5 for c in t)
        words.append(Word(t, x, x + width, top, top + 10.0, "X+Arial", 10.0, False))
        x += width + 3.0
    return make_line(words, 1)


def _mono(text: str, top: float, column: int = 0) -> Line:
    """A line of a text file printed in a monospaced font: every character and space one
    advance wide, starting `column` characters in."""
    words, x = [], LEFT + CHAR * column
    for t in text.split(" "):
        if t:
            words.append(Word(t, x, x + CHAR * len(t), top, top + 10.0, "X+Mono", 10.0, False))
        x += CHAR * (len(t) + 1)
    return make_line(words, 1)


def _indented(line: Line, by: float) -> Line:
    words = [Word(w.text, w.x0 + by, w.x1 + by, w.top, w.bottom, w.fontname, w.size, w.bold)
             for w in line.words]  # fmt: skip
    return make_line(words, line.page)


def test_a_typed_list_entry_of_a_printed_text_file_wraps_to_the_margin() -> None:
    """A text file printed as it is (one monospaced font): "  1. anbefalinger …" keeps the
    two spaces typed before its marker, and its wrapped line goes on at the margin."""
    entry = "1. anbefalinger til at plejecentre og deres interne samarbejdspartnere om"
    rest = "udarbejdet af projektudvalget for afbureaukratisering godkendes"
    lines = [_mono(t, 90 + 12 * i) for i, t in enumerate(PROSE)]
    # a blank line (one more pitch) before each entry, as in the text file
    lines += [_mono(entry, 138, column=2), _mono(rest, 150)]
    lines += [_mono("2. udvalget følger op på anbefalingerne", 174, column=2)]
    texts = _texts(_blocks(lines))
    assert f"{entry[3:]} {rest}" in texts and "udvalget følger op på anbefalingerne" in texts


def test_a_list_entry_in_a_proportional_font_does_not_take_the_margin_line() -> None:
    """A bullet list set by a word processor: the paragraph at the margin after its last, full
    line is a paragraph of its own (gaps and fonts otherwise the same as above)."""
    entry = "– anbefalinger til at plejecentre og deres interne samarbejdspartnere om"
    after = "Udarbejdet af projektudvalget for afbureaukratisering og decentralisering"
    lines = [_proportional(t, 90 + 12 * i) for i, t in enumerate(PROSE)]
    lines += [_indented(_proportional(entry, 138), 12), _proportional(after, 150)]
    texts = _texts(_blocks(lines))
    assert after in texts
