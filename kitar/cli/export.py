"""`kitar export --format oparl DIR`: the corpus for council portals."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from kitar.cli.common import DB_OPTION, db_path, handle_errors, json_option, note, progress
from kitar.cli.help import example

FORMATS = ("oparl",)


@handle_errors
def export_cmd(
    out: Path = typer.Argument(..., metavar="MAPPE", help="Mappen eksporten skrives i."),
    fmt: str = typer.Option(
        "oparl", "--format", metavar="FORMAT", help="Format: oparl (OParl 1.1 JSON)."
    ),
    base: str | None = typer.Option(
        None,
        "--base",
        metavar="URL",
        help="URL som objekternes id begynder med (standard: mappen som file:-URL).",
    ),
    public: bool = typer.Option(
        False, "--public", help="Udelad lukkede punkters indhold og fortrolige bilag."
    ),
    force: bool = typer.Option(False, "--force", help="Overskriv en tidligere eksport i MAPPE."),
    db: Path | None = DB_OPTION,
    as_json: bool = json_option(
        "hvad der blev skrevet (mappe, format, base-URL, filer, antal objekter pr. slags)"
    ),
) -> None:
    """Skriv korpusset som OParl 1.1-objekter: System, Body, Organization, Person, Meeting,
    AgendaItem, Paper (sager), Consultation og File, én JSON-fil pr. objekt."""
    if fmt not in FORMATS:
        raise typer.BadParameter(f"ukendt format {fmt!r}; brug {', '.join(FORMATS)}")
    from kitar.minutes.oparl import export_oparl

    with progress("eksporterer OParl", total=None):
        ex = export_oparl(db_path(db), out, base=base, public=public, force=force)
    counts = {kind: n for kind, n in sorted(ex.counts.items()) if kind != "list"}
    if as_json:
        summary = {"out": str(out), "format": fmt, "base": ex.base, "public": public,
                   "files": len(ex.objects), "counts": counts}  # fmt: skip
        typer.echo(json.dumps(summary, ensure_ascii=False, indent=2))
        return
    note(f"skrev OParl 1.1 i {out}: " + ", ".join(f"{n} {kind}" for kind, n in counts.items()))


def register(app: typer.Typer) -> None:
    epilog = example("KITAR_DB=corpus/demo/kitar.db kitar export --format oparl oparl/ --public")
    app.command("export", epilog=epilog, options_metavar="[TILVALG]")(export_cmd)
