"""Danish search in datasette: `datasette corpus/kitar.db` gets a `search` query page.

datasette's own search box passes the words to FTS5 as typed, but the index holds Snowball
stems and compound parts (kitar.store.analyze), so "kommunernes" would find nothing there.
This plugin (registered as a datasette entry point in pyproject.toml; the one module that
imports datasette) adds SQL functions that do what `kitar search` does, and a canned query
using them on every kitar corpus database.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Awaitable, Callable
from typing import Any

from datasette import hookimpl

from kitar.errors import QueryError
from kitar.redact import visible_sql
from kitar.store.search import parse_query, snippet, to_fts

# An FTS5 expression that matches nothing: an empty or unusable query shows no rows.
NO_MATCH = 'stems : "kitarnomatch"'

SEARCH_SQL = f"""
SELECT u.kind, m.date, m.body, i.number AS item, i.title AS item_title, u.page,
       kitar_snippet(u.text, :q) AS snippet, u.item_id, u.meeting_id
FROM search_units_fts f
JOIN search_units u ON u.id = f.rowid
LEFT JOIN meetings m ON m.id = u.meeting_id
LEFT JOIN items i ON i.id = u.item_id
WHERE search_units_fts MATCH kitar_match(:q)
  AND CASE WHEN :public = '' THEN {visible_sql(False)} ELSE {visible_sql(True)} END
ORDER BY bm25(search_units_fts, 1.0, 0.5)
LIMIT 100
"""


def kitar_match(query: str | None) -> str:
    """The FTS5 MATCH expression for a user's query (stems, compound parts, phrases)."""
    try:
        return to_fts(parse_query(query or ""))
    except QueryError:
        return NO_MATCH


def kitar_snippet(text: str | None, query: str | None) -> str:
    """The best window of `text` for the query, matched words in «guillemets»."""
    try:
        terms = parse_query(query or "")
    except QueryError:
        return ""
    shown, spans = snippet(text or "", terms)
    for start, end in reversed(spans):
        shown = f"{shown[:start]}«{shown[start:end]}»{shown[end:]}"
    return shown


@hookimpl
def prepare_connection(conn: sqlite3.Connection) -> None:
    conn.create_function("kitar_match", 1, kitar_match, deterministic=True)
    conn.create_function("kitar_snippet", 2, kitar_snippet, deterministic=True)


@hookimpl
def canned_queries(datasette: Any, database: str) -> Callable[[], Awaitable[dict[str, Any]]]:
    async def queries() -> dict[str, Any]:
        # Through datasette's own connection: no file opened per request.
        if not await datasette.get_database(database).table_exists("search_units_fts"):
            return {}
        return {"search": SEARCH}

    return queries


SEARCH = {
    "sql": SEARCH_SQL,
    "title": "Søg (dansk: bøjninger og sammensatte ord)",
    "description": (
        "Finds items, recommendations, decisions, annexes and pages as `kitar search` "
        "does: kommunernes finds kommunerne, strategi finds digitaliseringsstrategi, "
        '"quoted phrases" and prefix* work. Put any text in public to hide closed '
        "items and confidential annexes."
    ),
}
