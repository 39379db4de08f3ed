"""A title's segment the page names as the site's or a section's is cut off the title (the
brief: a title never carries the site's or a section's segment), at either end and again while
the next is one too; and a page's meta titles garbled by a wrong decoding are repaired as a
text dump is (``normalize.repair_mojibake``)."""

from __future__ import annotations

import pytest

from cleaner import Cleaner
from cleaner.html.title import section_labels, without_site_segments
from cleaner.page_url import address_folders

from .html_pages import page, paragraphs

HEADLINE = "Council votes to build a new bridge over the river"
OTHER = "The river crossing that took a decade to agree"


@pytest.fixture(scope="module")
def cleaner() -> Cleaner:
    return Cleaner()


def _page(head: str, h1: str | None = None) -> str:
    article = (f"<h1>{h1}</h1>" if h1 else "") + paragraphs()
    return page(article, head=head)


def test_the_site_s_name_twice_and_printed_in_the_h1_is_cut(cleaner: Cleaner) -> None:
    # og:site_name names the site; the h1 prints the headline with it once
    head = (
        f"<title>{HEADLINE} – Riverpost - Riverpost</title>"
        "<meta property='og:site_name' content='Riverpost'>"
    )
    url = "https://www.riverpost.com/news/bridge"
    result = cleaner.clean(_page(head, f"{HEADLINE} – Riverpost"), url=url)
    assert result.title == HEADLINE


def test_the_address_s_site_name_before_the_headline_is_cut(cleaner: Cleaner) -> None:
    url = "https://www.riverpost.com/news/bridge"
    result = cleaner.clean(_page(f"<title>Riverpost | {HEADLINE}</title>"), url=url)
    assert result.title == HEADLINE


def test_a_section_the_address_files_the_page_under_is_cut(cleaner: Cleaner) -> None:
    url = "https://www.citypaper.com/story/opinion/contributors/2025/12/19/bridge/87830855007/"
    result = cleaner.clean(_page(f"<title>{HEADLINE} | Opinion</title>"), url=url)
    assert result.title == HEADLINE


def test_a_section_ending_two_wordings_of_the_headline_is_cut(cleaner: Cleaner) -> None:
    # no folder names it: <title> and og:title word the story differently, both end with it
    head = (
        f"<title>{OTHER} | Analysis</title>"
        f"<meta property='og:title' content='{HEADLINE} | Analysis'>"
    )
    result = cleaner.clean(_page(head, f"{HEADLINE} | Analysis"), url="https://ex.com/a/1")
    assert result.title == HEADLINE


def test_the_article_section_meta_names_a_section(cleaner: Cleaner) -> None:
    head = (
        f"<title>{HEADLINE} - Politics</title><meta property='article:section' content='Politics'>"
    )
    assert cleaner.clean(_page(head), url="https://ex.com/a/1").title == HEADLINE


@pytest.mark.parametrize(
    ("head", "url", "kept"),
    [
        # a segment the page names nowhere: a subtitle, a part
        (f"<title>{HEADLINE} - Part 1</title>", "https://ex.com/news/b", f"{HEADLINE} - Part 1"),
        # the page's own name in its address is no section ('bridge-plan' of '/news/bridge-plan')
        (
            f"<title>{HEADLINE} - Bridge Plan</title>",
            "https://ex.com/news/bridge-plan",
            f"{HEADLINE} - Bridge Plan",
        ),
        # a three-word end two wordings share is a subtitle, not a section's label
        (
            f"<title>{OTHER} – the vote came</title>"
            f"<meta property='og:title' content='{HEADLINE} – the vote came'>",
            "https://ex.com/a/1",
            f"{HEADLINE} – the vote came",
        ),
    ],
)
def test_a_segment_the_page_does_not_name_as_a_section_stays(
    cleaner: Cleaner, head: str, url: str, kept: str
) -> None:
    assert cleaner.clean(_page(head), url=url).title == kept


def test_cutting_stops_before_a_title_of_names_only() -> None:
    # 'gipfelbuch.ch - Outdoornews': the site's and a section's name, a section's index page
    names = ("gipfelbuch.ch", "gipfelbuch")
    assert without_site_segments("gipfelbuch.ch - Outdoornews", names, {"outdoornews"}) == (
        "gipfelbuch.ch - Outdoornews"
    )
    assert without_site_segments("Riverpost - Bridge", ["Riverpost"], set()) == (
        "Riverpost - Bridge"
    )  # the rest is shorter than a headline
    assert without_site_segments(f"{HEADLINE} - Riverpost", [None, ""], set()) == (
        f"{HEADLINE} - Riverpost"
    )


def test_section_labels() -> None:
    folders = address_folders("https://ex.com/story/us-news/2025/a-long-page-slug/123/")
    assert folders == ["story", "us-news", "2025", "a-long-page-slug"]
    labels = section_labels(folders, "Meinung", [f"{HEADLINE} | Opinion", f"{OTHER} | Opinion"])
    # the slug's four words and the year's digits name no section
    assert labels == {"story", "usnews", "meinung", "opinion"}


def test_mojibake_in_the_meta_titles_is_repaired(cleaner: Cleaner) -> None:
    garbled = "CafÃ© owners say the new bridge will bring them customers"
    head = f"<title>{garbled}</title><meta property='og:title' content='{garbled}'>"
    result = cleaner.clean(_page(head), url="https://ex.com/a/1")
    assert result.title == "Café owners say the new bridge will bring them customers"


def test_a_repaired_site_segment_is_cut(cleaner: Cleaner) -> None:
    # 'JOHNSONâ€™SÂ®' garbled in every meta title: repaired, it names the address's site
    head = f"<title>{HEADLINE} | JOHNSONâ\x80\x99SÂ®</title>"
    result = cleaner.clean(_page(head), url="https://www.johnsonsbaby.com/tips/bridge")
    assert result.title == HEADLINE
