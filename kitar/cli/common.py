"""Shared CLI plumbing: consoles and the KitarError → one-line message + exit code wrapper."""

from __future__ import annotations

import functools
from collections.abc import Callable
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
    None, "--db", help="Corpus database (default: $KITAR_DB or corpus/kitar.db)."
)


def db_path(db: Path | None) -> Path:
    """The --db given, else $KITAR_DB or corpus/kitar.db."""
    return db if db is not None else default_db()


def fail(message: str, code: int) -> typer.Exit:
    """Print a one-line error on stderr and return the Exit to raise."""
    err_console.print(f"[bold red]kitar:[/] {escape(message)}", soft_wrap=True, highlight=False)
    return typer.Exit(code)


def warn(message: str) -> None:
    err_console.print(f"[yellow]warning:[/] {escape(message)}", soft_wrap=True, highlight=False)


def handle_errors(func: F) -> F:
    """Turn domain errors into a message and exit code; never a traceback for bad input."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except KitarError as exc:
            raise fail(str(exc), exc.exit_code) from None
        except KeyboardInterrupt:
            raise fail("interrupted", 130) from None
        except BrokenPipeError:
            raise typer.Exit(0) from None

    return wrapper  # type: ignore[return-value]
