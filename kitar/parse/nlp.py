"""The one module that imports spaCy: a blank Danish pipeline with rule components.

The pipeline is configured from `pipelines/kitar_da.cfg`; its vocabulary (abbreviations,
organisations) comes from the text files beside it, so a secretariat extends it without code.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

import spacy
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.symbols import ORTH

from kitar.config import pipelines_dir
from kitar.parse.vocabulary import abbreviations, organisations

# A person is 2–5 capitalised words, optionally with a lower-case particle:
# "Jonas Skov Aalund", "Karina Dam Grønbech", "Ida de Jong".
_PERSON_PATTERN: list[dict[str, Any]] = [
    {"IS_TITLE": True, "IS_ALPHA": True},
    {"LOWER": {"IN": ["de", "von", "van", "la"]}, "OP": "?"},
    {"IS_TITLE": True, "IS_ALPHA": True, "OP": "+"},
]


@lru_cache(maxsize=1)
def load() -> Language:
    """Build the pipeline once per process."""
    config = spacy.util.load_config(pipelines_dir() / "kitar_da.cfg")
    nlp = spacy.util.load_model_from_config(config, auto_fill=True, validate=True)
    tokenizer: Any = nlp.tokenizer
    for abbr in abbreviations():
        tokenizer.add_special_case(abbr, [{ORTH: abbr}])
        cap = abbr[:1].upper() + abbr[1:]
        tokenizer.add_special_case(cap, [{ORTH: cap}])
    ruler = nlp.get_pipe("entity_ruler")
    patterns: list[dict[str, Any]] = []
    for name, canonical in organisations().items():
        patterns.append({"label": "ORG", "pattern": name, "id": canonical})
    patterns.append({"label": "PER", "pattern": _PERSON_PATTERN})
    ruler.add_patterns(patterns)  # type: ignore[attr-defined]
    return nlp


def sentences(text: str) -> list[str]:
    """Split Danish text into sentences; `bl.a.`, `jf.`, `vedr.` stay inside."""
    doc = load()(text)
    return [s.text.strip() for s in doc.sents if s.text.strip()]


def entities(text: str) -> list[tuple[str, str, str]]:
    """Organisations and people found by the entity ruler: (label, text, canonical id)."""
    doc = load()(text)
    return [(e.label_, e.text, e.ent_id_ or e.text) for e in doc.ents]


@lru_cache(maxsize=1)
def _organisation_matcher() -> PhraseMatcher:
    # The parser only needs organisations; a bare PhraseMatcher over the same vocabulary is
    # about 20x faster per line than running the whole pipeline.
    nlp = load()
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    for name, canonical in organisations().items():
        matcher.add(canonical, [nlp.make_doc(name)])
    return matcher


def organisation_spans(text: str) -> list[tuple[int, int, str]]:
    """Known organisations in `text` as (start, end, canonical name), in order."""
    doc = load().make_doc(text)
    spans = spacy.util.filter_spans(_organisation_matcher()(doc, as_spans=True))
    return sorted((s.start_char, s.end_char, s.label_) for s in spans)


def canonical_organisation(text: str) -> str | None:
    """`text` as a known organisation if it is exactly one (case-insensitive), else None."""
    stripped = re.sub(r"\s+", " ", text.strip().rstrip("."))
    spans = organisation_spans(stripped)
    if len(spans) == 1 and spans[0][0] == 0 and spans[0][1] == len(stripped):
        return stripped
    return None
