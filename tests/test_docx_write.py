"""kitar.minutes.docx_write.DocxWriter: the thin writing API (python-docx stays in read/docx)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
import pytest

from kitar.errors import DocumentNotFound, OutputExists, UnsupportedFormat
from kitar.minutes.docx_write import DocxWriter, fill_paragraphs
from kitar.read.docx import read_docx


def test_blocks_written_read_back(tmp_path: Path) -> None:
    w = DocxWriter()
    w.add_heading("1. Punkt", 1)
    w.add_paragraph("Linje et\nlinje to", bold=True)
    w.add_list_item("Niveau nul")
    w.add_list_item("Niveau et", level=1)
    w.add_list_item("Nummereret", numbered=True)
    w.add_table(["A", "B"], [["1", "2"]])
    w.set_properties(title="T", identifier="9", keywords="kitar")
    doc = read_docx(w.save(tmp_path / "w.docx"))
    got = [(b.kind, b.text, b.level) for b in doc.blocks]
    assert got == [
        ("heading", "1. Punkt", 1),
        ("paragraph", "Linje et\nlinje to", 0),
        ("list_item", "Niveau nul", 0),
        ("list_item", "Niveau et", 1),
        ("list_item", "Nummereret", 0),
        ("table_cell", "A", 0), ("table_cell", "B", 1),
        ("table_cell", "1", 0), ("table_cell", "2", 1),
    ]  # fmt: skip
    assert doc.blocks[1].bold and doc.metadata["docx_identifier"] == "9"
    assert doc.metadata["docx_author"] == "kitar"


def test_template_style_wins_and_missing_heading_gets_outline(tmp_path: Path) -> None:
    template = docx.Document()
    custom = template.styles.add_style("Kitar Beslutning", 1)
    custom.font.size = docx.shared.Pt(17)
    heading = template.styles["Heading 1"]
    heading.element.getparent().remove(heading.element)  # a house template without Heading 1
    template.save(str(tmp_path / "t.docx"))
    w = DocxWriter(tmp_path / "t.docx")
    w.ensure_style("Kitar Beslutning", italic=True)
    w.add_heading("Punkt", 1)
    out = w.save(tmp_path / "o.docx")
    document = docx.Document(str(out))
    assert document.styles["Kitar Beslutning"].font.size.pt == 17
    assert document.styles["Kitar Beslutning"].font.italic is None  # not overridden
    with zipfile.ZipFile(out) as zf:
        styles = zf.read("word/styles.xml").decode()
    assert 'w:outlineLvl w:val="0"' in styles  # the navigation pane sees the heading


def test_save_refuses_existing_unless_forced(tmp_path: Path) -> None:
    out = tmp_path / "x.docx"
    out.write_bytes(b"keep")
    with pytest.raises(OutputExists):
        DocxWriter().save(out)
    assert out.read_bytes() == b"keep"
    DocxWriter().save(out, force=True)
    assert zipfile.is_zipfile(out)
    assert [p.name for p in tmp_path.iterdir()] == ["x.docx"]  # no temporary file left


def test_bad_template(tmp_path: Path) -> None:
    with pytest.raises(DocumentNotFound):
        DocxWriter(tmp_path / "none.docx")
    (tmp_path / "t.docx").write_text("ikke word", encoding="utf-8")
    with pytest.raises(UnsupportedFormat):
        DocxWriter(tmp_path / "t.docx")


def test_unknown_property_is_a_bug() -> None:
    with pytest.raises(ValueError):
        DocxWriter().set_properties(colour="blå")


def test_fill_paragraphs_types_into_style(tmp_path: Path) -> None:
    w = DocxWriter()
    w.ensure_style("Felt")
    for _ in range(3):
        w.add_paragraph("", "Felt")
    src = w.save(tmp_path / "s.docx")
    assert fill_paragraphs(src, "Felt", ["a", None, "c"], tmp_path / "f.docx") == 2
    texts = [b.text for b in read_docx(tmp_path / "f.docx").blocks]
    assert texts == ["a", "c"]
