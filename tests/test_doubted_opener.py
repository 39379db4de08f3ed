"""core.doubted-opener: the body's first short paragraph the story model doubts, over one it
keeps."""

from __future__ import annotations

from collections.abc import Callable

from cleaner import Cleaner
from cleaner.blocks import Block
from cleaner.engine import Outcome, load_rules
from cleaner.engine.apply import Kept
from cleaner.passes import known_ids
from cleaner.passes.doubted_opener import (
    KEEP_BELOW,
    MOST_WORDS,
    PASS_ID,
    doubted_opener,
    drop_doubted_opener,
)
from cleaner.pipeline import (
    TEXT_LEARNED,
    above_dateline,
    dek_over_byline,
    learned_story,
    place_dateline,
    unended_opener,
)
from cleaner.pipeline import doubted_opener as doubted_opener_step

from .outcomes import page_of, rules_outcome

TITLE = "The Best Sleeping Bags for Every Adventure"
DEK = (
    "Whether you are climbing peaks or taking the family to the park, we found the best bags "
    "for every trip."
)
LEDE = (
    "The city council voted on Tuesday to close two schools, a decision that parents had "
    "fought for months."
)


def _kept(blocks: tuple[Block, ...], first: int = 0) -> list[Kept]:
    return [Kept(block, index=n) for n, block in enumerate(blocks) if n >= first]


def _keeps(**probabilities: float) -> Callable[[int], float]:
    """The model's probability of story: ``at1=0.3`` for block 1, 0.99 for the others."""
    return lambda index: probabilities.get(f"at{index}", 0.99)


def _test(blocks: tuple[Block, ...], keeps: Callable[[int], float], **fields: list[int]) -> bool:
    return doubted_opener(_kept(blocks, 1), blocks, TITLE, keeps, rules_outcome(**fields))


def test_a_doubted_opener_over_a_kept_paragraph_goes_with_the_models_doubt() -> None:
    blocks = page_of(TITLE, DEK, LEDE)
    outcome = rules_outcome()
    left = drop_doubted_opener(_kept(blocks, 1), blocks, TITLE, _keeps(at1=0.3), outcome)
    assert [k.block.text for k in left] == [LEDE]
    assert outcome.removed is not None
    assert [(r.rule, r.text, r.score) for r in outcome.removed] == [(PASS_ID, DEK, 0.7)]


def test_it_stays_when_the_model_keeps_it_or_doubts_the_next_too() -> None:
    blocks = page_of(TITLE, DEK, LEDE)
    assert _test(blocks, _keeps(at1=KEEP_BELOW - 0.01))
    assert not _test(blocks, _keeps(at1=KEEP_BELOW))
    assert not _test(blocks, _keeps(at1=0.1, at2=KEEP_BELOW - 0.01))


def test_it_stays_when_long_or_no_story_paragraph_or_the_next_goes_on_from_it() -> None:
    doubt = _keeps(at1=0.1)
    long = " ".join(["The council met for the sixth time this year."] * (MOST_WORDS // 9 + 1))
    assert not _test(page_of(TITLE, long, LEDE), doubt)
    # a short line is left to core.unended-opener and the header
    assert not _test(page_of(TITLE, "Updated March 3", LEDE), doubt)
    assert not _test(page_of(TITLE, DEK, "Read more"), doubt)
    assert not _test(page_of(TITLE, DEK, "and then " + LEDE), doubt)
    assert not _test(page_of(TITLE, DEK), doubt)


def test_with_no_headline_there_is_no_header_and_it_stays() -> None:
    # a clean story cleaned again: its lede, however the model doubts it, opens the body
    blocks = page_of(DEK, LEDE)
    assert doubted_opener(_kept(blocks), blocks, TITLE, _keeps(at0=0.1), rules_outcome())
    assert not doubted_opener(_kept(blocks), blocks, None, _keeps(at0=0.1), rules_outcome())


def test_one_printed_without_its_full_stop_is_left_to_the_unended_opener() -> None:
    # a dek another copy of the story prints as its lede (syndication-dev train)
    assert not _test(page_of(TITLE, DEK.rstrip("."), LEDE), _keeps(at1=0.3))


def test_a_lede_the_rules_took_the_dateline_from_stays() -> None:
    assert not _test(page_of(TITLE, DEK, LEDE), _keeps(at1=0.1), dateline=[1])


def test_one_under_the_byline_or_date_line_stays_one_above_the_headline_does_not_count() -> None:
    doubt = _keeps(at2=0.1)
    blocks = page_of(TITLE, "By Jane Doe", DEK, LEDE)
    assert not doubted_opener(_kept(blocks, 2), blocks, TITLE, doubt, rules_outcome(byline=[1]))
    blocks = page_of("March 3, 2025", TITLE, DEK, LEDE)
    assert doubted_opener(_kept(blocks, 2), blocks, TITLE, doubt, rules_outcome(date=[0]))


def test_the_text_path_runs_it_after_the_other_start_passes_and_it_can_be_disabled() -> None:
    at = TEXT_LEARNED.index
    earlier = (learned_story, unended_opener, dek_over_byline, above_dateline, place_dateline)
    assert all(at(step) < at(doubted_opener_step) for step in earlier)
    assert PASS_ID in known_ids(load_rules())
    Cleaner(disable=[PASS_ID])  # an unknown id would raise


def test_a_field_a_pass_routes_keeps_its_blocks_index_and_header_lines_are_the_rules() -> None:
    """A byline the story model routes is placed at its own block, not where the rules
    stopped; the header lines the dek passes test are the rules' byline and date lines."""
    from cleaner.passes.headline import header_lines

    outcome = Outcome()
    outcome.index = 9  # the rules' last block
    outcome.put("date", "May 1, 2024", "generic.date-line")
    outcome.put("byline", "By Ann Lee", "model.byline", 2)
    assert outcome.positions == {"date": [9], "byline": [2]}
    assert header_lines(outcome) == {9}
