"""`kitar minutes`, `kitar followups`, `kitar compare` through CliRunner on a fictitious corpus."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import docx
import pytest
from typer.testing import CliRunner

from kitar.cli.app import app
from kitar.ingest.batch import ingest
from kitar.model import Document, Meeting
from tests.minutes_fixtures import SECRET_ANNEX, fictional_agenda, fictional_minutes

runner = CliRunner()


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    """Agenda (id 1) and minutes (id 2) of the fictitious meeting, ingested."""
    meetings = {"dagsorden.txt": fictional_agenda(), "referat.txt": fictional_minutes()}

    def processor(path: str) -> tuple[Document, Meeting]:
        doc = Document(path=path, format="txt", pages=1, page_texts=["fiktiv side"])
        return doc, meetings[Path(path).name]

    files = []
    for name in meetings:
        (tmp_path / name).write_text(f"fiktivt dokument {name}\n", encoding="utf-8")
        files.append(tmp_path / name)
    db = tmp_path / "kitar.db"
    report = ingest(files, db, processor=processor)
    assert [f.status for f in report.files] == ["new", "new"]
    return db


def run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.output


def test_minutes_from_corpus(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "udkast.docx"
    code, output = run("minutes", "1", "-o", str(out), "--db", str(corpus))
    assert code == 0, output
    assert "skrev" in output and out.exists()
    document = docx.Document(str(out))
    assert document.core_properties.identifier == "1"
    assert "2. Ny strategi for selvbetjening" in [p.text for p in document.paragraphs]


def test_minutes_refuses_to_overwrite_then_public_force(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "udkast.docx"
    assert run("minutes", "2024-03-12", "-o", str(out), "--db", str(corpus))[0] == 0
    code, output = run("minutes", "2024-03-12", "-o", str(out), "--db", str(corpus))
    assert code == 12 and "--force" in output
    code, _ = run("minutes", "1", "-o", str(out), "--public", "--force", "--db", str(corpus))
    assert code == 0
    with zipfile.ZipFile(out) as zf:
        assert SECRET_ANNEX not in zf.read("word/document.xml").decode()


def test_minutes_unknown_meeting_is_one_line(corpus: Path) -> None:
    code, output = run("minutes", "99", "--db", str(corpus))
    assert code == 10 and "intet møde med nr. 99" in output and "Traceback" not in output


def test_minutes_missing_file(tmp_path: Path) -> None:
    code, output = run("minutes", str(tmp_path / "findes-ikke.pdf"), "--db", str(tmp_path / "x"))
    assert code == 3 and "filen findes ikke" in output


def test_followups_list_done_reopen(corpus: Path) -> None:
    code, output = run("followups", "--format", "json", "--db", str(corpus))
    assert code == 0, output
    rows = json.loads(output)
    # the agenda is skipped: its minutes are in the corpus
    assert rows and {r["meeting"] for r in rows} == {"2024-03-12 Udvalget for Digital Udvikling"}
    first = rows[0]["id"]
    code, output = run("followups", "done", str(first), "--db", str(corpus))
    assert code == 0 and "er nu udført" in output
    open_rows = json.loads(run("followups", "--open", "-f", "json", "--db", str(corpus))[1])
    assert first not in [r["id"] for r in open_rows]
    assert run("followups", "reopen", str(first), "--db", str(corpus))[0] == 0
    again = json.loads(run("followups", "--open", "-f", "json", "--db", str(corpus))[1])
    assert first in [r["id"] for r in again]
    # `list` is the default subcommand: named or not, the same rows
    named = json.loads(run("followups", "list", "--open", "-f", "json", "--db", str(corpus))[1])
    assert named == again
    # options may come first, as before the sub-app
    code, output = run("followups", "--db", str(corpus), "done", str(first))
    assert code == 0 and "er nu udført" in output
    code, output = run("followups", "--open", "--owner", "x", "--db", str(corpus), "-f", "json")
    assert code == 0 and json.loads(output) == []


def test_followups_help_names_the_subcommands() -> None:
    code, output = run("followups", "--help")
    assert code == 0
    assert all(name in output for name in ("list", "done", "reopen"))
    code, output = run("followups", "done", "--help")
    assert code == 0 and "NR…" in output


def test_followups_formats(corpus: Path, tmp_path: Path) -> None:
    args = ("followups", "2", "--owner", "kombit", "-f", "csv", "--csv-plain", "--db", str(corpus))
    code, output = run(*args)
    assert code == 0 and output.startswith("id,status,overdue,due,owner")
    assert all("KOMBIT" in line for line in output.strip().splitlines()[1:])
    code, output = run("followups", "2", "-f", "md", "--db", str(corpus))
    assert code == 0 and output.startswith("| Nr. |") and "**2024-" in output  # overdue in bold
    xlsx, word = tmp_path / "f.xlsx", tmp_path / "f.docx"
    assert run("followups", "-f", "xlsx", "-o", str(xlsx), "--db", str(corpus))[0] == 0
    assert run("followups", "-f", "docx", "-o", str(word), "--db", str(corpus))[0] == 0
    from openpyxl import load_workbook

    sheet = load_workbook(xlsx).active
    assert sheet.cell(1, 6).value == "Handling" and sheet.max_row >= 3
    assert docx.Document(str(word)).tables[0].rows[0].cells[3].text == "Handling"
    code, output = run("followups", "-f", "table", "--db", str(corpus))
    assert code == 0 and "overskredet" in output


def test_followups_bad_usage(corpus: Path) -> None:
    assert run("followups", "done", "x", "--db", str(corpus))[0] == 2
    assert run("followups", "-f", "pdf", "--db", str(corpus))[0] == 2
    assert run("followups", "-f", "xlsx", "--db", str(corpus))[0] == 2
    code, output = run("followups", "done", "999", "--db", str(corpus))
    assert code == 10 and "ingen opfølgning med nr. 999" in output


def test_compare_agenda_with_linked_minutes(corpus: Path) -> None:
    code, output = run("compare", "1", "--json", "--db", str(corpus))
    assert code == 0, output
    rows = {r["key"]: r for r in json.loads(output)}
    assert rows["2"]["outcome"] == "amended" and rows["2"]["departs"] is True
    assert rows["4"]["outcome"] == "postponed"
    code, output = run("compare", "1", "--db", str(corpus))
    assert code == 0 and "afviger fra indstillingen" in output


def test_kl_public_minutes_hide_item_6_and_confidential_annex(
    samples: Path, tmp_path: Path, kl_expected: dict
) -> None:
    out = tmp_path / "kl-offentlig.docx"
    source = samples / "kl-itarkitekturraad-2016-08-29-agenda.txt"
    code, output = run("minutes", str(source), "-o", str(out), "--public", "--db", "none.db")
    assert code == 0, output
    with zipfile.ZipFile(out) as zf:
        xml = zf.read("word/document.xml").decode()
    item6 = next(i for i in kl_expected["items"] if i["number"] == "6")
    assert item6["title"] in xml
    for rec in item6["recommendations"]:
        assert rec[:40] not in xml
    for p in item6["presenters"]:
        assert p["name"] not in xml
    secret = [a["title"] for i in kl_expected["items"] for a in i["annexes"] if a["confidential"]]
    assert secret and all(title[:30] not in xml for title in secret)


def test_kl_round_trip_draft_filled_ingested_searchable(samples: Path, tmp_path: Path) -> None:
    """Draft → decisions typed into the Beslutning paragraphs → ingest → search finds them."""
    from kitar.minutes.docx_write import fill_paragraphs
    from kitar.minutes.draft import BESLUTNING_STYLE
    from kitar.parse.draft import filled_decisions
    from kitar.read.docx import read_docx

    source = samples / "kl-itarkitekturraad-2016-08-29-agenda.txt"
    db = tmp_path / "kl.db"
    assert run("ingest", str(source), "--db", str(db))[0] == 0
    draft, filled = tmp_path / "kl-udkast.docx", tmp_path / "kl-udfyldt.docx"
    code, output = run("minutes", "2016-08-29", "-o", str(draft), "--db", str(db))
    assert code == 0, output
    typed = ["Taget til efterretning.", "Godkendt med den bemærkning, at planen sendes ud."]
    assert fill_paragraphs(draft, BESLUTNING_STYLE, typed, filled) == 2
    assert filled_decisions(read_docx(filled)) == {"1": typed[0], "2": typed[1]}
    from kitar.ingest.pipeline import read_and_reflow

    assert filled_decisions(read_and_reflow(filled)) == {"1": typed[0], "2": typed[1]}
    code, output = run("ingest", str(filled), "--db", str(db))
    assert code == 0, output
    code, output = run("search", "--kind", "decision", "planen", "--db", str(db))
    assert code == 0 and "Godkendt med den bemærkning" in output


def test_followups_of_a_file_before_ingest(tmp_path: Path) -> None:
    from kitar.demo.content import generate
    from kitar.demo.generate import write_text

    doc = next(d for d in (generate(s, "committee", "agenda") for s in range(1, 20))
               if d.followups)  # fmt: skip
    source = write_text(doc, tmp_path / "dagsorden.txt", 1)
    code, output = run("followups", str(source), "-f", "json", "--db", str(tmp_path / "no.db"))
    assert code == 0, output
    rows = json.loads(output)
    date = doc.meeting.meeting.date or ""
    assert rows and all(r["id"] == 0 and r["meeting"].startswith(date) for r in rows)
    assert {r["action"][:30] for r in rows} == {f["action"][:30] for f in doc.followups}
    assert all(r["due"] >= date for r in rows if r["due"])
