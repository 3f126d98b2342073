"""The TXT reader (both layouts), letterhead recognition, bad input, and the real KL text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kitar.errors import DocumentNotFound, EmptyDocument, NothingToExtract, UnsupportedFormat
from kitar.model import Document
from kitar.read import txt
from kitar.read.letterhead import (
    extract_fields,
    find_letterhead_runs,
    is_letterhead_line,
    is_strong_letterhead_line,
)
from kitar.read.txt import detect_layout, parse_text, read_txt, section_headings
from kitar.read.txt_lines import restore_trimmed_breaks
from kitar.text.reflow import reflow_document, render_body

GOLDEN = Path(__file__).parent / "golden" / "txt_extractor_fictitious.txt"
REGENERATE_GOLDEN = False  # set True once to rewrite the golden file; a test keeps it False

# A fictitious agenda in the extractor layout: source lines separated by empty lines, space-only
# lines as paragraph breaks, a leading space at each page start, a letterhead mixed in.
EXTRACTOR_PAGES = [
    [
        " 1. Godkendelse af den fælleskommunale digi-",
        "taliseringsplan",
        "v. Anna Eksempel, Forvaltningen og Bo",
        "",
        "Prøvesen, KOMBIT",
        "",
        " ",
        "",
        "Baggrund",
        "",
        " ",
        "",
        "Udvalget skal tage stilling til en række leverancer og en tids-",
        "",
        "plan for den kommende periode. Planen omfatter også e-",
        "",
        "handel og it-arkitekter i kommunerne.",
        "",
        " ",
        "",
        "Indstilling",
        "",
        "Det indstilles, at:",
        "",
        "\uf0b7 udvalget godkender planen for Børne-",
        "",
        "og Ungeudvalget",
        "",
        "\uf0a7 underpunkt om økonomi",
        "",
        " ",
    ],
    [
        " 2. Orientering om status",
        "v. Carl Fiktiv, KL",
        " ",
        "Sagsfremstilling",
        "Arbejdet med den fælleskommunale digitaliseringsplan fortsætter, og der er",
        "afsat midler til projektet i hele perioden frem til udgangen af året.",
        "Dato: 3. marts 2021",
        " ",
        "Sags ID: SAG-2021-00001",
        "Dok. ID: 123456",
        " ",
        "E-mail: abc@example.dk",
        "Direkte: 1234 5678",
        " ",
        "Eksempelvej 12",
        "Postboks 99",
        "9999 Fiktivby",
        " ",
        "www.example.dk",
        "Side 3 af 3",
        "NOTAT",
        " ",
        "\uf0d8 Et punkt efter sidebjælken",
    ],
]
EXTRACTOR_TEXT = "\n".join(line for page in EXTRACTOR_PAGES for line in page) + "\n"

PLAIN_TEXT = """1. Godkendelse af dagsorden
v. Anna Eksempel, Forvaltningen

Baggrund
Udvalget skal godkende dagsordenen for mødet. Sagen er forelagt af
forvaltningen med henblik på en beslut-
ning om den videre proces.

Indstilling
Forvaltningen indstiller, at:
- udvalget godkender dagsordenen
- udvalget tager orienteringen om e-
  handel til efterretning
\f
2. Eventuelt
v. Bo Prøvesen, KL

