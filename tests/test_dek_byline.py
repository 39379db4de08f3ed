"""core.dek-over-byline: a paragraph between the headline and the byline under it."""

from __future__ import annotations

from cleaner import Cleaner
from cleaner.blocks import Block
from cleaner.engine import load_rules
from cleaner.engine.apply import Kept
from cleaner.passes import known_ids
from cleaner.passes.dek_byline import PASS_ID, dek_over_byline, drop_dek_over_byline
from cleaner.pipeline import TEXT_LEARNED, unended_opener
from cleaner.pipeline import dek_over_byline as dek_over_byline_step

from .outcomes import page_of, rules_outcome

TITLE = "Council Votes to Close Two Schools"
DEK = "Parents had fought the plan for months; the vote came after a long night of debate."
BYLINE = "By Jane Doe"
LEDE = (
    "The city council voted on Tuesday to close two schools, a decision that parents had "
    "fought for months."
)


def test_a_dek_over_the_byline_goes() -> None:
    blocks = page_of(TITLE, DEK, BYLINE, LEDE)
    kept = [Kept(blocks[1], index=1), Kept(blocks[3], index=3)]
    outcome = rules_outcome(byline=[2])
    left = drop_dek_over_byline(kept, blocks, TITLE, outcome)
    assert [k.block.text for k in left] == [LEDE]
    assert outcome.removed is not None
    assert [(r.rule, r.text) for r in outcome.removed] == [(PASS_ID, DEK)]


def test_a_dek_over_a_date_line_goes_and_a_markdown_headline_is_the_headline() -> None:
    blocks = page_of("# " + TITLE, DEK, "March 3, 2025", LEDE)
    kept = [Kept(blocks[1], index=1), Kept(blocks[3], index=3)]
    assert dek_over_byline(kept, blocks, TITLE, rules_outcome(date=[2]))


def test_a_photo_may_stand_between_the_dek_and_the_byline_but_not_far() -> None:
    # a photo and its caption between the first paragraph and the byline: within MAX_GAP blocks
    blocks = page_of(TITLE, DEK, "Image", "The mayor at the meeting.", BYLINE, LEDE)
    kept = [Kept(blocks[1], index=1), Kept(blocks[5], index=5)]
    assert dek_over_byline(kept, blocks, TITLE, rules_outcome(byline=[4]))
    # five blocks between them: the byline belongs to something else
    blocks = page_of(TITLE, DEK, "Image", "A", "B", "C", "D", BYLINE, LEDE)
    kept = [Kept(blocks[1], index=1), Kept(blocks[8], index=8)]
    assert not dek_over_byline(kept, blocks, TITLE, rules_outcome(byline=[7]))
    # no byline or date line the rules took
    blocks = page_of(TITLE, DEK, BYLINE, LEDE)
    kept = [Kept(blocks[1], index=1), Kept(blocks[3], index=3)]
    assert not dek_over_byline(kept, blocks, TITLE, rules_outcome())


def test_a_long_first_block_or_one_holding_the_dateline_stays() -> None:
    long_dek = " ".join([DEK] * 4)  # 64 words: a summary box or a lede printed above the byline
    blocks = page_of(TITLE, long_dek, BYLINE, LEDE)
    kept = [Kept(blocks[1], index=1), Kept(blocks[3], index=3)]
    assert not dek_over_byline(kept, blocks, TITLE, rules_outcome(byline=[2]))
    blocks = page_of(TITLE, DEK, BYLINE, LEDE)
    kept = [Kept(blocks[1], index=1), Kept(blocks[3], index=3)]
    assert not dek_over_byline(kept, blocks, TITLE, rules_outcome(byline=[2], dateline=[1]))


def test_the_first_block_stays_without_a_headline_above_a_dek_or_a_story_under_it() -> None:
    blocks = page_of(TITLE, DEK, BYLINE, LEDE)
    kept = [Kept(blocks[1], index=1), Kept(blocks[3], index=3)]
    assert not dek_over_byline(kept, blocks, None, rules_outcome(byline=[2]))
    assert not dek_over_byline(kept, blocks, "Another Headline", rules_outcome(byline=[2]))
    short = page_of(TITLE, "Schools: the vote", BYLINE, LEDE)
    kept = [Kept(short[1], index=1), Kept(short[3], index=3)]
    assert not dek_over_byline(kept, short, TITLE, rules_outcome(byline=[2]))  # a kicker's length
    blocks = page_of(TITLE, DEK, BYLINE, "Read more")
    kept = [Kept(blocks[1], index=1), Kept(blocks[3], index=3)]
    assert not dek_over_byline(kept, blocks, TITLE, rules_outcome(byline=[2]))
    assert not dek_over_byline(kept[:1], blocks, TITLE, rules_outcome(byline=[2]))


def test_the_text_path_runs_it_after_the_unended_opener_and_it_can_be_disabled() -> None:
    assert TEXT_LEARNED.index(dek_over_byline_step) == TEXT_LEARNED.index(unended_opener) + 1
    assert PASS_ID in known_ids(load_rules())
    Cleaner(disable=[PASS_ID])  # an unknown id would raise


def test_a_dek_under_a_headline_left_with_a_stored_date_goes() -> None:
    # the rules took ' date 2025-03-03' off the headline's block: the headline as they left it
    blocks = page_of("date 2025-03-03 " + TITLE, DEK, "March 3, 2025", LEDE)
    kept = [Kept(blocks[1], index=1), Kept(blocks[3], index=3)]
    outcome = rules_outcome(date=[2])
    assert not dek_over_byline(kept, blocks, TITLE, outcome)
    outcome.kept = [Kept(Block(TITLE), index=0), *kept]
    assert dek_over_byline(kept, blocks, TITLE, outcome)
