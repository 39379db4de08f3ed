"""Posts of social networks embedded in a story: a tweet, an Instagram or TikTok post.

A network's embed code prints the post as a ``<blockquote>`` of its own class
('twitter-tweet', 'instagram-media', 'tiktok-embed' …) that its script turns into a card;
trafilatura keeps its text as a quote of the story, sign-off included ('— Name (@handle) July
18, 2026'). The post is another author's text, not the story's: the story quotes what it
needs in its own paragraphs. Where the story introduces the post (its paragraph right above
ends in a colon: 'Watch the highlights of the match:'), the post's own text is part of the
story and stays; its card's furniture (the sign-off, 'View this post on Instagram', 'A post
shared by …', the sound of a TikTok) goes either way.
"""

from __future__ import annotations

from collections.abc import Iterable

from lxml import etree

from ..blocks import Block
from ..lexicon import text_key
from ..pattern_cache import compile_cached
from .judged import blocks_printing
from .tree import Story, visible_text

#: The pass id of a body line printed in an embedded post.
PASS_ID = "core.embedded-post"
#: The classes the networks' embed codes give the post's ``<blockquote>``.
_EMBED = compile_cached(
    r"(?i)(?:^|\s)(?:twitter-(?:tweet|video)|instagram-media|tiktok-embed|bluesky-embed|"
    r"mastodon-embed|text-post-media|reddit-embed-bq)(?:$|\s)"
)
#: A poster named with their handle, as the cards' sign-offs print them ('— Ann (@ann)', 'A
#: post shared by Ann (@ann.lee)', 'Ein Beitrag geteilt von Ann (@ann)').
_HANDLE = compile_cached(r"\(@[\w.]+\)")
#: What ends a paragraph that introduces what follows it ('Watch it here:'; the full-width
#: colon of CJK text).
_INTRODUCES = (":", "\uff1a")


def embedded_posts(
    blocks: list[Block], tree: etree._Element, story: Story
) -> tuple[tuple[int, str], ...]:
    """The body's lines printed in an embedded post that does not hold the story, as (index,
    :data:`PASS_ID`): the whole post, or only its card's furniture when the body's line right
    above the post ends in a colon (the story introduces it); nothing when that would take
    half the body or more. fundus-dev's gold leaves such posts out, and trafilatura-dev's
    snippets mostly do: tuning part, fundus-dev body F1 0.96889 -> 0.97135 (2 pages of 2
    sites up: The Gateway Pundit 0.823 -> 1.000, The Mirror 0.948 -> 0.961; none down), no
    wcxb-dev body holds one; trafilatura-dev, one `without` snippet inside a post and no
    `with` one. Validation part: fundus-dev unchanged (no post), wcxb-dev 2 pages up
    (+0.00005), trafilatura-dev 2 `with` snippets lost and 2 `without` left out (with/without
    92.05% -> 92.17% with :mod:`cleaner.html.related`). No tuning page of the three corpora
    introduces a post with a colon.

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
    >>> body[0] = Block("The mayor wrote after the vote:")
    >>> embedded_posts(body, page, Story(body))
    ((2, 'core.embedded-post'),)
    """
    lines: set[str] = set()
    for element in tree.iter("blockquote"):
        marks = element.get("class")
        if not marks or not _EMBED.search(marks) or story.holds(element):
            continue
        # (its lines, and each paragraph whole: trafilatura keeps a quote's lines broken by
        # ``<br>`` as one block)
        post = _keys(
            [*visible_text(element, lines=True).split("\n"), *map(visible_text, element.iter("p"))]
        )
        own = _keys(_own_texts(element))
        if own and _introduced(blocks, post):
            post -= own
        lines.update(post)
    return blocks_printing(blocks, lines, PASS_ID)


def _keys(texts: Iterable[str]) -> set[str]:
    return {key for key in map(text_key, texts) if key}


def _own_texts(post: etree._Element) -> list[str]:
    """The post's own text: its paragraphs (whole, and line by line), but the one that signs
    it ('A post shared by Ann (@ann) on <time>…'). A tweet's sign-off and an Instagram card's
    'View this post on Instagram' stand outside any paragraph."""
    texts: list[str] = []
    for paragraph in post.iter("p"):
        text = visible_text(paragraph)
        if not text or _HANDLE.search(text) or next(paragraph.iter("time"), None) is not None:
            continue
        texts += [text, *visible_text(paragraph, lines=True).split("\n")]
    return texts


def _introduced(blocks: list[Block], post: set[str]) -> bool:
    """Whether the body's line right above the post's first line (captions aside) ends in a
    colon."""
    above: Block | None = None
    for block in blocks:
        if text_key(block.text) in post:
            return above is not None and above.text.rstrip().endswith(_INTRODUCES)
        if block.kind != "caption":
            above = block
    return False
