"""The story's section headings and lists that trafilatura dropped, put back between its
paragraphs.

trafilatura sometimes keeps a story's paragraphs and leaves out the headings or lists between
them (its baseline, when its main extractor gives up, takes paragraphs only; a page whose
headings or points sit in other boxes than its paragraphs, a product's pros and cons). A
heading or a list the page prints between two paragraphs that follow each other in the body,
with the second one right after it, is the story's own: it goes back in its place, as heading
or list blocks (the rules then judge them as any: 'Table of Contents', 'Related posts' …).
"""

from __future__ import annotations

from itertools import islice
from typing import cast

from lxml import etree

from ..blocks import Block, BlockKind
from ..lexicon import text_key
from .tree import Story, hidden_by_class, mostly_links, visible_text

#: The headings looked at (not the headline's ``h1``).
HEADINGS = ("h2", "h3", "h4", "h5", "h6")
_LISTS = ("ul", "ol")
#: How many levels above the story's box (the parent of its longest paragraph) a heading or a
#: list may sit. Tuning part, where the headings put back sat (300 of 77 fundus-dev and 365 wcxb-dev
#: pages, any level): in the story's box 210, one level up 16, two 64, three to seven 14 (9 of
#: them one page's real headings; 'Solutions', 'Related posts', 'Checking our work.', a
#: promotion's heading the rest); a page whose box is not found (its longest paragraph not in
#: a ``<p>`` or ``<div>`` of its own) 16. Two levels keep the looks at the page's headings
#: to the story's part of it (menus, footers and sidebars print many).
REGION = 2
#: Characters of a text's key from which it is found inside a longer block (a paragraph that
#: trafilatura joined with the next one).
_PART = 20
#: Items that are more than a line of text: a list holding lists, pictures (a slideshow, a
#: product grid) or headings (cards, each a teaser). (A DW picture gallery of slides, a
#: heading, a title and a paragraph each, between two story paragraphs of a trafilatura-dev
#: page, was put back whole without this test.)
_CARDS = etree.XPath("boolean(.//li//li | .//img | .//picture | .//figure | .//h2 | .//h3 | .//h4)")
#: The nearest paragraph with text before an element.
_PARAGRAPH_BEFORE = etree.XPath("preceding::p[normalize-space()][1]")
#: The first text after an element, not its own.
_TEXT_AFTER = etree.XPath("following::text()[normalize-space()][1]")


class _Body:
    """Finds a text among the body's blocks: the index of the block that is it or holds it."""

    def __init__(self, blocks: list[Block]) -> None:
        self.keys = [text_key(block.text) for block in blocks]
        self.exact: dict[str, int] = {}
        for i, key in enumerate(self.keys):
            self.exact.setdefault(key, i)

    def find(self, key: str) -> int | None:
        found = self.exact.get(key)
        if found is not None or len(key) < _PART:
            return found
        return next((i for i, other in enumerate(self.keys) if key in other), None)


def with_dropped_between(
    box: etree._Element | None, blocks: list[Block], story: Story
) -> list[Block]:
    """The blocks with the section headings and lists trafilatura dropped between two of the
    story's paragraphs put back before the second one; ``box``: the story's box on the page
    (:func:`cleaner.html.rejoin.story_box`).

    A heading (``h2`` to ``h6``) or a list (not in a list, holding no list, picture or
    heading) near the story's box (under its :data:`REGION`-th ancestor) goes back when none of
    its lines or items is in the body, it is not mostly links, not hidden by its class and not
    in page furniture, the first text after it is a paragraph of the body (or a heading or list
    that goes back before one: headings in a row, a heading over its list) and the paragraph
    before it is the body's block before that one (or only headings stand between them).

    >>> from lxml.html import document_fromstring
    >>> page = document_fromstring(
    ...     "<html><body><div><p>The council met on Tuesday.</p><h2>The vote</h2>"
    ...     "<p>It voted for the bridge.</p><ul><li>Cost: low</li></ul><p>It opens in May.</p>"
    ...     "</div></body></html>"
    ... )
    >>> texts = ["The council met on Tuesday.", "It voted for the bridge.", "It opens in May."]
    >>> body = [Block(text) for text in texts]
    >>> box = page.find(".//div")
    >>> [(b.text, b.kind) for b in with_dropped_between(box, body, Story(body))][1:4]
    [('The vote', 'heading'), ('It voted for the bridge.', 'para'), ('Cost: low', 'list')]
    """
    if box is None or not blocks:
        return blocks
    ancestors = list(islice(box.iterancestors(), REGION))
    region = ancestors[-1] if ancestors else box
    printed = {block.text for block in blocks}
    body: _Body | None = None
    inserts: dict[int, list[Block]] = {}
    taken: dict[etree._Element, int] = {}  # what goes back, and where
    for element in reversed(list(region.iter(*HEADINGS, *_LISTS))):
        if element.tag in _LISTS:
            if any(a.tag == "li" for a in element.iterancestors()) or _CARDS(element):
                continue  # a list inside a list, or of lists, pictures or headed cards
            lines = [visible_text(item) for item in element.iter("li")]
            kind: BlockKind = "list"
        else:
            lines = visible_text(element, lines=True).split("\n")
            kind = "heading"
        lines = [line for line in lines if line]
        if not lines or any(line in printed for line in lines):
            continue  # (the quick test: trafilatura kept it as printed)
        if hidden_by_class(element) or mostly_links(element):
            continue
        after = _holder_after(element)
        if after is None:
            continue
        body = body or _Body(blocks)
        keys = [text_key(line) for line in lines]
        if any(body.find(key) is not None for key in [*keys, "".join(keys)] if key):
            continue  # trafilatura kept it, or a line of it
        following = _following(after, taken, body)
        if not following:  # (not found, or the body's first block: nothing before it)
            continue
        before = cast("list[etree._Element]", _PARAGRAPH_BEFORE(element))
        preceding = body.find(text_key(visible_text(before[0]))) if before else None
        if (
            preceding is None
            or preceding >= following
            or any(blocks[i].kind != "heading" for i in range(preceding + 1, following))
            or story.outside(element)
        ):
            continue
        taken[element] = following
        inserts[following] = [*(Block(line, kind) for line in lines), *inserts.get(following, ())]
    if not inserts:
        return blocks
    result: list[Block] = []
    for i, block in enumerate(blocks):
        result.extend(inserts.get(i, ()))
        result.append(block)
    return result


def _holder_after(element: etree._Element) -> etree._Element | None:
    """The element that holds the first text after ``element``."""
    found = cast("list[etree._ElementUnicodeResult]", _TEXT_AFTER(element))
    if not found:
        return None
    text = found[0]
    holder = text.getparent()
    if holder is not None and text.is_tail:
        holder = holder.getparent()
    return holder


def _following(holder: etree._Element, taken: dict[etree._Element, int], body: _Body) -> int | None:
    """The body block a text's holder starts: a paragraph of the body, or a heading or list that
    goes back (then the block it goes before)."""
    for element in (holder, *holder.iterancestors()):
        if element in taken:
            return taken[element]
        if element.tag == "p":
            return body.find(text_key(visible_text(element)))
    return None
