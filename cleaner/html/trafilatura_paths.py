"""Python stand-ins for trafilatura's costliest XPath expressions, used while the cleaner calls it.

trafilatura prunes and chooses the page's parts with XPath expressions whose regular-expression
tests (EXSLT ``re:test``) call back into Python once per element tested: on the tuning part they
were about a fifth of the cleaner's CPU a page. Each stand-in here gives the same elements in the
same order as the expression it stands for, by the same patterns (``re``, as lxml's ``re:test``
compiles them) over the same attribute values (an absent attribute is ''; of ``@id|@class``, the
one written first), so trafilatura's result is the same. A stand-in replaces an expression only
inside :func:`standing_in` (the cleaner's own calls: other users of trafilatura in the process keep
its expressions), and only where the expression's text is the one it was written for: another
version of trafilatura keeps whatever it has changed.
"""

from __future__ import annotations

import functools
import re
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from lxml import etree

Matcher = Callable[[etree._Element], list[etree._Element]]


def _first_of(
    element: etree._Element, first: str, one: str | None, second: str, two: str | None
) -> str:
    """The string value of ``@first|@second``, their values ``one`` and ``two`` given (None:
    absent): the attribute written first of the two, '' for neither."""
    if one is None:
        return two or ""
    if two is None:
        return one
    names = element.keys()
    return one if names.index(first) < names.index(second) else two


#: Attribute values whose test results are remembered, per pattern: a page repeats its classes
#: and trafilatura tests the same tree's copies several times.
_REMEMBERED = 4096


def _searcher(pattern: re.Pattern[str]) -> Callable[[str], bool]:
    """Whether ``pattern`` is found in a text, remembered by text."""

    @functools.lru_cache(maxsize=_REMEMBERED)
    def found(text: str) -> bool:
        return pattern.search(text) is not None

    return found


def _first_each_parent(found: Iterator[etree._Element]) -> list[etree._Element]:
    """Of the elements found (in document order), those no earlier sibling among them precedes:
    what ``.//*[test][1]`` selects (the first match among each element's children)."""
    parents: set[Any] = set()
    kept = []
    for element in found:
        parent = element.getparent()
        if parent not in parents:
            parents.add(parent)
            kept.append(element)
    return kept


_BLOCKS = ("div", "item", "list", "p", "section", "span")
_CONTENT = ("article", "div", "main", "section")

# REMOVE_COMMENTS_AND_LISTS_XPATH
_COMMENTS_ID = re.compile(r"^(?:[Cc]omment(?!ary)|comol|disqus_thread|dsq-comments)")
_COMMENTS_ID_OWN = re.compile(r"^(?:[Cc]omment(?!ary)|comol)")
_COMMENTS_CLASS = re.compile(r"^[Cc]omment(?!ary)|(?:article|post)-comments")
_comments_id, _comments_id_own = _searcher(_COMMENTS_ID), _searcher(_COMMENTS_ID_OWN)
_comments_class = _searcher(_COMMENTS_CLASS)


def _comments_and_lists(tree: etree._Element) -> list[etree._Element]:
    found = []
    for element in tree.iterdescendants("div", "list", "section", "details", "ol", "ul"):
        id_, class_ = element.get("id") or "", element.get("class") or ""
        if ((id_ and _comments_id(id_)) or (class_ and _comments_class(class_))) and (
            element.tag not in ("ol", "ul")
            or (id_ and _comments_id_own(id_))
            or (class_ and _comments_class(class_))
        ):
            found.append(element)
    return found


# RAW_TREE_PRUNE_XPATH
_APPENDED = re.compile(r"mvp-post-add-(?:box|wrap)|infinite-?scroll")
_APPENDED_POSTS = re.compile(r"mvp-post-add-(?:box|wrap)")
_appended, _appended_posts = _searcher(_APPENDED), _searcher(_APPENDED_POSTS)


