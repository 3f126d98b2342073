"""Find agenda items among the blocks: candidates, scoring, and the best numbered chain.

Numbered lists inside an item (`1. Fælles arkitekturstyring`) and tables of contents look like
items too, so every `N. Title` block is only a candidate. Candidates are scored from layout and
context evidence, and the parser keeps the consecutive chain (N, N+1, N+2, …) with the highest
total score.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kitar.model import Block
from kitar.parse import patterns as P
from kitar.parse.vocabulary import is_section_heading

# Item titles every agenda has: "Evt.", "Eventuelt", "Meddelelser", "Godkendelse af dagsorden".
ROUTINE_TITLES = ("evt", "eventuelt", "meddelelser", "godkendelse af", "velkommen", "orientering")


@dataclass
class Candidate:
    index: int  # block index
    number: int
    title: str
    score: float = 0.0


@dataclass
class Segment:
    """An item's heading block and the blocks that belong to it."""

    number: str | None
    title: str
    page: int
    start: int  # index of the heading block
    blocks: list[Block] = field(default_factory=list)
    closed: bool = False
    raw_title: str = ""  # as printed, e.g. "Høringssager:" (a colon announces sub-items)
    level: int = 0  # heading level of the item's title when the reader knows it (DOCX)


def toc_indices(blocks: list[Block]) -> set[int]:
    """Blocks that form a table of contents (`INDHOLDSFORTEGNELSE` and its entries)."""
    # Word's own table of contents uses the styles "toc 1", "toc 2", … (also "TOC 1").
    out: set[int] = {i for i, b in enumerate(blocks) if (b.style or "").lower().startswith("toc")}
    i = 0
    while i < len(blocks):
        if P.TOC_HEADING.match(blocks[i].text):
            out.add(i)
            j = i + 1
            misses = 0
            while j < len(blocks) and misses < 2:
                text = blocks[j].text.strip()
                is_entry = bool(P.DOT_LEADER.search(text) or P.TRAILING_PAGE.search(text))
                is_label = bool(
                    P.TOC_COLUMN_HEADER.match(text)
                    or P.OPEN_PART.match(text)
                    or P.CLOSED_PART.match(text)
                )
                if is_entry or is_label:
                    out.add(j)
                    misses = 0
                else:
                    misses += 1
                j += 1
            i = j
        else:
            i += 1
    return out


def _toc_titles(blocks: list[Block], toc: set[int]) -> set[str]:
    titles = set()
    for i in toc:
        m = P.ITEM_NUMBERED.match(blocks[i].text.strip())
        if m:
            title = P.DOT_LEADER.split(m.group("title"))[0]
            title = P.TRAILING_PAGE.sub("", title).strip(" .")
            titles.add(_key(title))
    return titles


def _key(title: str) -> str:
    return " ".join(title.lower().split())[:60]


def item_text(block: Block) -> str:
    """The block's text with a number marker the reader split off (`3.` + `Arkitektur …`)."""
    if not block.marker:
        return block.text
    marker = block.marker.strip()
    if marker and marker[:-1].isalnum() and marker[-1:] in ".)" and len(marker) <= 5:
        return f"{marker} {block.text.strip()}"
    return block.text


def _match_item(text: str) -> tuple[int, str] | None:
    text = text.strip()
    m = P.ITEM_NUMBERED.match(text) or P.ITEM_PUNKT.match(text)
    if not m:
        return None
    title = m.group("title").strip()
    # "2012. Det var året…" or "4-5 løsninger" are not items; titles start like titles.
    number = int(m.group("num"))
    # Titles start like titles; "7. 2030-fremskrivning af …" starts with a year.
    starts_ok = title[0].isupper() or title[0] in "\"'”’«“" or re.match(r"\d{4}\b", title)
    if number == 0 or len(title) > 250 or not starts_ok:
        return None
    return number, title


