"""CLI commands: ingest, search, meetings, show, people, stats (thin: arguments → library → print).

The search path imports only kitar.store.search/queries (sqlite3, PyStemmer): no spaCy, no
pdfplumber, no sqlite_utils, so `kitar search` answers in well under half a second.
"""

from __future__ import annotations

import json
import os
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
    console,
    db_path,
    err_console,
    handle_errors,
    ocr_options,
)

STATUS_STYLE = {"new": "green", "updated": "cyan", "unchanged": "dim", "failed": "bold red"}


PATHS_ARGUMENT = typer.Argument(
    ...,
    help="PDF/DOCX/TXT files, folders (recursive) or globs; - reads paths from stdin, one a line.",
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
            "- reads paths from standard input: pipe them in", param_hint="PATHS"
        )
    paths = [line.rstrip("\r\n") for line in sys.stdin]
    paths = [p for p in paths if p.strip()]
    if not paths:
        raise typer.BadParameter("no paths on standard input", param_hint="PATHS")
    return paths


@handle_errors
def ingest_cmd(
    paths: list[str] = PATHS_ARGUMENT,
    db: Path | None = DB_OPTION,
    jobs: int = typer.Option(1, "--jobs", "-j", min=1, max=64, help="Reader/parser processes."),
    force: bool = typer.Option(False, "--force", help="Re-parse files even if unchanged."),
    as_json: bool = typer.Option(False, "--json", help="Print the report as JSON."),
    timeout: float = typer.Option(
        DEFAULT_TIMEOUT_S,
        "--timeout",
        min=0,
        help="Seconds a document may take to read; 0: no limit.",
    ),
    organisation: str | None = typer.Option(
        None,
        "--organisation",
        help="The municipality or organisation of these meetings (default: what each "
        "document's header names, else KITAR_ORGANISATION).",
    ),
    ocr: bool = OCR_OPTION,
) -> None:
    """Add documents to the corpus; unchanged files are skipped, corrected ones replace theirs.

    Exit code 1 if any file failed (the reason is in the table).
    """
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from kitar.ingest.batch import ingest

    if "-" in paths:
        paths = [p for p in paths if p != "-"] + _stdin_paths()

    with Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        console=err_console if not as_json else None,  # with the OCR notices, off stdout
        transient=True,
        disable=as_json,
    ) as bar:
        task = bar.add_task("ingesting", total=None)

        def on_file(result: Any, done: int, total: int) -> None:
            bar.update(
                task,
                completed=done,
                total=total,
                description=f"ingesting {Path(result.path).name[:40]}",
            )

        report = ingest(
            paths,
            db_path(db),
            jobs=jobs,
            force=force,
            progress=on_file,
            timeout=timeout or None,
            organisation=organisation,
            ocr=ocr_options(ocr),
        )
    if as_json:
        _print_json(report.to_dict())
    else:
        from rich.table import Table

        table = Table(title=f"kitar ingest → {escape(str(report.db_path))}")
        table.add_column("file", overflow="fold")
        table.add_column("status")
        table.add_column("items", justify="right")
        table.add_column("warnings / reason", max_width=60)
        for f in report.files:
            note = f.reason if f.status == "failed" else "; ".join(f.warnings)
            note = (note or "").replace(f.path + ": ", "")
            table.add_row(
                escape(_short(f.path)),
                Text(f.status, style=STATUS_STYLE[f.status]),
                str(f.items),
                escape(note or ""),
            )
        console.print(table)
        console.print(
            ", ".join(f"{report.count(s)} {s}" for s in ("new", "updated", "unchanged", "failed"))
        )
    if report.failed:
        raise typer.Exit(1)


@handle_errors
def search_cmd(
    query: str = typer.Argument(..., help='Words, "a phrase", prefix*, it-arkitektur …'),
    since: str | None = typer.Option(None, "--since", help="From this date (2016-08-29)."),
    until: str | None = typer.Option(None, "--until", help="Up to this date."),
    body: str | None = typer.Option(None, "--body", help="Committee/body name contains."),
    presenter: str | None = typer.Option(None, "--presenter", help="Presenter name contains."),
    org: str | None = typer.Option(None, "--org", help="Presenter organisation contains."),
    kind: str | None = typer.Option(
        None, "--kind", help="item, recommendation, decision, annex or page."
    ),
    public: bool = typer.Option(
        False, "--public", help="Hide closed items and confidential annexes."
    ),
    limit: int = typer.Option(20, "--limit", "-n", min=1, max=1000, help="At most this many hits."),
    db: Path | None = DB_OPTION,
    as_json: bool = typer.Option(False, "--json", help="Print hits as JSON."),
) -> None:
    """Search the corpus (Danish stemming, compound parts), best hits first.

    A query that starts with a dash goes after `--`, which ends the options:
    `kitar search --kind item -- -2016`.
    """
    from kitar.store.search import search

    hits = search(
        db_path(db),
        query,
        since=since,
        until=until,
        body=body,
        presenter=presenter,
        org=org,
        kind=kind,
        public=public,
        limit=limit,
    )
    if as_json:
        _print_json([asdict(h) for h in hits])
        return
    if not hits:
        console.print("no hits")
        return
    for n, h in enumerate(hits, 1):
        item = f"punkt {h.item_number or '–'} {h.item_title or ''}".strip() if h.item_id else ""
        # A document without a meeting (an annex on its own) is named by its file.
        source = (
            (h.body or "?", h.date or "?")
            if h.body or h.date or not h.path
            else (Path(h.path).name,)
        )
        where = " · ".join(
            x
            for x in (
                *source,
                h.meeting_kind or "",
                item,
                f"s. {h.page}" if h.page else "",
                "OCR" if h.ocr else "",  # read from a scan: words may be misread
            )
            if x
        )
        kinds = h.kind + "".join(f" +{k}" for k in h.also)
        console.print(Text(f"{n}. [{kinds}] ", style="bold") + Text(where, style="cyan"))
        snip = Text(h.snippet)
        for a, b in h.highlights:
            snip.stylize("bold yellow", a, b)
        console.print(Text("   ") + snip)