def _appended_articles(tree: etree._Element) -> list[etree._Element]:
    found = []
    for element in tree.iterdescendants("div", "section", "aside"):
        id_, class_ = element.get("id") or "", element.get("class") or ""
        if ((id_ and _appended(id_)) or (class_ and _appended(class_))) and (
            next(element.iterdescendants("h1"), None) is None
            or (id_ and _appended_posts(id_))
            or (class_ and _appended_posts(class_))
        ):
            found.append(element)
    return found


def _share_buttons(tree: etree._Element) -> list[etree._Element]:
    return [
        element
        for element in tree.iterdescendants("div", "section", "aside")
        if "elementor-share-buttons" in (element.get("class") or "")
    ]


# OVERALL_DISCARD_XPATH
_DISCARD_ID = re.compile(
    r"^shar|social|viral|newsletter|syndication|tags|sidebar|banner|bread-?crumb|button|author|"
    r"^(?:jp-|dpsp-content)|bmdh|footer|Footer|share|Share|nav|Nav|menu|related|"
    r"message-container|premium|^ad-"
)
_DISCARD_CLASS = re.compile(
    r"^shar|social|viral|newsletter|syndication|tags|sidebar|banner|bread-?crumb|button|author|"
    r"^(?:nav|post-nav|ZendeskForm)|subnav|avigation|navbar|navbox|menu|bar| ad |-ad-|"
    r"(?:^| )ad-|dfp[Aa]d|outbrain|taboola|criteo|paid-?content|widget|footer|Footer|byline|"
    r"Byline|share-|sociable|embedded|embed|tag-list|consent|modal-content|permission|elated|"
    r"next-|-stories|most-popular|more-on|meta|rating|attachment|timestamp|user-info|"
    r"user-profile|-icon|article-infos|message-container|slide|viewport|overlay|options|"
    r"expand|obfuscated|blurred|mol-factbox|yin|zlylin|nfoline"
)
_discard_id, _discard_class = _searcher(_DISCARD_ID), _searcher(_DISCARD_CLASS)


def _boilerplate(tree: etree._Element) -> list[etree._Element]:
    found = []
    for element in tree.iterdescendants(*_BLOCKS):
        if not element.keys():  # (every test reads an attribute)
            continue
        get = element.get
        id_, class_ = get("id"), get("class")
        if (
            get("data-lp-replacement-content") is not None
            or "nav" in (get("role") or "").replace("N", "n")
            or "MostPopularStories" in (get("data-component") or "")
            or "cookie" in _first_of(element, "id", id_, "class", class_)
            or (id_ and _discard_id(id_))
            or (class_ and _discard_class(class_))
        ):
            found.append(element)
    return found


_HIDDEN_ID = re.compile(r"reader-comments|akismet")
_HIDDEN_CLASS = re.compile(
    r"^hide-|comments-title|nocomments|-reply-|message|akismet|suggest-links|-hide-|"
    r"hide-print| hidden| hide|noprint|notloaded"
)
_hidden_id, _hidden_class = _searcher(_HIDDEN_ID), _searcher(_HIDDEN_CLASS)
#: The attributes the hidden-element expression reads: an element with none of them is not found.
_HIDDEN_ATTRIBUTES = frozenset({"id", "class", "style", "aria-hidden"})


def _hidden(tree: etree._Element) -> list[etree._Element]:
    found = []
    for element in tree.iterdescendants(tag=etree.Element):
        names = element.keys()
        if not names or _HIDDEN_ATTRIBUTES.isdisjoint(names):
            continue
        get = element.get
        id_, class_, style = get("id"), get("class"), get("style")
        if (
            class_ == "comments-title"
            or _first_of(element, "id", id_, "class", class_).startswith("reply-")
            or "hidden" in _first_of(element, "id", id_, "style", style)
            or (style and ("display:none" in style or "display: none" in style))
            or (id_ and _hidden_id(id_))
            or (class_ and _hidden_class(class_))
            or get("aria-hidden") == "true"
        ):
            found.append(element)
    return found


# TEASER_DISCARD_XPATH, DISCARD_IMAGE_ELEMENTS
_T = str.maketrans("T", "t")


