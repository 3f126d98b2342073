"""`kitar export --format oparl DIR`: the corpus for council portals."""

from __future__ import annotations

from pathlib import Path

import typer

from kitar.cli.common import DB_OPTION, console, db_path, handle_errors

FORMATS = ("oparl",)


@handle_errors
def export_cmd(
    out: Path = typer.Argument(..., help="Folder to write the export into."),
    fmt: str = typer.Option("oparl", "--format", help="Export format: oparl (OParl 1.1 JSON)."),
    base: str | None = typer.Option(
        None, "--base", help="URL the object ids start with (default: the folder as file: URL)."
    ),
    public: bool = typer.Option(
        False, "--public", help="Leave out closed items' content and confidential annexes."
    ),
    force: bool = typer.Option(False, "--force", help="Overwrite an earlier export in DIR."),
    db: Path | None = DB_OPTION,
) -> None:
    """Write the corpus as OParl 1.1 objects: System, Body, Organization, Person, Meeting,
    AgendaItem, Paper (cases), Consultation and File, one JSON file per object."""
    if fmt not in FORMATS:
        raise typer.BadParameter(f"unknown format {fmt!r}; one of: {', '.join(FORMATS)}")
    from kitar.minutes.oparl import export_oparl

    ex = export_oparl(db_path(db), out, base=base, public=public, force=force)
    counts = ", ".join(f"{n} {kind}" for kind, n in sorted(ex.counts.items()) if kind != "list")
    console.print(f"wrote OParl 1.1 to {out}: {counts}")


def register(app: typer.Typer) -> None:
    app.command("export")(export_cmd)