@handle_errors
def meetings_cmd(
    body: str | None = typer.Option(None, "--body", help="Body name contains."),
    db: Path | None = DB_OPTION,
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """List the meetings in the corpus, newest first."""
    from kitar.store.queries import list_meetings

    rows = list_meetings(db_path(db), body=body)
    if as_json:
        _print_json([asdict(r) for r in rows])
        return
    from rich.table import Table

    table = Table()
    for col in ("id", "date", "kind", "body", "items", "linked", "file"):
        table.add_column(col)
    for r in rows:
        linked = ", ".join(f"{k} {v}" for k, v in r.linked.items())
        files = " + ".join(Path(p).name for p in [r.path or "", *r.also])
        table.add_row(
            str(r.id),
            r.date or "",
            (r.kind or "") + (" (udkast)" if r.draft else ""),
            escape(r.body or ""),
            str(r.items),
            linked,
            escape(files),
        )
    console.print(table)


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
    title = f"{item.number or '–'}. {item.title}" + ("  [LUKKET]" if item.closed else "")
    return Panel(body, title=escape(title), title_align="left")


@handle_errors
def show_cmd(
    meeting: str = typer.Argument(..., help="Meeting id, date (2016-08-29) or 'body date'."),
    item: str | None = typer.Argument(None, help="Only this item number."),
    public: bool = typer.Option(
        False, "--public", help="As the public sees it: no closed content, no confidential titles."
    ),
    db: Path | None = DB_OPTION,
    as_json: bool = typer.Option(False, "--json", help="The kitar.meeting/1 JSON."),
) -> None:
    """Show one meeting (or one item): sections, recommendations, decisions, annexes."""
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
            raise CorpusError(f"meeting {meeting_id} has no item {item!r}")
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
        _print_json({"id": meeting_id, **data})
        return
    from kitar.cli.cases import print_links

    info = m.meeting
    head = " · ".join(x for x in (info.body, info.date, info.time, info.location, info.kind) if x)
    console.print(Text(f"#{meeting_id} {head}", style="bold"))
    for it in items:
        console.print(_item_panel(it, public))
        print_links(related.get((it.number, it.title), []))


@handle_errors
def people_cmd(
    name: str | None = typer.Argument(None, help="Name contains."),
    db: Path | None = DB_OPTION,
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Who presented what, and when."""
    from kitar.store.queries import people

    rows = people(db_path(db), name)
    if as_json:
        _print_json(rows)
        return
    from rich.table import Table

    table = Table()
    for col in ("name", "organisation", "role", "date", "body", "item"):
        table.add_column(col)
    for r in rows:
        table.add_row(
            *(escape(str(r[k] or "")) for k in ("name", "organisation", "role", "date", "body")),
            escape(f"{r['item_number'] or ''} {r['item_title'] or ''}"),
        )
    console.print(table)


@handle_errors
def stats_cmd(db: Path | None = DB_OPTION, as_json: bool = typer.Option(False, "--json")) -> None:
    """Row counts, date range and size of the corpus."""
    from kitar.store.queries import stats

    data = stats(db_path(db))
    if as_json:
        _print_json(data)
        return
    from rich.table import Table

    table = Table(title=escape(data["db"]), show_header=False)
    for key, value in data["counts"].items():
        table.add_row(key, str(value))
    table.add_row("meetings from", str(data["first_date"] or "–"))
    table.add_row("meetings to", str(data["last_date"] or "–"))
    table.add_row("size", f"{data['bytes'] / 1e6:.1f} MB")
    console.print(table)


def register(app: typer.Typer) -> None:
    """Add this module's commands to the app."""
    app.command("ingest")(ingest_cmd)
    app.command("search")(search_cmd)
    app.command("meetings")(meetings_cmd)
    app.command("show")(show_cmd)
    app.command("people")(people_cmd)
    app.command("stats")(stats_cmd)
