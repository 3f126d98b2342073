"""OCR plumbing without Tesseract: options, cache, missing tools, strict hyphens, OCR marks.

The tests that really run OCRmyPDF are in test_ocr_slow.py (marked slow, skipped without it).
"""

from __future__ import annotations

import hashlib
import io
import json
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kitar.cli.app import app
from kitar.errors import NoTextLayer
from kitar.model import Block, Document, Meeting
from kitar.read import ocr
from kitar.read.ocr import OcrEvent, OcrOptions, cache_path, page_spec
from kitar.read.pdf import read_pages, read_pdf
from kitar.text.hyphen import decide
from kitar.text.lexicon import Lexicon
from kitar.text.reflow import reflow_document
from tests.test_store_fakes import fake_processor, make_meeting, write_fake

runner = CliRunner()
NO_TOOLS = "tesseract-ocr-dan"  # what ocr.missing() names: a Debian package


@pytest.fixture(autouse=True)
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test its own OCR cache; OCRmyPDF itself is never run here."""
    monkeypatch.setenv("KITAR_CACHE", str(tmp_path / "cache"))

    def no_run(*args: object) -> None:
        raise AssertionError("OCRmyPDF must not run in these tests")

    monkeypatch.setattr(ocr, "_run", no_run)
    return tmp_path / "cache"


def _image_page(c: object) -> None:
    from PIL import Image
    from reportlab.lib.utils import ImageReader

    c.drawImage(ImageReader(Image.new("L", (60, 80), 255)), 0, 0, 595, 842)  # type: ignore[attr-defined]


def _pdf(path: Path, pages: list[str | None]) -> Path:
    """Pages of text, or (None) a picture without a text layer."""
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=(595, 842))
    for text in pages:
        if text is None:
            _image_page(c)
        else:
            c.setFont("Helvetica", 12)
            for n, line in enumerate(text.split("\n")):
                c.drawString(72, 760 - 16 * n, line)
        c.showPage()
    c.save()
    return path


def test_page_spec_compresses_runs() -> None:
    assert page_spec([3, 1, 2, 7, 9, 8]) == "1-3,7-9"
    assert page_spec([5]) == "5"


def test_strict_hyphen_joins_only_words_the_lexicon_knows() -> None:
    lexicon = Lexicon("test", frozenset({"vedligeholdelse", "bygning"}))
    # The document's vocabulary would join `vedlige-` + `holdelse` anyway; an unknown
    # joined word keeps its hyphen only in strict mode (OCR text).
    assert decide("vedlige-", "holdelse", lexicon=lexicon, strict=True) == "join"
    assert decide("bygnings-", "ovensigt", lexicon=lexicon, strict=True) == "keep"
    assert decide("bygnings-", "ovensigt", lexicon=lexicon) == "join"  # default unchanged
    assert decide("Børne-", "og", lexicon=lexicon, strict=True) == "keep_space"
    vocab = {"ovensigt": 3}  # a misreading repeated in the scan is still not a word
    assert decide("oven-", "sigt", vocab=vocab, lexicon=lexicon, strict=True) == "keep"


def test_reflow_is_strict_on_ocr_pages_only() -> None:
    lexicon = Lexicon("test", frozenset({"tagrender"}))
    blocks = [Block("paragraph", "nye tag-\nrender og ejendoms-\nlister", p) for p in (1, 2)]
    doc = Document("x.pdf", "pdf", 2, blocks=blocks, ocr_pages=[2])
    texts = [b.text for b in reflow_document(doc, lexicon=lexicon).blocks]
    assert texts == [
        "nye tagrender og ejendomslister",
        "nye tagrender og ejendoms-lister",
    ]


def test_scanned_pdf_without_ocr_says_how(tmp_path: Path) -> None:
    scan = _pdf(tmp_path / "scan.pdf", [None])
    result = runner.invoke(app, ["reflow", str(scan)])
    assert result.exit_code == NoTextLayer.exit_code
    assert "--ocr" in result.stderr and "apt-get install ocrmypdf tesseract-ocr-dan" in (
        " ".join(result.stderr.split())
    )


def test_missing_tools_keep_exit_8_and_name_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ocr, "missing", lambda: NO_TOOLS)
    scan = _pdf(tmp_path / "scan.pdf", [None, None])
    for command in ("reflow", "parse", "ingest"):
        args = [command, str(scan), "--ocr"]
        if command == "ingest":
            args += ["--db", str(tmp_path / "k.db"), "--json"]
        result = runner.invoke(app, args)
        output = " ".join((result.stderr + result.stdout).split())
        assert "apt-get install ocrmypdf tesseract-ocr-dan" in output
        if command == "ingest":  # the JSON report keeps the library's English reason
            assert f"{NO_TOOLS} is not installed" in output and result.exit_code == 1
        else:
            assert f"OCR kan ikke køre: {NO_TOOLS} er ikke installeret" in output
            assert result.exit_code == NoTextLayer.exit_code
        assert "Traceback" not in output


def test_mixed_pdf_without_tools_reads_its_text_pages_with_a_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ocr, "missing", lambda: NO_TOOLS)
    mixed = _pdf(tmp_path / "mixed.pdf", ["Dagsorden for udvalget", None])
    doc = read_pdf(mixed, ocr=OcrOptions())
    assert "Dagsorden" in doc.blocks[0].text and doc.ocr_pages == []
    assert [w for w in doc.warnings if NO_TOOLS in w] == [
        f"{mixed}: no text layer, and OCR cannot run: {NO_TOOLS} is not installed "
        "(apt-get install ocrmypdf tesseract-ocr-dan)"
    ]


def _cached_copy(scan: Path, pages: list[int], text_pages: list[str | None]) -> Path:
    """Put an "OCR'd copy" of `scan` in the cache, as a finished OCR run would."""
    target = cache_path(hashlib.sha256(scan.read_bytes()).hexdigest(), pages)
    target.parent.mkdir(parents=True, exist_ok=True)
    return _pdf(target, text_pages)


def test_cached_copy_is_read_and_no_ocr_runs(tmp_path: Path) -> None:
    mixed = _pdf(tmp_path / "mixed.pdf", ["Forside med tekst", None])
    # Only page 2 has no text layer, so only page 2 is OCR'd (and keyed so in the cache).
    _cached_copy(mixed, [2], ["Forside med tekst", "Ejendomsoversigt over tagrender"])
    events: list[OcrEvent] = []
    doc = read_pdf(mixed, ocr=OcrOptions(notify=events.append))
    assert doc.ocr_pages == [2]
    assert [b.text for b in doc.blocks if b.page == 2] == ["Ejendomsoversigt over tagrender"]
    assert [(e.stage, e.pages) for e in events] == [("cached", 1)]
    assert not any("--ocr" in w for w in doc.warnings)


def test_cli_reflow_ocr_reports_the_cache_on_stderr(tmp_path: Path) -> None:
    scan = _pdf(tmp_path / "scan.pdf", [None])
    _cached_copy(scan, [1], ["Ejendomsoversigt over tagrender"])
    result = runner.invoke(app, ["reflow", str(scan), "--ocr"])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "Ejendomsoversigt over tagrender"
    assert "OCR scan.pdf: 1 side fra cachen" in result.stderr


def test_ocr_failure_is_one_line_naming_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ocr, "missing", lambda: None)

    def broken(source: Path, target: Path, pages: list[int], jobs: int | None) -> None:
        raise ocr.OcrFailed("OCR failed (OCRmyPDF exit 2): bad input", source)

    monkeypatch.setattr(ocr, "_run", broken)
    scan = _pdf(tmp_path / "scan.pdf", [None])
    result = runner.invoke(app, ["reflow", str(scan), "--ocr"])
    assert result.exit_code == NoTextLayer.exit_code
    lines = result.stderr.strip().splitlines()
    assert "scan.pdf: OCR mislykkedes (OCRmyPDF slutkode 2): bad input" in " ".join(lines[-1:])
    assert "kitar-ocr-" not in result.stderr  # not the temporary copy's name


# ---- the corpus marks OCR pages, search hits say so ------------------------------------


def ocr_fake_processor(path: str) -> tuple[Document, Meeting]:
    """The fake processor of test_store_fakes, with the pages the fake file calls OCR'd."""
    doc, meeting = fake_processor(path)
    doc.ocr_pages = json.loads(Path(path).read_text(encoding="utf-8")).get("ocr_pages", [])
    return doc, meeting


