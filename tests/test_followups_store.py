"""Follow-up status in the corpus: save, list, done/reopen, statuses survive re-saving."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from kitar.errors import CorpusError
from kitar.minutes.service import sync_meeting
from kitar.model import FollowUp
from kitar.store.followups import (
    StoredFollowUp,
    list_followups,
    save_followups,
    set_status,
)
from kitar.store.migrations import open_migrated
from tests.minutes_fixtures import fictional_minutes


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    path = tmp_path / "kitar.db"
    database = open_migrated(path)
    conn = database.conn
    conn.execute(
        "INSERT INTO documents (id, sha256, path, format, pages) VALUES (1, 'x', 'f.pdf', 'pdf', 1)"
    )
    conn.execute(
        "INSERT INTO meetings (id, document_id, kind, body, date) "
        "VALUES (5, 1, 'minutes', 'Udvalget for Digital Udvikling', '2024-03-12')"
    )
    conn.execute(
        "INSERT INTO items (id, meeting_id, number, title, position) VALUES (50, 5, '2', 'Plan', 2)"
    )
    conn.close()
    return path


def _fu(action: str, owner: str | None = "KL", due: str | None = "2024-05-31") -> FollowUp:
    return FollowUp(owner=owner, action=action, due=due, item_number="2", sentence=action + ".",
                    origin="decision")  # fmt: skip


def test_save_and_list(db: Path) -> None:
    ids = save_followups(db, 5, [_fu("KL sender plan"), _fu("KOMBIT leverer", "KOMBIT", None)])
    rows = list_followups(db)
    assert [r.id for r in rows] == ids  # dated first
    first = rows[0]
    assert (first.item_id, first.status, first.meeting_date) == (50, "open", "2024-03-12")
    assert first.source == "decision: KL sender plan."
    assert first.meeting_body == "Udvalget for Digital Udvikling"


def test_done_reopen_and_filters(db: Path) -> None:
    a, b = save_followups(db, 5, [_fu("KL sender plan"), _fu("KOMBIT leverer", "KOMBIT")])
    assert set_status(db, a, "done").status == "done"
    assert [r.id for r in list_followups(db, open_only=True)] == [b]
    assert [r.id for r in list_followups(db, owner="kombit")] == [b]
    assert set_status(db, a, "open").status == "open"
    assert len(list_followups(db, open_only=True, meeting_id=5)) == 2
    assert list_followups(db, meeting_id=99) == []


def test_status_survives_resave_and_stale_open_ones_go(db: Path) -> None:
    a, _ = save_followups(db, 5, [_fu("KL sender plan"), _fu("Gammel handling")])
    set_status(db, a, "done")
    again = save_followups(db, 5, [_fu("KL sender plan", due="2024-06-30"), _fu("Ny handling")])
    assert again[0] == a
    rows = {r.action: r for r in list_followups(db)}
    assert rows["KL sender plan"].status == "done" and rows["KL sender plan"].due == "2024-06-30"
    assert "Gammel handling" not in rows and "Ny handling" in rows


def test_overdue() -> None:
    fu = _stored(due="2024-01-01", status="open")
    assert fu.overdue(date(2024, 2, 1)) and not fu.overdue(date(2023, 12, 1))
    assert not _stored(due="2024-01-01", status="done").overdue(date(2024, 2, 1))
    assert not _stored(due=None, status="open").overdue(date(2024, 2, 1))


def _stored(due: str | None, status: str) -> StoredFollowUp:
    return StoredFollowUp(1, 5, None, "2", "KL", "x", due, "", status, "", "")


def test_errors(db: Path, tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="no follow-up with id 999"):
        set_status(db, 999, "done")
    with pytest.raises(CorpusError, match="unknown follow-up status"):
        set_status(db, 1, "maybe")
    with pytest.raises(CorpusError):
        list_followups(tmp_path / "missing.db")


def test_sync_meeting_from_model(db: Path) -> None:
    ids = sync_meeting(db, 5, fictional_minutes())
    rows = list_followups(db)
    assert len(rows) == len(ids) >= 2
    assert {r.owner for r in rows} >= {"Administrationen", "KOMBIT"}
    assert sync_meeting(db, 5, fictional_minutes()) == ids  # idempotent


def test_stale_meetings(db: Path) -> None:
    from kitar.store.db import connect
    from kitar.store.followups import stale_meetings

    assert stale_meetings(db, [5]) == {5}  # never extracted
    save_followups(db, 5, [_fu("KL sender plan")])
    conn = connect(db)
    conn.execute("UPDATE documents SET ingested_at = '2000-01-01T00:00:00+00:00'")
    conn.close()
    assert stale_meetings(db, [5]) == set()
    conn = connect(db)
    conn.execute("UPDATE documents SET ingested_at = '2999-01-01T00:00:00+00:00'")
    conn.close()
    assert stale_meetings(db, [5]) == {5}  # re-ingested since
    assert stale_meetings(db, []) == set()
