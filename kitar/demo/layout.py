"""The renderer's input: parts of a document (blocks + page break + sidebar), and their text.

`expected_body` is what `kitar reflow` should print for a rendered document: the source
blocks, one per paragraph, bullets as `- `, with sidebar, header and footer gone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from kitar.demo.vocab import COUNCIL_ADDRESS
from kitar.model import Block

# Render hints carried in Block.style (only the demo renderers read them).
STYLE_LEFT = "left"  # ragged right instead of justified (presenter lines, annex lines)
# a list whose "\n"-separated entries are laid out in two columns, read left column first
STYLE_COLUMNS = "columns"


@dataclass
class Part:
    """A run of blocks; `new_page` starts it on a fresh page, `sidebar` puts a letterhead there."""

    blocks: list[Block] = field(default_factory=list)
    sidebar: dict[str, str] | None = None
    new_page: bool = True


@dataclass
class RenderResult:
    path: Path
    pages: int
    # (part index, block index) → 1-based page where the block starts
    block_pages: dict[tuple[int, int], int] = field(default_factory=dict)


def kl_sidebar(
    date: str, case_id: str, doc_id: str, email: str, phone: str, address: tuple[str, ...]
) -> dict[str, str]:
    """A KL-style memo letterhead. Keys starting with `_` are printed verbatim."""
    return {
        "_title": "NOTAT",
        "Dato": date,
        "_gap1": "",
        "Sags ID": case_id,
        "Dok. ID": doc_id,
        "_gap2": "",
        "E-mail": email,
        "Direkte": phone,
        "_gap3": "",
        "_address": "\n".join(address),
        "_gap4": "",
        "_web": "www.kl.dk",
        "_page": "Side {page} af {pages}",
    }


def sidebar_from_metadata(meta: dict[str, str]) -> dict[str, str]:
    """A letterhead carrying a read document's metadata (ISO `date`, `case_id`, `doc_id`)."""
    from datetime import date

    from kitar.demo.text import long_date

    day = meta.get("date", "")
    shown = long_date(date.fromisoformat(day)) if day else ""
    return kl_sidebar(
        shown,
        meta.get("case_id", ""),
        meta.get("doc_id", ""),
        "SEK@kl.dk",
        "3371 0000",
        COUNCIL_ADDRESS,
    )


def block_text(block: Block) -> str:
    """One block as `kitar reflow` prints it: list items as `- text`, indented by level."""
    if block.style == STYLE_COLUMNS:
        return "\n".join(f"- {entry}" for entry in block.text.split("\n"))
    if block.kind == "list_item":
        marker = block.marker or ""
        if not marker[:1].isdigit():  # numbered entries keep their number: "1. Fælles rammer"
            marker = "-"
        return "  " * block.level + f"{marker} {block.text}"
    return block.text


def expected_body(parts: list[Part]) -> str:
    """The reflowed body text the rendered PDF must read back to (`kitar reflow`'s format:
    a blank line between blocks, none between the items of one list)."""
    out: list[str] = []
    previous: Block | None = None
    for block in (b for part in parts for b in part.blocks):
        if previous is not None and not (previous.kind == block.kind == "list_item"):
            out.append("")
        out.append(block_text(block))
        previous = block
    return "\n".join(out) + "\n"
