"""The search query language: words, "phrases", prefix*, hyphenated words and the operators
AND/OR/NOT/NEAR (also OG/ELLER/IKKE/NÆR), typed in capitals between terms.

The user's query is never passed to FTS5 as syntax: `parse_query` cuts it into terms built
from word characters only, and `to_fts` writes the FTS5 expression (quotes, column filters and
operators) itself, so quotes, `*`, `col:word` or SQL in a query are just text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kitar.errors import QueryError
from kitar.store.analyze import stem, words

MAX_TERMS = 32
HYPHENS = "-‐‑"
# Operators, typed in capitals as whole words: `udbud AND digital`, `skole OR dagtilbud`,
# `budget NOT anlæg`, `borgerservice NEAR åbningstider`, `borgerservice NEAR/3 åbningstider`.
OPERATORS = {"AND": "and", "OG": "and", "OR": "or", "ELLER": "or", "NOT": "not", "IKKE": "not",
             "NEAR": "near", "NÆR": "near"}  # fmt: skip
NEAR_RE = re.compile(r"^(?:NEAR|NÆR)/(\d{1,2})$")
# FTS5's own default for NEAR(): both terms within 10 words of each other.
NEAR_DISTANCE = 10


@dataclass
class Term:
    kind: str  # word | prefix | phrase | hyphen | near
    words: list[str]
    op: str = "and"  # how it joins the terms before it: and | or | not
    # near: its operands (words or phrases) and how many words may stand between them
    phrases: list[list[str]] = field(default_factory=list)
    distance: int = NEAR_DISTANCE


def _chunk_terms(chunk: str) -> list[Term]:
    ws = words(chunk)
    if not ws:
        return []
    if chunk.rstrip(")]}.,;:!?").endswith("*") and len(ws) == 1:
        return [Term("prefix", ws)]
    if len(ws) > 1 and re.fullmatch(rf"[^\W_]+(?:[{HYPHENS}][^\W_]+)+", chunk):
        return [Term("hyphen", ws)]  # "it-arkitektur" ~ "itarkitektur"
    return [Term("word", [w]) for w in ws]


def _tokens(query: str) -> list[tuple[str, str | Term]]:
    """("op", name) and ("term", Term) in order; an unbalanced quote starts plain words."""
    out: list[tuple[str, str | Term]] = []
    pieces = query.split('"')
    for n, piece in enumerate(pieces):
        if n % 2 == 1 and n < len(pieces) - 1:
            ws = words(piece)
            if ws:
                out.append(("term", Term("phrase", ws)))
            continue
        for chunk in piece.split():
            near = NEAR_RE.match(chunk)
            if chunk in OPERATORS or near:
                out.append(("op", chunk))
            else:
                out.extend(("term", t) for t in _chunk_terms(chunk))
    return out


def _near(left: Term, right: Term, distance: int) -> Term | None:
    """`a NEAR b` as one term; None when an operand is a prefix or hyphenated word."""
    if left.kind not in ("word", "phrase", "near") or right.kind not in ("word", "phrase"):
        return None
    phrases = left.phrases if left.kind == "near" else [left.words]
    return Term("near", left.words + right.words, left.op, [*phrases, right.words], distance)


def parse_query(query: str) -> list[Term]:
    """Split a query into terms joined by operators.

    An operator with no term on one side (`AND`, `x OR`) is just a word, like any other text.
    """
    tokens = _tokens(query)
    terms: list[Term] = []
    pending: str | None = None  # the operator typed since the last term
    for n, (kind, value) in enumerate(tokens):
        if kind == "op":
            assert isinstance(value, str)
            following = n + 1 < len(tokens) and tokens[n + 1][0] == "term"
            name = "near" if NEAR_RE.match(value) else OPERATORS[value]
            if following and pending is None and (terms or name == "not"):
                pending = value
                continue
            terms.extend(_chunk_terms(value))  # a stray operator is a word
            continue
        assert isinstance(value, Term)
        if pending is not None:
            near = NEAR_RE.match(pending)
            op = "near" if near else OPERATORS[pending]
            pending = None
            if op == "near":
                joined = _near(terms[-1], value, int(near.group(1)) if near else NEAR_DISTANCE)
                if joined is not None:
                    terms[-1] = joined
                    continue
                op = "and"
            value.op = op
        terms.append(value)
    if not terms:
        raise QueryError(f"nothing to search for in {query!r}: give at least one word")
    if all(t.op == "not" for t in terms):
        raise QueryError(f"nothing to search for in {query!r}: NOT only leaves words out")
    if terms[0].op == "not":  # `NOT a b`: FTS5 needs the positive terms first
        terms.sort(key=lambda t: t.op == "not")
        terms[0].op = "and"
    count = sum(max(1, len(t.phrases)) for t in terms)
    if count > MAX_TERMS:
        raise QueryError(f"query too long: {count} terms (at most {MAX_TERMS})")
    return terms


def _q(text: str) -> str:
    # Terms hold word characters only (WORD_RE), so quoting cannot be broken out of.
    return '"' + text.replace('"', "") + '"'


def _term_fts(t: Term) -> str:
    if t.kind == "word":
        return f"{{stems parts}} : {_q(stem(t.words[0]))}"
    if t.kind == "prefix":
        # The index holds stems, so a prefix is matched as its stem: "kommunern*" looks
        # for "kommun*" and finds "kommunerne"; "digitali*" finds "digitaliseringen".
        word = t.words[0]
        root = stem(word)
        return f"{{stems parts}} : {_q(root if word.startswith(root) else word)} *"
    if t.kind == "phrase":
        return f"stems : {_q(' '.join(stem(w) for w in t.words))}"
    if t.kind == "near":
        inner = " ".join(_q(" ".join(stem(w) for w in p)) for p in t.phrases)
        return f"stems : NEAR({inner}, {t.distance})"
    joined = stem("".join(t.words))
    phrase = " ".join(stem(w) for w in t.words)
    return f"({{stems parts}} : {_q(joined)} OR stems : {_q(phrase)})"


def to_fts(terms: list[Term]) -> str:
    """The FTS5 MATCH expression: AND between terms (OR binds closer), NOT terms last."""
    groups: list[list[str]] = []
    negated: list[str] = []
    for t in terms:
        if t.op == "not":
            negated.append(_term_fts(t))
        elif t.op == "or" and groups:
            groups[-1].append(_term_fts(t))
        else:
            groups.append([_term_fts(t)])
    if len(groups) == 1 and len(groups[0]) == 1 and not negated:
        return groups[0][0]
    positive = " AND ".join("(" + " OR ".join(g) + ")" for g in groups)
    return f"({positive})" + "".join(f" NOT ({n})" for n in negated)
