"""CLI command `kitar parse`: the meeting as a tree or as the kitar.meeting/1 JSON."""

from __future__ import annotations

import json
import time
from typing import TYPE_CHECKING, Any

import typer
from rich.markup import escape

from kitar.cli.common import (
    OCR_OPTION,
    READER_OPTION,
    console,
    detail,
    handle_errors,
    json_option,
    ocr_options,
    warn,
)
from kitar.cli.help import example
from kitar.cli.render import print_trimmed

if TYPE_CHECKING:  # `kitar search` imports this module too: keep its start-up light
    from rich.tree import Tree

    from kitar.model import Item, Meeting
    from kitar.read.ocr import OcrOptions


def _item_node(parent: Tree, item: Item) -> None:
    label = f"[bold]{escape(item.number or '•')}[/] {escape(item.title)}"
    if item.closed:
        label += " [red](lukket)[/]"
    if item.page:
        label += f" [dim]s. {item.page}[/]"
    node = parent.add(label)
    if item.case_id:
        node.add(f"[dim]Sagsnr.[/] {escape(item.case_id)}")
    for p in item.presenters:
        extra = ", ".join(x for x in (p.role, p.organisation) if x)
        node.add(f"[cyan]v.[/] {escape(p.name)}" + (f" [dim]({escape(extra)})[/]" if extra else ""))
    for rec in item.recommendations:
        node.add(f"[green]Indstilling[/] {escape(rec)}")
    for dec in item.decisions:
        when = f" {dec.date}" if dec.date else ""
        node.add(f"[magenta]Beslutning{when}[/] {escape(dec.text)}")
    for annex in item.annexes:
        mark = " [red]FORTROLIGT[/]" if annex.confidential else ""
        num = f" {annex.number}" if annex.number is not None else ""
        node.add(f"[yellow]Bilag{num}[/] {escape(annex.title)}{mark}")
    for sub in item.subitems:
        _item_node(node, sub)


def _tree(meeting: Meeting) -> Tree:
    m = meeting.meeting
    head = " · ".join(
        x
        for x in (
            m.kind and ("Referat" if m.kind == "minutes" else "Dagsorden"),
            m.body,
            m.date,
            m.time,
            m.location,
        )
        if x
    )
    from rich.tree import Tree

    tree = Tree(f"[bold]{escape(head or meeting.source.path)}[/]")
    for item in meeting.items:
        _item_node(tree, item)
    return tree


def _read_with_progress(path: str, ocr: OcrOptions | None = None) -> tuple[Any, Meeting] | None:
    """A long PDF read under a progress bar, then parsed; None: read it the usual way."""
    from kitar.cli.read import read_pages_with_progress

    chunked = read_pages_with_progress(path, ocr)
    if chunked is None:
        return None
    from kitar.ingest.pipeline import process_pdf_pages

    return process_pdf_pages(path, *chunked)


def _parse(path: str, timeout: float | None = None, ocr: bool = False) -> Meeting:
    from kitar.budget import time_budget
    from kitar.errors import NothingToExtract
    from kitar.ingest.pipeline import parse_file

    with time_budget(timeout, path):
        options = ocr_options(ocr, spinner=True)
        try:
            done = _read_with_progress(path, options)
        except NothingToExtract:
            done = None  # parse_file turns a blank document into an empty meeting
        return done[1] if done is not None else parse_file(path, ocr=options)


def parse_cmd(
    file: str = typer.Argument(
        ..., metavar="FIL", help="PDF-, DOCX- eller TXT-mødedokument ('-' for stdin)."
    ),
    as_json: bool = json_option("mødet i kitar.meeting/1-formatet"),
    timeout: float | None = typer.Option(
        None,
        "--timeout",
        min=0,
        metavar="SEKUNDER",
        help="Stop efter så mange sekunder (slutkode 14); 0: ingen grænse.",
    ),
    explain: bool = typer.Option(
        False,
        "--explain",
        help="Vis for hver mulig punktoverskrift beviserne for og imod, og hvorfor den blev "
        "taget eller ej.",
    ),
    ocr: bool = OCR_OPTION,
    reader: str | None = READER_OPTION,
) -> None:
    """Find mødet: punkter, underpunkter, oplægsholdere, indstillinger, beslutninger, bilag."""
    from kitar.parse.serialize import meeting_to_dict

    if explain:
        from kitar.ingest.pipeline import read_and_reflow
        from kitar.parse.explain import explain as explain_doc

        for line in explain_doc(read_and_reflow(file, ocr=ocr_options(ocr, spinner=True))):
            typer.echo(line)
        return
    started = time.perf_counter()
    meeting = _parse(file, timeout, ocr)
    detail(f"{len(meeting.items)} punkter på {time.perf_counter() - started:.1f} s")
    for w in meeting.warnings:
        warn(w)
    if as_json:
        typer.echo(json.dumps(meeting_to_dict(meeting), ensure_ascii=False, indent=1))
    else:
        print_trimmed(console, _tree(meeting))


EXAMPLES = {
    "parse": example("kitar parse corpus/demo/agenda-01.pdf", "kitar parse referat.docx --json"),
}


def register(app: typer.Typer) -> None:
    """Add `parse`."""
    app.command("parse", epilog=EXAMPLES["parse"], options_metavar="[TILVALG]")(
        handle_errors(parse_cmd)
    )
