"""core.story-resumes: the story's paragraphs below a box of teasers that a drop-rest heading
cut.

A drop-rest heading ('Most Popular', 'More on World', 'Related Stories') ends the story on most
pages: the rules take it and every block below it. Some pages set such a box inside the
story's column — a few teaser headlines with their section and author lines — and the story
goes on under it. The rules keep only the heading out when far more story stands below it than
above (:data:`cleaner.engine.apply.BOX_BELOW`); a story whose rest is shorter loses it (a news
page's second half under a 'More on World' box of video teasers, a review's products under a
'Most Popular' box printed every few products). So, with the story model, when the rules'
last cut was such a heading and the body runs to it (its last block at most :data:`NEAR`
blocks above), the blocks between the heading and the first story paragraph that ends a
sentence (:func:`cleaner.blocks.is_story_paragraph`) within :data:`SPAN` blocks are read as a
box: :data:`BOX_TEASERS` headlines or more (:data:`TEASER_WORDS` words or more, no sentence
end) and no line ending with a full stop (a comment form's notice, a teaser's summary, an
author's bio, a comment: a tail's sections hold them). Under a box, with :data:`RUN` such
paragraphs among the first ``RUN + 1`` blocks, the story's paragraphs that end a sentence come
back, every one of them until more than :data:`GAP` other blocks stand in a row; there, if
the blocks up to the next such paragraph are a box again, they go on. Nothing else below the
heading comes back (the teasers, ad lines, subheads and the tail's menus stay out). The story
model does not label what comes back (it never saw those blocks); the passes after it
(repeats, next story, stray runs) do read it.

Train part, held out (the two ``training.tune`` fold models of ``/tmp/folds30``, each cleaning
the sites it had not seen; the 1,319 rendered wcxb-dev and fundus-dev train dumps as
``training.rendered_eval`` renders them): body F1 0.92840 -> 0.92889 (P 0.92653 -> 0.92657,
R 0.94927 -> 0.94988), 5 dumps up on 2 sites (a news page's story under a video box, a
review's under its repeated 'Most Popular' box), none down. Without the box test 0.92854
(a paper's discussion under 'Discussion', a blog's comments: 2 sites down); without it and
with two paragraphs in a row asked, 0.92831 (comments under 'Comments' and 'Leave a Reply', an
author's bio, teasers with summaries under 'Related Posts' came back too: 5 sites down). The
27 aggregators-dev train texts and syndication-dev's 86: it never fires.
"""

from __future__ import annotations

from ..blocks import Block, ends_sentence, is_story_paragraph, word_count
from ..engine import Outcome
from ..engine.apply import Kept

PASS_ID = "core.story-resumes"
#: The drop-rest rules whose cut may fall on a box inside the story (a next story's dateline,
#: ``wire.next-dateline``, is another story: never).
CUTTERS = frozenset({"generic.trailing-section", "generic.more-from"})
#: The body's last block stands at most this many blocks above the heading (the model takes
#: a paragraph or two above a box for chrome: the train page's last kept block stood 4 above).
NEAR = 6
#: The story resumes within this many blocks below the heading (the box's links;
#: :data:`cleaner.engine.apply.BOX_SPAN`'s reach).
SPAN = 20
#: ... with this many story paragraphs that end a sentence among its first ``RUN + 1`` blocks
#: (a page's tail holds a lone long block: a cookie notice, a newsletter's pitch). 3, before
#: the boxes were followed down the page: the review page's gain lost (F1 +0.00029 against
#: +0.00035).
RUN = 2
#: The box holds at least this many headlines: lines of :data:`TEASER_WORDS` words or more
#: that end no sentence (0: the 5 sites down above).
BOX_TEASERS = 3
TEASER_WORDS = 6
#: More blocks than this in a row that are no such paragraph end what comes back (a product's
#: spec list, the tail). 5: F1 +0.00048, the same dumps.
GAP = 2


def _prose(block: Block) -> bool:
    """A story paragraph that ends a sentence."""
    return is_story_paragraph(block.text) and ends_sentence(block.text)


def cut_heading(outcome: Outcome) -> int | None:
    """The page index of the heading where a :data:`CUTTERS` rule dropped the rest: the last
    block one of them took, with nothing the rules kept below it."""
    heads = [i for i, ids in outcome.hits.items() if CUTTERS.intersection(ids)]
    if not heads:
        return None
    head = max(heads)
    if outcome.kept and outcome.kept[-1].index > head:
        return None  # a heading inside the story: only it went
    return head


def _box(blocks: tuple[Block, ...]) -> bool:
    """Whether ``blocks`` (between the heading and the story's next paragraph) read as a box
    of teasers: :data:`BOX_TEASERS` lines or more of :data:`TEASER_WORDS` words or more that
    end no sentence (headlines), and no line that ends with a full stop (a comment form's
    notice, a teaser's summary, an author's bio)."""
    teasers = 0
    for block in blocks:
        text = block.text.rstrip()
        if ends_sentence(text) and not text.endswith(("?", "!")):
            return False
        teasers += word_count(text) >= TEASER_WORDS
    return teasers >= BOX_TEASERS


def resumed(blocks: tuple[Block, ...], head: int) -> list[int]:
    """The page indices of the story paragraphs that come back below ``head``."""
    end = min(len(blocks), head + 1 + SPAN)
    start = next((i for i in range(head + 1, end) if _prose(blocks[i])), None)
    if start is None or not _box(blocks[head + 1 : start]):
        return []
    if sum(_prose(block) for block in blocks[start : start + RUN + 1]) < RUN:
        return []
    back: list[int] = []
    other = 0
    i = start
    while i < len(blocks):
        if _prose(blocks[i]):
            back.append(i)
            other = 0
        else:
            other += 1
            if other > GAP:
                # another box of teasers, and the story again under it?
                end = min(len(blocks), back[-1] + 1 + SPAN)
                again = next((j for j in range(i + 1, end) if _prose(blocks[j])), None)
                if again is None or not _box(blocks[back[-1] + 1 : again]):
                    break
                i, other = again, 0
                continue
        i += 1
    return back


def keep_resumed(kept: list[Kept], blocks: tuple[Block, ...], outcome: Outcome) -> list[Kept]:
    """``kept`` with the story paragraphs below a box's drop-rest heading put back in page
    order (their removal entries, the heading rule's, taken back)."""
    head = cut_heading(outcome)
    if head is None or not kept or head - max(item.index for item in kept) > NEAR:
        return kept
    routed = outcome.routed()
    back = [i for i in resumed(blocks, head) if i not in routed]
    if not back:
        return kept
    rule = next(r for r in outcome.hits[head] if r in CUTTERS)
    if outcome.removed is not None:
        for i in back:
            text = blocks[i].text
            entry = next((r for r in outcome.removed if r.rule == rule and r.text == text), None)
            if entry is not None:
                outcome.removed.remove(entry)
    taken = set(back)
    return [*kept, *(Kept(blocks[i], i - 1 not in taken, i) for i in back)]
