"""Follow-up actions (who does what by when) from decisions, recommendations and item texts.

Pure functions over kitar.model objects; sentences are split by regex, no spaCy needed. The
Danish grammar of an action (lead-ins, subjects, verbs, passives) is data: `[followup]` in
`pipelines/wordings.toml`.
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
from kitar.parse.agenda import ORGS, agenda
from kitar.parse.outcome import classify_decision
from kitar.text.deadlines import find_due


@lru_cache(maxsize=4)
def organisations(directory: Path | None = None) -> dict[str, str]:
    """Organisation names (and aliases) → the name shown as owner.

    `KL = Kommunernes Landsforening` makes both spellings mean KL; a name that also has its
    own line stays itself (`Digst = Digitaliseringsstyrelsen` → Digitaliseringsstyrelsen).
    """
    lines = pipeline_entries("organisations.txt", directory) or list(
        agenda().followup.organisations_fallback
    )
    plain = {line for line in lines if "=" not in line}
    names: dict[str, str] = {}
    for line in lines:
        parts = [p.strip() for p in line.split("=")]
        canonical = next((p for p in parts if p in plain), parts[0])
        for part in parts:
            names.setdefault(part, canonical)
    return names


@lru_cache(maxsize=4)
def _abbreviation_re(always: tuple[str, ...], directory: Path | None = None) -> re.Pattern[str]:
    found = pipeline_entries("abbreviations.txt", directory)
    ordered = sorted(set(found) | set(always), key=len, reverse=True)
    alternatives = "|".join(re.escape(a) for a in ordered)
    return re.compile(r"(?<![\wæøåÆØÅ])(?:" + alternatives + ")", re.I)


def _hide_dots(m: re.Match[str]) -> str:
    return m.group(0).replace(".", "\x00")


def split_sentences(text: str) -> list[str]:
    """Sentences of Danish prose; `bl.a.`, `jf.`, `f.eks.`, `pr.`, `vedr.`, `ift.` stay inside."""
    protected = _abbreviation_re(agenda().followup.abbreviations).sub(_hide_dots, text)
    parts = re.split(r"(?<=[.!?])\s+(?=[\"“”»(]?[A-ZÆØÅ0-9])|\n+", protected)
    return [p.replace("\x00", ".").strip() for p in parts if p.strip()]


def takes_note(text: str) -> bool:
    """`Sagen tages til efterretning.` — noting is not an action."""
    return bool(agenda().followup.take_note.search(text))


def _clauses(sentence: str) -> list[str]:
    """The `at …` clauses of an indstilling/decision sentence, else the sentence itself."""
    words = agenda().followup
    body = words.lead_in.sub("", sentence, count=1)
    return [c.strip(" ,;.") for c in words.and_that.split(body) if c.strip(" ,;.")]


@lru_cache(maxsize=8)
def _org_re(pattern: str, names: tuple[str, ...]) -> re.Pattern[str]:
    """`KL sender`, `KL og KOMBIT udarbejder`, `KL's sekretariat udarbejder`: then the verb."""
    return re.compile(pattern.replace(ORGS, "|".join(re.escape(n) for n in names)))


def _owner(clause: str, orgs: dict[str, str]) -> tuple[str | None, str | None]:
    """(owner, verb) when the clause starts with an organisation, unit or person as subject."""
    words = agenda().followup
    clause = words.clause_opener.sub("", clause, count=1)
    # a clause after "at" starts in lower case: "at forvaltningen udarbejder …"
    clause = clause[:1].upper() + clause[1:]
    names = tuple(sorted(orgs, key=len, reverse=True))
    m = _org_re(words.organisation_subject, names).match(clause)
    if m:
        owner = orgs[m.group("org")]
        if m.group("org2"):
            owner = words.joint_owner.format(owner, orgs[m.group("org2")])
        return owner, m.group("verb")
    for pattern in (words.definite_subject, words.person_subject):
        m = pattern.match(clause)
        if m is None or m.group("who") in words.not_agents:
            continue
        verb = m.group("verb")
        if verb in words.modals or words.present_verb.search(verb):
            return m.group("who"), verb
    return None, None


def _is_action_verb(verb: str, has_due: bool) -> bool:
    words = agenda().followup
    if verb in words.never_verbs or verb in words.statement_verbs:
        return False
    if verb in words.modals:
        return True
    if verb in words.meeting_verbs:
        return has_due
    # the present tense promises ("sender", "går"); the past ("sendte") is background
    return bool(words.present_verb.search(verb))


def _from_sentence(sentence: str, origin: str, require_due: bool, ctx: _Context) -> list[FollowUp]:
    if takes_note(sentence):
        return []
    words = agenda().followup
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
            agent = words.agent.search(clause)
            # "Sagen genoptages …": the passive verb comes early, after a short subject.
            passive = words.passive_clause.match(clause)
            if (not (due and passive) or words.meeting_passive.search(clause)
                    or words.statement_passive.search(clause)):  # fmt: skip
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
        if agenda().followup.plan_heading.search(section.heading):
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
