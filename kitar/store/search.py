"""Danish full-text search over the corpus: FTS5 + bm25, stems and compound parts, snippets.

The query language (terms, operators, the FTS5 expression) is in kitar.store.query; its names
are re-exported here.
Imports stay light (no sqlite_utils, spaCy or pdfplumber): `kitar search` must start fast.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from kitar.errors import QueryError
from kitar.redact import visible_sql
from kitar.store import cite
from kitar.store.analyze import WORD_RE, stem
from kitar.store.cite import page_at, snippet_offset
from kitar.store.db import is_writable
from kitar.store.fts import catch_up, pending
from kitar.store.migrations import open_corpus
from kitar.store.query import HYPHENS, MAX_TERMS, Term, parse_query, to_fts

__all__ = ["HYPHENS", "KINDS", "MAX_TERMS", "Hit", "Term", "parse_query", "search", "snippet",
           "to_fts"]  # fmt: skip

KINDS = ("item", "recommendation", "decision", "annex", "page")
MAX_LIMIT = 1000
SNIPPET_WORDS = 24
# bm25 weights for the columns (stems, parts): a whole-word (stem) match outranks a
# compound-part match, e.g. `strategi` in "strategien" above "digitaliseringsstrategien".
WEIGHTS = (1.0, 0.5)
DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
RANK_POOL = 2000
GROUP = 4  # rows fetched per hit shown, so that hits are still `limit` after grouping by item


@dataclass
class Hit:
    kind: str
    score: float
    snippet: str
    highlights: list[tuple[int, int]]
    meeting_id: int | None
    meeting_kind: str | None
    body: str | None
    date: str | None
    item_id: int | None
    item_number: str | None
    item_title: str | None
    page: int | None
    path: str | None
    closed: bool = False
    extra: dict[str, str] = field(default_factory=dict)
    also: list[str] = field(default_factory=list)  # other kinds of unit that matched in the item
    ocr: bool = False  # the snippet's page was read by OCR (its words may be misread)


def _matcher(terms: list[Term]) -> Callable[[str], bool]:
    stems: set[str] = set()
    prefixes: list[str] = []
    subs: set[str] = set()
    for t in terms:
        if t.op == "not":
            continue  # left-out words are not in the hits
        if t.kind == "prefix":
            prefixes.append(t.words[0])
            continue
        for w in [*t.words, "".join(t.words) if t.kind == "hyphen" else ""]:
            if w:
                stems.add(stem(w))
                subs.update(s for s in (w, stem(w)) if len(s) >= 4 and t.kind != "phrase")

    memo: dict[str, bool] = {}

    def hit(token: str) -> bool:
        found = memo.get(token)
        if found is None:
            low = token.casefold()
            found = memo[token] = (
                stem(low) in stems
                or any(low.startswith(p) for p in prefixes)
                or any(s in low for s in subs)
            )
        return found

    return hit


def snippet(
    text: str,
    terms: list[Term],
    width: int = SNIPPET_WORDS,
    is_hit: Callable[[str], bool] | None = None,
) -> tuple[str, list]:
    """The densest window of `width` words, with the character spans of matched words."""
    flat = cite.flat(text)  # the same collapsing as page maps and snippet_offset count in
    tokens = list(WORD_RE.finditer(flat))
    if not tokens:
        return flat[:200], []
    is_hit = is_hit or _matcher(terms)
    flags = [is_hit(m.group()) for m in tokens]
    best, best_count = 0, -1
    count = sum(flags[:width])
    for start in range(max(1, len(tokens) - width + 1)):
        if start:
            count += (flags[start + width - 1] if start + width - 1 < len(flags) else 0) - flags[
                start - 1
            ]
        if count > best_count:
            best, best_count = start, count
    end = min(len(tokens), best + width)
    a = 0 if best == 0 else tokens[best].start()
    b = len(flat) if end == len(tokens) else tokens[end - 1].end()
    prefix = "" if a == 0 else "…"
    out = prefix + flat[a:b] + ("" if b == len(flat) else " …")
    shift = len(prefix) - a
    spans = [
        (m.start() + shift, m.end() + shift)
        for m, f in zip(tokens[best:end], flags[best:end], strict=True)
        if f
    ]
    return out, spans


def _like(value: str) -> str:
    folded = value.casefold().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{folded}%"


def _check_date(name: str, value: str | None) -> None:
    if value is None:
        return
    padded = value + "-01-01"[len(value) - 4 :] if DATE_RE.match(value) else ""
    try:
        date.fromisoformat(padded)
    except ValueError:
        raise QueryError(
            f"--{name} must be a date like 2016-08-29 (or 2016-08, 2016): {value!r}"
        ) from None


RANK = f"bm25({', '.join(map(str, WEIGHTS))})"


SELECT_HITS = (
    "SELECT u.id AS uid, u.kind, u.text, u.page, u.page_map, u.closed, u.meeting_id, u.item_id, "
    "u.document_id, "
    "{score} AS score, "
    "m.kind AS meeting_kind, m.body, m.date, i.number, i.title, d.path, u.annex_id, "
    # an annex's number, else its place in its item's Bilag list: "Bilag 2 til punkt 4"
    "(SELECT coalesce(a.number, (SELECT count(*) FROM annexes b WHERE b.item_id = a.item_id "
    "AND b.position <= a.position)) FROM annexes a WHERE a.id = u.annex_id) AS annex_no, "
    "(SELECT p.number FROM items p WHERE p.id = i.parent_id) AS parent_number FROM {source} "
    "JOIN search_units u ON u.id = {id} "
    "LEFT JOIN meetings m ON m.id = u.meeting_id LEFT JOIN items i ON i.id = u.item_id "
    "LEFT JOIN documents d ON d.id = u.document_id "
)


def _ranked(
    conn: sqlite3.Connection, match: str, where: list[str], args: list[object], limit: int,
    pool: int | None, candidates: int,
) -> list[sqlite3.Row]:  # fmt: skip
    """Rank the best `candidates` matches (among the newest `pool` ones), then filter."""
    if pool:  # broad query: bm25 over the newest `pool` matches only (see docs/search.md)
        ranked = (
            "SELECT id, score FROM (SELECT rowid AS id, rank AS score FROM search_units_fts "
            "WHERE search_units_fts MATCH ? AND rank MATCH ? ORDER BY rowid DESC LIMIT ?) "
            "ORDER BY score LIMIT ?"
        )
        head: list[object] = [match, RANK, pool, candidates]
    else:
        ranked = (
            "SELECT rowid AS id, rank AS score FROM search_units_fts "
            "WHERE search_units_fts MATCH ? AND rank MATCH ? ORDER BY rank LIMIT ?"
        )
        head = [match, RANK, candidates]
    sql = SELECT_HITS.format(score="r.score", source=f"({ranked}) r", id="r.id")
    sql += f"{'WHERE ' + ' AND '.join(where) if where else ''} ORDER BY r.score LIMIT ?"
    return conn.execute(sql, [*head, *args, limit]).fetchall()


def _more_than(conn: sqlite3.Connection, match: str, n: int) -> bool:
    sql = "SELECT count(*) FROM (SELECT rowid FROM search_units_fts WHERE search_units_fts "
    return bool(conn.execute(sql + "MATCH ? LIMIT ?)", (match, n + 1)).fetchone()[0] > n)


def _filtered(
    conn: sqlite3.Connection, match: str, where: list[str], args: list[object], limit: int
) -> list[sqlite3.Row]:
    """Every match that passes the filters, ranked (bm25 runs only on the survivors)."""
    sql = SELECT_HITS.format(score=f"bm25(search_units_fts, {', '.join(map(str, WEIGHTS))})",
                             source="search_units_fts", id="search_units_fts.rowid")  # fmt: skip
    sql += f"WHERE {' AND '.join(['search_units_fts MATCH ?', *where])} ORDER BY score LIMIT ?"
    return conn.execute(sql, [match, *args, limit]).fetchall()


def search(
    db_path: str | Path,
    query: str,
    since: str | None = None,
    until: str | None = None,
    body: str | None = None,
    presenter: str | None = None,
    org: str | None = None,
    kind: str | None = None,
    public: bool = False,
    limit: int = 20,
) -> list[Hit]:
    """Ranked hits for `query`, best first; raises QueryError for an unusable query or filter."""
    terms = parse_query(query)
    _check_date("since", since)
    _check_date("until", until)
    if kind is not None and kind not in KINDS:
        raise QueryError(f"--kind must be one of {', '.join(KINDS)}, not {kind!r}")
    if not 1 <= limit <= MAX_LIMIT:
        raise QueryError(f"--limit must be between 1 and {MAX_LIMIT}")
    # Filters become uncorrelated IN (subquery) conditions: SQLite evaluates each once.
    where: list[str] = []
    args: list[object] = []
    meeting_conds, meeting_args = [], []
    if since:
        meeting_conds.append("date >= ?")
        meeting_args.append(since)
    if until:
        meeting_conds.append("date <= ?")
        meeting_args.append(until + "\uffff")  # "2016-08" includes every day of August
    if body:
        meeting_conds.append("kitar_fold(body) LIKE ? ESCAPE '\\'")
        meeting_args.append(_like(body))
    if meeting_conds:
        where.append(
            f"u.meeting_id IN (SELECT id FROM meetings WHERE {' AND '.join(meeting_conds)})"
        )
        args.extend(meeting_args)
    for value, table, column in (
        (presenter, "people", "person_id"),
        (org, "organisations", "organisation_id"),
    ):
        if value:
            presented = (  # people/organisations are few: fold their names, not presenters'
                f"SELECT item_id FROM presenters WHERE {column} IN "
                f"(SELECT id FROM {table} WHERE kitar_fold(name) LIKE ? ESCAPE '\\')"
            )
            # a sub-item's hits count for its parent's presenters too
            where.append(f"(u.item_id IN ({presented}) OR i.parent_id IN ({presented}))")
            args.extend([_like(value)] * 2)
    if kind:
        where.append("u.kind = ?")
        args.append(kind)
    # Few units are hidden from one kind of reader (closed items, confidential annexes and
    # their redacted twins), so this condition does not count as a filter when sizing pools.
    narrowed = bool(where)
    where.append(visible_sql(public))
    is_hit = _matcher(terms)
    conn = open_corpus(db_path)
    try:
        # An ingest was killed before it indexed its last documents: index them now, through
        # a writable connection (a corpus on a read-only share is searched as it is).
        if pending(conn) and is_writable(Path(db_path)):
            writer = open_corpus(db_path, readonly=False)
            try:
                catch_up(writer)
            finally:
                writer.close()
        match = to_fts(terms)
        if (
            meeting_conds
            and not conn.execute(
                f"SELECT 1 FROM meetings WHERE {' AND '.join(meeting_conds)} LIMIT 1", meeting_args
            ).fetchone()
        ):
            return []  # no meeting passes --body/--since/--until
        # bm25 costs time per matching row and FTS5 has no top-k pruning: rank the newest
        # RANK_POOL matches (all of them when there are fewer, so exact for most queries).
        # An item's text, recommendations and decisions are separate units: fetch more rows
        # than asked and show each item once, its best unit first.
        fetch = limit * GROUP
        candidates = fetch if not narrowed else max(limit * 50, 2000, fetch)
        groups = _grouped(_ranked(conn, match, where, args, fetch, RANK_POOL, candidates))
        # Filters left too few: look further back, then at every match that passes them.
        if len(groups) < limit and _more_than(conn, match, RANK_POOL):
            rows = _ranked(conn, match, where, args, fetch, RANK_POOL * 10, RANK_POOL * 10)
            groups = _grouped(rows)
            if len(groups) < limit and _more_than(conn, match, RANK_POOL * 10):
                groups = _grouped(_filtered(conn, match, where, args, fetch))
        ocr = _ocr_pages(conn, {row["document_id"] for row, _ in groups[:limit]})
        hits = [_hit(row, also, terms, is_hit, ocr) for row, also in groups[:limit]]
    except sqlite3.DatabaseError as exc:  # e.g. an FTS5 limit
        raise QueryError(f"cannot run this query: {exc}") from None
    finally:
        conn.close()
    return hits


def _grouped(rows: list[sqlite3.Row]) -> list[tuple[sqlite3.Row, list[str]]]:
    """One entry per item (its best-ranked unit, with the kinds of its other matched units);
    units without an item (cover pages, documents without items) stay one entry each."""
    groups: dict[tuple[str, int], tuple[sqlite3.Row, list[str]]] = {}
    for row in rows:
        key = ("item", row["item_id"]) if row["item_id"] is not None else ("unit", row["uid"])
        if key not in groups:
            groups[key] = (row, [])
        elif row["kind"] != groups[key][0]["kind"] and row["kind"] not in groups[key][1]:
            groups[key][1].append(row["kind"])
    return list(groups.values())


def _ocr_pages(conn: sqlite3.Connection, documents: set[int]) -> set[tuple[int, int]]:
    """(document id, page number) of the pages among `documents` whose text came from OCR."""
    ids = sorted(d for d in documents if d is not None)
    if not ids:
        return set()
    marks = ",".join("?" * len(ids))  # at most MAX_LIMIT ids: under SQLite's variable limit
    sql = f"SELECT document_id, number FROM pages WHERE ocr = 1 AND document_id IN ({marks})"
    return {(d, n) for d, n in conn.execute(sql, ids)}


def _hit(
    r: sqlite3.Row,
    also: list[str],
    terms: list[Term],
    is_hit: Callable[[str], bool],
    ocr: set[tuple[int, int]] = frozenset(),  # type: ignore[assignment]
) -> Hit:
    snip, spans = snippet(r["text"] or "", terms, is_hit=is_hit)
    page = page_at(r["page_map"], snippet_offset(r["text"] or "", snip), r["page"])
    return Hit(
        kind=r["kind"],
        score=round(-r["score"], 4),
        snippet=snip,
        highlights=spans,
        meeting_id=r["meeting_id"],
        meeting_kind=r["meeting_kind"],
        body=r["body"],
        date=r["date"],
        item_id=r["item_id"],
        item_number=r["number"],
        item_title=r["title"],
        page=page,
        path=r["path"],
        closed=bool(r["closed"]),
        also=also,
        ocr=(r["document_id"], page) in ocr,
        extra=_annex_extra(r, page),
    )


def _annex_extra(r: sqlite3.Row, page: int | None) -> dict[str, str]:
    """A hit in an annex file cites annex and item: `Bilag 2 til punkt 4, s. 3`."""
    if r["annex_id"] is None or r["annex_no"] is None:
        return {}
    number = r["number"] or ""
    if r["parent_number"] and not number.startswith(f"{r['parent_number']}."):
        number = f"{r['parent_number']}.{number}"
    cite = f"Bilag {r['annex_no']} til punkt {number or '–'}" + (f", s. {page}" if page else "")
    return {"annex": str(r["annex_no"]), "citation": cite}
