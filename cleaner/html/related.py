"""Lines that send the reader to another story: a read-also label and a link's headline.

Pages set links to their other stories between a story's paragraphs under a label of their
language ('Les også: …', 'À lire aussi …', 'Lesen Sie auch …', 'Noticia relacionada'), on one
line with the link's headline or alone over a list of such links; trafilatura keeps them when
they sit in the story's box. A line is judged one when it is such a label and the rest of it
is the text of a link on the page (no colon needed: the link is the evidence), or the label
alone. (The lines after a label alone are left to the rules: taking those that are each a
link's whole text with it cost a wcxb-dev validation page 0.949 -> 0.839, a list its gold
keeps.)
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import cast

from lxml import etree

from ..blocks import Block, is_story_paragraph
from ..lexicon import text_key
from ..pattern_cache import compile_cached
from .judged import blocks_printing
from .tree import visible_text

#: The pass id of such a line.
PASS_ID = "core.related-link"
#: Read-also labels, at the start of a line, in the languages of the development corpora and
#: their neighbours.
_LABEL = compile_cached(
    r"""(?ix)^(?:
    (?:read|see)\s+also|also\s+(?:read|see)|read\s+more|related(?:\s+(?:stories|story|articles?|
    news|coverage|reading|links?))?|more\s+on\s+(?:this|that)(?:\s+(?:story|topic))?|
    lesen\s+sie\s+(?:auch|mehr)|auch\s+interessant|ebenfalls\s+interessant|mehr\s+zum\s+thema|
    mehr\s+themen|weitere\s+artikel|passend\s+(?:zum|dazu)(?:\s+thema)?|
    das\s+könnte\s+sie\s+(?:auch\s+)?interessieren|
    les\s+også|les\s+mer|se\s+også|læs\s+også|læs\s+mere|läs\s+också|läs\s+mer|
    lees\s+ook|lees\s+meer|
    (?:à\s+|a\s+)?lire\s+aussi|(?:à\s+)?voir\s+aussi|sur\s+le\s+même\s+sujet|
    noticias?\s+relacionadas?|lea\s+también|lee\s+también|(?:te|le)\s+puede\s+interesar|
    leggi\s+anche|potrebbe\s+interessarti|leia\s+também|veja\s+também|
    czytaj\s+(?:też|także|więcej)|przeczytaj\s+(?:też|także)|
    читайте\s+(?:также|також)|čtěte\s+(?:také|též)|ilgili\s+haberler?|
    関連記事|관련\s?기사
    )"""
)
#: What may stand between the label and the headline.
_SEPARATOR = compile_cached(r"^[\s:：|>»›→–—-]*")
#: The label alone: perhaps naming where ('Mehr Themen auf VOGUE.de:'), perhaps a colon.
_ALONE = compile_cached(r"(?i)^(?:\s+(?:auf|on|at|from|på|sur|en|von|bei)\s+\S{2,40})?\s*[:：.…]?$")


def related_links(blocks: list[Block], tree: etree._Element) -> tuple[tuple[int, str], ...]:
    """The body's read-also lines, as (index, :data:`PASS_ID`): a label (:data:`_LABEL`)
    followed by the whole text of a link on the page, or a label alone. Validation part:
    fundus-dev body F1 0.96766 -> 0.96808 (one page up, 0.814 -> 0.835: 'Les også:' links),
    wcxb-dev one page down by 0.0006 (a label alone its gold keeps), trafilatura-dev two
    `without` snippets more left out; tuning part: fundus-dev 4 pages of 4 sites up ('À lire
    aussi …', 'Auch interessant', 'Noticia relacionada', 'Mehr Themen auf VOGUE.de:'), none
    down; wcxb-dev one up ('Related Reading: …'), one down ('Related Resources:').

    >>> from lxml.html import document_fromstring
    >>> page = document_fromstring(
    ...     "<html><body><p>The council met.</p><p>Les også: <a href='/x'>Bridge opens</a></p>"
    ...     "</body></html>"
    ... )
    >>> related_links([Block("The council met."), Block("Les også: Bridge opens")], page)
    ((1, 'core.related-link'),)
    """
    labelled = [(i, m.end()) for i, b in enumerate(blocks) if (m := _LABEL.match(b.text))]
    if not labelled:
        return ()
    links = _link_texts(tree)
    judged: dict[int, str] = {}
    for i, end in labelled:
        rest = blocks[i].text[end:]
        if _ALONE.match(rest):
            judged[i] = PASS_ID
            continue
        if rest[:1].isalnum():  # a word goes on: 'Related' in 'Relatedly …'
            continue
        headline = text_key(_SEPARATOR.sub("", rest))
        if headline and headline in links:
            judged[i] = PASS_ID
    return tuple(sorted(judged.items()))


def _link_texts(tree: etree._Element) -> set[str]:
    """The keys of the texts of the page's links."""
    return {key for key in _keys(tree.iter("a")) if key}


def _keys(elements: Iterable[etree._Element]) -> Iterable[str]:
    for element in elements:
        yield text_key(visible_text(element))


#: The pass id of another story's teaser printed inside a link.
TEASER_ID = "core.linked-teaser"
#: Paragraphs printed inside a link (a card: the whole teaser one link).
_LINKED_PARAGRAPHS = etree.XPath("//a//p")


def linked_teasers(blocks: list[Block], tree: etree._Element) -> tuple[tuple[int, str], ...]:
    """The body's lines that a paragraph inside a link prints and that read as a story's
    paragraph (:func:`cleaner.blocks.is_story_paragraph`: another story's excerpt on a teaser
    card, the whole card one link), as (index, :data:`TEASER_ID`); nothing when that would
    take half the body or more. A story's own paragraph is never one link: no gold line of
    the tuning part (fundus-dev, wcxb-dev) is such a paragraph. Tuning part: fundus-dev
    0.97135 -> 0.97547 (one page, Taipei Times' four teaser cards after the story, 0.665 ->
    0.982), wcxb-dev unchanged; validation part: wcxb-dev one page up (0.845 -> 0.847),
    fundus-dev and trafilatura-dev unchanged.

    >>> from lxml.html import document_fromstring
    >>> excerpt = (
    ...     "Officials said on Monday that the new ferry across the river would run every "
    ...     "hour of the day, all year."
    ... )
    >>> page = document_fromstring(f"<html><body><a href='/f'><p>{excerpt}</p></a></body></html>")
    >>> linked_teasers([Block("The council met."), Block("It voted."), Block(excerpt)], page)
    ((2, 'core.linked-teaser'),)
    """
    keys: set[str] = set()
    for paragraph in cast("list[etree._Element]", _LINKED_PARAGRAPHS(tree)):
        text = visible_text(paragraph)
        if is_story_paragraph(text):
            keys.add(text_key(text))
    return blocks_printing(blocks, keys, TEASER_ID)
