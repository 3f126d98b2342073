"""PDF reading: words → lines, bold detection, blocks, damaged files, real samples."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from kitar.errors import (
    DamagedDocument,
    DocumentNotFound,
    EncryptedDocument,
    NoTextLayer,
    NothingToExtract,
)
from kitar.model import Line, Page, Word
from kitar.read.layout import analyse, make_line, signature
from kitar.read.pdf import inspect_pdf, is_bold_font, lines_from_words, read_pages, read_pdf
from kitar.read.pdf_blocks import build_blocks
from kitar.read.roles import is_heading, list_marker

# ---- generated fixtures (fictitious text) ----------------------------------------------

BODY = [
    "Udvalget drøftede den fremtidige organisering af området og den videre digi-",
    "taliseringsstrategi, som forvaltningen har udarbejdet i samarbejde med de",
    "berørte fagcentre i løbet af foråret og sommeren.",
]


TITLES = ["Vejplan 2030", "Cykelstier i byen", "Busbetjening af landsbyerne"]


def make_pdf(path: Path, pages: int = 3, sidebar: bool = False) -> Path:
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=(595, 842))
    for n in range(1, pages + 1):
        c.setFont("Helvetica", 8)
        c.drawString(400, 800, "Teknik- og Miljøudvalget")  # running header
        c.drawString(500, 30, f"Side {n} af {pages}")  # running footer
        c.setFont("Helvetica-Bold", 14)
        c.drawString(72, 720, f"{n}. {TITLES[n - 1]}")
        c.setFont("Helvetica", 10)
        y = 690.0
        for text in BODY:
            c.drawString(72, y, text)
            y -= 12
        y -= 12
        c.drawString(72, y, "Det indstilles, at")
        y -= 12
        for text in ("• planen godkendes", "• økonomien afsættes"):
            c.drawString(90, y, text)
            y -= 12
        c.drawString(108, y, "– herunder anlæg")
        if sidebar and n == 1:
            c.setFont("Helvetica", 8)
            for i, text in enumerate(
                [
                    "Dato: 29. august 2016",
                    "Sags ID: SAG-2099-00001",
                    "Dok. ID: 1234567",
                    "www.example.dk",
                ]
            ):
                c.drawString(470, 690 - 11 * i, text)
        c.showPage()
    c.save()
    return path


@pytest.fixture
def memo(tmp_path: Path) -> Path:
    return make_pdf(tmp_path / "memo.pdf", sidebar=True)


# ---- unit rules ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "bold"),
    [
        ("EFVXWZ+Verdana,Bold", True),
        ("Arial-BoldMT", True),
        ("ABCDEF+Frutiger-Black", True),
        ("Calibri-Semibold", True),
        ("YMJWHR+Arial", False),
        ("Helvetica-Oblique", False),
        ("BOLDAA+Arial", False),  # a subset prefix says nothing about the style
    ],
)
def test_bold_from_font_name(name: str, bold: bool) -> None:
    assert is_bold_font(name) is bold


def _w(text: str, x0: float, top: float, size: float = 10.0, font: str = "Arial") -> Word:
    return Word(text, x0, x0 + 6 * len(text), top, top + size, font, size, is_bold_font(font))


def test_words_on_a_row_become_one_line_despite_small_baseline_shifts() -> None:
    lines = lines_from_words([_w("Side", 498, 34.0), _w("3", 524, 33.3, 11.0)], 1)
    assert [ln.text for ln in lines] == ["Side 3"]


def test_wide_gap_splits_a_row_into_segments() -> None:
    lines = lines_from_words([_w("Sagsnr.:", 70, 140), _w("12/27845", 186, 140)], 1)
    assert [ln.text for ln in lines] == ["Sagsnr.:", "12/27845"]


def test_line_font_is_the_character_majority() -> None:
    ln = make_line([_w("Bilag", 70, 10, font="X+Arial,Bold"), _w("nummer", 110, 10)], 1)
    assert ln.fontname == "Arial" and ln.bold is False
    assert make_line([_w("Indstilling", 70, 10, font="X+Arial,Bold")], 1).bold


def test_heading_needs_every_word_bold_or_a_larger_size() -> None:
    mixed = make_line([_w("Sagsnr.:", 70, 10, font="X+Arial,Bold"), _w("12/27845", 186, 10)], 1)
    assert not is_heading(mixed, 10.0)
    assert is_heading(make_line([_w("Sagsfremstilling", 70, 10, font="X+Arial,Bold")], 1), 10.0)
    assert is_heading(make_line([_w("Referat", 70, 10, size=24)], 1), 10.0)


def _page(lines: list[Line]) -> Page:
    return Page(number=1, width=595, height=842, lines=lines)


def _line(text: str, top: float, x0: float = 72, bold: bool = False) -> Line:
    font = "X+Arial,Bold" if bold else "X+Arial"
    ws, x = [], x0
    for t in text.split():
        ws.append(_w(t, x, top, font=font))
        x += 6 * len(t) + 3
    return make_line(ws, 1)


def test_blocks_split_on_vertical_gap_and_keep_line_breaks() -> None:
    lines = [_line(t, 100 + 12 * i) for i, t in enumerate(BODY)]
    lines.append(_line("Nyt afsnit begynder her efter en tom linje.", 100 + 12 * 4))
    blocks = build_blocks(analyse([_page(lines)]).pages)
    assert [b.kind for b in blocks] == ["paragraph", "paragraph"]
    assert blocks[0].text == "\n".join(BODY)  # line breaks and the hyphen kept for reflow
    assert blocks[0].page == 1


def test_short_line_followed_by_a_word_that_would_fit_ends_the_paragraph() -> None:
    lines = [_line(BODY[1], 100), _line("Taget til efterretning", 112), _line(BODY[2], 124)]
    blocks = build_blocks(analyse([_page(lines)]).pages)
    assert [b.text for b in blocks] == [f"{BODY[1]}\nTaget til efterretning", BODY[2]]


def test_bullets_become_list_items_with_levels() -> None:
    lines = [
        _line("Fælles er at:", 100),
        _line("\uf0b7 forløbet er målrettet og tilrettelægges i et samarbejde mellem", 112, x0=90),
        _line("og tidsbegrænset", 124, x0=99),
        _line("\uf0a7 underpunkt", 136, x0=110),
        _line("(cid:127) punkt fra en ukendt glyf", 148, x0=90),
    ]
    blocks = build_blocks(analyse([_page(lines)]).pages)
    items = [b for b in blocks if b.kind == "list_item"]
    assert [(b.text, b.level, b.marker) for b in items] == [
        (
            "forløbet er målrettet og tilrettelægges i et samarbejde mellem\nog tidsbegrænset",
            0,
            "\uf0b7",
        ),
        ("underpunkt", 1, "\uf0a7"),
        ("punkt fra en ukendt glyf", 0, "(cid:127)"),
    ]


def test_numbered_items_need_a_gap_when_lower_case() -> None:
    item = make_line(
        [_w("1.", 70, 100), _w("orienteringen", 90, 100), _w("godkendes,", 172, 100)], 1
    )
    wrapped = make_line([_w("3.", 70, 112), _w("behandling", 85, 112), _w("af", 148, 112)], 1)
    dated = make_line([_w("2.", 70, 124), _w("oktober", 90, 124), _w("2016", 140, 124)], 1)
    capital = make_line([_w("2.", 70, 136), _w("Tværgående", 85, 136)], 1)
    marker = list_marker(item)
    assert marker is not None and (marker.marker, marker.text) == ("1.", "orienteringen godkendes,")
    assert list_marker(wrapped) is None and list_marker(dated) is None
    assert list_marker(capital) is not None


def test_heading_block_and_ligatures_normalised() -> None:
    lines = [_line("Økonomiske konsekvenser", 100, bold=True), _line("Ingen ﬁnansiering.", 116)]
    blocks = build_blocks(analyse([_page(lines)]).pages)
    assert (blocks[0].kind, blocks[0].text) == ("heading", "Økonomiske konsekvenser")
    assert blocks[1].text == "Ingen finansiering."


# ---- generated PDFs --------------------------------------------------------------------


def test_generated_pdf_reads_without_header_and_footer(memo: Path) -> None:
    doc = read_pdf(memo)
    texts = [b.text for b in doc.blocks]
    assert doc.pages == 3 and doc.format == "pdf" and len(doc.sha256) == 64
    assert not any("Teknik- og Miljøudvalget" in t or re.search(r"Side \d", t) for t in texts)
    assert [b.text for b in doc.blocks if b.kind == "heading"] == [
        f"{n}. {t}" for n, t in enumerate(TITLES, 1)
    ]
    assert "\n".join(BODY) in texts
    items = [(b.text, b.level) for b in doc.blocks if b.kind == "list_item" and b.page == 1]
    assert items == [("planen godkendes", 0), ("økonomien afsættes", 0), ("herunder anlæg", 1)]


def test_generated_sidebar_becomes_metadata(memo: Path) -> None:
    doc = read_pdf(memo)
    assert doc.metadata["date"] == "2016-08-29"
    assert doc.metadata["case_id"] == "SAG-2099-00001"
    assert doc.metadata["doc_id"] == "1234567"
    assert not any("SAG-2099" in b.text or "www.example" in b.text for b in doc.blocks)


def test_inspect_gives_roles_for_one_page(memo: Path) -> None:
    analysis = inspect_pdf(memo, page=2)
    assert [p.number for p in analysis.pages] == [2] and analysis.page_count == 3
    roles = {ln.text: ln.role for ln in analysis.pages[0].lines}
    assert roles["Teknik- og Miljøudvalget"] == "header"
    assert roles["Side 2 af 3"] == "footer"
    assert roles["2. Cykelstier i byen"] == "heading"
    assert roles["(cid:127) planen godkendes"]  # reportlab’s • has no Unicode map == "bullet"


def test_narrow_gap_without_space_glyph_separates_words(tmp_path: Path) -> None:
    from reportlab.pdfgen import canvas

    path = tmp_path / "gap.pdf"
    c = canvas.Canvas(str(path))
    c.setFont("Helvetica", 10)
    x = 72.0
    for word in ("Politik", "for", "Fritid", "-", "Lokalt", "engagement"):
        c.drawString(x, 700, word)  # no space glyphs: a 2.6 pt gap only, as in Syddjurs
        x += c.stringWidth(word, "Helvetica", 10) + 2.6
    c.save()
    assert read_pdf(path).blocks[0].text == "Politik for Fritid - Lokalt engagement"


def test_broken_xref_still_reads(memo: Path, tmp_path: Path) -> None:
    data = memo.read_bytes()
    broken = re.sub(rb"startxref\s+\d+", b"startxref\n999999", data)
    broken = re.sub(rb"xref\s+0 \d+", b"xref\n0 3", broken)
    assert broken != data
    path = tmp_path / "broken.pdf"
    path.write_bytes(broken)
    assert any("Vejplan 2030" in b.text for b in read_pdf(path).blocks)


def test_garbage_after_magic_is_damaged(tmp_path: Path) -> None:
    path = tmp_path / "junk.pdf"
    path.write_bytes(b"%PDF-1.4\n" + b"\x00garbage" * 50)
    with pytest.raises(DamagedDocument, match=r"junk\.pdf"):
        read_pdf(path)


def test_encrypted_pdf(tmp_path: Path) -> None:
    from reportlab.lib import pdfencrypt
    from reportlab.pdfgen import canvas

    path = tmp_path / "locked.pdf"
    c = canvas.Canvas(str(path), encrypt=pdfencrypt.StandardEncryption("hemmelig", "ejer"))
    c.drawString(72, 700, "Fortroligt")
    c.save()
    with pytest.raises(EncryptedDocument, match=r"locked\.pdf"):
        read_pdf(path)


def test_image_only_pdf_needs_ocr(tmp_path: Path) -> None:
    from PIL import Image
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    path = tmp_path / "scan.pdf"
    c = canvas.Canvas(str(path))
    c.drawImage(ImageReader(Image.new("RGB", (40, 40), "white")), 72, 600, 200, 200)
    c.save()
    with pytest.raises(NoTextLayer, match="ocrmypdf"):
        read_pdf(path)


def test_blank_pdf_has_nothing(tmp_path: Path) -> None:
    from reportlab.pdfgen import canvas

    path = tmp_path / "blank.pdf"
    c = canvas.Canvas(str(path))
    c.showPage()
    c.save()
    with pytest.raises(NothingToExtract, match=r"blank\.pdf"):
        read_pdf(path)


# ---- real samples ----------------------------------------------------------------------


def _leftover_running_lines(path: Path) -> list[str]:
    """Running-header evidence left in the body: kept margin lines that repeat, known strings."""
    analysis = analyse(read_pages(path))
    assert analysis.running, "expected running lines in this sample"
    bad = [
        ln.text
        for p in analysis.pages[1:]
        for ln in p.lines
        if ln.role not in ("header", "footer")
        and ln.bottom < 0.2 * p.height
        and signature(ln.text) in analysis.running
    ]
    lines = [t for b in read_pdf(path).blocks for t in b.text.split("\n")]
    bad += [
        t
        for t in lines
        if re.fullmatch(r"Side \d+( af \d+)?|\d+ of \d+|Dato: [\d.]+", t)
        or t.startswith(("ReferatFor", "Referat For"))
    ]
    if lines.count("Åbent referat") > 2:  # the cover title and the TOC heading are real text
        bad.append("Åbent referat")
    return bad


def test_ballerup_body_has_leftover_running_lines(samples: Path) -> None:
    assert _leftover_running_lines(samples / "ballerup-sfu-2012-12-04" / "referat.pdf") == []


def test_syddjurs_body_has_leftover_running_lines(samples: Path) -> None:
    assert _leftover_running_lines(samples / "syddjurs-puk-2013-06-20" / "referat.pdf") == []


def test_ballerup_items_are_headings(samples: Path) -> None:
    doc = read_pdf(samples / "ballerup-sfu-2012-12-04" / "referat.pdf")
    headings = [b.text for b in doc.blocks if b.kind == "heading"]
    for n in range(1, 9):
        assert any(h.startswith(f"{n}. ") for h in headings), n
    assert doc.metadata["date"] == "2012-12-04"


def test_syddjurs_members_come_out_as_a_list(samples: Path) -> None:
    doc = read_pdf(samples / "syddjurs-puk-2013-06-20" / "referat.pdf")
    cover = [b for b in doc.blocks if b.page == 1]
    kinds = [b.kind for b in cover]
    start = kinds.index("list_item")
    members = [b.text for b in cover[start:] if b.kind == "list_item"]
    assert len(members) == 5 and all("\n" not in m for m in members)
    # column by column: the three (A) members of the left column first
    assert [m.endswith("(A)") for m in members] == [True, True, True, False, False]
    assert doc.metadata["date"] == "2013-06-20"


def test_notat_sidebar_fields_are_metadata(samples: Path) -> None:
    doc = read_pdf(samples / "edge-cases" / "notat-with-letterhead.pdf")
    assert doc.metadata["date"] == "2012-11-20"
    assert doc.metadata["case_id"] == "2012-25401"
    assert doc.metadata["doc_id"] == "2012-204248"
    assert not any("Sagsnr" in b.text or "Dok.nr" in b.text for b in doc.blocks)
    assert doc.blocks[0].kind == "heading"


def test_scanned_and_blank_samples(samples: Path) -> None:
    with pytest.raises(NoTextLayer):
        read_pdf(samples / "edge-cases" / "scanned-no-text-layer.pdf")
    with pytest.raises(NothingToExtract):
        read_pdf(samples / "edge-cases" / "blank-page.pdf")


def test_pdf_that_pdfminer_rejects_is_repaired_with_a_warning(
    memo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import kitar.read.pdf as pdf_module

    monkeypatch.setenv("KITAR_READER", "pdfplumber")  # pdfminer's failure is what is tested
    plumber = pdf_module._pdfplumber()  # imported when first used
    real_open = plumber.open
    calls: list[object] = []

    def failing_once(source: Any, *args: Any, **kwargs: Any) -> Any:
        calls.append(source)
        if len(calls) == 1:
            raise ValueError("No /Root object! - Is this really a PDF?")
        return real_open(source, *args, **kwargs)

    monkeypatch.setattr(plumber, "open", failing_once)
    doc = read_pdf(memo)
    assert len(calls) == 2  # the second open reads PDFium's rewritten copy
    assert any("Vejplan 2030" in b.text for b in doc.blocks)
    assert any("repaired" in w and "memo.pdf" in w for w in doc.warnings)


def test_truncated_pdf_is_damaged(memo: Path, tmp_path: Path) -> None:
    data = memo.read_bytes()
    path = tmp_path / "cut.pdf"
    path.write_bytes(data[: len(data) * 4 // 5])
    with pytest.raises(DamagedDocument, match=r"cut\.pdf"):
        read_pdf(path)


def test_missing_pdf_is_not_found(tmp_path: Path) -> None:
    with pytest.raises(DocumentNotFound, match=r"gone\.pdf"):
        read_pdf(tmp_path / "gone.pdf")
