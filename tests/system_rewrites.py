"""Rewrites of an eval text the way other Danish publishing systems and tools write the same
meeting (used by `test_text_variants_systems.py`). A rewrite takes the text and its answer key and
returns both: most change only the text; some change the key with it (a case number in another
system's shape, an item marked closed). Fictitious wordings only; the texts come at run time."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Any

Key = dict[str, Any]
Rewrite = Callable[[str, Key], tuple[str, Key]]

H = re.compile(r"^(\s*)(\d{1,4})\.\s+(.*)$")


def heads(fn: Callable[[re.Match[str]], str], body_only: bool = False) -> Rewrite:
    """Rewrite the lines that are an item's heading (number and title as the key has them);
    `body_only`: not the lines of a list of the items (a heading line next to another)."""

    def rw(text: str, key: Key) -> tuple[str, Key]:
        titles = {str(i["number"]): i["title"] for i in key.get("items", [])}
        lines = text.split("\n")
        out = []
        for n, line in enumerate(lines):
            m = H.match(line)
            own = (
                m
                and m.group(2) in titles
                and m.group(3)[:15].casefold() == titles[m.group(2)][:15].casefold()
                and not (body_only and _in_run(lines, n))
            )
            out.append(fn(m) if m and own else line)
        return "\n".join(out), key

    return rw


def _in_run(lines: list[str], n: int) -> bool:
    return any(H.match(lines[k]) for k in (n - 1, n + 1) if 0 <= k < len(lines))


def textonly(fn: Callable[[str], str]) -> Rewrite:
    return lambda text, key: (fn(text), key)


def sub_lines(pattern: str, repl: Any, flags: int = 0) -> Rewrite:
    rx = re.compile(pattern, flags | re.M)
    return textonly(lambda t: rx.sub(repl, t))


MONTHS = [
    "januar",
    "februar",
    "marts",
    "april",
    "maj",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "december",
]
WEEKDAYS = ["mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"]


def date_forms(iso: str) -> list[str]:
    d = date.fromisoformat(iso)
    return [
        f"{d.day}. {MONTHS[d.month - 1]} {d.year}",
        f"{d.day:02d}-{d.month:02d}-{d.year}",
        f"{d.day:02d}.{d.month:02d}.{d.year}",
        f"{d.day}-{MONTHS[d.month - 1][:3]}-{d.year}",
        f"{d.day:02d}-{d.month:02d}-{d.year}",
    ]


def redate(make: Callable[[date], str]) -> Rewrite:
    """Replace the first written form of the meeting date with another form."""

    def rw(text: str, key: Key) -> tuple[str, Key]:
        iso = (key.get("meeting") or {}).get("date")
        if not iso:
            return text, key
        d = date.fromisoformat(iso)
        best = None
        titles = [i["title"] for i in key.get("items", [])]
        stop = min([text.find(t) for t in titles if text.find(t) >= 0] or [600])
        for f in date_forms(iso):
            for mm in re.finditer(re.escape(f), text[:stop]):
                i = mm.start()
                ls = text.rfind("\n", 0, i) + 1
                le = text.find("\n", i)
                if re.search(r"(?i)beslutning|pkt|punkt", text[ls:le]):
                    continue
                if best is None or i < best[0]:
                    best = (i, f)
                break
        if best is None or best[0] > 600:
            return text, key
        i, f = best
        return text[:i] + make(d) + text[i + len(f) :], key

    return rw


def add_toc(fmt: Callable[[str, str, int], str], head: str = "Indholdsfortegnelse") -> Rewrite:
    """Insert a list of the items after the first line (only texts without one)."""

    def rw(text: str, key: Key) -> tuple[str, Key]:
        if (
            re.search(r"(?im)^\s*(indholdsfortegnelse|punkter)", text)
            or "Indholdsfortegnelse" in text
        ):
            return text, key
        items = [i for i in key.get("items", []) if not i.get("toc_only")]
        if len(items) < 2:
            return text, key
        lines = [head, ""] if head else []
        lines += [fmt(i["number"], i["title"], n) for n, i in enumerate(items, 1)]
        at = [text.find(t) for t in (items[0]["title"],) if text.find(t) >= 0]
        if not at:
            return text, key
        i = text.rfind("\n\n", 0, at[0])
        if i < 0:
            return text, key
        k = text.rfind("\n\n", 0, i)
        if k >= 0 and re.fullmatch(r"\s*[\dA-Z.\-/]+\s*", text[k:i]):
            i = k
        return text[:i] + "\n\n" + "\n".join(lines) + text[i:], key

    return rw


def soft_hyphens(text: str) -> str:
    def word(m: re.Match[str]) -> str:
        w = m.group(0)
        return w[:5] + "\u00ad" + w[5:] if len(w) >= 12 else w

    return re.sub(r"[A-Za-zæøåÆØÅ]{12,}", word, text)


def reclose(fmt: Callable[[str], str]) -> Rewrite:
    """Rewrite the closed markers (LUKKET PUNKT - T / Lukket sag: T) to another form."""
    rx = re.compile(r"(LUKKET PUNKT\s*-\s*|Lukket sag:\s*)([^\n.]+?)(\.{2,}|\n|$)")
    return textonly(lambda t: rx.sub(lambda m: fmt(m.group(2)) + m.group(3), t))


def close_some(fmt: Callable[[re.Match[str]], str], body_only: bool = False) -> Rewrite:
    """Mark the last open item closed in text and key: its headings (`body_only`: the body's
    heading, not its line in a list of the items)."""

    def rw(text: str, key: Key) -> tuple[str, Key]:
        items = [i for i in key.get("items", []) if not i.get("toc_only") and not i.get("closed")]
        if len(items) < 2:
            return text, key
        it = items[-1]
        lines = text.split("\n")
        hits = []
        for n, line in enumerate(lines):
            m = H.match(line)
            if (
                m
                and m.group(2) == str(it["number"])
                and m.group(3)[:15].casefold() == it["title"][:15].casefold()
            ):
                hits.append((n, m))
        if not hits:
            return text, key
        for n, m in hits[-1:] if body_only else hits:
            lines[n] = fmt(m)
        it["closed"] = True
        return "\n".join(lines), key

    return rw


def relabel_case(label: str) -> Rewrite:
    rx = re.compile(r"(?m)^(\s*)(Sagsnr\.:?|Sagsnr\.)\s*(?=\S*\d)")

    def rw(text: str, key: Key) -> tuple[str, Key]:
        t = rx.sub(lambda m: m.group(1) + label + " ", text)
        rx2 = re.compile(r"(?m)^(\d{2}\.\d{2}\.\d{2}-[A-Z]\d{2}-\d+-\d{2})\s*$")
        t = rx2.sub(lambda m: label + " " + m.group(1), t)
        return t, key

    return rw


def case_after_heading(text: str, key: Key) -> tuple[str, Key]:
    """Move a case-number line that stands before its heading to after it."""
    lines = text.split("\n")
    out = []
    i = 0
    kle = re.compile(r"^\s*(\d{2}\.\d{2}\.\d{2}-[A-Z]\d{2}-\d+-\d{2}|Sagsnr\.\s*\d\d/\d+)\s*$")
    while i < len(lines):
        if kle.match(lines[i]):
            j = i + 1
            while j < len(lines) and not lines[j].strip():
                j += 1
            if j < len(lines) and H.match(lines[j]):
                out += [lines[j], "", lines[i].strip()]
                i = j + 1
                continue
        out.append(lines[i])
        i += 1
    return "\n".join(out), key


def rec_clauses(fmt: Callable[[int], str]) -> Rewrite:
    """Renumber the clauses of a recommendation (the lines after `... indstiller`)."""
    rx = re.compile(r"^(\s*)(\d)[.)]\s+(?:[Aa]t\s+)?(\S.*)$")

    def rw(text: str, key: Key) -> tuple[str, Key]:
        out = []
        on = False
        for line in text.split("\n"):
            if "indstil" in line:
                on = True
            elif re.match(r"^\s*(Beslutning|Beskrivelse|Sagsfremstilling|Sagens|Resume)", line):
                on = False
            m = rx.match(line) if on else None
            if m and H.match(line) and int(m[2]) > 9:
                m = None
            out.append(f"{m[1]}{fmt(int(m[2]))} {m[3]}" if m else line)
        return "\n".join(out), key

    return rw


def case_in_heading(
    fmt: Callable[[re.Match[str], str], str], make_id: Callable[[str], str]
) -> Rewrite:
    """A case number in the heading's brackets; the key gets it where the body prints none."""

    def rw(text: str, key: Key) -> tuple[str, Key]:
        titles = {str(i["number"]): i for i in key.get("items", [])}
        out = []
        for line in text.split("\n"):
            m = H.match(line)
            it = titles.get(m.group(2)) if m else None
            if m and it and m.group(3)[:15].casefold() == it["title"][:15].casefold():
                out.append(fmt(m, make_id(m.group(2))))
                if not it.get("toc_only") and "case_id" not in it:
                    it["case_id"] = make_id(m.group(2))
            else:
                out.append(line)
        return "\n".join(out), key

    return rw


