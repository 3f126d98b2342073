"""Shared CLI plumbing: consoles and the KitarError → one-line message + exit code wrapper."""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import typer
from rich.console import Console
from rich.markup import escape

from kitar.config import default_db
from kitar.errors import KitarError, OutputError, os_error_reason


class _Console(Console):
    def on_broken_pipe(self) -> None:
        """rich exits with code 1 here; kitar ends a broken pipe (`| head`) quietly with 0,
        through `handle_errors`, whichever way the output was printed."""
        self.quiet = True
        _silence_stdout()
        raise BrokenPipeError


console = _Console()
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


OCR_OPTION = typer.Option(
    False,
    "--ocr",
    help="Read PDF pages without a text layer by OCR (OCRmyPDF, Tesseract's Danish model; "
    "cached, so a file is OCR'd once).",
)
_ocr_status: list[Any] = []  # the spinner of the OCR running in this process, if any


def ocr_notice(event: Any, spinner: bool = False) -> None:
    """Progress of OCR work on stderr (a kitar.read.ocr.OcrEvent): a line when it starts
    (with `spinner`, a spinner while it runs) and one when it ends. Module level, so worker
    processes can report through it too."""
    name = escape(Path(event.path).name)
    pages = f"{event.pages} page{'s' if event.pages != 1 else ''}"
    while _ocr_status:
        _ocr_status.pop().stop()
    if event.stage == "cached":
        err_console.print(f"[cyan]OCR[/] {name}: {pages} from the cache", highlight=False)
    elif event.stage == "start":
        text = f"[cyan]OCR[/] {name}: {pages} (Tesseract, Danish)…"
        if spinner and err_console.is_terminal:
            status = err_console.status(text)
            status.start()
            _ocr_status.append(status)
        else:
            err_console.print(text, highlight=False)
    else:
        per_page = event.seconds / max(event.pages, 1)
        err_console.print(
            f"[cyan]OCR[/] {name}: {pages} in {event.seconds:.1f} s ({per_page:.1f} s/page)",
            highlight=False,
        )


def ocr_spinner(event: Any) -> None:
    """`ocr_notice` with a spinner: for commands that show no other live display."""
    ocr_notice(event, spinner=True)


def ocr_options(enabled: bool, spinner: bool = False) -> Any:
    """The kitar.read.ocr.OcrOptions for `--ocr` (None without it)."""
    if not enabled:
        return None
    from kitar.read.ocr import OcrOptions

    return OcrOptions(notify=ocr_spinner if spinner else ocr_notice)


class GuardedStdout:
    """sys.stdout for the CLI: a failed write (a full disk, a closed terminal) becomes an
    OutputError, printed as one line with exit code 15 by `handle_errors`; a broken pipe
    (`kitar search … | head`) stays a BrokenPipeError, which ends the command quietly."""

    def __init__(self, stream: Any) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        try:
            return int(self._stream.write(text))
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise _stdout_error(exc) from None

    def flush(self) -> None:
        try:
            self._stream.flush()
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise _stdout_error(exc) from None

    def __getattr__(self, name: str) -> Any:  # encoding, errors, isatty, fileno, buffer …
        return getattr(self._stream, name)


def _stdout_error(exc: OSError) -> OutputError:
    return OutputError(f"cannot write to standard output: {os_error_reason(exc)}")


def _silence_stdout() -> None:
    """Point standard output at /dev/null: what is still buffered cannot fail at exit."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.__stdout__.fileno() if sys.__stdout__ else 1)
        os.close(devnull)
    except (OSError, ValueError):
        pass


def finish_stdout(report: bool) -> int | None:
    """Flush standard output at the end of a command: None if that worked, else the exit
    code (0 for a broken pipe, quietly; 15 otherwise, with a one-line message if `report`:
    the command itself did not fail already)."""
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _silence_stdout()
        return 0
    except (OutputError, OSError) as exc:
        _silence_stdout()
        if report:
            reason = exc if isinstance(exc, OutputError) else _stdout_error(exc)
            fail(str(reason), OutputError.exit_code)
        return OutputError.exit_code
    return None
