"""The web-page reader: structure from markup, site chrome left out, same model as the others."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kitar.cli.app import app
from kitar.config import samples_dir
from kitar.demo.content import generate
from kitar.demo.generate import write_html
from kitar.demo.layout import block_text
from kitar.demo.render_html import SHAPES
from kitar.errors import NothingToExtract, UnsupportedFormat
from kitar.ingest.eval_set import load_answer_key, score_document
from kitar.ingest.pipeline import process_file, read_and_reflow
from kitar.model import Block
from kitar.parse.evaluate import evaluate
from kitar.read.html import parse_html, read_html
from kitar.read.load import read_document, sniff
from tests import html_eval


def _blocks(body: str, head: str = "") -> list[Block]:
    page = f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>"
    return parse_html(page, Path("t.html"))[0]


def _texts(body: str) -> list[str]:
    return [b.text for b in _blocks(body)]


# ---- rules -------------------------------------------------------------------------------


def test_headings_keep_their_levels() -> None:
    blocks = _blocks("<h1>Byrådet</h1><h2>1. Budget</h2><h3>Indstilling</h3><h4>Økonomi</h4>")
    assert [(b.kind, b.level) for b in blocks] == [
        ("heading", 1), ("heading", 2), ("heading", 3), ("heading", 4)
    ]  # fmt: skip


def test_chrome_is_left_out() -> None:
    body = (
        '<div id="CybotCookiebotDialog"><p>Vi bruger cookies</p><button>OK</button></div>'
        '<a class="skip-link" href="#c">Gå til indhold</a>'
        '<header><nav><ul><li><a href="/">Forside</a></li></ul></nav></header>'
        "<script>var x = 'Punkt 1';</script><style>p {color: red}</style>"
        '<div id="c"><h1>Referat</h1><p>Mødet blev holdt.</p></div>'
        "<footer><p>Rådhustorvet 1</p></footer>"
    )
    assert _texts(body) == ["Referat", "Mødet blev holdt."]


def test_outside_main_is_left_out_and_inside_kept() -> None:
    body = (
        '<div class="sidebar"><p>Kontakt os</p></div>'
        "<main><header><h1>Økonomiudvalget</h1></header>"
        '<nav class="punkter"><ol><li><a href="#p1">Budget</a></li></ol></nav>'
        '<h2 id="p1">1. Budget</h2></main><p>Sidst opdateret</p>'
    )
    assert _texts(body) == ["Økonomiudvalget", "Budget", "1. Budget"]


def test_summary_heads_a_section_below_its_heading() -> None:
    body = (
        "<h2>4. Ny skolestruktur</h2>"
        '<details><summary><a class="toggle">fold ud</a> Indstilling</summary>'
        "<p>Direktøren indstiller, at forslaget godkendes.</p></details>"
        "<details open><summary><h2>5. Eventuelt</h2></summary>"
        "<details><summary>Beslutning</summary><p>Intet.</p></details></details>"
    )
    got = [(b.kind, b.level, b.text) for b in _blocks(body)]
    assert got == [
        ("heading", 2, "4. Ny skolestruktur"),
        ("heading", 3, "Indstilling"),
        ("paragraph", 0, "Direktøren indstiller, at forslaget godkendes."),
        ("heading", 2, "5. Eventuelt"),
        ("heading", 3, "Beslutning"),
        ("paragraph", 0, "Intet."),
    ]


def test_toggle_labels_are_dropped_but_folded_content_kept() -> None:
    body = (
        '<div class="punkt"><span class="fold">Fold dette punkt ind</span><h3>Resume</h3>'
        '<div class="indhold" style="display:none" hidden><p>Sagen handler om veje.</p></div>'
        "<p>fold ud</p></div><h3>fold dette punkt ind Sagsfremstilling</h3>"
    )
    assert _texts(body) == ["Resume", "Sagen handler om veje.", "Sagsfremstilling"]


def test_ordered_lists_number_their_items() -> None:
    blocks = _blocks(
        '<ol start="49"><li>Godkendelse af dagsorden</li><li>Budget</li></ol>'
        '<ol type="a"><li>første</li><li value="7">anden</li></ol>'
        "<ul><li>punkt<ul><li>underpunkt</li></ul></li></ul>"
    )
    got = [(b.kind, b.marker, b.level, b.text) for b in blocks]
    assert got == [
        ("list_item", "49.", 0, "Godkendelse af dagsorden"),
        ("list_item", "50.", 0, "Budget"),
        ("list_item", "a.", 0, "første"),
        ("list_item", "g.", 0, "anden"),
        ("list_item", "•", 0, "punkt"),
        ("list_item", "•", 1, "underpunkt"),
    ]


def test_br_ends_a_block_and_bold_is_kept() -> None:
    blocks = _blocks("<p><strong>Sagsnr.: 330-2018-1</strong><br>Dok.nr.: 330-2018-2</p>")
    assert [(b.text, b.bold) for b in blocks] == [
        ("Sagsnr.: 330-2018-1", True),
        ("Dok.nr.: 330-2018-2", False),
    ]


def test_table_cells_and_numbered_rows() -> None:
    blocks = _blocks(
        "<table><tr><th>3.</th><th>Budget 2025</th></tr>"
        "<tr><td>Sagsnr.</td><td>24/1234</td></tr>"
        "<tr><td colspan='2'><p>Sagen forelægges.</p><ul><li>et punkt</li></ul></td></tr></table>"
    )
    got = [(b.kind, b.level, b.marker, b.bold, b.text) for b in blocks]
    assert got == [
        ("table_cell", 1, "3.", True, "Budget 2025"),
        ("table_cell", 0, None, False, "Sagsnr."),
        ("table_cell", 1, None, False, "24/1234"),
        ("paragraph", 0, None, False, "Sagen forelægges."),
        ("list_item", 0, "•", False, "et punkt"),
    ]


def test_in_page_link_lists_are_contents() -> None:
    blocks = _blocks(
        '<ul><li><a href="#p1">1. Budget</a></li><li><a href="#p2">2. Veje</a></li></ul>'
        '<ul><li><a href="/bilag/a.pdf">Bilag 1</a></li><li><a href="/bilag/b.pdf">Bilag 2</a>'
        "</li></ul>"
    )
    assert [b.style for b in blocks] == ["toc 1", "toc 1", None, None]


def test_encoding_from_meta_charset_and_title(tmp_path: Path) -> None:
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252">'
        "<title>Referat – Ældrerådet</title></head><body><p>Søndag på Åbyhøj</p></body></html>"
    )
    path = tmp_path / "side.htm"
    path.write_bytes(page.encode("cp1252"))
    doc = read_document(path)
    assert doc.format == "html" and doc.pages == 1
    assert [b.text for b in doc.blocks] == ["Søndag på Åbyhøj"]
    assert doc.metadata["html_title"] == "Referat – Ældrerådet"


def test_sniff_and_mislabelled_pages(tmp_path: Path) -> None:
    assert sniff(b"\xef\xbb\xbf<!DOCTYPE html><html></html>") == "html"
    assert sniff(b"<!-- saved --><html><body>x</body></html>") == "html"
    assert sniff(b"Dagsorden\n1. Budget\n") == "txt"
    wrong = tmp_path / "dagsorden.txt"
    wrong.write_text("<!DOCTYPE html><html><body><p>x</p></body></html>")
    with pytest.raises(UnsupportedFormat, match="web page"):
        read_document(wrong)


def test_page_without_content_is_nothing_to_extract(tmp_path: Path) -> None:
    path = tmp_path / "tom.html"
    path.write_text("<html><body><nav><a href='/'>Forside</a></nav><script>x()</script></body>")
    with pytest.raises(NothingToExtract):
        read_html(path)
    result = CliRunner().invoke(app, ["parse", str(path), "--json"])
    assert result.exit_code == 0, result.output  # parse: a blank document is an empty meeting
    assert json.loads(result.stdout)["items"] == []
    assert "Traceback" not in result.output


# ---- generated pages in four shapes -------------------------------------------------------


def _with_marker(block: Block) -> str:
    if block.kind == "list_item":
        marker = block.marker if block.marker and block.marker[:1].isdigit() else "-"
        return "  " * block.level + f"{marker} {block.text}"
    if block.marker and block.marker[:1].isdigit():
        return f"{block.marker} {block.text}"
    return block.text


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], tuple[Path, object]]:
    out = tmp_path_factory.mktemp("html")
    made = {}
    for n, shape in enumerate(SHAPES):
        for style in ("kl", "committee"):
            doc = generate(300 + n, style, "minutes")  # type: ignore[arg-type]
            made[(shape, style)] = (write_html(doc, out / f"{shape}-{style}.html", shape), doc)
    return made


@pytest.mark.parametrize("style", ["kl", "committee"])
@pytest.mark.parametrize("shape", SHAPES)
def test_generated_page_reads_back_its_text(pages: dict, shape: str, style: str) -> None:
    path, doc = pages[(shape, style)]
    got = [_with_marker(b) for b in read_and_reflow(path).blocks if b.style != "toc 1"]
    want = [
        line for b in (b for p in doc.parts for b in p.blocks) for line in block_text(b).split("\n")
    ]
    assert got == want
    html = path.read_text(encoding="utf-8")
    assert "cookies" in html and "cookies" not in "\n".join(got)  # the banner was there


@pytest.mark.parametrize("style", ["kl", "committee"])
@pytest.mark.parametrize("shape", SHAPES)
def test_generated_page_parses_to_its_answer_key(pages: dict, shape: str, style: str) -> None:
    path, _ = pages[(shape, style)]
    expected = json.loads(path.with_suffix(".expected.json").read_text(encoding="utf-8"))
    ev = evaluate(process_file(path)[1], expected)
    for name in ("items", "subitems", "presenters", "recommendations", "annexes", "closed"):
        assert ev.score(name).f1 >= 0.95, (shape, name, ev.differences)
    assert ev.score("decisions").f1 >= 0.95, (shape, ev.differences)
    for key in ("kind", "date", "body", "attendees"):
        assert ev.meeting_fields.get(key, True), (shape, key, ev.differences)


def test_cli_parse_and_ingest_read_pages(pages: dict, tmp_path: Path) -> None:
    path, _ = pages[("details", "committee")]
    runner = CliRunner()
    result = runner.invoke(app, ["parse", str(path), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["source"]["format"] == "html" and len(data["items"]) >= 8
    db = tmp_path / "k.db"
    result = runner.invoke(app, ["ingest", str(path.parent), "--db", str(db)])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["meetings", "--db", str(db), "--json"])
    assert result.exit_code == 0, result.output
    assert sum(m["kind"] == "minutes" for m in json.loads(result.output)) >= len(SHAPES)


# ---- the eval texts set as web pages (at test time; the texts stay in ../shared) -----------

EVAL_WEB = samples_dir().parent / "eval" / "web"


def _eval_cases() -> list:
    if not EVAL_WEB.is_dir():
        return [pytest.param(None, marks=pytest.mark.skip(reason=f"{EVAL_WEB} absent"))]
    return [p.name[: -len(".gold.json")] for p in sorted(EVAL_WEB.glob("*.gold.json"))]


@pytest.fixture(scope="module")
def eval_scores(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """Per eval text: the answer-key scores of the text and of each HTML shape of it."""
    if not EVAL_WEB.is_dir():
        pytest.skip(f"{EVAL_WEB} absent")
    tmp = tmp_path_factory.mktemp("evalhtml")
    scores: dict = {}
    for gold in sorted(EVAL_WEB.glob("*.gold.json")):
        stem = gold.name[: -len(".gold.json")]
        key = load_answer_key(gold)
        text = gold.with_name(stem + ".txt")
        scores[(stem, "txt")] = score_document(text, key).metrics
        for shape in html_eval.SHAPES:
            page = tmp / f"{stem}.{shape}.html"
            page.write_text(html_eval.page(text.read_text(encoding="utf-8"), shape), "utf-8")
            scores[(stem, shape)] = score_document(page, key).metrics
    return scores


@pytest.mark.parametrize("stem", _eval_cases())
def test_eval_text_as_html_scores_no_worse_than_the_text(eval_scores: dict, stem: str) -> None:
    """Same answer keys: reading the page loses nothing the text reading finds."""
    base = eval_scores[(stem, "txt")]
    for shape in html_eval.SHAPES:
        got = eval_scores[(stem, shape)]
        worse = {k: (base[k], v) for k, v in got.items() if v < base.get(k, 0.0) - 0.01}
        assert not worse, (stem, shape, worse)


# Macro answer-key scores over the 9 texts x 4 shapes, measured 2026-12-01 with the parser of
# main at 607f87b: items 0.67, decisions 0.55, recs 0.40, meeting 0.61, case_ids 0.42 (the
# texts themselves: items 0.55, decisions 0.43, recs 0.20, meeting 0.61, case_ids 0.42). With
# the evidence-based parser (issue 9) the pages reach the bars of the sets kept out of sight.
HTML_BARS = {"items": 0.9, "decisions": 0.8, "recs": 0.8, "case_ids": 0.8, "meeting": 0.8}


def test_eval_pages_reach_the_answer_keys(eval_scores: dict) -> None:
    sums: dict[str, list[float]] = {}
    for (_stem, shape), score in eval_scores.items():
        if shape != "txt":
            for k, v in score.items():
                sums.setdefault(k, []).append(v)
    macro = {k: sum(v) / len(v) for k, v in sums.items()}
    short = {
        k: round(macro.get(k, 0.0), 2) for k, bar in HTML_BARS.items() if macro.get(k, 0) < bar
    }
    assert not short, short
