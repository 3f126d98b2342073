"""Properties of reflow: no letter is dropped or added other than a removed line-break hyphen
and whitespace; reflowing reflowed text changes nothing."""

from __future__ import annotations

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from kitar.text.hyphen import line_end_cases
from kitar.text.lexicon import Lexicon, default_lexicon
from kitar.text.reflow import reflow_text

# Danish letters, digits, punctuation, hyphens and dashes; private-use glyphs are left out
# (reflow removes those on purpose).
_ALPHABET = st.sampled_from(list("abcdeæøåABCÆØÅ0129-–.,:;()”’ "))
_WORD = st.text(_ALPHABET, min_size=1, max_size=12)
_LINE = st.lists(_WORD, min_size=1, max_size=6).map(" ".join)
_GAP = st.sampled_from(["\n", "\n\n", "\n \n", "-\n", "-\n\n"])
_TEXT = st.lists(st.tuples(_LINE, _GAP), min_size=1, max_size=8).map(
    lambda parts: "".join(line + gap for line, gap in parts)
)
# Arbitrary text too, including odd whitespace such as \x1c or \u2028
_ANY_TEXT = st.text(st.characters(blacklist_categories=("Co", "Cs")), max_size=200)

_SMALL = Lexicon("test", frozenset({"digitalisering", "forhold"}), frozenset({"a-kasse"}))


def _letters(text: str) -> str:
    return "".join(c for c in text if not c.isspace() and c != "-")


def _check(text: str, lexicon: Lexicon) -> None:
    assume("(cid:" not in text)
    out = reflow_text(text, lexicon=lexicon)
    # no letter dropped or added: only hyphens and whitespace may differ
    assert _letters(out) == _letters(text)
    # and only line-break hyphens may disappear
    removable = len(line_end_cases(text))
    assert text.count("-") - removable <= out.count("-") <= text.count("-")
    # reflowing reflowed text changes nothing
    assert reflow_text(out, lexicon=lexicon) == out
    assert "\n" not in out


@given(_TEXT)
@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
def test_reflow_keeps_letters_and_is_idempotent(text: str) -> None:
    _check(text, _SMALL)


@given(_ANY_TEXT)
@settings(max_examples=300)
def test_reflow_any_text(text: str) -> None:
    _check(text, _SMALL)


@given(_TEXT)
@settings(max_examples=60, deadline=None)
def test_reflow_with_default_lexicon(text: str) -> None:
    _check(text, default_lexicon())
