"""The fictitious demo generator: determinism, invented names, answer-key structure, rendering."""

from __future__ import annotations

import json
import re
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kitar.demo import vocab
from kitar.demo.content import generate, iter_meetings
from kitar.demo.generate import generate_corpus, main
from kitar.demo.layout import expected_body
from kitar.demo.linebreak import break_lines, hyphen_splits
from kitar.demo.render_pdf import render_parts
from kitar.demo.render_text import render_text_parts
from kitar.parse.serialize import meeting_from_dict, meeting_to_dict

SEEDS = range(1, 9)


def _all_text(seed: int) -> str:
    """Everything a generated meeting shows: body text, letterhead and answer key."""
    chunks = []
    for style in ("kl", "committee"):
        for kind in ("agenda", "minutes"):
            doc = generate(seed, style, kind)  # type: ignore[arg-type]
            chunks.append(doc.body_text())
            chunks.append(doc.header or "")
            for part in doc.parts:
                chunks.extend((part.sidebar or {}).values())
            chunks.append(json.dumps(doc.answer_key(), ensure_ascii=False))
    return "\n".join(chunks)


# ---- determinism ---------------------------------------------------------------------------


def test_same_seed_same_bytes(tmp_path: Path) -> None:
    a = generate_corpus(tmp_path / "a", 3, 7)
    b = generate_corpus(tmp_path / "b", 3, 7)
    assert [p.name for p in a] == [p.name for p in b]
    for pa, pb in zip(a, b, strict=True):
        assert pa.read_bytes() == pb.read_bytes(), pa.name
        key = pa.with_name(pa.stem + ".expected.json")
        assert key.read_bytes() == (pb.parent / key.name).read_bytes()


def test_other_seed_other_meeting() -> None:
    assert generate(1).answer_key() != generate(2).answer_key()


def test_agenda_and_minutes_share_items() -> None:
    agenda, minutes = generate(5, "kl", "agenda"), generate(5, "kl", "minutes")
    for a, m in zip(agenda.meeting.items, minutes.meeting.items, strict=True):
        assert (a.number, a.title, a.presenters, a.recommendations) == (
            m.number,
            m.title,
            m.presenters,
            m.recommendations,
        )
        assert a.decisions == []
    assert any(m.decisions for m in minutes.meeting.items)


# ---- fictitious ----------------------------------------------------------------------------


def _sample_names(samples: Path) -> set[str]:
    expected = json.loads(
        (samples / "kl-itarkitekturraad-2016-08-29-agenda.expected.json").read_text()
    )
    names: set[str] = set()
    for item in expected["items"]:
        for holder in (item, *item.get("subitems", [])):
            names.update(p["name"] for p in holder.get("presenters", []))
    return names


def test_no_real_names(samples: Path) -> None:
    names = _sample_names(samples)
    assert len(names) >= 10  # the key really lists people
    surnames = {n.split()[-1] for n in names}
    text = "\n".join(_all_text(seed) for seed in SEEDS)
    for name in names:
        assert name not in text
    for surname in surnames:
        assert not re.search(rf"\b{re.escape(surname)}\b", text), surname


def test_vocabulary_avoids_real_surnames(samples: Path) -> None:
    surnames = {n.split()[-1] for n in _sample_names(samples)}
    assert not surnames & set(vocab.SURNAMES + vocab.MIDDLE_NAMES + vocab.FIRST_NAMES)


# ---- the answer key ------------------------------------------------------------------------


@pytest.mark.parametrize("seed", SEEDS)
def test_answer_key_structure(seed: int) -> None:
    for style in ("kl", "committee"):
        key = generate(seed, style, "minutes").answer_key()  # type: ignore[arg-type]
        assert key["schema"] == "kitar.meeting/1"
        assert set(key) == {"schema", "source", "meeting", "items", "warnings", "followups"}
        assert all(f["owner"] and f["action"] for f in key.pop("followups"))
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", key["meeting"]["date"])
        items = key["items"]
        assert [i["number"] for i in items] == [str(n) for n in range(1, len(items) + 1)]
        assert items[-1]["title"] in ("Evt.", "Eventuelt")
        closed = [i for i in items if i["closed"]]
        assert len(closed) == 1
        assert "LUKKET" not in closed[0]["title"] and "Lukket" not in closed[0]["title"]
        assert sum(1 for i in items if len(i["subitems"]) >= 2) == 1
        everything = items + [s for i in items for s in i["subitems"]]
        for item in everything:
            for rec in item["recommendations"]:
                assert not rec.startswith("Det indstilles") and not rec.endswith((".", ","))
        numbers = [a["number"] for i in everything for a in i["annexes"]]
        assert sorted(numbers) == list(range(1, len(numbers) + 1))
        assert meeting_to_dict(meeting_from_dict(key)) == key


