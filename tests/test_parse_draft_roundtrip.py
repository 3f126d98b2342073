"""A `kitar minutes` draft, filled in and read back, keeps the agenda's structure and decisions."""

from __future__ import annotations

from pathlib import Path

from kitar.ingest.pipeline import process_file
from kitar.minutes.docx_write import fill_paragraphs
from kitar.minutes.draft import BESLUTNING_STYLE, build_minutes
from kitar.model import Meeting
from kitar.parse.evaluate import evaluate


def _draft(agenda: Meeting, path: Path, meeting_id: str) -> Path:
    """The internal (not --public) minutes draft, as `kitar minutes` writes it."""
    return build_minutes(agenda, path, template=None, public=False, force=False,
                         meeting_id=meeting_id, next_meeting=None)  # fmt: skip


def test_filled_draft_parses_to_the_agenda_plus_decisions(
    kl_agenda_txt: Path, kl_expected: dict, tmp_path: Path
) -> None:
    _, agenda = process_file(kl_agenda_txt)
    draft = _draft(agenda, tmp_path / "udkast.docx", "42")
    typed = [f"Beslutning nummer {k}: godkendt." for k in range(40)]
    filled_count = fill_paragraphs(draft, BESLUTNING_STYLE, typed, tmp_path / "udfyldt.docx")
    _, minutes = process_file(tmp_path / "udfyldt.docx")

    assert minutes.meeting.kind == "minutes" and minutes.meeting.draft_of == "42"
    ev = evaluate(minutes, {k: v for k, v in kl_expected.items() if k != "meeting"})
    for name in ("items", "subitems", "recommendations", "annexes", "closed"):
        assert ev.score(name).f1 == 1.0, (name, ev.differences)
    assert ev.score("presenters").f1 >= 0.95, ev.differences

    decisions = [d.text for i in minutes.items for x in (i, *i.subitems) for d in x.decisions]
    assert decisions == typed[:filled_count]
    item3 = minutes.items[2]
    assert item3.decisions == [] and all(s.decision for s in item3.subitems)


def test_filled_draft_is_linked_to_its_agenda_in_the_corpus(
    kl_agenda_txt: Path, tmp_path: Path
) -> None:
    from kitar.ingest.batch import ingest
    from kitar.store.queries import get_meeting, list_meetings

    db = tmp_path / "kitar.db"
    first = ingest([kl_agenda_txt], db)
    agenda_id = first.files[0].meeting_id
    assert agenda_id
    _, agenda = get_meeting(db, str(agenda_id))
    draft = _draft(agenda, tmp_path / "udkast.docx", str(agenda_id))
    fill_paragraphs(draft, BESLUTNING_STYLE, ["Taget til efterretning."], tmp_path / "f.docx")
    second = ingest([tmp_path / "f.docx"], db)
    assert second.files[0].status == "new"
    minutes_id = second.files[0].meeting_id
    rows = {m.id: m for m in list_meetings(db)}
    assert rows[minutes_id].kind == "minutes"
    assert rows[minutes_id].linked == {"agenda": agenda_id}
    assert rows[agenda_id].linked == {"minutes": minutes_id}
    assert rows[minutes_id].date == rows[agenda_id].date == "2016-08-29"
