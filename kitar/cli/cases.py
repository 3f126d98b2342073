"""`kitar case`: a case's history across meetings; a title finds cases."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

import typer
from rich.markup import escape
from rich.text import Text

from kitar.cli.common import DB_OPTION, console, db_path, handle_errors, json_option
from kitar.cli.help import example
from kitar.cli.render import Column, print_records, print_wrapped

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
        print_wrapped(console, Text(f"  punkt {t.number or '–'} {t.title}  [{t.citation}]"), 4)
        if t.closed and public:
            console.print(Text(f"  {CLOSED_NOTE}", style="italic"))
            continue
        for r in t.recommendations:
            print_wrapped(console, Text(f"  Indstilling: {r}", style="green"), 4)
        if t.decision:
            print_wrapped(console, Text(f"  Beslutning: {t.decision}"), 4)


@handle_errors
def case_cmd(
    query: str = typer.Argument(
        ...,
        metavar="SAG",
        help="Et sagsnummer (12/27845, 'Sagsnr. 330-2018-3619') eller ord fra en titel.",
    ),
    organisation: str | None = typer.Option(
        None, "--organisation", metavar="TEKST", help="Kun denne kommunes/organisations sager."
    ),
    public: bool = typer.Option(False, "--public", help="Udelad lukkede punkters indhold."),
    as_json: bool = json_option("sagens forløb (eller de fundne sager)"),
    db: Path | None = DB_OPTION,
) -> None:
    """En sags forløb: hvert møde, hvor den var på, i datoorden.

    Med udvalg, punktets titel, indstilling, beslutning og side. Et argument formet som et
    sagsnummer er et; alt andet finder sager på titlen. Slutkode 1, når intet passer."""
    from kitar.parse.cases import is_case_number
    from kitar.store.cases import case_history, find_cases, public_cases

    path = db_path(db)
    if is_case_number(query):
        cases = case_history(path, query, organisation, public)
        cases = public_cases(path, cases) if public else cases
        if not cases:
            console.print(f"ingen sag {escape(query)} i korpusset", style="yellow")
            raise typer.Exit(1)
    else:
        found = find_cases(path, query, organisation)
        if public:
            counts = {(c.organisation, c.key): n for c, n in found}
            found = [
                (c, counts[c.organisation, c.key])
                for c in public_cases(path, [c for c, _ in found])
            ]
        numbered = [c for c, _ in found if not c.key.startswith("titel:")]
        if not found:
            console.print(f"ingen sagstitel indeholder {escape(query)!s}", style="yellow")
            raise typer.Exit(1)
        if len(found) > 1 or not numbered:
            _print_found(found, as_json)
            return
        cases = case_history(path, found[0][0].key, found[0][0].organisation, public)
        cases = public_cases(path, cases) if public else cases
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
    columns = [Column("Sag", headline=True), Column("Organisation"), Column("Titel"),
               Column("Møder")]  # fmt: skip
    table: list[list[str]] = []
    for c, _n in found:
        number = "(uden sagsnr.)" if c.key.startswith("titel:") else ", ".join(c.numbers)
        dates = ", ".join(t.date or "?" for t in c.treatments)
        table.append([number, c.organisation or "", c.title, dates])
    print_records(console, columns, table)


def register(app: typer.Typer) -> None:
    epilog = example("kitar case 12/27845", "kitar case 'skolestruktur' --json")
    app.command("case", epilog=epilog, options_metavar="[TILVALG]")(case_cmd)


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
