"""What the page prints in a box that opens over it or beside a word: a modal, a popup, a
tooltip, a lightbox or a sign-up form.

trafilatura keeps the text of such boxes when they sit in the story's box (a 'see what you
could earn' modal, a newsletter sign-up form, a cookie dialog, the tooltips of a table's
cells, an author card's hover box); no part of the story is printed there, unless the box
holds the story itself (a page that opens its story in a modal).
"""

from __future__ import annotations

from lxml import etree

from ..blocks import Block
from ..lexicon import text_key
from .judged import blocks_printing
from .tree import Story, visible_text

#: The pass id of a block the page prints in such a box.
PASS_ID = "core.overlay"


def overlay_chrome(
    blocks: list[Block], overlays: list[etree._Element], story: Story
) -> tuple[tuple[int, str], ...]:
    """The body's blocks the page prints as a line of their own in one of ``overlays`` (the
    boxes :func:`cleaner.html.tree.marked` found, in page order) that does not hold the story,
    as (index, :data:`PASS_ID`). Nothing when the story's paragraphs cannot be told (no probe
    to test a box with), or when that would take half the body or more.

    >>> from lxml.html import fragment_fromstring
    >>> modal = fragment_fromstring("<div class='modal'><p>Sign up today</p></div>")
    >>> story = Story([Block("The council met on Tuesday to vote on the bridge over the river.")])
    >>> body = [Block("The council met."), Block("Sign up today"), Block("It voted.")]
    >>> overlay_chrome(body, [modal], story)
    ((1, 'core.overlay'),)
    """
    if not overlays or not story.probes:
        return ()
    lines: set[str] = set()
    read: set[etree._Element] = set()
    for element in overlays:
        if any(a in read for a in element.iterancestors()) or story.holds(element):
            continue
        read.add(element)
        for line in visible_text(element, lines=True).split("\n"):
            key = text_key(line)
            if key:
                lines.add(key)
    return blocks_printing(blocks, lines, PASS_ID)
