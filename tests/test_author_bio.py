"""core.author-bio on a text dump: a writer's bio after the story's first paragraph."""

from __future__ import annotations

import pytest

from cleaner import Cleaner
from cleaner.blocks import Block
from cleaner.engine import Outcome, load_rules
from cleaner.engine.apply import Kept
from cleaner.passes import known_ids
from cleaner.passes.author_bio import PASS_ID, drop_author_bio
from cleaner.passes.registry import pass_by_id
from cleaner.pipeline import TEXT_LEARNED
from cleaner.pipeline import author_bio as author_bio_step
from cleaner.pipeline import repeats as repeats_step

LEDE = (
    "The city council voted on Tuesday to close two schools, a decision that parents had "
    "fought for months."
)
MORE = "The schools will close at the end of the year, and their pupils will move to others."


def _kept(*texts: str) -> list[Kept]:
    return [Kept(Block(text), index=n) for n, text in enumerate(texts)]


def _drop(*texts: str, byline: str | None = None) -> tuple[list[str], list[tuple[str, str]]]:
    outcome = Outcome(kept=[], removed=[])
    if byline:
        outcome.put("byline", byline, "test")
    kept = drop_author_bio(_kept(*texts), outcome)
    assert outcome.removed is not None
    return [k.block.text for k in kept], [(r.rule, r.text) for r in outcome.removed]


@pytest.mark.parametrize(
    "bio",
    [
        "Sarah Schwartz is a reporter for Education Week who covers curriculum.",
        "About the author: Craig Hull is a freelance photographer and videographer.",
        "David Hartshorne is an experienced writer and the owner of Azahar Media.",
        "Sarah is a writer, teacher, and mother.",  # a given name the list knows
        "Scott Gilbertson is a senior writer for WIRED.",
    ],
)
def test_a_writers_bio_after_the_story_goes(bio: str) -> None:
    body, removed = _drop(LEDE, MORE, bio)
    assert body == [LEDE, MORE]
    assert removed == [(PASS_ID, bio)]


def test_the_bylines_author_goes_with_any_bio_verb() -> None:
    bio = "Joe is the co-founder and CEO of AgencyAnalytics, a marketing reporting platform."
    assert _drop(LEDE, bio, MORE, byline="By Joe Smith")[0] == [LEDE, MORE]
    # without the byline 'is the co-founder' is no writer's role: it stays
    assert _drop(LEDE, bio, MORE)[0] == [LEDE, bio, MORE]


@pytest.mark.parametrize(
    "line",
    [
        "Agriculture is a major contributor to greenhouse gas emissions.",  # no person
        "Flatliner is a handy code editor that helps to test the Flatline expressions.",
        "Who is the author? Nationality and training may provide crucial details.",
        "The TOI Lifestyle Desk is a dynamic team of dedicated journalists.",
        "Summer is Yeti's Marketing Manager.",  # a name the list does not know, no byline
        "Smith, who was a reporter for the Post, said the story was true.",  # no bio's opening
    ],
)
def test_a_sentence_that_is_no_writers_bio_stays(line: str) -> None:
    assert _drop(LEDE, line)[0] == [LEDE, line]


def test_nothing_above_the_story_goes() -> None:
    bio = "Sarah Schwartz is a reporter for Education Week."
    # above the first story paragraph (a contributor's note under the byline): left alone
    assert _drop(bio, LEDE, MORE)[0] == [bio, LEDE, MORE]
    assert _drop(bio, "Read more")[0] == [bio, "Read more"]  # no story paragraph at all


def test_the_text_path_runs_it_after_the_model_and_it_can_be_disabled() -> None:
    assert TEXT_LEARNED.index(author_bio_step) == TEXT_LEARNED.index(repeats_step) + 1
    assert PASS_ID in known_ids(load_rules())
    entry = pass_by_id(PASS_ID)
    assert entry is not None and "text" in entry.paths and "html" in entry.paths
    page = "\n\n".join(
        ["Council closes two schools", LEDE, MORE, "Sarah Schwartz is a reporter for the Post."]
    )
    assert "Sarah Schwartz" not in Cleaner().clean(page, kind="text").body
    assert "Sarah Schwartz" in Cleaner(disable=[PASS_ID]).clean(page, kind="text").body


def test_a_journalist_the_story_is_about_stays() -> None:
    about = (
        "Evan Gershkovich is a reporter for The Wall Street Journal who was arrested in March "
        "while on a reporting trip."
    )
    # story after it: the story's own paragraph, not a bio under it
    assert _drop(LEDE, about, MORE)[0] == [LEDE, about, MORE]
    # the same words below the story's last paragraph are a bio
    assert _drop(LEDE, MORE, about)[0] == [LEDE, MORE]
