"""Agency copy as papers and aggregators print it: each convention lands in its field."""

from __future__ import annotations

import pytest

from cleaner import clean

AP_STORY = """\
Storm closes schools across the coast as power cuts spread
By JANE DOE and JOHN ROE Associated Press
MIAMI (AP) — Schools along the Gulf Coast closed on Tuesday as a storm knocked out power to
hundreds of thousands of homes and flooded roads in three states.

A worker clears debris from a road in Miami, Tuesday, Sept. 3, 2024. (AP Photo/Rebecca Blackwell)

Officials said crews would work through the night to restore power, but warned that some
neighborhoods could be dark for days.
“We are asking people to stay home,” the county’s emergency manager said.
___
Associated Press writer Ann Lee in Tallahassee, Florida, contributed to this report.
___
Follow AP's coverage of hurricanes at https://apnews.com/hub/hurricanes
The Associated Press’ climate and environmental coverage receives financial support from multiple private foundations. AP is solely responsible for all content.
Copyright 2024 The Associated Press. All rights reserved.
"""

REUTERS_STORY = """\
Britain's economy grows faster than expected

LONDON, July 10 (Reuters) - Britain's economy grew faster than expected in May, official
data showed on Thursday, a boost for the government ahead of its budget.

Output rose by 0.4%, the Office for National Statistics said.

Reporting by Jane Doe; Editing by John Roe

Our Standards: The Thomson Reuters Trust Principles., opens new tab
"""


def test_ap_story_fields() -> None:
    article = clean(AP_STORY)
    assert article.title == "Storm closes schools across the coast as power cuts spread"
    assert article.authors == ("Jane Doe", "John Roe")
    assert article.dateline is not None
    assert (article.dateline.place, article.dateline.agency) == ("MIAMI", "AP")
    assert article.captions == (
        "A worker clears debris from a road in Miami, Tuesday, Sept. 3, 2024. "
        "(AP Photo/Rebecca Blackwell)",
    )
    assert article.credits == (
        "Associated Press writer Ann Lee in Tallahassee, Florida, contributed to this report.",
    )
    assert article.copyright == "Copyright 2024 The Associated Press. All rights reserved."


def test_ap_story_body_is_the_story_alone() -> None:
    paragraphs = clean(AP_STORY).body.split("\n\n")
    assert paragraphs == [
        "Schools along the Gulf Coast closed on Tuesday as a storm knocked out power to "
        "hundreds of thousands of homes and flooded roads in three states.",
        "Officials said crews would work through the night to restore power, but warned that "
        "some neighborhoods could be dark for days.",
        "“We are asking people to stay home,” the county’s emergency manager said.",
    ]


def test_reuters_story() -> None:
    article = clean(REUTERS_STORY)
    assert article.dateline is not None
    assert (article.dateline.place, article.dateline.agency) == ("LONDON", "Reuters")
    assert article.credits == ("Reporting by Jane Doe; Editing by John Roe",)
    assert article.body == (
        "Britain's economy grew faster than expected in May, official data showed on Thursday, "
        "a boost for the government ahead of its budget.\n\n"
        "Output rose by 0.4%, the Office for National Statistics said."
    )


def test_a_wire_story_printed_twice_appears_once() -> None:
    """A page that prints the story twice, each copy with its dateline: the rules take the
    dateline from the first; the second copy, the same paragraph but for it, goes, and cleaning
    the body again changes nothing."""
    story = (
        "The council approved a new park on Monday after a long debate about the land by "
        "the river, which the city bought from a railway company ten years ago."
    )
    page = f"Council approves park\n\nSPRINGFIELD (AP) — {story}\n\nSPRINGFIELD (AP) — {story}\n"
    article = clean(page, explain=True)
    assert article.body == story
    assert article.dateline is not None and article.dateline.place == "SPRINGFIELD"
    assert article.removed is not None
    assert [r.rule for r in article.removed if r.text.endswith("ten years ago.")] == [
        "core.repeated-block"
    ]
    assert clean(article.body, kind="text").body == story


