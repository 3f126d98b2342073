"""The list of items at the top of an agenda (`Indholdsfortegnelse`, `PUNKTER`, a bare list).

The list is evidence for the body headings, not a competitor: its entries are items even when
their bodies are cut off. Also splits flattened text where a page of a web export or a PDF text
dump ran the list (or a heading) into one line.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, replace

from kitar.model import Block
from kitar.parse import weights as W
from kitar.parse.agenda import agenda
from kitar.parse.candidates import (
    Candidate,
    clean_title,
    match_heading,
    page_margin,
    same_title,
)


@dataclass
class ListEntry:
    index: int
    number: int
    title: str
    closed: bool = False


@dataclass
class ItemList:
    entries: list[ListEntry]
    indices: set[int]  # blocks that belong to the list (entries, its heading, part labels)
    reason: str

    def titles(self) -> dict[int, str]:
        return {e.number: e.title for e in self.entries}


# "… for åbne døre...i 89. Til efterretning - Kvartalsrapport …": a number that opens an entry.
_ENTRY_START = re.compile(r"(?:^|(?<=\s)|(?<=\.\.)|(?<=[a-zæøå]))(?P<num>\d{1,4})\.\s+(?=[A-ZÆØÅ])")
# A list heading glued to the first entry: "Indholdsfortegnelse1. Fraværende".
_GLUED_HEADING = re.compile(r"^(?P<head>[A-ZÆØÅa-zæøå]{5,30})(?P<rest>\d{1,4}\.\s+\S.*)$", re.S)


# A flattened run of only two numbered entries counts when the text has this many leader page
# references ("…Dallund Slot...ii"), or one and is a numbered list item: entries of a table of
# contents, not numbers in a sentence.
MIN_LEADERS_FOR_PAIR = 2


def _split_runs(text: str, min_run: int = 3) -> list[str] | None:
    """Split a flattened line before each entry of a consecutive numbered run (≥ 3 entries)."""
    starts = [(m.start(), int(m.group("num"))) for m in _ENTRY_START.finditer(text)]
    best: list[tuple[int, int]] = []
    for k in range(len(starts)):
        run = [starts[k]]
        for pos, num in starts[k + 1 :]:
            if num == run[-1][1] + 1:
                run.append((pos, num))
        if len(run) > len(best):
            best = run
    if len(best) < min_run:
        return None
    cuts = [0, *(pos for pos, _ in best), len(text)]
    return [text[a:b].strip() for a, b in itertools.pairwise(cuts) if text[a:b].strip()]


def unglue(blocks: list[Block]) -> list[Block]:
    """Split list headings glued to an entry, and flattened runs of numbered entries."""
    a = agenda()
    out: list[Block] = []
    for block in blocks:
        text = block.text.strip()
        gm = _GLUED_HEADING.match(text)
        if gm and a.list_heading.match(gm.group("head")):
            out.append(replace(block, text=gm.group("head"), kind="heading", marker=None))
            text = gm.group("rest")
            block = replace(block, text=text, marker=None)
        # a numbered line the reader made a list item keeps its number in the marker:
        # "92." + "Henvendelse …...iv 93. Årsberetning … v 94. Tillægsbevilling …"
        numbered = (block.marker or "").rstrip(".").isdigit() and block.kind == "list_item"
        whole = f"{block.marker} {text}" if numbered else text
        parts = _split_runs(whole) if len(text) > 80 else None
        leaders = len(_LEADER_REF.findall(whole)) + numbered  # a list item's own number counts
        if parts is None and leaders >= MIN_LEADERS_FOR_PAIR:
            # two entries of a list with page references ("…et medlem...iv 93. Årsberetning …"):
            # the reader's line break took the run's other entries
            parts = _split_runs(whole, min_run=2)
        if parts is None:
            out.append(block if block.text == text else replace(block, text=text))
            continue
        for part in parts:
            out.append(replace(block, text=part, kind="paragraph", marker=None))
    return out


# A page reference made of a leader: "...ii", "........3", "…" (bare "Budget xiii" is looser).
_LEADER_REF = re.compile(r"\s*(?:\.{2,}|…+|(?:\. ){3,})\s*(?:[ivxlc]{1,6}|\d{1,3})?(?=\s|$)")


def has_leader(title: str) -> bool:
    return bool(_LEADER_REF.search(title))


def strip_page_ref(title: str, bare: bool) -> tuple[str, str]:
    """(`title`, what follows its page reference).

    `Dallund Slot...ii Til behandling - for åbne døre...iii` → (`Dallund Slot`,
    `Til behandling - for åbne døre`): a flattened list runs part labels into the entries.
    A bare trailing page number (`Budget xiii`, `Meddelelser 3`) goes only when `bare`: the list
    is announced or led, so a title that ends in a number is a page reference.
    """
    m = _LEADER_REF.search(title)
    if m and title[: m.start()].strip():
        head, rest = title[: m.start()].strip(), title[m.end() :].strip()
        return head, _LEADER_REF.sub("", rest).strip()
    if bare:
        stripped = agenda().page_ref.sub("", title).strip()
        if stripped:
            return stripped, ""
    return title.strip(), ""


def _closed_title(title: str) -> tuple[str, bool]:
    from kitar.parse.closed import split_access

    title, access = split_access(title)
    return title, access is True


def _entry(blocks: list[Block], i: int) -> Candidate | None:
    if len(blocks[i].text) > W.LIST_ENTRY_MAX_CHARS:
        return None
    cand = match_heading(blocks, i)
    # an entry is one block, or its number and then its title ("49." / "Godkendelse …": a
    # list set as a table, one cell a line)
    if cand is None or cand.start != i or cand.end not in (i, i + 1):
        return None
    return cand


def _filler(block: Block) -> bool:
    """Blocks allowed between two entries: part labels and short captions (`Punkt nr. Side`)."""
    a = agenda()
    text = block.text.strip()
    return bool(
        a.open_part.match(text)
        or a.closed_part.match(text)
        or a.list_heading.match(text)
        or bool(agenda().list_column_header.match(text))
        or bool(_LEADER_REF.fullmatch(text))
    )


def find_item_list(blocks: list[Block], body: list[Candidate]) -> ItemList | None:
    """The runs of consecutive numbered entries that form the list of items, if any.

    A run counts as the list when a list heading announces it, when its entries carry page
    references, or when its entries come back later as headings with the same number and title.
    """
    a = agenda()
    entries: dict[int, Candidate] = {}
    for i in range(len(blocks)):
        entry = _entry(blocks, i)
        if entry:
            entries[i] = entry
    runs: list[list[int]] = []
    for i in sorted(entries):
        if runs:
            last = runs[-1][-1]
            gap = range(entries[last].end + 1, i)
            if (
                entries[i].number == entries[last].number + 1
                and len(gap) <= 2
                and all(_filler(blocks[k]) or page_margin(blocks, k) for k in gap)
            ):
                runs[-1].append(i)
                continue
        runs.append([i])
    found: list[ItemList] = []
    prev_end = -1
    for run in runs:
        head = [blocks[k].text.strip() for k in range(max(0, prev_end + 1, run[0] - 3), run[0])]
        prev_end = run[-1]
        announced = any(a.list_heading.match(t) for t in head)
        refs = sum(has_leader(entries[k].title) for k in run)
        # One entry is a list only when announced and led to a page number (a one-item TOC).
        paged = all(
            has_leader(entries[k].title) or a.page_ref.search(entries[k].title) for k in run
        )
        if len(run) < W.LIST_MIN_ENTRIES and not (announced and paged):
            continue
        # Headings that come back after the run: only isolated ones (a numbered list repeated
        # in another item is a run again), and only when no isolated heading came before the
        # run (a list of items comes before the bodies, a list inside an item after them).
        in_runs = {k for r in runs if len(r) >= W.LIST_MIN_ENTRIES for k in r}
        before = [c for c in body if c.index < run[0] and c.index not in in_runs]
        later = [
            c
            for c in body
            if c.index > run[-1]
            and c.index not in in_runs
            and not before
            and any(
                c.number == entries[k].number
                and same_title(c.title, strip_page_ref(entries[k].title, True)[0])
                for k in run
            )
        ]
        if not (announced or refs * 2 >= len(run) or later):
            continue
        reason = (
            "varslet af en overskrift"
            if announced
            else "punkterne har sidehenvisninger"
            if refs * 2 >= len(run)
            else f"{len(later)} punkter går igen som overskrifter"
        )
        found.append(_build(blocks, run, entries, reason, bare=announced or refs * 2 >= len(run)))
    if not found:
        return None
    # A page may print the list more than once (links at the top, then the headings again
    # before the bodies): every such run is the list; the first one names the items.
    merged = found[0]
    for other in found[1:]:
        merged.indices |= other.indices
        known = {e.number for e in merged.entries}
        merged.entries.extend(e for e in other.entries if e.number not in known)
    merged.entries.sort(key=lambda e: e.number)
    return merged


def _build(
    blocks: list[Block], run: list[int], entries: dict[int, Candidate], reason: str, bare: bool
) -> ItemList:
    a = agenda()
    indices = set(range(run[0], entries[run[-1]].end + 1))
    for k in range(max(0, run[0] - 3), run[0]):
        if a.list_heading.match(blocks[k].text.strip()):
            indices.update(range(k, run[0]))
    # A part label right after the last entry is the list's own (an empty part: "Lukket
    # referat" with no entries under it), not a part of the bodies.
    k = entries[run[-1]].end + 1
    while k < len(blocks) and _filler(blocks[k]) and len(blocks[k].text) < 60:
        indices.add(k)
        k += 1
    out: list[ListEntry] = []
    closed_part = False
    members = set(run)
    titles = {entries[k].end for k in run if entries[k].end != k}
    for k in range(run[0], entries[run[-1]].end + 1):
        if k in titles:
            continue
        text = blocks[k].text.strip()
        trailer = ""
        if k in members:
            title, trailer = strip_page_ref(entries[k].title, bare)
            title, closed = _closed_title(clean_title(title))
            closed = closed or entries[k].closed or closed_part
            out.append(ListEntry(k, entries[k].number, title, closed))
        else:
            trailer = text
        # A part label, on its own or run into the entry before: "for lukkede døre".
        if a.closed_part.match(trailer):
            closed_part = True
        elif a.open_part.match(trailer):
            closed_part = False
    return ItemList(out, indices, reason)


def split_at_listed(blocks: list[Block], item_list: ItemList) -> list[Block] | None:
    """Cut a block where a listed item's heading was run into it (a flattened page:
    `Side i … for åbne døre 89. Til efterretning - Kvartalsrapport … J.nr.:`); None if no cut."""
    changed = False
    out: list[Block] = []
    listed = {e.number: e.title for e in item_list.entries}
    for i, block in enumerate(blocks):
        if i in item_list.indices:
            out.append(block)
            continue
        own = match_heading(blocks, i)
        # a listed heading of its own ("Pkt. 1. Orientering …"): its word before the number is
        # no text run into it, only what follows its title may be
        own_heading = own is not None and same_title(listed.get(own.number, ""), own.title)
        text = block.text
        cuts: list[int] = []
        for e in item_list.entries:
            head = re.escape(e.title).replace("\\ ", r"\s+")
            for m in re.finditer(rf"(?<![\d.])(?:{e.number})\.\s+{head}(?=\s|$)", text):
                if m.end() < len(text):
                    cuts.append(m.end())
                if m.start() > 0 and not (own_heading and own and own.number == e.number):
                    cuts.append(m.start())
        if not cuts:
            out.append(block)
            continue
        changed = True
        bounds = sorted({0, *cuts, len(text)})
        for a, b in itertools.pairwise(bounds):
            part = text[a:b].strip()
            if part:
                out.append(replace(block, text=part, marker=None))
    return out if changed else None
