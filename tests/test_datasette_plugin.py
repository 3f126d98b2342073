"""`datasette corpus/kitar.db`: the kitar plugin's Danish `search` query page."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from kitar.ingest.batch import ingest
from kitar.model import Annex, Item
from tests.test_search import _meeting
from tests.test_store_fakes import fake_processor, write_fake

datasette_app = pytest.importorskip("datasette.app")


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("datasette")
    meeting = _meeting("Fiktivt Arkitekturråd", "2016-05-02", "agenda", [
        Item("1", "Kommunernes digitaliseringsstrategi", page=1),
        Item("2", "Lukket punkt om personalesag", closed=True, page=2),
        Item("3", "Orientering", page=3,
             annexes=[Annex(1, "Fortroligt notat om kommunernes lønninger", confidential=True)]),
    ])  # fmt: skip
    write_fake(folder / "docs" / "a.txt", meeting)
    path = folder / "kitar.db"
    ingest([folder / "docs"], path, processor=fake_processor)
    return path


def _get(db: Path, url: str) -> Any:
    async def go() -> Any:
        ds = datasette_app.Datasette([str(db)])
        response = await ds.client.get(url)
        assert response.status_code == 200, response.text
        return response.json()

    return asyncio.run(go())


def test_search_page_stems_and_highlights(db: Path) -> None:
    rows = _get(db, "/kitar/search.json?q=kommunerne&public=&_shape=array")
    kinds = {(r["kind"], r["item"]) for r in rows}
    assert ("item", "1") in kinds and ("annex", "3") in kinds  # kommunernes ~ kommunerne
    first = next(r for r in rows if r["item"] == "1")
    assert "«Kommunernes»" in first["snippet"]


def test_search_page_compounds_public_and_bad_queries(db: Path) -> None:
    assert {r["item"] for r in _get(db, "/kitar/search.json?q=strategi&public=&_shape=array")} \
        == {"1"}  # fmt: skip
    everything = _get(db, "/kitar/search.json?q=personalesag&public=&_shape=array")
    assert {r["item"] for r in everything} == {"2"} and "item" in {r["kind"] for r in everything}
    # public: the closed item's number and title only
    (row,) = _get(db, "/kitar/search.json?q=personalesag&public=1&_shape=array")
    assert (row["item"], row["snippet"]) == ("2", "2 Lukket punkt om «personalesag»")
    for bad in ("%22", "AND", "*", "%27%3B%20DROP%20TABLE%20items%3B"):
        assert _get(db, f"/kitar/search.json?q={bad}&public=&_shape=array") == []
    assert _get(db, "/kitar/items.json?_shape=array")  # the tables are still there


def test_other_databases_get_no_search_page(tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.close()

    async def go() -> int:
        response = await datasette_app.Datasette([str(other)]).client.get("/other/search.json")
        return int(response.status_code)

    assert asyncio.run(go()) == 404
