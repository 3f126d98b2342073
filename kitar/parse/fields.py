"""Fields inside one item: presenters, recommendations, decisions, annexes, sections, ids."""

from __future__ import annotations

import re

from kitar.model import Block, Decision, Section
from kitar.parse.agenda import DecisionLabel, agenda
from kitar.parse.candidates import item_text, page_margin
from kitar.parse.vocabulary import is_section_heading
from kitar.text.dates import parse_danish_date

# A recommendation list item may start with a marker left in the text: "- Giver opbakning …".
_LEADING_MARK = re.compile(
    r"^(?:[-–•▪]\s+|(?:[A-Ha-h]|\d{1,2})\)\s+|\d{1,2}\.\s+(?=\D))?(?:[Aa]t\s+(?:\d{1,2}\)\s+)?)?"
)


# A clause without a marker is a paragraph of at most this many characters (the longest clause
# in the eval set's keys has about 400; a case description's paragraph runs longer) ...
MAX_PLAIN_CLAUSE_CHARS = 600
# ... and at least this many words ("Godkendes som foreslået"; not a stray letter "B").
MIN_CLAUSE_WORDS = 2
_LEAD_WORD = re.compile(r"indstil|foreslår|anbefaler")
# "godkendes;", "planen, og" — what ends a clause in a list.
_TRAILING_JOINER = re.compile(r"(?:\s*[;,]\s*(?:og|samt|eller)?|\.)\s*$")
# "A) …", "2) …", "At 1) …"
_CLAUSE_START = re.compile(r"^(?:(?:[A-H]|\d{1,2})\)\s|[Aa]t\s+\d{1,2}\))")
_RECOMMEND_HEADING = re.compile(r"^(?:Indstilling(?:er)?|Forslag til beslutning)\s*:?$", re.I)


def clean_clause(text: str) -> str:
    """`At 1) Godkender planen;` → `Godkender planen`."""
    text = _LEADING_MARK.sub("", " ".join(text.split()))
    text = _TRAILING_JOINER.sub("", text)
    return text.strip()


def decision_label(
    block: Block, in_item: bool = True
) -> tuple[DecisionLabel, re.Match[str]] | None:
    """The decision label (`agenda.toml`) that opens this block, if any.

    `Beslutning om genåbning …` is a title, not a label; a plain `Beslutning` counts only as a
    short line, a heading or `Beslutning:`, never inside a sentence.
    """
    text = block.text.strip()
    a = agenda()
    if a.decision_not.match(text):
        return None
    for label in a.decision_labels:
        if label.in_item_only and not in_item:
            continue
        m = label.pattern.match(text)
        if not m:
            continue
        if label.short and not (block.kind == "heading" or len(text) < 40 or ":" in text[:14]):
            continue
        return label, m
    return None


def is_stop(block: Block) -> bool:
    """A block that ends a running field (decision text, annex list, recommendation list)."""
    text = block.text.strip()
    a = agenda()
    if a.presenter.match(text) or is_section_heading(text) or a.absent.match(text):
        return True
    if a.deciding_body.match(text) or a.meeting_end.match(text):
        return True
    return decision_label(block) is not None


# ---- recommendations -------------------------------------------------------------------


def _split_clauses(text: str) -> list[str]:
    """`A) Godkendes. B) Indgår i …` → two clauses; text without markers stays one."""
    parts = [p for p in agenda().rec_split.split(text) if p.strip()]
    return [clean_clause(p) for p in parts if clean_clause(p)]


def _clause(block: Block) -> str | None:
    """A clause of its own: a list item, `at dagsordenen godkendes`, `1. At der …`, `A) …`."""
    text = block.text.strip()
    if block.kind == "list_item" or _CLAUSE_START.match(text):
        return text
    m = agenda().rec_clause.match(item_text_of(block))
    return item_text_of(block) if m and len(text) < 600 else None


def item_text_of(block: Block) -> str:
    return item_text(block).strip()


def _collect(blocks: list[Block], j: int, used: set[int]) -> tuple[list[str], int]:
    """The clauses that follow a lead-in or an `Indstilling` heading, and where they end."""
    listed: list[str] = []
    while j < len(blocks) and j not in used:
        text = _clause(blocks[j])
        margin = text is None and page_margin(blocks, j) and j + 1 < len(blocks)
        if margin and _clause(blocks[j + 1]) is not None:
            # a page's running header between the lead-in and its clauses
            used.add(j)
            j += 1
            continue
        if text is None:
            break
        listed.extend(_split_clauses(text) or [clean_clause(text)])
        used.add(j)
        j += 1
    return listed, j


def _collect_plain(blocks: list[Block], j: int, used: set[int]) -> tuple[list[str], int]:
    """After a lead-in that announces a list ("Det indstilles, at:") whose markers were lost
    (a bullet glyph a printer could not set): the short paragraphs up to the next section."""
    listed: list[str] = []
    while j < len(blocks) and j not in used:
        block = blocks[j]
        text = block.text.strip()
        if block.kind == "heading" or is_stop(block) or len(text) > MAX_PLAIN_CLAUSE_CHARS:
            break
        if len(text.split()) >= MIN_CLAUSE_WORDS:
            listed.append(clean_clause(text))
        used.add(j)
        j += 1
    return [c for c in listed if c], j


