"""Reflow of blocks, documents and the body text `kitar reflow` prints; the real KL sample."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from kitar.model import Block, Document
from kitar.read.txt import read_txt
from kitar.text import hyphen
from kitar.text.reflow import reflow_document, reflow_text, render_body

PUA = re.compile("[\ue000-\uf8ff]")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("den digi-\ntaliseringsstrategi er", "den digitaliseringsstrategi er"),
        ("gennem e-\nhandel", "gennem e-handel"),
        ("Børne-\nog Ungeudvalget", "Børne- og Ungeudvalget"),
        ("bruger-\nog adgangsstyring", "bruger- og adgangsstyring"),
        ("Høringssvar -\nFLIS", "Høringssvar - FLIS"),  # a dash after a space is punctuation
        ("første linje\n\n  anden linje  ", "første linje anden linje"),
        ("\uf0b7 punkt med tekst", "punkt med tekst"),
        ("(cid:127) punkt", "punkt"),
        ("en  linje\tmed   mellemrum", "en linje med mellemrum"),
        ("2030-\nfremskrivning", "2030-fremskrivning"),
        ("", ""),
    ],
)
def test_reflow_text(raw: str, expected: str) -> None:
    assert reflow_text(raw) == expected


def test_reflow_text_uses_the_document_vocabulary() -> None:
    assert reflow_text("Ekso-\nBit") == "Ekso-Bit"  # rule: a capital after the hyphen
    assert reflow_text("Ekso-\nBit", vocab=Counter({"eksobit": 2})) == "EksoBit"


def test_reflow_text_is_idempotent_on_an_example() -> None:
    once = reflow_text("udbre-\ndelse af en\nlæringsplatform")
    assert once == "udbredelse af en læringsplatform"
    assert reflow_text(once) == once


def _doc() -> Document:
    return Document(
        path="x.txt",
        format="txt",
        pages=2,
        blocks=[
            Block("heading", "1. Godkendelse af dagsorden", 1, level=1),
            Block("paragraph", "Udvalget skal god-\nkende dagsordenen.", 1),
            Block("list_item", "første\npunkt", 2, marker="\uf0b7"),
            Block("list_item", "underpunkt", 2, level=1, marker="o"),
            Block("list_item", "Fælles arkitekturstyring", 2, marker="1."),
            Block("paragraph", "  \n ", 2),
            Block("paragraph", "Sidste afsnit om e-handel.", 2),
        ],
    )


def test_reflow_document() -> None:
    doc = _doc()
    out = reflow_document(doc)
    assert out is not doc and doc.blocks[1].text == "Udvalget skal god-\nkende dagsordenen."
    assert [b.text for b in out.blocks] == [
        "1. Godkendelse af dagsorden",
        "Udvalget skal godkende dagsordenen.",
        "første punkt",
        "underpunkt",
        "Fælles arkitekturstyring",
        "Sidste afsnit om e-handel.",
    ]
    assert out.page_texts == [
        "1. Godkendelse af dagsorden\nUdvalget skal godkende dagsordenen.",
        "første punkt\nunderpunkt\nFælles arkitekturstyring\nSidste afsnit om e-handel.",
    ]
    assert out.blocks[2].marker == "\uf0b7" and out.blocks[3].level == 1


def test_render_body() -> None:
    body = render_body(reflow_document(_doc()))
    assert body == (
        "1. Godkendelse af dagsorden\n\n"
        "Udvalget skal godkende dagsordenen.\n\n"
        "- første punkt\n"
        "  - underpunkt\n"
        "1. Fælles arkitekturstyring\n\n"
        "Sidste afsnit om e-handel.\n"
    )


def test_render_body_reflows_unreflowed_blocks() -> None:
    doc = Document("x", "txt", 1, [Block("paragraph", "en lin-\nje", 1)])
    assert render_body(doc) == "en linje\n"
    assert render_body(Document("x", "txt", 0)) == ""


# ---- the real KL agenda text ---------------------------------------------------------


@pytest.fixture(scope="module")
def kl_reflowed(kl_agenda_txt: Path) -> Document:
    return reflow_document(read_txt(kl_agenda_txt))


@pytest.mark.samples
def test_kl_all_line_end_hyphens_resolved(
    kl_agenda_txt: Path, kl_expected: dict, kl_reflowed: Document
) -> None:
    body = "\n".join(b.text for b in kl_reflowed.blocks)
    keep = {w.lower() for w in kl_expected["hyphen_keep"]}
    cases = hyphen.line_end_cases(kl_agenda_txt.read_text(encoding="utf-8"))
    assert len(cases) == 177
    wrong = []
    for left, right in cases:
        lcore, rcore = hyphen._core(left, right)
        split_form = f"{lcore}-{rcore}"
        if split_form.lower() in keep:
            ok = split_form in body
        else:
            ok = lcore + rcore in body and not re.search(
                rf"(?<![\w-]){re.escape(split_form)}", body
            )
        if not ok:
            wrong.append(split_form)
    assert wrong == []


@pytest.mark.samples
def test_kl_words_whole_and_sidebar_gone(kl_expected: dict, kl_reflowed: Document) -> None:
    body = render_body(kl_reflowed)
    words = set(re.findall(r"\w+(?:-\w+)*", body))
    assert [w for w in kl_expected["reflow_words"] if w not in words] == []
    assert [s for s in kl_expected["must_not_appear_in_item_text"] if s in body] == []
    assert "e-handel" in body and "step-up-modellen" in body


@pytest.mark.samples
def test_kl_bullets_and_private_use(kl_agenda_txt: Path, kl_reflowed: Document) -> None:
    raw = kl_agenda_txt.read_text(encoding="utf-8")
    glyphs = ("\uf0b7", "\uf0a7", "\uf0d8")
    glyph_bullets = sum(1 for ln in raw.splitlines() if ln.strip()[:1] in glyphs)
    items = [b for b in kl_reflowed.blocks if b.kind == "list_item"]
    assert glyph_bullets > 30
    assert sum(1 for b in items if b.marker in glyphs) == glyph_bullets
    assert {b.level for b in items if b.marker == "\uf0a7"} == {1}
    assert not any(PUA.search(b.text) for b in kl_reflowed.blocks)
    assert not PUA.search(render_body(kl_reflowed))
    assert not any(PUA.search(t) for t in kl_reflowed.page_texts)


@pytest.mark.samples
def test_kl_page_texts(kl_reflowed: Document) -> None:
    assert kl_reflowed.pages == 22 and len(kl_reflowed.page_texts) == 22
    assert "digitaliseringsstrategi" in kl_reflowed.page_texts[2]
    assert kl_reflowed.page_texts[21].startswith("11. Evt.")


def test_a_dash_line_does_not_continue_a_hyphenated_word() -> None:
    # Found by hypothesis: "0A-" / "-" / "0" used to lose both hyphens.
    from kitar.text.reflow import reflow_text

    out = reflow_text("0A-\n -\n0\n")
    assert out.count("-") >= 1 and out.replace("-", "").replace(" ", "") == "0A0"
