"""`kitar parse` and `kitar eval` through typer's CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from kitar.cli.app import app

runner = CliRunner()

# A line holding a single space is a paragraph break in the extracted-text layout.
AGENDA_TXT = (
    "\n".join(
        [
            " 1. Velkommen og siden sidst",
            "v. Anna Holm, Formand for Rådet og Bo Lind, KL",
            "",
            " 2. Fælles datadeling",
            "v. Carl Berg, KOMBIT",
            " ",
            "Indstilling",
            " ",
            "Det indstilles, at:",
            " ",
            "- Rådet tager orienteringen til efterretning.",
            "- Rådet drøfter planen.",
            " ",
            "Bilag",
            " ",
            "Bilag 1: Leveranceplan - FORTROLIGT",
            " 3. Arkitektur for socialområdet – LUKKET PUNKT",
            "v. Dorte Friis, KL",
            " ",
            "Det indstilles, at Rådet drøfter analysen.",
            " 4. Evt.",
        ]
    )
    + "\n"
)


def _write(tmp_path: Path) -> Path:
    path = tmp_path / "dagsorden.txt"
    path.write_text(AGENDA_TXT, encoding="utf-8")
    return path


def test_parse_json_contract(tmp_path: Path) -> None:
    result = runner.invoke(app, ["parse", str(_write(tmp_path)), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["schema"] == "kitar.meeting/1"
    assert set(data) >= {"schema", "source", "meeting", "items", "warnings"}
    assert data["source"]["format"] == "txt" and len(data["source"]["sha256"]) == 64
    assert [i["number"] for i in data["items"]] == ["1", "2", "3", "4"]
    item = data["items"][1]
    assert set(item) >= {
        "number",
        "title",
        "closed",
        "page",
        "case_id",
        "presenters",
        "recommendations",
        "decision",
        "decisions",
        "annexes",
        "sections",
        "subitems",
    }
    assert item["recommendations"] == [
        "Rådet tager orienteringen til efterretning",
        "Rådet drøfter planen",
    ]
    assert item["annexes"] == [
        {"number": 1, "title": "Leveranceplan", "confidential": True, "ref": None}
    ]
    assert data["items"][2]["closed"] is True


def test_parse_tree_shows_items(tmp_path: Path) -> None:
    result = runner.invoke(app, ["parse", str(_write(tmp_path))])
    assert result.exit_code == 0, result.output
    assert "Fælles datadeling" in result.stdout and "lukket" in result.stdout


def test_eval_prints_scores(tmp_path: Path) -> None:
    expected = {
        "meeting": {"kind": "agenda"},
        "items": [
            {"number": "1", "title": "Velkommen og siden sidst"},
            {
                "number": "2",
                "title": "Fælles datadeling",
                "presenters": [{"name": "Carl Berg", "organisation": "KOMBIT"}],
            },
            {"number": "3", "title": "Arkitektur for socialområdet", "closed": True},
            {"number": "4", "title": "Evt."},
        ],
    }
    exp = tmp_path / "expected.json"
    exp.write_text(json.dumps(expected), encoding="utf-8")
    result = runner.invoke(app, ["eval", str(_write(tmp_path)), str(exp), "--json"])
    assert result.exit_code == 0, result.output
    scores = {s["name"]: s for s in json.loads(result.stdout)["scores"]}
    assert scores["items"]["f1"] == 1.0
    assert scores["closed"]["f1"] == 1.0
    # The expected file lists one presenter; the parser finds three, one of them expected.
    assert scores["presenters"]["recall"] == 1.0 and scores["presenters"]["precision"] < 1.0


def test_eval_with_bad_expected_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    result = runner.invoke(app, ["eval", str(_write(tmp_path)), str(bad)])
    assert result.exit_code == 5
    assert "bad.json" in result.stderr and "Traceback" not in result.output


def test_parse_missing_file_is_one_line(tmp_path: Path) -> None:
    result = runner.invoke(app, ["parse", str(tmp_path / "nope.pdf")])
    assert result.exit_code == 3
    assert "nope.pdf" in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_parse_blank_pdf_is_empty_with_warning(samples: Path) -> None:
    result = runner.invoke(app, ["parse", str(samples / "edge-cases" / "blank-page.pdf"), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["items"] == [] and data["warnings"]
