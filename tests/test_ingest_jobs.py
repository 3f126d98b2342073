"""-j 2 with the real pipeline: workers read and reflow, the main process parses and writes.

The split must not change anything: the corpus, the statuses, the failure reasons and the ids
are those of -j 1, also when the main process is interrupted while it parses.
"""

from __future__ import annotations

import sqlite3
import sys
import time
from pathlib import Path

import pytest

from kitar.demo.content import generate
from kitar.demo.generate import write_pdf, write_text
from kitar.ingest import pipeline
from kitar.ingest.batch import FileResult, IngestReport, ingest
from kitar.parse.serialize import meeting_to_dict
from tests.kill_helpers import kill_when, spawn
from tests.test_ingest import counts, dump


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Generated agendas and minutes (PDF and TXT) plus three files that fail to read."""
    out = tmp_path_factory.mktemp("jobs")
    for n in range(1, 4):
        write_pdf(generate(100 + n, "kl" if n % 2 else "committee", "agenda"), out / f"a{n}.pdf")
        write_pdf(generate(100 + n, "kl" if n % 2 else "committee", "minutes"), out / f"m{n}.pdf")
    write_text(generate(200, "kl", "agenda"), out / "t1.txt", seed=3)
    (out / "empty.txt").write_bytes(b"")
    (out / "broken.pdf").write_bytes(b"%PDF-1.4\nnot really a pdf\n")
    (out / "binary.docx").write_bytes(b"\x00\x01\x02 not a zip")
    return out


def _summary(files: list[FileResult]) -> list[tuple]:
    return [(Path(f.path).name, f.status, f.items, f.reason, f.warnings) for f in files]


def test_read_and_reflow_then_finish_equals_process_file(folder: Path) -> None:
    for name in ("a1.pdf", "m2.pdf", "t1.txt"):
        whole_doc, whole = pipeline.process_file(folder / name)
        doc, meeting = pipeline.finish_document(pipeline.read_and_reflow(folder / name))
        assert [(b.kind, b.page, b.text) for b in doc.blocks] == [
            (b.kind, b.page, b.text) for b in whole_doc.blocks
        ]
        assert meeting_to_dict(meeting) == meeting_to_dict(whole)
        assert whole.items


def test_warm_up_parses_its_fictitious_agenda() -> None:
    doc, meeting = pipeline.warm_up()
    assert doc.path == "<warm-up>"
    assert [item.number for item in meeting.items] == ["1"]


def test_jobs_2_equals_jobs_1_with_failures(folder: Path, tmp_path: Path) -> None:
    one = ingest([folder], tmp_path / "one.db", jobs=1)
    two = ingest([folder], tmp_path / "two.db", jobs=2)
    assert _summary(two.files) == _summary(one.files)  # same order, reasons and warnings
    assert [f.document_id for f in two.files] == [f.document_id for f in one.files]
    failed = {Path(f.path).name for f in two.files if f.status == "failed"}
    assert failed == {"empty.txt", "broken.pdf", "binary.docx"}
    assert two.count("new") == 7
    assert dump(tmp_path / "two.db") == dump(tmp_path / "one.db")


def test_ctrl_c_while_parsing_in_the_main_process_leaves_whole_documents(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Files are parsed here in any order as their reading ends, but written in input order:
    an interrupt leaves complete documents only, and the rerun gives the clean corpus."""
    clean = tmp_path / "clean.db"
    ingest([folder], clean, jobs=1)
    finish = pipeline.finish_document

    def interrupted(doc):  # the main process parses: Ctrl-C arrives there
        if Path(doc.path).name == "t1.txt":
            raise KeyboardInterrupt
        return finish(doc)

    monkeypatch.setattr(pipeline, "finish_document", interrupted)
    stopped = tmp_path / "stopped.db"
    with pytest.raises(KeyboardInterrupt):
        ingest([folder], stopped, jobs=2)
    partial = counts(stopped)["documents"]
    assert partial < counts(clean)["documents"]
    monkeypatch.setattr(pipeline, "finish_document", finish)
    again = ingest([folder], stopped, jobs=2)
    assert again.count("unchanged") == partial
    assert dump(stopped) == dump(clean)


def _children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(p) for p in path.read_text().split()] if path.exists() else []


def _alive(pid: int) -> bool:
    """Running (a zombie waiting for init to reap it counts as gone)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return False


KILL_SCRIPT = """
import sys, time
from kitar.ingest import pipeline
from kitar.ingest.batch import ingest
read = pipeline.read_and_reflow
def slow(path):  # the workers are forked after this: they read slowly
    time.sleep(0.6)
    return read(path)
pipeline.read_and_reflow = slow
ingest([sys.argv[1]], sys.argv[2], jobs=2)
"""


@pytest.mark.skipif(sys.platform != "linux", reason="finds the workers through /proc")
def test_sigkill_midway_with_jobs_2_then_rerun_equals_clean_run(
    folder: Path, tmp_path: Path
) -> None:
    clean = tmp_path / "clean.db"
    ingest([folder], clean, jobs=1)
    killed = tmp_path / "killed.db"
    proc = spawn(KILL_SCRIPT, str(folder), str(killed))

    def some_written() -> bool:
        if not killed.exists():
            return False
        return sqlite3.connect(killed).execute("SELECT count(*) FROM documents").fetchone()[0] >= 2

    workers: list[int] = []

    def written_and_workers_known() -> bool:
        workers[:] = _children(proc.pid)
        return some_written()

    kill_when(proc, written_and_workers_known, timeout=60)
    assert len(workers) == 2
    deadline = time.time() + 10
    while any(_alive(pid) for pid in workers) and time.time() < deadline:
        time.sleep(0.1)
    assert not any(_alive(pid) for pid in workers)  # the workers do not outlive their parent
    partial = counts(killed)["documents"]
    assert 2 <= partial < counts(clean)["documents"]
    ingest([folder], killed, jobs=2)
    assert dump(killed) == dump(clean)


@pytest.mark.samples
@pytest.mark.slow
def test_samples_jobs_2_equals_jobs_1(
    samples: Path, tmp_path: Path, ingested_samples: tuple[Path, IngestReport]
) -> None:
    """DOCX, TXT, the 108-page report read in chunks, the scanned and the blank PDF (-j 2:
    the session's shared ingest)."""
    one = ingest([samples], tmp_path / "one.db", jobs=1)
    two_db, two = ingested_samples
    assert _summary(two.files) == _summary(one.files)
    assert dump(two_db) == dump(tmp_path / "one.db")