def test_kl_key_has_council_shapes() -> None:
    doc = generate(7, "kl", "agenda")
    key = doc.answer_key()
    meeting = key["meeting"]
    assert meeting["body"] == vocab.COUNCIL
    assert re.fullmatch(r"SAG-\d{4}-\d{5}", meeting["case_id"])
    assert meeting["doc_id"].isdigit()
    first = key["items"][0]
    assert first["title"] == "Velkommen og siden sidst"
    assert first["presenters"][0]["role"] and first["presenters"][0]["organisation"] is None
    assert first["presenters"][1]["organisation"] == "KL"
    assert doc.parts[0].sidebar and doc.parts[0].sidebar["Sags ID"] == meeting["case_id"]


def test_committee_minutes_decisions_are_dated() -> None:
    key = generate(3, "committee", "minutes").answer_key()
    dated = [d for i in key["items"] for d in i["decisions"] if d["date"]]
    assert dated and all(d["body"] for d in dated)
    assert all(d["date"] <= key["meeting"]["date"] for d in dated)
    for item in key["items"]:
        if item["decisions"]:
            assert item["decision"] == item["decisions"][-1]["text"]


def test_text_covers_the_features() -> None:
    text = "\n".join(_all_text(seed) for seed in SEEDS)
    for needle in (
        "1. Velkommen og siden sidst",
        "Det indstilles, at:",
        "Det indstilles, at It-Arkitekturrådet ",
        " - FORTROLIGT",
        "– LUKKET PUNKT",
        "(Lukket punkt)",
        "Høringssager:",
        "Beslutning i ",
        "s beslutning den ",
        "taget til efterretning",
        "Godkendt med den bemærkning",
        "på næste møde",
        "Børne- og Ungeudvalget",
        "digitaliseringsstrategi",
        "sikkerhedsarkitektur",
        "brugerportalsinitiativet",
        "it-arkitekter",
        "CPR-nummer",
        "EU-udbud",
        "e-handel",
        "2030-fremskrivning",
        "Fraværende: ",
    ):
        assert needle in text, needle
    assert re.search(r"v\. [^,\n]+, KL og [^,\n]+ og [^,\n]+, \w+", text)
    assert re.search(r"senest den \d{1,2}\. \w+ \d{4}", text)


# ---- line breaking -------------------------------------------------------------------------


def test_hyphen_policy() -> None:
    assert ("digitaliserings-", "strategi.") in hyphen_splits("digitaliseringsstrategi.")
    assert hyphen_splits("it-arkitekter") == (("it-", "arkitekter"),)
    assert hyphen_splits("CPR-nummer,") == (("CPR-", "nummer,"),)
    assert hyphen_splits("2030-fremskrivning") == (("2030-", "fremskrivning"),)
    assert hyphen_splits("e-handelssystem") == (("e-", "handelssystem"),)
    assert hyphen_splits("KOMBIT") == ()
    assert hyphen_splits("Børne-") == ()
    assert all(len(left) >= 4 for left, _ in hyphen_splits("sikkerhedsarkitektur"))


def _rejoin(lines: list[str], words: set[str]) -> str:
    """Undo break_lines: an added line-end hyphen goes, a spelled one stays."""
    out = lines[0]
    for line in lines[1:]:
        first = line.split(" ", 1)[0]
        last = out.rsplit(" ", 1)[-1]
        if not out.endswith("-") or last == "-" or first in ("og", "eller"):
            out += " " + line  # "Børne- og Ungeudvalget" keeps its space
        elif last + first in words:
            out += line  # "it-" + "arkitekter"
        else:
            out = out[:-1] + line  # "digitaliserings-" + "strategi"
    return out


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.sampled_from(vocab.SENTENCES + vocab.COMMITTEE_SENTENCES), min_size=1, max_size=4),
    st.integers(min_value=18, max_value=70),
)
def test_break_lines_roundtrip(sentences: list[str], width: int) -> None:
    text = " ".join(s.format(org="KL", subject="planen", month="maj", year=2020, next_year=2021)
                    for s in sentences)  # fmt: skip
    lines = break_lines(text, width, len)
    longest_word = max(len(w) for w in text.split())
    assert all(len(line) <= max(width, longest_word + 2) for line in lines)
    assert not any(line.startswith(("–", "- ")) for line in lines)
    assert _rejoin(lines, set(text.split())) == text


# ---- rendering -----------------------------------------------------------------------------


