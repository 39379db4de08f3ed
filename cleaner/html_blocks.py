"""An HTML page → blocks, through trafilatura. The only module that imports it.

The page is parsed once (lxml bounds its depth; oversized markup is refused). Metadata comes
from the page's meta tags and JSON-LD (title, author → people only, site name) and htmldate
(date). trafilatura finds the main content on a copy of the tree, in its fast mode first and
in its full mode when that finds little; its structured body (not its flattened text) is
walked so that every block keeps its kind: ``<p>`` → para, ``<head>`` → heading, ``<item>`` →
list, ``<quote>`` → quote, ``<row>`` → table. A light pass over the raw page then finds what
trafilatura leaves out or mixes in (cleaner/html_page.py): photo captions (``caption``
blocks, which a rule moves to the captions field, in page order), the headline, a lead
paragraph it skipped, a subtitle under the headline; and (cleaner/html_meta.py) the printed
byline, a copyright notice printed with the story. Raw-page elements count only when they are
not page furniture (asides, menus, related-story boxes), unless such a box holds the story
itself. The rules then run on the blocks as on a text dump.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import lxml.html
import regex
from lxml import etree

from .blocks import Block, BlockKind, Page, PageMeta, ends_sentence
from .errors import InputError
from .html_meta import (
    _clean,
    _host,
    _initials_author,
    _merge_meta,
    _raw_byline,
    _raw_copyright,
    _title,
    _without_byline,
)
from .html_page import (
    _BREAK,
    _mark_captions,
    _marked,
    _norm,
    _raw_captions,
    _Story,
    _visible_text,
    _with_lead,
    _without_standfirst,
)
from .normalize import normalize_line

#: Characters of markup parsed at most; a bigger page is first stripped of scripts and styles.
#: (Depth needs no cap of ours: lxml stops nesting at 255 levels.)
MAX_HTML_CHARS = 6_000_000
#: Extracted text is a story when a block of this many words ends a sentence, or when it has
#: this many words in all (eight characters count as a word, for scripts without spaces).
_STORY_SENTENCE_WORDS = 6
_STORY_MIN_WORDS = 25

_PARSER = lxml.html.HTMLParser(
    collect_ids=False, default_doctype=False, remove_comments=True, remove_pis=True
)
_PARSER_UTF8 = lxml.html.HTMLParser(
    collect_ids=False,
    default_doctype=False,
    remove_comments=True,
    remove_pis=True,
    encoding="utf-8",
)
_STRIP_BULK = regex.compile(
    r"<(script|style|svg|noscript|template)\b.*?</\1\s*>|<!--.*?-->",
    regex.IGNORECASE | regex.DOTALL,
)
_NO_TEXT = ("script", "style", "svg")
_NS = regex.compile(r"^\{[^}]*\}")


for _logger in ("trafilatura", "htmldate", "courlan", "readability", "justext"):
    logging.getLogger(_logger).setLevel(logging.CRITICAL)


def html_to_page(text: str, meta: PageMeta | None = None, *, name: str | None = None) -> Page:
    """Extract the story's blocks and the page's metadata from an HTML page.

    Raises :class:`InputError` for markup that cannot be read as a page at all.
    A readable page without a story gives a Page with no blocks.
    """
    meta = meta or PageMeta()
    tree = _parse(text, name)
    found = _metadata(tree, meta.url)
    # Scripts, styles and drawings hold no story; without them every pass below is quicker.
    etree.strip_elements(tree, *_NO_TEXT, with_tail=False)
    body = _extract(tree, meta.url, name)
    blocks = [] if body is None else list(_walk(body))
    if not _has_story(blocks):
        blocks = []  # a menu or a list of links is no story
    story = _Story(blocks)
    marked = _marked(tree)
    h1s = [element for element in marked if element.tag == "h1"]
    headline = next((text for text in map(_visible_text, h1s) if text), None)
    blocks = _with_lead(blocks, marked, story)
    blocks = _without_standfirst(blocks, h1s)
    byline = _raw_byline(marked, story)
    if byline:
        blocks = _without_byline(blocks, byline)
    title = _title(_clean(found.get("title")), headline, found.get("sitename") or _host(meta.url))
    blocks = _mark_captions(blocks, _raw_captions(marked, story, title))
    page_meta = _merge_meta(meta, found, byline, title)
    if not page_meta.authors:
        page_meta = replace(page_meta, authors=_initials_author(tree, blocks))
    notice = _raw_copyright(marked, story)
    if notice and not page_meta.copyright:
        page_meta = replace(page_meta, copyright=notice)
    return Page(tuple(blocks), page_meta, "html")


# ---------------------------------------------------------------- parsing, bounded


def _parse(text: str, name: str | None) -> lxml.html.HtmlElement:
    if len(text) > MAX_HTML_CHARS:
        text = _STRIP_BULK.sub(" ", text)
        if len(text) > MAX_HTML_CHARS:
            raise InputError(
                f"page is {len(text) // 1_000_000} MB of markup even without scripts and "
                f"styles, over the {MAX_HTML_CHARS // 1_000_000} MB limit",
                name,
            )
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


#: trafilatura's options: no comments, tables kept; images left out (their alt texts are not
#: the story; captions are found on the raw page).
_OPTIONS: dict[str, Any] = {
    "include_comments": False,
    "include_tables": True,
    "include_images": False,
    "include_formatting": False,
    "output_format": "xml",
}
#: trafilatura runs in its fast mode first; when that finds less text than this, its full mode
#: (with its readability and justext fallbacks) runs too, and the longer body is kept.
RETRY_BELOW_CHARS = 500


def _extract(
    tree: lxml.html.HtmlElement, url: str | None, name: str | None
) -> etree._Element | None:
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(tree, url=url, fast=True, **_OPTIONS)
        length = _length(doc)
        if length < RETRY_BELOW_CHARS:
            full = trafilatura.bare_extraction(tree, url=url, **_OPTIONS)
            if _length(full) > length:
                doc = full
    except RecursionError:
        raise InputError("markup nested too deeply to extract", name) from None
    except Exception as exc:  # a failure inside the extractor is this input's failure alone
        raise InputError(f"extraction failed ({type(exc).__name__}: {exc})", name) from None
    return None if doc is None else doc.body


def _has_story(blocks: list[Block]) -> bool:
    """Whether the extracted text reads as a story: a sentence of some length, or enough words.

    >>> _has_story([Block("Home"), Block("About us")])
    False
    """
    words = 0
    for block in blocks:
        count = max(len(block.text.split()), len(block.text) // 8)  # scripts without spaces
        if count >= _STORY_SENTENCE_WORDS and ends_sentence(block.text):
            return True
        words += count
    return words >= _STORY_MIN_WORDS


def _length(doc: Any) -> int:
    return 0 if doc is None else len("".join(doc.body.itertext()))


def _metadata(tree: lxml.html.HtmlElement, url: str | None) -> dict[str, Any]:
    """Title, author and site name from the page's meta tags and JSON-LD (trafilatura's
    readers), and its date (htmldate). Not trafilatura's own searches of the page for an
    author, a title or a site name: ours (byline, h1) are cheaper."""
    from htmldate import find_date
    from trafilatura import metadata as tm

    found: dict[str, Any] = {}
    try:
        doc = tm.examine_meta(tree)
        doc = tm.extract_meta_json(tree, doc)
        found["title"] = doc.title or tree.findtext(".//head/title")
        found["author"] = doc.author
        found["sitename"] = doc.sitename
        found["date"] = find_date(tree, extensive_search=False, original_date=True, url=url)
    except Exception:  # metadata is a bonus: a page is cleaned without it
        pass
    return found


# ---------------------------------------------------------------- the body tree → blocks


def _tag(element: etree._Element) -> str:
    tag = element.tag
    return _NS.sub("", tag) if isinstance(tag, str) else ""


def _walk(body: etree._Element) -> Iterator[Block]:
    if body.text and body.text.strip():
        yield from _blocks(body.text, "para")
    for element in body:
        yield from _element_blocks(element)
        if element.tail and element.tail.strip():
            yield from _blocks(element.tail, "para")


def _element_blocks(element: etree._Element, in_quote: bool = False) -> Iterator[Block]:
    """An element of trafilatura's body as blocks; inside a quote (an embedded post), lines
    broken by ``<br>`` stay one block."""
    tag = _tag(element)
    if tag == "head":
        yield from _blocks(_text(element), "heading")
    elif tag == "list":
        for item in element:
            if _tag(item) == "item":
                yield from _blocks(_text(item, skip=("list",)), "list")
                for child in item:
                    if _tag(child) == "list":
                        yield from _element_blocks(child)
            else:
                yield from _element_blocks(item)
    elif tag == "quote":
        if any(_tag(child) in ("p", "list", "head", "quote", "table") for child in element):
            if element.text and element.text.strip():
                yield from _blocks(element.text, "quote")
            for child in element:
                for block in _element_blocks(child, in_quote=True):
                    yield replace(block, kind="quote") if block.kind == "para" else block
                if child.tail and child.tail.strip():
                    yield from _blocks(child.tail, "quote")
        else:
            yield from _blocks(_text(element).replace(_BREAK, " "), "quote")
    elif tag == "table":
        for row in element.iter("row"):
            cells = [normalize_line(" ".join(cell.itertext())) for cell in row]
            line = " | ".join(cell for cell in cells if cell)
            if line:
                yield Block(line, "table")
    elif tag == "graphic":
        return
    elif tag in ("div", "body", "main", "section", "article"):
        yield from _walk(element)
    elif tag == "code":
        yield from _blocks(" ".join(element.itertext()), "para")
    else:
        text = _text(element)
        yield from _blocks(text.replace(_BREAK, " ") if in_quote else text, "para")


def _text(element: etree._Element, skip: tuple[str, ...] = ()) -> str:
    """The element's text, ``<lb/>`` kept as a break that ends a block."""
    parts: list[str] = []

    def visit(node: etree._Element) -> None:
        if node.text:
            parts.append(node.text)
        for child in node:
            tag = _tag(child)
            if tag == "lb":
                parts.append(_BREAK)
            elif tag not in skip and tag != "graphic":
                visit(child)
                if tag in ("p", "head", "item", "row", "list", "quote"):
                    parts.append(_BREAK)
            if child.tail:
                parts.append(child.tail)

    visit(element)
    return "".join(parts)


def _blocks(text: str, kind: BlockKind) -> Iterator[Block]:
    for line in text.split(_BREAK):
        line = _norm(line)
        if line:
            yield Block(line, kind)
