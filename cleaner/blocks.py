"""The one intermediate representation: a page as an ordered tuple of blocks plus metadata.

Both input paths (plain text and HTML) produce a :class:`Page`; rules and fields only see this.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

# re-exported for the story model (passes/story.py, features.py), which imports it from here
from .lexicon import ends_sentence as ends_sentence

BlockKind = Literal["para", "heading", "list", "quote", "caption", "table"]


@dataclass(frozen=True, slots=True)
class Block:
    """One paragraph-like unit of a page: its normalized text and what kind of element it was."""

    text: str
    kind: BlockKind = "para"
    #: Where a text dump's lines may have held two paragraphs (a line ending a sentence, the
    #: next starting one): the pieces, which joined by spaces give ``text``. Empty otherwise.
    parts: tuple[str, ...] = ()
    #: For a text dump: the lines of the input the block was made from, as (first, end):
    #: indexes into ``text.split("\n")`` of the dump, end exclusive. (0, 0) when unknown.
    lines: tuple[int, int] = (0, 0)


@dataclass(frozen=True, slots=True)
class Found:
    """A value as the page gives it, not yet parsed, and where it was found ('json-ld',
    'meta', 'search', 'htmldate', 'headline')."""

    text: str
    source: str


@dataclass(frozen=True, slots=True)
class PageMeta:
    """What the page says about itself outside its text (HTML metadata, the caller's URL), as
    found: :func:`cleaner.assemble.assemble` parses it, once (:mod:`cleaner.page_fields`)."""

    title: str | None = None  # the headline the reader chose (the passes look for its repeats)
    #: Author fields, most trusted first: the first that names a person gives the authors.
    authors: tuple[Found, ...] = ()
    date: Found | None = None
    sitename: str | None = None
    url: str | None = None
    #: A byline printed outside the story's blocks (an HTML element: 'marked', 'unmarked').
    byline: Found | None = None
    #: The page's copyright notice ('story', 'footer', 'json-ld': :mod:`cleaner.html.notice`).
    copyright: Found | None = None
    #: Names the metadata's author fields give that the page prints nowhere (HTML only).
    unprinted: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Page:
    """A page ready for the rules: blocks in reading order and its metadata."""

    blocks: tuple[Block, ...]
    meta: PageMeta = field(default_factory=PageMeta)
    kind: Literal["html", "text"] = "text"
    #: Blocks the reader judged no part of the story, as (index in ``blocks``, pass id): the
    #: pipeline removes them under that id (HTML: an author's bio after the story).
    judged: tuple[tuple[int, str], ...] = ()


#: A story paragraph: a sentence of some length, or a long run of text.
STORY_WORDS, STORY_LONG_WORDS = 18, 35


@lru_cache(maxsize=1024)  # a page's blocks, a few hundred at most
def is_story_paragraph(text: str) -> bool:
    """A paragraph that reads as running text of a story, answered once per text: the story
    model's decisions, the headline's and the passes after them ask it some 160 times a seed
    document of a few dozen texts (a cached answer costs one lookup, where the word count's
    lookup and the sentence end cost some 1,300 instructions a call; the text path 10.03 ->
    9.87 million instructions a seed document).

    >>> is_story_paragraph("Related Articles")
    False
    """
    words = word_count(text)
    if words >= STORY_LONG_WORDS:
        return True
    return words >= STORY_WORDS and ends_sentence(text)


@lru_cache(maxsize=1024)  # a page's blocks, a few hundred at most
def word_count(text: str) -> int:
    """The words of a normalized text (one space between words), counted once per text: the
    story model's decisions and the headline's ask it of the same blocks many times over
    (a text's hash is computed once and kept with it, so asking again costs one lookup).

    >>> word_count("Related Articles")
    2
    """
    return text.count(" ") + 1
