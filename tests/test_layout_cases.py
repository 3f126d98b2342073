"""Generated cases of each failure issue 9 names on one real file, so that each rule is tested as
a kind: fictitious documents from `kitar.demo.cases` (and the zoo for the KL-like agenda at 1.5
line spacing), parsed as `kitar parse` parses them and scored with the eval scorer."""

from __future__ import annotations

from pathlib import Path

import pytest

from kitar.demo.cases import deciding_body_minutes, paged_agenda_text, signature_page_minutes
from kitar.demo.render_pdf import render_parts
from kitar.demo.zoo import LAYOUT_BY_NAME, generated_source, printed_text_source, render
from kitar.ingest.eval_set import meeting_dict
from kitar.ingest.pipeline import parse_file
from kitar.parse.answer_key import score_answer_key

SEEDS = (1, 2)


def _all_ones(metrics: dict[str, float]) -> dict[str, float]:
    return {k: v for k, v in metrics.items() if v < 1.0}


# ---- a plain-text agenda, each item on its own page under a running header --------------------


def test_paged_agenda_text_has_what_the_key_says() -> None:
    text, key = paged_agenda_text(1, "punkt")
    pages = text.split("\f")
    assert len(pages) == len(key["items"]) + 1
    header = pages[0].splitlines()[0]
    assert all(p.splitlines()[0] == header for p in pages)  # the running header
    for page, item in zip(pages[1:], key["items"], strict=True):
        assert f"Punkt {item['number']}\n{item['title']}" in page
        assert f"Sagsnr.: {item['case_id']}" in page


# Before the evidence-based parser (issue 9), seeds 1 and 2, both forms: items 0.00, recs 0.00,
# case_ids 0.00. `Punkt N` over its title is an item heading whose title is the next line, also
# when that title starts like a section heading ("Høring om ny skolestruktur").
@pytest.mark.parametrize("form", ["punkt", "numbered"])
@pytest.mark.parametrize("seed", SEEDS)
def test_paged_agenda_keeps_item_headings_and_case_lines(
    tmp_path: Path, seed: int, form: str
) -> None:
    text, key = paged_agenda_text(seed, form)  # type: ignore[arg-type]
    path = tmp_path / "dagsorden.txt"
    path.write_text(text, encoding="utf-8")
    metrics = score_answer_key(key, meeting_dict(path)).metrics
    assert _all_ones(metrics) == {}, metrics


# ---- minutes with a `Beslutningen træffes af` section in items 2-8 -------------------------------


def _render(parts: list, tmp_path: Path, name: str) -> Path:
    return render_parts(parts, tmp_path / name, header=None).path


# Passes on today's parser (seeds 1 and 2): this layout does not reproduce the real file's
# failure, which needs its reader geometry; it holds the kind against regressions.
@pytest.mark.parametrize("seed", SEEDS)
def test_deciding_body_section_is_not_a_subitem(tmp_path: Path, seed: int) -> None:
    parts, key = deciding_body_minutes(seed)
    meeting = parse_file(_render(parts, tmp_path, "referat.pdf"))
    subtitles = [s.title for item in meeting.items for s in item.subitems]
    assert not any("træffes af" in t for t in subtitles), subtitles
    assert [i.number for i in meeting.items] == [str(n) for n in range(1, 9)]
    for item in meeting.items[1:]:
        assert item.recommendations, item.number  # items 2-8 keep their recommendations
    metrics = score_answer_key(key, meeting_dict(tmp_path / "referat.pdf")).metrics
    assert _all_ones(metrics) == {}, metrics


# ---- minutes ending with a signature page -----------------------------------------------------


@pytest.mark.parametrize("seed", SEEDS)
def test_signature_page_is_not_a_subitem(tmp_path: Path, seed: int) -> None:
    parts, key = signature_page_minutes(seed)
    meeting = parse_file(_render(parts, tmp_path, "referat.pdf"))
    assert [i.number for i in meeting.items] == [i["number"] for i in key["items"]]
    subtitles = [s.title for item in meeting.items for s in item.subitems]
    assert "Underskriftsside" not in " ".join(subtitles), subtitles
    metrics = score_answer_key(key, meeting_dict(tmp_path / "referat.pdf")).metrics
    assert _all_ones(metrics) == {}, metrics


# ---- a KL-like agenda printed with 1.5 line spacing --------------------------------------------


def _kl_like_text(tmp_path: Path, seed: int) -> tuple[str, dict]:
    from kitar.demo.generate import write_text

    source = generated_source(seed, "kl", "agenda")
    from kitar.demo.content import generate

    path = write_text(generate(seed, "kl", "agenda"), tmp_path / "agenda.txt", seed)
    return path.read_text(encoding="utf-8"), source.key


@pytest.mark.parametrize("seed", SEEDS)
def test_kl_like_agenda_from_paragraphs_at_15_spacing(tmp_path: Path, seed: int) -> None:
    source = generated_source(seed, "kl", "agenda")
    pdf = render(source, LAYOUT_BY_NAME["sans-1.5-bold"], "pdf", tmp_path / "agenda.pdf")
    metrics = score_answer_key(source.key, meeting_dict(pdf)).metrics
    assert _all_ones(metrics) == {}, metrics


# Before the reader measured text printed with its own line breaks (issue 9): seed 1 recs 0.40,
# presenters 0.86; seed 2 recs 0.44, presenters 0.86; the KL sample's text printed the same way
# items 0.82, recs 0.18, meeting 0.25. Now 1.00 on every field, like the text file.
@pytest.mark.parametrize("seed", SEEDS)
def test_kl_like_agenda_text_printed_at_15_spacing(tmp_path: Path, seed: int) -> None:
    """The extracted-text layout printed as it is: every line its own paragraph at 1.5 lines,
    so a title or clause broken over two lines (`… digi-` / `taliseringsstrategi`) must join."""
    text, key = _kl_like_text(tmp_path, seed)
    source = printed_text_source(text, key, "kl-like-printed")
    pdf = render(source, LAYOUT_BY_NAME["sans-1.5-bold"], "pdf", tmp_path / "printed.pdf")
    metrics = score_answer_key(key, meeting_dict(pdf)).metrics
    assert _all_ones(metrics) == {}, metrics