def _teasers(tree: etree._Element) -> list[etree._Element]:
    return [
        element
        for element in tree.iterdescendants(*_BLOCKS)
        if "teaser" in (element.get("id") or "").translate(_T)
        or "teaser" in (element.get("class") or "").translate(_T)
    ]


def _captions(tree: etree._Element) -> list[etree._Element]:
    return [
        element
        for element in tree.iterdescendants(*_BLOCKS)
        if "caption" in (element.get("id") or "") or "caption" in (element.get("class") or "")
    ]


# BODY_XPATH, the first, third and fourth
_BODY_ID = re.compile(
    r"(?:entry|article|art)-content|article__content|article(?:-|__)?body|articleBody|body-text"
)
_BODY_CLASS = re.compile(
    r"post[-_]text|post-body|post-?entry|post[-_]?content|postContent|post_inner_wrapper|"
    r"article-?text|articleText|(?:entry|page|text|article|art)-content|article__content|"
    r"article(?:-|__)?body|articleBody|ArticleContent|body-text|article__container"
)
_body_id, _body_class = _searcher(_BODY_ID), _searcher(_BODY_CLASS)


def _article_body(tree: etree._Element) -> list[etree._Element]:
    return _first_each_parent(
        element
        for element in tree.iterdescendants(*_CONTENT)
        if element.keys()  # (every test reads an attribute)
        and (
            element.get("class") in ("post", "entry")
            or element.get("itemprop") == "articleBody"
            or element.get("id") == "articleContent"
            or _body_id(element.get("id") or "")
            or _body_class(element.get("class") or "")
        )
    )


_STORY_ID = re.compile(r"^primary|story-body")
_STORY_FULLTEXT = re.compile(r"fulltext", re.IGNORECASE)
_STORY_CLASS = re.compile(
    r"^article |post-bodycopy|story-?content|(?:theme|blog|section|single)-content|single-post|"
    r"main-column|wpb_text_column|story-body|field-body"
)
_STORY_CLASSES = ("postarea", "art-postcontent", "text", "cell", "story")
_story_id, _story_fulltext = _searcher(_STORY_ID), _searcher(_STORY_FULLTEXT)
_story_class = _searcher(_STORY_CLASS)


def _story(tree: etree._Element) -> list[etree._Element]:
    for element in tree.iterdescendants(*_CONTENT):
        if not element.keys():  # (every test reads an attribute)
            continue
        class_ = element.get("class") or ""
        if (
            element.get("role") == "article"
            or element.get("id") in ("article", "story")
            or element.get("class") in _STORY_CLASSES
            or _story_id(element.get("id") or "")
            or _story_fulltext(class_)
            or _story_class(class_)
        ):
            return [element]
    return []


_CONTENT_ID = re.compile(r"content-main|content-body|contentBody")
_CONTENT_CLASS = re.compile(r"content[-_]main|content(?:-|__)body")
_CM = str.maketrans("CM", "cm")
_CP = str.maketrans("CP", "cp")
_content_id, _content_class = _searcher(_CONTENT_ID), _searcher(_CONTENT_CLASS)


def _content(tree: etree._Element) -> list[etree._Element]:
    for element in tree.iterdescendants(*_CONTENT):
        if not element.keys():  # (every test reads an attribute)
            continue
        id_, class_ = element.get("id") or "", element.get("class") or ""
        if (
            element.get("id") == "content"
            or element.get("class") == "content"
            or _content_id(id_)
            or _content_class(class_)
            or "main-content" in id_.translate(_CM)
            or "main-content" in class_.translate(_CM)
            or "page-content" in class_.translate(_CP)
        ):
            return [element]
    return []


# BASIC_CLEAN_XPATH (trafilatura.baseline: its clean-up before a page's text is measured)
_CONSENT = re.compile(
    r"cookie[-_]?(?:banner|bar|consent|law|notice|policy|description)|notice[-_]{0,2}cookie|"
    r"consent[-_]?(?:banner|manager|sdk)|borlabs|cookiebot|cmplz|onetrust|moove[-_]?gdpr",
    re.IGNORECASE,
)
_consent = _searcher(_CONSENT)
_BASIC_TAGS = frozenset({"aside", "fencedframe", "footer", "script", "style", "svg", "template"})


