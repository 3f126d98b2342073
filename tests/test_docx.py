"""kitar.read.docx.read_docx: styles, lists, tables, pages, metadata and bad input."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_BREAK
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kitar.errors import (
    DamagedDocument,
    DocumentNotFound,
    EmptyDocument,
    EncryptedDocument,
    NothingToExtract,
    UnsupportedFormat,
)
from kitar.read.docx import read_docx


def _save(document: docx.document.Document, tmp_path: Path, name: str = "doc.docx") -> Path:
    path = tmp_path / name
    document.save(str(path))
    return path


@pytest.fixture()
def sample_docx(tmp_path: Path) -> Path:
    d = docx.Document()
    d.sections[0].header.paragraphs[0].text = "Referat For Testudvalget Side 1"
    d.sections[0].footer.paragraphs[0].text = "Fodnote der ikke er brødtekst"
    d.add_heading("1. Velkommen", level=1)
    d.add_heading("Sagsfremstilling", level=2)
    p = d.add_paragraph("Første linje")
    p.add_run().add_break()
    p.add_run("anden linje med \ufb01nansiering og bla\u00adde hyphen")
    d.add_paragraph("Punkt et", style="List Bullet")
    d.add_paragraph("Underpunkt", style="List Bullet 2")
    d.add_paragraph("Nummer et", style="List Number")
    d.add_paragraph("Nummer to", style="List Number")
    bold = d.add_paragraph()
    bold.add_run("Helt fed").bold = True
    mixed = d.add_paragraph()
    mixed.add_run("Delvist ").bold = True
    mixed.add_run("fed")
    d.add_paragraph("\u00a0")  # empty paragraphs are dropped
    table = d.add_table(rows=2, cols=3)
    table.cell(0, 0).merge(table.cell(0, 1)).text = "Flettet"
    table.cell(0, 2).text = "Tredje"
    for col, text in enumerate(["a", "b", "c"]):
        table.cell(1, col).text = text
    brk = d.add_paragraph("Før sideskift")
    brk.add_run().add_break(WD_BREAK.PAGE)
    d.add_paragraph("Side to")
    d.core_properties.title = "Testreferat"
    d.core_properties.identifier = "42"
    d.core_properties.keywords = "kitar; referat"
    return _save(d, tmp_path)


def test_headings_keep_level_and_style(sample_docx: Path) -> None:
    blocks = read_docx(sample_docx).blocks
    headings = [(b.text, b.level, b.style) for b in blocks if b.kind == "heading"]
    assert headings == [("1. Velkommen", 1, "Heading 1"), ("Sagsfremstilling", 2, "Heading 2")]


def test_line_breaks_and_normalisation(sample_docx: Path) -> None:
    para = next(b for b in read_docx(sample_docx).blocks if b.text.startswith("Første"))
    assert para.text == "Første linje\nanden linje med finansiering og blade hyphen"


def test_lists_have_levels_and_markers(sample_docx: Path) -> None:
    items = [(b.text, b.level, b.marker) for b in read_docx(sample_docx).blocks
             if b.kind == "list_item"]  # fmt: skip
    assert [(t, lvl) for t, lvl, _ in items] == [
        ("Punkt et", 0), ("Underpunkt", 1), ("Nummer et", 0), ("Nummer to", 0)
    ]  # fmt: skip
    assert items[2][2] == "1." and items[3][2] == "2."
    assert items[0][2]  # the bullet glyph from numbering.xml


def test_bold_only_when_every_run_is_bold(sample_docx: Path) -> None:
    by_text = {b.text: b.bold for b in read_docx(sample_docx).blocks}
    assert by_text["Helt fed"] is True
    assert by_text["Delvist fed"] is False
    assert by_text["Punkt et"] is False


def test_table_cells_row_by_row_merged_once(sample_docx: Path) -> None:
    cells = [(b.text, b.level) for b in read_docx(sample_docx).blocks if b.kind == "table_cell"]
    assert cells == [("Flettet", 0), ("Tredje", 2), ("a", 0), ("b", 1), ("c", 2)]


def test_headers_footers_and_empty_paragraphs_excluded(sample_docx: Path) -> None:
    doc = read_docx(sample_docx)
    text = "\n".join(b.text for b in doc.blocks)
    assert "Referat For" not in text and "Fodnote" not in text
    assert all(b.text.strip() for b in doc.blocks)


def test_explicit_page_break_counts(sample_docx: Path) -> None:
    doc = read_docx(sample_docx)
    pages = {b.text: b.page for b in doc.blocks}
    assert (pages["Før sideskift"], pages["Side to"], doc.pages) == (1, 2, 2)


def test_core_properties_as_metadata(sample_docx: Path) -> None:
    doc = read_docx(sample_docx)
    assert doc.format == "docx" and len(doc.sha256) == 64
    assert doc.metadata["docx_title"] == "Testreferat"
    assert doc.metadata["docx_identifier"] == "42"
    assert doc.metadata["docx_keywords"] == "kitar; referat"
    assert "docx_created" in doc.metadata
    props = doc.properties  # the same, typed: what the parser reads
    assert props is not None and props.title == "Testreferat" and props.identifier == "42"
    assert props.keywords == "kitar; referat" and (props.created or "")[:2] in ("19", "20")


def test_numbered_list_counts_up(tmp_path: Path) -> None:
    d = docx.Document()
    for text in ("a", "b", "c"):
        d.add_paragraph(text, style="List Number")
    markers = [b.marker for b in read_docx(_save(d, tmp_path)).blocks]
    assert markers == ["1.", "2.", "3."]


# ---- bad input -------------------------------------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(DocumentNotFound):
        read_docx(tmp_path / "nope.docx")


def test_zero_bytes(tmp_path: Path) -> None:
    path = tmp_path / "empty.docx"
    path.write_bytes(b"")
    with pytest.raises(EmptyDocument):
        read_docx(path)


def test_text_named_docx(tmp_path: Path) -> None:
    path = tmp_path / "fake.docx"
    path.write_text("Dagsorden\n1. Velkommen\n", encoding="utf-8")
    with pytest.raises(UnsupportedFormat, match="not a DOCX"):
        read_docx(path)


def test_zip_without_document(tmp_path: Path) -> None:
    path = tmp_path / "other.docx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("hello.txt", "hej")
    with pytest.raises(UnsupportedFormat, match=r"word/document\.xml"):
        read_docx(path)


def test_legacy_doc_and_encrypted(tmp_path: Path) -> None:
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512
    legacy, encrypted = tmp_path / "old.docx", tmp_path / "locked.docx"
    legacy.write_bytes(ole)
    encrypted.write_bytes(ole + "EncryptionInfo".encode("utf-16-le"))
    with pytest.raises(UnsupportedFormat, match=r"\.doc"):
        read_docx(legacy)
    with pytest.raises(EncryptedDocument):
        read_docx(encrypted)


def test_damaged_document_xml(tmp_path: Path, sample_docx: Path) -> None:
    broken = tmp_path / "broken.docx"
    with zipfile.ZipFile(sample_docx) as src, zipfile.ZipFile(broken, "w") as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            dst.writestr(info, b"<w:document>" if info.filename == "word/document.xml" else data)
    with pytest.raises(DamagedDocument):
        read_docx(broken)


def test_empty_body(tmp_path: Path) -> None:
    with pytest.raises(NothingToExtract):
        read_docx(_save(docx.Document(), tmp_path))


# ---- the real sample -------------------------------------------------------------------


def test_syddjurs_docx_structure(samples: Path) -> None:
    doc = read_docx(samples / "syddjurs-puk-2013-06-20" / "referat.docx")
    texts = [b.text for b in doc.blocks]
    assert any(t.startswith("715. Kulturkommune 2017") for t in texts)
    headings = [b.text for b in doc.blocks if b.kind == "heading"]
    assert "Indstilling" in headings and "Bilag" in headings
    assert sum(h.startswith("Beslutning i") for h in headings) == 3
    assert any(b.kind == "list_item" for b in doc.blocks)
    assert "\xa0" not in "".join(texts) and "\t" not in "".join(texts)
    assert doc.pages >= 2


_DANISH_TEXT = st.text(
    alphabet=st.sampled_from(list("abcæøåABCÆØÅ  .,-–\u00ad\ufb01\u00a0\t")), max_size=30
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(_DANISH_TEXT, min_size=1, max_size=6))
def test_paragraph_text_round_trips(tmp_path: Path, texts: list[str]) -> None:
    """Whatever text Word holds comes back normalised, in order, empty paragraphs dropped."""
    from kitar.text.normalize import normalize

    d = docx.Document()
    for text in texts:
        d.add_paragraph(text)
    expected = [" ".join(normalize(t).split()) for t in texts]
    expected = [t for t in expected if t]
    path = _save(d, tmp_path)
    if not expected:
        with pytest.raises(NothingToExtract):
            read_docx(path)
        return
    # a typed bullet ("- A") becomes a list item: its marker moves to `marker`
    got = [f"{b.marker} {b.text}" if b.marker else b.text for b in read_docx(path).blocks]
    assert got == expected


def _append_xml(paragraph: docx.text.paragraph.Paragraph, xml: str) -> None:
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    paragraph._p.append(parse_xml(xml.replace("W_NS", nsdecls("w"))))


def test_tracked_changes_hyperlinks_and_text_boxes(tmp_path: Path) -> None:
    """Typed with Track Changes on, a decision sits in w:ins: it must not vanish."""
    d = docx.Document()
    p = d.add_paragraph("Godkendt")
    meta = 'w:id="1" w:author="Sekretær" w:date="2024-03-12T10:00:00Z"'
    _append_xml(
        p, f'<w:ins W_NS {meta}><w:r><w:t xml:space="preserve"> med ændring</w:t></w:r></w:ins>'
    )
    _append_xml(p, f"<w:del W_NS {meta}><w:r><w:delText> uden</w:delText></w:r></w:del>")
    _append_xml(
        p, '<w:hyperlink W_NS><w:r><w:t xml:space="preserve"> (se kl.dk)</w:t></w:r></w:hyperlink>'
    )
    _append_xml(p, "<w:r W_NS><w:pict><w:txbxContent><w:p><w:r><w:t>Tekstboks</w:t></w:r></w:p>"
                   "</w:txbxContent></w:pict></w:r>")  # fmt: skip
    texts = [b.text for b in read_docx(_save(d, tmp_path)).blocks]
    assert texts == ["Godkendt med ændring (se kl.dk)"]


def test_letterhead_in_the_first_page_header_gives_metadata(tmp_path: Path) -> None:
    """A memo template's letterhead sits in the first-page header: its fields become the
    document's date, case and document number (as a printed letterhead does in a PDF), the
    default header's other text its running header, and none of it enters the body."""
    d = docx.Document()
    section = d.sections[0]
    section.different_first_page_header_footer = True
    section.first_page_header.paragraphs[
        0
    ].text = "NOTAT\nDato: 3. marts 2025\nSags ID: SAG-2025-00042\nDok. ID: 7654321\nwww.testrup.dk"
    section.header.paragraphs[0].text = "Testrup Kommune\tØkonomiudvalget"
    d.add_paragraph("1. Budgetopfølgning")
    doc = read_docx(_save(d, tmp_path))
    assert (doc.date, doc.case_id, doc.doc_id) == ("2025-03-03", "SAG-2025-00042", "7654321")
    assert doc.metadata["running_header"] == "Testrup Kommune | Økonomiudvalget"
    assert [b.text for b in doc.blocks] == ["1. Budgetopfølgning"]


