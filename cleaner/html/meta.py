"""The page's metadata from the raw page: the printed byline, merged with what the meta tags
and the JSON-LD gave, as found (the people in them are read once, by
:mod:`cleaner.page_fields`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from itertools import islice
from typing import Any

import regex
from lxml import etree

from ..blocks import Block, Found, PageMeta
from ..fields import authors_from_byline, is_single_name, knows_given_name
from ..lexicon import BYLINE_OPENERS, NAMED_LISTS, WEEKDAYS, text_key
from ..normalize import normalize_line
from ..pattern_cache import compile_cached
from .jsonld import LinkedData
from .tree import (
    CANDIDATES,
    DocumentText,
    Story,
    element_query,
    following_elements,
    norm,
    paragraph_starting,
    short_visible_text,
    visible_text,
)

#: Longest text a byline element may have to count as one.
_BYLINE_MAX = 160

_BYLINE_MARK = compile_cached(r"(?i)byline|author")
#: The byline's own line is looked for among this many first blocks.
_BYLINE_TOP = 12
#: What follows the names in a byline box: the date, the time, an update stamp ('… at 11:15
#: AM', '… on Monday': tuning part no author changed, 2 wcxb-dev bodies with less chrome;
#: validation part 1 author more right, wcxb-dev, none lost).
_BYLINE_TAIL = compile_cached(
    r"(?i)(?:\s+|\s*[|,•·]\s*)(?:(?:at|on)\s+)?"
    r"(?:\d{1,2}:\d\d|\L<weekdays>[a-z]*\b|\L<months>[a-z]*\.?\s+\d{1,2}|"
    r"\d{1,2}[./]\d{1,2}[./]\d{2,4}|\d{4}-\d\d-\d\d|updated|published|posted\s+(?:on|at)|"
    r"last\s+updated|aktualisiert|veröffentlicht|\d+\s+(?:min|hours?|days?|stunden|minuten)\b"
    r")\b.*$",
    regex.DOTALL,
    # English weekdays only: a name may be another language's weekday ('Plácido Domingo')
    weekdays=[word for names in WEEKDAYS["en"] for word in names.split()],
    months=NAMED_LISTS["months"],
)
#: What marks an element as no byline though 'byline' or 'author' is in its marks: a bio, an
#: avatar, a comment, a related story, a caption ('cutline-byline-container': a caption whose
#: sentence gave a person when parted on 'en'; no page of either part changed with it).
_NOT_BYLINE = compile_cached(
    r"(?i)bio\b|bio[-_]|avatar|image|img|photo|comment|about|related|cutline|caption"
)
#: Parts of a byline element that are not the byline: the writer's job title, links to follow.
_BYLINE_EXTRAS = compile_cached(r"(?i)title|role|job|position|social|follow|twitter|date|time")
_BY_ALONE = compile_cached(
    r"(?i)(?:(?:written|posted|words|text)\s+)?\L<by>\s*:?", by=BYLINE_OPENERS
)
_BY_START = compile_cached(r"(?i)(?:(?:written|posted|words|text)\s+)?\L<by>\b", by=BYLINE_OPENERS)
#: A byline printed as a label ('Autor: Klausmartin Friedrich', 'Author: …', 'Text: …'),
#: taken under the story's last paragraph (:func:`closing_byline`): tuning part 1 page more
#: right (trafilatura-dev), none lost; validation part: no page changed. Under the headline it
#: took 1 page of the tuning part from the gold (a printed name over the user name the gold
#: gives, wcxb-dev), none more right: not done there.
_LABEL_START = compile_cached(
    r"(?i)(?:autor(?:in|en)?|authors?|auteur(?:e|s)?|autore|text|texte|words)\s*:\s*(?=\p{Lu})"
    # Chinese pages close the story with its editor ('【纠错】 责任编辑： 焦鹏', '(作者：…)'):
    # tuning part 1 page more right (trafilatura-dev), none lost; validation part unchanged
    r"|[(（]?(?:【[^】]{0,8}】\s*)?(?:责任编辑|编辑|作者|记者)\s*[:：]\s*(?=\p{Lo})"
)
#: Another label after the name on the same line ('… Tags: 1907, …', '… Foto: …').
_NEXT_LABEL = compile_cached(r"\s+\p{Lu}\p{L}+:\s.*$", regex.DOTALL)
#: The date first, the name after it: 'Posted on September 21, 2020 by Adi Tzlil' (the stock
#: WordPress byline), '06.11.2023 13:30 von Olga'.
_DATE_THEN_BY = compile_cached(
    r"(?i)^(?:(?:posted|published|updated|veröffentlicht)\b[^\n]{0,60}?)?\d[^\n]{0,60}?"
    r"\s(?=\L<by>\s+\p{Lu})",
    by=BYLINE_OPENERS,
)
#: A description after the name: "By Alex Heath, a deputy editor and author of …".
_APPOSITIVE = compile_cached(r",\s+(?:a|an|the|who|our)\s.*$", regex.DOTALL)
# ---------------------------------------------------------------- byline, headline, metadata


def raw_byline(marked: list[etree._Element], story: Story) -> str | None:
    """The byline as the page prints it: the first element marked as the author's that names
    a person, looking first after the headline."""
    h1 = next((i for i, element in enumerate(marked) if element.tag == "h1"), -1)
    candidates = [
        element
        for element in marked[h1 + 1 :] + marked[: max(h1, 0)]
        if element.tag not in ("h1", "figcaption")
        and _BYLINE_MARK.search(
            " ".join(
                element.get(a) or ""
                for a in ("class", "id", "rel", "itemprop", "data-testid", "data-component")
            )
        )
    ]
    for strict in (True, False):
        for element in candidates[:CANDIDATES]:
            marks = " ".join(element.get(a) or "" for a in ("class", "id", "itemprop"))
            if _NOT_BYLINE.search(marks):
                continue
            if strict and story.outside(element):
                continue
            if not strict and "author" not in (element.get("itemprop") or "") + (
                element.get("rel") or ""
            ):
                continue  # outside the story, only an element marked up as the author counts
            text = _byline_text(element)
            if text:
                label = _label_before(element)
                return f"{label} {text}" if label and not _BY_START.match(text) else text
    return None


#: An unmarked byline ('By <a>Sofia Gonzalez</a>') is looked for among this many elements
#: after the headline.
_AFTER_HEADLINE = 30


def _under_headline(
    h1s: list[etree._Element], title: str | None
) -> Iterator[tuple[etree._Element, str]]:
    """The elements after the ``h1`` that is the story's title whose visible text is at most
    ``_BYLINE_MAX`` characters, with that text, up to the story's first long paragraph (a
    byline after it is another's): where a page prints its byline without marking it up."""
    key = text_key(title or "")
    headline = next((h1 for h1 in h1s if key and text_key(visible_text(h1)) == key), None)
    if headline is None:
        return
    for element in following_elements(headline, _AFTER_HEADLINE):
        # (a long element is not read to its end: the story's box, read whole, was 5% of the
        # cleaner's time on a page)
        text = short_visible_text(element, _BYLINE_MAX)
        if text is None:
            if element.tag == "p":
                return  # the story's text has begun
            continue
        yield element, text


