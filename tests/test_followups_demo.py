"""Follow-ups against the demo generator's answer keys (issue 11): decisions and the
recommendation clauses that name an actor or a deadline, never background sections."""

from __future__ import annotations

import pytest

from kitar.demo.content import generate
from kitar.parse.followups import extract_followups

PRECISION = 0.9
RECALL = 0.8
SEEDS = range(1, 25)


def _key(item: str | None, action: str) -> tuple[str, str]:
    # the top-level item (a parser may cite the item or its sub-item) and the action's start
    return ((item or "?").split(".")[0], " ".join(action.casefold().rstrip(". ").split())[:40])


def _score() -> tuple[int, int, int, list[str]]:
    expected = found = correct = 0
    misses: list[str] = []
    for seed in SEEDS:
        for style in ("kl", "committee"):
            for kind in ("agenda", "minutes"):
                doc = generate(seed, style, kind)  # type: ignore[arg-type]
                want = {_key(f["item"], f["action"]) for f in doc.followups}
                got = {_key(f.item_number, f.action) for f in extract_followups(doc.meeting)}
                expected, found = expected + len(want), found + len(got)
                correct += len(want & got)
                misses += [f"{seed} {style} {kind} extra {g}" for g in got - want]
                misses += [f"{seed} {style} {kind} missed {w}" for w in want - got]
    return expected, found, correct, misses


def test_precision_and_recall_on_the_generated_keys() -> None:
    expected, found, correct, misses = _score()
    assert expected > 50, "the keys must hold enough follow-ups to measure"
    precision, recall = correct / found, correct / expected
    print(f"follow-ups: expected {expected}, found {found}, correct {correct}, "
          f"precision {precision:.3f}, recall {recall:.3f}")  # fmt: skip
    assert precision >= PRECISION, misses[:10]
    assert recall >= RECALL, misses[:10]


@pytest.mark.parametrize("seed", [3, 7])
def test_background_sentences_are_not_followups(seed: int) -> None:
    doc = generate(seed, "committee", "minutes")
    found = extract_followups(doc.meeting)
    assert not [f for f in found if f.origin.startswith("section:") and "forventes" in f.action]
    assert all(f.owner for f in found if f.origin.startswith("section:"))


def test_precision_and_recall_on_parsed_demo_documents(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """The same keys, through the whole reading path (render → read → reflow → parse)."""
    import json

    from kitar.demo.generate import generate_corpus
    from kitar.ingest.pipeline import process_file

    folder = tmp_path_factory.mktemp("followups-demo")
    expected = found = correct = 0
    for path in generate_corpus(folder, count=2, seed=7):
        key = json.loads(path.with_name(path.stem + ".expected.json").read_text())
        want = {_key(f["item"], f["action"]) for f in key["followups"]}
        got = {_key(f.item_number, f.action) for f in extract_followups(process_file(path)[1])}
        expected, found, correct = expected + len(want), found + len(got), correct + len(want & got)
    assert expected >= 10
    print(f"parsed: expected {expected}, found {found}, correct {correct}")
    assert correct / found >= PRECISION and correct / expected >= RECALL
