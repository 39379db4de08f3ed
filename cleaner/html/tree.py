"""The raw page tree: parsing it (bounded), its marked elements (headlines, captions, bylines,
leads), whether an element is page furniture or the story, and the text a reader sees in an
element. Shared by the other HTML modules.
"""

from __future__ import annotations

import functools
import re
import sys
import threading
from collections.abc import Callable, Iterator
from typing import ParamSpec, TypeVar, cast

import lxml.html
import regex
from lxml import etree

from ..blocks import Block
from ..errors import InputError
from ..normalize import normalize_line
from ..pattern_cache import compile_cached

#: Characters of markup parsed at most; a bigger page is first stripped of scripts and styles.
#: (Depth needs no cap of ours: lxml stops nesting at 255 levels.)
MAX_HTML_CHARS = 6_000_000
#: How many byline and caption candidates are looked at, at most.
CANDIDATES = 40
#: A ``<lb/>`` or ``<br>``: the line ends there.
BREAK = "\u2029"
#: Every element an ``HtmlElement``, looked up in C: lxml.html's own lookup is a Python call
#: for each element proxy (about a million on 200 pages, 7% of a page's CPU), and only gives
#: form elements their own classes, which nothing here uses.
_LOOKUP = etree.ElementDefaultClassLookup(
    element=lxml.html.HtmlElement,
    comment=lxml.html.HtmlComment,
    pi=lxml.html.HtmlProcessingInstruction,
    entity=lxml.html.HtmlEntity,
)


def _parser(encoding: str | None = None) -> lxml.html.HTMLParser:
    """lxml.html's parser, with the cheaper lookup. (lxml-stubs do not know
    ``default_doctype``.)"""
    parser = lxml.html.HTMLParser(  # type: ignore[call-arg]
        collect_ids=False,
        default_doctype=False,
        remove_comments=True,
        remove_pis=True,
        encoding=encoding,
    )
    parser.set_element_class_lookup(_LOOKUP)
    return parser


_PARSER = _parser()
_PARSER_UTF8 = _parser(encoding="utf-8")
_STRIP_BULK = compile_cached(
    r"<(script|style|svg|noscript|template)\b.*?</\1\s*>|<!--.*?-->",
    regex.IGNORECASE | regex.DOTALL,
)
#: Characters XML cannot hold (C0 controls but tab and line ends; two non-characters): a tree
#: holding one cannot be serialized, and trafilatura then finds no body at all.
_NOT_XML_CHARS = [chr(c) for c in (*range(9), 11, 12, *range(14, 32), 0xFFFE, 0xFFFF)]
_NOT_XML = re.compile(f"[{re.escape(''.join(_NOT_XML_CHARS))}]")


def _xml_unfit_python(text: str) -> bool:
    """Whether the text holds one of :data:`_NOT_XML_CHARS` (a scan for each: quicker than a
    regex; ``_ctext.xml_unfit`` does it in one pass, where the package was built with it)."""
    return any(char in text for char in _NOT_XML_CHARS)


try:
    from .._ctext import xml_unfit
except ImportError:  # built without its C extension
    xml_unfit = _xml_unfit_python
#: A compiled XPath query whose results are all elements of an HTML tree.
ElementQuery = Callable[[etree._Element], list[lxml.html.HtmlElement]]


def texts(element: etree._Element) -> Iterator[str]:
    """The texts of an element and its descendants (an HTML tree holds no bytes)."""
    return cast("Iterator[str]", element.itertext())


def element_query(query: str) -> ElementQuery:
    """Compile an XPath query that selects elements only, typed as such."""
    return cast(ElementQuery, etree.XPath(query))


def page_elements(tree: etree._Element, *tags: str) -> Iterator[lxml.html.HtmlElement]:
    """The elements with one of these tags in the whole document that holds ``tree``, in page
    order: what XPath's ``//tag`` selects. (A page may hold a second ``<html>`` after its root,
    which iterating from the root leaves out: a validation page of wcxb-dev does.)"""
    root = tree.getroottree().getroot()
    for top in (root, *root.itersiblings()):
        yield from top.iter(*tags)


