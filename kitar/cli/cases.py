"""`kitar case`: a case's history across meetings; a title finds cases."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

import typer
from rich.markup import escape
from rich.text import Text

from kitar.cli.common import DB_OPTION, console, db_path, handle_errors

CLOSED_NOTE = "Lukket punkt"


def treatment_dict(t: Any) -> dict[str, Any]:
    data = asdict(t)
    data["citation"] = t.citation
    return data


def _print_case(case: Any, public: bool) -> None:
    org = case.organisation or "(organisation ukendt)"
    numbers = ", ".join(case.numbers) or case.key
    console.print(Text(f"Sag {numbers} · {org} · {case.title}", style="bold"))
    for t in case.treatments:
        kind = {"agenda": "dagsorden", "minutes": "referat"}.get(
            t.kind or "", "tidligere beslutning"
        )
        head = f"{t.date or '(uden dato)'}  {t.body or ''} ({kind})"
        console.print(Text(head, style="bold cyan"))
        console.print(Text(f"  punkt {t.number or '–'} {t.title}  [{t.citation}]"))
        if t.closed and public:
            console.print(Text(f"  {CLOSED_NOTE}", style="italic"))
            continue
        for r in t.recommendations:
            console.print(Text(f"  Indstilling: {r}", style="green"))
        if t.decision:
            console.print(Text(f"  Beslutning: {t.decision}"))


@handle_errors
def case_cmd(
    query: str = typer.Argument(
        ..., help="A case number (12/27845, 'Sagsnr. 330-2018-3619') or words of a title."
    ),
    organisation: str | None = typer.Option(
        None, "--organisation", help="Only this municipality or organisation's cases."
    ),
    public: bool = typer.Option(False, "--public", help="Leave out closed items' content."),
    as_json: bool = typer.Option(False, "--json", help="The history as JSON."),
    db: Path | None = DB_OPTION,
) -> None:
    """A case's history: every meeting where it appeared, in date order, with body, item
    title, recommendation, decision and page. An argument shaped like a case number is one;
    anything else finds cases by title. Exit code 1 when nothing matches."""
    from kitar.parse.cases import is_case_number
    from kitar.store.cases import case_history, find_cases

    path = db_path(db)
    if is_case_number(query):
        cases = case_history(path, query, organisation, public)
        if not cases:
            console.print(f"no case {escape(query)} in the corpus", style="yellow")
            raise typer.Exit(1)
    else:
        found = find_cases(path, query, organisation)
        numbered = [c for c, _ in found if not c.key.startswith("titel:")]
        if not found:
            console.print(f"no case title holds {escape(query)!s}", style="yellow")
            raise typer.Exit(1)
        if len(found) > 1 or not numbered:
            _print_found(found, as_json)
            return
        cases = case_history(path, found[0][0].key, found[0][0].organisation, public)
    if as_json:
        out = [
            {
                "organisation": c.organisation,
                "case": c.key,
                "numbers": c.numbers,
                "title": c.title,
                "treatments": [treatment_dict(t) for t in c.treatments],
            }
            for c in cases
        ]
        typer.echo(json.dumps(out, ensure_ascii=False, indent=2))
        return
    for case in cases:
        _print_case(case, public)


def _print_found(found: list, as_json: bool) -> None:
    if as_json:
        rows = [
            {
                "organisation": c.organisation,
                "case": None if c.key.startswith("titel:") else c.key,
                "numbers": c.numbers,
                "title": c.title,
                "items": n,
                "dates": [t.date for t in c.treatments],
                "meetings": [t.meeting_id for t in c.treatments],
            }
            for c, n in found
        ]
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    from rich.table import Table

    table = Table()
    for col in ("sag", "organisation", "titel", "møder"):
        table.add_column(col)
    for c, _n in found:
        number = "(uden sagsnr.)" if c.key.startswith("titel:") else ", ".join(c.numbers)
        dates = ", ".join(t.date or "?" for t in c.treatments)
        table.add_row(escape(number), escape(c.organisation or ""), escape(c.title), dates)
    console.print(table)


def register(app: typer.Typer) -> None:
    app.command("case")(case_cmd)


def print_links(links: list[Any]) -> None:
    """An item's earlier and later meetings under its panel in `kitar show`."""
    if not links:
        return
    console.print(Text("  Andre møder:", style="bold"))
    for k in links:
        kind = {"agenda": "dagsorden", "minutes": "referat"}.get(k.kind or "", "")
        sure = "" if k.confidence >= 1 else f"  (sikkerhed {k.confidence:.2f}: {k.reason})"
        console.print(
            Text(
                f"   {k.date or '?'} {k.body or ''} ({kind}) #{k.meeting_id} "
                f"punkt {k.number or '–'} {k.title}{sure}"
            )
        )
