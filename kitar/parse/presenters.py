"""Presenter lines: `v. Anna Holm, Formand for … og Bo Lind, KL` → people.

The line is split at commas and at ` og `. After a comma comes either an organisation or a role,
and it applies to the whole group of names since the previous one: in
`v. Carl Berg, KL og Dorte Friis og Erik Skov Gade, Digitaliseringsstyrelsen`
both of the last two people are from Digitaliseringsstyrelsen.
"""

from __future__ import annotations

import re

from kitar.model import Presenter
from kitar.parse import nlp
from kitar.parse.agenda import agenda
from kitar.parse.vocabulary import organisation_lookup

# Words that start a role rather than an organisation: "Formand for Kommunernes It-Arkitekturråd",
# "chefkonsulent", "Projektleder i KOMBIT".
_ROLE_WORDS = re.compile(
    r"^(?:næst)?(?:formand|forkvinde|direktør|vicedirektør|chef|kontorchef|centerchef|afdelingschef"
    r"|konsulent|chefkonsulent|specialkonsulent|fuldmægtig|programleder|projektleder|programchef"
    r"|arkitekt|enterprisearkitekt|it-arkitekt|sekretariatsleder|leder|borgmester|rådmand"
    r"|medlem|koordinator|faglig|seniorkonsulent|analytiker|sekretær|udviklingschef|it-chef"
    r"|digitaliseringschef)\b",
    re.I,
)
# "v." or "v/" alone (a line cut after its lead-in): the lead-in without a name after it
_BARE_LEAD = re.compile(r"^(?:v\.|v/|ved\s)\s*", re.I)
_PAREN = re.compile(r"^(?P<name>[^()]+?)\s*\((?P<extra>[^()]+)\)$")
_SPLIT = re.compile(r"\s*(,|;|\s+og\s+|\s+samt\s+|\s*&\s*)\s*")
_NAME_TOKEN = re.compile(r"^[A-ZÆØÅ][\wæøåéü'\-]*\.?$|^(?:de|von|van|la|af)$")


def _looks_like_name(text: str) -> bool:
    tokens = text.split()
    return 1 < len(tokens) <= 5 and all(_NAME_TOKEN.match(t) for t in tokens)


def _known_organisation(text: str, known_spans: dict[str, str]) -> str | None:
    key = text.strip().rstrip(".")
    return known_spans.get(key) or organisation_lookup().get(key.lower())


def _organisation(text: str, known_spans: dict[str, str]) -> str | None:
    known = known_spans.get(text.strip().rstrip(".")) or organisation_lookup().get(
        text.strip().rstrip(".").lower()
    )
    if known:
        return known
    # Unknown organisation names are usually one capitalised token or an acronym: "Celuma", "SKI".
    tokens = text.split()
    if len(tokens) == 1 and tokens[0][:1].isupper():
        return tokens[0].rstrip(".")
    return None


def parse_presenters(line: str) -> list[Presenter]:
    """People named in one presenter line (with or without the leading `v.`)."""
    # the lead-in ("v.", "Oplæg ved", "Fremlægges af") is agenda.toml's presenter form
    m = agenda().presenter.match(line.strip())
    rest = m.group("rest") if m else _BARE_LEAD.sub("", line.strip())
    rest = " ".join(rest.split()).rstrip(". ")
    # The spaCy entity ruler (pipelines/organisations.txt) finds the known organisations.
    known_spans = {rest[a:b]: name for a, b, name in nlp.organisation_spans(rest)}
    parts = _SPLIT.split(rest)
    # parts alternates: text, separator, text, separator, ...
    people: list[Presenter] = []
    group: list[Presenter] = []
    for k in range(0, len(parts), 2):
        text = parts[k].strip()
        sep_before = parts[k - 1].strip() if k else ""
        if not text:
            continue
        is_after_comma = sep_before in {",", ";"}
        if is_after_comma and group:
            org = _organisation(text, known_spans)
            if _ROLE_WORDS.match(text) or (not org and not _looks_like_name(text)):
                # A role belongs to the person right before it, not to the whole group.
                group[-1].role = text
                people.extend(group)
                group = []
                continue
            # A known organisation wins even when it looks like a name ("Danske Regioner").
            known = _known_organisation(text, known_spans)
            if known or (org and not _looks_like_name(text)):
                org = known or org
                for person in group:
                    person.organisation = org
                people.extend(group)
                group = []
                continue
        paren = _PAREN.match(text)
        if paren:
            # The draft's own form: "Bo Lind (KL)", "Anna Holm (Formand for Rådet)".
            extra = paren.group("extra").strip()
            org = _organisation(extra, known_spans)
            person = Presenter(name=paren.group("name").strip())
            if org and not _ROLE_WORDS.match(extra):
                person.organisation = org
            else:
                person.role = extra
            people.extend(group)
            people.append(person)
            group = []
            continue
        group.append(Presenter(name=text))
    people.extend(group)
    return [p for p in people if p.name]
