"""core.unended-opener: the body's first block that ends no sentence, above a story paragraph."""

from __future__ import annotations

import pytest

from cleaner import Cleaner
from cleaner.blocks import Block
from cleaner.engine import Outcome, load_rules
from cleaner.engine.apply import Kept
from cleaner.passes import known_ids
from cleaner.passes.unended_opener import (
    _AFTER_END,
    PASS_ID,
    _without_after_end,
    drop_unended_opener,
    unended_opener,
)
from cleaner.pipeline import (
    TEXT_LEARNED,
    above_dateline,
    dek_over_byline,
    doubted_opener,
    learned_story,
    place_dateline,
    repeats,
)
from cleaner.pipeline import unended_opener as unended_opener_step

LEDE = (
    "The city council voted on Tuesday to close two schools, a decision that parents had "
    "fought for months."
)


def _kept(*texts: str) -> list[Kept]:
    return [Kept(Block(text), index=n) for n, text in enumerate(texts)]


@pytest.mark.parametrize(
    "opener",
    [
        "Protesters gather outside the town hall in Nairobi",  # a caption
        "The mayor at the meeting. © Jane Doe/dpa | JANE DOE",  # a caption and its credit
        "You are here: Home / News / Schools / Council Votes to Close Two Schools",
        "Share on Facebook Share on X Share by e-mail",
    ],
)
def test_an_opener_that_ends_no_sentence_goes(opener: str) -> None:
    outcome = Outcome(kept=[], removed=[])
    kept = drop_unended_opener(_kept(opener, LEDE), None, outcome)
    assert [k.block.text for k in kept] == [LEDE]
    assert outcome.removed is not None
    assert [(r.rule, r.text) for r in outcome.removed] == [(PASS_ID, opener)]


@pytest.mark.parametrize(
    "opener",
    [
        "The council met on Tuesday.",  # ends a sentence
        "Mozilla is a free-software community created by members of Netscape.[2]",
        "Zuerst dachte ich, ich könnte das verheimlichen. Nun gut… 😀",
        "The mayor said:",  # the next block goes on from it
        # one sentence in sentence case, 20 words or more: a dek or a lede without its stop
        "Chinese AI startup DeepSeek has reportedly overtaken ChatGPT to become the top-rated "
        "free app on the App Store, just a little over two weeks after its release",
    ],
)
def test_a_sentence_or_a_lead_in_stays(opener: str) -> None:
    assert not unended_opener(_kept(opener, LEDE), None)


def test_nothing_goes_above_a_line_that_is_no_story_paragraph_or_goes_on() -> None:
    caption = "Protesters gather outside the town hall in Nairobi"
    assert not unended_opener(_kept(caption, "Read more"), None)
    assert not unended_opener(_kept(caption, "and then " + LEDE), None)
    assert not unended_opener(_kept(caption), None)
    assert not unended_opener(_kept(caption, LEDE), caption)  # the headline: its own pass


def test_the_text_path_runs_it_after_the_model_and_it_can_be_disabled() -> None:
    # after the model and the repeats, before the other passes about the story's start (the
    # dek over the byline, the lede's dateline, the doubted opener)
    at = TEXT_LEARNED.index
    assert at(learned_story) < at(repeats) < at(unended_opener_step)
    later = (dek_over_byline, above_dateline, place_dateline, doubted_opener)
    assert all(at(unended_opener_step) < at(step) for step in later)
    assert PASS_ID in known_ids(load_rules())
    Cleaner(disable=[PASS_ID])  # an unknown id would raise


def test_two_openers_above_the_lede_both_go() -> None:
    headline = "Another Story's Headline About Something Else"
    caption = (
        "Parents gather outside the town hall on Monday. Some of them had waited for hours to "
        "speak to the council before the vote on the two schools, and many stayed until the "
        "meeting ended late at night. Credit Jane Doe/Agence France-Presse — Getty Images"
    )
    outcome = Outcome(kept=[], removed=[])
    kept = drop_unended_opener(_kept(headline, caption, LEDE), None, outcome)
    assert [k.block.text for k in kept] == [LEDE]
    assert outcome.removed is not None
    assert [r.text for r in outcome.removed] == [headline, caption]


@pytest.mark.parametrize("stem", ["He left.", "Read more", "the Mozilla Corporation.[2]", ""])
def test_the_after_end_shortcut_takes_what_the_pattern_takes(stem: str) -> None:
    """Whatever character ends the text (every ASCII one, and symbols, emoji, spaces beyond),
    the shortcut leaves what the pattern leaves."""
    ends = [chr(c) for c in range(1, 128)] + [
        "\u00a0",
        "\u2003",
        "😀",
        "\ufe0f",
        "\u200d",
        "é",
        "»",
    ]
    for end in ends:
        for text in (stem + end, stem + "[1" + end, stem + " " + end):
            assert _without_after_end(text) == _AFTER_END.sub("", text), repr(text)