def document_text(tree: etree._Element) -> str:
    """Every text of the document that holds ``tree`` (hidden or not), joined in page order."""
    root = tree.getroottree().getroot()
    return "".join(
        etree.tostring(top, method="text", encoding="unicode", with_tail=False)
        for top in (root, *root.itersiblings())
    )


def texts_holding(tree: etree._Element, word: str) -> Iterator[tuple[str, etree._Element, bool]]:
    """The texts of the document that holds ``tree`` that hold ``word``, in page order: what
    XPath's ``//text()[contains(., $word)]`` selects, each as the text, the element (or
    comment) it is the own text or the tail of, and whether it is a tail. A tail is printed
    after its element's subtree, so it is given once the walk has left that subtree. (A Python
    walk: two thirds of the query's process time on the tuning pages, where libxml2 collects
    and copies every text of the page.)"""
    root = tree.getroottree().getroot()
    tails: list[etree._Element] = []  # elements whose tail holds the word, each inside the last
    for top in (root, *root.itersiblings()):
        for node in top.iter():
            while tails and not any(a is tails[-1] for a in node.iterancestors()):
                yield from _text_nodes(tails.pop(), word, True)
            text = node.text
            if text and word in text and isinstance(node.tag, str):  # (not a comment's text)
                yield from _text_nodes(node, word, False)
            tail = node.tail
            if tail and word in tail:
                tails.append(node)
    while tails:
        yield from _text_nodes(tails.pop(), word, True)


#: The text nodes of an element, as XPath gives them: each knows its element and whether it
#: is that element's tail.
_TEXT_NODES = etree.XPath("text()")


def _text_nodes(
    node: etree._Element, word: str, tail: bool
) -> Iterator[tuple[str, etree._Element, bool]]:
    """Of an element's own text (or its tail), the text nodes that hold ``word``: lxml joins
    the text nodes that follow each other into one text, which a removed element (a script)
    leaves apart."""
    holder = node.getparent() if tail else node
    if holder is None:  # (a tail beside the root: none in an HTML tree; the text whole)
        text = cast(str, node.tail if tail else node.text)
        yield text, node, tail
        return
    for part in cast("list[etree._ElementUnicodeResult]", _TEXT_NODES(holder)):
        if part.is_tail == tail and part.getparent() is node and word in part:
            yield str(part), node, tail


class DocumentText:
    """:func:`document_text` of a tree, made on first use and kept: the page's searches that
    ask it (:mod:`.meta`'s labels) share one copy of the page's text."""

    def __init__(self, tree: etree._Element) -> None:
        self._tree = tree

    @functools.cached_property
    def text(self) -> str:
        return document_text(self._tree)


def following_elements(element: etree._Element, limit: int) -> list[lxml.html.HtmlElement]:
    """The first ``limit`` elements after ``element`` in document order, none inside it: what
    XPath's ``following::*[position() <= limit]`` selects, without the rest of the page
    (libxml2 collects the whole axis before it counts)."""
    found: list[lxml.html.HtmlElement] = []
    node: etree._Element | None = element
    while node is not None and len(found) < limit:
        for sibling in node.itersiblings():
            for later in sibling.iter(etree.Element):
                found.append(later)
                if len(found) == limit:
                    return found
        node = node.getparent()
    return found


