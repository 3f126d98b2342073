"""kitar.redact: the one rule for what a public reader sees, and the leaks of issue 11."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kitar.cli.app import app
from kitar.ingest.batch import ingest
from kitar.model import Annex, Decision, Item, Meeting, MeetingInfo, Section, SourceInfo
from kitar.redact import PLACEHOLDER, Redactor, public_meeting, redactor_for, visible_sql
from kitar.store.search import search
from tests.test_store_fakes import fake_processor

SECRET_TITLE = "Leveranceplan for initiativ 8.1: Fælles brugerstyring i kommunerne"
runner = CliRunner()


def _meeting() -> Meeting:
    """Item 2 names the confidential annex in its Bilag section (as the KL agenda does),
    item 3 is closed, item 4 starts on the closed item's last page."""
    return Meeting(
        SourceInfo("fiktiv.txt", "", "txt", 4),
        MeetingInfo(kind="minutes", body="Fiktivt Arkitekturråd", date="2016-05-02"),
        items=[
            Item("1", "Velkommen", page=1),
            Item("2", "Indsatsen i initiativ 8.1", page=1, sections=[
                Section("Bilag", "Bilag 1: Leveranceplan for initiativ 8.1: Fælles\n"
                                 "brugerstyring  i kommunerne - FORTROLIGT")],
                annexes=[Annex(1, SECRET_TITLE, confidential=True),
                         Annex(2, "Offentligt notat om tidsplanen")]),
            Item("3", "Personalesag", closed=True, page=2,
                 sections=[Section("Sagsfremstilling", "Medarbejderen fik en skriftlig advarsel.")],
                 recommendations=["Direktøren sender en afskedigelse i uge 40"],
                 decisions=[Decision("KL sender en påtale i uge 41.")],
                 annexes=[Annex(3, "Partshøring af medarbejderen")],
                 subitems=[Item("a", "Tjenstlig samtale om fraværet")]),
            Item("4", "Kloakfornyelse", page=2,
                 sections=[Section("Sagsfremstilling", "Rørene udskiftes i Fiktivby.")],
                 decisions=[Decision("Forvaltningen sender en plan i uge 42.")]),
        ],
    )  # fmt: skip


def test_redactor_matches_across_whitespace_and_with_or_without_the_mark() -> None:
    red = Redactor([SECRET_TITLE])
    text = (
        "Bilag 1: Leveranceplan for initiativ 8.1: Fælles\nbrugerstyring  i kommunerne - FORTROLIGT"
    )
    assert red.text(text) == f"Bilag 1: {PLACEHOLDER}"
    assert red.text(SECRET_TITLE.upper()) == PLACEHOLDER
    assert red.text("Leveranceplan for initiativ 9") == "Leveranceplan for initiativ 9"
    assert not Redactor(["Notat"])  # too short to be told from ordinary words


def test_public_meeting_keeps_number_and_title_of_closed_items_only() -> None:
    m = _meeting()
    pub = public_meeting(m)
    closed = pub.items[2]
    assert (closed.number, closed.title, closed.closed) == ("3", "Personalesag", True)
    assert not (closed.sections or closed.recommendations or closed.decisions
                or closed.annexes or closed.subitems)  # fmt: skip
    annexes = pub.items[1].annexes
    assert (annexes[0].number, annexes[0].title) == (1, PLACEHOLDER)
    assert annexes[1].title == "Offentligt notat om tidsplanen"
    assert "brugerstyring" not in pub.items[1].sections[0].text
    assert m.items[2].sections and m.items[1].annexes[0].title == SECRET_TITLE  # unchanged
    assert redactor_for(m).titles == [SECRET_TITLE]


def test_visible_sql() -> None:
    assert visible_sql(True) == "u.visibility != 'internal'"
    assert visible_sql(False, "x") == "x.visibility != 'public'"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from kitar.parse.serialize import meeting_to_dict

    folder = tmp_path_factory.mktemp("redact")
    data = meeting_to_dict(_meeting())
    # Page 2 holds the end of closed item 3 and the start of item 4 (with a line the parser
    # did not put into any section): by page range item 4's first page was hidden too.
    data["pages"] = [
        "1. Velkommen\n2. Indsatsen i initiativ 8.1\nBilag 1: Leveranceplan for initiativ "
        "8.1: Fælles brugerstyring i kommunerne - FORTROLIGT",
        "3. Personalesag\nMedarbejderens fravær er dokumenteret i journalen.\n"
        "4. Kloakfornyelse\nEntreprenøren graver ved Skovvænget.",
    ]
    (folder / "docs").mkdir()
    (folder / "docs" / "m.txt").write_text(json.dumps(data, ensure_ascii=False))
    path = folder / "k.db"
    ingest([folder / "docs"], path, processor=fake_processor)
    return path


def _run(*args: str) -> str:
    result = runner.invoke(app, list(args), env={"COLUMNS": "400"})
    assert result.exit_code == 0, result.output
    return result.output


def test_leak_search_confidential_title_in_a_section(db: Path) -> None:
    """Issue 11: `kitar search fortroligt --public` printed the KL annex title."""
    assert any("brugerstyring" in h.snippet for h in search(db, "brugerstyring"))
    for query in ("fortroligt", "brugerstyring", "leveranceplan"):
        for hit in search(db, query, public=True):
            assert "brugerstyring" not in hit.snippet.casefold(), hit
    assert "brugerstyring" not in _run("search", "leveranceplan", "--public", "--db", str(db))


