"""Score a parsed meeting against an expected extraction, so a layout's accuracy is a number."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from kitar.model import Item, Meeting

_LEAD = re.compile(r"^(?:Det indstilles,?\s*at:?\s*)", re.I)


def _norm(text: str | None) -> str:
    text = " ".join((text or "").split())
    text = _LEAD.sub("", text)
    return text.rstrip(" .;:").strip()


@dataclass
class Score:
    name: str
    expected: int
    found: int
    correct: int

    @property
    def precision(self) -> float:
        return self.correct / self.found if self.found else (1.0 if not self.expected else 0.0)

    @property
    def recall(self) -> float:
        return self.correct / self.expected if self.expected else (1.0 if not self.found else 0.0)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name, "expected": self.expected, "found": self.found,
            "correct": self.correct, "precision": round(self.precision, 4),
            "recall": round(self.recall, 4), "f1": round(self.f1, 4),
        }  # fmt: skip


@dataclass
class Evaluation:
    scores: list[Score] = field(default_factory=list)
    meeting_fields: dict[str, bool] = field(default_factory=dict)
    differences: list[str] = field(default_factory=list)

    def score(self, name: str) -> Score:
        return next(s for s in self.scores if s.name == name)

    def as_dict(self) -> dict[str, Any]:
        return {
            "scores": [s.as_dict() for s in self.scores],
            "meeting": self.meeting_fields,
            "differences": self.differences,
        }


def _compare(name: str, expected: set[tuple], found: set[tuple], ev: Evaluation) -> None:
    ev.scores.append(Score(name, len(expected), len(found), len(expected & found)))
    for miss in sorted(expected - found, key=str)[:20]:
        ev.differences.append(f"{name}: missing {miss}")
    for extra in sorted(found - expected, key=str)[:20]:
        ev.differences.append(f"{name}: unexpected {extra}")


def _with_subitems(item: dict[str, Any]) -> list[dict[str, Any]]:
    return [item, *item.get("subitems", [])]


def _item_dicts(meeting: Meeting) -> list[dict[str, Any]]:
    from kitar.parse.serialize import meeting_to_dict

    return list(meeting_to_dict(meeting)["items"])


def evaluate(meeting: Meeting, expected: dict[str, Any]) -> Evaluation:
    """Compare items, sub-items, presenters, recommendations, annexes, closed flags, metadata.

    Fields that sit on a sub-item count for its parent item (the expected file may put item 3's
    presenters on the item or on its sub-items).
    """
    ev = Evaluation()
    got = _item_dicts(meeting)
    exp = list(expected.get("items", []))

    def collect(items: list[dict[str, Any]], key: str) -> set[tuple]:
        out: set[tuple] = set()
        for it in items:
            num = str(it.get("number"))
            for part in _with_subitems(it):
                for value in part.get(key) or []:
                    if key == "presenters":
                        out.add((num, _norm(value.get("name")), value.get("organisation")))
                    elif key == "annexes":
                        out.add(
                            (
                                num,
                                value.get("number"),
                                _norm(value.get("title")),
                                bool(value.get("confidential")),
                            )
                        )
                    elif key == "recommendations":
                        out.add((num, _norm(value)))
                    elif key == "decisions":
                        out.add((num, value.get("date"), _norm(value.get("text"))[:60]))
        return out

    _compare(
        "items",
        {(str(i["number"]), _norm(i["title"])) for i in exp},
        {(str(i["number"]), _norm(i["title"])) for i in got},
        ev,
    )
    _compare(
        "subitems",
        {(str(i["number"]), _norm(s["title"])) for i in exp for s in i.get("subitems", [])},
        {(str(i["number"]), _norm(s["title"])) for i in got for s in i.get("subitems", [])},
        ev,
    )
    for key in ("presenters", "recommendations", "annexes"):
        if any(key in i for i in exp):
            _compare(key, collect(exp, key), collect(got, key), ev)
    if any("decisions" in i for i in exp):
        _compare("decisions", collect(exp, "decisions"), collect(got, "decisions"), ev)
    _compare(
        "closed",
        {(str(i["number"]),) for i in exp if i.get("closed")},
        {(str(i["number"]),) for i in got if i.get("closed")},
        ev,
    )
    meta = expected.get("meeting") or {}
    for key, value in meta.items():
        actual = getattr(meeting.meeting, key, None)
        ok = actual == value
        ev.meeting_fields[key] = ok
        if not ok:
            ev.differences.append(f"meeting.{key}: expected {value!r}, got {actual!r}")
    return ev


def item_by_number(meeting: Meeting, number: str) -> Item | None:
    return next((i for i in meeting.items if i.number == number), None)
