"""core.next-story on a text dump: the next story on a feed page, and all below it.

A feed, tag or digest page prints one story after another, each with its headline and its
paragraphs; the dump's story is the first (aggregators-dev's convention: whatever follows it is
chrome). The story model reads the next story's paragraphs as story paragraphs (they are), so
it keeps them, and ``model.next-story`` cuts only where it takes a block for a headline. Two
things together tell where the first story ends:

- **its end printed**: after at least :data:`AFTER_STORY` kept story paragraphs, a line the
  rules took as a story's ending stands between two kept blocks, or is glued to the end of the
  kept block above (a credit or source line, 'Source: DPA', '– BERNAMA'; a copyright line:
  :data:`END_FIELDS`), or a rule line of dashes, underscores or equal signs
  (:data:`_RULE_LINE`; not a dinkus, '* * *' or '• • •', which breaks a story into sections);
- or **its header**, once :data:`AFTER_HEADER` story paragraphs are kept: the next story's
  headline (:data:`HEADLINE_WORDS` words, no sentence end) over its date line (a date and
  words of letters besides it: :func:`_date_line`) or a byline ('By' and a name:
  :func:`_byline`), the headline the next kept block or the header right above it
  (:func:`_header`), or a headline right under its date line (:func:`_dated_above`); a
  headline with its date line already under :data:`EARLY_HEADER` story paragraphs (a feed's
  story cut short in a 2,000-byte dump), unless the story goes on below its run
  (:func:`_story_returns`);
- **a change of topic**: the run under it (the next kept block and the kept blocks after it,
  up to :data:`RUN_PARAGRAPHS` story paragraphs and :data:`RUN_BLOCKS` blocks) shares at most
  :data:`MAX_SHARED` of its content words with the headline and the blocks kept above.

The run and all below it leave the body (recorded as ``core.next-story``). Never when the run
carries the story's words (a story's own section after a credit line goes on with them), nor
when it is in another language than the story above (by the jusText stoplist that holds most
of its words): a post printed again in translation under a rule line shares no word with it.

Train part (the two ``training.tune`` fold models, each cleaning the sites it had not seen):
the 27 aggregator cases leak 17 -> 9 of 127 chrome strings (026's next two dpa stories after
'Source: DPA', 063's next story under a rule line), nothing of the story lost; on the rendered
dumps of 500 pages a corpus it fires on 14 dumps of 6 pages (copyright notices and consent text
under the story; one page's 80-90 words of an ambassador blurb its gold keeps). The header
(end18): no aggregator train case moves; on the rendered dumps of 300 pages a corpus it fires
on 5 dumps of 2 pages (a comment thread, a blog's next posts), precision up, no story line
lost. The header with its date line under two paragraphs and the headline under its date
line (end19): no aggregator train case moves; of 832 rendered train dumps (2,000-character
cuts and whole lxml renderings) one loses a chrome line.
Validation: see benchmarks/README.md (end17, end18, end19).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from functools import cache
from typing import Protocol, cast

import regex

from ..blocks import STORY_LONG_WORDS, STORY_WORDS, Block, is_story_paragraph, word_count
from ..code_hash import compiled_module
from ..compiled_follows import NEXT_STORY
from ..engine import Outcome
from ..engine.apply import Kept
from ..fields import parse_date
from ..lexicon import BYLINE_OPENERS, CLOSING_MARKS, SENTENCE_END_MARKS, ends_sentence, stoplist
from ..pattern_cache import compile_cached
from .features import PURE_SWITCH

PASS_ID = "core.next-story"
#: Story paragraphs kept above the end before it counts.
AFTER_STORY = 2
#: Story paragraphs kept above the next story's header (:func:`_header`, no end printed).
#: Train part: the header cuts fold models make on rendered dumps stand under 6 to 30 kept
#: story paragraphs; a page's intro of two paragraphs over its own title and author line (a
#: film's page, trafilatura-dev) is the one cut that took story.
AFTER_HEADER = 3
#: Under fewer story paragraphs (a feed's story cut short in a 2,000-byte dump) the header
#: counts from this many when it is a headline over a date line (:func:`_header`'s
#: ``dated``). Train part (the two ``training.tune`` fold models, each cleaning the sites it
#: had not seen; the 27 aggregator cases, 358 rendered 2,000-character cuts and 474 whole
#: lxml renderings of wcxb-dev, fundus-dev and readability-dev train pages): it changes none
#: of them; with a byline as well (and without :data:`RETURN_SHARE`'s test), a box of other
#: stories' headlines and bylines between two paragraphs took Hamburger Abendblatt's story
#: below it (17 story lines), and in ``benchmarks/compare_outputs.py`` a film's page its text
#: under the page's own title and author line ('von Klaus Stanjek'); at 1 story paragraph a
#: coffee guide and a BuzzFeed story lost their second half.
EARLY_HEADER = 2
#: ... and when no story paragraph kept below its run holds more than this share of its
#: content words among the headline's and the blocks' above (:func:`_story_returns`: the
#: story goes on under a box of other stories' headlines and dates); so too for a headline
#: under its date line (:func:`_dated_above`) at any count. Train part: at 2 with bylines
#: and without this test, Hamburger Abendblatt's box took the story below it; with it, none
#: of the train dumps above changes. (Validation: without it, a headline over its date line
#: under two paragraphs cut one wcxb-dev page's story, and a date line over a headline
#: another's; benchmarks/README.md, end19.)
RETURN_SHARE = 0.3
#: The run under the end: the kept blocks up to this many story paragraphs ...
RUN_PARAGRAPHS = 2
#: ... and at most this many kept blocks.
RUN_BLOCKS = 4
#: The run needs this many content words to be judged.
RUN_WORDS = 6
#: The largest share of the run's content words the headline and the blocks above may hold.
#: Train part (the two ``training.tune`` fold models, each cleaning the sites it had not seen;
#: 27 aggregator cases and the rendered dumps of 500 pages a corpus): the next stories of the
#: aggregator cases share 0.10 and 0.13; a story's own paragraphs after a credit line share
#: 0.21 and up (a Nature page's section after a photo credit, 0.21; Bild, 0.27).
MAX_SHARED = 0.15
#: Fields whose lines end a story: its credit or source line, its copyright line.
END_FIELDS = ("credits", "copyright")
#: A rule line: three or more dashes, underscores or equal signs, and nothing else.
_RULE_LINE = compile_cached(r"\s*(?:[-_=–—]\s*){3,}")
#: A content word's fewest characters.
_WORD_MIN = 4
_WORD_ANY = compile_cached(r"\w+")
#: Languages whose jusText stoplists are left out of the content words.
_LANGUAGES = ("English", "German", "French", "Spanish", "Portuguese", "Italian", "Dutch")
#: A content word's first letters (a crude stem: 'students' and 'student' alike).
_STEM = 6


@cache
def _stoplists() -> tuple[frozenset[str], ...]:
    """The jusText stoplists of :data:`_LANGUAGES`, loaded once."""
    return tuple(stoplist(lang) for lang in _LANGUAGES)


@cache
def _stopwords() -> frozenset[str]:
    """The union of :func:`_stoplists`."""
    return frozenset().union(*_stoplists())


@cache
def _stop_masks() -> dict[str, int]:
    """Each stopword of :func:`_stoplists` with the stoplists that hold it: bit ``n`` for
    :data:`_LANGUAGES`' ``n``-th."""
    masks: dict[str, int] = {}
    for n, stop in enumerate(_stoplists()):
        for word in stop:
            masks[word] = masks.get(word, 0) | 1 << n
    return masks


