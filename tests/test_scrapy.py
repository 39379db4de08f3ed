"""The Scrapy pipeline in a real crawl: a spider (a subprocess, as `scrapy runspider`) fetches
fixture pages from an HTTP server on 127.0.0.1; the items carry the command's Articles, and
pages the cleaner fails on (no story, a PDF, a bug) are dropped with their reason while the
crawl goes on."""

from __future__ import annotations

from .engine_pages import require

require("scrapy")

import functools
import json
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from cleaner import Article

from .engine_pages import MENU, command_articles, pages
from .scrapy_spider import BUG_MARKER

SPIDER = Path(__file__).with_name("scrapy_spider.py")


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def site(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """The fixture pages and a page with no story, served with a start page linking them."""
    root = tmp_path / "site"
    root.mkdir()
    names = []
    for i, (_, body) in enumerate(pages()):
        name = "menu.html" if body == MENU else f"page-{i}.html"
        (root / name).write_bytes(body)
        names.append(name)
    (root / "report.pdf").write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n")
    (root / "bug.html").write_bytes(pages(1)[0][1] + BUG_MARKER)
    names += ["report.pdf", "bug.html"]  # the cleaner raises on both: refused, and a bug
    links = "".join(f'<a href="{name}">{name}</a>' for name in names)
    (root / "index.html").write_text(f"<html><body>{links}</body></html>")
    handler = functools.partial(QuietHandler, directory=str(root))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", root
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def test_a_crawl_cleans_each_page_into_the_item(site: tuple[str, Path], tmp_path: Path) -> None:
    start, root = site
    out = tmp_path / "items.jsonl"
    crawl = subprocess.run(
        [
            sys.executable,
            "-m",
            "scrapy",
            "runspider",
            str(SPIDER),
            "-a",
            f"start={start}",
            "-O",
            str(out),
        ],
        capture_output=True,
        timeout=300,
        check=False,
        cwd=tmp_path,
    )
    assert crawl.returncode == 0, crawl.stderr.decode()[-3000:]
    log = crawl.stderr.decode()
    items = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert all("html" not in item for item in items)  # the page replaced by its Article
    crawled = {item["url"]: Article.from_dict(item) for item in items}
    for page in root.glob("page-*.html"):  # the command gets the same URLs from sidecars
        page.with_suffix(".url").write_text(start + page.name)
    expected = command_articles(*sorted(str(p) for p in root.glob("page-*.html")))
    assert len(expected) == len(pages()) - 1
    assert crawled == expected
    assert f"Dropped: {start}menu.html: no story found" in log
    # pages that make the cleaner raise are dropped with the reason; the crawl goes on
    assert f"Dropped: {start}report.pdf: input is a PDF document, not a page" in log
    assert (
        f"Dropped: {start}bug.html: internal error (RuntimeError: a bug met on this page); "
        "please report it"
    ) in log
    assert "Traceback" not in log


@pytest.mark.parametrize(
    ("item", "reason"),
    [
        (
            {"url": "https://x.example/a", "html": 42},
            "https://x.example/a: the item's 'html' field is int, not the page "
            "(str or bytes, e.g. response.body)",
        ),
        (
            {"url": "https://x.example/a", "html": ["<p>a</p>"]},
            "https://x.example/a: the item's 'html' field is list, not the page "
            "(str or bytes, e.g. response.body)",
        ),
        (
            {"url": 7, "html": "<p>A page.</p>"},
            "item: the item's 'url' field is int, not the page's URL (str, e.g. response.url)",
        ),
        (
            {"url": b"https://x.example/caf\xe9", "html": "<p>A page.</p>"},
            "item: the item's 'url' field is bytes that are not UTF-8 (byte 0xe9 at position 21), "
            "not the page's URL",
        ),
    ],
    ids=["int-page", "list-page", "int-url", "latin-1-bytes-url"],
)
def test_an_item_field_of_the_wrong_type_is_named(item: dict[str, object], reason: str) -> None:
    # a spider's item of the wrong type is the spider's error: before, 'internal error
    # (TypeError: clean() takes the page as str or bytes, not int); please report it'
    from scrapy.exceptions import DropItem

    from cleaner.integrations.scrapy import CleanerPipeline

    with pytest.raises(DropItem) as dropped:
        CleanerPipeline().process_item(item)
    assert str(dropped.value) == reason


@pytest.mark.parametrize(
    "url", [b"https://x.example/caf\xc3\xa9", bytearray(b"https://x.example/a")]
)
def test_a_url_in_bytes_is_decoded(url: bytes) -> None:
    # a URL taken from a header (response.headers[b"Location"]) is bytes: the item was dropped
    # as a wrong type; now read as UTF-8, used for the page (its host's rules) and kept as str
    from cleaner.integrations.scrapy import CleanerPipeline

    page = (
        "<html><body><article><h1>A park</h1><p>The city council approved a new park on "
        "Monday after a long debate about the riverside land, the mayor said.</p><p>The park "
        "will open next year, and the council will pay for its upkeep, officials said.</p>"
        "</article></body></html>"
    )
    item = CleanerPipeline().process_item({"url": url, "html": page})
    assert item["url"] == bytes(url).decode("utf-8")
    assert "new park on Monday" in item["body"]


def test_an_item_class_without_the_articles_fields_is_dropped_naming_them() -> None:
    # a scrapy.Item declaring only url and html: setting 'title' raised "KeyError: 'Page does
    # not support field: title'", a traceback in the crawl's log for every item
    import scrapy
    from scrapy.exceptions import DropItem

    from cleaner.integrations.scrapy import CleanerPipeline

    class Page(scrapy.Item):
        url = scrapy.Field()
        html = scrapy.Field()

    page = (
        "<html><body><article><h1>A park</h1><p>The city council approved a new park on "
        "Monday after a long debate about the riverside land, the mayor said.</p><p>The park "
        "will open next year, and the council will pay for its upkeep, officials said.</p>"
        "</article></body></html>"
    )
    with pytest.raises(DropItem) as dropped:
        CleanerPipeline().process_item(Page(url="https://x.example/a", html=page))
    assert str(dropped.value) == (
        "https://x.example/a: the item class Page does not declare the Article's fields "
        "title, authors, byline, dateline, date, source, credits, copyright, captions, body: "
        "declare them (scrapy.Field()) or yield dicts"
    )

    class Declared(Page):
        title, authors, byline, dateline = (scrapy.Field() for _ in range(4))
        date, source, credits, copyright = (scrapy.Field() for _ in range(4))
        captions, body = scrapy.Field(), scrapy.Field()

    item = CleanerPipeline().process_item(Declared(url="https://x.example/a", html=page))
    assert "new park on Monday" in item["body"] and "html" not in item
