"""story._labelled_title: with no headline from the headline model, the block above the story
that the story model took out as its headline."""

from __future__ import annotations

from cleaner.article import Removal
from cleaner.blocks import Block
from cleaner.engine import Outcome
from cleaner.engine.apply import Kept
from cleaner.passes.story import _labelled_title

HEADLINE = "Local news feature now covers more than 6,000 cities"
LEDE = (
    "The news aggregation app that hit a unicorn valuation last year has spent its time "
    "growing its local news feature, the company said on Tuesday."
)


def _page(*texts: str) -> list[Kept]:
    return [Kept(Block(text), index=n) for n, text in enumerate(texts)]


def _outcome(*texts: str) -> Outcome:
    return Outcome(kept=[], removed=[Removal("model.title", text, 0.4) for text in texts])


def test_the_titled_block_above_the_story_is_the_headline_and_leaves_removed() -> None:
    kept = _page(HEADLINE, "Tech", LEDE)
    outcome = _outcome(HEADLINE)
    got = _labelled_title(
        kept, ["title", "chrome", "body"], kept[2:], [(0.4, 0)], outcome, frozenset()
    )
    assert got == HEADLINE
    assert outcome.removed == []


def test_the_surest_of_two_wins() -> None:
    other = "Another line the model took for a headline"
    kept = _page(other, HEADLINE, LEDE)
    labels = ["title", "title", "body"]
    got = _labelled_title(
        kept, labels, kept[2:], [(0.3, 0), (0.6, 1)], _outcome(other, HEADLINE), frozenset()
    )
    assert got == HEADLINE


def test_none_when_short_below_the_story_kept_or_disabled() -> None:
    labels = ["title", "body", "title"]
    kept = _page("Home Slider", LEDE, HEADLINE)  # a section label; a line below the lede
    assert (
        _labelled_title(kept, labels, kept[1:2], [(0.9, 0), (0.9, 2)], _outcome(), frozenset())
        is None
    )
    kept = _page(HEADLINE, LEDE)
    assert (
        _labelled_title(kept, ["title", "body"], kept, [(0.4, 0)], _outcome(), frozenset()) is None
    )
    off = frozenset({"model.headline"})
    assert (
        _labelled_title(kept, ["title", "body"], kept[1:], [(0.4, 0)], _outcome(HEADLINE), off)
        is None
    )


def test_without_recorded_removals_the_headline_is_the_same() -> None:
    kept = _page(HEADLINE, LEDE)
    outcome = Outcome(kept=[], removed=None)
    got = _labelled_title(kept, ["title", "body"], kept[1:], [(0.4, 0)], outcome, frozenset())
    assert got == HEADLINE