def test_header_fields_split_at_tab_stops(tmp_path: Path) -> None:
    d = docx.Document()
    d.sections[0].header.paragraphs[0].text = "Sagsnr.: 25/1234\tDato: 4. marts 2025"
    d.add_paragraph("Referat")
    doc = read_docx(_save(d, tmp_path))
    assert (doc.case_id, doc.date) == ("25/1234", "2025-03-04")
    assert "running_header" not in doc.metadata  # both parts are letterhead fields


def test_typed_bullets_are_list_items(tmp_path: Path) -> None:
    """`– Tekst` typed into an ordinary paragraph is a list item, as in a PDF or a text file;
    a word with a hyphen (`e-handel`) or a dash inside a sentence is not."""
    d = docx.Document()
    for text in ["Det indstilles, at udvalget drøfter:", "– rammerne for projektet", "• tidsplanen",
                 "e-handel er nævnt", "Budgettet – som vedtaget – holder"]:  # fmt: skip
        d.add_paragraph(text)
    blocks = read_docx(_save(d, tmp_path)).blocks
    assert [(b.kind, b.marker, b.text) for b in blocks[1:3]] == [
        ("list_item", "–", "rammerne for projektet"),
        ("list_item", "•", "tidsplanen"),
    ]
    assert [b.kind for b in blocks[3:]] == ["paragraph", "paragraph"]


