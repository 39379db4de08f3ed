"""core.next-story's test as it was written first, one block at a time, held to the pass's
faster form (the page's headline-shaped lines found in one pass, a window of them looked at
before the header's walk, a date line's words split no further than its limit): the same
position on made pages of story paragraphs, headlines, date lines, bylines, rule lines and
credit lines, and on every dump of ``training/data`` the pass is asked of."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.blocks import Block, is_story_paragraph, word_count
from cleaner.engine import Outcome
from cleaner.engine.apply import Kept
from cleaner.lexicon import ends_sentence
from cleaner.passes import next_story as ns
from cleaner.text_blocks import text_to_page

from .training_dumps import dump_texts, needs_training_data


def _date_line(text: str) -> bool:
    if len(text.split()) > ns.DATE_OTHER_WORDS + ns._DATE_WORDS:
        return False
    found = ns._DATE.search(text)
    if found is None or ns.parse_date(found.group()) is None:
        return False
    rest = (text[: found.start()] + " " + text[found.end() :]).split()
    return len(rest) <= ns.DATE_OTHER_WORDS and all(ns._DATE_COMPANION.fullmatch(w) for w in rest)


def _headline_shaped(text: str) -> bool:
    low, high = ns.HEADLINE_WORDS
    return low <= word_count(text) <= high and not ends_sentence(text)


def _header(
    kept: list[Kept], blocks: tuple[Block, ...], position: int, *, dated: bool = False,
    above: bool = True,
) -> bool:  # fmt: skip
    stop = kept[position].index
    for index in range(kept[position - 1].index + 1, stop + 1):
        if not _headline_shaped(blocks[index].text):
            continue
        for below in range(index + 1, min(index + 1 + ns.HEADER_REACH, len(blocks))):
            if index != stop and below + 1 != stop:
                continue
            if _date_line(blocks[below].text) or (not dated and ns._byline(blocks[below].text)):
                return True
    return above and _dated_above(kept, blocks, position)


def _dated_above(kept: list[Kept], blocks: tuple[Block, ...], position: int) -> bool:
    start, stop = kept[position - 1].index + 1, kept[position].index
    for index in range(start + 1, min(stop + 2, len(blocks))):
        if (
            index - 1 <= stop <= index + 1
            and _headline_shaped(blocks[index].text)
            and _date_line(blocks[index - 1].text)
        ):
            return True
    return False


def reference_start(
    kept: list[Kept], blocks: tuple[Block, ...], title: str | None, outcome: Outcome
) -> int | None:
    """:func:`cleaner.passes.next_story.next_story_start` as first written."""
    ends = {i for name in ns.END_FIELDS for i in outcome.positions.get(name, ())}
    ends.update(i for i, block in enumerate(blocks) if ns._rule_line(block.text))
    story = 0
    for position in range(1, len(kept)):
        before, item = kept[position - 1], kept[position]
        story += is_story_paragraph(before.block.text)
        if story < ns.AFTER_STORY:
            continue
        ended = any(i in ends for i in range(before.index, item.index))
        early = story < ns.AFTER_HEADER
        if not ended and (
            story < ns.EARLY_HEADER or not _header(kept, blocks, position, dated=early)
        ):
            continue
        run = ns._run(kept[position:])
        if run is None:
            continue
        words, text = run
        above = [k.block.text for k in kept[:position]]
        story_words = ns.content_words(" ".join([title or "", *above]))
        if len(words & story_words) > ns.MAX_SHARED * len(words):
            continue
        if ns.language(text) != ns.language(" ".join(above)):
            continue
        guarded = not ended and (early or not _header(kept, blocks, position, above=False))
        if guarded and ns._story_returns(kept[position + ns.RUN_BLOCKS :], story_words):
            continue
        return position
    return None


_STORY = [
    "A suspect was fatally injured in a police operation in a house in Dormagen on Saturday, "
    "and another dead person was found in the building, the prosecutor said.",
    "In the afternoon, police and emergency services were called to the private house in "
    "Dormagen where firearms were then used in the course of the deployment.",
    "The prosecutor in Dormagen said the suspect had succumbed to his injuries in the house "
    "despite attempts at resuscitation by the police officers at the scene.",
]
_NEXT = [
    "A woman was hit by a tractor in southern Thuringia and died at the scene of the accident "
    "in a forest near Haselbach in the Sonneberg district, emergency crews reported.",
    "The 59-year-old woman may have tried to stop the parked tractor with a trailer after it "
    "got rolling, a spokesman for the district said on Sunday evening.",
    "Die Polizei sagte, dass der Mann in dem Haus war und dass er am Samstag verletzt wurde, "
    "als die Beamten eintrafen und ihn im Flur fanden.",
]
_BETWEEN = [
    "Haselbach: Woman rolled over by tractor",
    "Dormagen suspect dies after police shot",
    "Updated Dec. 19, 2025",
    "Dec. 19, 2025 | 10:45",
    "28.11.2024",
    "1/1/2013 +13.1%",
    "By Ann Lee",
    "By Audience",
    "By Mary Jo O'Neil Smith Jones",
    "-----",
    "— — —",
    "* * *",
    "Source: DPA",
    "Related Articles",
    "He denies the charges.",
    "Read more",
]


@st.composite
def _pages(
    draw: st.DrawFn,
) -> tuple[list[Kept], tuple[Block, ...], str | None, Outcome]:
    """A story, lines of a header or an end, the next story and more lines, in runs of any
    order; most blocks kept."""
    runs = [_STORY, _BETWEEN, _NEXT, _BETWEEN, _STORY, _NEXT, _BETWEEN]
    texts = []
    for pool in runs:
        texts.extend(draw(st.lists(st.sampled_from(pool), max_size=4)))
    if not texts:
        texts = [_STORY[0]]
    blocks = tuple(Block(text) for text in texts)
    chosen = draw(
        st.lists(
            st.sampled_from([True, True, True, False]), min_size=len(blocks), max_size=len(blocks)
        )
    )
    kept = [
        Kept(block, index=i)
        for i, (block, keep) in enumerate(zip(blocks, chosen, strict=True))
        if keep
    ]
    outcome = Outcome(kept=[], removed=[])
    for name in ("credits", "copyright", "captions"):
        for index in draw(st.lists(st.integers(0, len(blocks) - 1), max_size=2)):
            outcome.put(name, f"{name} line", "rule", index)
    title = draw(st.sampled_from([None, _BETWEEN[0], _BETWEEN[1]]))
    return kept, blocks, title, outcome


@settings(max_examples=1500, deadline=None)
@given(_pages())
def test_the_pass_finds_what_the_first_form_finds_on_made_pages(
    page: tuple[list[Kept], tuple[Block, ...], str | None, Outcome],
) -> None:
    kept, blocks, title, outcome = page
    assert ns.next_story_start(kept, blocks, title, outcome) == reference_start(
        kept, blocks, title, outcome
    )


@settings(max_examples=2000)
@given(
    st.lists(
        st.sampled_from(["Dec.", "19,", "2025", "Updated", "|", "10:45", "by", "28.11.2024", "x"]),
        max_size=9,
    ).map(" ".join),
    st.sampled_from([" ", "  ", "\t", "\u2003", " \n"]),
)
def test_a_date_line_split_no_further_is_the_same(text: str, tail: str) -> None:
    for made in (text, text + tail, tail + text, text.replace(" ", tail)):
        assert ns._date_line(made) == _date_line(made)


@needs_training_data
def test_every_training_dump_gives_the_same_start() -> None:
    """Every dump of ``training/data`` (slow: about 15,000 pages), all its blocks kept, and
    every other one."""
    seen = 0
    for text in dump_texts():
        blocks = text_to_page(text).blocks
        for step in (1, 2):
            kept = [Kept(block, index=i) for i, block in enumerate(blocks) if i % step == 0]
            outcome = Outcome(kept=[], removed=[])
            assert ns.next_story_start(kept, blocks, None, outcome) == reference_start(
                kept, blocks, None, outcome
            )
        seen += 1
    assert seen > 1000


#: A date line and a byline that are no headline-shaped lines themselves (one word; a
#: sentence end), so that the headline alone stands in the window looked at first.
_HEAD, _DATE, _BY = "Haselbach: Woman rolled over by tractor", "28.11.2024", "By Ann Lee."


@pytest.mark.parametrize(
    ("between", "taken"),
    [
        ([_HEAD, _DATE], set()),  # the headline, the run's first block, over its date line
        ([_DATE, _HEAD], set()),  # the date line, the run's first block, over the headline
        ([_HEAD, _DATE], {0, 1}),  # both taken: the run starts under them
        ([_HEAD, "Read more", _BY], {0, 1, 2}),  # the headline three above the run
        ([_HEAD, _DATE, "Read more"], {1, 2}),  # ... the headline kept, its date line taken
        (["Read more", _HEAD, _DATE], {0, 1, 2}),  # two above the run
        (["Read more", _DATE, _HEAD], {0, 1}),  # the headline the run's first, its date over it
    ],
)
def test_each_place_of_the_header_cuts_as_first_written(
    between: list[str], taken: set[int]
) -> None:
    """The header's every place around the run's first kept block, after three story
    paragraphs: the window looked at first holds it, and the cut is the first form's."""
    texts = [*_STORY, *between, *_NEXT[:2], "Related Articles"]
    blocks = tuple(Block(text) for text in texts)
    skipped = {len(_STORY) + i for i in taken}
    kept = [Kept(block, index=i) for i, block in enumerate(blocks) if i not in skipped]
    outcome = Outcome(kept=[], removed=[])
    expected = reference_start(kept, blocks, None, outcome)
    assert expected is not None
    assert ns.next_story_start(kept, blocks, None, outcome) == expected
