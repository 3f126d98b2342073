"""Which file of a meeting's folder is which annex: evidence from the documents themselves.

Each rule compares one annex reference (an item's `Bilag` entry: title, eDoc number) or one item
with one candidate file (its first page, its letterhead numbers, its file name) and returns a
confidence with the rule's name; `assign` then pairs references and files one to one, the most
certain first. Examples (fictitious): the Bilag entry `2024-104233 - Notat om skolestruktur`
and a memo whose letterhead says `Dok.nr.: 2024-104233` (rule "dok.nr.", certain); the entry
`Projektbeskrivelse - Aktivitetshus Åvej` and a file whose first page is headed `Projekt-
beskrivelse for aktivitetshus på Åvej` ("titel"); a memo whose letterhead says `Sagsnr.:
24/1234`, the case number of an item that lists no annex ("sagsnr.": a new annex of that item);
the one reference and the one file left over ("eneste tilbage", least certain).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path

from kitar.parse.cases import case_key

# Title evidence below this is no evidence (0.5 word containment + 0.5 best line similarity:
# `Det nære sundhedsvæsen - KL` vs a first page headed `Det nære sundhedsvæsen` scores 0.93,
# vs an invitation that mentions "det nære sundhedsvæsen" in running text 0.62).
MIN_TITLE_SCORE = 0.65
# A file whose letterhead names an item's case number belongs to that item: certain of the item,
# less of which of its annexes.
CASE_CONFIDENCE = 0.8
# The last reference and the last file: a guess, shown as one.
ELIMINATION_CONFIDENCE = 0.5
# Title scores this close for two references are a tie.
AMBIGUOUS_MARGIN = 0.01
# How much of a first page is its head: title, letterhead, the opening lines.
HEAD_CHARS = 700
HEAD_LINES = 12

_WORD_RE = re.compile(r"[^\W_]+")


@dataclass
class AnnexRef:
    annex_id: int | None  # None: no Bilag entry (a file linked to the item by its case number)
    item_id: int
    item_label: str  # "4", "1.b"
    item_case: str | None
    title: str
    ref: str | None  # the case system's document number, e.g. "2012-204248"


@dataclass
class Candidate:
    path: str
    document_id: int | None  # None: a file without a text layer, not stored as a document
    first_page: str = ""
    case_id: str | None = None  # from its letterhead
    doc_id: str | None = None


@dataclass
class Link:
    ref: AnnexRef
    candidate: Candidate
    method: str
    confidence: float
    title: str = ""  # for a new annex (no Bilag entry): the file's own title


def _words(text: str) -> list[str]:
    return _WORD_RE.findall(text.casefold())


def _lines(first_page: str) -> list[str]:
    """Head lines, with letters set one per line (`P`, `R`, `O`, …) joined back."""
    raw = [ln.strip() for ln in first_page.splitlines() if ln.strip()][: HEAD_LINES * 2]
    out: list[str] = []
    for ln in raw:
        if len(ln) <= 3 and out and len(out[-1]) <= 40 and not out[-1].endswith(" "):
            out[-1] += ln.replace(" ", "")
        else:
            out.append(ln)
    return out[:HEAD_LINES]


def title_score(title: str, candidate: Candidate) -> float:
    """0.5 × share of the title's words on the first page + 0.5 × its best line's similarity."""
    words = _words(title)
    if not words or not candidate.first_page:
        return 0.0
    head = candidate.first_page[:HEAD_CHARS]
    present = set(_words(head))
    # a word set letter by letter or split over lines ("P R O J E K T" / "BESKRIVELSE")
    compact = "".join(_words(head))
    share = sum(w in present or (len(w) >= 4 and w in compact) for w in words) / len(words)
    lines = _lines(head)
    joined = [" ".join(lines[k : k + 2]) for k in range(len(lines))]
    key = " ".join(words)
    best = max(
        (SequenceMatcher(None, key, " ".join(_words(c))).ratio() for c in [*lines, *joined]),
        default=0.0,
    )
    return 0.5 * share + 0.5 * best


def file_name_score(title: str, candidate: Candidate) -> float:
    """`Arbejdsplan_2019.pdf` listed as the annex, the file named so: 1."""
    name = Path(candidate.path).name
    if title.strip().casefold() == name.casefold():
        return 1.0
    stem = " ".join(_words(Path(name).stem))
    return SequenceMatcher(None, " ".join(_words(title)), stem).ratio() if stem else 0.0


def file_title(candidate: Candidate) -> str:
    """A file's own title: its first head line that is not a letterhead label or `Notat`."""
    for ln in _lines(candidate.first_page):
        if len(ln) >= 12 and not re.match(r"^(til|fra|dato|notat|sagsnr|dok)\b", ln, re.I):
            return ln
    return Path(candidate.path).name


