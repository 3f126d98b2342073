"""Danish text analysis for the search index: words, Snowball stems and compound parts.

The index stores three columns per unit: the original text (for snippets and prefixes), one stem
per word at the same position (so phrases still work), and a bag of compound parts. A query word
is stemmed the same way, so `kommunernes` and `kommunerne` meet at the stem `kommun`, and
`strategi` meets the part `strategi` of `digitaliseringsstrategi`.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from functools import cache

import Stemmer

# unicode61 splits on everything but letters and digits; keep the same notion of a word.
WORD_RE = re.compile(r"[^\W_]+")
# "It-Arkitekturrådet", "KL-sekretariatet": words joined by hyphens.
# Possessive quantifiers and the look-behind keep this linear (no retry inside every word).
HYPHEN_RE = re.compile(r"(?<![^\W_])[^\W_]++(?:[-‐‑][^\W_]++)+")

# Modifiers shorter than 4 letters are noise ("org|ani|sat|ioner") except real ones: "byråd".
SHORT_MODIFIERS = frozenset({"it", "by"})
# Heads shorter than 4 letters only when they are real compound heads: "byråd", "nøgletal".
SHORT_HEADS = frozenset({"råd", "tal", "lov", "vej", "sag", "dag", "hus", "løn", "år", "plan"})
# Prefixes that look like words but do not start a compound: "forslaget" is not "for" + "slaget".
NOT_MODIFIERS = frozenset(
    {
        *("for", "fore", "over", "under", "mod", "med", "til", "fra", "ind", "efter", "gen"),
        *("sam", "mis", "bag", "ned", "op", "ud", "af", "på", "om", "den", "det", "der", "som"),
        *("ikke", "var", "har", "kan", "vil", "skal", "ere", "ger", "and", "ens", "end", "ene"),
    }
)
# Danish linking letters between compound parts: "sikkerhed-s-arkitektur", "børn-e-have".
LINKERS = ("s", "e")
# A head may be inflected: "samarbejds|platformen", "digitaliserings|strategien".
HEAD_ENDINGS = ("erne", "ene", "ens", "ets", "en", "et", "er", "e", "s")
MIN_SPLIT_LEN = 6
MAX_PARTS = 3

_stemmer = Stemmer.Stemmer("danish")


def words(text: str) -> list[str]:
    """Lower-cased words as the FTS tokenizer sees them."""
    return WORD_RE.findall(text.casefold())


@cache
def stem(word: str) -> str:
    return str(_stemmer.stemWord(word))


@cache
def _vocabulary() -> frozenset[str]:
    """Danish words frequent enough to count as compound parts (wordfreq's ~29k; ingest only).

    Importing wordfreq costs ~1 s in every ingest worker, so the list is cached as a plain
    file keyed on wordfreq's version (read back in milliseconds); a failed write is ignored.
    """
    from importlib.metadata import version

    from kitar.text.lexicon import cache_dir, load_wordfreq  # the one wordfreq importer

    cached = cache_dir() / f"compound-vocabulary-wordfreq-{version('wordfreq')}.txt"
    try:
        return frozenset(cached.read_text(encoding="utf-8").split("\n"))
    except OSError:
        pass
    words = load_wordfreq().words  # a plain set: wordfreq's list is small
    vocab = (
        frozenset(w for w in words if len(w) >= 2) if isinstance(words, frozenset) else frozenset()
    )
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        tmp = cached.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text("\n".join(sorted(vocab)), encoding="utf-8")
        tmp.replace(cached)
    except OSError:
        pass
    return vocab


@cache
def _is_part(seg: str, head: bool) -> bool:
    vocab = _vocabulary()
    if head:
        if len(seg) < 4 and seg not in SHORT_HEADS:
            return False
        return seg in vocab or any(
            seg.endswith(e) and len(seg) - len(e) >= 4 and seg[: -len(e)] in vocab
            for e in HEAD_ENDINGS
        )
    if seg not in vocab or seg in NOT_MODIFIERS:
        return False
    return len(seg) >= 4 or seg in SHORT_MODIFIERS


@cache
def _split(word: str, head: bool = True, depth: int = 1) -> tuple[str, ...] | None:
    """Fewest-part split of `word` into known words; non-head parts keep their linker."""
    if _is_part(word, head) and (not head or depth > 1):
        return (word,)
    if depth > MAX_PARTS:
        return None
    best: tuple[str, ...] | None = None
    for i in range(2, len(word) - 2):
        left, right = word[:i], word[i:]
        # the modifier first: most prefixes are no word, and then the tail need not be split
        if not _is_part(left, False) and not any(
            left.endswith(link) and _is_part(left[:-1], False) for link in LINKERS
        ):
            continue
        tail = _split(right, head, depth + 1) if len(right) >= 3 else None
        if tail is not None:
            cand = (left, *tail)
            if (
                best is None
                or len(cand) < len(best)
                or (len(cand) == len(best) and len(cand[-1]) > len(best[-1]))
            ):
                best = cand
    return best


def compound_parts(word: str) -> tuple[str, ...]:
    """The segments of a Danish compound, e.g. digitaliserings|strategi; () if not one."""
    if len(word) < MIN_SPLIT_LEN or not word.isalpha():
        return ()
    split = _split(word)
    if split and len(split) > 2 and word in _vocabulary():
        return ()  # a known word only splits in two, if at all
    return split if split and len(split) > 1 else ()


def _spans(segments: tuple[str, ...]) -> set[str]:
    """Every contiguous run of segments but the whole, linker stripped at a run's end."""
    out: set[str] = set()
    n = len(segments)
    for i in range(n):
        for j in range(i + 1, n + 1):
            if i == 0 and j == n:
                continue
            run = "".join(segments[i:j])
            out.add(run)
            if j < n:  # a modifier run: "sikkerheds" → also "sikkerhed"
                for link in LINKERS:
                    if run.endswith(link) and len(run) > 3:
                        out.add(run[:-1])
    return out


@cache
def _word_parts(word: str) -> tuple[str, ...]:
    return tuple(sorted({stem(p) for p in _spans(compound_parts(word))}))


@cache
def _hyphen_word_parts(chain: str) -> tuple[str, ...]:
    pieces = words(chain)
    segments: list[str] = []
    for piece in pieces:
        segments.extend(compound_parts(piece) or (piece,))
    out = {stem("".join(pieces))}
    out.update(stem(s) for s in _spans(tuple(segments)) if len(s) >= 2)
    return tuple(sorted(out))


def hyphen_parts(text: str) -> set[str]:
    """Joined forms of hyphenated words: "It-Arkitekturrådet" → itarkitekturrådet, itarkitektur…"""
    out: set[str] = set()
    for match in HYPHEN_RE.finditer(text.casefold()):
        out.update(_hyphen_word_parts(match.group()))
    return out


class _PerChunk(dict[str, str]):
    """Whitespace chunk ("kommunernes," "It-arkitektur") → its analysis, filled on first sight.

    Vocabulary repeats, so nearly every lookup is a hit, and a unit is analysed by C-level
    `str.split` and `map` over dict lookups: ~5x faster than a regex tokenizer over the text.
    """

    def __init__(self, func: Callable[[str], str]) -> None:
        super().__init__()
        self.func = func

    def __missing__(self, chunk: str) -> str:
        if len(self) > _MAX_CHUNKS:  # bound memory on an endless stream of new words
            self.clear()
        value = self[chunk] = self.func(chunk)
        return value


def _chunk_stems(chunk: str) -> str:
    return " ".join(stem(w) for w in WORD_RE.findall(chunk))


def _chunk_parts(chunk: str) -> str:
    out = [p for w in WORD_RE.findall(chunk) for p in _word_parts(w)]
    if "-" in chunk or "‐" in chunk or "‑" in chunk:  # a hyphen chain lies within one chunk
        out.extend(sorted(hyphen_parts(chunk)))
    return " ".join(out)


_MAX_CHUNKS = 500_000
_STEMS = _PerChunk(_chunk_stems)
_PARTS = _PerChunk(_chunk_parts)


def analyze(text: str) -> tuple[str, str]:
    """(stems, parts) columns for one unit of text (input is casefolded)."""
    chunks = text.casefold().split()
    stems = " ".join(filter(None, map(_STEMS.__getitem__, chunks)))
    parts = " ".join(filter(None, map(_PARTS.__getitem__, chunks)))
    return stems, parts