def unmarked_byline(
    h1s: list[etree._Element], title: str | None, story: Story, *, handle: bool = False
) -> str | None:
    """A byline the page prints under its headline without marking it up: the first short
    element after the ``h1`` that is the story's title and before the story's first paragraph,
    opening with 'By' ('Von', 'Par' …) and naming a person; with ``handle``, the user name of
    such a line instead ('von Olga', 'by ibby')."""
    for element, text in _under_headline(h1s, title):
        if len(text) > _BYLINE_MAX or story.outside(element):
            continue
        if not _BY_START.match(text) and not _DATE_THEN_BY.match(text):
            continue
        line = _handle(text) if handle else _byline_text(element)
        if line:
            return line
    return None


#: A date as a blog prints it beside its writer's name: '2025-12-17', '17.12.2025', 'Dec 17,
#: 2025', '17. Dezember 2025'.
_PRINTED_DATE = (
    r"(?:\d{4}-\d\d-\d\d|\d{1,2}[./]\d{1,2}[./]\d{2,4}"
    r"|\L<months>[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}"
    r"|\d{1,2}\.?\s+\L<months>[a-z]*\.?,?\s+\d{4})"
)
#: A line of a date and a name set apart by a dot or a bar, either first ('2025-12-17 · Trond
#: Teigen', 'Jane Roe | March 3, 2024'), more after it allowed ('… · 5 min read').
_DATED_NAME = compile_cached(
    rf"(?i)^(?:{_PRINTED_DATE}\s*[·•|–—-]\s*(?P<after>[^·•|]{{3,60}}?)"
    rf"|(?P<before>[^·•|]{{3,60}}?)\s*[·•|–—-]\s*{_PRINTED_DATE})(?:\s*[·•|–—-].*)?$",
    months=NAMED_LISTS["months"],
)


