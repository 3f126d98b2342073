"""What a decision says happened to the recommendation: approved, amended, postponed, …

Agenda knowledge, so it lives in parse/: `kitar compare` flags departures with it, and the
follow-up extraction keeps a recommendation's actions only when the decision approves them.
The wordings of each outcome are data (`[[outcome]]` in `pipelines/wordings.toml`).
"""

from __future__ import annotations

from typing import Literal, cast, get_args

from kitar.parse.agenda import AgendaDataError, agenda, agenda_file

Outcome = Literal["not_approved", "postponed", "amended", "forwarded", "approved", "noted",
                  "other", "none"]  # fmt: skip
DEPARTURES: frozenset[str] = frozenset({"not_approved", "postponed", "amended"})


def classify_decision(text: str) -> tuple[Outcome, str | None]:
    """`Godkendt med den bemærkning, at …` → ("amended", "med den bemærkning")."""
    # tried in the data's order: "Ikke godkendt" is not approved, "Godkendt med den
    # bemærkning, at …" is amended
    for name, pattern in agenda().outcomes:
        m = pattern.search(text)
        if m:
            if name not in get_args(Outcome):
                raise AgendaDataError(
                    f"unknown outcome {name!r}", agenda_file(name="wordings.toml")
                )
            return cast(Outcome, name), m.group(0)
    return ("other", None) if text.strip() else ("none", None)
