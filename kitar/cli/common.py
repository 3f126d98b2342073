"""Shared CLI plumbing: consoles, verbosity (-q/-v), progress bars on stderr, one-line errors."""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
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
    """Print a one-line error on stderr (in Danish when known) and return the Exit to raise."""
    from kitar.cli.messages import danish

    text = f"[bold red]kitar:[/] {escape(danish(message))}"
    err_console.print(text, soft_wrap=True, highlight=False)
    return typer.Exit(code)


def warn(message: str) -> None:
    """A warning on stderr, in Danish when known (hidden by -q)."""
    from kitar.cli.messages import danish

    if not verbosity.quiet:
        err_console.print(
            f"[yellow]advarsel:[/] {escape(danish(message))}", soft_wrap=True, highlight=False
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
            raise fail(str(exc), exc.exit_code) from None
        except KeyboardInterrupt:
            raise fail("afbrudt", 130) from None
        except BrokenPipeError:
            raise typer.Exit(0) from None

    return wrapper  # type: ignore[return-value]


OCR_OPTION = typer.Option(
    False,
    "--ocr",
    help="Læs PDF-sider uden tekstlag med OCR (OCRmyPDF, Tesseracts danske model; resultatet "
    "gemmes, så en fil kun læses med OCR én gang).",
)


def _choose_reader(value: str | None) -> str | None:
    """Set the PDF reader for this run (and the workers it starts) before any reading."""
    from kitar.config import PDF_READERS, set_pdf_reader

    if value is None:
        return None
    name = value.strip().lower()
    if name not in PDF_READERS:
        raise typer.BadParameter(f"{value!r}: vælg {' eller '.join(PDF_READERS)}")
    set_pdf_reader(name)
    return name


READER_OPTION = typer.Option(
    None,
    "--reader",
    metavar="LÆSER",
    callback=_choose_reader,
    help="Hvordan PDF-tegn læses: pdfium (hurtig) eller pdfplumber; standard: KITAR_READER, "
    "ellers pdfium.",
)
_ocr_status: list[Any] = []  # the spinner of the OCR running in this process, if any


def ocr_notice(event: Any, spinner: bool = False) -> None:
    """Progress of OCR work on stderr (a kitar.read.ocr.OcrEvent; hidden by -q): a line when
    it starts (with `spinner`, a spinner while it runs, unless a progress bar is showing) and
    one when it ends. Module level, so worker processes can report through it too."""
    from rich.errors import LiveError

    while _ocr_status:
        _ocr_status.pop().stop()
    if verbosity.quiet:
        return
    name = escape(Path(event.path).name)
    pages = f"{event.pages} side{'r' if event.pages != 1 else ''}"
    if event.stage == "cached":
        err_console.print(f"[cyan]OCR[/] {name}: {pages} fra cachen", highlight=False)
    elif event.stage == "start":
        text = f"[cyan]OCR[/] {name}: {pages} (Tesseract, dansk)…"
        if spinner and err_console.is_terminal:
            status = err_console.status(text)
            try:
                status.start()
                _ocr_status.append(status)
                return
            except LiveError:  # a progress bar is showing: a line above it instead
                pass
        err_console.print(text, highlight=False)
    else:
        per_page = event.seconds / max(event.pages, 1)
        err_console.print(
            f"[cyan]OCR[/] {name}: {pages} på {event.seconds:.1f} s ({per_page:.1f} s/side)",
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
    """Point standard output at /dev/null: what is still buffered cannot fail at exit.

    Only the process's own standard output: under a test runner's captured stream (CliRunner)
    the real file descriptor 1 belongs to the runner, which must still print its summary."""
    if getattr(sys.stdout, "_stream", sys.stdout) is not sys.__stdout__:
        return
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
