"""core.comment-section on a text dump: a comment count heading after the story, a comment's
mark below it, and all that follows."""

from __future__ import annotations

import pytest

from cleaner import Cleaner
from cleaner.engine import load_rules
from cleaner.passes import known_ids
from cleaner.passes.comment_section import PASS_ID, drop_comment_section
from cleaner.passes.registry import pass_by_id
from cleaner.pipeline import TEXT_LEARNED
from cleaner.pipeline import comment_section as comment_section_step

from .outcomes import pass_kept_and_removed

LEDE = (
    "The city council voted on Tuesday to close two schools, a decision that parents had "
    "fought for months."
)
MORE = (
    "The schools will close at the end of the school year, and their pupils will move to the "
    "two schools nearby."
)
COMMENT = (
    "I have lived next to the school for twenty years and I think the council is wrong about this."
)


def _drop(texts: list[str], dropped: frozenset[int] = frozenset()) -> tuple[list[str], list[str]]:
    """The kept texts and the removed ones; ``dropped``: page indexes a rule took (not kept)."""
    return pass_kept_and_removed(texts, drop_comment_section, PASS_ID, taken=dropped)


@pytest.mark.parametrize(
    ("heading", "mark"),
    [
        ("36 Comments", "Diana Yardley says"),
        ("23 Comments", "1. Nina | Lemons and Luggage says:"),
        ("3 thoughts on “10 Things I Wish I Knew Before Learning Embedded Systems”", "Reply"),
        ("39 Comments", "May 26, 2014 at 9:47 pm"),
        ("13 responses", "2 days ago"),
        ("Comments (4)", "Oldest"),
    ],
)
def test_the_comments_under_a_count_go_with_all_below(heading: str, mark: str) -> None:
    page = [LEDE, MORE, heading, mark, COMMENT, "Reply", COMMENT]
    # the rules took the heading, the marks and the 'Reply' links; the comments were kept
    body, removed = _drop(page, dropped=frozenset({2, 3, 5}))
    assert body == [LEDE, MORE]
    assert removed == [COMMENT, COMMENT]


def test_a_count_with_no_comment_under_it_cuts_nothing() -> None:
    # a list of stories with their comment counts: no commenter, no reply, no age
    teaser = "Airbus moves critical systems away from the big cloud providers, citing data rules"
    page = [LEDE, MORE, teaser, "42 comments", teaser, "19 comments", COMMENT]
    assert _drop(page)[0] == page


def test_a_count_above_the_story_cuts_nothing() -> None:
    # under the headline, before two story paragraphs have been kept
    page = ["Council closes two schools", "6 Comments", "Jane Doe says:", LEDE, MORE]
    assert _drop(page, dropped=frozenset({1, 2}))[0] == ["Council closes two schools", LEDE, MORE]


@pytest.mark.parametrize(
    "line",
    [
        "91 comments on the post, more than any other this year, showed the interest.",
        "Comments from the mayor drew criticism",
    ],
)
def test_a_sentence_is_no_count_heading(line: str) -> None:
    page = [LEDE, MORE, line, "Reply", COMMENT]
    assert _drop(page)[0] == page


def test_the_text_path_runs_it_and_it_can_be_disabled() -> None:
    assert comment_section_step in TEXT_LEARNED
    assert PASS_ID in known_ids(load_rules())
    entry = pass_by_id(PASS_ID)
    assert entry is not None and entry.paths == ("text",)
    page = "\n\n".join(
        ["Council closes two schools", LEDE, MORE, "2 Comments", "Jane Doe says:", COMMENT]
    )
    assert "twenty years" not in Cleaner().clean(page, kind="text").body
    assert "twenty years" in Cleaner(disable=[PASS_ID]).clean(page, kind="text").body
