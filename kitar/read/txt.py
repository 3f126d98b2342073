"""Read plain text, including a PDF extractor's text output, into blocks with page numbers.

Two layouts, decided per document from evidence (`detect_layout`):
- "extractor" (the KL agenda text): every source line is followed by an empty line, so empty
  lines fall *inside* paragraphs; a line holding only spaces is the real paragraph break; a
  line starting with a space begins a new page (` 2. Indsatsen i initiativ 8.1 …`);
- "plain": blank lines separate paragraphs; form feeds separate pages.
In both, a KL letterhead mixed into the text (`Dato:`, `Sags ID:`, `www.kl.dk`, `Side 20 af
22`, `NOTAT`) is removed from the body and kept as metadata.
"""

from __future__ import annotations

import codecs
import hashlib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from kitar.config import pipeline_entries, pipelines_dir
from kitar.errors import DocumentNotFound, EmptyDocument, NothingToExtract, UnsupportedFormat
from kitar.model import Block, BlockKind, Document
from kitar.read.txt_lines import (
    SourceLine,
    assign_pages,
    detect_layout,
    ends_sentence,
    hard_wrapped,
    remove_letterhead,
    restore_trimmed_breaks,
    source_lines,
    typical_width,
    wrap_margin,
)
from kitar.text.normalize import (
    FUNCTION_WORDS,
    normalize,
    split_bullet,
    strip_private_use,
)

# " 2. Indsatsen i initiativ 8.1 …", "10. Status fra …": an agenda item title.
_ITEM_RE = re.compile(r"^(?P<num>\d{1,3})\.\s+(?P<rest>\S.*)$")
# "1. Fælles arkitekturstyring", "2) Behandlingen af …": a numbered list line; a capital
# must follow, so a wrapped date ("15. og 16. august 2016") stays running text.
_NUMBERED_RE = re.compile(r"^(?P<num>\d{1,2}[.)])\s+(?P<rest>[A-ZÆØÅ\d\"”’(].*)$")
# "v. Bo Lind, KL": the presenters of an item.
_PRESENTER_RE = re.compile(r"^v\.\s+\S")
# "Bilag 1: Leveranceplan …", "Bilag 3: Høringssvar - FLIS": one annex per block.
_ANNEX_RE = re.compile(r"^bilag\s+\d+\s*[:.]", re.I)
# A title continues on the next line after a word like these: "… selvbetjeningsløsninger og".
_CONNECTIVES = frozenset({"og", "i", "for", "af", "på", "med", "til", "eller", "om", "fra", "ved"})
_FUNCTION_WORDS = FUNCTION_WORDS

FALLBACK_SECTION_HEADINGS = (
    "Baggrund", "Indstilling", "Sagsfremstilling", "Bilag", "Beslutning", "Økonomi", "Resumé",
    "Resume", "Sagsbeskrivelse", "Forslag til beslutning", "Tidsplan", "Høring", "Lovgrundlag",
)  # fmt: skip


@lru_cache(maxsize=4)
def _section_headings(directory: Path) -> frozenset[str]:
    names = [*FALLBACK_SECTION_HEADINGS, *pipeline_entries("section_headings.txt", directory)]
    return frozenset(n.lower().rstrip(":").strip() for n in names)


def section_headings() -> frozenset[str]:
    """Lowercase section headings: pipelines/section_headings.txt plus a built-in list."""
    return _section_headings(pipelines_dir())


@dataclass
class _Open:
    kind: BlockKind
    page: int
    lines: list[str] = field(default_factory=list)
    level: int = 0
    marker: str | None = None
    role: str = "text"  # text | title | presenter | annex


