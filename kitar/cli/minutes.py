"""CLI commands: minutes, followups, compare (thin: parse arguments, call the library, print)."""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Any

import typer
from rich.markup import escape
from rich.text import Text
from typer.core import TyperGroup

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
from kitar.cli.messages import danish
from kitar.cli.options import STATUS_DA, output_suffix, status_value
from kitar.cli.render import Column, print_records

MEETING_ARGUMENT = typer.Argument(
    ...,
    help="Et møde i korpusset (nr., `2016-08-29` eller `udvalg 2016-08-29`) eller en "
    "PDF-/DOCX-/TXT-fil.",
    metavar="MØDE",
)
OUTPUT_OPTION = typer.Option(None, "--output", "-o", metavar="FIL", help="Filen der skrives.")
TEMPLATE_OPTION = typer.Option(
    None, "--template", metavar="FIL",
    help="Sekretariatets .docx: typografier, sideopsætning, sidehoved og -fod.",
)  # fmt: skip
PUBLIC_OPTION = typer.Option(
    False,
    "--public",
    help="Som offentligheden ser det: intet lukket indhold, ingen fortrolige titler.",
)
FORCE_OPTION = typer.Option(False, "--force", help="Overskriv en eksisterende fil.")
FOLLOWUP_MEETING = typer.Argument(
    None,
    help="Et møde i korpusset (nr., `2016-08-29` eller `udvalg 2016-08-29`) eller en "
    "PDF-/DOCX-/TXT-fil; uden det alle møder.",
    metavar="MØDE",
)
FOLLOWUP_IDS = typer.Argument(
    ..., help="Opfølgningernes numre (`kitar followups` viser dem).", metavar="NR…"
)
OPEN_OPTION = typer.Option(False, "--open", help="Kun åbne opfølgninger.")
STATUS_OPTION = typer.Option(
    None, "--status", metavar="STATUS", help="Kun denne status: åben (open) eller udført (done)."
)
OWNER_OPTION = typer.Option(None, "--owner", metavar="TEKST", help="Kun denne organisation/person.")
FORMAT_OPTION = typer.Option(
    None, "--format", "-f", metavar="FORMAT",
    help="table, csv, json, md, xlsx eller docx (standard: efter -o's endelse, ellers table).",
)  # fmt: skip
CSV_PLAIN_OPTION = typer.Option(
    False, "--csv-plain", help="CSV efter RFC 4180 (komma, engelske nøgler) i stedet for Excel-CSV."
)
MINUTES_OPTION = typer.Option(
    None, "--minutes", metavar="MØDE",
    help="Referatet der sammenlignes med (standard: det tilknyttede i korpusset).",
)  # fmt: skip
OUTCOME_DA = {"approved": "godkendt", "amended": "ændret", "forwarded": "sendt videre",
              "postponed": "udsat", "not_approved": "ikke godkendt",
              "noted": "taget til efterretning", "other": "andet", "none": "–"}  # fmt: skip


@handle_errors
def minutes_cmd(
    meeting: str = MEETING_ARGUMENT,
    output: Path | None = OUTPUT_OPTION,
    template: Path | None = TEMPLATE_OPTION,
    public: bool = PUBLIC_OPTION,
    force: bool = FORCE_OPTION,
    db: Path | None = DB_OPTION,
    as_json: bool = json_option("hvad der blev skrevet (fil, punkter, offentlig)"),
) -> None:
    """Skriv et udkast til referat i Word ud fra et mødes dagsorden.

    Hvert punkt får overskrift, oplægsholdere, indstillinger, bilag, et tomt Beslutning-afsnit
    til beslutningen og en Opfølgning-tabel. Slutkode 12, hvis filen findes og --force mangler.
    """
    from kitar.minutes.draft import build_minutes
    from kitar.minutes.service import default_output, load_meeting

    if output is not None:
        output_suffix(output, (".docx",))
    with progress("skriver referatudkast", total=None):  # a file is parsed first
        loaded = load_meeting(meeting, db_path(db))
        out = output or default_output(loaded.meeting, public)
        path = build_minutes(
            loaded.meeting,
            out,
            template=template,
            public=public,
            force=force,
            meeting_id=loaded.meeting_id,
            next_meeting=loaded.next_meeting,
        )
    count = len(loaded.meeting.items)
    if as_json:
        typer.echo(json.dumps({"path": str(path), "items": count, "public": public}))
        return
    kind = "offentlig" if public else "intern"
    note(f"skrev {path} ({count} punkter, {kind})")


def _set_status(ids: list[int], status: str, db: Path | None) -> None:
    from kitar.store.followups import set_status

    for followup_id in dict.fromkeys(ids):  # each id once, in the order given
        row = set_status(db_path(db), followup_id, status)
        text = f"opfølgning {row.id} er nu {STATUS_DA[row.status]}: {escape(row.action)}"
        console.print(text, soft_wrap=True)


