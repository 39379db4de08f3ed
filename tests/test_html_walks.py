"""The Python walks that stand in for the reader's own XPath queries give what the queries give:
the same elements in the same order (the fixtures' pages and edge markup), and a text search
that says no only where the query finds nothing."""

from __future__ import annotations

import functools
from pathlib import Path

import lxml.html
import pytest
from lxml import etree

from cleaner.html import between, captions, headline_date, meta, rejoin
from cleaner.html import tree as tree_module
from cleaner.html.tree import DocumentText, following_elements, parse, texts_holding

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "html"

#: Markup where the details decide: nested pictures with and without an image, an image as the
#: last element, boxes of one class at several depths, 'Written by' and 'Posted' split over
#: elements or in an element's tail, a page's last element.
EDGES = """<html><head><title>t</title></head><body>
<div class="story"><h1>Head</h1><p>By <a>Jane Doe</a></p><img src="a.jpg"></div>
<picture><source srcset="b.webp"></picture><picture><img src="c.jpg"></picture>
<div class="story"><div class="story"><p>Written <b>by</b></p><p>Jon Roe</p></div></div>
<section class="story">s</section><div class="Story">S</div><div class="">e</div><div>n</div>
<p><span>x</span>Posted by Ann at noon</p><p> \n\xa0</p><p>\t</p><div><p><b> </b></p></div><p>POSTED BY B</p><p>Written by: C</p>
<figure><picture><picture><img src="d.jpg"></picture></picture></figure><img src="e.jpg">
</body></html>"""

#: A page with a second ``<html>`` after its root (the parser keeps it as the root's sibling,
#: which XPath's ``//`` reaches and iterating from the root does not: a wcxb-dev page).
SECOND_ROOT = (
    EDGES + '<html><body><div class="story"><img src="f.jpg"><p>Written by Ann</p>'
    "<p>Posted by Bo</p><picture></picture></div><p>last</p></body></html>"
)


#: Texts split where a script was removed (lxml joins the two text nodes into one ``text`` or
#: ``tail``, XPath gives each), comments with tails, text after nested elements, and elements
#: in a ``noscript`` or a ``template`` (one with an ``h1``), with and without elements inside.
SPLIT_TEXTS = """<html><body><div>a word<!--c-->b word<script>s</script>c word<p>x word<b>y
word</b>z word</p>tail word<script>t</script>more word<!--d-->e word</div>
<h1>Head word <i>in</i> it</h1><noscript><p>hidden word<span>deep</span></p></noscript>
<div><template><h1>Other</h1><p>t word</p></template><span>after word</span></div>
<noscript>bare word</noscript><p>last word<script>u</script></p>end word</body></html>"""


@functools.cache
def _pages() -> list[etree._Element]:
    pages = [parse(EDGES, None), parse(SECOND_ROOT, None), parse(SPLIT_TEXTS, None)]
    etree.strip_elements(pages[-1], "script", with_tail=False)
    pages += [
        parse(path.read_text(encoding="utf-8"), None) for path in sorted(FIXTURES.glob("*.html"))
    ]
    return pages


