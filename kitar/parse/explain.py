"""`kitar parse --explain`: every candidate heading, its evidence, and why it was taken or not."""

from __future__ import annotations

from kitar.model import Document
from kitar.parse.meeting import analyse_document


def _fmt(weight: float) -> str:
    return f"{weight:+.1f}"


def explain(doc: Document) -> list[str]:
    """Plain-text lines: the meeting verdict, the list of items, then each candidate."""
    parsed = analyse_document(doc)
    an, verdict = parsed.analysis, parsed.verdict
    lines = [
        f"møde: {'ja' if verdict.is_meeting else 'nej'} — " + "; ".join(verdict.reasons),
    ]
    if an.item_list:
        entries = ", ".join(
            f"{e.number}{' (lukket)' if e.closed else ''}" for e in an.item_list.entries
        )
        lines.append(f"punktliste ({an.item_list.reason}): {entries}")
    else:
        lines.append("punktliste: ingen fundet")
    chosen = {c.index for c in an.chain}
    for c in an.candidates:
        mark = "✓" if c.index in chosen else "·"
        page = an.blocks[c.index].page
        lines.append(f"{mark} blok {c.index} (s. {page}) {c.number}. {c.title[:70]}")
        lines.append(f"    form {c.form}; point {c.score:.1f}; {c.verdict or 'ikke vurderet'}")
        for e in c.evidence:
            note = f" ({e.note})" if e.note else ""
            lines.append(f"    {_fmt(e.weight)} {e.rule}{note}")
    items = parsed.meeting.items
    lines.append(
        f"punkter: {len(items)} ("
        + ", ".join(f"{i.number}{'*' if not i.sections and not i.decisions else ''}" for i in items)
        + "); * = kun i punktlisten eller uden brødtekst"
    )
    return lines
