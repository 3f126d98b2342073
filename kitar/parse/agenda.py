"""The agenda knowledge in `pipelines/agenda.toml` and `wordings.toml`, loaded once and compiled.

This is the one module that reads the forms of item headings, case numbers, decision labels,
recommendation lead-ins, closed markers and meeting titles, and the wordings of decision
outcomes, follow-up actions and case keys; the rules in `kitar.parse` use the compiled patterns
from here and never spell a Danish form of their own.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from kitar.config import PROJECT_DIR, pipelines_dir
from kitar.errors import KitarError

# A Danish date inside a label: "04.12.2012", "04-06-2020", "1. oktober 2018", "11. juni 2018".
DATE = (
    r"\d{1,2}[-./]\d{1,2}[-./]\d{2,4}"
    r"|\d{1,2}\.?\s*(?:januar|februar|marts|april|maj|juni|juli|august|september|oktober"
    r"|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|okt|nov|dec)\.?\s+\d{4}"
)


# The files of agenda knowledge in `pipelines/`, each a set of tables (a table in one file only):
# the forms of a meeting document, and the wordings of what it decided and who does what.
DATA_FILES = ("agenda.toml", "wordings.toml")
# Stands for the names of organisations.txt in a follow-up pattern (kitar.parse.followups).
ORGS = "{ORGS}"


class AgendaDataError(KitarError):
    """A file of `DATA_FILES` is missing or malformed."""

    exit_code = 2


@dataclass(frozen=True)
class HeadingForm:
    """One form of an item heading (`12. Titel`, `Pkt. 42`, `Titel` + `Sag nr. 129`)."""

    name: str
    pattern: re.Pattern[str]
    weak: bool = False
    title_next: bool = False
    title_before: bool = False


@dataclass(frozen=True)
class DecisionLabel:
    name: str
    pattern: re.Pattern[str]
    short: bool = False
    in_item_only: bool = False


@dataclass(frozen=True)
class CaseShape:
    name: str
    pattern: re.Pattern[str]
    bare: bool = False


@dataclass(frozen=True)
class CaseKeyShape:
    """A case system's number shape and how its key is written (`case_key` in wordings.toml)."""

    name: str
    pattern: re.Pattern[str]
    key: str


@dataclass(frozen=True)
class FollowupWords:
    """The `followup` table of wordings.toml: the grammar of who does what next."""

    plan_heading: re.Pattern[str]
    take_note: re.Pattern[str]
    lead_in: re.Pattern[str]
    and_that: re.Pattern[str]
    clause_opener: re.Pattern[str]
    organisation_subject: str  # a pattern with ORGS in it
    joint_owner: str
    definite_subject: re.Pattern[str]
    not_agents: frozenset[str]
    person_subject: re.Pattern[str]
    present_verb: re.Pattern[str]
    meeting_verbs: frozenset[str]
    never_verbs: frozenset[str]
    statement_verbs: frozenset[str]
    modals: frozenset[str]
    passive_clause: re.Pattern[str]
    meeting_passive: re.Pattern[str]
    statement_passive: re.Pattern[str]
    agent: re.Pattern[str]
    organisations_fallback: tuple[str, ...]
    abbreviations: tuple[str, ...]

    @classmethod
    def from_table(cls, table: dict[str, Any]) -> FollowupWords:
        """Patterns compiled as written (flags inline), word lists as sets, texts as they are."""
        values: dict[str, Any] = {}
        for name, kind in cls.__annotations__.items():
            value = table[name]
            if "Pattern" in kind:
                value = re.compile(value)
            elif "frozenset" in kind:
                value = frozenset(value)
            elif "tuple" in kind:
                value = tuple(value)
            values[name] = value
        return cls(**values)


def _compile(spec: str, ignore_case: bool = False) -> re.Pattern[str]:
    flags = re.S | (re.I if ignore_case else 0)
    return re.compile(spec.replace("{DATE}", DATE), flags)


