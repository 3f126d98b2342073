"""The Danish minutes draft (referat) of a meeting, as a Word document.

Item headings use the built-in Heading 1/2 styles (Word's navigation pane lists them); the
secretary types each decision into the empty paragraph in the `Kitar Beslutning` style, which
`kitar.parse.draft.filled_decisions` reads back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from kitar.minutes.docx_write import DocxWriter
from kitar.minutes.output import check_target
from kitar.model import Annex, FollowUp, Item, Meeting, Presenter, child_key
from kitar.parse.draft import BESLUTNING_STYLE, CATEGORY
from kitar.parse.followups import extract_followups
from kitar.redact import public_meeting

LABEL_STYLE = "Kitar Mellemrubrik"
NOTE_STYLE = "Kitar Note"
CLOSED_STYLE = "Kitar Lukket punkt"
PRESENTER_STYLE = "Kitar Oplægsholder"
BLANK_LINE = "_" * 40
PUBLIC_NOTE = (
    "Offentlig version: indholdet af lukkede punkter og titlerne på fortrolige bilag er udeladt."
)
WEEKDAYS = ["mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"]
MONTH_NAMES = ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august",
               "september", "oktober", "november", "december"]  # fmt: skip


def danish_date(iso: str | None) -> str:
    """`2016-08-29` → `mandag den 29. august 2016`."""
    if not iso:
        return BLANK_LINE
    d = date.fromisoformat(iso[:10])
    return f"{WEEKDAYS[d.weekday()]} den {d.day}. {MONTH_NAMES[d.month - 1]} {d.year}"


def item_heading(number: str | None, title: str) -> str:
    """`6. Arkitektur for …`; the number is what `filled_decisions` reads back."""
    return f"{number}. {title}" if number else title


def sub_heading(number: str | None, title: str) -> str:
    return f"{number}. {title}" if number else title


def presenter_line(presenters: list[Presenter]) -> str:
    """`v. Anne Holm (KL), Jens Berg, formand`."""
    parts = []
    for p in presenters:
        extra = ", ".join(x for x in (p.organisation, p.role) if x)
        parts.append(f"{p.name} ({extra})" if extra else p.name)
    return "v. " + ", ".join(parts)


def annex_line(annex: Annex, position: int, public: bool) -> str:
    """`Bilag 2: Notat om taksterne`; in a public draft kitar.redact has already replaced a
    confidential annex's title by `(fortroligt bilag)`."""
    label = f"Bilag {annex.number if annex.number is not None else position}"
    mark = " (fortroligt)" if annex.confidential and not public else ""
    return f"{label}: {annex.title}{mark}"


# Longer text before the first clause is not a lead-in but prose the parser kept together.
MAX_LEAD_IN = 120
_RECOMMENDATION_HEADING = re.compile(r"indstilling", re.I)


def recommendation_lead_in(item: Item) -> str | None:
    """`Direktionen indstiller, at` / `Det indstilles, at`: the words before the first clause
    in the item's Indstilling section, which the recommendations list leaves out."""
    if not item.recommendations:
        return None
    first = " ".join(item.recommendations[0].split())[:30].casefold()
    for section in item.sections:
        if not _RECOMMENDATION_HEADING.search(section.heading):
            continue
        text = " ".join(section.text.split())
        at = text.casefold().find(first)
        if at <= 0:
            continue
        # Kept as written ("Det indstilles, at It-Arkitekturrådet:"), so that the draft parses
        # back to the same recommendations.
        lead = text[:at].strip(" -–•\uf0b7")
        if lead and len(lead) <= MAX_LEAD_IN:
            return lead
    return None


