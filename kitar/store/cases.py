"""Cases across meetings: a case's history, cases found by title, an item's other meetings.

A case is one (organisation, case key): the item's case number normalised within its system's
shape (kitar.parse.cases). Its history has one treatment per stored item with that key (agenda
and minutes alike), plus the dated decisions a document quotes from earlier meetings (an Acadre
item may quote three) that no stored meeting covers. Items without a case number are linked by
body and near-identical title, with the similarity as the confidence; they are never merged.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass, field, replace
from difflib import SequenceMatcher
from pathlib import Path

from kitar.parse.cases import case_key
from kitar.store.migrations import open_corpus

# Titles this similar (difflib ratio, case and spacing folded) in meetings of the same body are
# linked: "Budget 2025 – 1. behandling" / "Budget 2025 - 2. behandling" are 0.96, while two
# different cases of one theme ("Lokalplan 112 …" / "Lokalplan 118 …") stay below 0.9 once
# their longer titles differ.
TITLE_LINK_SIMILARITY = 0.9
# A title that recurs at this share of a body's meetings is routine ("Godkendelse af
# dagsorden", "Eventuelt"), not one case: it is never linked by title.
ROUTINE_SHARE = 0.5
ROUTINE_MIN_MEETINGS = 3


@dataclass
class Treatment:
    """One time a case was on a meeting's agenda or in its minutes."""

    date: str | None
    kind: str | None  # agenda | minutes | None (an earlier decision quoted in a document)
    body: str | None
    organisation: str | None
    item_id: int
    meeting_id: int
    number: str | None
    title: str
    closed: bool
    case_id: str | None  # as printed
    recommendations: list[str] = field(default_factory=list)
    decision: str | None = None
    path: str = ""
    page: int | None = None
    source: str = "meeting"  # "meeting", or "decision history" of the cited document

    @property
    def citation(self) -> str:
        name = Path(self.path).name
        return f"{name}, s. {self.page}" if self.page else name


@dataclass
class Case:
    organisation: str | None
    key: str
    numbers: list[str]  # as printed, each once
    title: str
    treatments: list[Treatment]


@dataclass
class Link:
    """Another meeting's item that is (or may be) the same case."""

    item_id: int
    meeting_id: int
    date: str | None
    kind: str | None
    body: str | None
    number: str | None
    title: str
    confidence: float
    reason: str  # "sagsnr. 12/27845" or "titel 0.96"


_ITEM_SQL = (
    "SELECT i.id, i.meeting_id, i.number, i.title, i.closed, i.page, i.case_id, i.case_key, "
    "i.decision, m.kind, m.body, m.date, m.organisation, m.meeting_key, d.path "
    "FROM items i JOIN meetings m ON m.id = i.meeting_id "
    "JOIN documents d ON d.id = m.document_id WHERE d.superseded_by IS NULL AND "
)


def _body_key(body: str | None) -> str:
    return "".join(re.findall(r"[^\W_]+", (body or "").casefold()))


def _title_key(title: str) -> str:
    return " ".join(title.casefold().replace("–", "-").split())


def _similarity(a: str, b: str) -> float:
    return SequenceMatcher(None, _title_key(a), _title_key(b)).ratio()


def _open(db_path: str | Path) -> sqlite3.Connection:
    return open_corpus(db_path)  # an older corpus gets its case keys here (migration 6)


def _treatments(conn: sqlite3.Connection, rows: list[sqlite3.Row], public: bool) -> list[Treatment]:
    ids = [r["id"] for r in rows]
    marks = ",".join("?" * len(ids))
    recs: dict[int, list[str]] = {}
    for r in conn.execute(
        f"SELECT item_id, text FROM recommendations WHERE item_id IN ({marks}) ORDER BY position",
        ids,
    ):
        recs.setdefault(r[0], []).append(r[1])
    decisions: dict[int, list[sqlite3.Row]] = {}
    for r in conn.execute(
        f"SELECT item_id, text, body, date FROM decisions WHERE item_id IN ({marks}) "
        "ORDER BY position",
        ids,
    ):
        decisions.setdefault(r["item_id"], []).append(r)
    out: list[Treatment] = []
    seen = {(r["date"], _body_key(r["body"])) for r in rows}
    for r in rows:
        closed = bool(r["closed"])
        hide = closed and public
        own = [d for d in decisions.get(r["id"], []) if not d["date"] or d["date"] == r["date"]]
        text = own[-1]["text"] if own else r["decision"]
        # the meeting's body, else the body its own decision names ("… den 20-06-2013")
        body = r["body"] or next((d["body"] for d in reversed(own) if d["body"]), None)
        out.append(
            Treatment(
                r["date"], r["kind"], body, r["organisation"], r["id"], r["meeting_id"],
                r["number"], r["title"], closed, r["case_id"],
                [] if hide else recs.get(r["id"], []), None if hide else text, r["path"],
                r["page"],
            )
        )  # fmt: skip
        for d in decisions.get(r["id"], []):
            key = (d["date"], _body_key(d["body"] or r["body"]))
            if not d["date"] or d["date"] == r["date"] or key in seen:
                continue
            seen.add(key)
            out.append(
                Treatment(
                    d["date"], None, d["body"] or r["body"], r["organisation"], r["id"],
                    r["meeting_id"], r["number"], r["title"], closed, r["case_id"], [],
                    None if hide else d["text"], r["path"], r["page"], "decision history",
                )
            )  # fmt: skip
    order = {"agenda": 0, "minutes": 1}
    out.sort(key=lambda t: (t.date or "", order.get(t.kind or "", 1), t.source != "meeting"))
    return out


