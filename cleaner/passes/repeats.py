"""What :func:`cleaner.structure.drop_repeats` asks of a text dump's kept blocks before its
walk, in one pass in C (:func:`repeat_facts`): core.caption-repeat's test (which kept blocks
are a caption's text printed again beside it, alt text, a teaser of the caption: the test asks
only of a block's own text, never of what the walk removed before it), and whether any two
blocks share a repeat key (:func:`cleaner.structure.keys_distinct`; where none do, there is
no core.repeated-block to walk for).

A block is a caption's repeat when it is at most twice as long as the longest caption, of four
words or more, its first long word (of four letters or more, among its first six) is a word of
a caption (:func:`_shares_first_word`: a cheap first test; a block with no long word there
passes it), and its :func:`~cleaner.lexicon.text_key` is inside a caption's key, or its key is
a text printed twice over whose half is (:func:`_inside_caption`).

:func:`python_caption_hits` and :func:`cleaner.structure.keys_distinct` are the reference;
``_cfeatures.c``'s ``repeat_facts`` computes the same where the package was built with it and
its ``REPEATS_HASH`` is this code's (:data:`cleaner.compiled_follows.REPEATS`;
``tests/test_repeat_facts.py`` holds the two to the same answers). On the seeds every kept
block is within the length and of four words or more: the Python asked each (47% of
drop_repeats' time by cProfile, twice23).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Protocol, cast

from ..blocks import word_count
from ..code_hash import compiled_module
from ..compiled_follows import REPEATS
from ..engine.apply import Kept
from ..lexicon import text_key
from .features import PURE_SWITCH


def _shares_first_word(text: str, caption_words: set[str]) -> bool:
    """A cheap first test: the block's first long word appears in some caption (of its first
    six words, each lower-cased alone: lower-casing neither makes nor takes a space, so they
    are the lower-cased text's first six words, without lower-casing the whole paragraph)."""
    for word in text.split(None, 6)[:6]:
        word = word.lower()
        if len(word) > 3:
            return word in caption_words
    return True


def _inside_caption(key: str, caption_keys: list[str]) -> bool:
    """The block's key stands inside a caption's key, or its key is a text printed twice over
    (two equal halves) whose half does."""
    if not key:
        return False
    half = len(key) // 2
    doubled = len(key) % 2 == 0 and key[:half] == key[half:]
    return any(key in c or (doubled and key[:half] in c) for c in caption_keys)


def caption_facts(captions: Sequence[str]) -> tuple[int, set[str], list[str]]:
    """What the test asks of the captions, once a page: the longest text it takes (twice the
    longest caption), every word of the captions lower-cased (lower-casing the captions
    joined by a space lower-cases each alone: a space is neither cased nor case-ignorable, so
    no final sigma moves across it), and each caption's key."""
    limit = 2 * max(map(len, captions), default=0)
    words = set(" ".join(captions).lower().split())
    return limit, words, [text_key(c) for c in captions]


def python_caption_hits(kept: Sequence[Kept], captions: Sequence[str]) -> list[int]:
    """The positions in ``kept`` of blocks that are a caption's text printed again, in order.
    The Python of the compiled ``repeat_facts``' first answer (``_cfeatures.c``)."""
    if not captions:
        return []
    limit, caption_words, caption_keys = caption_facts(captions)
    hits = []
    for position, item in enumerate(kept):
        text = item.block.text
        if (
            len(text) <= limit
            and word_count(text) >= 4
            and _shares_first_word(text, caption_words)
            and _inside_caption(text_key(text), caption_keys)
        ):
            hits.append(position)
    return hits


class _Compiled(Protocol):
    """The compiled module's functions this module calls."""

    def repeat_facts(
        self, kept: Sequence[Kept], captions: Sequence[str], datelines: tuple[str, ...], /
    ) -> tuple[list[int], bool]: ...

    def repeat_key(self, text: str, /) -> str: ...


@cache
def _compiled() -> _Compiled | None:
    """The compiled module, where the package was built with it and its ``REPEATS_HASH`` is
    this code's (:data:`cleaner.compiled_follows.REPEATS`); None else, or where
    ``CLEANER_PURE_FEATURES=1`` asks for the Python."""
    compiled = compiled_module(f"{__package__}._cfeatures", "REPEATS_HASH", REPEATS, PURE_SWITCH)
    return None if compiled is None else cast(_Compiled, compiled)


def repeat_facts(
    kept: Sequence[Kept], captions: Sequence[str], datelines: tuple[str, ...]
) -> tuple[list[int], bool | None]:
    """:func:`python_caption_hits` of the blocks and captions, and
    :func:`cleaner.structure.keys_distinct` of the blocks and datelines, compiled where they
    can be; without the compiled module, the second is None (``drop_repeats`` asks it)."""
    compiled = _compiled()
    if compiled is None:
        return python_caption_hits(kept, captions), None
    return compiled.repeat_facts(kept, captions, datelines)
