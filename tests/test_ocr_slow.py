"""OCR for real: OCRmyPDF and Tesseract's Danish model (slow; skipped when not installed).

A generated scanned page is read back word for word; the Ballerup meeting folder (copied to a
temporary folder) is ingested with --ocr: its scanned annex becomes searchable, marked as
OCR, and a second run reads the OCR'd copy from the cache instead of running OCR again.
"""

from __future__ import annotations

import json
import resource
import sqlite3
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kitar.cli.app import app
from kitar.config import samples_dir
from kitar.read import ocr
from kitar.read.ocr import OcrEvent, OcrOptions
from kitar.read.pdf import read_pdf
from kitar.store.search import search
from tests.ocr_helpers import SCAN_TEXT, copy_folder, needs_ocr_tools, words, write_scanned_pdf

pytestmark = pytest.mark.slow
runner = CliRunner()
# Share of the generated page's words OCR must read back exactly (the bar).
MIN_WORD_RECALL = 0.95
ANNEX = "1537646.PDF"  # the Ballerup folder's scanned building list: 8 landscape pages


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """One OCR cache for the module: what one test OCR'd, the next finds there."""
    needs_ocr_tools()
    path = tmp_path_factory.mktemp("ocr-cache")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("KITAR_CACHE", str(path))
        yield path


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _recall(expected: list[str], read: list[str]) -> float:
    want = Counter(expected)
    return sum((want & Counter(read)).values()) / sum(want.values())


def test_generated_scanned_page_reads_back_its_words(cache: Path, tmp_path: Path) -> None:
    scan = write_scanned_pdf(tmp_path / "scan.pdf", [SCAN_TEXT])
    events: list[OcrEvent] = []
    start, cpu = time.perf_counter(), _children_cpu()
    doc = read_pdf(scan, ocr=OcrOptions(notify=events.append))
    seconds, cpu = time.perf_counter() - start, _children_cpu() - cpu
    read = words("\n".join(b.text for b in doc.blocks))
    recall = _recall(words("\n".join(SCAN_TEXT)), read)
    # The CPU time of OCRmyPDF and Tesseract depends far less on the machine's load than the
    # wall time does (docs/ocr.md reports both).
    print(f"\nOCR of one generated A4 page: {seconds:.1f} s wall, {cpu:.1f} s CPU, {recall:.1%}")
    assert recall >= MIN_WORD_RECALL, read
    assert doc.ocr_pages == [1]
    assert [e.stage for e in events] == ["start", "done"]


def test_mixed_pdf_ocrs_only_its_scanned_page(cache: Path, tmp_path: Path) -> None:
    mixed = write_scanned_pdf(tmp_path / "mixed.pdf", [None, SCAN_TEXT[:4]])
    runs: list[list[int]] = []
    real_run = ocr._run

    def counted(source: Path, target: Path, pages: list[int], jobs: int | None) -> None:
        runs.append(pages)
        real_run(source, target, pages, jobs)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(ocr, "_run", counted)
        doc = read_pdf(mixed, ocr=OcrOptions())
    assert runs == [[2]] and doc.ocr_pages == [2]
    page1 = " ".join(b.text for b in doc.blocks if b.page == 1)
    page2 = " ".join(b.text for b in doc.blocks if b.page == 2)
    assert page1.startswith("Forside med tekst")
    assert "Sagsnr" in page2 and "Miljøudvalget" in page2


@pytest.fixture(scope="module")
def ballerup(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = samples_dir().parent / "meeting-folders" / "ballerup-sfu-2012-12-04"
    if not (folder / ANNEX).exists():
        pytest.skip(f"Ballerup meeting folder not found at {folder}")
    return copy_folder(folder, tmp_path_factory.mktemp("ballerup") / "folder")


def _ingest(folder: Path, db: Path, *extra: str) -> dict:
    result = runner.invoke(app, ["ingest", str(folder), "--db", str(db), "--json", *extra])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _cache_state(cache: Path) -> dict[str, int]:
    return {p.name: p.stat().st_mtime_ns for p in (cache / "ocr").iterdir()}


def test_ballerup_folder_scanned_annex_is_searchable_as_ocr(
    cache: Path, ballerup: Path, tmp_path: Path
) -> None:
    db = tmp_path / "k.db"
    report = _ingest(ballerup, db, "--ocr", "-j", "2")  # the workers run OCR
    annex = next(f for f in report["files"] if f["path"].endswith(ANNEX))
    assert annex["status"] == "new" and not any("--ocr" in w for w in annex["warnings"])
    # A word printed on the annex's first page (a park in the building list).
    hits = [h for h in search(db, "Damgårdsparken") if h.path and h.path.endswith(ANNEX)]
    assert [(h.page, h.ocr) for h in hits] == [(1, True)]
    # Every page was read, and read upright: a page read sideways comes out as single
    # letters (measured: 88 % of its tokens; upright pages: 0 to 6 %) and few real words.
    conn = sqlite3.connect(db)
    rows = conn.execute(
        "SELECT p.number, p.ocr, p.text FROM pages p JOIN documents d ON d.id = p.document_id "
        "WHERE d.path LIKE ? ORDER BY p.number",
        (f"%{ANNEX}",),
    ).fetchall()
    conn.close()
    assert [(n, o) for n, o, _ in rows] == [(n, 1) for n in range(1, 9)]
    for n, _, text in rows:
        tokens = words(text)
        long = [w for w in tokens if len(w) >= 4 and w.isalpha()]
        single = [w for w in tokens if len(w) == 1 and w.isalpha()]
        assert len(long) >= 100 and len(single) <= len(tokens) / 5, (n, text[:300])
    # Page 4 is the one OCRmyPDF's default orientation threshold leaves sideways.
    hits = [h for h in search(db, "Folkerumsbygning") if h.path.endswith(ANNEX)]
    assert [(h.page, h.ocr) for h in hits] == [(4, True)]
    result = runner.invoke(app, ["search", "Damgårdsparken", "--db", str(db)])
    assert "s. 1 · OCR" in " ".join(result.stdout.split())

    # Again, into a new corpus and with --force: the OCR'd copies come from the cache.
    before = _cache_state(cache)
    assert any(name.startswith(_sha(ballerup / ANNEX)) for name in before)

    def no_ocr(*args: object) -> None:
        raise AssertionError("OCR ran again")

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(ocr, "_run", no_ocr)
        again = _ingest(ballerup, tmp_path / "again.db", "--ocr")
        forced = _ingest(ballerup, db, "--ocr", "--force")
    assert {f["status"] for f in again["files"]} == {"new"}
    assert {f["status"] for f in forced["files"]} == {"updated"}
    assert _cache_state(cache) == before
    hits = [h for h in search(tmp_path / "again.db", "Damgårdsparken") if h.path.endswith(ANNEX)]
    assert [(h.page, h.ocr) for h in hits] == [(1, True)]


def _sha(path: Path) -> str:
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_scanned_sample_parses_with_ocr(cache: Path, samples: Path) -> None:
    """The edge-case sample (the same scan as the annex): exit 8 without --ocr, read with it."""
    scan = samples / "edge-cases" / "scanned-no-text-layer.pdf"
    assert runner.invoke(app, ["parse", str(scan)]).exit_code == 8
    result = runner.invoke(app, ["reflow", str(scan), "--ocr"])
    assert result.exit_code == 0, result.output
    assert "Ejendomsoversigt" in result.stdout and "OCR scanned-no-text-layer.pdf" in result.stderr
