"""The `kitar.meeting/1` JSON contract: Meeting ↔ dict (add fields, never rename)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from kitar.model import (
    Annex,
    Decision,
    Item,
    Meeting,
    MeetingInfo,
    Presenter,
    Section,
    SourceInfo,
)


def item_to_dict(item: Item) -> dict[str, Any]:
    """One item with its sub-items; `decision` (the latest decision's text) sits before
    `decisions`, where it always was in the contract."""
    data: dict[str, Any] = {}
    for key, value in asdict(item).items():
        if key == "decisions":
            data["decision"] = item.decision
        data[key] = value
    data["subitems"] = [item_to_dict(s) for s in item.subitems]
    return data


def meeting_to_dict(meeting: Meeting) -> dict[str, Any]:
    data = asdict(meeting)
    return {
        "schema": data.pop("schema"),
        "source": data["source"],
        "meeting": data["meeting"],
        "items": [item_to_dict(i) for i in meeting.items],
        "warnings": data["warnings"],
    }


def _item_from_dict(d: dict[str, Any]) -> Item:
    return Item(
        number=d.get("number"),
        title=d.get("title") or "",
        closed=bool(d.get("closed", False)),
        page=d.get("page"),
        case_id=d.get("case_id"),
        doc_id=d.get("doc_id"),
        presenters=[Presenter(**p) for p in d.get("presenters") or []],
        recommendations=list(d.get("recommendations") or []),
        decisions=[Decision(**x) for x in d.get("decisions") or []]
        or ([Decision(d["decision"])] if d.get("decision") else []),
        annexes=[Annex(**a) for a in d.get("annexes") or []],
        sections=[Section(**s) for s in d.get("sections") or []],
        subitems=[_item_from_dict(s) for s in d.get("subitems") or []],
        absent=list(d.get("absent") or []),
        deciding_body=d.get("deciding_body"),
    )


def meeting_from_dict(data: dict[str, Any]) -> Meeting:
    return Meeting(
        source=SourceInfo(**data["source"]),
        meeting=MeetingInfo(**data["meeting"]),
        items=[_item_from_dict(i) for i in data.get("items") or []],
        warnings=list(data.get("warnings") or []),
        schema=data.get("schema", "kitar.meeting/1"),
    )
