"""model.next-story's first look for a feed's sign-off in C (``_cfeatures.c``'s
``signoff_blocks``) is story.py's Python one (``python_signoff_blocks``): the same blocks for every page of the seeds and
text fixtures, made texts holding the piece or a near miss at every place in each kind of str,
random texts, and (where ``training/data`` is built) every dump the models are trained and
validated on; and the regex engine's case-blind piece matches its letters' ASCII capitals and
nothing else, which the C's reading of a character by bit 0x20 takes for granted."""

from __future__ import annotations

import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.blocks import Block, PageMeta
from cleaner.compiled_follows import SIGNOFF
from cleaner.passes import story
from cleaner.text_blocks import text_to_page

from .conftest import TEXT_PAGES
from .outcomes import assert_compiled_follows
from .training_dumps import dump_texts, needs_training_data

compiled = story._signoff_blocks()
needs_compiled = pytest.mark.skipif(
    compiled is story.python_signoff_blocks,
    reason="the package was built without its C extension (or not for this code)",
)
PIECE = story._FEED_SIGNOFF_PIECE.pattern


def test_the_compiled_look_follows_this_story_py() -> None:
    """The code the compiled look follows (``compiled_follows.SIGNOFF``) is the one it was
    written to: when this fails, that code changed and the Python runs everywhere: make
    ``_cfeatures.c``'s ``signoff_blocks`` compute the same (the tests below compare them), then set
    its ``SIGNOFF_HASH`` to the one printed and rebuild (``pip install -e .``)."""
    assert_compiled_follows("SIGNOFF_HASH", SIGNOFF, compiled is not story.python_signoff_blocks)


def test_the_piece_matches_its_letters_and_their_ascii_capitals_alone() -> None:
    every = "".join(map(chr, range(sys.maxunicode + 1)))
    assert PIECE == "appeared f"
    for char in set(PIECE):
        alone = story.regex.compile(story.regex.escape(char), story._FEED_SIGNOFF_PIECE.flags)
        assert set(alone.findall(every)) == {char, char.upper()}, char


def _same(texts: list[str]) -> int:
    """The compiled answer is the Python's, for a page of blocks of these texts; how many
    blocks hold the piece."""
    blocks = [Block(text) for text in texts]
    expected = story.python_signoff_blocks(blocks)
    assert compiled(blocks) == expected, texts
    assert compiled(tuple(blocks)) == expected
    return len(expected)


@needs_compiled
def test_the_pages_of_the_fixtures() -> None:
    for path in TEXT_PAGES:
        page = text_to_page(path.read_text(encoding="utf-8"), PageMeta())
        _same([block.text for block in page.blocks])
        _same([block.text + " The post A appeared first on B." for block in page.blocks])


#: Fillers of each kind of str (one-, two- and four-byte), and characters that are one bit or
#: one place away from the piece's.
_FILLERS = ("x", "P", "é", "—", "ſ", "😀", " ", "\n")
_NEAR = ("@", "`", "A", "Q", "q", "P", "E", "e", "D", "F", "\x00", "\x20", "ǰ", "Ａ", "ａ", "ⓟ")


@needs_compiled
def test_made_texts_at_every_place_and_in_every_kind() -> None:
    found = 0
    for filler in _FILLERS:
        for wide in ("", "é", "—", "😀"):
            for before in range(0, 34):
                for after in (0, 1, 5, 17):
                    head, tail = filler * before, filler * after
                    for piece in (PIECE, PIECE.upper(), "aPpEaReD F", "APPEARED f"):
                        found += _same([wide + head + piece + tail])
                        found += _same(["x", head + piece + tail + wide, "x", piece])
                    for k in range(len(PIECE)):
                        for near in _NEAR:
                            missed = PIECE[:k] + near + PIECE[k + 1 :]
                            _same([wide + head + missed + tail])
                    # cut by a block's end: the piece's start ending one block, its rest the next
                    for k in range(1, len(PIECE)):
                        assert not _same([wide + head + PIECE[:k], PIECE[k:] + tail])
    assert found > 1000
    assert not _same([]) and not _same([""]) and not _same(["appeared"])


@needs_compiled
def test_a_text_that_is_no_str_or_a_block_without_one() -> None:
    with pytest.raises(TypeError):
        story.python_signoff_blocks([Block(5)])  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        compiled([Block(5)])  # type: ignore[arg-type]
    with pytest.raises(AttributeError):
        story.python_signoff_blocks([object()])  # type: ignore[list-item]
    with pytest.raises(AttributeError):
        compiled([object()])  # type: ignore[list-item]
    with pytest.raises(TypeError):
        compiled(5)  # type: ignore[arg-type]


_ALPHABET = st.sampled_from([*"apeRDfF \n", "é", "—", "😀", "ſ", "A", "P", "E", "ⓟ"])


@needs_compiled
@settings(max_examples=3000, deadline=None)
@given(st.lists(st.text(_ALPHABET, max_size=60), max_size=4))
def test_random_texts(texts: list[str]) -> None:
    _same(texts)


@needs_compiled
@given(st.lists(st.text(max_size=40), max_size=4))
def test_random_texts_of_any_characters(texts: list[str]) -> None:
    _same(texts)


@needs_compiled
@needs_training_data
def test_every_training_dump() -> None:
    found = 0
    for text in dump_texts():
        found += _same([block.text for block in text_to_page(text, PageMeta()).blocks])
    assert found
