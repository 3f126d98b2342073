"""The layout zoo (issue 9, part 4): a rendering must not change what kitar extracts.

Each zoo document (the generator's meetings; the KL sample agenda and the eval set's web
texts when present) is rendered in every layout of `kitar.demo.zoo.LAYOUTS`, as a reportlab
PDF, as a Word file printed to PDF by LibreOffice (skipped without `soffice`) and as that Word
file itself (read by the DOCX reader: the letterhead in its page header, typed bullets, a
text with its own line breaks pasted in as one paragraph per line), parsed the
way `kitar parse` parses it and scored with the eval scorer. A rendering must score at least
what its source text scores, metric by metric (a generated meeting: 1.0 on its answer key).
A few documents × layouts run in `make test`; the whole zoo is `slow` (`make test-all`).
Renderings are cached in pytest's cache directory by content hash (`tests/layout_zoo.py`).
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from kitar.config import samples_dir
from kitar.demo.render_docx import soffice
from kitar.demo.zoo import LAYOUT_BY_NAME, LAYOUTS, is_item_heading
from tests.layout_zoo import KL_NAME, Zoo, all_docs, fmt_metrics, shortfall, web_names
from tests.zoo_known import KNOWN_SHORT

DOCS = {doc.name: doc for doc in all_docs()}
FORMATS = ("pdf", "docx", "word")
_SLAGELSE = "slagelse_oekonomiudvalget_2018-10-01_referat"
_ROSKILDE = "roskilde_kultur-og-idraetsudvalget_2019-04-03_referat"
# What `make test` runs: one generated meeting in every layout, one Word print, two eval texts
# (and the KL agenda at 1.5 spacing below); everything else is `slow`.
FAST = {("gen-committee-minutes", layout.name, "pdf") for layout in LAYOUTS} | {
    ("gen-kl-agenda", "sans-2.0-bold-case", "pdf"),
    ("gen-committee-agenda", "serif-1.15-bold-title", "docx"),
    ("gen-kl-agenda", "sans-1.0-bold", "word"),
    ("kl-agenda-printed", "serif-1.0-plain", "word"),
    (_SLAGELSE, "sans-1.0-bold", "pdf"),
    (_ROSKILDE, "sans-1.5-plain-case", "pdf"),
}


def _params() -> list:
    out = []
    for name in DOCS:
        for layout in LAYOUTS:
            for fmt in FORMATS:
                ref = (name, layout.name, fmt)
                marks = [] if ref in FAST else [pytest.mark.slow]
                if ref in KNOWN_SHORT:
                    # measured on today's parser: see tests/zoo_known.py
                    reason = f"still short of its source; measured {KNOWN_SHORT[ref]}"
                    marks.append(pytest.mark.xfail(strict=False, reason=reason))
                out.append(pytest.param(*ref, marks=marks, id="-".join(ref)))
    return out


@pytest.fixture(scope="session")
def zoo(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Zoo:
    cache = getattr(request.config, "cache", None)
    root = cache.mkdir("kitar-layout-zoo") if cache else tmp_path_factory.mktemp("zoo")
    # LibreOffice starts in seconds: when the whole zoo runs, print a document's layouts at once
    whole = "not slow" not in (request.config.getoption("markexpr", "") or "")
    return Zoo(Path(root), batch_docx=whole)


@pytest.mark.parametrize(("name", "layout", "fmt"), _params())
def test_rendering_parses_like_its_source(zoo: Zoo, name: str, layout: str, fmt: str) -> None:
    if fmt == "docx" and soffice() is None:
        pytest.skip("LibreOffice (soffice) not installed")
    doc = DOCS[name]
    got = zoo.score(doc, LAYOUT_BY_NAME[layout], fmt)
    want = zoo.baseline(doc)
    assert shortfall(got, want) == {}, f"{fmt_metrics(got)} | source {fmt_metrics(want)}"


# ---- the renderer itself (fictitious meetings only) -------------------------------------------


def test_layouts_cover_every_axis() -> None:
    assert len(LAYOUTS) >= 6
    assert {lay.pdf.spacing for lay in LAYOUTS} >= {1.0, 1.15, 1.5, 2.0}
    assert {lay.pdf.font for lay in LAYOUTS} >= {"Times-Roman", "Helvetica"}
    assert {lay.pdf.heading_bold for lay in LAYOUTS} == {True, False}
    assert {lay.header for lay in LAYOUTS} == {"none", "title", "case"}
    assert {lay.docx.font for lay in LAYOUTS} == {"Arial", "Times New Roman"}


@pytest.mark.parametrize(
    ("text", "number", "title", "heading"),
    [
        ("3. Renovering af Lindevej Skole", "3", "Renovering af Lindevej Skole", True),
        ("Pkt. 42 Meddelelser fra formanden", "42", "Meddelelser fra formanden", True),
        ("• 5 Budget 2022 – LUKKET PUNKT", "5", "Budget 2022", True),
        ("3. Renovering af Lindevej Skole", "4", "Renovering af Lindevej Skole", False),
        ("3. marts 2021 blev planen godkendt", "3", "Renovering af Lindevej Skole", False),
        ("33. Renovering af Lindevej Skole", "3", "Renovering af Lindevej Skole", False),
    ],
)
def test_item_heading_lines_are_known_from_the_answer_key(
    text: str, number: str, title: str, heading: bool
) -> None:
    assert is_item_heading(text, number, title) is heading


def _page_tops(path: Path) -> list[str]:
    from kitar.read.pdf import read_pages

    return [min(p.lines, key=lambda ln: ln.top).text for p in read_pages(path)]


def test_case_number_running_header_follows_the_item(tmp_path: Path) -> None:
    zoo = Zoo(tmp_path)
    doc, layout = DOCS["gen-committee-agenda"], LAYOUT_BY_NAME["sans-1.5-plain-case"]
    zoo.render([(doc, layout, "pdf")])
    tops = _page_tops(zoo.path(doc, layout, "pdf"))
    order = [case for _ref, case in sorted(doc.source.cases.items())]
    assert len(order) >= 5
    shown = [next((n for n, case in enumerate(order) if case in top), None) for top in tops]
    # every page after the cover carries the current item's case number, in item order
    assert None not in shown[1:], tops
    assert shown[1:] == sorted(shown[1:]) and len(set(shown)) >= len(order) // 2


def test_line_spacing_is_what_the_layout_says(tmp_path: Path) -> None:
    from kitar.read.pdf import read_pages

    doc = DOCS["gen-committee-minutes"]
    zoo = Zoo(tmp_path)
    gaps = {}
    for name in ("sans-1.0-bold", "sans-2.0-bold-case"):
        zoo.render([(doc, LAYOUT_BY_NAME[name], "pdf")])
        lines = read_pages(zoo.path(doc, LAYOUT_BY_NAME[name], "pdf"))[1].lines
        steps = sorted(round(b.top - a.top, 1) for a, b in itertools.pairwise(lines))
        gaps[name] = steps[len(steps) // 4]  # a typical step inside a paragraph
    # 10 pt at single spacing vs 11 pt at double: 11.5 vs 25.3 points from line to line
    assert gaps["sans-1.0-bold"] == pytest.approx(10 * 1.15, abs=0.2)
    assert gaps["sans-2.0-bold-case"] == pytest.approx(11 * 1.15 * 2, abs=0.3)


def test_renderings_are_cached_by_content(tmp_path: Path) -> None:
    doc = DOCS["gen-kl-agenda"]
    layout = LAYOUT_BY_NAME["serif-1.0-plain"]
    zoo = Zoo(tmp_path)
    zoo.render([(doc, layout, "pdf")])
    path = zoo.path(doc, layout, "pdf")
    stamp = path.stat().st_mtime_ns
    Zoo(tmp_path).render([(doc, layout, "pdf")])  # a new session: the same file serves
    assert path.stat().st_mtime_ns == stamp
    other = DOCS["gen-kl-minutes"]
    assert zoo.path(other, layout, "pdf") != path


@pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) not installed")
def test_word_rendering_starts_a_section_per_item_with_its_case_number(tmp_path: Path) -> None:
    from kitar.read.docx import open_docx

    doc = DOCS["gen-committee-minutes"]
    layout = LAYOUT_BY_NAME["sans-2.0-bold-case"]
    out = tmp_path / "r.docx"
    from kitar.demo.zoo import render

    render(doc.source, layout, "docx", out)
    word = open_docx(out)
    headers = [s.header.paragraphs[0].text for s in word.sections]
    cases = [case for _ref, case in sorted(doc.source.cases.items())]
    assert len(cases) >= 5
    assert [h.rsplit(" · ", 1)[-1] for h in headers[1:]] == cases  # the cover has none


# ---- the KL agenda at 1.5 line spacing (the named failure) ----------------------------


@pytest.fixture(scope="module")
def kl_present() -> None:
    if not (samples_dir() / f"{KL_NAME}.txt").exists():
        pytest.skip("KL sample agenda not found (set KITAR_SAMPLES)")


# The Word print gave subitems F1 0.50 before the evidence-based parser (issue 9); it passes.
@pytest.mark.parametrize("fmt", ["pdf", pytest.param("docx", marks=[pytest.mark.slow])])
def test_kl_agenda_at_15_spacing_scores_f1_1(
    zoo: Zoo, kl_present: None, kl_expected: dict, fmt: str
) -> None:
    """The KL agenda set at 1.5 lines (from its paragraphs): F1 1.0 on every field."""
    if fmt == "docx" and soffice() is None:
        pytest.skip("LibreOffice (soffice) not installed")
    from kitar.ingest.pipeline import parse_file
    from kitar.parse.evaluate import evaluate

    doc, layout = DOCS["kl-agenda"], LAYOUT_BY_NAME["sans-1.5-bold"]
    zoo.render([(doc, layout, fmt)])
    ev = evaluate(parse_file(zoo.path(doc, layout, fmt)), kl_expected)
    assert {s.name: s.f1 for s in ev.scores if s.f1 < 1.0} == {}, ev.differences
    assert all(ev.meeting_fields.values()), ev.differences


# Before the evidence-based parser (pdf, eval scorer): items 0.82, recs 0.18, meeting 0.25,
# presenters 0.65, annexes 0.75; after it: items 0.82, recs 0.50, meeting 0.25, presenters 0.59.
# With the reader's rules for text printed with its own line breaks: F1 1.0 on every field.
@pytest.mark.slow
def test_kl_agenda_text_printed_at_15_spacing_scores_f1_1(
    zoo: Zoo, kl_present: None, kl_expected: dict
) -> None:
    """The KL text file printed as it is (every line its own paragraph) at 1.5 lines."""
    from kitar.ingest.pipeline import parse_file
    from kitar.parse.evaluate import evaluate

    doc, layout = DOCS["kl-agenda-printed"], LAYOUT_BY_NAME["sans-1.5-bold"]
    zoo.render([(doc, layout, "pdf")])
    ev = evaluate(parse_file(zoo.path(doc, layout, "pdf")), kl_expected)
    assert {s.name: s.f1 for s in ev.scores if s.f1 < 1.0} == {}, ev.differences
    assert all(ev.meeting_fields.values()), ev.differences


def test_zoo_holds_the_eval_texts_when_present() -> None:
    assert set(web_names()) <= set(DOCS)
