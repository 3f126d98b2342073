"""Ingest and search the real samples through the real pipeline (needs KITAR_SAMPLES + parser)."""

from __future__ import annotations

import importlib.util
import sqlite3
from pathlib import Path

import pytest

from kitar.ingest.batch import IngestReport, ingest
from kitar.store.search import search
from tests.test_ingest import dump

pytestmark = [
    pytest.mark.samples,
    pytest.mark.slow,
    pytest.mark.skipif(
        importlib.util.find_spec("kitar.parse.meeting") is None,
        reason="kitar.parse.meeting (the meeting parser) is not written yet",
    ),
]


@pytest.fixture(scope="module")
def ingested(ingested_samples: tuple[Path, IngestReport]) -> tuple[Path, IngestReport]:
    return ingested_samples  # the session's one ingest of the samples (tests/conftest.py)


def test_samples_ingest_and_second_run_is_unchanged(
    samples: Path, ingested: tuple[Path, IngestReport]
) -> None:
    db, first = ingested
    assert first.count("new") >= 5
    failed = {Path(f.path).name for f in first.files if f.status == "failed"}
    assert failed <= {"scanned-no-text-layer.pdf", "blank-page.pdf"}  # both with a clear reason
    assert all(f.reason for f in first.files if f.status == "failed")
    before = dump(db)
    second = ingest([samples], db)
    assert [f.path for f in second.files] == [f.path for f in first.files]
    assert [f.status for f in second.files] == [
        "failed" if f.status == "failed" else "unchanged" for f in first.files
    ]
    assert dump(db) == before


def test_sikkerhedsarkitektur_finds_kl_item_4(ingested: tuple[Path, IngestReport]) -> None:
    db, _ = ingested
    hits = search(db, "sikkerhedsarkitektur", kind="item")
    assert hits and (hits[0].date, hits[0].item_number) == ("2016-08-29", "4")


def test_kommunernes_finds_items_that_only_say_kommunerne(
    ingested: tuple[Path, IngestReport],
) -> None:
    db, _ = ingested
    hits = search(db, "kommunernes", kind="item", limit=50)
    words = [{h.snippet[a:b].casefold() for a, b in h.highlights} for h in hits]
    assert any("kommunerne" in w and "kommunernes" not in w for w in words)


def test_taget_til_efterretning_finds_ballerup_decisions(
    ingested: tuple[Path, IngestReport],
) -> None:
    db, _ = ingested
    hits = search(db, '"taget til efterretning"', kind="decision", limit=50)
    ballerup = [h for h in hits if h.date == "2012-12-04"]
    assert len(ballerup) >= 2
    assert all(h.kind == "decision" and h.item_number for h in ballerup)


def test_an_item_is_found_once_and_cited_on_the_page_of_its_snippet(
    ingested: tuple[Path, IngestReport],
) -> None:
    """KL item 4 runs over several pages: its words are indexed once (as the item, not again as
    page units), and the hit cites the page its snippet is on, within the item's pages."""
    db, _ = ingested
    hits = search(db, "sikkerhedsarkitektur", limit=50)
    kl = [h for h in hits if h.date == "2016-08-29" and h.item_number == "4"]
    assert [h.kind for h in kl] == ["item"]
    with sqlite3.connect(db) as conn:
        start, end = conn.execute(
            "SELECT i.page, (SELECT min(page) FROM items WHERE meeting_id = i.meeting_id "
            "AND parent_id IS NULL AND page > i.page) FROM items i WHERE i.id = ?",
            (kl[0].item_id,),
        ).fetchone()
        text = conn.execute(
            "SELECT p.text FROM pages p JOIN search_units u ON u.document_id = p.document_id "
            "WHERE u.item_id = ? AND p.number = ?",
            (kl[0].item_id, kl[0].page),
        ).fetchone()[0]
    assert start <= kl[0].page <= end
    shown = [kl[0].snippet[a:b] for a, b in kl[0].highlights]
    assert shown and all(" ".join(w.split()) in " ".join(text.split()) for w in shown)
