"""Classified PDF lines → model.Block: headings, paragraphs and list items with page numbers.

The lines' roles are set by the layout analysis (kitar.read.roles); this module only reads them.

Block text keeps the source line breaks and line-end hyphens; kitar.text.reflow joins them.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right

from kitar.model import Block, Line, Page
from kitar.read.gaps import (
    FULL_LINE_SLACK,
    PARAGRAPH_GAP,
    printed_breaks,
    typical_pitch,
    uniform_sizes,
)
from kitar.read.layout import body_edges
from kitar.read.roles import REMOVED, body_size, list_marker
from kitar.text.normalize import normalize as normalize_text
from kitar.text.normalize import runs_on

# A label line ("Baggrund", "Beslutning", "Sagens tidligere behandling") has at most this many
# words; a title's or a sentence's last line may be as short but rarely without punctuation.
LABEL_MAX_WORDS = 4
# A line repeating the open block's first line starts a new block from this length on: a
# title ("Godkendelse af dagsorden", 24) is longer, a chance repeat of two words is shorter.
MIN_REPEAT_CHARS = 15
_SENTENCE_END = (".", "!", "?")
_END_PUNCT = (".", "!", "?", ":", ";")
# A line that opens with a number or letter marker ("1.  at …", "2) …", "a. …") starts a block.
_NUMBER_MARK = re.compile(r"^(?:\d{1,3}|[a-hA-H])[.)]\s")
# A word hyphenated at a line end: "forebyg-" (not a dash: "Høringssvar -").
_EOL_HYPHEN_RE = re.compile(r"[^\W\d_]-$")
# A text file printed as it is (LibreOffice, a browser, enscript: one monospaced font) keeps
# the spaces typed before a list marker ("  1. anbefalinger …", " • Punkt 3 …"), and its
# wrapped lines go on at the margin, left of the marker, by this many font sizes at most
# (two spaces of a 10 pt monospaced font: 1.2).
TYPED_INDENT_EM = 3.0
# Monospaced: every word's width per character within this share of the line's mean (in a
# proportional font "ill" and "mmm" differ by half).
MONOSPACE_SPREAD = 0.03


def _plain_word_in_lower_case(text: str) -> bool:
    """The line opens with a plain word in lower case ("med", "årligt,", "e-handel"), not an
    abbreviation ("v. Kit Holm, KL", "jf.") or a marker ("a)"): text that goes on."""
    words = text.split()
    first = words[0].rstrip(",") if words else ""
    return len(first) >= 2 and first.replace("-", "").isalpha() and first.islower()


def _heading_levels(pages: list[Page], size: float) -> dict[float, int]:
    """Heading level per font size: the largest heading size is level 1."""
    sizes = sorted(
        {round(ln.size * 2) / 2 for p in pages for ln in p.lines if ln.role == "heading"},
        reverse=True,
    )
    levels = {s: i + 1 for i, s in enumerate(s for s in sizes if s > size)}
    base = len(levels) + 1
    for s in sizes:
        levels.setdefault(s, base)
    return levels


def _indent_levels(pages: list[Page]) -> list[float]:
    xs = sorted(ln.x0 for p in pages for ln in p.lines if ln.role == "bullet" and list_marker(ln))
    clusters: list[float] = []
    for x in xs:
        if not clusters or x - clusters[-1] > 4:
            clusters.append(x)
    return clusters


def _monospaced(*lines: Line) -> bool:
    """Whether the lines are set in one monospaced font, from their words' widths."""
    advances = [(w.x1 - w.x0) / len(w.text) for ln in lines for w in ln.words if len(w.text) >= 2]
    if len(advances) < 2:
        return False
    mean = sum(advances) / len(advances)
    return all(abs(a - mean) <= MONOSPACE_SPREAD * mean for a in advances)


