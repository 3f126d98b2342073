"""Line roles, decided in one place: what the layout passes found, then heading/bullet/body.

The layout passes (kitar.read.layout) only report what they find: running headers and
footers, a letterhead sidebar, the cells of a two-column list. They collect it in a
`LineRoles`, beside the lines; `assign_roles` then writes every line's `role` once, at the end
of the analysis, and the block builder (kitar.read.pdf_blocks) and `kitar inspect` only read it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from kitar.model import Line, LineRole, Page
from kitar.text.normalize import Bullet, split_bullet

REMOVED: tuple[LineRole, ...] = ("header", "footer", "sidebar")
# A numbered list item: "1. Fælles arkitekturstyring", "2) Tværgående sikkerhed", and in lower
# case "1. orienteringen tages til efterretning," only when the number stands apart from the text
# (a wrapped sentence may start a line with "3. behandling af sagen"). Not a date at a line
# start ("2. oktober 2016").
_NUMBERED_RE = re.compile(r"^\s*(?P<marker>\d{1,2}[.)])\s+(?P<rest>[^\W\d_].*|[\"“”«].*)$", re.S)
_MONTHS = re.compile(
    r"^(januar|februar|marts|april|maj|juni|juli|august|september|oktober|november|december)\b",
    re.I,
)
# A heading is at most this long: longer bold text is an emphasised paragraph.
HEADING_MAX_CHARS = 120
# Larger than the body text by this much (pt) makes a heading even when not bold.
HEADING_SIZE_STEP = 1.0


class LineRoles:
    """Roles the layout passes found, kept by line (identity) until `assign_roles`."""

    def __init__(self) -> None:
        self._found: dict[int, LineRole] = {}

    def add(self, lines: Iterable[Line], role: LineRole) -> None:
        for line in lines:
            self._found[id(line)] = role

    def get(self, line: Line) -> LineRole | None:
        """The role found for `line`, or None (still to be classified)."""
        return self._found.get(id(line))

    def removed(self, line: Line) -> bool:
        """A running header or footer, or the sidebar: not part of the body text."""
        return self._found.get(id(line)) in REMOVED

    def unmarked(self, line: Line) -> bool:
        return id(line) not in self._found


def list_marker(line: Line) -> Bullet | None:
    """A bullet (`\uf0b7 Tekst`, `o Underpunkt`, `(cid:127) Punkt`) or a numbered `1. Tekst`."""
    bullet = split_bullet(line.text)
    if bullet:
        return bullet
    m = _NUMBERED_RE.match(line.text)
    if not m or _MONTHS.match(m.group("rest")):
        return None
    words = line.words
    apart = len(words) > 1 and words[1].x0 - words[0].x1 >= 0.6 * max(line.size, 1.0)
    if m.group("rest")[:1].islower() and not apart:
        return None
    return Bullet(marker=m.group("marker"), level=0, text=m.group("rest").strip())


def body_size(lines: Iterable[Line]) -> float:
    """The font size most of `lines` is set in (by characters)."""
    sizes: Counter[float] = Counter()
    for line in lines:
        sizes[round(line.size * 2) / 2] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else 0.0


def _all_bold(line: Line) -> bool:
    letters = [w for w in line.words if any(c.isalnum() for c in w.text)]
    return bool(letters) and all(w.bold for w in letters)


def is_heading(line: Line, size: float) -> bool:
    """Short, bold or larger than the body text, and not a sentence fragment.

    `1. Meddelelser` (Verdana,Bold 11), `Sagsfremstilling` (Arial,Bold 10.1) are headings.
    """
    text = line.text.strip()
    if len(text) > HEADING_MAX_CHARS or text.endswith(",") or split_bullet(text):
        return False
    return _all_bold(line) or line.size >= size + HEADING_SIZE_STEP


def classify(line: Line, size: float) -> LineRole:
    """Heading, bullet or body, for a line of the body text."""
    if split_bullet(line.text):
        return "bullet"
    if is_heading(line, size):  # "1. Meddelelser" in bold is a heading, not a list
        return "heading"
    if list_marker(line):
        return "bullet"
    return "body"


def assign_roles(pages: list[Page], found: LineRoles) -> None:
    """Write every line's role, once: what the passes found, else its classification."""
    size = body_size(ln for p in pages for ln in p.lines if not found.removed(ln))
    for page in pages:
        for line in page.lines:
            line.role = found.get(line) or classify(line, size)