def test_ocr_pages_are_marked_in_the_corpus_and_in_hits(tmp_path: Path) -> None:
    from kitar.ingest.batch import ingest
    from kitar.store.search import search

    path = write_fake(tmp_path / "in" / "bilag.txt", make_meeting(n_items=0))
    data = json.loads(path.read_text(encoding="utf-8"))
    data["pages"] = ["Ejendomsoversigt med tagrender", "Vedligeholdelsesplan for ventilation"]
    data["ocr_pages"] = [1]
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    db = tmp_path / "k.db"
    report = ingest([path], db, processor=ocr_fake_processor)
    assert not report.failed
    rows = sqlite3.connect(db).execute("SELECT number, ocr FROM pages ORDER BY number").fetchall()
    assert rows == [(1, 1), (2, 0)]
    [scanned] = search(db, "tagrender")
    [typed] = search(db, "ventilation")
    assert (scanned.page, scanned.ocr) == (1, True)
    assert (typed.page, typed.ocr) == (2, False)
    result = runner.invoke(app, ["search", "tagrender", "--db", str(db)])
    assert "s. 1 · OCR" in result.stdout
    result = runner.invoke(app, ["search", "ventilation", "--db", str(db)])
    assert "OCR" not in result.stdout


def test_ocr_progress_lines(capsys: pytest.CaptureFixture[str]) -> None:
    from kitar.cli.common import ocr_notice

    ocr_notice(OcrEvent("/x/bilag.pdf", 8, "start"))
    ocr_notice(OcrEvent("/x/bilag.pdf", 8, "done", 40.0))
    err = capsys.readouterr().err
    assert "OCR bilag.pdf: 8 sider (Tesseract, dansk)" in err
    assert "OCR bilag.pdf: 8 sider på 40.0 s (5.0 s/side)" in err


