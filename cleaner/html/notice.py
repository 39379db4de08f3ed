"""The story's copyright notice: the page's own notice ('© 2026 Publisher. All rights
reserved.'), printed under the story or in the page's footer, else the JSON-LD's
``copyrightNotice`` or ``copyrightHolder`` and ``copyrightYear``. A photo credit ('© Getty
Images' in a figure or beside an image) is the caption's credit, never the story's copyright.
"""

from __future__ import annotations

import lxml.html
import regex
from lxml import etree

from ..blocks import Found
from ..lexicon import COPYRIGHT_MARKS, COPYRIGHT_SIGNS, RIGHTS_RESERVED
from ..pattern_cache import compile_cached
from .jsonld import LinkedData
from .tree import COPYRIGHT_MARK, Story, element_query, visible_text

#: The copyright marks a footer's notice opens with, as printed: '©', '(c)', 'Copyright'.
_OPENERS = tuple(m if m in COPYRIGHT_SIGNS else m.capitalize() for m in COPYRIGHT_MARKS)
#: Elements that may hold the notice: marked 'copyright', or in a footer with text that opens
#: with a copyright mark.
_FOOTER_OPENED = (
    "//footer//*["
    + " or ".join(f"starts-with(normalize-space(text()), '{mark}')" for mark in _OPENERS)
    + "]"
)
_MARKED = f"//body//*[contains(@class, '{COPYRIGHT_MARK}') or contains(@id, '{COPYRIGHT_MARK}')]"
_CANDIDATES = element_query(f"{_MARKED} | {_FOOTER_OPENED}")
#: Of the candidates, those in a footer opening with a mark (the marked ones :func:`marked`
#: finds on its walk: the XPath's ``//body//*`` test of every element was 0.67 ms a tuning page,
#: this one 0.14 ms).
_IN_FOOTER_OPENED = element_query(_FOOTER_OPENED)
#: The text matching is the lexicon's (the ``wire.copyright`` rule names the same lists):
#: a mark (a word mark a whole word), a sign, a reservation of rights.
_MARK = compile_cached(r"(?i)(?:(?<!\w)|(?!\w))\L<marks>(?:(?<!\w)|(?!\w))", marks=COPYRIGHT_MARKS)
_SIGN = compile_cached(r"(?i)\L<signs>", signs=COPYRIGHT_SIGNS)
_YEAR = compile_cached(r"\b(?:19|20)\d\d\b")
_RESERVED = compile_cached(r"(?i)\L<reserved>", reserved=RIGHTS_RESERVED)
#: The footer's links after a notice: '© 2025 Site Privacy Policy Terms of Use'.
_LINKS = compile_cached(
    r"(?i)\s*[|·•]?\s+(?:privacy|terms|impressum|datenschutz|cookie|sitemap|kontakt|contact|"
    r"about\s+us|powered\s+by)\b.*$",
    regex.DOTALL,
)
#: A space the page's markup put before a comma or stop ('Vox Media</a>, LLC').
_SPACE_BEFORE = compile_cached(r"\s+([,.;:])")
#: What is not the holder's name in a notice: the marks, years, the reservation of rights (in
#: any of the lexicon's languages: '© 2011-2018. Alle Rechte vorbehalten.' names no holder, as
#: '© 2025 All rights reserved.' does not).
_NOT_HOLDER = compile_cached(
    r"(?i)\L<marks>|\L<reserved>|[^\p{L}]", marks=COPYRIGHT_MARKS, reserved=RIGHTS_RESERVED
)
#: Marks of an image, its caption or credit: a notice there is a photo credit.
_IMAGE = compile_cached(
    r"(?i)image|img|photo|foto|bild|picture|caption|credit|figure|gallery|video|slide"
)
_IMAGE_TAGS = frozenset(("figure", "figcaption", "picture", "img", "video"))
_FOOTER = compile_cached(r"(?i)footer")
#: Ancestors looked at for an image's marks (an image's box is near its credit).
_NEAR = 3
#: A notice is this long at most, in characters.
_NOTICE_MAX = 240


def copyright_notice(
    tree: lxml.html.HtmlElement,
    story: Story,
    linked: LinkedData,
    marked_notices: list[etree._Element] | None = None,
) -> Found | None:
    """The story's copyright notice: one printed with the story first ('story'), then the
    footer's ('footer'), then the JSON-LD's ('json-ld'). ``marked_notices``: the elements
    whose class or id marks a notice, as :func:`cleaner.html.tree.marked` collects them from
    ``tree`` (else they are looked for here)."""
    root = tree.getroottree().getroot()
    if marked_notices is None or tree is not root or next(root.itersiblings(), None) is not None:
        return _notice_among(list(_CANDIDATES(tree)), [], story, linked)
    marked = [
        element
        for element in marked_notices
        if any(node.tag == "body" for node in element.iterancestors())
    ]
    return _notice_among(marked, _IN_FOOTER_OPENED(tree), story, linked)


