"""Parse a reflowed Document into a Meeting: the `kitar.meeting/1` structure."""

from __future__ import annotations

from dataclasses import dataclass, replace

from kitar.model import Block, Decision, Document, Item, Meeting, MeetingInfo, Presenter, SourceInfo
from kitar.parse import fields, metadata
from kitar.parse import weights as W
from kitar.parse.agenda import agenda
from kitar.parse.annex_fields import annexes
from kitar.parse.closed import is_closed_line, split_closed
from kitar.parse.items import ROUTINE_TITLES, Analysis, Segment, segment
from kitar.parse.presenters import parse_presenters
from kitar.parse.subitems import split_subitems
from kitar.parse.vocabulary import is_section_heading

# A presenter line broken inside a name goes on in a block of at most this many characters
# ("v. … og Bo Lind" / "Dam, KL"): a name and an organisation.
PRESENTER_TAIL_CHARS = 60


def _name_goes_on(text: str, nxt: str) -> bool:
    """The presenter line ends in a name without its organisation and the next block is the
    rest of it: a short `Name, Organisation` (a printed extractor line break)."""
    last = text.split(" og ")[-1]
    return (
        "," not in last
        and "," in nxt
        and len(nxt) <= PRESENTER_TAIL_CHARS
        and nxt[:1].isupper()
        and not nxt.endswith((".", ":", ";"))
        and not is_section_heading(nxt)
        and not agenda().presenter.match(nxt)
    )


def _form_row(label: Block, value: Block | None) -> str | None:
    """A label cell and the cell to its right as one line (a form table's row, one block per
    cell), else None."""
    if value is None or not label.kind == value.kind == "table_cell":
        return None
    return f"{label.text.strip()} {value.text.strip()}" if value.level == label.level + 1 else None


def _presenters(blocks: list[Block], used: set[int]) -> list[Presenter]:
    """`v. Anna Holm, KL` under the title, or a sentence `Direktør Bo Lind vil præsentere …`."""
    a = agenda()
    people = []
    for i, block in enumerate(blocks[:4]):
        text = block.text.strip()
        # "Oplæg ved Anna Holm" opens like the section heading "Oplæg": the presenter form first
        if is_section_heading(text) and not a.presenter.match(text):
            break
        row = _form_row(block, blocks[i + 1] if i + 1 < len(blocks) else None)
        if row and a.presenter.match(row):
            # a form table's row: "Fremlægges af" | "Anna Holm, Økonomiafdelingen"
            people.extend(parse_presenters(row))
            used.update((i, i + 1))
            continue
        if a.presenter.match(text):
            if i + 1 < len(blocks) and _name_goes_on(text, blocks[i + 1].text.strip()):
                text = f"{text} {blocks[i + 1].text.strip()}"
                used.add(i + 1)
            people.extend(parse_presenters(text))
            used.add(i)
    if not people:
        for block in blocks:
            for m in a.presenter_sentence.finditer(block.text):
                people.append(Presenter(name=m.group("name"), role=m.group("role")))
    return people


def _deciding_body(blocks: list[Block], used: set[int]) -> str | None:
    """`Beslutningen træffes af` + `Byrådet`, `Beslutningskompetence: KB`: item data."""
    a = agenda()
    for i, block in enumerate(blocks):
        m = a.deciding_body.match(block.text.strip())
        if not m:
            continue
        used.add(i)
        value = m.group("rest").strip()
        if not value and i + 1 < len(blocks) and len(blocks[i + 1].text) < 80:
            value = blocks[i + 1].text.strip()
            used.add(i + 1)
        return value or None
    return None


def _fill(item: Item, blocks: list[Block]) -> None:
    used: set[int] = set()
    item.presenters = _presenters(blocks, used)
    item.case_id, item.doc_id = fields.ids(blocks)
    item.recommendations = fields.recommendations(blocks, used)
    item.annexes = annexes(blocks, used)
    presenter = agenda().presenter
    item.sections = fields.sections(
        [b for i, b in enumerate(blocks) if not (i in used and presenter.match(b.text.strip()))]
    )


def _build_item(seg: Segment) -> Item:
    item = Item(number=seg.number, title=seg.title, closed=seg.closed, page=seg.page)
    used: set[int] = set()
    for k, block in enumerate(seg.blocks[:2]):
        if is_closed_line(block.text):
            item.closed = True
            used.add(k)
    decisions, absent = fields.decisions(seg.blocks, used)
    deciding = _deciding_body(seg.blocks, used)
    remaining = [b for i, b in enumerate(seg.blocks) if i not in used]
    own, subs = split_subitems(seg.number, seg.raw_title, remaining, set(), seg.level)
    _fill(item, own)
    item.case_id = item.case_id or seg.case_id
    item.decisions = decisions
    item.absent = absent
    item.deciding_body = deciding
    for sub in subs:
        title, closed = split_closed(sub.title)
        child = Item(number=sub.number, title=title, closed=closed or item.closed, page=sub.page)
        _fill(child, sub.blocks)
        item.subitems.append(child)
    return item


# Section headings that only case documents have (a report also has "Baggrund" or "Indledning").
_CASE_SECTIONS = {
    "indstilling",
    "indstillinger",
    "beslutning",
    "beslutninger",
    "sagsfremstilling",
    "sagsbeskrivelse",
    "forslag til beslutning",
    "resumé",
    "resume",
}


def _has_evidence(item: Item) -> bool:
    return bool(
        item.presenters
        or item.recommendations
        or item.decisions
        or item.annexes
        or item.case_id
        or any(s.heading.lower() in _CASE_SECTIONS for s in item.sections)
        or any(_has_evidence(s) for s in item.subitems)
        or item.title.lower().startswith(ROUTINE_TITLES)
    )


