"""core.date-line on a text dump: a kept block that is only a date or time stamp."""

from __future__ import annotations

import pytest

from cleaner import Cleaner
from cleaner.blocks import Block
from cleaner.engine import Outcome, load_rules
from cleaner.engine.apply import Kept
from cleaner.passes import known_ids
from cleaner.passes.date_line import PASS_ID, drop_date_lines, is_date_line
from cleaner.passes.registry import pass_by_id
from cleaner.pipeline import TEXT_LEARNED
from cleaner.pipeline import date_line as date_line_step
from cleaner.pipeline import stray_below as stray_below_step


@pytest.mark.parametrize(
    "line",
    [
        "July 10, 2025",
        "[July 10, 2025]",
        "Thursday, July 10, 2025",
        "Posted: 07/10/2025",
        "Last Updated: Nov 4, 2025",
        "Updated 3:04 PM EDT, Thu July 10, 2025",
        "Sept. 4, 2024 at 5:01 p.m.",
        "January 10, 2020 9:00AM (UTC)",
        "Written: 2023-11-07 15:03:30 / Updated: 2023-11-07 15:30:46",
        "10.07.2025, 14:03 Uhr",
        "23. Juni 2016 um 17:54 Uhr",
        "martes, 3 de mayo de 2022 · 23:57",
        "mis à jour le 3 mai 2024 à 14:03",
        "21:47 IST",
        "19:08",
        "12/19/2025 • Mises Wire • Ann Lee",
        "January 20th, 2025 by JWU",
    ],
)
def test_a_date_or_time_stamp_is_the_form(line: str) -> None:
    assert is_date_line(line)
    assert is_date_line(f"  {line} ")


@pytest.mark.parametrize(
    "line",
    [
        "Market Update, July 10, 2025",  # a dated heading
        "On July 10, 2025, the ministers met in Kuala Lumpur.",
        "April 15, 2025.",  # a wrapped sentence's last line
        "2/1/2013 | +13.1%",  # a table's row of figures
        "1. Marketing",  # 'Mar…' is no month
        "3.74 lbs",  # a figure, not a time
        "3:00 Thunderstorms",
        "2024 Olympics",
        "8 of ASEAN's 10 members face major tariff hikes",
        "July 10",  # no year, no time
        "",
        "x" * 200 + " July 10, 2025",
    ],
)
def test_other_short_lines_are_not(line: str) -> None:
    assert not is_date_line(line)


def test_the_date_lines_leave_the_body_recorded() -> None:
    story = "The council voted on Tuesday to close two schools, a decision parents had fought."
    texts = [story, "23. Juni 2016 um 17:54 Uhr", "A reader's comment.", "19:08", "Next teaser"]
    outcome = Outcome(kept=[], removed=[])
    kept = drop_date_lines([Kept(Block(t), index=n) for n, t in enumerate(texts)], outcome)
    assert [k.block.text for k in kept] == [story, "A reader's comment.", "Next teaser"]
    assert [k.index for k in kept] == [0, 2, 4]
    assert outcome.removed is not None
    assert [(r.rule, r.text) for r in outcome.removed] == [
        (PASS_ID, "23. Juni 2016 um 17:54 Uhr"),
        (PASS_ID, "19:08"),
    ]


def test_the_text_path_runs_it_after_every_removal_and_it_can_be_disabled() -> None:
    # after it only core.header-date, which routes a date and removes nothing
    assert TEXT_LEARNED[-2] is date_line_step
    assert TEXT_LEARNED.index(stray_below_step) == len(TEXT_LEARNED) - 3
    assert PASS_ID in known_ids(load_rules())
    entry = pass_by_id(PASS_ID)
    assert entry is not None and entry.paths == ("text",)


def test_a_date_line_below_the_rules_reach_leaves_a_dump() -> None:
    # below the rules' first 15 blocks (generic.printed-date's reach), between kept paragraphs
    story = [
        f"Paragraph {n} of the story tells how the council voted on Tuesday to close two "
        "schools, a decision that parents had fought for months."
        for n in range(16)
    ]
    stamp = "23. Juni 2016 um 17:54 Uhr"
    end = "The council will meet again in June to decide what becomes of the buildings."
    page = "\n\n".join(["Council closes two schools", "By Ann Lee", *story, stamp, end])
    article = Cleaner(explain=True).clean(page, kind="text")
    assert stamp not in article.body and end in article.body
    assert article.removed is not None
    assert [r.rule for r in article.removed if r.text == stamp] == [PASS_ID]
    assert stamp in Cleaner(disable=[PASS_ID]).clean(page, kind="text").body