def _notice_among(
    marked: list[etree._Element],
    footer_opened: list[etree._Element],
    story: Story,
    linked: LinkedData,
) -> Found | None:
    """:func:`copyright_notice` among its candidates: ``marked`` (or all of them), in page
    order, and ``footer_opened``, the footer's elements opening with a mark, in page order.
    The story's notice can only be a marked one (the others are in a footer); the footer's
    is the first in page order of either list."""
    in_footer: etree._Element | None = None
    footer_text: str | None = None
    for element in marked:
        footer = _in_footer(element)
        if _beside_image(element, footer):
            continue
        text = _notice(visible_text(element), page_level=footer)
        if not text:
            continue
        if not footer and not story.outside(element):
            return Found(text, "story")
        if footer and in_footer is None:
            in_footer, footer_text = element, text
    for element in footer_opened:
        if in_footer is not None and not _precedes(element, in_footer):
            break
        if _beside_image(element, True):
            continue
        text = _notice(visible_text(element), page_level=True)
        if text:
            footer_text = text
            break
    if footer_text:
        return Found(footer_text, "footer")
    linked_notice = _linked_notice(linked)
    return Found(linked_notice, "json-ld") if linked_notice else None


def _precedes(first: etree._Element, second: etree._Element) -> bool:
    """Whether ``first`` comes before ``second`` in page order (of one tree): an element comes
    before what it holds."""
    down_first = [first, *first.iterancestors()][::-1]
    down_second = [second, *second.iterancestors()][::-1]
    for i, (one, other) in enumerate(zip(down_first, down_second, strict=False)):
        if one is not other:
            parent = down_first[i - 1]
            return parent.index(one) < parent.index(other)
    return len(down_first) < len(down_second)


def _notice(text: str, *, page_level: bool) -> str | None:
    """The notice in an element's text, from its copyright mark to its 'All rights reserved'
    (or the links after it). It needs a year or 'rights reserved', or, in the footer, the sign
    '©' ('© junge Welt'): a photo credit has neither year nor reservation ('© Aton',
    '© stock.adobe.com/maryia'), a link 'Copyright Notice' no sign."""
    mark = _MARK.search(text)
    if not mark:
        return None
    text = text[mark.start() :]
    reserved = _RESERVED.search(text)
    if reserved:  # what follows 'All rights reserved.' is the footer's links
        text = text[: reserved.end() + text[reserved.end() :].startswith(".")]
    else:
        text = _LINKS.sub("", text.split(" | ")[0])
    text = _SPACE_BEFORE.sub(r"\1", text).strip(" |·•,-")
    if len(text) > _NOTICE_MAX or len(_NOT_HOLDER.sub("", text)) < 2:
        return None  # a paragraph, or a bare 'Copyright' with no holder
    dated = _YEAR.search(text) or _RESERVED.search(text)
    if not dated and (not page_level or not _SIGN.search(text)):
        return None  # 'Copyright Notice', a link; '© Aton' under the story, a photo credit
    return text


def _beside_image(element: etree._Element, footer: bool) -> bool:
    """Whether the element is an image's credit: in a figure, a picture or a caption, in a box
    marked as an image's, or next to an image (outside the footer, whose logo is no photo)."""
    for i, node in enumerate((element, *element.iterancestors())):
        if i > _NEAR or node.tag in ("body", "footer"):
            return False
        marks = f"{node.get('class') or ''} {node.get('id') or ''}"
        if node.tag in _IMAGE_TAGS or _IMAGE.search(marks):
            return True
        if i == 1 and not footer and any(child.tag in _IMAGE_TAGS for child in node.iter()):
            return True
    return False


def _in_footer(element: etree._Element) -> bool:
    return any(
        node.tag == "footer" or _FOOTER.search(f"{node.get('class') or ''} {node.get('id') or ''}")
        for node in (element, *element.iterancestors())
    )


def _linked_notice(linked: LinkedData) -> str | None:
    """'© 2026 Publisher' from the JSON-LD's notice, or its holder and year."""
    if linked.copyright_notice:
        return linked.copyright_notice
    if not linked.copyright_holder:
        return None
    year = linked.copyright_year
    return f"© {year} {linked.copyright_holder}" if year else f"© {linked.copyright_holder}"
