"""core.doubted-opener: the body's first block, a short paragraph the story model takes for no
story, over a paragraph it takes for story, stands above the lede.

The story pass (:func:`cleaner.passes.story.decide`) keeps a block that reads as a story
paragraph unless the model is sure it is not (``STORY_MARGIN``, ``LEDE_MARGIN``): a lede the
model doubts is not lost. At the top of the body that keeps the header's sentence-shaped blocks
the model doubts as well: a dek ('Whether you're climbing peaks or taking the family to the
local park, we've found the best …'), a caption under the date line, a notice ('If you get
Global News from Instagram or Facebook - that will be changing'), a writer's one-line bio. So
the body's first block leaves (recorded as ``core.doubted-opener`` with the model's probability
that it is no story) when the page has a headline (with none there is no header for it to be
part of: a clean story cleaned again keeps its lede), it reads as a story paragraph of fewer
than :data:`MOST_WORDS` words, it ends a sentence, the model gives it less than
:data:`KEEP_BELOW` of being story, the next block reads as a story paragraph (not going on in
lower case) that the model gives :data:`KEEP_BELOW` or more, and the rules took no dateline from
the first block (a lede opening with the story's dateline), nor a byline or date line between
the headline and it: a dek under the byline is story by aggregators-dev's labels (the text
fixture thelocal keeps one). A first block that ends no sentence is :mod:`core.unended-opener
<cleaner.passes.unended_opener>`'s to judge: one printed without its full stop may be a dek that
another copy of the story prints as its lede (syndication-dev train, 'Chinese AI startup
DeepSeek has reportedly overtaken ChatGPT …', which the model doubts at 0.70).

Train part, fold models (a story model per fold of sites cleaning the other fold's labelled
dumps, ``training.start_errors``'s set; start16, main 4443d2c): whole pages' first 0.537 ->
0.554 (702 dumps), ``-lead`` cuts 0.595 -> 0.620, ``-head`` 0.429 -> 0.476; 16 dumps (10
pages) right that were not, 1 wrong that was right, 3 dumps lose a story paragraph (pages whose
lede the model had already dropped: what was left of the opening). Validation (aggregators-dev,
39 cases): first 0.821 -> 0.846, overall 0.862 -> 0.866, the rest unchanged; rendered val F1
0.907 unchanged, first 0.553 -> 0.542 (fundus-dev's rendered gold counts the summary as body).
"""

from __future__ import annotations

from collections.abc import Callable

from ..blocks import Block, ends_sentence, is_story_paragraph, word_count
from ..engine import Outcome
from ..engine.apply import Kept
from .headline import header_lines, strip_heading_mark

PASS_ID = "core.doubted-opener"
#: The first block has fewer words than this: of the first blocks the model doubts (under
#: :data:`KEEP_BELOW`) over a story paragraph it keeps, on the train part (fold models, 818
#: dumps), those under 40 words were the header's 36 times (19 pages) and story 3 times (3
#: pages); those of 40 to 60 words story 7 times, the header's never.
MOST_WORDS = 40
#: The model's probability that a block is story (body or subhead), under which the first
#: block is doubted, and at or over which the next block is kept as the story's. First blocks
#: doubted at 0.5-0.9 (the same train dumps) were story 16 times, the header's 15.
KEEP_BELOW = 0.5


def doubted_opener(
    kept: list[Kept],
    blocks: tuple[Block, ...],
    title: str | None,
    keeps: Callable[[int], float],
    outcome: Outcome,
) -> bool:
    """Whether the first of the ``kept`` blocks stands above the lede (the module's test):
    ``blocks`` are the page's, ``title`` the headline, ``keeps`` gives the story model's
    probability that the page's block at an index is story."""
    if len(kept) < 2:
        return False
    first, second = kept[0], kept[1]
    if not title:
        return False  # no headline, no header for it to stand in (a clean story passed again)
    text, after = first.block.text, second.block.text
    if not is_story_paragraph(text) or word_count(text) >= MOST_WORDS:
        return False
    if not ends_sentence(text):
        return False  # core.unended-opener's to judge (a dek or a lede printed without its stop)
    if first.index in outcome.positions.get("dateline", ()):
        return False  # a lede opening with the story's dateline
    if not is_story_paragraph(after) or after[:1].islower():
        return False
    if under_byline(first.index, blocks, title, outcome):
        return False
    return keeps(first.index) < KEEP_BELOW <= keeps(second.index)


def under_byline(
    index: int, blocks: tuple[Block, ...], title: str | None, outcome: Outcome
) -> bool:
    """Whether a byline or date line the rules took stands above the page's block ``index``,
    under the headline (anywhere above it when the page prints no headline)."""
    top = next(
        (
            at
            for at in range(index - 1, -1, -1)
            if title and strip_heading_mark(blocks[at].text) == title
        ),
        -1,
    )
    return any(top < at < index for at in header_lines(outcome))


def drop_doubted_opener(
    kept: list[Kept],
    blocks: tuple[Block, ...],
    title: str | None,
    keeps: Callable[[int], float],
    outcome: Outcome,
) -> list[Kept]:
    """The ``kept`` blocks less a doubted opener (removed as :data:`PASS_ID`, with the model's
    probability that it is no story)."""
    if not doubted_opener(kept, blocks, title, keeps, outcome):
        return kept
    outcome.remove(PASS_ID, kept[0].block.text, round(1 - keeps(kept[0].index), 3))
    return kept[1:]