def dated_byline(h1s: list[etree._Element]) -> str | None:
    """A byline printed under the headline as a date and a name without 'By' ('2025-12-17 ·
    Trond Teigen'): the name of the first short element after the first h1, before the story's
    first long paragraph, that is such a line and names a person.

    The last resort, after :func:`author_link`. Tuning part: 1 page more right (wcxb-dev),
    none lost; validation part: 3 more right (trafilatura-dev 63.5 -> 64.8%), none lost."""
    if not h1s:
        return None
    for element in following_elements(h1s[0], _AFTER_HEADLINE):
        if len(element) > _DATED_CHILDREN or len(str(_all_text(element))) > _DATED_RAW_MAX:
            continue  # a box of many parts or much text (the story's), not a line
        text = visible_text(element)
        if element.tag == "p" and len(text) > _BYLINE_MAX:
            return None  # the story's text has begun
        found = _DATED_NAME.match(text) if len(text) <= _DATED_MAX else None
        if found:
            name = (found.group("after") or found.group("before")).strip()
            if authors_from_byline(name):
                return name
    return None


#: A date-and-name line is at most this long, in characters, and has at most this many child
#: elements (read cheaply: a box with more is not read through).
_DATED_MAX = 120
_DATED_CHILDREN = 8
#: Its raw text (hidden parts too) is at most this long: the cheap look before the reader's.
_DATED_RAW_MAX = 400
_all_text = etree.XPath("string()")


#: The story's closing byline ('Written by …' under its last paragraph) is looked for among
#: this many elements after that paragraph.
_AFTER_STORY = 40
_HEADINGS = ("h1", "h2", "h3")


def closing_byline(tree: etree._Element, blocks: list[Block], story: Story) -> str | None:
    """A byline printed after the story's last paragraph ('Written by Moses Kim and Kate
    Shokurova' in an author box): the first short element after it that opens with 'By'
    ('Written by', 'Von' …) or is labelled ('Autor: …', see _LABEL_START) and names a person,
    before any other long paragraph or heading.

    The last resort, after :func:`searched_byline`. Tuning part: 2 pages more right (two
    corpora), none lost; validation part: 1 page more right (wcxb-dev), none lost."""
    paras = [block.text for block in blocks if block.kind == "para" and len(block.text) >= 60]
    if not paras:
        return None
    last = paragraph_starting(tree, norm(paras[-1])[:40])
    if last is None:
        return None
    for element in following_elements(last, _AFTER_STORY):
        text = short_visible_text(element, _BYLINE_MAX)  # (None: longer)
        if (element.tag == "p" and text is None) or (element.tag in _HEADINGS and text != ""):
            return None  # another text has begun: a 'By' line after it is another's
        if text is None or story.outside(element):
            continue
        line = _labelled(text) or (_byline_text(element) if _BY_START.match(text) else None)
        if line:
            return line
    return None


def _labelled(text: str) -> str | None:
    """The name of a byline printed as a label ('Autor: Klausmartin Friedrich Tags: …' →
    'Klausmartin Friedrich'), when it names a person; else None."""
    label = _LABEL_START.match(text)
    if not label:
        return None
    line = _NEXT_LABEL.sub("", text[label.end() :]).strip(" ,|·•-–—)）")
    return line if len(line) <= _BYLINE_MAX and authors_from_byline(line) else None


def _handle(text: str) -> str | None:
    """The one-word name of a 'By' line ('06.11.2023 13:30 von Olga' → 'Olga'), or None."""
    line = _BYLINE_TAIL.sub("", _DATE_THEN_BY.sub("", text))
    opener = _BY_START.match(line)
    name = line[opener.end() :].strip(" :,|·•-–—") if opener else ""
    return name if is_single_name(name) else None


