"""CLI commands: minutes, followups, compare (thin: parse arguments, call the library, print)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import typer
from rich.markup import escape
from typer.core import TyperGroup

from kitar.cli.common import DB_OPTION, console, db_path, err_console, handle_errors

MEETING_ARGUMENT = typer.Argument(
    ...,
    help="A corpus meeting (id, `2016-08-29` or `body 2016-08-29`) or a PDF/DOCX/TXT file.",
    metavar="MEETING",
)
OUTPUT_OPTION = typer.Option(None, "--output", "-o", help="The file to write.")
TEMPLATE_OPTION = typer.Option(
    None, "--template", help="The secretariat's .docx: styles, page setup, header, footer."
)
PUBLIC_OPTION = typer.Option(
    False, "--public", help="As the public sees it: no closed content, no confidential titles."
)
FORCE_OPTION = typer.Option(False, "--force", help="Overwrite an existing output file.")
FOLLOWUP_MEETING = typer.Argument(
    None,
    help="A corpus meeting (id, `2016-08-29` or `body 2016-08-29`) or a PDF/DOCX/TXT file; "
    "without it, every meeting.",
    metavar="[MEETING]",
)
FOLLOWUP_ID = typer.Argument(
    ..., help="The follow-up's id (`kitar followups` lists them).", metavar="ID"
)
OPEN_OPTION = typer.Option(False, "--open", help="Only open follow-ups.")
OWNER_OPTION = typer.Option(None, "--owner", help="Only this organisation or person.")
FORMAT_OPTION = typer.Option("table", "--format", "-f", help="table, csv, json, md, xlsx or docx.")
MINUTES_OPTION = typer.Option(
    None, "--minutes", help="The minutes to compare with (default: linked in the corpus)."
)
JSON_OPTION = typer.Option(False, "--json", help="Print JSON.")
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
) -> None:
    """Write a Danish minutes draft (referat) in Word for a meeting's agenda.

    Each item gets its heading, presenters, recommendations, annexes, an empty Beslutning
    paragraph to type the decision into, and an Opfølgning table. Exit code 12 if the output
    exists and --force is not given.
    """
    from kitar.minutes.draft import build_minutes
    from kitar.minutes.service import default_output, load_meeting

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
    kind = "public" if public else "internal"
    console.print(f"wrote {escape(str(path))} ({len(loaded.meeting.items)} items, {kind})")


class _ListByDefault(TyperGroup):
    """`kitar followups [MEETING] [options]` runs `list`; `done ID` and `reopen ID` are the
    other subcommands (a meeting reference is never one of their names)."""

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
    help="The follow-up list (who does what by when) and its statuses in the corpus.\n\n"
    "`kitar followups [MEETING]` lists (the `list` command); `kitar followups done ID` and "
    "`kitar followups reopen ID` set a status.",
    add_completion=False,
)


@followups_app.command("list")
@handle_errors
def followups_cmd(
    meeting: str | None = FOLLOWUP_MEETING,
    open_only: bool = OPEN_OPTION,
    owner: str | None = OWNER_OPTION,
    fmt: str = FORMAT_OPTION,
    output: Path | None = OUTPUT_OPTION,
    force: bool = FORCE_OPTION,
    public: bool = PUBLIC_OPTION,
    db: Path | None = DB_OPTION,
) -> None:
    """The follow-up list: who does what by when. Overdue open ones are highlighted, those
    from closed items marked LUKKET (--public leaves them out).

    Without MEETING every meeting's; with it one meeting's (from the corpus or a file; a date
    with an agenda and its minutes means the minutes).
    """
    from kitar.minutes import export
    from kitar.minutes.service import followups_for

    if fmt not in export.FORMATS:
        raise typer.BadParameter(
            f"choose one of {', '.join(export.FORMATS)}", param_hint="--format"
        )
    if fmt in export.BINARY_FORMATS and output is None:
        raise typer.BadParameter(f"--format {fmt} needs --output FILE", param_hint="--output")
    notes: list[str] = []
    data = export.rows(followups_for(db_path(db), meeting, open_only=open_only, owner=owner,
                                     public=public, notes=notes))  # fmt: skip
    for note in notes:
        err_console.print(f"[cyan]note:[/] {escape(note)}", soft_wrap=True, highlight=False)
    if fmt == "xlsx" or fmt == "docx":
        assert output is not None
        writer = export.write_xlsx if fmt == "xlsx" else export.write_docx
        console.print(f"wrote {escape(str(writer(data, output, force=force)))} ({len(data)} rows)")
        return
    if fmt == "table":
        _print_table(data)
        return
    text = {"csv": export.to_csv, "json": export.to_json, "md": export.to_markdown}[fmt](data)
    if output is None:
        typer.echo(text, nl=not text.endswith("\n"))
        return
    export.write_text(text, output, force=force)
    console.print(f"wrote {escape(str(output))} ({len(data)} rows)")


def _set_status(followup_id: int, status: str, db: Path | None) -> None:
    from kitar.store.followups import set_status

    row = set_status(db_path(db), followup_id, status)
    console.print(f"follow-up {row.id} is now {row.status}: {escape(row.action)}")


@followups_app.command("done")
@handle_errors
def done_cmd(followup_id: int = FOLLOWUP_ID, db: Path | None = DB_OPTION) -> None:
    """Mark a follow-up done (its id is in the list's first column)."""
    _set_status(followup_id, "done", db)


@followups_app.command("reopen")
@handle_errors
def reopen_cmd(followup_id: int = FOLLOWUP_ID, db: Path | None = DB_OPTION) -> None:
    """Mark a follow-up open again."""
    _set_status(followup_id, "open", db)


def _print_table(data: list[dict]) -> None:
    from kitar.minutes.export import CLOSED_MARK

    if not data:
        console.print("no follow-ups")
        return
    from rich.table import Table

    table = Table("Nr.", "Frist", "Ansvarlig", "Handling", "Møde", "Punkt", "Status")
    closed = 0
    for row in data:
        due = escape(row["due"])
        table.add_row(
            str(row["id"]) if row["id"] else "–",  # – : from a file, not stored
            f"[bold red]{due} ![/]" if row["overdue"] else due,
            escape(row["owner"]),
            escape(row["action"]),
            escape(row["meeting"]),
            escape(row["item"]) + (f" [bold magenta]{CLOSED_MARK}[/]" if row["closed"] else ""),
            "[green]done[/]" if row["status"] == "done" else "open",
        )
        closed += bool(row["closed"])
    console.print(table)
    tail = f"; {closed} from closed items ({CLOSED_MARK}: internal only)" if closed else ""
    console.print(f"{len(data)} follow-ups; today is {date.today().isoformat()}; ! = overdue{tail}")


@handle_errors
def compare_cmd(
    meeting: str = MEETING_ARGUMENT,
    minutes: str | None = MINUTES_OPTION,
    as_json: bool = JSON_OPTION,
    public: bool = PUBLIC_OPTION,
    db: Path | None = DB_OPTION,
) -> None:
    """Per item: the agenda's recommendations beside the minutes' decisions.

    Departures are flagged: postponed (udsat), amended (`Godkendt med den bemærkning …`),
    not approved.
    """
    from kitar.minutes.service import comparison

    _, found_minutes, rows = comparison(meeting, db_path(db), minutes, public=public)
    if as_json:
        import json
        from dataclasses import asdict

        typer.echo(json.dumps([asdict(r) | {"departs": r.departs} for r in rows],
                              ensure_ascii=False, indent=2))  # fmt: skip
        return
    if found_minutes is None and not any(r.decisions for r in rows):
        console.print("[yellow]no minutes found for this meeting: decisions are empty[/]")
    from rich.table import Table

    table = Table("Punkt", "Indstilling", "Beslutning", "Udfald")
    for r in rows:
        outcome = OUTCOME_DA[r.outcome]
        table.add_row(
            escape(f"{r.key} {r.title}"),
            escape("\n".join(f"• {x}" for x in r.recommendations)),
            escape("\n".join(r.decisions)),
            f"[bold red]{outcome} ⚑[/]" if r.departs else outcome,
        )
    console.print(table)
    departing = sum(r.departs for r in rows)
    console.print(f"{len(rows)} items, {departing} departing from the recommendation")


def register(app: typer.Typer) -> None:
    """Add this module's commands to the app."""
    app.command("minutes")(minutes_cmd)
    app.add_typer(followups_app, name="followups")
    app.command("compare")(compare_cmd)
