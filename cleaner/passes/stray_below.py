"""core.stray-below: short runs of text the body keeps far below the story, among chrome.

Below a story a page prints its furniture: related and most-read lists, product blurbs,
testimonials, newsletter and login prompts, archive lists, footers. The story model takes most
of it out, but keeps a line here and there that reads as a sentence or a headline ('Join Flint
McGlaughlin for Design Your Offer …', 'Bitte logge dich ein, um diese Funktion nutzen zu
können.', a reader's one-line review): each stands alone between blocks taken out. So after the
model, the body's blocks are read as runs (blocks next to each other on the page, all kept);
the run of most words is the story's. A run below it of fewer than :data:`MOST_WORDS` words
with at least :data:`GAP` of the page's blocks taken out above it, and as many below it (or
nothing kept below it), leaves the body (recorded as ``core.stray-below``).

Train part (the two ``training.tune`` fold models, each cleaning the sites it had not seen;
1,319 rendered wcxb-dev and fundus-dev dumps, all 442 train pages, three renderings each, as
``training.rendered_eval`` renders them; simulated on the cleaner's output, then measured):
126 dumps up (56 sites), 14 down (7 sites: a page's 'originally published' notes its gold
keeps, a story's paragraph after a box); body F1 +0.00095; lines the aligner gives the gold:
425 chrome lines out, 39 story lines with them.
"""

from __future__ import annotations

from operator import attrgetter

from ..blocks import Block, word_count
from ..engine import Outcome
from ..engine.apply import Kept

PASS_ID = "core.stray-below"
#: A run below the story of fewer words than this is stray. Train part (as above), with
#: :data:`GAP` 5: 20 words +0.00055 F1 (84 dumps up, 4 down), 30 +0.00095 (126 up, 14 down),
#: 40 +0.00110 (148 up, 18 down: 112 story lines lost), 60 +0.00078 (39 down).
MOST_WORDS = 30
#: The page's blocks taken out on each side of a stray run, at least. Train part, with
#: :data:`MOST_WORDS` 30: 4 +0.00085 (22 dumps down), 5 +0.00095 (14), 6 +0.00085 (8), 8
#: +0.00058 (8), 12 +0.00042 (8).
GAP = 5


#: A kept block's page index (``sorted``'s key: a C call, where a lambda is a Python frame).
_INDEX = attrgetter("index")
#: A kept block's text (:func:`_words` maps it: C calls, where a generator is a Python frame).
_TEXT = attrgetter("block.text")


def _runs(kept: list[Kept]) -> list[list[Kept]]:
    """The kept blocks in runs of page neighbours (page order)."""
    runs: list[list[Kept]] = []
    run: list[Kept] = []
    last = -2  # the page index of the block before (no page index is -1)
    for item in sorted(kept, key=_INDEX):
        if item.index != last + 1:
            run = []
            runs.append(run)
        run.append(item)
        last = item.index
    return runs


def _words(run: list[Kept]) -> int:
    return sum(map(word_count, map(_TEXT, run)))


def stray_runs(kept: list[Kept], blocks: tuple[Block, ...]) -> list[list[Kept]]:
    """The runs below the story's (the run of most words) that the module takes out:
    ``blocks`` are the page's."""
    runs = _runs(kept)
    if len(runs) < 2:
        return []
    words = list(map(_words, runs))
    story = words.index(max(words))  # (the first of the most, as max's key found it)
    stray = []
    for at in range(story + 1, len(runs)):
        run = runs[at]
        if words[at] >= MOST_WORDS:
            continue
        above = run[0].index - runs[at - 1][-1].index - 1
        below = (
            runs[at + 1][0].index - run[-1].index - 1
            if at + 1 < len(runs)
            else len(blocks) - run[-1].index - 1
        )
        if above >= GAP and (below >= GAP or at + 1 == len(runs)):
            stray.append(run)
    return stray


def drop_stray_below(kept: list[Kept], blocks: tuple[Block, ...], outcome: Outcome) -> list[Kept]:
    """The ``kept`` blocks less the stray runs below the story (removed as :data:`PASS_ID`)."""
    gone = {item.index for run in stray_runs(kept, blocks) for item in run}
    if not gone:
        return kept
    out = []
    for item in kept:
        if item.index in gone:
            outcome.remove(PASS_ID, item.block.text)
        else:
            out.append(item)
    return out
