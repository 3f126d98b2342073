"""The Danish vocabulary that lives in `pipelines/` as data (headings, organisations, ...)."""

from __future__ import annotations

import re
from functools import lru_cache

from kitar.config import pipeline_entries


@lru_cache(maxsize=1)
def section_headings() -> frozenset[str]:
    """Lower-cased section headings, e.g. "baggrund", "sagsfremstilling"."""
    return frozenset(h.lower() for h in pipeline_entries("section_headings.txt"))


@lru_cache(maxsize=1)
def organisations() -> dict[str, str]:
    """Every known organisation name or alias → its name as written in the file.

    `KL = Kommunernes Landsforening` makes both "KL" and the long form map to "KL".
    """
    names: dict[str, str] = {}
    for line in pipeline_entries("organisations.txt"):
        name, _, alias = (part.strip() for part in line.partition("="))
        names[name] = name
        if alias:
            names[alias] = name
    return names


@lru_cache(maxsize=1)
def organisation_lookup() -> dict[str, str]:
    """Lower-cased name → canonical name, for quick exact matches."""
    return {k.lower(): v for k, v in organisations().items()}


@lru_cache(maxsize=1)
def abbreviations() -> tuple[str, ...]:
    return tuple(pipeline_entries("abbreviations.txt"))


@lru_cache(maxsize=1)
def _heading_prefix() -> re.Pattern[str]:
    alternatives = "|".join(re.escape(h) for h in sorted(section_headings(), key=len, reverse=True))
    return re.compile(rf"(?:{alternatives}) ")


def is_section_heading(text: str) -> bool:
    """`Baggrund`, `Indstilling:`, or a longer form of a known one (`Økonomiske konsekvenser …`)."""
    if len(text) > 80:
        return False
    key = text.strip().rstrip(":").strip().lower()
    if key in section_headings():
        return True
    # "Økonomiske konsekvenser og finansiering" starts with the known "Økonomiske konsekvenser".
    return len(key) < 60 and bool(_heading_prefix().match(key))
