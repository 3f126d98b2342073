"""The `kitar` command: registers the command modules and nothing else."""

from __future__ import annotations

import re
import sys
from collections.abc import Collection
from typing import Any

import typer
from typer.core import TyperGroup

from kitar import __version__
from kitar.cli import (
    cases,
    corpus,
    evaluate,
    export,
    help,
    minutes,
    parse,
    publish,
    read,
)
from kitar.cli.common import GuardedStdout, finish_stdout, verbosity
from kitar.errors import exit_codes_help

help.install()

# The global flags, also accepted after the command (`kitar ingest mappe/ -q`).
GLOBAL_FLAGS = ("-q", "--quiet", "-v", "--verbose")


class _Group(TyperGroup):
    """The root group: global flags given after the command are moved before it."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        return super().parse_args(ctx, hoist_global_flags(args, _value_options(self)))


def _value_options(command: Any) -> set[str]:
    """The option names that take a value, in every command under `command` (`--owner`)."""
    names = {o for p in command.params if not getattr(p, "is_flag", True) for o in p.opts}
    for sub in getattr(command, "commands", {}).values():
        names |= _value_options(sub)
    return names


def hoist_global_flags(args: list[str], value_options: Collection[str] = ()) -> list[str]:
    """`ingest x -q` → `-q ingest x`. What follows `--` is an argument, and what follows an
    option that takes a value is its value (`--owner -v`): both stay put."""
    end = args.index("--") if "--" in args else len(args)
    flags: list[str] = []
    rest: list[str] = []
    for i, arg in enumerate(args[:end]):
        is_value = i > 0 and args[i - 1] in value_options
        is_flag = arg in GLOBAL_FLAGS or re.fullmatch(r"-[qv]{2,}", arg)  # `-qv` too
        (flags if is_flag and not is_value else rest).append(arg)
    return flags + rest + args[end:]


app = typer.Typer(
    name="kitar",
    cls=_Group,
    help=(
        "kitar læser danske mødedokumenter (PDF, DOCX, TXT), finder dagsordenens punkter, "
        "gemmer dem i et søgbart SQLite-korpus og skriver udkast til referater i Word.\n\n"
        "Globale tilvalg står før eller efter kommandoen: [bold]kitar -q ingest …[/], "
        "[bold]kitar parse … -v[/]. `--` afslutter tilvalgene: det der følger er et argument, "
        "også når det begynder med en bindestreg (`kitar search -- -2016`).\n\n" + exit_codes_help()
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
