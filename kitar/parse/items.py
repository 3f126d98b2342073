"""Choose the agenda items: the list of items, the chain of body headings, the segments.

Candidates carry evidence (`kitar.parse.candidates`); the body headings are the chain of
increasing numbers with the highest total score (dynamic programming), where a number may be
skipped only when the list of items names it (its body was cut off). Entries of the list that
have no body heading are items too. Every candidate keeps a verdict for `kitar parse --explain`.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field, replace

from kitar.model import Block
from kitar.parse import weights as W
from kitar.parse.agenda import agenda
from kitar.parse.candidates import (
    ROUTINE_TITLES,
    Candidate,
    Context,
    body_font_size,
    item_text,
    match_heading,
    same_title,
    score,
)
from kitar.parse.closed import access_of, split_closed
from kitar.parse.itemlist import ItemList, find_item_list, split_at_listed, unglue
from kitar.parse.vocabulary import is_section_heading

__all__ = ["ROUTINE_TITLES", "Analysis", "Segment", "item_text", "segment"]


@dataclass
class Segment:
    """An item's heading and the blocks that belong to it."""

    number: str | None
    title: str
    page: int
    start: int  # index of the heading block
    blocks: list[Block] = field(default_factory=list)
    closed: bool = False
    raw_title: str = ""  # as printed, e.g. "Høringssager:" (a colon announces sub-items)
    level: int = 0  # heading level of the item's title when the reader knows it (DOCX)
    listed_only: bool = False  # named in the list of items, body cut off or missing
    case_id: str | None = None  # a case number the heading printed (its body may print none)


@dataclass
class Analysis:
    """Everything the item finder saw and decided, for `--explain`."""

    blocks: list[Block]
    candidates: list[Candidate]
    item_list: ItemList | None
    chain: list[Candidate]


def _near(blocks: list[Block], end: int, start: int) -> bool:
    """Close enough for a repeat: a few blocks, or a short list of short lines (the item's
    annexes, `Bilag:` and a file a line, printed between the two)."""
    gap = blocks[end + 1 : start]
    return len(gap) < W.REPEAT_GAP or (
        len(gap) <= W.REPEAT_GAP_SHORT_LINES
        and all(len(b.text) < W.REPEAT_GAP_LINE_CHARS for b in gap)
    )


def _repeats(blocks: list[Block], cands: list[Candidate]) -> None:
    """Mark a candidate that repeats the one just before it (`1. Godkendelse …` twice, or
    `• Pkt. 42 Titel` then `Pkt. 42` + `Titel`): the item starts at the first."""
    for prev, cand in itertools.pairwise(cands):
        if (
            cand.number == prev.number
            and _near(blocks, prev.end, cand.start)
            and same_title(cand.title, prev.title)
            and prev.repeat_of is None
        ):
            cand.repeat_of = prev.index
            cand.verdict = f"gentager overskriften i blok {prev.index}"
            longer = prev.title
            if len(longer) > len(cand.title) and longer.startswith(cand.title):
                # "Pkt. 44 Ny strategiplan … Arbejdsplan.pdf" then "Ny strategiplan …": the
                # repeat shows where the title ends; the rest is the item's first text.
                prev.title, prev.rest = cand.title, longer[len(cand.title) :].strip()


def best_chain(cands: list[Candidate], listed: set[int]) -> list[Candidate]:
    """The increasing chain with the highest total score; a gap must be named by the list."""
    best: list[float] = []
    prev: list[int] = []
    for k, cand in enumerate(cands):
        best.append(cand.score)
        prev.append(-1)
        for j in range(k):
            step = cand.number - cands[j].number
            if step < 1 or cands[j].end >= cand.start:
                continue
            if step > 1 and not all(n in listed for n in range(cands[j].number + 1, cand.number)):
                continue
            if best[j] + cand.score > best[k]:
                best[k], prev[k] = best[j] + cand.score, j
    if not cands:
        return []
    k = max(range(len(cands)), key=lambda n: (best[n], -n))
    if best[k] <= W.MIN_CHAIN_SCORE:
        return []
    chain: list[Candidate] = []
    while k != -1:
        chain.append(cands[k])
        k = prev[k]
    chain.reverse()
    return chain


