"""Character-level clean-up shared by every reader: ligatures, soft hyphens, bullets, NFC."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

LIGATURES = {
    "\ufb00": "ff",
    "\ufb01": "fi",
    "\ufb02": "fl",
    "\ufb03": "ffi",
    "\ufb04": "ffl",
    "\ufb05": "st",
    "\ufb06": "st",
}
SOFT_HYPHEN = "\u00ad"

# Bullet glyphs and their nesting level. The private-use ones are Symbol/Wingdings glyphs that
# PDF extractors leave as-is: U+F0B7 (Symbol bullet), U+F0A7 (Wingdings square), U+F0D8
# (Wingdings arrow), e.g. "\uf0d8 Alle kommuner skal i august 2016 ...".
BULLET_LEVELS: dict[str, int] = {
    "\uf0b7": 0,
    "•": 0,
    "●": 0,
    "\uf0d8": 0,
    "➢": 0,
    "\uf0a7": 1,
    "▪": 1,
    "■": 1,
    "◦": 1,
    "o": 1,  # sub-bullet letter "o Underpunkt"
    "–": 0,
    "-": 0,
    "\uf02d": 0,  # Symbol-font hyphen bullet
    "*": 0,  # a web page's list copied as plain text ("* Punkt")
    "·": 0,  # middle dot: a Word list in the Symbol font, copied as text
    "○": 1,
    "►": 0,
    "‣": 0,
}
PRIVATE_USE_RE = re.compile("[\ue000-\uf8ff]")
CID_RE = re.compile(r"\(cid:\d+\)")
# "(cid:127) Punkt" — pdfplumber's placeholder for a glyph without a Unicode mapping.
_BULLET_RE = re.compile(
    r"^\s*(?P<marker>\(cid:\d+\)|[\uf0b7\uf0a7\uf0d8\uf02d•●➢▪■◦–\-*·○►‣]|o(?=\s))\s+(?P<rest>\S.*)$",
    re.S,
)


def normalize(text: str) -> str:
    """NFC, expand ligatures, drop soft hyphens and zero-width characters."""
    for lig, repl in LIGATURES.items():
        if lig in text:
            text = text.replace(lig, repl)
    text = text.replace(SOFT_HYPHEN, "").replace("\u200b", "").replace("\ufeff", "")
    text = text.replace("\u00a0", " ")
    return unicodedata.normalize("NFC", text)


@dataclass(frozen=True)
class Bullet:
    marker: str
    level: int
    text: str


def split_bullet(line: str) -> Bullet | None:
    """Recognise a bullet line: `\\uf0b7 Tekst` → Bullet(marker, level 0, "Tekst").

    A dash counts only when followed by a space, so `-fremskrivning` and `e-handel` are text.
    """
    m = _BULLET_RE.match(line)
    if not m:
        return None
    marker = m.group("marker")
    level = 0 if marker.startswith("(cid:") else BULLET_LEVELS.get(marker, 0)
    return Bullet(marker=marker, level=level, text=m.group("rest").strip())


def strip_private_use(text: str) -> str:
    """Remove leftover private-use glyphs and `(cid:N)` placeholders inside text."""
    return CID_RE.sub("", PRIVATE_USE_RE.sub("", text))


# A line ending in one of these words continues on the next line, whatever its length:
# "… ledelsesrepræsentanter fra" + "KOMBIT og KL.".
FUNCTION_WORDS = frozenset(
    {"og", "i", "for", "af", "på", "med", "til", "eller", "om", "fra", "ved",
     "en", "et", "den", "det", "de", "at", "som", "der", "er", "har", "kan", "skal", "vil",
     "samt", "mellem", "under", "over", "efter", "hos", "uden", "mod", "ikke", "blev", "bliver"}
)  # fmt: skip


def runs_on(line: str) -> bool:
    """Whether a line visibly goes on in the next one: a word hyphenated at its end
    (`digi-`), a comma, or a function word (`… i den`)."""
    words = line.split()
    return bool(words) and (
        (line.endswith("-") and len(line) > 1 and line[-2].isalpha())
        or line.endswith(",")
        or words[-1] in FUNCTION_WORDS
    )
