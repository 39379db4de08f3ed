"""trafilatura and htmldate: the only module that imports them. The main content of a page
(its fast mode first, its full mode when that finds little), and the metadata its readers and
htmldate find.
"""

from __future__ import annotations

import copy
import functools
import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import lxml.html
from lxml import etree

from ..errors import InputError
from .trafilatura_paths import standing_in

_LIBRARIES = ("trafilatura", "htmldate", "courlan", "readability", "justext")


class _QuietWhileCalled(logging.Filter):
    """Drops the extraction libraries' log records emitted by a thread while it is inside one of
    our calls to them (their warnings about a page are this module's business); records of other
    threads, and of the libraries used elsewhere in the process, pass untouched."""

    def __init__(self) -> None:
        super().__init__()
        self.threads: set[int] = set()

    def filter(self, record: logging.LogRecord) -> bool:
        return threading.get_ident() not in self.threads


_QUIET = _QuietWhileCalled()
_QUIET_LOCK = threading.Lock()


#: The loggers the filter is on while some thread is inside a call.
_FILTERED: list[logging.Logger] = []


#: The libraries' loggers as last listed, and the size of logging's registry then.
_LISTED: tuple[int, list[logging.Logger]] = (-1, [])


def _library_loggers() -> list[logging.Logger]:
    """The libraries' loggers and their children ('trafilatura.core'): a logger's filter sees
    only the records logged to it, not those its children pass up. Listed again only when
    logging's registry has grown (a logger made since): listing them took 90 µs, four times a
    page. A place-holder of the libraries' (the parent of a child logged to before it) is made
    a logger when listed, so it cannot turn into one later unseen."""
    global _LISTED
    registry = logging.root.manager.loggerDict
    if _LISTED[0] != len(registry):
        names = [
            name
            for name, logger in list(registry.items())
            if name.split(".", 1)[0] in _LIBRARIES and not isinstance(logger, logging.Logger)
        ]
        for name in names:  # (a logger with no level, handler or filter: nothing changes)
            logging.getLogger(name)
        children = [
            logger
            for name, logger in registry.items()
            if name.split(".", 1)[0] in _LIBRARIES and isinstance(logger, logging.Logger)
        ]
        listed = list(dict.fromkeys([*map(logging.getLogger, _LIBRARIES), *children]))
        _LISTED = (len(registry), listed)
    return _LISTED[1]


@contextmanager
def _quiet() -> Iterator[None]:
    with _QUIET_LOCK:
        if not _QUIET.threads:
            _FILTERED[:] = _library_loggers()
            for logger in _FILTERED:
                logger.addFilter(_QUIET)
        _QUIET.threads.add(threading.get_ident())
    try:
        yield
    finally:
        with _QUIET_LOCK:
            _QUIET.threads.discard(threading.get_ident())
            if not _QUIET.threads:
                for logger in _FILTERED:
                    logger.removeFilter(_QUIET)
                _FILTERED.clear()


#: trafilatura's options: no comments, tables kept; images left out (their alt texts are not
#: the story; captions are found on the raw page).
_OPTIONS: dict[str, Any] = {
    "include_comments": False,
    "include_tables": True,
    "include_images": False,
    "include_formatting": False,
    "output_format": "xml",
}
#: trafilatura runs in its fast mode first; its full mode (readability and justext compared
#: with its own result) runs too when the fast body is short: under this many characters, or
#: under ``RETRY_BELOW_SHARE`` of the page's text. The longer body is kept.
RETRY_BELOW_CHARS = 500
#: The fast body's share of the page's text under which the full mode runs too. Tuning part,
#: trafilatura's body alone (word-bag F1 on wcxb-dev / fundus-dev, CPU for 701 pages): fast
#: only 0.925 / 0.932 (8.6 s); under 500 characters only (before) 0.937 / 0.932 (9.2 s);
#: share 0.1: 0.943 / 0.932 (9.6 s); 0.15 and 0.2: 0.947 / 0.932 (10.1, 10.7 s); 0.25: 0.947 /
#: 0.925 (a page whose full mode took the stories around it); the full mode always: 0.948 /
#: 0.936 (11.8 s). A fast body that is a small part of the page is the partial one. Validation
#: part, the cleaner without this retry (500 characters only): wcxb-dev 0.9323 -> 0.9232,
#: trafilatura-dev with/without 91.99% -> 91.93%, fundus-dev unchanged.
RETRY_BELOW_SHARE = 0.15
#: A fast body with a paragraph of this many short lines is trafilatura's dump of the whole
#: page's text (its last resort when it finds no article: one ``<p>``, a line per text node),
#: and the full mode runs too. Tuning part: two pages give such a dump, with 150 and 293
#: short lines (a menu, a link list; the most in one paragraph of any other page is 20);
#: fundus-dev us-WashingtonTimes body F1 0.133 -> 0.996.
DUMP_LINES = 50
#: Characters under which a line of a dump is short.
_SHORT_LINE = 30
#: A fast body that is one run of text (a paragraph of this many characters at least, holding
#: ``RUN_SHARE`` of the body) is trafilatura's dump of the page's text without line breaks:
#: the full mode runs too, and its body is kept when it holds ``RUN_KEEP`` of the dump's
#: characters (a dump also holds the page's furniture). Tuning part: 14 of 701 pages give such
#: a body; trafilatura's F1 on wcxb-dev 0.889 -> 0.951 and 0.946 -> 0.999 on two pages, the
#: same on the others (fundus-dev us-WashingtonTimes 0.133 -> 0.996, already retried above);
#: one trafilatura-dev page whose full body is a sixth of the dump keeps the dump. Validation
#: part, the cleaner without both dump tests: trafilatura-dev with/without 91.99% -> 91.93%,
#: wcxb-dev and fundus-dev unchanged.
RUN_CHARS = 2000
RUN_SHARE = 0.8
RUN_KEEP = 0.5


