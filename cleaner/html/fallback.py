"""The last resorts when trafilatura finds no story on a page: its prose paragraphs, then the
story its scripts hold, then trafilatura's baseline.

Some pages hold their story where trafilatura does not look (in a box it takes for an overlay
or an aside, or in paragraphs too few for its scores). Rather than give nothing, the page's
``<p>`` elements that read as a story's paragraphs are taken, in page order: those outside page
furniture first, all of them when that leaves no story. A page its scripts draw (the story
only in the data a script hands to the page's code: the markup of the story as a JSON string,
or the JSON-LD's ``articleBody``) gives that story's paragraphs. A page with neither (its
story in paragraphs too short to read as prose, or in text not in paragraphs at all) gives what
trafilatura's baseline finds: its longest ``<article>``, all its paragraphs, else every line of
its text. Validation part, without the prose and script resorts: wcxb-dev 0.9323 -> 0.9295 and
one empty body, the others unchanged.
"""

from __future__ import annotations

import json
import re
from itertools import islice

import lxml.html
from lxml import etree

from ..blocks import Block, is_story_paragraph
from .body import has_story
from .tree import Story, mostly_links, norm, visible_text

#: Paragraphs looked at, at most.
_PARAGRAPHS = 400
#: Links looked at, at most.
_LINKS = 2000
#: A JSON string of this many characters at least may hold the story (shorter ones are titles,
#: teasers, settings; the one page of the tuning part whose story only a script holds gives it
#: as a string of 3,950 characters, its text a story of 1,400 characters).
_STORY_STRING = 500
#: A JSON string literal (its escapes included), long enough to hold a story.
_STRING = re.compile(r'"(?:[^"\\]|\\.){' + str(_STORY_STRING) + r',}"', re.DOTALL)
#: The JSON-LD's text of the story.
_ARTICLE_BODY = re.compile(r'"articleBody"\s*:\s*$')
#: Characters of one script looked at, at most.
_SCRIPT_CHARS = 3_000_000
#: A paragraph of a script's markup that is a caption ('caption', 'credit' in a class) or sits
#: in a figure.
_CAPTION = re.compile(r"(?i)caption|credit|legend")
_HEADINGS = ("h2", "h3", "h4", "h5", "h6")


def prose_blocks(tree: etree._Element) -> list[Block]:
    """The page's story paragraphs as blocks, or none when they do not read as a story."""
    body = tree.find("body")
    if body is None:
        return []
    furniture = Story([])  # knows no story: every aside, menu or related box is furniture
    inside: list[Block] = []
    anywhere: list[Block] = []
    for count, paragraph in enumerate(body.iter("p")):
        if count >= _PARAGRAPHS:
            break
        text = visible_text(paragraph)
        if not is_story_paragraph(text) or mostly_links(paragraph):
            continue
        block = Block(text)
        anywhere.append(block)
        if not furniture.outside(paragraph):
            inside.append(block)
    for blocks in (inside, anywhere):
        if has_story(blocks):
            return blocks
    return []


def script_blocks(scripts: list[str]) -> list[Block]:
    """The story a page's scripts hold, as blocks: of the long JSON strings that hold markup
    (or are the JSON-LD's ``articleBody``), the one with the most story text; none when no
    string reads as a story."""
    best: list[Block] = []
    best_length = 0
    for script in scripts:
        if len(script) > _SCRIPT_CHARS or '"' not in script:
            continue
        for match in _STRING.finditer(script):
            literal = match.group(0)
            markup = "<p" in literal or "\\u003cp" in literal or "\\u003Cp" in literal
            plain = (
                not markup
                and _ARTICLE_BODY.search(script, max(0, match.start() - 40), match.start())
                is not None
            )
            if not markup and not plain:
                continue
            try:
                value = json.loads(literal)
            except ValueError:
                continue
            if not isinstance(value, str):
                continue
            blocks = _markup_blocks(value) if markup else _text_blocks(value)
            length = sum(len(block.text) for block in blocks if block.kind == "para")
            if length > best_length and has_story(blocks):
                best, best_length = blocks, length
    return best


def _markup_blocks(markup: str) -> list[Block]:
    """The paragraphs and subheads of a piece of markup (its captions as caption blocks)."""
    try:
        fragment = lxml.html.fragment_fromstring(markup, create_parent="div")
    except (etree.ParserError, ValueError):
        return []
    blocks: list[Block] = []
    for element in fragment.iter("p", *_HEADINGS):
        text = visible_text(element)
        if not text or mostly_links(element):
            continue
        if _in_caption(element):
            blocks.append(Block(text, "caption"))
        else:
            blocks.append(Block(text, "para" if element.tag == "p" else "heading"))
    return blocks


def _in_caption(paragraph: etree._Element) -> bool:
    for element in (paragraph, *paragraph.iterancestors()):
        if element.tag in ("figure", "figcaption") or _CAPTION.search(element.get("class") or ""):
            return True
    return False


def _text_blocks(text: str) -> list[Block]:
    """A story's plain text: a paragraph a line."""
    return [Block(line) for line in map(norm, text.splitlines()) if line]


def baseline_blocks(body: etree._Element | None) -> list[Block]:
    """The blocks of trafilatura's baseline body (a ``<p>`` a text, a line of the page's text
    each when it took the whole page), or none when they do not read as a story.

    Tuning part, on the 7 pages of wcxb-dev and fundus-dev whose prose paragraphs and scripts
    give no story: word-bag F1 0.48 to 1.00 (mean 0.81); over all their pages, the baseline
    alone scores 0.863 (wcxb-dev) and 0.827 (fundus-dev)."""
    if body is None:
        return []
    blocks = [
        Block(line)
        for paragraph in body.iter("p")
        for line in map(norm, (paragraph.text or "").splitlines())
        if line
    ]
    return blocks if has_story(blocks) else []


def unless_links(blocks: list[Block], tree: etree._Element) -> list[Block]:
    """Blocks found on a page with no story, unless half their words are the page's link
    texts (a menu): a page of a line or two of text gives that text rather than nothing."""
    linked: set[str] = set()
    for link in islice(tree.iter("a"), _LINKS):
        linked.update(visible_text(link).split())
    words = [word for block in blocks for word in block.text.split()]
    if sum(word in linked for word in words) * 2 >= len(words):
        return []
    return blocks
