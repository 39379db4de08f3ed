"""The story's section headings, lists and paragraphs that trafilatura dropped, put back
between its paragraphs.

trafilatura sometimes keeps a story's paragraphs and leaves out the headings or lists between
them (its baseline, when its main extractor gives up, takes paragraphs only; a page whose
headings or points sit in other boxes than its paragraphs, a product's pros and cons), or a
run of its text in a box of another kind (a folding FAQ's questions and answers). A heading, a
list or a story paragraph the page prints between two paragraphs that follow each other in the
body, with the second one right after it (or after others that go back), is the story's own:
it goes back in its place, as heading, list or paragraph blocks (the rules then judge them as
any: 'Table of Contents', 'Related posts' …).
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import islice
from typing import cast

from lxml import etree

from ..blocks import STORY_WORDS, Block, BlockKind, is_story_paragraph
from ..lexicon import text_key
from ..page_url import host_of
from ..pattern_cache import compile_cached
from .tree import Story, hidden_by_class, mostly_links, texts, visible_text

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
#: The paragraphs with text before an element looked at, at most (the nearest first).
_PARAGRAPHS_BEFORE = 30
#: XPath's white space, all that ``normalize-space()`` strips (not a no-break space).
_XML_SPACE = " \t\n\r"
#: Prose elements looked at besides headings and lists: paragraphs that read as a story's
#: (:func:`cleaner.blocks.is_story_paragraph`), and the questions of a folding FAQ
#: (``<details>``'s ``<summary>``, put back as headings). Validation part, against headings and
#: lists alone: wcxb-dev body F1 0.93584 -> 0.93630 (4 pages up by 0.03-0.06, none down; with
#: the hop past a heading in :func:`_following`), fundus-dev unchanged; tuning part wcxb-dev
#: 0.95772 -> 0.95786 (3 up, a FAQ of six questions 0.905 -> 0.964; 2 down by 0.01-0.02: an
#: author's bio and a paragraph the gold leaves out), fundus-dev unchanged.
_PROSE = ("p", "summary")
#: A paragraph inside these is not looked at alone (its list, heading, figure, quote or table
#: is the element that goes back, or stays out).
_NOT_PROSE = ("li", *HEADINGS, "h1", "figure", "figcaption", "blockquote", "table")
#: A box that stands in for an embedded post until the reader consents to its provider (a
#: consent notice: 'Ich bin damit einverstanden, dass mir externe Inhalte angezeigt werden …'),
#: no part of the story, by its class or id ('js-embed-consent', 'embed-consent',
#: 'gdpr-placeholder'; not 'cmp', which Adobe's components print on whole stories: a wcxb-dev
#: page 0.972 -> 0.903 with it). Validation part: Die Zeit's notice, a paragraph between
#: two of the story's, went back with story paragraphs (fundus-dev page 0.988 -> 0.951); the
#: tuning part puts back no paragraph from such a box.
_CONSENT_BOX = compile_cached(r"(?i)consent|gdpr")
#: The elements that go back as headings (an element inside another is not looked at alone).
_HEADING_TAGS = frozenset((*HEADINGS, "summary"))


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
    box: etree._Element | None, blocks: list[Block], story: Story, url: str | None = None
) -> list[Block]:
    """The blocks with the section headings, lists and paragraphs trafilatura dropped between
    two of the story's paragraphs put back before the second one; ``box``: the story's box on
    the page (:func:`cleaner.html.rejoin.story_box`).

    A heading (``h2`` to ``h6``, a FAQ's ``<summary>``), a list (not in a list, holding no
    list, picture or heading) or a story paragraph (:data:`_PROSE`) near the story's box (under
    its :data:`REGION`-th ancestor) goes back when none of its lines or items is in the body,
    it is not mostly links (but a heading linking to no other page of ``url``'s site, a list
    linking only to other sites: :func:`_linked_but_own`), not
    hidden by its class and not in page furniture, the first text
    after it is a paragraph or heading of the body (or an element that goes back before one:
    headings in a row, a heading over its list, a FAQ's questions and answers; past one
    heading that does neither) and the paragraph before it is the body's block before that one
    (or only headings stand between them; paragraphs that go back are passed over).

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
    body = _Body(blocks)
    site = _site_name(url)
    candidates: list[tuple[etree._Element, list[str], BlockKind]] = []
    for element in region.iter(*HEADINGS, *_LISTS, *_PROSE):
        dropped = _unprinted(element, printed, body)
        # (a paragraph's last tests now, since the paragraphs that go back are passed over in
        # finding the one before an element; a heading's or a list's once its place is found)
        if dropped and (element.tag != "p" or _left_out(element, *dropped, body, site)):
            candidates.append((element, *dropped))
    prose = {element for element, _, kind in candidates if element.tag == "p"}
    inserts: dict[int, list[Block]] = {}
    taken: dict[etree._Element, int] = {}  # what goes back, and where
    for element, lines, kind in reversed(candidates):
        after = _holder_after(element)
        if after is None:
            continue
        following = _following(after, taken, body)
        if not following:  # (not found, or the body's first block: nothing before it)
            continue
        before = _paragraph_before(element, prose)
        preceding = body.find(text_key(visible_text(before))) if before is not None else None
        if (
            preceding is None
            or preceding >= following
            or any(blocks[i].kind != "heading" for i in range(preceding + 1, following))
            or story.outside(element)
            or (element.tag != "p" and not _left_out(element, lines, kind, body, site))
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


def _unprinted(
    element: etree._Element, printed: set[str], body: _Body
) -> tuple[list[str], BlockKind] | None:
    """An element's lines and their kind when it may be one trafilatura dropped (the quick
    tests: none of its lines printed in the body as they stand), else None; whether it is one
    is :func:`_left_out`'s to tell. (Of 1,118 elements with lines on the 60 tuning pages that
    ``count_html_instructions.py`` counts, 732 end here; of the 309 that pass both, 223 fall
    to the tests of their place, which are cheaper than :func:`_left_out`: a heading's or a
    list's is asked after those.)"""
    kind: BlockKind
    if element.tag in _LISTS:
        if any(a.tag == "li" for a in element.iterancestors()) or _CARDS(element):
            return None  # a list inside a list, or of lists, pictures or headed cards
        lines = [visible_text(item) for item in element.iter("li")]
        kind = "list"
    elif element.tag == "p":
        # (quick tests first: most paragraphs are the body's, or short)
        pieces = cast("list[str]", list(element.itertext()))
        if len(" ".join(pieces).split()) < STORY_WORDS:
            return None
        raw = "".join(pieces)
        if " ".join(raw.split()) in printed or text_key(raw) in body.exact:
            return None
        if any(a.tag in _NOT_PROSE for a in element.iterancestors()):
            return None
        text = visible_text(element)
        if not is_story_paragraph(text):
            return None
        lines, kind = [text], "para"
    else:
        if any(a.tag in _HEADING_TAGS for a in element.iterancestors()):
            return None  # (a FAQ's question set as a heading: the ``<summary>`` goes back)
        lines = visible_text(element, lines=True).split("\n")
        kind = "heading"
    lines = [line for line in lines if line]
    if not lines or any(line in printed for line in lines):
        return None  # (the quick test: trafilatura kept it as printed)
    return lines, kind


def _left_out(
    element: etree._Element, lines: list[str], kind: BlockKind, body: _Body, site: str | None
) -> bool:
    """Whether an element that passed :func:`_unprinted` is one trafilatura dropped: not
    hidden by class, not mostly links (but see :func:`_linked_but_own`), none of its lines
    in the body under its key."""
    if hidden_by_class(element) or _in_consent_box(element):
        return False
    if mostly_links(element) and not _linked_but_own(element, kind, site):
        return False
    keys = [text_key(line) for line in lines]
    # (trafilatura kept it, or a line of it)
    return not any(body.find(key) is not None for key in [*keys, "".join(keys)] if key)


def _links_to_site(heading: etree._Element, site: str | None) -> bool:
    """Whether a heading (mostly links) links to another page of the page's own site
    (``site``: its name, :func:`_site_name`): a relative address, or one
    whose host names the site — another of its stories' headline, a teaser. A heading linking
    to its own section ('#what-is-n8n'), with a named anchor only (``<a name>``), or to another
    site (a listicle's products, 'Fluke 117' linked to a shop) is the story's own heading.

    wcxb-dev, body F1 against every heading mostly links left out (main before): any such
    heading put back gave tuning 0.95792 -> 0.95821 (3 pages up, a list of products' linked
    names 0.885 -> 0.990; 2 down: a gold that leaves section headings out, a promotion's
    heading) and validation 0.93631 -> 0.93638 (4 up, 2 down: NPR's headlines of other stories
    set between the paragraphs 1.000 -> 0.986, and a listicle's names linked to the site's own
    pages, which that gold leaves out); with the headings linking within the site left out,
    tuning 0.95792 -> 0.95821 (3 up, 1 down, as above) and validation 0.93631 -> 0.93641 (3
    up: section headings linked to themselves 0.885 -> 0.905, named anchors 0.972 -> 0.984;
    none down).
    """
    for link in (*heading.iterancestors("a"), *heading.iter("a")):
        href = (link.get("href") or "").strip()
        if not href or href.startswith(("#", "javascript:", "mailto:", "tel:")):
            continue
        if "//" not in href or site is None or _site_name(href) == site:
            return True  # (the page's address unknown: no link can be told to lead off it)
    return False


#: Second-level names under a country's code that are no site's own ('bbc.co.uk', 'abc.net.au').
_SECOND_LEVEL = frozenset(("co", "com", "net", "org", "gov", "ac", "edu", "ne", "or", "go"))


def _site_name(url: str | None) -> str | None:
    """The name a site's address gives it, the same for all its hosts and country domains:
    'https://www.bbc.co.uk/news' and 'http://bbc.com/x' → 'bbc'.

    >>> _site_name("https://www.bbc.co.uk/news"), _site_name("http://bbc.com/x"), _site_name(None)
    ('bbc', 'bbc', None)
    """
    parts = (host_of(url) or "").split(".")
    if len(parts) > 2 and len(parts[-1]) == 2 and parts[-2] in _SECOND_LEVEL:
        return parts[-3]
    return parts[-2] if len(parts) > 1 else None


def _linked_but_own(element: etree._Element, kind: BlockKind, site: str | None) -> bool:
    """Whether an element that is mostly links is the story's own all the same: a heading
    that links to no other page of the page's site (:func:`_links_to_site`), a list whose
    every link leads to another site (:func:`_links_off_site`); a paragraph never."""
    if kind == "heading":
        return not _links_to_site(element, site)
    return kind == "list" and _links_off_site(element, site)


def _links_off_site(element: etree._Element, site: str | None) -> bool:
    """Whether every link of an element leads to another site than the page's (``site``): a
    list of the tools, apps or sources a story names, each linked to its maker ('Headspace',
    'Buddhify' …) — not a table of contents ('#…') nor a list of the site's own stories.

    wcxb-dev, body F1 against every list mostly links left out (headings as in
    :func:`_links_to_site`): tuning 0.95821 -> 0.95827 (5 pages up, one down by 0.004: a
    promotion's list of courses on another domain), validation +0.00018 (3 pages up, a list of
    58 certifications 0.887 -> 0.928; one down by 0.001). Any list mostly links (a table of
    contents too): tuning +0.00001 (a table of contents 0.991 -> 0.978).
    """
    hrefs = [(link.get("href") or "").strip() for link in element.iter("a")]
    hrefs = [href for href in hrefs if not href.startswith(("javascript:", "mailto:", "tel:"))]
    return (
        site is not None
        and bool(hrefs)
        and all("//" in href and _site_name(href) not in (site, None) for href in hrefs)
    )


def _in_consent_box(element: etree._Element) -> bool:
    """Whether an element sits in an embed's consent placeholder (:data:`_CONSENT_BOX`)."""
    for node in (element, *element.iterancestors()):
        marks = (node.get("class") or "") + " " + (node.get("id") or "")
        if marks.strip() and _CONSENT_BOX.search(marks):
            return True
    return False


def _paragraph_before(
    element: etree._Element, dropped: set[etree._Element]
) -> etree._Element | None:
    """The nearest paragraph with text before an element that is not itself one that goes back
    (a run of dropped paragraphs: the one before the run)."""
    # (XPath's preceding::p[normalize-space()][position() <= 30], nearest first, walked only
    # as far as needed: libxml2 collects the whole axis, the page before the element)
    looked = 0
    node: etree._Element | None = element
    while node is not None:
        for sibling in node.itersiblings(preceding=True):
            for paragraph in reversed(list(sibling.iter("p"))):
                if not any(text.strip(_XML_SPACE) for text in texts(paragraph)):
                    continue
                if paragraph not in dropped:
                    return paragraph
                looked += 1
                if looked == _PARAGRAPHS_BEFORE:
                    return None
        node = node.getparent()
    return None


def _holder_after(element: etree._Element) -> etree._Element | None:
    """The element that holds the first text after ``element`` (XPath's
    ``following::text()[normalize-space()][1]``, its parent, or its parent's parent for a
    tail), walked only as far as that text."""
    node: etree._Element | None = element
    while node is not None:
        if node.tail and node.tail.strip(_XML_SPACE):
            return node.getparent()
        for sibling in node.itersiblings():
            walked = cast(
                "Iterator[tuple[str, etree._Element]]",
                etree.iterwalk(sibling, events=("start", "end")),
            )
            for event, later in walked:
                if event == "start":
                    if isinstance(later.tag, str) and later.text and later.text.strip(_XML_SPACE):
                        return later
                elif later.tail and later.tail.strip(_XML_SPACE):
                    return later.getparent()
        node = node.getparent()
    return None


def _following(
    holder: etree._Element, taken: dict[etree._Element, int], body: _Body, hops: int = 1
) -> int | None:
    """The body block a text's holder starts: a paragraph or a heading of the body, or a
    heading or list that goes back (then the block it goes before); past a heading that is in
    neither, the block after it (``hops`` such headings at most: 'About the author' over the
    closing bio)."""
    for element in (holder, *holder.iterancestors()):
        if element in taken:
            return taken[element]
        if element.tag == "p":
            return body.find(text_key(visible_text(element)))
        if element.tag in HEADINGS:
            found = body.find(text_key(visible_text(element)))
            if found is not None or not hops:
                return found
            after = _holder_after(element)
            return None if after is None else _following(after, taken, body, hops - 1)
    return None
