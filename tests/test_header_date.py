"""core.header-date: the date printed between the headline and the body, for the date field."""

from __future__ import annotations

from cleaner import Cleaner
from cleaner.blocks import Block
from cleaner.engine import Outcome, load_rules
from cleaner.engine.apply import Kept
from cleaner.passes import known_ids
from cleaner.passes.header_date import PASS_ID, header_date
from cleaner.passes.registry import pass_by_id
from cleaner.pipeline import TEXT_LEARNED, date_in_header

from .outcomes import page_of, rules_outcome

TITLE = "Council Votes to Close Two Schools"
LEDE = (
    "The city council voted on Tuesday to close two schools, a decision that parents had "
    "fought for months."
)


def _date(blocks: tuple[Block, ...], first: int, title: str | None = TITLE) -> Outcome:
    """The outcome after the pass, with the body's first block at ``first``."""
    outcome = rules_outcome()
    kept = [Kept(blocks[first], index=first)]
    header_date(kept, blocks, title, outcome)
    return outcome


def test_the_first_date_under_the_headline_gives_the_date() -> None:
    blocks = page_of("Home", "News", TITLE, "By Ann Lee", "Published 3 March 2025", "Photo", LEDE)
    outcome = _date(blocks, 6)
    assert outcome.fields["date"] == [("Published 3 March 2025", PASS_ID)]
    assert outcome.positions["date"] == [4]
    # the first of two: the published date over the updated one
    blocks = page_of(TITLE, "March 3, 2025", "Updated March 4, 2025", LEDE)
    assert _date(blocks, 3).fields["date"] == [("March 3, 2025", PASS_ID)]
    # a markdown rendering's headline
    blocks = page_of("# " + TITLE, "le 22/11/2024 à 09:47", LEDE)
    assert _date(blocks, 2).fields["date"] == [("le 22/11/2024 à 09:47", PASS_ID)]


def test_no_date_from_outside_the_header_or_from_a_long_block() -> None:
    # above the headline (a site's 'today'), or no headline found above the body
    assert not _date(page_of("Thursday, December 4, 2025", TITLE, LEDE), 2).fields
    assert not _date(page_of("Thursday, December 4, 2025", "Menu", LEDE), 2).fields
    assert not _date(page_of(TITLE, "March 3, 2025", LEDE), 2, title=None).fields
    # a sentence holding a date is no date line
    long = "On March 3, 2025 the council met for the first time in the new hall downtown, " * 2
    assert not _date(page_of(TITLE, long, LEDE), 2).fields
    # not a date at all
    assert not _date(page_of(TITLE, "By Ann Lee", "5 min read", LEDE), 3).fields


def test_a_date_found_already_is_kept() -> None:
    blocks = page_of(TITLE, "March 3, 2025", LEDE)
    outcome = rules_outcome()
    outcome.put("date", "July 10, 2024", "generic.printed-date", 0)
    header_date([Kept(blocks[2], index=2)], blocks, TITLE, outcome)
    assert outcome.fields["date"] == [("July 10, 2024", "generic.printed-date")]


def test_a_rendered_page_with_its_header_below_the_menus() -> None:
    # the header below the rules' first 15 blocks (generic.printed-date's reach); the model's
    # own date label off, so that the date line is left to the passes after it (as where the
    # model takes it for chrome): a pass after the model takes it out of the body (recorded
    # under its id), this one routes it
    menus = [f"Section {n}" for n in range(20)]
    story = [
        f"Paragraph {n} of the story tells how the council voted on Tuesday to close two "
        "schools, a decision that parents had fought for months."
        for n in range(6)
    ]
    page = "\n\n".join([*menus, TITLE, "By Ann Lee", "March 3, 2025", *story])
    article = Cleaner(explain=True, disable=["model.date"]).clean(page, kind="text")
    assert article.date == "2025-03-03"
    assert "March 3, 2025" not in article.body
    assert article.removed is not None
    took = [r.rule for r in article.removed if r.text == "March 3, 2025"]
    assert len(took) == 1 and took != [PASS_ID]
    off = Cleaner(disable=["model.date", PASS_ID]).clean(page, kind="text")
    assert off.date is None and "March 3, 2025" not in off.body


def test_it_is_registered_for_the_text_path_and_runs_last() -> None:
    assert TEXT_LEARNED[-1] is date_in_header
    assert PASS_ID in known_ids(load_rules())
    entry = pass_by_id(PASS_ID)
    assert entry is not None and entry.paths == ("text",)
