"""core.date-opener: a date and a dash opening the body's first paragraph, no place."""

from __future__ import annotations

import pytest

from cleaner import Cleaner
from cleaner.blocks import Block
from cleaner.engine import Outcome, load_rules
from cleaner.engine.apply import Kept
from cleaner.passes import known_ids
from cleaner.passes.date_opener import PASS_ID, date_opener, take_date_opener
from cleaner.pipeline import TEXT_LEARNED, doubted_opener
from cleaner.pipeline import date_opener as date_opener_step
from cleaner.pipeline import place_dateline as place_dateline_step

LEDE = (
    "The U.S. Food and Drug Administration has approved a clot-dissolving agent for the "
    "treatment of acute ischemic stroke in adults, the agency said."
)


@pytest.mark.parametrize(
    ("opening", "value"),
    [
        ("THURSDAY, March 6, 2025 -- ", "THURSDAY, March 6, 2025 --"),
        ("MONDAY, Jan. 6, 2025 (HealthDay News) -- ", "MONDAY, Jan. 6, 2025 (HealthDay News) --"),
        ("March 3, 2025 — ", "March 3, 2025 —"),
    ],
)
def test_a_date_and_a_dash_before_a_lede(opening: str, value: str) -> None:
    assert date_opener(opening + LEDE) == value


@pytest.mark.parametrize(
    "text",
    [
        "June 30, 2026 - 4.34pm",  # a date line, no lede
        "February 4, 2025 - 11 minutes to read, and a lot of words after them but no sentence",
        "March 3, 2025 -- the agency approved a clot-dissolving agent for the treatment of stroke.",
        "On March 3, 2025 -- " + LEDE,
        "WASHINGTON, March 3, 2025 -- " + LEDE,  # a place: core.place-dateline's
        LEDE,
    ],
)
def test_other_openings_are_not(text: str) -> None:
    assert date_opener(text) is None


def test_the_date_goes_to_the_field_after_those_found_and_the_lede_stays() -> None:
    outcome = Outcome(kept=[], removed=[])
    outcome.put("date", "Last updated on March 7, 2025.", "generic.printed-date", 0)
    kept = [Kept(Block("THURSDAY, March 6, 2025 -- " + LEDE), index=3), Kept(Block(LEDE), index=4)]
    left = take_date_opener(kept, outcome)
    assert [k.block.text for k in left] == [LEDE, LEDE]
    assert outcome.fields["date"] == [
        ("Last updated on March 7, 2025.", "generic.printed-date"),
        ("THURSDAY, March 6, 2025 --", PASS_ID),
    ]
    assert outcome.removed is not None
    assert [(r.rule, r.text) for r in outcome.removed] == [(PASS_ID, "THURSDAY, March 6, 2025 --")]
    later = [Kept(Block(LEDE)), Kept(Block("THURSDAY, March 6, 2025 -- " + LEDE))]
    assert take_date_opener(later, Outcome(kept=[])) == later  # the first paragraph only


def test_a_dump_gets_the_date_and_the_pass_can_be_disabled() -> None:
    dump = (
        "FDA Approves New Stroke Drug\n\nTHURSDAY, March 6, 2025 -- " + LEDE + "\n\n"
        "The drug is delivered as a single five-second intravenous bolus, which is faster than "
        "the standard of care, the agency said in its statement.\n"
    )
    article = Cleaner().clean(dump)
    assert article.date == "2025-03-06"
    assert article.dateline is None
    assert article.body.startswith("The U.S. Food and Drug")
    off = Cleaner(disable=[PASS_ID]).clean(dump)
    assert off.body.startswith("THURSDAY, March 6, 2025 --")
    assert PASS_ID in known_ids(load_rules())


def test_it_runs_after_the_place_dateline_before_the_doubted_opener() -> None:
    at = TEXT_LEARNED.index
    assert at(place_dateline_step) < at(date_opener_step) < at(doubted_opener)
