"""The story model's topic cue (cleaner/passes/topic.py): a block's share of the story's words
against the page's story paragraphs' own."""

from __future__ import annotations

from cleaner.blocks import Block
from cleaner.engine import Outcome
from cleaner.passes import features
from cleaner.passes.topic import topic_cues

STORY = [
    "The city council voted on Tuesday to close the harbour bridge for repairs, after "
    "engineers found cracks in the bridge's steel beams during an inspection this spring.",
    "Engineers told the council that the cracks in the beams could widen over the winter, "
    "and that the bridge repairs would take about six months to finish.",
    "Council members said the harbour bridge would reopen in the autumn, and that ferries "
    "would carry commuters across the harbour while the repairs are made.",
]
TEASER = "Read next: the best pasta recipes for busy weeknights, chosen by our food critics."
ROUNDUP = [
    "Rent the Runway lends designer dresses for weddings and parties, with plans from ten "
    "items a month, and returns are free with every order you place.",
    "Wantable sends a styled box of seven pieces of activewear, sleepwear or daily wear, "
    "and you keep only what you like after trying everything at home.",
    "Armoire is an upscale clothing rental service with brands like Joie and Brass, and "
    "members choose their pieces before they are shipped to their door.",
]


def _cues(texts: list[str]) -> list[list[str]]:
    own: list[list[str]] = [[] for _ in texts]
    topic_cues([Block(text) for text in texts], own)
    return own


def test_a_teaser_under_a_story_is_below_the_story_paragraphs() -> None:
    cues = _cues([*STORY, TEASER])
    assert cues == [["topic:0"], ["topic:0"], ["topic:0"], ["topic:-2"]]


def test_a_roundups_items_sit_at_the_pages_median() -> None:
    """Each item of a list of products shares few words with the others, as a teaser does
    with a story: against the page's own story paragraphs they are no outliers."""
    cues = _cues(ROUNDUP)
    assert cues == [["topic:0"]] * 3


def test_short_blocks_and_pages_without_a_story_paragraph_get_no_cue() -> None:
    assert _cues(["Home", "World news today", *STORY])[:2] == [[], []]
    assert _cues(["Sign up for our daily newsletter now", "Home"]) == [[], []]
    assert _cues([]) == []


def test_block_features_give_the_cue_last_on_either_path() -> None:
    """The compiled features (where built) and the Python ones end each block's own
    attributes with its topic cue (``tests/test_cfeatures.py`` holds the two equal)."""
    blocks = [Block(text) for text in [*STORY, TEASER]]
    outcome = Outcome(kept=[])
    own = features.block_features(blocks, outcome)[0]
    python = features.python_block_features(blocks, outcome)[0]
    assert own == python
    assert [attrs[-1] for attrs in own] == ["topic:0", "topic:0", "topic:0", "topic:-2"]
    assert [sum(a.startswith("topic:") for a in attrs) for attrs in own] == [1, 1, 1, 1]
