"""core.story-resumes: the story's paragraphs below a box of teasers that a drop-rest heading
cut come back; nothing else below the heading does."""

from __future__ import annotations

import pytest

from cleaner.blocks import Block
from cleaner.engine import load_rules
from cleaner.engine.apply import apply_rules
from cleaner.passes import known_ids
from cleaner.passes.registry import pass_by_id
from cleaner.passes.story_resumes import CUTTERS, GAP, NEAR, PASS_ID, keep_resumed
from cleaner.pipeline import TEXT_LEARNED, list_under_lead, story_resumes

ABOVE = [
    "The city council voted on Tuesday to close two schools, a decision that parents had "
    "fought for months and that the mayor had promised to stop before the summer.",
    "The schools will close at the end of the school year, and their pupils will move to the "
    "two schools nearby, the council said in a statement after the vote.",
    "Parents who spoke at the meeting said the walk to the other schools was too long for "
    "young children and that the council had not listened to them at all.",
    "The council's leader said the district had lost a fifth of its pupils in ten years and "
    "could no longer pay to heat and staff buildings that stood half empty.",
    "A group of parents has asked a court to stop the closures, and a judge is expected to "
    "hear the case next month, their lawyer said on Wednesday.",
    "The two schools were built in the 1950s for a town that has since lost many of its "
    "young families to the suburbs, and both need new roofs and new heating.",
    "Teachers at both schools will be offered posts elsewhere in the district, the council "
    "said, though their union has warned that some of them may lose their jobs.",
    "The mayor, who faces voters again in the autumn, did not attend the meeting and has "
    "not said whether she will try to overturn the council's decision.",
]
BOX = [
    "More on Politics",
    "Mayor names a new police chief after long search",
    "Budget talks stall again as the deadline nears",
    "Politics",
    "Why the state's new tax law worries small towns",
    "Advertisement",
]
BELOW = [
    "The council's vote came after a long night of debate, in which three members changed "
    "their minds and one walked out of the chamber before the count.",
    "“We have run out of money, and we have run out of time,” the council's leader said, "
    "adding that the buildings would be sold to pay for repairs elsewhere.",
]
TAIL = ["Sign up for our newsletter", "Privacy policy", "Terms of use", "Contact us"]


def _body(page: list[str], kept_above: int | None = None) -> tuple[list[str], list[str]]:
    """The body's texts after the pass, as if the story model kept every block the rules kept
    (or the first ``kept_above`` of them), and the removals left."""
    blocks = tuple(Block(t) for t in page)
    outcome = apply_rules(blocks, load_rules(), explain=True)
    kept = outcome.kept if kept_above is None else outcome.kept[:kept_above]
    out = keep_resumed(list(kept), blocks, outcome)
    assert outcome.removed is not None
    return [k.block.text for k in out], [r.text for r in outcome.removed]


def test_the_story_below_a_box_comes_back_and_the_box_stays_out() -> None:
    body, removed = _body([*ABOVE, *BOX, *BELOW, *TAIL])
    assert body == [*ABOVE, *BELOW]
    assert BOX[0] in removed and BOX[1] in removed and TAIL[0] in removed
    assert not set(BELOW) & set(removed)


def test_without_the_pass_the_story_below_is_lost() -> None:
    blocks = tuple(Block(t) for t in [*ABOVE, *BOX, *BELOW, *TAIL])
    outcome = apply_rules(blocks, load_rules())
    assert [k.block.text for k in outcome.kept] == ABOVE
    assert set(outcome.hits[len(ABOVE)]) & CUTTERS


@pytest.mark.parametrize(
    "box",
    [
        ["Your email address will not be published.", "Name *", "Email *", "Website"],
        ["Teaser headline about the city council", "The council met again on Monday."],
        ["Principal Findings"],
    ],
)
def test_what_is_no_box_of_teasers_keeps_the_cut(box: list[str]) -> None:
    # a comment form, teasers with their summaries, a paper's next section
    assert _body([*ABOVE, BOX[0], *box, *BELOW, *TAIL])[0] == ABOVE


def test_a_tail_of_teasers_and_menus_stays_out() -> None:
    teasers = [f"Teaser headline number {n} about the city" for n in range(3)]
    assert _body([*ABOVE, *BOX, *teasers, *TAIL])[0] == ABOVE


def test_one_paragraph_alone_below_the_box_stays_out() -> None:
    # a page's tail holds a lone long block (a cookie notice, a newsletter's pitch)
    assert _body([*ABOVE, *BOX, BELOW[0], *TAIL])[0] == ABOVE


def test_the_story_resumes_until_a_longer_stretch_of_other_blocks() -> None:
    later = BELOW[0].replace("three members", "two members")
    page = [*ABOVE, *BOX, *BELOW, *TAIL[: GAP + 1], later]
    assert _body(page)[0] == [*ABOVE, *BELOW]
    page = [*ABOVE, *BOX, *BELOW, *TAIL[:GAP], later]
    assert _body(page)[0] == [*ABOVE, *BELOW, later]


def test_the_story_goes_on_under_the_box_printed_again() -> None:
    later = BELOW[0].replace("three members", "two members")
    page = [*ABOVE, *BOX, *BELOW, *TAIL[:1], *BOX[1:], later]
    assert _body(page)[0] == [*ABOVE, *BELOW, later]
    # not under the tail's menus and prompts
    page = [*ABOVE, *BOX, *BELOW, *TAIL, "Terms apply to every reader of this site.", later]
    assert _body(page)[0] == [*ABOVE, *BELOW]


def test_a_body_ending_far_above_the_heading_is_left_alone() -> None:
    # the story model ended the story well above the box: what is below is the page's
    filler = [f"Menu entry {n}" for n in range(NEAR - 1)]
    page = [*ABOVE, *filler, *BOX, *BELOW, *TAIL]
    assert _body(page, kept_above=len(ABOVE) - 1)[0] == ABOVE[:-1]
    assert _body(page, kept_above=len(ABOVE))[0] == [*ABOVE, *BELOW]


@pytest.mark.parametrize("heading", ["Related Articles", "More from Politics"])
def test_both_cutters_are_drop_rest_rules(heading: str) -> None:
    rules = {rule.id: rule for rule in load_rules().rules}
    assert all(rules[rule_id].action.value == "drop-rest" for rule_id in CUTTERS)
    body, _ = _body([*ABOVE, heading, *BOX[1:], *BELOW, *TAIL])
    assert body == [*ABOVE, *BELOW]


def test_the_text_path_runs_it_after_the_model() -> None:
    assert TEXT_LEARNED.index(story_resumes) == TEXT_LEARNED.index(list_under_lead) + 1
    assert PASS_ID in known_ids(load_rules())
    entry = pass_by_id(PASS_ID)
    assert entry is not None and entry.paths == ("text",)
