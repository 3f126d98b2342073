"""CLI command `kitar search`: Danish dates and kinds in, hits wrapped to the terminal out."""

from __future__ import annotations

import json
import time
from dataclasses import asdict
from pathlib import Path
from typing import Any

import typer
from rich.text import Text

from kitar.cli.common import DB_OPTION, console, db_path, detail, handle_errors, json_option
from kitar.cli.help import example
from kitar.cli.options import KIND_DA, MEETING_KIND_DA, date_value, kind_value
from kitar.cli.render import print_wrapped

# Search hits: the snippet's continuation lines stay under its first character.
HIT_INDENT = 4

QUERY_HELP = (
    'Ord, "en frase", præfiks*, it-arkitektur; AND, OR, NOT og NEAR (eller OG, ELLER, IKKE, '
    "NÆR) med store bogstaver. Et ord, der begynder med -, ses som et tilvalg: skriv -- foran."
)


def _no_hits_hints(query: str, filters: dict[str, Any]) -> list[str]:
    """Why a search may have found nothing, in the words of the query and its filters."""
    hints = []
    lower = {w for w in query.split() if w in ("and", "or", "not", "near")}
    if lower:
        hints.append(f"{', '.join(sorted(lower))} med små bogstaver søges som ord; skriv AND, "
                     "OR, NOT eller NEAR med store for at bruge dem som operatorer")  # fmt: skip
    used = [f"--{k}" for k, v in filters.items() if v]
    if used:
        hints.append(f"filtrene {', '.join(used)} kan udelukke hits: prøv uden dem")
    if len(query.split()) > 1 and not any(op in query.split() for op in ("OR", "ELLER")):
        hints.append("alle ord skal stå i samme punkt; brug OR for at finde et af dem")
    return hints


def _hit_place(h: Any) -> str:
    """`Udvalg · 2016-08-29 · dagsorden · punkt 3 Titel · s. 4`, or the file for a
    document without a body and date."""
    item = f"punkt {h.item_number or '–'} {h.item_title or ''}".strip() if h.item_id else ""
    head = [h.body, h.date] if h.body or h.date else [Path(h.path or "?").name]
    # a linked annex file cites itself: `Bilag 2 til punkt 8, s. 3`
    cited = h.extra.get("citation") or (f"s. {h.page}" if h.page else "")
    parts = [*head, MEETING_KIND_DA.get(h.meeting_kind or "", h.meeting_kind or ""),
             item if "citation" not in h.extra else "", cited,
             "OCR" if h.ocr else ""]  # fmt: skip  # read from a scan: words may be misread
    return " · ".join(p for p in parts if p)


@handle_errors
def search_cmd(
    query: str = typer.Argument(..., help=QUERY_HELP, metavar="SØGNING"),
    since: str | None = typer.Option(
        None, "--since", metavar="DATO", help="Fra denne dato: 29.08.2016, 2016-08-29, august 2016."
    ),
    until: str | None = typer.Option(
        None, "--until", metavar="DATO", help="Til og med denne dato (august 2016: hele måneden)."
    ),
    body: str | None = typer.Option(
        None, "--body", metavar="TEKST", help="Udvalgets navn indeholder."
    ),
    presenter: str | None = typer.Option(
        None, "--presenter", metavar="TEKST", help="Oplægsholderens navn indeholder."
    ),
    org: str | None = typer.Option(
        None, "--org", metavar="TEKST", help="Oplægsholderens organisation indeholder."
    ),
    kind: str | None = typer.Option(
        None,
        "--kind",
        metavar="SLAGS",
        help="punkt, indstilling, beslutning, bilag eller side (også item, recommendation, "
        "decision, annex, page).",
    ),
    public: bool = typer.Option(
        False, "--public", help="Skjul lukkede punkter og fortrolige bilag."
    ),
    limit: int = typer.Option(
        20, "--limit", "-n", min=1, max=1000, metavar="ANTAL", help="Højst så mange hits."
    ),
    db: Path | None = DB_OPTION,
    as_json: bool = json_option("hits (snippet, highlights, møde, punkt, side)"),
) -> None:
    """Søg i korpusset (danske bøjninger og sammensatte ord), bedste hits først.

    En søgning der begynder med en bindestreg skrives efter `--`, som afslutter tilvalgene:
    `kitar search --kind punkt -- -2016`.
    """
    from kitar.errors import QueryError
    from kitar.store.search import parse_query, search, to_fts

    started = time.perf_counter()
    try:
        since_iso = date_value(since, option="--since")
        until_iso = date_value(until, end=True, option="--until")
        kind_en = kind_value(kind)
    except ValueError as exc:
        raise QueryError(str(exc)) from None
    hits = search(
        db_path(db),
        query,
        since=since_iso,
        until=until_iso,
        body=body,
        presenter=presenter,
        org=org,
        kind=kind_en,
        public=public,
        limit=limit,
    )
    detail(f"FTS5: {to_fts(parse_query(query))}")
    detail(f"{len(hits)} hits på {time.perf_counter() - started:.2f} s")
    if as_json:
        typer.echo(json.dumps([asdict(h) for h in hits], ensure_ascii=False, indent=2))
        return
    if not hits:
        console.print("ingen hits")
        filters = {"since": since, "until": until, "body": body, "presenter": presenter,
                   "org": org, "kind": kind, "public": public}  # fmt: skip
        for hint in _no_hits_hints(query, filters):
            print_wrapped(console, Text(hint, style="dim"), 5, Text("tip: ", style="dim"))
        return
    for n, h in enumerate(hits, 1):
        kinds = KIND_DA.get(h.kind, h.kind) + "".join(f" +{KIND_DA.get(k, k)}" for k in h.also)
        head = Text(f"{n}. [{kinds}] ", style="bold")
        print_wrapped(console, Text(_hit_place(h), style="cyan"), HIT_INDENT, head)
        snip = Text(h.snippet)
        for a, b in h.highlights:
            snip.stylize("bold yellow", a, b)
        print_wrapped(console, snip, HIT_INDENT, Text(" " * HIT_INDENT))


EXAMPLE = example(
    "kitar search digitaliseringsstrategi --kind punkt --since 'august 2016'",
    "kitar search 'udbud AND digital'",
    "kitar search '\"taget til efterretning\"' --kind beslutning --public",
)


def register(app: typer.Typer) -> None:
    """Add `search`."""
    app.command("search", epilog=EXAMPLE, options_metavar="[TILVALG]")(search_cmd)
