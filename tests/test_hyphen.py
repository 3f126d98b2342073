"""Line-end hyphen decisions: rules, document vocabulary, lexicon, and the real KL sample."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from kitar.text import hyphen, lexicon
from kitar.text.hyphen import apply, by_document, by_lexicon, by_rules, decide, line_end_cases
from kitar.text.lexicon import Lexicon, default_lexicon, document_vocabulary

# (left token at the line end, first token of the next line, expected text). Written for kitar;
# bench/eval_hyphenation.py measures every strategy on this table too.
CASES: list[tuple[str, str, str]] = [
    # hyphen kept: abbreviation, acronym, digit, single letter, established words
    ("it-", "arkitekter", "it-arkitekter"),
    ("CPR-", "nummer", "CPR-nummer"),
    ("EU-", "udbud", "EU-udbud"),
    ("2030-", "fremskrivning", "2030-fremskrivning"),
    ("e-", "handel", "e-handel"),
    ("a-", "kasse", "a-kasse"),
    ("ikke-", "planlagte", "ikke-planlagte"),
    ("step-", "up", "step-up"),
    ("”step-", "up-modellen”", "”step-up-modellen”"),
    ("IT-", "ansvarlige", "IT-ansvarlige"),
    ("It-", "Arkitekturrådet", "It-Arkitekturrådet"),
    ("18-", "årige", "18-årige"),
    ("KL-", "sekretariatet", "KL-sekretariatet"),
    ("tv-", "avis", "tv-avis"),
    ("pc-", "arbejdsplads", "pc-arbejdsplads"),
    ("SMS-", "besked", "SMS-besked"),
    ("Thorning-", "Schmidt", "Thorning-Schmidt"),
    ("e-", "mail", "e-mail"),
    ("follow-", "up", "follow-up"),
    ("BPI-", "programmet", "BPI-programmet"),
    ("ikke-", "medlemmer", "ikke-medlemmer"),
    ("Unikt-", "ID", "Unikt-ID"),
    ("anti-", "EU-holdning", "anti-EU-holdning"),
    # hyphen and space kept before a conjunction
    ("Børne-", "og", "Børne- og"),
    ("bruger-", "og", "bruger- og"),
    ("tjeneste-", "eller", "tjeneste- eller"),
    ("1-", "eller", "1- eller"),
    # a split acronym the organisation list knows
    ("KOM-", "BIT", "KOMBIT"),
    ("KOM-", "BIT,", "KOMBIT,"),
    # typesetter's splits: join
    ("digi-", "taliseringsstrategi", "digitaliseringsstrategi"),
    ("kommu-", "nerne", "kommunerne"),
    ("Sam-", "menhængende", "Sammenhængende"),
    ("sagsbe-", "handling", "sagsbehandling"),
    ("bør-", "nehaver", "børnehaver"),
    ("udvalgs-", "formanden", "udvalgsformanden"),
    ("Da-", "niel", "Daniel"),
    ("Stan-", "dard", "Standard"),
    ("be-", "slutning", "beslutning"),
    ("økonomi-", "styring", "økonomistyring"),
    ("fælles-", "kommunal", "fælleskommunal"),
    ("e-handels-", "system", "e-handelssystem"),
    ("UNI-Lo-", "gin", "UNI-Login"),
    ("BPI-syste-", "merne", "BPI-systemerne"),
    ("ind-", "stilling", "indstilling"),
    ("borger-", "service", "borgerservice"),
    ("ældre-", "området", "ældreområdet"),
    ("Social-", "forvaltningen", "Socialforvaltningen"),
    ("ud-", "valget,", "udvalget,"),
    ("Miljøforvalt-", "ningen", "Miljøforvaltningen"),
    ("hjemme-", "plejen.", "hjemmeplejen."),
    ("bevil-", "ling", "bevilling"),
    ("anlægs-", "bevilling", "anlægsbevilling"),
    ("daginsti-", "tutioner", "daginstitutioner"),
    ("skole-", "reformen", "skolereformen"),
    ("gennem-", "førelse", "gennemførelse"),
    ("kvalitets-", "standarder", "kvalitetsstandarder"),
    ("rehabili-", "tering", "rehabilitering"),
    ("for-", "ventet", "forventet"),
    ("ar-", "bejdsgange", "arbejdsgange"),
]


@pytest.fixture(autouse=True)
def org_list(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A fictitious organisation list so the tests do not depend on pipelines/."""
    (tmp_path / "organisations.txt").write_text("# test\nKOMBIT\nKL = Kommunernes Landsforening\n")
    monkeypatch.setenv("KITAR_PIPELINES", str(tmp_path))


def test_table_is_large_enough() -> None:
    assert len(CASES) >= 40


@pytest.mark.parametrize(("left", "right", "expected"), CASES)
def test_decide_table(left: str, right: str, expected: str) -> None:
    assert apply(left, right, decide(left, right)) == expected


@pytest.mark.parametrize(
    ("left", "right"),
    [("2030-", "fremskrivning"), ("e-", "handel"), ("CPR-", "nummer"), ("it-", "arkitekter"),
     ("ikke-", "planlagte"), ("step-", "up-modellen"), ("Thorning-", "Schmidt")],
)  # fmt: skip
def test_each_keep_rule(left: str, right: str) -> None:
    assert by_rules(left, right) == "keep"


