"""The unprinted-name test (:func:`cleaner.html.meta._printed`) finds a name where one search
for it as a pattern (``(?<!\\w)first\\W+second…(?!\\w)``, compiled for each name) finds it."""

from __future__ import annotations

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.html.meta import _WORD, _printed


def _by_pattern(name: str, text: str) -> bool:
    words = _WORD.findall(name.casefold())
    if not words:
        return _WORD.search(text) is None
    pattern = r"\W+".join(map(regex.escape, words))
    return regex.search(rf"(?<!\w){pattern}(?!\w)", text) is not None


# Words, parts of words, marks (a combining accent, a Devanagari vowel sign: word characters
# to ``regex``), spaces and punctuation.
_WORDS = ["ann", "lee", "ann lee", "an", "nn", "ee", "l", "a", "x", "é", "ß", "de", "la", "1"]
_PIECES = st.sampled_from([*_WORDS, "\u0301", "\u0915\u093f", "_", " ", ".", "-", ",", "'", "年"])


@settings(max_examples=500, deadline=None)
@given(st.lists(_PIECES, max_size=6).map("".join), st.lists(_PIECES, max_size=20).map("".join))
def test_found_where_the_pattern_finds_it(name: str, text: str) -> None:
    folded = text.casefold()
    assert _printed(name, folded) == _by_pattern(name, folded)


def test_names_printed_and_not() -> None:
    text = "by michael l. anderson, phd; designed by amende"
    assert _printed("Michael L Anderson", text)
    assert not _printed("Peter Amende", text)
    assert not _printed("Ann Lee", "joann leeds")
    assert _printed("", "")
    assert not _printed("", "words")
