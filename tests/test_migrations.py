"""The schema as a sqlite_utils.Migrations set: adopting older corpora, refusing newer ones."""

from __future__ import annotations

from pathlib import Path

import pytest

from kitar.errors import CorpusError
from kitar.store import migrations
from kitar.store.db import open_db


def _names(db) -> list[str]:  # type: ignore[no-untyped-def]
    return [r[0] for r in db.execute("SELECT name FROM _sqlite_migrations ORDER BY id")]


def test_a_new_corpus_records_every_version_in_the_set(tmp_path: Path) -> None:
    db = migrations.open_migrated(tmp_path / "k.db")
    assert [int(n[:3]) for n in _names(db)] == list(range(1, migrations.LATEST + 1))
    assert migrations.current_version(db) == migrations.LATEST
    assert "schema_migrations" not in db.table_names()


def test_a_corpus_of_the_earlier_runner_is_adopted_not_migrated_again(tmp_path: Path) -> None:
    db = open_db(tmp_path / "old.db")
    migrations.migrate(db, target=3)
    # what kitar's own runner left behind: its table, no _sqlite_migrations
    db.execute("DROP TABLE _sqlite_migrations")
    db.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT, "
               "applied_at TEXT)")  # fmt: skip
    for version, name, _ in migrations.MIGRATIONS[:3]:
        db.execute("INSERT INTO schema_migrations VALUES (?, ?, '2026-01-01')", (version, name))
    # 1-3 would fail if run again (their tables exist)
    assert migrations.migrate(db) == list(range(4, migrations.LATEST + 1))
    assert "schema_migrations" not in db.table_names()
    assert len(_names(db)) == migrations.LATEST


def test_a_newer_schema_is_refused_and_nothing_changes(tmp_path: Path) -> None:
    db = migrations.open_migrated(tmp_path / "k.db")
    db.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
               "VALUES ('kitar', '099 from the future', '2099-01-01')")  # fmt: skip
    with pytest.raises(CorpusError, match="newer than this kitar"):
        migrations.migrate(db)
    assert migrations.current_version(db) == migrations.LATEST


def test_a_failing_migration_names_itself_and_rolls_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(db) -> None:  # type: ignore[no-untyped-def]
        db.execute("CREATE TABLE half_done (x)")
        raise ValueError("disk on fire")

    bad = migrations.LATEST + 1
    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, (bad, "broken", broken)])
    monkeypatch.setattr(migrations, "LATEST", bad)
    migrations.migration_set.cache_clear()
    try:
        db = open_db(tmp_path / "k.db")
        with pytest.raises(CorpusError, match=rf"migration {bad} \(broken\) failed: disk on fire"):
            migrations.migrate(db, target=bad)
        assert db.table_names() == []  # one transaction: the earlier versions rolled back too
    finally:
        migrations.migration_set.cache_clear()
