"""Search: Danish stems, compounds, hyphens, phrases, prefixes, filters, --public, query safety."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kitar.errors import QueryError
from kitar.ingest.batch import ingest
from kitar.model import Annex, Decision, Item, Meeting, MeetingInfo, Presenter, Section, SourceInfo
from kitar.store.search import parse_query, search, snippet, to_fts
from tests.test_store_fakes import fake_processor, write_fake


def _meeting(body: str, date: str, kind: str, items: list[Item]) -> Meeting:
    return Meeting(
        source=SourceInfo("", "", "txt", 1),
        meeting=MeetingInfo(kind=kind, body=body, date=date),  # type: ignore[arg-type]
        items=items,
    )


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("search")
    a = _meeting("Fiktivt Arkitekturråd", "2016-05-02", "agenda", [
        Item("1", "Kommunernes digitaliseringsstrategi", page=1,
             presenters=[Presenter("Anna Testesen", "Testkommunen")],
             recommendations=["at rådet godkender strategien"]),
        Item("2", "Fælles It-arkitektur for sundhedsområdet", page=2,
             presenters=[Presenter("Bo Prøvesen", "Fiktivstyrelsen")]),
        Item("3", "Lukket punkt om personalesag", closed=True, page=3,
             sections=[Section("Sagsfremstilling", "Medarbejderen fik en advarsel for fravær.")]),
        Item("4", "Orientering om radiatorer", page=4,
             sections=[Section("Bilag", "Bilag 1: Fortroligt notat om  lønninger - FORTROLIGT")],
             annexes=[Annex(1, "Fortroligt notat om lønninger", confidential=True),
                      Annex(2, "Offentligt notat om budgettet")]),
    ])  # fmt: skip
    b = _meeting("Fiktivt Sundhedsudvalg", "2017-09-04", "minutes", [
        Item("1", "Itarkitektur i kommunerne", page=1,
             decisions=[Decision("Orienteringen blev taget til efterretning.")]),
        Item("2", "Strategi for rygestop", page=1, decisions=[Decision("Godkendt.")]),
    ])  # fmt: skip
    write_fake(folder / "a.txt", a)
    write_fake(folder / "b.txt", b)
    path = folder / "k.db"
    report = ingest([folder], path, processor=fake_processor)
    assert report.count("new") == 2
    return path


def titles(hits: list) -> list[str]:
    return [h.item_title for h in hits]


def test_kommunernes_finds_kommunerne_by_stem(db: Path) -> None:
    hits = search(db, "kommunernes", kind="item")
    assert "Itarkitektur i kommunerne" in titles(hits)


def test_compound_part_finds_the_compound_and_ranks_whole_words_first(db: Path) -> None:
    hits = search(db, "strategi", kind="item")
    assert titles(hits)[0] == "Strategi for rygestop"
    assert "Kommunernes digitaliseringsstrategi" in titles(hits)


def test_hyphenated_and_joined_forms_find_each_other(db: Path) -> None:
    for query in ("it-arkitektur", "itarkitektur"):
        found = set(titles(search(db, query, kind="item")))
        assert {"Fælles It-arkitektur for sundhedsområdet", "Itarkitektur i kommunerne"} <= found


def test_danish_letters_stay_distinct(db: Path) -> None:
    assert "Orientering om radiatorer" not in titles(search(db, "rådiatorer"))
    assert search(db, "radiatorer")  # the plain-letter word itself is found
    assert all("radiator" not in (h.item_title or "") for h in search(db, "råd"))


def test_quoted_phrase_and_prefix(db: Path) -> None:
    hits = search(db, '"taget til efterretning"', kind="decision")
    assert [h.item_number for h in hits] == ["1"] and hits[0].body == "Fiktivt Sundhedsudvalg"
    assert not search(db, '"efterretning taget til"')  # order matters in a phrase
    assert "Kommunernes digitaliseringsstrategi" in titles(search(db, "digitali*"))


def test_filters(db: Path) -> None:
    assert {h.date for h in search(db, "strategi", since="2017")} == {"2017-09-04"}
    assert {h.date for h in search(db, "strategi", until="2016-05")} == {"2016-05-02"}
    assert {h.body for h in search(db, "strategi", body="sundhed")} == {"Fiktivt Sundhedsudvalg"}
    assert titles(search(db, "arkitektur", presenter="prøvesen", kind="item")) == [
        "Fælles It-arkitektur for sundhedsområdet"
    ]
    assert titles(search(db, "strategi", org="TESTKOMMUNEN", kind="item")) == [
        "Kommunernes digitaliseringsstrategi"
    ]
    assert {h.kind for h in search(db, "strategien", kind="recommendation")} == {"recommendation"}


def test_public_hides_closed_items_and_confidential_annexes(db: Path) -> None:
    assert search(db, "advarsel")
    assert not search(db, "advarsel", public=True)  # a closed item's text
    # …but its number and title stay public, marked closed
    (hit,) = search(db, "personalesag", public=True)
    assert (hit.snippet, hit.closed) == ("3 Lukket punkt om personalesag", True)
    assert search(db, "lønninger", kind="annex")
    assert "lønninger" in search(db, "lønninger", kind="item")[0].snippet
    # the title also sits in item 4's Bilag section: the public sees it redacted
    assert not search(db, "lønninger", public=True)
    (hit,) = search(db, "radiatorer", public=True, kind="item")
    assert "(fortroligt bilag)" in hit.snippet and "lønninger" not in hit.snippet
    assert search(db, "budgettet", public=True)


def test_hits_cite_meeting_item_and_page_with_highlights(db: Path) -> None:
    hit = search(db, "rygestop")[0]
    assert (hit.body, hit.date, hit.item_number, hit.page) == ("Fiktivt Sundhedsudvalg",
                                                               "2017-09-04", "2", 1)  # fmt: skip
    assert [hit.snippet[a:b] for a, b in hit.highlights] == ["rygestop"]


def test_snippet_shows_original_words_around_the_match() -> None:
    text = " ".join(["fyld"] * 50 + ["Kommunerne", "vedtog"] + ["fyld"] * 50)
    out, spans = snippet(text, parse_query("kommunernes"))
    assert out.startswith("…") and out.endswith("…")
    assert [out[a:b] for a, b in spans] == ["Kommunerne"]


AWKWARD = ['"unbalanced phrase', "AND", "OR OR", "NEAR(a b)", "a*b", "'; DROP TABLE items; --",
           "col:word", "^start", "x AND"]  # fmt: skip


@pytest.mark.parametrize("query", AWKWARD)
def test_awkward_queries_are_text(db: Path, query: str) -> None:
    search(db, query)  # no exception
    assert sqlite3.connect(db).execute("SELECT count(*) FROM items").fetchone()[0] == 6


@pytest.mark.parametrize("query", ["", "   ", "*", '"', '""', "-- ;"])
def test_queries_without_words_are_refused_clearly(db: Path, query: str) -> None:
    with pytest.raises(QueryError, match="nothing to search for"):
        search(db, query)


def test_bad_filters_are_refused(db: Path) -> None:
    with pytest.raises(QueryError, match="--kind"):
        search(db, "x", kind="meeting")
    with pytest.raises(QueryError, match="--since"):
        search(db, "x", since="2016-13-01")


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(max_size=60))
def test_any_query_string_is_safe(db: Path, query: str) -> None:
    try:
        hits = search(db, query, limit=5)
    except QueryError:
        return
    assert len(hits) <= 5


@given(st.text(max_size=80))
def test_fts_expression_never_contains_user_syntax(query: str) -> None:
    try:
        expr = to_fts(parse_query(query))
    except QueryError:
        return
    inside = expr.split('"')[1::2]  # the quoted strings: word characters and spaces only
    assert all(s.replace(" ", "").isalnum() or s == "" for s in inside)


def test_search_path_imports_no_heavy_libraries() -> None:
    code = (
        "import sys; import kitar.store.search, kitar.store.queries, kitar.cli.corpus; "
        "import kitar.cli.search; "
        "bad = [m for m in ('spacy', 'pdfplumber', 'sqlite_utils', 'numpy', 'wordfreq') "
        "if m in sys.modules]; print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_broad_queries_rank_among_the_newest_matches(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import kitar.store.search as search_mod

    full = search(db, "strategi")
    monkeypatch.setattr(search_mod, "RANK_POOL", 2)  # every query is now "broad"
    capped = search(db, "strategi")
    assert capped and len(capped) <= len(full)
    assert [h.score for h in capped] == sorted((h.score for h in capped), reverse=True)
    assert {h.kind for h in search(db, "strategi", kind="item")} == {"item"}


def test_each_item_is_one_hit_listing_its_other_matched_units(db: Path) -> None:
    # item 1's title says "digitaliseringsstrategi", its recommendation "strategien"
    hits = [
        h for h in search(db, "strategi") if h.item_title == "Kommunernes digitaliseringsstrategi"
    ]
    assert len(hits) == 1
    assert {"item", "recommendation"} <= {hits[0].kind, *hits[0].also}
    assert len(hits[0].also) == len(set(hits[0].also)) and hits[0].kind not in hits[0].also
    assert search(db, "strategi", kind="recommendation")[0].also == []  # one kind asked for


# --- operators: AND/OR/NOT/NEAR (and OG/ELLER/IKKE/NÆR) in capitals ---------------------------


def test_and_is_the_default_and_explicit(db: Path) -> None:
    both = titles(search(db, "strategi AND rygestop"))
    assert both == titles(search(db, "strategi rygestop")) == ["Strategi for rygestop"]
    assert titles(search(db, "strategi OG rygestop")) == both


def test_or_finds_either(db: Path) -> None:
    either = set(titles(search(db, "radiatorer OR rygestop")))
    assert either == {"Orientering om radiatorer", "Strategi for rygestop"}
    assert set(titles(search(db, "radiatorer ELLER rygestop"))) == either
    assert titles(search(db, "radiatorer rygestop")) == []  # without OR: both words needed


def test_not_leaves_out(db: Path) -> None:
    with_strategy = set(titles(search(db, "strategi")))
    assert "Strategi for rygestop" in with_strategy
    without = set(titles(search(db, "strategi NOT rygestop")))
    assert without == with_strategy - {"Strategi for rygestop"}
    assert set(titles(search(db, "IKKE rygestop strategi"))) == without  # NOT first is fine


def test_near_needs_the_words_close(db: Path) -> None:
    assert titles(search(db, "rådet NEAR strategien", kind="recommendation"))
    # "at rådet godkender strategien": one word between
    assert titles(search(db, "rådet NEAR/0 strategien", kind="recommendation")) == []
    assert titles(search(db, "rådet NEAR/1 strategien", kind="recommendation"))


def test_operators_are_words_where_they_join_nothing() -> None:
    assert [t.kind for t in parse_query("AND")] == ["word"]
    assert [t.words for t in parse_query("x OR")] == [["x"], ["or"]]
    assert [t.op for t in parse_query("a or b")] == ["and", "and", "and"]  # lowercase: words
    with pytest.raises(QueryError, match="NOT only leaves words out"):
        parse_query("NOT budget")


def test_operators_in_the_fts_expression() -> None:
    assert to_fts(parse_query("a OR b c")).startswith('(({stems parts} : "a" OR')
    assert " NOT (" in to_fts(parse_query("a NOT b"))
    assert 'NEAR("a" "c d", 3)' in to_fts(parse_query('a NEAR/3 "c d"'))
