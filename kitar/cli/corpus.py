"""CLI commands: ingest, search, meetings, show, people, stats (thin: arguments → library → print).

The search path imports only kitar.store.search/queries (sqlite3, PyStemmer): no spaCy, no
pdfplumber, no sqlite_utils, so `kitar search` answers in well under half a second.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import asdict
from pathlib import Path
from typing import Any

import typer
from rich.markup import escape
from rich.text import Text

from kitar.budget import DEFAULT_TIMEOUT_S
from kitar.cli.common import (
    DB_OPTION,
    OCR_OPTION,
    READER_OPTION,
    console,
    db_path,
    detail,
    handle_errors,
    json_option,
    ocr_options,
    progress,
)
from kitar.cli.help import example
from kitar.cli.messages import danish
from kitar.cli.options import MEETING_KIND_DA
from kitar.cli.render import Column, print_records

STATUS_STYLE = {"new": "green", "updated": "cyan", "unchanged": "dim", "failed": "bold red"}
STATUS_DA: dict[Any, str] = {
    "new": "ny",
    "updated": "opdateret",
    "unchanged": "uændret",
    "failed": "fejlede",
}

PATHS_ARGUMENT = typer.Argument(
    ...,
    help="PDF-, DOCX- og TXT-filer, mapper (med undermapper) eller mønstre; - læser stier fra "
    "stdin, én pr. linje.",
    metavar="STI…",
)


def _short(path: str) -> str:
    """A path relative to the working directory when that is shorter."""
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return path
    return rel if len(rel) < len(path) else path


def _print_json(data: Any) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2))


def _stdin_paths() -> list[str]:
    """Paths from standard input, one a line (`find møder -name '*.pdf' | kitar ingest -`)."""
    import sys

    if sys.stdin is None or sys.stdin.isatty():
        raise typer.BadParameter(
            "- læser stier fra standard input: send dem ind med en pipe", param_hint="STI…"
        )
    paths = [line.rstrip("\r\n") for line in sys.stdin]
    paths = [p for p in paths if p.strip()]
    if not paths:
        raise typer.BadParameter("ingen stier på standard input", param_hint="STI…")
    return paths


@handle_errors
def ingest_cmd(
    paths: list[str] = PATHS_ARGUMENT,
    db: Path | None = DB_OPTION,
    jobs: int = typer.Option(
        1, "--jobs", "-j", min=1, max=64, metavar="ANTAL", help="Processer der læser og fortolker."
    ),
    force: bool = typer.Option(False, "--force", help="Fortolk filerne igen, også uændrede."),
    as_json: bool = json_option("rapporten (filer, status, punkter, advarsler)"),
    timeout: float = typer.Option(
        DEFAULT_TIMEOUT_S,
        "--timeout",
        min=0,
        metavar="SEKUNDER",
        help="Sekunder et dokument må tage at læse; 0: ingen grænse.",
    ),
    organisation: str | None = typer.Option(
        None,
        "--organisation",
        metavar="TEKST",
        help="Kommunen eller organisationen bag møderne (standard: hvad hvert dokuments "
        "sidehoved nævner, ellers KITAR_ORGANISATION).",
    ),
    export: Path | None = typer.Option(
        None,
        "--export",
        metavar="FIL",
        help="Sagssystemets eksport af mødet (eDocAgendaPublishing.xml): dens kobling af "
        "bilagsfiler til punkter går forud.",
    ),
    ocr: bool = OCR_OPTION,
    reader: str | None = READER_OPTION,
) -> None:
    """Læg dokumenter i korpusset; uændrede filer springes over, rettede erstatter deres.

    Slutkode 1, hvis en fil fejlede (årsagen står i tabellen).
    """
    from kitar.ingest.batch import ingest

    if "-" in paths:
        paths = [p for p in paths if p != "-"] + _stdin_paths()

    with progress("indlæser", total=None) as bar:

        def on_file(result: Any, done: int, total: int) -> None:
            bar.update(done, total, f"indlæser {Path(result.path).name[:40]}")

        started = time.perf_counter()
        report = ingest(
            paths,
            db_path(db),
            jobs=jobs,
            force=force,
            progress=on_file,
            timeout=timeout or None,
            organisation=organisation,
            export=export,
            ocr=ocr_options(ocr),
        )
    detail(f"{len(report.files)} filer på {time.perf_counter() - started:.1f} s")
    if as_json:
        _print_json(report.to_dict())
    else:
        columns = [Column("Fil", headline=True), Column("Status", headline=True),
                   Column("Punkter", justify="right"),
                   Column("Advarsler / årsag", max_width=60)]  # fmt: skip
        rows: list[list[Any]] = []
        for f in report.files:
            notes = [f.reason or ""] if f.status == "failed" else f.warnings
            reason = "; ".join(danish(n.replace(f.path + ": ", "")) for n in notes)
            rows.append([_short(f.path), Text(STATUS_DA[f.status],
                         style=STATUS_STYLE[f.status]), str(f.items), reason])  # fmt: skip
        print_records(console, columns, rows, title=f"kitar ingest → {report.db_path}")
        console.print(", ".join(f"{report.count(s)} {STATUS_DA[s]}" for s in STATUS_DA))
    if report.failed:
        raise typer.Exit(1)


@handle_errors
def meetings_cmd(
    body: str | None = typer.Option(
        None, "--body", metavar="TEKST", help="Udvalgets navn indeholder."
    ),
    db: Path | None = DB_OPTION,
    as_json: bool = json_option("møderne (id, dato, slags, udvalg, punkter, fil)"),
) -> None:
    """Møderne i korpusset, nyeste først."""
    from kitar.store.queries import list_meetings

    rows = list_meetings(db_path(db), body=body)
    if as_json:
        _print_json([asdict(r) for r in rows])
        return
    columns = [Column("Nr.", headline=True), Column("Dato", headline=True),
               Column("Slags", headline=True), Column("Udvalg"), Column("Punkter", justify="right"),
               Column("Hører til"), Column("Fil")]  # fmt: skip
    table = []
    for r in rows:
        linked = ", ".join(f"{MEETING_KIND_DA.get(k, k)} {v}" for k, v in r.linked.items())
        files = " + ".join(Path(p).name for p in [r.path or "", *r.also])
        kind = MEETING_KIND_DA.get(r.kind or "", r.kind or "") + (" (udkast)" if r.draft else "")
        table.append([str(r.id), r.date or "", kind, r.body or "", str(r.items), linked, files])
    print_records(console, columns, table)


def _item_panel(item: Any, public: bool) -> Any:
    from rich.panel import Panel

    body = Text()
    if item.closed and public:  # kitar.redact left the number and title only
        body.append("Lukket punkt", style="italic")
    else:
        for p in item.presenters:
            body.append(
                f"v. {', '.join(x for x in (p.name, p.role, p.organisation) if x)}\n", style="dim"
            )
        for s in item.sections:
            body.append(f"{s.heading}\n", style="bold")
            body.append(f"{s.text}\n")
        if item.recommendations:
            body.append("Indstilling\n", style="bold green")
            for r in item.recommendations:
                body.append(f" • {r}\n")
        for d in item.decisions:
            head = " ".join(x for x in ("Beslutning", d.body, d.date) if x)
            body.append(f"{head}\n", style="bold cyan")
            body.append(f"{d.text}\n")
        if item.annexes:
            body.append("Bilag\n", style="bold magenta")
            for a in item.annexes:
                mark = " – FORTROLIGT" if a.confidential and not public else ""
                body.append(f" {a.number or '-'}. {a.title}{mark}\n")
    for sub in item.subitems:
        body.append(f"\n{sub.number or '–'} {sub.title}\n", style="bold")
    body.rstrip()
    title = f"{item.number or '–'}. {item.title}" + ("  [LUKKET]" if item.closed else "")
    return Panel(body, title=escape(title), title_align="left")


def _annex_paths(items: list[dict], paths: dict[tuple[str | None, str], str]) -> None:
    """A linked annex carries its file's `path` in `kitar show --json`."""
    for item in items:
        for annex in item.get("annexes") or []:
            annex["path"] = paths.get((item.get("number"), annex.get("title") or ""))
        _annex_paths(item.get("subitems") or [], paths)


