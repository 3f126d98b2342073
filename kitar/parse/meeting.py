"""Parse a reflowed Document into a Meeting: the `kitar.meeting/1` structure."""

from __future__ import annotations

from kitar.model import Block, Decision, Document, Item, Meeting, MeetingInfo, SourceInfo
from kitar.parse import fields, metadata
from kitar.parse import patterns as P
from kitar.parse.items import ROUTINE_TITLES, Segment, segment
from kitar.parse.presenters import parse_presenters
from kitar.parse.subitems import split_subitems
from kitar.parse.vocabulary import is_section_heading


def _presenters(blocks: list[Block], used: set[int]) -> list:
    people = []
    for i, block in enumerate(blocks[:4]):
        text = block.text.strip()
        if is_section_heading(text):
            break
        if P.PRESENTER.match(text):
            people.extend(parse_presenters(text))
            used.add(i)
    return people


def _fill(item: Item, blocks: list[Block]) -> None:
    used: set[int] = set()
    item.presenters = _presenters(blocks, used)
    item.case_id, item.doc_id = fields.ids(blocks)
    item.recommendations = fields.recommendations(blocks, used)
    item.annexes = fields.annexes(blocks, used)
    item.sections = fields.sections(
        [b for i, b in enumerate(blocks) if not (i in used and P.PRESENTER.match(b.text.strip()))]
    )


def _build_item(seg: Segment) -> Item:
    item = Item(number=seg.number, title=seg.title, closed=seg.closed, page=seg.page)
    used: set[int] = set()
    for k, block in enumerate(seg.blocks[:2]):
        if P.CLOSED_LINE.match(block.text.strip()):
            item.closed = True
            used.add(k)
    decisions, absent = fields.decisions(seg.blocks, used)
    remaining = [b for i, b in enumerate(seg.blocks) if i not in used]
    own, subs = split_subitems(seg.number, seg.raw_title, remaining, set(), seg.level)
    _fill(item, own)
    item.decisions = decisions
    item.decision = decisions[-1].text if decisions else None
    item.absent = absent
    for sub in subs:
        title, closed = sub.title, False
        stripped = P.CLOSED_MARK.sub("", title)
        if stripped != title:
            title, closed = stripped.strip(), True
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
            target.decision = typed.get(key)


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


def parse_document(doc: Document) -> Meeting:
    """The meeting in a reflowed document; never raises on odd text, warns instead."""
    blocks = [b for b in doc.blocks if b.text.strip()]
    preamble, segments = segment(blocks)
    items = [_build_item(s) for s in segments]
    warnings = list(doc.warnings)
    if items and sum(_has_evidence(i) for i in items) < max(1, (len(items) + 1) // 2):
        warnings.append(
            f"{doc.path}: numbered headings found, but no agenda structure (presenters, "
            "recommendations, decisions, case numbers); not treated as a meeting document"
        )
        preamble, items = blocks, []
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
    return Meeting(source=source, meeting=info, items=items, warnings=warnings)