def _apply_draft_decisions(doc: Document, items: list[Item]) -> None:
    """A filled `kitar minutes` draft: the decisions are what was typed into its fields."""
    from kitar.model import child_key
    from kitar.parse.draft import filled_decisions, is_kitar_draft

    if not is_kitar_draft(doc):
        return
    typed = filled_decisions(doc)
    for item in items:
        parent = item.number or ""
        children = [(child_key(parent, s.number, k), s) for k, s in enumerate(item.subitems, 1)]
        for key, target in [(parent, item), *children]:
            # The draft says exactly where each decision belongs; nothing typed means none.
            target.decisions = [Decision(text=typed[key])] if key in typed else []


def _date_from_decisions(info: MeetingInfo, items: list[Item]) -> None:
    """An extract without a cover page ("1. Meddelelser … Sundheds- og Forebyggelsesudvalgets
    beslutning den 04.12.2012 Punkt 1") still says when and by whom it was decided: the latest
    dated decision is this meeting's own (earlier ones are the item's history)."""
    stack, dated = list(items), list[Decision]()
    while stack:
        item = stack.pop()
        stack.extend(item.subitems)
        dated.extend(d for d in item.decisions if d.date)
    if dated:
        latest = max(dated, key=lambda d: d.date or "")
        info.date = latest.date
        if info.body is None and latest.body:
            info.body = latest.body


def _navigation(blocks: list[Block]) -> list[Block]:
    """Leave out a web page's navigation (`Til toppen`, `Fold alle ud`) and its toggle words
    (`fold dette punkt ind Resume` → `Resume`)."""
    a = agenda()
    out = []
    for block in blocks:
        text = block.text.strip()
        if not text or a.navigation.match(text):
            continue
        stripped = a.navigation_prefix.sub("", text)
        if stripped != text:
            out.append(replace(block, text=stripped))
            continue
        # A toggle run into the line before it by a reader: "… 2025 fold dette punkt ind
        # Resume" is the title and then the section heading `Resume`.
        m = a.navigation_inside.search(text)
        if m and m.start() > 0 and text[m.end() :].strip():
            out.append(replace(block, text=text[: m.start()].strip()))
            out.append(replace(block, text=text[m.end() :].strip(), kind="paragraph", marker=None))
            continue
        out.append(block)
    return out


@dataclass
class MeetingVerdict:
    """Whether the document is a meeting, and why (`kitar parse --explain`)."""

    is_meeting: bool
    reasons: list[str]


def meeting_verdict(preamble: list[Block], items: list[Item], listed: bool) -> MeetingVerdict:
    """A meeting has a title word (`Dagsorden`, `Referat`, `Generalforsamling` …), a list of
    items, or items that carry case evidence; a report's numbered chapters have none of these."""
    if not items:
        return MeetingVerdict(False, ["ingen dagsordenspunkter fundet"])
    a = agenda()
    head = " ".join(b.text for b in preamble[:30])[:4000]
    reasons = []
    if a.kind_minutes.search(head) or a.kind_agenda.search(head):
        reasons.append("titlen siger dagsorden eller referat")
    words = {m.group(0).lower() for m in a.meeting_words.finditer(head)}
    if len(words) >= 2:
        reasons.append(f"mødefelter på forsiden ({', '.join(sorted(words))})")
    share = sum(_has_evidence(i) for i in items) / len(items)
    if share >= W.EVIDENCE_SHARE:
        reasons.append(f"{share:.0%} af punkterne har sagsindhold")
    if listed and reasons:
        reasons.append("en punktliste")  # a report's table of contents is a list too
    if reasons:
        return MeetingVerdict(True, reasons)
    return MeetingVerdict(
        False,
        [
            f"nummererede overskrifter, men ingen dagsordenstitel, ingen mødefelter på forsiden, "
            f"og kun {share:.0%} af dem har sagsindhold (oplægsholdere, indstillinger, "
            "beslutninger, sagsnumre)"
        ],
    )


@dataclass
class Parsed:
    """A meeting with the analysis behind it (for `--explain`)."""

    meeting: Meeting
    analysis: Analysis
    verdict: MeetingVerdict


def parse_document(doc: Document) -> Meeting:
    """The meeting in a reflowed document; never raises on odd text, warns instead."""
    return analyse_document(doc).meeting


def analyse_document(doc: Document) -> Parsed:
    """`parse_document` with the evidence kept."""
    blocks = _navigation([b for b in doc.blocks if b.text.strip()])
    preamble, segments, analysis = segment(blocks)
    items = [_build_item(s) for s in segments]
    warnings = list(doc.warnings)
    verdict = meeting_verdict(preamble, items, analysis.item_list is not None)
    if items and not verdict.is_meeting:
        warnings.append(
            f"{doc.path}: numbered headings found, but no agenda structure (presenters, "
            "recommendations, decisions, case numbers); not treated as a meeting document"
        )
        preamble, items = analysis.blocks, []
    if not items and not any("no agenda structure" in w for w in warnings):
        warnings.append(f"{doc.path}: no agenda items found; is this a meeting document?")
    if doc.properties is not None:  # a DOCX: perhaps a filled-in kitar draft
        _apply_draft_decisions(doc, items)
    info = metadata.extract(preamble, doc, any(i.decisions for i in items), bool(items))
    if info.date is None:
        _date_from_decisions(info, items)
    if doc.properties is not None:
        from kitar.parse.draft import draft_meeting_id

        info.draft_of = draft_meeting_id(doc)
    source = SourceInfo(path=doc.path, sha256=doc.sha256, format=doc.format, pages=doc.pages)
    meeting = Meeting(source=source, meeting=info, items=items, warnings=warnings)
    return Parsed(meeting, analysis, verdict)
