"""core.next-story's scans in C (``_cfeatures.c``: ``page_scan``, ``next_story_candidates``)
are next_story.py's Python ones (``python_page_scan``, ``python_candidates``): the same
headline shapes, rule-line candidates and kept positions for the seeds, the text fixtures,
made pages of word counts, sentence ends, closing marks and odd spaces around their limits,
random pages, and (where ``training/data`` is built) every dump the models are trained and
validated on."""

from __future__ import annotations

import sys
from collections.abc import Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.blocks import STORY_LONG_WORDS, STORY_WORDS, Block, PageMeta
from cleaner.compiled_follows import NEXT_STORY
from cleaner.decode import decode
from cleaner.engine.apply import Kept
from cleaner.passes import next_story as ns
from cleaner.text_blocks import text_to_page

from .conftest import TEXT_PAGES
from .outcomes import assert_compiled_follows
from .training_dumps import dump_texts, needs_training_data

compiled = ns._compiled()
needs_compiled = pytest.mark.skipif(
    compiled is None, reason="the package was built without its C extension (or not for this code)"
)


def test_the_compiled_scans_follow_this_next_story_py() -> None:
    """The code the compiled scans follow (``compiled_follows.NEXT_STORY``) is the one they
    were written to: when this fails, that code changed and the Python runs everywhere: make
    ``_cfeatures.c``'s ``page_scan`` and ``next_story_candidates`` compute the same (the tests
    below compare them), then set its ``NEXT_STORY_HASH`` to the one printed and rebuild
    (``pip install -e .``)."""
    assert_compiled_follows("NEXT_STORY_HASH", NEXT_STORY, compiled is not None)


def _kept_sets(blocks: Sequence[Block]) -> list[list[Kept]]:
    """Kept lists of a page: every block, every other one, every third, the first half."""
    every = [Kept(block, False, i) for i, block in enumerate(blocks)]
    return [every, every[::2], every[1::3], every[: len(every) // 2]]


def _same(blocks: Sequence[Block]) -> int:
    """The compiled scans of the page (with word limits around the pass's) and of kept lists
    of it (with the ends its rule lines give, none, and every third block) are the Python
    ones; how many candidates were found."""
    assert compiled is not None
    found = 0
    for low, high in (ns.HEADLINE_WORDS, (1, 1), (0, 3), (2, sys.maxsize)):
        expected = ns.python_page_scan(blocks, low, high, ns._RULE_CHARS)
        got = compiled.page_scan(blocks, low, high, ns._RULE_CHARS, ns._MARKS)
        assert got == expected, [block.text for block in blocks]
        assert all(type(flag) is bool for flag in got[0])
    shaped, drawn = ns.page_scan(blocks)
    for ends in ({i for i in drawn if ns._rule_line(blocks[i].text)}, set(), set(range(0, 99, 3))):
        for kept in _kept_sets(blocks):
            for after, early in ((ns.AFTER_STORY, ns.EARLY_HEADER), (0, 0), (1, 3)):
                expected_found = ns.python_candidates(kept, ends, shaped, after, early)
                got_found = compiled.next_story_candidates(
                    kept, ends, shaped, after, early, (STORY_WORDS, STORY_LONG_WORDS), ns._MARKS
                )
                assert got_found == expected_found, [k.block.text for k in kept]
                found += len(got_found)
    return found


def _page(texts: list[str]) -> list[Block]:
    return [Block(text) for text in texts]


_STORY = (
    "The council voted on Tuesday to approve the new budget for the coming year, "
    "which includes money for roads and schools."
)
#: Texts at the limits: word counts around the headline's and a story paragraph's, sentence
#: ends behind closing marks, only closing marks, rule lines and their look-alikes behind odd
#: spaces, spaces other than U+0020 between words, wide characters.
MADE = [
    "",
    " ",
    "One",
    "Two words",
    "Three word headline",
    "A headline of twenty words " + "word " * 15 + "end",
    "A headline of twenty-one words " + "word " * 16 + "end",
    "Ends a sentence.",
    "Ends in a quote.”",
    "Ends in marks.”’»)]」』",
    "”’»",
    ".”",
    "Asks a question?",
    "他走了。」",
    "---",
    "  ———",
    "\u3000– – –",
    "\u00a0===",
    "-- not a rule line",
    "_",
    "Tabs\tare\tno\tspaces for the count",
    "No\u00a0break\u00a0spaces\u00a0here",
    _STORY,
    _STORY.rstrip("."),
    " ".join(["word"] * (STORY_WORDS - 1)) + ".",
    " ".join(["word"] * STORY_WORDS) + ".",
    " ".join(["word"] * (STORY_LONG_WORDS - 1)),
    " ".join(["word"] * STORY_LONG_WORDS),
    "Wörter über Straßen – Größe zählt",
    "東京 ゴー 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 wide",
    "Updated Dec. 19, 2025",
    "By Jane Doe",
]


@needs_compiled
def test_the_fixtures_and_made_pages_scan_as_the_python_does() -> None:
    found = 0
    for path in TEXT_PAGES:
        read = decode(path.read_bytes())
        found += _same(text_to_page(read.text, PageMeta(), utf8=read.utf8).blocks)
    for size in range(1, len(MADE) + 1, 3):
        found += _same(_page(MADE[:size]))
        found += _same(_page(MADE[-size:]))
    found += _same(_page(MADE * 3))
    found += _same(_page([_STORY, _STORY, "Next Story Headline Here", "Updated Dec. 19, 2025"] * 4))
    assert found > 100


_ALPHABET = "Aa .?”’»-—_=\u3000\u00a0\t東。」x"


@needs_compiled
@settings(max_examples=400, deadline=None)
@given(st.lists(st.text(alphabet=_ALPHABET, min_size=0, max_size=60), min_size=0, max_size=12))
def test_any_page_scans_as_the_python_does(texts: list[str]) -> None:
    _same(_page(texts))


#: Latin-1 texts (the compiled count's eight bytes at a time) of word counts around the limits.
_LATIN = "a  .?)'-\u00e9\u00a0"


@needs_compiled
@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet=_LATIN, min_size=0, max_size=160), min_size=0, max_size=8))
def test_any_latin_page_scans_as_the_python_does(texts: list[str]) -> None:
    _same(_page(texts))