#: Parts of the class names that may mark a caption, a byline, an author box or a lead.
_MARK_PARTS = (
    "aption",
    "yline",
    "uthor",
    "BYLINE",
    "desc",
    "egend",
    "perex",
    "lead",
    "lede",
    "intro",
    "opyright",
    "riter",
    "sername",
    "creenname",
    # caption words of other languages, and image info boxes: see captions.py
    "nterschrift",
    "ildtext",
    "ijschrift",
    "idascalia",
    "eyenda",
    "ateksti",
    "ildetekst",
    "illedtekst",
    "nderschrift",
    "ie-de-foto",
    "iedefoto",
    "ie_de_foto",
    "ie-foto",
    "iefoto",
    "opisek",
    "alairas",
    "odpis",
    "Desc",
    "-info",
    "eschreibung",
    "nderskrift",
    "pigrafe",
    "eterangan",
    "ciklama",
)
_MARK = re.compile("|".join(map(re.escape, _MARK_PARTS)))
#: Ids that may mark a byline or an author box: the word at the start or end of a part
#: ('author_header', 'post-author-wrapper'; not a menu's 'gnPriBylines').
_MARK_ID = re.compile(r"(?i)(?:^|[-_])(?:author|byline)|(?:author|byline)(?:$|[-_])")
#: Text only screen readers get: 'Credit', 'Media caption', 'Image copyright'; 'hidden' only
#: as a class of its own ('hidden', 'is-hidden', 'u-hidden'): not 'overflow-hidden' (a
#: layout utility on 520 class lists of the four corpora), 'field--label-hidden' (Drupal's
#: field holding the text whose label is hidden: 289), 'hidden-xs'/'hidden-print' (hidden on
#: some screens or on paper only) or 'lazy-hidden'. Tuning part: 3 pages moved (an author
#: and a title found, one about page's text boxes taken as captions: 3 -> 2 of 3 snippets);
#: validation part: no page changed.
_HIDDEN = compile_cached(
    r"(?i)visually-hidden|sr-only|screen-?reader|off-?screen|a11y|"
    r"(?:^|\s)(?:(?:is|u|uk|l|js)-)?hidden(?:$|\s)"
)
_NOT_STORY = compile_cached(
    r"(?i)(?:^|[\s_-])(?:related|recommend\w*|promo\w*|teaser\w*|sidebar|newsletter|"
    r"comments?|nav|navigation|menu|share|sharing|social|outbrain|taboola|trending|popular|"
    r"more-stories)(?:$|[\s_-])|(?:^|\s)(?:site-|page-|global-)?footer(?:$|\s)"
)
#: A class that marks a box opening over the page or beside a word (a modal, a popup, a
#: tooltip, a lightbox, a sign-up form; :mod:`cleaner.html.overlays`): a word of the class list
#: at its start ('modal', 'c-modal__body', 'newsletter-signup', 'tooltip-content') or the
#: capitalised part of a name in camel case ('c-inlineSignup', 'jsPopup'); not 'dialog'
#: (Drupal wraps whole pages in 'dialog-off-canvas-main-canvas': on the tuning part that took
#: the whole story of 19 wcxb-dev pages) nor a word inside a word ('Dialogflow'). Tuning
#: part, the body's lines printed in such a box dropped: wcxb-dev F1 0.95665 -> 0.95688 (10
#: pages up, one down by 0.003), fundus-dev 0.96843 -> 0.96857 (3 pages up); validation part:
#: wcxb-dev 0.93335 -> 0.93349 (8 pages up, one down by 0.001), fundus-dev 0.96462 -> 0.96479
#: (one page up), trafilatura-dev with/without unchanged (b6a26ba).
_OVERLAY = compile_cached(
    r"(?i:(?:^|[\s_-])(?:modal|popup|pop-up|tooltip|signup|sign-up|lightbox))"
    r"|(?<=\p{Ll})(?:Modal|Popup|PopUp|Tooltip|Signup|SignUp|Lightbox)"
)
_INVISIBLE = (
    "script",
    "style",
    "noscript",
    "template",
    "button",
    "select",
    "option",
    "textarea",
    "input",
)


def parse(text: str, name: str | None) -> lxml.html.HtmlElement:
    if len(text) > MAX_HTML_CHARS:
        text = _STRIP_BULK.sub(" ", text)
        if len(text) > MAX_HTML_CHARS:
            raise InputError(
                f"page is {len(text) // 1_000_000} MB of markup even without scripts and "
                f"styles, over the {MAX_HTML_CHARS // 1_000_000} MB limit",
                name,
            )
    if xml_unfit(text):
        text = _NOT_XML.sub("", text)
    try:
        try:
            tree = lxml.html.document_fromstring(text, parser=_PARSER)
        except ValueError:  # an XML declaration with an encoding in a str
            tree = lxml.html.document_fromstring(
                text.encode("utf-8", "surrogatepass"), parser=_PARSER_UTF8
            )
    except (etree.ParserError, ValueError) as exc:
        raise InputError(f"markup cannot be read as a page: {exc}", name) from None
    if tree.find("body") is None:
        raise InputError("markup has no body", name)
    return tree