def extract_body(
    tree: lxml.html.HtmlElement, url: str | None, name: str | None
) -> etree._Element | None:
    """trafilatura's structured body of the page (its ``<body>`` element of XML output), or
    ``None`` when it finds none. Raises :class:`InputError` when the extractor fails."""
    import trafilatura

    with _quiet(), standing_in():
        try:
            doc = trafilatura.bare_extraction(tree, options=_extractor(url, fast=True))
            length = _length(doc)
            run = _one_run(doc, length)
            if run or _partial(length, tree) or _dumped(doc):
                full = trafilatura.bare_extraction(tree, options=_extractor(url, fast=False))
                full_length = _length(full)
                if full_length > length or (run and full_length >= RUN_KEEP * length):
                    doc = full
        except RecursionError:
            raise InputError("markup nested too deeply to extract", name) from None
        except Exception as exc:  # a failure inside the extractor is this input's failure alone
            raise InputError(f"extraction failed ({type(exc).__name__}: {exc})", name) from None
    body: etree._Element | None = getattr(doc, "body", None)  # a Document, not a dict
    return body


@functools.cache
def _template(fast: bool) -> Any:
    """trafilatura's options (:data:`_OPTIONS`) for its fast or its full mode, no URL: built
    once, since building them (reading its configuration) took 390 µs a call."""
    from trafilatura.settings import Extractor

    return Extractor(
        output_format=_OPTIONS["output_format"],
        fast=fast,
        comments=_OPTIONS["include_comments"],
        formatting=_OPTIONS["include_formatting"],
        images=_OPTIONS["include_images"],
        tables=_OPTIONS["include_tables"],
    )


def _extractor(url: str | None, *, fast: bool) -> Any:
    """The options ``bare_extraction`` would build from :data:`_OPTIONS` for this URL: a copy
    of the template with the URL (and the source its log messages name) set, as its
    constructor sets them (its date options, with today's date, serve only its metadata
    search, which is off)."""
    options = copy.copy(_template(fast))
    options.url = url
    options.source = url.encode("utf-8", "replace").decode("utf-8") if url else None
    return options


def baseline_body(tree: lxml.html.HtmlElement) -> etree._Element | None:
    """trafilatura's baseline body of the page (the JSON-LD's text, its longest ``<article>``,
    its text paragraphs, else the whole text of its ``<body>``, a ``<p>`` each, the last one a
    line a text node), or ``None`` when it finds no text. The page's tree is left untouched."""
    from trafilatura import baseline

    with _quiet(), standing_in():
        try:
            body, _, length = baseline(tree)
        except Exception:  # (deep nesting too) a last resort that fails gives nothing
            return None
    return body if length else None


def _partial(length: int, tree: lxml.html.HtmlElement) -> bool:
    """Whether a body of this many characters looks partial: short, or a small part of the
    page's text (runs of white space counted as one; the raw count, never smaller, first)."""
    if length < RETRY_BELOW_CHARS:
        return True
    body = tree.find("body")
    if body is None:
        return False
    text = etree.tostring(body, method="text", encoding="unicode")
    if length >= RETRY_BELOW_SHARE * len(text):
        return False
    return length < RETRY_BELOW_SHARE * len(" ".join(text.split()))