#: The characters past ASCII that news text prints between words most (typographic quotes,
#: dashes, the no-break space, the bullet, the copyright and pound signs), those of them that
#: ``\w`` does not match (all, as read at import): a lower-cased text whose other characters
#: are ASCII is cut into its words without the pattern engine (:func:`_words`).
_NON_WORD_MARKS = "".join(
    char
    for char in "\u00a0\u00a3\u00a9\u00ab\u00b7\u00bb\u2013\u2014\u2018\u2019\u201c\u201d"
    "\u2022\u2026"
    if _WORD_ANY.fullmatch(char) is None
)
#: Every ASCII character that ``\w`` does not match, to a space (as read at import).
_ASCII_NON_WORD = str.maketrans(
    {char: " " for char in map(chr, range(128)) if _WORD_ANY.fullmatch(char) is None}
)


def _words(lower: str) -> list[str]:
    r"""The runs of word characters (``\w+``) of a lower-cased text, in order: where its
    characters past ASCII are :data:`_NON_WORD_MARKS` alone, each non-word character made a
    space and the text split there (str.translate's ASCII path: about a tenth of the pattern
    engine's time on the 12 of the 21 text fixtures it takes); else the pattern's findall."""
    spaced = lower
    if not spaced.isascii():
        for mark in _NON_WORD_MARKS:
            if mark in spaced:
                spaced = spaced.replace(mark, " ")
        if not spaced.isascii():
            return _WORD_ANY.findall(lower)
    return spaced.translate(_ASCII_NON_WORD).split()


