"""core.stray-below: a short run of kept text below the story, with blocks taken out on both
sides, leaves the body."""

from __future__ import annotations

from cleaner.blocks import Block
from cleaner.engine import Outcome, load_rules
from cleaner.engine.apply import Kept
from cleaner.passes import known_ids
from cleaner.passes.registry import pass_by_id
from cleaner.passes.stray_below import GAP, MOST_WORDS, PASS_ID, drop_stray_below
from cleaner.pipeline import TEXT_LEARNED, date_line, stray_below

STORY = [
    "The city council voted on Tuesday to close two schools, a decision that parents had "
    "fought for months and that the mayor had promised to stop.",
    "The schools will close at the end of the school year, and their pupils will move to the "
    "two schools nearby, the council said in a statement after the vote.",
]
PROMPT = "Please log in to use this feature."
CHROME = [f"Menu item {n}" for n in range(GAP)]


def _drop(page: list[str], kept: set[int]) -> tuple[list[str], list[str]]:
    """The kept texts and the removed ones; ``kept``: page indexes the body holds."""
    blocks = tuple(Block(t) for t in page)
    outcome = Outcome(kept=[], removed=[])
    out = drop_stray_below([Kept(blocks[n], index=n) for n in sorted(kept)], blocks, outcome)
    assert outcome.removed is not None
    assert all(r.rule == PASS_ID for r in outcome.removed)
    return [k.block.text for k in out], [r.text for r in outcome.removed]


def test_a_short_run_among_chrome_below_the_story_goes() -> None:
    page = [*STORY, *CHROME, PROMPT, *CHROME]
    body, removed = _drop(page, {0, 1, GAP + 2})
    assert body == STORY
    assert removed == [PROMPT]


def test_the_last_run_goes_with_nothing_kept_below() -> None:
    page = [*STORY, *CHROME, PROMPT]
    assert _drop(page, {0, 1, GAP + 2})[0] == STORY


def test_a_run_too_close_to_the_story_or_to_the_next_run_stays() -> None:
    near = [*STORY, *CHROME[1:], PROMPT, *CHROME]
    assert _drop(near, {0, 1, GAP + 1})[0] == [*STORY, PROMPT]
    page = [*STORY, *CHROME, PROMPT, "Footer", STORY[1] + " Again."]
    assert _drop(page, {0, 1, GAP + 2, GAP + 4})[0] == [*STORY, PROMPT, STORY[1] + " Again."]


def test_a_long_run_stays() -> None:
    long = " ".join(["word"] * MOST_WORDS)
    page = [*STORY, *CHROME, long, *CHROME]
    assert _drop(page, {0, 1, GAP + 2})[0] == [*STORY, long]


def test_runs_above_the_story_stay() -> None:
    page = [PROMPT, *CHROME, *STORY, *CHROME]
    assert _drop(page, {0, GAP + 1, GAP + 2})[0] == [PROMPT, *STORY]


def test_the_text_path_runs_it_last_but_for_the_date_lines() -> None:
    # core.date-line after it takes single blocks only: the runs it reads are the model's (and
    # core.header-date after that routes a date, removing nothing)
    assert TEXT_LEARNED[-3] is stray_below and TEXT_LEARNED[-2] is date_line
    assert PASS_ID in known_ids(load_rules())
    entry = pass_by_id(PASS_ID)
    assert entry is not None and entry.paths == ("text",)
