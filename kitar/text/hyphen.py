"""Line-end hyphens: does `left-` + `right` join into one word or keep its hyphen?

Evidence in order (docs/hyphenation.md has the measured accuracy of each):
1. a conjunction after the hyphen keeps hyphen and space: `Børne-` + `og` → `Børne- og`;
2. the document's own vocabulary and the organisation list: `digitaliseringsstrategi` or
   `e-handel` seen elsewhere in the same document;
3. a Danish lexicon: the joined word is a known form (join), or the hyphenated one is an
   established hyphenated word such as `a-kasse` (keep);
4. Danish spelling rules (Retskrivningsreglerne: hyphen after abbreviations, digits and single
   letters), else join, because a line-end hyphen is most often a typesetter's split.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Literal

from kitar.text.lexicon import Lexicon, default_lexicon, organisation_words

# What to do with a line-end hyphen (not a meeting decision: that is kitar.model.Decision).
HyphenChoice = Literal["join", "keep", "keep_space"]
Strategy = Literal["document", "lexicon", "rules"]
DEFAULT_ORDER: tuple[Strategy, ...] = ("document", "lexicon", "rules")

_LEAD_PUNCT = "”“\"'‘’«»([{„"
_TRAIL_PUNCT = ".,;:!?)]}”“\"'’»…"

# A suspended compound before a conjunction keeps hyphen and space:
# "Børne- og Ungeudvalget", "bruger- og adgangsstyring", "tjeneste- eller".
CONJUNCTIONS = frozenset({"og", "eller", "samt", "og/eller", "&"})

# Abbreviations written in lower case that keep their hyphen in compounds:
# "it-arkitekter", "tv-avis", "pc-arbejdsplads", "sms-besked", "cpr-nummer".
LOWER_ABBREVIATIONS = frozenset(
    {"it", "ikt", "tv", "pc", "sms", "mms", "cd", "dvd", "pdf", "cpr", "cvr", "gps", "edb",
     "hr", "ai", "eu", "fn", "usb", "url", "xml", "api", "id", "wc", "bnp"}
)  # fmt: skip

# Prefixes that Danish always joins with a hyphen: "ikke-planlagte", "ikke-medlemmer".
HYPHEN_PREFIXES = frozenset({"ikke"})

# Established hyphenated loans (first part, second part): "step-up-modellen", "follow-up".
ESTABLISHED_PAIRS = frozenset(
    {("step", "up"), ("follow", "up"), ("start", "up"), ("set", "up"), ("roll", "out"),
     ("stand", "by"), ("hands", "on"), ("opt", "in"), ("opt", "out"),
     ("check", "in"), ("plug", "in"), ("add", "on"), ("pop", "up"), ("kick", "off"),
     ("spin", "off"), ("know", "how"), ("lock", "in"), ("drop", "in"), ("all", "in"),
     ("make", "up"), ("walk", "in"), ("cross", "over"), ("e", "mail")}
)  # fmt: skip


def _core(left: str, right: str) -> tuple[str, str]:
    """The words around the hyphen without quotes and punctuation: `”step-`, `up-modellen”`."""
    left = left.strip()
    if left.endswith("-"):
        left = left[:-1]
    return left.lstrip(_LEAD_PUNCT), right.strip().rstrip(_TRAIL_PUNCT).lstrip(_LEAD_PUNCT)


def _forms(left: str, right: str) -> list[tuple[str, str]]:
    """(joined, hyphenated) candidates: the whole tokens, then the parts next to the hyphen.

    `e-handelska-` + `taloger` gives (`e-handelskataloger`, `e-handelska-taloger`) and
    (`handelskataloger`, `handelska-taloger`).
    """
    forms = [(left + right, f"{left}-{right}")]
    tail = left.rsplit("-", 1)[-1]
    head = right.split("-", 1)[0]
    if (tail, head) != (left, right) and tail and head:
        forms.append((tail + head, f"{tail}-{head}"))
    return forms


def _lower_forms(left: str, right: str) -> list[tuple[str, str]]:
    return [(j.lower(), h.lower()) for j, h in _forms(left, right)]


def _document(
    forms: list[tuple[str, str]], vocab: Mapping[str, int] | None, orgs: frozenset[str]
) -> HyphenChoice | None:
    for joined, hyphenated in forms:
        # "KOM-" + "BIT": the organisation list knows "KOMBIT".
        if joined in orgs:
            return "join"
        if vocab is None:
            continue
        count_joined, count_hyphenated = vocab.get(joined, 0), vocab.get(hyphenated, 0)
        if count_joined > count_hyphenated:
            return "join"  # "digitaliseringsstrategi" elsewhere in the document
        if count_hyphenated > count_joined:
            return "keep"  # "e-handel" elsewhere in the document
    return None


def _lexicon(forms: list[tuple[str, str]], lexicon: Lexicon) -> HyphenChoice | None:
    for joined, hyphenated in forms:
        knows_hyphenated = hyphenated in lexicon.hyphenated
        knows_joined = joined in lexicon.words
        if knows_hyphenated and not knows_joined:
            return "keep"  # "a-" + "kasse": a-kasse is in da_DK, akasse is not
        if knows_joined and not knows_hyphenated:
            return "join"  # "digi-" + "talisering": digitalisering is a word
    return None


def _rules(left: str, right: str) -> HyphenChoice | None:
    if right.lower() in CONJUNCTIONS:
        return "keep_space"  # "Børne-" + "og Ungeudvalget" → "Børne- og Ungeudvalget"
    tail = left.rsplit("-", 1)[-1]
    head = right.split("-", 1)[0]
    if not tail or not head:
        return None
    if tail[-1].isdigit():
        return "keep"  # "2030-" + "fremskrivning", "18-" + "årige"
    if len(tail) == 1 and tail.isalpha():
        return "keep"  # "e-" + "handel", "a-" + "kasse"
    if tail.isupper() and tail.isalpha():
        return "keep"  # acronym: "CPR-" + "nummer", "EU-" + "udbud" (KOM-BIT only via evidence)
    low_tail = tail.lower()
    if low_tail in LOWER_ABBREVIATIONS:
        return "keep"  # "it-" + "arkitekter", "It-" + "Arkitekturrådet"
    if low_tail in HYPHEN_PREFIXES:
        return "keep"  # "ikke-" + "planlagte"
    if (low_tail, head.lower()) in ESTABLISHED_PAIRS:
        return "keep"  # "step-" + "up-modellen", "follow-" + "up"
    if len(head) >= 2 and head.isupper() and head.isalpha():
        return "keep"  # an acronym after the hyphen: "Unikt-" + "ID", "ikke-" + "EU-borgere"
    if head[0].isupper() and not head.isupper() and tail[-1].isalpha():
        return "keep"  # a capital after the hyphen: double surnames "Thorning-" + "Schmidt"
    return None


def by_document(
    left: str,
    right: str,
    vocab: Mapping[str, int] | None,
    orgs: frozenset[str] | None = None,
) -> HyphenChoice | None:
    """Join or keep as the same document (or the organisation list, `orgs`, by default
    pipelines/organisations.txt) spells the word."""
    left, right = _core(left, right)
    if not left or not right:
        return None
    return _document(_lower_forms(left, right), vocab, orgs or organisation_words())


def by_lexicon(left: str, right: str, lexicon: Lexicon | None) -> HyphenChoice | None:
    """Join when the lexicon knows the joined word; keep when it knows only the hyphenated one."""
    if lexicon is None:
        return None
    left, right = _core(left, right)
    if not left or not right or right.lower() in CONJUNCTIONS:
        return None
    if type(lexicon) is not Lexicon:  # a subclass with its own lookups (bench/eval_hyphenation)
        for joined, hyphenated in _forms(left, right):
            knows_hyphenated = lexicon.knows_hyphenated(hyphenated)
            knows_joined = lexicon.knows(joined)
            if knows_hyphenated != knows_joined:
                return "keep" if knows_hyphenated else "join"
        return None
    return _lexicon(_lower_forms(left, right), lexicon)


def by_lexicon_strict(left: str, right: str, lexicon: Lexicon | None = None) -> HyphenChoice:
    """Join only when the lexicon (`None`: the default one) knows the joined word, else keep:
    `bygnings-` + `vedligeholdelse` joins when `bygningsvedligeholdelse` is a known form,
    `Ejendoms-` + `oversigf` (an OCR misreading) keeps its hyphen."""
    left, right = _core(left, right)
    lex = default_lexicon() if lexicon is None else lexicon
    known = any(lex.knows(joined) for joined, _ in _forms(left, right))
    return "join" if known else "keep"


def by_rules(left: str, right: str) -> HyphenChoice | None:
    """Danish spelling rules; None when no rule applies (the caller then joins)."""
    left, right = _core(left, right)
    if not left or not right:
        return None
    return _rules(left, right)


def decide(
    left: str,
    right: str,
    vocab: Mapping[str, int] | None = None,
    lexicon: Lexicon | None = None,
    order: Sequence[Strategy] = DEFAULT_ORDER,
    orgs: frozenset[str] | None = None,
    strict: bool = False,
) -> HyphenChoice:
    """The decision for a line-end hyphen; `left` is the last token of the line (with or without
    its hyphen), `right` the first token of the next line. `lexicon=None` uses the default one,
    `orgs=None` the organisation list's words. `strict` (text read by OCR) joins only when the
    lexicon knows the joined word, else keeps the hyphen: OCR misreads letters, so neither
    the document's own spelling nor the rules' default to join can be trusted there."""
    left, right = _core(left, right)
    if not left or not right:
        return "join"
    rule = _rules(left, right)
    if rule == "keep_space":
        return rule  # a conjunction follows: not a split word at all
    if strict:
        return by_lexicon_strict(left, right, lexicon)
    forms = _lower_forms(left, right)
    for strategy in order:
        if strategy == "document":
            found = _document(forms, vocab, organisation_words() if orgs is None else orgs)
        elif strategy == "lexicon":
            lex = default_lexicon() if lexicon is None else lexicon
            found = _lexicon(forms, lex) if type(lex) is Lexicon else by_lexicon(left, right, lex)
        else:
            found = rule
        if found is not None:
            return found
    return "join"


def line_end_cases(text: str) -> list[tuple[str, str]]:
    """Every line-end hyphen in raw text as (left token with hyphen, first token of the next
    non-blank line): `digi-` + `taliseringsstrategi`. A dash after a space is not one."""
    lines = text.splitlines()
    cases: list[tuple[str, str]] = []
    for i, line in enumerate(lines):
        line = line.rstrip()
        if len(line) < 2 or line[-1] != "-" or not line[-2].isalnum():
            continue
        for nxt in lines[i + 1 :]:
            if nxt.strip():
                cases.append((line.split()[-1], nxt.split()[0]))
                break
    return cases


def apply(left: str, right: str, decision: HyphenChoice) -> str:
    """The text a decision gives: `digi-` + `taliseringsstrategi` joined →
    `digitaliseringsstrategi`; kept → `e-handel`; keep_space → `Børne- og`."""
    base = left if left.endswith("-") else left + "-"
    if decision == "join":
        return base[:-1] + right
    if decision == "keep":
        return base + right
    return f"{base} {right}"