@handle_errors
def show_cmd(
    meeting: str = typer.Argument(
        ..., metavar="MØDE", help="Mødets nr., dato (2016-08-29) eller 'udvalg dato'."
    ),
    item: str | None = typer.Argument(None, metavar="PUNKT", help="Kun dette punkt."),
    public: bool = typer.Option(
        False,
        "--public",
        help="Som offentligheden ser det: intet lukket indhold, ingen fortrolige titler.",
    ),
    db: Path | None = DB_OPTION,
    as_json: bool = json_option("mødet i kitar.meeting/1-formatet (med id)"),
) -> None:
    """Vis et møde (eller et punkt): afsnit, indstillinger, beslutninger, bilag."""
    from kitar.errors import CorpusError
    from kitar.parse.serialize import item_to_dict, meeting_to_dict
    from kitar.redact import public_meeting
    from kitar.store.queries import get_meeting

    meeting_id, m = get_meeting(db_path(db), meeting)
    if public:
        m = public_meeting(m)
    items = m.items
    if item is not None:
        flat = [i for top in m.items for i in (top, *top.subitems)]
        items = [i for i in flat if (i.number or "").rstrip(".") == item.rstrip(".")]
        if not items:
            raise CorpusError(f"møde {meeting_id} har intet punkt {item!r}")
    from kitar.store.annexes import annex_files
    from kitar.store.cases import related_in_meeting

    related = related_in_meeting(db_path(db), meeting_id)
    if public:  # a closed item shows its number and title only, no links to other meetings
        related = {k: v for k, v in related.items() if not any(
            it.closed and (it.number, it.title) == k for it in m.items)}  # fmt: skip
    if as_json:
        data = meeting_to_dict(m)
        data["items"] = [
            {
                **item_to_dict(i),
                "related": [asdict(k) for k in related.get((i.number, i.title), [])],
            }
            for i in items
        ]
        _annex_paths(data["items"], annex_files(db_path(db), meeting_id))
        _print_json({"id": meeting_id, **data})
        return
    from kitar.cli.cases import print_links

    info = m.meeting
    kind = MEETING_KIND_DA.get(info.kind or "", info.kind)
    head = " · ".join(x for x in (info.body, info.date, info.time, info.location, kind) if x)
    console.print(Text(f"#{meeting_id} {head}", style="bold"))
    for it in items:
        console.print(_item_panel(it, public))
        print_links(related.get((it.number, it.title), []))