def case_history(
    db_path: str | Path, number: str, organisation: str | None = None, public: bool = False
) -> list[Case]:
    """Every case with this number (one per organisation unless `organisation` is given),
    its treatments in date order. Empty when the corpus has no such case."""
    key = case_key(number)
    if key is None:
        return []
    conn = _open(db_path)
    try:
        sql = _ITEM_SQL + "i.case_key = ?"
        args: list[object] = [key]
        if organisation:
            sql += " AND m.organisation = ?"
            args.append(organisation)
        rows = conn.execute(sql + " ORDER BY m.date, i.id", args).fetchall()
        groups: dict[str | None, list[sqlite3.Row]] = {}
        for r in rows:
            groups.setdefault(r["organisation"], []).append(r)
        cases = []
        for org, group in groups.items():
            treatments = _treatments(conn, group, public)
            numbers = list(dict.fromkeys(r["case_id"] for r in group if r["case_id"]))
            title = next((t.title for t in reversed(treatments) if t.source == "meeting"), "")
            cases.append(Case(org, key, numbers, title, treatments))
        return cases
    finally:
        conn.close()


def find_cases(
    db_path: str | Path, words: str, organisation: str | None = None
) -> list[tuple[Case, int]]:
    """Cases whose items' titles hold every word (case folded), with how many items matched;
    treatments carry no content (ask `case_history` for that)."""
    terms = [w for w in words.casefold().split() if w]
    if not terms:
        return []
    conn = _open(db_path)
    try:
        sql = _ITEM_SQL + " AND ".join(["lower(i.title) LIKE ?"] * len(terms))
        args: list[object] = [f"%{t}%" for t in terms]
        if organisation:
            sql += " AND m.organisation = ?"
            args.append(organisation)
        rows = [
            r
            for r in conn.execute(sql + " ORDER BY m.date", args)
            if all(t in r["title"].casefold() for t in terms)  # LIKE folds ASCII only
        ]
        groups: dict[tuple[str | None, str], list[sqlite3.Row]] = {}
        for r in rows:
            key = r["case_key"] or f"titel:{_body_key(r['body'])}:{_title_key(r['title'])}"
            groups.setdefault((r["organisation"], key), []).append(r)
        out = []
        for (org, key), group in groups.items():
            treatments = [
                Treatment(
                    r["date"], r["kind"], r["body"], org, r["id"], r["meeting_id"], r["number"],
                    r["title"], bool(r["closed"]), r["case_id"], path=r["path"], page=r["page"],
                )
                for r in group
            ]  # fmt: skip
            numbers = list(dict.fromkeys(r["case_id"] for r in group if r["case_id"]))
            out.append((Case(org, key, numbers, group[-1]["title"], treatments), len(group)))
        return out
    finally:
        conn.close()


def _routine_titles(conn: sqlite3.Connection, body: str | None, org: str | None) -> set[str]:
    rows = conn.execute(
        "SELECT m.id, m.body, i.title FROM meetings m JOIN items i ON i.meeting_id = m.id "
        "JOIN documents d ON d.id = m.document_id WHERE d.superseded_by IS NULL AND "
        "m.organisation IS ?",
        (org,),
    ).fetchall()
    key = _body_key(body)
    meetings = {r["id"] for r in rows if _body_key(r["body"]) == key}
    if len(meetings) < ROUTINE_MIN_MEETINGS:
        return set()
    per_title: dict[str, set[int]] = {}
    for r in rows:
        if _body_key(r["body"]) == key:
            per_title.setdefault(_title_key(r["title"]), set()).add(r["id"])
    return {t for t, ms in per_title.items() if len(ms) >= ROUTINE_SHARE * len(meetings)}