def language(text: str) -> int | None:
    """The index in :data:`_LANGUAGES` of the stoplist that holds most of ``text``'s words,
    or None when none holds any.

    >>> _LANGUAGES[language("Die Polizei sagte, dass der Mann in dem Haus war")]
    'German'
    """
    return _language_of(_words(text.lower()))


def _language_of(words: list[str]) -> int | None:
    """:func:`language` of a text's words (:func:`_words` of it lower-cased)."""
    # each stoplist's count of the words: the words' stoplist sets counted once (a few
    # distinct ones a page), not each word looked up in each stoplist
    found = Counter(map(_stop_masks().get, words))
    counts = [
        sum(count for mask, count in found.items() if mask is not None and mask >> n & 1)
        for n in range(len(_LANGUAGES))
    ]
    best = max(counts)
    return counts.index(best) if best else None


def content_words(text: str) -> set[str]:
    """The stems of ``text``'s content words (four letters or more, no stopword, no number).

    >>> sorted(content_words("A woman was hit by a tractor in southern Thuringia"))
    ['southe', 'thurin', 'tracto', 'woman']
    """
    return _content_of(_words(text.lower()))


def _content_of(words: list[str]) -> set[str]:
    """:func:`content_words` of a text's words (:func:`_words` of it lower-cased)."""
    stop = _stopwords()
    # \w{4,}'s matches are the runs of word characters of four or more
    return {
        word[:_STEM]
        for word in words
        if len(word) >= _WORD_MIN and word not in stop and not word.isdigit()
    }


def _ends(outcome: Outcome, blocks: tuple[Block, ...], drawn: list[int]) -> set[int]:
    """The page indices of the lines that end a story: the rules' credit and copyright lines,
    and rule lines (``drawn``: the blocks :func:`_rule_line` is asked of, :func:`page_scan`'s)."""
    ends = {i for name in END_FIELDS for i in outcome.positions.get(name, ())}
    ends.update(i for i in drawn if _rule_line(blocks[i].text))
    return ends


#: The characters a rule line (:data:`_RULE_LINE`) is drawn with.
_RULE_CHARS = "-_=–—"


def _rule_line(text: str) -> bool:
    """A rule line (:data:`_RULE_LINE`); the pattern is tried only on a text whose first
    character other than a space is one it draws with (a pattern call costs some 3,500
    instructions, asked of each block of the page)."""
    first = text.lstrip()[:1]
    return bool(first) and first in _RULE_CHARS and _RULE_LINE.fullmatch(text) is not None