#: What marks an element as the author's for the last-resort search: the byline marks, and a
#: writer's, user's or submitter's name.
_SEARCH_MARK = compile_cached(
    r"(?i)byline|author|writer|screen-?name|user-?name|submitted-by|posted-by|journalist"
)
#: Buttons and form fields are no byline ('Folgen', 'Abbruch' in a follow-the-author box).
_FORM_TAGS = ("button", "input", "textarea", "select", "option", "label")
#: A name searched for is this long, in characters (trafilatura's bounds for its search).
_SEARCHED_CHARS = (3, 119)


def searched_byline(marked: list[etree._Element], story: Story) -> str | None:
    """The last resort when no byline names a person: the first element in the story's part of
    the page marked as the author's (class, id, rel, itemprop) that names a person or gives a
    user name ('eseppelt', 'rasos').

    This replaces trafilatura's own search (``extract_author``: a copy of the tree and its
    XPaths; 6.7 ms of CPU a page on 150 of wcxb-dev's tuning pages, against 1.5 ms for this
    look with the marking walk it shares with the byline) with a look at the elements already
    found, page furniture left out. Tuning part, against trafilatura's search: 6 pages more
    right (names from a sidebar's comments or a related story dropped: 'Martin', 'Ica'; a user
    name in a marked byline found: 'Daniel'), 4 lost ('Posted by BeauHD from the … dept.', a
    'Reviewed by' line, a name in the previous-story link, a forum's first poster)."""
    for element in marked:
        if element.tag in ("h1", "figcaption"):
            continue
        marks = " ".join(
            element.get(a) or ""
            for a in ("class", "id", "rel", "itemprop", "data-testid", "data-component")
        )
        if (
            element.tag in _FORM_TAGS
            or not _SEARCH_MARK.search(marks)
            or _NOT_BYLINE.search(marks)
            or _BYLINE_EXTRAS.search(marks)  # a follow button, the writer's job title
            or story.outside(element)
        ):
            continue
        text = visible_text(element, _BYLINE_EXTRAS)
        if not _SEARCHED_CHARS[0] <= len(text) <= _SEARCHED_CHARS[1]:
            continue
        line = _byline_text(element)
        if line:
            return line
        # the date and what follows it cut off first ('Posted by BeauHD on Friday December
        # 19, 2025 @08:00PM from the … dept.' → 'BeauHD'): tuning part 1 page more right
        # (wcxb-dev), none lost; validation part no page changed
        text = _BYLINE_TAIL.sub("", text)
        opener = _BY_START.match(text)
        name = text[opener.end() if opener else 0 :].strip(" :|·•-–—")
        if is_single_name(name):
            return name
    return None


#: A 'Written by' label alone in its element, the name in the next one ('<h2>Article written
#: by:</h2> … <h3>Doris Munoz-Mantilla, MD</h3>'). Only 'written by': on the tuning part a
#: bare 'By' or 'Author' label took a name from elsewhere (2 pages lost, none gained).
_WRITTEN_BY = compile_cached(r"(?i)(?:article\s+)?written\s+by\s*:?")
#: The elements whose own text says 'written by' (the label's element, found without reading
#: every element's text).
_WRITTEN_BY_WORDS = ("ritten by", "ritten By", "RITTEN BY")
_WRITTEN_BY_TEXT = element_query(
    "//*[text()[contains(., 'ritten by') or contains(., 'ritten By') or contains(., 'RITTEN BY')]]"
)
#: The name is looked for among this many elements after the label.
_AFTER_LABEL = 8
#: The name after such a label is at most this long, in characters.
_LABELLED_MAX = 80


def written_by_label(tree: etree._Element, page: DocumentText | None = None) -> str | None:
    """The name in the element after a 'Written by' label that stands alone (an author box
    under the story): the last resort, after :func:`dated_byline`. Tuning part: 1 page more
    right (wcxb-dev), none lost; validation part: wcxb-dev 1 more right, none lost."""
    if not _page_says(page or DocumentText(tree), _WRITTEN_BY_WORDS):
        return None
    for element in _WRITTEN_BY_TEXT(tree):
        if not _WRITTEN_BY.fullmatch(visible_text(element)):
            continue
        for following in following_elements(element, _AFTER_LABEL):
            name = visible_text(following)
            if name:
                return name if len(name) <= _LABELLED_MAX and authors_from_byline(name) else None
    return None


