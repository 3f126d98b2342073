"""Score a meeting against an answer key of the evaluation set (`../shared/eval/*/NAME.gold.json`).

The same metrics, with the same matching rules, as the set's own scorer (`score.py`), so
`kitar eval DIR` and `score_set.py` print the same numbers. Items match by number and title
similarity; the other fields are scored on the matched items, with sub-items folded in.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any

# An item is found when its number matches and its title is this similar (difflib ratio).
TITLE_SIMILARITY = 0.9
# A recommendation clause is found when contained in, or this similar to, a predicted clause.
CLAUSE_SIMILARITY = 0.9
# Annex titles are shorter and vary more between systems (`Bilag 1 -`, file names).
ANNEX_SIMILARITY = 0.85
# The metrics of an answer key, in the scorer's order and under its names.
METRICS = (
    "items", "presenters", "recs", "annexes", "closed", "decisions", "case_ids", "meeting",
    "reflow", "hyphen_keep", "no_leaks",
)  # fmt: skip
_MEETING_KEYS = ("date", "kind", "case_id", "doc_id", "body")
_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2212"), "-")
_QUOTES = dict.fromkeys(map(ord, "\u201c\u201d\u201e\u00ab\u00bb\u2018\u2019\u201a'\""), "")


def key_norm(value: Any) -> str:
    """Compare text as the scorer does: NFC, dashes as `-`, no quotes, one space, casefolded,
    without trailing punctuation (`Godkendt.` = `godkendt`)."""
    if value is None:
        return ""
    text = unicodedata.normalize("NFC", str(value)).translate(_DASHES).translate(_QUOTES)
    return " ".join(text.split()).casefold().rstrip(" .:;,")


def similarity(a: Any, b: Any) -> float:
    a, b = key_norm(a), key_norm(b)
    if not a and not b:
        return 1.0
    return SequenceMatcher(None, a, b).ratio()


def _f1(tp: int, n_gold: int, n_pred: int) -> float:
    r = tp / n_gold if n_gold else 1.0
    p = tp / n_pred if n_pred else (1.0 if not n_gold else 0.0)
    return 2 * p * r / (p + r) if p + r else 0.0


def _flatten(item: dict[str, Any] | None) -> dict[str, list[Any]]:
    """An item with its sub-items folded in (in the scorer's order: a stack)."""
    out: dict[str, list[Any]] = {
        "presenters": [],
        "recommendations": [],
        "annexes": [],
        "decision": [],
    }
    stack = [item] if item else []
    while stack:
        it = stack.pop()
        out["presenters"] += it.get("presenters") or []
        out["recommendations"] += [
            r if isinstance(r, str) else (r.get("text") or "")
            for r in it.get("recommendations") or []
        ]
        out["annexes"] += it.get("annexes") or []
        if it.get("decision"):
            d = it["decision"]
            out["decision"].append(d if isinstance(d, str) else json.dumps(d, ensure_ascii=False))
        stack += it.get("subitems") or []
    return out


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def _matches(gold: list[Any], pred: list[Any], ok: Callable[[Any, Any], bool]) -> int:
    used: set[int] = set()
    for g in gold:
        for j, p in enumerate(pred):
            if j not in used and ok(g, p):
                used.add(j)
                break
    return len(used)


def _annex_ok(a: dict[str, Any], b: dict[str, Any]) -> bool:
    if a.get("number") is not None and str(a["number"]) != str(b.get("number")):
        return False
    if "confidential" in a and bool(a["confidential"]) != bool(b.get("confidential")):
        return False
    return (
        "title" not in a
        or similarity(a["title"], b.get("title")) >= ANNEX_SIMILARITY
        or key_norm(a["title"]) in key_norm(b.get("title"))
    )


@dataclass
class KeyScore:
    """An answer key's metrics (0..1, only those the key measures) and what was missed."""

    metrics: dict[str, float] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def score_answer_key(gold: dict[str, Any], pred: dict[str, Any]) -> KeyScore:
    """Score a `kitar.meeting/1` dict against an answer key (see `../shared/eval/README.md`)."""
    out = KeyScore()
    res, notes = out.metrics, out.notes
    gitems, pitems = gold["items"], pred.get("items") or []
    pairs: list[tuple[dict, dict]] = []
    for g in gitems:
        cands = [p for p in pitems if str(p.get("number", "")).strip(" .") == str(g["number"])]
        best = max(cands, key=lambda p: similarity(p.get("title"), g["title"]), default=None)
        if best is not None and similarity(best.get("title"), g["title"]) >= TITLE_SIMILARITY:
            pairs.append((g, best))
        else:
            got = [p.get("title") for p in cands]
            notes.append(f"missed item {g['number']}: {g['title']!r} got {got!r}")
    res["items"] = _f1(len(pairs), len(gitems), len(pitems))
    matched = {id(g): p for g, p in pairs}

    def fields(g: dict[str, Any]) -> dict[str, list[Any]]:
        return _flatten(matched.get(id(g)))

    if any("presenters" in g for g in gitems):
        tp = n_gold = n_pred = 0
        for g in (g for g in gitems if "presenters" in g):
            want = [(key_norm(x["name"]), key_norm(x.get("organisation"))) for x in g["presenters"]]
            got = list(
                dict.fromkeys(
                    (key_norm(x.get("name")), key_norm(x.get("organisation")))
                    for x in fields(g)["presenters"]
                )
            )
            hit = _matches(want, got, lambda a, b: a[0] == b[0] and (not a[1] or a[1] == b[1]))
            tp, n_gold, n_pred = tp + hit, n_gold + len(want), n_pred + len(got)
            if hit < len(want):
                notes.append(f"presenters item {g['number']}: gold {want} got {got}")
        res["presenters"] = _f1(tp, n_gold, n_pred)
    if any("recommendations" in g for g in gitems):
        tp = n_gold = n_pred = 0
        for g in (g for g in gitems if "recommendations" in g):
            got = fields(g)["recommendations"]
            hit = _matches(
                g["recommendations"],
                got,
                lambda a, b: key_norm(a) in key_norm(b) or similarity(a, b) >= CLAUSE_SIMILARITY,
            )
            tp, n_gold, n_pred = tp + hit, n_gold + len(g["recommendations"]), n_pred + len(got)
            if hit < len(g["recommendations"]) or len(got) > len(g["recommendations"]):
                notes.append(
                    f"recs item {g['number']}: {hit}/{len(g['recommendations'])} found,"
                    f" {len(got)} predicted"
                )
        res["recs"] = _f1(tp, n_gold, n_pred)
    if any("annexes" in g for g in gitems):
        tp = n_gold = n_pred = 0
        for g in (g for g in gitems if "annexes" in g):
            got = fields(g)["annexes"]
            hit = _matches(g["annexes"], got, _annex_ok)
            tp, n_gold, n_pred = tp + hit, n_gold + len(g["annexes"]), n_pred + len(got)
            if hit < len(g["annexes"]):
                notes.append(f"annexes item {g['number']}: gold {g['annexes']} got {got}")
        res["annexes"] = _f1(tp, n_gold, n_pred)
    closed = [(g, p) for g, p in pairs if "closed" in g]
    if closed:
        res["closed"] = sum(bool(g["closed"]) == bool(p.get("closed")) for g, p in closed) / len(
            closed
        )
    decided = [g for g in gitems if g.get("decision_contains")]
    if decided:
        ok = 0
        for g in decided:
            text = " ".join(fields(g)["decision"])
            if key_norm(g["decision_contains"]) in key_norm(text):
                ok += 1
            else:
                notes.append(
                    f"decision item {g['number']}: want {g['decision_contains']!r}"
                    f" got {text[:80]!r}"
                )
        res["decisions"] = ok / len(decided)
    cased = [g for g in gitems if g.get("case_id")]
    if cased:
        ok = 0
        for g in cased:
            case = (matched.get(id(g)) or {}).get("case_id")
            if id(g) in matched and key_norm(case) == key_norm(g["case_id"]):
                ok += 1
            else:
                notes.append(f"case id item {g['number']}: want {g['case_id']!r} got {case!r}")
        res["case_ids"] = ok / len(cased)
    gm, pm = gold.get("meeting") or {}, pred.get("meeting") or {}
    keys = [k for k in gm if k in _MEETING_KEYS]
    if keys:

        def same(k: str) -> bool:
            want, got = key_norm(gm[k]), key_norm(pm.get(k))
            return want == got or (k == "body" and want in got)

        res["meeting"] = sum(same(k) for k in keys) / len(keys)
        notes += [f"meeting.{k}: want {gm[k]!r} got {pm.get(k)!r}" for k in keys if not same(k)]
    text = "\n".join(_strings(pred.get("items")))
    if gold.get("reflow_words"):
        words = gold["reflow_words"]
        res["reflow"] = sum(w in text for w in words) / len(words)
    if gold.get("hyphen_keep"):
        words = gold["hyphen_keep"]
        res["hyphen_keep"] = sum(w in text for w in words) / len(words)
    if gold.get("must_not_appear_in_item_text"):
        leaks = [s for s in gold["must_not_appear_in_item_text"] if s in text]
        res["no_leaks"] = 1.0 - len(leaks) / len(gold["must_not_appear_in_item_text"])
        notes += [f"leak: {s!r}" for s in leaks]
    return out


def answer_key_from_meeting(data: dict[str, Any]) -> dict[str, Any]:
    """An answer key for a `kitar.meeting/1` dict (a generator's meeting, an expected file):
    top-level items with their sub-items' fields folded in; a field is kept where the dict
    has it, so an empty list means "none here" (and predicting one costs precision)."""
    info = data.get("meeting") or {}
    items: list[dict[str, Any]] = []
    for item in data.get("items") or []:
        flat = _flatten(item)
        key: dict[str, Any] = {
            "number": str(item.get("number")),
            "title": item.get("title") or "",
            "closed": bool(item.get("closed")),
        }
        if item.get("case_id"):
            key["case_id"] = item["case_id"]
        for name in ("recommendations", "presenters", "annexes"):
            if name in item:
                key[name] = flat[name]
        if flat["decision"]:
            key["decision_contains"] = flat["decision"][0]
        items.append(key)
    return {"meeting": {k: info[k] for k in _MEETING_KEYS if info.get(k)}, "items": items}


def check_answer_key(data: Any) -> str | None:
    """What makes `data` unusable as an answer key (None when it is one)."""
    if not isinstance(data, dict):
        return "an answer key is a JSON object"
    items = data.get("items")
    if not isinstance(items, list):
        return "an answer key needs an `items` list"
    if not isinstance(data.get("meeting", {}), dict):
        return "`meeting` must be an object"
    for n, item in enumerate(items):
        if not isinstance(item, dict):
            return f"items[{n}] is not an object"
        if not isinstance(item.get("number"), str | int) or not isinstance(item.get("title"), str):
            return f"items[{n}] needs a `number` and a `title`"
        for key in ("recommendations", "annexes", "presenters"):
            if key in item and not isinstance(item[key], list):
                return f"items[{n}].{key} must be a list"
        for p in item.get("presenters", []):
            if not isinstance(p, dict) or "name" not in p:
                return f"items[{n}].presenters needs objects with a `name`"
        if any(not isinstance(a, dict) for a in item.get("annexes", [])):
            return f"items[{n}].annexes must hold objects"
    return None
