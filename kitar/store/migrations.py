"""Versioned schema migrations: a sqlite_utils.Migrations set named `kitar`.

sqlite-utils records each applied migration in `_sqlite_migrations`. kitar runs the whole set
inside one BEGIN IMMEDIATE transaction (each migration and its record then nest as
savepoints, through `Database.atomic()`), so two processes opening a fresh database never both
migrate: the second waits for the write lock, then finds nothing pending. PRAGMA user_version
mirrors the latest version, so the search path checks it without importing sqlite-utils.
Corpora from before (versions in kitar's own `schema_migrations` table) are adopted once.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kitar.errors import CorpusError
from kitar.store import db as dbmod
from kitar.store.migration_steps import MIGRATIONS

if TYPE_CHECKING:
    from sqlite_utils import Database

LATEST = MIGRATIONS[-1][0]


def current_version(db: Database) -> int:
    return int(db.execute("PRAGMA user_version").fetchone()[0])


SET_NAME = "kitar"  # the migration set's name in _sqlite_migrations


def _name(version: int, title: str) -> str:
    """`005 page maps of search units`: the version leads, so the name sorts and parses."""
    return f"{version:03d} {title}"


def _version(name: str) -> int:
    head = name.split(" ", 1)[0]
    return int(head) if head.isdigit() else 0


def _checked(version: int, title: str, func: Callable[[Database], None]) -> Callable:
    def run(db: Database) -> None:
        try:
            func(db)
        except Exception as exc:
            raise CorpusError(f"migration {version} ({title}) failed: {exc}") from exc

    run.__name__ = func.__name__
    return run


@lru_cache(maxsize=1)
def migration_set() -> Any:
    """MIGRATIONS as a sqlite_utils.Migrations set (built on first use: sqlite-utils is slow to
    import, and the search path must not pay for it)."""
    migrations = dbmod.migration_set(SET_NAME)
    for version, title, func in MIGRATIONS:
        migrations(name=_name(version, title))(_checked(version, title, func))
    return migrations


def _adopt_old_runner(db: Database) -> None:
    """Record the versions of kitar's earlier runner (`schema_migrations`) as applied."""
    if "schema_migrations" not in db.table_names():
        return
    titles = {version: title for version, title, _ in MIGRATIONS}
    for version, title, applied_at in db.execute(
        "SELECT version, name, applied_at FROM schema_migrations ORDER BY version"
    ).fetchall():
        db.execute(
            "INSERT OR IGNORE INTO _sqlite_migrations (migration_set, name, applied_at) "
            "VALUES (?, ?, ?)",
            (SET_NAME, _name(version, titles.get(version, title)), applied_at),
        )
    db.execute("DROP TABLE schema_migrations")


def migrate(db: Database, target: int = LATEST) -> list[int]:
    """Apply the pending migrations up to `target`; returns the versions applied."""
    migrations = migration_set()
    with dbmod.transaction(db.conn):
        migrations.ensure_migrations_table(db)
        _adopt_old_runner(db)
        before = {m.name for m in migrations.applied(db)}
        newest = max(map(_version, before), default=0)
        if newest > LATEST:
            raise CorpusError(f"database schema {newest} is newer than this kitar ({LATEST})")
        later = [m.name for m in migrations.pending(db) if _version(m.name) > target]
        migrations.apply(db, stop_before=later[:1] or None)
        applied = sorted(_version(m.name) for m in migrations.applied(db) if m.name not in before)
        newest = max([newest, *applied])
        db.execute(f"PRAGMA user_version = {int(newest)}")
    return applied


def open_corpus(path: str | Path, *, readonly: bool = True) -> sqlite3.Connection:
    """A plain sqlite3 connection to an existing corpus (the fast read path of search and
    queries); a database written by an older kitar is upgraded in place first. Read-only by
    default, so a corpus on a read-only share can be read; `readonly=False` (follow-up status
    and other writes) refuses a corpus that cannot be written, in one line."""
    if not readonly:
        dbmod.check_writable(path)
    conn = dbmod.connect(path, readonly=readonly)
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    if version == 0:
        conn.close()
        raise CorpusError("not a kitar corpus database (no schema)", path)
    if version < LATEST:  # rare, so sqlite-utils is imported only then
        conn.close()
        migrate(dbmod.open_db(path))  # one line if the corpus cannot be written
        return dbmod.connect(path, readonly=readonly)
    return conn


def open_migrated(path: str | Path) -> Database:
    """Open the database for writing, creating or upgrading its schema."""
    db = dbmod.open_db(path)
    migrate(db)
    return db
