"""Annexes as documents: a meeting's folder ingested as one meeting, its annex files linked to
the items' annex references from what the documents say, annex text searchable and cited."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kitar.cli.app import app
from kitar.config import samples_dir
from kitar.demo.content import generate
from kitar.demo.generate import write_pdf
from kitar.ingest.batch import ingest
from kitar.parse.annex_links import AnnexRef, Candidate, assign, evidence, title_score
from kitar.parse.case_export import read_case_export
from kitar.store.search import search

runner = CliRunner()

# ---- rules ---------------------------------------------------------------------------------


def _ref(title: str, ref: str | None = None, item: int = 1, case: str | None = None) -> AnnexRef:
    return AnnexRef(item * 10, item, str(item), case, title, ref)


def test_document_number_in_the_letterhead_is_certain() -> None:
    memo = Candidate("a.pdf", 1, "NOTAT\nOm skolestrukturen\nTilbage til start", None, "2024-1042")
    assert evidence(_ref("Notat om noget andet", "2024-1042"), memo) == ("dok.nr.", 1.0)
    text = Candidate("b.pdf", 2, "Dok.nr.: 2024-1043\nNotat")
    assert evidence(_ref("X", "2024-1043"), text) == ("dok.nr.", 1.0)
    assert evidence(_ref("X", "2024-104"), text) is None  # a prefix is not the number


def test_title_on_the_first_page() -> None:
    spaced = Candidate("c.pdf", 3, "P\nR\nO\nJ\nE\nK\nT\nBESKRIVELSE for aktivitetshus på Åvej")
    assert title_score("Aktivitetshus Åvej - Projektbeskrivelse", spaced) > 0.65
    other = Candidate("d.pdf", 4, "Invitation\nVi inviterer til møde om aktivitetshuse i kommunen")
    assert title_score("Aktivitetshus Åvej - Projektbeskrivelse", other) < 0.65
    named = Candidate("/x/Arbejdsplan_2019.pdf", 5, "")
    assert evidence(_ref("Arbejdsplan_2019.pdf"), named) == ("filnavn", 1.0)


def test_assign_is_one_to_one_then_case_number_then_elimination() -> None:
    refs = [_ref("Notat om trafik", "24-1"), _ref("Budget for veje", None, 2, "24/77"),
            _ref("Kort over området", None, 3)]  # fmt: skip
    files = [
        Candidate("1.pdf", 1, "Dok.nr.: 24-1\nNotat om trafik"),
        Candidate("2.pdf", 2, "Notat\nVejbudget", case_id="Sagsnr. 24/ 077"),
        Candidate("3.pdf", None),  # no text layer
    ]
    links = {k.candidate.path: (k.ref.item_id, k.method) for k in assign(refs, files)}
    assert links == {
        "1.pdf": (1, "dok.nr."),
        "2.pdf": (2, "sagsnr."),
        "3.pdf": (3, "eneste tilbage"),
    }


def test_a_file_fitting_two_annexes_equally_is_a_guess() -> None:
    refs = [_ref("Økonomisk overblik 2024", item=5), _ref("Økonomisk overblik 2024", item=9)]
    files = [Candidate("a.pdf", 1, "Økonomisk overblik 2024\nTal"), Candidate("b.pdf", 2, "")]
    (link, *_) = assign(refs, files)
    assert link.method == "titel (tvetydig)" and link.confidence <= 0.5


def test_case_export_reader(tmp_path: Path) -> None:
    xml = tmp_path / "export.xml"
    xml.write_text(
        "<Meeting><MeetingAgendaItem><AgendaItemNumber>4</AgendaItemNumber><Attachments>"
        '<Attachment attachmentid="1"><Title>Notat om &amp; trafik</Title>'
        "<PDFDocument>900.PDF</PDFDocument></Attachment></Attachments></MeetingAgendaItem>"
        "</Meeting>\f",
        encoding="utf-8",
    )
    (entry,) = read_case_export(xml)
    assert (entry.item_number, entry.file_name, entry.title) == (
        "4",
        "900.PDF",
        "Notat om & trafik",
    )


# ---- a generated meeting folder -------------------------------------------------------------


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, list[tuple]]:
    """Minutes (PDF) with eight annexes, one confidential, each annex a text file named by a
    document number, holding its title and a word found nowhere else."""
    root = tmp_path_factory.mktemp("folder")
    docs = root / "mappe"
    doc = generate(5, "committee", "minutes")
    write_pdf(doc, docs / "referat.pdf")
    (docs / "referat.expected.json").unlink()
    annexes = [
        (item.number, a.number, a.title, a.confidential)
        for item in doc.meeting.items
        for x in (item, *item.subitems)
        for a in x.annexes
    ]
    for k, (_item, number, title, _conf) in enumerate(annexes):
        (docs / f"{9100 + k}.txt").write_text(
            f"NOTAT\n\n{title}\n\nDette bilag handler om kodeord{number}x og intet andet.\n",
            encoding="utf-8",
        )
    db = root / "kitar.db"
    report = ingest([docs], db)
    assert not report.failed, report.files
    return docs, db, annexes


def test_generated_annexes_link_to_their_items(folder: tuple) -> None:
    _docs, db, annexes = folder
    result = runner.invoke(app, ["meetings", "--json", "--db", str(db)])
    meetings = json.loads(result.output)
    assert len(meetings) == 1  # the annex files are no meetings of their own
    shown = json.loads(runner.invoke(app, ["show", str(meetings[0]["id"]), "--json", "--db",
                                           str(db)]).output)  # fmt: skip
    got = {
        a["title"]: (item["number"], Path(a["path"]).name if a.get("path") else None)
        for item in shown["items"]
        for x in (item, *item["subitems"])
        for a in x["annexes"]
    }
    for k, (item, _number, title, _conf) in enumerate(annexes):
        assert got[title] == (item, f"{9100 + k}.txt"), title


def test_annex_text_is_searchable_and_cited(folder: tuple) -> None:
    _docs, db, annexes = folder
    item, number, _title, _confidential = next(a for a in annexes if not a[3])
    (hit,) = search(db, f"kodeord{number}x", kind="annex")
    assert hit.extra["citation"] == f"Bilag {number} til punkt {item}, s. 1"
    result = runner.invoke(app, ["search", f"kodeord{number}x", "--kind", "annex", "--db", str(db)])
    assert f"Bilag {number} til punkt {item}, s. 1" in " ".join(result.output.split())


def test_confidential_annex_text_is_never_public(folder: tuple, tmp_path: Path) -> None:
    _docs, db, annexes = folder
    secret = [a for a in annexes if a[3]]
    assert secret
    for _item, number, _title, _conf in secret:
        word = f"kodeord{number}x"
        assert search(db, word)  # internally it is found
        assert search(db, word, public=True) == []
        public = runner.invoke(app, ["search", word, "--public", "--db", str(db)])
        assert word not in public.output
    out = tmp_path / "oparl"
    assert runner.invoke(app, ["export", str(out), "--public", "--db", str(db)]).exit_code == 0
    text = "\n".join(f.read_text(encoding="utf-8") for f in out.rglob("*.json"))
    for _item, number, title, _conf in secret:
        assert title not in text and f"kodeord{number}x" not in text


def test_reingest_keeps_the_links(folder: tuple) -> None:
    docs, db, annexes = folder
    report = ingest([docs], db)
    assert {f.status for f in report.files} == {"unchanged"}
    _item, number, _t, _c = next(a for a in annexes if not a[3])
    assert search(db, f"kodeord{number}x", kind="annex")


# ---- the Ballerup folder as eDoc published it ----------------------------------------------

BALLERUP = samples_dir().parent / "meeting-folders" / "ballerup-sfu-2012-12-04"


def _export_answer() -> dict[str, str]:
    """File name → item number, from eDoc's export (the answer key)."""
    return {
        e.file_name: e.item_number for e in read_case_export(BALLERUP / "eDocAgendaPublishing.xml")
    }