@handle_errors
def people_cmd(
    name: str | None = typer.Argument(None, metavar="NAVN", help="Navnet indeholder."),
    db: Path | None = DB_OPTION,
    as_json: bool = json_option("oplæggene (navn, organisation, rolle, dato, udvalg, punkt)"),
) -> None:
    """Hvem holdt oplæg om hvad, og hvornår."""
    from kitar.store.queries import people

    rows = people(db_path(db), name)
    if as_json:
        _print_json(rows)
        return
    columns = [Column("Navn", headline=True), Column("Organisation"), Column("Rolle"),
               Column("Dato"), Column("Udvalg"), Column("Punkt")]  # fmt: skip
    table = [
        [*(str(r[k] or "") for k in ("name", "organisation", "role", "date", "body")),
         f"{r['item_number'] or ''} {r['item_title'] or ''}".strip()]
        for r in rows
    ]  # fmt: skip
    if not table:
        console.print("ingen oplægsholdere")
        return
    print_records(console, columns, table)


STATS_DA = {
    "meetings": "møder", "items": "punkter", "documents": "dokumenter",
    "recommendations": "indstillinger", "decisions": "beslutninger", "annexes": "bilag",
    "presenters": "oplæg", "people": "personer", "organisations": "organisationer",
    "followups": "opfølgninger", "search_units": "søgeenheder", "pages": "sider",
    "superseded documents": "erstattede dokumenter",
    "documents without a meeting": "dokumenter uden møde", "meeting drafts": "referatudkast",
}  # fmt: skip


@handle_errors
def stats_cmd(
    db: Path | None = DB_OPTION,
    as_json: bool = json_option("antal rækker, datoer og størrelse"),
) -> None:
    """Antal rækker, datoer og størrelse på korpusset."""
    from kitar.store.queries import stats

    data = stats(db_path(db))
    if as_json:
        _print_json(data)
        return
    from rich.table import Table

    table = Table(title=escape(data["db"]), show_header=False)
    for key, value in data["counts"].items():
        table.add_row(STATS_DA.get(key, key), str(value))
    table.add_row("møder fra", str(data["first_date"] or "–"))
    table.add_row("møder til", str(data["last_date"] or "–"))
    table.add_row("størrelse", f"{data['bytes'] / 1e6:.1f} MB".replace(".", ","))
    console.print(table)


EXAMPLES = {
    "ingest": example("kitar ingest corpus/demo --db corpus/demo/kitar.db -j 2"),
    "meetings": example("KITAR_DB=corpus/demo/kitar.db kitar meetings --body udvalg"),
    "show": example("KITAR_DB=corpus/demo/kitar.db kitar show 3 4"),
    "people": example("KITAR_DB=corpus/demo/kitar.db kitar people"),
    "stats": example("KITAR_DB=corpus/demo/kitar.db kitar stats"),
}


def register(app: typer.Typer) -> None:
    """Add this module's commands to the app."""
    from kitar.cli import search

    app.command("ingest", epilog=EXAMPLES["ingest"], options_metavar="[TILVALG]")(ingest_cmd)
    search.register(app)  # listed right after ingest in `kitar --help`
    for name, command in (("meetings", meetings_cmd), ("show", show_cmd),
                          ("people", people_cmd), ("stats", stats_cmd)):  # fmt: skip
        app.command(name, epilog=EXAMPLES[name], options_metavar="[TILVALG]")(command)
