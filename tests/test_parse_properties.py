"""Property tests: the parser never raises, and never invents items from unstructured text."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kitar.model import Block, Document
from kitar.parse.meeting import parse_document
from kitar.parse.presenters import parse_presenters

# Lines mixing arbitrary text with fragments of real agenda syntax, so the rules get exercised.
FRAGMENTS = st.sampled_from(
    [
        "1. ",
        "2. ",
        "v. ",
        "Det indstilles, at",
        ":",
        "Bilag 1: ",
        " - FORTROLIGT",
        "– LUKKET PUNKT",
        "Beslutning i Udvalget den 12-03-2024",
        "Sagsnr.: 2024-1",
        "a. ",
        "b. ",
        "Indstilling",
        "Fraværende:",
        "INDHOLDSFORTEGNELSE",
        "A) ",
        "At 1) ",
        " og ",
        ", KL",
        "Lukket dagsorden",
    ]
)
LINE = st.lists(st.one_of(st.text(max_size=40), FRAGMENTS), max_size=6).map("".join)
KIND = st.sampled_from(["heading", "paragraph", "list_item", "table_cell"])


@st.composite
def documents(draw: st.DrawFn) -> Document:
    lines = draw(st.lists(st.tuples(LINE, KIND, st.booleans()), max_size=40))
    blocks = [
        Block(kind, text, page=1 + k // 10, bold=bold) for k, (text, kind, bold) in enumerate(lines)
    ]
    return Document(path="fuzz.txt", format="txt", pages=5, blocks=blocks)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(documents())
def test_parser_never_raises(doc: Document) -> None:
    meeting = parse_document(doc)
    numbers = [int(i.number) for i in meeting.items if i.number and i.number.isdigit()]
    # Items always form a consecutive chain.
    assert numbers == list(range(numbers[0], numbers[0] + len(numbers))) if numbers else True


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=120))
def test_presenter_parser_never_raises_and_keeps_names_from_the_line(text: str) -> None:
    for person in parse_presenters("v. " + text):
        assert person.name and person.name in " ".join(text.split())


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(alphabet="abcdefghijklmnopqrstuvwxyzæøå ,.", max_size=80), max_size=30))
def test_lowercase_prose_gives_no_items(lines: list[str]) -> None:
    blocks = [Block("paragraph", t, 1) for t in lines]
    assert parse_document(Document(path="p.txt", format="txt", pages=1, blocks=blocks)).items == []
