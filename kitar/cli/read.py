"""CLI commands: reflow and inspect (thin: parse arguments, call the library, print)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer
from rich.markup import escape

from kitar.cli.common import (
    OCR_OPTION,
    READER_OPTION,
    console,
    handle_errors,
    json_option,
    ocr_options,
    progress,
    progress_enabled,
    warn,
)
from kitar.cli.help import example
from kitar.cli.render import Column, print_records

if TYPE_CHECKING:
    from kitar.model import Document, Page
    from kitar.read.ocr import OcrOptions

ROLE_STYLES = {
    "header": "dim cyan",
    "footer": "dim cyan",
    "sidebar": "magenta",
    "heading": "bold",
    "bullet": "green",
    "body": "",
}
ROLE_DA = {"header": "sidehoved", "footer": "sidefod", "sidebar": "sidebjælke",
           "heading": "overskrift", "bullet": "punkt", "body": "brødtekst"}  # fmt: skip
# Per reader: a PDF at least this many pages long is read in chunks of that many pages under
# a progress bar. pdfplumber takes ~0.15 s a page, so from ~16 pages on reading runs past 2 s;
# PDFium ~3 ms, so from ~500. A chunk opens the file again: 4-page chunks cost PDFium 38 %
# more on the KL report, 100-page ones nothing measurable.
PROGRESS_PAGES = {"pdfplumber": (16, 4), "pdfium": (500, 100)}


def read_pages_with_progress(
    path: str, ocr: OcrOptions | None = None
) -> tuple[list[Page], list[str]] | None:
    """A long PDF's pages read chunk by chunk under a progress bar on stderr (the same pages
    that reading it whole gives: `ingest -j` reads this way); None when no bar is shown
    (piped, -q) or the file is short or not a PDF: then read it whole."""
    if path == "-" or not progress_enabled():
        return None
    from kitar.config import pdf_reader
    from kitar.ingest.pipeline import pdf_chunks, read_pdf_chunk

    min_pages, size = PROGRESS_PAGES[pdf_reader()]
    chunks = pdf_chunks(path, min_pages=min_pages, size=size)
    if chunks is None:
        return None
    total = chunks[-1][-1]
    pages: list[Page] = []
    notes: list[str] = []
    with progress(f"læser {Path(path).name}", total=total) as bar:
        for chunk in chunks:
            bar.update(chunk[0] - 1, text=f"læser side {chunk[0]}-{chunk[-1]} af {total}")
            read, found = read_pdf_chunk(path, chunk, ocr)
            pages.extend(read)
            notes.extend(found)
    return pages, notes


def _reflowed(file: str, ocr: OcrOptions | None = None) -> Document:
    chunked = read_pages_with_progress(file, ocr)
    if chunked is None:
        from kitar.ingest.pipeline import read_and_reflow

        return read_and_reflow(file, ocr=ocr)
    from kitar.read.guards import release_freed_memory
    from kitar.read.pdf import document_from_pages, file_sha256
    from kitar.text.reflow import reflow_document

    pages, notes = chunked
    del chunked  # the pages go once their blocks are made (reflow needs the memory)
    doc = document_from_pages(file, file_sha256(file), pages, sorted(set(notes)))
    del pages
    release_freed_memory()
    return reflow_document(doc)


def reflow(
    file: str = typer.Argument(
        ..., metavar="FIL", help="En PDF-, DOCX- eller TXT-fil, eller - for at læse fra stdin."
    ),
    as_json: bool = json_option("blokkene (slags, tekst, side) og advarslerne"),
    ocr: bool = OCR_OPTION,
    reader: str | None = READER_OPTION,
) -> None:
    """Skriv et dokuments brødtekst, ombrudt.

    Sidehoveder, sidefødder og brevpapirets sidebjælke fjernes, orddelinger ved linjeskift samles, punkttegn vises som `- `, et afsnit pr. linje med en tom linje imellem. Advarsler skrives på stderr.
    """  # noqa: E501
    from kitar.text.reflow import render_body

    doc = _reflowed(file, ocr_options(ocr, spinner=True))
    if as_json:
        blocks = [{"kind": b.kind, "text": b.text, "page": b.page, "level": b.level}
                  for b in doc.blocks]  # fmt: skip
        data = {"path": doc.path, "format": doc.format, "pages": doc.pages,
                "warnings": doc.warnings, "blocks": blocks}  # fmt: skip
        typer.echo(json.dumps(data, ensure_ascii=False, indent=1))
        return
    for message in doc.warnings:
        warn(message)
    typer.echo(render_body(doc))


def _line_dict(line: Any) -> dict[str, Any]:
    return {"text": line.text, "font": line.fontname.split("+", 1)[-1],
            "size": round(line.size, 2), "bold": line.bold, "x0": round(line.x0, 1),
            "top": round(line.top, 1), "role": line.role}  # fmt: skip


def inspect(
    file: str = typer.Argument(..., metavar="FIL", help="En PDF-fil, eller - for stdin."),
    page: int | None = typer.Option(
        None,
        "--page",
        "-p",
        min=1,
        metavar="SIDE",
        help="Kun denne side (fra 1); standard: alle sider.",
    ),
    as_json: bool = json_option("siderne og deres linjer (tekst, skrift, position, rolle)"),
) -> None:
    """Vis en PDF-sides linjer, som kitar ser dem.

    For hver linje: tekst, skrift, størrelse, fed, position (x0, top) og den rolle den fik (sidehoved, sidefod, sidebjælke, overskrift, brødtekst, punkt). Brug den, når et nyt layout læses forkert: et sidehoved i brødteksten, en sidebjælke blandet ind i teksten, en overskrift der ikke findes.
    """  # noqa: E501
    from kitar.errors import UnsupportedFormat
    from kitar.read.load import validate
    from kitar.read.pdf import inspect_pdf

    path, data, kind = validate(file)
    if kind != "pdf":
        raise UnsupportedFormat(f"inspect viser PDF-layout; denne fil er {kind.upper()}", path)
    with progress(f"læser {path.name}", total=None):
        analysis = inspect_pdf(path, page, data=data)
    if page is not None and not analysis.pages:
        raise typer.BadParameter(
            f"{path} har {analysis.page_count} side(r), ikke {page}", param_hint="--page"
        )
    if as_json:
        pages = [{"number": p.number, "width": p.width, "height": p.height,
                  "chars": p.char_count, "images": p.image_count,
                  "lines": [_line_dict(ln) for ln in sorted(p.lines, key=_reading_order)]}
                 for p in analysis.pages]  # fmt: skip
        out = {"path": str(path), "page_count": analysis.page_count,
               "metadata": analysis.metadata, "pages": pages}  # fmt: skip
        typer.echo(json.dumps(out, ensure_ascii=False, indent=1))
        return
    # narrow: the text as headline, the rest on one line under it
    columns = [Column("tekst", headline=True), Column("rolle", inline=True),
               Column("skrift", inline=True), Column("str.", justify="right", inline=True),
               Column("fed", justify="center", inline=True),
               Column("x0", justify="right", inline=True),
               Column("top", justify="right", inline=True)]  # fmt: skip
    for p in analysis.pages:
        rows = []
        for line in sorted(p.lines, key=_reading_order):
            d = _line_dict(line)
            rows.append(
                [
                    d["text"],
                    ROLE_DA.get(line.role, line.role),
                    d["font"],
                    f"{line.size:.1f}",
                    "F" if line.bold else "",
                    f"{line.x0:.1f}",
                    f"{line.top:.1f}",
                ]
            )
        title = (f"{path} — side {p.number} af {analysis.page_count} "
                 f"({p.width:.0f}x{p.height:.0f} pt, {p.char_count} tegn, "
                 f"{p.image_count} billeder)")  # fmt: skip
        print_records(console, columns, rows, title=title)
    if analysis.metadata:
        fields = ", ".join(f"{k}={v}" for k, v in sorted(analysis.metadata.items()))
        console.print(f"metadata: {escape(fields)}", highlight=False)


def _reading_order(line: Any) -> tuple[float, float]:
    return (round(line.top), line.x0)


EXAMPLES = {
    "reflow": example("kitar reflow corpus/demo/agenda-01.pdf | less"),
    "inspect": example("kitar inspect corpus/demo/agenda-01.pdf --page 3"),
}


def register(app: typer.Typer) -> None:
    """Add this module's commands to the app."""
    for name, command in (("reflow", reflow), ("inspect", inspect)):
        app.command(name, epilog=EXAMPLES[name], options_metavar="[TILVALG]")(
            handle_errors(command)
        )
