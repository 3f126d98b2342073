"""Versioned schema migrations, applied in order through sqlite-utils.

Each migration runs once, inside the same IMMEDIATE transaction as its row in
`schema_migrations`, so two processes opening a fresh database never both migrate.
PRAGMA user_version mirrors the latest version, so readers can check it without sqlite-utils.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kitar.errors import CorpusError
from kitar.store import db as dbmod

if TYPE_CHECKING:
    from sqlite_utils import Database

# The tokenizer keeps æ, ø, å (and é, ü) as themselves: "rådet" must not match "radet".
TOKENIZE = "unicode61 remove_diacritics 0"


def _fk(table: str, column: str, other: str, on_delete: str = "CASCADE") -> Any:
    from sqlite_utils.db import ForeignKey

    return ForeignKey(table, column, other, "id", on_delete=on_delete)


def _create(db: Database, name: str, columns: dict[str, Any], fks: list[tuple] = ()) -> None:  # type: ignore[assignment]
    db[name].create(  # type: ignore[union-attr]
        columns, pk="id", foreign_keys=[_fk(name, *fk) for fk in fks]
    )


def _v1_core(db: Database) -> None:
    """Documents, pages, meetings and everything parsed from them."""
    _create(
        db,
        "documents",
        {
            "id": int,
            "sha256": str,
            "path": str,
            "format": str,
            "pages": int,
            "ingested_at": str,
            "warnings": str,  # JSON list
            "superseded_by": int,  # a corrected version replaced this one
        },
        [("superseded_by", "documents", "SET NULL")],
    )
    db["documents"].create_index(["sha256"], unique=True)  # type: ignore[union-attr]
    db["documents"].create_index(["path"])  # type: ignore[union-attr]
    _create(
        db,
        "pages",
        {"id": int, "document_id": int, "number": int, "text": str},
        [("document_id", "documents")],
    )
    _create(
        db,
        "meetings",
        {
            "id": int,
            "document_id": int,
            "meeting_key": str,  # "2016-08-29|kommunernesitarkitekturråd": agenda ↔ minutes
            "kind": str,
            "body": str,
            "date": str,
            "time": str,
            "location": str,
            "case_id": str,
            "doc_id": str,
            "warnings": str,
        },
        [("document_id", "documents")],
    )
    _create(
        db,
        "items",
        {
            "id": int,
            "meeting_id": int,
            "parent_id": int,
            "number": str,
            "title": str,
            "closed": int,
            "page": int,
            "case_id": str,
            "doc_id": str,
            "decision": str,
            "position": int,
        },
        [("meeting_id", "meetings"), ("parent_id", "items")],
    )
    _create(
        db,
        "sections",
        {"id": int, "item_id": int, "heading": str, "text": str, "position": int},
        [("item_id", "items")],
    )
    _create(db, "people", {"id": int, "name": str})
    db["people"].create_index(["name"], unique=True)  # type: ignore[union-attr]
    _create(db, "organisations", {"id": int, "name": str})
    db["organisations"].create_index(["name"], unique=True)  # type: ignore[union-attr]
    _create(
        db,
        "presenters",
        {
            "id": int,
            "item_id": int,
            "person_id": int,
            "organisation_id": int,
            "role": str,
            "position": int,
        },
        [("item_id", "items"), ("person_id", "people"), ("organisation_id", "organisations")],
    )
    _create(
        db,
        "recommendations",
        {"id": int, "item_id": int, "text": str, "position": int},
        [("item_id", "items")],
    )
    _create(
        db,
        "decisions",
        {"id": int, "item_id": int, "text": str, "body": str, "date": str, "position": int},
        [("item_id", "items")],
    )
    _create(
        db,
        "annexes",
        {
            "id": int,
            "item_id": int,
            "number": int,
            "title": str,
            "confidential": int,
            "ref": str,
            "position": int,
        },
        [("item_id", "items")],
    )
    _create(
        db,
        "attendance",
        {"id": int, "meeting_id": int, "item_id": int, "person_id": int, "status": str},
        [("meeting_id", "meetings"), ("item_id", "items"), ("person_id", "people")],
    )
    for table, cols in [
        ("pages", ["document_id", "number"]),
        ("meetings", ["document_id"]),
        ("meetings", ["meeting_key"]),
        ("meetings", ["date"]),
        ("items", ["meeting_id", "position"]),
        ("items", ["parent_id"]),
        ("sections", ["item_id"]),
        ("presenters", ["item_id"]),
        ("presenters", ["person_id"]),
        ("presenters", ["organisation_id"]),
        ("recommendations", ["item_id"]),
        ("decisions", ["item_id"]),
        ("annexes", ["item_id"]),
        ("attendance", ["meeting_id"]),
        ("attendance", ["person_id"]),
        ("attendance", ["item_id"]),
    ]:
        db[table].create_index(cols)  # type: ignore[union-attr]


def _v2_search(db: Database) -> None:
    """One row per searchable unit, with its original, stemmed and compound-part text."""
    # AUTOINCREMENT: ids are never reused, so "id > fts_state.upto" is exactly the unindexed rows.
    db.execute(
        "CREATE TABLE search_units ("
        "id INTEGER PRIMARY KEY AUTOINCREMENT, "
        "kind TEXT, "  # item | recommendation | decision | annex | page
        "document_id INTEGER REFERENCES documents(id) ON DELETE CASCADE, "
        "meeting_id INTEGER REFERENCES meetings(id) ON DELETE CASCADE, "
        "item_id INTEGER REFERENCES items(id) ON DELETE CASCADE, "
        "page INTEGER, closed INTEGER, confidential INTEGER, "
        "text TEXT, "  # original words: shown in snippets
        "stems TEXT, "  # one Snowball stem per word, positions aligned with `text`
        "parts TEXT)"  # compound parts and joined hyphen forms (kitar.store.analyze)
    )
    for cols in (["document_id"], ["meeting_id"], ["item_id"]):  # FK cascades need these
        db["search_units"].create_index(cols)  # type: ignore[union-attr]
    # External-content FTS5 over the stems and parts (datasette finds it as search_units_fts).
    # It is filled in bulk by kitar.store.fts.catch_up, not row by row: FTS5 indexes a batch
    # of thousands of rows ~2.5x faster than one small transaction per document.
    db["search_units"].enable_fts(["stems", "parts"], tokenize=TOKENIZE)  # type: ignore[union-attr]
    db.execute("CREATE TABLE fts_state (id INTEGER PRIMARY KEY CHECK (id = 1), upto INTEGER)")
    db.execute("INSERT INTO fts_state VALUES (1, 0)")
    # Only rows already in the index may be deleted from it (FTS5 'delete' needs the old values).
    db.execute(
        "CREATE TRIGGER search_units_ad AFTER DELETE ON search_units "
        "WHEN old.id <= (SELECT upto FROM fts_state) BEGIN "
        "INSERT INTO search_units_fts (search_units_fts, rowid, stems, parts) "
        "VALUES ('delete', old.id, old.stems, old.parts); END"
    )


def _v3_followups(db: Database) -> None:
    """Follow-up actions (written by kitar.store.followups); status survives re-ingests."""
    _create(
        db,
        "followups",
        {
            "id": int,
            "meeting_id": int,
            "item_id": int,
            "item_number": str,
            "owner": str,
            "action": str,
            "due": str,
            "source": str,
            "status": str,  # open | done
            "created_at": str,
            "updated_at": str,
        },
        [("meeting_id", "meetings"), ("item_id", "items", "SET NULL")],
    )
    for cols in (["meeting_id"], ["status"], ["due"]):
        db["followups"].create_index(cols)  # type: ignore[union-attr]


def _v4_text_once(db: Database) -> None:
    """Store each unit's text once: its stems and parts live only inside the FTS5 index.

    The index stays external-content over `search_units` (so datasette finds it), but its
    columns are not in that table: FTS5 reads content only for `rebuild`, highlight() and
    column values, none of which kitar uses. Rows are added and deleted with values computed
    by kitar.store.analyze (kitar.store.fts), and `catch_up` re-indexes every unit from its text.
    """
    db.execute("DROP TRIGGER IF EXISTS search_units_ad")
    db.execute("DROP TABLE search_units_fts")  # with its shadow tables
    db.execute("ALTER TABLE search_units DROP COLUMN stems")
    db.execute("ALTER TABLE search_units DROP COLUMN parts")
    db.execute(
        'CREATE VIRTUAL TABLE "search_units_fts" USING FTS5 ("stems", "parts", '
        f"tokenize='{TOKENIZE}', content=\"search_units\")"
    )
    db.execute("ALTER TABLE fts_state ADD COLUMN analyzer TEXT")
    db.execute("UPDATE fts_state SET upto = 0, analyzer = NULL")  # re-index on next catch-up


def _v5_page_map(db: Database) -> None:
    """Where each page begins in a unit's text, so a hit cites its snippet's page
    (kitar.store.cite); units written before this have none and cite their item's first page."""
    db.execute("ALTER TABLE search_units ADD COLUMN page_map TEXT")