def reshape_case(make: Callable[[int], str]) -> Rewrite:
    """Every case number of the key written in another system's shape (key follows)."""

    def rw(text: str, key: Key) -> tuple[str, Key]:
        seen: dict[str, str] = {}
        for it in key.get("items", []):
            cid = it.get("case_id")
            if not cid:
                continue
            if cid not in seen:
                seen[cid] = make(len(seen) + 1)
                text = re.sub(rf"(?<![\w./-]){re.escape(cid)}(?![\w/-])", seen[cid], text)
            it["case_id"] = seen[cid]
        return text, key

    return rw


def title_case(s: str) -> str:
    return " ".join(w[:1].upper() + w[1:] for w in s.split(" "))


SECTIONS = [
    "Resume",
    "Resumé",
    "Sagsfremstilling",
    "Indstilling",
    "Beslutning",
    "Økonomi",
    "Beslutningstema",
    "Anledning",
    "Sagsgang og sagstype",
    "Beskrivelse af sagen",
    "Personale",
    "Forventet sagsgang",
    "Beslutningskompetence",
    "Sagens kerne",
]
SEC_RX = "|".join(map(re.escape, SECTIONS))


def decision_line(fmt: str) -> Rewrite:
    """Rewrite a `Beslutning` label line (alone) to another wording ({d} the meeting date)."""

    def rw(text: str, key: Key) -> tuple[str, Key]:
        iso = (key.get("meeting") or {}).get("date") or "2025-03-03"
        d = date.fromisoformat(iso)
        label = fmt.format(
            d=f"{d.day}. {MONTHS[d.month - 1]} {d.year}", dots=f"{d.day:02d}.{d.month:02d}.{d.year}"
        )
        return re.sub(r"(?m)^(\s*)Beslutning\s*$", lambda m: m.group(1) + label, text), key

    return rw


