"""CLI command `kitar parse`: the meeting as a tree or as the kitar.meeting/1 JSON."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import typer
from rich.markup import escape

from kitar.cli.common import OCR_OPTION, console, handle_errors, ocr_options, warn

if TYPE_CHECKING:  # `kitar search` imports this module too: keep its start-up light
    from rich.tree import Tree

    from kitar.model import Item, Meeting


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


def _parse(path: str, timeout: float | None = None, ocr: bool = False) -> Meeting:
    from kitar.budget import time_budget
    from kitar.ingest.pipeline import parse_file

    with time_budget(timeout, path):
        return parse_file(path, ocr=ocr_options(ocr, spinner=True))


def parse_cmd(
    file: str = typer.Argument(..., help="PDF, DOCX or TXT meeting document ('-' for stdin)."),
    as_json: bool = typer.Option(False, "--json", help="Print the kitar.meeting/1 JSON."),
    timeout: float | None = typer.Option(
        None, "--timeout", min=0, help="Stop after this many seconds (exit code 14); 0: no limit."
    ),
    explain: bool = typer.Option(
        False,
        "--explain",
        help="For every candidate item heading, print the evidence for and against it and why "
        "it was or was not taken.",
    ),
    ocr: bool = OCR_OPTION,
) -> None:
    """Extract the meeting: items, sub-items, presenters, recommendations, decisions, annexes."""
    from kitar.parse.serialize import meeting_to_dict

    if explain:
        from kitar.ingest.pipeline import read_and_reflow
        from kitar.parse.explain import explain as explain_doc

        for line in explain_doc(read_and_reflow(file, ocr=ocr_options(ocr, spinner=True))):
            typer.echo(line)
        return
    meeting = _parse(file, timeout, ocr)
    for w in meeting.warnings:
        warn(w)
    if as_json:
        typer.echo(json.dumps(meeting_to_dict(meeting), ensure_ascii=False, indent=1))
    else:
        console.print(_tree(meeting))


def register(app: typer.Typer) -> None:
    """Add `parse`."""
    app.command("parse")(handle_errors(parse_cmd))
