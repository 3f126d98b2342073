"""The corpus commands through typer's CliRunner, with the fake processor."""

from __future__ import annotations

import json
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kitar.cli.app import app
from kitar.ingest import batch as ingest_mod
from tests.test_store_fakes import fake_processor, make_meeting, write_fake

runner = CliRunner()


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(ingest_mod, "default_processor", fake_processor)
    folder = tmp_path / "in"
    write_fake(folder / "agenda.txt", make_meeting(date="2024-03-12"))
    write_fake(folder / "referat.txt", make_meeting(date="2024-03-12", kind="minutes"))
    path = tmp_path / "corpus" / "kitar.db"
    monkeypatch.setenv("KITAR_DB", str(path))
    result = runner.invoke(app, ["ingest", str(folder)])
    assert result.exit_code == 0, result.output
    assert "2 ny" in result.output
    return path


def test_ingest_json_reports_unchanged_on_second_run(db: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["ingest", str(tmp_path / "in"), "--json"])
    data = json.loads(result.output)
    assert result.exit_code == 0
    assert data["counts"] == {"new": 0, "updated": 0, "unchanged": 2, "failed": 0}
    assert [f["items"] for f in data["files"]] == [4, 4]


def test_ingest_exits_1_with_the_reason_when_a_file_fails(db: Path, tmp_path: Path) -> None:
    bad = write_fake(tmp_path / "scan.txt", fail="no text layer here")
    result = runner.invoke(app, ["ingest", str(bad), "--db", str(db)])
    assert result.exit_code == 1
    assert "fejlede" in result.output and "no text layer here" in result.output


def test_search_prints_citation_and_json(db: Path) -> None:
    result = runner.invoke(app, ["search", "strategi", "--kind", "item", "--limit", "2"])
    assert result.exit_code == 0, result.output
    assert "Fiktivt Udvalg · 2024-03-12" in result.output
    assert re.search(r"punkt [123] Punkt [123] om", result.output)
    hits = json.loads(runner.invoke(app, ["search", "lønforhold", "--json"]).output)
    assert {h["kind"] for h in hits} == {"annex"}
    public = json.loads(runner.invoke(app, ["search", "lønforhold", "--public", "--json"]).output)
    assert all(h["item_number"] != "1" for h in public)  # item 1's annex is confidential


def test_bad_query_and_bad_option_give_one_line_errors(db: Path) -> None:
    result = runner.invoke(app, ["search", "*"])
    assert result.exit_code == 11 and "Traceback" not in result.output
    result = runner.invoke(app, ["search", "x", "--since", "last week"])
    assert result.exit_code == 11


def test_missing_database_is_a_clear_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["search", "x", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 10 and "kitar ingest" in result.output


def test_meetings_show_people_stats(db: Path) -> None:
    meetings = json.loads(runner.invoke(app, ["meetings", "--json"]).output)
    assert [(m["kind"], m["items"]) for m in meetings] == [("agenda", 4), ("minutes", 4)]
    assert meetings[0]["linked"] == {"minutes": meetings[1]["id"]}
    shown = runner.invoke(app, ["show", "2024-03-12"])
    assert shown.exit_code == 0 and "Indstilling" in shown.output and "FORTROLIGT" in shown.output
    public = runner.invoke(app, ["show", "2024-03-12", "--public"])
    assert "Hemmeligt bilag om lønforhold 1" not in public.output
    one = json.loads(runner.invoke(app, ["show", "2024-03-12", "2", "--json"]).output)
    assert [i["number"] for i in one["items"]] == ["2"] and one["items"][0]["closed"]
    people = json.loads(runner.invoke(app, ["people", "prøvesen", "--json"]).output)
    assert people and {p["name"] for p in people} == {"Bo Prøvesen"}
    stats = json.loads(runner.invoke(app, ["stats", "--json"]).output)
    assert stats["counts"]["meetings"] == 2 and stats["schema_version"] >= 3


def test_show_unknown_meeting_exits_10(db: Path) -> None:
    result = runner.invoke(app, ["show", "1999-01-01"])
    assert result.exit_code == 10 and "intet møde" in result.output


def test_a_file_that_is_not_a_corpus_is_a_clear_error(tmp_path: Path) -> None:
    junk = tmp_path / "notes.db"
    junk.write_text("not sqlite at all " * 100)
    result = runner.invoke(app, ["search", "x", "--db", str(junk)])
    assert result.exit_code == 10 and "kan ikke åbne korpusdatabasen" in result.output
    empty = tmp_path / "empty.db"
    sqlite3.connect(empty).execute("CREATE TABLE t (x)")
    result = runner.invoke(app, ["stats", "--db", str(empty)])
    assert result.exit_code == 10 and "ikke en kitar-korpusdatabase" in result.output


def test_search_upgrades_an_older_corpus(tmp_path: Path) -> None:
    from kitar.store import migrations
    from kitar.store.db import open_db

    db = tmp_path / "old.db"
    migrations.migrate(open_db(db), target=1)
    result = runner.invoke(app, ["search", "strategi", "--db", str(db)])
    assert result.exit_code == 0 and "ingen hits" in result.output
    assert sqlite3.connect(db).execute("PRAGMA user_version").fetchone()[0] == migrations.LATEST


def test_search_process_imports_no_heavy_library(db: Path) -> None:
    """A whole `kitar search` process (typer included) loads no parser, reader or writer."""
    code = (
        "import sys\n"
        f"sys.argv = ['kitar', 'search', 'strategi', '--db', {str(db)!r}]\n"
        "from kitar.cli.app import main\n"
        "try:\n"
        "    main()\n"
        "except SystemExit as exc:\n"
        "    assert not exc.code, exc.code\n"
        "heavy = ('spacy', 'pdfplumber', 'sqlite_utils', 'numpy', 'wordfreq', 'docx', "
        "'openpyxl')\n"
        "bad = [m for m in heavy if m in sys.modules]\n"
        "print(bad, file=sys.stderr)\n"
        "sys.exit(1 if bad else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "strategi" in result.stdout.casefold()
