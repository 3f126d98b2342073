"""Danish help screens and one-line usage errors for typer.

typer 0.29 has no setting for either: its help shows Python types (`<bool>`, `<list[str]>`),
English panel titles, and usage errors as a 4-5 line box. This module sets typer's own text
constants and swaps two of its functions, once; the CLI tests of help screens and usage errors
fail if a typer upgrade stops that from working.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import importlib.util
import inspect
import re
import sys
from collections.abc import Callable, Sequence
from types import ModuleType
from typing import Any

from rich.markup import escape
from typer import core

# typer's help texts (rich_utils constants), in Danish.
_TEXTS = {
    "ARGUMENTS_PANEL_TITLE": "Argumenter",
    "OPTIONS_PANEL_TITLE": "Tilvalg",
    "COMMANDS_PANEL_TITLE": "Kommandoer",
    "ERRORS_PANEL_TITLE": "Fejl",
    "DEFAULT_STRING": "[standard: {}]",
    "REQUIRED_LONG_STRING": "[skal angives]",
    "ABORTED_TEXT": "Afbrudt.",
}
HELP_OPTION_TEXT = "Vis denne hjælp og stop."
USAGE_PREFIX = "Brug: "

# An option as click names it: `'--limit' / '-n'` or `--output` → group 1 is the long name.
_HINT = r"'?([^':/ ]+)'?(?: / '[^']+')?"
# click's usage messages → Danish; the groups carry the option, argument or value over.
_MESSAGES = [
    (r"Missing argument '(.+?)'\.?", r"mangler argumentet \1"),
    (r"Missing option '(.+?)'\.?", r"mangler tilvalget \1"),
    (r"No such option: (\S+)(?: \(Possible options: (.+)\))?",
     r"ukendt tilvalg \1"),
    (r"No such command '(.+?)'\.?", r"ukendt kommando \1"),
    (r"Got unexpected extra arguments? \((.+)\)", r"for mange argumenter: \1"),
    (r"Option '(.+?)' requires an argument\.?", r"tilvalget \1 skal have en værdi"),
    (r"Option '(.+?)' does not take a value\.?", r"tilvalget \1 tager ingen værdi"),
    (rf"Invalid value for {_HINT}: Input should be a valid (?:integer|number).*",
     r"\1 skal være et tal"),
    (rf"Invalid value for {_HINT}: Input should be greater than or equal to (\S+)",
     r"\1 skal være mindst \2"),
    (rf"Invalid value for {_HINT}: Input should be less than or equal to (\S+)",
     r"\1 må højst være \2"),
    (rf"Invalid value for {_HINT}: (.+)", r"\1: \2"),
    (r"Invalid value: (.+)", r"ugyldig værdi: \1"),
]  # fmt: skip


def danish_message(message: str) -> str:
    """click's English usage message in Danish (unknown ones pass through unchanged)."""
    message = " ".join(message.split())
    for pattern, replacement in _MESSAGES:
        new, n = re.subn(rf"^{pattern}$", replacement, message)
        if n:
            return new
    return message


def one_line_error(exc: Any) -> None:
    """A usage error as one line on stderr: `kitar search: mangler argumentet QUERY (…)`."""
    if exc.__class__.__name__ == "NoArgsIsHelpError":  # help was printed; nothing to add
        return
    from kitar.cli.common import err_console

    ctx = getattr(exc, "ctx", None)
    where = ctx.command_path if ctx is not None else "kitar"
    hint = f" (se {where} --help)" if ctx is not None else ""
    text = f"[bold red]{escape(where)}:[/] {escape(danish_message(exc.format_message()))}{hint}"
    err_console.print(text, soft_wrap=True, highlight=False)


_TYPE_WORDS = {"int": "TAL", "float": "TAL", "path": "STI", "str": "TEKST"}


def _plain_type(param: Any, ctx: Any) -> str | None:
    """A metavar in words (`TEKST`, `TAL`, `STI`) instead of a Python type; none for flags."""
    if isinstance(param, core.TyperArgument):
        return None  # its name is already the metavar (`FIL`, `MØDE`)
    if param.metavar is not None:
        return str(param.metavar) or None
    if getattr(param, "is_flag", False) or getattr(param, "is_bool_flag", False):
        return None
    label = core.TyperOption.display_type(param, ctx) or ""
    inner = label.strip("<>").replace(" range", "")
    inner = re.sub(r"^list\[(.+)\]$", r"\1", inner)
    word = _TYPE_WORDS.get(inner, inner.upper() if "|" in inner else "TEKST")
    return word + ("…" if param.nargs != 1 else "")


