"""`pipelines/agenda.toml`: every form carries examples, and every example has its form."""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path

import pytest

from kitar.config import PROJECT_DIR
from kitar.parse import agenda as agenda_mod
from kitar.parse.agenda import AgendaDataError, agenda
from kitar.parse.closed import split_closed

DATA = tomllib.loads((PROJECT_DIR / "pipelines" / "agenda.toml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("form", DATA["item_heading"], ids=lambda f: f["name"])
def test_item_heading_examples_match_their_form(form: dict) -> None:
    compiled = next(h for h in agenda().headings if h.name == form["name"])
    assert form["examples"], form["name"]
    for example in form["examples"]:
        assert compiled.pattern.match(example), example


@pytest.mark.parametrize("label", DATA["decision_label"], ids=lambda d: d["name"])
def test_decision_label_examples_match(label: dict) -> None:
    compiled = next(d for d in agenda().decision_labels if d.name == label["name"])
    for example in label["examples"]:
        assert compiled.pattern.match(example), example


def test_case_shapes_and_labels() -> None:
    a = agenda()
    for shape in DATA["case_id"]["shape"]:
        for example in shape["examples"]:
            assert a.case_id_in(f"Sagsnr.: {example}") == example
    assert a.case_id_in("Sagsnr.: 330-2018-3619   Dok.nr.: 330-2018-500301   Åbent") == (
        "330-2018-3619"
    )
    assert a.case_id_in("Sag nr. 16/34038") == "16/34038"
    assert a.bare_case_id("85.02.02-G01-1-17") == "85.02.02-G01-1-17"
    # a bare serial needs its label: "2019" alone is a year, not a case
    assert a.bare_case_id("2019") is None


def test_closed_marker_examples_leave_the_title() -> None:
    titles = [split_closed(t) for t in DATA["closed"]["examples"]]
    assert all(closed for _, closed in titles)
    assert titles[0][0] == "Salg af arealer"
    assert split_closed("Beslutning om lukning af svømmehallen") == (
        "Beslutning om lukning af svømmehallen",
        False,
    )


def test_title_starting_with_beslutning_om_is_no_label() -> None:
    a = agenda()
    for example in DATA["decision_not"]["examples"]:
        assert a.decision_not.match(example)


def test_body_forms() -> None:
    a = agenda()
    for example in DATA["meeting"]["body_examples"]:
        assert a.body.search(example), example


def test_presenter_sentence() -> None:
    m = agenda().presenter_sentence.search(DATA["presenter"]["sentence_examples"][0])
    assert m and m.group("name") == "Anna Holm"


def test_custom_pipelines_folder_without_agenda_uses_the_projects(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KITAR_PIPELINES", str(tmp_path))
    assert agenda_mod.agenda_file() == PROJECT_DIR / "pipelines" / "agenda.toml"


def test_malformed_agenda_file_is_one_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copy(PROJECT_DIR / "pipelines" / "agenda.toml", tmp_path / "agenda.toml")
    (tmp_path / "agenda.toml").write_text("[item_heading\nbroken", encoding="utf-8")
    monkeypatch.setenv("KITAR_PIPELINES", str(tmp_path))
    with pytest.raises(AgendaDataError, match="cannot load agenda forms"):
        agenda()


def test_a_new_wording_is_a_data_change(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A municipality that writes `Behandlingspunkt 7 - Titel` is taught by a line of data."""
    from kitar.parse.meeting import parse_document
    from tests.parse_helpers import doc_from_lines

    lines = [
        "Dagsorden",
        "# Behandlingspunkt 1 - Godkendelse af dagsorden",
        "Sagsnr.: 24/101",
        "# Behandlingspunkt 2 - Budget for skoleområdet",
        "Sagsnr.: 24/102",
    ]
    assert parse_document(doc_from_lines(lines)).items == []
    text = (PROJECT_DIR / "pipelines" / "agenda.toml").read_text(encoding="utf-8")
    extra = (
        '[[item_heading]]\nname = "behandlingspunkt"\n'
        "pattern = '^Behandlingspunkt\\s+(?P<num>\\d{1,3})\\s*[-–:]\\s*(?P<title>\\S.*)$'\n"
        'examples = ["Behandlingspunkt 7 - Godkendelse af dagsorden"]\n\n'
    )
    (tmp_path / "agenda.toml").write_text(
        text.replace("[[item_heading]]", extra + "[[item_heading]]", 1), encoding="utf-8"
    )
    monkeypatch.setenv("KITAR_PIPELINES", str(tmp_path))
    for name in ("section_headings.txt", "organisations.txt", "abbreviations.txt"):
        shutil.copy(PROJECT_DIR / "pipelines" / name, tmp_path / name)
    items = parse_document(doc_from_lines(lines)).items
    assert [(i.number, i.title, i.case_id) for i in items] == [
        ("1", "Godkendelse af dagsorden", "24/101"),
        ("2", "Budget for skoleområdet", "24/102"),
    ]


def test_body_label_is_a_label_not_a_committee_name() -> None:
    a = agenda()
    for example in DATA["meeting"]["body_label_examples"]:
        assert a.body_label.match(example), example
    assert not a.body_label.match("Udvalget for plan, udvikling og kultur (PUK)")


def test_every_named_pattern_matches_its_examples() -> None:
    """`<key>_examples` in any table of agenda.toml are matched by that table's `<key>`."""
    import re
    import tomllib

    from kitar.parse.agenda import DATE

    data = tomllib.loads((PROJECT_DIR / "pipelines" / "agenda.toml").read_text(encoding="utf-8"))
    checked = 0
    for table in data.values():
        if not isinstance(table, dict):
            continue
        for key, examples in table.items():
            if not key.endswith("_examples") or key[: -len("_examples")] not in table:
                continue
            pattern = re.compile(table[key[: -len("_examples")]].replace("{DATE}", DATE), re.I)
            for example in examples:
                assert pattern.search(example), (key, example)
                checked += 1
    assert checked >= 20