def test_leak_show_public_text_and_json(db: Path) -> None:
    """Issue 11: `show --public` printed the annex title; `--json` ignored --public."""
    for extra in ([], ["--json"]):
        out = _run("show", "1", "--public", *extra, "--db", str(db))
        assert "brugerstyring" not in out and "advarsel" not in out and "afskedigelse" not in out
        assert "Personalesag" in out and "(fortroligt bilag)" in out
        internal = _run("show", "1", *extra, "--db", str(db))
        assert "advarsel" in internal and "brugerstyring" in internal


def test_leak_followups_public_and_closed_marked(db: Path) -> None:
    """Issue 11: followups had no --public and exported actions from closed items."""
    rows = json.loads(_run("followups", "-f", "json", "--db", str(db)))
    closed = [r for r in rows if r["item"] == "3"]
    assert closed and all(r["closed"] for r in closed)
    assert "LUKKET" in _run("followups", "-f", "md", "--db", str(db))
    public = json.loads(_run("followups", "-f", "json", "--public", "--db", str(db)))
    assert public and not [r for r in public if r["item"] == "3" or r["closed"]]


def test_pages_are_hidden_by_item_not_by_page_range(db: Path) -> None:
    """Issue 11: the first page of the item after a closed one was hidden too."""
    assert search(db, "journalen") and not search(db, "journalen", public=True)
    (hit,) = search(db, "Skovvænget", public=True)
    assert hit.item_number == "4" and hit.page == 2


def test_closed_item_title_stays_public(db: Path) -> None:
    hits = search(db, "personalesag", public=True)
    assert [(h.item_number, h.closed) for h in hits] == [("3", True)]
    assert not search(db, "tjenstlig", public=True)  # a closed item's sub-item


def test_compare_public(db: Path) -> None:
    rows = json.loads(_run("compare", "1", "--public", "--json", "--db", str(db)))
    closed = next(r for r in rows if r["key"] == "3")
    assert closed["decisions"] == [] and closed["recommendations"] == []
    assert "påtale" not in json.dumps(rows, ensure_ascii=False)


def test_minutes_public_draft(db: Path, tmp_path: Path) -> None:
    from tests.leak_helpers import docx_text

    out = tmp_path / "offentlig.docx"
    _run("minutes", "1", "--public", "-o", str(out), "--db", str(db))
    text = docx_text(out)
    assert "Personalesag" in text and "advarsel" not in text and "brugerstyring" not in text


def test_migration_6_classifies_an_older_corpus(tmp_path: Path) -> None:
    import sqlite3

    from kitar.store import migrations
    from kitar.store.db import open_db

    db = open_db(tmp_path / "old.db")
    migrations.migrate(db, target=5)
    db.execute("INSERT INTO documents (sha256, path, format, pages) VALUES ('a', 'x', 'txt', 1)")
    db.execute("INSERT INTO meetings (document_id, kind) VALUES (1, 'agenda')")
    db.execute("INSERT INTO items (meeting_id, number, title, closed) VALUES (1, '2', 'A', 0)")
    db.execute("INSERT INTO annexes (item_id, number, title, confidential) VALUES (1, 1, ?, 1)",
               (SECRET_TITLE,))  # fmt: skip
    db.execute(
        "INSERT INTO search_units (kind, document_id, meeting_id, item_id, closed, confidential, "
        "text) VALUES ('item', 1, 1, 1, 0, 0, ?)",
        (f"A\n\nBilag\nBilag 1: {SECRET_TITLE} - FORTROLIGT",),
    )
    migrations.migrate(db)
    rows = (
        sqlite3.connect(tmp_path / "old.db")
        .execute("SELECT visibility, text FROM search_units ORDER BY id")
        .fetchall()
    )
    assert rows[0][0] == "internal"
    assert rows[1] == ("public", f"A\n\nBilag\nBilag 1: {PLACEHOLDER}")
    assert not search(tmp_path / "old.db", "brugerstyring", public=True)
    assert search(tmp_path / "old.db", "brugerstyring")


def test_leak_datasette_search_page_public(db: Path) -> None:
    """Issue 11: the datasette search page with `public` set showed the annex title."""
    datasette_app = pytest.importorskip("datasette.app")
    import asyncio

    async def get(url: str) -> list[dict]:
        response = await datasette_app.Datasette([str(db)]).client.get(url)
        assert response.status_code == 200
        return response.json()

    for query in ("initiativ", "leveranceplan", "fortroligt"):
        base = f"/k/search.json?_shape=array&q={query}&public="
        internal = asyncio.run(get(base))
        assert any("brugerstyring" in r["snippet"] for r in internal)
        public = asyncio.run(get(base + "1"))
        assert not any("brugerstyring" in json.dumps(r, ensure_ascii=False) for r in public)
    shown = asyncio.run(get("/k/search.json?_shape=array&q=initiativ&public=1"))
    assert any("(fortroligt bilag)" in r["snippet"] for r in shown)  # item 2, redacted
