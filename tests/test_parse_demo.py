"""The parser scored on generated fictitious meetings, against the generator's own answer keys."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kitar.demo.generate import generate_corpus
from kitar.ingest.pipeline import process_file
from kitar.parse.evaluate import evaluate

FIELDS = ("items", "subitems", "presenters", "recommendations", "annexes", "closed")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    out = tmp_path_factory.mktemp("demo")
    return generate_corpus(out, count=4, seed=11)


def test_corpus_has_every_style(corpus: list[Path]) -> None:
    names = {p.name for p in corpus}
    assert {"agenda-01.pdf", "agenda-02.pdf", "minutes-01.pdf", "agenda-txt-01.txt"} <= names


@pytest.mark.parametrize("index", range(7))
def test_generated_documents_parse_to_their_answer_keys(corpus: list[Path], index: int) -> None:
    path = corpus[index]
    expected = json.loads(path.with_suffix(".expected.json").read_text(encoding="utf-8"))
    ev = evaluate(process_file(path)[1], expected)
    for name in FIELDS:
        assert ev.score(name).f1 >= 0.95, (path.name, name, ev.differences)
    if any(i.get("decisions") for i in expected["items"]):
        assert ev.score("decisions").f1 >= 0.95, (path.name, ev.differences)
    for key in ("kind", "date", "body"):
        assert ev.meeting_fields.get(key, True), (path.name, ev.differences)