def marked(
    tree: lxml.html.HtmlElement,
    declared: list[etree._Element] | None = None,
    overlays: list[etree._Element] | None = None,
    notices: list[etree._Element] | None = None,
) -> list[etree._Element]:
    """Headlines, captions, and elements marked as the byline, the author's or the lead (by
    class, rel, itemprop or a test id), in page order. With ``declared``, the same walk puts
    in it the figures and the elements that declare a caption (``data-caption``, an
    ImageObject's ``itemprop="caption"``), in page order; with ``overlays``, the elements whose
    class marks a modal, popup, tooltip, lightbox or sign-up box (:data:`_OVERLAY`); with
    ``notices``, the elements whose class or id holds 'opyright' (:data:`COPYRIGHT_MARK`), in
    page order (the walk is from ``tree``: a second ``<html>`` after the root is not walked)."""
    found: list[etree._Element] = []
    # (one walk over the elements: half the time of an XPath union testing each part, and a
    # third of an XPath for the declared captions alone; an attribute is read only when the
    # element's list of attribute names holds it: most elements have one or none)
    for element in tree.iter():
        tag = element.tag
        if tag == "h1" or tag == "figcaption":
            found.append(element)
            if notices is not None and _names_copyright(element):
                notices.append(element)
            continue
        if not isinstance(tag, str):
            continue
        names = element.keys()
        if not names:
            if declared is not None and tag == "figure":
                declared.append(element)
            continue
        itemprop = (element.get("itemprop") or "") if "itemprop" in names else ""
        classes = element.get("class") if "class" in names else None
        kinds = _class_kinds(classes) if classes else 0  # (both kinds of mark, one test)
        if notices is not None and (
            (classes and COPYRIGHT_MARK in classes)
            or ("id" in names and COPYRIGHT_MARK in (element.get("id") or ""))
        ):
            notices.append(element)
        if kinds & _AN_OVERLAY and overlays is not None:
            overlays.append(element)
        if (
            kinds & _A_MARK
            or ("id" in names and (ident := element.get("id")) and _MARK_ID.search(ident))
            or ("rel" in names and element.get("rel") == "author")
            or "author" in itemprop
            or ("data-testid" in names and "byline" in (element.get("data-testid") or ""))
        ):
            found.append(element)
        if declared is not None and (
            tag == "figure" or itemprop == "caption" or "data-caption" in names
        ):
            declared.append(element)
    return found


#: What a class or id marking the copyright notice holds ('copyright', 'Copyright',
#: 'site-copyright'), as :func:`cleaner.html.notice.copyright_notice` looks for it.
COPYRIGHT_MARK = "opyright"


def _names_copyright(element: etree._Element) -> bool:
    return COPYRIGHT_MARK in (element.get("class") or "") or COPYRIGHT_MARK in (
        element.get("id") or ""
    )


#: The page's furniture: an element inside one is no part of the story (:meth:`Story.outside`)
#: nor its headline (:func:`cleaner.html.title.heading_above_story`).
FURNITURE_TAGS = frozenset(("aside", "nav", "footer"))


class Story:
    """Tells whether a part of the raw page holds the story trafilatura extracted."""

    def __init__(self, blocks: list[Block]) -> None:
        longest = sorted((b.text for b in blocks if b.kind == "para"), key=len, reverse=True)
        self.probes = [text[:60] for text in longest[:2] if len(text) >= 60]
        self._cache: dict[etree._Element, bool] = {}

    def holds(self, element: etree._Element) -> bool:
        if element not in self._cache:
            text = norm(cast(lxml.html.HtmlElement, element).text_content()) if self.probes else ""
            self._cache[element] = any(probe in text for probe in self.probes)
        return self._cache[element]

    def outside(self, element: etree._Element) -> bool:
        """Whether the element sits in page furniture (an aside, a nav, a related-stories box)
        rather than in the story; a box named 'sidebar' that holds the story is the story."""
        for ancestor in element.iterancestors():
            if ancestor.tag in ("body", "html"):
                return False
            marks = (ancestor.get("class") or "") + " " + (ancestor.get("id") or "")
            if (
                ancestor.tag in FURNITURE_TAGS or (marks.strip() and _furniture_marks(marks))
            ) and not self.holds(ancestor):
                return True
        return False


