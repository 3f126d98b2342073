"""What a decision says happened to the recommendation: approved, amended, postponed, …

Agenda knowledge, so it lives in parse/: `kitar compare` flags departures with it, and the
follow-up extraction keeps a recommendation's actions only when the decision approves them.
"""

from __future__ import annotations

import re
from typing import Literal

Outcome = Literal["not_approved", "postponed", "amended", "forwarded", "approved", "noted",
                  "other", "none"]  # fmt: skip
DEPARTURES: frozenset[str] = frozenset({"not_approved", "postponed", "amended"})

# Tried in this order: "Ikke godkendt" must not count as approved, "Godkendt med den
# bemærkning, at …" must count as amended.
_RULES: list[tuple[Outcome, re.Pattern[str]]] = [
    ("not_approved", re.compile(
        r"\bikke\s+(?:godkendt|godkendes|anbefalet|anbefales|tiltrådt|vedtaget)|\bforkastet|"
        r"\bafvist|\bnedstemt|\bkunne\s+ikke\s+(?:godkende|anbefale|tiltræde)", re.I)),
    ("postponed", re.compile(
        r"\budsat|\budsættes|\bgenoptages|\bsendes\s+tilbage|\btilbagesendt|\bafventer|"
        r"\b(?:behandles|tages\s+op)\s+(?:igen\s+)?på\s+(?:et\s+senere|næste|et\s+kommende)",
        re.I)),
    ("amended", re.compile(
        r"\bmed\s+(?:den|denne|de|disse|følgende)\s+(?:bemærkning|ændring|tilføjelse|præcisering)|"
        r"\bmed\s+de\s+faldne\s+bemærkninger|\bdog\s+således|\bmed\s+(?:den\s+)?ændring|"
        r"\b(?:godkendt|anbefalet|tiltrådt)\s*,\s*idet\b", re.I)),
    # "Indstilles til godkendelse" / "Oversendes til Byrådet": sent on to the body that
    # decides, not approved here (a committee's minutes on an item the council decides).
    ("forwarded", re.compile(
        r"\b(?:indstilles|anbefales|oversendes|sendes\s+videre)\s+til\s+(?:godkendelse|"
        r"vedtagelse|beslutning|\w+(?:udvalget|rådet|byrådet|bestyrelsen))|"
        r"\bsagen\s+oversendes\b", re.I)),
    ("approved", re.compile(
        r"\bgodkendt|\bgodkendes|\banbefalet|\banbefales|\btiltrådt|\btiltræder|\bvedtaget|"
        r"\bindstillingen\s+(?:blev\s+)?fulgt|\bsom\s+indstillet|\bbevilget", re.I)),
    ("noted", re.compile(
        r"\btil\s+efterretning|\bdrøftet|\bdrøftede|\borienteringen|\btil\s+orientering|"
        r"\bingen\s+bemærkninger", re.I)),
]  # fmt: skip


def classify_decision(text: str) -> tuple[Outcome, str | None]:
    """`Godkendt med den bemærkning, at …` → ("amended", "med den bemærkning")."""
    for outcome, pattern in _RULES:
        m = pattern.search(text)
        if m:
            return outcome, m.group(0)
    return ("other", None) if text.strip() else ("none", None)
