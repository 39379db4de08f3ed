"""core.dek-over-header: the body's first block the story model doubts, over a byline, date or
credit line the model took out, is the dek."""

from __future__ import annotations

from collections.abc import Callable

from cleaner import Cleaner
from cleaner.blocks import Block
from cleaner.engine import load_rules
from cleaner.engine.apply import Kept
from cleaner.passes import known_ids
from cleaner.passes.dek_header import (
    DOUBT_BELOW,
    HEADER_AT_LEAST,
    PASS_ID,
    dek_over_header,
    drop_dek_over_header,
)
from cleaner.pipeline import TEXT_LEARNED
from cleaner.pipeline import dek_over_header as dek_over_header_step
from cleaner.pipeline import doubted_opener as doubted_opener_step

from .outcomes import page_of, rules_outcome

TITLE = "The Best Sleeping Bags for Every Adventure"
DEK = (
    "Whether you are climbing peaks or taking the family to the park, we found the best bags "
    "for every trip."
)
CREDIT = "Photograph: Jane Doe"
LEDE = (
    "John Muir set off for the mountains with little more than a coat, a crust of bread and "
    "a notebook."
)


def _kept(blocks: tuple[Block, ...], *at: int) -> list[Kept]:
    return [Kept(blocks[n], index=n) for n in at]


def _at(default: float, **probabilities: float) -> Callable[[int], float]:
    """A model probability: ``at1=0.3`` for block 1, ``default`` for the others."""
    return lambda index: probabilities.get(f"at{index}", default)


def _test(
    blocks: tuple[Block, ...],
    keeps: Callable[[int], float],
    header: Callable[[int], float],
    title: str | None = TITLE,
    **fields: list[int],
) -> bool:
    kept = _kept(blocks, 1, len(blocks) - 1)
    return dek_over_header(kept, blocks, title, keeps, header, rules_outcome(**fields))


DOUBT = _at(0.99, at1=0.6)
CREDITED = _at(0.0, at2=0.9)


def test_a_doubted_block_over_a_header_line_the_model_found_goes() -> None:
    blocks = page_of(TITLE, DEK, CREDIT, LEDE)
    outcome = rules_outcome()
    left = drop_dek_over_header(_kept(blocks, 1, 3), blocks, TITLE, DOUBT, CREDITED, outcome)
    assert [k.block.text for k in left] == [LEDE]
    assert outcome.removed is not None
    assert [(r.rule, r.text, r.score) for r in outcome.removed] == [(PASS_ID, DEK, 0.4)]


def test_it_stays_with_the_models_trust_or_no_header_line_between() -> None:
    blocks = page_of(TITLE, DEK, CREDIT, LEDE)
    assert _test(blocks, _at(0.99, at1=DOUBT_BELOW - 0.01), CREDITED)
    assert not _test(blocks, _at(0.99, at1=DOUBT_BELOW), CREDITED)
    assert _test(blocks, DOUBT, _at(0.0, at2=HEADER_AT_LEAST))
    assert not _test(blocks, DOUBT, _at(0.0, at2=HEADER_AT_LEAST - 0.01))
    # a header line elsewhere (under the lede) does not count
    assert not _test(page_of(TITLE, DEK, LEDE), DOUBT, _at(0.0, at2=0.9, at3=0.9))


def test_it_stays_when_the_next_paragraph_goes_on_from_it() -> None:
    for opening in ("He", "They", "This", "But", "However,", "and"):
        blocks = page_of(TITLE, DEK, CREDIT, f"{opening} {LEDE[0].lower()}{LEDE[1:]}")
        assert not _test(blocks, DOUBT, CREDITED), opening
    # a word that only begins like one does not count
    other = "Thessaloniki's mayor " + LEDE[len("John Muir ") :]
    blocks = page_of(TITLE, DEK, CREDIT, other)
    assert _test(blocks, DOUBT, CREDITED)


def test_it_stays_when_short_long_unended_or_over_no_story_paragraph() -> None:
    assert not _test(page_of(TITLE, "The best bags, tested.", CREDIT, LEDE), DOUBT, CREDITED)
    long = " ".join(["The council met for the sixth time this year."] * 7)  # 63 words
    assert not _test(page_of(TITLE, long, CREDIT, LEDE), DOUBT, CREDITED)
    assert not _test(page_of(TITLE, DEK.rstrip("."), CREDIT, LEDE), DOUBT, CREDITED)
    assert not _test(page_of(TITLE, DEK, CREDIT, "Read more"), DOUBT, CREDITED)


def test_with_no_headline_a_dateline_or_under_the_rules_byline_it_stays() -> None:
    blocks = page_of(TITLE, DEK, CREDIT, LEDE)
    assert not _test(blocks, DOUBT, CREDITED, title=None)
    assert not _test(blocks, DOUBT, CREDITED, dateline=[1])
    blocks = page_of(TITLE, "By Jane Doe", DEK, CREDIT, LEDE)
    kept = _kept(blocks, 2, 4)
    doubt, credited = _at(0.99, at2=0.6), _at(0.0, at3=0.9)
    assert not dek_over_header(kept, blocks, TITLE, doubt, credited, rules_outcome(byline=[1]))
    assert dek_over_header(kept, blocks, TITLE, doubt, credited, rules_outcome())


def test_the_text_path_runs_it_after_the_doubted_opener_and_it_can_be_disabled() -> None:
    at = TEXT_LEARNED.index
    assert at(doubted_opener_step) < at(dek_over_header_step)
    assert PASS_ID in known_ids(load_rules())
    Cleaner(disable=[PASS_ID])  # an unknown id would raise
