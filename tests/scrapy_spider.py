"""The spider of the Scrapy test: follows every link of a start page and yields each page's
URL and body, which CleanerPipeline cleans. Run: scrapy runspider … -a start=URL -O out.jsonl"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import scrapy


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

    def parse(self, response: Any) -> Iterator[Any]:
        yield from response.follow_all(css="a", callback=self.parse_page)

    def parse_page(self, response: Any) -> Iterator[dict[str, Any]]:
        yield {"url": response.url, "html": response.body}
