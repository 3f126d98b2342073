"""Candidate item headings and the evidence for and against each (rules, not decisions).

Every block that has one of the heading forms of `pipelines/agenda.toml` is a candidate. Named
rules look at the candidate and its neighbours and return `Evidence` (rule, weight, note); the
chain in `kitar.parse.items` is chosen from the sums. Nothing here changes a block.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from kitar.model import Block
from kitar.parse import weights as W
from kitar.parse.agenda import agenda
from kitar.parse.closed import split_access
from kitar.parse.heading_notes import split_heading_notes
from kitar.parse.vocabulary import is_section_heading, section_headings

# Item titles every agenda has: "Evt.", "Eventuelt", "Meddelelser", "Godkendelse af dagsorden".
ROUTINE_TITLES = (
    "evt", "eventuelt", "meddelelser", "godkendelse af", "velkommen", "orientering", "spørgetid",
    "siden sidst", "fraværende", "bemærkninger", "underskrift",
)  # fmt: skip
# `Punkt 25 ”Foranalyse af …” behandles efter punkt 21.`: a sentence that names an item.
_QUOTED_REFERENCE = re.compile(r"^[”\"“«'’][^”\"“»']{3,}[”\"»'’]\s*[,.]?\s+\w")
# "Godkendelse af dagsorden ( )": an empty bracket left by a web template.
_EMPTY_BRACKETS = re.compile(r"\s*\(\s*\)\s*$")


@dataclass
class Evidence:
    rule: str
    weight: float
    note: str = ""


@dataclass
class Candidate:
    """A block that could be an item's heading."""

    index: int  # the block with the number
    number: int
    title: str
    form: str
    start: int  # first block of the heading (the title block when the number follows it)
    end: int  # last block of the heading (the title block when the title follows the number)
    evidence: list[Evidence] = field(default_factory=list)
    rest: str = ""  # text run into the heading after its title (known from a repeat of it)
    raw: str = ""  # the title as printed ("Høringssager:": a colon announces sub-items)
    repeat_of: int | None = None  # index of an earlier candidate this one repeats
    verdict: str = ""  # why it was or was not taken (for --explain)
    closed: bool = False  # the heading carried a closed marker (`Lukket punkt: …`), now gone
    case_id: str | None = None  # a case number in the heading's brackets (`… (2025-0123456)`)

    @property
    def score(self) -> float:
        return sum(e.weight for e in self.evidence)


def item_text(block: Block) -> str:
    """The block's text with a number marker the reader split off (`3.` + `Arkitektur …`)."""
    if not block.marker:
        return block.text
    marker = block.marker.strip()
    if marker and marker[:-1].isalnum() and marker[-1:] in ".)" and len(marker) <= 5:
        return f"{marker} {block.text.strip()}"
    return block.text


def page_margin(blocks: list[Block], k: int) -> bool:
    """A short line at a page break: the page's running header or footer
    (`Økonomiudvalget - Referat - 3. marts 2026`, `Side 2`) that a reader left in."""
    at_break = (k > 0 and blocks[k - 1].page != blocks[k].page) or (
        k + 1 < len(blocks) and blocks[k + 1].page != blocks[k].page
    )
    return at_break and len(blocks[k].text) <= W.PAGE_MARGIN_LINE_CHARS


def title_key(title: str) -> str:
    return " ".join(re.sub(r"[^\wæøå ]", " ", title.lower()).split())


def same_title(a: str, b: str) -> bool:
    """Whether two titles name the same item (a list entry may be cut or carry a page ref)."""
    ka, kb = title_key(a), title_key(b)
    if not ka or not kb:
        return False
    if ka.startswith(kb) or kb.startswith(ka):
        return min(len(ka), len(kb)) >= 4
    return SequenceMatcher(None, ka, kb).ratio() >= W.TITLE_MATCH


def clean_title(title: str) -> str:
    """`Godkendelse af dagsorden ( )` → `Godkendelse af dagsorden`; `Høringssager:` → no colon."""
    title = _EMPTY_BRACKETS.sub("", " ".join(title.split()))
    return title.rstrip(":").strip()


def _title_ok(title: str) -> bool:
    title = title.strip()
    if not title or len(title) > 250:
        return False
    # Titles start like titles; "7. 2030-fremskrivning af …" starts with a year.
    return title[0].isupper() or title[0] in "\"'”’«“" or bool(re.match(r"\d{4}\b", title))


def _title_block_ok(block: Block) -> bool:
    """A block that can stand as a title next to its number (`Pkt. 42` / `Beslutninger …`)."""
    text = block.text.strip()
    a = agenda()
    # Only an exact section heading ("Sagsfremstilling") is no title: "Høring om ny
    # skolestruktur" starts like the heading "Høring" and is a title all the same.
    exact_heading = text.rstrip(":").strip().lower() in section_headings()
    return (
        _title_ok(text)
        and len(text) <= W.LONG_TITLE_CHARS
        and not exact_heading
        and not a.case_id_in(text)
        and (
            bool(a.decision_not.match(text))  # "Beslutning om genåbning …" is a title
            or not any(d.pattern.match(text) for d in a.decision_labels if d.short)
        )
    )


