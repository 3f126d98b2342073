"""Greedy line breaking with Danish hyphenation (pyphen's da_DK patterns), for PDF and text.

Only this module imports pyphen. Which words may be split is a typesetting policy:
compounds split at pyphen's points (`digitaliserings-` + `strategi`); a word that already
holds a hyphen splits only at that hyphen and only where Danish keeps it (`it-` + `arkitekter`,
`CPR-` + `nummer`, `2030-` + `fremskrivning`, `e-` + `handel`, `It-` + `Arkitekturrådet`);
acronyms, numbers and short words never split.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

import pyphen

_DIC = pyphen.Pyphen(lang="da_DK")
_LEAD = "(”“\"'’‘"
_TRAIL = ".,:;!?)”“\"'’‘"
DASHES = frozenset({"-", "–", "—"})
MIN_PART = 3  # letters on each side of an added hyphen
MIN_WORD = 7


def _keeps_hyphen(left: str, right: str) -> bool:
    """Whether Danish spelling keeps the hyphen in `left-right` (e.g. `EU-udbud`, `e-handel`)."""
    if not left or not right:
        return False
    return (
        (left.isupper() and left.isalpha())
        or left[-1].isdigit()
        or len(left) == 1
        or left.lower() == "it"
        or right[0].isupper()
    )


@lru_cache(maxsize=65536)
def hyphen_splits(word: str) -> tuple[tuple[str, str], ...]:
    """Ways to split `word` at a line end, as (left incl. hyphen, right), longest left first."""
    if " " in word:
        return ()
    core = word.lstrip(_LEAD)
    lead = word[: len(word) - len(core)]
    stripped = core.rstrip(_TRAIL)
    trail = core[len(stripped) :]
    core = stripped
    if "-" in core:
        out = []
        for i, ch in enumerate(core):
            if ch != "-":
                continue
            seg_left = core[:i].rsplit("-", 1)[-1]
            if i < len(core) - 1 and _keeps_hyphen(seg_left, core[i + 1 :]):
                out.append((lead + core[: i + 1], core[i + 1 :] + trail))
        return tuple(reversed(out))
    if len(core) < MIN_WORD or not core.isalpha() or any(c.isupper() for c in core[1:]):
        return ()
    out = []
    for pos in reversed(_DIC.positions(core)):
        if MIN_PART <= pos <= len(core) - MIN_PART:
            out.append((lead + core[:pos] + "-", core[pos:] + trail))
    return tuple(out)


def _units(text: str) -> list[str]:
    """Words, with a lone dash glued to the word before it so no line starts with a dash."""
    units: list[str] = []
    for tok in text.split():
        if tok in DASHES and units:
            units[-1] = units[-1] + " " + tok
        else:
            units.append(tok)
    return units


def break_lines(
    text: str,
    width: float,
    measure: Callable[[str], float],
    first_width: float | None = None,
    hyphenate: bool = True,
) -> list[str]:
    """Break `text` into lines no wider than `width` (the first line: `first_width`)."""
    lines: list[str] = []
    current = ""
    limit = first_width if first_width is not None else width
    units = _units(text)
    i = 0
    while i < len(units):
        unit = units[i]
        trial = unit if not current else current + " " + unit
        if measure(trial) <= limit:
            current = trial
            i += 1
            continue
        if hyphenate:
            prefix = current + " " if current else ""
            for left, right in hyphen_splits(unit):
                if measure(prefix + left) <= limit:
                    lines.append(prefix + left)
                    units[i] = right
                    current = ""
                    break
            else:
                left = ""
            if left and not current:
                limit = width
                continue
        if current:
            lines.append(current)
            current = ""
        else:  # a single unit wider than the line: put it alone
            lines.append(unit)
            i += 1
        limit = width
    if current:
        lines.append(current)
    return lines
