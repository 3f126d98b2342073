"""CLI commands: `kitar parse` (meeting tree or JSON) and `kitar eval` (accuracy scores)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer
from rich.markup import escape

from kitar.cli.common import console, handle_errors, json_option, warn
from kitar.cli.help import example
from kitar.cli.render import Column, print_records, print_trimmed

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


def _read_with_progress(path: str) -> tuple[Any, Meeting] | None:
    """A long PDF read under a progress bar, then parsed; None: read it the usual way."""
    from kitar.cli.read import read_pages_with_progress

    chunked = read_pages_with_progress(path)
    if chunked is None:
        return None
    from kitar.pipeline import process_pdf_pages

    return process_pdf_pages(path, *chunked)


def _parse(path: str) -> Meeting:
    from kitar.errors import NothingToExtract
    from kitar.model import Meeting, MeetingInfo, SourceInfo
    from kitar.pipeline import process_file

    try:
        done = _read_with_progress(path)
        return done[1] if done is not None else process_file(path)[1]
    except NothingToExtract as exc:
        # A blank document is not an error for parsing: nothing to extract, exit 0.
        source = SourceInfo(path=str(path), sha256="", format="pdf", pages=0)
        return Meeting(source=source, meeting=MeetingInfo(), warnings=[str(exc)])


def parse_cmd(
    file: str = typer.Argument(
        ..., metavar="FIL", help="PDF-, DOCX- eller TXT-mødedokument ('-' for stdin)."
    ),
    as_json: bool = json_option("mødet i kitar.meeting/1-formatet"),
) -> None:
    """Find mødet: punkter, underpunkter, oplægsholdere, indstillinger, beslutninger, bilag."""
    from kitar.parse.serialize import meeting_to_dict

    meeting = _parse(file)
    for w in meeting.warnings:
        warn(w)
    if as_json:
        typer.echo(json.dumps(meeting_to_dict(meeting), ensure_ascii=False, indent=1))
    else:
        print_trimmed(console, _tree(meeting))


EVAL_COLUMNS = ("felt", "forventet", "fundet", "korrekte", "præcision", "dækning", "F1")
FIELDS_DA = {"items": "punkter", "subitems": "underpunkter", "presenters": "oplægsholdere",
             "recommendations": "indstillinger", "annexes": "bilag", "decisions": "beslutninger",
             "closed": "lukkede punkter"}  # fmt: skip
_DIFF_DA = ((": missing ", ": mangler "), (": unexpected ", ": uventet "))


def _expected_for(document: Path) -> Path:
    """`agenda-01.pdf` → `agenda-01.expected.json` beside it."""
    return document.with_name(document.stem + ".expected.json")


def _load_expected(expected: Path) -> dict[str, Any]:
    from kitar.errors import DocumentNotFound, UnsupportedFormat

    if not expected.exists():
        raise DocumentNotFound("facitfilen findes ikke", expected)
    try:
        return dict(json.loads(expected.read_text(encoding="utf-8")))
    except (UnicodeDecodeError, json.JSONDecodeError, TypeError, ValueError) as exc:
        raise UnsupportedFormat(f"ikke en JSON-fil ({exc})", expected) from None


def _pairs(file: str, expected: Path | None) -> list[tuple[str, Path]]:
    """(document, its expected JSON): one file, or every document in a folder that has one."""
    folder = Path(file)
    if file != "-" and folder.is_dir():
        docs = sorted(p for p in folder.iterdir()
                      if p.suffix.lower() in (".pdf", ".docx", ".txt")
                      and _expected_for(p).exists())  # fmt: skip
        if not docs:
            from kitar.errors import DocumentNotFound

            raise DocumentNotFound("ingen dokumenter med en .expected.json ved siden af", folder)
        return [(str(p), _expected_for(p)) for p in docs]
    return [(file, expected or _expected_for(Path(file)))]


def _score_row(name: str, s: Any) -> list[str]:
    return [name, str(s.expected), str(s.found), str(s.correct),
            f"{s.precision:.3f}", f"{s.recall:.3f}", f"{s.f1:.3f}"]  # fmt: skip


def eval_cmd(
    file: str = typer.Argument(
        ...,
        metavar="FIL|MAPPE",
        help="Dokumentet, eller en mappe: hvert dokument med en .expected.json ved siden af.",
    ),
    expected: Path | None = typer.Argument(
        None,
        metavar="[FACIT]",
        help="Det forventede resultat (kitar.meeting/1-JSON); standard: FIL.expected.json.",
    ),
    as_json: bool = json_option("scorerne (pr. felt og samlet)"),
    show_diff: bool = typer.Option(True, "--diff/--no-diff", help="Vis hvad der afviger."),
    min_f1: float = typer.Option(
        0.0,
        "--min-f1",
        min=0.0,
        max=1.0,
        metavar="TAL",
        help="Slutkode 1, hvis den samlede F1 er under dette (f.eks. 0.9 i CI).",
    ),
) -> None:
    """Mål fortolkerens præcision, genkaldelse og F1 mod et forventet resultat."""
    from kitar.cli.common import progress
    from kitar.parse.evaluate import Score, evaluate

    pairs = _pairs(file, expected)
    results: list[tuple[str, Any]] = []
    with progress("evaluerer", total=len(pairs)) as bar:
        for n, (doc, wanted) in enumerate(pairs):
            bar.update(n, text=f"evaluerer {Path(doc).name}")
            results.append((doc, evaluate(_parse(doc), _load_expected(wanted))))
    fields: dict[str, Score] = {}
    for _, ev in results:
        for s in ev.scores:
            total = fields.setdefault(s.name, Score(s.name, 0, 0, 0))
            total.expected += s.expected
            total.found += s.found
            total.correct += s.correct
    overall = Score("samlet", *(sum(getattr(s, k) for s in fields.values())
                                for k in ("expected", "found", "correct")))  # fmt: skip
    if as_json:
        data: dict[str, Any] = (
            results[0][1].as_dict() if len(results) == 1
            else {"documents": {doc: ev.as_dict() for doc, ev in results},
                  "scores": [s.as_dict() for s in fields.values()]}
        )  # fmt: skip
        data["overall"] = overall.as_dict()
        typer.echo(json.dumps(data, ensure_ascii=False, indent=1))
    else:
        _print_eval(file, results, list(fields.values()), overall, show_diff)
    if overall.f1 < min_f1:
        raise typer.Exit(1)


def _print_eval(
    file: str, results: list[tuple[str, Any]], fields: list[Any], overall: Any, show_diff: bool
) -> None:
    rows = [_score_row(FIELDS_DA.get(s.name, s.name), s) for s in fields]
    if len(results) == 1:
        for key, ok in results[0][1].meeting_fields.items():
            rows.append([f"møde.{key}", "1", "1", "1" if ok else "0", "", "",
                         "1.000" if ok else "0.000"])  # fmt: skip
    rows.append(_score_row("samlet", overall))
    columns = [Column(c, justify="left" if c == "felt" else "right", headline=c == "felt")
               for c in EVAL_COLUMNS]  # fmt: skip
    print_records(console, columns, rows, title=f"kitar eval {file}")
    if len(results) > 1:
        from kitar.parse.evaluate import Score

        for doc, ev in results:
            per = Score("", *(sum(getattr(s, k) for s in ev.scores)
                              for k in ("expected", "found", "correct")))  # fmt: skip
            console.print(f"{escape(Path(doc).name)}: F1 {per.f1:.3f}", highlight=False)
    if show_diff:
        for doc, ev in results:
            for line in ev.differences:
                for en, da in _DIFF_DA:
                    line = line.replace(en, da)
                prefix = f"{Path(doc).name}: " if len(results) > 1 else ""
                console.print(f"  [dim]{escape(prefix + line)}[/]", soft_wrap=True)


EXAMPLES = {
    "parse": example("kitar parse corpus/demo/agenda-01.pdf", "kitar parse referat.docx --json"),
    "eval": example(
        "kitar eval corpus/demo/agenda-01.pdf",
        "kitar eval corpus/demo --min-f1 0.9 --no-diff",
    ),
}


def register(app: typer.Typer) -> None:
    """Add `parse` and `eval`."""
    app.command("parse", epilog=EXAMPLES["parse"], options_metavar="[TILVALG]")(
        handle_errors(parse_cmd)
    )
    app.command("eval", epilog=EXAMPLES["eval"], options_metavar="[TILVALG]")(
        handle_errors(eval_cmd)
    )