#: The next story's header: a headline of this many words (no sentence end) ...
HEADLINE_WORDS = (3, 20)
#: ... over its date line or byline, within this many kept blocks under it.
HEADER_REACH = 2
#: A date line: a printed date and at most this many words besides it ('Updated', a name).
DATE_OTHER_WORDS = 3
#: A byline under a next story's headline: the opener and a name of this many words.
BYLINE_NAME_WORDS = (2, 4)
#: The most words a date of :data:`_DATE` is printed in ('Dec. 19, 2025').
_DATE_WORDS = 3
_DATE = compile_cached(
    r"\d{1,4}[./-]\d{1,2}[./-]\d{1,4}|\p{L}+\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\.?\s+\p{L}+\.?\s+\d{4}"
)
#: What a date line prints besides its date: words of letters ('Updated', 'No Comments', an
#: author's name), lone separators and a time of day. Train part (gold labels, unwrapped
#: renderings, a headline-shaped line after two story paragraphs over a line holding a
#: date): under the next stories' headlines the date stands so in 373 of 435 lines (72 of 78
#: sites, lxml; with a time 10 of them, 3 sites); the story's own date-bearing lines under
#: its headline-shaped lines print more (a table row's value '+13.1%', a field 'Date:', a
#: rating '5/10', a changelog's '2020-05-26:'): 14 of 16.
_DATE_COMPANION = compile_cached(
    r"\p{L}+[.,]?|[|/•·–—-]|\d{1,2}[:.h]\d{2}(?:[ap]\.?m\.?)?,?", regex.IGNORECASE
)
_BYLINE_OPENERS = tuple(word.lower() + " " for word in BYLINE_OPENERS)


def _date_line(text: str) -> bool:
    """A line that prints a date and little else (:data:`_DATE_COMPANION`).

    >>> _date_line("Updated Dec. 19, 2025"), _date_line("1/1/2013 +13.1%")
    (True, False)
    """
    most = DATE_OTHER_WORDS + _DATE_WORDS
    if len(text.split(None, most)) > most:
        return False  # the rest would hold more words (and the pattern is slow on long text;
        # split no further than that: a story paragraph's words cost more)
    found = _DATE.search(text)
    if found is None or parse_date(found.group()) is None:
        return False
    rest = (text[: found.start()] + " " + text[found.end() :]).split()
    return len(rest) <= DATE_OTHER_WORDS and all(_DATE_COMPANION.fullmatch(w) for w in rest)


def _byline(text: str) -> bool:
    """'By' (or another opener) and a name of :data:`BYLINE_NAME_WORDS` words: a story's
    own section headed 'By Audience' names no person (train part: wcxb-dev's listicle)."""
    if not text.lower().startswith(_BYLINE_OPENERS):
        return False
    low, high = BYLINE_NAME_WORDS
    return low + 1 <= word_count(text) <= high + 1


def python_page_scan(
    blocks: Sequence[Block], low: int, high: int, rule_chars: str
) -> tuple[list[bool], list[int]]:
    """The page's blocks in one pass: for each, whether it is a line of ``low`` to ``high``
    words with no sentence end (a headline's shape: :func:`_header` asks of each two or three
    times); and the indices of the blocks whose first character other than a space is one of
    ``rule_chars`` (the only ones :func:`_rule_line` can take). The Python of the compiled
    ``page_scan`` (``_cfeatures.c``; ``tests/test_cfeatures.py`` holds the two equal)."""
    shaped = [
        low <= word_count(block.text) <= high and not ends_sentence(block.text) for block in blocks
    ]
    drawn = []
    for i, block in enumerate(blocks):
        first = block.text.lstrip()[:1]
        if first and first in rule_chars:
            drawn.append(i)
    return shaped, drawn


