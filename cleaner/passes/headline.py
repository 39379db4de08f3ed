"""The headline of a text dump, chosen by a second learned model among the short blocks above
the story.

The story model (:mod:`cleaner.passes.story`) labels every block; its probability that a block
is the headline is often spread over the headline, the standfirst under it, a caption or a
section label above it. This model sees each candidate — a short block the rules kept, above
the story's third paragraph — with what the story model says of it and of its neighbours, and
what tells a headline from the lines around it on the training pages: a copy of it further
down (the browser title with a site suffix, the headline printed again), the lede repeating
its words, a byline or date just below, a run of menu lines just above, its place among the
candidates. It is a linear-chain CRF over the candidates (labels ``title`` and ``other``),
trained on the story model's output on pages that model was not trained on
(``python -m training.train_model``); the candidate it gives the highest probability of
``title`` is the headline when that probability reaches :data:`HEADLINE_MIN`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from functools import cache, lru_cache
from itertools import islice
from typing import NamedTuple, Protocol, cast

from ..blocks import (
    STORY_LONG_WORDS,
    STORY_WORDS,
    Block,
    ends_sentence,
    is_story_paragraph,
    word_count,
)
from ..code_hash import UNREADABLE, compiled_module, followed_hash
from ..compiled_follows import HEADLINE
from ..engine import Outcome
from ..engine.apply import Kept
from ..lexicon import CLOSING_MARKS, SENTENCE_END_MARKS
from .features import PURE_SWITCH

#: A candidate has at most this many words and characters (the story model's headlines on the
#: training pages: 99% within 30 words).
MAX_WORDS, MAX_CHARS = 30, 250
#: Without a story paragraph, a kept block ending a sentence of this many words or more
#: places the story for the headline (:func:`story_lines`).
SHORT_STORY_WORDS = 8
#: At most this many candidates, the nearest the story.
MAX_CANDIDATES = 16
#: Above the nearest candidates, at most this many more (the nearest) whose content words the
#: story's first two paragraphs repeat (:data:`LEDE_SHARE` of them or more; :func:`_echoed`):
#: a headline over a table of contents, a list of links or a run of subheads that fill the
#: nearest candidates (start13: the headline no candidate on 66 of 702 held-out train dumps, on
#: 60 of them for that). Nested folds on the train part (fold story models of main 5838077;
#: headline model of one half choosing on the other's dumps), with the Chinese and Japanese
#: counting below, the labelled headline chosen / another block chosen, before -> after: whole
#: pages 552 -> 612 / 237 -> 244 of 1,127 dumps, ``-prefix`` 422 -> 443 / 162 -> 159,
#: ``#story`` 730 -> 772 / 120 -> 113, ``#body`` 194 -> 203, ``-lead`` 101 -> 106, ``-head``
#: 32 -> 33, the aggregator cases 12 -> 12; ``--flips`` 0.046 -> 0.047. Not kept (start14):
#: also a line the page prints again (a browser title with a site's suffix) — menus print
#: their items twice: whole pages 600 right / 252 another block, rendered validation title
#: 0.600 -> 0.597 (nav items and a site's name chosen).
MAX_FAR = 3
LEDE_SHARE, LEDE_WORDS = 0.5, 3
#: Counted by its characters, a text written in Chinese or Japanese has one word for this many
#: Han and kana (as :func:`cleaner.passes.story.story_words` counts them): its story paragraphs
#: place the story for the candidates (a Japanese paragraph is one "word" between spaces, so
#: none was found and the candidates were the page's last 16 short blocks), a story paragraph
#: is no candidate, and its length and the lede's words (pairs of characters) are the
#: candidates' features. Nested folds as above: the labelled headline chosen on 21 more dumps
#: of Japanese, Korean and Taiwanese pages (0 before on Japanese pages), none fewer.
CJK_CHARS_PER_WORD = 3
#: Labels of the story model that keep a block in the body.
KEEP = frozenset({"body", "subhead"})
_WORD = re.compile(r"\w+")
#: A content word: four letters or more.
_CONTENT = re.compile(r"[^\W\d_]{4,}")
_HEADING_MARK = re.compile(r"^#{1,6}\s+")
_SUFFIX = re.compile(r"\s(?:[-|–—·:»]|::)\s")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_CJK_RUN = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")

Marginal = Callable[[str, int], float]


#: The fields whose lines (a byline, a date line) close a page's header under its headline.
HEADER_FIELDS = ("byline", "date")


def header_lines(outcome: Outcome) -> set[int]:
    """The page indices of the byline and date lines the rules took (:data:`HEADER_FIELDS`;
    not those the story model routed there)."""
    return {
        i
        for name in HEADER_FIELDS
        for (_, rule), i in zip(
            outcome.fields.get(name, ()), outcome.positions.get(name, ()), strict=True
        )
        if not rule.startswith("model.")
    }


def strip_heading_mark(text: str) -> str:
    """A headline without the markdown heading marks a text rendering printed before it
    (``# Title`` → ``Title``)."""
    return _HEADING_MARK.sub("", text)


def candidates(labels: Sequence[str], kept: Sequence[Kept]) -> list[int]:
    """Positions in ``kept`` of the blocks that may be the headline: short blocks with letters,
    above the story's third paragraph (:func:`story_lines`; the story model's first paragraph is
    sometimes a notice above the headline), the :data:`MAX_CANDIDATES` nearest it; never a block
    that reads as a story paragraph (whatever the story model's label: taken for the headline, a
    lede the model took for chrome would be lost), and above those up to :data:`MAX_FAR` whose
    words the story's lede repeats (:func:`_echoed`). However far down the
    page the story starts: with the candidates cut at the 60th kept block (as before), whole
    rendered pages whose menus run longer had no headline; held out on train (fold story
    models, the shipped headline model), the headline of whole pages right 0.308 -> 0.510 (709
    dumps; 0.460 with the cut at 150), of ``-head`` cuts 0.474 -> 0.579, the aggregator cases
    and ``-lead`` cuts unchanged, no headline lost, one lede (a summary box's first line taken
    for the headline)."""
    first = list(islice(story_lines(labels, kept), 3))
    end = first[2] if len(first) == 3 else len(kept)
    found = []
    for position in range(end):
        item = kept[position]
        text = item.block.text
        if len(text) > MAX_CHARS or words_of(text) > MAX_WORDS or not _CONTENT.search(text):
            continue
        if reads_as_story(text):
            continue  # taken for the headline, a story paragraph would be lost
        found.append(position)
    near, far = found[-MAX_CANDIDATES:], found[:-MAX_CANDIDATES]
    if not far or not first or not MAX_FAR:
        return near
    return _echoed(far, kept, first) + near


def _echoed(far: list[int], kept: Sequence[Kept], first: list[int]) -> list[int]:
    """Of the blocks ``far`` above the nearest candidates, the :data:`MAX_FAR` nearest the
    story whose content words the story's first two paragraphs (``first``) repeat."""
    nearest = far[::-1]
    counts = _content_shares_of()(
        [kept[p].block.text for p in first[:2]], [kept[p].block.text for p in nearest]
    )
    chosen: list[int] = []
    for position, (shared, count) in zip(nearest, counts, strict=True):
        if shared >= LEDE_WORDS and shared >= LEDE_SHARE * count:
            chosen.append(position)
        if len(chosen) == MAX_FAR:
            break
    return sorted(chosen)


#: :func:`words_of` and :func:`reads_as_story` answer once per text (a page's blocks, a few
#: hundred at most): the candidates, their neighbours and the story's lines ask them of the
#: same blocks again (the text path 9.87 -> 9.82 million instructions a seed document).
@lru_cache(maxsize=1024)
def words_of(text: str) -> float:
    """The words of a text, one for :data:`CJK_CHARS_PER_WORD` Han and kana of a text written
    without spaces (a Japanese headline is one "word" between spaces, a Japanese story
    paragraph too).

    >>> words_of("Council backs the riverside park")
    5
    >>> words_of("東京都は13日、新しい計画を発表した。")  # 15 Han and kana
    5.0
    """
    if text.isascii():
        return word_count(text)
    cjk = len(_CJK.findall(text))
    if not cjk:
        return word_count(text)
    return sum(1 for word in text.split(" ") if not _CJK.search(word)) + cjk / CJK_CHARS_PER_WORD


@lru_cache(maxsize=1024)
def reads_as_story(text: str) -> bool:
    """:func:`cleaner.blocks.is_story_paragraph`, a text without spaces counted by
    :func:`words_of`."""
    if text.isascii():
        return is_story_paragraph(text)
    words = words_of(text)
    return words >= STORY_LONG_WORDS or (words >= STORY_WORDS and ends_sentence(text))


def story_paragraphs(
    labels: Sequence[str],
    kept: Sequence[Kept],
    reads_as: Callable[[str], bool] = is_story_paragraph,
) -> Iterator[int]:
    """Positions in ``kept`` of the blocks the story model keeps that read as story
    paragraphs (``reads_as``), in order."""
    for position, item in enumerate(kept):
        if item.index < len(labels) and labels[item.index] in KEEP and reads_as(item.block.text):
            yield position


def story_lines(labels: Sequence[str], kept: Sequence[Kept]) -> Iterator[int]:
    """Positions in ``kept`` of the story's paragraphs, as the headline's features place it:
    :func:`story_paragraphs`, or, when the model keeps none, the blocks it keeps that end a
    sentence of :data:`SHORT_STORY_WORDS` words or more (wire copy printing a sentence a
    paragraph, 'Police are investigating after a man died in a crash on a highway.')."""
    found = iter(story_paragraphs(labels, kept, reads_as_story))
    first = next(found, None)
    if first is not None:
        yield first
        yield from found
        return
    for position, item in enumerate(kept):
        text = item.block.text
        if (
            item.index < len(labels)
            and labels[item.index] in KEEP
            and words_of(text) >= SHORT_STORY_WORDS
            and ends_sentence(text)
        ):
            yield position


#: A byte table mapping the bytes that are no word character (``\W`` of an ASCII text, which
#: alone meets it; '_' is one) to a space.
_ASCII_WORD_BYTES = bytes(c if chr(c).isalnum() or c == ord("_") else 32 for c in range(256))


def _key(text: str) -> str:
    r"""A block's words (``\w+``) without case, one space between them: an ASCII text's by a
    byte table and a split, where the pattern tries a character class at every position."""
    folded = strip_heading_mark(text).casefold()
    if folded.isascii():
        return " ".join(folded.encode("ascii").translate(_ASCII_WORD_BYTES).decode().split())
    return " ".join(_WORD.findall(folded))


#: The characters of a text's head :func:`_first_word` casefolds.
_HEAD_CHARS = 64


def _first_word(text: str) -> str:
    """The first word of :func:`_key`'s key of ``text`` ("" when it has none), from the text's
    head alone where the word ends inside it: casefolding goes character by character, so the
    head's casefold is the start of the text's. (Asked of every short block of the page: a
    whole block casefolded outside ASCII cost some 0.15 million instructions a seed page.)"""
    head = text[:_HEAD_CHARS]
    if head.startswith("#"):
        head = strip_heading_mark(head)
    folded = head.casefold()
    found = _WORD.search(folded)
    if found is None or (found.end() == len(folded) and len(text) > _HEAD_CHARS):
        # no word, or one that may go on past the head: the key's own first word
        return _key(text).partition(" ")[0]
    return found.group()


def _first_words(texts: Sequence[str]) -> set[str]:
    """The first words of the texts' keys (:func:`_first_word`), none empty: the candidates'
    for :func:`_page_keys`. The compiled module's ``first_words`` computes the same set
    (handed :data:`_HEAD_CHARS`, and :func:`strip_heading_mark` and :func:`_key` to call where
    a text needs them), without a key or a casefold an ASCII text (of each candidate's whole
    key the first word alone was kept: some 20 thousand instructions a seed document)."""
    found = {_first_word(text) for text in texts}
    found.discard("")
    return found


#: A byte table mapping the bytes that are no letter (``[^\W\d_]`` of an ASCII text, which
#: alone meets it) to a space.
_ASCII_LETTER_BYTES = bytes(c if chr(c).isalpha() else 32 for c in range(256))


def _content_words(text: str) -> set[str]:
    """The content words of a text (:data:`_CONTENT`), without case: an ASCII text's by a
    byte table and a split, where the pattern tries a character class at every position."""
    if text.isascii():
        letters = text.lower().encode("ascii").translate(_ASCII_LETTER_BYTES).decode()
        return {word for word in letters.split() if len(word) >= 4}
    found = {word.casefold() for word in _CONTENT.findall(text)}
    if _CJK.search(text):
        # a text written without spaces: its Han and kana by pairs of characters
        for run in _CJK_RUN.findall(text):
            found.update(run[n : n + 2] for n in range(len(run) - 1))
    return found


def _content_shares(ledes: Sequence[str], texts: Sequence[str]) -> list[tuple[int, int]]:
    """Of each text, the count of its content words (:func:`_content_words`) that the
    ``ledes``' content words hold, and the count of its content words. The compiled module's
    ``content_shares`` computes the same pairs without a set or a string a text where every
    text is ASCII (a set of new strings a candidate cost some 0.07 million instructions a
    seed document).

    >>> _content_shares(["Council backs the park plan"], ["Park plan: council votes", "Rain"])
    [(3, 4), (0, 1)]
    """
    lede: set[str] = set()
    for text in ledes:
        lede |= _content_words(text)
    found = []
    for text in texts:
        words = _content_words(text)
        found.append((len(words & lede), len(words)))
    return found


def _page_keys(blocks: Sequence[Block], firsts: set[str], max_words: int) -> list[str]:
    """Each block's :func:`_key` where it has at most ``max_words`` words and its key's
    first word (:func:`_first_word`) is one of ``firsts``, else "". The compiled module's
    ``page_keys`` computes the same list (handed :data:`_HEAD_CHARS`, and
    :func:`strip_heading_mark` and :func:`_key` to call where a block needs them)."""
    return [
        _key(b.text) if word_count(b.text) <= max_words and _first_word(b.text) in firsts else ""
        for b in blocks
    ]


def compiled_source_hash() -> str | None:
    """The hash of the code of this module's definitions the compiled module computes
    (``_cfeatures.c``: ``content_words``, ``content_shares``, ``first_words``, ``page_keys``,
    ``candidate_features``) and of ``word_count`` and ``ends_sentence``
    (:data:`cleaner.compiled_follows.HEADLINE`, hashed now), which the compiled module names
    (``HEADLINE_HASH``): an edit of any of them is never silently left out, the Python runs
    until the C is brought level (``tests/test_cfeatures.py``). None when a source cannot be
    read."""
    try:
        return followed_hash(HEADLINE)
    except UNREADABLE:
        return None


class _Compiled(Protocol):
    """The compiled module's functions this module calls."""

    def content_words(self, text: str, /) -> set[str]: ...

    def content_shares(
        self, ledes: Sequence[str], texts: Sequence[str], /
    ) -> list[tuple[int, int]]: ...

    def first_words(
        self,
        texts: Sequence[str],
        head_chars: int,
        strip_mark: Callable[[str], str],
        key: Callable[[str], str],
        /,
    ) -> set[str]: ...

    def page_keys(
        self,
        blocks: Sequence[Block],
        firsts: set[str],
        max_words: int,
        head_chars: int,
        strip_mark: Callable[[str], str],
        key: Callable[[str], str],
        /,
    ) -> list[str]: ...

    def candidate_features(
        self,
        marginal: Marginal,
        labels: Sequence[str],
        kept: Sequence[Kept],
        positions: Sequence[int],
        page: _Page,
        fallback: str | None,
        words_of: Callable[[str], float],
        marks: str,
        /,
    ) -> list[dict[str, float]]: ...


@cache
def _compiled() -> _Compiled | None:
    """The compiled module, where the package was built with it and its ``HEADLINE_HASH``
    is this code's (:func:`compiled_source_hash`); None else, or where
    ``CLEANER_PURE_FEATURES=1`` asks for the Python."""
    compiled = compiled_module(f"{__package__}._cfeatures", "HEADLINE_HASH", HEADLINE, PURE_SWITCH)
    return None if compiled is None else cast(_Compiled, compiled)


def _content_shares_of() -> Callable[[Sequence[str], Sequence[str]], list[tuple[int, int]]]:
    """:func:`_content_shares`, compiled where it can be."""
    compiled = _compiled()
    return _content_shares if compiled is None else compiled.content_shares


def _fifths(value: float) -> str:
    return str(min(5, int(value * 5 + 0.5)))


def _words_bucket(n: int) -> str:
    for edge in (2, 4, 7, 11, 16, 22):
        if n <= edge:
            return str(edge)
    return ">22"


class _Page(NamedTuple):
    """What the candidates' features need of the whole page, found once."""

    first_story: int | None
    keys: list[str]
    anchors: set[int]
    fields: set[int]
    shares: list[float]


def _page(
    labels: Sequence[str],
    blocks: Sequence[Block],
    kept: Sequence[Kept],
    positions: Sequence[int],
    outcome: Outcome,
) -> _Page:
    # the story's first two paragraphs wherever they stand (they were looked for in the first
    # 80 kept blocks only: on whole pages whose menus run longer the candidates had no lede and
    # no place against the story; with :func:`story_lines`, nested folds on the train part,
    # headline right: whole pages 0.626 -> 0.671, the aggregator train cases 0.692 -> 0.769,
    # ``-head`` cuts 0.797 -> 0.831, ``-prefix`` 0.706 -> 0.727, ``#story`` 0.821 -> 0.826)
    story_at = list(islice(story_lines(labels, kept), 2))
    counts = _content_shares_of()(
        [kept[p].block.text for p in story_at[:2]], [kept[p].block.text for p in positions]
    )
    shares = [shared / count if count else 0.0 for shared, count in counts]
    # a block of 40 words or more is no copy of a candidate, nor a candidate and a suffix;
    # nor is a block whose key does not begin with a candidate's first word (a copy, a
    # candidate and more, or a candidate's first words: each begins with it), so the keys
    # of only the blocks whose key begins with one of those words are made (the rest stay
    # "": :func:`_repeat_features` compares no key with another of a different first word)
    texts = [kept[p].block.text for p in positions]
    compiled = _compiled()
    if compiled is None:
        keys = _page_keys(blocks, _first_words(texts), MAX_WORDS + 10)
    else:
        firsts = compiled.first_words(texts, _HEAD_CHARS, strip_heading_mark, _key)
        keys = compiled.page_keys(
            blocks, firsts, MAX_WORDS + 10, _HEAD_CHARS, strip_heading_mark, _key
        )
    return _Page(
        story_at[0] if story_at else None,
        keys,
        {i for name in ("byline", "date", "dateline") for i in outcome.positions.get(name, ())},
        outcome.routed(),
        shares,
    )


#: The sentence marks the compiled ``candidate_features`` is handed (:func:`ends_sentence`'s):
#: the closing marks, a NUL, the sentence ends.
_MARKS = CLOSING_MARKS + "\0" + SENTENCE_END_MARKS


def features(
    marginal: Marginal,
    labels: Sequence[str],
    blocks: Sequence[Block],
    kept: Sequence[Kept],
    positions: Sequence[int],
    outcome: Outcome,
    fallback: str | None,
) -> list[dict[str, float]]:
    """The features of each candidate (``positions`` in ``kept``), for crfsuite: names with
    values (the story model's probability of a headline as it is, the rest 1):
    :func:`python_features`, the loop over the candidates computed by the compiled module's
    ``candidate_features`` where it can be: the same dicts, their names in the same order (the
    text path 6.50 -> 6.34 million instructions a seed document; benchmarks/README.md,
    headfeat26)."""
    compiled = _compiled()
    if compiled is None:
        return python_features(marginal, labels, blocks, kept, positions, outcome, fallback)
    page = _page(labels, blocks, kept, positions, outcome)
    return compiled.candidate_features(
        marginal, labels, kept, positions, page, fallback, words_of, _MARKS
    )


def python_features(
    marginal: Marginal,
    labels: Sequence[str],
    blocks: Sequence[Block],
    kept: Sequence[Kept],
    positions: Sequence[int],
    outcome: Outcome,
    fallback: str | None,
) -> list[dict[str, float]]:
    """:func:`features` in Python: the definition the compiled module follows."""
    page = _page(labels, blocks, kept, positions, outcome)
    best_share = max(page.shares, default=0.0)
    result = []
    for n, p in enumerate(positions):
        text, index = kept[p].block.text, kept[p].index
        title = marginal("title", index)
        feats: dict[str, float] = {
            "bias": 1.0,
            f"lab={labels[index]}": 1.0,
            "mt": title,
            f"mt={_fifths(title)}": 1.0,
            f"cand={min(n, 5)}": 1.0,
            f"candr={min(len(positions) - 1 - n, 5)}": 1.0,
        }
        for side, q in (("p", p - 1), ("n", p + 1)):
            if 0 <= q < len(kept) and kept[q].index < len(labels):
                feats[f"{side}l={labels[kept[q].index]}"] = 1.0
                feats[f"{side}mt"] = marginal("title", kept[q].index)
                feats[f"{side}w={_words_bucket(round(words_of(kept[q].block.text)))}"] = 1.0
            else:
                feats[f"{side}edge"] = 1.0
        if page.first_story is None:
            feats["nostory"] = 1.0
        else:
            feats[f"tostory={max(-3, min(8, page.first_story - p))}"] = 1.0
        if fallback is not None and text == fallback:
            feats["finder"] = 1.0
        _shape_features(feats, text)
        if index in page.anchors:
            feats["anchor"] = 1.0
        elif index in page.fields:
            feats["field"] = 1.0
        if any(a in page.anchors for a in range(index + 1, index + 4)):
            feats["anchor_below"] = 1.0
        if p >= 2 and all(kept[q].block.text.count(" ") < 4 for q in (p - 1, p - 2)):
            feats["after_short"] = 1.0
        if page.keys[index]:
            _repeat_features(feats, page.keys[index], index, page.keys)
        share = page.shares[n]
        feats[f"lede={_fifths(share)}"] = 1.0
        if share and share == best_share:
            feats["lede_best"] = 1.0
        result.append(feats)
    return result


def _shape_features(feats: dict[str, float], text: str) -> None:
    """Length, sentence end, title case or capitals, first character, a kicker's colon, a
    site suffix's separator."""
    feats[f"w={_words_bucket(round(words_of(text)))}"] = 1.0
    if ends_sentence(text):
        feats["sent"] = 1.0
    tokens = [t for t in text.split() if t[:1].isalpha()]
    if tokens:
        upper = sum(t[0].isupper() for t in tokens) / len(tokens)
        feats[f"tc={_fifths(upper)}"] = 1.0
        if all(t.isupper() for t in tokens) and len(tokens) > 1:
            feats["caps"] = 1.0
    first = text[:1]
    feats[f"start={'a' if first.isalpha() else 'd' if first.isdigit() else first}"] = 1.0
    colon = text.find(":")
    if 0 < colon < len(text) - 1:
        feats["colon"] = 1.0
    if _SUFFIX.search(text):
        feats["sep"] = 1.0


def _repeat_features(feats: dict[str, float], key: str, index: int, keys: Sequence[str]) -> None:
    """A copy of the block elsewhere on the page: the same words, or the same words and more
    after them (a browser title's site suffix, the fuller headline), or the block holding
    another block's words and more."""
    size = key.count(" ") + 1
    for other, other_key in enumerate(keys):
        if other == index or not other_key:
            continue
        if other_key == key:
            feats["dup_below" if other > index else "dup_above"] = 1.0
        elif size >= 3 and other_key.startswith(key + " ") and other_key.count(" ") < size + 10:
            feats["prefix_of"] = 1.0
        elif other_key.count(" ") >= 2 and key.startswith(other_key + " "):
            feats["has_prefix"] = 1.0
