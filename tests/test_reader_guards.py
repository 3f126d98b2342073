"""Reader guards: coordinates inside the page box, library log lines as warnings, time budget."""

from __future__ import annotations

import logging
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kitar.budget import time_budget
from kitar.cli.app import app
from kitar.errors import OverBudget
from kitar.ingest.batch import ingest
from kitar.model import Line, Word
from kitar.read.columns import gutters_and_edges
from kitar.read.guards import MAX_PAGE_PT, library_log, library_warning, page_size, word_box
from kitar.read.pdf import read_pdf
from tests.test_store_fakes import fake_processor, make_meeting, write_fake

BODY = "Udvalget drøftede den fremtidige organisering af området og strategien"


def raw_pdf(path: Path, raw_ops: list[str], lines: int = 12) -> Path:
    """A one-page PDF with ordinary body lines plus raw content-stream operators (the kind
    of numbers a damaged stream yields)."""
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=(595, 842), pageCompression=0)
    c.setFont("Helvetica", 10)  # the font's resource name is /F1
    for n in range(lines):
        c.drawString(72, 700 - 14 * n, f"{n + 1}. {BODY}")
    for op in raw_ops:
        c._code.append(op)
    c.showPage()
    c.save()
    return path


# ---- geometry --------------------------------------------------------------------------


def test_word_box_clamps_to_the_page_and_drops_what_lies_outside() -> None:
    assert word_box(10, 20, 30, 40, 595, 842) == (10, 20, 30, 40)
    assert word_box(590, 4.8e11, 30, 40, 595, 842) == (590, 595, 30, 40)
    assert word_box(4.8e11, 4.8e11 + 5, 30, 40, 595, 842) is None
    assert word_box(10, 20, -900, -880, 595, 842) is None
    assert word_box(float("nan"), 20, 30, 40, 595, 842) is None
    assert word_box(20, 10, 40, 30, 595, 842) == (10, 20, 30, 40)  # reversed boxes


def test_page_size_is_bounded() -> None:
    assert page_size(595.0, 842.0) == (595.0, 842.0)
    assert page_size(1e12, float("inf")) == (MAX_PAGE_PT, 842.0)
    assert page_size(-1, float("nan")) == (595.0, 842.0)


def test_gutters_ignore_geometry_larger_than_any_page() -> None:
    """Before the guard this allocated a list 4.8e11 long (MemoryError or OverflowError)."""
    words = [Word(f"ord{n}", 50 + 3 * n, 80 + 3 * n, 100, 110, "F", 10) for n in range(45)]
    words.append(Word("junk", 4.8e11, 4.8e11 + 5, 100, 110, "F", 10))
    line = Line("x", 1, 50, 4.8e11 + 5, 100, 110, "F", 10, words=words)
    start = time.perf_counter()
    assert gutters_and_edges([line]) == []
    assert time.perf_counter() - start < 1.0


_FAR_OUT = [
    "BT /F1 10 Tf 1 0 0 1 480000000000 700 Tm (fjern) Tj ET",
    "BT /F1 10 Tf 1 0 0 1 300 -90000000000 Tm (langt) Tj ET",
    "BT /F1 10 Tf 1 0 0 1 560 300 Tm (kant og videre ud over siden) Tj ET",
]


def test_pdf_with_glyphs_far_outside_the_page_reads_its_real_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KITAR_READER", "pdfplumber")
    doc = read_pdf(raw_pdf(tmp_path / "far.pdf", _FAR_OUT))
    text = "\n".join(b.text for b in doc.blocks)
    assert "fjern" not in text and "langt" not in text  # wholly outside: not on the page
    assert text.count("Udvalget drøftede") == 12
    assert "kant" in text  # starts on the page: kept, its box clamped


def test_pdfium_reads_numbers_too_large_as_zero_as_its_viewer_shows_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """PDFium (Chrome's viewer) parses 480000000000 as 0: "fjern" shows at the left edge and
    "langt" at the bottom, so its reader keeps them; the real text is read in full."""
    monkeypatch.setenv("KITAR_READER", "pdfium")
    doc = read_pdf(raw_pdf(tmp_path / "far.pdf", _FAR_OUT))
    text = "\n".join(b.text for b in doc.blocks)
    assert text.count("Udvalget drøftede") == 12
    assert "kant" in text


# ---- the PDF library's log lines -------------------------------------------------------


