"""The rule engine's word gate: the automaton (ahocorasick-rs) finds in a block exactly the
required words that one substring test a word finds, so that the same rules are tried."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.engine import apply
from cleaner.engine.apply import _Bucket
from cleaner.engine.loader import load_rules

RULES = load_rules().rules
BUCKET = _Bucket(RULES)
WORDS = sorted({word for rule in RULES for word in rule.matcher.requires})


def _by_tests(bucket: _Bucket, lower: str) -> list[int]:
    """The words found without the automaton."""
    finder, bucket.finder = bucket.finder, None
    try:
        return bucket._words_in(lower)
    finally:
        bucket.finder = finder


def test_the_automaton_is_installed_for_the_tests() -> None:
    assert apply.AUTOMATON and BUCKET.finder is not None


def test_words_inside_words_are_found_by_both() -> None:
    lower = "reporting by jane doe; editing by john roe. (c) 2024 photo: ap"
    found = BUCKET._words_in(lower)
    assert found == _by_tests(BUCKET, lower)
    words = list(dict.fromkeys(word for rule in RULES for word in rule.matcher.requires))
    named = {words[i] for i in found}
    assert {"by", "editing by", "reporting by", "(c)", "photo"} <= named


def test_a_lone_surrogate_falls_back_to_the_tests() -> None:
    lower = "photo \udc80 by"
    assert BUCKET._words_in(lower) == _by_tests(BUCKET, lower) != []


# Texts made of the rules' own words and of what stands around them, in any order.
_PIECES = st.sampled_from([*WORDS, " ", "x", "é", "ß", "İ", "–", "\u00a0", "\udc80", "年"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=30).map("".join))
def test_both_ways_find_the_same_words(text: str) -> None:
    lower = text.lower()
    assert BUCKET._words_in(lower) == _by_tests(BUCKET, lower)


@pytest.mark.parametrize("text", ["", "a", "BY", "nothing here at all"])
def test_blocks_without_words(text: str) -> None:
    assert BUCKET._words_in(text.lower()) == _by_tests(BUCKET, text.lower())
