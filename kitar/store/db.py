"""Opening the corpus database: the one module that imports sqlite_utils.

sqlite_utils pulls in numpy on import (~0.35 s), so it is imported lazily: the search path reads
through a plain `sqlite3` connection (`connect`; kitar.store.migrations.open_corpus checks its
schema) and only ingest/migrations use `open_db`. This module knows nothing of the schema.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from kitar.errors import CorpusError

if TYPE_CHECKING:
    from sqlite_utils import Database

# A second `kitar ingest` waits this long for the writer lock instead of failing.
BUSY_TIMEOUT_MS = 30_000


def _casefold(value: Any) -> str | None:
    """SQLite's lower() folds ASCII only; Danish needs `Ø` → `ø` too ("Økonomiudvalget")."""
    return value.casefold() if isinstance(value, str) else None


def _configure(conn: sqlite3.Connection) -> None:
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.create_function("kitar_fold", 1, _casefold, deterministic=True)


def is_writable(path: Path) -> bool:
    """Whether the database (and its folder, for the -wal and -shm files) can be written.
    os.access sees a read-only mount and an immutable file even for root."""
    folder = path.parent if str(path.parent) else Path(".")
    return os.access(folder, os.W_OK) and (not path.exists() or os.access(path, os.W_OK))


def _read_only_uri(path: Path) -> str:
    """`mode=ro`, and `immutable=1` when nothing can be written beside the file: a WAL
    database then opens without its -shm file, which could not be made (a read-only share)."""
    uri = f"file:{quote(str(path.absolute()))}?mode=ro"
    return uri + ("" if is_writable(path) else "&immutable=1")


def connect(
    path: str | Path, *, must_exist: bool = True, readonly: bool = False
) -> sqlite3.Connection:
    """A plain sqlite3 connection (fast import: used by search and queries). `readonly`
    opens it so, which works on a corpus nobody may write (search, show, meetings, stats)."""
    path = Path(path)
    if must_exist and not path.exists():
        raise CorpusError(f"no corpus database at {path} (run `kitar ingest` first)")
    try:
        # isolation_level=None: we issue BEGIN/COMMIT ourselves (see `transaction`).
        target, uri = (_read_only_uri(path), True) if readonly else (str(path), False)
        conn = sqlite3.connect(
            target, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000, uri=uri
        )
        conn.row_factory = sqlite3.Row
        _configure(conn)
        conn.execute("PRAGMA user_version").fetchone()  # fails here on a file that is no database
    except sqlite3.DatabaseError as exc:
        raise CorpusError(f"cannot open corpus database: {exc}", path) from None
    return conn


# Switching a new file to WAL takes an exclusive lock that SQLite's busy handler does not wait
# for: a second `kitar ingest` starting at the same moment retries this often, this far apart.
WAL_RETRIES = 100
WAL_RETRY_S = 0.1


def _wal(conn: sqlite3.Connection) -> None:
    """Put the database in WAL mode (once: a corpus stays in it), waiting out a concurrent
    writer that is creating the same file."""
    for attempt in range(WAL_RETRIES):
        try:
            if str(conn.execute("PRAGMA journal_mode").fetchone()[0]).lower() != "wal":
                conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or attempt == WAL_RETRIES - 1:
                raise
            time.sleep(WAL_RETRY_S)


def check_writable(path: str | Path) -> None:
    """Raise CorpusError (one line) for a corpus that cannot be written."""
    path = Path(path)
    if not is_writable(path):
        raise CorpusError(
            "the corpus database is read-only (a read-only share, or an immutable file or "
            "folder): it can be searched, not changed",
            path,
        )


def open_db(path: str | Path) -> Database:
    """Open (creating the folder and file) a sqlite-utils Database in WAL mode."""
    import sqlite_utils

    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        check_writable(path)
        conn = connect(path, must_exist=False)
        _wal(conn)
        # WAL + NORMAL is durable at every checkpoint and never corrupts on a kill.
        conn.execute("PRAGMA synchronous = NORMAL")
        # Bulk ingest: a larger page cache and fewer (fsyncing) WAL checkpoints.
        conn.execute("PRAGMA cache_size = -65536")
        conn.execute("PRAGMA wal_autocheckpoint = 8192")
    except (OSError, sqlite3.DatabaseError) as exc:
        raise CorpusError(f"cannot open corpus database: {exc}", path) from None
    return sqlite_utils.Database(conn)


def foreign_key(table: str, column: str, other: str, on_delete: str = "CASCADE") -> Any:
    """A sqlite_utils ForeignKey to `other`.id (for the migrations' `create`)."""
    from sqlite_utils.db import ForeignKey

    return ForeignKey(table, column, other, "id", on_delete=on_delete)


def migration_set(name: str) -> Any:
    """An empty sqlite_utils.Migrations set (sqlite-utils ≥ 4) for kitar.store.migrations."""
    from sqlite_utils import Migrations

    return Migrations(name)


def _savepoint(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    conn.execute("SAVEPOINT kitar_block")
    try:
        yield conn
    except BaseException:
        try:
            conn.execute("ROLLBACK TO kitar_block")
            conn.execute("RELEASE kitar_block")
        except sqlite3.Error:  # cannot undo the block alone: undo the whole batch
            if conn.in_transaction:
                conn.execute("ROLLBACK")
        raise
    else:
        conn.execute("RELEASE kitar_block")


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """BEGIN IMMEDIATE … COMMIT, rolled back on any exception (including KeyboardInterrupt).

    Not sqlite-utils' `Database.atomic()`: that begins DEFERRED (a second writer then fails
    instead of waiting) and needs a Database, which the plain-sqlite3 search path has not.
    Inside this, sqlite-utils' own atomic() blocks nest as savepoints (the migrations do).

    IMMEDIATE takes the write lock up front, so a concurrent writer waits on busy_timeout
    rather than failing with "database is locked" when a read transaction tries to upgrade.
    Inside an open transaction (a `kitar.store.writer.Batch`) it is a SAVEPOINT instead:
    a failure rolls back this block alone and the batch goes on.
    """
    if conn.in_transaction:
        yield from _savepoint(conn)
        return
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as exc:
        raise CorpusError(f"corpus database is busy: {exc}") from None
    try:
        yield conn
    except sqlite3.OperationalError as exc:
        conn.execute("ROLLBACK")
        if "readonly" in str(exc):  # opened read-only, or a share that is read-only after all
            raise CorpusError("the corpus database is read-only: it cannot be changed") from None
        raise
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    else:
        conn.execute("COMMIT")
