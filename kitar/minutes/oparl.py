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
confidential annexes and the documents' text. The single objects are built in
kitar.minutes.oparl_objects.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from kitar.errors import OutputExists
from kitar.minutes.oparl_objects import (
    SCHEMA,
    Export,
    agenda_item,
    document_file,
    external_list,
    meeting_start,
    oparl_type,
)
from kitar.minutes.output import write_output
from kitar.redact import PLACEHOLDER, Redactor
from kitar.store.export import CorpusRows, corpus_rows

NO_ORGANISATION = "(organisation ikke angivet)"


def _key(text: str | None) -> str:
    return "".join(re.findall(r"[^\W_]+", (text or "").casefold()))


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
                "type": oparl_type("Person"),
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
                "type": oparl_type("Organization"),
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
            "type": oparl_type("Meeting"),
            "name": " ".join(x for x in (m["body"], m["date"], f"({kind})") if x),
            "organization": [committee["id"]],
            "meetingState": "durchgeführt" if m["kind"] == "minutes" else "eingeladen",
        }
        if start := meeting_start(m["date"], m["time"]):
            meeting["start"] = start
        if m.get("location"):
            loc = {
                "id": ex.url(f"location/{m['id']}.json"),
                "type": oparl_type("Location"),
                "description": m["location"],
                "meetings": [meeting["id"]],
            }
            meeting["location"] = ex.add(f"location/{m['id']}.json", loc)
        participants = [p for p, status in rows.attendance.get(m["id"], []) if status == "present"]
        if participants:
            meeting["participant"] = [person(p, org) for p in participants]
        doc = docs.get(m["document_id"])
        if doc is not None:
            source = document_file(ex, rows, doc, m, public)
            per_body[org]["file"].append(source)
            meeting["resultsProtocol" if m["kind"] == "minutes" else "invitation"] = source
        if m["id"] in invitation:
            agenda_file = document_file(ex, rows, invitation[m["id"]], m, public)
            per_body[org]["file"].append(agenda_file)
            meeting["invitation"] = agenda_file
        agenda: list[dict[str, Any]] = []
        for order, it in enumerate(items_by_meeting.get(m["id"], []), 1):
            ai = agenda_item(ex, rows, it, m, meeting, order, public, doc)
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
                "type": oparl_type("Consultation"),
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
            "type": oparl_type("Paper"),
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
            "type": oparl_type("Body"),
            "system": ex.url("system.json"),
            "name": org,
            "legislativeTerm": [],
        }
        for list_name, objs in per_body[org].items():
            body[list_name] = external_list(ex, f"body/{n}/{list_name}.json", objs)
        bodies.append(ex.add(f"body/{n}.json", body))
    ex.add(
        "system.json",
        {
            "id": ex.url("system.json"),
            "type": oparl_type("System"),
            "oparlVersion": SCHEMA,
            "name": "kitar",
            "body": external_list(ex, "bodies.json", bodies),
        },
    )
    return ex


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
