"""CLI command: publish (thin: arguments → kitar.minutes.publish → print)."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.markup import escape

from kitar.cli.common import DB_OPTION, console, db_path, handle_errors


@handle_errors
def publish_cmd(
    out: Path = typer.Argument(..., help="The public database to write, e.g. offentlig.db."),
    redact_personal: bool = typer.Option(
        False, "--redact-personal", help="Replace the personal data found instead of stopping."
    ),
    force: bool = typer.Option(False, "--force", help="Overwrite an existing OUT."),
    db: Path | None = DB_OPTION,
) -> None:
    """Write a redacted copy of the corpus, safe to serve with `datasette OUT.db` as it is.

    Closed items keep number and title only, confidential annexes `(fortroligt bilag)`.
    Personal data in open items (CPR numbers, private e-mail addresses and phone numbers) is
    listed; exit code 13 and nothing written unless --redact-personal replaces it.
    """
    from kitar.errors import PersonalDataFound
    from kitar.minutes.publish import publish

    report = publish(db_path(db), out, redact_personal=redact_personal, force=force)
    for f in report.findings:
        verb = "replaced" if redact_personal else "found"
        console.print(f"{verb} {f.kind}: {escape(f.value)} in {escape(f.where)}", highlight=False)
    if not report.written:
        raise PersonalDataFound(
            f"{len(report.findings)} pieces of personal data in open items; nothing written "
            "(use --redact-personal to replace them)",
            out,
        )
    console.print(
        f"wrote {escape(str(report.out))}: {report.meetings} meetings, {report.units} search "
        f"units; {report.closed_items} closed items reduced to number and title, "
        f"{report.confidential_annexes} confidential annexes, {report.dropped_units} internal "
        "units left out"
    )


def register(app: typer.Typer) -> None:
    app.command("publish")(publish_cmd)
