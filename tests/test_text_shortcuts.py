"""The text path's shortcuts give what the plain computations they replace give: a page's
control characters found once, text keys made by a byte table."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.lexicon import text_key
from cleaner.normalize import has_line_controls, normalize_line, normalize_printable_line


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
