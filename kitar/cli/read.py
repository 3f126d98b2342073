"""CLI commands: reflow and inspect (thin: parse arguments, call the library, print)."""

from __future__ import annotations

import typer
from rich.markup import escape
from rich.table import Table

from kitar.cli.common import OCR_OPTION, console, handle_errors, ocr_options, warn
from kitar.errors import UnsupportedFormat

ROLE_STYLES = {
    "header": "dim cyan",
    "footer": "dim cyan",
    "sidebar": "magenta",
    "heading": "bold",
    "bullet": "green",
    "body": "",
}


def reflow(
    file: str = typer.Argument(
        ..., help="A PDF, DOCX or TXT file, or - to read the document from stdin."
    ),
    ocr: bool = OCR_OPTION,
) -> None:
    """Print a document's body text, reflowed.

    Running headers, footers and the letterhead sidebar are removed, hyphenated line ends joined, bullets shown as `- `, one paragraph per line with a blank line between paragraphs. Warnings go to stderr.
    """  # noqa: E501
    from kitar.ingest.pipeline import read_and_reflow
    from kitar.text.reflow import render_body

    doc = read_and_reflow(file, ocr=ocr_options(ocr, spinner=True))
    for message in doc.warnings:
        warn(message)
    typer.echo(render_body(doc))


def inspect(
    file: str = typer.Argument(..., help="A PDF file, or - to read it from stdin."),
    page: int | None = typer.Option(
        None, "--page", "-p", min=1, help="Show only this page (1-based); default: every page."
    ),
) -> None:
    """Show a PDF page's lines as kitar sees them.

    For each line: text, font, size, bold, position (x0, top) and the role it was given (header, footer, sidebar, heading, body, bullet). Use it when a new layout reads wrongly: a running header kept in the body, a sidebar mixed into the text, a heading not found.
    """  # noqa: E501
    from kitar.read.load import validate
    from kitar.read.pdf import inspect_pdf

    path, data, kind = validate(file)
    if kind != "pdf":
        raise UnsupportedFormat(f"inspect shows PDF layout; this file is {kind.upper()}", path)
    analysis = inspect_pdf(path, page, data=data)
    if page is not None and not analysis.pages:
        raise typer.BadParameter(
            f"{path} has {analysis.page_count} page(s), not {page}", param_hint="--page"
        )
    for p in analysis.pages:
        table = Table(
            title=f"{escape(str(path))} — page {p.number} of {analysis.page_count}",
            caption=f"{p.width:.0f}x{p.height:.0f} pt, {p.char_count} chars, "
            f"{p.image_count} images",
        )
        for name, justify in (
            ("text", "left"),
            ("font", "left"),
            ("size", "right"),
            ("bold", "center"),
            ("x0", "right"),
            ("top", "right"),
            ("role", "left"),
        ):
            table.add_column(name, justify=justify, overflow="fold")  # type: ignore[arg-type]
        for line in sorted(p.lines, key=lambda ln: (round(ln.top), ln.x0)):
            table.add_row(
                escape(line.text),
                escape(line.fontname.split("+", 1)[-1]),
                f"{line.size:.1f}",
                "B" if line.bold else "",
                f"{line.x0:.1f}",
                f"{line.top:.1f}",
                line.role,
                style=ROLE_STYLES.get(line.role, ""),
            )
        console.print(table)
    if analysis.metadata:
        fields = ", ".join(f"{k}={v}" for k, v in sorted(analysis.metadata.items()))
        console.print(f"metadata: {escape(fields)}", highlight=False)


def register(app: typer.Typer) -> None:
    """Add this module's commands to the app."""
    app.command("reflow")(handle_errors(reflow))
    app.command("inspect")(handle_errors(inspect))