def split_presenter_tails(blocks: list[Block]) -> list[Block]:
    """A heading whose presenter line a reader ran into it ("6. Arkitektur … – LUKKET PUNKT v.
    Anna Holm, KL": the heading filled its line, the presenter followed one pitch below) is the
    heading and a presenter block."""
    out: list[Block] = []
    for i, block in enumerate(blocks):
        m = agenda().presenter_tail.search(block.text)
        if m and match_heading(blocks, i) is not None:
            out.append(replace(block, text=block.text[: m.start()].rstrip()))
            out.append(replace(block, kind="paragraph", text=m.group("rest"), marker=None))
        else:
            out.append(block)
    return out


def analyse(blocks: list[Block]) -> Analysis:
    """Candidates with evidence, the list of items and the chosen chain."""
    blocks = split_presenter_tails(unglue(blocks))
    raw = [c for i in range(len(blocks)) if (c := match_heading(blocks, i))]
    item_list = find_item_list(blocks, raw)
    if item_list and (cut := split_at_listed(blocks, item_list)) is not None:
        blocks = cut
        raw = [c for i in range(len(blocks)) if (c := match_heading(blocks, i))]
        item_list = find_item_list(blocks, raw)
    ctx = Context(body_size=body_font_size(blocks))
    if item_list:
        ctx.list_titles = item_list.titles()
        for c in raw:
            if c.index in item_list.indices:
                c.verdict = f"punkt i punktlisten ({item_list.reason})"
    body = [c for c in raw if not (item_list and c.index in item_list.indices)]
    for c in body:
        score(blocks, c, ctx)
    _repeats(blocks, body)
    free = [c for c in body if c.repeat_of is None]
    chain = best_chain(free, set(ctx.list_titles))
    taken = {c.index for c in chain}
    for c in free:
        c.verdict = "valgt" if c.index in taken else "ikke i den bedste nummerrække"
    return Analysis(blocks, raw, item_list, chain)


def _is_case_line(block: Block) -> bool:
    """`Sagsnr.: 24/101`, `Sagsnr. 16/34038 Dok.nr. … Åbent`, a bare `85.02.02-G01-1-17`."""
    a = agenda()
    text = block.text.strip()
    return len(text) < 160 and bool(a.bare_case_id(text) or a.case_line.match(text))


def _case_above(blocks: list[Block], chain: list[Candidate]) -> bool:
    """Whether this document prints the case number above the heading (`Sagsnr. 16/34038`
    then `1. Orientering …`) rather than below it: whichever the headings show more often."""
    above = sum(1 for c in chain if c.start > 0 and _is_case_line(blocks[c.start - 1]))
    below = sum(1 for c in chain if c.end + 1 < len(blocks) and _is_case_line(blocks[c.end + 1]))
    return above > below


def _case_lines_before(blocks: list[Block], start: int, floor: int) -> int:
    """Move an item's start back over its case-number lines printed above the heading."""
    k = start
    while k - 1 > floor and _is_case_line(blocks[k - 1]):
        k -= 1
    return k


def _end_of_meeting(blocks: list[Block], start: int, end: int) -> int:
    """A signature page (`Underskriftsside`) ends the last item."""
    a = agenda()
    for k in range(start, end):
        if a.meeting_end.match(blocks[k].text.strip()):
            return k
    return end


def _skip_repeated_title(blocks: list[Block], title: str) -> list[Block]:
    """Drop the heading's title printed again as the first line (`49. Titel` then `Titel`)."""
    if (
        blocks
        and same_title(item_text(blocks[0]), title)
        and len(blocks[0].text) < 2 * len(title) + 12
    ):
        return blocks[1:]
    return blocks