def rec_bullets(bullet: str) -> Rewrite:
    rx = re.compile(r"(?m)^(\s*)(?:\d\.\s+at|\d\.\s+At|at)\s+(?=\S)")
    return textonly(lambda t: rx.sub(lambda m: m.group(1) + bullet + "at ", t))


def retitle(fmt: Callable[[str, str, str, str], str]) -> Rewrite:
    """A title of another system above the text (same body, date and kind):
    `fmt(body, "3. marts 2026", "tirsdag", "03.03.2026")`."""

    def rw(text: str, key: Key) -> tuple[str, Key]:
        mt = key.get("meeting") or {}
        if not mt.get("body") or not mt.get("date") or mt.get("kind") != "minutes":
            return text, key
        d = date.fromisoformat(mt["date"])
        long = f"{d.day}. {MONTHS[d.month - 1]} {d.year}"
        numeric = f"{d.day:02d}.{d.month:02d}.{d.year}"
        return fmt(mt["body"], long, WEEKDAYS[d.weekday()], numeric) + "\n\n" + text, key

    return rw


def case_on_heading_line(text: str, key: Key) -> tuple[str, Key]:
    """The case line joined to the heading's line after a tab (a table row flattened)."""
    lines = text.split("\n")
    ids = {i.get("case_id") for i in key.get("items", []) if i.get("case_id")}
    for i, line in enumerate(lines):
        if not H.match(line) or _in_run(lines, i):
            continue
        # the case line within the 2 lines before or the 4 after
        for j in [*range(i + 1, min(len(lines), i + 5)), *range(max(0, i - 2), i)]:
            cm = re.match(r"^\s*Sagsnr\.:?\s*(\S+)", lines[j])
            if cm and cm.group(1) in ids:
                lines[i] = f"{line}\tSagsnr.: {cm.group(1)}"
                lines[j] = ""
                break
    return "\n".join(lines), key


def presenter_line(fmt: Callable[[str], str]) -> Rewrite:
    """The presenter named on a line under the item's title, as other systems do."""

    def rw(text: str, key: Key) -> tuple[str, Key]:
        for it in key.get("items", []):
            names = [p["name"] for p in it.get("presenters") or []]
            lines = text.split("\n")
            at = [n for n, line in enumerate(lines) if line.strip() == it["title"]]
            if names and at:
                lines[at[0]] += "\n\n" + fmt(names[0])
                text = "\n".join(lines)
        return text, key

    return rw


def decision_committee_date(text: str, key: Key) -> tuple[str, Key]:
    """`Beslutning` written as the committee and the meeting's date (`Byrådet den …:`)."""
    mt = key.get("meeting") or {}
    if not mt.get("body") or not mt.get("date"):
        return text, key
    d = date.fromisoformat(mt["date"])
    label = f"{mt['body']} den {d.day}. {MONTHS[d.month - 1]} {d.year}:"
    return re.sub(r"(?m)^(\s*)Beslutning\s*$", lambda m: m.group(1) + label, text), key


def running_headers(text: str, key: Key) -> tuple[str, Key]:
    """A page break (form feed) and the page's running header every 30 lines."""
    mt = key.get("meeting") or {}
    head = f"{mt.get('body') or 'Udvalget'} - Referat - {mt.get('date', '')}"
    out: list[str] = []
    for n, line in enumerate(text.split("\n")):
        if n and n % 30 == 0:
            out += ["\f" + head, ""]
        out.append(line)
    return "\n".join(out), key


def decision_date_only(text: str, key: Key) -> tuple[str, Key]:
    """`Beslutning` with the meeting's date after it and nothing else (`Beslutning 03.03.2026`)."""
    iso = (key.get("meeting") or {}).get("date")
    if not iso:
        return text, key
    d = date.fromisoformat(iso)
    label = f"Beslutning {d.day:02d}.{d.month:02d}.{d.year}"
    return re.sub(r"(?m)^(\s*)Beslutning\s*$", lambda m: m.group(1) + label, text), key
