"""Aggregator copy-pastes: the publisher's credit, the reading controls and the feeds below."""

from __future__ import annotations

from cleaner import clean

STORY = [
    "Schools along the Gulf Coast closed on Tuesday as a storm knocked out power to hundreds of "
    "thousands of homes and flooded roads in three states.",
    "Officials said crews would work through the night to restore power, but warned that some "
    "neighborhoods could be dark for days.",
    "“We are asking people to stay home,” the county’s emergency manager said.",
]
TITLE = "Storm closes schools across the coast as power cuts spread"

# As a news portal shows an agency story: the agency above the headline, a date with reading
# time, an inline "Story continues" fold, comments and recommendations below.
PORTAL = """Associated Press
Storm closes schools across the coast as power cuts spread
Tue, September 3, 2024 at 10:14 AM EDT·3 min read
MIAMI (AP) — Schools along the Gulf Coast closed on Tuesday as a storm knocked out power to hundreds of thousands of homes and flooded roads in three states.
Officials said crews would work through the night to restore power, but warned that some neighborhoods could be dark for days.
Story continues
“We are asking people to stay home,” the county’s emergency manager said.
Copyright 2024 The Associated Press. All rights reserved.
Comments
Recommended Stories
Another story headline here
"""

# As a feed reader shows it: "Story by" with a relative age, sponsored content and a feed of
# other stories below. (MSN's reading controls, 'Continue Reading', were an MSN pack's until
# no fixture and no page of the corpora's train part showed them: the pack went.)
FEED = """Storm closes schools across the coast as power cuts spread
Story by Jane Doe • 2h
MIAMI — Schools along the Gulf Coast closed on Tuesday as a storm knocked out power to hundreds of thousands of homes and flooded roads in three states.
Officials said crews would work through the night to restore power, but warned that some neighborhoods could be dark for days.
“We are asking people to stay home,” the county’s emergency manager said.
Sponsored Content
More for You
"""


def test_portal_copy() -> None:
    article = clean(PORTAL)
    assert article.title == TITLE
    assert article.source == "Associated Press"
    assert article.date == "2024-09-03"
    assert article.dateline is not None and article.dateline.agency == "AP"
    assert article.body.split("\n\n") == STORY


def test_feed_copy() -> None:
    article = clean(FEED)
    assert article.title == TITLE
    assert article.authors == ("Jane Doe",)
    assert article.byline == "Story by Jane Doe"
    assert article.body.split("\n\n") == STORY
