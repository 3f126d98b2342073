"""CLI command `kitar eval`: the parser's accuracy on one document or a folder of answer keys."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.markup import escape

from kitar.cli.common import (
    READER_OPTION,
    console,
    fail,
    handle_errors,
    json_option,
    progress,
)
from kitar.cli.help import example
from kitar.cli.messages import danish
from kitar.cli.render import Column, print_records

if TYPE_CHECKING:
    from kitar.ingest.eval_set import SetScore
    from kitar.parse.evaluate import Evaluation

# How the old-style expected file's scores map onto the scorer's metric names for --min.
_LEGACY_METRICS = {
    "items": "items",
    "presenters": "presenters",
    "recs": "recommendations",
    "annexes": "annexes",
    "closed": "closed",
    "decisions": "decisions",
}
EVAL_COLUMNS = ("felt", "forventet", "fundet", "korrekte", "præcision", "dækning", "F1")
FIELDS_DA = {"items": "punkter", "subitems": "underpunkter", "presenters": "oplægsholdere",
             "recommendations": "indstillinger", "annexes": "bilag", "decisions": "beslutninger",
             "closed": "lukkede"}  # fmt: skip
DIFF_DA = ((": missing ", ": mangler "), (": unexpected ", ": uventet "))
NAME_WIDTH = 60  # as wide as score_set.py's document column


def _check_bars(values: dict[str, float], specs: list[str]) -> None:
    from kitar.ingest.eval_set import parse_bars, shortfalls

    try:
        bars = parse_bars(specs)
    except ValueError as exc:
        raise typer.BadParameter(danish(str(exc)), param_hint="--min") from None
    short = shortfalls(values, bars)
    if short:
        text = ", ".join(f"{k} {v:.2f} < {bars[k]:.2f}" for k, v in short.items())
        raise fail(f"under kravet: {text}", 1)


def _print_set(result: SetScore, diff: bool) -> None:
    metrics = result.metrics
    width = max([len(d.name[:NAME_WIDTH]) for d in result.docs] + [10])
    console.print(
        "dokument".ljust(width) + "".join(f" {m:>10}" for m in metrics),
        highlight=False,
        soft_wrap=True,
    )
    for doc in result.docs:
        cells = "".join(
            f" {doc.metrics[m]:>10.2f}" if m in doc.metrics else f" {'-':>10}" for m in metrics
        )
        console.print(
            escape(doc.name[:NAME_WIDTH].ljust(width)) + cells, highlight=False, soft_wrap=True
        )
        if doc.error:
            failed = escape(danish(doc.error))
            console.print(f"  [red]fortolkning fejlede:[/] {failed}", soft_wrap=True)
        for note in doc.notes if diff else []:
            console.print(f"  [dim]{escape(danish(note))}[/]", soft_wrap=True)
    for name in result.missing:
        console.print(f"{escape(name)}: dokumentet mangler", soft_wrap=True)
    macro, counts = result.macro(), result.counts()
    console.print(
        f"gennemsnit af {len(result.docs)} dok.".ljust(width)
        + "".join(f" {macro[m]:>10.2f}" for m in metrics),
        highlight=False,
        soft_wrap=True,
    )
    console.print(
        "dokumenter".ljust(width) + "".join(f" {counts[m]:>10}" for m in metrics),
        highlight=False,
        style="dim",
        soft_wrap=True,
    )


def _print_evaluation(ev: Evaluation, file: str, diff: bool) -> None:
    rows = [
        [FIELDS_DA.get(s.name, s.name), str(s.expected), str(s.found), str(s.correct),
         f"{s.precision:.3f}", f"{s.recall:.3f}", f"{s.f1:.3f}"]
        for s in ev.scores
    ]  # fmt: skip
    for key, ok in ev.meeting_fields.items():
        rows.append([f"møde.{key}", "1", "1", "1" if ok else "0", "", "", f"{float(ok):.3f}"])
    columns = [Column(c, justify="left" if c == "felt" else "right", headline=c == "felt")
               for c in EVAL_COLUMNS]  # fmt: skip
    print_records(console, columns, rows, title=f"kitar eval {file}")
    for line in ev.differences if diff else []:
        for en, da in DIFF_DA:
            line = line.replace(en, da)
        console.print(f"  [dim]{escape(line)}[/]", soft_wrap=True)


def _legacy(file: str, expected: Path, as_json: bool, diff: bool, bars: list[str]) -> None:
    """`kitar eval FILE EXPECTED` with an expected extraction in the kitar.meeting/1 shape."""
    from kitar.ingest.eval_set import load_answer_key
    from kitar.ingest.pipeline import parse_file
    from kitar.parse.evaluate import evaluate

    wanted = load_answer_key(expected)
    ev = evaluate(parse_file(file), wanted)
    if as_json:
        typer.echo(json.dumps(ev.as_dict(), ensure_ascii=False, indent=1))
    else:
        _print_evaluation(ev, file, diff)
    names = {s.name for s in ev.scores}
    values = {k: ev.score(v).f1 for k, v in _LEGACY_METRICS.items() if v in names}
    if ev.meeting_fields:
        values["meeting"] = sum(ev.meeting_fields.values()) / len(ev.meeting_fields)
    _check_bars(values, bars)


def eval_cmd(
    target: str = typer.Argument(
        ...,
        metavar="FIL|MAPPE",
        help="Et dokument, eller en mappe med dokumenter og deres facit (NAVN.gold.json).",
    ),
    expected: Path | None = typer.Argument(
        None,
        metavar="FACIT",
        help="Forventet resultat (kitar.meeting/1) eller facit (NAVN.gold.json); "
        "standard: NAVN.gold.json ved siden af dokumentet.",
    ),
    as_json: bool = json_option("scorerne"),
    diff: bool | None = typer.Option(
        None, "--diff/--no-diff", help="Vis hvad der afviger (standard: til for ét dokument)."
    ),
    bars: list[str] = typer.Option(
        [],
        "--min",
        metavar="MÅL=TAL",
        help="Slutkode 1 under et krav, f.eks. --min items=0.95 --min recs=0.9 (mål: "
        "items, presenters, recs, annexes, closed, decisions, case_ids, meeting).",
    ),
    reader: str | None = READER_OPTION,
) -> None:
    """Mål fortolkeren: ét dokument mod dets forventede resultat, eller en mappe af
    dokumenter mod deres facit (en række pr. dokument og gennemsnit)."""
    from kitar.ingest.eval_set import (
        ANSWER_KEY_SUFFIX,
        INPUT_SUFFIXES,
        DocScore,
        SetScore,
        load_answer_key,
        meeting_dict,
        score_folder,
    )
    from kitar.parse.answer_key import score_answer_key

    path = Path(target)
    if path.is_dir():
        if expected is not None:
            raise typer.BadParameter("angiv en mappe alene, eller et dokument og dets facit")
        with progress(f"evaluerer {path.name}", total=None) as bar:

            def step(name: str, done: int, total: int) -> None:
                bar.update(done, total, f"evaluerer {name}")

            result = score_folder(path, progress=step)
    else:
        if expected is None:
            expected = path.with_name(path.name.removesuffix(path.suffix) + ANSWER_KEY_SUFFIX)
            if path.suffix not in INPUT_SUFFIXES or not expected.exists():
                raise typer.BadParameter(
                    f"ingen {expected.name} ved siden af {target}: angiv FACIT"
                )
        if not expected.name.endswith(ANSWER_KEY_SUFFIX):
            _legacy(target, expected, as_json, diff is not False, bars)
            return
        key = load_answer_key(expected)
        scored = score_answer_key(key, meeting_dict(target))  # a bad document: its exit code
        doc = DocScore(path.name, scored.metrics, scored.notes)
        result = SetScore(path.parent, [doc])
        diff = diff is not False
    if as_json:
        typer.echo(json.dumps(result.as_dict(), ensure_ascii=False, indent=1))
    else:
        _print_set(result, bool(diff))
    _check_bars(result.macro(), bars)


EXAMPLE = example(
    "kitar eval corpus/demo/agenda-01.pdf corpus/demo/agenda-01.expected.json",
    "kitar eval ../shared/eval/pdf --min items=0.95",
)


def register(app: typer.Typer) -> None:
    """Add `eval`."""
    app.command("eval", epilog=EXAMPLE, options_metavar="[TILVALG]")(handle_errors(eval_cmd))
