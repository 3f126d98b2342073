"""The Word minutes draft, opened with python-docx and checked item by item against golden data."""

from __future__ import annotations

import copy
import json
import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

from kitar.errors import OutputExists
from kitar.minutes.draft import BESLUTNING_STYLE, PUBLIC_NOTE, build_minutes
from kitar.parse.draft import draft_meeting_id, filled_decisions, is_kitar_draft
from kitar.read.docx import read_docx
from tests.minutes_fixtures import CLOSED_BODY, SECRET_ANNEX, fictional_agenda

GOLDEN = Path(__file__).parent / "golden"
REGENERATE = os.environ.get("KITAR_REGENERATE") == "1"


def structure(path: Path) -> list[dict[str, Any]]:
    """Body paragraphs (style, text) and tables (rows of cell texts) in document order."""
    document = docx.Document(str(path))
    out: list[dict[str, Any]] = []
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:p"):
            p = Paragraph(child, document._body)
            out.append({"style": p.style.name, "text": p.text})
        elif child.tag == qn("w:tbl"):
            table = Table(child, document._body)
            out.append({"table": [[c.text for c in row.cells] for row in table.rows]})
    return out


def check_golden(name: str, data: list[dict[str, Any]]) -> None:
    path = GOLDEN / f"minutes_{name}.json"
    if REGENERATE:
        path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    assert path.exists(), f"{path} missing: run once with KITAR_REGENERATE=1 and review it"
    expected = json.loads(path.read_text(encoding="utf-8"))
    # Item by item, so a failure names the paragraph that changed.
    for i, (want, got) in enumerate(zip(expected, data, strict=False)):
        assert got == want, f"element {i} differs"
    assert len(data) == len(expected)


def test_regenerate_flag_is_off() -> None:
    assert not REGENERATE, "KITAR_REGENERATE=1 rewrites the golden files; unset it"


@pytest.fixture()
def internal(tmp_path: Path) -> Path:
    return build_minutes(
        fictional_agenda(), tmp_path / "referat.docx", meeting_id=7, next_meeting="2024-04-09"
    )


@pytest.fixture()
def public(tmp_path: Path) -> Path:
    return build_minutes(fictional_agenda(), tmp_path / "offentlig.docx", public=True, meeting_id=7)


def test_internal_matches_golden(internal: Path) -> None:
    check_golden("internal", structure(internal))


def test_public_matches_golden(public: Path) -> None:
    check_golden("public", structure(public))


def test_items_use_builtin_headings(internal: Path) -> None:
    document = docx.Document(str(internal))
    headings = [(p.style.style_id, p.text) for p in document.paragraphs
                if p.style.name.startswith("Heading")]  # fmt: skip
    assert headings == [
        ("Heading1", "1. Meddelelser"),
        ("Heading1", "2. Ny strategi for selvbetjening"),
        ("Heading1", "3. Høringssager"),
        ("Heading2", "Høringssvar om digital post"),
        ("Heading2", "Høringssvar om adgangsstyring"),
        ("Heading1", "4. Lejemål til borgerservice"),
        ("Heading1", "5. Eventuelt"),
    ]


def test_one_empty_beslutning_paragraph_per_decision(internal: Path) -> None:
    document = docx.Document(str(internal))
    slots = [p for p in document.paragraphs if p.style.name == BESLUTNING_STYLE]
    assert len(slots) == 6  # items 1, 2, 4, 5 and the two sub-items of 3
    assert all(p.text == "" for p in slots)
    style = document.styles[BESLUTNING_STYLE]
    assert style.next_paragraph_style.name == BESLUTNING_STYLE  # Enter keeps the style


def test_recommendations_and_annexes_are_lists(internal: Path) -> None:
    data = structure(internal)
    bullets = [e["text"] for e in data if e.get("style") == "List Bullet"]
    assert "Administrationen forelægger en handleplan ultimo maj 2024" in bullets
    assert f"Bilag 2: {SECRET_ANNEX} (fortroligt)" in bullets


