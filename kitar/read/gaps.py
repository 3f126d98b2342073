"""A document's own line gaps, per font size: the line pitch, the gap that starts a paragraph,
and the two kinds of text where gaps mislead (text printed with its own line breaks, and text
whose every gap is one pitch). Typography only: pure functions of classified pages."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from itertools import pairwise

from kitar.model import Line, Page
from kitar.text.normalize import runs_on

# Paragraph breaks come from the document's own line gaps, per font size: the most common gap
# is the line pitch, whatever the line spacing (1.0: 1.2 sizes; 2.0: 2.3 sizes), and a gap of
# this many pitches starts a paragraph (list items set with a little extra leading, 1.15
# pitches, and paragraphs set 1.22 pitches apart stay to the other rules: a line that ends
# short, a full stop, an indent).
PARAGRAPH_GAP = 1.45
# Never less than this many pitches: a list item's second line may sit 1.15 pitches below its
# bullet line (reportlab's leading under a bullet glyph), and rounding moves lines a little.
MIN_PARAGRAPH_GAP = 1.2
# Gaps this many font sizes or more are page furniture or figures, not text lines.
MAX_LINE_GAP = 4.0
# Text counts as printed with its own line breaks when this share of its lines that visibly go
# on (not hyphenated) had room for the next word: wrapped text has none, the KL extractor
# text printed at 1.0–2.0 spacing has two thirds and more.
PRINTED_BREAKS_SHARE = 0.3
# Gaps tell nothing when this share of them is the line pitch: a page of paragraphs of four
# lines with space between them has three in four at the pitch, double spacing without space
# between paragraphs has all.
UNIFORM_SHARE = 0.9
# A line that visibly goes on ("gover-") is followed by its paragraph's next line up to this
# many font sizes below: a blank line between the lines at double spacing (a word
# processor's double line is 3.2 sizes: 6.4), not two blank lines (a paragraph break).
MAX_RUN_ON_GAP = 7.5
# A line ending within this many font sizes of the right text edge is full (it was wrapped).
FULL_LINE_SLACK = 3.0
# Full lines needed before their gaps alone give the pitch.
MIN_FULL_LINES = 5
Fits = Callable[[Line, Line], bool]  # would the next line's first word fit on this one?


def mode(values: list[float]) -> float:
    """The most common value to the half point (the smaller one on a tie)."""
    counts = Counter(round(v * 2) / 2 for v in values)
    return min(counts, key=lambda v: (-counts[v], v))


Pitch = tuple[float, str]  # (font size to the half point, "body" | "bullet")


def typical_pitch(pages: list[Page], fits: Fits | None = None) -> dict[Pitch, tuple[float, float]]:
    """Per font size and kind of paragraph: (line pitch, the gap from which a new paragraph
    starts), from the document's own gaps. The pitch is the most common gap after a full line
    (one that reaches its page's right text edge was wrapped: the next line is the same
    paragraph's). The paragraph gap is the most common gap after a short line that is wider
    than the pitch; a new paragraph starts past their midpoint. Without enough full lines (an
    agenda of one-line paragraphs), the pitch is the most common gap of all."""
    after_full: dict[Pitch, list[float]] = {}
    after_short: dict[Pitch, list[float]] = {}
    gaps: dict[Pitch, list[float]] = {}
    after_run_on: dict[float, list[float]] = {}  # per size, body and list items together
    for page in pages:
        body = [ln for ln in page.lines if ln.role in ("body", "bullet")]
        ends = sorted(ln.x1 for ln in body)
        edge = ends[(len(ends) * 95) // 100] if ends else 0.0
        starts = sorted(ln.x0 for ln in body)
        left = starts[len(starts) // 20] if starts else 0.0
        for a, b in pairwise(body):
            d = b.top - a.top
            if abs(a.size - b.size) >= 0.3 or d <= 0:
                continue
            if runs_on(a.text) and d < MAX_RUN_ON_GAP * max(a.size, 1.0):
                after_run_on.setdefault(round(a.size * 2) / 2, []).append(d)
            if d >= MAX_LINE_GAP * max(a.size, 1.0):
                continue
            # a list item's lines: its first (a bullet) and its indented wrapped lines
            listed = a.role == "bullet" or a.x0 > left + 4
            key = (round(a.size * 2) / 2, "bullet" if listed else "body")
            gaps.setdefault(key, []).append(d)
            # ... and had no room for the next line's first word (a paragraph's long last line
            # before a short word is no wrapped line)
            full = a.x1 >= edge - FULL_LINE_SLACK * max(a.size, 1.0)
            full = full and (fits is None or not fits(a, b))
            (after_full if full else after_short).setdefault(key, []).append(d)
    out: dict[Pitch, tuple[float, float]] = {}
    for key, values in gaps.items():
        wrapped = after_full.get(key, [])
        pitch = mode(wrapped if len(wrapped) >= MIN_FULL_LINES else values)
        going_on = after_run_on.get(key[0], [])
        if len(going_on) >= MIN_FULL_LINES and mode(going_on) > MIN_PARAGRAPH_GAP * pitch:
            # Text printed with its own line breaks and blank lines ("gover-" / (blank) /
            # "nance for …"): the lines of a paragraph are as far apart as the lines that
            # visibly go on, whatever the renderer's own wrapping pitch.
            pitch = mode(going_on)
        limit = PARAGRAPH_GAP * pitch
        wider = [v for v in after_short.get(key, []) if v > MIN_PARAGRAPH_GAP * pitch]
        if len(wider) >= MIN_FULL_LINES:
            limit = min(limit, (pitch + mode(wider)) / 2)
        out[key] = (pitch, max(limit, MIN_PARAGRAPH_GAP * pitch))
    return out


def printed_breaks(pages: list[Page], fits: Fits) -> set[float]:
    """Font sizes of text printed with its own line breaks (a text extractor's output set
    again): many lines that visibly go on ("… i den" / "fællesoffentlige …") ended
    although the next word would have fitted; a word processor's wrapping never does."""
    going_on: Counter[float] = Counter()
    broken: Counter[float] = Counter()
    run_on_gaps: dict[float, list[float]] = {}
    gaps: dict[float, Counter[float]] = {}
    for page in pages:
        body = [ln for ln in page.lines if ln.role in ("body", "bullet")]
        for a, b in pairwise(body):
            d = b.top - a.top
            if abs(a.size - b.size) >= 0.3 or not 0 < d < MAX_RUN_ON_GAP * max(a.size, 1.0):
                continue
            size = round(a.size * 2) / 2
            gaps.setdefault(size, Counter())[round(d * 2) / 2] += 1
            if not runs_on(a.text):
                continue
            run_on_gaps.setdefault(size, []).append(d)
            if not a.text.endswith("-"):
                going_on[size] += 1
                broken[size] += fits(a, b)
    out = {
        size
        for size, n in going_on.items()
        if broken[size] >= MIN_FULL_LINES and broken[size] >= PRINTED_BREAKS_SHARE * n
    }
    # ... or they sit further apart than the lines the renderer wrapped itself: blank
    # lines between a paragraph's lines ("gover-" / (blank) / "nance for …")
    for size, values in run_on_gaps.items():
        common = [g for g, n in gaps[size].items() if n >= MIN_FULL_LINES]
        wider = common and mode(values) >= MIN_PARAGRAPH_GAP * min(common)
        if len(values) >= MIN_FULL_LINES and wider:
            out.add(size)
    return out


def uniform_sizes(pages: list[Page]) -> set[float]:
    """Font sizes at which nearly every gap is the line pitch: paragraphs set without
    space between them (double spacing, plain), so gaps cannot tell paragraphs apart."""
    gaps: dict[float, list[float]] = {}
    for page in pages:
        for a, b in pairwise(page.lines):  # body text only: list items have their own
            d = b.top - a.top
            if a.role != "body" or b.role != "body" or abs(a.size - b.size) >= 0.3:
                continue
            if 0 < d < MAX_LINE_GAP * max(a.size, 1.0):
                gaps.setdefault(round(a.size * 2) / 2, []).append(d)
    out = set()
    for size, values in gaps.items():
        pitch = mode(values)
        at_pitch = sum(abs(v - pitch) <= 1.0 for v in values)
        if len(values) >= MIN_FULL_LINES and at_pitch >= UNIFORM_SHARE * len(values):
            out.add(size)
    return out
