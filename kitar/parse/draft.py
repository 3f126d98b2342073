"""Reading a filled-in minutes draft back: which meeting it is and the decisions typed in."""

from __future__ import annotations

import re

from kitar.model import Document, child_key

# The draft's contract with kitar.minutes.draft, which writes these: the paragraph style the
# secretary types decisions into, and the core-property category that marks a kitar draft.
BESLUTNING_STYLE = "Kitar Beslutning"
CATEGORY = "Referat"  # with keywords "kitar"

# "6. Arkitektur for …" (item), "a. Høringssvar …" (sub-item); the number before the dot.
_NUMBERED = re.compile(r"^(?P<number>\d+[a-z]?|[a-zæøå])\.\s")


def is_kitar_draft(doc: Document) -> bool:
    """A DOCX written by `kitar minutes` (its core properties say so)."""
    props = doc.properties
    return props is not None and props.category == CATEGORY and "kitar" in (props.keywords or "")


# A kitar draft made from a file, not a corpus meeting: still a draft, never real minutes.
UNKNOWN_MEETING = "?"


def draft_meeting_id(doc: Document) -> str | None:
    """The corpus meeting id stored in the draft's identifier property; UNKNOWN_MEETING for
    a kitar draft without one; None for any other document."""
    if not is_kitar_draft(doc) or doc.properties is None:
        return None
    return doc.properties.identifier or UNKNOWN_MEETING


def filled_decisions(doc: Document) -> dict[str, str]:
    """Item key → decision text typed into the `Kitar Beslutning` paragraphs.

    Keys are item numbers (`"6"`), sub-items `"3.a"` or, when unnumbered, `"3.1"` by position;
    several paragraphs of one decision are joined with a newline. Empty ones are left out.
    """
    decisions: dict[str, list[str]] = {}
    item_key: str | None = None
    key: str | None = None
    items = subs = 0
    for block in doc.blocks:
        if block.kind == "heading" and block.level in (1, 2) and block.style != "Title":
            m = _NUMBERED.match(block.text)
            if block.level == 1:
                items, subs = items + 1, 0
                item_key = key = m.group("number") if m else str(items)
            elif item_key is not None:
                subs += 1
                key = child_key(item_key, m.group("number") if m else None, subs)
        elif block.style == BESLUTNING_STYLE and key is not None and block.text.strip():
            decisions.setdefault(key, []).append(block.text.strip())
    return {k: "\n".join(v) for k, v in decisions.items()}