# A block that is only a bracketed short name: "(KDI)", "(SAGERA)".
_BRACKETED_LINE = re.compile(r"^\([^()\n]{1,30}\)$")


def _in_annex_list(blocks: list[Block], i: int) -> bool:
    """Block i is an entry of a numbered annex list (`Bilag:` / `1. Notat om budget` / `2. …`):
    an annex, never an item."""
    a = agenda()
    j = i - 1
    while j >= 0 and i - j <= W.ANNEX_LIST_MAX_ENTRIES:
        text = item_text(blocks[j]).strip()
        if a.annex_heading.match(text):
            return True
        if not a.item_numbered.match(text):
            return False
        j -= 1
    return False


def match_heading(blocks: list[Block], i: int) -> Candidate | None:
    """The first heading form of `agenda.toml` that block `i` has, as a candidate."""
    text = item_text(blocks[i]).strip()
    if not text or len(text) > 400 or not (text[0].isdigit() or text[0] in "PpS" or " " in text):
        return None
    a = agenda()
    if text[0].isdigit() and _in_annex_list(blocks, i):
        return None
    if any(d.pattern.match(text) for d in a.decision_labels if not d.short):
        return None  # "Økonomiudvalgets beslutning den 13.04.2020 Punkt 4" is a decision label
    for form in a.headings:
        m = form.pattern.match(text)
        if not m:
            continue
        number = int(m.group("num"))
        start = end = i
        if form.title_next:
            if i + 1 >= len(blocks) or not _title_block_ok(blocks[i + 1]):
                continue
            title, end = blocks[i + 1].text.strip(), i + 1
        elif form.title_before and not m.groupdict().get("title"):
            if i == 0 or not _title_block_ok(blocks[i - 1]):
                continue
            title, start = blocks[i - 1].text.strip(), i - 1
        else:
            title = m.group("title").strip()
            if i + 1 < len(blocks) and _BRACKETED_LINE.match(blocks[i + 1].text.strip()):
                # "10. Status fra ’Kommunernes Data & Infrastruktur’" / "(KDI)": the title's
                # last line, set apart (a bracket alone is no paragraph)
                title, end = f"{title} {blocks[i + 1].text.strip()}", i + 1
        note = split_heading_notes(title.strip())
        shown, access = split_access(clean_title(note.title))
        if number == 0 or not _title_ok(shown) or a.annex_file.fullmatch(shown):
            continue  # a file's name ("1. Notat_om_budget.pdf") is an annex, not a title
        closed = access is True or note.closed is True
        return Candidate(
            i, number, shown, form.name, start, end, raw=title, closed=closed, case_id=note.case_id
        )
    return None


# ---- evidence rules ---------------------------------------------------------------------------

Rule = Callable[[list[Block], Candidate, "Context"], list[Evidence]]
RULES: list[tuple[str, Rule]] = []


def _rule(name: str) -> Callable[[Rule], Rule]:
    def register(fn: Rule) -> Rule:
        RULES.append((name, fn))
        return fn

    return register


@dataclass
class Context:
    """What the rules may know about the whole document."""

    body_size: float = 0.0
    list_titles: dict[int, str] = field(default_factory=dict)  # number → title in the item list


@_rule("form")
def _form(blocks: list[Block], c: Candidate, ctx: Context) -> list[Evidence]:
    return [Evidence(f"form:{c.form}", W.FORM.get(c.form, 0.0))]


def _list_number(block: Block) -> int | None:
    mark = (block.marker or "").rstrip(".)")
    return int(mark) if block.kind == "list_item" and mark.isdigit() else None


def _in_numbered_run(blocks: list[Block], i: int, number: int) -> bool:
    """A numbered list item next to the one before or after it in number: a list in the text
    ("1. Fælles …" / "2. …"); an item's heading stands apart from the next, its text between."""
    before = i > 0 and _list_number(blocks[i - 1]) == number - 1
    return before or (i + 1 < len(blocks) and _list_number(blocks[i + 1]) == number + 1)


@_rule("typography")
def _typography(blocks: list[Block], c: Candidate, ctx: Context) -> list[Evidence]:
    block = blocks[c.index]
    out = []
    if block.kind == "heading" or (block.style or "").lower().startswith(("heading", "overskrift")):
        out.append(Evidence("overskriftstypografi", W.HEADING_STYLE))
    if block.bold:
        out.append(Evidence("fed", W.BOLD))
    if ctx.body_size and block.size > ctx.body_size + 0.5:
        out.append(Evidence("større skrift", W.LARGER, f"{block.size:.1f} > {ctx.body_size:.1f}"))
    numbered = block.kind == "list_item" and not (block.marker and not block.marker[:1].isalnum())
    if numbered and _in_numbered_run(blocks, c.index, c.number):
        out.append(Evidence("nummereret listepunkt i en række", W.LIST_ITEM))
    if c.start == 0 or blocks[c.start - 1].page != blocks[c.start].page:
        out.append(Evidence("starter en side", W.PAGE_START))
    return out


