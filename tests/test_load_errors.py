"""read_document: validation, dispatch and one clear error per bad input."""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

import pytest

from kitar.errors import DocumentNotFound, EmptyDocument, KitarError, UnsupportedFormat
from kitar.read.load import detect_format, read_document, sniff


def _docx_bytes() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("word/document.xml", "<w:document/>")
    return buf.getvalue()


def test_sniff_recognises_formats_by_content() -> None:
    assert sniff(b"%PDF-1.7\n...") == "pdf"
    assert sniff(_docx_bytes()) == "docx"
    assert sniff("Dagsorden for mødet\n".encode()) == "txt"
    assert sniff(b"\x89PNG\r\n\x1a\n\x00\x00") is None
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("xl/workbook.xml", "<x/>")
    assert sniff(buf.getvalue()) is None  # a zip, but not a Word document


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(DocumentNotFound, match=r"nope\.pdf"):
        read_document(tmp_path / "nope.pdf")


def test_zero_byte_file(tmp_path: Path) -> None:
    path = tmp_path / "tom.pdf"
    path.write_bytes(b"")
    with pytest.raises(EmptyDocument, match=r"tom\.pdf"):
        read_document(path)


def test_text_named_pdf(tmp_path: Path) -> None:
    path = tmp_path / "referat.pdf"
    path.write_text("Dette er ikke en PDF\n", encoding="utf-8")
    with pytest.raises(
        UnsupportedFormat, match=r"referat\.pdf: named \.pdf but the content is plain"
    ):
        read_document(path)


def test_pdf_named_docx(tmp_path: Path) -> None:
    path = tmp_path / "referat.docx"
    path.write_bytes(b"%PDF-1.4\n")
    with pytest.raises(UnsupportedFormat, match="content is a PDF"):
        detect_format(path, path.read_bytes())


def test_unknown_extension_with_binary_content(tmp_path: Path) -> None:
    path = tmp_path / "billede.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    with pytest.raises(UnsupportedFormat, match=r"billede\.png"):
        read_document(path)


def test_directory_is_not_a_document(tmp_path: Path) -> None:
    with pytest.raises(UnsupportedFormat, match="directory"):
        read_document(tmp_path)


def test_every_error_is_a_kitar_error_with_a_distinct_code() -> None:
    from kitar.errors import (
        DamagedDocument,
        EncryptedDocument,
        NoTextLayer,
        NothingToExtract,
    )

    classes = [
        DocumentNotFound,
        EmptyDocument,
        UnsupportedFormat,
        EncryptedDocument,
        DamagedDocument,
        NoTextLayer,
        NothingToExtract,
    ]
    assert all(issubclass(c, KitarError) for c in classes)
    assert len({c.exit_code for c in classes}) == len(classes)


def _pdf(path: Path) -> Path:
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path))
    c.drawString(72, 700, "Referat af mødet i udvalget.")
    c.save()
    return path


def test_pdf_dispatch_fills_sha256(tmp_path: Path) -> None:
    import hashlib

    path = _pdf(tmp_path / "m.pdf")
    doc = read_document(path)
    assert doc.format == "pdf" and doc.path == str(path)
    assert doc.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert doc.blocks[0].text == "Referat af mødet i udvalget."


def test_stdin_is_sniffed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = _pdf(tmp_path / "m.pdf").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    doc = read_document("-")
    assert doc.format == "pdf" and doc.path == "<stdin>"


def test_empty_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"")))
    with pytest.raises(EmptyDocument, match="<stdin>"):
        read_document("-")


def test_txt_dispatches_to_the_txt_reader(tmp_path: Path) -> None:
    pytest.importorskip("kitar.read.txt")
    path = tmp_path / "dagsorden.txt"
    path.write_text("Punkt 1. Godkendelse af dagsorden\n\nTekst her.\n", encoding="utf-8")
    doc = read_document(path)
    assert doc.format == "txt" and len(doc.sha256) == 64
