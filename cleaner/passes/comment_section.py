"""core.comment-section on a text dump: a readers' comment section under the story, and all below.

A page's comment section opens with its count ('36 Comments', '3 thoughts on “…”', '13
responses', 'Comments (0)'; ``generic.reading-time`` drops that line alone) and goes on with
the commenters' names, their dates and 'Reply' links. The rules drop those short lines, and the
comments themselves read as story paragraphs: the story model's margins keep them
(``STORY_MARGIN``, ``MIDDLE_MARGIN``: a comment between comments is a story paragraph between
story paragraphs). ``generic.trailing-section`` cuts the rest of a page below a named heading
('Comments', 'Leave a Reply'); this pass does the same below a count heading, once the story
has kept two story paragraphs above it and a comment's mark follows within
:data:`MARK_REACH` blocks (a name and 'says:', 'Reply', an age ('1 year ago'), a time of day,
the sort labels of WordPress's comment plugins): a count under a headline, or in a list of
stories ('42 comments' under each teaser), has none.

Train part, every rendering of ``training/data`` (labels aligned with the gold): the heading
with a mark under it after the story's second line on 44 dumps of 10 sites, no story line
below it on any (5,977 chrome lines). Validation labels (counts only): 37 dumps of 8 sites;
story below on one page's three renderings (readability-dev's firefox-nightly-blog: its
expected output keeps the page's comments, heading included).

Measured in the cleaner. Train (the two ``training.tune`` fold models, each cleaning the sites
it had not seen; 1,127 rendered dumps of 300 pages a corpus, 27 aggregator cases): 17 dumps of
6 pages change, each better; body precision 0.9124 -> 0.9153, recall 0.9583 both, F1 0.9261 ->
0.9278; aggregator leak 17 of 127 strings as before. Validation (the shipped model, 1,143
rendered dumps): 11 dumps of 4 pages change, each better; precision 0.9133 -> 0.9160, recall
0.9314 -> 0.9313 (comments that repeat the story's words: the score counts a bag of words),
F1 0.9073 -> 0.9093, boilerplate left 4.76% -> 4.68%; aggregators-dev validation unchanged
(leak 40 of 229 strings).
"""

from __future__ import annotations

import regex

from ..blocks import Block, is_story_paragraph
from ..engine import Outcome
from ..engine.apply import Kept
from ..pattern_cache import compile_cached

PASS_ID = "core.comment-section"
#: The heading that counts a page's comments.
_HEADING = compile_cached(
    r"[*•#+\-\s]*(?:\d[\d,.]*\s+(?:comments?|responses?|replies|thoughts(?:\s+on\s+.{1,100})?"
    r"|kommentare?|commentaires?|comentarios?|commenti|reacties)"
    r"|(?:comments?|kommentare|commentaires|comentarios)\s*\(\d+\))\s*:?",
    regex.IGNORECASE,
)
#: A comment's mark: the commenter's 'says:', a 'Reply' link, its age or time of day, the sort
#: labels of a comment plugin, a comment still loading.
_MARK = compile_cached(
    r"(?:^.{1,60}\s(?:says|said|sagt):?$"
    r"|^(?:reply|antworten|répondre|responder|rispondi)(?:\s+to\s+.{1,40})?$"
    r"|^\d+\s*(?:years?|months?|weeks?|days?|hours?|minutes?|[ymwdh])\s+ago$"
    r"|\b\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?)?$"
    r"|^(?:oldest|newest(?: most voted)?|inline feedbacks|view all comments|loading\W*)$)",
    regex.IGNORECASE,
)
#: How many blocks below the heading a comment's mark is looked for.
MARK_REACH = 8
#: Story paragraphs kept above the heading before it counts (as ``generic.trailing-section``'s
#: ``after_story``): a count under the headline stands above the story.
AFTER_STORY = 2
#: The longest heading ('3 thoughts on “<headline>”').
_HEADING_CHARS = 140


#: What :data:`_HEADING` passes over before the count or the word: its marks and the
#: characters the ``regex`` module's ``\s`` matches (``tests/test_pass_gates.py`` holds the
#: list to the pattern).
_LEAD = (
    "*•#+-\t\n\x0b\x0c\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
    "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
#: The letters :data:`_HEADING`'s words may open with, in any case (the Kelvin sign is a 'k').
_OPENERS = "cCkK\u212a"


def _heading(text: str) -> bool:
    """Whether ``text`` is a comment count standing as a heading. The pattern is tried only
    when the first character past :data:`_LEAD` is no letter or one its words open with
    (a count's digit, 'Comments (3)'): a pattern call costs some 3,500 instructions, asked of
    each block of the page below the story's second paragraph."""
    if len(text) > _HEADING_CHARS:
        return False
    first = text[:1]
    if first in _LEAD:  # (the empty text too: a block's first character is rarely a mark)
        first = text.lstrip(_LEAD)[:1]
    if first.isalpha() and first not in _OPENERS:
        return False
    return _HEADING.fullmatch(text) is not None


def _section_start(blocks: tuple[Block, ...], kept: list[Kept]) -> int | None:
    """The page index of the comment section's heading, or None."""
    # the heading is looked for from the block of the story's second kept paragraph (page
    # order; counted no further: only the first two are asked for; of two kept blocks of one
    # page block, a rule's cut, the last)
    story = 0
    start = None
    positions = {k.index: k for k in kept}
    for index in sorted(positions):
        if index >= len(blocks):
            break
        if is_story_paragraph(positions[index].block.text):
            story += 1
            if story == AFTER_STORY:
                start = index
                break
    if start is None:
        return None
    for index in range(start, len(blocks)):
        text = blocks[index].text
        if len(text) > _HEADING_CHARS:
            continue
        first = text[:1]
        if first in _LEAD:  # (lstrip's call asked only of a text opening with a mark)
            first = text.lstrip(_LEAD)[:1]
        if (first.isalpha() and first not in _OPENERS) or _HEADING.fullmatch(text) is None:
            continue  # (:func:`_heading`'s tests, asked here: no call a block)
        below = blocks[index + 1 : index + 1 + MARK_REACH]
        if any(_MARK.search(b.text) for b in below):
            return index
    return None


def drop_comment_section(
    kept: list[Kept], blocks: tuple[Block, ...], outcome: Outcome
) -> list[Kept]:
    """The ``kept`` blocks less the comment section and all below it (removed as
    :data:`PASS_ID`)."""
    start = _section_start(blocks, kept)
    if start is None:
        return kept
    out = []
    for item in kept:
        if item.index >= start:
            outcome.remove(PASS_ID, item.block.text)
        else:
            out.append(item)
    return out