@_rule("title")
def _title(blocks: list[Block], c: Candidate, ctx: Context) -> list[Evidence]:
    out = []
    low = c.title.lower()
    if low.startswith(ROUTINE_TITLES):
        out.append(Evidence("fast punkt", W.ROUTINE_TITLE))
    if c.title.rstrip().endswith((".", ";", ",")) and not low.startswith("evt"):
        out.append(Evidence("titlen slutter som en sætning", W.SENTENCE_END))
    if _QUOTED_REFERENCE.match(c.title):
        out.append(Evidence("en citeret titel i en sætning", W.QUOTED_REFERENCE))
    if len(c.title) > W.LONG_TITLE_CHARS:
        out.append(Evidence("lang titel", W.LONG_TITLE, f"{len(c.title)} tegn"))
    if c.start > 0 and blocks[c.start - 1].text.rstrip().endswith(":"):
        out.append(Evidence("efter et kolon", W.AFTER_COLON))
    elif _in_list_after_colon(blocks, c.start):
        out.append(Evidence("i en liste efter et kolon", W.AFTER_COLON))
    return out


def _in_list_after_colon(blocks: list[Block], i: int) -> bool:
    """Block i goes on a run of numbered list items that opened after a colon
    ("… tre hovedelementer:" / "1. Fælles …" / "2. …" / "3. Fælles rammer …")."""

    def number(block: Block) -> int | None:
        mark = (block.marker or "").rstrip(".)")
        return int(mark) if block.kind == "list_item" and mark.isdigit() else None

    j = i
    while j > 0 and (n := number(blocks[j])) is not None and number(blocks[j - 1]) == n - 1:
        j -= 1
    return j < i and j > 0 and blocks[j - 1].text.rstrip().endswith(":")


@_rule("neighbours")
def _neighbours(blocks: list[Block], c: Candidate, ctx: Context) -> list[Evidence]:
    a = agenda()
    out = []
    after = [b.text[:200].strip() for b in blocks[c.end + 1 : c.end + 1 + W.LOOKAHEAD]]
    before = [b.text[:200].strip() for b in blocks[max(0, c.start - 2) : c.start]]
    if after and a.presenter.match(after[0]):
        out.append(Evidence("oplægsholder lige efter", W.PRESENTER_NEXT))
    near = [t for t in after if a.case_id_in(t) or a.bare_case_id(t)]
    near += [t for t in before[-1:] if a.case_id_in(t) or a.bare_case_id(t)]
    if near:
        out.append(Evidence("sagsnummer lige ved", W.CASE_ID_NEAR, near[0][:40]))
    if any(is_section_heading(t) for t in after[:2]):
        out.append(Evidence("afsnitsoverskrift lige efter", W.SECTION_NEXT))
    if after and same_title(after[0], c.title) and len(after[0]) < len(c.title) + 12:
        out.append(Evidence("titlen gentaget", W.TITLE_REPEATED))
    listed = ctx.list_titles.get(c.number)
    if listed is not None and same_title(listed, c.title):
        out.append(Evidence("i punktlisten", W.IN_ITEM_LIST))
    elif ctx.list_titles and c.number not in ctx.list_titles:
        out.append(Evidence("ikke i punktlisten", W.NOT_IN_ITEM_LIST))
    return out


def _is_decision_line(text: str) -> bool:
    """A decision label as a line of its own (`Beslutning`, `Beslutning i … den …:`)."""
    a = agenda()
    if a.decision_not.match(text):
        return False
    return any(
        d.pattern.match(text) and (not d.short or len(text) < W.DECISION_LINE_MAX_CHARS)
        for d in a.decision_labels
    )


@_rule("decision")
def _decision(blocks: list[Block], c: Candidate, ctx: Context) -> list[Evidence]:
    """A decision label before the next heading: minutes decide items, not list points."""
    for k in range(c.end + 1, min(len(blocks), c.end + 1 + W.SEGMENT_LOOKAHEAD)):
        text = blocks[k].text[:200].strip()
        if _is_decision_line(text):
            return [Evidence("beslutning i punktet", W.DECISION_IN_SEGMENT, text[:40])]
        if match_heading(blocks, k) is not None:
            break
    return []


def score(blocks: list[Block], cand: Candidate, ctx: Context) -> Candidate:
    """Attach the evidence of every rule to the candidate."""
    for _name, rule in RULES:
        cand.evidence.extend(rule(blocks, cand, ctx))
    return cand


def body_font_size(blocks: list[Block]) -> float:
    sizes = sorted(b.size for b in blocks if b.size)
    return sizes[len(sizes) // 2] if sizes else 0.0
