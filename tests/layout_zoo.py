"""The layout zoo's documents, renderings (cached by content hash) and scores, for the tests
and for a table: `python -m tests.layout_zoo [--docx] [--only NAME]` prints documents ×
layouts with the scorer's metrics, the source text's own scores first.

Documents: the generator's meetings (fictitious, always there), the KL sample agenda
(`KITAR_SAMPLES`) and the eval set's web texts (`KITAR_EVAL`), both read at run time only.
Renderings of real texts stay in the cache directory and are never committed.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kitar.config import eval_dir, samples_dir
from kitar.demo.render_docx import docx_to_pdf, soffice
from kitar.demo.zoo import (
    LAYOUTS,
    Layout,
    ZooSource,
    generated_source,
    printed_text_source,
    reflowed_source,
    render,
    renderer_fingerprint,
    text_source,
)
from kitar.ingest.eval_set import load_answer_key, meeting_dict
from kitar.parse.answer_key import score_answer_key

# The metrics of the table, in the scorer's order.
TABLE_METRICS = (
    "items",
    "recs",
    "decisions",
    "case_ids",
    "meeting",
    "presenters",
    "annexes",
    "closed",
)
# The generator's meetings in the zoo: both styles, agenda and minutes (seed: any fixed one).
GENERATED = [(11, "kl", "agenda"), (11, "kl", "minutes"), (11, "committee", "agenda"),
             (11, "committee", "minutes")]  # fmt: skip
KL_NAME = "kl-itarkitekturraad-2016-08-29-agenda"


def web_names() -> list[str]:
    """The eval set's web documents (empty when the set is absent)."""
    folder = eval_dir() / "web"
    return sorted(p.name[: -len(".gold.json")] for p in folder.glob("*.gold.json"))


@dataclass
class ZooDoc:
    """A zoo document: how to build its source, and the source text (None when generated)."""

    name: str
    build: Callable[[], ZooSource]
    text: Path | None = None
    _source: ZooSource | None = field(default=None, repr=False)

    @property
    def source(self) -> ZooSource:
        if self._source is None:
            self._source = self.build()
        return self._source


def generated_docs() -> list[ZooDoc]:
    return [
        ZooDoc(f"gen-{style}-{kind}", lambda s=seed, st=style, k=kind: generated_source(s, st, k))  # type: ignore[misc]
        for seed, style, kind in GENERATED
    ]


def kl_docs() -> list[ZooDoc]:
    """The KL agenda from its reflowed blocks, and its text file printed line by line."""
    txt = samples_dir() / f"{KL_NAME}.txt"
    exp = samples_dir() / f"{KL_NAME}.expected.json"
    if not (txt.exists() and exp.exists()):
        return []

    def reflowed() -> ZooSource:
        from kitar.ingest.pipeline import read_and_reflow

        return reflowed_source(read_and_reflow(txt), json.loads(exp.read_text()), "kl-agenda")

    def printed() -> ZooSource:
        from kitar.parse.answer_key import answer_key_from_meeting

        key = answer_key_from_meeting(json.loads(exp.read_text()))
        return printed_text_source(txt.read_text(encoding="utf-8"), key, "kl-agenda-printed")

    return [ZooDoc("kl-agenda", reflowed, txt), ZooDoc("kl-agenda-printed", printed, txt)]


def web_docs() -> list[ZooDoc]:
    folder = eval_dir() / "web"
    out = []
    for name in web_names():
        txt = folder / f"{name}.txt"
        if txt.exists():
            build = lambda t=txt, n=name: text_source(  # noqa: E731
                t.read_text(encoding="utf-8"), load_answer_key(t.with_name(n + ".gold.json")), n
            )
            out.append(ZooDoc(name, build, txt))
    return out


def all_docs() -> list[ZooDoc]:
    return generated_docs() + kl_docs() + web_docs()


