"""`kitar publish`: the redacted copy and the personal-data scan."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kitar.cli.app import app
from kitar.ingest.batch import ingest
from kitar.minutes.personal import find_personal, replace_personal
from kitar.model import Section
from kitar.parse.serialize import meeting_to_dict
from tests.test_store_fakes import fake_processor, make_meeting

runner = CliRunner()


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("Borgeren kan kontaktes på tlf. 22 33 44 55", ["phone"]),
        ("Klager: anne.testesen@gmail.com", ["email"]),
        ("CPR-nr. 010190-1234", ["cpr"]),
        ("+45 2233 4455", ["phone"]),
        ("Direkte 3370 3000, at@kl.dk", []),  # a staff member's work number and address
        ("Sagsnr. 2012-208960, budget 2013 2014", []),
        ("Figur: 20 25 30 35", []),  # chart axis, not a phone number
        ("Dato 320190-1234", []),  # no 32nd day
    ],
)
def test_personal_data(text: str, kinds: list[str]) -> None:
    assert [k for k, _, _ in find_personal(text)] == kinds


def test_replace_personal() -> None:
    text = "Ring på tlf. 22 33 44 55 eller skriv til bo@hotmail.com (CPR 010190-1234)."
    assert replace_personal(text) == (
        "Ring på tlf. [telefonnummer] eller skriv til [e-mail] (CPR [CPR-nummer])."
    )


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    meeting = make_meeting()
    meeting.items[0].sections.append(
        Section("Henvendelse", "Borgeren kan kontaktes på tlf. 22 33 44 55.")
    )
    meeting.items[1].sections.append(Section("Sag", "Borgerens CPR 010190-1234 i lukket punkt."))
    (tmp_path / "docs").mkdir()
    data = meeting_to_dict(meeting) | {"pages": ["Side et", "Side to", "Side tre"]}
    (tmp_path / "docs" / "m.txt").write_text(json.dumps(data, ensure_ascii=False))
    db = tmp_path / "kitar.db"
    ingest([tmp_path / "docs"], db, processor=fake_processor)
    return db


def test_publish_stops_on_personal_data_and_lists_it(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "offentlig.db"
    result = runner.invoke(app, ["publish", str(out), "--db", str(corpus)])
    assert result.exit_code == 13, result.output
    assert "22 33 44 55" in result.output and not out.exists()
    assert "010190" not in result.output  # in a closed item: removed, not listed


def test_publish_redact_personal(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "offentlig.db"
    result = runner.invoke(app, ["publish", str(out), "--redact-personal", "--db", str(corpus)])
    assert result.exit_code == 0, result.output
    raw = out.read_bytes()
    for secret in ("22 33 44 55", "010190", "lønforhold 1", "lønforhold 2"):
        assert secret.encode() not in raw, secret
    conn = sqlite3.connect(out)
    assert conn.execute("SELECT title FROM items WHERE closed = 1").fetchall() == [
        ("Punkt 2 om digitaliseringsstrategien",)
    ]
    texts = [r[0] for r in conn.execute("SELECT text FROM sections")]
    assert "Borgeren kan kontaktes på tlf. [telefonnummer]." in texts
    again = runner.invoke(app, ["publish", str(out), "--redact-personal", "--db", str(corpus)])
    assert again.exit_code == 12  # exists: --force


def test_publish_names_findings_in_danish_and_json_lists_them(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "offentlig.db"
    text = runner.invoke(app, ["publish", str(out), "--db", str(corpus)])
    assert "fundet telefonnummer: 22 33 44 55" in text.stdout, text.stdout
    result = runner.invoke(app, ["publish", str(out), "--db", str(corpus), "--json"])
    assert result.exit_code == 13 and not out.exists()
    summary = json.loads(result.stdout)  # the summary on stdout, the one-line error on stderr
    assert summary["written"] is False and summary["out"] == str(out)
    assert {"kind": "phone", "value": "22 33 44 55"}.items() <= summary["findings"][0].items()
    assert "personoplysninger i åbne punkter" in result.stderr
