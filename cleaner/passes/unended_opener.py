"""core.unended-opener: the body's first block, when it ends no sentence and a story paragraph
follows, stands above the lede.

With the story model, what is left at the top of a text dump's body above its lede is often a
caption ('… © Eran Yardeni/GPO/dpa | ERAN YARDENI'), the headline again or another story's, a
breadcrumb ('You are here: Home / Blog / …'), a share row or a section menu. A lede ends a
sentence; these end none. So a first block of fewer than :data:`MOST_WORDS` words that ends no
sentence, with a story paragraph under it that goes on in its own sentence (not in lower case),
leaves the body (recorded as ``core.unended-opener``), and so does the next block when the
same holds of it. A block that ends with a colon, a comma or a dash goes on in the next one (a
quote's or a list's lead) and stays; a footnote mark or an emoji after the full stop ('… the
Mozilla Corporation.[2]', 'Nun gut… 😀') ends a sentence. One sentence of :data:`DEK_WORDS`
words or more, written in sentence case, stays too: a dek or a lede printed without its full
stop ('Chinese AI startup DeepSeek has reportedly overtaken ChatGPT … just a little over two
weeks after its release', which another copy of the story prints as its lede: syndication-dev
train lost that shared sentence without this test). A text written without spaces is left
alone: a hard-wrapped Chinese lede's lines cannot be told from an opener and its story.

Train part, fold models (a story model per fold of sites, cleaning the other fold's labelled
dumps: the 27 aggregator cases and 803 rendered dumps, ``training.start_errors``'s set): the
body then starts at the story's first paragraph on 16 more dumps (8 pages) and on none fewer;
of the 30 first blocks the condition held for without the footnote and dek tests, 25 were
chrome or captions, 5 one Wikipedia page's lede ending in a footnote mark.
"""

from __future__ import annotations

from ..blocks import ends_sentence, is_story_paragraph, word_count
from ..engine import Outcome
from ..engine.apply import Kept
from ..pattern_cache import compile_cached

PASS_ID = "core.unended-opener"
#: The opener is shorter than this (the 25 chrome blocks of the train part: 3 to 51 words; a
#: lede that runs on past its block's end, 'Here's what you need to know:', 62 and 87).
MOST_WORDS = 60
#: Last characters of a block that the next block goes on from.
_GOES_ON = frozenset(":,;-–—/(")
#: A one-sentence opener in sentence case of this many words or more is a dek or a lede (kept):
#: the train part's openers that go are shorter or hold a sentence end before a credit (a
#: caption), or are in title case (a breadcrumb, a headline); the syndicated deks are 26-35.
DEK_WORDS = 20
#: A sentence's end inside a block, before more text.
_INNER_END = compile_cached(r"[.!?…][\"'”’»)\]]*\s+\S")
#: What may follow a sentence's end: footnote marks ('.[2]', '.[1][3]'), emoji and other
#: symbols ('… 😀'; a blog's opening paragraph on trafilatura-dev).
_AFTER_END = compile_cached(r"(?:\[\d{1,3}\]|[\p{So}\p{Sk}\p{Cf}\uFE0F\s])+$")


def unended_opener(kept: list[Kept], title: str | None) -> bool:
    """Whether the first of the ``kept`` blocks stands above the lede (the module's test);
    ``title``: the headline (left to ``core.repeated-title``)."""
    if len(kept) < 2:
        return False
    first, second = kept[0].block.text.strip(), kept[1].block.text.strip()
    if not first or first == title or word_count(first) >= MOST_WORDS:
        return False
    if first[-1] in _GOES_ON or ends_sentence(_without_after_end(first)):
        return False
    if _dek(first):
        return False
    return is_story_paragraph(second) and not second[:1].islower()


#: The ASCII characters :data:`_AFTER_END` may end with: a footnote's bracket, the modifier
#: symbols '^' and '`' (\p{Sk}), and the spaces.
_ASCII_AFTER_END = frozenset("]^` \t\n\x0b\x0c\r\x1c\x1d\x1e\x1f")


def _without_after_end(text: str) -> str:
    """``text`` without what :data:`_AFTER_END` takes from its end; the pattern, which tries
    every position of the text, runs only when the last character could be one of its."""
    last = text[-1:]
    if last.isascii() and last not in _ASCII_AFTER_END:
        return text
    return _AFTER_END.sub("", text)


def _dek(text: str) -> bool:
    """One sentence of :data:`DEK_WORDS` words or more, most of its words in lower case."""
    words = [w for w in text.split() if w[:1].isalpha()]
    if len(words) < DEK_WORDS or _INNER_END.search(text):
        return False
    return 2 * sum(w[:1].isupper() for w in words) < len(words)


def drop_unended_opener(kept: list[Kept], title: str | None, outcome: Outcome) -> list[Kept]:
    """The ``kept`` blocks less an opener above the lede (removed as :data:`PASS_ID`)."""
    while unended_opener(kept, title):
        outcome.remove(PASS_ID, kept[0].block.text)
        kept = kept[1:]
    return kept
