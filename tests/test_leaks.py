"""The leak test (issue 11): nothing hidden ever reaches a public output.

For every generated meeting (kitar.demo) and every sample (KITAR_SAMPLES; skipped when
absent) the strings that must never be public are collected from the internal corpus without
kitar.redact (tests/leak_helpers.py): closed items' text beyond number and title, and the
titles of confidential annexes. Then every public output is run and read back as text: search
for each string's distinctive words (library, CLI and the datasette page), `show --public`
and `--json`, the public minutes draft (every part of the .docx), `compare --public`,
`followups --public` in every format, a dump of the `kitar publish` database (and its raw
bytes) and the datasette search page over it. No string may appear in any of them.

It cannot pass by seeing nothing: the same strings must show up in the internal outputs
(the control), and the counts of strings and outputs are asserted and printed.
"""

from __future__ import annotations

import asyncio
import json
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import pytest
from typer.testing import CliRunner

from kitar.cli.app import app
from kitar.ingest.batch import ingest
from kitar.store.queries import get_meeting, list_meetings
from kitar.store.search import search
from tests.leak_helpers import (
    collect,
    distinctive_words,
    docx_text,
    leaks,
    normal,
    shingles,
    xlsx_text,
)

runner = CliRunner()
SAMPLE_MEETINGS = (
    "kl-itarkitekturraad-2016-08-29-agenda.txt",
    "ballerup-sfu-2012-12-04",
    "syddjurs-puk-2013-06-20",
)
# The internal outputs must show at least this share of the hidden strings, or the
# checks below could be passing because they see nothing.
CONTROL_SHARE = 0.9
SEP = "kitarskillelinje"  # no secret holds this word


def _cli(*args: str, codes: tuple[int, ...] = (0,)) -> str:
    result = runner.invoke(app, list(args), env={"COLUMNS": "1000"})
    assert result.exit_code in codes, (args, result.output)
    return result.output


@dataclass
class Corpus:
    db: Path
    published: Path
    folder: Path
    secrets: list[str]
    runs: dict[str, list[str]]
    public: dict[str, str] = field(default_factory=dict)  # output name → normalised text


def _datasette(urls: list[str], dbs: list[Path]) -> list[str]:
    datasette_app = pytest.importorskip("datasette.app")

    async def go() -> list[str]:
        ds = datasette_app.Datasette([str(d) for d in dbs])
        out = []
        for url in urls:
            response = await ds.client.get(url)
            assert response.status_code == 200, (url, response.text[:300])
            # datasette's JSON escapes æ, ø, å (\\u00e6): read it back, or a title with
            # Danish letters would slip past the check
            out.append(json.dumps(response.json(), ensure_ascii=False))
        return out

    return asyncio.run(go())


def _dump(path: Path) -> str:
    """Every row of every table, as datasette's table pages and SQL editor can show them
    (sqlite3's iterdump cannot read an external-content FTS5 table, so table by table)."""
    conn = sqlite3.connect(path)
    names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    out = []
    for name in names:
        if name == "search_units_fts":  # its columns are computed; its shadow tables are read
            continue
        out += [repr(row) for row in conn.execute(f'SELECT * FROM "{name}"')]
    conn.close()
    assert len(out) > 100
    return "\n".join(out)


def _build(folder: Path, sources: list[Path]) -> Corpus:
    db = folder / "kitar.db"
    report = ingest(sources, db)
    assert not report.failed, [f.reason for f in report.files if f.reason]
    rows = list_meetings(db)
    meetings = [get_meeting(db, str(r.id))[1] for r in rows]
    secrets, universe = collect(meetings)
    runs = {s: shingles(s, universe) for s in secrets}
    published = folder / "offentlig.db"
    _cli("publish", str(published), "--redact-personal", "--db", str(db))
    corpus = Corpus(db, published, folder, secrets, runs)
    out = corpus.public
    for r in rows:
        ref = str(r.id)
        out[f"show {ref}"] = _cli("show", ref, "--public", "--db", str(db))
        out[f"show --json {ref}"] = _cli("show", ref, "--public", "--json", "--db", str(db))
        out[f"compare {ref}"] = _cli("compare", ref, "--public", "--json", "--db", str(db))
        draft = folder / f"referat-{ref}.docx"
        _cli("minutes", ref, "--public", "-o", str(draft), "--force", "--db", str(db))
        out[f"minutes docx {ref}"] = docx_text(draft)
    for fmt in ("table", "csv", "json", "md"):
        out[f"followups {fmt}"] = _cli("followups", "--public", "-f", fmt, "--db", str(db))
    for fmt, read in (("xlsx", xlsx_text), ("docx", docx_text)):
        path = folder / f"opfølgning.{fmt}"
        _cli("followups", "--public", "-f", fmt, "-o", str(path), "--force", "--db", str(db))
        out[f"followups {fmt}"] = read(path)
    oparl = folder / "oparl"
    _cli("export", str(oparl), "--format", "oparl", "--public", "--force", "--db", str(db))
    out["export oparl"] = "\n".join(f.read_text() for f in sorted(oparl.rglob("*.json")))
    case_queries = [it.case_id for m in meetings for it in m.items if it.closed and it.case_id]
    case_queries += [distinctive_words(s, 2) for s in secrets][:20]
    out["case --public"] = "\n".join(
        _cli("case", q, "--public", "--json", "--db", str(db), codes=(0, 1))
        for q in dict.fromkeys(case_queries)
        if q
    )
    out["publish dump"] = _dump(published)
    out["publish bytes"] = published.read_bytes().decode("utf-8", "ignore")
    queries = {s: distinctive_words(s) for s in secrets}
    search_out: list[str] = []
    for q in queries.values():
        if not q:
            continue
        hits = search(db, q, public=True, limit=50)
        # a word between fields: the end of one hit and the start of the next are not a text
        search_out.append(" ".join(f"{h.item_title} {SEP} {h.snippet} {SEP}" for h in hits))
    out["search (library)"] = "\n".join(search_out)
    cli_queries = [q for q in dict.fromkeys(queries.values()) if q][:40]  # same code as above
    out["search --public (CLI)"] = "\n".join(
        _cli("search", q, "--public", "--json", "-n", "50", "--db", str(db)) for q in cli_queries
    )
    urls = [f"/kitar/search.json?q={quote(q)}&public=1&_shape=array" for q in cli_queries]
    urls += [f"/offentlig/search.json?q={quote(q)}&public=&_shape=array" for q in cli_queries]
    urls += ["/offentlig/items.json?_shape=array&_size=max",
             "/offentlig/annexes.json?_shape=array&_size=max"]  # fmt: skip
    out["datasette search page"] = "\n".join(_datasette(urls, [db, published]))
    for name in list(out):
        out[name] = f" {normal(out[name])} "
    return corpus


