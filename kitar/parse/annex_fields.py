"""Annexes of an item: `Bilag 1: … - FORTROLIGT`, the entries under a `Bilag` heading (a list,
a table's rows, a file's name a line) and lines of attached files' names (forms in
`pipelines/agenda.toml`, `[annex]`)."""

from __future__ import annotations

import re

from kitar.model import Annex, Block
from kitar.parse.agenda import agenda
from kitar.parse.fields import is_stop


def _annex(title: str, number: int | None, ref: str | None = None, closed: bool = False) -> Annex:
    stripped = agenda().annex_confidential.sub("", title).strip()
    confidential = closed or stripped != title.strip()
    return Annex(number=number, title=stripped.rstrip("."), confidential=confidential, ref=ref)


# Several annex entries that the layout merged into one block:
# "1 Åben Opsamlingsnotat 222359/12 2 Åben Politik for Kultur og Fritid 73288/09"
_ENTRY_SPLIT = re.compile(r"\s+(?=\d{1,3}\.?\s+(?:Åben|Lukket)\s)|\s+(?=\d{4}-\d{3,}\s+[-–]\s)")


def _entries(blocks: list[Block], start: int) -> list[tuple[list[int], str, str]]:
    """Entries under a `Bilag` heading: (block indices, text, kind), table rows joined."""
    out: list[tuple[list[int], str, str]] = []
    row: list[int] = []
    width = 0  # cells per row, learnt from the first complete row

    def flush() -> None:
        nonlocal row, width
        if row:
            out.append((row, " ".join(blocks[k].text.strip() for k in row), "row"))
            width = width or len(row)
            row = []

    for i in range(start, len(blocks)):
        block = blocks[i]
        text = block.text.strip()
        if block.kind == "table_cell":
            # A Word table row: "1" | "Åben" | "Opsamlingsnotat" | "222359/12".
            if (text.isdigit() and row) or (width and len(row) == width):
                flush()
            if not row and not text.isdigit():
                break  # the next table (e.g. a signature page), not an annex row
            row.append(i)
            continue
        flush()
        if is_stop(block) or block.kind == "heading" or agenda().annex_numbered.match(text):
            break
        for part in _ENTRY_SPLIT.split(text):
            out.append(([i], part.strip(), block.kind))
    flush()
    return out


def _parse_entry(text: str, kind: str) -> Annex | None:
    em = agenda().annex_edoc.match(text)
    if em:
        return _annex(em.group("title"), None, ref=em.group("ref"))
    am = agenda().annex_access.match(text)
    if am:
        return _annex(
            am.group("title"),
            int(am.group("num")),
            am.group("ref"),
            closed=am.group("access") == "Lukket",
        )
    if kind == "list_item" and len(text) < 200:
        return _annex(text, None)
    return None


# A line of attached files' names is short; longer text is running prose.
ANNEX_LINE_MAX_CHARS = 2000


def _file_names(text: str) -> list[str]:
    """`Arbejdsplan_2025.pdf Vision_2025-27.pdf`: a line that is only attached files' names."""
    if len(text) > ANNEX_LINE_MAX_CHARS:
        return []
    names = agenda().annex_file.findall(text)
    rest = agenda().annex_file.sub("", text).strip(" ,;")
    return names if names and not rest else []


def _numbered_run(text: str) -> list[tuple[int, str]]:
    """`Bilag 1: Budgetnotat Bilag 2: Tidsplan` → (1, "Budgetnotat"), (2, "Tidsplan"): a line
    of numbered annexes, cut where the next number follows on (else one annex)."""
    parts = agenda().annex_numbered_next.split(text)[::2]  # the split keeps the number too
    found = [m for part in parts if (m := agenda().annex_numbered.match(part.strip()))]
    numbers = [int(m.group("num")) for m in found]
    if len(found) != len(parts) or numbers != list(range(numbers[0], numbers[0] + len(numbers))):
        whole = agenda().annex_numbered.match(text)
        return [(int(whole.group("num")), whole.group("title"))] if whole else []
    return [(n, m.group("title")) for n, m in zip(numbers, found, strict=True)]


def annexes(blocks: list[Block], used: set[int]) -> list[Annex]:
    """`Bilag 1: … - FORTROLIGT`, the entries under a `Bilag` heading, and lines of file names."""
    out: list[Annex] = []
    for i, block in enumerate(blocks):
        if i in used:
            continue  # an entry of a `Bilag` list already taken ("Bilag:" / "• Notat.pdf")
        text = block.text.strip()
        files = _file_names(text) if i < 3 else []
        if files:
            out.extend(Annex(number=None, title=name) for name in files)
            used.add(i)
            continue
        m = agenda().annex_numbered.match(text)
        if m:
            out.extend(_annex(title, num) for num, title in _numbered_run(text))
            used.add(i)
            continue
        if not agenda().annex_heading.match(text):
            continue
        used.add(i)
        for indices, entry, kind in _entries(blocks, i + 1):
            files = _file_names(entry)  # "Bilag" then a file's name a line, no list marks
            found = [Annex(number=None, title=n) for n in files]
            if not found and (annex := _parse_entry(entry, kind)) is not None:
                found = [annex]
            if not found:
                break
            out.extend(found)
            used.update(indices)
    return out