def _page_says(page: DocumentText, words: tuple[str, ...]) -> bool:
    """Whether one of ``words`` is in the page's text (every text of the document, hidden or
    not, joined): where none is, no element's own text holds one, and the query that finds
    those elements (a string copied for every text of the page) need not run."""
    text = page.text
    return any(word in text for word in words)


#: The label a page's share card puts before its writer's name (Yoast SEO's ``twitter:label1``
#: 'Written by', ``twitter:data1`` the name), in the languages Yoast ships.
_CARD_LABEL = compile_cached(
    r"(?i)written\s+by|geschrieben\s+von|verfasst\s+von|écrit\s+par|escrito\s+por|"
    r"scritto\s+da|geschreven\s+door|skrivet\s+av|skrevet\s+af|napisane\s+przez|escrit\s+per"
)
_CARD_PAIR = compile_cached(r"twitter:(label|data)(\d)")


def card_author(tree: etree._Element) -> str | None:
    """The writer a page's share card names ('<meta name="twitter:label1" content="Written
    by"> <meta name="twitter:data1" content="Jane Doe">', as WordPress's Yoast SEO writes it),
    when it names a person: the last resort, after :func:`written_by_label`. Tuning part: 1
    page more right (trafilatura-dev), none lost; validation part: 1 more right (wcxb-dev),
    none lost."""
    labels: dict[str, str] = {}
    data: dict[str, str] = {}
    for element in tree.iter("meta"):
        pair = _CARD_PAIR.fullmatch((element.get("name") or element.get("property") or "").lower())
        if pair:
            (labels if pair[1] == "label" else data)[pair[2]] = norm(element.get("content") or "")
    for number, label in sorted(labels.items()):
        name = data.get(number, "")
        if _CARD_LABEL.fullmatch(label) and name and len(name) <= _LABELLED_MAX:
            return name if authors_from_byline(name) else None
    return None


#: An element whose own text opens with 'Posted by' (a blog's stock line, 'Posted by David at
#: December 16, 2025 11:15 AM'), read without reading every element's text.
_POSTED_BY_WORDS = ("osted", "OSTED")
_POSTED_BY_TEXT = element_query("//*[text()[contains(., 'osted') or contains(., 'OSTED')]]")
_POSTED_BY = compile_cached(r"(?i)posted\s+by\b")


def posted_by_line(tree: etree._Element, page: DocumentText | None = None) -> str | None:
    """The name of a blog's 'Posted by …' line ('Posted by David at December 16, 2025 11:15
    AM' → 'David'; a person's name or a user name), the date and what follows it cut off: the
    first element whose own text opens with 'Posted by' and names someone, anywhere on the page
    (on the tuning and validation parts no such line named anyone on a page whose gold names no
    one; kept to the story's part, it lost 1 of the validation gains). The last resort, after
    :func:`card_author`. Tuning part: 1 page more right (wcxb-dev), none lost; validation
    part: 2 more right (wcxb-dev 77.3 -> 77.9%), none lost."""
    if not _page_says(page or DocumentText(tree), _POSTED_BY_WORDS):
        return None
    for element in _POSTED_BY_TEXT(tree):
        if not _POSTED_BY.match((element.text or "").strip()):
            continue
        text = visible_text(element)
        if len(text) > _SEARCHED_CHARS[1]:
            continue
        line = _BYLINE_TAIL.sub("", text)
        opener = _BY_START.match(line)
        name = line[opener.end() if opener else 0 :].strip(" :|·•-–—")
        if authors_from_byline(name) or is_single_name(name):
            return name
    return None


#: A name printed alone under the headline is at most this long, in characters.
_ALONE_MAX = 60
_IN_CAPTION = element_query("ancestor-or-self::*[self::figure or self::figcaption]")