@pytest.fixture(scope="session")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    from kitar.demo.generate import generate_corpus

    folder = tmp_path_factory.mktemp("leaks-generated")
    generate_corpus(folder / "docs", count=4, seed=11)
    return _build(folder, [folder / "docs"])


@pytest.fixture(scope="session")
def real(samples: Path, tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    folder = tmp_path_factory.mktemp("leaks-samples")
    return _build(folder, [samples / name for name in SAMPLE_MEETINGS])


def _check(corpus: Corpus, label: str) -> None:
    assert corpus.secrets, "nothing hidden found: the test would prove nothing"
    found = [(s, name) for s in corpus.secrets for name, text in corpus.public.items()
             if leaks(corpus.runs[s], text)]  # fmt: skip
    checks = len(corpus.secrets) * len(corpus.public)
    print(f"\n{label}: {len(corpus.secrets)} hidden strings × {len(corpus.public)} public "
          f"outputs = {checks} checks, {len(found)} leaks")  # fmt: skip
    assert not found, found[:5]


def _control(corpus: Corpus) -> None:
    """The internal outputs show the hidden strings: the checks can see them."""
    internal = " ".join(
        _cli("show", str(r.id), "--db", str(corpus.db)) for r in list_meetings(corpus.db)
    )
    text = f" {normal(internal)} "
    seen = [s for s in corpus.secrets if leaks(corpus.runs[s], text)]
    share = len(seen) / len(corpus.secrets)
    print(f"control: internal show has {len(seen)} of {len(corpus.secrets)} ({share:.0%})")
    assert share >= CONTROL_SHARE, [s for s in corpus.secrets if s not in seen][:5]
    hits = sum(bool(search(corpus.db, distinctive_words(s), limit=5)) for s in corpus.secrets
               if distinctive_words(s))  # fmt: skip
    assert hits >= CONTROL_SHARE * len(corpus.secrets), "internal search must find them"


def test_generated_meetings_never_leak(generated: Corpus) -> None:
    assert len(generated.secrets) >= 20 and len(generated.public) >= 20
    _control(generated)
    _check(generated, "generated meetings")


def test_samples_never_leak(real: Corpus) -> None:
    _control(real)
    _check(real, "samples")
    # the KL agenda's confidential annex (its title sits in item 2's Bilag section too)
    assert any("leveranceplan" in normal(s) for s in real.secrets)


def test_a_leak_is_caught(generated: Corpus) -> None:
    """The check itself: a public output with one hidden sentence in it fails."""
    secret = next(s for s in generated.secrets if len(s.split()) > 8)
    planted = f" {normal('Indledning. ' + secret + ' Afslutning.')} "
    assert leaks(generated.runs[secret], planted)
    assert not leaks(generated.runs[secret], f" {normal('Indledning. Afslutning.')} ")


def test_published_db_holds_no_raw_pages_or_internal_units(generated: Corpus) -> None:
    conn = sqlite3.connect(generated.published)
    assert conn.execute("SELECT count(*) FROM pages").fetchone()[0] == 0
    assert (
        conn.execute("SELECT count(*) FROM search_units WHERE visibility != 'all'").fetchone()[0]
        == 0
    )
    closed = conn.execute("SELECT id FROM items WHERE closed = 1").fetchall()
    assert closed
    for table in ("sections", "recommendations", "decisions", "annexes", "presenters"):
        n = conn.execute(
            f"SELECT count(*) FROM {table} WHERE item_id IN (SELECT id FROM items WHERE closed = 1)"
        ).fetchone()[0]
        assert n == 0, table
    # the published copy searches as the corpus does, for what is public
    rows = json.loads(_datasette(["/offentlig/search.json?q=kommunerne&public=&_shape=array"],
                                 [generated.published])[0])  # fmt: skip
    assert rows