def segment(blocks: list[Block]) -> tuple[list[Block], list[Segment], Analysis]:
    """Split blocks into the preamble (cover, metadata), item segments, and the analysis."""
    an = analyse(blocks)
    blocks, chain, item_list = an.blocks, an.chain, an.item_list
    hidden = set(item_list.indices) if item_list else set()
    for c in an.candidates:
        if c.repeat_of is not None:
            hidden.update(range(c.start, c.end + 1))
    listed = {e.number: e for e in (item_list.entries if item_list else [])}
    if not chain and not listed:
        return [b for i, b in enumerate(blocks) if i not in hidden], [], an
    starts = []
    floor = -1
    above = _case_above(blocks, chain)
    for c in chain:
        s = _case_lines_before(blocks, c.start, max(floor, c.start - 3)) if above else c.start
        starts.append(s)
        floor = c.end
    first = min([*starts, *(e.index for e in listed.values())], default=len(blocks))
    preamble = [b for i, b in enumerate(blocks[:first]) if i not in hidden]
    a = agenda()
    segments: list[Segment] = []
    in_closed_part = False
    for pos, c in enumerate(chain):
        end = starts[pos + 1] if pos + 1 < len(chain) else len(blocks)
        if pos + 1 == len(chain):
            end = _end_of_meeting(blocks, c.end + 1, end)
        lo = c.end + 1 if pos == 0 else chain[pos - 1].end + 1
        for k in range(lo if pos else 0, c.start):
            text = blocks[k].text.strip()
            if k not in hidden and a.closed_part.match(text):
                in_closed_part = True
            elif k not in hidden and a.open_part.match(text):
                in_closed_part = False
        own_case = [blocks[k] for k in range(starts[pos], c.start)]
        if c.rest:
            own_case.append(replace(blocks[c.index], kind="paragraph", text=c.rest, marker=None))
        body = own_case + [
            b for i, b in enumerate(blocks[c.end + 1 : end], c.end + 1) if i not in hidden
        ]
        body = _skip_repeated_title(body[len(own_case) :], c.title)
        body = own_case + body
        title, closed = split_closed(c.title)
        entry = listed.get(c.number)
        closed = closed or c.closed or in_closed_part or bool(entry and entry.closed)
        access = next((access_of(b.text) for b in body[:4] if access_of(b.text) is not None), None)
        closed = closed or bool(access)
        head = blocks[c.index]
        title, body = _extend_title(head, title, body)
        segments.append(
            Segment(
                number=str(c.number),
                title=title,
                page=blocks[c.start].page,
                start=c.index,
                blocks=body,
                closed=closed,
                raw_title=c.raw or c.title,
                level=head.level if head.kind == "heading" else 0,
                case_id=c.case_id,
            )
        )
    found = {int(s.number or 0) for s in segments}
    for entry in listed.values():
        if entry.number not in found:
            segments.append(
                Segment(
                    number=str(entry.number),
                    title=entry.title,
                    page=blocks[entry.index].page,
                    start=entry.index,
                    closed=entry.closed,
                    raw_title=entry.title,
                    listed_only=True,
                )
            )
    segments.sort(key=lambda s: int(s.number or 0))
    return preamble, segments, an


def _extend_title(head: Block, title: str, body: list[Block]) -> tuple[str, list[Block]]:
    """Join a bold title split over two blocks (`… hverdagsrehabilitering for` / `ældre`)."""
    if not body or not head.bold:
        return title, body
    nxt = body[0]
    text = nxt.text.strip()
    a = agenda()
    if (
        nxt.bold
        and nxt.page == head.page
        and nxt.kind != "list_item"
        and len(text) < 120
        and not is_section_heading(text)
        and not a.presenter.match(text)
        and not a.case_id_in(text)
        and not match_heading([nxt], 0)
        and not a.subitem_letter.match(text)  # "a. Orientering om …" starts a sub-item
        and (
            text[:1].islower()
            or title.rstrip().endswith(("-", "for", "og", "i", "af", "til", "på"))
        )
    ):
        return f"{title} {text}", body[1:]
    return title, body