def python_candidates(
    kept: Sequence[Kept],
    ends: set[int],
    shaped: list[bool],
    after_story: int,
    early_header: int,
) -> list[tuple[int, int, bool]]:
    """The positions in ``kept`` where :func:`next_story_start` looks further, in order, with
    the story paragraphs kept above each and whether an end (``ends``, :func:`_ends`) stands
    right above it: once ``after_story`` story paragraphs are kept above, a position under an
    end, or, from ``early_header`` of them, one with a headline-shaped block (``shaped``)
    where :func:`_header` looks for one, from three above its block to the one under it.
    The Python of the compiled ``next_story_candidates`` (``_cfeatures.c``, handed
    :func:`is_story_paragraph`'s counts; ``tests/test_cfeatures.py`` holds the two equal)."""
    found = []
    story = 0
    for position in range(1, len(kept)):
        before, item = kept[position - 1], kept[position]
        story += is_story_paragraph(before.block.text)
        if story < after_story:
            continue
        ended = bool(ends) and not ends.isdisjoint(range(before.index, item.index))
        if not ended:
            if story < early_header:
                continue
            if True not in shaped[max(before.index + 1, item.index - 3) : item.index + 2]:
                continue  # no headline-shaped block where :func:`_header` looks for one
        found.append((position, story, ended))
    return found


class _Compiled(Protocol):
    """The compiled module's functions this module calls."""

    def page_scan(
        self, blocks: Sequence[Block], low: int, high: int, rule_chars: str, marks: str, /
    ) -> tuple[list[bool], list[int]]: ...

    def next_story_candidates(
        self,
        kept: Sequence[Kept],
        ends: set[int],
        shaped: list[bool],
        after_story: int,
        early_header: int,
        story_words: tuple[int, int],
        marks: str,
        /,
    ) -> list[tuple[int, int, bool]]: ...


@cache
def _compiled() -> _Compiled | None:
    """The compiled module, where the package was built with it and its ``NEXT_STORY_HASH``
    is this code's (:data:`cleaner.compiled_follows.NEXT_STORY`); None else, or where
    ``CLEANER_PURE_FEATURES=1`` asks for the Python."""
    compiled = compiled_module(
        f"{__package__}._cfeatures", "NEXT_STORY_HASH", NEXT_STORY, PURE_SWITCH
    )
    return None if compiled is None else cast(_Compiled, compiled)


#: What the compiled functions take for :func:`ends_sentence`: the closing marks, a NUL, the
#: sentence ends.
_MARKS = CLOSING_MARKS + "\0" + SENTENCE_END_MARKS


def page_scan(blocks: Sequence[Block]) -> tuple[list[bool], list[int]]:
    """:func:`python_page_scan` of :data:`HEADLINE_WORDS` and :data:`_RULE_CHARS`, compiled
    where it can be."""
    low, high = HEADLINE_WORDS
    compiled = _compiled()
    if compiled is None:
        return python_page_scan(blocks, low, high, _RULE_CHARS)
    return compiled.page_scan(blocks, low, high, _RULE_CHARS, _MARKS)


def candidates(
    kept: Sequence[Kept], ends: set[int], shaped: list[bool]
) -> list[tuple[int, int, bool]]:
    """:func:`python_candidates` of this module's counts, compiled where it can be."""
    compiled = _compiled()
    if compiled is None:
        return python_candidates(kept, ends, shaped, AFTER_STORY, EARLY_HEADER)
    words = (STORY_WORDS, STORY_LONG_WORDS)
    return compiled.next_story_candidates(
        kept, ends, shaped, AFTER_STORY, EARLY_HEADER, words, _MARKS
    )


def _header(
    kept: list[Kept],
    blocks: tuple[Block, ...],
    shaped: list[bool],
    position: int,
    *,
    dated: bool = False,
    above: bool = True,
) -> bool:
    """Whether the next story's header opens the run at ``position``: a headline over its
    date line or byline (within :data:`HEADER_REACH` blocks under it), the headline the kept
    block at ``position`` or the header the blocks right above it (the model took them, the
    story's paragraph under them it kept). A teaser box inside a story prints its headline
    and byline over another block (train part: a caption, Vogue; a share row, Euronews).
    ``dated``: the date line alone (under :data:`AFTER_HEADER` story paragraphs a page's own
    title and author line stands under its intro: a film's page, trafilatura-dev train).
    ``shaped``: :func:`page_scan`'s of ``blocks``."""
    stop = kept[position].index
    for index in range(kept[position - 1].index + 1, stop + 1):
        if not shaped[index]:
            continue
        for below in range(index + 1, min(index + 1 + HEADER_REACH, len(blocks))):
            if index != stop and below + 1 != stop:
                continue
            if _date_line(blocks[below].text) or (not dated and _byline(blocks[below].text)):
                return True
    return above and _dated_above(kept, blocks, shaped, position)