def _format(fmt: str | None, output: Path | None) -> str:
    """--format, else the output file's ending (`-o liste.xlsx`), else a table."""
    from kitar.minutes import export

    if fmt is None:
        by_suffix = {v: k for k, v in export.SUFFIXES.items()}
        fmt = by_suffix.get(output.suffix.casefold(), "") if output is not None else "table"
        if not fmt:
            assert output is not None
            raise typer.BadParameter(
                f"{output.name}: endelsen siger ikke hvilket format; brug "
                f"{', '.join(export.SUFFIXES.values())} eller --format",
                param_hint="--output",
            )
    if fmt not in export.FORMATS:
        raise typer.BadParameter(f"vælg en af {', '.join(export.FORMATS)}", param_hint="--format")
    if fmt in export.BINARY_FORMATS and output is None:
        raise typer.BadParameter(f"--format {fmt} kræver --output FIL", param_hint="--output")
    if output is not None:
        if fmt == "table":
            raise typer.BadParameter("en tabel skrives kun i terminalen", param_hint="--output")
        output_suffix(output, (export.SUFFIXES[fmt],))
    return fmt


class _ListByDefault(TyperGroup):
    """`kitar followups [MØDE] [tilvalg]` runs `list`; `done NR…` and `reopen NR…` (also
    `udført`, `genåbn`) are the other subcommands (a meeting reference is never one of their
    names)."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        if args and args[0] in ctx.help_option_names:
            return super().parse_args(ctx, args)
        first = self._first_positional(args)
        if first is not None and args[first] in self.commands:  # `--db x done 7` as before
            args = [args[first], *args[:first], *args[first + 1 :]]
        else:
            args = ["list", *args]
        return super().parse_args(ctx, args)

    def _first_positional(self, args: list[str]) -> int | None:
        """Index of the first argument that is neither an option nor an option's value."""
        valued = {
            opt
            for command in self.commands.values()
            for param in command.params
            if getattr(param, "param_type_name", "") == "option"
            and not getattr(param, "is_flag", False)
            for opt in param.opts
        }
        k = 0
        while k < len(args):
            if args[k] == "--":
                return k + 1 if k + 1 < len(args) else None
            if not args[k].startswith("-"):
                return k
            k += 2 if args[k] in valued else 1
        return None


followups_app = typer.Typer(
    cls=_ListByDefault,
    help="Opfølgningslisten (hvem gør hvad hvornår) og dens status i korpusset.\n\n"
    "`kitar followups [MØDE]` viser listen (kommandoen `list`); `kitar followups done 7 8 9` "
    "og `kitar followups reopen 7` sætter status.",
    add_completion=False,
    options_metavar="[TILVALG]",
    subcommand_metavar="[list|done|reopen] …",
    epilog=example(
        "KITAR_DB=corpus/demo/kitar.db kitar followups --open",
        "KITAR_DB=corpus/demo/kitar.db kitar followups -o opfølgning.xlsx",
        "KITAR_DB=corpus/demo/kitar.db kitar followups done 7 8 9",
    ),
)


@followups_app.command("list", options_metavar="[TILVALG]", epilog=example(
    "KITAR_DB=corpus/demo/kitar.db kitar followups list 4 -o opfølgning.csv"))  # fmt: skip
@handle_errors
def followups_cmd(
    meeting: str | None = FOLLOWUP_MEETING,
    open_only: bool = OPEN_OPTION,
    status: str | None = STATUS_OPTION,
    owner: str | None = OWNER_OPTION,
    fmt: str | None = FORMAT_OPTION,
    csv_plain: bool = CSV_PLAIN_OPTION,
    as_json: bool = json_option("listen (som --format json)"),
    output: Path | None = OUTPUT_OPTION,
    force: bool = FORCE_OPTION,
    public: bool = PUBLIC_OPTION,
    db: Path | None = DB_OPTION,
) -> None:
    """Opfølgningslisten: hvem gør hvad hvornår. Åbne med overskredet frist fremhæves, de
    fra lukkede punkter mærkes LUKKET (--public udelader dem).

    Uden MØDE alle møders; med det ét mødes (fra korpusset eller en fil; en dato med både
    dagsorden og referat betyder referatet). CSV er til dansk Excel (BOM, semikolon, ja/nej);
    `--csv-plain` giver RFC-CSV. Formatet følger -o's endelse.
    """
    from kitar.minutes import export
    from kitar.minutes.service import followups_for

    if as_json:
        if fmt not in (None, "json"):
            raise typer.BadParameter(f"--json og --format {fmt} udelukker hinanden")
        fmt = "json"
    fmt = _format(fmt, output)
    try:
        wanted = status_value(status) if status is not None else None
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--status") from None
    notes: list[str] = []
    with progress("finder opfølgninger", total=None):  # a file, or a corpus to refresh
        found = followups_for(db_path(db), meeting, open_only=open_only or wanted == "open",
                              owner=owner, public=public, notes=notes)  # fmt: skip
    for text in notes:
        note(f"bemærk: {danish(text)}")
    data = export.rows([f for f in found if wanted is None or f.status == wanted])
    if fmt == "xlsx" or fmt == "docx":
        assert output is not None
        writer = export.write_xlsx if fmt == "xlsx" else export.write_docx
        note(f"skrev {writer(data, output, force=force)} ({len(data)} rækker)")
        return
    if fmt == "table":
        _print_table(data)
        return
    if fmt == "csv":
        text = export.to_csv(data, excel=not csv_plain)
    else:
        text = {"json": export.to_json, "md": export.to_markdown}[fmt](data)
    if output is None:
        typer.echo(text, nl=not text.endswith("\n"))
        return
    export.write_text(text, output, force=force)
    note(f"skrev {output} ({len(data)} rækker)")


