"""Nothing lost, line by line: every input line ends in the body, a field, or ``removed``.

Printed date lines are accounted whole (the date field holds a parsed form), and so are the
values of one-value fields the Article cannot show (a second byline or copyright line). A
property test builds dumps from story sentences, headlines, bylines, date lines, captions and
chrome, hard-wrapped or not, and checks every line of each.
"""

from __future__ import annotations

import textwrap

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleaner import Cleaner
from cleaner.accounting import lost_lines

STORY = """KUALA LUMPUR, Malaysia (AP) — The council approved a new park budget on Monday after a long debate about the riverside land and its future.
The mayor said work would begin next spring and that the park would open within two years if the weather allowed it.
Residents who had opposed the plan said they would keep watching how the money was spent, and asked for monthly reports.
“We have waited a long time for this,” said one neighbour, who has lived beside the river for forty years."""


@pytest.fixture(scope="module")
def explaining() -> Cleaner:
    return Cleaner(explain=True)


@pytest.mark.parametrize(
    ("line", "date"),
    [
        ("[October 17, 2024]", "2024-10-17"),
        ("- Publish date:24/08/2003", "2003-08-24"),
        ("• updated: Aug 15 2021, 22:46 ist", "2021-08-15"),
        ("Published: 10 July 2025 14:03", "2025-07-10"),
    ],
)
def test_a_printed_date_line_is_accounted_whole(explaining: Cleaner, line: str, date: str) -> None:
    text = f"Council approves new park budget\n{line}\n{STORY}\n"
    article = explaining.clean(text, kind="text")
    assert article.date == date
    printed = line.lstrip("-• ")
    assert any(r.text == printed for r in article.removed or ()), article.removed
    assert lost_lines(text, article) == []


def test_a_date_on_the_byline_line_is_accounted_with_its_separators(explaining: Cleaner) -> None:
    text = f"Council approves new park budget\nBy Jane Doe | October 17, 2024 | 6:03 pm\n{STORY}\n"
    article = explaining.clean(text, kind="text")
    assert article.byline == "By Jane Doe" and article.date == "2024-10-17"
    assert "October 17, 2024 | 6:03 pm" in [r.text for r in article.removed or ()]
    assert lost_lines(text, article) == []


def test_a_second_copyright_line_is_not_dropped_silently(explaining: Cleaner) -> None:
    text = (
        f"Council approves new park budget\nBy Jane Doe\n{STORY}\n"
        "Copyright 2024 The Riverside Gazette. All rights reserved.\n"
        "© 2024 Gazette Media Group. All Rights Reserved.\n"
    )
    article = explaining.clean(text, kind="text")
    assert article.copyright and "Riverside Gazette" in article.copyright
    assert lost_lines(text, article) == []


def test_a_lost_line_is_reported() -> None:
    """The check itself: a line whose words are nowhere is lost; pieces of two unrelated
    texts do not make a line."""
    from cleaner.article import Article, Removal

    article = Article(body="The park opens.", removed=(Removal("x.y", "Share this"),))
    source = "The park opens.\nShare this\nopens Share\nThe park closes."
    assert lost_lines(source, article, max_pieces=1) == ["opens Share", "The park closes."]


WORDS = [
    "park",
    "river",
    "council",
    "budget",
    "mayor",
    "spring",
    "weather",
    "money",
    "report",
    "plan",
    "land",
    "city",
]
STORY_LINE = st.lists(st.sampled_from(WORDS), min_size=18, max_size=40).map(
    lambda ws: " ".join(ws).capitalize() + "."
)
HEADLINE = st.lists(st.sampled_from(WORDS), min_size=4, max_size=9).map(
    lambda ws: " ".join(ws).title()
)
FIXED = st.sampled_from(
    [
        "[October 17, 2024]",
        "- Publish date:24/08/2003",
        "• updated: Aug 15 2021, 22:46 ist",
        "Thursday, July 10, 2025",
        "By MATTHEW LEE",
        "By Jane Doe | October 17, 2024 | 6:03 pm",
        "Autor: Hans Peter Schmidt",
        "KUALA LUMPUR, Malaysia (AP) — The talks went on late into the night, officials said.",
        "A firefighter battles the blaze on Friday. (AP Photo/Noah Berger)",
        "Share",
        "Related Articles",
        "Advertisement",
        "Sign In Subscribe",
        "___",
        "[to top of second column]",
        "Copyright 2024 The Associated Press. All rights reserved.",
        "Jane Roe contributed to this report.",
        "Read more…",
        "",
    ]
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    lines=st.lists(st.one_of(STORY_LINE, HEADLINE, FIXED), min_size=3, max_size=14),
    width=st.one_of(st.none(), st.integers(60, 80)),
)
def test_no_line_of_any_dump_is_lost(lines: list[str], width: int | None) -> None:
    cleaner = Cleaner(explain=True)
    text = "\n".join(lines)
    if width:
        text = "\n".join(
            "\n".join(textwrap.wrap(line, width, break_on_hyphens=False)) for line in lines
        )
    if not text.strip():
        return
    article = cleaner.clean(text, kind="text")
    assert lost_lines(text, article) == []
