"""Ingest with a fake processor: idempotency, replacement, crashes, concurrency, migrations."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

from kitar.ingest.batch import collect_paths, ingest
from kitar.store import migrations
from kitar.store.db import open_db
from kitar.store.search import search
from tests.kill_helpers import kill_when, spawn
from tests.test_store_fakes import fake_processor, make_meeting, write_fake

TABLES = [
    "documents", "pages", "meetings", "items", "sections", "people", "organisations",
    "presenters", "recommendations", "decisions", "annexes", "attendance", "search_units",
]  # fmt: skip
VOLATILE = {"ingested_at"}


def dump(db_path: Path) -> dict[str, list[tuple]]:
    """Every row of every table, without timestamps: equal dumps mean equal corpora."""
    conn = sqlite3.connect(db_path)
    out = {}
    for table in TABLES:
        cols = [r[1] for r in conn.execute(f"PRAGMA table_info({table})") if r[1] not in VOLATILE]
        out[table] = conn.execute(f"SELECT {', '.join(cols)} FROM {table} ORDER BY id").fetchall()
    out["fts"] = conn.execute(
        "SELECT rowid FROM search_units_fts WHERE search_units_fts MATCH 'kommun' ORDER BY rowid"
    ).fetchall()
    conn.close()
    return out


def counts(db_path: Path) -> dict[str, int]:
    return {t: len(rows) for t, rows in dump(db_path).items()}


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """Six fictitious meeting files (three agenda/minutes pairs) and one scanned failure."""
    folder = tmp_path / "in"
    for n, d in enumerate(("2024-01-10", "2024-02-14", "2024-03-13")):
        write_fake(folder / f"m{n}-agenda.txt", make_meeting(date=d, kind="agenda"))
        write_fake(folder / f"m{n}-referat.txt", make_meeting(date=d, kind="minutes"))
    return folder


def run(paths: list, db: Path, **kw):
    return ingest(paths, db, processor=fake_processor, **kw)


def test_second_ingest_is_all_unchanged_with_identical_rows(corpus: Path, tmp_path: Path) -> None:
    db = tmp_path / "k.db"
    first = run([corpus], db)
    assert first.count("new") == 6 and not first.failed
    before = dump(db)
    second = run([corpus], db)
    assert [f.status for f in second.files] == ["unchanged"] * 6
    assert [f.items for f in second.files] == [f.items for f in first.files]
    assert dump(db) == before


def test_agenda_and_minutes_of_one_meeting_are_linked(corpus: Path, tmp_path: Path) -> None:
    db = tmp_path / "k.db"
    run([corpus], db)
    conn = sqlite3.connect(db)
    keys = conn.execute(
        "SELECT meeting_key, group_concat(kind) FROM meetings GROUP BY 1"
    ).fetchall()
    assert len(keys) == 3 and all(sorted(k.split(",")) == ["agenda", "minutes"] for _, k in keys)


def test_corrected_file_at_same_path_replaces_its_rows(corpus: Path, tmp_path: Path) -> None:
    db = tmp_path / "k.db"
    run([corpus], db)
    before = counts(db)
    meeting_id = sqlite3.connect(db).execute(
        "SELECT m.id FROM meetings m JOIN documents d ON d.id = m.document_id "
        "WHERE d.path LIKE '%m0-agenda.txt'").fetchone()[0]  # fmt: skip
    write_fake(corpus / "m0-agenda.txt", make_meeting(date="2024-01-10", variant="rettet"))
    report = run([corpus], db)
    assert [f.status for f in report.files].count("updated") == 1
    after = counts(db)
    assert after["meetings"] == before["meetings"] and after["items"] == before["items"]
    assert after["documents"] == before["documents"] + 1  # the old version stays, superseded
    conn = sqlite3.connect(db)
    titles = [r[0] for r in conn.execute("SELECT title FROM items WHERE meeting_id = ?",
                                         (meeting_id,))]  # fmt: skip
    assert titles and all("rettet" in t for t in titles if t.startswith("Punkt"))


def test_corrected_copy_elsewhere_replaces_and_old_file_stays_skipped(
    corpus: Path, tmp_path: Path
) -> None:
    db = tmp_path / "k.db"
    run([corpus], db)
    before = counts(db)
    fixed = write_fake(tmp_path / "rettet" / "agenda-v2.txt",
                       make_meeting(date="2024-01-10", variant="v2"))  # fmt: skip
    assert run([fixed], db).files[0].status == "updated"
    assert counts(db)["items"] == before["items"]
    again = run([corpus, fixed], db)  # the old version is known: no flip-flop
    assert {f.status for f in again.files} == {"unchanged"}


def test_one_item_extract_is_a_separate_document(corpus: Path, tmp_path: Path) -> None:
    db = tmp_path / "k.db"
    run([corpus], db)
    extract = make_meeting(date="2024-01-10", kind="minutes", n_items=9)
    extract.items = extract.items[8:]  # only item 9: a different document of the same meeting
    path = write_fake(tmp_path / "extract.txt", extract)
    assert run([path], db).files[0].status == "new"


def test_force_reparses_in_place(corpus: Path, tmp_path: Path) -> None:
    db = tmp_path / "k.db"
    run([corpus], db)
    before = dump(db)
    report = run([corpus], db, force=True)
    assert {f.status for f in report.files} == {"updated"}
    assert counts(db) == {t: len(r) for t, r in before.items()}


def test_failures_are_reported_and_do_not_stop_the_batch(corpus: Path, tmp_path: Path) -> None:
    write_fake(corpus / "m0-a-scan.txt", fail="scanned pages without text")
    report = run(
        [corpus, tmp_path / "missing.pdf", str(tmp_path / "nomatch*.pdf")], tmp_path / "k.db"
    )
    failed = {Path(f.path).name: f.reason for f in report.files if f.status == "failed"}
    assert "scanned pages without text" in failed["m0-a-scan.txt"]
    assert "no such file" in failed["missing.pdf"]
    assert "no files match" in failed["nomatch*.pdf"]
    assert report.count("new") == 6 and report.failed


def test_collect_paths_expands_folders_and_globs(corpus: Path) -> None:
    (corpus / "notes.md").write_text("not a document")
    (corpus / "sub").mkdir()
    write_fake(corpus / "sub" / "deep.txt", make_meeting())
    files, missing = collect_paths([corpus, str(corpus / "*-agenda.txt"), corpus / "m0-agenda.txt"])
    names = [p.name for p in files]
    assert "notes.md" not in names and "deep.txt" in names
    assert len(names) == len(set(names)) == 7 and not missing


def test_crash_at_file_k_then_rerun_equals_clean_run(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    clean = tmp_path / "clean.db"
    run([corpus], clean)
    crashed = tmp_path / "crashed.db"
    monkeypatch.setenv("KITAR_TEST_CRASH_AT", "m1-agenda.txt")
    with pytest.raises(KeyboardInterrupt):
        run([corpus], crashed)
    partial = counts(crashed)
    assert 0 < partial["documents"] < counts(clean)["documents"]  # earlier ones complete
    monkeypatch.delenv("KITAR_TEST_CRASH_AT")
    report = run([corpus], crashed)
    assert report.count("unchanged") == partial["documents"]
    assert dump(crashed) == dump(clean)


INGEST_SCRIPT = """
import sys, time
from tests.test_store_fakes import fake_processor
from kitar.ingest.batch import ingest
def slow(path):
    time.sleep(float(sys.argv[3]))
    return fake_processor(path)
