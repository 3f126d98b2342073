"""The OParl 1.1 objects one at a time: a File for a source document or an annex, an
AgendaItem with its files, a Meeting's start in Danish local time, an external list; and
`Export`, the objects by the path their id names. kitar.minutes.oparl walks the corpus rows
and puts them together.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from kitar.store.export import CorpusRows

SCHEMA = "https://schema.oparl.org/1.1/"
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


def oparl_type(name: str) -> str:
    """`Meeting` → the schema URL OParl objects name their type by."""
    return SCHEMA + name


def meeting_start(date: str | None, time: str | None) -> str | None:
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


def external_list(ex: Export, rel: str, data: list[dict[str, Any]]) -> str:
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


def document_file(ex: Export, rows: CorpusRows, doc: dict[str, Any], meeting: dict, public: bool):
    path = Path(doc["path"] or "")
    obj: dict[str, Any] = {
        "id": ex.url(f"file/document-{doc['id']}.json"),
        "type": oparl_type("File"),
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


def agenda_item(
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
        "type": oparl_type("AgendaItem"),
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
        "type": oparl_type("File"),
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
