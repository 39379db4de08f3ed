"""The `` date YYYY-MM-DD`` prefix a stored text copy puts before a page's first line: the
Article's date takes it, the title and the body lose it, and the removal is accounted for."""

from __future__ import annotations

from cleaner import clean

#: The prefix on the headline's line: the headline stays the title.
ON_TITLE = """\
 date 2024-08-26 Knife attack at a town festival: what we know

A man attacked people at a street festival in the western German town on Friday evening,
killing three and wounding eight, before fleeing into the crowd, police said on Saturday.

Officers arrested a suspect late on Saturday after a search through the night, prosecutors
said, and were questioning him about the motive for the attack.
"""

#: The prefix on the first line of the body, with a dateline after it.
ON_BODY = """\
 date 2025-03-28 BANGKOK — A powerful earthquake rocked Myanmar and neighboring Thailand on
Friday, destroying buildings, bridges and a monastery, and killing dozens of people.

Rescuers searched the rubble of a high-rise under construction in Bangkok through the
night, officials said, as aftershocks shook the region on Saturday.
"""


def test_prefix_on_the_title_line_goes_to_the_date() -> None:
    article = clean(ON_TITLE, explain=True)
    assert article.date == "2024-08-26"
    assert article.title == "Knife attack at a town festival: what we know"
    assert article.body.startswith("A man attacked people")
    assert "date 2024" not in article.body
    assert [(r.rule, r.text) for r in article.removed[:1]] == [
        ("print.stored-date-prefix", "date 2024-08-26")
    ]


def test_prefix_on_the_first_body_line_goes_to_the_date() -> None:
    article = clean(ON_BODY, explain=True)
    assert article.date == "2025-03-28"
    assert article.dateline is not None and article.dateline.place == "BANGKOK"
    assert article.body.startswith("A powerful earthquake rocked Myanmar")
    assert "date 2025" not in (article.title or "") + article.body


def test_a_date_further_down_is_not_a_prefix() -> None:
    article = clean(ON_BODY.replace(" date 2025-03-28 ", "") + "\ndate 2025-03-29 Later news.\n")
    assert article.date != "2025-03-29"
    assert "date 2025-03-29 Later news." in article.body
