"""Plain-text lines before they become blocks: which layout a text has (a PDF extractor's
or a flattened web page's), its lines with their pages and paragraph breaks, the letterhead
lines taken out, and whether and where its lines were wrapped. Statistics only: kitar.read.txt
builds the blocks from them."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from kitar.read.letterhead import extract_fields, find_letterhead_runs
from kitar.text.normalize import runs_on

# "Side 20 af 22" on a line of its own: a page footer.
_PAGE_FOOTER_RE = re.compile(r"^side\s+(\d+)\s+af\s+(\d+)$", re.I)
# A rule drawn with characters under or between headings ("=====", "-----", "* * *"): layout,
# not text; it breaks the paragraph like a blank line.
_RULE_LINE_RE = re.compile(r"^\s*(?:([=\-_*~#])\s*)\1(?:\s*\1){1,}\s*$")
# Markup of text copied from a web page through a Markdown converter: "## 3. Budget",
# "**3. Budget**" (the line's own emphasis only; a word in stars inside a sentence stays).
_MARKDOWN_HEADING_RE = re.compile(r"^(\s*)#{1,6}\s+(?=\S)")
_MARKDOWN_EMPHASIS_RE = re.compile(r"^(\s*)(\*\*|__)(?=\S)(.*?\S)\2\s*$")
_TERMINAL = ".!?:;"
_CLOSING_QUOTES = '”"’)»'


@dataclass
class SourceLine:
    text: str  # stripped
    page: int
    lead_space: bool = False  # began with a space (extractor layout: a page start)
    break_before: bool = False  # a paragraph break precedes it


def detect_layout(lines: list[str]) -> str:
    """ "extractor" when empty lines sit inside sentences and space-only lines mark breaks.

    Evidence: in the KL text most lines before an empty line end mid-sentence (`… gover-`,
    `… for den kommende strategiperiode. I perioden indtil`), while in ordinary text the line
    before a blank line ends a paragraph, usually with a full stop.
    """
    space_only = sum(1 for ln in lines if ln and not ln.strip())
    if space_only == 0:
        return "plain"
    before_empty = [
        lines[i] for i in range(len(lines) - 1) if lines[i].strip() and not lines[i + 1]
    ]
    return "extractor" if _gaps_inside_sentences(before_empty) else "plain"


def _gaps_inside_sentences(before_empty: list[str]) -> bool:
    """Whether the lines before empty lines mostly stop mid-sentence and visibly go on."""
    if len(before_empty) < 3:
        return False
    ended = sum(1 for ln in before_empty if ln.rstrip().rstrip(_CLOSING_QUOTES)[-1:] in _TERMINAL)
    # Lines that stop mid-sentence are the extractor's when they visibly continue ("… og der
    # er", "… digi-", "… mellem KITA,"); a web page flattened to text has short heading lines
    # before its blank lines instead ("Forventet sagsgang").
    cont = sum(1 for ln in before_empty if _continues_visibly(ln.rstrip()))
    return ended / len(before_empty) < 0.4 and cont / len(before_empty) >= VISIBLE_CONTINUATION


# An extractor marks a paragraph break with a line holding spaces between two empty lines
# ("…Digitaliseringsstyrelsen", "", " ", "", "Baggrund"); an editor that trims trailing
# whitespace, or Word, leaves a run of empty lines. In a text without space-only lines whose
# single empty lines fall inside sentences, a run of at least this many is such a break.
TRIMMED_BREAK_RUN = 2


def restore_trimmed_breaks(lines: list[str]) -> list[str]:
    """An extractor's text whose break lines lost their spaces, with the breaks marked again
    (each run of TRIMMED_BREAK_RUN or more empty lines → "", " ", ""); other text as it is."""
    if any(ln and not ln.strip() for ln in lines):
        return lines
    runs = [(k, len(list(group))) for k, group in itertools.groupby(lines, key=bool)]
    single_before: list[str] = []
    position = 0
    for (full, n), nxt in itertools.pairwise(runs):
        position += n
        if full and not nxt[0] and nxt[1] == 1:
            single_before.append(lines[position - 1])
    long_runs = any(not full and n >= TRIMMED_BREAK_RUN for full, n in runs)
    if not long_runs or not _gaps_inside_sentences(single_before):
        return lines
    out: list[str] = []
    for full, group in itertools.groupby(lines, key=bool):
        chunk = list(group)
        out.extend(chunk if full or len(chunk) < TRIMMED_BREAK_RUN else ["", " ", ""])
    return out


# Share of lines before an empty line that visibly run on (hyphen, comma, function word) above
# which empty lines fall inside paragraphs: 0.45 in the 22-page KL agenda text, under 0.1 in
# web pages flattened to text.
VISIBLE_CONTINUATION = 0.2


_continues_visibly = runs_on


def source_lines(text: str, layout: str) -> list[SourceLine]:
    """Non-blank lines with their form-feed page and whether a paragraph break precedes them.

    Leading-space page starts are counted later (`assign_pages`), once the letterhead lines
    are out: they belong to another column, not to the page's flow.
    """
    out: list[SourceLine] = []
    page = 1
    pending_break = True  # the start of the text opens a paragraph
    for raw in text.split("\n"):
        if "\f" in raw:
            page += raw.count("\f")
            pending_break = True
            raw = raw.replace("\f", "")
        if _RULE_LINE_RE.match(raw):
            pending_break = True
            continue
        raw = _MARKDOWN_EMPHASIS_RE.sub(r"\1\3", _MARKDOWN_HEADING_RE.sub(r"\1", raw))
        if not raw.strip():
            # extractor: only a line holding spaces is a paragraph break; "" is a line gap
            if layout == "plain" or raw:
                pending_break = True
            continue
        lead = layout == "extractor" and raw[0] in " \t"
        out.append(SourceLine(raw.strip(), page, lead, pending_break))
        pending_break = False
    return out


@dataclass
class _PageAnchor:
    """A `Side N af M` line: removed from the body, kept as page evidence."""

    position: int  # how many kept lines precede it
    number: int
    total: int


def remove_letterhead(
    lines: list[SourceLine],
) -> tuple[list[SourceLine], dict[str, str], list[_PageAnchor]]:
    """Drop letterhead runs and lone `Side N af M` footers; return their fields and the
    page numbers they print."""
    texts = [ln.text for ln in lines]
    drop: set[int] = set()
    fields: dict[str, str] = {}
    for start, end in find_letterhead_runs(texts):
        drop.update(range(start, end + 1))
        for key, value in extract_fields(texts[start : end + 1]).items():
            fields.setdefault(key, value)
    kept: list[SourceLine] = []
    anchors: list[_PageAnchor] = []
    carry_break = False
    for i, ln in enumerate(lines):
        m = _PAGE_FOOTER_RE.match(ln.text)
        if m:
            anchors.append(_PageAnchor(len(kept), int(m.group(1)), int(m.group(2))))
            drop.add(i)
        if i in drop:
            carry_break = True
            continue
        if carry_break:
            ln.break_before = True
            carry_break = False
        kept.append(ln)
    return kept, fields, anchors


def assign_pages(lines: list[SourceLine], anchors: list[_PageAnchor]) -> None:
    """Page numbers from leading spaces (extractor layout) checked against `Side N af M`.

    " 3. Høringssager:" — a leading space begins a new page, unless a page began one or two
    lines ago or the line before began with a space too (" 8. Digitalisering …" then
    " v. Anna …" then " Holm, KL": the title's own page). "Side 20 af 22" seen on counted
    page 19 means the text starts on page 2 (a cover page first): every page shifts by one.
    No page goes past the total a `Side N af M` line states.
    """
    extra = 0
    last_start = 0 if lines and lines[0].lead_space else -10
    prev_lead = False
    counted_at: list[int] = []  # page of each line
    for i, ln in enumerate(lines):
        if ln.lead_space and i > 0 and not prev_lead and i - last_start > 2:
            extra += 1
            last_start = i
        prev_lead = ln.lead_space
        ln.page += extra
        counted_at.append(ln.page)
    if not anchors or not lines:
        return
    total = max(a.total for a in anchors)
    first = anchors[0]
    at = counted_at[first.position - 1] if first.position > 0 else 1
    shift = first.number - at
    if shift < 0 or counted_at[-1] + shift > total:
        shift = 0
    for ln in lines:
        ln.page = min(ln.page + shift, total)


# Share of lines that run to the margin (≥ WRAP_NEAR of the 90th-percentile length) above which
# the text is hard-wrapped (a PDF extractor's or a mail's 70-column lines: 0.66 in a 22-page
# agenda), below which every line is a unit of its own (web pages flattened to text: 0.10–0.33).
WRAPPED_SHARE = 0.45
WRAP_NEAR = 0.75
# Share of lines that visibly run on into the next line (hyphen, comma, function word) above
# which a short text is wrapped too; web pages flattened to text have almost none (≤ 0.04).
RUN_ON_SHARE = 0.08
# Fewer lines than this say nothing about a margin (a short note's lines may all be long).
MIN_LINES_FOR_STATS = 12


# A margin is a length that at least this many lines come close to (within MARGIN_BAND
# characters) and none passes: paragraphs wrapped at 70 columns inside a web text; a web text's
# own longest lines are one-offs of every length.
MIN_LINES_AT_MARGIN = 5
MARGIN_BAND = 12


def wrap_margin(lines: list[SourceLine]) -> int | None:
    """The column at which some paragraphs were wrapped (`… i` / `4 uger fra …`), when the
    whole text is not: the longest line, if enough lines come close to it."""
    lengths = [len(ln.text) for ln in lines]
    if not lengths:
        return None
    longest = max(lengths)
    near = sum(1 for n in lengths if n >= longest - MARGIN_BAND)
    return longest if near >= MIN_LINES_AT_MARGIN and longest >= 40 else None


def hard_wrapped(lines: list[SourceLine]) -> bool:
    """Whether lines were wrapped at a margin (then a paragraph runs over several lines): most
    lines run to the margin, or lines visibly run on into the next (`… forelagt af`)."""
    lengths = sorted(len(ln.text) for ln in lines)
    runs_on = sum(
        1
        for ln, nxt in itertools.pairwise(lines)
        if not nxt.break_before and _continues_visibly(ln.text)
    )
    if len(lengths) < MIN_LINES_FOR_STATS:  # too few for statistics: only a visible run-on
        return runs_on > 0
    p90 = lengths[int(len(lengths) * 0.9)]
    near = sum(1 for n in lengths if n >= WRAP_NEAR * p90)
    return near / len(lengths) >= WRAPPED_SHARE or runs_on / len(lines) >= RUN_ON_SHARE


def typical_width(lines: list[SourceLine]) -> int:
    lengths = sorted(len(ln.text) for ln in lines)
    return max(lengths[int(len(lengths) * 0.9)] if lengths else 70, 30)


def ends_sentence(text: str) -> bool:
    return text.rstrip(_CLOSING_QUOTES)[-1:] in _TERMINAL