@dataclass
class _Draft:
    w: DocxWriter
    public: bool
    followups: dict[str, list[FollowUp]]

    def label(self, text: str) -> None:
        self.w.add_paragraph(text, LABEL_STYLE)

    def item(self, item: Item, key: str, level: int, number: str | None) -> None:
        heading = item_heading if level == 1 else sub_heading
        self.w.add_heading(heading(number, item.title), level)
        if item.closed:
            self.w.add_paragraph("Lukket punkt", CLOSED_STYLE)
            if self.public:
                self.w.add_paragraph(
                    "Punktets indhold er udeladt i den offentlige version.", NOTE_STYLE
                )
                return
        if item.case_id:
            self.w.add_paragraph(f"Sagsnr.: {item.case_id}")
        if item.presenters:
            self.w.add_paragraph(presenter_line(item.presenters), PRESENTER_STYLE)
        if item.recommendations:
            self.label("Indstilling")
            lead = recommendation_lead_in(item)
            if lead:
                self.w.add_paragraph(lead)
            for rec in item.recommendations:
                self.w.add_list_item(rec)
        if item.annexes:
            self.label("Bilag")
            for i, annex in enumerate(item.annexes, 1):
                self.w.add_list_item(annex_line(annex, i, self.public))
        # Decided per sub-item unless the item has its own recommendations or decision (a
        # `Meddelelser` item with sub-items a.–c. is decided once); the item's own Beslutning
        # comes before its sub-items so that it reads back under the item's number.
        if not item.subitems or item.recommendations or item.decisions:
            self.decision_slot(item, key)
        for i, sub in enumerate(item.subitems, 1):
            sub_key = child_key(key, sub.number, i)
            self.item(sub, sub_key, 2, sub_key.rsplit(".", 1)[1] if sub.number else None)

    def decision_slot(self, item: Item, key: str) -> None:
        self.label("Beslutning")
        # Empty for the secretary; a meeting that already has decisions (minutes) keeps them.
        decided = [d.text for d in item.decisions] or ([item.decision] if item.decision else [])
        self.w.add_paragraph("\n".join(decided), BESLUTNING_STYLE)
        self.label("Opfølgning")
        found = self.followups.get(key, [])
        rows = [[f.action, f.owner or "", f.due or f.due_text or ""] for f in found]
        self.w.add_table(["Handling", "Ansvarlig", "Frist"], [*rows, ["", "", ""]])


def _ensure_styles(w: DocxWriter) -> None:
    w.ensure_style(BESLUTNING_STYLE, next_self=True, indent_cm=0.5)
    w.ensure_style(LABEL_STYLE, bold=True, size=11, keep_with_next=True)
    w.ensure_style(NOTE_STYLE, italic=True)
    w.ensure_style(CLOSED_STYLE, bold=True, italic=True)
    w.ensure_style(PRESENTER_STYLE, italic=True)


def _followups_by_key(meeting: Meeting, known: list[str]) -> dict[str, list[FollowUp]]:
    by_key: dict[str, list[FollowUp]] = {}
    for pos, item in enumerate(meeting.items, 1):
        key = item.number or str(pos)
        by_key[key] = []
        for i, sub in enumerate(item.subitems, 1):
            by_key[child_key(key, sub.number, i)] = []
    for fu in extract_followups(meeting, known_meetings=known):
        number = fu.item_number or ""
        by_key.setdefault(number, []).append(fu)
    return by_key


def build_minutes(
    meeting: Meeting,
    out: Path,
    *,
    template: Path | None = None,
    public: bool = False,
    force: bool = False,
    meeting_id: int | str | None = None,
    next_meeting: str | None = None,
) -> Path:
    """Write the minutes draft of `meeting` to `out` and return the path.

    `public` leaves out closed items' content and confidential annex titles; an existing `out`
    raises OutputExists unless `force`. `next_meeting` (ISO date) resolves `på næste møde`.
    """
    out = Path(out)
    check_target(out, force)  # before the work; the writer checks again
    if public:
        meeting = public_meeting(meeting)
    info = meeting.meeting
    w = DocxWriter(template)
    _ensure_styles(w)
    w.add_paragraph("Referat" + (" (offentlig version)" if public else ""), "Title")
    w.add_paragraph(info.body or "Mødets organ: " + BLANK_LINE, bold=True)
    w.add_paragraph(f"Dato: {danish_date(info.date)}")
    w.add_paragraph(f"Tid: kl. {info.time}" if info.time else f"Tid: {BLANK_LINE}")
    w.add_paragraph(f"Sted: {info.location or BLANK_LINE}")
    if public:
        w.add_paragraph(PUBLIC_NOTE, NOTE_STYLE)
    draft = _Draft(w, public, _followups_by_key(meeting, [next_meeting] if next_meeting else []))
    for label, names in (("Deltagere", info.attendees), ("Afbud", info.absent)):
        draft.label(label)
        if not names:
            w.add_paragraph(BLANK_LINE)  # a line to fill in
        for name in names:
            w.add_list_item(name)
    draft.label("Indhold")
    w.add_toc()
    for pos, item in enumerate(meeting.items, 1):
        draft.item(item, item.number or str(pos), 1, item.number)
    if next_meeting:
        draft.label("Næste møde")
        w.add_paragraph(danish_date(next_meeting))
    w.add_page_numbers()
    title = " – ".join(x for x in ("Referat", info.body, info.date) if x)
    w.set_properties(
        title=title,
        subject=info.body or "",
        identifier="" if meeting_id is None else str(meeting_id),
        keywords=f"kitar; referat; {info.date or ''}".strip("; "),
        category=CATEGORY,
        comments=f"Mødedato: {info.date or '?'}; "
        + ("offentlig version" if public else "intern version"),
        content_status="Udkast",
        language="da-DK",
    )
    return w.save(out, force=force)
