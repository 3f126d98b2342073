"""Issue 11, corpus and drafts: documents that are not meetings, kitar's own drafts, one
meeting from two files, the date of an agenda and its minutes, and the Word draft itself."""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kitar.cli.app import app
from kitar.ingest.batch import ingest
from kitar.store.queries import list_meetings, stats
from kitar.store.search import search
from tests.leak_helpers import docx_text, normal

runner = CliRunner()


def _cli(*args: str) -> str:
    result = runner.invoke(app, list(args), env={"COLUMNS": "1000"})
    assert result.exit_code == 0, (args, result.output)
    return result.output


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`make demo` in small: generate, ingest, write the draft of meeting 1 into the folder."""
    from kitar.demo.generate import generate_corpus

    folder = tmp_path_factory.mktemp("hygiene")
    generate_corpus(folder / "demo", count=2, seed=7)
    db = folder / "kitar.db"
    ingest([folder / "demo"], db)
    return db


def _compare(db: Path) -> list[dict]:
    return json.loads(_cli("compare", "1", "--json", "--db", str(db)))


def test_demo_twice_keeps_the_minutes_link(demo: Path) -> None:
    """`make demo` twice ingested kitar's own draft, which took over the minutes link."""
    folder = demo.parent / "demo"
    before = _compare(demo)
    assert sum(r["departs"] for r in before) >= 1
    _cli("minutes", "1", "-o", str(folder / "referat-udkast.docx"), "--force", "--db", str(demo))
    report = ingest([folder], demo)
    assert [f.path for f in report.files if f.status == "new"] == [
        str((folder / "referat-udkast.docx").resolve())
    ]
    assert _compare(demo) == before
    rows = {r.id: r for r in list_meetings(demo)}
    draft = next(r for r in rows.values() if r.draft)
    assert rows[1].linked["minutes"] != draft.id
    assert "(udkast)" in _cli("meetings", "--db", str(demo))


def test_followups_of_a_date_pick_the_minutes(demo: Path) -> None:
    rows = list_meetings(demo)
    agenda = next(r for r in rows if r.kind == "agenda" and "minutes" in r.linked)
    result = runner.invoke(app, ["followups", agenda.date or "", "-f", "json", "--db", str(demo)])
    assert result.exit_code == 0, result.output
    assert "opfølgningen kommer fra referatet" in result.stderr
    found = json.loads(result.stdout)
    assert found and all(r["meeting"].startswith(agenda.date or "?") for r in found)
    minutes = json.loads(_cli("followups", str(agenda.linked["minutes"]), "-f", "json",
                              "--db", str(demo)))  # fmt: skip
    assert [r["id"] for r in found] == [r["id"] for r in minutes]


def test_draft_of_demo_minutes_is_a4_danish_with_every_decision(demo: Path, tmp_path: Path) -> None:
    import docx

    from kitar.store.queries import get_meeting

    minutes_id = next(r.id for r in list_meetings(demo) if r.kind == "minutes" and not r.draft)
    _, meeting = get_meeting(demo, str(minutes_id))
    out = tmp_path / "referat.docx"
    old_mask = os.umask(0o022)  # a shared drive's colleagues read what the secretary writes
    try:
        _cli("minutes", str(minutes_id), "-o", str(out), "--db", str(demo))
    finally:
        os.umask(old_mask)
    assert os.stat(out).st_mode & 0o777 == 0o644
    document = docx.Document(str(out))
    section = document.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    styles = document.styles.element.xml
    assert 'w:val="da-DK"' in styles and "en-US" not in styles
    text = f" {normal(docx_text(out))} "
    decisions = [d.text for it in meeting.items for x in (it, *it.subitems) for d in x.decisions]
    with_subitems = [it for it in meeting.items if it.subitems and it.decisions]
    assert decisions and with_subitems, "the demo minutes have an item with sub-items decided"
    missing = [d for d in decisions if f" {normal(d)} " not in text]
    assert not missing
    assert "TOC" in docx_text(out)  # the table-of-contents field
    assert re.search(r"indstilles at|indstiller at", text)  # the lead-in is kept


def test_template_keeps_its_own_page_and_language(tmp_path: Path) -> None:
    from kitar.minutes.docx_write import DocxWriter
    from kitar.read.docx import Cm, new_docx

    template = new_docx()
    template.sections[0].page_width = Cm(25)
    template.save(str(tmp_path / "skabelon.docx"))
    w = DocxWriter(tmp_path / "skabelon.docx")
    w.add_paragraph("x")
    w.save(tmp_path / "ud.docx")
    import docx

    saved = docx.Document(str(tmp_path / "ud.docx"))
    assert round(saved.sections[0].page_width.cm) == 25
    assert "da-DK" not in saved.styles.element.xml


@pytest.fixture(scope="module")
def sample_db(samples: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hygiene-samples")
    docs = folder / "docs"
    docs.mkdir()
    for rel in ("syddjurs-puk-2013-06-20/referat.pdf", "syddjurs-puk-2013-06-20/referat.docx",
                "edge-cases/notat-with-letterhead.pdf", "edge-cases/blank-page.pdf"):  # fmt: skip
        target = docs / rel.replace("/", "-")
        shutil.copyfile(samples / rel, target)  # into tmp only, deleted after the test run
    db = folder / "kitar.db"
    ingest([docs], db)
    return db


def test_samples_meetings_lists_meetings_only(sample_db: Path) -> None:
    rows = list_meetings(sample_db)
    assert len(rows) == 1, [(r.kind, r.path) for r in rows]  # Syddjurs PDF + DOCX: one meeting
    (row,) = rows
    assert row.kind == "minutes" and len(row.also) == 1
    assert {Path(p).suffix for p in [row.path or "", *row.also]} == {".pdf", ".docx"}
    counts = stats(sample_db)["counts"]
    assert counts["meetings"] == 1 and counts["documents without a meeting"] >= 1


def test_samples_hits_not_doubled(sample_db: Path) -> None:
    hits = search(sample_db, "Kulturkommune", kind="item")
    assert len(hits) == 1
    items = [h for h in search(sample_db, "Kulturkommune") if h.item_id is not None]
    assert len({h.item_id for h in items}) == 1 == len(items)


def test_memo_pages_are_searchable(sample_db: Path) -> None:
    from kitar.store.db import connect

    conn = connect(sample_db)
    words = conn.execute(
        "SELECT u.text FROM search_units u JOIN documents d ON d.id = u.document_id "
        "WHERE d.path LIKE '%notat%' AND u.meeting_id IS NULL"
    ).fetchall()
    conn.close()
    assert words, "the memo's pages are indexed as a document"
    word = max(re.findall(r"[a-zæøå]{9,}", words[0][0]), key=len)
    assert any("notat" in (h.path or "") for h in search(sample_db, word))
