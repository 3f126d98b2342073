"""CLI commands: `kitar parse` (meeting tree or JSON) and `kitar eval` (accuracy scores)."""

from __future__ import annotations

import json
from pathlib import Path
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


def _parse(path: str, ocr: bool = False) -> Meeting:
    from kitar.errors import NothingToExtract
    from kitar.model import Meeting, MeetingInfo, SourceInfo
    from kitar.pipeline import process_file

    try:
        return process_file(path, ocr=ocr_options(ocr, spinner=True))[1]
    except NothingToExtract as exc:
        # A blank document is not an error for parsing: nothing to extract, exit 0.
        source = SourceInfo(path=str(path), sha256="", format="pdf", pages=0)
        return Meeting(source=source, meeting=MeetingInfo(), warnings=[str(exc)])


def parse_cmd(
    file: str = typer.Argument(..., help="PDF, DOCX or TXT meeting document ('-' for stdin)."),
    as_json: bool = typer.Option(False, "--json", help="Print the kitar.meeting/1 JSON."),
    ocr: bool = OCR_OPTION,
) -> None:
    """Extract the meeting: items, sub-items, presenters, recommendations, decisions, annexes."""
    from kitar.parse.serialize import meeting_to_dict

    meeting = _parse(file, ocr)
    for w in meeting.warnings:
        warn(w)
    if as_json:
        typer.echo(json.dumps(meeting_to_dict(meeting), ensure_ascii=False, indent=1))
    else:
        console.print(_tree(meeting))


def eval_cmd(
    file: str = typer.Argument(..., help="The document to parse."),
    expected: Path = typer.Argument(..., help="Expected extraction (JSON, kitar.meeting/1 shape)."),
    as_json: bool = typer.Option(False, "--json", help="Print scores as JSON."),
    show_diff: bool = typer.Option(True, "--diff/--no-diff", help="List what differs."),
) -> None:
    """Score the parser on a document against an expected extraction (precision, recall, F1)."""
    from kitar.errors import DocumentNotFound, UnsupportedFormat
    from kitar.parse.evaluate import evaluate

    if not expected.exists():
        raise DocumentNotFound("expected file not found", expected)
    try:
        wanted = json.loads(expected.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UnsupportedFormat(f"not a JSON file ({exc})", expected) from None
    ev = evaluate(_parse(file), wanted)
    if as_json:
        typer.echo(json.dumps(ev.as_dict(), ensure_ascii=False, indent=1))
        return
    from rich.table import Table

    table = Table(title=f"kitar eval {escape(file)}")
    for col in ("field", "expected", "found", "correct", "precision", "recall", "F1"):
        table.add_column(col, justify="right" if col != "field" else "left")
    for s in ev.scores:
        table.add_row(
            s.name,
            str(s.expected),
            str(s.found),
            str(s.correct),
            f"{s.precision:.3f}",
            f"{s.recall:.3f}",
            f"{s.f1:.3f}",
        )
    for key, ok in ev.meeting_fields.items():
        table.add_row(
            f"meeting.{key}", "1", "1", "1" if ok else "0", "", "", "1.000" if ok else "0.000"
        )
    console.print(table)
    if show_diff:
        for line in ev.differences:
            console.print(f"  [dim]{escape(line)}[/]")


def register(app: typer.Typer) -> None:
    """Add `parse` and `eval`."""
    app.command("parse")(handle_errors(parse_cmd))
    app.command("eval")(handle_errors(eval_cmd))
