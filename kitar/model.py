"""Plain dataclasses passed between the stages: file → pages/lines → blocks → meeting."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

# What the layout analysis decided a line is; `kitar inspect` shows it.
LineRole = Literal["header", "footer", "sidebar", "heading", "body", "bullet", "toc"]
BlockKind = Literal["heading", "paragraph", "list_item", "table_cell"]
DocFormat = Literal["pdf", "docx", "txt", "html"]


@dataclass(slots=True)  # a 100-page PDF holds ~40,000: slots halve their memory and time
class Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    fontname: str = ""
    size: float = 0.0
    bold: bool = False


@dataclass(slots=True)
class Line:
    """One text line on a page, in reading order, with its dominant font."""

    text: str
    page: int
    x0: float = 0.0
    x1: float = 0.0
    top: float = 0.0
    bottom: float = 0.0
    fontname: str = ""
    size: float = 0.0
    bold: bool = False
    words: list[Word] = field(default_factory=list)
    role: LineRole = "body"


@dataclass
class Page:
    number: int  # 1-based
    width: float = 0.0
    height: float = 0.0
    lines: list[Line] = field(default_factory=list)
    image_count: int = 0
    char_count: int = 0
    ocr: bool = False  # its text was read by OCR (kitar.read.ocr): it had no text layer


@dataclass
class Block:
    """A heading, paragraph, list item or table cell.

    Before reflow `text` keeps the source line breaks ("\\n"); after reflow it is one line.
    """

    kind: BlockKind
    text: str
    page: int
    level: int = 0  # list nesting (0 = top) or heading level (1 = top)
    bold: bool = False
    size: float = 0.0
    style: str | None = None  # DOCX paragraph style, when known
    marker: str | None = None  # the original bullet or number, e.g. "\uf0b7", "1."


@dataclass
class CoreProperties:
    """A Word file's core properties (File → Info); `kitar minutes` marks its drafts here."""

    title: str | None = None
    subject: str | None = None
    keywords: str | None = None
    identifier: str | None = None  # a kitar draft: the corpus meeting id
    category: str | None = None  # a kitar draft: "Referat"
    comments: str | None = None
    author: str | None = None
    last_modified_by: str | None = None
    content_status: str | None = None
    language: str | None = None
    version: str | None = None
    created: str | None = None  # ISO timestamp
    modified: str | None = None


@dataclass
class Document:
    """What reading a file yields: blocks with page numbers plus what was found beside them.

    `metadata` keeps every labelled value a reader found (a letterhead's `email`, a page's
    `html_title`, a DOCX's `docx_author` …) for people and tools to look at; parsing reads only
    the typed fields below it, which the letterhead labels fill on construction.
    """

    path: str
    format: DocFormat
    pages: int
    blocks: list[Block] = field(default_factory=list)
    metadata: dict[str, str] = field(default_factory=dict)  # e.g. date, case_id, email
    warnings: list[str] = field(default_factory=list)
    sha256: str = ""
    page_texts: list[str] = field(default_factory=list)  # reflowed text per page (for search)
    ocr_pages: list[int] = field(default_factory=list)  # pages whose text came from OCR

    date: str | None = None  # ISO; from a letterhead, a running header or an extractor's header
    case_id: str | None = None  # "Sags ID: SAG-2099-00001"
    doc_id: str | None = None  # "Dok. ID: 1234567"
    properties: CoreProperties | None = None  # DOCX only

    def __post_init__(self) -> None:
        # The one place where the readers' letterhead labels become typed fields.
        self.date = self.date or self.metadata.get("date")
        self.case_id = self.case_id or self.metadata.get("case_id")
        self.doc_id = self.doc_id or self.metadata.get("doc_id")


# ---- meeting model (parse stage) -------------------------------------------------


@dataclass
class Presenter:
    name: str
    organisation: str | None = None
    role: str | None = None


@dataclass
class Annex:
    number: int | None
    title: str
    confidential: bool = False
    ref: str | None = None  # e.g. an eDoc document number "2012-208960"


@dataclass
class Section:
    heading: str
    text: str


@dataclass
class Decision:
    text: str
    body: str | None = None  # the committee that decided
    date: str | None = None  # ISO date
    absent: list[str] = field(default_factory=list)


@dataclass
class Item:
    number: str | None
    title: str
    closed: bool = False
    page: int | None = None
    case_id: str | None = None
    doc_id: str | None = None
    presenters: list[Presenter] = field(default_factory=list)
    recommendations: list[str] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    annexes: list[Annex] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    subitems: list[Item] = field(default_factory=list)
    absent: list[str] = field(default_factory=list)
    # Who decides: "Beslutningen træffes af" + "Byrådet", "Beslutningskompetence: KB".
    deciding_body: str | None = None

    @property
    def decision(self) -> str | None:
        """The item's own (latest) decision text: the JSON's `decision` key, kept beside
        `decisions` for kitar.meeting/1 readers. An item that travelled through committees
        lists each body's decision in `decisions`, the latest last."""
        return self.decisions[-1].text if self.decisions else None

    @decision.setter
    def decision(self, text: str | None) -> None:
        """Set the latest decision's text (None: no decision); the one list stays the truth."""
        if text == self.decision:
            return
        if text is None:
            self.decisions = []
        elif self.decisions:
            self.decisions[-1].text = text
        else:
            self.decisions = [Decision(text)]


def child_key(parent: str, number: str | None, position: int) -> str:
    """Key of a sub-item: `3.a` (from `a`, `a.` or `3.a`), or `3.2` by position.

    The one numbering that the draft writer, its read-back, follow-ups and comparison share.
    """
    short = (number or "").strip().rstrip(".")
    if short.startswith(parent + "."):
        short = short[len(parent) + 1 :]
    return f"{parent}.{short or position}"


@dataclass
class MeetingInfo:
    kind: Literal["agenda", "minutes"] | None = None
    body: str | None = None
    date: str | None = None  # ISO date
    time: str | None = None  # "13:00"
    location: str | None = None
    case_id: str | None = None
    doc_id: str | None = None
    attendees: list[str] = field(default_factory=list)
    absent: list[str] = field(default_factory=list)
    # A filled-in `kitar minutes` draft names the corpus meeting it was drafted from.
    draft_of: str | None = None


@dataclass
class SourceInfo:
    path: str
    sha256: str
    format: DocFormat
    pages: int


@dataclass
class Meeting:
    source: SourceInfo
    meeting: MeetingInfo
    items: list[Item] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    schema: str = "kitar.meeting/1"


@dataclass
class FollowUp:
    """One action: who (owner), what (the clause), by when (due) and where it came from.

    Made by kitar.parse.followups from a meeting, stored by kitar.store.followups.
    """

    owner: str | None
    action: str
    due: str | None = None  # ISO date
    due_text: str | None = None  # the expression, e.g. "ultimo oktober"
    item_number: str | None = None
    item_title: str = ""
    sentence: str = ""
    origin: str = ""  # decision | recommendation | section:<heading>
    meeting_date: str | None = None
    meeting_body: str | None = None

    @property
    def source(self) -> str:
        """`Kommunernes It-Arkitekturråd 2016-08-29, punkt 3 (decision)`."""
        where = " ".join(x for x in (self.meeting_body, self.meeting_date) if x)
        item = f"punkt {self.item_number}" if self.item_number else "punkt ?"
        return f"{where}, {item} ({self.origin})" if where else f"{item} ({self.origin})"
