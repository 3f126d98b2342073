"""CLI command: publish (thin: arguments → kitar.minutes.publish → print)."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

import typer
from rich.markup import escape

from kitar.cli.common import (
    DB_OPTION,
    console,
    db_path,
    handle_errors,
    json_option,
    note,
    progress,
)
from kitar.cli.help import example

# The kinds of personal data (kitar.minutes.personal.Kind) as the text output names them.
FINDING_DA = {"cpr": "CPR-nummer", "email": "e-mailadresse", "phone": "telefonnummer"}


@handle_errors
def publish_cmd(
    out: Path = typer.Argument(
        ..., metavar="UD", help="Den offentlige database der skrives, f.eks. offentlig.db."
    ),
    redact_personal: bool = typer.Option(
        False,
        "--redact-personal",
        help="Erstat de fundne personoplysninger i stedet for at stoppe.",
    ),
    force: bool = typer.Option(False, "--force", help="Overskriv en eksisterende UD."),
    db: Path | None = DB_OPTION,
    as_json: bool = json_option(
        "hvad der blev skrevet (fil, skrevet eller ej, møder, søgeenheder, lukkede punkter, "
        "fortrolige bilag, udeladte enheder, fundne personoplysninger)"
    ),
) -> None:
    """Skriv en renset kopi af korpusset, der kan vises med `datasette UD.db` som den er.

    Lukkede punkter beholder kun nummer og titel, fortrolige bilag `(fortroligt bilag)`.
    Personoplysninger i åbne punkter (CPR-numre, private e-mailadresser og telefonnumre)
    listes; slutkode 13 og intet skrevet, medmindre --redact-personal erstatter dem.
    """
    from kitar.errors import PersonalDataFound
    from kitar.minutes.publish import publish

    with progress("udgiver", total=None):
        report = publish(db_path(db), out, redact_personal=redact_personal, force=force)
    if as_json:  # the summary, then (if nothing was written) the error on stderr
        summary = asdict(report) | {"out": str(report.out)}
        typer.echo(json.dumps(summary, ensure_ascii=False, indent=2))
    for f in [] if as_json else report.findings:
        verb = "erstattet" if redact_personal else "fundet"
        kind = FINDING_DA.get(f.kind, f.kind)
        console.print(f"{verb} {kind}: {escape(f.value)} i {escape(f.where)}", highlight=False)
    if not report.written:
        raise PersonalDataFound(
            f"{len(report.findings)} pieces of personal data in open items; nothing written "
            "(use --redact-personal to replace them)",
            out,
        )
    if as_json:
        return
    note(
        f"skrev {report.out}: {report.meetings} møder, {report.units} søgeenheder; "
        f"{report.closed_items} lukkede punkter skåret ned til nummer og titel, "
        f"{report.confidential_annexes} fortrolige bilag, {report.dropped_units} interne "
        "enheder udeladt"
    )


def register(app: typer.Typer) -> None:
    epilog = example("KITAR_DB=corpus/demo/kitar.db kitar publish corpus/udkast/offentlig.db")
    app.command("publish", epilog=epilog, options_metavar="[TILVALG]")(publish_cmd)