class _Builder:
    def __init__(self, pages: list[Page]) -> None:
        self.size = body_size(ln for p in pages for ln in p.lines if ln.role not in REMOVED)
        self.levels = _heading_levels(pages, self.size)
        starts = sorted(ln.x0 for p in pages for ln in p.lines if ln.role in ("body", "bullet"))
        self.left = starts[len(starts) // 20] if starts else 0.0
        self.indents = _indent_levels(pages)
        self.prose = sorted(
            (ln.x0, ln.x1)
            for p in pages
            for ln in p.lines
            if ln.role == "body" and len(ln.text) > 25
        )
        self.edges: dict[int, float] = {}
        self.page_prose: dict[int, list[tuple[float, float]]] = {}
        for p in pages:
            self.page_prose[p.number] = [
                (ln.x0, ln.x1) for ln in p.lines if ln.role == "body" and len(ln.text) > 25
            ]
        self.page_edges: dict[tuple[int, int], float | None] = {}
        fallback = body_edges(pages)[1]
        # Justified text: most prose lines end exactly at the right edge of their column.
        self.justified = sum(abs(x1 - self.right(x0, fallback)) < 0.5 for x0, x1 in self.prose) > (
            0.3 * max(len(self.prose), 1)
        )
        self.pitch = typical_pitch(pages, self._next_word_fits)
        self.printed_breaks = printed_breaks(pages, self._next_word_fits)
        self.uniform = uniform_sizes(pages)
        self.blocks: list[Block] = []
        self.lines: list[Line] = []  # lines of the open block
        self.texts: list[str] = []

    def right(self, x0: float, fallback: float = 0.0) -> float:
        """The right edge of the column a line starting at x0 sits in (95th percentile)."""
        key = round(x0)
        if key not in self.edges:
            lo = bisect_left(self.prose, (x0 - 40, -math.inf))
            hi = bisect_right(self.prose, (x0 + 40, math.inf))
            ends = sorted(x1 for _, x1 in self.prose[lo:hi])
            self.edges[key] = ends[(len(ends) * 95) // 100] if ends else fallback or x0
        return self.edges[key]

    def line_right(self, line: Line) -> float:
        """The right edge of the column `line` sits in: from the lines of its own page that
        start where it starts, when there are eight (the columns of a magazine-style report
        differ from page to page), else from the whole document."""
        key = (line.page, round(line.x0))
        if key not in self.page_edges:
            ends = sorted(
                x1 for x0, x1 in self.page_prose.get(line.page, []) if abs(x0 - line.x0) <= 4
            )
            self.page_edges[key] = ends[(len(ends) * 95) // 100] if len(ends) >= 8 else None
        local = self.page_edges[key]
        return local if local is not None else self.right(line.x0)

    def flush(self) -> None:
        if self.lines and self.blocks:
            self.blocks[-1].text = normalize_text("\n".join(self.texts))
        self.lines, self.texts = [], []

    def open(self, line: Line) -> None:
        self.flush()
        bullet = list_marker(line) if line.role == "bullet" else None
        if line.role == "heading":
            kind, level = "heading", self.levels.get(round(line.size * 2) / 2, 1)
        elif line.role == "bullet" and bullet is None:  # a cell of a two-column list
            kind, level = "list_item", 0
        elif line.role == "bullet":
            kind, level = "list_item", self._bullet_level(line, bullet.level if bullet else 0)
        else:
            kind, level = "paragraph", 0
        self.blocks.append(
            Block(
                kind=kind,  # type: ignore[arg-type]
                text="",
                page=line.page,
                level=level,
                bold=line.bold,
                size=line.size,
                marker=bullet.marker if bullet else None,
            )
        )
        self.lines = [line]
        self.texts = [bullet.text if bullet else line.text]

    def _limit(self, size: float, kind: str) -> float:
        """The gap from which a line starts a new paragraph, at this font size and kind:
        measured, or the body text's scaled to the size (a heading's two lines at double
        spacing are as far apart as the body's, in ems)."""
        key = round(size * 2) / 2
        for k in ((key, kind), (key, "body"), (key, "bullet")):
            if k in self.pitch:
                return self.pitch[k][1]
        body = (round(self.size * 2) / 2, "body")
        if body in self.pitch and self.size:
            return self.pitch[body][1] * max(size, 1.0) / self.size
        return PARAGRAPH_GAP * 1.2 * max(size, 1.0)

    def _bullet_level(self, line: Line, marker_level: int) -> int:
        if len(self.indents) < 2:
            return marker_level
        return min(range(len(self.indents)), key=lambda i: abs(self.indents[i] - line.x0))

    def continues(self, line: Line) -> bool:
        """Does `line` continue the open block?"""
        if not self.lines or line.role == "bullet":
            return False
        prev, first = self.lines[-1], self.lines[0]
        kind = self.blocks[-1].kind
        if (line.role == "heading") != (kind == "heading"):
            return False
        if first.role == "bullet" and list_marker(first) is None:
            return False  # a cell of a two-column list is one line
        if abs(line.size - prev.size) > 0.6 or line.bold != prev.bold:
            return False
        if self._repeats_first(line):
            return False
        if kind != "heading" and self._column_jump(prev, line):
            return True
        if line.page != prev.page:
            # A paragraph runs onto the next page when the next page goes on in lower case
            # ("… 1,2 mio. kr." / "årligt fra 2021."); in justified text when its last line
            # reaches the right edge, which a paragraph's last line does not; in ragged text
            # when that line is full and ends without a full stop ("… årligt fra" / "2024.").
            if kind == "heading" or not self._aligned(line, across_pages=True):
                return False
            if _plain_word_in_lower_case(line.text):
                return True
            if self.justified:  # only a paragraph's last line stops short of the right edge
                return abs(prev.x1 - self.line_right(prev)) <= 0.5
            ended = prev.text.rstrip().endswith(_END_PUNCT)
            return not ended and not self._next_word_fits(prev, line)
        kind_of = "bullet" if self.lines[0].role == "bullet" or prev.x0 > self.left + 4 else "body"
        if line.top - prev.top > self._limit(line.size, kind_of) or line.top < prev.top:
            return False
        if kind == "heading":
            # "1. Titel" printed again under "1. Titel", or any heading line printed twice
            # ("Pkt. 4 Budget" / "Pkt. 4 Budget"): a new heading, as is a line whose first
            # word would have fitted on the heading's short line (a hard break, as between
            # a heading and the title line under it)
            if _NUMBER_MARK.match(line.text):
                return False
            return len(self.lines) < 3 and not self._next_word_fits(prev, line)
        if not self._aligned(line):
            return False
        # A line that visibly goes on ("… i den" / "fællesoffentlige …") continues even when
        # the next word would have fitted: text printed with its own line breaks.
        if runs_on(prev.text) and not _NUMBER_MARK.match(line.text):
            return True
        if self._label_after_sentence(prev, line):
            return False
        if self._label_line(prev, line) or self._next_entry(line) or self._entry_ends(prev, line):
            return False
        if round(line.size * 2) / 2 in self.printed_breaks and self._goes_on_in_lower_case(
            prev, line
        ):
            return True
        return not self._next_word_fits(prev, line)

    @staticmethod
    def _goes_on_in_lower_case(prev: Line, line: Line) -> bool:
        """In text printed with its own line breaks, a line in lower case or opening a
        bracket after one without a full stop goes on ("9. Status for program ”Sammenhæng og
        genbrug" / "med rammearkitekturen” (SAGERA)", "… Infrastruktur’" / "(KDI)", "… for
        FLIS" / "(Fælleskommunalt …) og det"), although its first word would have fitted."""
        words = line.text.split()
        bracketed = bool(words) and words[0].startswith("(") and words[0][1:2].isalpha()
        plain = _plain_word_in_lower_case(line.text)
        return (plain or bracketed) and not prev.text.rstrip().endswith(_END_PUNCT)

    def _label_line(self, prev: Line, line: Line) -> bool:
        """Where gaps say nothing (`_uniform_sizes`), a short capitalised line of a few words
        without punctuation after a line that does not go on is a label of its own
        ("… Hans Holm, KL" / "Baggrund"; "… samarbejdsportalen - FORTROLIGT" / "Beslutning")."""
        size = round(line.size * 2) / 2
        if size not in self.uniform or size in self.printed_breaks:
            return False  # text printed with its own breaks breaks anywhere
        text = line.text.strip()
        return (
            not runs_on(prev.text)
            and len(text.split()) <= LABEL_MAX_WORDS
            and "," not in text  # "Dam, Testrup Kommune": a name goes on
            and self._label_shaped(line)
        )

    def _next_entry(self, line: Line) -> bool:
        """Where gaps say nothing, a line that opens like the block's first line with the
        next number is the next entry ("Bilag 1: …" / "Bilag 2: …")."""
        if round(line.size * 2) / 2 not in self.uniform:
            return False
        first, this = self.texts[0].split()[:2], line.text.split()[:2]
        if len(first) < 2 or len(this) < 2 or first[0] != this[0] or not first[0][:1].isupper():
            return False
        a, b = first[1].rstrip(":.)"), this[1].rstrip(":.)")
        return a.isdigit() and b.isdigit() and int(b) == int(a) + 1

    def _entry_ends(self, prev: Line, line: Line) -> bool:
        """Where gaps say nothing, an entry of a numbered list ("Bilag 9: Tidsplan -
        FORTROLIGT") goes on only visibly (a line in lower case, or after one that runs on):
        a capitalised line after it ("Beslutning i Udvalget for …") is the next block."""
        if round(line.size * 2) / 2 not in self.uniform:
            return False
        first = self.texts[0].split()[:2]
        numbered = len(first) == 2 and first[0][:1].isupper() and first[1].rstrip(":.").isdigit()
        return (
            numbered
            and first[1].endswith(":")
            and line.text[:1].isupper()
            and not runs_on(prev.text)
        )

    def _label_after_sentence(self, prev: Line, line: Line) -> bool:
        """A short capitalised line without a full stop after a finished sentence
        ("… Bo Lind." / "Beslutning") is a label of its own, not a paragraph's last line:
        where every gap is one pitch (double spacing, no space between paragraphs) and the
        label would not have fitted on the sentence's line, nothing else tells them apart."""
        return prev.text.rstrip().endswith(_SENTENCE_END) and self._label_shaped(line)

    def _label_shaped(self, line: Line) -> bool:
        """Capitalised, without closing punctuation, not going on, short of the right edge."""
        text = line.text.strip()
        return (
            text[:1].isupper()
            and not text.endswith(_END_PUNCT)
            and not runs_on(text)  # a trailing comma included
            and line.x1 < self.line_right(line) - FULL_LINE_SLACK * max(line.size, 1.0)
        )

    def _repeats_first(self, line: Line) -> bool:
        """A line that says again what the open block's first line says (a heading printed
        again as the title line under it: "50. Godkendelse af …" / "Godkendelse af …"),
        however the two wrap, is a new block."""
        said, again = " ".join(self.texts[0].split()), " ".join(line.text.split())
        if min(len(said), len(again)) < MIN_REPEAT_CHARS:
            return False
        return said.startswith(again) or again.startswith(said)

    @staticmethod
    def _column_jump(prev: Line, line: Line) -> bool:
        """A paragraph that goes on at the top of the next column, on this page or the next:
        a word split at the column's foot (`forebyg-` / `gelse, ikke mindst …`)."""
        if line.page == prev.page and (line.top >= prev.top or line.x0 <= prev.x1):
            return False  # the next column starts higher up, to the right
        if line.page not in (prev.page, prev.page + 1):
            return False
        return _EOL_HYPHEN_RE.search(prev.text) is not None and line.text[:1].islower()

    def _aligned(self, line: Line, across_pages: bool = False) -> bool:
        first = self.lines[0]
        if across_pages:  # the body's left edge, or the text edge of a list item
            anchors = [ln.x0 for ln in self.lines[1:2]]
            if not anchors:
                marked = first.role == "bullet" and list_marker(first)
                # a list item goes on under its text, or (text printed with its own line
                # breaks) at the margin under its marker
                anchors = [first.x0] + ([w.x0 for w in first.words[1:2]] if marked else [])
            return any(abs(line.x0 - a) <= 4 for a in anchors)
        if len(self.lines) >= 2:
            return abs(line.x0 - self.lines[1].x0) <= 4
        # hanging indent ("a.  Møder og …", a bullet's text) or a first-line indent
        anchors = [first.x0] + [w.x0 for w in first.words[1:3]]
        if any(abs(line.x0 - a) <= 4 for a in anchors):
            return True
        if first.role == "bullet":
            return self._typed_list_entry_wraps(first, line)
        return first.x0 - 40 <= line.x0 < first.x0 - 4

    def _typed_list_entry_wraps(self, first: Line, line: Line) -> bool:
        """A list entry of a text file printed as it is: its marker a few spaces in, its
        wrapped line at the margin ("  1. anbefalinger til at plejecentre og deres" /
        "udarbejdet af Projektudvalget …"); whether the entry's line was full is asked
        after."""
        indent = first.x0 - line.x0
        return (
            abs(line.x0 - self.left) <= 4
            and 4 < indent <= TYPED_INDENT_EM * max(first.size, 1.0)
            and list_marker(first) is not None
            and _monospaced(first, line)
        )

    def _next_word_fits(self, prev: Line, line: Line) -> bool:
        """A line that ended although the next word would have fitted was a hard break."""
        if not line.words or prev.text.endswith("-"):
            return False
        word = line.words[0]
        space = 0.3 * max(line.size, 1.0)
        slack = 0.5 * max(line.size, 1.0)
        return prev.x1 + space + (word.x1 - word.x0) < self.line_right(prev) - slack

    def add(self, line: Line) -> None:
        if self.continues(line):
            self.lines.append(line)
            self.texts.append(line.text)
        else:
            self.open(line)


def build_blocks(pages: list[Page]) -> list[Block]:
    """Blocks from pages that layout.analyse has classified and ordered."""
    builder = _Builder(pages)
    for page in pages:
        for line in page.lines:
            if line.role not in REMOVED and line.text.strip():
                builder.add(line)
    builder.flush()
    return [b for b in builder.blocks if b.text.strip()]