ingest([sys.argv[1]], sys.argv[2], processor=slow)
"""


def test_sigkill_midway_then_rerun_equals_clean_run(corpus: Path, tmp_path: Path) -> None:
    clean = tmp_path / "clean.db"
    run([corpus], clean)
    killed = tmp_path / "killed.db"
    proc = spawn(INGEST_SCRIPT, str(corpus), str(killed), "0.4")

    def some_written() -> bool:  # kill once some, not all, documents are written
        if not killed.exists():
            return False
        return sqlite3.connect(killed).execute("SELECT count(*) FROM documents").fetchone()[0] >= 2

    kill_when(proc, some_written, timeout=30)
    partial = counts(killed)["documents"]
    assert 2 <= partial < 6
    run([corpus], killed)
    assert dump(killed) == dump(clean)


def test_concurrent_ingests_wait_for_each_other(corpus: Path, tmp_path: Path) -> None:
    db = tmp_path / "k.db"
    procs = [spawn(INGEST_SCRIPT, str(corpus), str(db), "0.05") for _ in range(2)]
    assert [p.wait(timeout=120) for p in procs] == [0, 0]
    assert counts(db)["documents"] == 6
    assert counts(db)["meetings"] == 6


def test_ingest_waits_while_another_writer_holds_the_lock(corpus: Path, tmp_path: Path) -> None:
    db = tmp_path / "k.db"
    migrations.open_migrated(db).conn.close()
    holder = sqlite3.connect(db, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    release = threading.Timer(1.0, lambda: holder.execute("COMMIT"))
    release.start()
    report = run([corpus], db)  # would raise "database is locked" without busy_timeout
    release.join()
    assert report.count("new") == 6


def test_jobs_2_gives_the_same_corpus_as_jobs_1(corpus: Path, tmp_path: Path) -> None:
    one, two = tmp_path / "one.db", tmp_path / "two.db"
    run([corpus], one, jobs=1)
    report = run([corpus], two, jobs=2)
    assert report.count("new") == 6
    assert dump(one) == dump(two)


def test_migrations_upgrade_an_older_schema(tmp_path: Path) -> None:
    db = open_db(tmp_path / "old.db")
    assert migrations.migrate(db, target=1) == [1]
    db.execute(
        "INSERT INTO documents (sha256, path, format, pages) VALUES ('abc', 'x.pdf', 'pdf', 1)"
    )
    assert migrations.current_version(db) == 1 and "search_units" not in db.table_names()
    assert migrations.migrate(db) == list(range(2, migrations.LATEST + 1))
    assert migrations.current_version(db) == migrations.LATEST
    assert {"search_units", "search_units_fts", "followups"} <= set(db.table_names())
    assert [tuple(r) for r in db.execute("SELECT path FROM documents")] == [("x.pdf",)]
    assert migrations.migrate(db) == []


def test_wal_mode_and_foreign_keys(tmp_path: Path) -> None:
    db = migrations.open_migrated(tmp_path / "k.db")
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_jobs_2_over_several_chunks_keeps_input_order(tmp_path: Path) -> None:
    folder = tmp_path / "many"
    for n in range(45):  # more than one chunk of work; sizes differ so submission is reordered
        write_fake(folder / f"f{n:02d}.txt",
                   make_meeting(date=f"2020-01-{n % 28 + 1:02d}", body=f"Udvalg {n}",
                                n_items=1 + n % 5))  # fmt: skip
    one, two = tmp_path / "one.db", tmp_path / "two.db"
    run([folder], one)
    report = run([folder], two, jobs=2)
    assert [Path(f.path).name for f in report.files] == [f"f{n:02d}.txt" for n in range(45)]
    assert dump(one) == dump(two)


def test_same_path_with_another_meeting_keeps_the_earlier_one(tmp_path: Path) -> None:
    db, path = tmp_path / "k.db", tmp_path / "dagsorden.txt"
    write_fake(path, make_meeting(date="2024-01-10"))
    run([path], db)
    write_fake(path, make_meeting(date="2024-02-14"))  # next month's agenda, same file name
    assert run([path], db).files[0].status == "new"
    dates = sqlite3.connect(db).execute("SELECT date FROM meetings ORDER BY date").fetchall()
    assert dates == [("2024-01-10",), ("2024-02-14",)]


def _index_rows(db: Path, word: str) -> list[int]:
    """Rowids the FTS index itself holds for a stem (no join: stale rows would show here)."""
    conn = sqlite3.connect(db)
    try:
        sql = "SELECT rowid FROM search_units_fts WHERE search_units_fts MATCH ?"
        return [r[0] for r in conn.execute(sql, (word,))]
    finally:
        conn.close()


def test_replaced_and_forced_documents_leave_no_stale_index_rows(
    corpus: Path, tmp_path: Path
) -> None:
    db = tmp_path / "k.db"
    write_fake(corpus / "m0-agenda.txt", make_meeting(date="2024-01-10", variant="zebraforslag"))
    run([corpus], db)
    old = _index_rows(db, "zebraforslag")
    assert old
    write_fake(corpus / "m0-agenda.txt", make_meeting(date="2024-01-10", variant="giraf"))
    run([corpus], db)
    assert _index_rows(db, "zebraforslag") == []  # deleted with the values it was indexed with
    assert _index_rows(db, "giraf")
    run([corpus], db, force=True)
    clean = tmp_path / "clean.db"
    run([corpus], clean)
    assert len(_index_rows(db, "kommun")) == len(_index_rows(clean, "kommun")) > 0
    assert set(_index_rows(db, "kommun")) <= {
        r[0] for r in sqlite3.connect(db).execute("SELECT id FROM search_units")
    }


def test_migration_4_reindexes_units_of_an_older_corpus(tmp_path: Path) -> None:
    db = open_db(tmp_path / "old.db")
    migrations.migrate(db, target=3)
    db.execute(
        "INSERT INTO documents (sha256, path, format, pages) VALUES ('a', 'x.txt', 'txt', 1)"
    )
    db.execute(
        "INSERT INTO search_units (kind, document_id, page, closed, confidential, text, stems, "
        "parts) VALUES ('page', 1, 1, 0, 0, 'Kommunernes digitaliseringsstrategi', 'x', 'y')"
    )
    db.execute("INSERT INTO search_units_fts (rowid, stems, parts) VALUES (1, 'x', 'y')")
    db.execute("UPDATE fts_state SET upto = 1")
    assert migrations.migrate(db)[:2] == [4, 5]
    db.conn.close()
    assert [h.kind for h in search(tmp_path / "old.db", "kommunerne")] == ["page"]
    assert [h.kind for h in search(tmp_path / "old.db", "strategi")] == ["page"]
    assert _index_rows(tmp_path / "old.db", "x") == []