#: Elements a browser sets apart from the text around them (block-level, table cells, line
#: breaks, media): their text is a separate word even where the markup has no space around it.
BLOCK_TAGS = frozenset(
    (
        "address", "article", "aside", "audio", "blockquote", "br", "caption", "center", "dd",
        "details", "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure",
        "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr",
        "iframe", "img", "legend", "li", "main", "menu", "nav", "ol", "p", "picture", "pre",
        "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
        "video",
    )
)  # fmt: skip
#: Where text touches an inline element (a private-use character, gone from the result).
_SEAM = "\ue000"
#: A seam between text and an inline element that reads as two words all the same, set apart
#: by the page's style sheet: a lower-case letter before a capital ('Credit' 'Kevin Frayer',
#: 'Airport' 'Wenjie Zheng / Shutterstock', a headline and its subtitle), or a dash or arrow on
#: either side ('Shrine' '– Kyoto', 'Discord' '→'). On the tuning part, joining every seam as
#: printed put 31 captions and titles of 5 pages together so (readability-dev nytimes-5;
#: wcxb-dev 0178, 0453, 2976, 4088); with this test none, and no other seam moved a field.
_STYLED_SEAM = compile_cached(
    rf"(?<=\p{{Ll}}){_SEAM}+(?=\p{{Lu}})|(?<=[–—→←]){_SEAM}+|{_SEAM}+(?=[–—→←])"
)
#: With ``lines``, these start a new line rather than a new word.
_LINE_TAGS = frozenset(("br", "p", "div", "li"))


#: Class attributes remembered at most by each of the class tests below.
_CLASSES_MAX = 20_000


def _class_test(pattern: re.Pattern[str] | regex.Pattern[str]) -> Callable[[str], bool]:
    """Whether a class attribute matches ``pattern``, remembered by class attribute: pages
    repeat a few classes on many elements, and these tests are asked of every element walked
    (a quarter of :func:`visible_text`'s time, and of :func:`marked`'s, went in searching the
    same classes again)."""

    def test(marks: str) -> bool:
        return pattern.search(marks) is not None

    return functools.lru_cache(maxsize=_CLASSES_MAX)(test)


_hidden_class = _class_test(_HIDDEN)
_furniture_marks = _class_test(_NOT_STORY)
#: What :func:`marked` reads in a class attribute: a byline's, caption's … mark, an overlay's
#: (bits of the remembered test below).
_A_MARK = 1
_AN_OVERLAY = 2


@functools.lru_cache(maxsize=_CLASSES_MAX)
def _class_kinds(classes: str) -> int:
    """The marks a class attribute carries (:data:`_MARK`, :data:`_OVERLAY`), as bits."""
    return (_A_MARK if _MARK.search(classes) else 0) | _overlay_kind(classes)


#: The words :data:`_OVERLAY` looks for, lower-cased: a quicker test first, of every class.
_OVERLAY_WORDS = ("modal", "popup", "pop-up", "tooltip", "signup", "sign-up", "lightbox")


def _overlay_kind(classes: str) -> int:
    """:data:`_AN_OVERLAY` when a class attribute marks a box opening over the page or beside
    a word (:data:`_OVERLAY`), else 0.

    >>> _overlay_kind("c-modal__body") == _overlay_kind("c-inlineSignup") == _AN_OVERLAY
    True
    >>> _overlay_kind("dialog-off-canvas-main-canvas"), _overlay_kind("Dialogflow")
    (0, 0)
    """
    lower = classes.lower()
    if not any(word in lower for word in _OVERLAY_WORDS):
        return 0
    return _AN_OVERLAY if _OVERLAY.search(classes) else 0


_Params = ParamSpec("_Params")
_Result = TypeVar("_Result")
#: The texts :func:`visible_text` gave in this thread, while a page is read
#: (:func:`remembering_texts`): by element (the key holds the element, so lxml hands back the
#: same proxy for its node), the pattern of what is skipped, and ``lines``.
_REMEMBERED = threading.local()
_Texts = dict[tuple[etree._Element, regex.Pattern[str] | None, bool], str]


