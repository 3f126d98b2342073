"""The spaCy pipeline: Danish abbreviations stay inside sentences; organisations come from data."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kitar.config import pipelines_dir
from kitar.parse import nlp, vocabulary


@pytest.mark.parametrize("abbr", ["vedr.", "bl.a.", "ift.", "jf.", "f.eks.", "pr."])
def test_abbreviations_do_not_end_sentences(abbr: str) -> None:
    text = f"Rådet drøfter planen {abbr} budgettet for 2025. Næste punkt er status."
    assert nlp.sentences(text) == [
        f"Rådet drøfter planen {abbr} budgettet for 2025.",
        "Næste punkt er status.",
    ]


def test_known_organisations_are_entities() -> None:
    spans = nlp.organisation_spans("v. Anna Holm, KL og Bo Lind, Digitaliseringsstyrelsen")
    assert [name for _, _, name in spans] == ["KL", "Digitaliseringsstyrelsen"]


def test_alias_maps_to_reported_name() -> None:
    assert [n for *_, n in nlp.organisation_spans("Notat fra Kommunernes Landsforening")] == ["KL"]


def test_pipeline_is_loaded_once() -> None:
    assert nlp.load() is nlp.load()


def _pipelines_with(tmp_path: Path, monkeypatch, name: str, line: str) -> None:
    """A copy of pipelines/ with `line` added to its file `name`, used via KITAR_PIPELINES."""
    folder = tmp_path / "pipelines"
    shutil.copytree(pipelines_dir(), folder)
    with (folder / name).open("a", encoding="utf-8") as fh:
        fh.write(line + "\n")
    monkeypatch.setenv("KITAR_PIPELINES", str(folder))


def test_secretariat_adds_an_organisation_without_code(tmp_path: Path, monkeypatch) -> None:
    _pipelines_with(tmp_path, monkeypatch, "organisations.txt", "Fynbus")
    caches = [
        nlp.load,
        nlp._organisation_matcher,
        vocabulary.organisations,
        vocabulary.organisation_lookup,
    ]
    for cache in caches:
        cache.cache_clear()
    try:
        assert nlp.canonical_organisation("Fynbus") == "Fynbus"
    finally:
        monkeypatch.undo()
        for cache in caches:
            cache.cache_clear()
    assert nlp.canonical_organisation("Fynbus") is None


def test_section_heading_added_in_data(tmp_path: Path, monkeypatch) -> None:
    _pipelines_with(tmp_path, monkeypatch, "section_headings.txt", "Klimavurdering")
    vocabulary.section_headings.cache_clear()
    vocabulary._heading_prefix.cache_clear()
    try:
        assert vocabulary.is_section_heading("Klimavurdering:")
    finally:
        monkeypatch.undo()
        vocabulary.section_headings.cache_clear()
        vocabulary._heading_prefix.cache_clear()
    vocabulary._heading_prefix.cache_clear()
    assert not vocabulary.is_section_heading("Klimavurdering")
