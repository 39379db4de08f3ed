"""trafilatura and htmldate: the only module that imports them. The main content of a page
(its fast mode first, its full mode when that finds little), and the metadata its readers and
htmldate find.
"""

from __future__ import annotations

import logging
from typing import Any

import lxml.html
from lxml import etree

from ..errors import InputError

for _logger in ("trafilatura", "htmldate", "courlan", "readability", "justext"):
    logging.getLogger(_logger).setLevel(logging.CRITICAL)


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


def extract_body(
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


def _length(doc: Any) -> int:
    return 0 if doc is None else len("".join(doc.body.itertext()))


def read_metadata(tree: lxml.html.HtmlElement, url: str | None) -> dict[str, Any]:
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
