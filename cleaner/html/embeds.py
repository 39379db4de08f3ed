"""Posts of social networks embedded in a story: a tweet, an Instagram or TikTok post.

A network's embed code prints the post as a ``<blockquote>`` of its own class
('twitter-tweet', 'instagram-media', 'tiktok-embed' …) that its script turns into a card;
trafilatura keeps its text as a quote of the story, sign-off included ('— Name (@handle) July
18, 2026'). The post is another author's text, not the story's: the story quotes what it
needs in its own paragraphs.
"""

from __future__ import annotations

import regex
from lxml import etree

from ..blocks import Block
from ..lexicon import text_key
from .judged import blocks_printing
from .tree import Story, visible_text

#: The pass id of a body line printed in an embedded post.
PASS_ID = "core.embedded-post"
#: The classes the networks' embed codes give the post's ``<blockquote>``.
_EMBED = regex.compile(
    r"(?i)(?:^|\s)(?:twitter-(?:tweet|video)|instagram-media|tiktok-embed|bluesky-embed|"
    r"mastodon-embed|text-post-media|reddit-embed-bq)(?:$|\s)"
)


def embedded_posts(
    blocks: list[Block], tree: etree._Element, story: Story
) -> tuple[tuple[int, str], ...]:
    """The body's lines printed in an embedded post that does not hold the story, as (index,
    :data:`PASS_ID`); nothing when that would take half the body or more. fundus-dev's gold
    leaves such posts out, and trafilatura-dev's snippets mostly do: tuning part, fundus-dev
    body F1 0.96889 -> 0.97135 (2 pages of 2 sites up: The Gateway Pundit 0.823 -> 1.000, The
    Mirror 0.948 -> 0.961; none down), no wcxb-dev body holds one; trafilatura-dev, one
    `without` snippet inside a post and no `with` one. Validation part: fundus-dev unchanged
    (no post), wcxb-dev 2 pages up (+0.00005), trafilatura-dev 2 `with` snippets lost and 2
    `without` left out (with/without 92.05% -> 92.17% with :mod:`cleaner.html.related`).

    >>> from lxml.html import document_fromstring
    >>> page = document_fromstring(
    ...     "<html><body><p>The council met on Tuesday to vote on the bridge over the river.</p>"
    ...     "<blockquote class='twitter-tweet'><p>Big day!</p>— Ann (@ann) May 1, 2024"
    ...     "</blockquote></body></html>"
    ... )
    >>> text = "The council met on Tuesday to vote on the bridge over the river."
    >>> post = [Block("Big day!"), Block("— Ann (@ann) May 1, 2024")]
    >>> body = [Block(text), *post, Block(text), Block(text)]
    >>> embedded_posts(body, page, Story(body))
    ((1, 'core.embedded-post'), (2, 'core.embedded-post'))
    """
    lines: set[str] = set()
    for element in tree.iter("blockquote"):
        marks = element.get("class")
        if not marks or not _EMBED.search(marks) or story.holds(element):
            continue
        # (its lines, and each paragraph whole: trafilatura keeps a quote's lines broken by
        # ``<br>`` as one block)
        texts = [
            *visible_text(element, lines=True).split("\n"),
            *map(visible_text, element.iter("p")),
        ]
        lines.update(key for key in map(text_key, texts) if key)
    return blocks_printing(blocks, lines, PASS_ID)
