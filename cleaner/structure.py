"""Page structure that no single rule sees: where the story starts and ends.

Rules judge one block at a time. Some chrome is only recognisable from its place: the
navigation and teasers above a text dump's headline, a standfirst between the headline and the
byline, link lists and tag lines after the story's last sentence, a paragraph or caption printed
twice. Each function here takes the kept blocks and returns those that stay, recording what it
takes out under a ``core.*`` id.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from .blocks import is_story_paragraph
from .engine import Outcome
from .engine.apply import Kept
from .lexicon import BYLINE_OPENERS, OPENING_MARKS, ends_sentence, text_key
from .pattern_cache import compile_cached

_NOT_TITLE_END = compile_cached(r"[,;:|•·*]\s*$")
_BYLINE_START = re.compile(rf"(?:{'|'.join(BYLINE_OPENERS)})\s+\w", re.IGNORECASE)
#: How many kept blocks, and how many blocks of the page, above a byline or date (or the first
#: story paragraph) the headline may stand.
_HEADLINE_REACH, _HEADLINE_SPAN = 2, 5
#: Trailing blocks of at most this many words, that end no sentence, are page furniture;
#: so are runs of this many such blocks, whatever their length (lists of links).
_TAIL_WORDS, _TAIL_RUN = 5, 3
#: Above an unvouched headline, lines of at most this many words are taken for a menu.
_MENU_WORDS = 4


def _reads_as_sentence(text: str, words: int = 8) -> bool:
    return len(text.split()) >= words and bool(ends_sentence(text))


def looks_like_headline(item: Kept) -> bool:
    """Short, not a list item, does not end mid-phrase."""
    text = item.block.text
    if len(text) > 220 or item.block.kind not in ("para", "heading"):
        return False  # (before the text is split into its words: a story paragraph's many)
    words = len(text.split())
    return (
        (3 <= words <= 30 or (words < 3 and len(text) >= 12))
        and not _NOT_TITLE_END.search(text)
        and (text[0].isalnum() or text[0] in OPENING_MARKS)  # not '+ Menu + Items', '| Nav'
        and not _BYLINE_START.match(text)
        and any(c.isalpha() for c in text)
    )


def find_headline(kept: list[Kept], outcome: Outcome) -> tuple[int | None, bool]:
    """The position in ``kept`` of a text dump's headline (``None`` when unsure), and whether
    a byline, date or dateline below it vouches for it.

    The headline stands a little above the byline or printed date when there is one, else
    right above the first story paragraph; the first headline-like block of that stretch wins
    (a standfirst follows the headline, never precedes it).
    """
    start = next((i for i, k in enumerate(kept) if is_story_paragraph(k.block.text)), None)
    if start is None:  # a short text: its first sentence of some length
        start = next(
            (i for i, k in enumerate(kept) if _reads_as_sentence(k.block.text, 6)), len(kept)
        )
    if start == 0:
        return None, False
    start_index = kept[start].index if start < len(kept) else 1 << 30
    # A byline, date or dateline vouches for a headline above it; one taken out of the first
    # line that stays (a stored copy's date prefix) has nothing above it and vouches for none.
    anchors = [
        i
        for name in ("byline", "date", "dateline")
        for i in outcome.positions.get(name, ())
        if i <= start_index  # a dateline stands in the first story paragraph itself
        and i != kept[0].index
    ]
    end, reference = start, start_index
    if anchors:
        reference = max(anchors)
        end = next((i for i, k in enumerate(kept) if k.index >= reference), len(kept))
    window = [
        i
        for i in range(max(0, end - _HEADLINE_REACH), end)
        if kept[i].index >= reference - _HEADLINE_SPAN and looks_like_headline(kept[i])
    ]
    if not window:
        return None, False
    first = window[0]
    anchored = bool(anchors)
    if first > 0 and looks_like_headline(kept[first - 1]) and len(window) > 1:
        # The stretch continues a list of teaser headlines: the headline is the one nearest
        # the byline, unless that one reads as a standfirst (a full sentence).
        plain = [i for i in window if not ends_sentence(kept[i].block.text)]
        return (plain[-1] if plain else window[-1]), anchored
    return first, anchored


def drop_above(kept: list[Kept], headline: int, outcome: Outcome, *, anchored: bool) -> list[Kept]:
    """Above a text dump's headline stand menus, labels and teaser headlines. Whatever reads
    as a sentence stays, in case the headline was misjudged: chrome left in is better than a
    sentence of the story lost. Without a byline or date to vouch for the headline, only
    menu-like lines go (a few words, no figures, no sentence)."""
    if not anchored and any(_reads_as_sentence(k.block.text) for k in kept[:headline]):
        return kept  # sentences above an unvouched headline: it may not be the headline
    result = []
    for item in kept[:headline]:
        text = item.block.text
        menu_like = len(text.split()) <= _MENU_WORDS and not any(c.isdigit() for c in text)
        if _reads_as_sentence(text) or not (anchored or menu_like):
            result.append(item)
        else:
            outcome.remove("core.above-headline", text)
    return result + kept[headline:]


def drop_standfirst(kept: list[Kept], outcome: Outcome) -> list[Kept]:
    """Blocks between the headline and a byline or date printed before the story's first
    paragraph are its standfirst (dek, kicker, section label), not story."""
    first_story = next((k.index for k in kept if is_story_paragraph(k.block.text)), None)
    if first_story is None:
        return kept
    anchors = [
        i for name in ("byline", "date") for i in outcome.positions.get(name, ()) if i < first_story
    ]
    if not anchors:
        return kept
    last_anchor = max(anchors)
    for item in kept:
        if item.index < last_anchor:
            outcome.remove("core.standfirst", item.block.text)
    return [item for item in kept if item.index >= last_anchor]


def drop_tail(kept: list[Kept], outcome: Outcome) -> list[Kept]:
    """After the story's last sentence, blocks that end no sentence are furniture when short
    and without figures (section names, button labels), or when three or more headline-long
    ones come in a row (a list of links to other stories). Lines that run on in lower case are
    content (a sign-off, an item of a list the story gives).

    Furniture known by its shape and place, where only the page shows it; the headings that
    name a trailing section ('Related Articles') are the rule ``generic.trailing-section``'s,
    which runs on every path and is a feature of the story model. Without this pass, the text
    path without the model leaves more chrome (validation part, aggregators-dev leak 0.528 ->
    0.594; rendered body F1 0.850 -> 0.835), so each keeps its own part."""
    last = max((i for i, k in enumerate(kept) if is_story_paragraph(k.block.text)), default=None)
    if last is None:
        return kept
    tail = kept[last + 1 :]
    teaser = [_unfinished(k.block.text) and len(k.block.text.split()) >= 4 for k in tail]
    result = kept[: last + 1]
    for i, item in enumerate(tail):
        text = item.block.text
        label = (
            _unfinished(text)
            and len(text.split()) <= _TAIL_WORDS
            and not any(c.isdigit() for c in text)
        )
        if label or (teaser[i] and _run_length(teaser, i) >= _TAIL_RUN):
            outcome.remove("core.trailing-furniture", text)
        else:
            result.append(item)
    return result


def _unfinished(text: str) -> bool:
    """No sentence end, not running on in lower case, not too long for a link."""
    return not ends_sentence(text) and not text[:1].islower() and len(text.split()) <= 30


def _run_length(flags: list[bool], i: int) -> int:
    start = i
    while start > 0 and flags[start - 1]:
        start -= 1
    end = i
    while end + 1 < len(flags) and flags[end + 1]:
        end += 1
    return end - start + 1


def same_text(a: str, b: str) -> bool:
    """Whether two strings are the same words, ignoring case, spacing and punctuation."""
    return text_key(a) == text_key(b)


def drop_title_repeats(kept: list[Kept], title: str, outcome: Outcome) -> list[Kept]:
    """Remove the headline wherever the page repeats it as a block of its own."""
    result = []
    for item in kept:
        # Cheap length test first: most blocks are nowhere near the headline's length.
        if abs(len(item.block.text) - len(title)) <= len(title) // 4 + 4 and same_text(
            item.block.text, title
        ):
            outcome.remove("core.repeated-title", item.block.text)
        else:
            result.append(item)
    return result


#: A block that holds the headline and at most this many words more is the headline run in
#: with a kicker, a label or the site's name ('Nach erneuter Kritik an Papst Leo Trump postet
#: …', 'PROJECT: Weekend Coding Agent', '… | wdr aktuell'), when it opens an HTML body.
#: Tuning part, the body's first block: 9 such blocks, all chrome (rests of 1 to 10 words);
#: the gold holds none (it holds two as the second block, which stay). See
#: :func:`drop_title_run_in` for the figures.
RUN_IN_WORDS = 12
#: A headline shorter than this (characters of its key) or than three words is too short to
#: be told inside another line.
_RUN_IN_TITLE_KEY = 15
#: What sets a one-word label apart from the headline it opens ('Blog: …', '… | Site').
_RUN_IN_SEPARATORS = frozenset(":|>/·•–—")


def drop_title_run_in(kept: list[Kept], title: str, outcome: Outcome) -> list[Kept]:
    """core.repeated-title, HTML only: the body's first block when it is the headline run in
    with a kicker, a label or the site's name (:data:`RUN_IN_WORDS`), not a sentence (no full
    stop at its end) and not a variant of the headline one word longer (the printed h1 'CIS
    Cybersecurity Best Practices' under the title 'Cybersecurity Best Practices': the gold
    keeps it) unless a separator sets that word apart.

    Tuning part (cleaner's bodies): fundus-dev F1 0.96856 -> 0.96880 (2 pages up), wcxb-dev
    0.95772 -> 0.95778 (4 up), trafilatura-dev with/without unchanged, none down. Validation
    part: fundus-dev 0.96493 -> 0.96604 (5 pages of 4 sites up: Tages-Anzeiger's and n-tv's
    kicker run into the headline, 0.981 -> 0.994, 0.989 -> 1.000), wcxb-dev 0.93584 ->
    0.93585 (2 up, one down by 0.004: a title with 'My' before it), trafilatura-dev one
    snippet more.

    >>> from cleaner.blocks import Block
    >>> from cleaner.engine import Outcome
    >>> from cleaner.engine.apply import Kept
    >>> kicker = Block("Nach Kritik an Leo Trump postet wieder ein Foto")
    >>> body = [Kept(kicker), Kept(Block("Text."))]
    >>> [k.block.text for k in drop_title_run_in(body, "Trump postet wieder ein Foto", Outcome())]
    ['Text.']
    >>> body = [Kept(Block("CIS Cybersecurity Best Practices")), Kept(Block("Text."))]
    >>> len(drop_title_run_in(body, "Cybersecurity Best Practices", Outcome()))
    2
    """
    if not kept:
        return kept
    key = text_key(title)
    words = title.count(" ") + 1
    if len(key) < _RUN_IN_TITLE_KEY or words < 3:
        return kept
    text = kept[0].block.text
    first = text_key(text)
    more = text.count(" ") + 1 - words
    if key not in first or first == key or more > RUN_IN_WORDS or text.rstrip().endswith("."):
        return kept
    if more < 2 and not (set(text) - set(title)) & _RUN_IN_SEPARATORS:
        return kept
    outcome.remove("core.repeated-title", text)
    return kept[1:]


def repeat_keys(kept: list[Kept], datelines: tuple[str, ...]) -> list[str]:
    """The blocks' texts as :func:`drop_repeats` compares them: less a dateline the rules took
    from the page (a text that opens with none is its own key: ``startswith`` in C first)."""
    keys = [item.block.text for item in kept]
    if datelines:
        keys = [_without_dateline(t, datelines) if t.startswith(datelines) else t for t in keys]
    return keys


def keys_distinct(kept: list[Kept], datelines: tuple[str, ...]) -> bool:
    """Whether no two blocks have the same :func:`repeat_keys` (then no block is a repeat).
    The Python of the compiled ``repeat_facts``' second answer (``_cfeatures.c``)."""
    keys = repeat_keys(kept, datelines)
    return len(set(keys)) == len(keys)


def drop_repeats(
    kept: list[Kept],
    hits: Collection[int],
    outcome: Outcome,
    *,
    repeats: bool = True,
    datelines: tuple[str, ...] = (),
    every_time: frozenset[str] = frozenset(),
    story_own: bool = False,
    distinct: bool | None = None,
) -> list[Kept]:
    """A paragraph printed twice appears once; a caption's text printed again beside it
    (alt text, a teaser of the caption) is not story: ``hits``, the positions in ``kept`` of
    a caption's repeats, found before the walk (:func:`cleaner.passes.repeats.repeat_facts`:
    the test asks only of a block's own text, never of what the walk removed
    before it; empty where core.caption-repeat is off). ``repeats`` turns the walk's part
    off. A paragraph is the same with or without a dateline the rules took from the page
    (``datelines``: a wire story printed twice, the dateline taken from one copy). Blocks of
    the kinds in ``every_time`` are kept each time they are printed; with ``story_own``, so
    are the story's own short lines printed again (:func:`story_own_repeats`). ``distinct``:
    :func:`keys_distinct` of the blocks and datelines, where the caller has it (in C:
    :func:`cleaner.passes.repeats.repeat_facts`)."""
    keys = None
    if repeats and distinct is None:
        keys = repeat_keys(kept, datelines)
        distinct = len(set(keys)) == len(keys)
    if not repeats or distinct:
        # no key printed twice (or no repeats asked): the walk would remove the caption hits
        # alone
        if not hits:
            return list(kept)
        for position in sorted(hits):
            outcome.remove("core.caption-repeat", kept[position].block.text)
        hits = set(hits)
        return [item for position, item in enumerate(kept) if position not in hits]
    hits = set(hits)
    if keys is None:
        keys = repeat_keys(kept, datelines)
    own = story_own_repeats(kept, keys, every_time) if story_own else set()
    seen: set[str] = set()
    result = []
    for position, (item, key) in enumerate(zip(kept, keys, strict=True)):
        text = item.block.text
        if key in seen and _may_repeat(item, every_time) and item.index not in own:
            outcome.remove("core.repeated-block", text)
            continue
        if position in hits:
            outcome.remove("core.caption-repeat", text)
            continue
        seen.add(key)
        result.append(item)
    return result


#: A block of fewer words printed again is never taken for a repeat.
_REPEAT_WORDS = 6


def _may_repeat(item: Kept, every_time: frozenset[str]) -> bool:
    """Whether a block printed again is taken for a repeat: :data:`_REPEAT_WORDS` words or
    more, and not of a kind kept each time it is printed (``every_time``)."""
    return item.block.text.count(" ") + 1 >= _REPEAT_WORDS and item.block.kind not in every_time


#: A paragraph of this many words printed again inside the story is a repeat all the same
#: (a pull quote, a summary, a promotion's copy), whatever :func:`story_own_repeats` finds;
#: shorter lines, list items, headings and quotes are the story's own. Validation part,
#: wcxb-dev body F1: a threshold from 8 to 25 words gives the same +0.0004 (16 pages up, 4
#: down), 30 +0.0003; tuning part +0.0001 from 8 to 25 (replayed on the bodies).
_OWN_PARAGRAPH_WORDS = 15


def story_own_repeats(
    kept: list[Kept], keys: list[str], every_time: frozenset[str] = frozenset()
) -> set[int]:
    """The page indexes of repeats that are the story's own and stay: a line printed again
    where both copies stand within the story's run of paragraphs (from its first story
    paragraph to its last), of the same kind as the first copy (a table of contents' entry
    printed again as the section's heading is a repeat), not one of a run of repeats printed
    in the same order as their first copies (a block of the page, or the whole story, printed
    twice), and not a paragraph of :data:`_OWN_PARAGRAPH_WORDS` words or more. What stays so:
    the label printed under each item of a list ('Buy on Amazon | …', 'Read my review of this
    property here.'), a list item or a heading a story prints twice. HTML only: the text path's
    story model learns from what :func:`drop_repeats` leaves. ``keys`` are the blocks' texts
    as :func:`drop_repeats` compares them (less a dateline the rules took).

    Measured on wcxb-dev and fundus-dev (every repeat removed, scored against the gold): the
    tuning part's removals held 656 words of the gold and 2,298 not; the validation part's
    2,059 and 6,564 (all on wcxb-dev but 46 words). Keeping these, body F1: validation part
    wcxb-dev 0.93291 -> 0.93334 (17 pages up, 4 down; 0.926 -> 1.000 and 0.970 -> 0.996 the
    most), fundus-dev 0.96384 -> 0.96403 (one page up), trafilatura-dev's snippets unchanged;
    tuning part wcxb-dev 0.95653 -> 0.95664 (11 up, 8 down), fundus-dev unchanged. Keeping
    every repeat instead (replayed on the bodies): validation wcxb-dev 0.9316, tuning 0.9551 (the
    rule takes more chrome than story); paragraphs of any length kept: 0.9330 and 0.9561."""
    first: dict[str, int] = {}
    offsets: dict[int, int] = {}  # a repeat's position -> how far back its first copy stands
    for i, (item, key) in enumerate(zip(kept, keys, strict=True)):
        if key not in first:
            first[key] = i
        elif _may_repeat(item, every_time):
            offsets[i] = i - first[key]
    if not offsets:
        return set()
    story = [
        i
        for i, item in enumerate(kept)
        if i not in offsets and item.block.kind == "para" and is_story_paragraph(item.block.text)
    ]
    if not story:
        return set()
    start, end = story[0], story[-1]
    own = set()
    for i, offset in offsets.items():
        item, copy = kept[i], kept[i - offset]
        in_run = offsets.get(i - 1) == offset or offsets.get(i + 1) == offset
        long_paragraph = (
            item.block.kind == "para" and item.block.text.count(" ") + 1 >= _OWN_PARAGRAPH_WORDS
        )
        if (
            start <= i - offset
            and i <= end
            and not in_run
            and item.block.kind == copy.block.kind
            and not long_paragraph
        ):
            own.add(item.index)
    return own


def _without_dateline(text: str, datelines: tuple[str, ...]) -> str:
    """The text less a dateline it opens with."""
    for dateline in datelines:
        if text.startswith(dateline) and len(text) > len(dateline):
            return text[len(dateline) :].lstrip()
    return text
