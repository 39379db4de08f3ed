"""core.place-dateline: a place in title case and a dash opening the body's first paragraph."""

from __future__ import annotations

import pytest

from cleaner import Cleaner
from cleaner.blocks import Block
from cleaner.engine import Outcome, load_rules
from cleaner.engine.apply import Kept
from cleaner.passes import known_ids
from cleaner.passes.dateline_lede import PASS_ID as ABOVE_ID
from cleaner.passes.dateline_lede import above_dateline, drop_above_dateline
from cleaner.passes.place_dateline import PASS_ID, place_dateline, take_place_dateline
from cleaner.pipeline import TEXT_LEARNED, doubted_opener
from cleaner.pipeline import above_dateline as above_dateline_step
from cleaner.pipeline import place_dateline as place_dateline_step

LEDE = (
    "Mob violence rocked two cities in the provinces of Central Java and West Kalimantan, "
    "leaving a dozen people injured, reports said here Thursday."
)


def _kept(*texts: str) -> list[Kept]:
    return [Kept(Block(text), index=n) for n, text in enumerate(texts)]


@pytest.mark.parametrize(
    ("opening", "value"),
    [
        ("Jakarta – ", "Jakarta –"),
        ("Vught - ", "Vught -"),
        ("London/Teheran - ", "London/Teheran -"),
        ("Toronto, Canada – ", "Toronto, Canada –"),
        ("Den Haag -- ", "Den Haag --"),
    ],
)
def test_a_place_and_a_dash_before_a_lede_is_a_dateline(opening: str, value: str) -> None:
    assert place_dateline(opening + LEDE) == value


@pytest.mark.parametrize(
    "text",
    [
        "Update – " + LEDE,  # a label, not a place
        "Video - " + LEDE,
        "Kaieteur News – " + LEDE,  # a publication credited, no place
        "Jakarta – Mob violence rocked two cities.",  # no lede of twelve words
        "Jakarta – mob violence rocked two cities in the provinces of Central Java on Thursday.",
        "Jakarta Mob violence rocked two cities in the provinces of Central Java on Thursday.",
        "Philo – Best Budget-Priced TV Streaming Service, Runner-Up In Our Test Of Twelve Services",
        LEDE,
    ],
)
def test_other_openings_are_not(text: str) -> None:
    assert place_dateline(text) is None


# A place and a colon (Gulf, Malaysian, Pakistani and Indian papers: 'Magdeburg:' on gulfnews.com,
# 'MAGDEBURG:' on geo.tv and pakgazette.com, 'Kuala Lumpur:' on republicworld.com), a place in
# capitals with a date before the dash (a release's copy without its wire's name: qubemark.com,
# phhit.com), a date after the dash (a company's release, drugs.com).
RAMMING = (
    "German police arrested a Saudi man after a deadly car ramming attack on a Christmas "
    "market Friday in which a vehicle barrelled through a crowd of revellers at high speed."
)
NAMED = ("At least two people were killed in the eastern city of Magdeburg, rescuers said.",)


@pytest.mark.parametrize(
    ("opening", "below", "value"),
    [
        ("Magdeburg: ", NAMED, "Magdeburg:"),
        ("MAGDEBURG: ", NAMED, "MAGDEBURG:"),
        ("Kuala Lumpur: ", ("Leaders met in Kuala Lumpur on Sunday.",), "Kuala Lumpur:"),
        ("SILVER SPRING, Md., March 4, 2025 — ", (), "SILVER SPRING, Md., March 4, 2025 —"),
        (
            "South San Francisco, CA -- March 3, 2025 -- ",
            (),
            "South San Francisco, CA -- March 3, 2025 --",
        ),
    ],
)
def test_a_colon_or_a_date_with_the_place(opening: str, below: tuple[str, ...], value: str) -> None:
    assert place_dateline(opening + RAMMING, below) == value


@pytest.mark.parametrize(
    ("text", "below"),
    [
        ("Magdeburg: " + RAMMING, ("At least two people were killed, rescuers said.",)),
        ("Summary: " + RAMMING, ("Summary of the day's news, by our Summary desk.",)),
        ("TLDR: " + RAMMING, ("TLDR is our TLDR.",)),
        ("Key Points: " + RAMMING, ("Key Points of the story.",)),
        ("Pro Tip: " + RAMMING, ("Pro Tip again.",)),
        ("Watch: " + RAMMING, ("Watch the video.",)),
        ("Magdeburg: " + RAMMING, ("", "", "Magdeburg named only in the third paragraph below.")),
        # a glossary's entry names its term at once; a list's entries follow one another
        ("Sunbelt: Sunbelt offers " + RAMMING, ()),
        ("Magdeburg: " + RAMMING, ("Berlin: a market in Magdeburg was hit.", *NAMED)),
        ("SILVER SPRING, Md. -- " + RAMMING, ()),  # capitals and a dash alone: wire.dateline's
        ("THURSDAY, March 6, 2025 -- " + RAMMING, ()),  # a date, no place: core.date-opener's
    ],
)
def test_a_colon_needs_the_place_named_again_and_no_label(
    text: str, below: tuple[str, ...]
) -> None:
    assert place_dateline(text, below) is None