@pytest.mark.parametrize("page", range(len(_pages())))
def test_walks_give_the_queries_elements(page: int) -> None:
    tree = _pages()[page]
    images = etree.XPath("//img | //picture[not(.//img)]")
    same = etree.XPath("//*[local-name() = $tag][@class = $marks]")
    for limit in (1, 8, 30, 1000):
        assert captions._images(tree, limit) == images(tree)[:limit]
    elements = list(tree.iter(etree.Element))
    for element in elements[:: max(1, len(elements) // 60)] + elements[-3:]:
        for limit in (1, 8, 40):
            query = etree.XPath(f"following::*[position() <= {limit}]")
            assert following_elements(element, limit) == query(element)
        for marks in {element.get("class") or "", "story"}:
            assert rejoin._same_boxes(element, marks) == same(element, tag=element.tag, marks=marks)


@pytest.mark.parametrize("page", range(len(_pages())))
def test_text_after_and_paragraph_before(page: int) -> None:
    """between's nearest texts: the holder of the first text after an element with more than
    white space, and the nearest paragraph before it with text that is not among the dropped
    (of the 30 nearest), as the XPath queries find them."""
    tree = _pages()[page]
    after = etree.XPath("following::text()[normalize-space()][1]")
    before = etree.XPath("preceding::p[normalize-space()][position() <= 30]")
    elements = list(tree.iter(etree.Element))
    for element in elements[:: max(1, len(elements) // 80)] + elements[-3:]:
        found = after(element)
        holder = found[0].getparent() if found else None
        if found and found[0].is_tail and holder is not None:
            holder = holder.getparent()
        assert between._holder_after(element) is holder
        nearest = list(reversed(before(element)))
        for dropped in (set(), set(nearest[:1]), set(nearest[:29]), set(nearest)):
            kept = next((p for p in nearest if p not in dropped), None)
            assert between._paragraph_before(element, dropped) is kept


@pytest.mark.parametrize("page", range(len(_pages())))
def test_text_search_says_no_only_where_the_query_finds_nothing(page: int) -> None:
    tree = _pages()[page]
    for words, query in (
        (meta._WRITTEN_BY_WORDS, meta._WRITTEN_BY_TEXT),
        (meta._POSTED_BY_WORDS, meta._POSTED_BY_TEXT),
    ):
        assert meta._page_says(DocumentText(tree), words) or not query(tree)


@pytest.mark.parametrize("page", range(len(_pages())))
def test_texts_holding_a_word_and_the_elements_after_a_headline(page: int) -> None:
    """``texts_holding`` gives XPath's ``//text()[contains(., $word)]`` (text nodes, each
    with the element it is the text or the tail of), and headline_date's walk after an ``h1``
    the elements a walk of the whole page from its root gives after it, less those in a
    ``noscript`` or a ``template``."""
    tree = _pages()[page]
    query = etree.XPath("//text()[contains(., $word)]")
    text = etree.tostring(tree, method="text", encoding="unicode")
    for word in ("word", "e", " ", "\n", "Written", *text.split()[::97]):
        found = [(str(t), t.getparent(), t.is_tail) for t in query(tree, word=word)]
        assert list(texts_holding(tree, word)) == found
    hiding = ("noscript", "template")
    for h1 in tree.iter("h1"):
        walked = list(tree.getroottree().getroot().iter())
        after = [
            element
            for element in walked[walked.index(h1) + 1 :]
            if isinstance(element.tag, str)
            and element.tag not in hiding
            and not any(a.tag in hiding for a in element.iterancestors())
        ]
        assert list(headline_date._following(h1)) == after


def test_edges_are_found() -> None:
    """The edge page holds what the walks must find (a test of the test)."""
    tree = parse(EDGES, None)
    assert len(captions._images(tree, 100)) == 5
    assert meta._page_says(DocumentText(tree), meta._WRITTEN_BY_WORDS)
    # ('Written <b>by</b>' is no text that says it: the query does not find it either)
    assert len(meta._WRITTEN_BY_TEXT(tree)) == 1 and len(meta._POSTED_BY_TEXT(tree)) == 2
    nothing = DocumentText(lxml.html.document_fromstring("<p>Nothing here</p>"))
    assert not meta._page_says(nothing, ("osted",))
    second = parse(SECOND_ROOT, None)
    assert [top.tag for top in second.itersiblings()] == ["html"]
    assert len(captions._images(second, 100)) == 7
    both = DocumentText(second)
    assert meta._page_says(both, ("Ann",)) and meta._page_says(both, ("Bo",))


def test_split_texts_are_found() -> None:
    """The split page holds what the walks must tell apart (a test of the test): a text that
    lxml joins and XPath parts where a script was removed, a tail after nested elements, an
    ``h1`` in a ``template`` and elements in a ``noscript``."""
    tree = _pages()[2]
    div = tree.find(".//div")
    assert div is not None and div.text == "a wordb wordc word"  # (the parser drops comments)
    assert list(texts_holding(tree, "word"))[:2] == [
        ("a wordb word", div, False),
        ("c word", div, False),
    ]
    assert [t for t, _, tail in texts_holding(tree, "more") if tail] == ["more worde word"]
    h1s = list(tree.iter("h1"))
    assert [[e.tag for e in headline_date._following(h1)] for h1 in h1s] == [
        ["i", "div", "span", "p"],
        ["span", "p"],
    ]


@pytest.mark.parametrize("page", range(len(_pages())))
def test_a_text_read_once_for_both_ways(page: int) -> None:
    """Where the walk of an element's visible text says its text is the same with lines and
    without (no element starting a line, no paragraph separator in its texts), it is."""
    tree = _pages()[page]
    for element in tree.iter(etree.Element):
        text, both = tree_module._visible_text(element, None, False, None)
        lined, both_lined = tree_module._visible_text(element, None, True, None)
        assert both == both_lined
        assert not both or text == lined


@pytest.mark.parametrize(
    ("markup", "both"),
    [
        ("<p>One <b>two</b> three</p>", True),
        ("<p>One<br>two</p>", False),
        ('<div>One <span><div class="sr-only">x</div></span></div>', False),
        ("<p>One\u2029two</p>", False),
        ("<p><button>Go</button> on</p>", True),
    ],
)
def test_when_a_text_is_the_same_both_ways(markup: str, both: bool) -> None:
    element = lxml.html.fragment_fromstring(markup)
    assert tree_module._visible_text(element, None, False, None)[1] is both
    assert tree_module._visible_text(element, None, True, None)[1] is both
