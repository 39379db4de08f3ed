"""The page's schema.org JSON-LD: the article's authors (typed), publication date, headline and
its images' captions and credits. Pure reading: no judgement of the values here.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import lxml.html

#: Objects that describe the story itself (schema.org's Article and its kinds, and the pages
#: that carry one: a NewsArticle, a BlogPosting, a ReportageNewsArticle, a WebPage).
_STORY_TYPES = ("Article", "BlogPosting", "Posting", "Report", "WebPage", "LiveBlogPosting")
_AT_MOST = 200_000  # characters of one script read at most: a feed of stories is no metadata


#: An author given as a web address (an ``@id`` the page never defines): a reference, no name.
#: On the tuning part 2 pages gave one (no page changed: their meta tags name no author).
_ADDRESS = re.compile(r"\s*(?:https?:)?//|\s*/\S*$")


@dataclass
class LinkedData:
    """What the page's JSON-LD says about its story."""

    persons: list[str] = field(default_factory=list)  # authors typed Person (or plain names)
    organisations: list[str] = field(default_factory=list)  # authors typed Organization
    published: str | None = None
    modified: str | None = None
    headline: str | None = None
    captions: list[tuple[str, str | None]] = field(default_factory=list)  # (caption, credit)
    copyright_holder: str | None = None
    copyright_year: str | None = None
    copyright_notice: str | None = None
    news: bool = False  # the story is typed a NewsArticle (or a kind of one)


def read_linked_data(tree: lxml.html.HtmlElement) -> LinkedData:
    """The story's JSON-LD, from every ``application/ld+json`` script of the page (scripts
    that do not parse are passed over)."""
    data = LinkedData()
    for script in tree.iterfind(".//script[@type='application/ld+json']"):
        text = script.text or ""
        if not text.strip() or len(text) > _AT_MOST:
            continue
        try:
            value = json.loads(text, strict=False)
        except ValueError:
            continue
        for item in _objects(value):
            if _is_story(item):
                _read_story(item, data)
    return data


def _objects(value: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    """Every object at the top of a JSON-LD value: lists and ``@graph`` opened, a few deep."""
    if depth > 3:
        return
    if isinstance(value, list):
        for item in value:
            yield from _objects(item, depth + 1)
    elif isinstance(value, dict):
        yield value
        if "@graph" in value:
            yield from _objects(value["@graph"], depth + 1)
        main = value.get("mainEntity")
        if isinstance(main, dict | list):
            yield from _objects(main, depth + 1)


def _types(item: dict[str, Any]) -> list[str]:
    kind = item.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return [k for k in kinds if isinstance(k, str)]


def _is_story(item: dict[str, Any]) -> bool:
    return any(k.endswith(_STORY_TYPES) for k in _types(item)) and (
        "author" in item or "datePublished" in item or "headline" in item
    )


def _read_story(item: dict[str, Any], data: LinkedData) -> None:
    data.news = data.news or any(k.endswith("NewsArticle") for k in _types(item))
    authors = item.get("author")
    for author in authors if isinstance(authors, list) else [authors]:
        name, kind = _name(author)
        if not name:
            continue
        target = data.organisations if kind == "org" else data.persons
        if name not in target:
            target.append(name)
    data.published = data.published or _text(item.get("datePublished"))
    data.modified = data.modified or _text(item.get("dateModified"))
    data.headline = data.headline or _text(item.get("headline"))
    images = item.get("image")
    for image in images if isinstance(images, list) else [images]:
        if isinstance(image, dict):
            caption = _text(image.get("caption")) or _text(image.get("description"))
            credit = _text(image.get("creditText")) or _name(image.get("copyrightHolder"))[0]
            if caption and (caption, credit) not in data.captions:
                data.captions.append((caption, credit))
    data.copyright_holder = data.copyright_holder or _name(item.get("copyrightHolder"))[0]
    year = item.get("copyrightYear")
    year = str(year) if isinstance(year, int) else _text(year)
    data.copyright_year = data.copyright_year or year
    data.copyright_notice = data.copyright_notice or _text(item.get("copyrightNotice"))


def _name(value: Any) -> tuple[str | None, str]:
    """An author value's name and kind: 'person', 'org', or 'unknown' for a bare string."""
    if isinstance(value, str):
        return (None if _ADDRESS.match(value) else _text(value)), "unknown"
    if isinstance(value, dict):
        kinds = _types(value)
        kind = (
            "org"
            if any(k in ("Organization", "NewsMediaOrganization", "Corporation") for k in kinds)
            else "person"
        )
        return _text(value.get("name")), kind
    return None, "unknown"


def _text(value: Any) -> str | None:
    if isinstance(value, list) and value:
        value = value[0]
    if isinstance(value, str):  # some sites escape their JSON-LD's text as HTML ('&amp;')
        return " ".join(html.unescape(value).split()) or None
    return None