# Byte order marks, UTF-32 before UTF-16 (the UTF-32 LE mark starts with the UTF-16 LE one).
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _decode(data: bytes, path: Path) -> tuple[str, str | None]:
    """The text and a warning, if any: UTF-8, UTF-16/32 with a byte order mark (Notepad's
    "Unicode"), else Windows-1252 (an old Danish Windows file) with a warning, since a
    cp1252 reading of another code page gives wrong letters for æ, ø, å."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), None
            except UnicodeDecodeError as exc:  # a cut-off or damaged file
                note = f"damaged {encoding.upper()} text ({exc.reason}): unreadable bytes replaced"
                return data.decode(encoding, errors="replace"), note
    if b"\x00" in data[:4096]:
        raise UnsupportedFormat("not a text file (binary content)", path)
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        raise UnsupportedFormat("not a text file (neither UTF-8 nor Windows-1252)", path) from None
    return text, "not UTF-8: read as Windows-1252 (cp1252); check that æ, ø and å are right"


class _Builder:
    """Groups source lines into blocks (a small state machine over the lines)."""

    def __init__(self, lines: list[SourceLine], layout: str) -> None:
        self.lines = lines
        self.layout = layout
        self.width = typical_width(lines)
        self.wrapped = layout == "extractor" or hard_wrapped(lines)
        self.margin = wrap_margin(lines)
        self.headings = section_headings()
        self.blocks: list[Block] = []
        self.open: _Open | None = None

    def close(self) -> None:
        block = self.open
        self.open = None
        if block is None or not block.lines:
            return
        text = "\n".join(block.lines)
        kind, level = block.kind, block.level
        if kind == "paragraph" and block.role == "text" and self._heading_like(block.lines):
            kind, level = "heading", 3  # "Foranalyse til sikkerhedsarkitektur"
        self.blocks.append(Block(kind, text, block.page, level=level, marker=block.marker))

    def _heading_like(self, lines: list[str]) -> bool:
        if len(lines) != 1:
            return False
        text = lines[0]
        words = text.split()
        return (
            len(text) <= 70
            and (len(words) >= 2 or (len(text) >= 6 and text.isalpha()))  # "Beslutningsprocessen"
            and not ends_sentence(text)
            and not text.endswith((",", "-"))
            and (text[0].isupper() or text[0] in '’‘"”“')
        )

    def is_section_heading(self, text: str) -> bool:
        return text.rstrip(": ").strip().lower() in self.headings

    def is_title(self, i: int) -> bool:
        ln = self.lines[i]
        if not _ITEM_RE.match(ln.text):
            return False
        if ln.lead_space:
            return True  # " 4. Sikkerhedsprojekt på tværs af …" at a page start
        # plain text: a numbered line opening a paragraph, followed by the presenters
        nxt = self.lines[i + 1] if i + 1 < len(self.lines) else None
        return (
            ln.break_before
            and nxt is not None
            and bool(_PRESENTER_RE.match(nxt.text) or self.is_section_heading(nxt.text))
        )

    def continues(self, prev: str, nxt: SourceLine) -> bool:
        """Whether `nxt` continues the text that ends with line `prev`."""
        if prev.endswith("-") and len(prev) > 1 and prev[-2].isalnum():
            return True  # "digi-" + "taliseringsstrategi"
        if not self.wrapped:
            # a web page flattened to text: each line is its own paragraph, unless it was
            # wrapped at a margin there, the next line's first word not fitting on it
            return self.margin is not None and self.forced_wrap(prev, nxt)
        first = nxt.text[0]
        if first.islower() or first in ",.;:)":
            return True
        words = prev.split()
        if prev.endswith(",") or (words and words[-1] in _FUNCTION_WORDS):
            return True  # "… mellem KITA," + "KOMBIT og KL"; "… repræsentanter fra" + "KOMBIT"
        if ends_sentence(prev) and len(prev) < 0.7 * self.width:
            return False  # "påbegyndt." then "Samlet sikkerhedsarkitektur"
        # "Sikkerhedsprojekt på tværs af det samlede BPI" then "Der er i regi …": a short line
        # without punctuation before a capital is a heading, not a wrapped line; so is a
        # line that had room for the capital's word ("… bliver godkendt" / "Beslutning i …")
        if not first.isupper() or self.forced_wrap(prev, nxt):
            return True
        return len(prev) >= 0.75 * self.width and self.margin is None

    def forced_wrap(self, prev: str, nxt: SourceLine) -> bool:
        """The next line's first word would not have fitted at the margin: the line was
        wrapped there ("… samlede budget...i" / "90. Til efterretning …")."""
        words = nxt.text.split()
        room = self.margin or self.width
        return bool(words) and len(prev) + 1 + len(words[0]) > room

    def title_continues(self, prev: str, nxt: SourceLine) -> bool:
        """` 5. Fælleskommunale selvbetjeningsløsninger og` + `komponenter`; `(KDI)`."""
        if nxt.break_before or nxt.lead_space:
            return False
        if _PRESENTER_RE.match(nxt.text) or self.is_section_heading(nxt.text):
            return False
        words = prev.split()
        return (
            prev.endswith(("-", "–", "—"))  # "… betalingsløsning –" + "LUKKET PUNKT"
            or nxt.text.isupper()
            or nxt.text[0].islower()
            or nxt.text[0] == "("
            or (bool(words) and words[-1].lower() in _CONNECTIVES)
        )

    def start(self, kind: BlockKind, ln: SourceLine, text: str, **kw: object) -> None:
        self.close()
        self.open = _Open(kind, ln.page, [text], **kw)  # type: ignore[arg-type]

    def build(self) -> list[Block]:
        for i, ln in enumerate(self.lines):
            text = ln.text
            cur = self.open
            if ln.break_before:
                self.close()
                cur = None
            if cur is not None and cur.role == "title" and self.title_continues(cur.lines[-1], ln):
                cur.lines.append(text)
                continue
            if self.is_title(i):
                self.start("heading", ln, text, level=1, role="title")
                continue
            if _PRESENTER_RE.match(text):
                self.start("paragraph", ln, text, role="presenter")
                continue
            if self.is_section_heading(text):
                self.start("heading", ln, text, level=2, role="section")
                self.close()
                continue
            bullet = split_bullet(text)
            if bullet is not None and bullet.text:
                self.start("list_item", ln, bullet.text, level=bullet.level, marker=bullet.marker)
                continue
            numbered = _NUMBERED_RE.match(text)
            wrapped_here = (
                cur is not None
                and cur.role == "text"
                and (self.wrapped or self.margin is not None)
                and not ends_sentence(cur.lines[-1])
                and self.forced_wrap(cur.lines[-1], ln)
            )
            if numbered and not wrapped_here:
                self.start("list_item", ln, numbered.group("rest"), marker=numbered.group("num"))
                continue
            if _ANNEX_RE.match(text):
                self.start("paragraph", ln, text, role="annex")
                continue
            if cur is not None and cur.role == "presenter" and self._presenter_continues(cur, ln):
                cur.lines.append(text)
                continue
            if (
                cur is not None
                and cur.role in ("text", "annex")
                and self.continues(cur.lines[-1], ln)
            ):
                cur.lines.append(text)
                continue
            self.start("paragraph", ln, text)
        self.close()
        return self.blocks

    def _presenter_continues(self, cur: _Open, ln: SourceLine) -> bool:
        """`v. … og Erik Skov` + `Gade, Digitaliseringsstyrelsen`: short name lines."""
        prev = cur.lines[-1]
        return len(ln.text) <= 60 or prev.endswith(("-", ",", " og")) or ln.text[0].islower()


def parse_text(text: str, path: str = "<text>") -> Document:
    """Blocks and metadata of text in either layout (see the module docstring)."""
    text = normalize(text.replace("\r\n", "\n").replace("\r", "\n"))
    raw_lines = restore_trimmed_breaks(text.split("\n"))
    text = "\n".join(raw_lines)
    layout = detect_layout(raw_lines)
    lines = source_lines(text, layout)
    lines, fields, anchors = remove_letterhead(lines)
    assign_pages(lines, anchors)
    blocks = _Builder(lines, layout).build()
    for block in blocks:
        block.text = "\n".join(
            t for t in (strip_private_use(part).strip() for part in block.text.split("\n")) if t
        )
    blocks = [b for b in blocks if b.text]
    metadata: dict[str, str] = {
        k: fields[k] for k in ("date", "case_id", "doc_id", "doc_type") if k in fields
    }
    pages = max((ln.page for ln in lines), default=1)
    return Document(path=path, format="txt", pages=pages, blocks=blocks, metadata=metadata)


def read_txt(path: str | Path) -> Document:
    """Read a text file (UTF-8, UTF-16/32 with a BOM, or cp1252 with a warning)."""
    p = Path(path)
    if not p.is_file():
        raise DocumentNotFound("file not found", p)
    data = p.read_bytes()
    if not data:
        raise EmptyDocument("empty file (0 bytes)", p)
    text, note = _decode(data, p)
    if not text.strip():
        raise NothingToExtract("no text in file", p)
    doc = parse_text(text, str(p))
    if not doc.blocks:
        raise NothingToExtract("no text in file", p)
    if note:
        doc.warnings.insert(0, f"{p}: {note}")
    doc.sha256 = hashlib.sha256(data).hexdigest()
    return doc
