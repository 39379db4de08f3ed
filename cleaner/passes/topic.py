"""The topic cue of the story model's features: how much a block shares the words of the page's
story, against how much the page's story paragraphs share them with each other.

Another story's teaser, a product blurb or a bio shares few of its content words with the
story paragraphs around it; but so does every item of a roundup (a list of products, each
paragraph about another one). So the cue is relative: a block's share of content words that
another story-shaped block of the page holds, less the median share of the page's
story-shaped blocks, in fifths. A roundup's items sit at its median (``topic:0``), a teaser
under a story whose paragraphs share their words sits below it (``topic:-2``).

The last of a block's own features (``features.python_block_features`` appends them; the
compiled module, ``_cfeatures.c``, computes the same ones: ``tests/test_cfeatures.py``), from
the blocks' texts alone.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..blocks import STORY_LONG_WORDS, STORY_WORDS, Block
from ..lexicon import ends_sentence

#: A content word: a run of this many word characters or more (``\w``: any script's letters
#: and digits, and '_') of the lowercased text.
CONTENT_CHARS = 4
_CONTENT = re.compile(rf"\w{{{CONTENT_CHARS},}}")
#: Blocks of fewer words get no topic cue (a menu item, a label: their words say little).
TOPIC_WORDS = 6
#: ``topic:-3`` … ``topic:2``: the block's share less the page's median, in fifths, clamped.
TOPIC_LOW, TOPIC_HIGH = -3, 2
#: The attributes, from :data:`TOPIC_LOW` up.
TOPIC_ATTRS = tuple(f"topic:{n}" for n in range(TOPIC_LOW, TOPIC_HIGH + 1))


def _story_shaped(text: str, words: int) -> bool:
    """``blocks.is_story_paragraph`` given the block's word count."""
    return words >= STORY_LONG_WORDS or (words >= STORY_WORDS and ends_sentence(text))


def topic_cues(blocks: Sequence[Block], own: list[list[str]]) -> None:
    """Append ``topic:N`` to the features (``own``) of each block of :data:`TOPIC_WORDS`
    words or more, when the page has a story-shaped block: its share of content words that
    another story-shaped block holds, less the median of that share over the page's
    story-shaped blocks (the upper one of an even count), in fifths, from -3 to 2.

    Set operations only (this runs on every text page): a story-shaped block's shared words
    are those two story-shaped blocks hold, any other block's those one holds."""
    words: list[set[str] | None] = []
    story: list[bool] = []
    held: set[str] = set()  # the words of the story-shaped blocks
    twice: set[str] = set()  # those two or more of them hold
    for block in blocks:
        text = block.text
        count = text.count(" ") + 1 if text else 0
        if count < TOPIC_WORDS:
            words.append(None)
            story.append(False)
            continue
        found = set(_CONTENT.findall(text.lower()))
        shaped = _story_shaped(text, count)
        words.append(found or None)
        story.append(shaped)
        if shaped:
            twice |= held & found
            held |= found
    shares: list[float | None] = []
    story_shares: list[float] = []
    for content, shaped in zip(words, story, strict=True):
        if content is None:
            shares.append(None)
            continue
        part = len(content & (twice if shaped else held)) / len(content)
        shares.append(part)
        if shaped:
            story_shares.append(part)
    if not story_shares:
        return
    story_shares.sort()
    median = story_shares[len(story_shares) // 2]
    for share, feats in zip(shares, own, strict=True):
        if share is not None:
            fifths = round(5 * (share - median))
            fifths = TOPIC_LOW if fifths < TOPIC_LOW else min(fifths, TOPIC_HIGH)
            feats.append(TOPIC_ATTRS[fifths - TOPIC_LOW])