def test_image_helper_really_has_no_text(tmp_path: Path) -> None:
    """The fixture PDFs above are what they claim: no text layer on the picture pages."""
    import pdfplumber

    with pdfplumber.open(io.BytesIO(_pdf(tmp_path / "s.pdf", [None, "Tekst"]).read_bytes())) as p:
        assert [len(page.chars) for page in p.pages] == [0, 5]


def test_ocr_migration_marks_existing_pages_as_not_ocr(tmp_path: Path) -> None:
    from kitar.store import migrations
    from kitar.store.db import open_db

    version = next(v for v, name, _ in migrations.MIGRATIONS if name == "pages read by OCR")
    db = open_db(tmp_path / "old.db")
    assert migrations.migrate(db, target=version - 1)[-1] == version - 1
    db.execute(
        "INSERT INTO documents (sha256, path, format, pages) VALUES ('a', 'x.pdf', 'pdf', 1)"
    )
    db.execute("INSERT INTO pages (document_id, number, text) VALUES (1, 1, 'Tekst')")
    assert migrations.migrate(db)[0] == version
    assert [tuple(r) for r in db.execute("SELECT number, ocr FROM pages")] == [(1, 0)]


def test_pages_cached_in_other_groupings_are_not_ocrd_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`-j` workers OCR a long PDF chunk by chunk, a later run whole (or the other way): the
    cache serves each page from whichever copy holds it and OCRs only the rest."""
    scan = _pdf(tmp_path / "scan.pdf", [None, None, None])
    _cached_copy(scan, [1, 2], ["Side et tagrender", "Side to ventilation", None])
    runs: list[list[int]] = []

    def fake_run(source: Path, target: Path, pages: list[int], jobs: int | None) -> None:
        runs.append(pages)
        _pdf(target, [None, None, "Side tre vinduer"])

    monkeypatch.setattr(ocr, "missing", lambda: None)
    monkeypatch.setattr(ocr, "_run", fake_run)
    events: list[OcrEvent] = []
    pages = read_pages(scan, ocr=OcrOptions(notify=events.append))
    assert runs == [[3]] and [p.ocr for p in pages] == [True, True, True]
    assert [[ln.text for ln in p.lines] for p in pages] == [
        ["Side et tagrender"],
        ["Side to ventilation"],
        ["Side tre vinduer"],
    ]
    assert [(e.stage, e.pages) for e in events] == [("cached", 2), ("start", 1), ("done", 1)]
    pages = read_pages(scan, ocr=OcrOptions())  # now every page is cached, in two copies
    assert runs == [[3]] and [p.lines[0].text for p in pages][2] == "Side tre vinduer"