def remembering_texts(read: Callable[_Params, _Result]) -> Callable[_Params, _Result]:
    """``read`` (a page's reading, which changes no tree once it has read an element's visible
    text) with each element's :func:`visible_text` walked once: the passes over a page asked a
    quarter of their visible texts again (tuning part, every 4th page: 6,225 of 23,701 calls, a
    third of the time in them)."""

    @functools.wraps(read)
    def reading(*args: _Params.args, **kwargs: _Params.kwargs) -> _Result:
        outer = getattr(_REMEMBERED, "texts", None)
        _REMEMBERED.texts = {}
        try:
            return read(*args, **kwargs)
        finally:
            _REMEMBERED.texts = outer

    return reading


def visible_text(
    element: etree._Element, skip: regex.Pattern[str] | None = None, *, lines: bool = False
) -> str:
    """The text a reader sees in an element (no scripts, no buttons), normalized; with
    ``skip``, descendants whose class matches it are left out; with ``lines``, a ``<br>``
    or a paragraph inside starts a new line.

    Words are parted where the markup parts them: by spaces, by block-level elements
    (:data:`BLOCK_TAGS`), by what is left out, and between two inline elements that touch
    (``<span>By</span><a>Ann Lee</a>``: side by side in a flex box, as in most bylines). Text
    that touches an inline element runs on into it, as a browser prints it
    (``<span class="drop">C</span>ycle``, ``<em>da</em>:``), unless the seam reads as two
    words a style sheet sets apart (:data:`_STYLED_SEAM`).

    >>> visible_text(lxml.html.fragment_fromstring('<h1><span>C</span>ycle <b>da</b>:</h1>'))
    'Cycle da:'
    >>> visible_text(lxml.html.fragment_fromstring('<div><span>By</span><a>Ann</a></div>'))
    'By Ann'
    >>> visible_text(lxml.html.fragment_fromstring('<p><i>Credit</i>Ann Lee</p>'))
    'Credit Ann Lee'
    >>> visible_text(lxml.html.fragment_fromstring('<div><p>One</p><p>two</p>three</div>'))
    'One two three'
    """
    remembered: _Texts | None = getattr(_REMEMBERED, "texts", None)
    if remembered is None:
        return _visible_text(element, skip, lines, None)[0]
    key = (element, skip, lines)
    text = remembered.get(key)
    if text is None:
        text, both = _visible_text(element, skip, lines, None)
        remembered[key] = text
        if both:  # (the text without lines is the text with them: many a paragraph's)
            remembered[(element, skip, not lines)] = text
    return text


def short_visible_text(element: etree._Element, limit: int) -> str | None:
    """:func:`visible_text` of the element when it is at most ``limit`` characters, else
    None: where only a short text is read (a byline under the headline), a long element
    (the story's box) is not walked to its end. The text walked so far is measured from
    time to time: normalized, it is never longer than the whole's (spaces, invisible marks
    and seams are dropped or joined where they fall, the same in both; where the two meet,
    a space or a seam read as one only adds a character), so the element is long once
    that is.

    >>> short_visible_text(lxml.html.fragment_fromstring('<p>By <b>Ann</b> Lee</p>'), 20)
    'By Ann Lee'
    >>> print(short_visible_text(lxml.html.fragment_fromstring('<p>By <b>Ann</b> Lee</p>'), 5))
    None
    """
    remembered: _Texts | None = getattr(_REMEMBERED, "texts", None)
    key = (element, None, False)
    text = None if remembered is None else remembered.get(key)
    if text is None:
        try:
            text, both = _visible_text(element, None, False, limit)
        except _Long:
            return None
        if remembered is not None:  # (walked to its end: the whole text)
            remembered[key] = text
            if both:
                remembered[(element, None, True)] = text
    return text if len(text) <= limit else None


class _Long(Exception):
    """The text walked so far is longer than the limit (:func:`short_visible_text`)."""


#: :func:`short_visible_text` measures the text walked first after this many parts, then each
#: time their number has doubled (a byline is a few parts: never measured before the end).
_FIRST_MEASURE = 32