@pytest.fixture(scope="module")
def ballerup(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, object]:
    if not (BALLERUP / "eDocAgendaPublishing.xml").exists():
        pytest.skip(f"{BALLERUP} absent")
    db = tmp_path_factory.mktemp("ballerup") / "kitar.db"
    return db, ingest([BALLERUP], db, jobs=2)  # without the export


def _linked(db: Path) -> dict[str, str]:
    import sqlite3

    conn = sqlite3.connect(db)
    rows = conn.execute(
        "SELECT d.path, i.number, p.number FROM annexes a JOIN documents d ON d.id = a.document_id "
        "JOIN items i ON i.id = a.item_id LEFT JOIN items p ON p.id = i.parent_id"
    ).fetchall()
    return {
        Path(path).name: (parent or re.match(r"\d+", num).group(0)) for path, num, parent in rows
    }


@pytest.mark.slow
@pytest.mark.samples
def test_ballerup_annexes_link_as_the_export_says(ballerup: tuple) -> None:
    db, report = ballerup
    answer = _export_answer()
    assert len(answer) == 10
    assert _linked(db) == answer
    scan = next(f for f in report.files if f.path.endswith("1537646.PDF"))
    assert scan.status != "failed" and any("no text layer" in w for w in scan.warnings)


@pytest.mark.slow
@pytest.mark.samples
def test_ballerup_item_pdfs_fold_into_one_meeting(ballerup: tuple) -> None:
    db, report = ballerup
    meetings = json.loads(runner.invoke(app, ["meetings", "--json", "--db", str(db)]).output)
    assert len(meetings) == 1 and meetings[0]["items"] >= 8
    extracts = [f for f in report.files if any("item extract" in w for w in f.warnings)]
    assert len(extracts) == 8
    assert not report.failed