def test_a_mark_printed_alone_is_no_notice_when_a_full_one_follows() -> None:
    from cleaner import Cleaner

    text = (
        "Bridge opens at last\n\n"
        "The council met on Monday and agreed to spend more on the roads and bridges of the "
        "town next year, officials said.\n\n"
        "The new bridge will open in June, the mayor told reporters after the meeting ended.\n\n"
        "Copyright\n\n"
        "© 2026 Riverside Gazette\n"
    )
    article = Cleaner(explain=True).clean(text, kind="text")
    assert article.copyright == "© 2026 Riverside Gazette"
    assert ("wire.copyright", "Copyright") in [(r.rule, r.text) for r in article.removed or ()]
    # alone, the mark is still the notice found
    alone = Cleaner().clean(text.replace("© 2026 Riverside Gazette\n", ""), kind="text")
    assert alone.copyright == "Copyright"


@pytest.mark.parametrize(
    ("text", "place", "agency", "lede"),
    [
        # the Indian agency feeds print 'Place, Mon DD (AGENCY)' and the lede with no dash
        # after (and so do the sites that re-run AP copy from them)
        (
            "Timor-Leste joins ASEAN as its 11th member\n\n"
            "Kuala Lumpur, Oct 26 (IANS) Timor-Leste became the 11th member of the Association "
            "of Southeast Asian Nations during the 47th summit in Kuala Lumpur on Sunday.\n\n"
            "Timor-Leste applied for membership in 2011, and the leaders agreed in principle in "
            "2022.",
            "Kuala Lumpur",
            "IANS",
            "Timor-Leste became the 11th member",
        ),
        # a newswire release: 'CITY, St., Month D, YYYY /PRNewswire/ --'
        (
            "FDA Roundup: March 4, 2025\n\n"
            "SILVER SPRING, Md., March 4, 2025 /PRNewswire/ -- Today, the U.S. Food and Drug "
            "Administration is providing an at-a-glance summary of news from around the agency."
            "\n\nThe FDA approved a new treatment for adults on Monday, the agency said in a "
            "statement.",
            "SILVER SPRING, Md.",
            "PRNewswire",
            "Today, the U.S. Food and Drug Administration",
        ),
    ],
    ids=["no-dash-after-the-agency", "newswire-release"],
)
def test_wire_datelines_without_a_dash_after(text: str, place: str, agency: str, lede: str) -> None:
    """The dateline goes to its field, the lede opens the body."""
    article = clean(text)
    assert article.dateline is not None
    assert (article.dateline.place, article.dateline.agency) == (place, agency)
    assert article.body.startswith(lede)


def test_an_agency_in_brackets_inside_the_lede_is_no_dateline() -> None:
    article = clean(
        "Quake strikes Myanmar\n\n"
        "A powerful earthquake rocked Myanmar on Friday, an agency reported (AP) A second quake "
        "followed within minutes, and buildings fell in two cities.\n\n"
        "Rescuers searched the rubble through the night."
    )
    assert article.dateline is None
    assert article.body.startswith("A powerful earthquake rocked Myanmar")


def test_a_digests_next_story_with_no_dash_after_its_agency_goes() -> None:
    """wire.next-dateline knows wire.dateline's no-dash form: the next story of an agency feed's
    digest ('Place, Mon DD (AGENCY) Lede') and what follows leave the body."""
    article = clean(
        "Timor-Leste joins ASEAN as its 11th member\n\n"
        "Kuala Lumpur, Oct 26 (IANS) Timor-Leste became the 11th member of the Association of "
        "Southeast Asian Nations during the 47th summit in Kuala Lumpur on Sunday.\n\n"
        "Timor-Leste applied for membership in 2011, and the leaders agreed in principle to "
        "admit the country in 2022, officials said.\n\n"
        "The accession was sealed with the signing of a declaration witnessed by the leaders "
        "and their guests at the summit hall.\n\n"
        "New Delhi, Oct 26 (IANS) The Supreme Court on Sunday sought the Centre's response to a "
        "plea challenging the new law on the registration of voters in three states.\n\n"
        "The court will hear the plea again next month, the bench said in its order."
    )
    assert article.dateline is not None and article.dateline.place == "Kuala Lumpur"
    assert "witnessed by the leaders" in article.body
    assert "Supreme Court" not in article.body