Ingen bemærkninger.
"""


def test_detect_layout() -> None:
    assert detect_layout(EXTRACTOR_TEXT.split("\n")) == "extractor"
    assert detect_layout(PLAIN_TEXT.split("\n")) == "plain"
    # blank lines holding spaces between full sentences: still ordinary paragraphs
    sloppy = "Første afsnit slutter her.\n \nAndet afsnit slutter her.\n\nTredje.\n\nFjerde.\n"
    assert detect_layout(sloppy.split("\n")) == "plain"


def test_extractor_layout_blocks() -> None:
    doc = parse_text(EXTRACTOR_TEXT)
    kinds = [(b.kind, b.level, b.page) for b in doc.blocks]
    texts = [b.text.replace("\n", " ") for b in doc.blocks]
    assert texts[0] == "1. Godkendelse af den fælleskommunale digi- taliseringsplan"
    assert kinds[0] == ("heading", 1, 2)  # page 2: "Side 3 af 3" is seen on counted page 2
    assert texts[1] == "v. Anna Eksempel, Forvaltningen og Bo Prøvesen, KOMBIT"
    assert kinds[2] == ("heading", 2, 2) and texts[2] == "Baggrund"
    assert texts[3].startswith("Udvalget skal") and texts[3].endswith("i kommunerne.")
    assert doc.blocks[6].kind == "list_item" and doc.blocks[6].level == 0
    assert doc.blocks[7].kind == "list_item" and doc.blocks[7].level == 1
    assert kinds[8] == ("heading", 1, 3) and texts[8] == "2. Orientering om status"
    assert doc.blocks[-1].kind == "list_item" and doc.blocks[-1].page == 3


def test_extractor_letterhead_removed_and_kept_as_metadata() -> None:
    doc = parse_text(EXTRACTOR_TEXT)
    body = "\n".join(b.text for b in doc.blocks)
    for gone in ("Dato:", "Sags ID", "Dok. ID", "abc@example.dk", "Eksempelvej", "Postboks",
                 "Fiktivby", "www.example.dk", "Side 3 af 3", "NOTAT", "1234 5678"):  # fmt: skip
        assert gone not in body
    assert doc.metadata == {
        "date": "2021-03-03",
        "case_id": "SAG-2021-00001",
        "doc_id": "123456",
        "doc_type": "NOTAT",
    }
    # "Side 3 af 3" was seen on counted page 2: the text starts on page 2 (a cover page first)
    assert doc.pages == 3 and doc.blocks[0].page == 2


def test_extractor_reflow_and_golden() -> None:
    body = render_body(reflow_document(parse_text(EXTRACTOR_TEXT)))
    assert "digitaliseringsplan" in body and "tidsplan" in body
    assert "e-handel" in body and "it-arkitekter" in body and "Børne- og Ungeudvalget" in body
    assert "- udvalget godkender" in body and "  - underpunkt om økonomi" in body
    if REGENERATE_GOLDEN:
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_text(body, encoding="utf-8")
    assert body == GOLDEN.read_text(encoding="utf-8")


def test_golden_regeneration_is_off() -> None:
    assert REGENERATE_GOLDEN is False


def test_plain_layout() -> None:
    doc = parse_text(PLAIN_TEXT)
    assert [(b.kind, b.page) for b in doc.blocks] == [
        ("heading", 1),
        ("paragraph", 1),
        ("heading", 1),
        ("paragraph", 1),
        ("heading", 1),
        ("paragraph", 1),
        ("list_item", 1),
        ("list_item", 1),
        ("heading", 2),
        ("paragraph", 2),
        ("paragraph", 2),
    ]
    body = render_body(reflow_document(doc))
    assert "en beslutning om den videre proces." in body
    assert "- udvalget tager orienteringen om e-handel til efterretning" in body
    assert doc.pages == 2 and doc.metadata == {}


def test_section_headings_fallback(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KITAR_PIPELINES", str(tmp_path))
    assert {"baggrund", "indstilling", "beslutning", "bilag"} <= section_headings()
    (tmp_path / "section_headings.txt").write_text("# x\nKlagevejledning\n", encoding="utf-8")
    txt._section_headings.cache_clear()
    assert "klagevejledning" in section_headings()


# ---- letterhead ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    ["Dato: 29. august 2016", "Sags ID: SAG-2015-05445", "Dok. ID: 2247467",
     "E-mail: abc@example.dk", "Direkte: 3370 3497", "www.kl.dk", "Side 20 af 22", "NOTAT",
     "Sagsnr.: 2012-25401", "Dok.nr: 2012-204248"],
)  # fmt: skip
def test_strong_letterhead_lines(line: str) -> None:
    assert is_strong_letterhead_line(line) and is_letterhead_line(line)


@pytest.mark.parametrize(
    "line", ["Weidekampsgade 10", "Postboks 3370", "2300 København S", "Hold-An Vej 7"]
)
def test_weak_letterhead_lines(line: str) -> None:
    assert is_letterhead_line(line) and not is_strong_letterhead_line(line)


@pytest.mark.parametrize(
    "line",
    ["Det indstilles, at:", "Baggrund", "2030 bliver et vigtigt år for kommunerne i regionen",
     "Notat om status", "", "v. Bo Lind, KL"],
)  # fmt: skip
def test_body_lines_are_not_letterhead(line: str) -> None:
    assert not is_letterhead_line(line)


def test_extract_fields() -> None:
    fields = extract_fields(
        [
            "Dato: 29. august 2016",
            "Sags ID: SAG-2015-05445",
            "Dok. ID: 2247467",
            "NOTAT",
            "Dato: 1. maj 2000",
            "Side 2 af 4",
        ]
    )
    assert fields["date"] == "2016-08-29"
    assert fields["case_id"] == "SAG-2015-05445" and fields["doc_id"] == "2247467"
    assert fields["doc_type"] == "NOTAT" and fields["page"] == "2 af 4"
    assert extract_fields(["Dato: i morgen"]) == {}


def test_find_letterhead_runs() -> None:
    lines = ["Brødtekst her.", "Dato: 3. marts 2021", "Sags ID: X-1", "Dok. ID: 4711",
             "Eksempelvej 1", "www.testrup.dk", "Mere tekst"]  # fmt: skip
    assert find_letterhead_runs(lines) == [(1, 5)]
    # one labelled line alone in the body is not a letterhead
    assert find_letterhead_runs(["Tekst", "Dato: 3. marts 2021", "Mere tekst"]) == []
    # nor are an item's own case lines, however often they come back
    items = ["1. Budget", "Sagsnr.: 26/1", "Dok.nr.: 26/9", "2. Skoler", "Sagsnr.: 26/2"]
    assert find_letterhead_runs(items) == []


def test_an_agenda_of_headings_and_case_lines_keeps_them_all() -> None:
    """Found in a probe: five items of a heading and a `Sagsnr.` line each were read as one
    letterhead, and four of the five items were lost."""
    text = "".join(f"{n}. Punkt nummer {n}\n\nSagsnr.: 26/10{n}\n\n" for n in range(1, 6))
    doc = parse_text("Dagsorden\n\n" + text)
    assert sum("Sagsnr.:" in b.text for b in doc.blocks) == 5


# ---- files and bad input -------------------------------------------------------------


def test_read_txt_file(tmp_path: Path) -> None:
    path = tmp_path / "dagsorden.txt"
    path.write_text(PLAIN_TEXT, encoding="utf-8")
    doc = read_txt(path)
    assert doc.format == "txt" and doc.path == str(path) and len(doc.sha256) == 64


def test_read_txt_cp1252(tmp_path: Path) -> None:
    path = tmp_path / "gammel.txt"
    path.write_bytes("Økonomiudvalget mødes på rådhuset.\n".encode("cp1252"))
    assert read_txt(path).blocks[0].text == "Økonomiudvalget mødes på rådhuset."


def test_bad_input(tmp_path: Path) -> None:
    with pytest.raises(DocumentNotFound):
        read_txt(tmp_path / "findes-ikke.txt")
    empty = tmp_path / "tom.txt"
    empty.write_bytes(b"")
    with pytest.raises(EmptyDocument):
        read_txt(empty)
    blank = tmp_path / "blank.txt"
    blank.write_text(" \n\n \n")
    with pytest.raises(NothingToExtract):
        read_txt(blank)
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"%PDF\x00\x01\x02")
    with pytest.raises(UnsupportedFormat):
        read_txt(binary)


# ---- the real KL agenda text ---------------------------------------------------------


@pytest.fixture(scope="module")
def kl_doc(kl_agenda_txt: Path) -> Document:
    return read_txt(kl_agenda_txt)


@pytest.mark.samples
def test_kl_metadata(kl_doc: Document, kl_expected: dict) -> None:
    meeting = kl_expected["meeting"]
    assert kl_doc.metadata["date"] == meeting["date"] == "2016-08-29"
    assert kl_doc.metadata["case_id"] == meeting["case_id"]
    assert kl_doc.metadata["doc_id"] == meeting["doc_id"]
    assert kl_doc.pages == 22


@pytest.mark.samples
def test_kl_item_titles_are_single_headings(kl_doc: Document, kl_expected: dict) -> None:
    titles = [
        " ".join(b.text.split()).replace("digi- taliseringsstrategi", "digitaliseringsstrategi")
        for b in reflow_document(kl_doc).blocks
        if b.kind == "heading" and b.level == 1
    ]
    expected = [f"{item['number']}. {item['title']}" for item in kl_expected["items"]]
    assert len(titles) == len(expected)
    for got, want in zip(titles, expected, strict=True):
        assert got.startswith(want), (got, want)


@pytest.mark.samples
def test_kl_presenters_one_block_each(kl_doc: Document, kl_expected: dict) -> None:
    presenter_blocks = [" ".join(b.text.split()) for b in kl_doc.blocks if b.text.startswith("v. ")]
    for item in kl_expected["items"]:
        for presenter in item.get("presenters", []):
            assert any(presenter["name"] in block for block in presenter_blocks), presenter
    assert len(presenter_blocks) == sum(1 for i in kl_expected["items"] if i.get("presenters"))


@pytest.mark.samples
def test_kl_sections_and_pages(kl_doc: Document) -> None:
    sections = [b.text.rstrip(":") for b in kl_doc.blocks if b.kind == "heading" and b.level == 2]
    assert sections.count("Indstilling") >= 9 and "Baggrund" in sections and "Økonomi" in sections
    pages = [b.page for b in kl_doc.blocks]
    assert pages == sorted(pages) and pages[0] == 2 and pages[-1] == 22
    item9 = next(i for i, b in enumerate(kl_doc.blocks) if re.match(r"9\. ", b.text))
    assert kl_doc.blocks[item9].page == 20


def test_wrapped_date_is_not_a_numbered_item() -> None:
    doc = parse_text("Kommunerne er informeret på møder den\n15. og 16. august 2016 i Aarhus.\n")
    assert [b.kind for b in doc.blocks] == ["paragraph"]
    doc = parse_text("Initiativet består af:\n1. Fælles arkitekturstyring\n2. Fælles data\n")
    assert [(b.kind, b.marker) for b in doc.blocks][1:] == [
        ("list_item", "1."),
        ("list_item", "2."),
    ]


def test_pages_never_pass_the_stated_total() -> None:
    # three leading-space page starts, but the footer says the document has two pages
    text = "\n".join(
        [
            " Første side med tekst.",
            "",
            "Mere tekst.",
            "",
            " ",
            " Anden side.",
            "",
            "Tekst.",
            "",
            " ",
            " Tredje start.",
            "",
            "Side 2 af 2",
            "",
        ]
    )
    doc = parse_text(text)
    assert doc.pages == 2 and max(b.page for b in doc.blocks) == 2


# An extractor's text with its usual break (a space-only line between two empty ones) and a
# line gap (one empty line) between the lines of a paragraph.
_BREAK = ["", " ", ""]
_SPACED = [
    "Punkt 1. Budgetopfølgning for den fælles digi-", "", "taliseringsplan", *_BREAK,
    "Baggrund", *_BREAK,
    "Udvalget skal tage stilling til en række leverancer og en tids-", "",
    "plan for den kommende periode, som omfatter både", "",
    "skoler og dagtilbud i kommunen, og som blev", "", "drøftet på sidste møde.", *_BREAK,
    "Indstilling", *_BREAK,
    "Forvaltningen indstiller, at udvalget godkender planen for", "",
    "perioden og beder om en status i juni.",
]  # fmt: skip


def test_extractor_text_with_trimmed_break_lines_reads_the_same() -> None:
    """An editor that trims trailing whitespace turns the extractor's space-only break lines
    into empty ones: a run of empty lines is then the break, a single one stays a line gap."""
    trimmed = [line.rstrip() for line in _SPACED]
    assert restore_trimmed_breaks(trimmed) == _SPACED
    blocks = [b.text for b in parse_text("\n".join(trimmed)).blocks]
    assert blocks == [b.text for b in parse_text("\n".join(_SPACED)).blocks]
    assert blocks[2].startswith("Udvalget skal") and blocks[2].endswith("sidste møde.")
    # ordinary text with a double blank line is left as it is
    plain = "Første afsnit slutter her.\n\n\nAndet afsnit slutter her.\n\nTredje.\n\nFjerde.\n"
    assert restore_trimmed_breaks(plain.split("\n")) == plain.split("\n")