@handle_errors
def done_cmd(followup_ids: list[int] = FOLLOWUP_IDS, db: Path | None = DB_OPTION) -> None:
    """Markér opfølgninger som udført (numrene står i listens første kolonne)."""
    _set_status(followup_ids, "done", db)


@handle_errors
def reopen_cmd(followup_ids: list[int] = FOLLOWUP_IDS, db: Path | None = DB_OPTION) -> None:
    """Markér opfølgninger som åbne igen."""
    _set_status(followup_ids, "open", db)


for _name, _command, _hidden in (
    ("done", done_cmd, False),
    ("udført", done_cmd, True),
    ("reopen", reopen_cmd, False),
    ("genåbn", reopen_cmd, True),
):
    followups_app.command(_name, hidden=_hidden, options_metavar="[TILVALG]", epilog=example(
        f"KITAR_DB=corpus/demo/kitar.db kitar followups {_name} 7 8 9"))(_command)  # fmt: skip


def _print_table(data: list[dict]) -> None:
    from kitar.minutes.export import CLOSED_MARK

    if not data:
        console.print("ingen opfølgninger")
        return
    columns = [Column("Nr.", headline=True), Column("Frist", headline=True),
               Column("Status", headline=True), Column("Ansvarlig"), Column("Handling"),
               Column("Møde"), Column("Punkt")]  # fmt: skip
    rows: list[list[Any]] = []
    for row in data:
        due = Text(row["due"] + (" !" if row["overdue"] else ""),
                   style="bold red" if row["overdue"] else "")  # fmt: skip
        status = Text(STATUS_DA[row["status"]], style="green" if row["status"] == "done" else "")
        # – : a follow-up from a file, not stored
        rows.append(
            [
                str(row["id"]) if row["id"] else "–",
                due,
                status,
                row["owner"],
                row["action"],
                row["meeting"],
                Text(row["item"]) + (Text(f" {CLOSED_MARK}", style="bold magenta")
                                     if row["closed"] else Text()),
            ]
        )  # fmt: skip
    print_records(console, columns, rows)
    overdue = sum(1 for r in data if r["overdue"])
    closed = sum(1 for r in data if r["closed"])
    tail = f"; {closed} fra lukkede punkter ({CLOSED_MARK}: kun internt)" if closed else ""
    console.print(f"{len(data)} opfølgninger, {overdue} med overskredet frist (!); "
                  f"i dag er {date.today().isoformat()}{tail}")  # fmt: skip


@handle_errors
def compare_cmd(
    meeting: str = MEETING_ARGUMENT,
    minutes: str | None = MINUTES_OPTION,
    as_json: bool = json_option("punkterne (indstillinger, beslutninger, udfald)"),
    public: bool = PUBLIC_OPTION,
    db: Path | None = DB_OPTION,
) -> None:
    """Pr. punkt: dagsordenens indstillinger ved siden af referatets beslutninger.

    Afvigelser markeres: udsat, ændret (`Godkendt med den bemærkning …`), ikke godkendt.
    """
    from kitar.minutes.service import comparison

    with progress("sammenligner", total=None):  # files are parsed first
        _, found_minutes, rows = comparison(meeting, db_path(db), minutes, public=public)
    if as_json:
        typer.echo(json.dumps([asdict(r) | {"departs": r.departs} for r in rows],
                              ensure_ascii=False, indent=2))  # fmt: skip
        return
    if found_minutes is None and not any(r.decisions for r in rows):
        console.print("[yellow]intet referat fundet til mødet: beslutningerne er tomme[/]")
    columns = [Column("Punkt", headline=True), Column("Udfald", headline=True),
               Column("Indstilling"), Column("Beslutning")]  # fmt: skip
    table: list[list[Any]] = []
    for r in rows:
        outcome = OUTCOME_DA[r.outcome]
        table.append(
            [
                f"{r.key} {r.title}",
                Text(f"{outcome} ⚑", style="bold red") if r.departs else Text(outcome),
                "\n".join(f"• {x}" for x in r.recommendations),
                "\n".join(r.decisions),
            ]
        )
    print_records(console, columns, table)
    departing = sum(r.departs for r in rows)
    console.print(f"{len(rows)} punkter, {departing} afviger fra indstillingen")


EXAMPLES = {
    "minutes": example("KITAR_DB=corpus/demo/kitar.db kitar minutes 3 -o referat.docx"),
    "compare": example("KITAR_DB=corpus/demo/kitar.db kitar compare 3"),
}


def register(app: typer.Typer) -> None:
    """Add this module's commands to the app."""
    for name, command in (("minutes", minutes_cmd), ("compare", compare_cmd)):
        app.command(name, epilog=EXAMPLES[name], options_metavar="[TILVALG]")(command)
    app.add_typer(followups_app, name="followups")
