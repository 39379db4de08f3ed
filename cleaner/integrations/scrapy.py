"""A Scrapy item pipeline that cleans a page's HTML into fields of the item.

The spider puts the response in the item; the pipeline replaces it by the Article::

    # spider
    def parse(self, response):
        yield {"url": response.url, "html": response.body}

    # settings.py
    ITEM_PIPELINES = {"cleaner.integrations.scrapy.CleanerPipeline": 300}

The item then holds ``url`` and the Article's fields (``title``, ``authors``, ``byline``,
``dateline``, ``date``, ``source``, ``credits``, ``copyright``, ``captions``, ``body``; with
``CLEANER_EXPLAIN``, ``removed``); the HTML is removed from it unless ``CLEANER_KEEP_INPUT``.
A page with no story is dropped (``DropItem`` with the reason), unless ``CLEANER_ALLOW_EMPTY``;
so is a page the cleaner raises on, whatever it raises (a refused input: ``input is a PDF
document, not a page``; a bug: ``internal error (…); please report it``), and an item whose
page or URL field has the wrong type (``the item's 'html' field is int, not the page …``; a
URL in bytes is decoded from UTF-8 and put back as str, bytes that are not UTF-8 are named):
Scrapy logs the drop and counts it, and the crawl goes on. An item class must declare those
fields (or use a dict): one that does not is dropped naming the missing ones. Settings:
``CLEANER_RULES`` (extra rule folders), ``CLEANER_DISABLE`` (ids), ``CLEANER_EXPLAIN``,
``CLEANER_INPUT_FIELD`` (default ``html``), ``CLEANER_URL_FIELD`` (default ``url``),
``CLEANER_KEEP_INPUT``, ``CLEANER_ALLOW_EMPTY``.

Pages are cleaned in the crawl's process, one at a time (a page takes tens of milliseconds),
with no time limit and no process of their own: a page that hangs the cleaner holds up the
crawl, unlike in the command and the datatrove and Spark steps.
"""

from __future__ import annotations

from typing import Any

from itemadapter import ItemAdapter
from scrapy.exceptions import DropItem

from ..api import Cleaner
from ..batch import failure_reason
from ..inputs import Source
from ..many import CleanWork


class CleanerPipeline:
    """Clean ``item[input_field]`` (the page's HTML, bytes or str) into the item's fields."""

    def __init__(
        self,
        *,
        rules: list[str] | tuple[str, ...] = (),
        disable: list[str] | tuple[str, ...] = (),
        explain: bool = False,
        input_field: str = "html",
        url_field: str = "url",
        keep_input: bool = False,
        allow_empty: bool = False,
    ) -> None:
        cleaner = Cleaner(rule_dirs=rules, disable=disable, explain=explain)
        self.work = CleanWork(cleaner, allow_empty=allow_empty)
        self.explain = explain
        self.input_field = input_field
        self.url_field = url_field
        self.keep_input = keep_input

    @classmethod
    def from_crawler(cls, crawler: Any) -> CleanerPipeline:
        """The pipeline configured from the crawler's ``CLEANER_*`` settings."""
        settings = crawler.settings
        return cls(
            rules=settings.getlist("CLEANER_RULES"),
            disable=settings.getlist("CLEANER_DISABLE"),
            explain=settings.getbool("CLEANER_EXPLAIN"),
            input_field=settings.get("CLEANER_INPUT_FIELD", "html"),
            url_field=settings.get("CLEANER_URL_FIELD", "url"),
            keep_input=settings.getbool("CLEANER_KEEP_INPUT"),
            allow_empty=settings.getbool("CLEANER_ALLOW_EMPTY"),
        )

    def process_item(self, item: Any, spider: Any = None) -> Any:
        """Clean one item's page; raise ``DropItem`` with the reason when it has no story or
        the cleaner raises on it."""
        adapter = ItemAdapter(item)
        data = adapter.get(self.input_field)
        url = adapter.get(self.url_field)
        if isinstance(url, bytes | bytearray):
            # a URL read from a header (response.headers[b"Location"]) is bytes: decoded, and
            # the item holds it as str after (an exporter writes no bytes to JSON)
            try:
                url = adapter[self.url_field] = bytes(url).decode("utf-8")
            except UnicodeDecodeError as exc:
                raise DropItem(
                    f"item: the item's {self.url_field!r} field is bytes that are not UTF-8 "
                    f"({_bad_bytes(exc)}), not the page's URL"
                ) from None
        name = url if isinstance(url, str) and url else "item"
        if data is None:
            raise DropItem(f"{name}: no {self.input_field!r} field to clean")
        # an item's field of the wrong type is the spider's error, not the cleaner's: named
        # (the field, its type), where it was 'internal error (TypeError: …); please report it'
        if not isinstance(data, str | bytes | bytearray):
            raise DropItem(
                f"{name}: the item's {self.input_field!r} field is {type(data).__name__}, "
                "not the page (str or bytes, e.g. response.body)"
            )
        if url is not None and not isinstance(url, str):
            raise DropItem(
                f"{name}: the item's {self.url_field!r} field is {type(url).__name__}, "
                "not the page's URL (str, e.g. response.url)"
            )
        page = bytes(data) if isinstance(data, bytearray) else data
        try:
            cleaned = self.work(Source(name, data=page, url=url))
        except Exception as exc:  # whatever the cleaner raises drops this item alone
            raise DropItem(f"{name}: {failure_reason(exc)}") from None
        fields = cleaned.article.to_dict(with_removed=self.explain)
        _check_fields(item, fields, name)
        for field, value in fields.items():
            adapter[field] = value
        if cleaned.url and not url:
            adapter[self.url_field] = cleaned.url
        if not self.keep_input:
            del adapter[self.input_field]
        return item


def _bad_bytes(exc: UnicodeDecodeError) -> str:
    """``byte 0xe9 at position 21``: where a URL's bytes stop being UTF-8."""
    return f"byte 0x{exc.object[exc.start]:02x} at position {exc.start}"


def _check_fields(item: Any, fields: dict[str, Any], name: str) -> None:
    """Drop, naming them, an item whose class (a ``scrapy.Item``, a dataclass …) does not
    declare the Article's fields, where setting the first raised ``KeyError: 'Page does not
    support field: title'`` with a traceback for every item."""
    declared = ItemAdapter.get_field_names_from_class(type(item))
    if declared is None:
        return  # a dict takes any field
    missing = [field for field in fields if field not in declared]
    if missing:
        raise DropItem(
            f"{name}: the item class {type(item).__name__} does not declare the Article's fields "
            f"{', '.join(missing)}: declare them (scrapy.Field()) or yield dicts"
        )
