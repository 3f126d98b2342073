"""Fields inside one item: presenters, recommendations, decisions, annexes, sections, ids."""

from __future__ import annotations

import re

from kitar.model import Annex, Block, Decision, Section
from kitar.parse import patterns as P
from kitar.parse.vocabulary import is_section_heading
from kitar.text.dates import parse_danish_date

# A recommendation list item may start with a marker left in the text: "- Giver opbakning …".
_LEADING_MARK = re.compile(r"^(?:[-–•▪]\s+|(?:[A-H]|\d{1,2})\)\s+|[Aa]t\s+(?:\d{1,2}\)\s+)?)")


_LEAD_WORD = re.compile(r"indstil|foreslår|anbefaler")
# "godkendes;", "planen, og" — what ends a clause in a list.
_TRAILING_JOINER = re.compile(r"(?:\s*[;,]\s*(?:og|samt|eller)?|\.)\s*$")
# "A) …", "2) …", "At 1) …"
_CLAUSE_START = re.compile(r"^(?:(?:[A-H]|\d{1,2})\)\s|[Aa]t\s+\d{1,2}\))")
_ANNEX_HEADING = re.compile(r"^Bilag\s*:?$", re.I)
_RECOMMEND_HEADING = re.compile(r"^(?:Indstilling(?:er)?|Forslag til beslutning)\s*:?$", re.I)


def clean_clause(text: str) -> str:
    """`At 1) Godkender planen;` → `Godkender planen`."""
    text = _LEADING_MARK.sub("", " ".join(text.split()))
    text = _TRAILING_JOINER.sub("", text)
    return text.strip()


def is_stop(block: Block) -> bool:
    """A block that ends a running field (decision text, annex list, recommendation list)."""
    text = block.text.strip()
    if P.PRESENTER.match(text) or is_section_heading(text):
        return True
    if "eslutning" not in text[:160] and not P.ABSENT_LEAD.match(text):
        return False
    return bool(
        P.DECISION_DATED.match(text)
        or P.DECISION_GENITIVE.match(text)
        or P.ABSENT_LEAD.match(text)
        or P.PRESENTER.match(text)
        or (P.DECISION_PLAIN.match(text) and len(text) < 40)
    )


# ---- recommendations -------------------------------------------------------------------


def _split_clauses(text: str) -> list[str]:
    """`A) Godkendes. B) Indgår i …` → two clauses; text without markers stays one."""
    parts = [p for p in P.CLAUSE_SPLIT.split(text) if p.strip()]
    return [clean_clause(p) for p in parts if clean_clause(p)]


def recommendations(blocks: list[Block], used: set[int]) -> list[str]:
    """Clauses after `Det indstilles, at`, `Direktøren indstiller, at`, … (lead-in removed)."""
    out: list[str] = []
    i = 0
    while i < len(blocks):
        if i in used:
            i += 1
            continue
        if _RECOMMEND_HEADING.match(blocks[i].text.strip()):
            # "Indstilling" followed directly by a list (kitar's own drafts, some templates).
            j = i + 1
            while j < len(blocks) and blocks[j].kind == "list_item" and j not in used:
                out.extend(_split_clauses(blocks[j].text) or [clean_clause(blocks[j].text)])
                used.add(j)
                j += 1
            if j > i + 1:
                i = j
                continue
        head = blocks[i].text[:200]
        m = P.RECOMMEND_LEAD.match(blocks[i].text.strip()) if _LEAD_WORD.search(head) else None
        if not m:
            i += 1
            continue
        used.add(i)
        rest = m.group("rest").strip()
        listed: list[str] = []
        j = i + 1
        while j < len(blocks) and j not in used:
            nxt = blocks[j]
            text = nxt.text.strip()
            if nxt.kind == "list_item" or _CLAUSE_START.match(text):
                listed.extend(_split_clauses(text) or [clean_clause(text)])
                used.add(j)
                j += 1
                continue
            break
        if listed:
            # "Det indstilles, at It-Arkitekturrådet:" + list → the list items are the clauses.
            if rest and not rest.endswith(":"):
                out.extend(_split_clauses(rest))
            out.extend(c for c in listed if c)
        elif rest:
            out.extend(_split_clauses(rest.rstrip(":")))
        i = j
    return out


# ---- decisions --------------------------------------------------------------------------


