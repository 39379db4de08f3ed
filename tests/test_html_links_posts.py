"""HTML bodies: read-also lines (core.related-link) and embedded social posts
(core.embedded-post) leave the story; what only looks like them stays."""

from __future__ import annotations

import pytest

from cleaner import Cleaner

from .html_pages import STORY, page, paragraphs


@pytest.fixture(scope="module")
def cleaner() -> Cleaner:
    return Cleaner(explain=True)


def removed_by(cleaner: Cleaner, html: str) -> tuple[str, dict[str, str]]:
    article = cleaner.clean(html, kind="html")
    return article.body, {r.text: r.rule for r in article.removed or ()}


@pytest.mark.parametrize(
    "line",
    [
        "Les også: <a href='/a'>Ferry prices rise again</a>",
        "À lire aussi <a href='/b'>Ferry prices rise again</a>",
        "<strong>Lesen Sie auch</strong> <a href='/c'>Ferry prices rise again</a>",
    ],
)
def test_a_read_also_label_and_a_links_headline_leave_the_body(cleaner: Cleaner, line: str) -> None:
    html = page(paragraphs(STORY[:2]) + f"<p>{line}</p>" + paragraphs(STORY[2:]))
    body, removed = removed_by(cleaner, html)
    assert body.split("\n\n") == STORY
    assert "core.related-link" in removed.values()


def test_a_read_also_label_alone_leaves_the_body(cleaner: Cleaner) -> None:
    html = page(paragraphs(STORY[:2]) + "<h4>Auch interessant</h4>" + paragraphs(STORY[2:]))
    body, removed = removed_by(cleaner, html)
    assert "Auch interessant" not in body
    assert removed.get("Auch interessant") == "core.related-link"


@pytest.mark.parametrize(
    "line",
    [
        # the rest is no link's text: a sentence of the story
        "Read also the council's report, which the mayor published on its website last week.",
        # a word goes on from the label
        "Relatedly, <a href='/d'>the ferry company</a> said it would cut its winter timetable.",
    ],
)
def test_a_story_line_that_opens_like_a_label_stays(cleaner: Cleaner, line: str) -> None:
    html = page(paragraphs(STORY[:2]) + f"<p>{line}</p>" + paragraphs(STORY[2:]))
    body, removed = removed_by(cleaner, html)
    assert "core.related-link" not in removed.values()
    assert len(body.split("\n\n")) == len(STORY) + 1


#: An embedded tweet as the platform's snippet prints it: the post, then its sign-off.
TWEET = (
    "<blockquote class='twitter-tweet'><p lang='en'>The bridge vote is finally done, after "
    "ten years of meetings!</p>— Ann Lee (@annlee) <a href='/t'>May 1, 2024</a>"
    "</blockquote>"
)


def test_an_embedded_tweet_leaves_the_body(cleaner: Cleaner) -> None:
    html = page(paragraphs(STORY[:2]) + TWEET + paragraphs(STORY[2:]))
    body, removed = removed_by(cleaner, html)
    assert body.split("\n\n") == STORY
    assert set(removed.values()) == {"core.embedded-post"}


def test_an_embedded_tweet_the_story_introduces_keeps_its_text(cleaner: Cleaner) -> None:
    intro = "<p>The mayor wrote on the evening of the vote:</p>"
    html = page(paragraphs(STORY[:2]) + intro + TWEET + paragraphs(STORY[2:]))
    body, removed = removed_by(cleaner, html)
    lines = body.split("\n\n")
    assert lines[2:4] == [
        "The mayor wrote on the evening of the vote:",
        "The bridge vote is finally done, after ten years of meetings!",
    ]
    assert removed == {"— Ann Lee (@annlee) May 1, 2024": "core.embedded-post"}


def test_an_instagram_post_the_story_introduces_keeps_its_caption_alone(cleaner: Cleaner) -> None:
    post = (
        "<blockquote class='instagram-media'><div><a href='/p/1'>View this post on Instagram"
        "</a></div><p><a href='/p/1'>Our new ferry, the last one before the bridge opens next "
        "year</a></p><p>A post shared by City Ferries (@cityferries) on <time>May 1, 2024"
        "</time></p></blockquote>"
    )
    intro = "<p>The ferry company posted a picture of its newest boat:</p>"
    html = page(paragraphs(STORY[:2]) + intro + post + paragraphs(STORY[2:]))
    body, removed = removed_by(cleaner, html)
    assert "Our new ferry, the last one before the bridge opens next year" in body
    assert "(@cityferries)" not in body
    # (the line 'A post shared by …' is the rules' generic.embed-chrome's too)
    assert "core.embedded-post" not in removed.values()
    # not introduced: the caption goes with the rest
    body, removed = removed_by(cleaner, page(paragraphs(STORY[:2]) + post + paragraphs(STORY[2:])))
    assert body.split("\n\n") == STORY
    assert removed["Our new ferry, the last one before the bridge opens next year"] == (
        "core.embedded-post"
    )


def test_a_quote_of_the_story_stays(cleaner: Cleaner) -> None:
    quote = (
        "<blockquote><p>We have waited for this bridge for thirty years, and now it is "
        "finally coming.</p></blockquote>"
    )
    html = page(paragraphs(STORY[:2]) + quote + paragraphs(STORY[2:]))
    body, removed = removed_by(cleaner, html)
    assert "We have waited for this bridge" in body
    assert "core.embedded-post" not in removed.values()


def test_another_storys_excerpt_on_a_teaser_card_leaves_the_body(cleaner: Cleaner) -> None:
    excerpt = (
        "Officials said on Monday that the new ferry across the river would run every hour of "
        "the day and night, all year round, starting in the spring."
    )
    html = page(paragraphs(STORY) + f"<a href='/ferry'><p>{excerpt}</p></a>")
    body, removed = removed_by(cleaner, html)
    assert excerpt not in body
    assert removed.get(excerpt) == "core.linked-teaser"


def test_a_story_paragraph_holding_a_link_stays(cleaner: Cleaner) -> None:
    linked = (
        "The ferry company said in <a href='/report'>its yearly report</a> that crossings "
        "were cancelled on forty days last winter, more than ever before."
    )
    html = page(paragraphs(STORY[:2]) + f"<p>{linked}</p>" + paragraphs(STORY[2:]))
    body, removed = removed_by(cleaner, html)
    assert "its yearly report that crossings" in body
    assert "core.linked-teaser" not in removed.values()
