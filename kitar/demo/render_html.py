"""Render demo documents as saved municipal web pages, in the shapes council sites use.

Shapes (`SHAPES`):
- "headings": the meeting title as `h1`, items `h2`, sub-items `h3`, sections `h4`; no
  `<main>`, so the site header, menu and footer must be told apart by their markup;
- "details": every item a `<details>` whose `<summary>` holds its `h2`, sections as nested
  `<details>` with a bare summary, sub-items as `div` toggles with a "fold ud" link;
- "table": the items listed at the top in a table of in-page links, each item a table whose
  header row holds the number and the title in cells of their own;
- "toplist": an ordered list of in-page links to the items at the top, each item a
  `<section>` in an `<article>`, section headings as bold paragraphs.
Every page carries site chrome the reader must leave out: a cookie banner, a navigation menu,
a skip link, scripts and styles, a footer. The text is the demo document's, so the demo answer
key applies unchanged.
"""

from __future__ import annotations

import html
from pathlib import Path

from kitar.demo.layout import STYLE_COLUMNS, Part, RenderResult
from kitar.model import Block

SHAPES = ("headings", "details", "table", "toplist")

_HEAD = """<!DOCTYPE html>
<html lang="da"><head><meta charset="utf-8">
<title>{title} | Testrup Kommune</title>
<style>.toggle{{cursor:pointer}} .skjult{{display:none}}</style>
<script>window.dataLayer=[];function fold(e){{e.classList.toggle('open')}}</script>
</head><body>
<a class="skip-link" href="#indhold">Gå til indhold</a>
<div id="cookie-banner" class="cookie-consent"><p>Testrup Kommune bruger cookies til
statistik.</p><button>Accepter alle</button><button>Afvis</button></div>
<header class="site-header"><a href="/">Testrup Kommune</a>
<nav class="main-menu"><ul><li><a href="/borger">Borger</a></li><li><a href="/erhverv">Erhverv
</a></li><li><a href="/politik">Politik og dagsordener</a></li></ul></nav>
<form class="search" action="/soeg"><input name="q"><button>Søg</button></form></header>
"""
_FOOT = """<footer class="site-footer"><p>Testrup Kommune · Rådhustorvet 1 · 9999 Testrup</p>
<ul><li><a href="/tilgaengelighed">Tilgængelighedserklæring</a></li>
<li><a href="/cookies">Om cookies</a></li></ul></footer>
<script>document.querySelectorAll('.toggle').forEach(function(t){{}});</script>
</body></html>
"""


def _e(text: str) -> str:
    return html.escape(text, quote=False)


def _lists(blocks: list[Block]) -> str:
    """Consecutive list items as (nested) `ul`/`ol`; numbered runs keep their start."""
    out: list[str] = []
    stack: list[str] = []
    for block in blocks:
        if len(stack) < block.level + 1:  # a new (nested) list inside the open item
            numbered = bool(block.marker and block.marker[:1].isdigit())
            tag = "ol" if numbered else "ul"
            start = f' start="{(block.marker or "1").rstrip(".")}"' if numbered else ""
            out.append(f"<{tag}{start}>")
            stack.append(tag)
        else:
            while len(stack) > block.level + 1:
                out.append(f"</li></{stack.pop()}>")
            out.append("</li>")
        out.append(f"<li>{_e(block.text)}")
    while stack:
        out.append(f"</li></{stack.pop()}>")
    return "".join(out)


def _blocks_html(blocks: list[Block], bold_sections: bool = False) -> str:
    """Paragraphs, lists and section headings (`h4`, or bold paragraphs) of one item."""
    out: list[str] = []
    run: list[Block] = []
    for block in [*blocks, None]:
        if block is not None and block.kind == "list_item" and block.style != STYLE_COLUMNS:
            run.append(block)
            continue
        if run:
            out.append(_lists(run))
            run = []
        if block is None:
            break
        if block.style == STYLE_COLUMNS:
            entries = "".join(f"<li>{_e(e)}</li>" for e in block.text.split("\n"))
            out.append(f'<ul class="deltagere">{entries}</ul>')
        elif block.kind == "heading":
            tag = {0: "h1", 1: "h2", 2: "h3"}.get(block.level, "h4")
            if bold_sections and block.level >= 3:
                out.append(f"<p><strong>{_e(block.text)}</strong></p>")
            else:
                out.append(f"<{tag}>{_e(block.text)}</{tag}>")
        else:
            out.append(f"<p>{_e(block.text)}</p>")
    return "\n".join(out)


