"""The corpus as OParl 1.1 objects (`kitar export --format oparl DIR`).

Mapping: System (kitar); Body = a municipality or organisation (meetings' `organisation`);
Organization = one of its committees (a meeting's body); Person = attendees and presenters;
Meeting (an agenda and the minutes of one meeting are one) with its AgendaItems embedded
(`public` false for closed items), the agenda as its `invitation` File and the minutes as its
`resultsProtocol` File; Paper = a case (one organisation's case key, kitar.parse.cases) with
one Consultation per agenda item that treated it; File = a source document, or an annex (its
file when linked, else its place in the source document, `#page=N`).

Every object has an id under `base` (the output folder as a `file:` URL by default) and is
written to the file that id names, embedded ones too, so every reference resolves; each Body's
lists (`organization`, `person`, `meeting`, …) are OParl external lists written the same way.
`public=True` applies kitar.redact to the rows first (`public_rows`): closed items keep number
and title, confidential annexes their number and `(fortroligt bilag)`, and their titles are
replaced in any other text; the objects then leave out closed items' content and case links,
confidential annexes and the documents' text.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from kitar.errors import OutputExists
from kitar.minutes.output import write_output
from kitar.redact import PLACEHOLDER, Redactor
from kitar.store.export import CorpusRows, corpus_rows

SCHEMA = "https://schema.oparl.org/1.1/"
NO_ORGANISATION = "(organisation ikke angivet)"
MIME = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "txt": "text/plain",
    "html": "text/html",
}
# Danish local time; a corpus without tzdata still gets a valid (winter-time) offset.
try:
    from zoneinfo import ZoneInfo

    LOCAL_TZ: Any = ZoneInfo("Europe/Copenhagen")
except Exception:  # pragma: no cover - no tz database on the machine
    from datetime import timedelta, timezone

    LOCAL_TZ = timezone(timedelta(hours=1))


def _t(name: str) -> str:
    return SCHEMA + name


def _key(text: str | None) -> str:
    return "".join(re.findall(r"[^\W_]+", (text or "").casefold()))


def _start(date: str | None, time: str | None) -> str | None:
    """`2013-06-20` + `10:30` → `2013-06-20T10:30:00+02:00`; a date alone → local midnight."""
    if not date:
        return None
    try:
        day = datetime.fromisoformat(date)
    except ValueError:
        return None
    m = re.match(r"(\d{1,2})[:.](\d{2})", time or "")
    if m and int(m[1]) < 24 and int(m[2]) < 60:
        day = day.replace(hour=int(m[1]), minute=int(m[2]))
    return day.replace(tzinfo=LOCAL_TZ).isoformat()


@dataclass
class Export:
    """Objects by id (relative path → object), and what was counted per type."""

    base: str
    objects: dict[str, dict[str, Any]] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)

    def url(self, rel: str) -> str:
        return f"{self.base}/{rel}"

    def add(self, rel: str, obj: dict[str, Any]) -> dict[str, Any]:
        self.objects[rel] = obj
        kind = obj["type"].rsplit("/", 1)[-1] if "type" in obj else "list"
        self.counts[kind] = self.counts.get(kind, 0) + 1
        return obj


def _external_list(ex: Export, rel: str, data: list[dict[str, Any]]) -> str:
    n = len(data)
    ex.add(
        rel,
        {
            "data": data,
            "pagination": {
                "totalElements": n,
                "elementsPerPage": max(n, 1),
                "currentPage": 1,
                "totalPages": 1,
            },
            "links": {},
        },
    )
    return ex.url(rel)


def _document_file(ex: Export, rows: CorpusRows, doc: dict[str, Any], meeting: dict, public: bool):
    path = Path(doc["path"] or "")
    obj: dict[str, Any] = {
        "id": ex.url(f"file/document-{doc['id']}.json"),
        "type": _t("File"),
        "name": path.name,
        "fileName": path.name,
        "mimeType": MIME.get(doc["format"] or "", "application/octet-stream"),
        "accessUrl": path.resolve().as_uri() if path.name else ex.url(f"document/{doc['id']}"),
        "meeting": [ex.url(f"meeting/{meeting['id']}.json")],
    }
    if meeting.get("date"):
        obj["date"] = meeting["date"]
    if path.is_file():
        obj["size"] = path.stat().st_size
    if not public and rows.page_texts.get(doc["id"]):
        obj["text"] = "\f".join(rows.page_texts[doc["id"]])
    return ex.add(f"file/document-{doc['id']}.json", obj)


def public_rows(rows: CorpusRows) -> CorpusRows:
    """The rows as a public reader may see them (kitar.redact's rule, on rows)."""
    meeting_of = {it["id"]: it["meeting_id"] for it in rows.items}
    titles: dict[int, list[str]] = {}
    for item_id, annexes in rows.annexes.items():
        for a in annexes:
            if a["confidential"]:
                titles.setdefault(meeting_of.get(item_id, 0), []).append(a["title"] or "")
    reds = {m: Redactor(t) for m, t in titles.items()}
    closed = {it["id"] for it in rows.items if it["closed"]}
    inside = {it["id"] for it in rows.items if it.get("parent_id") in closed}

    def red(item_id: int, text: str | None) -> str | None:
        r = reds.get(meeting_of.get(item_id, 0))
        return r.text(text) if r is not None and text else text

    items = []
    for it in rows.items:
        if it["id"] in inside:  # a closed item's sub-items: nothing
            continue
        it = dict(it, title=red(it["id"], it["title"]))
        if it["id"] in closed:
            it.update(decision=None, case_id=None, case_key=None, doc_id=None)
        elif "decision" in it:
            it["decision"] = red(it["id"], it["decision"])
        items.append(it)
    kept = {it["id"] for it in items} - closed
    return CorpusRows(
        documents=rows.documents,
        meetings=rows.meetings,
        items=items,
        recommendations={
            i: [red(i, t) or "" for t in v] for i, v in rows.recommendations.items() if i in kept
        },
        decisions={
            i: [dict(d, text=red(i, d["text"])) for d in v]
            for i, v in rows.decisions.items()
            if i in kept
        },
        annexes={
            i: [
                dict(a, title=PLACEHOLDER, ref=None)
                if a["confidential"]
                else dict(a, title=red(i, a["title"]))
                for a in v
            ]
            for i, v in rows.annexes.items()
            if i in kept
        },
        people=rows.people,
        attendance=rows.attendance,
        presenters={i: v for i, v in rows.presenters.items() if i in kept},
        page_texts={},
    )


def build(rows: CorpusRows, base: str, public: bool = False) -> Export:
    """All OParl objects of the corpus rows, ids under `base`."""
    from kitar.parse.cases import case_key

    if public:
        rows = public_rows(rows)
    ex = Export(base.rstrip("/"))
    docs = {d["id"]: d for d in rows.documents}
    orgs = sorted({m["organisation"] or NO_ORGANISATION for m in rows.meetings})
    body_no = {name: n for n, name in enumerate(orgs, 1)}
    body_url = {name: ex.url(f"body/{n}.json") for name, n in body_no.items()}
    per_body: dict[str, dict[str, list[dict[str, Any]]]] = {
        name: {
            k: []
            for k in (
                "organization",
                "person",
                "meeting",
                "paper",
                "agendaItem",
                "consultation",
                "file",
            )
        }
        for name in orgs
    }
    # committees: one Organization per (organisation, body)
    committees: dict[tuple[str, str], dict[str, Any]] = {}
    person_objs: dict[int, dict[str, Any]] = {}

    def person(pid: int, org: str) -> str:
        if pid not in person_objs:
            obj = {
                "id": ex.url(f"person/{pid}.json"),
                "type": _t("Person"),
                "body": body_url[org],
                "name": rows.people.get(pid, ""),
            }
            person_objs[pid] = ex.add(f"person/{pid}.json", obj)
            per_body[org]["person"].append(obj)
        return str(person_objs[pid]["id"])

    items_by_meeting: dict[int, list[dict[str, Any]]] = {}
    for it in rows.items:
        items_by_meeting.setdefault(it["meeting_id"], []).append(it)
    cases: dict[tuple[str, str], list[tuple[dict, dict, dict]]] = {}  # → (item, meeting, ai)
    # An agenda and the minutes of one meeting are one OParl Meeting: the agenda its
    # `invitation`, the minutes its `resultsProtocol` and its agenda items.
    minutes_of: dict[tuple[str, str | None], dict[str, Any]] = {
        (m["meeting_key"], m["organisation"]): m
        for m in rows.meetings
        if m["kind"] == "minutes" and m["meeting_key"]
    }
    invitation: dict[int, dict[str, Any]] = {}
    for m in rows.meetings:
        partner = minutes_of.get((m["meeting_key"], m["organisation"]))
        if m["kind"] == "agenda" and partner is not None and m["document_id"] in docs:
            invitation[partner["id"]] = docs[m["document_id"]]
    folded = {
        m["id"]
        for m in rows.meetings
        if m["kind"] == "agenda" and (m["meeting_key"], m["organisation"]) in minutes_of
    }
    for m in rows.meetings:
        if m["id"] in folded:
            continue
        org = m["organisation"] or NO_ORGANISATION
        ckey = (org, _key(m["body"]))
        if ckey not in committees:
            n = len(committees) + 1
            obj = {
                "id": ex.url(f"organization/{n}.json"),
                "type": _t("Organization"),
                "body": body_url[org],
                "name": m["body"] or "(udvalg ikke angivet)",
                "organizationType": "Gremium",
                "classification": "Udvalg",
            }
            committees[ckey] = ex.add(f"organization/{n}.json", obj)
            per_body[org]["organization"].append(obj)
        committee = committees[ckey]
        kind = {"agenda": "dagsorden", "minutes": "referat"}.get(m["kind"] or "", "møde")
        meeting: dict[str, Any] = {
            "id": ex.url(f"meeting/{m['id']}.json"),
            "type": _t("Meeting"),
            "name": " ".join(x for x in (m["body"], m["date"], f"({kind})") if x),
            "organization": [committee["id"]],
            "meetingState": "durchgeführt" if m["kind"] == "minutes" else "eingeladen",
        }
        if start := _start(m["date"], m["time"]):
            meeting["start"] = start
        if m.get("location"):
            loc = {
                "id": ex.url(f"location/{m['id']}.json"),
                "type": _t("Location"),
                "description": m["location"],
                "meetings": [meeting["id"]],
            }
            meeting["location"] = ex.add(f"location/{m['id']}.json", loc)
        participants = [p for p, status in rows.attendance.get(m["id"], []) if status == "present"]
        if participants:
            meeting["participant"] = [person(p, org) for p in participants]
        doc = docs.get(m["document_id"])
        if doc is not None:
            source = _document_file(ex, rows, doc, m, public)
            per_body[org]["file"].append(source)
            meeting["resultsProtocol" if m["kind"] == "minutes" else "invitation"] = source
        if m["id"] in invitation:
            agenda_file = _document_file(ex, rows, invitation[m["id"]], m, public)
            per_body[org]["file"].append(agenda_file)
            meeting["invitation"] = agenda_file
        agenda: list[dict[str, Any]] = []
        for order, it in enumerate(items_by_meeting.get(m["id"], []), 1):
            ai = _agenda_item(ex, rows, it, m, meeting, order, public, doc)
            for p in [] if (it["closed"] and public) else rows.presenters.get(it["id"], []):
                person(p, org)
            agenda.append(ai)
            per_body[org]["agendaItem"].append(ai)
            for f in ai.get("auxiliaryFile", []):
                per_body[org]["file"].append(f)
            key = case_key(it["case_id"])
            if key and not (it["closed"] and public):
                cases.setdefault((org, key), []).append((it, m, ai))
        if agenda:
            meeting["agendaItem"] = agenda
        ex.add(f"meeting/{m['id']}.json", meeting)
        per_body[org]["meeting"].append(meeting)
    for n, ((org, _case), treated) in enumerate(sorted(cases.items()), 1):
        paper_id = ex.url(f"paper/{n}.json")
        consultations = []
        for it, m, ai in treated:
            c = {
                "id": ex.url(f"consultation/{it['id']}.json"),
                "type": _t("Consultation"),
                "paper": paper_id,
                "agendaItem": ai["id"],
                "meeting": ex.url(f"meeting/{m['id']}.json"),
                "organization": [committees[(org, _key(m["body"]))]["id"]],
                "authoritative": bool(m["kind"] == "minutes" and ai.get("resolutionText")),
                "role": "Beslutning" if m["kind"] == "minutes" else "Dagsorden",
            }
            ai["consultation"] = c["id"]
            consultations.append(ex.add(f"consultation/{it['id']}.json", c))
            per_body[org]["consultation"].append(c)
        first = treated[0][0]
        paper: dict[str, Any] = {
            "id": paper_id,
            "type": _t("Paper"),
            "body": body_url[org],
            "name": treated[-1][0]["title"],
            "reference": first["case_id"],
            "paperType": "Sag",
            "consultation": consultations,
        }
        if treated[0][1].get("date"):
            paper["date"] = treated[0][1]["date"]
        per_body[org]["paper"].append(ex.add(f"paper/{n}.json", paper))
    bodies = []
    for org, n in body_no.items():
        body: dict[str, Any] = {
            "id": body_url[org],
            "type": _t("Body"),
            "system": ex.url("system.json"),
            "name": org,
            "legislativeTerm": [],
        }
        for list_name, objs in per_body[org].items():
            body[list_name] = _external_list(ex, f"body/{n}/{list_name}.json", objs)
        bodies.append(ex.add(f"body/{n}.json", body))
    ex.add(
        "system.json",
        {
            "id": ex.url("system.json"),
            "type": _t("System"),
            "oparlVersion": SCHEMA,
            "name": "kitar",
            "body": _external_list(ex, "bodies.json", bodies),
        },
    )
    return ex


def _agenda_item(
    ex: Export,
    rows: CorpusRows,
    it: dict[str, Any],
    m: dict[str, Any],
    meeting: dict[str, Any],
    order: int,
    public: bool,
    doc: dict[str, Any] | None,
) -> dict[str, Any]:
    hide = bool(it["closed"]) and public
    ai: dict[str, Any] = {
        "id": ex.url(f"agendaitem/{it['id']}.json"),
        "type": _t("AgendaItem"),
        "meeting": meeting["id"],
        "order": order,
        "name": it["title"],
        "public": not it["closed"],
    }
    if it["number"]:
        ai["number"] = it["number"]
    if not hide:
        own = [
            d for d in rows.decisions.get(it["id"], []) if not d["date"] or d["date"] == m["date"]
        ]
        text = own[-1]["text"] if own else it["decision"]
        if text:
            ai["resolutionText"] = text
        recs = rows.recommendations.get(it["id"], [])
        if recs:
            ai["keyword"] = [f"Indstilling: {r}" for r in recs]
        files = []
        for a in rows.annexes.get(it["id"], []):
            if a["confidential"] and public:
                continue
            files.append(_annex_file(ex, a, it, m, meeting, ai, doc))
        if files:
            ai["auxiliaryFile"] = files
    return ex.add(f"agendaitem/{it['id']}.json", ai)


def _annex_file(
    ex: Export,
    a: dict[str, Any],
    it: dict[str, Any],
    m: dict[str, Any],
    meeting: dict[str, Any],
    ai: dict[str, Any],
    doc: dict[str, Any] | None,
) -> dict[str, Any]:
    path = Path(a.get("path") or "")  # a linked annex file, when the corpus has one
    if path.name:
        access = path.resolve().as_uri()
    elif doc is not None and doc["path"]:
        page = f"#page={it['page']}" if it["page"] else ""
        access = Path(doc["path"]).resolve().as_uri() + page  # where the annex is listed
    else:
        access = meeting["id"]
    name = f"Bilag {a['number']}: {a['title']}" if a["number"] else a["title"]
    obj: dict[str, Any] = {
        "id": ex.url(f"file/annex-{a['id']}.json"),
        "type": _t("File"),
        "name": name,
        "accessUrl": access,
        "meeting": [meeting["id"]],
        "agendaItem": [ai["id"]],
    }
    if path.name:
        obj["fileName"] = path.name
    if m.get("date"):
        obj["date"] = m["date"]
    if a["confidential"]:
        obj["keyword"] = ["fortroligt"]
    return ex.add(f"file/annex-{a['id']}.json", obj)


def export_oparl(
    db_path: str | Path,
    out: str | Path,
    base: str | None = None,
    public: bool = False,
    force: bool = False,
) -> Export:
    """Write the corpus as OParl 1.1 JSON files under `out`; returns what was written."""
    out = Path(out)
    if (out / "system.json").exists() and not force:
        raise OutputExists("already holds an OParl export (use --force)", out)
    ex = build(corpus_rows(db_path), base or out.resolve().as_uri(), public)
    for rel, obj in ex.objects.items():  # each through the one output writer
        write_output(out / rel, json.dumps(obj, ensure_ascii=False, indent=1) + "\n", force=True)
    return ex