def test_the_colon_place_is_named_in_the_paragraphs_the_pass_hands_over() -> None:
    outcome = Outcome(kept=[], removed=[])
    kept = take_place_dateline(_kept("MAGDEBURG: " + RAMMING, *NAMED), outcome)
    assert [k.block.text for k in kept] == [RAMMING, *NAMED]
    assert outcome.fields["dateline"] == [("MAGDEBURG:", PASS_ID)]
    outcome = Outcome(kept=[], removed=[])
    kept = _kept("MAGDEBURG: " + RAMMING, LEDE)
    assert take_place_dateline(kept, outcome) == kept


def test_the_first_paragraph_gives_its_place_to_the_field() -> None:
    outcome = Outcome(kept=[], removed=[])
    kept = take_place_dateline(_kept("Jakarta – " + LEDE, "Flexibility — " + LEDE), outcome)
    assert [k.block.text for k in kept] == [LEDE, "Flexibility — " + LEDE]
    assert outcome.fields["dateline"] == [("Jakarta –", PASS_ID)]
    assert outcome.positions["dateline"] == [0]


def test_only_the_first_paragraph_and_only_without_a_dateline() -> None:
    outcome = Outcome(kept=[], removed=[])
    kept = _kept(LEDE, "Jakarta – " + LEDE)
    assert take_place_dateline(kept, outcome) == kept
    assert "dateline" not in outcome.fields
    outcome.put("dateline", "WASHINGTON —", "wire.dateline")
    kept = _kept("Jakarta – " + LEDE)
    assert take_place_dateline(kept, outcome) == kept
    assert outcome.fields["dateline"] == [("WASHINGTON —", "wire.dateline")]


def test_a_dump_gets_the_dateline_and_the_pass_can_be_disabled() -> None:
    dump = (
        "Mob violence jolts two provinces\n\nJakarta – " + LEDE + "\n\n"
        "Hundreds of people, angered by the death of a man in police detention, attacked a "
        "police post in the town, the reports said.\n"
    )
    article = Cleaner().clean(dump)
    assert article.dateline is not None
    assert (article.dateline.place, article.dateline.agency) == ("Jakarta", None)
    assert article.body.startswith("Mob violence rocked")
    off = Cleaner(disable=[PASS_ID]).clean(dump)
    assert off.body.startswith("Jakarta – Mob violence rocked")
    assert PASS_ID in known_ids(load_rules())


# core.above-dateline: what the body keeps above the paragraph the page's dateline opens.

NOTE = "The town meeting begins at 7 p.m., at the high school auditorium."


def _with_dateline(kept: list[Kept], at: int) -> Outcome:
    outcome = Outcome(kept=[], removed=[])
    outcome.put_first("dateline", "BELCHERTOWN --", "wire.dateline", at)
    return outcome


def test_a_note_above_the_dateline_lede_goes() -> None:
    kept = _kept(NOTE, LEDE, LEDE)
    outcome = _with_dateline(kept, 1)
    assert drop_above_dateline(kept, outcome) == kept[1:]
    assert outcome.removed is not None
    assert [(r.rule, r.text) for r in outcome.removed] == [(ABOVE_ID, NOTE)]


def test_a_dateline_alone_on_the_line_above_its_lede_counts() -> None:
    kept = [Kept(Block(NOTE), index=0), Kept(Block(LEDE), index=2)]
    assert above_dateline(kept, _with_dateline(kept, 1)) == 1


@pytest.mark.parametrize(
    ("texts", "at"),
    [
        ((LEDE, NOTE), 0),  # the dateline opens the first paragraph
        ((NOTE, NOTE, NOTE, LEDE), 3),  # too far down: perhaps a feed's next story
        ((LEDE, "Council Votes to Close Two Schools", LEDE), 2),  # a headline above it
        ((NOTE, "Council Votes to Close Two Schools"), 1),  # no story paragraph at it
    ],
)
def test_nothing_goes_otherwise(texts: tuple[str, ...], at: int) -> None:
    kept = _kept(*texts)
    assert above_dateline(kept, _with_dateline(kept, at)) == 0


def test_nothing_goes_without_a_dateline() -> None:
    kept = _kept(NOTE, LEDE)
    assert above_dateline(kept, Outcome(kept=[], removed=[])) == 0


def test_the_dateline_passes_run_together_before_the_doubted_opener() -> None:
    # the doubted opener after them: it leaves a lede with the dateline they found alone
    at = TEXT_LEARNED.index
    assert at(place_dateline_step) == at(above_dateline_step) + 1
    assert at(place_dateline_step) < at(doubted_opener)
