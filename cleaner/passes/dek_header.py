"""core.dek-over-header: the body's first block, which the story model doubts, over a byline,
date or credit line the model took out, is the page's dek (standfirst), not its lede.

A news page prints its header in order: the headline, a dek, the byline, the date line or the
photo's credit, then the story. :mod:`core.dek-over-byline <cleaner.passes.dek_byline>` takes a
dek over a byline or date line the rules took; many are lines no rule reads ('Vandaag om
20:07', '28.04.2023, 20.15 Uhr', 'Bron: BELGA', 'Photograph: …'), which the story model labels
a byline, a date or a credit. Here the body's first block (a story paragraph of
:data:`DEK_WORDS` words or more and fewer than :data:`DEK_MAX_WORDS`, ending a sentence, not
the block the rules took the dateline from, nor one under a byline or date line the rules took
below the headline) leaves the body (recorded as ``core.dek-over-header`` with the model's
probability that it is no story) when:

- a block between it and the body's second block is, by the story model, a byline, a date or
  a credit (those labels' probabilities add up to :data:`HEADER_AT_LEAST` or more);
- the model gives the first block less than :data:`DOUBT_BELOW` of being story;
- the second block is a story paragraph that does not go on from the first: not in lower case
  and not opening with a pronoun or a connective (:data:`GOES_ON`: 'He', 'They', 'This',
  'But', 'However' …). On the train part's held-out dumps (start20, ``training.start_cues``),
  the paragraph under a dek never opened so (0 of 77 dumps), the paragraph under a lede did on
  103 dumps (33 sites).

The aggregator dumps' labels say a standfirst printed above the byline is no body; wcxb-dev's
gold keeps some such blocks as story (see :mod:`cleaner.passes.dek_byline`).

Train part, fold models (a story model per fold of sites cleaning the other fold's labelled
dumps, ``training.start_errors --dumps 500``, 1,663 dumps; start20, main 35c811c): 9 dumps start
at the lede that did not (5 sites: Nieuwsblad, Wired, Spiegel, Público, a wcxb-dev promo), whole
pages' first 888 -> 894 of 1,426; one dump loses a block wcxb-dev's gold keeps (a dek over the
byline 'Elliot Raba' and a date). Validation: aggregators-dev (39 cases) first 0.846 -> 0.872,
leak 0.148 -> 0.144, overall 0.879 -> 0.884 (one case), the rest unchanged; rendered wcxb-dev
and fundus-dev F1 0.913 unchanged, first 0.546 -> 0.543 (3 renderings of one wcxb-dev page
whose gold keeps its dek over the byline); syndication 73/74, 272/272 (training/README.md,
"Where the start goes wrong", start20).
"""

from __future__ import annotations

from collections.abc import Callable

import regex

from ..blocks import Block, ends_sentence, is_story_paragraph, word_count
from ..engine import Outcome
from ..engine.apply import Kept
from ..pattern_cache import compile_cached
from .dek_byline import DEK_MAX_WORDS, DEK_WORDS
from .doubted_opener import under_byline

PASS_ID = "core.dek-over-header"
#: The story model's labels of a header line under a dek.
HEADER_LABELS = ("byline", "date", "credit")
#: A block between the dek and the lede is a header line when the model gives those labels
#: this much together (the model's likeliest label; the validation figures above are at 0.5).
HEADER_AT_LEAST = 0.5
#: The model gives the first block less than this of being story (body or subhead). Held out
#: (start20): at 0.6, 0.7, 0.8 and 0.9 the form took 7, 8, 9 and 9 dumps' deks (5 sites), no
#: labelled lede; at 0.5 none (:mod:`core.doubted-opener <cleaner.passes.doubted_opener>`'s
#: doubt takes those under 40 words). Validation at 0.8: aggregators-dev first +1 case, the
#: rendered pages 3 dumps of one page (a dek over the byline its gold keeps).
DOUBT_BELOW = 0.8
#: The second block opens by going on from the first: a pronoun or a connective.
GOES_ON = compile_cached(
    r"(?:he|she|they|it|his|her|their|its|this|that|these|those|but|and|however|also|"
    r"meanwhile|yet|so)\b",
    regex.IGNORECASE,
)


def dek_over_header(
    kept: list[Kept],
    blocks: tuple[Block, ...],
    title: str | None,
    keeps: Callable[[int], float],
    header: Callable[[int], float],
    outcome: Outcome,
) -> bool:
    """Whether the first of the ``kept`` blocks is a dek over a header line the model found
    (the module's test): ``blocks`` are the page's, ``title`` the headline, ``keeps`` gives
    the story model's probability that the page's block at an index is story, ``header`` that
    it is a byline, a date or a credit."""
    if len(kept) < 2 or not title:
        return False
    dek, lede = kept[0], kept[1]
    text, after = dek.block.text, lede.block.text
    if not is_story_paragraph(text) or not ends_sentence(text):
        return False
    if not DEK_WORDS <= word_count(text) < DEK_MAX_WORDS:
        return False
    if dek.index in outcome.positions.get("dateline", ()):
        return False  # a lede opening with the story's dateline
    if not is_story_paragraph(after) or after[:1].islower() or GOES_ON.match(after.lstrip()):
        return False
    if under_byline(dek.index, blocks, title, outcome):
        return False  # a dek under the byline is story by aggregators-dev's labels
    if keeps(dek.index) >= DOUBT_BELOW:
        return False
    return any(header(at) >= HEADER_AT_LEAST for at in range(dek.index + 1, lede.index))


def drop_dek_over_header(
    kept: list[Kept],
    blocks: tuple[Block, ...],
    title: str | None,
    keeps: Callable[[int], float],
    header: Callable[[int], float],
    outcome: Outcome,
) -> list[Kept]:
    """The ``kept`` blocks less a dek over a header line (removed as :data:`PASS_ID`, with the
    model's probability that it is no story)."""
    if not dek_over_header(kept, blocks, title, keeps, header, outcome):
        return kept
    outcome.remove(PASS_ID, kept[0].block.text, round(1 - keeps(kept[0].index), 3))
    return kept[1:]
