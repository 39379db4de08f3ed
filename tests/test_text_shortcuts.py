"""The text path's shortcuts give what the plain computations they replace give: a story
paragraph's words counted no further than needed, a page's control characters found once, text
keys made by a byte table."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.blocks import STORY_LONG_WORDS, STORY_WORDS, is_story_paragraph
from cleaner.decode import decode
from cleaner.errors import InputError
from cleaner.lexicon import ends_sentence, text_key
from cleaner.normalize import (
    _INVISIBLE_OR_ODD,
    collapse_spaces,
    has_line_controls,
    nfc,
    normalize_line,
    normalize_printable_line,
    strip_invisible,
)
from cleaner.text_blocks import text_to_page

#: Words of every length a paragraph holds: short ones, long ones, very long ones (a URL).
_WORDS = st.lists(
    st.sampled_from(["a", "of", "the", "Rubio", "Außenminister", "x" * 40, "said.", "—"]),
    min_size=1,
    max_size=90,
)


@settings(max_examples=300, deadline=None)
@given(_WORDS)
def test_a_story_paragraph_is_told_as_by_its_whole_word_count(words: list[str]) -> None:
    text = " ".join(words)
    count = text.count(" ") + 1
    plain = count >= STORY_LONG_WORDS or (count >= STORY_WORDS and ends_sentence(text))
    assert is_story_paragraph(text) == plain


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=0x7F), max_size=60))
def test_an_ascii_text_key_is_the_patterns(text: str) -> None:
    assert text_key(text) == re.sub(r"[\W_]+", "", text).casefold()


def test_a_key_of_other_scripts_too() -> None:
    assert text_key("Außenminister Lavrov, in Kuala-Lumpur!") == "aussenministerlavrovinkualalumpur"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=0x7F, exclude_characters="\t\n\r")))
def test_a_page_without_controls_normalizes_each_line_as_before(line: str) -> None:
    if not has_line_controls(line):
        assert normalize_printable_line(line) == normalize_line(line)
    else:
        assert not line.isprintable()  # the page is normalized the careful way


def test_every_character_a_wide_line_loses_is_unprintable() -> None:
    """A printable line is left as it is without the pattern's search: none of the invisible
    characters and odd spaces it looks for is printable."""
    found = [
        chr(code)
        for code in range(0x110000)
        if not 0xD800 <= code <= 0xDFFF and _INVISIBLE_OR_ODD.match(chr(code))
    ]
    assert len(found) > 40  # the set as the pattern holds it: C0 controls, spaces, marks
    assert not [char for char in found if char.isprintable()]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="aé ’\u00a0\u200b\u00ad\u3000\t\u2009—x", max_size=40))
def test_a_wide_line_normalizes_as_by_the_pattern_alone(line: str) -> None:
    plain = collapse_spaces(strip_invisible(nfc(line)))
    assert normalize_line(line) == plain


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=60), st.sampled_from([b"", b"\xef\xbb\xbf", b'<meta charset="utf-8">']))
def test_the_input_bytes_kept_are_the_texts_utf8(data: bytes, head: bytes) -> None:
    """decode keeps the input's bytes only when they are its text's UTF-8 encoding."""
    try:
        read = decode(head + data)
    except InputError:
        return
    assert read.utf8 is None or read.utf8 == read.text.encode("utf-8")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab .\n\t\x00\x0cé’ÃƒÂ¢â€™", max_size=60))
def test_a_page_from_its_bytes_is_the_page_from_its_text(text: str) -> None:
    """Mojibake and control characters looked for in the bytes give the same blocks."""
    assert text_to_page(text, utf8=text.encode("utf-8")) == text_to_page(text)


def test_a_utf8_input_keeps_its_bytes_and_a_marked_one_does_not() -> None:
    assert decode("Köln ’".encode()).utf8 == "Köln ’".encode()
    assert decode(b"\xef\xbb\xbfK\xc3\xb6ln").utf8 is None
    assert decode("Köln".encode("cp1252")).utf8 is None