def recommendations(blocks: list[Block], used: set[int]) -> list[str]:
    """Clauses after `Det indstilles, at`, `Direktøren indstiller, at`, … (lead-in removed)."""
    a = agenda()
    out: list[str] = []
    i = 0
    while i < len(blocks):
        if i in used:
            i += 1
            continue
        if a.rec_heading.match(blocks[i].text.strip()):
            # "Indstilling" followed directly by clauses (kitar's own drafts, some templates).
            listed, j = _collect(blocks, i + 1, used)
            if listed:
                out.extend(c for c in listed if c)
                i = j
                continue
        text = blocks[i].text.strip()
        inline = a.rec_inline_heading.match(text)
        if inline:  # "Indstilling: Forvaltningen indstiller, at …" on one line
            text = text[inline.end() :]
        m = a.rec_lead.match(text) if _LEAD_WORD.search(text[:200]) else None
        if not m and inline and (clause := a.rec_clause.match(text)):
            used.add(i)  # "Indstilling: At planen godkendes"
            listed, j = _collect(blocks, i + 1, used)
            out.extend([clean_clause(clause.group("text")), *(c for c in listed if c)])
            i = j
            continue
        if not m:
            i += 1
            continue
        used.add(i)
        rest = m.group("rest").strip()
        listed, j = _collect(blocks, i + 1, used)
        if not listed and (not rest or rest.endswith(":")):
            listed, j = _collect_plain(blocks, i + 1, used)
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

# A line of names under "Fraværende:": "Anne Ravn (A)", "Bo Lind, Carla Dam"; not "Godkendt.".
_NAME_LINE = re.compile(r"^[A-ZÆØÅ][\w\-.]*(?:[ ,]+(?:[A-ZÆØÅ(][\w\-.)]*|og|for|\(\w+\)))*$")


def _absent_names(text: str) -> list[str]:
    return [n.strip() for n in re.split(r",\s*|\s+og\s+", text) if n.strip()]


def decisions(blocks: list[Block], used: set[int]) -> tuple[list[Decision], list[str]]:
    """Every decision block in order, with body and date when the label gives them."""
    a = agenda()
    out: list[Decision] = []
    absent_all: list[str] = []
    i = 0
    while i < len(blocks):
        found = decision_label(blocks[i])
        if found is None:
            i += 1
            continue
        _label, m = found
        used.add(i)
        groups = m.groupdict()
        body = (groups.get("body") or "").strip() or None
        when = parse_danish_date(groups["date"]) if groups.get("date") else None
        rest, absent = _without_absent_lines((groups.get("rest") or "").strip())
        parts = [rest] if rest else []
        in_absent = False
        j = i + 1
        while j < len(blocks):
            nxt = blocks[j]
            t = nxt.text.strip()
            am = a.absent.match(t)
            if am:
                used.add(j)
                names = am.group("rest").strip()
                in_absent = not names
                absent.extend(_absent_names(names))
                j += 1
                continue
            if (
                is_stop(nxt)
                or (nxt.kind == "table_cell" and not _value_cell(blocks[i], nxt))
                or (nxt.kind == "heading" and (parts or is_section_heading(t)))
                or a.annex_numbered.match(t)
                or _starts_item_like(t)
            ):
                break
            if in_absent and len(t) < 60 and _NAME_LINE.match(t) and not t.endswith("."):
                absent.append(t)  # names listed under "Fraværende:" one per line
                used.add(j)
                j += 1
                continue
            in_absent = False
            t, names_inside = _without_absent_lines(t)
            absent.extend(names_inside)
            if t:
                parts.append(t)
            used.add(j)
            j += 1
        text = "\n".join(parts).strip()
        if text or body or when:  # an empty `Beslutning` field in an unfilled draft is no decision
            out.append(Decision(text=text, body=body, date=when, absent=absent))
        absent_all.extend(absent)
        i = j
    return out, absent_all


def _value_cell(label: Block, cell: Block) -> bool:
    """A label in a table's cell ("Beslutning" | "Godkendt.") has its value in the cell to its
    right, one block per paragraph; any other cell is the next row's, or another table."""
    return label.kind == "table_cell" and cell.level == label.level + 1


def _without_absent_lines(text: str) -> tuple[str, list[str]]:
    """A decision text with its `Fraværende: …` lines taken out as names (a reader that joined
    "Fraværende: Bo Lind" and "Indstillingen godkendt." into one block)."""
    if "\n" not in text and not agenda().absent.match(text):
        return text, []
    kept: list[str] = []
    names: list[str] = []
    for line in text.split("\n"):
        am = agenda().absent.match(line.strip())
        if am and am.group("rest").strip():
            names.extend(_absent_names(am.group("rest").strip()))
        else:
            kept.append(line)
    return "\n".join(kept).strip(), names


def _starts_item_like(text: str) -> bool:
    """A sub-item heading (`a. Møder …`, `1.3 Besøg af …`) ends a decision's text."""
    a = agenda()
    return len(text) < 120 and bool(a.subitem_letter.match(text) or a.subitem_decimal.match(text))


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
    """The item's case and document numbers: `Sagsnr.: 2012-28504`, `Dok.nr.: 2012-203438`,
    or a case number alone on its line in a shape that needs no label (`85.02.02-G01-1-17`)."""
    a = agenda()
    case_id = doc_id = None
    head = blocks[:8]
    for k, block in enumerate(head):
        text = block.text[:200].strip()  # ids stand on short label lines, not in running text
        # A table row puts label and value in two cells: "Sagsnr.:" | "12/27845".
        nxt = head[k + 1].text.strip() if k + 1 < len(head) else ""
        if (a.case_label_only.match(text) or a.doc_label_only.match(text)) and nxt:
            text = f"{text} {nxt}"
        if case_id is None:
            case_id = a.case_id_in(text) or a.bare_case_id(text)
        if doc_id is None and (m := a.doc_labelled.search(text)):
            doc_id = m.group("id")
    return case_id, doc_id
