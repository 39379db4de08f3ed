"""The stand-ins for trafilatura's XPath expressions: each finds the same elements, in the same
order, as the expression it stands for, and only while the cleaner calls trafilatura."""

from __future__ import annotations

import importlib
import threading
from pathlib import Path

import lxml.html
import pytest
from lxml import etree

from cleaner.html import trafilatura_paths
from cleaner.html.trafilatura_paths import STAND_INS, standing_in

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "html"

#: Markup where the expressions' details decide: which of ``@id|@class`` is read (the one written
#: first), absent and empty attributes, a match among siblings and cousins (``[1]``), nested
#: matches, trafilatura's converted tags (``list``, ``item``), a comment and a processing
#: instruction among the elements, letter case ('Teaser', 'COOKIEBOT').
EDGES = """<html><head><title>t</title></head><body>
<!-- a comment --><?pi x?>
<div class="x" id="cookie-a">one</div><div id="cookie-b" class="x">two</div>
<div class="reply-x" id="y">three</div><div id="reply-y" class="z">four</div>
<span id="x" style="color: hidden">five</span><span style="hidden" id="x">six</span>
<div class="">empty</div><div id="">empty</div><p style="display: none">hid</p>
<section class="comments-title">c</section><p aria-hidden="true">a</p><p aria-hidden="false">b</p>
<div class="comment-list"><ul class="commentary"><li>x</li></ul><ol id="comol">y</ol></div>
<ul class="post-comments"><li>z</li></ul><details id="disqus_thread">d</details>
<div id="infinite-scroll"><h1>Head</h1></div><aside class="infinite_scroll">i</aside>
<div class="mvp-post-add-box"><h1>Head</h1></div><section class="elementor-share-buttons">s</section>
<list role="Navigation">n</list><item data-lp-replacement-content="">r</item>
<div data-component="MostPopularStories">m</div><div class="wrap bar">b</div><p class=" ad ">ad</p>
<div class="Teaser">t</div><div id="teaserBox">t</div><p class="caption">c</p>
<article><div class="post">p1</div><div class="post">p2</div><main class="entry">e</main></article>
<div><section id="article-content">a1</section><div class="post-body">a2</div></div>
<main role="article">r</main><div class="FullText">f</div><div class="text">tx</div>
<section id="content">c</section><div class="Main-Content">mc</div><div class="Page-Content">pc</div>
<div id="x" class="site-footer">f</div><div class="x" id="footer">g</div><footer>h</footer>
<template>t</template><fencedframe></fencedframe><div id="COOKIEBOT">cb</div>
<div class="Cookie-Banner">cb</div><div class="hide-me hidden">h</div>
</body></html>"""


def _pages() -> list[etree._Element]:
    pages = [lxml.html.document_fromstring(EDGES)]
    pages += [lxml.html.parse(str(path)).getroot() for path in sorted(FIXTURES.glob("*.html"))]
    return pages


def _expressions() -> list[tuple[etree.XPath, trafilatura_paths.Matcher]]:
    return [(expression, stand_in.matcher) for _, _, expression, stand_in in _swaps()]


def _swaps() -> list[tuple[object, object, etree.XPath, trafilatura_paths._StandIn]]:
    return trafilatura_paths._swaps()


def test_every_stand_in_finds_its_expression() -> None:
    """The installed trafilatura has each expression a stand-in was written for (else the
    stand-in is not used, and the speed it gave is lost: rewrite it for the new text)."""
    assert {id(matcher) for _, matcher in _expressions()} == set(map(id, STAND_INS.values()))


@pytest.mark.parametrize("page", range(len(_pages())))
def test_same_elements_as_the_expression(page: int) -> None:
    tree = _pages()[page]
    for root in (tree, tree.find("body")):
        for expression, matcher in _expressions():
            assert matcher(root) == expression(root), matcher.__name__


def test_same_elements_on_converted_trees() -> None:
    """trafilatura calls the pruning expressions on its converted tree (lists as ``list``,
    items as ``item``, headings as ``head``)."""
    from trafilatura.htmlprocessing import convert_tags
    from trafilatura.settings import Extractor

    for tree in _pages():
        converted = convert_tags(lxml.html.fromstring(etree.tostring(tree)), Extractor())
        for expression, matcher in _expressions():
            assert matcher(converted) == expression(converted), matcher.__name__


def test_in_place_only_while_standing_in() -> None:
    from trafilatura import xpaths

    baseline = importlib.import_module("trafilatura.baseline")  # (the package's name: a function)

    before = (list(xpaths.OVERALL_DISCARD_XPATH), baseline.BASIC_CLEAN_XPATH)
    with standing_in():
        with standing_in():  # (nested: put back once, when the outer one ends)
            assert not isinstance(xpaths.OVERALL_DISCARD_XPATH[0], etree.XPath)
        assert not isinstance(baseline.BASIC_CLEAN_XPATH, etree.XPath)
    assert (list(xpaths.OVERALL_DISCARD_XPATH), baseline.BASIC_CLEAN_XPATH) == before


def test_put_back_when_the_last_thread_leaves() -> None:
    from trafilatura import xpaths

    original = xpaths.BODY_XPATH[0]
    entered, leave = threading.Event(), threading.Event()

    def other() -> None:
        with standing_in():
            entered.set()
            leave.wait(5)

    thread = threading.Thread(target=other)
    thread.start()
    entered.wait(5)
    with standing_in():
        pass
    assert xpaths.BODY_XPATH[0] is not original  # the other thread is still inside
    leave.set()
    thread.join()
    assert xpaths.BODY_XPATH[0] is original


def test_extraction_the_same_with_stand_ins() -> None:
    import trafilatura

    for tree in _pages():
        plain = trafilatura.bare_extraction(tree, output_format="xml", include_comments=False)
        with standing_in():
            stood = trafilatura.bare_extraction(tree, output_format="xml", include_comments=False)
        assert (plain is None) == (stood is None)
        if plain is not None and stood is not None:
            assert etree.tostring(plain.body) == etree.tostring(stood.body)