def _visible_text(
    element: etree._Element, skip: regex.Pattern[str] | None, lines: bool, limit: int | None
) -> tuple[str, bool]:
    """:func:`visible_text`'s text, and whether it is the same with ``lines`` the other way:
    when the walk met no element that starts a line (:data:`_LINE_TAGS`) and the texts walked
    hold no :data:`BREAK`, the parts walked are the same either way, and so is the text (one
    line, or the line's text: :func:`_finished`). (Of the texts read a tuning page, many a
    paragraph's and heading's is read both ways: ``rejoin``, ``between``.)"""
    parts: list[str] = []
    append = parts.append
    line_break = BREAK if lines else " "
    broken = False  # (an element starting a line was met)
    measure_at = _FIRST_MEASURE if limit is not None else sys.maxsize

    def measure() -> None:
        nonlocal measure_at
        if limit is not None and len(_finished("".join(parts), lines)) > limit:
            raise _Long
        measure_at = 2 * len(parts)

    def visit(node: etree._Element) -> None:
        nonlocal broken
        if node.text:
            append(node.text)
        touching = False  # the previous child was an element with no text after it
        for child in node:
            tag = child.tag
            if type(tag) is not str:  # a comment, an entity: left out, parts the words
                append(" " if touching else _SEAM)
                append(" ")
            else:
                if tag in BLOCK_TAGS:
                    if tag in _LINE_TAGS:
                        apart = line_break
                        broken = True
                    else:
                        apart = " "
                    append(apart)
                else:
                    apart = _SEAM
                    append(" " if touching else _SEAM)
                marks = child.get("class")
                if (
                    tag not in _INVISIBLE
                    and not (marks and _hidden_class(marks))
                    and (skip is None or not skip.search(marks or ""))
                ):
                    visit(child)
                else:  # what is left out still parts the words around it
                    apart = " "
                append(apart)
            tail = child.tail
            if tail:
                append(tail)
            touching = not tail
            if len(parts) >= measure_at:
                measure()

    visit(element)
    text = "".join(parts)
    return _finished(text, lines), not broken and BREAK not in text


def _finished(text: str, lines: bool) -> str:
    """The parts of :func:`visible_text`'s walk, joined, made its result."""
    if _SEAM in text:
        text = _STYLED_SEAM.sub(" ", text).replace(_SEAM, "")
    if lines:
        return "\n".join(line for line in map(norm, text.split(BREAK)) if line)
    return norm(text)


def hidden_by_class(element: etree._Element) -> bool:
    """Whether the element, or a box around it, carries a class that hides it
    (:data:`_HIDDEN`: 'hidden', 'is-hidden', 'sr-only' …): text the page shows only after a
    script opens it, or never."""
    for node in (element, *element.iterancestors()):
        marks = node.get("class")
        if marks and _hidden_class(marks):
            return True
    return False


def mostly_links(element: etree._Element) -> bool:
    """Whether the element is, or sits in, a link, or half its text is link text."""
    if element.tag == "a" or any(a.tag == "a" for a in element.iterancestors()):
        return True
    text = len(visible_text(element))
    linked = sum(len(visible_text(a)) for a in element.iter("a"))
    return linked * 2 >= text > 0


def probe_word(probe: str) -> str:
    """The longest whole word of a probe (its last word may be cut): a cheap test that a raw
    text may hold the probe, before normalizing it.

    >>> probe_word("The council voted on Tuesd")
    'council'
    """
    words = probe.split()
    return max(words[:-1] or words, key=len, default="")


def paragraph_starting(root: etree._Element, probe: str) -> etree._Element | None:
    """The first ``<p>`` or ``<div>`` under ``root`` whose text starts with ``probe`` (a
    paragraph's first words): in its own text, or in a ``<p>`` whose first words are partly
    bold or linked."""
    word = probe_word(probe)
    for node in root.iter("p", "div"):
        if node.text and word in node.text and norm(node.text).startswith(probe):
            return node
        if node.tag == "p" and len(node):
            content = "".join(texts(node))
            if word in content and norm(content).startswith(probe):
                return node
    return None


def norm(text: str) -> str:
    return normalize_line(text.replace("\n", " ").replace("\r", " ").replace("\t", " "))