def test_library_log_lines_become_one_warning_not_stderr(
    tmp_path: Path, capfd: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KITAR_READER", "pdfplumber")  # pdfminer's log; PDFium logs nothing
    bad = [
        "BT /F1 10 Tf 1 0 0 1 (x) 650 Tm (a) Tj ET",
        "BT /F1 10 Tf 1 0 0 1 (y) 640 Tm (b) Tj ET",
        "BT /F1 10 Tf (z) Tc 1 0 0 1 72 630 Tm (c) Tj ET",
    ]
    doc = read_pdf(raw_pdf(tmp_path / "log.pdf", bad))
    notes = [w for w in doc.warnings if "PDF library reported" in w]
    assert len(notes) == 1, doc.warnings
    assert notes[0].startswith(f"{tmp_path / 'log.pdf'}: the PDF library reported 3 problem(s)")
    assert "text matrix" in notes[0]
    assert capfd.readouterr().err == ""


def test_library_warning_groups_lines_by_kind() -> None:
    lines = [f"Could not set text matrix because not all values in ({n}, b'x') parse" for n in "12"]
    message = library_warning([*lines, "Data-loss while decompressing corrupted data"])
    assert message is not None
    assert message.count("Could not set text matrix") == 1 and "reported 3 problem(s)" in message
    assert library_warning([]) is None


def test_library_log_outside_a_document_is_dropped(capfd: pytest.CaptureFixture[str]) -> None:
    notes: list[str] = []
    with library_log(notes, "a.pdf"):
        logging.getLogger("pdfminer.pdfpage").warning("inside")
    logging.getLogger("pdfminer.pdfpage").warning("outside")
    assert notes == ["a.pdf: the PDF library reported 1 problem(s) reading it: inside"]
    assert capfd.readouterr().err == ""


# ---- the time budget -------------------------------------------------------------------


def _busy(seconds: float) -> None:
    """Pure-Python work that swallows ordinary exceptions, as pdfminer does in places."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            sum(range(1000))
        except Exception:  # swallowed, as pdfminer does
            continue


def test_time_budget_stops_the_work_even_when_exceptions_are_swallowed() -> None:
    start = time.monotonic()
    with (
        pytest.raises(OverBudget, match=r"x\.pdf: stopped after 0\.2 s"),
        time_budget(0.2, "x.pdf"),
    ):
        _busy(5)
    assert time.monotonic() - start < 2


def test_no_budget_and_a_budget_not_spent_change_nothing() -> None:
    import signal

    before = signal.getsignal(signal.SIGALRM)
    with time_budget(None, "x"):
        _busy(0.05)
    with time_budget(5, "x"):
        _busy(0.05)
    assert signal.getsignal(signal.SIGALRM) == before
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_parse_timeout_gives_exit_14_naming_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kitar.ingest import pipeline

    monkeypatch.setattr(pipeline, "process_file", lambda path, **kw: _busy(10))
    result = CliRunner().invoke(app, ["parse", "slow.pdf", "--timeout", "0.3"])
    assert result.exit_code == 14
    assert "slow.pdf: stoppet efter 0.3 s (dets tidsgrænse, --timeout)" in result.output
    assert "Traceback" not in result.output


def slow_processor(path: str) -> tuple:
    """The fake processor, which never finishes on `slow.txt` (module level: workers pickle
    it)."""
    if path.endswith("slow.txt"):
        _busy(30)
    return fake_processor(path)


@pytest.mark.parametrize("jobs", [1, 2])
def test_ingest_stops_a_document_over_budget_and_names_it(tmp_path: Path, jobs: int) -> None:
    write_fake(tmp_path / "slow.txt", make_meeting())
    write_fake(tmp_path / "ok.txt", make_meeting(variant="b"))
    report = ingest(
        [tmp_path / "slow.txt", tmp_path / "ok.txt"],
        tmp_path / "k.db",
        jobs=jobs,
        processor=slow_processor,
        timeout=0.5,
    )
    by_name = {Path(f.path).name: f for f in report.files}
    assert by_name["slow.txt"].status == "failed"
    assert "slow.txt: stopped after 0.5 s" in (by_name["slow.txt"].reason or "")
    assert by_name["ok.txt"].status == "new"


def test_ingest_jobs_2_stops_a_document_whose_parsing_is_over_budget(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With -j 2 the workers read and this process parses: the budget holds here too."""
    from kitar.ingest import pipeline

    real = pipeline.finish_document

    def finish(doc: object) -> tuple:
        if str(getattr(doc, "path", "")).endswith("slow.txt"):
            _busy(30)
        return real(doc)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline, "finish_document", finish)
    for name in ("slow.txt", "ok.txt"):
        text = f"1. Godkendelse af dagsorden ({name})\n\nGodkendt.\n"
        (tmp_path / name).write_text(text, encoding="utf-8")
    report = ingest([tmp_path], tmp_path / "k.db", jobs=2, timeout=3)
    by_name = {Path(f.path).name: f for f in report.files}
    assert by_name["slow.txt"].status == "failed"
    assert "slow.txt: stopped after 3 s" in (by_name["slow.txt"].reason or "")
    assert by_name["ok.txt"].status == "new"


# ---- words no pattern can choke on ------------------------------------------------------


def test_runs_longer_than_any_word_are_broken_up() -> None:
    from kitar.text.reflow import MAX_WORD_CHARS, bound_words

    text = "Bilag: " + "a" * 1000 + " og " + "-" * 450 + " slut"
    out = bound_words(text)
    assert max(len(w) for w in out.split()) == MAX_WORD_CHARS
    assert out.replace(" ", "") == text.replace(" ", "")  # nothing lost
    ordinary = "Kommunernes It-Arkitekturråd godkendte https://www.kl.dk/a/b/c.pdf"
    assert bound_words(ordinary) == ordinary


def test_file_name_pattern_starts_only_where_a_name_starts() -> None:
    """Otherwise findall retries every position of a long run: quadratic."""
    from kitar.parse.agenda import agenda

    pattern = agenda().annex_file
    assert pattern.findall("Arbejdsplan_2025.pdf Vision_og_strategi_2025-27.pdf") == [
        "Arbejdsplan_2025.pdf",
        "Vision_og_strategi_2025-27.pdf",
    ]
    assert pattern.search("x" + "a" * 199 + " ingen fil") is None
    assert pattern.pattern.startswith("(?<!")


def test_library_warnings_of_a_pdf_read_in_chunks_become_one() -> None:
    from kitar.read.guards import merge_library_warnings

    loss = "Data-loss while decompressing corrupted data"
    first = "r.pdf: " + (library_warning([loss]) or "")
    second = "r.pdf: " + (library_warning([loss, "Could not set text matrix (1, b'x')"]) or "")
    merged = merge_library_warnings(["r.pdf: damaged PDF, read from a repaired copy", first,
                                     second, "s.pdf: other"])  # fmt: skip
    assert merged == [
        "r.pdf: damaged PDF, read from a repaired copy",
        "r.pdf: the PDF library reported 3 problem(s) reading it: Data-loss while "
        "decompressing corrupted data; Could not set text matrix …",
        "s.pdf: other",
    ]
