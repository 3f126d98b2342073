"""`pipelines/agenda.toml`: every form carries examples, and every example has its form."""

from __future__ import annotations

import shutil
import tomllib
from collections.abc import Iterator
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


def _named_checks(table: dict) -> Iterator[tuple[str, object, list[str], bool]]:
    """(key, pattern or word list, strings, must match) for every table, nested ones too:
    `<key>_examples`/`examples` (with `pattern`) must match, `..._counter_examples` must not."""
    for key, value in table.items():
        if isinstance(value, dict):
            yield from _named_checks(value)
        elif isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            for entry in value:
                yield from _named_checks(entry)
        for suffix, must in (("_counter_examples", False), ("_examples", True)):
            if key.endswith(suffix) or key == suffix[1:]:
                named = key[: -len(suffix)] or "pattern"
                if named in table:
                    yield key, table[named], value, must
                break


def test_every_named_pattern_matches_its_examples() -> None:
    """In every data file (agenda.toml, wordings.toml), `<key>_examples` are matched by `<key>`
    (a pattern, or a word list one of whose words each example contains) and
    `<key>_counter_examples` are not."""
    import re

    from kitar.parse.agenda import DATA_FILES, DATE, ORGS
    from kitar.parse.followups import organisations

    orgs = "|".join(re.escape(n) for n in sorted(organisations(), key=len, reverse=True))
    checked = {True: 0, False: 0}
    for name in DATA_FILES:
        data = tomllib.loads((PROJECT_DIR / "pipelines" / name).read_text(encoding="utf-8"))
        for key, named, examples, must in _named_checks(data):
            if isinstance(named, list):  # a word list
                assert named, key  # an empty list would match everywhere
                words = "|".join(re.escape(w) for w in named)
                spec = rf"(?<![\wæøå])(?:{words})(?![\wæøå])"
            else:
                assert isinstance(named, str), key
                spec = named.replace("{DATE}", DATE).replace(ORGS, orgs)
            # examples are matched in any case (agenda.toml sets its flags in code);
            # counter-examples with the pattern as written (wordings.toml has its flags inline)
            pattern = re.compile(spec, re.I if must else 0)
            for example in examples:
                assert bool(pattern.search(example)) == must, (name, key, example)
                checked[must] += 1
    assert checked[True] >= 150 and checked[False] >= 40, checked
