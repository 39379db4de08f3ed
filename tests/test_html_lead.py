"""HTML bodies: the summary a news page prints under its headline, which its description
words, goes before the body when trafilatura left it out (cleaner.html.lead)."""

from __future__ import annotations

import json

import pytest

from cleaner import Cleaner

from .html_pages import STORY, page, paragraphs

DEK = "The vote ends ten years of debate, and the bridge should open within three years."
NEWS = json.dumps({"@type": "NewsArticle", "headline": "Council votes for a bridge"})


@pytest.fixture(scope="module")
def cleaner() -> Cleaner:
    return Cleaner()


def news_page(description: str, printed: str = DEK, kind: str = NEWS, attrs: str = "") -> str:
    head = (
        f"<meta name='description' content='{description}'>"
        f"<script type='application/ld+json'>{kind}</script>"
    )
    header = (
        f"<header{attrs}><h1>Council votes for a bridge</h1>"
        f"<div class='subhead'>{printed}</div></header>"
    )
    return page(paragraphs(), head=head, before=header)


def test_a_news_pages_printed_summary_opens_the_body(cleaner: Cleaner) -> None:
    body = cleaner.clean(news_page(DEK), kind="html").body
    assert body.split("\n\n") == [DEK, *STORY]


def test_the_summary_as_a_microdata_news_article_prints_it(cleaner: Cleaner) -> None:
    html = news_page(DEK, kind="{}", attrs=" itemscope itemtype='https://schema.org/NewsArticle'")
    assert cleaner.clean(html, kind="html").body.startswith(DEK)


@pytest.mark.parametrize(
    ("description", "printed", "kind"),
    [
        # not typed a news article: a blog's or a guide's excerpt (wcxb-dev's gold leaves it out)
        (DEK, DEK, json.dumps({"@type": "BlogPosting", "headline": "Council votes"})),
        # the description words something else than the printed line
        ("A new bridge for the city, at last, after a decade of debate.", DEK, NEWS),
        # the description holds only the line's first words
        (DEK[:45], DEK, NEWS),
    ],
)
def test_no_summary_without_its_evidence(
    cleaner: Cleaner, description: str, printed: str, kind: str
) -> None:
    body = cleaner.clean(news_page(description, printed, kind), kind="html").body
    assert body.split("\n\n") == STORY
