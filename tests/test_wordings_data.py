"""`pipelines/wordings.toml`: outcomes, follow-up grammar and case keys are data with examples."""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path
from typing import get_args

import pytest

from kitar.config import PROJECT_DIR
from kitar.model import Decision, Item, Meeting, MeetingInfo, SourceInfo
from kitar.parse.agenda import AgendaDataError, agenda
from kitar.parse.cases import case_key, case_shape
from kitar.parse.followups import extract_followups, split_sentences
from kitar.parse.outcome import Outcome, classify_decision

WORDINGS = PROJECT_DIR / "pipelines" / "wordings.toml"
DATA = tomllib.loads(WORDINGS.read_text(encoding="utf-8"))


@pytest.mark.parametrize("rule", DATA["outcome"], ids=lambda o: o["name"])
def test_outcome_examples_classify_as_their_outcome(rule: dict) -> None:
    """The order counts: an example must reach its own rule before an earlier one takes it."""
    assert rule["name"] in get_args(Outcome)
    for example in rule["examples"]:
        assert classify_decision(example)[0] == rule["name"], example
    for example in rule["counter_examples"]:
        assert classify_decision(example)[0] != rule["name"], example


@pytest.mark.parametrize("shape", DATA["case_key"]["shape"], ids=lambda s: s["name"])
def test_case_key_shapes_fold_their_examples(shape: dict) -> None:
    assert len(shape["examples"]) == len(shape["keys"])
    for example, key in zip(shape["examples"], shape["keys"], strict=True):
        assert case_shape(example) == shape["name"], example
        assert case_key(f"Sagsnr.: {example}") == key
        assert case_key(key) == key  # a key is its own key
    for example in shape["counter_examples"]:
        assert case_shape(example) != shape["name"], example


def test_sentence_abbreviations_of_the_data_never_end_a_sentence() -> None:
    for abbreviation in agenda().followup.abbreviations:
        text = f"Planen sendes {abbreviation} Testrup Kommune i maj."
        assert split_sentences(text) == [text], abbreviation


def _pipelines_with(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, wordings: str) -> None:
    for source in (PROJECT_DIR / "pipelines").iterdir():
        shutil.copy(source, tmp_path / source.name)
    (tmp_path / "wordings.toml").write_text(wordings, encoding="utf-8")
    monkeypatch.setenv("KITAR_PIPELINES", str(tmp_path))


def test_a_new_outcome_wording_is_a_data_change(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A secretariat that writes `Sagen udskydes` teaches kitar with a word in the data."""
    assert classify_decision("Sagen udskydes.")[0] == "other"
    text = WORDINGS.read_text(encoding="utf-8")
    _pipelines_with(tmp_path, monkeypatch, text.replace(r"\budsættes|", r"\budsættes|\budskydes|"))
    assert classify_decision("Sagen udskydes.") == ("postponed", "udskydes")


def test_a_table_in_both_files_is_one_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = WORDINGS.read_text(encoding="utf-8")
    _pipelines_with(tmp_path, monkeypatch, text + '\n[absent]\npattern = "^Afbud"\n')
    with pytest.raises(AgendaDataError, match="tables in two files: \\['absent'\\]"):
        agenda()


def test_an_unknown_outcome_is_one_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = WORDINGS.read_text(encoding="utf-8")
    _pipelines_with(tmp_path, monkeypatch, text.replace('"not_approved"', '"rejected"', 1))
    with pytest.raises(AgendaDataError, match="unknown outcome 'rejected'"):
        classify_decision("Ikke godkendt.")


# ---- each follow-up wording changes an answer ---------------------------------------------


def _followups(text: str, organisations_dir: Path | None = None) -> list[tuple[str | None, str]]:
    item = Item("3", "Testpunkt", decisions=[Decision(text)])
    meeting = Meeting(
        SourceInfo("fiktiv.pdf", "", "pdf", 1),
        MeetingInfo(kind="minutes", body="Testrådet", date="2026-03-02"),
        items=[item],
    )
    found = extract_followups(meeting, organisations_dir=organisations_dir)
    return [(f.owner, f.action) for f in found]


def test_a_clause_opener_leaves_the_subject() -> None:
    assert _followups("at forvaltningen udarbejder en plan i uge 40.") == [
        ("Forvaltningen", "At forvaltningen udarbejder en plan i uge 40")
    ]


def test_things_are_no_agents() -> None:
    assert _followups("Løsningen går i drift i uge 40.") == []
    assert _followups("Sekretariatet går i gang i uge 40.")[0][0] == "Sekretariatet"


def test_the_meetings_own_verbs_need_a_deadline() -> None:
    assert _followups("Styregruppen drøfter planen.") == []
    assert _followups("Styregruppen drøfter planen i uge 40.")[0][0] == "Styregruppen"


def test_the_agent_of_a_passive_owns_it() -> None:
    assert _followups("Notatet udarbejdes af KOMBIT i uge 40.") == [
        ("KOMBIT", "Notatet udarbejdes af KOMBIT i uge 40")
    ]


def test_a_date_after_d_stays_in_its_sentence() -> None:
    text = "Planen drøftes d. 4. maj 2026 i Testrup."
    assert split_sentences(text) == [text]


def test_owners_without_an_organisations_file(tmp_path: Path) -> None:
    """A pipelines folder without organisations.txt still knows the usual owners."""
    assert _followups("KOMBIT sender et notat i uge 40.", tmp_path) == [
        ("KOMBIT", "KOMBIT sender et notat i uge 40")
    ]
