"""Score the parser on a folder of documents with answer keys (`NAME.gold.json` beside `NAME.txt`,
`.pdf`, `.docx`), as `../shared/eval/score_set.py` does, but parsing in this process.

Each document is parsed the way `kitar parse --json` parses it and scored with
`kitar.parse.answer_key`; the macro average of a metric is taken over the documents whose
answer key measures it. `score_set.py` averages the per-document values it printed with two
decimals, so the macro average here does too: the two print the same numbers.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kitar.errors import DocumentNotFound, KitarError, UnsupportedFormat
from kitar.parse.answer_key import METRICS, check_answer_key, score_answer_key

ANSWER_KEY_SUFFIX = ".gold.json"
# Input beside an answer key, in the order score_set.py looks for them.
INPUT_SUFFIXES = (".pdf", ".txt", ".docx", ".html")
# Per-document values are rounded like score_set.py's printed ones before averaging.
DECIMALS = 2


@dataclass
class DocScore:
    name: str
    metrics: dict[str, float] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    error: str | None = None  # the parse failed: scored as items 0, like score_set.py


@dataclass
class SetScore:
    folder: Path
    docs: list[DocScore] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # answer keys without an input beside them

    @property
    def metrics(self) -> list[str]:
        """The metrics some document measures, in the scorer's order."""
        seen = {k for d in self.docs for k in d.metrics}
        return [m for m in METRICS if m in seen] + sorted(seen - set(METRICS))

    def counts(self) -> dict[str, int]:
        return {m: sum(m in d.metrics for d in self.docs) for m in self.metrics}

    def macro(self) -> dict[str, float]:
        out: dict[str, float] = {}
        for m, n in self.counts().items():
            total = sum(round(d.metrics[m], DECIMALS) for d in self.docs if m in d.metrics)
            out[m] = total / n
        return out

    def as_dict(self) -> dict[str, Any]:
        return {
            "folder": str(self.folder),
            "documents": [
                {"name": d.name, "metrics": d.metrics, "notes": d.notes, "error": d.error}
                for d in self.docs
            ],
            "missing_input": self.missing,
            "macro": self.macro(),
            "counts": self.counts(),
        }


def load_answer_key(path: str | Path) -> dict[str, Any]:
    """An answer key, checked: a malformed one is a one-line KitarError naming the file."""
    path = Path(path)
    if not path.is_file():
        raise DocumentNotFound("answer key not found", path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UnsupportedFormat(f"not a JSON file ({exc})", path) from None
    problem = check_answer_key(data)
    if problem:
        raise UnsupportedFormat(f"not an answer key: {problem}", path)
    return dict(data)


def find_answer_keys(folder: str | Path) -> list[tuple[str, Path, Path | None]]:
    """(name, answer key, input or None) for each `NAME.gold.json` in `folder`, by name."""
    folder = Path(folder)
    if not folder.is_dir():
        raise DocumentNotFound("folder not found", folder)
    out: list[tuple[str, Path, Path | None]] = []
    for key in sorted(folder.glob("*" + ANSWER_KEY_SUFFIX)):
        name = key.name[: -len(ANSWER_KEY_SUFFIX)]
        inp = next(
            (folder / (name + s) for s in INPUT_SUFFIXES if (folder / (name + s)).exists()), None
        )
        out.append((name, key, inp))
    if not out:
        raise DocumentNotFound(f"no answer keys (*{ANSWER_KEY_SUFFIX}) in the folder", folder)
    return out


def meeting_dict(path: str | Path) -> dict[str, Any]:
    """`kitar parse PATH --json`, in this process (JSON round trip: the scorer sees lists)."""
    from kitar.ingest.pipeline import parse_file
    from kitar.parse.serialize import meeting_to_dict

    return dict(json.loads(json.dumps(meeting_to_dict(parse_file(path)), ensure_ascii=False)))


def score_document(path: str | Path, key: dict[str, Any], name: str = "") -> DocScore:
    """Parse one document and score it against its (checked) answer key."""
    name = name or Path(path).name
    try:
        pred = meeting_dict(path)
    except KitarError as exc:
        return DocScore(name, {"items": 0.0}, error=str(exc))
    result = score_answer_key(key, pred)
    return DocScore(name, result.metrics, result.notes)


def score_folder(
    folder: str | Path, progress: Callable[[str, int, int], None] | None = None
) -> SetScore:
    """Score every document with an answer key in `folder`; answer keys are checked first, so
    a malformed one stops the run before any parsing. `progress(name, done, total)` is
    called before each document."""
    found = find_answer_keys(folder)
    keys = {name: load_answer_key(key) for name, key, _ in found}
    out = SetScore(Path(folder))
    for n, (name, _key, inp) in enumerate(found):
        if progress is not None:
            progress(name, n, len(found))
        if inp is None:
            out.missing.append(name)
        else:
            out.docs.append(score_document(inp, keys[name], name))
    return out


def parse_bars(specs: Iterable[str]) -> dict[str, float]:
    """`items=0.95` → {"items": 0.95}; metric names are the scorer's."""
    bars: dict[str, float] = {}
    for spec in specs:
        for part in spec.replace(",", " ").split():
            name, sep, value = part.partition("=")
            if not sep or name not in METRICS:
                known = ", ".join(METRICS)
                raise ValueError(f"{part!r}: expected METRIC=VALUE with a metric of {known}")
            try:
                bars[name] = float(value)
            except ValueError:
                raise ValueError(f"{part!r}: {value!r} is not a number") from None
    return bars


def shortfalls(values: dict[str, float], bars: dict[str, float]) -> dict[str, float]:
    """The metrics below their bar (a metric nothing measured counts as 0, as in score_set.py)."""
    return {k: values.get(k, 0.0) for k, bar in bars.items() if values.get(k, 0.0) < bar}
