"""The `kitar` command: registers the command modules and nothing else."""

from __future__ import annotations

import sys

import typer

from kitar import __version__
from kitar.cli import cases, corpus, evaluate, export, minutes, parse, publish, read
from kitar.cli.common import GuardedStdout, finish_stdout
from kitar.errors import exit_codes_help

app = typer.Typer(
    name="kitar",
    help=(
        "kitar reads Danish council meeting documents (PDF, DOCX, TXT), extracts agenda items, "
        "keeps them in a searchable SQLite corpus and drafts Word minutes.\n\n"
        "`--` ends the options: what follows is an argument even if it starts with a dash "
        "(`kitar search -- -2016`, `kitar parse -- -udkast.pdf`).\n\n" + exit_codes_help()
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,
    rich_markup_mode="rich",
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"kitar {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show the version and exit."
    ),
) -> None:
    """kitar: council meeting documents in the terminal."""


for module in (read, parse, evaluate, corpus, cases, export, minutes, publish):
    module.register(app)


def main() -> None:
    if sys.stdout is not None and not isinstance(sys.stdout, GuardedStdout):
        sys.stdout = GuardedStdout(sys.stdout)
    # Every command, `kitar search` included, goes through typer: a whole `kitar search`
    # process starts within the 0.5 s budget that way (docs/search.md has the numbers).
    code: int = 0
    try:
        app()
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    ended = finish_stdout(report=not code)
    raise SystemExit(code if ended is None or code else ended)