_LINE_BROKEN = """Punkt 1. Orientering om digitaliseringsstrategien

Udvalget orienteres om status for den fælles digi-
taliseringsstrategi, som blev vedtaget i foråret, og
om de næste skridt i arbejdet med strategien for
perioden frem mod 2027.

Indstilling
Forvaltningen indstiller, at udvalget tager orienteringen
til efterretning, og at sagen genoptages på mødet
i juni, når evalueringen af pilotprojektet foreligger
fra styregruppen.

Beslutning
Taget til efterretning."""


def test_text_pasted_as_one_paragraph_per_line_is_joined(tmp_path: Path) -> None:
    """An extractor's text pasted into Word (every line a paragraph) is read as the text
    reader reads it: lines joined into paragraphs, `digi-`/`taliseringsstrategi` one word
    once reflowed."""
    d = docx.Document()
    for line in _LINE_BROKEN.split("\n"):
        d.add_paragraph(line)
    doc = read_docx(_save(d, tmp_path))
    texts = [b.text.replace("\n", " ") for b in doc.blocks]
    assert texts[1].startswith("Udvalget orienteres") and texts[1].endswith("frem mod 2027.")
    assert any(t.startswith("Forvaltningen indstiller") and t.endswith("styregruppen.")
               for t in texts)  # fmt: skip
    assert doc.format == "docx"


def test_ordinary_paragraphs_stay_paragraphs(tmp_path: Path) -> None:
    """Short paragraphs that end their sentences are not taken for broken lines."""
    d = docx.Document()
    lines = [line for line in _LINE_BROKEN.split("\n") if line]
    for n in range(len(lines)):
        d.add_paragraph(f"Afsnit {n + 1} handler om budgettet for året.")
    doc = read_docx(_save(d, tmp_path))
    assert len(doc.blocks) == len(lines)
