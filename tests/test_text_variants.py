"""One text, many ways of writing it down: each eval text rewritten the way other systems and
tools write the same meeting must parse to the same answer key. The rewrites are kinds seen
across systems (issue 9): `Punkt N:` or `N)` headings, capitals, the number on its own line, a
bullet before it, no blank lines, Windows line ends, paragraphs hard-wrapped at 70 columns.
The eval texts are read at run time only (`KITAR_EVAL`); the test skips without them."""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from kitar.read.txt import parse_text
from tests.rewrite_scoring import rewrite_shortfall, web_folder

Rewrite = Callable[[str, dict[str, str]], str]
_HEADING = re.compile(r"^(\s*)(\d{1,4})\.\s+(.*)$")


def _headings(fn: Callable[[re.Match[str]], str]) -> Rewrite:
    """Rewrite the lines that are an item's heading (number and title as the key has them)."""

    def rewrite(text: str, titles: dict[str, str]) -> str:
        out = []
        for line in text.split("\n"):
            m = _HEADING.match(line)
            own = m and m.group(2) in titles and m.group(3)[:15] == titles[m.group(2)][:15]
            out.append(fn(m) if m and own else line)
        return "\n".join(out)

    return rewrite


def _wrap70(text: str, titles: dict[str, str]) -> str:
    return "\n".join(
        "\n".join(textwrap.wrap(line, 70)) if len(line) > 70 else line for line in text.split("\n")
    )


REWRITES: dict[str, Rewrite] = {
    "punkt": _headings(lambda m: f"{m[1]}Punkt {m[2]}: {m[3]}"),
    "paren": _headings(lambda m: f"{m[1]}{m[2]}) {m[3]}"),
    "capitals": _headings(lambda m: f"{m[1]}{m[2]}. {m[3].upper()}"),
    "own-line": _headings(lambda m: f"{m[1]}{m[2]}.\n\n{m[3]}"),
    "bullet": _headings(lambda m: f"{m[1]}• {m[2]}. {m[3]}"),
    "no-blank-lines": lambda text, _: re.sub(r"\n\s*\n", "\n", text),
    "crlf": lambda text, _: text.replace("\n", "\r\n"),
    "wrap70": _wrap70,
}


@pytest.fixture(scope="module")
def web() -> Path:
    return web_folder()


@pytest.mark.parametrize("rewrite", sorted(REWRITES))
def test_eval_texts_rewritten_parse_like_their_source(
    web: Path, rewrite: str, tmp_path: Path
) -> None:
    def with_titles(source: str, key: dict[str, Any]) -> tuple[str, dict[str, Any]]:
        titles = {str(item["number"]): item["title"] for item in key.get("items", [])}
        return REWRITES[rewrite](source, titles), key

    changed, short = rewrite_shortfall(web, with_titles, tmp_path)
    assert changed > 0
    assert short == {}


def test_a_paragraph_wrapped_at_a_margin_inside_a_web_text_is_one_paragraph() -> None:
    """A web text (a line a paragraph) whose long paragraphs were wrapped at 70 columns: the
    next word not fitting tells a wrapped line from a line of its own."""
    para = [
        "Forslag til tillæg 1 til lokalplan 145 har været i offentlig høring fire",
        "uger fra den 2. juli til den 30. juli. Lokalplantillægget indeholder nye",
        "bestemmelser og udvider det samlede lokalplanområde med cirka to hektar.",
        "I høringsperioden er der indkommet to høringssvar fra naboer, som begge",
        "er besvaret i den vedlagte hvidbog fra forvaltningen og teknisk udvalg.",
    ]
    units = ["Kommunalbestyrelsen", "Referat", "24. september 2026", "Medlemmer"]
    units += [f"Medlem nummer {n} (A)" for n in range(1, 11)]
    text = "\n".join([*units, "Sagens kerne", *para, "Indstilling", "Forvaltningen indstiller,"])
    blocks = [b.text.replace("\n", " ") for b in parse_text(text).blocks]
    assert " ".join(para) in blocks
    assert "Indstilling" in blocks and "Medlem nummer 3 (A)" in blocks


def test_a_numbered_line_that_a_wrap_put_at_a_line_start_goes_on() -> None:
    """ "… samlede budget...i" / "90. Til efterretning …": the number did not fit above."""
    lines = [
        "Indholdsfortegnelse Til efterretning - for åbne døre...i 89. Til",
        "efterretning - Kvartalsrapport pr vedr. kommunens samlede budget...i",
        "90. Til efterretning - Dallund Slot...ii Til behandling - for åbne",
        "døre...iii 91. Klage over afgørelse i Folkeoplysningsudvalg...iii 92.",
        "Henvendelse fra et medlem af kommunalbestyrelsen om trafik...iv 93.",
        "Årsberetning og regnskab v 94. Tillægsbevilling - Kvartalsrapport...vi",
    ]
    blocks = parse_text("\n".join(lines)).blocks
    assert len(blocks) == 1