def name_under_headline(h1s: list[etree._Element], title: str | None, story: Story) -> str | None:
    """A writer's name printed alone under the headline with no mark-up and no 'By': the
    whole text of the first short element after the ``h1`` that is the story's title, before
    the story's first long paragraph and outside captions and furniture, when it is one
    person's name holding a given name the list knows (:func:`knows_given_name`: the person
    test alone takes 'Google Cloud' and 'Learn Hub' for names). The last resort, after
    :func:`posted_by_line`."""
    for element, text in _under_headline(h1s, title):
        if not 3 <= len(text) <= _ALONE_MAX or story.outside(element) or _IN_CAPTION(element):
            continue
        names = authors_from_byline(text)
        if len(names) == 1 and text_key(names[0]) == text_key(text):
            # unknown given names are not read; a name marked as a byline or an author's the
            # marked readers have judged ('author_short_bio': a bio, not a byline)
            known = knows_given_name(text) and not _marked_as_author(element)
            return text if known else None
    return None


#: A lone name in an element marked as a byline or an author's, or in one of this many of its
#: ancestors so marked, is not read by :func:`name_under_headline` ('author_short_bio').
_MARK_DEPTH = 4


def _marked_as_author(element: etree._Element) -> bool:
    """Whether the element or one of its nearest ancestors is marked as a byline or an
    author's: the marked readers have judged it."""
    for ancestor in (element, *islice(element.iterancestors(), _MARK_DEPTH)):
        marks = f"{ancestor.get('class') or ''} {ancestor.get('id') or ''}"
        if _BYLINE_MARK.search(marks):
            return True
    return False


#: A link to the author's page: a path segment 'author' ('/author/jane-doe/') or its
#: translation ('/autor/', '/auteur/': validation part 1 page changed, trafilatura-dev, neither
#: answer the gold's; tuning part none).
_AUTHOR_HREF = compile_cached(
    r"(?i)/(?:author|autor|autorin|auteur|autore|autores|forfatter)/[^/?#]"
)
#: A link's text is a name from this many characters to this many.
_LINK_CHARS = (3, 60)


def author_link(tree: etree._Element, story: Story) -> str | None:
    """The very last resort: the text of the first link to an author's page ('/author/…') in
    the story's part of the page (not a menu, an aside or a related story's teaser).

    Tuning part: 1 page more right (wcxb-dev: the writer's link over a label's other name),
    none lost ('/authors/' too lost 1, a topic page's contact); validation part: 5 more right
    (trafilatura-dev 62.7 -> 63.1%, wcxb-dev 74.6 -> 75.8%), none lost."""
    for link in tree.iter("a"):
        if not _AUTHOR_HREF.search(link.get("href") or "") or story.outside(link):
            continue
        text = visible_text(link)
        if _LINK_CHARS[0] <= len(text) <= _LINK_CHARS[1]:
            return text
    return None


def _byline_text(element: etree._Element) -> str | None:
    """The first line of the element that names a person, less dates and descriptions."""
    lines = _joined_on(visible_text(element, _BYLINE_EXTRAS, lines=True).split("\n"))
    listed = set()
    for i in range(len(lines) - 1):
        if _BY_ALONE.fullmatch(lines[i]):  # "By" on a line of its own, the name below it
            lines[i + 1] = f"{lines[i]} {lines[i + 1]}"
            listed.add(i + 1)
    for i, line in enumerate(lines):
        named = _named_line(line)
        if not named and (parted := _parted(element, line)) != line:
            named = _named_line(parted)
        if named and i in listed:
            # the co-authors listed under a "By" line of its own, a name (and a description)
            # on each line: 'Written by / Adrien Ramirez, 4+ years covering … / Joanna Nelius,
            # senior editor …'. Tuning part: 1 page more right (wcxb-dev), none lost;
            # validation part: no page changed.
            for more in lines[i + 1 :]:
                more_named = None if _BY_START.match(more) else _named_line(more)
                if not more_named:
                    break
                named = f"{named}; {more_named}"
        elif named and _bare_name(line):
            # co-authors one to a line, each a name alone ('<div class="author">Ann Lee</div>
            # <div class="author">Bo Kim</div>', a list of them): the first alone was taken
            # ('co-authors dropped', one of the held-out losses). No page of either
            # part changed; a line with a label or a role ('Reviewed by', 'Senior Writer')
            # ends the list
            for more in lines[i + 1 :]:
                if not _bare_name(more):
                    break
                named = f"{named}; {more}"
        if named:
            return _parted(element, named)
    return None


