"""`kitar publish OUT.db`: a copy of the corpus that is safe to serve with datasette as it is.

Everything a public reader may not see (kitar.redact) is removed from the copy, not hidden:
closed items keep their number and title only, confidential annexes their number and
`(fortroligt bilag)`, other text has their titles replaced, internal search units are dropped,
raw page texts are dropped (the public search units hold what is public of them) and the FTS
index is rebuilt from what is left. The copy is written with VACUUM INTO, so no deleted text
survives in free pages; datasette's table pages and SQL editor can show only what is left.

Personal data in the open items (kitar.minutes.personal) is listed; with `redact_personal`
it is replaced, otherwise nothing is written.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from kitar.errors import CorpusError
from kitar.minutes.output import check_target, install
from kitar.minutes.personal import Finding, find_personal, replace_personal
from kitar.redact import PLACEHOLDER, Redactor
from kitar.store.db import transaction
from kitar.store.fts import catch_up
from kitar.store.migrations import open_corpus
from kitar.store.rows import collect_orphans

# (table, text columns, how a row names its meeting): the text a public reader sees.
TEXT_COLUMNS: list[tuple[str, tuple[str, ...], str]] = [
    ("items", ("title", "decision"), "SELECT meeting_id FROM items WHERE id = t.id"),
    ("sections", ("heading", "text"), "SELECT meeting_id FROM items WHERE id = t.item_id"),
    ("recommendations", ("text",), "SELECT meeting_id FROM items WHERE id = t.item_id"),
    ("decisions", ("text",), "SELECT meeting_id FROM items WHERE id = t.item_id"),
    ("annexes", ("title",), "SELECT meeting_id FROM items WHERE id = t.item_id"),
    ("followups", ("owner", "action", "source"), "SELECT t.meeting_id"),
    ("search_units", ("text",), "SELECT t.meeting_id"),
    ("meetings", ("location", "warnings"), "SELECT t.id"),
]


@dataclass
class PublishReport:
    out: Path
    written: bool
    findings: list[Finding] = field(default_factory=list)
    closed_items: int = 0
    confidential_annexes: int = 0
    dropped_units: int = 0
    meetings: int = 0
    units: int = 0


def _closed_subtrees(conn: sqlite3.Connection) -> None:
    """Closed items keep number and title; what is below them goes (sub-items included)."""
    while True:
        cur = conn.execute(
            "DELETE FROM items WHERE parent_id IN (SELECT id FROM items WHERE closed = 1)"
        )
        if cur.rowcount == 0:
            break
    closed = "(SELECT id FROM items WHERE closed = 1)"
    for table in ("sections", "recommendations", "decisions", "annexes", "presenters"):
        conn.execute(f"DELETE FROM {table} WHERE item_id IN {closed}")
    conn.execute(f"DELETE FROM attendance WHERE item_id IN {closed}")
    conn.execute(
        "UPDATE items SET decision = NULL, case_id = NULL, doc_id = NULL, page = NULL "
        "WHERE closed = 1"
    )
    # follow-ups cite their top-level item by number ("3.a" is under 3)
    conn.execute(
        "DELETE FROM followups WHERE item_id IN (SELECT id FROM items WHERE closed = 1) OR "
        "EXISTS (SELECT 1 FROM items i WHERE i.meeting_id = followups.meeting_id AND "
        "i.parent_id IS NULL AND i.closed = 1 AND i.number = "
        "(CASE WHEN instr(followups.item_number, '.') > 0 THEN substr(followups.item_number, "
        "1, instr(followups.item_number, '.') - 1) ELSE followups.item_number END))"
    )


def _redact_titles(conn: sqlite3.Connection) -> int:
    """Confidential annexes lose their titles; other text loses them too (kitar.redact)."""
    titles: dict[int, list[str]] = {}
    for meeting_id, title in conn.execute(
        "SELECT i.meeting_id, a.title FROM annexes a JOIN items i ON i.id = a.item_id "
        "WHERE a.confidential = 1"
    ):
        titles.setdefault(meeting_id, []).append(title or "")
    hidden = conn.execute(
        "UPDATE annexes SET title = ?, ref = NULL WHERE confidential = 1", (PLACEHOLDER,)
    ).rowcount
    reds = {m: Redactor(t) for m, t in titles.items()}
    _rewrite(conn, lambda meeting_id, text: reds[meeting_id].text(text) if meeting_id in reds
             else text)  # fmt: skip
    return hidden


def _rewrite(conn: sqlite3.Connection, change: Callable[[int | None, str], str]) -> None:
    for table, columns, meeting_of in TEXT_COLUMNS:
        for col in columns:
            rows = conn.execute(
                f"SELECT t.id, t.{col}, ({meeting_of}) FROM {table} t WHERE t.{col} IS NOT NULL"
            ).fetchall()
            updates = []
            for row_id, text, meeting_id in rows:
                new = change(meeting_id, text)
                if new != text:
                    updates.append((new, row_id))
            conn.executemany(f"UPDATE {table} SET {col} = ? WHERE id = ?", updates)


def scan_personal(conn: sqlite3.Connection) -> list[Finding]:
    """Personal data in what the published copy would show (open items only by then)."""
    found: list[Finding] = []
    for table, columns, meeting_of in TEXT_COLUMNS:
        for col in columns:
            for row_id, text, meeting_id in conn.execute(
                f"SELECT t.id, t.{col}, ({meeting_of}) FROM {table} t WHERE t.{col} IS NOT NULL"
            ):
                for kind, a, b in find_personal(text):
                    where = f"{table}.{col} row {row_id} (meeting {meeting_id})"
                    found.append(Finding(kind, text[a:b], where))
    return found


def _drop_hidden(conn: sqlite3.Connection) -> int:
    dropped = conn.execute("DELETE FROM search_units WHERE visibility = 'internal'").rowcount
    conn.execute("UPDATE search_units SET visibility = 'all'")
    conn.execute("DELETE FROM pages")  # raw page text: the public units hold what is public
    conn.execute(
        "UPDATE documents SET path = replace(path, rtrim(path, replace(path, '/', '')), '')"
    )
    collect_orphans(conn)  # people and organisations no public row names any more
    return dropped


def _reindex(conn: sqlite3.Connection) -> None:
    """A fresh FTS index from the public units only (no tokens of removed text remain)."""
    with transaction(conn):
        conn.execute("INSERT INTO search_units_fts (search_units_fts) VALUES ('delete-all')")
        conn.execute("UPDATE fts_state SET upto = 0")
    catch_up(conn)


def publish(
    db_path: str | Path, out: str | Path, *, redact_personal: bool = False, force: bool = False
) -> PublishReport:
    """Write the public copy of the corpus at `db_path` to `out`."""
    out = Path(out)
    check_target(out, force)  # the one output writer's rules: regular files, links replaced
    if out.resolve() == Path(db_path).resolve():
        raise CorpusError("publish writes a copy: give another file than the corpus", out)
    source = open_corpus(db_path)  # migrates an older corpus first
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, work = tempfile.mkstemp(suffix=".db", dir=out.parent)
    os.close(fd)
    try:
        target = sqlite3.connect(work)
        source.backup(target)  # a consistent snapshot, even while an ingest writes
        target.close()
        source.close()
        conn = open_corpus(work, readonly=False)  # the copy being made public
        report = PublishReport(out, written=False)
        with transaction(conn):
            report.closed_items = conn.execute(
                "SELECT count(*) FROM items WHERE closed = 1 AND (parent_id IS NULL OR "
                "parent_id NOT IN (SELECT id FROM items WHERE closed = 1))"
            ).fetchone()[0]
            _closed_subtrees(conn)
            report.confidential_annexes = _redact_titles(conn)
            report.dropped_units = _drop_hidden(conn)
            report.findings = scan_personal(conn)
            if report.findings and redact_personal:
                _rewrite(conn, lambda _m, text: replace_personal(text))
        if report.findings and not redact_personal:
            conn.close()
            return report
        _reindex(conn)
        report.meetings = conn.execute("SELECT count(*) FROM meetings").fetchone()[0]
        report.units = conn.execute("SELECT count(*) FROM search_units").fetchone()[0]
        fd, final = tempfile.mkstemp(suffix=".db", dir=out.parent)
        os.close(fd)
        os.unlink(final)  # VACUUM INTO needs a new file
        conn.execute("VACUUM INTO ?", (final,))
        conn.close()
        install(final, out, force=force)
        report.written = True
        return report
    finally:
        if os.path.exists(work):
            os.unlink(work)
