"""The site's name an address spells, under a country's second-level domain ('co.uk',
'gv.at', 'com.au'), and the title it cuts: the name is the label before that domain, not 'co'
or 'gv'."""

from __future__ import annotations

import pytest

from cleaner import Cleaner
from cleaner.page_url import site_from_url

from .html_pages import page, paragraphs

HEADLINE = "Council votes to build a new bridge over the river"


@pytest.fixture(scope="module")
def cleaner() -> Cleaner:
    return Cleaner()


@pytest.mark.parametrize(
    ("url", "site"),
    [
        ("https://www.citynews.com/a", "citynews"),
        ("https://www.bundeskanzleramt.gv.at/a", "bundeskanzleramt"),
        ("https://www.thisismoney.co.uk/money/a", "thisismoney"),
        ("https://www.news.com.au/a", "news"),
        ("https://www.folha.uol.com.br/a", "uol"),
        ("https://orf.at/stories/1", "orf"),  # a name of two or three letters under a country
        ("https://wien.orf.at/stories/1", "orf"),
        ("https://sub.example.blogspot.com/x", "example"),  # a private suffix: the blog's name
        ("http://192.168.0.1/a", None),  # no registered domain: no site's name
        ("https://co.uk/a", "co"),  # nothing before the second-level domain: left as it is
        (None, None),
    ],
)
def test_the_site_is_the_label_before_a_second_level_domain(url: str | None, site: str) -> None:
    assert site_from_url(url) == site


def _titled(title: str) -> str:
    return page(paragraphs(), head=f"<title>{title}</title>")


def test_a_site_named_by_its_address_under_gv_at_is_cut_off_the_title(cleaner: Cleaner) -> None:
    url = "https://www.bundeskanzleramt.gv.at/nachrichten/2022/02/bruecke.html"
    result = cleaner.clean(_titled(f"{HEADLINE} - Bundeskanzleramt Österreich"), url=url)
    assert result.title == HEADLINE


def test_a_segment_holding_co_is_no_site_name_on_a_co_uk_page(cleaner: Cleaner) -> None:
    # the address's 'co' once stood for the site, and every segment holding it was cut
    url = "https://www.riverside.co.uk/news/bridge"
    title = f"{HEADLINE} - a decade of controversy"
    assert cleaner.clean(_titled(title), url=url).title == title
