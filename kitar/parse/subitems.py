"""Sub-items inside an item: lettered (`a.`–`e.`), decimal (`3.1`) or unnumbered headings."""

from __future__ import annotations

from dataclasses import dataclass, field

from kitar.model import Block
from kitar.parse.agenda import agenda
from kitar.parse.items import item_text
from kitar.parse.vocabulary import is_section_heading


@dataclass
class SubSegment:
    number: str | None
    title: str
    page: int
    blocks: list[Block] = field(default_factory=list)


def _letter_heads(blocks: list[Block], used: set[int]) -> list[tuple[int, str, str]]:
    """`a. Møder og konferencer`, `b. Konference …` — consecutive letters from `a`."""
    heads: list[tuple[int, str, str]] = []
    expected = "a"
    for i, block in enumerate(blocks):
        if i in used:
            continue
        if len(block.text) > 300:
            continue
        m = agenda().subitem_letter.match(item_text(block).strip())
        if m and m.group("letter") == expected:
            heads.append((i, m.group("letter"), m.group("title").strip()))
            expected = chr(ord(expected) + 1)
    if heads and heads[0][0] > 0 and agenda().rec_lead.match(blocks[heads[0][0] - 1].text.strip()):
        return []  # "Direktøren indstiller, at:" then "a) …" "b) …": clauses, not sub-items
    return heads if len(heads) >= 2 else []


def _decimal_heads(blocks: list[Block], parent: str, used: set[int]) -> list[tuple[int, str, str]]:
    heads = []
    for i, block in enumerate(blocks):
        if len(block.text) > 300 or (not block.text.lstrip()[:1].isdigit() and not block.marker):
            continue
        m = agenda().subitem_decimal.match(item_text(block).strip())
        if i not in used and m and m.group("parent") == parent:
            heads.append((i, m.group("sub"), m.group("title").strip()))
    return heads


def _is_title_like(block: Block) -> bool:
    text = block.text.strip()
    return (
        0 < len(text) < 120
        and text[:1].isupper()
        and not text.endswith((".", ",", ";"))
        and not is_section_heading(text)
        and not agenda().presenter.match(text)
        and not agenda().rec_lead.match(text)
        and not agenda().annex_numbered.match(text)
        and not agenda().decision_plain.match(text)
        and block.kind != "list_item"
    )


def _unnumbered_heads(blocks: list[Block], used: set[int]) -> list[tuple[int, str, str]]:
    """Under `3. Høringssager:` each report is a title followed by a presenter or a section."""
    heads = []
    for i, block in enumerate(blocks):
        if i in used or not _is_title_like(block):
            continue
        nxt = blocks[i + 1].text.strip() if i + 1 < len(blocks) else ""
        if block.kind == "heading" or agenda().presenter.match(nxt) or is_section_heading(nxt):
            heads.append((i, "", block.text.strip()))
    return heads


def _level_heads(blocks: list[Block], level: int) -> list[tuple[int, str, str]]:
    """In Word, a sub-item is a heading one level below its item (Heading 1 → Heading 2)."""
    return [
        (i, "", b.text.strip())
        for i, b in enumerate(blocks)
        if b.kind == "heading" and b.level == level + 1 and _is_title_like(b)
    ]


def split_subitems(
    number: str | None,
    raw_title: str,
    blocks: list[Block],
    used: set[int],
    level: int = 0,
) -> tuple[list[Block], list[SubSegment]]:
    """The item's own blocks and its sub-item segments."""
    heads = _letter_heads(blocks, used)
    style = "letter"
    if not heads and number:
        heads, style = _decimal_heads(blocks, number, used), "decimal"
    if not heads and level > 0:
        heads, style = _level_heads(blocks, level), "plain"
    if not heads and raw_title.rstrip().endswith(":"):
        heads, style = _unnumbered_heads(blocks, used), "plain"
        if len(heads) < 2:
            heads = []
    if not heads:
        return blocks, []
    own = blocks[: heads[0][0]]
    subs: list[SubSegment] = []
    for k, (idx, label, title) in enumerate(heads):
        end = heads[k + 1][0] if k + 1 < len(heads) else len(blocks)
        sub_number = None if style == "plain" else (f"{number}.{label}" if number else label)
        subs.append(
            SubSegment(
                number=sub_number,
                title=title.rstrip(":").strip(),
                page=blocks[idx].page,
                blocks=blocks[idx + 1 : end],
            )
        )
    return own, subs
