"""Page units hold only what no item covers; an item hit cites the page its snippet is on."""

from __future__ import annotations

import json
from pathlib import Path

from kitar.ingest.batch import ingest
from kitar.model import Document, Item, Meeting, MeetingInfo, Section, SourceInfo
from kitar.parse.serialize import meeting_to_dict
from kitar.store.cite import encode, flat, page_at, page_map, snippet_offset
from kitar.store.prepare import prepare
from kitar.store.search import search
from tests.test_store_fakes import fake_processor

COVER = "Referat\nFiktivt Teknik- og Miljøudvalg\nTilstede: Anna Testesen, Bo Prøvesen"
BUDGET = (
    "Forvaltningen har udarbejdet et forslag til budget for vejvedligeholdelse i den nye "
    "digitaliseringsstrategi"
)
# The reader gives page 2 and 3 as lines; the paragraph breaks at the page end, mid-word.
PAGE2 = (
    "1. Budget for veje\nBaggrund\n"
    "Forvaltningen har udarbejdet et forslag til budget for vejvedligeholdelse i den nye digi-"
)
PAGE3 = "taliseringsstrategi\nIndstilling\nat udvalget godkender budgettet\nMødet hævet kl. 15.10"


def _meeting() -> Meeting:
    item = Item(
        "1",
        "Budget for veje",
        page=2,
        sections=[Section("Baggrund", BUDGET)],
        recommendations=["at udvalget godkender budgettet"],
    )
    return Meeting(
        source=SourceInfo("x.pdf", "", "pdf", 3),
        meeting=MeetingInfo(kind="minutes", body="Fiktivt Teknik- og Miljøudvalg"),
        items=[item],
    )


def _pages(meeting: Meeting, texts: list[str]) -> dict[str, str | None]:
    doc = Document("x.pdf", "pdf", len(texts), page_texts=texts)
    prep = prepare(doc, meeting, "sha", "x.pdf")
    return {str(u.page): u.text for u in prep.units if u.kind == "page"}


def test_page_units_keep_only_what_no_item_covers() -> None:
    pages = _pages(_meeting(), [COVER, PAGE2, PAGE3])
    # The cover page whole; page 2 is all the item's; of page 3 the closing line, and the
    # "Indstilling" heading, which the item keeps as a recommendation without its heading.
    assert pages == {"1": COVER, "3": "Indstilling\nMødet hævet kl. 15.10"}


def test_a_document_without_items_keeps_every_page() -> None:
    empty = Meeting(source=SourceInfo("x.pdf", "", "pdf", 3), meeting=MeetingInfo())
    assert _pages(empty, [COVER, PAGE2, PAGE3]) == {"1": COVER, "2": PAGE2, "3": PAGE3}


def test_text_of_another_item_range_is_not_taken_as_covered() -> None:
    meeting = _meeting()
    meeting.items.append(Item("2", "Vintertjeneste", page=5))
    # page 5 repeats a sentence of item 1, but item 1's pages are 2 to 5 only up to item 2
    pages = _pages(meeting, [COVER, PAGE2, PAGE3, "Ingenting", "2. Vintertjeneste\n" + BUDGET])
    assert pages["4"] == "Ingenting"
    assert "5" not in pages  # page 5 is still within item 1's range (item 2 starts there)
    pages = _pages(meeting, [COVER, PAGE2, PAGE3, "Ingenting", "x", "Anden tekst\n" + BUDGET])
    assert pages["6"] == "Anden tekst\n" + BUDGET  # beyond item 1: kept


def test_an_item_hit_cites_the_page_its_snippet_is_on(tmp_path: Path) -> None:
    data = meeting_to_dict(_meeting())
    data["pages"] = [COVER, PAGE2, PAGE3]
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "m.txt").write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    db = tmp_path / "k.db"
    ingest([tmp_path / "docs"], db, processor=fake_processor)
    on_two = search(db, "vejvedligeholdelse")
    assert [(h.kind, h.page) for h in on_two] == [("item", 2)]
    on_three = search(db, "budgettet")
    assert [(h.kind, h.page) for h in on_three] == [("recommendation", 3)]
    assert [(h.kind, h.page) for h in search(db, "hævet")] == [("page", 3)]


def test_page_map_marks_where_each_page_begins_in_a_units_text() -> None:
    text = "Budget for veje\n\nBaggrund\n" + BUDGET
    spans = page_map(text, [(2, PAGE2), (3, PAGE3)])
    # page 3 begins inside "digi-taliseringsstrategi"
    assert spans == [(0, 2), (flat(text).index("taliseringsstrategi"), 3)]
    assert page_map(text, [(2, PAGE2), (3, "Mødet hævet kl. 15.10")]) == [(0, 2)]
    longer = text + " Der er afsat midler til vintertjenesten i hele kommunen."
    page3 = "Indstilling\nDer er afsat midler til vintertjenesten i hele kommunen."
    spans = page_map(longer, [(2, PAGE2), (3, page3)])
    assert [p for _, p in spans] == [2, 3]
    where = flat(longer).index("Der er afsat")
    assert spans[1][0] == where
    encoded = encode(spans)
    assert page_at(encoded, where - 1, 9) == 2 and page_at(encoded, where + 5, 9) == 3
    assert page_at(None, 5, 9) == page_at("garbage", 5, 9) == page_at(encoded, -1, 9) == 9


def test_snippet_offset_finds_the_middle_of_a_snippet() -> None:
    text = "En  to\ntre fire fem seks syv otte"
    middle = flat(text).index("tre") + len("tre fire fem") // 2
    assert snippet_offset(text, "…tre fire fem …") == middle
    assert snippet_offset(text, "ikke her") == -1 and snippet_offset(text, "…") == -1