def _split_items(blocks: list[Block]) -> tuple[list[Block], list[list[Block]]]:
    """The cover blocks, then each item's blocks (its `N. Title` heading first)."""
    cover: list[Block] = []
    items: list[list[Block]] = []
    for block in blocks:
        if block.kind == "heading" and block.level == 1:
            items.append([block])
        elif items:
            items[-1].append(block)
        else:
            cover.append(block)
    return cover, items


def _number_title(heading: Block) -> tuple[str, str]:
    number, _, title = heading.text.partition(" ")
    return number.rstrip("."), title


def _sections_as_details(blocks: list[Block]) -> str:
    """Sections (level-3 headings) as nested `<details>`; sub-items as "fold ud" toggles."""
    out: list[str] = []
    chunk: list[Block] = []
    closer = ""

    def close() -> None:
        nonlocal chunk, closer
        out.append(_blocks_html(chunk))
        out.append(closer)
        chunk, closer = [], ""

    for block in blocks:
        if block.kind == "heading" and block.level == 2:
            close()
            out.append(
                '<div class="accordion"><a class="toggle" href="#" onclick="fold(this)">fold ud'
                f'</a><h3>{_e(block.text)}</h3><div class="accordion-body skjult">'
            )
            closer = "</div></div>"
        elif block.kind == "heading" and block.level >= 3:
            out.append(_blocks_html(chunk))
            chunk = []
            out.append(f"<details><summary>{_e(block.text)}</summary>")
            chunk = []
            closer = "</details>" + closer if not closer.startswith("</details>") else closer
        else:
            chunk.append(block)
    close()
    return "\n".join(x for x in out if x)


def render_page(parts: list[Part], shape: str, title: str) -> str:
    """One demo document as a web page of the given shape."""
    blocks = [b for part in parts for b in part.blocks]
    cover, items = _split_items(blocks)
    body: list[str] = []
    if shape == "headings":
        body.append('<div id="indhold" class="content">')
        body.append(_blocks_html(blocks))
        body.append("</div>")
    elif shape == "details":
        body.append("<main id='indhold'>" + _blocks_html(cover))
        for item in items:
            body.append(f"<details open><summary><h2>{_e(item[0].text)}</h2></summary>")
            body.append(_sections_as_details(item[1:]))
            body.append("</details>")
        body.append("</main>")
    elif shape == "table":
        body.append("<main id='indhold'>" + _blocks_html(cover))
        rows = []
        for n, item in enumerate(items, 1):
            number, name = _number_title(item[0])
            rows.append(
                f'<tr><td>{_e(number)}.</td><td><a href="#punkt-{n}">{_e(name)}</a></td></tr>'
            )
        body.append('<table class="punktliste">' + "".join(rows) + "</table>")
        for n, item in enumerate(items, 1):
            number, name = _number_title(item[0])
            body.append(
                f'<table class="punkt" id="punkt-{n}"><tr><th>{_e(number)}.</th>'
                f"<th>{_e(name)}</th></tr><tr><td colspan='2'>{_blocks_html(item[1:])}"
                "</td></tr></table>"
            )
        body.append("</main>")
    elif shape == "toplist":
        body.append("<main id='indhold'><article>" + _blocks_html(cover))
        first = _number_title(items[0][0])[0] if items else "1"
        links = "".join(
            f'<li><a href="#punkt-{n}">{_e(_number_title(item[0])[1])}</a></li>'
            for n, item in enumerate(items, 1)
        )
        body.append(f'<nav class="punkter"><ol start="{first}">{links}</ol></nav>')
        for n, item in enumerate(items, 1):
            body.append(f'<section id="punkt-{n}"><h2>{_e(item[0].text)}</h2>')
            body.append(_blocks_html(item[1:], bold_sections=True))
            body.append("</section>")
        body.append("</article></main>")
    else:
        raise ValueError(f"unknown page shape {shape!r}; one of {', '.join(SHAPES)}")
    return _HEAD.format(title=_e(title)) + "\n".join(body) + "\n" + _FOOT.format()


def render_html_parts(parts: list[Part], out: str | Path, shape: str, title: str) -> RenderResult:
    """Write the parts as a web page of `shape`; every block is on page 1."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render_page(parts, shape, title), encoding="utf-8")
    result = RenderResult(path=out, pages=1)
    for pi, part in enumerate(parts):
        for bi in range(len(part.blocks)):
            result.block_pages[(pi, bi)] = 1
    return result
