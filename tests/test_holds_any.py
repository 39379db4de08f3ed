"""core.caption-position's word test in C (``_cfeatures.c``'s ``holds_any``) is
caption_position.py's Python one (``python_holds_any``): the same answer for every block of the
seeds and text fixtures lowered with the pass's words, made texts holding each word or a near
miss at every place in each kind of str, other word lists (empty, one empty word, words outside
ASCII, more than 64), random texts and words, and (where ``training/data`` is built) every
block of every dump the models are trained and validated on."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.blocks import PageMeta
from cleaner.compiled_follows import HOLDS_ANY
from cleaner.passes import caption_position
from cleaner.passes.caption_position import _WORDS, python_holds_any
from cleaner.text_blocks import text_to_page

from .conftest import TEXT_PAGES
from .outcomes import assert_compiled_follows
from .training_dumps import dump_texts, needs_training_data

compiled = caption_position._holds_any()
needs_compiled = pytest.mark.skipif(
    compiled is python_holds_any,
    reason="the package was built without its C extension (or not for this code)",
)


def test_the_compiled_test_follows_this_caption_position_py() -> None:
    """The code the compiled test follows (``compiled_follows.HOLDS_ANY``) is the one it was
    written to: when this fails, that code changed and the Python runs everywhere: make
    ``_cfeatures.c``'s ``holds_any`` compute the same (the tests below compare them), then set
    its ``HOLDS_ANY_HASH`` to the one printed and rebuild (``pip install -e .``)."""
    assert_compiled_follows("HOLDS_ANY_HASH", HOLDS_ANY, compiled is not python_holds_any)


def _same(text: str, words: tuple[str, ...] = _WORDS) -> bool:
    """The compiled answer is the Python's; the answer."""
    expected = python_holds_any(text, words)
    assert compiled(text, words) is expected, (text, words)
    assert compiled(text, list(words)) is expected
    return expected


@needs_compiled
def test_the_blocks_of_the_fixtures() -> None:
    found = 0
    for path in TEXT_PAGES:
        for block in text_to_page(path.read_text(encoding="utf-8"), PageMeta()).blocks:
            found += _same(block.text.lower())
            _same(block.text)
    assert found


#: Fillers of each kind of str, and characters beside the words' (a capital, a neighbour, one
#: that shares a word's low byte in a wider kind).
_FILLERS = ("x", " ", "é", "—", "😀", "\n")
_NEAR = ("L", "k", "m", "\x00", "ŀ", "ɬ", "Ŭ", "😀", ".", " ")


@needs_compiled
def test_made_texts_at_every_place_and_in_every_kind() -> None:
    found = 0
    for word in _WORDS:
        for filler in _FILLERS:
            for wide in ("", "é", "—", "😀"):
                for before in (0, 1, 2, 7, 15, 16, 17, 40):
                    for after in (0, 1, 3):
                        head, tail = filler * before, filler * after
                        found += _same(wide + head + word + tail)
                        found += _same(head + word + tail + wide)
                        for k in range(len(word)):
                            for near in _NEAR:
                                _same(wide + head + word[:k] + near + word[k + 1 :] + tail)
                        _same(wide + head + word[:-1])  # cut at the text's end
    assert found == len(_WORDS) * len(_FILLERS) * 4 * 8 * 3 * 2


@needs_compiled
def test_other_word_lists() -> None:
    assert not _same("left", ()) and _same("", ("",)) and _same("abc", ("x", ""))
    assert _same("Müller links", ("ü", "q")) and not _same("Muller", ("ü",))
    assert _same("a😀b", ("😀b",)) and not _same("a😀", ("😀b",))
    many = tuple(f"w{n}" for n in range(70))
    assert _same("x w69 y", many) and _same("w0", many) and not _same("w", many)
    assert _same("w63", many[:64]) and not _same("w w", many[:64])
    assert not _same("", _WORDS) and _same("aleft", ("left", "lefty"))


@needs_compiled
def test_arguments_that_are_no_text_or_words() -> None:
    with pytest.raises(TypeError):
        compiled(5, _WORDS)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        python_holds_any(5, _WORDS)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        compiled("left", (5,))  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        python_holds_any("left", (5,))  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        compiled("left", 5)  # type: ignore[arg-type]


_ALPHABET = st.sampled_from([*"leftrighv. cnm", "é", "—", "😀", "L", "\x00"])


@needs_compiled
@settings(max_examples=3000, deadline=None)
@given(st.text(_ALPHABET, max_size=60), st.lists(st.text(_ALPHABET, max_size=5), max_size=6))
def test_random_texts_and_words(text: str, words: list[str]) -> None:
    _same(text, tuple(words))
    _same(text)


@needs_compiled
@given(st.text(max_size=60))
def test_random_texts_of_any_characters(text: str) -> None:
    _same(text.lower())


@needs_compiled
@needs_training_data
def test_every_training_dump() -> None:
    found = 0
    for text in dump_texts():
        for block in text_to_page(text, PageMeta()).blocks:
            found += _same(block.text.lower())
    assert found