@pytest.mark.slow
@pytest.mark.samples
def test_ballerup_annex_hits_cite_annex_and_item(ballerup: tuple) -> None:
    db, _ = ballerup
    hits = search(db, "rygestopforløb", kind="annex")
    assert hits and all(re.match(r"Bilag \d+ til punkt \d", h.extra["citation"]) for h in hits)


@pytest.mark.slow
@pytest.mark.samples
def test_ballerup_with_the_export(tmp_path: Path) -> None:
    if not (BALLERUP / "eDocAgendaPublishing.xml").exists():
        pytest.skip(f"{BALLERUP} absent")
    db = tmp_path / "k.db"
    files = [BALLERUP / n for n in ("1552814.PDF", "1548303.PDF", "1546399.PDF", "1537646.PDF")]
    report = ingest(files, db, export=BALLERUP / "eDocAgendaPublishing.xml")
    answer = _export_answer()
    assert _linked(db) == {f.name: answer[f.name] for f in files[1:]}
    # By name: the report holds resolved paths, KITAR_SAMPLES may hold "..".
    notes = {Path(f.path).name: f.warnings for f in report.files}
    assert all("eksport" in " ".join(w) for name, w in notes.items() if name != files[0].name), (
        notes
    )


def test_a_folder_of_several_meetings_links_nothing(tmp_path: Path) -> None:
    docs = tmp_path / "år"
    for seed in (5, 6):
        doc = generate(seed, "committee", "minutes")
        write_pdf(doc, docs / f"referat-{seed}.pdf")
        (docs / f"referat-{seed}.expected.json").unlink()
    (docs / "9100.txt").write_text("NOTAT\n\nEt notat uden møde\n\nTekst.\n", encoding="utf-8")
    report = ingest([docs], tmp_path / "k.db")
    assert not any("linked as" in w for f in report.files for w in f.warnings)
    meetings = json.loads(
        runner.invoke(app, ["meetings", "--json", "--db", str(tmp_path / "k.db")]).output
    )
    assert len(meetings) == 2


@pytest.mark.samples
def test_an_unplaceable_scan_is_kept_not_failed(
    folder: tuple, samples: Path, tmp_path: Path
) -> None:
    """Two files without a text layer and nothing to tell them apart: kept, with a warning."""
    import shutil

    docs, _db, _annexes = folder
    mine = tmp_path / "mappe"
    shutil.copytree(docs, mine)
    scan = samples / "edge-cases" / "scanned-no-text-layer.pdf"
    shutil.copy(scan, mine / "8001.pdf")
    for name in ("9100.txt", "9101.txt"):  # two annexes without their files: two refs, one scan
        (mine / name).unlink()
    report = ingest([mine], tmp_path / "k.db")
    (f,) = [f for f in report.files if f.path.endswith("8001.pdf")]
    assert f.status == "new" and any("linked to no item" in w for w in f.warnings)
    assert not report.failed