class Agenda:
    """Compiled patterns of `agenda.toml`; attribute names follow the file's tables."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data
        self.headings = [
            HeadingForm(
                name=h["name"],
                pattern=_compile(h["pattern"], h.get("ignore_case", False)),
                weak=h.get("weak", False),
                title_next=h.get("title_next", False),
                title_before=h.get("title_before", False),
            )
            for h in data["item_heading"]
        ]
        sub = data["subitem"]
        self.subitem_decimal = _compile(sub["decimal"])
        self.subitem_letter = _compile(sub["letter"])
        lst = data["item_list"]
        self.list_heading = _compile(lst["heading"], lst.get("ignore_case", False))
        self.page_ref = _compile(lst["page_ref"])
        self.closed_part = _compile(lst["closed_part"], True)
        self.open_part = _compile(lst["open_part"], True)
        self.list_column_header = _compile(lst["column_header"], True)
        cl = data["closed"]
        self.closed_prefix = _compile(cl["prefix"])
        self.closed_suffix = _compile(cl["suffix"], True)
        self.closed_line = _compile(cl["line"], True)
        self.open_prefix = _compile(cl["open_prefix"])
        self.open_suffix = _compile(cl["open_suffix"], True)
        self.access = _compile(cl["access"])
        case = data["case_id"]
        self.case_shapes = [
            CaseShape(s["name"], _compile(s["pattern"]), s.get("bare", False))
            for s in case["shape"]
        ]
        shapes = "|".join(s.pattern.pattern for s in self.case_shapes)
        self.case_labelled = _compile(rf"\b{case['labels']}(?P<id>{shapes})(?![\d\-/])", True)
        self.case_label_only = _compile(rf"^{case['labels']}$", True)
        # a line that opens with a labelled case number ("Journalnr.: 26/1234 …")
        self.case_line = _compile(rf"^\s*{case['labels']}(?:{shapes})(?![\d\-/])", True)
        bare = "|".join(s.pattern.pattern for s in self.case_shapes if s.bare)
        self.case_bare_line = _compile(rf"^(?P<id>{bare})$")
        doc = data["doc_id"]
        self.doc_labelled = _compile(rf"\b{doc['labels']}(?P<id>{doc['value']})", True)
        self.doc_label_only = _compile(rf"^{doc['labels']}$", True)
        self.decision_labels = [
            DecisionLabel(
                d["name"],
                _compile(d["pattern"], d.get("ignore_case", False)),
                d.get("short", False),
                d.get("in_item_only", False),
            )
            for d in data["decision_label"]
        ]
        # the bare label ("Beslutning", "Beslutninger:"): a title that opens with it is no title
        self.decision_plain = next(d.pattern for d in self.decision_labels if d.name == "plain")
        # the plain numbered heading ("12. Godkendelse af dagsorden")
        self.item_numbered = next(h.pattern for h in self.headings if h.name == "numbered")
        self.decision_not = _compile(data["decision_not"]["pattern"])
        self.absent = _compile(data["absent"]["pattern"], True)
        rec = data["recommendation"]
        self.rec_lead = _compile(rec["lead"])
        self.rec_heading = _compile(rec["heading"], True)
        self.rec_inline_heading = _compile(rec["inline_heading"])
        self.rec_clause = _compile(rec["clause"])
        self.rec_split = _compile(rec["split"])
        self.presenter = _compile(data["presenter"]["pattern"], True)
        self.presenter_sentence = _compile(data["presenter"]["sentence"])
        self.presenter_tail = _compile(data["presenter"]["heading_tail"])
        ann = data["annex"]
        self.annex_numbered = _compile(ann["numbered"])
        self.annex_numbered_next = _compile(ann["numbered_next"])
        self.annex_heading = _compile(ann["heading"], True)
        self.annex_file = _compile(ann["file_name"], True)
        self.annex_edoc = _compile(ann["edoc"])
        self.annex_access = _compile(ann["access"])
        self.annex_confidential = _compile(ann["confidential"])
        idh = data["item_data_heading"]
        self.deciding_body = _compile(idh["deciding_body"], True)
        self.meeting_end = _compile(idh["meeting_end"], True)
        self.navigation = _compile(idh["navigation"], True)
        self.navigation_prefix = _compile(idh["navigation_prefix"], True)
        self.navigation_inside = _compile(idh["navigation_inside"], True)
        mt = data["meeting"]
        self.kind_minutes = _compile(mt["minutes"])
        self.kind_agenda = _compile(mt["agenda"])
        self.meeting_words = _compile(mt["meeting_words"], True)
        self.body = _compile(mt["body"])
        self.body_label = _compile(mt["body_label"])
        self.attendees_label = _compile(mt["attendees_label"], True)
        self.other_label = _compile(mt["other_label"], True)
        self.location_label = _compile(mt["location_label"], True)
        self.date_label = _compile(mt["date_label"], True)
        self.title_meeting_in = _compile(mt["title_meeting_in"], True)
        # wordings.toml: its patterns carry their flags inline, so they compile as written
        self.outcomes = [(o["name"], re.compile(o["pattern"])) for o in data["outcome"]]
        self.followup = FollowupWords.from_table(data["followup"])
        ck = data["case_key"]
        self.case_key_label = re.compile(ck["label"])
        self.case_key_shapes = [
            CaseKeyShape(s["name"], re.compile(s["pattern"]), s["key"]) for s in ck["shape"]
        ]
        self.organisation = re.compile(data["organisation"]["pattern"])

    def case_id_in(self, text: str) -> str | None:
        """A labelled case number in `text` (`Sagsnr.: 330-2018-3619` → `330-2018-3619`)."""
        m = self.case_labelled.search(text)
        return m.group("id") if m else None

    def bare_case_id(self, text: str) -> str | None:
        """A line that is only a case number in a label-free shape (`85.02.02-G01-1-17`)."""
        m = self.case_bare_line.match(text.strip())
        return m.group("id") if m else None


def agenda_file(directory: Path | None = None, name: str = DATA_FILES[0]) -> Path:
    """A data file in the pipelines folder, or the project's own when a custom folder has none."""
    path = (directory or pipelines_dir()) / name
    return path if path.exists() else PROJECT_DIR / "pipelines" / name


@lru_cache(maxsize=4)
def _load(paths: tuple[Path, ...]) -> Agenda:
    data: dict[str, Any] = {}
    for path in paths:
        try:
            part = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise AgendaDataError(f"cannot load agenda forms: {exc}", path) from exc
        if clash := sorted(data.keys() & part.keys()):
            raise AgendaDataError(f"cannot load agenda forms: tables in two files: {clash}", path)
        data |= part
    try:
        return Agenda(data)
    except (KeyError, re.error) as exc:
        raise AgendaDataError(f"cannot load agenda forms: {exc}", paths[0].parent) from exc


def agenda() -> Agenda:
    """The compiled agenda forms (cached per set of files). Rules ask for them thousands of
    times per document: which files those are is looked up once per pipelines folder, not
    with a path and a stat per call (that was two thirds of the parse time)."""
    return _agenda_in(os.environ.get("KITAR_PIPELINES"))


@lru_cache(maxsize=8)
def _agenda_in(pipelines: str | None) -> Agenda:
    """agenda() for one value of KITAR_PIPELINES."""
    return _load(tuple(agenda_file(name=name) for name in DATA_FILES))