def _v6_ocr_pages(db: Database) -> None:
    """Which pages' text came from OCR (kitar.read.ocr): search hits on them say so, since
    OCR misreads letters. Pages written before this were all read from a text layer."""
    db.execute("ALTER TABLE pages ADD COLUMN ocr INTEGER NOT NULL DEFAULT 0")


MIGRATIONS: list[tuple[int, str, Callable[[Database], None]]] = [
    (1, "core tables", _v1_core),
    (2, "search units and FTS5 index", _v2_search),
    (3, "follow-ups", _v3_followups),
    (4, "unit text stored once, stems and parts only in the index", _v4_text_once),
    (5, "page maps of search units", _v5_page_map),
    (6, "pages read by OCR", _v6_ocr_pages),
]
LATEST = MIGRATIONS[-1][0]


def current_version(db: Database) -> int:
    return int(db.execute("PRAGMA user_version").fetchone()[0])


def migrate(db: Database, target: int = LATEST) -> list[int]:
    """Apply the pending migrations up to `target`; returns the versions applied."""
    applied: list[int] = []
    conn = db.conn
    with dbmod.transaction(conn):
        db.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations "
            "(version INTEGER PRIMARY KEY, name TEXT, applied_at TEXT)"
        )
        done = {row[0] for row in db.execute("SELECT version FROM schema_migrations")}
        for version, name, func in MIGRATIONS:
            if version in done or version > target:
                continue
            try:
                func(db)
            except Exception as exc:
                raise CorpusError(f"migration {version} ({name}) failed: {exc}") from exc
            db.execute(
                "INSERT INTO schema_migrations VALUES (?, ?, ?)",
                (version, name, datetime.now(UTC).isoformat(timespec="seconds")),
            )
            applied.append(version)
        newest = max(done | set(applied), default=0)
        if newest > LATEST:
            raise CorpusError(f"database schema {newest} is newer than this kitar ({LATEST})")
        db.execute(f"PRAGMA user_version = {int(newest)}")
    return applied


def open_migrated(path: str | Path) -> Database:
    """Open the database for writing, creating or upgrading its schema."""
    db = dbmod.open_db(path)
    migrate(db)
    return db