def _dated_above(
    kept: list[Kept], blocks: tuple[Block, ...], shaped: list[bool], position: int
) -> bool:
    """Whether a headline under its date line opens the run at ``position`` (the date line,
    the headline or the block under it the run's first kept block). Train labels (unwrapped
    renderings and the aggregator dumps): after two story paragraphs, a date line right over
    a headline-shaped line stands 203 times on 61 sites, and never over a story line (a
    feed's or a list's entries: '28.11.2024' over 'Plauener Unternehmer verärgert …', 'Apr
    15, 2025' over 'Beginner's Guide to …'). ``shaped`` as :func:`_header`'s."""
    start, stop = kept[position - 1].index + 1, kept[position].index
    for index in range(start + 1, min(stop + 2, len(blocks))):
        if index - 1 <= stop <= index + 1 and shaped[index] and _date_line(blocks[index - 1].text):
            return True
    return False


def _run(run: list[Kept]) -> tuple[set[str], str] | None:
    """The content words and the text of the run under an end, or None when it holds no
    story paragraph (or too few words to judge)."""
    words: set[str] = set()
    texts = []
    paragraphs = 0
    for item in run[:RUN_BLOCKS]:
        words |= content_words(item.block.text)
        texts.append(item.block.text)
        if is_story_paragraph(item.block.text):
            paragraphs += 1
            if paragraphs == RUN_PARAGRAPHS:
                break
    if not paragraphs or len(words) < RUN_WORDS:
        return None
    return words, " ".join(texts)


def _story_returns(later: list[Kept], story: set[str]) -> bool:
    """Whether a story paragraph among ``later`` holds more than :data:`RETURN_SHARE` of its
    content words among ``story``'s."""
    for item in later:
        if not is_story_paragraph(item.block.text):
            continue
        words = content_words(item.block.text)
        if words and len(words & story) > RETURN_SHARE * len(words):
            return True
    return False


def next_story_start(
    kept: list[Kept], blocks: tuple[Block, ...], title: str | None, outcome: Outcome
) -> int | None:
    """The position in ``kept`` where the next story begins (the module's test), or None:
    ``blocks`` are the page's, ``title`` the headline."""
    shaped, drawn = page_scan(blocks)
    ends = _ends(outcome, blocks, drawn)
    for position, story, ended in candidates(kept, ends, shaped):
        early = story < AFTER_HEADER
        if not ended and not _header(kept, blocks, shaped, position, dated=early):
            continue
        run = _run(kept[position:])
        if run is None:
            continue
        words, text = run
        # the words of the blocks above, cut once for their content words and their language:
        # the words of texts joined by a space are each text's words in turn, and so are
        # those of the joined text lower-cased (a space ends a final sigma's context)
        above = _words(" ".join([k.block.text for k in kept[:position]]).lower())
        story_words = content_words(title or "") | _content_of(above)
        if len(words & story_words) > MAX_SHARED * len(words):
            continue
        if language(text) != _language_of(above):
            continue  # the story printed again in another language (a translation)
        guarded = not ended and (early or not _header(kept, blocks, shaped, position, above=False))
        if guarded and _story_returns(kept[position + RUN_BLOCKS :], story_words):
            continue  # the story goes on below: the header was a box's
        return position
    return None


def drop_next_story(
    kept: list[Kept], blocks: tuple[Block, ...], title: str | None, outcome: Outcome
) -> list[Kept]:
    """The ``kept`` blocks less the next story and all below it (removed as :data:`PASS_ID`)."""
    start = next_story_start(kept, blocks, title, outcome)
    if start is None:
        return kept
    for item in kept[start:]:
        outcome.remove(PASS_ID, item.block.text)
    return kept[:start]
