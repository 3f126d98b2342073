"""Shared CLI plumbing: consoles, verbosity (-q/-v), progress bars on stderr, one-line errors."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import typer
from rich.console import Console
from rich.markup import escape

from kitar.config import default_db
from kitar.errors import KitarError

console = Console()
err_console = Console(stderr=True)

F = TypeVar("F", bound=Callable[..., Any])

DB_OPTION = typer.Option(
    None, "--db", metavar="FIL", help="Korpusdatabasen (standard: $KITAR_DB eller corpus/kitar.db)."
)


def json_option(what: str) -> Any:
    """A `--json` flag whose help says what the JSON holds (keys stay English: a contract)."""
    return typer.Option(False, "--json", help=f"Skriv {what} som JSON (engelske nøgler).")


@dataclass
class Verbosity:
    """Set once by the root callback: -q hides warnings, notes and progress; -v adds detail."""

    quiet: bool = False
    verbose: bool = False


verbosity = Verbosity()


def db_path(db: Path | None) -> Path:
    """The --db given, else $KITAR_DB or corpus/kitar.db."""
    return db if db is not None else default_db()


def fail(message: str, code: int) -> typer.Exit:
    """Print a one-line error on stderr and return the Exit to raise."""
    err_console.print(f"[bold red]kitar:[/] {escape(message)}", soft_wrap=True, highlight=False)
    return typer.Exit(code)


def warn(message: str) -> None:
    """A warning on stderr (hidden by -q)."""
    if not verbosity.quiet:
        err_console.print(
            f"[yellow]advarsel:[/] {escape(message)}", soft_wrap=True, highlight=False
        )


def note(message: str) -> None:
    """A confirmation such as `skrev referat.docx` on stderr (hidden by -q): stdout keeps data."""
    if not verbosity.quiet:
        err_console.print(escape(message), soft_wrap=True, highlight=False)


def detail(message: str) -> None:
    """Extra detail on stderr, shown only with -v."""
    if verbosity.verbose and not verbosity.quiet:
        err_console.print(f"[dim]{escape(message)}[/]", soft_wrap=True, highlight=False)


class Progress:
    """A progress bar on stderr; every method is a no-op when the bar is off."""

    def __init__(self, bar: Any, task: Any) -> None:
        self._bar, self._task = bar, task

    def update(self, completed: float, total: float | None = None, text: str = "") -> None:
        if self._bar is not None:
            fields: dict[str, Any] = {"completed": completed}
            if total is not None:
                fields["total"] = total
            if text:
                fields["description"] = escape(text)
            self._bar.update(self._task, **fields)


def progress_enabled() -> bool:
    """A bar only for a person watching: stderr is a terminal and -q was not given."""
    return not verbosity.quiet and err_console.is_terminal


@contextmanager
def progress(text: str, total: float | None = None) -> Iterator[Progress]:
    """A rich progress bar on stderr, gone when done; off when piped or with -q."""
    if not progress_enabled():
        yield Progress(None, None)
        return
    from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn

    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
               TimeElapsedColumn())  # fmt: skip
    from rich.progress import Progress as RichProgress

    with RichProgress(*columns, console=err_console, transient=True) as bar:
        yield Progress(bar, bar.add_task(escape(text), total=total))


def handle_errors(func: F) -> F:
    """Turn domain errors into a message and exit code; never a traceback for bad input."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except KitarError as exc:
            from kitar.cli.messages import danish

            raise fail(danish(str(exc), exc.path), exc.exit_code) from None
        except KeyboardInterrupt:
            raise fail("afbrudt", 130) from None
        except BrokenPipeError:
            raise typer.Exit(0) from None

    return wrapper  # type: ignore[return-value]