def _dumped(doc: Any) -> bool:
    """Whether a body is trafilatura's dump of the page's text: a paragraph of many short
    lines."""
    if doc is None:
        return False
    for paragraph in doc.body.iter("p"):
        text = paragraph.text or ""
        if text.count("\n") >= DUMP_LINES:
            lengths = [len(line.strip()) for line in text.split("\n")]
            if sum(0 < length < _SHORT_LINE for length in lengths) >= DUMP_LINES:
                return True
    return False


def _one_run(doc: Any, length: int) -> bool:
    """Whether a body is one run of text: a paragraph that holds nearly all of it."""
    if doc is None or length < RUN_CHARS:
        return False
    for paragraph in doc.body.iter("p"):
        size = sum(map(len, paragraph.itertext()))
        if size >= RUN_CHARS and size >= RUN_SHARE * length:
            return True
    return False


def _length(doc: Any) -> int:
    """The characters of a body's texts (summed: not joined into one text first)."""
    return 0 if doc is None else sum(map(len, doc.body.itertext()))


def read_metadata(tree: lxml.html.HtmlElement, url: str | None) -> dict[str, Any]:
    """Title, author and site name from the page's meta tags and JSON-LD (trafilatura's
    readers), and its date (htmldate's extensive search, as trafilatura runs it). Not
    trafilatura's own searches of the page for an author, a title or a site name: ours (byline,
    h1) are cheaper. A reader that fails leaves its fields out: a page is cleaned without them."""
    from htmldate import find_date
    from trafilatura import metadata as tm
    from trafilatura.settings import set_date_params

    found: dict[str, Any] = {}
    with _quiet():
        try:
            doc = tm.examine_meta(tree)
            doc = tm.extract_meta_json(tree, doc)
            found["title"] = doc.title or tree.findtext(".//head/title")
            found["author"] = doc.author
            found["sitename"] = doc.sitename
        except (ValueError, TypeError, AttributeError, KeyError, IndexError) as exc:
            found["error"] = f"metadata: {type(exc).__name__}"
        try:
            found["date"] = _dated(find_date(tree, url=url, **set_date_params(True)), tree, url)
        except (ValueError, TypeError, AttributeError, OverflowError) as exc:
            found["error"] = f"date: {type(exc).__name__}"
    return found


def _dated(date: str | None, tree: lxml.html.HtmlElement, url: str | None) -> str | None:
    """htmldate's date, less its last resorts: with no date found, its extensive search
    returns the first of January of a copyright line's year or of a year in the text. A
    first of January stands only when the fast search (markup and metadata) finds it too.
    On the tuning part 40 of 701 pages were given such a date, 39 of them pages with no gold
    date and one whose gold is another day (2025-01-01 for 2025-03-05): no date is right then.
    """
    from htmldate import find_date
    from trafilatura.settings import set_date_params

    if date is None or date[4:10] != "-01-01":
        return date
    return date if find_date(tree, url=url, **set_date_params(False)) == date else None


#: A date no dateparser locale reads: parsing it tries, and so prepares, every locale.
_NO_LOCALE_DATE = "xx 12 2020"


def import_libraries() -> None:
    """Import the extraction libraries an HTML page's reading imports on first use (htmldate,
    trafilatura and what they import): called by :meth:`cleaner.Cleaner.clean` where the
    patterns and classes their modules compile are taken from the cache folder
    (:func:`cleaner.pattern_cache.compiled_once`)."""
    import htmldate  # noqa: F401
    import trafilatura  # noqa: F401


def warm_up() -> None:
    """Prepare now what the first pages would: dateparser (run by htmldate's extensive search
    on a date only it can read) compiles every locale's patterns on first use, about 1 s of
    CPU; trafilatura's full mode, when its body is still short, runs justext with the
    stop words of all its languages, read and lower-cased on first use, about 1 s of CPU more
    (tuning part: the first such page was the 11th of the 60 that
    ``benchmarks/count_html_instructions.py`` counts, for the cleaner and for trafilatura's
    default alike). Processes forked after this call share them instead of each paying."""
    from htmldate.extractors import get_external_parser
    from trafilatura.external import try_justext

    with _quiet():
        try:
            get_external_parser().get_date_data(_NO_LOCALE_DATE)
        except Exception as exc:  # a warm-up that fails only leaves the cost to the first page
            logging.getLogger(__name__).debug("dateparser warm-up failed: %s", exc)
        try:  # (no language given: the stop words of every language, as the full mode runs it)
            try_justext(lxml.html.fromstring(_JUSTEXT_PAGE), None, None)
        except Exception as exc:
            logging.getLogger(__name__).debug("justext warm-up failed: %s", exc)


#: A page for justext's warm-up: one paragraph.
_JUSTEXT_PAGE = "<html><body><p>The council approved a park on Monday.</p></body></html>"