def _same_body(conn: sqlite3.Connection, me: sqlite3.Row) -> list[sqlite3.Row]:
    """Items of other meetings of the same organisation and body (title-link candidates)."""
    rows = conn.execute(
        _ITEM_SQL + "m.organisation IS ? AND i.meeting_id != ?",
        (me["organisation"], me["meeting_id"]),
    ).fetchall()
    return [r for r in rows if _body_key(r["body"]) == _body_key(me["body"])]


def _related(
    conn: sqlite3.Connection, me: sqlite3.Row, same_body: list[sqlite3.Row], routine: set[str]
) -> list[Link]:
    links: list[Link] = []
    if me["case_key"]:
        for r in conn.execute(
            _ITEM_SQL + "i.case_key = ? AND m.organisation IS ? AND i.meeting_id != ?",
            (me["case_key"], me["organisation"], me["meeting_id"]),
        ):
            links.append(_link(r, 1.0, f"sagsnr. {me['case_key']}"))
    if _title_key(me["title"]) not in routine:
        for r in same_body:
            if r["case_key"] and me["case_key"]:
                continue  # both numbered: the numbers decide
            score = _similarity(r["title"], me["title"])
            if score >= TITLE_LINK_SIMILARITY:
                links.append(_link(r, round(score, 2), f"titel {score:.2f}"))
    links.sort(key=lambda k: (k.date or "", k.kind != "agenda", k.item_id))
    return links


def related_items(db_path: str | Path, item_id: int) -> list[Link]:
    """The item's case in other meetings: same case key (confidence 1), else items of the same
    body with a near-identical title (confidence = title similarity), in date order."""
    conn = _open(db_path)
    try:
        me = conn.execute(_ITEM_SQL + "i.id = ?", (item_id,)).fetchone()
        if me is None:
            return []
        routine = _routine_titles(conn, me["body"], me["organisation"])
        return _related(conn, me, _same_body(conn, me), routine)
    finally:
        conn.close()


def _link(r: sqlite3.Row, confidence: float, reason: str) -> Link:
    return Link(
        r["id"], r["meeting_id"], r["date"], r["kind"], r["body"], r["number"], r["title"],
        confidence, reason,
    )  # fmt: skip


def related_in_meeting(
    db_path: str | Path, meeting_id: int
) -> dict[tuple[str | None, str], list[Link]]:
    """`related_items` for each top-level item of a meeting, keyed by (number, title); the
    meeting's body and its routine titles are looked up once."""
    conn = _open(db_path)
    try:
        rows = conn.execute(
            _ITEM_SQL + "i.meeting_id = ? AND i.parent_id IS NULL ORDER BY i.position",
            (meeting_id,),
        ).fetchall()
        if not rows:
            return {}
        same_body = _same_body(conn, rows[0])
        routine = _routine_titles(conn, rows[0]["body"], rows[0]["organisation"])
        return {(r["number"], r["title"]): _related(conn, r, same_body, routine) for r in rows}
    finally:
        conn.close()


def public_cases(db_path: str | Path, cases: list[Case]) -> list[Case]:
    """kitar.redact's rule on case histories: a closed item's treatment keeps its number and
    title (no case number, recommendation or decision), a closed item's sub-items are left
    out, confidential annex titles are replaced in titles and texts, and a case that only
    closed items carry a number for is left out (its number is not public)."""
    from kitar.redact import Redactor

    ids = sorted({t.item_id for c in cases for t in c.treatments})
    if not ids:
        return []
    conn = _open(db_path)
    try:
        marks = ",".join("?" * len(ids))
        inside = {
            r[0]
            for r in conn.execute(
                f"SELECT i.id FROM items i JOIN items p ON p.id = i.parent_id "
                f"WHERE p.closed = 1 AND i.id IN ({marks})",
                ids,
            )
        }
        titles: dict[int, list[str]] = {}
        for meeting_id, title in conn.execute(
            "SELECT i.meeting_id, a.title FROM annexes a JOIN items i ON i.id = a.item_id "
            "WHERE a.confidential = 1"
        ):
            titles.setdefault(meeting_id, []).append(title or "")
    finally:
        conn.close()
    out: list[Case] = []
    for case in cases:
        shown: list[Treatment] = []
        for t in case.treatments:
            if t.item_id in inside:
                continue
            red = Redactor(titles.get(t.meeting_id, []))
            if t.closed:
                t = replace(t, title=red.text(t.title), case_id=None, recommendations=[],
                            decision=None)  # fmt: skip
            else:
                t = replace(t, title=red.text(t.title), decision=red.optional(t.decision),
                            recommendations=[red.text(r) for r in t.recommendations])  # fmt: skip
            shown.append(t)
        numbers = [n for n in case.numbers if any(t.case_id == n for t in shown)]
        if not shown or (case.numbers and not numbers):
            continue
        visible = [t for t in shown if not t.closed] or shown
        out.append(replace(case, numbers=numbers, title=visible[-1].title, treatments=shown))
    return out