def _bare_name(line: str) -> bool:
    """Whether a line is one person's name and nothing more."""
    found = authors_from_byline(line)
    return len(found) == 1 and text_key(found[0]) == text_key(line)


#: A line that goes on with the byline's names above it: 'By <span>Jane Doe</span><br>and
#: <span>John Roe</span>' (the co-author after the break was dropped: 'co-authors dropped' is
#: one of the issue's held-out losses). No page of either part changed.
_GOES_ON = compile_cached(r"(?i)(?:and|&|und|et|y|og|och)\s+(?=\p{Lu})")


def _joined_on(lines: list[str]) -> list[str]:
    """The element's lines, a line that goes on with more names (:data:`_GOES_ON`) joined to
    the line above it."""
    joined: list[str] = []
    for line in lines:
        if joined and joined[-1] and _GOES_ON.match(line):
            joined[-1] = f"{joined[-1]} {line}"
        else:
            joined.append(line)
    return joined


#: Where co-authors may be printed as links or spans side by side in a byline.
_NAME_TAGS = ("a", "span", "li", "div")


def _parted(element: etree._Element, line: str) -> str:
    """A byline's line whose names are links or spans side by side with nothing between them
    (a style sheet draws the commas: '<a>Jane Doe</a><a>John Roe</a>' read as one person,
    'Jane Doe John Roe', or past five words as no one), parted into its names ('Jane Doe; John
    Roe'); else the line. No page of either part changed."""
    opener = _BY_START.match(line)
    start = opener.end() if opener else 0
    if len(line[start:].split()) < 4 or len(authors_from_byline(line)) > 1:
        return line
    names: list[str] = []
    taken: set[etree._Element] = set()
    for child in element.iterdescendants(*_NAME_TAGS):
        if any(parent in taken for parent in child.iterancestors()):
            continue
        text = visible_text(child)
        found = authors_from_byline(text) if 2 <= len(text.split()) <= 3 else ()
        if len(found) == 1 and text_key(found[0]) == text_key(text):
            names.append(text)
            taken.add(child)
    if len(names) >= 2 and text_key(" ".join(names)) == text_key(line[start:]):
        return f"{line[:start]} {'; '.join(names)}".strip()
    return line


#: A date opening a byline's line before the names ('Oct 30, 2025 Alex David, Sönke Hahn, and
#: Julian K. Arni'): its comma parted the first writer from his name ('2025 Alex David'), and
#: he was dropped.
_DATE_FIRST = compile_cached(
    rf"(?i)^{_PRINTED_DATE}\s*[·•|,–—-]?\s*(?=\p{{Lu}})", months=NAMED_LISTS["months"]
)


def _named_line(line: str) -> str | None:
    """A byline's line less its date and a description after the name, when it names a
    person."""
    line = _DATE_FIRST.sub("", _DATE_THEN_BY.sub("", line))
    line = _BYLINE_TAIL.sub("", _APPOSITIVE.sub("", line)).strip(" ,|·•-–—")
    return line if line and len(line) <= _BYLINE_MAX and authors_from_byline(line) else None


def _label_before(element: etree._Element) -> str | None:
    """'Par' in '<span>Par <span itemprop=author>Name</span></span>': the label before a name."""
    previous = element.getprevious()
    parent = element.getparent()
    text = previous.tail if previous is not None else (parent.text if parent is not None else "")
    text = norm(text or "")
    return text if text and _BY_ALONE.fullmatch(text) else None


def without_byline(blocks: list[Block], byline: str) -> list[Block]:
    """The byline's own line near the top of the body is taken out: it is in the byline field."""
    key = text_key(byline)
    names = {text_key(name) for name in authors_from_byline(byline)}
    return [
        block
        for i, block in enumerate(blocks)
        if i >= _BYLINE_TOP or (text_key(block.text) != key and text_key(block.text) not in names)
    ]