class Zoo:
    """Renderings (cached on disk by content hash) and their scores (cached per run)."""

    def __init__(self, cache: Path, batch_docx: bool = True) -> None:
        self.batch_docx = batch_docx
        self.cache = cache / renderer_fingerprint()
        self.cache.mkdir(parents=True, exist_ok=True)
        self.scores: dict[tuple[str, str, str], dict[str, float]] = {}

    def path(self, doc: ZooDoc, layout: Layout, fmt: str) -> Path:
        """fmt "pdf": reportlab's PDF; "docx": the Word file printed by LibreOffice; "word":
        the Word file itself, read by the DOCX reader."""
        suffix = {"docx": "lo.pdf", "word": "lo.docx"}.get(fmt, "pdf")
        return self.cache / f"{doc.name}.{layout.name}.{doc.source.fingerprint()}.{suffix}"

    def render(self, items: list[tuple[ZooDoc, Layout, str]]) -> None:
        """Make the renderings not cached yet; Word files go to LibreOffice in one batch."""
        word: list[tuple[Path, Path]] = []
        for doc, layout, fmt in items:
            out = self.path(doc, layout, fmt)
            if out.exists():
                continue
            if fmt in ("pdf", "word"):
                tmp = render(doc.source, layout, "pdf" if fmt == "pdf" else "docx",
                             out.with_suffix(".tmp"))  # fmt: skip
                tmp.rename(out)
            else:
                word.append((render(doc.source, layout, "docx", out.with_suffix(".docx")), out))
        if word:
            printed = docx_to_pdf([d for d, _ in word], self.cache / "lo")
            for pdf, (_, out) in zip(printed, word, strict=True):
                pdf.rename(out)

    def score(self, doc: ZooDoc, layout: Layout, fmt: str) -> dict[str, float]:
        """The scorer's metrics of a rendering parsed as `kitar parse` parses it."""
        ref = (doc.name, layout.name, fmt)
        if ref not in self.scores:
            # LibreOffice takes seconds to start: print all of a document's layouts at once
            whole = fmt == "docx" and self.batch_docx
            batch = [(doc, lay, fmt) for lay in LAYOUTS] if whole else []
            self.render(batch or [(doc, layout, fmt)])
            pred = meeting_dict(self.path(doc, layout, fmt))
            self.scores[ref] = score_answer_key(doc.source.key, pred).metrics
        return self.scores[ref]

    def baseline(self, doc: ZooDoc) -> dict[str, float]:
        """What a rendering must reach: the source text's own scores, or for a generated
        meeting its answer key (1.0 on every field the key has)."""
        ref = (doc.name, "text", "txt")
        if ref not in self.scores:
            if doc.text is None:
                key = doc.source.key
                probe = score_answer_key(key, {"items": [], "meeting": {}}).metrics
                closed = ["closed"] if any("closed" in i for i in key["items"]) else []
                self.scores[ref] = dict.fromkeys([*probe, *closed], 1.0)
            else:
                self.scores[ref] = score_answer_key(doc.source.key, meeting_dict(doc.text)).metrics
        return self.scores[ref]


def shortfall(got: dict[str, float], want: dict[str, float]) -> dict[str, tuple[float, float]]:
    """Metrics where a rendering scores below its source: name → (got, wanted)."""
    return {k: (got.get(k, 0.0), v) for k, v in want.items() if got.get(k, 0.0) < v - 1e-9}


def fmt_metrics(metrics: dict[str, Any]) -> str:
    return " ".join(f"{k}={metrics[k]:.2f}" for k in TABLE_METRICS if k in metrics)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m tests.layout_zoo", description=__doc__)
    ap.add_argument("--docx", action="store_true", help="also Word files printed by LibreOffice")
    ap.add_argument("--word", action="store_true", help="also the Word files read as DOCX")
    ap.add_argument("--only", help="documents whose name contains this")
    ap.add_argument("--cache", type=Path, default=Path(".pytest_cache/d/kitar-layout-zoo"))
    args = ap.parse_args(argv)
    zoo = Zoo(args.cache)
    docs = [d for d in all_docs() if not args.only or args.only in d.name]
    fmts = ["pdf"] + (["docx"] if args.docx and soffice() else []) + (["word"] if args.word else [])
    zoo.render([(d, lay, f) for d in docs for lay in LAYOUTS for f in fmts])
    print(f"| document | layout | {' | '.join(TABLE_METRICS)} |")
    print("|---|---|" + "---|" * len(TABLE_METRICS))
    for doc in docs:
        rows = [("source" if doc.text else "answer key", zoo.baseline(doc))]
        rows += [(f"{lay.name} {f}", zoo.score(doc, lay, f)) for lay in LAYOUTS for f in fmts]
        base = rows[0][1]
        for label, m in rows:
            cells = []
            for k in TABLE_METRICS:
                if k not in m:
                    cells.append("")
                else:
                    low = m[k] < base.get(k, 0.0) - 1e-9
                    cells.append(f"**{m[k]:.2f}**" if low else f"{m[k]:.2f}")
            print(f"| {doc.name} | {label} | {' | '.join(cells)} |", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
