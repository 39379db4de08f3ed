"""The spider of the Scrapy test: follows every link of a start page and yields each page's
URL and body, which CleanerPipeline cleans. Run: scrapy runspider … -a start=URL -O out.jsonl

To see the pipeline meet a bug of the cleaner in a real crawl, the cleaner in the crawl's process
raises an unexpected error (a RuntimeError) on a page holding :data:`BUG_MARKER`; every other
page is cleaned as usual."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import scrapy

from cleaner import Cleaner

BUG_MARKER = b"<!-- raise a bug in the cleaner -->"
_clean = Cleaner.clean


def _clean_with_a_bug(self: Cleaner, source: str | bytes, **options: Any) -> Any:
    page = source.encode() if isinstance(source, str) else source
    if BUG_MARKER in page:
        raise RuntimeError("a bug met on this page")
    return _clean(self, source, **options)


class PagesSpider(scrapy.Spider):
    name = "pages"
    custom_settings = {  # noqa: RUF012 (Scrapy's own convention)
        "ITEM_PIPELINES": {"cleaner.integrations.scrapy.CleanerPipeline": 300},
        "ROBOTSTXT_OBEY": False,
        "TELNETCONSOLE_ENABLED": False,
        "LOG_LEVEL": "INFO",
    }

    def __init__(self, start: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.start_urls = [start]
        Cleaner.clean = _clean_with_a_bug  # type: ignore[method-assign]  # in the crawl only

    def parse(self, response: Any) -> Iterator[Any]:
        yield from response.follow_all(css="a", callback=self.parse_page)

    def parse_page(self, response: Any) -> Iterator[dict[str, Any]]:
        yield {"url": response.url, "html": response.body}
