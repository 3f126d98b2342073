"""Generated KL-like documents read back to their source text exactly (issue 2's must-show).

`kitar.ingest.pipeline.read_and_reflow` then `kitar.text.reflow.render_body` must give the source
paragraphs: letterhead sidebar, running header and footer gone, hyphens rejoined, bullets `- `.
"""

from __future__ import annotations

import difflib
import re
from datetime import date
from pathlib import Path

import pytest

from kitar.demo.content import DemoDocument, generate
from kitar.demo.layout import sidebar_from_metadata
from kitar.demo.render_pdf import render_parts
from kitar.demo.render_text import render_text_parts
from kitar.demo.text import long_date
from kitar.ingest.pipeline import read_and_reflow
from kitar.model import Document
from kitar.text.reflow import render_body
from tests.parse_helpers import rerender_pdf


def _diff(expected: str, got: str) -> str:
    lines = difflib.unified_diff(
        expected.splitlines(), got.splitlines(), "source", "read back", lineterm="", n=1
    )
    return "\n".join(list(lines)[:60])


def _render(tmp: Path, seed: int, style: str, kind: str, fmt: str) -> tuple[DemoDocument, Document]:
    doc = generate(seed, style, kind)  # type: ignore[arg-type]
    path = tmp / f"{style}-{kind}-{seed}.{fmt}"
    if fmt == "pdf":
        render_parts(doc.parts, path, header=doc.header, title=doc.title)
    else:
        render_text_parts(doc.parts, path, seed=seed)
    return doc, read_and_reflow(path)


@pytest.fixture(scope="module")
def kl_pdf(tmp_path_factory: pytest.TempPathFactory) -> tuple[DemoDocument, Document]:
    return _render(tmp_path_factory.mktemp("kl"), 7, "kl", "agenda", "pdf")


def test_kl_fixture_reads_back_exactly(kl_pdf: tuple[DemoDocument, Document]) -> None:
    source, doc = kl_pdf
    expected, got = source.body_text(), render_body(doc)
    assert got == expected, _diff(expected, got)


def test_kl_fixture_words_and_hyphens(kl_pdf: tuple[DemoDocument, Document]) -> None:
    """The same words in the same order: every line-end hyphen resolved as the source spells it."""
    source, doc = kl_pdf
    expected, got = source.body_text().split(), render_body(doc).split()
    assert got == expected, _diff("\n".join(expected), "\n".join(got))
    for word in ("digitaliseringsstrategi", "It-Arkitekturrådet", "Børne-"):
        assert (word in got) == (word in expected)


def test_kl_fixture_sidebar_becomes_metadata(kl_pdf: tuple[DemoDocument, Document]) -> None:
    source, doc = kl_pdf
    info = source.meeting.meeting
    assert doc.metadata.get("date") == info.date
    assert doc.metadata.get("case_id") == info.case_id
    assert doc.metadata.get("doc_id") == info.doc_id
    body = render_body(doc)
    sidebar = source.parts[0].sidebar or {}
    for text in ("Sags ID", "Dok. ID", "www.kl.dk", "NOTAT", sidebar["E-mail"], "Postboks"):
        assert text not in body, text
    assert not re.search(r"Side \d+ af \d+", body)


@pytest.mark.parametrize(
    ("seed", "style", "kind"),
    [
        (7, "kl", "minutes"),
        (7, "committee", "agenda"),
        (7, "committee", "minutes"),
        (8, "kl", "agenda"),
        (1, "committee", "agenda"),  # "Direktionen indstiller, at" + "1. orienteringen …"
    ],
)
def test_more_fixtures_read_back_exactly(tmp_path: Path, seed: int, style: str, kind: str) -> None:
    source, doc = _render(tmp_path, seed, style, kind, "pdf")
    expected, got = source.body_text(), render_body(doc)
    assert got == expected, _diff(expected, got)


@pytest.mark.parametrize(("seed", "style"), [(7, "kl"), (7, "committee"), (8, "kl")])
def test_text_fixture_reads_back_exactly(tmp_path: Path, seed: int, style: str) -> None:
    source, doc = _render(tmp_path, seed, style, "agenda", "txt")
    expected, got = source.body_text(), render_body(doc)
    assert got == expected, _diff(expected, got)


def test_real_kl_text_rerendered_as_pdf(kl_agenda_txt: Path, tmp_path: Path) -> None:
    """The real KL text, read and reflowed, rendered by the fixture generator and read again."""
    original = read_and_reflow(kl_agenda_txt)
    pdf = rerender_pdf(original, tmp_path / "kl-rerendered.pdf")
    again = read_and_reflow(pdf)
    expected, got = render_body(original), render_body(again)
    assert got == expected, _diff(expected, got)
    for key in ("date", "case_id", "doc_id"):
        assert again.metadata.get(key) == original.metadata.get(key), key


def test_sidebar_from_metadata_shows_danish_date() -> None:
    sidebar = sidebar_from_metadata({"date": "2016-08-29", "case_id": "SAG-1", "doc_id": "9"})
    assert sidebar["Dato"] == long_date(date(2016, 8, 29)) == "29. august 2016"
    assert sidebar["Sags ID"] == "SAG-1" and sidebar["Dok. ID"] == "9"