def _danish_help_option(original: Any) -> Any:
    def get_help_option(self: Any, ctx: Any) -> Any:
        opt = original(self, ctx)
        if opt is not None:
            opt.help = HELP_OPTION_TEXT
        return opt

    return get_help_option


def _danish_usage(original: Any) -> Any:
    def write_usage(self: Any, prog: str, args: str = "", prefix: str | None = None) -> None:
        original(self, prog, args, USAGE_PREFIX if prefix is None else prefix)

    return write_usage


def _joined_paragraphs(original: Any) -> Any:
    """typer joins the lines of a help text's first paragraph only; the later ones kept their
    source line breaks, so sentences broke mid-line. Join every paragraph's lines."""

    def get_help_text(*, obj: Any, markup_mode: Any) -> Any:
        text = inspect.cleandoc(obj.help or "")
        paragraphs = [
            p if p.startswith("\b") else " ".join(p.split("\n")) for p in text.split("\n\n")
        ]
        joined = "\n\n".join(paragraphs)
        if joined != obj.help:
            obj.help = joined
        return original(obj=obj, markup_mode=markup_mode)

    return get_help_text


_RICH_UTILS = "typer.rich_utils"


def _install_rich_utils(rich_utils: Any) -> None:
    """The parts that live in typer's rich help module: texts, errors, help paragraphs."""
    if getattr(rich_utils, "_kitar_installed", False):
        return
    for name, text in _TEXTS.items():
        setattr(rich_utils, name, text)
    rich_utils.rich_format_error = one_line_error
    rich_utils._get_help_text = _joined_paragraphs(rich_utils._get_help_text)
    rich_utils._kitar_installed = True


class _AfterImport(importlib.abc.MetaPathFinder):
    """Runs `patch` on a module as soon as it is first imported, then leaves sys.meta_path.

    typer imports its rich help module (and Markdown rendering with it: 4 MB and 30 ms)
    only to show help or an error, so a command that does neither need not import it."""

    def __init__(self, name: str, patch: Callable[[ModuleType], None]) -> None:
        self.name, self.patch = name, patch

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname != self.name:
            return None
        sys.meta_path.remove(self)
        spec = importlib.util.find_spec(fullname)
        if spec is not None and spec.loader is not None:
            spec.loader = _PatchingLoader(spec.loader, self.patch)
        return spec


class _PatchingLoader(importlib.abc.Loader):
    def __init__(self, loader: importlib.abc.Loader, patch: Callable[[ModuleType], None]):
        self.loader, self.patch = loader, patch

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType | None:
        return self.loader.create_module(spec)

    def exec_module(self, module: ModuleType) -> None:
        self.loader.exec_module(module)
        self.patch(module)


def install() -> None:
    """Apply the Danish help texts and the one-line errors (idempotent)."""
    if getattr(core, "_kitar_installed", False):
        return
    if _RICH_UTILS in sys.modules:
        _install_rich_utils(sys.modules[_RICH_UTILS])
    else:
        sys.meta_path.insert(0, _AfterImport(_RICH_UTILS, _install_rich_utils))
    core.TyperOption.display_type_rich = _plain_type  # type: ignore[method-assign,assignment]
    core.TyperArgument.display_type_rich = _plain_type  # type: ignore[method-assign,assignment]
    from typer._click import core as click_core
    from typer._click import formatting

    click_core.Command.get_help_option = _danish_help_option(  # type: ignore[method-assign]
        click_core.Command.get_help_option
    )
    formatting.HelpFormatter.write_usage = _danish_usage(  # type: ignore[method-assign]
        formatting.HelpFormatter.write_usage
    )
    core._kitar_installed = True  # type: ignore[attr-defined]


def example(*lines: str) -> str:
    """An `Eksempel:` epilog for a command's help (kept as typed lines)."""
    body = "\n\n".join(f"[bold]$[/] {escape(line)}" for line in lines)
    return f"[bold]Eksempel[/]\n\n{body}"
