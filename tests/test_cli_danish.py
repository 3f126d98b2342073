"""Issue 14: Danish text, Excel-friendly files and an 80-column terminal, one test per point."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import datetime
from pathlib import Path

import pytest
from rich.console import Console
from rich.text import Text
from typer.testing import CliRunner

from kitar.cli import common
from kitar.cli.app import app
from kitar.cli.help import danish_message
from kitar.cli.options import date_value, kind_value, status_value
from kitar.cli.render import Column, hanging, print_records, print_trimmed
from kitar.ingest.batch import ingest
from kitar.model import Document, Meeting
from tests.minutes_fixtures import fictional_agenda, fictional_minutes

runner = CliRunner()
COMMANDS = ["reflow", "inspect", "parse", "eval", "ingest", "search", "meetings", "show",
            "people", "stats", "minutes", "followups", "compare", "case", "export",
            "publish"]  # fmt: skip
# Commands that print data, or a summary of what they wrote: each has --json.
JSON_COMMANDS = [c if c != "followups" else "followups list" for c in COMMANDS]


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
    ingest(files, db, processor=processor)
    return db


def run(*args: str, columns: int = 80) -> tuple[int, str]:
    result = runner.invoke(app, list(args), env={"COLUMNS": str(columns)})
    return result.exit_code, result.output


def followup_ids(db: Path) -> list[int]:
    return [r["id"] for r in json.loads(run("followups", "--json", "--db", str(db))[1])]


# --- help: Danish, no Python types, an example per command -------------------------------------


@pytest.mark.parametrize("command", COMMANDS)
def test_help_is_danish_without_python_types_with_an_example(command: str) -> None:
    code, out = run(command, "--help", columns=100)
    assert code == 0
    assert not re.search(r"<(?:bool|str|int|path|float|list\[\w+\])>", out), out
    assert "Tilvalg" in out and "Options" not in out and "Brug: kitar" in out
    assert "Eksempel" in out and re.search(rf"\$ (?:KITAR_DB=\S+ )?kitar {command}\b", out)


@pytest.mark.parametrize("command", JSON_COMMANDS)
def test_every_data_command_has_a_described_json_option(command: str) -> None:
    out = " ".join(run(*command.split(), "--help", columns=200)[1].split())
    assert re.search(r"--json\s+Skriv \S.* som JSON", out), out


def test_global_quiet_and_verbose_are_in_the_root_help() -> None:
    out = run("--help", columns=120)[1]
    assert "--quiet" in out and "-q" in out and "--verbose" in out and "Slutkoder" in out


# --- one-line usage errors ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["search"], "kitar search: mangler argumentet SØGNING (se kitar search --help)"),
        (["meetings", "--bogus"], "kitar meetings: ukendt tilvalg --bogus"),
        (["search", "x", "--limit", "0"], "kitar search: --limit skal være mindst 1"),
        (["search", "x", "-n", "tre"], "kitar search: --limit skal være et tal"),
    ],
)
def test_usage_errors_are_one_danish_line(args: list[str], message: str) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and result.stderr.startswith(message), result.stderr


def test_click_messages_in_danish() -> None:
    assert danish_message("Got unexpected extra argument (x)") == "for mange argumenter: x"
    assert danish_message("Something new") == "Something new"


# --- words: dates, kinds, statuses --------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "since", "until"),
    [
        ("29.08.2016", "2016-08-29", "2016-08-29"),
        ("29-08-2016", "2016-08-29", "2016-08-29"),
        ("2016-08-29", "2016-08-29", "2016-08-29"),
        ("29. august 2016", "2016-08-29", "2016-08-29"),
        ("august 2016", "2016-08-01", "2016-08-31"),
        ("Feb. 2016", "2016-02-01", "2016-02-29"),
        ("2016-08", "2016-08-01", "2016-08-31"),
        ("2016", "2016-01-01", "2016-12-31"),
    ],
)
def test_date_options_take_danish_dates(typed: str, since: str, until: str) -> None:
    assert date_value(typed) == since
    assert date_value(typed, end=True) == until


@pytest.mark.parametrize("typed", ["i går", "31.02.2016", "august", "2016-13", "13/13/2016"])
def test_bad_dates_are_refused_with_examples(typed: str) -> None:
    with pytest.raises(ValueError, match=r"29\.08\.2016"):
        date_value(typed, option="--until")


def test_kinds_and_statuses_in_danish_and_english() -> None:
    assert kind_value("beslutning") == kind_value("decision") == "decision"
    assert kind_value("Punkt") == "item" and kind_value(None) is None
    assert status_value("udført") == status_value("done") == "done"
    assert status_value("åben") == "open"
    with pytest.raises(ValueError, match="punkt \\(item\\)"):
        kind_value("møde")


def test_search_takes_danish_kind_and_dates(corpus: Path) -> None:
    def hits(*extra: str) -> list:
        code, out = run("search", "strategi", "--json", "--db", str(corpus), *extra)
        assert code == 0, out
        return json.loads(out)

    assert hits("--kind", "punkt") == hits("--kind", "item")
    assert hits("--since", "12.03.2024", "--until", "marts 2024")
    assert hits("--since", "13-03-2024") == []
    code, out = run("search", "strategi", "--since", "sidste uge", "--db", str(corpus))
    assert code == 11 and "--since skal være en dato som" in out


# --- follow-ups: statuses, several ids, Excel CSV, XLSX ----------------------------------------


def test_followups_done_and_reopen_take_several_ids(corpus: Path) -> None:
    ids = followup_ids(corpus)[:2]
    assert len(ids) == 2
    code, out = run("followups", "done", *map(str, ids), str(ids[0]), "--db", str(corpus))
    assert code == 0 and out.count("er nu udført") == 2  # each id once
    done = json.loads(run("followups", "--status", "udført", "-f", "json", "--db", str(corpus))[1])
    assert sorted(r["id"] for r in done) == sorted(ids)
    assert all(r["status"] == "done" for r in done)  # JSON values stay English (a contract)
    code, out = run("followups", "genåbn", *map(str, ids), "--db", str(corpus))
    assert code == 0 and out.count("er nu åben") == 2
    assert run("followups", "done", "7", "x", "--db", str(corpus))[0] == 2


def test_csv_opens_in_danish_excel(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "liste.csv"
    assert run("followups", "-o", str(out), "--db", str(corpus))[0] == 0  # format from -o
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM: Excel reads UTF-8, so æøå stay
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert rows[0] == ["Nr.", "Status", "Overskredet", "Frist", "Ansvarlig", "Handling", "Møde",
                       "Punkt", "Lukket punkt", "Kilde"]  # fmt: skip
    assert {r[1] for r in rows[1:]} <= {"åben", "udført"} and {r[2] for r in rows[1:]} <= {
        "ja",
        "nej",
    }
    assert b"\r\n" in raw


def test_csv_plain_is_rfc_csv_with_the_json_keys(corpus: Path) -> None:
    code, out = run("followups", "-f", "csv", "--csv-plain", "--db", str(corpus))
    assert code == 0 and not out.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows and set(rows[0]) >= {"id", "status", "overdue", "due"}
    assert {r["overdue"] for r in rows} <= {"True", "False"}


def test_xlsx_has_real_dates_and_a_frozen_filtered_header(corpus: Path, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "liste.xlsx"
    assert run("followups", "-o", str(out), "--db", str(corpus))[0] == 0
    sheet = load_workbook(out).active
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref and sheet.auto_filter.ref.startswith("A1:")
    headers = [c.value for c in sheet[1]]
    assert headers[:4] == ["Nr.", "Status", "Overskredet", "Frist"]
    due = [row[3] for row in sheet.iter_rows(min_row=2) if row[3].value]
    assert due and all(isinstance(c.value, datetime) for c in due)
    assert all(c.number_format == "dd-mm-yyyy" for c in due)
    assert {row[1].value for row in sheet.iter_rows(min_row=2)} <= {"åben", "udført"}


@pytest.mark.parametrize(
    "args",
    [
        ["minutes", "1", "-o", "{tmp}/udkast.pdf"],
        ["followups", "-o", "{tmp}/liste.pdf"],
        ["followups", "-f", "csv", "-o", "{tmp}/liste.xlsx"],
        ["followups", "-f", "table", "-o", "{tmp}/liste.txt"],
    ],
)
def test_output_with_a_mismatched_ending_is_refused(
    corpus: Path, tmp_path: Path, args: list[str]
) -> None:
    code, out = run(*[a.format(tmp=tmp_path) for a in args], "--db", str(corpus))
    assert code == 2 and "--output" in out
    assert not list(tmp_path.glob("udkast.*")) and not list(tmp_path.glob("liste.*"))


# --- 80 columns: lists with hanging indents, wrapped snippets, no trailing spaces -------------


def test_followups_at_80_columns_are_a_list_and_a_table_when_wide(corpus: Path) -> None:
    code, narrow = run("followups", "--db", str(corpus), columns=80)
    assert code == 0
    lines = narrow.splitlines()
    assert "┃" not in narrow and all(len(line) <= 80 for line in lines)
    assert not [line for line in lines if line != line.rstrip()]
    assert any(line.startswith("   Handling   ") for line in lines)
    code, wide = run("followups", "--db", str(corpus), columns=140)
    assert "┃ Nr. ┃ Frist" in wide


def test_hanging_indent_keeps_continuations_under_the_value() -> None:
    text = Text("ord " * 40)
    lines = hanging(text, 40, 14, first=Text("   Handling   "))
    assert len(lines) > 2 and all(len(line.plain) <= 40 for line in lines)
    assert all(line.plain.startswith(" " * 14) and line.plain[14] != " " for line in lines[1:])
    assert all(not line.plain.endswith(" ") for line in lines)


def test_records_print_as_a_list_on_a_narrow_console() -> None:
    out = io.StringIO()
    cols = [Column("Navn", headline=True), Column("Organisation"), Column("Punkt")]
    rows = [["Anna Testesen", "Testkommunen", "3 Et meget langt punkt om " + "noget " * 20]]
    print_records(Console(width=60, file=out), cols, rows)
    text = out.getvalue()
    assert text.startswith("Anna Testesen\n   Organisation  Testkommunen\n   Punkt         3 Et")
    assert all(line == line.rstrip() for line in text.splitlines())


def test_parse_tree_has_no_trailing_spaces() -> None:
    from rich.tree import Tree

    tree = Tree("Dagsorden " + "lang overskrift " * 8)
    tree.add("Indstilling " + "at udvalget godkender " * 6)
    out = io.StringIO()
    print_trimmed(Console(width=80, file=out), tree)
    lines = out.getvalue().splitlines()
    assert len(lines) > 3 and all(line == line.rstrip() for line in lines)


def test_search_snippets_wrap_with_an_indent(corpus: Path) -> None:
    code, out = run("search", "strategi OR høringssvar", "--db", str(corpus), columns=60)
    assert code == 0
    lines = out.splitlines()
    assert re.match(r"1\. \[\w+", lines[0])
    for line in lines:
        assert len(line) <= 60 and line == line.rstrip()
        assert re.match(r"\d+\. \[", line) or line.startswith("    "), line


def test_a_hit_without_body_or_date_names_its_file() -> None:
    from kitar.cli.search import _hit_place
    from kitar.store.search import Hit

    hit = Hit("page", 1.0, "tekst", [], 3, None, None, None, None, None, None, 2,
              "/data/ukendt-bilag.pdf")  # fmt: skip
    assert _hit_place(hit) == "ukendt-bilag.pdf · s. 2"


def test_no_hits_explains_why(corpus: Path) -> None:
    code, out = run("search", "strategi and zzzyx", "--since", "2030", "--db", str(corpus))
    assert code == 0 and out.startswith("ingen hits")
    assert "AND, OR, NOT eller NEAR" in out and "--since" in out and "brug OR" in out


# --- progress bars, -q, -v --------------------------------------------------------------------


def test_progress_is_off_when_not_a_terminal(capsys: pytest.CaptureFixture[str]) -> None:
    with common.progress("læser", total=3) as bar:
        bar.update(1, text="side 1")
    assert capsys.readouterr().err == ""


def test_progress_shows_on_a_terminal_and_not_with_quiet(monkeypatch: pytest.MonkeyPatch) -> None:
    out = io.StringIO()
    monkeypatch.setattr(common, "err_console", Console(file=out, force_terminal=True, width=80))
    assert common.progress_enabled()
    with common.progress("læser", total=2) as bar:
        bar.update(1, text="læser side 1-4")
    assert "læser" in out.getvalue()
    monkeypatch.setattr(common.verbosity, "quiet", True)
    assert not common.progress_enabled()


def test_quiet_hides_confirmations(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "r.docx"
    result = runner.invoke(app, ["-q", "minutes", "1", "-o", str(out), "--db", str(corpus)])
    assert result.exit_code == 0 and out.exists() and result.output == ""
    result = runner.invoke(app, ["minutes", "1", "-o", str(out), "--force", "--db", str(corpus)])
    assert result.stderr.startswith("skrev ")
    common.verbosity.quiet = False


def test_verbose_shows_the_fts_expression(corpus: Path) -> None:
    result = runner.invoke(app, ["-v", "search", "strategi OR plan", "--db", str(corpus)])
    assert result.exit_code == 0 and "FTS5: " in result.stderr and " OR " in result.stderr
    common.verbosity.verbose = False


def test_a_long_pdf_read_under_a_progress_bar_parses_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kitar.cli import read
    from kitar.demo.content import generate
    from kitar.demo.generate import write_pdf

    pdf = write_pdf(generate(7001, "kl", "agenda"), tmp_path / "dagsorden.pdf")
    whole = runner.invoke(app, ["parse", str(pdf), "--json"])
    bar = io.StringIO()
    monkeypatch.setattr(common, "err_console", Console(file=bar, force_terminal=True, width=80))
    monkeypatch.setattr(read, "PROGRESS_PAGES", dict.fromkeys(read.PROGRESS_PAGES, (2, 2)))
    chunked = runner.invoke(app, ["parse", str(pdf), "--json"])
    assert chunked.exit_code == whole.exit_code == 0
    shown = bar.getvalue()  # the bar was shown, counting pages
    assert "læser dagsorden.pdf" in shown and re.search(r"\d+/\d+", shown)
    assert json.loads(chunked.stdout) == json.loads(whole.stdout)


@pytest.mark.parametrize(
    ("english", "path", "danish_text"),
    [
        ("x.pdf: no such file", "x.pdf", "x.pdf: filen findes ikke"),
        ("no meeting with id 9 (see `kitar meetings`)", None, "intet møde med nr. 9 (se"),
        ("c.db: corpus database is busy: locked", "c.db", "c.db: korpusdatabasen er optaget"),
        ("something new", None, "something new"),  # unknown: unchanged
    ],
)
def test_library_messages_are_printed_in_danish(
    english: str, path: str | None, danish_text: str
) -> None:
    from kitar.cli.messages import danish

    assert danish(english, path).startswith(danish_text)


def test_help_paragraphs_do_not_break_mid_sentence() -> None:
    out = run("minutes", "--help", columns=200)[1]
    assert "et tomt Beslutning-afsnit til beslutningen" in out  # one line in the docstring's 2nd


def test_inline_fields_share_one_line_in_the_narrow_list() -> None:
    from kitar.cli.render import as_list

    cols = [Column("tekst", headline=True), Column("rolle", inline=True),
            Column("str.", inline=True), Column("fed", inline=True)]  # fmt: skip
    lines = as_list(cols, [["3. Høringssager:", "overskrift", "13.0", "F"]], 60)
    assert [line.plain for line in lines] == ["3. Høringssager:",
                                              "   rolle overskrift  str. 13.0  fed F"]  # fmt: skip
