"""Follow-up actions (who does what by when) from decisions, recommendations and item texts.

Pure functions over kitar.model objects; sentences are split by regex, no spaCy needed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from kitar.config import pipeline_entries
from kitar.model import FollowUp, Item, Meeting, child_key
from kitar.parse.outcome import classify_decision
from kitar.text.deadlines import find_due

# Used when pipelines/organisations.txt is absent.
_DEFAULT_ORGS = [
    "KL",
    "KOMBIT",
    "Administrationen",
    "Forvaltningen",
    "Sekretariatet",
    "Direktionen",
]
_DEFAULT_ABBREVIATIONS = [
    "bl.a.",
    "jf.",
    "f.eks.",
    "pr.",
    "vedr.",
    "ift.",
    "ca.",
    "mv.",
    "nr.",
    "kl.",
    "evt.",
    "dvs.",
    "osv.",
    "pga.",
    "inkl.",
    "d.",
    "stk.",
]
# Section headings whose sentences are plans rather than background: "Videre proces".
_FOLLOWUP_HEADINGS = re.compile(r"opfølgning|videre\s+(?:proces|forløb)|næste\s+skridt|tidsplan|"
                                r"proces|handling|aftaler?", re.I)  # fmt: skip
# "Indstillingen tages til efterretning", "Orienteringen blev taget til efterretning".
_TAKE_NOTE = re.compile(r"\b(?:tages|taget|tager|tog)\s+(?:\w+\s+){0,3}?til\s+efterretning|"
                        r"\btil\s+orientering\b|^\s*orienteringen\b", re.I)  # fmt: skip
# Lead-ins before the actual clause: "Direktøren indstiller, at …", "Det blev aftalt, at …".
# "… godkender, at sekretariatet udarbejder …": the approval is the meeting's, the clause an action.
_LEAD_IN = re.compile(r"^.{0,80}?\b(?:indstill|beslut|aftal|vedtag|anbefal|besluttede|aftalte|"
                      r"godkend)\w*[^,.]{0,40},?\s+at\s+", re.I)  # fmt: skip
_AND_THAT = re.compile(r",?\s+(?:og|samt)\s+at\s+", re.I)
# Verbs of the meeting itself ("Rådet drøfter …"): an action only with a deadline.
_MEETING_VERBS = {"drøfter", "drøftede", "godkender", "godkendte", "tiltræder", "tager", "noterer",
                  "bemærker", "vedtager", "beslutter", "besluttede", "anbefaler", "indstiller",
                  "konstaterer", "kommer", "orienterer", "giver", "bliver", "ønsker", "finder",
                  "støtter", "opfordrer"}  # fmt: skip
# "KL har igangsat …", "Projektet er forsinket": perfect tense and states are background.
_NEVER_VERBS = {"har", "havde", "er", "var", "blev", "fik"}
# Opinions and reports are not promises: "Administrationen vurderer, at renoveringen kan …".
_STATEMENT_VERBS = {
    "vurderer",
    "forventer",
    "mener",
    "skønner",
    "anser",
    "oplyser",
    "beretter",
    "redegør",
    "fremhæver",
    "understreger",
    "påpeger",
    "konkluderer",
    "antager",
}
_MODALS = {"skal", "vil", "bedes", "anmodes", "sørger", "påtager"}
# A unit or office as subject: "Administrationen", "Sekretariatet", "Styregruppen", "Direktøren".
_DEFINITE = re.compile(
    r"^(?P<who>[A-ZÆØÅ][a-zæøåé-]*(?:ionen|ningen|iatet|gruppen|udvalget|rådet|ledelsen|ktøren|"
    r"chefen|formanden|mesteren|afdelingen|centret|centeret|enheden|teamet|kontoret|styrelsen|"
    r"ministeriet|partnerne|kommunerne|regionerne))\s+(?P<verb>[a-zæøå]+)"
)
# Definite nouns that are things, not agents: "Orienteringen", "Indstillingen".
_NOT_AGENTS = {"Orienteringen", "Indstillingen", "Beslutningen", "Evalueringen", "Løsningen",
               "Ansøgningen", "Bevillingen", "Ændringen", "Opgørelsen", "Vurderingen",
               "Høringen", "Afklaringen", "Implementeringen", "Digitaliseringen"}  # fmt: skip
# A person's name: two or three capitalised words, "Anne Holm sender …".
_PERSON = re.compile(
    r"^(?P<who>[A-ZÆØÅ][a-zæøåé]+(?:\s+[A-ZÆØÅ][a-zæøåé-]+){1,2})\s+(?P<verb>[a-zæøå]+)"
)
# Passives of the meeting itself: "It-Arkitekturrådet orienteres om …" is not a follow-up.
_MEETING_PASSIVES = re.compile(r"\b(?:orienteres|drøftes|godkendes|noteres|vedtages|tages)\b", re.I)
# Expectations are not actions: "Kontrakten forventes sendt i EU-udbud i løbet af efteråret".
_STATEMENT_PASSIVES = re.compile(r"\b(?:forventes|vurderes|skønnes|antages|regnes|påregnes|"
                                 r"anslås|planlægges)\b", re.I)  # fmt: skip
_AGENT = re.compile(r"\baf\s+(?P<who>[A-ZÆØÅ][\wæøåÆØÅ-]+)")  # "udarbejdes af KOMBIT"


@lru_cache(maxsize=4)
def organisations(directory: Path | None = None) -> dict[str, str]:
    """Organisation names (and aliases) → the name shown as owner.

    `KL = Kommunernes Landsforening` makes both spellings mean KL; a name that also has its
    own line stays itself (`Digst = Digitaliseringsstyrelsen` → Digitaliseringsstyrelsen).
    """
    lines = pipeline_entries("organisations.txt", directory) or _DEFAULT_ORGS
    plain = {line for line in lines if "=" not in line}
    names: dict[str, str] = {}
    for line in lines:
        parts = [p.strip() for p in line.split("=")]
        canonical = next((p for p in parts if p in plain), parts[0])
        for part in parts:
            names.setdefault(part, canonical)
    return names


@lru_cache(maxsize=4)
def _abbreviations(directory: Path | None = None) -> tuple[str, ...]:
    found = pipeline_entries("abbreviations.txt", directory)
    return tuple(sorted(set(found) | set(_DEFAULT_ABBREVIATIONS), key=len, reverse=True))


@lru_cache(maxsize=4)
def _abbreviation_re(directory: Path | None = None) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(a) for a in _abbreviations(directory))
    return re.compile(r"(?<![\wæøåÆØÅ])(?:" + alternatives + ")", re.I)


def _hide_dots(m: re.Match[str]) -> str:
    return m.group(0).replace(".", "\x00")


def split_sentences(text: str) -> list[str]:
    """Sentences of Danish prose; `bl.a.`, `jf.`, `f.eks.`, `pr.`, `vedr.`, `ift.` stay inside."""
    protected = _abbreviation_re().sub(_hide_dots, text)
    parts = re.split(r"(?<=[.!?])\s+(?=[\"“”»(]?[A-ZÆØÅ0-9])|\n+", protected)
    return [p.replace("\x00", ".").strip() for p in parts if p.strip()]


def takes_note(text: str) -> bool:
    """`Sagen tages til efterretning.` — noting is not an action."""
    return bool(_TAKE_NOTE.search(text))


def _clauses(sentence: str) -> list[str]:
    """The `at …` clauses of an indstilling/decision sentence, else the sentence itself."""
    body = _LEAD_IN.sub("", sentence, count=1)
    return [c.strip(" ,;.") for c in _AND_THAT.split(body) if c.strip(" ,;.")]


@lru_cache(maxsize=8)
def _org_re(names: tuple[str, ...]) -> re.Pattern[str]:
    """`KL sender`, `KL og KOMBIT udarbejder`, `KL's sekretariat udarbejder`: then the verb."""
    alt = "|".join(re.escape(n) for n in names)
    return re.compile(
        rf"(?P<org>{alt})(?:\s+og\s+(?P<org2>{alt}))?(?:'s?\s+[a-zæøå]+)?\s+(?P<verb>[a-zæøå]+)"
    )


def _owner(clause: str, orgs: dict[str, str]) -> tuple[str | None, str | None]:
    """(owner, verb) when the clause starts with an organisation, unit or person as subject."""
    clause = re.sub(r"^(?:at|og|samt|derefter|herefter|efterfølgende)\s+", "", clause, flags=re.I)
    # a clause after "at" starts in lower case: "at forvaltningen udarbejder …"
    clause = clause[:1].upper() + clause[1:]
    m = _org_re(tuple(sorted(orgs, key=len, reverse=True))).match(clause)
    if m:
        owner = orgs[m.group("org")]
        if m.group("org2"):
            owner += " og " + orgs[m.group("org2")]
        return owner, m.group("verb")
    for pattern in (_DEFINITE, _PERSON):
        m = pattern.match(clause)
        if m is None or m.group("who") in _NOT_AGENTS:
            continue
        verb = m.group("verb")
        if verb in _MODALS or (verb.endswith("r") and not verb.endswith("es")):
            return m.group("who"), verb
    return None, None


def _is_action_verb(verb: str, has_due: bool) -> bool:
    if verb in _NEVER_VERBS or verb in _STATEMENT_VERBS:
        return False
    if verb in _MODALS:
        return True
    if verb in _MEETING_VERBS:
        return has_due
    if verb.endswith(("ede", "te")):  # past tense: background, not a promise
        return False
    return verb.endswith("r")  # present tense: "sender", "forelægger", "går"


def _from_sentence(sentence: str, origin: str, require_due: bool, ctx: _Context) -> list[FollowUp]:
    if takes_note(sentence):
        return []
    found: list[FollowUp] = []
    sentence = re.sub(r"^[-–•]\s+", "", sentence)  # a bullet left in the text
    for clause in _clauses(sentence):
        due = find_due(clause, ctx.meeting_date or date(2000, 1, 1), ctx.meetings)
        if require_due and (due is None or due.precision == "year"):
            continue  # "i 2013" in background text is context, not a deadline
        if due and due.due and ctx.meeting_date and due.due < ctx.meeting_date:
            continue  # "i juni 2016" at an August 2016 meeting: history, not a promise
        owner, verb = _owner(clause, ctx.orgs)
        if owner is None or verb is None:
            agent = _AGENT.search(clause)
            # "Sagen genoptages …": the passive verb comes early, after a short subject.
            passive = re.match(r"^(?:[\wæøåÆØÅ.-]+\s+){1,4}?[a-zæøå]{4,}es\b", clause)
            if (not (due and passive) or _MEETING_PASSIVES.search(clause)
                    or _STATEMENT_PASSIVES.search(clause)):  # fmt: skip
                continue  # "Sagen genoptages på næste møde" is kept, without an owner
            owner = ctx.orgs.get(agent.group("who"), agent.group("who")) if agent else None
        elif not _is_action_verb(verb, due is not None):
            continue
        found.append(FollowUp(
            owner=owner, action=clause[0].upper() + clause[1:],
            due=due.due.isoformat() if due and due.due and ctx.meeting_date else None,
            due_text=due.text if due else None, sentence=sentence, origin=origin,
        ))  # fmt: skip
    return found


@dataclass
class _Context:
    meeting_date: date | None
    meetings: Sequence[date]
    orgs: dict[str, str]


def _only_takes_note(item: Item) -> bool:
    texts = [d.text for d in item.decisions] or item.recommendations
    sentences = [s for t in texts for s in split_sentences(t)]
    return bool(sentences) and all(takes_note(s) for s in sentences)


def _recommendation_stands(item: Item) -> bool:
    """An agenda's recommendations are the proposed actions; in minutes they stand only when
    the (last) decision approves them, not when it notes, postpones or rejects."""
    if not item.decisions:
        return True
    return classify_decision(item.decisions[-1].text)[0] in ("approved", "amended", "forwarded")


def _item_sources(item: Item) -> Iterable[tuple[str, str, bool]]:
    """(text, origin, needs a deadline to count) for one item: its decisions, its
    recommendations when they stand, and sections that are plans (`Videre proces`);
    background sections (`Sagsfremstilling`, `Baggrund`) describe, they do not assign."""
    for decision in item.decisions:
        yield decision.text, "decision", False
    if _recommendation_stands(item):
        for rec in item.recommendations:
            yield rec, "recommendation", False
    for section in item.sections:
        if _FOLLOWUP_HEADINGS.search(section.heading):
            yield section.text, f"section:{section.heading}", False


def item_followups(item: Item, ctx: _Context, number: str | None = None) -> list[FollowUp]:
    """Follow-ups of one item and its sub-items (sub-items numbered `3.a` or `3.1`)."""
    number = number if number is not None else item.number
    out: list[FollowUp] = []
    if not _only_takes_note(item):  # "Orienteringen blev taget til efterretning." alone
        seen: set[str] = set()
        for text, origin, require_due in _item_sources(item):
            for sentence in split_sentences(text):
                for fu in _from_sentence(sentence, origin, require_due, ctx):
                    if fu.action not in seen:  # a decision often repeats the recommendation
                        seen.add(fu.action)
                        fu.item_number, fu.item_title = number, item.title
                        out.append(fu)
    for i, sub in enumerate(item.subitems, 1):
        out.extend(item_followups(sub, ctx, child_key(number or "?", sub.number, i)))
    return out


def extract_followups(
    meeting: Meeting,
    *,
    known_meetings: Sequence[date | str] = (),
    organisations_dir: Path | None = None,
) -> list[FollowUp]:
    """All follow-up actions of a meeting, in item order.

    `known_meetings` (ISO dates) lets `på næste møde` resolve to a real date.
    """
    info = meeting.meeting
    meeting_date = date.fromisoformat(info.date) if info.date else None
    ctx = _Context(
        meeting_date,
        [m if isinstance(m, date) else date.fromisoformat(m) for m in known_meetings],
        organisations(organisations_dir),
    )
    found: list[FollowUp] = []
    for item in meeting.items:
        for fu in item_followups(item, ctx):
            fu.meeting_date, fu.meeting_body = info.date, info.body
            found.append(fu)
    return found