def test_conjunction_rule_keeps_hyphen_and_space() -> None:
    assert by_rules("Børne-", "og") == "keep_space"
    assert decide("Børne-", "og") == "keep_space"


def test_no_rule_for_an_ordinary_split() -> None:
    assert by_rules("digi-", "taliseringsstrategi") is None
    assert by_rules("KOM-", "BIT") == "keep"  # without evidence an acronym keeps its hyphen


def test_document_vocabulary_decides_both_ways() -> None:
    vocab = Counter({"e-handel": 3, "skoleintra": 1, "digitaliseringsstrategi": 2})
    assert by_document("e-", "handel", vocab) == "keep"
    assert by_document("digi-", "taliseringsstrategi", vocab) == "join"
    # the rules alone would keep the hyphen before a capital; the document says SkoleIntra
    assert decide("Skole-", "Intra", vocab) == "join"
    assert by_document("for-", "hold", vocab) is None


def test_organisation_list_joins_split_acronym(tmp_path: Path) -> None:
    assert by_document("KOM-", "BIT", None) == "join"
    (tmp_path / "organisations.txt").write_text("KL\n")
    lexicon._organisations.cache_clear()
    lexicon._organisation_words.cache_clear()
    assert by_document("KOM-", "BIT", None) is None


def test_lexicon_evidence() -> None:
    lex = Lexicon("test", frozenset({"forhold"}), frozenset({"a-kasse"}))
    assert by_lexicon("for-", "hold", lex) == "join"
    assert by_lexicon("a-", "kasse", lex) == "keep"
    assert by_lexicon("x-", "y", lex) is None
    assert by_lexicon("for-", "hold", None) is None


def test_default_lexicon_loads_danish_words() -> None:
    lex = default_lexicon()
    assert lex.knows("kommunerne") and lex.knows("digitalisering")
    assert lex.knows_hyphenated("a-kasse")
    assert not lex.knows("ehandel")


def test_document_vocabulary_skips_line_end_fragments() -> None:
    vocab = document_vocabulary(["den digi-\ntaliseringsstrategi og e-handel"])
    assert "digi" not in vocab and "taliseringsstrategi" not in vocab
    assert vocab["e-handel"] == 1


def test_line_end_cases() -> None:
    text = "den digi-\n\ntaliseringsstrategi\nHøringssvar -\nFLIS og e-\nhandel"
    assert line_end_cases(text) == [("digi-", "taliseringsstrategi"), ("e-", "handel")]


def test_apply() -> None:
    assert apply("digi-", "tal", "join") == "digital"
    assert apply("e", "handel", "keep") == "e-handel"
    assert apply("Børne-", "og", "keep_space") == "Børne- og"


@pytest.mark.samples
def test_all_177_sample_hyphens(kl_agenda_txt: Path, kl_expected: dict) -> None:
    text = kl_agenda_txt.read_text(encoding="utf-8")
    cases = line_end_cases(text)
    assert len(cases) == 177
    keep = {w.lower() for w in kl_expected["hyphen_keep"]}
    vocab = document_vocabulary([text])
    wrong = []
    for left, right in cases:
        hyphenated = hyphen._core(left, right)
        expected = "keep" if "-".join(hyphenated).lower() in keep else "join"
        got = decide(left, right, vocab)
        if got != expected:
            wrong.append((left, right, got))
    assert wrong == []
    assert (
        sum(1 for left, right in cases if "-".join(hyphen._core(left, right)).lower() in keep) == 2
    )


def test_cached_forms_build_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = tmp_path / "kilde.json"
    source.write_text("{}")
    monkeypatch.setenv("KITAR_CACHE", str(tmp_path / "cache"))
    calls: list[int] = []

    def build() -> list[str]:
        calls.append(1)
        return ["kommune", "a-kasse"]

    assert sorted(lexicon._cached_forms_file("test", source, build)[1]) == ["a-kasse", "kommune"]
    assert sorted(lexicon._cached_forms_file("test", source, build)[1]) == ["a-kasse", "kommune"]
    assert calls == [1]
    # an unwritable cache still gives the forms
    monkeypatch.setenv("KITAR_CACHE", str(source / "not-a-dir"))
    assert sorted(lexicon._cached_forms_file("test", source, build)[1]) == ["a-kasse", "kommune"]


def test_hashed_words_answer_like_a_set(tmp_path: Path) -> None:
    """The large lexicon is kept as 64-bit hashes: membership, size, union and its cache file
    answer as the set of strings would."""
    from kitar.text.lexicon import HashedWords

    words = {"digitalisering", "forhold", "kommunerne", "æblemost"}
    hashed = HashedWords.of(words)
    assert all(w in hashed for w in words)
    assert "digitaliseringen" not in hashed and "ehandel" not in hashed and 3 not in hashed
    assert len(hashed) == 4
    both = hashed | frozenset({"udvalg"})
    assert "udvalg" in both and "forhold" in both and len(both) == 5
    path = tmp_path / "words.hashes"
    hashed.tofile(path)
    again = HashedWords.fromfile(path)
    assert "æblemost" in again and len(again) == 4
