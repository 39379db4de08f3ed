"""The date printed under the page's headline over htmldate's reading of the meta tags."""

from __future__ import annotations

import lxml.html
import pytest

from cleaner import Cleaner
from cleaner.blocks import Found, PageMeta
from cleaner.html import html_to_page
from cleaner.html.headline_date import headline_date
from cleaner.page_fields import page_date

from .html_pages import page, paragraphs

HEAD = "<meta property='article:published_time' content='2024-03-05T10:00:00Z'>"
HEADLINE = "<h1>Council votes for a bridge</h1>"


@pytest.fixture(scope="module")
def cleaner() -> Cleaner:
    return Cleaner()


def _date(markup: str) -> str | None:
    return headline_date(lxml.html.fromstring(page(markup)))


@pytest.mark.parametrize(
    ("line", "day"),
    [
        ("<p class='meta'>21.01.2022 - 13:30</p>", "2022-01-21"),
        ("<div><span>By Ann Lee</span> <span>Updated Mar 12, 2020</span></div>", "2020-03-12"),
        ("<span>Friday, December 19, 2025</span>", "2025-12-19"),
        ("<span>20. März 2021 - 15:00 Uhr</span>", "2021-03-20"),
        ("<span>25/12/2024</span>", "2024-12-25"),  # day first, as only it can be
    ],
)
def test_the_date_line_under_the_headline(line: str, day: str) -> None:
    assert _date(HEADLINE + line + paragraphs()) == day


@pytest.mark.parametrize(
    "markup",
    [
        "<p>March 1, 2024</p>" + HEADLINE + paragraphs(),  # above the headline only
        HEADLINE + "<span>03/05/2022</span>" + paragraphs(),  # March 5th or May 3rd
        HEADLINE + paragraphs(["The vote of March 1, 2024 " + "was long. " * 10]),  # a sentence
        HEADLINE + "<noscript><p>March 1, 2024</p></noscript>" + paragraphs(),
        "<p>March 1, 2024</p>" + paragraphs(),  # no headline
    ],
)
def test_no_headline_date(markup: str) -> None:
    assert _date(markup) is None


def test_the_printed_date_wins_over_the_meta_tags_and_the_blocks(cleaner: Cleaner) -> None:
    html = page(HEADLINE + "<p class='meta'>March 1, 2024</p>" + paragraphs(), head=HEAD)
    meta = html_to_page(html).meta
    assert meta.date is not None and (meta.date.text, meta.date.source) == (
        "2024-03-01",
        "headline",
    )
    assert cleaner.clean(html, kind="html").date == "2024-03-01"
    # the same day as the meta tags': htmldate's, as it was
    same = html_to_page(page(HEADLINE + "<p>March 5, 2024</p>" + paragraphs(), head=HEAD)).meta
    assert same.date is not None and same.date.source == "htmldate"
    # over a date the rules find printed among the story's blocks, as the JSON-LD's is
    printed = PageMeta(date=Found("2024-03-01", "headline"))
    assert page_date(["2013-01-01"], printed) == "2024-03-01"
