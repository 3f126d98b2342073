"""Plain dataclasses passed between the stages: file → pages/lines → blocks → meeting."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

# What the layout analysis decided a line is; `kitar inspect` shows it.
LineRole = Literal["header", "footer", "sidebar", "heading", "body", "bullet", "toc"]
BlockKind = Literal["heading", "paragraph", "list_item", "table_cell"]
DocFormat = Literal["pdf", "docx", "txt"]


@dataclass
class Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    fontname: str = ""
    size: float = 0.0
    bold: bool = False


@dataclass
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
class Document:
    """What reading a file yields: blocks with page numbers plus metadata found on the way."""

    path: str
    format: DocFormat
    pages: int
    blocks: list[Block] = field(default_factory=list)
    metadata: dict[str, str] = field(default_factory=dict)  # e.g. date, case_id, doc_id
    warnings: list[str] = field(default_factory=list)
    sha256: str = ""
    page_texts: list[str] = field(default_factory=list)  # reflowed text per page (for search)
    ocr_pages: list[int] = field(default_factory=list)  # pages whose text came from OCR


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
    decision: str | None = None
    decisions: list[Decision] = field(default_factory=list)
    annexes: list[Annex] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    subitems: list[Item] = field(default_factory=list)
    absent: list[str] = field(default_factory=list)


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
