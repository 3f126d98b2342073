"""The PDFium reader's array grouping (kitar.read.char_arrays) against the per-character
reference it replaced (tests/pdfium_reference.py) and against kitar.read.words: the same
words, boxes, fonts and lines, to the last bit."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kitar.demo.content import generate
from kitar.demo.render_pdf import render_agenda
from kitar.model import Line, Page, Word
from kitar.read.char_arrays import lines as line_arrays
from kitar.read.char_arrays import words as word_arrays
from kitar.read.pdf import read_pages
from kitar.read.words import is_bold_font, lines_from_words
from tests.pdfium_reference import reference_pages


def _facts(pages: list[Page]) -> list[object]:
    """Everything the reader says of each page, line and word."""

    def line(ln: Line) -> tuple[object, ...]:
        words = [
            (w.text, w.x0, w.x1, w.top, w.bottom, w.fontname, w.size, w.bold) for w in ln.words
        ]
        return (ln.text, ln.page, ln.x0, ln.x1, ln.top, ln.bottom, ln.fontname, ln.size, ln.bold,
                words)  # fmt: skip

    return [
        (p.number, p.width, p.height, p.char_count, [line(ln) for ln in p.lines]) for p in pages
    ]


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    out = tmp_path_factory.mktemp("arrays")
    return [
        render_agenda(generate(seed, kind, doc), out / f"{kind}-{doc}-{seed}.pdf")
        for seed, kind, doc in [(3, "kl", "agenda"), (4, "committee", "minutes")]
    ]


def test_generated_documents_read_as_the_reference_reads_them(generated: list[Path]) -> None:
    for path in generated:
        assert _facts(read_pages(path, reader="pdfium")) == _facts(reference_pages(path))


@pytest.mark.parametrize(
    "name",
    ["ballerup-sfu-2012-12-04/referat.pdf", "syddjurs-puk-2013-06-20/referat.pdf",
     "edge-cases/notat-with-letterhead.pdf"],
)  # fmt: skip
def test_samples_read_as_the_reference_reads_them(samples: Path, name: str) -> None:
    fast = read_pages(samples / name, reader="pdfium")
    assert any(p.lines for p in fast)
    assert _facts(fast) == _facts(reference_pages(samples / name))


@pytest.mark.slow
def test_kl_report_reads_as_the_reference_reads_it(
    kl_report_path: Path, kl_report_pages: tuple[Page, ...]
) -> None:
    assert _facts(list(kl_report_pages)) == _facts(reference_pages(kl_report_path))


# Words drawn on a small page, so rows, touching words, wide gaps and words off the page occur.
_PAGE = (200.0, 120.0)
_FONTS = ["ABCDEF+Verdana", "ABCDEF+Verdana,Bold", "GHIJKL+Symbol"]
_coordinate = st.floats(-20, 230, allow_nan=False).map(lambda v: round(v * 4) / 4)
_word = st.tuples(
    st.text("abcæøå-.", min_size=1, max_size=6),
    _coordinate,
    st.floats(0, 40, allow_nan=False).map(lambda v: round(v * 4) / 4),  # width
    _coordinate,
    st.sampled_from([7.0, 9.0, 9.02, 10.0, 14.0]),  # font size
    st.integers(0, len(_FONTS) - 1),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(_word, min_size=1, max_size=40))
def test_array_lines_are_lines_from_words(
    drawn: list[tuple[str, float, float, float, float, int]],
) -> None:
    width, height = _PAGE
    kinds = sorted({(_FONTS[f], size, True) for *_, size, f in drawn})
    kind = np.array([kinds.index((_FONTS[f], size, True)) for *_, size, f in drawn])
    x0 = np.array([d[1] for d in drawn])
    top = np.array([d[3] for d in drawn])
    size = np.array([d[4] for d in drawn])
    x1 = x0 + [d[2] for d in drawn]
    page = np.zeros(len(drawn), dtype=np.intp)
    found = word_arrays.Words([d[0] for d in drawn], x0, x1, top, top + size, kind, page=page)
    words = [
        Word(
            d[0],
            d[1],
            d[1] + d[2],
            d[3],
            d[3] + d[4],
            _FONTS[d[5]],
            d[4],
            is_bold_font(_FONTS[d[5]]),
        )
        for d in drawn
    ]
    line_arrays._clamp(found, kinds, np.array([_PAGE]))
    expected = lines_from_words(
        [w for w in (line_arrays.clamped_word(w.text, w.x0, w.x1, w.top, w.bottom, w.fontname,
                                              w.size, width, height) for w in words) if w],
        7,
    )  # fmt: skip
    got = line_arrays._lines(found, kinds, [7])[0] if found.texts else []
    assert [vars_of(ln) for ln in got] == [vars_of(ln) for ln in expected]


def vars_of(line: Line) -> tuple[object, ...]:
    words = [(w.text, w.x0, w.x1, w.top, w.bottom, w.size) for w in line.words]
    return (line.text, line.page, line.x0, line.x1, line.top, line.bottom, line.fontname,
            line.size, line.bold, words)  # fmt: skip