def _basic_clean(tree: etree._Element) -> list[etree._Element]:
    found = []
    for element in tree.iterdescendants(tag=etree.Element):
        if element.tag in _BASIC_TAGS:
            found.append(element)
            continue
        get = element.get
        class_, id_ = get("class"), get("id")
        if class_ is None and id_ is None:
            continue
        if (
            (element.tag == "div" and "footer" in _first_of(element, "class", class_, "id", id_))
            or (class_ and _consent(class_))
            or (id_ and _consent(id_))
        ):
            found.append(element)
    return found


class _StandIn:
    """A matcher in an XPath's place: called as the XPath is, printed as it is (trafilatura logs
    an expression's text)."""

    def __init__(self, path: str, matcher: Matcher) -> None:
        self.path = path
        self.matcher = matcher

    def __call__(self, tree: etree._Element) -> list[etree._Element]:
        return self.matcher(tree)

    def __str__(self) -> str:
        return self.path


def _normal(path: str) -> str:
    return " ".join(path.split())


#: Each stand-in by the text of the expression it stands for (runs of white space as one).
STAND_INS: dict[str, Matcher] = {
    _normal(path): matcher
    for path, matcher in (
        (
            """.//*[self::div or self::list or self::section or self::details or self::ol or
            self::ul][ re:test(@id, '^(?:[Cc]omment(?!ary)|comol|disqus_thread|dsq-comments)') or
            re:test(@class, '^[Cc]omment(?!ary)|(?:article|post)-comments')][ not(self::ol or
            self::ul) or re:test(@id, '^(?:[Cc]omment(?!ary)|comol)') or re:test(@class,
            '^[Cc]omment(?!ary)|(?:article|post)-comments')]""",
            _comments_and_lists,
        ),
        (
            """.//*[self::div or self::section or self::aside][ re:test(@id,
            'mvp-post-add-(?:box|wrap)|infinite-?scroll') or re:test(@class,
            'mvp-post-add-(?:box|wrap)|infinite-?scroll')][ not(.//h1) or re:test(@id,
            'mvp-post-add-(?:box|wrap)') or re:test(@class, 'mvp-post-add-(?:box|wrap)')]""",
            _appended_articles,
        ),
        (
            """.//*[self::div or self::section or self::aside][contains(@class,
            'elementor-share-buttons')]""",
            _share_buttons,
        ),
        (
            f""".//*[self::div or self::item or self::list or self::p or self::section or
            self::span][ @data-lp-replacement-content or contains(translate(@role, 'N', 'n'),
            'nav') or contains(@data-component, 'MostPopularStories') or re:test(@id|@class,
            'cookie') or re:test(@id, '{_DISCARD_ID.pattern}') or re:test(@class,
            '{_DISCARD_CLASS.pattern}')]""",
            _boilerplate,
        ),
        (
            f""".//*[@class='comments-title' or starts-with(@id|@class, 'reply-') or
            re:test(@id|@style, 'hidden') or contains(@style, 'display:none') or
            contains(@style, 'display: none') or re:test(@id, '{_HIDDEN_ID.pattern}') or
            re:test(@class, '{_HIDDEN_CLASS.pattern}') or @aria-hidden='true']""",
            _hidden,
        ),
        (
            """.//*[self::div or self::item or self::list or self::p or self::section or
            self::span][ contains(translate(@id, 'T', 't'), 'teaser') or
            contains(translate(@class, 'T', 't'), 'teaser')]""",
            _teasers,
        ),
        (
            """.//*[self::div or self::item or self::list or self::p or self::section or
            self::span][ contains(@id, 'caption') or contains(@class, 'caption')]""",
            _captions,
        ),
        (
            f""".//*[self::article or self::div or self::main or self::section][
            @class='post' or @class='entry' or @itemprop='articleBody' or @id='articleContent' or
            re:test(@id, '{_BODY_ID.pattern}') or re:test(@class, '{_BODY_CLASS.pattern}') ][1]""",
            _article_body,
        ),
        (
            f"""(.//*[self::article or self::div or self::main or self::section][
            @role='article' or @id='article' or @id='story' or @class='postarea' or
            @class='art-postcontent' or @class='text' or @class='cell' or @class='story' or
            re:test(@id, '{_STORY_ID.pattern}') or re:test(@class, 'fulltext', 'i') or
            re:test(@class, '{_STORY_CLASS.pattern}') ])[1]""",
            _story,
        ),
        (
            f"""(.//*[self::article or self::div or self::main or self::section][ @id='content'
            or @class='content' or re:test(@id, '{_CONTENT_ID.pattern}') or re:test(@class,
            '{_CONTENT_CLASS.pattern}') or contains(translate(@id, 'CM','cm'), 'main-content') or
            contains(translate(@class, 'CM','cm'), 'main-content') or
            contains(translate(@class, 'CP','cp'), 'page-content') ])[1]""",
            _content,
        ),
        (
            ".//aside|.//div[contains(@class|@id, 'footer')]|.//fencedframe|.//footer|.//script"
            f"|.//style|.//svg|.//template|.//*[re:test(@class, '{_CONSENT.pattern}', 'i') or"
            f" re:test(@id, '{_CONSENT.pattern}', 'i')]",
            _basic_clean,
        ),
    )
}

