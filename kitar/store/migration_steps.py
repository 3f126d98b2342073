"""The schema migration steps, oldest first: each takes a corpus at the version before it to its
own (`MIGRATIONS`). kitar.store.migrations runs them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from kitar.store import db as dbmod

if TYPE_CHECKING:
    from sqlite_utils import Database

# The tokenizer keeps æ, ø, å (and é, ü) as themselves: "rådet" must not match "radet".
TOKENIZE = "unicode61 remove_diacritics 0"


def _create(db: Database, name: str, columns: dict[str, Any], fks: list[tuple] = ()) -> None:  # type: ignore[assignment]
    db[name].create(  # type: ignore[union-attr]
        columns, pk="id", foreign_keys=[dbmod.foreign_key(name, *fk) for fk in fks]
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


def _v6_cases(db: Database) -> None:
    """Cases across meetings: each meeting's organisation, each item's case key (its case
    number normalised within its system's shape, kitar.parse.cases); a case is one
    (organisation, case key). Existing items get their key here; organisations come with the
    next ingest."""
    db.execute("ALTER TABLE meetings ADD COLUMN organisation TEXT")
    db.execute("ALTER TABLE items ADD COLUMN case_key TEXT")
    db.execute("CREATE INDEX idx_items_case_key ON items (case_key)")
    db.execute("CREATE INDEX idx_meetings_organisation ON meetings (organisation)")
    from kitar.parse.cases import case_key

    rows = db.execute("SELECT id, case_id FROM items WHERE case_id IS NOT NULL").fetchall()
    db.conn.executemany(
        "UPDATE items SET case_key = ? WHERE id = ?", [(case_key(c), i) for i, c in rows]
    )


def _v7_visibility(db: Database) -> None:
    """Each unit's visibility (kitar.redact): `all`, `internal` (closed items, confidential
    annexes, text naming a confidential annex) or `public` (the redacted twin of an internal
    unit). Existing units are classified here, and the public twins they need are added; the
    next FTS catch-up indexes those."""
    from kitar.redact import Redactor

    db.execute("ALTER TABLE search_units ADD COLUMN visibility TEXT NOT NULL DEFAULT 'all'")
    db.execute(
        "UPDATE search_units SET visibility = 'internal' WHERE closed = 1 OR confidential = 1"
    )
    db["search_units"].create_index(["visibility"])  # type: ignore[union-attr]
    secrets: dict[int, list[str]] = {}
    for meeting_id, title in db.execute(
        "SELECT i.meeting_id, a.title FROM annexes a JOIN items i ON i.id = a.item_id "
        "WHERE a.confidential = 1"
    ).fetchall():
        secrets.setdefault(meeting_id, []).append(title or "")
    twins = []
    for meeting_id, titles in secrets.items():
        red = Redactor(titles)
        rows = db.execute(
            "SELECT id, kind, document_id, item_id, page, closed, text, page_map, "
            "visibility FROM search_units WHERE meeting_id = ?",
            (meeting_id,),
        ).fetchall()
        for uid, kind, doc, item, page, closed, text, pmap, vis in rows:
            if vis != "all" or not red.hides(text or ""):
                continue
            db.execute("UPDATE search_units SET visibility = 'internal' WHERE id = ?", (uid,))
            twins.append((kind, doc, meeting_id, item, page, closed, red.text(text), pmap))
    # Old closed items lose their titles from public search until re-ingested: safe side.
    db.conn.executemany(
        "INSERT INTO search_units (kind, document_id, meeting_id, item_id, page, closed, "
        "confidential, text, page_map, visibility) VALUES (?,?,?,?,?,?,0,?,?,'public')",
        twins,
    )


def _v8_sources(db: Database) -> None:
    """A meeting may have several source documents (the PDF and the DOCX of one set of
    minutes), and a meeting made from a `kitar minutes` draft names the meeting it drafts."""
    db.execute("ALTER TABLE meetings ADD COLUMN draft_of TEXT")
    _create(
        db,
        "meeting_sources",
        {"id": int, "meeting_id": int, "document_id": int},
        [("meeting_id", "meetings"), ("document_id", "documents")],
    )
    db["meeting_sources"].create_index(["meeting_id"])  # type: ignore[union-attr]
    db["meeting_sources"].create_index(["document_id"], unique=True)  # type: ignore[union-attr]


def _v9_annex_files(db: Database) -> None:
    """Annexes as documents: a document's role in its meeting's folder (an item extract, an
    annex) and the meeting it is part of; an annex's linked file, with how it was linked; an
    annex's search units know their annex (`Bilag 2 til punkt 4, s. 3`); a document keeps its
    letterhead's case and document numbers (a memo is no meeting, but its numbers say which
    item it belongs to)."""
    db.execute("ALTER TABLE documents ADD COLUMN role TEXT")  # NULL: a meeting document
    db.execute("ALTER TABLE documents ADD COLUMN part_of INTEGER")  # meetings.id
    db.execute("ALTER TABLE annexes ADD COLUMN document_id INTEGER")
    db.execute("ALTER TABLE annexes ADD COLUMN link_method TEXT")
    db.execute("ALTER TABLE annexes ADD COLUMN link_confidence REAL")
    db.execute("ALTER TABLE search_units ADD COLUMN annex_id INTEGER")
    db.execute("ALTER TABLE documents ADD COLUMN case_id TEXT")  # from its letterhead
    db.execute("ALTER TABLE documents ADD COLUMN doc_id TEXT")
    db.execute("CREATE INDEX idx_annexes_document_id ON annexes (document_id)")


def _v10_ocr_pages(db: Database) -> None:
    """Which pages' text came from OCR (kitar.read.ocr): search hits on them say so, since
    OCR misreads letters. Pages written before this were all read from a text layer."""
    db.execute("ALTER TABLE pages ADD COLUMN ocr INTEGER NOT NULL DEFAULT 0")


MIGRATIONS: list[tuple[int, str, Callable[[Database], None]]] = [
    (1, "core tables", _v1_core),
    (2, "search units and FTS5 index", _v2_search),
    (3, "follow-ups", _v3_followups),
    (4, "unit text stored once, stems and parts only in the index", _v4_text_once),
    (5, "page maps of search units", _v5_page_map),
    (6, "organisations and case keys", _v6_cases),
    (7, "visibility of search units", _v7_visibility),
    (8, "meetings with several source documents; drafts", _v8_sources),
    (9, "annex files and item extracts of a meeting folder", _v9_annex_files),
    (10, "pages read by OCR", _v10_ocr_pages),
]
