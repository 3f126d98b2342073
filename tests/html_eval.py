"""Set the eval texts (../shared/eval/web/*.txt) as web pages, at test time only.

Municipal sites mark up the same structure the texts show: the item list at the top, item
headings (`49. Godkendelse …`, `Pkt. 42 …`), section headings (`Indstilling`, `Beslutning …`),
bullets and numbered lists. Each shape here sets it the way one kind of site does; the texts
themselves are never written into the project.
"""

from __future__ import annotations

import html
import re

SHAPES = ("headings", "details", "table", "toplist")

_ITEM_RE = re.compile(
    r"^(?:[•]\s*)?(?:(?P<num>\d{1,3})\.|Pkt\.\s+(?P<pkt>\d{1,3}))\s+(?P<title>[A-ZÆØÅ\"”].*)$"
)
_BULLET_RE = re.compile(r"^[•\-–̵]\s*(?P<text>\S.*)$")
_NUMBERED_RE = re.compile(r"^(?P<num>\d{1,2})\.\s+(?P<text>\S.*)$")
_SECTIONS = (
    "resume", "resumé", "indstilling", "sagsfremstilling", "beslutning", "økonomi", "bilag",
    "beslutningstema", "beskrivelse af sagen", "sagsgang og sagstype", "beslutningskompetence",
    "baggrund", "punkter", "deltagere", "afbud", "mødedato", "mødested", "om mødet",
)  # fmt: skip


def _e(text: str) -> str:
    return html.escape(text, quote=False)


def _paragraphs(text: str) -> list[list[tuple[str, bool]]]:
    """Runs of non-blank lines (line, indented) separated by blank lines."""
    runs: list[list[tuple[str, bool]]] = [[]]
    for raw in text.splitlines():
        if not raw.strip():
            if runs[-1]:
                runs.append([])
            continue
        runs[-1].append((raw.strip(), raw[:1] in " \t"))
    return [r for r in runs if r]


def _is_section(line: str) -> bool:
    low = line.lower().rstrip(":")
    return len(line) < 70 and (low in _SECTIONS or low.startswith("beslutning i "))


def _classify(text: str) -> list[tuple[str, str]]:
    """(kind, text) per line: item, section, bullet, numbered, line, break (paragraph end)."""
    out: list[tuple[str, str]] = []
    for run in _paragraphs(text):
        for line, indented in run:
            m = _ITEM_RE.match(line)
            if (m and not indented and len(line) < 160) or (
                m and indented and len(run) == 1 and len(line) < 160
            ):
                out.append(("item", line.lstrip("• ")))
            elif _is_section(line):
                out.append(("section", line))
            elif _BULLET_RE.match(line):
                out.append(("bullet", _BULLET_RE.match(line).group("text")))  # type: ignore[union-attr]
            elif _NUMBERED_RE.match(line):
                out.append(("numbered", line))
            else:
                out.append(("line", line))
        out.append(("break", ""))
    return out


def _entry(kind: str, text: str) -> str:
    m = _NUMBERED_RE.match(text)
    return m.group("text") if kind == "numbered" and m else text


def _body(lines: list[tuple[str, str]], shape: str) -> str:
    """Paragraphs (lines of one run joined by <br>), lists and section headings."""
    out: list[str] = []
    para: list[str] = []
    items: list[tuple[str, str]] = []
    open_details = False

    def flush() -> None:
        nonlocal para, items
        if para:
            out.append("<p>" + "<br>".join(_e(p) for p in para) + "</p>")
        if items:
            tag = "ol" if items[0][0] == "numbered" else "ul"
            start = ""
            if tag == "ol":
                first = _NUMBERED_RE.match(items[0][1])
                start = f' start="{first.group("num")}"' if first else ""
            entries = "".join(f"<li>{_e(_entry(k, t))}</li>" for k, t in items)
            out.append(f"<{tag}{start}>{entries}</{tag}>")
        para, items = [], []

    for kind, text in lines:
        if kind in ("bullet", "numbered"):
            if para:
                out.append("<p>" + "<br>".join(_e(p) for p in para) + "</p>")
                para = []
            if items and items[0][0] != kind:
                flush()
            items.append((kind, text))
            continue
        if items:
            flush()
        if kind == "break":
            flush()
        elif kind == "section":
            flush()
            if shape == "details":
                if open_details:
                    out.append("</details>")
                out.append(f'<details><summary><a class="toggle">fold ud</a> {_e(text)}</summary>')
                open_details = True
            elif shape == "toplist":
                out.append(f"<p><strong>{_e(text)}</strong></p>")
            else:
                out.append(f"<h3>{_e(text)}</h3>")
        else:
            para.append(text)
    flush()
    if open_details:
        out.append("</details>")
    return "\n".join(out)


# A case-number line printed just above an item's heading ("85.02.02-G01-1-17", "Sagsnr. 16/1")
# belongs to that item: the page carries it with the item, wherever the list of items goes.
_CASE_LINE = re.compile(r"^(?:\d{2}\.\d{2}\.\d{2}-[A-ZÆØÅ]\d{2}-\d+-\d{2}|Sagsnr\.?:?\s*\S+)$")


def _split(lines: list[tuple[str, str]]) -> tuple[list, list[tuple[str, list]]]:
    cover: list = []
    items: list[tuple[str, list]] = []
    for kind, text in lines:
        if kind == "item":
            before = items[-1][1] if items else cover
            moved: list = []
            while before and (before[-1][0] == "break" or _CASE_LINE.match(before[-1][1])):
                entry = before.pop()
                if entry[0] != "break":
                    moved.insert(0, entry)
            items.append((text, moved))
        elif items:
            items[-1][1].append((kind, text))
        else:
            cover.append((kind, text))
    return cover, items


def page(text: str, shape: str, title: str = "Referat") -> str:
    """The text as a web page of `shape`, with site chrome around it."""
    cover, items = _split(_classify(text))
    parts = [_body(cover, shape)]
    if shape == "toplist":
        links = "".join(f'<li><a href="#p{n}">{_e(t)}</a></li>' for n, (t, _) in enumerate(items))
        parts.append(f'<ul class="punktliste">{links}</ul>')
    for n, (head, body) in enumerate(items):
        m = _ITEM_RE.match(head)
        number = (m.group("num") or m.group("pkt")) if m else ""
        rest = m.group("title") if m else head
        if shape == "details":
            parts.append(f'<details open id="p{n}"><summary><h2>{_e(head)}</h2></summary>')
            parts.append(_body(body, shape) + "</details>")
        elif shape == "table" and m and m.group("num"):
            parts.append(
                f'<table id="p{n}"><tr><td>{number}.</td><td><strong>{_e(rest)}</strong></td></tr>'
                f'<tr><td colspan="2">{_body(body, shape)}</td></tr></table>'
            )
        else:
            parts.append(f'<section id="p{n}"><h2>{_e(head)}</h2>{_body(body, shape)}</section>')
    chrome_top = (
        '<div class="cookie-banner"><p>Vi bruger cookies</p><button>OK</button></div>'
        '<nav><ul><li><a href="/">Forside</a></li>'
        '<li><a href="/politik">Politik</a></li></ul></nav>'
    )
    return (
        f'<!DOCTYPE html><html lang="da"><head><meta charset="utf-8"><title>{_e(title)}</title>'
        f"<script>var a=1;</script></head><body>{chrome_top}<main>{''.join(parts)}</main>"
        "<footer><p>Kommunen · Rådhuset</p></footer></body></html>"
    )