#: Texts of two and four bytes a character (the compiled count's four characters at a time, and
#: one at a time), of word counts around the limits.
_WIDE = st.sampled_from(["東  。a」\u3000", "𝔘  。a」\u3000"]).flatmap(
    lambda alphabet: st.text(alphabet=alphabet, min_size=0, max_size=160)
)


@needs_compiled
@settings(max_examples=300, deadline=None)
@given(st.lists(_WIDE, min_size=0, max_size=8))
def test_any_wide_page_scans_as_the_python_does(texts: list[str]) -> None:
    _same(_page(texts))


def test_bad_arguments_raise_no_crash() -> None:
    if compiled is None:
        pytest.skip("the package was built without its C extension")
    with pytest.raises(AttributeError):
        compiled.page_scan([object()], 3, 20, "-", ns._MARKS)
    with pytest.raises(TypeError):
        compiled.page_scan([Block(5)], 3, 20, "-", ns._MARKS)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        compiled.page_scan([], 3, 20, "-", "no nul")
    with pytest.raises(TypeError):
        compiled.next_story_candidates([], [], [], 2, 2, (18, 35), ns._MARKS)
    args = (set(), [False] * 3, 0, 0, (18, 35), ns._MARKS)
    with pytest.raises(TypeError, match="not iterable"):
        compiled.next_story_candidates(5, *args)  # type: ignore[arg-type]
    with pytest.raises(AttributeError):
        compiled.next_story_candidates([Kept(Block("a"), False, 0), object()], *args)  # type: ignore[list-item]
    with pytest.raises(AttributeError):  # (an index is read)
        compiled.next_story_candidates([Block("a"), Block("b")], *args)  # type: ignore[list-item]
    with pytest.raises(TypeError, match="a block's text must be a str"):
        compiled.next_story_candidates(
            [Kept(Block(5), False, 0), Kept(Block("b"), False, 1)], *args
        )  # type: ignore[arg-type]
    # the last block's text is not read (python_candidates reads kept[position - 1]'s)
    kept = [Kept(Block("a"), False, 0), Kept(Block(5), False, 1)]  # type: ignore[arg-type]
    shaped = [True] * 3
    found = ns.python_candidates(kept, set(), shaped, 0, 0)
    assert found and compiled.next_story_candidates(kept, set(), shaped, 0, 0, *args[4:]) == found


@needs_compiled
@needs_training_data
def test_the_training_dumps_scan_as_the_python_does() -> None:
    """Every dump ``training.train_model`` makes of both parts (slow)."""
    seen = 0
    for text in dump_texts():
        page = text_to_page(text)
        if page.blocks:
            _same(page.blocks)
            seen += 1
    assert seen > 1000