def test_pdf_layout(tmp_path: Path) -> None:
    from kitar.read.pdf import read_pages

    doc = generate(7, "kl", "agenda")
    result = render_parts(doc.parts, tmp_path / "a.pdf", header=doc.header, title=doc.title)
    pages = read_pages(result.path)
    assert len(pages) == result.pages >= 5
    texts = [[ln.text for ln in p.lines] for p in pages]
    for number, lines in enumerate(texts, start=1):
        assert any(f"Side {number} af {len(pages)}" in t for t in lines)
    sidebar_pages = [n for n, lines in enumerate(texts, 1) if any("Sags ID:" in t for t in lines)]
    assert sidebar_pages[0] == 1 and len(sidebar_pages) <= 2
    fonts = {w.fontname for p in pages for ln in p.lines for w in ln.words}
    assert any("Symbol" in f for f in fonts) and any("Bold" in f for f in fonts)
    heads = [ln for p in pages for ln in p.lines if ln.text.startswith("2. ")]
    assert heads and heads[0].bold
    assert any(t.rstrip().endswith("-") for lines in texts for t in lines)  # hyphenated


def test_pdf_members_in_two_columns(tmp_path: Path) -> None:
    from kitar.read.pdf import read_pages

    doc = generate(7, "committee", "minutes")
    attendees = doc.meeting.meeting.attendees
    result = render_parts(doc.parts, tmp_path / "m.pdf", header=doc.header)
    words = [w for ln in read_pages(result.path, [1])[0].lines for w in ln.words]

    def start(name: str) -> tuple[float, float]:
        first, second = name.split()[:2]
        for a, b in pairwise(words):
            if (a.text, b.text) == (first, second):
                return a.x0, a.top
        raise AssertionError(name)

    half = (len(attendees) + 1) // 2
    (lx, ltop), (rx, rtop) = start(attendees[0]), start(attendees[half])
    assert rx > lx + 100 and abs(rtop - ltop) < 1  # the second column, on the same row
    assert "\n- " + "\n- ".join(attendees) + "\n" in doc.body_text()  # read left column first


def test_pdf_refuses_glyphs_helvetica_lacks(tmp_path: Path) -> None:
    from kitar.demo.render_pdf import render_blocks
    from kitar.model import Block

    with pytest.raises(ValueError, match="U\\+2192"):
        render_blocks([Block("paragraph", "Pil → her", 1)], tmp_path / "x.pdf")
    danish = Block("paragraph", "Æble, øl og å – ”citat” ’x’ € ½", 1)
    assert render_blocks([danish], tmp_path / "y.pdf").exists()


def test_item_pages_filled(tmp_path: Path) -> None:
    doc = generate(4, "kl", "agenda")
    result = render_parts(doc.parts, tmp_path / "a.pdf")
    doc.set_pages(result.block_pages, result.pages)
    pages = [i.page for i in doc.meeting.items]
    assert all(p is not None for p in pages) and pages == sorted(pages)  # type: ignore[type-var]
    assert doc.meeting.source.pages == result.pages


def test_text_rendering(tmp_path: Path) -> None:
    doc = generate(7, "kl", "agenda")
    result = render_text_parts(doc.parts, tmp_path / "a.txt")
    text = result.path.read_text(encoding="utf-8")
    assert "\uf0b7 " in text or "- " in text
    assert "\nSags ID: " in text and "\nNOTAT " in text
    assert re.search(r"^ 1\. Velkommen og siden sidst $", text, re.M)
    assert re.search(r"\w-\n", text)  # line-end hyphens
    assert result.pages >= 5


def test_cli_writes_the_corpus(tmp_path: Path) -> None:
    assert main(["--out", str(tmp_path), "--count", "3", "--seed", "7"]) == 0
    names = {p.name for p in tmp_path.iterdir()}
    assert {"agenda-01.pdf", "minutes-01.pdf", "agenda-03.pdf", "agenda-txt-01.txt"} <= names
    assert "minutes-03.pdf" not in names  # not every agenda has minutes
    key = json.loads((tmp_path / "agenda-01.expected.json").read_text())
    assert key["source"]["path"] == "agenda-01.pdf" and key["source"]["pages"] >= 1
    assert len(key["source"]["sha256"]) == 64
    assert (
        json.loads((tmp_path / "agenda-txt-01.expected.json").read_text())["source"]["format"]
        == "txt"
    )


def test_expected_body_formats_lists() -> None:
    doc = generate(2, "kl", "agenda")
    body = expected_body(doc.parts)
    assert "\n- " in body and "\n\n\n" not in body
    assert body.endswith("\n") and not body.startswith("\n")


# ---- bulk meetings -------------------------------------------------------------------------


def test_iter_meetings_counts_and_fills() -> None:
    meetings = list(iter_meetings(1000, seed=3))
    assert sum(len(m.items) for m in meetings) == 1000
    assert len({m.source.sha256 for m in meetings}) == len(meetings)
    item = meetings[0].items[0]
    assert item.title and item.presenters and item.recommendations and item.sections
    assert any(m.meeting.kind == "minutes" and m.items[0].decisions for m in meetings)
    again = list(iter_meetings(1000, seed=3))
    assert [meeting_to_dict(m) for m in again[:3]] == [meeting_to_dict(m) for m in meetings[:3]]
