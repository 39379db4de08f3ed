"""trafilatura's structured body (its XML, not its flattened text) → blocks, each keeping its
kind: ``<p>`` → para, ``<head>`` → heading, ``<item>`` → list, ``<quote>`` → quote,
``<row>`` → table.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from lxml import etree

from ..blocks import Block, BlockKind
from ..lexicon import ends_sentence
from ..pattern_cache import compile_cached
from .tree import BREAK, norm

#: Extracted text is a story when a block of this many words ends a sentence, or when it has
#: this many words in all (eight characters count as a word, for scripts without spaces).
_STORY_SENTENCE_WORDS = 6
_STORY_MIN_WORDS = 25

_NS = compile_cached(r"^\{[^}]*\}")


def has_story(blocks: list[Block]) -> bool:
    """Whether the extracted text reads as a story: a sentence of some length, or enough words.

    >>> has_story([Block("Home"), Block("About us")])
    False
    """
    words = 0
    for block in blocks:
        count = max(len(block.text.split()), len(block.text) // 8)  # scripts without spaces
        if count >= _STORY_SENTENCE_WORDS and ends_sentence(block.text):
            return True
        words += count
    return words >= _STORY_MIN_WORDS


def _tag(element: etree._Element) -> str:
    tag = element.tag
    return _NS.sub("", tag) if isinstance(tag, str) else ""


def walk(body: etree._Element) -> Iterator[Block]:
    """The blocks of trafilatura's body element, in order."""
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
        yield from _list_blocks(element)
    elif tag == "quote":
        yield from _quote_blocks(element)
    elif tag == "table":
        yield from _table_blocks(element)
    elif tag == "graphic":
        return
    elif tag in ("div", "body", "main", "section", "article"):
        yield from walk(element)
    elif tag == "code":
        yield from _blocks(_text(element).replace(BREAK, " "), "para")
    else:
        text = _text(element)
        yield from _blocks(text.replace(BREAK, " ") if in_quote else text, "para")


def _list_blocks(element: etree._Element) -> Iterator[Block]:
    """A list: each item a block, nested lists after their item."""
    for item in element:
        if _tag(item) == "item":
            yield from _blocks(_text(item, skip=("list",)), "list")
            for child in item:
                if _tag(child) == "list":
                    yield from _element_blocks(child)
        else:
            yield from _element_blocks(item)


def _quote_blocks(element: etree._Element) -> Iterator[Block]:
    """A quote: its paragraphs as quote blocks, or its text as one."""
    if not any(_tag(child) in ("p", "list", "head", "quote", "table") for child in element):
        yield from _blocks(_text(element).replace(BREAK, " "), "quote")
        return
    if element.text and element.text.strip():
        yield from _blocks(element.text, "quote")
    for child in element:
        for block in _element_blocks(child, in_quote=True):
            yield replace(block, kind="quote") if block.kind == "para" else block
        if child.tail and child.tail.strip():
            yield from _blocks(child.tail, "quote")


def _table_blocks(element: etree._Element) -> Iterator[Block]:
    """A table: one block a row, its cells joined by ' | '."""
    for row in element.iter("row"):
        cells = [norm(_text(cell).replace(BREAK, " ")) for cell in row]
        line = " | ".join(cell for cell in cells if cell)
        if line:
            yield Block(line, "table")


def _text(element: etree._Element, skip: tuple[str, ...] = ()) -> str:
    """The element's text, ``<lb/>`` kept as a break that ends a block."""
    parts: list[str] = []

    def visit(node: etree._Element) -> None:
        if node.text:
            parts.append(node.text)
        for child in node:
            tag = _tag(child)
            if tag == "lb":
                parts.append(BREAK)
            elif tag not in skip and tag != "graphic":
                visit(child)
                if tag in ("p", "head", "item", "row", "list", "quote"):
                    parts.append(BREAK)
            if child.tail:
                parts.append(child.tail)

    visit(element)
    return "".join(parts)


def _blocks(text: str, kind: BlockKind) -> Iterator[Block]:
    for line in text.split(BREAK):
        line = norm(line)
        if line:
            yield Block(line, kind)