def test_followup_table_prefilled(internal: Path) -> None:
    tables = [e["table"] for e in structure(internal) if "table" in e]
    assert all(t[0] == ["Handling", "Ansvarlig", "Frist"] and t[-1] == ["", "", ""] for t in tables)
    rows = [row for t in tables for row in t[1:-1]]
    assert ["KOMBIT sender en tidsplan i uge 20", "KOMBIT", "2024-05-17"] in rows


def test_closed_item_marked(internal: Path) -> None:
    texts = [e.get("text") for e in structure(internal)]
    i = texts.index("4. Lejemål til borgerservice")
    assert texts[i + 1] == "Lukket punkt"


def _xml(path: Path) -> str:
    with zipfile.ZipFile(path) as zf:
        return zf.read("word/document.xml").decode("utf-8")


def test_public_version_leaves_out_closed_content_and_secret_titles(
    internal: Path, public: Path
) -> None:
    assert CLOSED_BODY in _xml(internal) and SECRET_ANNEX in _xml(internal)
    xml = _xml(public)
    assert CLOSED_BODY not in xml
    assert SECRET_ANNEX not in xml
    assert "Lejekontrakt, udkast" not in xml
    assert "4. Lejemål til borgerservice" in xml  # number and title stay
    assert PUBLIC_NOTE in xml


def test_footer_page_numbers_and_properties(internal: Path) -> None:
    with zipfile.ZipFile(internal) as zf:
        footers = [zf.read(n).decode() for n in zf.namelist() if n.startswith("word/footer")]
    assert any("PAGE" in f and "NUMPAGES" in f for f in footers)
    props = docx.Document(str(internal)).core_properties
    assert props.identifier == "7"
    assert props.title == "Referat – Udvalget for Digital Udvikling – 2024-03-12"
    assert "2024-03-12" in props.keywords


def test_existing_output_needs_force(internal: Path) -> None:
    before = internal.read_bytes()
    with pytest.raises(OutputExists):
        build_minutes(fictional_agenda(), internal)
    assert internal.read_bytes() == before
    build_minutes(fictional_agenda(), internal, force=True, public=True)
    assert PUBLIC_NOTE in _xml(internal)


def test_template_supplies_styles_header_and_footer(tmp_path: Path) -> None:
    template = docx.Document()
    template.add_paragraph("Skabelonens gamle indhold")
    template.styles["Heading 1"].font.size = docx.shared.Pt(23)
    template.sections[0].header.paragraphs[0].text = "Fiktivby Kommune"
    template.sections[0].footer.paragraphs[0].text = "Sekretariatets egen fod"
    template.sections[0].left_margin = docx.shared.Cm(3.3)
    template.save(str(tmp_path / "house.docx"))
    out = build_minutes(fictional_agenda(), tmp_path / "r.docx", template=tmp_path / "house.docx")
    document = docx.Document(str(out))
    assert document.styles["Heading 1"].font.size.pt == 23
    assert document.sections[0].header.paragraphs[0].text == "Fiktivby Kommune"
    assert document.sections[0].footer.paragraphs[0].text == "Sekretariatets egen fod"
    assert round(document.sections[0].left_margin.cm, 1) == 3.3
    texts = [p.text for p in document.paragraphs]
    assert "Skabelonens gamle indhold" not in texts and "1. Meddelelser" in texts


def _type_decisions(path: Path, out: Path, decisions: list[str | None]) -> None:
    """What a secretary does in Word: type into each Beslutning paragraph; Enter adds one more."""
    document = docx.Document(str(path))
    slots = [p for p in document.paragraphs if p.style.name == BESLUTNING_STYLE]
    for p, text in zip(slots, decisions, strict=True):
        if not text:
            continue
        first, *more = text.split("\n")
        p.add_run(first)
        anchor = p
        for line in more:  # Enter: a new paragraph after, in the next-paragraph style
            new = copy.deepcopy(anchor._p)
            for r in new.findall(qn("w:r")):
                new.remove(r)
            anchor._p.addnext(new)
            anchor = Paragraph(new, anchor._parent)
            anchor.add_run(line)
    document.save(str(out))


