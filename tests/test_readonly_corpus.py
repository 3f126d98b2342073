"""A corpus that cannot be written: read commands answer as usual, write commands say so.

Two ways to make it unwritable: `chattr +i` on the database and its folder (real: skipped
where the file system or the user cannot), and a mocked `os.access` (what a read-only share
looks like to kitar: CI runs as root, which ignores permission bits).
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kitar.cli.app import app
from kitar.errors import CorpusError
from kitar.ingest.batch import ingest
from kitar.store import db as dbmod
from kitar.store.search import search
from tests.test_store_fakes import fake_processor, make_meeting, write_fake

runner = CliRunner()


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("ro-source")
    files = [
        write_fake(folder / "a.txt", make_meeting()),
        write_fake(folder / "b.txt", make_meeting(date="2024-05-01", kind="minutes")),
    ]
    db = folder / "kitar.db"
    ingest(files, db, processor=fake_processor)
    with sqlite3.connect(db) as conn:  # a corpus left in WAL mode, as ingest leaves it
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    return db


@pytest.fixture()
def corpus(source: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "share" / "kitar.db"
    copy.parent.mkdir()
    shutil.copy(source, copy)
    return copy


def _chattr(flag: str, *paths: Path) -> bool:
    try:
        done = subprocess.run(["chattr", flag, *map(str, paths)], capture_output=True, check=False)
    except FileNotFoundError:
        return False
    return done.returncode == 0


@pytest.fixture()
def immutable(corpus: Path) -> Iterator[Path]:
    if not _chattr("+i", corpus, corpus.parent):
        pytest.skip("chattr +i is not available here")
    try:
        yield corpus
    finally:
        _chattr("-i", corpus, corpus.parent)


@pytest.fixture()
def read_only_share(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Nothing in the share can be written, as os.access reports it on a read-only mount."""
    monkeypatch.setattr(dbmod.os, "access", lambda path, mode: False)
    return corpus


def _hits(db: Path) -> list[tuple]:
    return [(h.kind, h.item_number, h.snippet) for h in search(db, "digitaliseringsstrategien")]


def test_search_on_an_immutable_corpus_answers_as_usual(
    source: Path, immutable: Path, tmp_path: Path
) -> None:
    expected = _hits(source)
    assert expected
    assert _hits(immutable) == expected
    result = runner.invoke(app, ["search", "digitaliseringsstrategien", "--db", str(immutable)])
    assert result.exit_code == 0 and "Punkt 1 om digitaliseringsstrategien" in result.output
    assert sorted(p.name for p in immutable.parent.iterdir()) == ["kitar.db"]  # no -wal/-shm


@pytest.mark.parametrize(
    "args", [["meetings"], ["stats"], ["show", "1"], ["people"], ["followups"]]
)
def test_read_commands_on_an_immutable_corpus(immutable: Path, args: list[str]) -> None:
    result = runner.invoke(app, [*args, "--db", str(immutable)])
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output


def test_write_commands_on_an_immutable_corpus_give_one_line(
    immutable: Path, tmp_path: Path
) -> None:
    new = write_fake(tmp_path / "c.txt", make_meeting(date="2024-09-09"))
    for args in (["ingest", str(new)], ["followups", "done", "1"]):
        result = runner.invoke(app, [*args, "--db", str(immutable)])
        assert result.exit_code == 10, result.output
        assert "skrivebeskyttet" in result.output and len(result.output.strip().splitlines()) == 1


def test_read_only_share_opens_immutable_and_searches(
    source: Path, read_only_share: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []
    real_connect = sqlite3.connect

    def spy(target: str, *args: object, **kwargs: object) -> sqlite3.Connection:
        opened.append(str(target))
        return real_connect(target, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(dbmod.sqlite3, "connect", spy)
    assert _hits(read_only_share) == _hits(source)
    assert opened and all("mode=ro&immutable=1" in uri for uri in opened[-1:])
    with pytest.raises(CorpusError, match="read-only"):
        dbmod.open_db(read_only_share)


def test_read_only_connection_cannot_write(corpus: Path) -> None:
    conn = dbmod.connect(corpus, readonly=True)
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        conn.execute("DELETE FROM meetings")
    conn.close()
    conn = dbmod.connect(corpus, readonly=True)
    with pytest.raises(CorpusError, match="read-only"), dbmod.transaction(conn):
        conn.execute("DELETE FROM meetings")
    assert not conn.in_transaction
