"""core.notice on a text dump: a publisher's notice in a sentence the story model kept."""

from __future__ import annotations

import pytest

from cleaner.blocks import Block
from cleaner.engine import Outcome, load_rules
from cleaner.engine.apply import Kept
from cleaner.passes import known_ids
from cleaner.passes.notices import PASS_ID, drop_notices
from cleaner.passes.registry import pass_by_id
from cleaner.pipeline import TEXT_LEARNED
from cleaner.pipeline import notices as notices_step

LEDE = (
    "The city council voted on Tuesday to close two schools, a decision that parents had "
    "fought for months."
)
MORE = "The schools will close at the end of the year, and their pupils will move to others."


def _drop(*texts: str) -> tuple[list[str], list[tuple[str, str]]]:
    outcome = Outcome(kept=[], removed=[])
    kept = drop_notices([Kept(Block(t), index=n) for n, t in enumerate(texts)], outcome)
    assert outcome.removed is not None
    return [k.block.text for k in kept], [(r.rule, r.text) for r in outcome.removed]


@pytest.mark.parametrize(
    "notice",
    [
        "Some of the links in this article are affiliate ones.",
        "Note: Some posts may contain affiliate links. Read more in our Privacy Policy.",
        "Please note: If you purchase a product through a link on the site, I may earn a "
        "commission without additional cost to you.",
        "Thanks for reading! Subscribe for free to receive new posts and support my work.",
        "Just R20 for the first month. Support independent journalism by subscribing.",
        "Become a paid subscriber to Every to unlock this piece and learn about:",
        "THIS CONTENT IS RESERVED FOR SUBSCRIBERS ONLY",
        "Please Consider Supporting Us.",
    ],
)
def test_a_notice_goes_wherever_it_stands(notice: str) -> None:
    assert _drop(notice, LEDE, MORE) == ([LEDE, MORE], [(PASS_ID, notice)])
    assert _drop(LEDE, notice, MORE)[0] == [LEDE, MORE]
    assert _drop(LEDE, MORE, notice)[0] == [LEDE, MORE]


@pytest.mark.parametrize(
    "line",
    [
        # the story's own sentences about links, commissions and subscribers
        "To measure the outcomes, implement affiliate links, UTM tracking and discount codes.",
        "Travel agents recommend travel insurance because they get a commission when you buy it.",
        "Each month, subscribers receive a package that includes two gently used books.",
        "Thanks for reading, stay safe, and keep being awesome.",
    ],
)
def test_a_story_sentence_stays(line: str) -> None:
    assert _drop(LEDE, line, MORE)[0] == [LEDE, line, MORE]


def test_a_long_paragraph_stays() -> None:
    # a paragraph of more than 80 words is the story's, whatever it says of commissions
    long = "We may earn a commission on the cars, the dealers said. " + MORE * 6
    assert _drop(LEDE, long)[0] == [LEDE, long]


def test_a_body_of_notices_alone_stays() -> None:
    notice = "Some of the links in this article are affiliate ones."
    assert _drop(notice) == ([notice], [])
    assert _drop(notice, notice) == ([notice, notice], [])


def test_registered_and_run_with_the_model() -> None:
    assert PASS_ID in known_ids(load_rules())
    entry = pass_by_id(PASS_ID)
    assert entry is not None and entry.paths == ("text",)
    assert notices_step in TEXT_LEARNED