def evidence(ref: AnnexRef, candidate: Candidate) -> tuple[str, float] | None:
    """The strongest rule linking this reference and this file, if any."""
    text = candidate.first_page[:HEAD_CHARS]
    if ref.ref and (ref.ref == candidate.doc_id or re.search(rf"\b{re.escape(ref.ref)}\b", text)):
        return "dok.nr.", 1.0
    if ref.title and file_name_score(ref.title, candidate) >= 0.95:
        return "filnavn", 1.0
    score = title_score(ref.title, candidate) if ref.title else 0.0
    if score >= MIN_TITLE_SCORE:
        return "titel", round(min(score, 0.99), 2)
    return None


def assign(refs: list[AnnexRef], candidates: list[Candidate]) -> list[Link]:
    """Pair references and files one to one, most certain first; then files whose letterhead
    names an item's case number; then the last reference with the last file."""
    scored = [
        (conf, n, k, method)
        for n, ref in enumerate(refs)
        for k, cand in enumerate(candidates)
        if (found := evidence(ref, cand)) is not None
        for method, conf in [found]
    ]
    # Two references a file fits equally well by title ("Økonomisk overblik 2014" annexed to
    # two items): the title cannot tell which; such a link is a guess, and says so.
    snapshot = list(scored)
    for idx, (conf, n, k, method) in enumerate(snapshot):
        if method == "titel" and any(
            m2 == "titel" and k2 == k and n2 != n and abs(c2 - conf) < AMBIGUOUS_MARGIN
            for c2, n2, k2, m2 in snapshot
        ):
            scored[idx] = (min(conf, ELIMINATION_CONFIDENCE), n, k, "titel (tvetydig)")
    scored.sort(key=lambda s: (-s[0], s[1], s[2]))
    links: list[Link] = []
    used_refs: set[int] = set()
    used_files: set[int] = set()
    for conf, n, k, method in scored:
        if n in used_refs or k in used_files:
            continue
        used_refs.add(n)
        used_files.add(k)
        links.append(Link(refs[n], candidates[k], method, conf))
    by_case: dict[str, AnnexRef] = {}
    for ref in refs:
        key = case_key(ref.item_case)
        if key and key not in by_case:
            by_case[key] = ref
    for k, cand in enumerate(candidates):
        key = case_key(cand.case_id)
        if k in used_files or not key or key not in by_case:
            continue
        item = by_case[key]
        open_refs = [
            n
            for n, r in enumerate(refs)
            if r.item_id == item.item_id and n not in used_refs and r.annex_id is not None
        ]
        used_files.add(k)
        if len(open_refs) == 1:
            used_refs.add(open_refs[0])
            links.append(Link(refs[open_refs[0]], cand, "sagsnr.", CASE_CONFIDENCE))
        else:
            new = AnnexRef(None, item.item_id, item.item_label, item.item_case, "", None)
            links.append(Link(new, cand, "sagsnr.", CASE_CONFIDENCE, file_title(cand)))
    left_refs = [n for n, r in enumerate(refs) if n not in used_refs and r.annex_id is not None]
    left_files = [k for k in range(len(candidates)) if k not in used_files]
    if len(left_refs) == 1 and len(left_files) == 1:
        links.append(
            Link(
                refs[left_refs[0]],
                candidates[left_files[0]],
                "eneste tilbage",
                ELIMINATION_CONFIDENCE,
            )
        )
    return links
