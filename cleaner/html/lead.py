"""The story's opening as the page prints it: a lead paragraph trafilatura skipped, and the
summary a news page prints under its headline (its description words it).

A subtitle printed as a second heading under the headline (a standfirst) that trafilatura
took into the body stays there: fundus-dev's gold body holds the summary, trafilatura-dev's
snippets want it kept, and the contract loses no text of the story. Dropping it (as this
module did until issue 8) lost, on the tuning part, fundus-dev body F1 0.967 -> 0.965 and
trafilatura-dev with-snippets 96.0% -> 95.7%, and gained nothing on any corpus; the text
was in neither the body nor ``removed``.
"""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

from ..blocks import Block
from ..lexicon import ends_sentence, text_key
from ..pattern_cache import compile_cached
from .tree import CANDIDATES, Story, hidden_by_class, visible_text

#: A lead paragraph is this long, in characters.
_LEAD_CHARS = (40, 1200)
#: An overlay's intro is no lead ('age-popup__intro': once on the tuning part).
_OVERLAY = compile_cached(r"(?i)popup|modal|overlay|cookie|newsletter")
#: The lead paragraph a page prints above the story's body, which trafilatura may skip: the
#: class names publishers give it in English, Czech and Slovak (perex), German, French, Spanish.
#: On the tuning part a lead was put back on 15 pages (perex: 1) of four corpora.
_LEAD_TOKEN = compile_cached(
    r"(?i)^(?:[\w-]*[_-])?(?:perex|lead|lede|intro|anrisstext|chapeau|entradilla|bajada)$"
)


def with_lead(blocks: list[Block], marked: list[etree._Element], story: Story) -> list[Block]:
    """The page's lead paragraph ('perex', 'intro', 'lead') before the body, when trafilatura
    left it out."""
    h1 = next((i for i, element in enumerate(marked) if element.tag == "h1"), -1)
    for element in marked[h1 + 1 : h1 + 1 + CANDIDATES]:
        classes = element.get("class") or ""
        if (
            element.tag in ("h1", "figcaption")
            or not any(_LEAD_TOKEN.match(token) for token in classes.split())
            or _OVERLAY.search(classes)
        ):
            continue
        text = visible_text(element)
        if not _LEAD_CHARS[0] <= len(text) <= _LEAD_CHARS[1] or not ends_sentence(text):
            continue
        if story.outside(element) or hidden_by_class(element):
            # a box the page hides: a sign-in wall's intro ('identity-intro' in
            # 'article-content__sign-in-group hidden'), fundus-dev's two Postmedia sites of the
            # tuning part; no lead of the tuning part is hidden
            continue
        key = text_key(text)
        if any(key in text_key(block.text) or text_key(block.text) in key for block in blocks[:8]):
            return blocks  # already there
        return [Block(text, "para"), *blocks]
    return blocks


#: The meta tags that hold the page's summary of its story.
_DESCRIPTIONS = ("description", "og:description", "twitter:description")
#: How many elements after the headline are looked at for the printed summary.
_AFTER_HEADLINE = 300
#: The characters of a text's key (:func:`~cleaner.lexicon.text_key`: no spaces nor
#: punctuation) an element's own first text must share with a description's to be read whole.
_OPENING = 12


def with_described_lead(
    blocks: list[Block],
    tree: etree._Element,
    h1s: list[etree._Element],
    story: Story,
    *,
    typed_news: bool,
) -> list[Block]:
    """The summary a news page prints under its headline, before the body, when trafilatura
    left it out and the page's description (meta ``description``, ``og:description``,
    ``twitter:description``) words it: the first element after the first h1 whose text is the
    description, opens it or is opened by it (the shorter holding four fifths of the longer
    at least), shown and not in page furniture. Only on a page typed a NewsArticle (its
    JSON-LD, ``typed_news``, or its microdata): fundus-dev's gold body opens with the summary
    (the element was in its gold on about 20 of 23 tuning pages), wcxb-dev's leaves a dek
    out (26 of 29), and most of those are blogs' and guides' excerpts.

    Tuning part: fundus-dev body F1 0.97542 -> 0.97855 (19 pages changed, 16 up, 3 down by
    at most 0.006), wcxb-dev 0.95827 -> 0.95802 (10 pages down, all typed NewsArticle; on
    every page 0.95776), trafilatura-dev with/without 94.0% -> 94.1%. Validation part:
    fundus-dev 0.96808 -> 0.97194 (11 pages up, none down; on every page 0.97258, 13 up),
    wcxb-dev 0.93664 -> 0.93656 (1 up, 4 down; on every page 0.93607, 21 down),
    trafilatura-dev with/without 92.2% -> 92.3%.
    """
    wanted = _descriptions(tree)
    if not wanted or not h1s or not (typed_news or _news_microdata(h1s[0])):
        return blocks
    openings = {key[:_OPENING] for key in wanted}
    for seen, element in enumerate(_after(h1s[0])):
        if seen == _AFTER_HEADLINE:
            break
        own = element.text
        if not own or own.isspace():
            continue
        head = text_key(own.lstrip()[: _OPENING * 3])[:_OPENING]
        if not head or not any(opening.startswith(head) for opening in openings):
            continue
        text = visible_text(element)
        key = text_key(text)
        if not _LEAD_CHARS[0] <= len(text) <= _LEAD_CHARS[1] or not any(
            _words_as(key, description) for description in wanted
        ):
            continue
        if story.outside(element) or hidden_by_class(element):
            return blocks
        if any(key in text_key(block.text) or text_key(block.text) in key for block in blocks[:8]):
            return blocks  # already there
        return [Block(text, "para"), *blocks]
    return blocks


def _descriptions(tree: etree._Element) -> set[str]:
    """The keys of the page's descriptions long enough to be a lead (about 30 characters of
    key to a lead's 40 printed)."""
    keys: set[str] = set()
    for element in tree.iter("meta"):
        name = element.get("name") or element.get("property")
        if name and name.lower() in _DESCRIPTIONS:
            key = text_key(element.get("content") or "")
            if len(key) >= _LEAD_CHARS[0] * 3 // 4:
                keys.add(key)
    return keys


def _news_microdata(h1: etree._Element) -> bool:
    """Whether the page's microdata types the headline's element, or a box around it, a
    NewsArticle (or a kind of one)."""
    return any(
        (node.get("itemtype") or "").rstrip("/").endswith("NewsArticle")
        for node in (h1, *h1.iterancestors())
    )


def _after(element: etree._Element) -> Iterator[etree._Element]:
    """The elements after ``element`` in document order, its own descendants aside."""
    node: etree._Element | None = element
    while node is not None:
        for sibling in node.itersiblings():
            yield from (e for e in sibling.iter() if isinstance(e.tag, str))
        node = node.getparent()


def _words_as(key: str, description: str) -> bool:
    """Whether one of two keys opens the other and holds four fifths of it at least."""
    shorter, longer = sorted((key, description), key=len)
    return longer.startswith(shorter) and len(shorter) * 5 >= len(longer) * 4