def test_round_trip_finds_typed_decisions(internal: Path, tmp_path: Path) -> None:
    filled = tmp_path / "udfyldt.docx"
    _type_decisions(internal, filled, [
        "Taget til efterretning.",
        "Godkendt.\nAdministrationen sender handleplanen i uge 22.",
        "Godkendt.",
        None,
        "Udsat.",
        "Ingen bemærkninger.",
    ])  # fmt: skip
    doc = read_docx(filled)
    assert is_kitar_draft(doc) and draft_meeting_id(doc) == "7"
    assert filled_decisions(doc) == {
        "1": "Taget til efterretning.",
        "2": "Godkendt.\nAdministrationen sender handleplanen i uge 22.",
        "3.1": "Godkendt.",
        "4": "Udsat.",
        "5": "Ingen bemærkninger.",
    }


def test_unfilled_draft_has_no_decisions(internal: Path) -> None:
    assert filled_decisions(read_docx(internal)) == {}


@pytest.mark.skipif(
    not (shutil.which("soffice") or shutil.which("libreoffice")), reason="LibreOffice not installed"
)
def test_libreoffice_converts_draft_to_pdf(internal: Path, tmp_path: Path) -> None:
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    subprocess.run(
        [str(exe), "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(internal)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    pdf = (tmp_path / "referat.pdf").read_bytes()
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert 2 <= pages <= 12


def test_minutes_meeting_keeps_its_decisions(tmp_path: Path) -> None:
    from tests.minutes_fixtures import fictional_minutes

    out = build_minutes(fictional_minutes(), tmp_path / "fra-referat.docx")
    decisions = filled_decisions(read_docx(out))
    assert decisions["4"] == "Udsat til næste møde."
    assert decisions["3.2"] == "Ikke godkendt. Udkastet omarbejdes."


def test_item_with_own_recommendation_and_subitems_reads_back_under_its_number(
    tmp_path: Path,
) -> None:
    from kitar.model import Decision, Item

    meeting = fictional_agenda()
    meeting.items[2].recommendations = ["Udvalget godkender høringsproceduren"]
    meeting.items[2].decisions = [Decision("Proceduren godkendt.")]
    meeting.items[2].subitems[1].number = "3.b"  # numbered like Ballerup's "1.a"
    meeting.items[2].subitems[1].subitems = [Item("i", "Under-underpunkt")]
    out = build_minutes(meeting, tmp_path / "r.docx")
    headings = [p.text for p in docx.Document(str(out)).paragraphs if p.style.name == "Heading 2"]
    assert "b. Høringssvar om adgangsstyring" in headings
    assert filled_decisions(read_docx(out)) == {"3": "Proceduren godkendt."}


@pytest.mark.skipif(
    not (shutil.which("soffice") or shutil.which("libreoffice")), reason="LibreOffice not installed"
)
def test_libreoffice_save_keeps_decisions_and_meeting_id(internal: Path, tmp_path: Path) -> None:
    """A secretary on LibreOffice: open the filled draft, save as DOCX, ingest it."""
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    filled = tmp_path / "udfyldt.docx"
    _type_decisions(
        internal, filled, ["Taget til efterretning.", "Godkendt.", None, None, None, None]
    )
    outdir = tmp_path / "lo"
    subprocess.run(
        [str(exe), "--headless", "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(outdir),
         str(filled)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    doc = read_docx(outdir / "udfyldt.docx")
    assert draft_meeting_id(doc) == "7"
    assert filled_decisions(doc) == {"1": "Taget til efterretning.", "2": "Godkendt."}
