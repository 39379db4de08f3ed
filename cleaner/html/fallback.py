"""The last resort when trafilatura finds no story on a page: its prose paragraphs.

Some pages hold their story where trafilatura does not look (in a box it takes for an overlay
or an aside, or in paragraphs too few for its scores). Rather than give nothing, the page's
``<p>`` elements that read as a story's paragraphs are taken, in page order: those outside page
furniture first, all of them when that leaves no story.
"""

from __future__ import annotations

from lxml import etree

from ..blocks import Block, is_story_paragraph
from .body import has_story
from .tree import Story, mostly_links, visible_text

#: Paragraphs looked at, at most.
_PARAGRAPHS = 400


def prose_blocks(tree: etree._Element) -> list[Block]:
    """The page's story paragraphs as blocks, or none when they do not read as a story."""
    body = tree.find("body")
    if body is None:
        return []
    furniture = Story([])  # knows no story: every aside, menu or related box is furniture
    inside: list[Block] = []
    anywhere: list[Block] = []
    for count, paragraph in enumerate(body.iter("p")):
        if count >= _PARAGRAPHS:
            break
        text = visible_text(paragraph)
        if not is_story_paragraph(text) or mostly_links(paragraph):
            continue
        block = Block(text)
        anywhere.append(block)
        if not furniture.outside(paragraph):
            inside.append(block)
    for blocks in (inside, anywhere):
        if has_story(blocks):
            return blocks
    return []