def author_names(authors: Iterable[Found]) -> list[str]:
    """The names the metadata's author fields give ('A; B', each part read as a byline)."""
    return [
        name
        for found in authors
        for part in found.text.split(";")
        for name in authors_from_byline(part) or ([part.strip()] if part.strip() else [])
    ]


def unprinted(names: list[str], tree: etree._Element) -> tuple[str, ...]:
    """The names of the metadata's author fields (:func:`author_names`) that the page prints
    nowhere in its body (hidden text counts as printed): a name is printed when
    its words follow each other in the page's text, punctuation aside ('Michael L Anderson'
    for the metadata's, printed 'Michael L. Anderson, PhD'; not 'Peter Amende' where a theme's
    credit says 'designed by Amende').

    >>> page = etree.fromstring("<html><body><p>By Ann Lee</p><p>Roe</p></body></html>")
    >>> unprinted(author_names((Found("Ann Lee; Tim Roe", "json-ld"),)), page)
    ('Tim Roe',)
    """
    body = tree.find("body") if names else None
    if body is None:
        return ()
    text = " ".join(map(str, body.itertext())).casefold()
    return tuple(dict.fromkeys(name for name in names if not _printed(name, text)))


def _printed(name: str, text: str) -> bool:
    r"""Whether the words of ``name`` follow each other, whole, in ``text`` (casefolded), with
    only what is no word between them (``(?<!\w)first\W+second…(?!\w)``, found where the first
    word is: a pattern compiled for each name took 1.3 ms; a name of no words is printed on a
    page of none)."""
    words = _WORD.findall(name.casefold())
    if not words:
        return _WORD.search(text) is None
    first = words[0]
    start = text.find(first)
    while start >= 0:
        if _words_from(text, start, words):
            return True
        start = text.find(first, start + 1)
    return False


def _words_from(text: str, start: int, words: list[str]) -> bool:
    """Whether ``words`` (each a run of word characters) are printed whole from ``start`` of
    ``text``, only no-word characters between them. (A word opens with a word character, so
    the run of no-word characters before it is all of them: nothing to try again.)"""
    if start and _WORD_CHAR.match(text, start - 1):
        return False
    end = start + len(words[0])
    for word in words[1:]:
        gap = _NO_WORD_RUN.match(text, end)
        if gap is None or not text.startswith(word, gap.end()):
            return False
        end = gap.end() + len(word)
    return _WORD_CHAR.match(text, end) is None


_WORD = compile_cached(r"\w+")
_WORD_CHAR = compile_cached(r"\w")
_NO_WORD_RUN = compile_cached(r"\W+")


def merge_meta(
    meta: PageMeta,
    found: dict[str, Any],
    linked: LinkedData,
    byline: Found | None,
    title: str | None,
    printed: str | None = None,
) -> PageMeta:
    """The page's metadata: the caller's first, then the page's JSON-LD, meta tags and dates,
    as found (parsed once, by :mod:`cleaner.page_fields`); ``printed``, the date printed under
    the headline (:func:`cleaner.html.headline_date.headline_date`), over htmldate's date."""
    date = found.get("date")
    source = _date_source(date, linked) if date else None
    if printed and printed != (date or "")[:10]:
        date, source = printed, "headline"
    # The JSON-LD's typed authors when it has any, else the meta tags'. Falling back to the
    # meta tags when the JSON-LD names no person took 1 page of the tuning part right but lost
    # 2 of fundus-dev's validation part: not done.
    if linked.persons or linked.organisations:
        author = Found("; ".join(linked.persons), "json-ld") if linked.persons else None
    else:
        author = Found(found["author"], "meta") if found.get("author") else None
    return replace(
        meta,
        title=meta.title or title,
        authors=meta.authors or ((author,) if author else ()),
        date=meta.date or (Found(date, source) if date and source else None),
        sitename=meta.sitename or clean_value(found.get("sitename")),
        byline=meta.byline or byline,
    )


def _date_source(date: str, linked: LinkedData) -> str:
    """'json-ld' when htmldate's date is the JSON-LD's ``datePublished``, else 'htmldate'."""
    published = linked.published or ""
    return "json-ld" if published[:10] == date[:10] else "htmldate"


def clean_value(value: str | None) -> str | None:
    """A metadata value normalized, or None when empty."""
    value = normalize_line(value) if value else None
    return value or None
