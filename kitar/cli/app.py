"""The `kitar` command: registers the command modules and nothing else."""

from __future__ import annotations

import sys

import typer

from kitar import __version__
from kitar.cli import corpus, evaluate, help, minutes, parse, read
from kitar.cli.common import verbosity
from kitar.errors import exit_codes_help

help.install()

app = typer.Typer(
    name="kitar",
    help=(
        "kitar læser danske mødedokumenter (PDF, DOCX, TXT), finder dagsordenens punkter, "
        "gemmer dem i et søgbart SQLite-korpus og skriver udkast til referater i Word.\n\n"
        "Globale tilvalg står før kommandoen: [bold]kitar -q ingest …[/], "
        "[bold]kitar -v parse …[/].\n\n" + exit_codes_help()
    ),
    epilog=help.example("kitar search digitaliseringsstrategi --since 'august 2016'"),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"kitar {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Vis versionen og stop."
    ),
    quiet: bool = typer.Option(
        False, "--quiet", "-q", help="Stille: ingen advarsler, bekræftelser eller statuslinje."
    ),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Flere detaljer på stderr."),
) -> None:
    """kitar: mødedokumenter i terminalen."""
    verbosity.quiet, verbosity.verbose = quiet, verbose and not quiet


for module in (read, parse, evaluate, corpus, minutes):
    module.register(app)


def main() -> None:
    # `kitar search` is the command staff run all day: it takes a lean path that skips typer's
    # start-up (pydantic), with the same options, output and exit codes (tested).
    code = corpus.fast_search(sys.argv[1:])
    if code is not None:
        raise SystemExit(code)
    app()