def find_candidates(blocks: list[Block], toc: set[int]) -> list[Candidate]:
    """Every `N. Title` block outside the table of contents, with its evidence score."""
    toc_titles = _toc_titles(blocks, toc)
    sizes = sorted(b.size for b in blocks if b.size)
    body_size = sizes[len(sizes) // 2] if sizes else 0.0
    out: list[Candidate] = []
    for i, block in enumerate(blocks):
        if i in toc:
            continue
        found = _match_item(item_text(block))
        if not found:
            continue
        number, title = found
        score = 1.0  # a `N. Title` line is weak evidence in itself
        if title.lower().startswith(ROUTINE_TITLES):
            score += 2
        if block.kind == "heading" or (block.style or "").lower().startswith(
            ("heading", "overskrift")
        ):
            score += 3
        if block.bold:
            score += 2
        if body_size and block.size > body_size + 0.5:
            score += 1
        if block.kind == "list_item":
            score -= 2
        if title.rstrip().endswith((".", ";", ",")) and not title.lower().startswith("evt"):
            score -= 1
        if len(title) > 160:
            score -= 2
        nxt = [b.text[:160].strip() for b in blocks[i + 1 : i + 4]]
        if nxt and P.PRESENTER.match(nxt[0]):
            score += 3
        if any(P.CASE_ID.search(t) for t in nxt):
            score += 3
        if any(is_section_heading(t) for t in nxt[:2]):
            score += 1
        if i == 0 or blocks[i - 1].page != block.page:
            score += 1
        if i > 0 and blocks[i - 1].text.rstrip().endswith(":"):
            score -= 3  # "Initiativet består af tre hovedelementer:" then "1. Fælles …"
        key = _key(title)
        if toc_titles and (key in toc_titles or any(key.startswith(t) for t in toc_titles if t)):
            score += 4
        out.append(Candidate(index=i, number=number, title=title, score=score))
    return out


def best_chain(candidates: list[Candidate]) -> list[Candidate]:
    """The chain of consecutive numbers with the highest total score (dynamic programming)."""
    best: list[float] = []
    prev: list[int] = []
    for k, cand in enumerate(candidates):
        best.append(cand.score)
        prev.append(-1)
        for j in range(k):
            if candidates[j].number == cand.number - 1 and best[j] + cand.score > best[k]:
                best[k] = best[j] + cand.score
                prev[k] = j
    if not candidates:
        return []
    k = max(range(len(candidates)), key=lambda n: (best[n], -n))
    chain: list[Candidate] = []
    while k != -1:
        chain.append(candidates[k])
        k = prev[k]
    chain.reverse()
    return chain


def split_closed(title: str) -> tuple[str, bool]:
    """`Arkitektur for … – LUKKET PUNKT` → (`Arkitektur for …`, True)."""
    stripped = P.CLOSED_MARK.sub("", title)
    if stripped != title:
        return stripped.strip(), True
    stripped = P.CLOSED_PREFIX.sub("", title)
    if stripped != title:
        return stripped.strip(), True
    return title, False


def _extend_title(head: Block, title: str, body: list[Block]) -> tuple[str, list[Block]]:
    """Join a bold title split over two blocks (`… hverdagsrehabilitering for` / `ældre`)."""
    if not body or not head.bold:
        return title, body
    nxt = body[0]
    text = nxt.text.strip()
    if (
        nxt.bold
        and nxt.page == head.page
        and nxt.kind != "list_item"
        and len(text) < 120
        and not is_section_heading(text)
        and not P.PRESENTER.match(text)
        and not P.CASE_ID.search(text)
        and not _match_item(text)
        and not P.SUBITEM_LETTER.match(text)  # "a. Orientering om …" starts a sub-item
        and (
            text[:1].islower()
            or title.rstrip().endswith(("-", "for", "og", "i", "af", "til", "på"))
        )
    ):
        return f"{title} {text}", body[1:]
    return title, body


def clean_title(title: str) -> str:
    """Drop a trailing colon of a heading that introduces sub-items (`Høringssager:`)."""
    return " ".join(title.split()).rstrip(":").strip()


def segment(blocks: list[Block], min_score: float = 0.0) -> tuple[list[Block], list[Segment]]:
    """Split blocks into the preamble (cover, metadata) and item segments."""
    toc = toc_indices(blocks)
    chain = best_chain(find_candidates(blocks, toc))
    if not chain or sum(c.score for c in chain) <= min_score:
        return [b for i, b in enumerate(blocks) if i not in toc], []
    starts = [c.index for c in chain]
    closed_parts = [
        i
        for i, b in enumerate(blocks)
        if i not in toc and len(b.text) < 40 and P.CLOSED_PART.match(b.text.strip())
    ]
    preamble = [b for i, b in enumerate(blocks[: starts[0]]) if i not in toc]
    segments: list[Segment] = []
    in_closed_part = False
    for pos, cand in enumerate(chain):
        end = starts[pos + 1] if pos + 1 < len(starts) else len(blocks)
        body = [
            b for i, b in enumerate(blocks[cand.index + 1 : end], cand.index + 1) if i not in toc
        ]
        title, closed = split_closed(cand.title)
        lo = starts[pos - 1] if pos else 0
        if any(lo <= i < cand.index for i in closed_parts):
            in_closed_part = True
        title, body = _extend_title(blocks[cand.index], title, body)
        segments.append(
            Segment(
                number=str(cand.number),
                title=clean_title(title),
                page=blocks[cand.index].page,
                start=cand.index,
                blocks=body,
                closed=closed or in_closed_part,
                raw_title=title,
                level=blocks[cand.index].level if blocks[cand.index].kind == "heading" else 0,
            )
        )
    return preamble, segments
