"""The date printed under the page's headline ('21.01.2022 - 13:30', 'Updated Mar 12, 2020',
'Friday, December 19, 2025'): the date the reader is shown, which the page's meta tags (what
htmldate reads first) may not give — an older first version's, a template's, a print
edition's.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex
from lxml import etree

from ..fields import parse_date

#: The texts read after the headline, in document order (an element's own text, not its tail).
#: The byline and date box sits within them on the pages where this date was right.
_TEXTS = 15
#: A text longer than this is a sentence, not a date line.
_LINE_MAX = 80
#: A numeric date with a slash whose day and month could each be the other ('03/05/2022'):
#: pages print both orders (a Peruvian page 'Actualizado el 08/05/2022', a US page
#: '03/01/2017'); such a date is not read (tuning part 4 pages wrong, 1 right with it).
_AMBIGUOUS = regex.compile(r"\b(\d{1,2})/(\d{1,2})/\d{2,4}\b")
_NO_TEXT = ("noscript", "template")


def headline_date(tree: etree._Element) -> str | None:
    """The first date among the first texts after the page's first ``<h1>`` (each at most
    :data:`_LINE_MAX` characters), as ``YYYY-MM-DD``; scripts and styles must be gone.

    Tuning part, where it differs from htmldate's (the cleaner's) date: right on 29 pages of 29
    sites (trafilatura-dev 10, wcxb-dev 19), the cleaner's right on 14 (wcxb-dev 13: an update
    stamp where the gold is the first date, a related post's date; readability-dev 1), both
    wrong on 1."""
    h1 = next(tree.iter("h1"), None)
    if h1 is None:
        return None
    texts: list[str] = []
    for element in _following(h1):
        text = (element.text or "").strip()
        if text:
            texts.append(text)
            if len(texts) >= _TEXTS:
                break
    for text in texts:
        if len(text) > _LINE_MAX or _ambiguous(text):
            continue
        found = parse_date(text)
        if found:
            return found
    return None


def _following(h1: etree._Element) -> Iterator[etree._Element]:
    """The elements after ``h1`` in document order (its own descendants first), but those
    inside ``noscript`` and ``template``."""
    started = False
    for element in h1.getroottree().getroot().iter():
        if element is h1:
            started = True
        elif started and isinstance(element.tag, str) and not _hidden(element):
            yield element


def _hidden(element: etree._Element) -> bool:
    return element.tag in _NO_TEXT or any(a.tag in _NO_TEXT for a in element.iterancestors())


def _ambiguous(text: str) -> bool:
    found = _AMBIGUOUS.search(text)
    return found is not None and int(found[1]) <= 12 and int(found[2]) <= 12
