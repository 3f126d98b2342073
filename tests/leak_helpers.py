"""What the leak test needs: the strings that must never be public, collected without
kitar.redact (so a broken rule cannot also hide its own leaks from the test), and every
public output read back as plain text."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable
from pathlib import Path

from kitar.model import Item, Meeting
from kitar.parse.followups import split_sentences

# A hidden sentence leaks if any run of this many of its words shows up in an output; a
# snippet or a wrapped table cell never shows a whole long sentence.
SHINGLE = 6
MIN_SECRET_CHARS = 15  # shorter strings ("Godkendt.") say nothing about a closed item
_BOX = re.compile(r"[│┃╭╮╰╯─━┏┓┗┛┡┩┠┨┯┷┿╇╈┳┻╋┣┫┌┐└┘├┤┬┴┼═║«»…]")
_TAGS = re.compile(r"<[^>]+>")


def normal(text: str) -> str:
    """Case-folded words only: box drawing, «highlights», punctuation and wrapping removed."""
    text = _BOX.sub(" ", text)
    return " ".join(re.findall(r"[^\W_]+", text.casefold()))


def _walk(items: Iterable[Item], closed: bool = False) -> Iterable[tuple[Item, bool]]:
    for item in items:
        shut = closed or item.closed
        yield item, shut
        yield from _walk(item.subitems, shut)


def _texts(item: Item) -> list[str]:
    out = [s.text for s in item.sections] + [s.heading for s in item.sections]
    out += item.recommendations + [d.text for d in item.decisions] + [item.decision or ""]
    out += [a.title for a in item.annexes]
    return [t for t in out if t]


def collect(meetings: list[Meeting]) -> tuple[list[str], str]:
    """(secrets, public universe): the hidden strings of all meetings, and the normalised
    text everyone may see (open items with the confidential titles cut out by plain
    string replacement, not by kitar.redact)."""
    hidden: list[str] = []
    universe: list[str] = []
    for m in meetings:
        titles = [normal(a.title) for it, _ in _walk(m.items) for a in it.annexes
                  if a.confidential and len(a.title) >= 8]  # fmt: skip
        hidden += [a.title for it, _ in _walk(m.items) for a in it.annexes
                   if a.confidential and len(a.title) >= 8]  # fmt: skip
        for item, shut in _walk(m.items):
            if shut:
                top_closed = item.closed and not any(
                    item in parent.subitems for parent, s in _walk(m.items) if s
                )
                hidden += [s for t in _texts(item) for s in split_sentences(t)]
                if not top_closed:
                    hidden.append(item.title)  # a closed item's sub-items are hidden
                universe.append(normal(f"{item.number or ''} {item.title}") if top_closed else "")
                continue
            text = normal(" ".join([item.title, *_texts(item)]))
            for t in sorted(titles, key=len, reverse=True):
                text = text.replace(t, " ")
            universe.append(text)
    whole = " " + " ".join(universe) + " "
    secrets = []
    for s in dict.fromkeys(hidden):
        if len(s) < MIN_SECRET_CHARS or not shingles(s, whole):
            continue
        secrets.append(s)
    return secrets, whole


def shingles(secret: str, universe: str = "") -> list[str]:
    """The secret's runs of SHINGLE words (all of it when shorter) that the public may not
    have seen anywhere else."""
    words = normal(secret).split()
    runs = [" ".join(words[i : i + SHINGLE]) for i in range(max(1, len(words) - SHINGLE + 1))]
    return [r for r in dict.fromkeys(runs) if r and f" {r} " not in universe]


def leaks(secret_runs: list[str], output: str) -> bool:
    return any(f" {r} " in output for r in secret_runs)


def distinctive_words(secret: str, n: int = 3) -> str:
    """The longest words of the secret: what someone hunting for it would search."""
    words = sorted(set(re.findall(r"[^\W\d_]{5,}", secret)), key=lambda w: (-len(w), w))
    return " ".join(words[:n])


def docx_text(path: Path) -> str:
    """Every XML part of a .docx (body, headers, footers, core and app properties, comments)
    as text: a leak in any part counts."""
    out = []
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.endswith((".xml", ".rels")):
                xml = z.read(name).decode("utf-8", "replace")
                out.append(_TAGS.sub(" ", xml.replace("</w:p>", "\n")))
    return "\n".join(out)


def xlsx_text(path: Path) -> str:
    from openpyxl import load_workbook

    wb = load_workbook(path)
    return "\n".join(
        " ".join(str(c) for c in row if c is not None)
        for ws in wb.worksheets
        for row in ws.iter_rows(values_only=True)
    )