def decisions(blocks: list[Block], used: set[int]) -> tuple[list[Decision], list[str]]:
    """Every decision block in order, with body and date when the header gives them."""
    out: list[Decision] = []
    absent_all: list[str] = []
    i = 0
    while i < len(blocks):
        text = blocks[i].text.strip()
        if "eslutning" not in text[:160]:  # cheap pre-check before the decision patterns
            i += 1
            continue
        m = P.DECISION_DATED.match(text) or P.DECISION_GENITIVE.match(text)
        plain = None if m else P.DECISION_PLAIN.match(text)
        if not m and not (
            plain and (blocks[i].kind == "heading" or len(text) < 40 or ":" in text[:12])
        ):
            i += 1
            continue
        used.add(i)
        body = m.group("body").strip() if m else None
        when = parse_danish_date(m.group("date")) if m else None
        rest = (m or plain).group("rest").strip() if (m or plain) else ""  # type: ignore[union-attr]
        parts = [rest] if rest else []
        absent: list[str] = []
        in_absent = False
        j = i + 1
        while j < len(blocks):
            nxt = blocks[j]
            t = nxt.text.strip()
            am = P.ABSENT_LEAD.match(t)
            if am:
                used.add(j)
                in_absent = True
                names = am.group("rest").strip()
                if names:
                    absent.extend(n.strip() for n in re.split(r",\s*|\s+og\s+", names) if n.strip())
                j += 1
                continue
            if (
                is_stop(nxt)
                or nxt.kind in ("heading", "table_cell")
                or P.ANNEX_NUMBERED.match(t)
                or _starts_item_like(t)
            ):
                break
            if in_absent and len(t) < 60:
                absent.append(t)  # names listed under "Fraværende:" one per line
                used.add(j)
                j += 1
                continue
            parts.append(t)
            used.add(j)
            j += 1
        text = "\n".join(parts).strip()
        if text or body or when:  # an empty `Beslutning` field in an unfilled draft is no decision
            out.append(Decision(text=text, body=body, date=when, absent=absent))
        absent_all.extend(absent)
        i = j
    return out, absent_all


def _starts_item_like(text: str) -> bool:
    return bool(P.SUBITEM_LETTER.match(text) and len(text) < 120)


# ---- annexes ----------------------------------------------------------------------------


def _annex(title: str, number: int | None, ref: str | None = None, closed: bool = False) -> Annex:
    stripped = P.CONFIDENTIAL_MARK.sub("", title).strip()
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
        if is_stop(block) or block.kind == "heading" or P.ANNEX_NUMBERED.match(text):
            break
        for part in _ENTRY_SPLIT.split(text):
            out.append(([i], part.strip(), block.kind))
    flush()
    return out


def _parse_entry(text: str, kind: str) -> Annex | None:
    em = P.ANNEX_EDOC.match(text)
    if em:
        return _annex(em.group("title"), None, ref=em.group("ref"))
    am = P.ANNEX_ACCESS.match(text)
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


def annexes(blocks: list[Block], used: set[int]) -> list[Annex]:
    """`Bilag 1: … - FORTROLIGT`, and the entries listed under a `Bilag` heading."""
    out: list[Annex] = []
    for i, block in enumerate(blocks):
        text = block.text.strip()
        m = P.ANNEX_NUMBERED.match(text)
        if m:
            out.append(_annex(m.group("title"), int(m.group("num"))))
            used.add(i)
            continue
        if not _ANNEX_HEADING.match(text):
            continue
        used.add(i)
        for indices, entry, kind in _entries(blocks, i + 1):
            annex = _parse_entry(entry, kind)
            if annex is None:
                break
            out.append(annex)
            used.update(indices)
    return out


# ---- sections and ids -------------------------------------------------------------------


def sections(blocks: list[Block]) -> list[Section]:
    """Text under each known section heading (`Baggrund`, `Sagsfremstilling`, …)."""
    out: list[Section] = []
    heading: str | None = None
    parts: list[str] = []
    for block in blocks:
        text = block.text.strip()
        if is_section_heading(text) and len(text) < 80:
            if heading is not None or parts:
                out.append(Section(heading=heading or "", text="\n".join(parts)))
            heading, parts = text.rstrip(":").strip(), []
        else:
            parts.append(("- " if block.kind == "list_item" else "") + text)
    if heading is not None or parts:
        out.append(Section(heading=heading or "", text="\n".join(parts)))
    return [s for s in out if s.text or s.heading]


def ids(blocks: list[Block]) -> tuple[str | None, str | None]:
    """The item's case and document numbers: `Sagsnr.: 2012-28504`, `Dok.nr.: 2012-203438`."""
    case_id = doc_id = None
    head = blocks[:8]
    for k, block in enumerate(head):
        text = block.text[:160]  # ids stand on short label lines, not in running text
        # A table row puts label and value in two cells: "Sagsnr.:" | "12/27845".
        nxt = head[k + 1].text.strip() if k + 1 < len(head) else ""
        if P.ID_LABEL_ONLY.match(text.strip()) and nxt:
            text = f"{text.strip()} {nxt}"
        if case_id is None and (m := P.CASE_ID.search(text)):
            case_id = m.group("id")
        if doc_id is None and (m := P.DOC_ID.search(text)):
            doc_id = m.group("id")
    return case_id, doc_id
