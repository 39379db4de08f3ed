"""core.above-dateline: the paragraph that opens with the page's dateline is the story's lede;
what the body keeps above it, under the headline, is not story.

A wire story's dateline opens its first paragraph ('BELCHERTOWN -- Whether the municipality
…'), so a block left in the body above that paragraph is a note, a dek or a caption printed
between the headline and the lede ('The May 8 Belchertown town meeting begins at 7 p.m., at the
high school auditorium.'). When the dateline the rules took (the page's first, from the start
of a kept paragraph or alone on the line just above it) stands in the body's first
:data:`MOST_ABOVE` + 1 blocks, the blocks above it leave the body (recorded as
``core.above-dateline``) when each of them ends a sentence (a line that ends none, a headline,
may be the next story's over its dateline lede). Further down, the dateline more likely opens
the next story of a feed or tag page, whose first story printed none (left to
``model.next-story``).

Train part (the labelled dumps of ``training/data``, unwrapped renderings): of the 19 dumps
whose first line the wire dateline rule takes is a story line, 18 have no story line above it
under the headline; one has a photo gallery's caption labelled story ('1 / 5', 'In this photo
dated …'), which this takes.
"""

from __future__ import annotations

from ..blocks import ends_sentence, is_story_paragraph
from ..engine import Outcome
from ..engine.apply import Kept

PASS_ID = "core.above-dateline"
#: At most this many blocks stand above the dateline's paragraph for them to go: the header's
#: note, dek or caption (one in the train dumps' and the validation case's).
MOST_ABOVE = 2


def above_dateline(kept: list[Kept], outcome: Outcome) -> int:
    """How many of the first ``kept`` blocks stand above the paragraph that opens with the
    rules' dateline (0 when none goes)."""
    at = outcome.positions.get("dateline")
    if not at or not kept:
        return 0
    lede = next((p for p, item in enumerate(kept) if item.index >= at[0]), None)
    if lede is None or lede == 0 or lede > MOST_ABOVE:
        return 0
    if kept[lede].index - at[0] > 1 or not is_story_paragraph(kept[lede].block.text):
        return 0  # the dateline's line is not just above or in this paragraph
    if not all(ends_sentence(item.block.text) for item in kept[:lede]):
        return 0  # a headline-like line above: the dateline may open a feed's next story
    return lede


def drop_above_dateline(kept: list[Kept], outcome: Outcome) -> list[Kept]:
    """The ``kept`` blocks less those above the dateline's paragraph (removed as
    :data:`PASS_ID`)."""
    above = above_dateline(kept, outcome)
    for item in kept[:above]:
        outcome.remove(PASS_ID, item.block.text)
    return kept[above:]