#: trafilatura's modules and the names in them of the expressions (or lists of expressions).
_PLACES = (
    ("trafilatura.xpaths", "REMOVE_COMMENTS_AND_LISTS_XPATH"),
    ("trafilatura.xpaths", "RAW_TREE_PRUNE_XPATH"),
    ("trafilatura.xpaths", "OVERALL_DISCARD_XPATH"),
    ("trafilatura.xpaths", "TEASER_DISCARD_XPATH"),
    ("trafilatura.xpaths", "DISCARD_IMAGE_ELEMENTS"),
    ("trafilatura.xpaths", "BODY_XPATH"),
    ("trafilatura.baseline", "BASIC_CLEAN_XPATH"),
)

_LOCK = threading.Lock()
#: Calls inside :func:`standing_in` (of any thread, nested or not), and the expressions put back
#: when the last leaves.
_INSIDE = [0]
_SWAPPED: list[tuple[Any, Any, Any]] = []  # (list or module, index or name, the expression)


@functools.cache
def _swaps() -> list[tuple[Any, Any, Any, _StandIn]]:
    """Where each stand-in goes: (list or module, index or name, expression, stand-in); found
    once, on first use."""
    import importlib

    swaps = []
    for module_name, name in _PLACES:
        try:
            module = importlib.import_module(module_name)
        except ImportError:
            continue
        value = getattr(module, name, None)
        places: list[tuple[Any, Any, Any]] = (
            [(value, i, item) for i, item in enumerate(value)]
            if isinstance(value, list)
            else [(module, name, value)]
        )
        for holder, key, expression in places:
            if isinstance(expression, etree.XPath):
                matcher = STAND_INS.get(_normal(expression.path))
                if matcher is not None:
                    swaps.append((holder, key, expression, _StandIn(expression.path, matcher)))
    return swaps


def _put(holder: Any, key: Any, value: Any) -> None:
    if isinstance(holder, list):
        holder[key] = value
    else:
        setattr(holder, key, value)


@contextmanager
def standing_in() -> Iterator[None]:
    """trafilatura with the stand-ins in its expressions' places while the block runs (any
    thread's calls to it meanwhile give the same results, only sooner)."""
    with _LOCK:
        if not _INSIDE[0]:
            for holder, key, expression, stand_in in _swaps():
                _put(holder, key, stand_in)
                _SWAPPED.append((holder, key, expression))
        _INSIDE[0] += 1
    try:
        yield
    finally:
        with _LOCK:
            _INSIDE[0] -= 1
            if not _INSIDE[0]:
                for holder, key, expression in _SWAPPED:
                    _put(holder, key, expression)
                _SWAPPED.clear()
