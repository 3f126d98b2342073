"""`kitar reflow` and `kitar inspect` through CliRunner: output, messages and exit codes."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from kitar.cli.app import app
from kitar.errors import (
    DamagedDocument,
    DocumentNotFound,
    EmptyDocument,
    EncryptedDocument,
    NoTextLayer,
    NothingToExtract,
    UnsupportedFormat,
)

runner = CliRunner()


TITLES = ["Trafikplan", "Skolestruktur", "Affaldsordning"]


def _pdf(path: Path, pages: int = 2) -> Path:
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=(595, 842))
    for n in range(1, pages + 1):
        c.setFont("Helvetica", 8)
        c.drawString(500, 30, f"Side {n} af {pages}")
        c.setFont("Helvetica-Bold", 12)
        c.drawString(72, 600, f"Punkt {n}: {TITLES[n - 1]}")
        c.setFont("Helvetica", 10)
        c.drawString(72, 580, f"Udvalget godkendte {TITLES[n - 1].lower()} uden bemærkninger.")
        c.showPage()
    c.save()
    return path


def _bad_inputs(tmp_path: Path) -> dict[str, tuple[Path, int]]:
    from PIL import Image
    from reportlab.lib import pdfencrypt
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    empty = tmp_path / "tom.pdf"
    empty.write_bytes(b"")
    text = tmp_path / "tekst.pdf"
    text.write_text("Referat\n", encoding="utf-8")
    locked = tmp_path / "laast.pdf"
    c = canvas.Canvas(str(locked), encrypt=pdfencrypt.StandardEncryption("kode", "ejer"))
    c.drawString(72, 700, "Fortroligt")
    c.save()
    scan = tmp_path / "scan.pdf"
    c = canvas.Canvas(str(scan))
    c.drawImage(ImageReader(Image.new("RGB", (20, 20), "gray")), 72, 600, 100, 100)
    c.save()
    blank = tmp_path / "blank.pdf"
    c = canvas.Canvas(str(blank))
    c.showPage()
    c.save()
    whole = _pdf(tmp_path / "hel.pdf").read_bytes()
    cut = tmp_path / "afskaaret.pdf"
    cut.write_bytes(whole[: len(whole) * 4 // 5])
    return {
        "damaged": (cut, DamagedDocument.exit_code),
        "missing": (tmp_path / "findes-ikke.pdf", DocumentNotFound.exit_code),
        "zero-byte": (empty, EmptyDocument.exit_code),
        "text-named-pdf": (text, UnsupportedFormat.exit_code),
        "encrypted": (locked, EncryptedDocument.exit_code),
        "scanned": (scan, NoTextLayer.exit_code),
        "blank": (blank, NothingToExtract.exit_code),
    }


@pytest.mark.parametrize("command", ["inspect", "reflow"])
def test_bad_inputs_give_one_line_and_distinct_codes(tmp_path: Path, command: str) -> None:
    if command == "reflow":
        pytest.importorskip("kitar.text.reflow")
    cases = _bad_inputs(tmp_path)
    codes = set()
    for name, (path, code) in cases.items():
        result = runner.invoke(app, [command, str(path)])
        assert result.exit_code == code, (name, result.output)
        message = result.stderr.strip()
        assert message.count("\n") == 0, (name, message)
        assert path.name in message and "Traceback" not in result.output
        codes.add(code)
    assert len(codes) == len(cases)
    assert "ocrmypdf" in runner.invoke(app, [command, str(cases["scanned"][0])]).stderr


def test_inspect_shows_roles(tmp_path: Path) -> None:
    path = _pdf(tmp_path / "plan.pdf")
    result = runner.invoke(app, ["inspect", str(path), "--page", "2"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    out = " ".join(result.stdout.split())
    assert "side 2 af 2" in out
    assert "Skolestruktur" in out and "overskrift" in out
    assert "sidefod" in out and "Trafikplan" not in out


def test_inspect_page_out_of_range_is_usage_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["inspect", str(_pdf(tmp_path / "plan.pdf")), "--page", "9"])
    assert result.exit_code == 2
    assert "side(r)" in " ".join(result.output.split())


def test_inspect_rejects_text_files(tmp_path: Path) -> None:
    path = tmp_path / "dagsorden.txt"
    path.write_text("Dagsorden\n", encoding="utf-8")
    result = runner.invoke(app, ["inspect", str(path)])
    assert result.exit_code == UnsupportedFormat.exit_code
    assert "dagsorden.txt" in result.stderr


def test_reflow_prints_body_without_footer(tmp_path: Path) -> None:
    pytest.importorskip("kitar.text.reflow")
    result = runner.invoke(app, ["reflow", str(_pdf(tmp_path / "plan.pdf"))])
    assert result.exit_code == 0, result.output
    assert "Udvalget godkendte trafikplan uden bemærkninger." in result.stdout
    assert "Side 1 af 2" not in result.stdout


def test_reflow_reads_stdin(tmp_path: Path) -> None:
    pytest.importorskip("kitar.text.reflow")
    data = _pdf(tmp_path / "plan.pdf").read_bytes()
    result = runner.invoke(app, ["reflow", "-"], input=data)
    assert result.exit_code == 0, result.output
    assert "Punkt 2: Skolestruktur" in result.stdout


def test_help_texts() -> None:
    for command in ("reflow", "inspect"):
        result = runner.invoke(app, [command, "--help"])
        assert result.exit_code == 0
    assert "Sidehoveder" in runner.invoke(app, ["reflow", "--help"]).stdout
    assert "--page" in runner.invoke(app, ["inspect", "--help"]).stdout


def test_real_ballerup_inspect_marks_header(samples: Path) -> None:
    path = samples / "ballerup-sfu-2012-12-04" / "referat.pdf"
    result = runner.invoke(app, ["inspect", str(path), "-p", "3"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "sidehoved" in result.stdout and "Åbent referat" in result.stdout


def test_fresh_process_patches_typer_help_module_only_when_needed(tmp_path: Path) -> None:
    """A command that shows neither help nor an error never imports typer's rich help module
    (4 MB, 30 ms); one that does gets the Danish one-line error from it all the same."""
    import subprocess
    import sys

    note = tmp_path / "notat.txt"
    note.write_text("Punkt 1. Budget\n", encoding="utf-8")
    probe = (
        "import sys\nfrom kitar.cli.app import main\nsys.argv = ['kitar', *sys.argv[1:]]\n"
        "try:\n    main()\nfinally:\n"
        "    print('rich_utils' if 'typer.rich_utils' in sys.modules else 'light', file=sys.stderr)"
    )
    run = [sys.executable, "-c", probe]
    ok = subprocess.run([*run, "reflow", str(note)], capture_output=True, text=True)
    assert ok.returncode == 0 and ok.stderr.strip().splitlines()[-1] == "light"
    bad = subprocess.run([*run, "reflow", "--nope", str(note)], capture_output=True, text=True)
    lines = bad.stderr.strip().splitlines()
    assert bad.returncode == 2 and lines[-1] == "rich_utils"
    assert lines[:-1] == ["kitar reflow: ukendt tilvalg --nope (se kitar reflow --help)"]
