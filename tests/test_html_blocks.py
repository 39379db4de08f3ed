"""The HTML path: trafilatura's body walked into typed blocks, fields from both sides."""

from __future__ import annotations

import json
from types import SimpleNamespace

import lxml.html
import pytest

from cleaner import Cleaner, pipeline
from cleaner.blocks import Block, Found, PageMeta
from cleaner.decode import decode
from cleaner.html import html_to_page
from cleaner.html.between import with_dropped_between
from cleaner.html.captions import caption_elements, mark_captions, mark_repeats
from cleaner.html.extract import RUN_CHARS, _one_run
from cleaner.html.fallback import baseline_blocks, unless_links
from cleaner.html.jsonld import read_linked_data
from cleaner.html.meta import searched_byline
from cleaner.html.rejoin import rejoined, sibling_boxes, story_box, with_sibling_lists
from cleaner.html.title import (
    _heading_texts,
    _is_before,
    _page_headings,
    _preceding,
    choose_title,
    headline_title,
    marked_after_kicker,
    printed_headline,
    story_headlines,
)
from cleaner.html.tree import Story, marked, parse, visible_text
from cleaner.lexicon import text_key
from cleaner.page_fields import meta_authors, meta_date, page_date, people

from .html_pages import STORY, page, paragraphs


@pytest.fixture(scope="module")
def cleaner() -> Cleaner:
    return Cleaner()


def test_blocks_keep_their_kind() -> None:
    html = page(
        "<h1>Council votes for a bridge</h1>"
        + paragraphs(STORY[:2])
        + "<h2>What happens next</h2>"
        + "<ul><li>Plans are drawn up by a design office in the spring</li>"
        + "<li>Building starts once the last court case is decided</li></ul>"
        + "<blockquote><p>We have waited for this bridge for thirty years, and now it is "
        + "finally coming.</p></blockquote>"
        + "<table><tr><td>Cost</td><td>40 million euros</td></tr>"
        + "<tr><td>Length</td><td>310 metres</td></tr></table>"
        + paragraphs(STORY[2:])
    )
    blocks = html_to_page(html).blocks
    kinds = {block.text: block.kind for block in blocks}
    assert kinds["What happens next"] == "heading"
    assert kinds["Plans are drawn up by a design office in the spring"] == "list"
    assert kinds["Building starts once the last court case is decided"] == "list"
    assert (
        kinds["We have waited for this bridge for thirty years, and now it is finally coming."]
        == "quote"
    )
    assert kinds["Cost | 40 million euros"] == "table"
    assert kinds[STORY[0]] == "para"
    assert "Home" not in kinds and "Privacy policy" not in kinds


def test_lines_broken_by_br_are_blocks_of_their_own() -> None:
    html = page("<p>" + STORY[0] + "<br>" + STORY[1] + "</p>" + paragraphs(STORY[2:]))
    texts = [block.text for block in html_to_page(html).blocks]
    assert STORY[0] in texts and STORY[1] in texts


def test_metadata_authors_are_people_only() -> None:
    head = (
        "<title>Council votes for a bridge | City News</title>"
        "<meta name='author' content='Jane Doe; City News Staff'>"
        "<meta property='og:site_name' content='City News'>"
        "<meta property='article:published_time' content='2024-03-05T10:00:00Z'>"
    )
    meta = html_to_page(page(paragraphs(), head=head)).meta
    # the reader keeps the values as found; the Article's fields are parsed from them once
    assert meta.authors == (Found("Jane Doe; City News Staff", "meta"),)
    assert meta_authors(meta) == ("Jane Doe",)
    assert meta.title == "Council votes for a bridge"
    assert meta.date is not None and meta.date.source == "htmldate"
    assert meta_date(meta) == "2024-03-05"
    assert meta.sitename == "City News"


def test_byline_dateline_caption_leave_the_body(cleaner: Cleaner) -> None:
    html = page(
        "<h1>Council votes for a bridge</h1>"
        "<p class='byline'>By <a href='/jane'>JANE DOE</a>, Staff Writer</p>"
        "<figure><img src='/bridge.jpg' alt='bridge'><figcaption>The river at dawn, seen "
        "from the old ferry landing. (Photo: John Roe/City News)</figcaption></figure>"
        f"<p>RIVERTON, Ore. (AP) — {STORY[0]}</p>" + paragraphs(STORY[1:]),
        head="<title>Council votes for a bridge - City News</title>",
    )
    article = cleaner.clean(html)
    assert article.title == "Council votes for a bridge"
    assert article.authors == ("Jane Doe",)
    assert article.byline and "JANE DOE" in article.byline
    assert article.dateline is not None and article.dateline.place == "RIVERTON, Ore."
    assert article.captions == (
        "The river at dawn, seen from the old ferry landing. (Photo: John Roe/City News)",
    )
    assert article.body.startswith(STORY[0])
    assert "JANE DOE" not in article.body and "ferry landing." not in article.body
    assert article.body.count("\n\n") == len(STORY) - 1


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        ('<h1><span class="drop">C</span>ycle lanes for the city</h1>', "Cycle lanes for the city"),
        ("<h1>Wer ist <em>da</em>: die Stadt</h1>", "Wer ist da: die Stadt"),
        ("<h1><b>Bridge</b><i>s</i> for all</h1>", "Bridge s for all"),  # two elements touch
        ("<div><span>By</span><a href='/a'>Ann Lee</a></div>", "By Ann Lee"),
        ("<div><p>One</p><p>two</p>three<br>four</div>", "One two three four"),
        ("<td><div>Mon</div><div>Tue</div></td>", "Mon Tue"),
        ("<p>One<button>Share</button>two</p>", "One two"),
        ("<p>One<span class='sr-only'>Image:</span>two</p>", "One two"),
        ("<p>One<span class='photo is-hidden'>Image:</span>two</p>", "One two"),
        # 'hidden' in a longer class name hides nothing: a layout utility, a Drupal field
        # whose label alone is hidden, a part hidden on small screens only
        ("<div>By <span class='overflow-hidden'>Ann Lee</span></div>", "By Ann Lee"),
        ("<div><div class='field field--label-hidden'>Rain.</div></div>", "Rain."),
        ("<p>One <span class='hidden-xs'>more</span> day</p>", "One more day"),
        # seams a style sheet sets apart: a capital after a lower-case letter, a dash
        ("<p>Main Street<span class='credit'>Ann Lee</span></p>", "Main Street Ann Lee"),
        ("<p>Fushimi Shrine<span>– Kyoto</span></p>", "Fushimi Shrine – Kyoto"),
        ("<p>CO<sub>2</sub> and the 10<sup>th</sup> (<a>map</a>).</p>", "CO2 and the 10th (map)."),
    ],
)
def test_visible_text_joins_inline_elements_as_printed(markup: str, expected: str) -> None:
    assert visible_text(lxml.html.fragment_fromstring(markup)) == expected


def test_visible_text_lines_break_at_blocks_and_br_only() -> None:
    element = lxml.html.fragment_fromstring(
        "<div>By <b>Ann</b><span>Lee</span><br>Staff <i>writ</i>er<p>March 3</p>, 2024</div>"
    )
    assert visible_text(element, lines=True) == "By Ann Lee\nStaff writer\nMarch 3\n, 2024"


def test_headline_byline_and_caption_with_inline_markup_read_as_printed(
    cleaner: Cleaner,
) -> None:
    html = page(
        "<h1><span class='drop'>C</span>ycle lanes for the city</h1>"
        "<p class='byline'><span>By</span><a href='/jane'>Jane Doe</a></p>"
        "<figure><img src='/lane.jpg'><figcaption>A <b>new</b> lane on Main Street<span>"
        "</span><span class='credit'>(Photo: John Roe)</span></figcaption></figure>" + paragraphs(),
    )
    article = cleaner.clean(html)
    assert article.title == "Cycle lanes for the city"
    assert article.authors == ("Jane Doe",)
    assert article.captions == ("A new lane on Main Street (Photo: John Roe)",)
    assert article.body.split("\n\n") == STORY


def test_a_standfirst_under_the_headline_stays_in_the_body(cleaner: Cleaner) -> None:
    """A subtitle printed as a second heading under the headline is the story's (fundus-dev's
    gold body holds it; dropping it left it in neither the body nor ``removed``)."""
    dek = "The river crossing that divided the city for a decade is finally settled"
    html = page(f"<h1>Council votes for a bridge</h1><h2>{dek}</h2>" + paragraphs())
    article = cleaner.clean(html)
    assert article.title == "Council votes for a bridge"
    assert article.body.split("\n\n") == [dek, *STORY]


def test_a_captions_copy_in_the_body_is_the_readers_to_mark() -> None:
    """In HTML one mechanism takes a caption's copies out of the body: the reader marks them
    (captions.mark_captions); the text path's core.caption-repeat does not run there."""
    caption = "The river at dawn, seen from the old ferry landing."
    html = page(
        f"<figure><img src='/bridge.jpg'><figcaption>{caption}</figcaption></figure>"
        + paragraphs(STORY[:2])
        + f"<p>{caption}</p>"
        + paragraphs(STORY[2:])
    )
    article = Cleaner(explain=True).clean(html)
    assert article.captions == (caption,)
    assert "ferry landing" not in article.body and article.removed is not None
    assert [r.rule for r in article.removed if "ferry landing" in r.text] == []  # a field's
    assert pipeline.repeats not in pipeline.steps_for("html", learned=True)


def test_a_byline_with_a_date_after_it_and_one_not_marked_up(cleaner: Cleaner) -> None:
    marked = page(
        "<h1>Council votes for a bridge</h1>"
        "<div class='post-byline-date'>By Haley Hoekstra &bull; <span>March 12, 2025</span></div>"
        + paragraphs()
    )
    assert cleaner.clean(marked).authors == ("Haley Hoekstra",)
    unmarked = page(
        "<h1>Council votes for a bridge</h1><p class='meta'><span>By <a href='/p/sg'>Sofia "
        "Gonzalez</a></span> <span>December 4, 2024</span></p>" + paragraphs()
    )
    assert cleaner.clean(unmarked).authors == ("Sofia Gonzalez",)
    posted = page(
        "<h1>Council votes for a bridge</h1><div class='page-meta--author'>Posted on "
        "September 21, 2020 by Adi Tzlil</div>" + paragraphs()
    )
    assert cleaner.clean(posted).authors == ("Adi Tzlil",)
    teaser = page(
        "<h1>Council votes for a bridge</h1>" + paragraphs(),
        head="<title>Council votes for a bridge</title>",
        after="<div><h1>Opinion: a bridge too far</h1><p>By Ann Lee</p></div>",
    )
    assert cleaner.clean(teaser).authors == ()


def test_a_user_name_in_a_marked_byline_with_a_date_and_more_after_it() -> None:
    tree = parse(
        page(
            "<h2>Council votes for a bridge</h2><span class='story-byline'>Posted by BeauHD on "
            "Friday December 19, 2025 @08:00PM from the bridge-building dept.</span>" + paragraphs()
        ),
        None,
    )
    assert searched_byline(marked(tree), Story([])) == "BeauHD"


def test_caption_box_with_credit_goes_to_captions(cleaner: Cleaner) -> None:
    html = page(
        paragraphs(STORY[:2])
        + "<div class='image'><img src='/a.jpg'><div class='Figure-caption'>Residents queue "
        "for the ferry on Monday.</div><div class='Figure-credit'>(Ann Lee / City News)</div>"
        "</div>" + paragraphs(STORY[2:])
    )
    article = cleaner.clean(html)
    assert article.captions == ("Residents queue for the ferry on Monday. (Ann Lee / City News)",)
    assert "queue" not in article.body


@pytest.mark.parametrize(
    ("caption_class", "credit_class"),
    [("pie-de-foto", "fuente"), ("fotoonderschrift", "credit"), ("popisek", "zdroj-credit")],
)
def test_captions_marked_in_other_languages_leave_the_body(
    cleaner: Cleaner, caption_class: str, credit_class: str
) -> None:
    html = page(
        paragraphs(STORY[:2])
        + f"<div><img src='/a.jpg'><p class='{caption_class}'>Residents queue for the ferry "
        f"on Monday.</p><span class='{credit_class}'>Ann Lee</span></div>" + paragraphs(STORY[2:])
    )
    article = cleaner.clean(html)
    assert article.captions == ("Residents queue for the ferry on Monday. Ann Lee",)
    assert article.body.split("\n\n") == STORY


@pytest.mark.parametrize(
    "caption_class", ["figure__caption--small", "image-caption__credit", "CaptionWrapper-jSZdqE"]
)
def test_caption_classes_with_a_modifier_part_or_hash_leave_the_body(
    cleaner: Cleaner, caption_class: str
) -> None:
    html = page(
        paragraphs(STORY[:2])
        + f"<div><img src='/a.jpg'><span class='{caption_class}'>Residents queue for the ferry "
        "on Monday.</span></div>" + paragraphs(STORY[2:])
    )
    article = cleaner.clean(html)
    assert article.captions == ("Residents queue for the ferry on Monday.",)
    assert article.body.split("\n\n") == STORY


def test_a_caption_class_is_not_any_class_starting_with_caption() -> None:
    elements = [
        lxml.html.fragment_fromstring(f"<div class='{name}'>Text</div>")
        for name in ("caption--comp", "caption-toggle", "has-caption", "figure__caption--small")
    ]
    assert [e.get("class") for e in caption_elements(elements)] == ["figure__caption--small"]


@pytest.mark.parametrize(
    "figure",
    [
        "<div><picture><source srcset='/a.webp'><img src='/a.jpg'></picture><p>{}</p></div>",
        "<div><img src='/a.jpg' alt='{0}'></div><p>{0}</p>",
    ],
)
def test_a_paragraph_alone_with_its_picture_or_repeating_its_alt_is_its_caption(
    cleaner: Cleaner, figure: str
) -> None:
    caption = "Residents queue for the ferry on Monday morning."
    html = page(paragraphs(STORY[:2]) + figure.format(caption) + paragraphs(STORY[2:]))
    article = cleaner.clean(html)
    assert article.captions == (caption,)
    assert article.body.split("\n\n") == STORY


def test_a_story_paragraph_after_a_picture_in_the_storys_box_stays(cleaner: Cleaner) -> None:
    html = page(
        paragraphs(STORY[:2]) + "<img src='/a.jpg' alt='The bridge'>" + paragraphs(STORY[2:])
    )
    assert cleaner.clean(html).body.split("\n\n") == STORY
    icon = "<div><img src='/a.svg' width='24'><p>Residents queue for the ferry.</p></div>"
    body = cleaner.clean(page(paragraphs(STORY[:2]) + icon + paragraphs(STORY[2:]))).body
    assert "Residents queue for the ferry." in body.split("\n\n")


def test_a_caption_with_its_credit_in_one_block_leaves_the_body_whole() -> None:
    caption = "Residents queue for the ferry on Monday."
    blocks = [Block(STORY[0]), Block(f"{caption} Photo: Ann Lee"), Block(STORY[1])]
    marked = mark_captions(blocks, [(caption, STORY[0])])
    assert [(block.text, block.kind) for block in marked] == [
        (STORY[0], "para"),
        (f"{caption} Photo: Ann Lee", "caption"),
        (STORY[1], "para"),
    ]
    # a screen reader's label before it, the credit after it
    blocks = [Block(STORY[0]), Block(f"Caption {caption} Photo Credit Unsplash")]
    assert mark_captions(blocks, [(caption, STORY[0])])[1].kind == "caption"
    # a story paragraph whose first sentence a caption repeats stays whole, in the body
    blocks = [Block(f"{caption} Here is what they said:"), Block(STORY[1])]
    assert [b for b in mark_captions(blocks, [(caption, None)]) if b.kind == "para"] == blocks


def test_headline_repeated_in_body_appears_once(cleaner: Cleaner) -> None:
    html = page(
        "<h1>Council votes for a bridge</h1>" + paragraphs(),
        head="<title>Council votes for a bridge</title>",
    )
    article = cleaner.clean(html)
    assert article.title == "Council votes for a bridge"
    assert "Council votes for a bridge" not in article.body


@pytest.mark.parametrize(
    ("first", "goes"),
    [
        ("Bridge vote Council votes for a bridge over the river", True),  # a kicker run in
        ("Council votes for a bridge over the river | City News", True),  # the site's name
        ("Local: Council votes for a bridge over the river", True),  # a label
        ("Today Council votes for a bridge over the river", False),  # one word, no separator
        ("Council votes for a bridge over the river, the mayor said.", False),  # a sentence
    ],
)
def test_the_headline_run_in_with_a_kicker_opening_the_body_goes(
    cleaner: Cleaner, first: str, goes: bool
) -> None:
    html = page(
        f"<h1>Council votes for a bridge over the river</h1><p>{first}</p>" + paragraphs(),
        head="<title>Council votes for a bridge over the river</title>",
    )
    article = cleaner.clean(html)
    assert article.title == "Council votes for a bridge over the river"
    assert (first not in article.body) is goes
    assert article.body.startswith(STORY[0]) is goes


def test_the_headline_inside_a_later_block_stays(cleaner: Cleaner) -> None:
    later = "Read: Council votes for a bridge over the river"
    html = page(
        "<h1>Council votes for a bridge over the river</h1>"
        + paragraphs([*STORY[:1], later, *STORY[1:]]),
        head="<title>Council votes for a bridge over the river</title>",
    )
    assert later in cleaner.clean(html).body


def test_url_opens_site_rules(cleaner: Cleaner) -> None:
    html = page("<p>Japan Today2 days ago</p>" + paragraphs())
    with_url = cleaner.clean(html, url="https://daily8.ai/article/1")
    without = cleaner.clean(html)
    assert with_url.source == "Japan Today"
    assert without.source is None


@pytest.mark.parametrize(
    ("encoding", "declare"),
    [("utf-8", True), ("cp1252", True), ("cp1252", False), ("utf-16", False)],
)
def test_bytes_in_any_encoding(cleaner: Cleaner, encoding: str, declare: bool) -> None:
    story = ["Café crème, naïve façade: " + STORY[0], *STORY[1:]]
    head = f"<meta charset='{encoding}'>" if declare else ""
    html = page(paragraphs(story), head=head).replace("<meta charset='utf-8'>", "")
    article = cleaner.clean(html.encode(encoding))
    assert article.body.startswith("Café crème, naïve façade:")


def test_sniffing_and_forcing_the_kind() -> None:
    html = page(paragraphs())
    assert decode(html.encode()).kind == "html"
    assert decode("Just a line of text.\n\nAnd another one.").kind == "text"
    assert decode(html, kind="text").kind == "text"
    assert decode("Plain words <b>only</b> here.", kind="html").kind == "html"


@pytest.mark.parametrize(
    "opening",
    [
        '<?xml version="1.0" encoding="utf-8"?>\n',
        "<script>var x = 1;</script>",
        "<style>p{}</style>",
    ],
)
def test_a_page_that_opens_with_a_declaration_a_script_or_a_style_is_html(opening: str) -> None:
    # a long script first leaves too few tags in the first 4 KB for the density test
    script = "<script>" + "var a = 1;" * 500 + "</script>"
    html = opening + script + page(paragraphs())
    assert decode(html).kind == "html"


@pytest.mark.parametrize(
    ("title", "headline", "site", "expected"),
    [
        ("Bridge vote | City News", None, "City News", "Bridge vote"),
        ("Bridge vote - City News", "Bridge vote", None, "Bridge vote"),
        ("Bridge vote: what next", None, "City News", "Bridge vote: what next"),
        (None, "Bridge vote", None, "Bridge vote"),
        (
            "News | Council passes the bridge vote",
            "Council passes the bridge vote",
            None,
            "Council passes the bridge vote",
        ),
        ("Kenia: Nairobi von unten", "Nairobi von unten", None, "Kenia: Nairobi von unten"),
        (
            "A brief intro to git • Cory Dransfeldt",
            "Cory Dransfeldt",
            "Cory Dransfeldt",
            "A brief intro to git",
        ),
        (
            "Pressemitteilungen",
            "Olafur Eliasson gestaltet die Titelseite",
            None,
            "Olafur Eliasson gestaltet die Titelseite",
        ),
    ],
)
def test_title(title: str | None, headline: str | None, site: str | None, expected: str) -> None:
    assert headline_title(title, headline, site) == expected


@pytest.mark.parametrize(
    ("title", "headline", "site", "beside", "expected"),
    [
        # a kicker the page does not print beside its h1 is a label; one it prints is the title's
        (
            "Pressemitteilung: Endlich mehr wagen!",
            "Endlich mehr wagen!",
            None,
            "",
            "Endlich mehr wagen!",
        ),
        (
            "Kenia: Nairobi von unten",
            "Nairobi von unten",
            None,
            "Kenia Nairobi von unten",
            "Kenia: Nairobi von unten",
        ),
        # the site's name after a separator with no spaces around it
        ("부담 커졌다-정치ㅣ한국일보", None, "한국일보", None, "부담 커졌다"),
        ("COVID-19", None, "City News", None, "COVID-19"),
    ],
)
def test_title_kicker_and_tight_site_name(
    title: str, headline: str | None, site: str | None, beside: str | None, expected: str
) -> None:
    assert headline_title(title, headline, site, beside) == expected


def test_page_meta_from_the_caller_wins() -> None:
    meta = html_to_page(
        page(paragraphs(), head="<title>Other</title>"), PageMeta(url="https://example.org/a")
    ).meta
    assert meta.url == "https://example.org/a"
    assert meta.title == "Other"


def test_copyright_under_the_story_first_then_the_sites_footer(cleaner: Cleaner) -> None:
    notice = "Copyright © 2024 City News. All Rights Reserved."
    html = page(
        paragraphs() + f"<div class='copyright'>{notice}</div>",
        after="<div class='site-footer'><p class='copyright'>© 2024 Media Group</p></div>",
    )
    assert cleaner.clean(html).copyright == notice
    assert html_to_page(html).meta.copyright == Found(notice, "story")
    footer_only = page(
        paragraphs(),
        after="<footer><p class='copyright'>© 2024 Media Group Privacy Policy Terms</p></footer>",
    )
    assert cleaner.clean(footer_only).copyright == "© 2024 Media Group"
    assert html_to_page(footer_only).meta.copyright == Found("© 2024 Media Group", "footer")


def test_a_photo_credit_is_not_the_storys_copyright(cleaner: Cleaner) -> None:
    figure = (
        "<figure><img src='a.jpg'><figcaption>The bridge at dusk "
        "<span class='image__copyright'>© Getty Images</span></figcaption></figure>"
    )
    beside = "<div><img src='b.jpg'><span class='copyright'>© Aton</span></div>"
    footer = "<footer><a class='copyright' href='/c'>Copyright Notice</a><p>© 2026 Publisher</p></footer>"
    article = cleaner.clean(page(figure + paragraphs() + beside, after=footer))
    assert article.copyright == "© 2026 Publisher"
    assert any("Getty Images" in caption for caption in article.captions)
    no_notice = cleaner.clean(page(figure + paragraphs() + beside))
    assert no_notice.copyright is None


def test_copyright_from_the_json_ld_when_the_page_prints_none(cleaner: Cleaner) -> None:
    linked = _ld(
        '{"@type": "NewsArticle", "headline": "Bridge", "copyrightHolder": '
        '{"@type": "Organization", "name": "City News"}, "copyrightYear": 2024}'
    )
    html = page(paragraphs(), head=linked)
    assert cleaner.clean(html).copyright == "© 2024 City News"
    assert html_to_page(html).meta.copyright == Found("© 2024 City News", "json-ld")


def _ld(value: str) -> str:
    return f"<script type='application/ld+json'>{value}</script>"


def test_json_ld_authors_typed_person_win_over_a_short_byline(cleaner: Cleaner) -> None:
    ld = _ld(
        '{"@context": "https://schema.org", "@graph": [{"@type": "NewsArticle",'
        ' "author": [{"@type": "Person", "name": "Lucy Thornton"},'
        ' {"@type": "Person", "name": "Tim Hanlon"},'
        ' {"@type": "Organization", "name": "Daily Example"}],'
        ' "datePublished": "2024-08-05T10:00:00Z"}]}'
    )
    bio = "<div class='bio'><p>Tim Hanlon covers transport.</p></div>"
    html = page(
        "<h1>Bridge vote</h1><p class='byline'>By Lucy Thornton</p>" + paragraphs() + bio,
        head=ld,
    )
    article = cleaner.clean(html, kind="html")
    assert article.authors == ("Lucy Thornton", "Tim Hanlon")
    assert article.date == "2024-08-05"
    # a co-author the page prints nowhere is only the metadata's: the printed byline stands
    unprinted = html.replace(bio, "")
    assert html_to_page(unprinted).meta.unprinted == ("Tim Hanlon",)
    assert cleaner.clean(unprinted, kind="html").authors == ("Lucy Thornton",)


def test_the_metadata_naming_someone_else_in_full_wins(cleaner: Cleaner) -> None:
    head = "<meta name='author' content='Jane Roe'>"
    html = page("<h1>Bridge vote</h1><p class='byline'>By John Doe</p>" + paragraphs(), head=head)
    assert cleaner.clean(html, kind="html").authors == ("Jane Roe",)
    assert html_to_page(html).meta.byline == Found("By John Doe", "marked")


def test_a_first_name_alone_in_the_metadata_loses_to_a_full_byline(cleaner: Cleaner) -> None:
    head = "<meta name='author' content='August'>"
    html = page("<h1>Bridge vote</h1><p class='byline'>By John Doe</p>" + paragraphs(), head=head)
    assert cleaner.clean(html, kind="html").authors == ("John Doe",)


def test_names_in_scripts_without_case_are_people(cleaner: Cleaner) -> None:
    ld = _ld('{"@type": "NewsArticle", "author": {"@type": "Person", "name": "松岡大地"}}')
    assert cleaner.clean(page(paragraphs(), head=ld), kind="html").authors == ("松岡大地",)


def test_the_outlet_beside_its_writer_is_not_an_author(cleaner: Cleaner) -> None:
    ld = _ld('{"@type": "NewsArticle", "author": ["Ernst Lohoff", "Jungle World"]}')
    html = page(paragraphs(), head=ld + "<meta property='og:site_name' content='Jungle World'>")
    assert cleaner.clean(html, kind="html").authors == ("Ernst Lohoff",)


def test_extraction_libraries_loggers_are_left_as_found(cleaner: Cleaner) -> None:
    import logging

    import trafilatura.metadata  # noqa: F401  (its import sets htmldate's level: not ours)

    before = {
        name: (logging.getLogger(name).level, list(logging.getLogger(name).filters))
        for name in ("trafilatura", "htmldate", "courlan")
    }
    cleaner.clean(page(paragraphs()), kind="html")
    after = {
        name: (logging.getLogger(name).level, list(logging.getLogger(name).filters))
        for name in before
    }
    assert after == before


def test_extraction_libraries_records_are_dropped_only_inside_the_call(caplog) -> None:
    """The libraries log through child loggers ('trafilatura.core'): those records are dropped
    while the cleaner calls the library, and reach the application's handlers otherwise."""
    import logging

    import trafilatura.core  # noqa: F401  (creates the child loggers)

    from cleaner.html.extract import _quiet

    child = logging.getLogger("trafilatura.core")
    with caplog.at_level(logging.WARNING):
        with _quiet():
            child.warning("inside the call")
        child.warning("outside the call")
    assert [r.getMessage() for r in caplog.records] == ["outside the call"]
    assert child.filters == []


def test_a_story_split_around_an_advertisement_is_whole() -> None:
    more = [
        "The council will meet again in March to choose between the three designs that an "
        "independent jury has put on its shortlist after a year of public hearings.",
        "A decision on the tolls, which the regional government wants and the mayor opposes, "
        "is expected before the summer, when the first tenders are due to be published.",
    ]
    following = [
        "In other news, the city's main library will close for renovation for two months from "
        "next week, and its books can be borrowed at the town hall in the meantime."
    ]
    box = "<div class='wrap'><div class='article-body'>{}</div></div>"
    html = page(
        "<h1>Council votes for a bridge</h1>"
        + box.format(paragraphs(STORY))
        + "<div class='ad-slot'><a href='/ads'>Advertisement</a></div>"
        + box.format(paragraphs(more)),
        after="<article><h2>Library closes</h2>" + box.format(paragraphs(following)) + "</article>",
    )
    texts = [block.text for block in html_to_page(html).blocks]
    assert texts == STORY + more  # the next story, in its own article, stays out


def _sectioned(headline: str) -> str:
    """A story cut into two sections, each an ``<article>`` of one class beside the other,
    each opening with ``headline`` (an h2, or an h1 for a story of its own)."""
    section = "<article class='section'>{}<div class='text'>{}</div></article>"
    return page(
        "<div class='sections'>"
        + section.format(headline.format("Costs"), paragraphs(STORY[:2]))
        + section.format(headline.format("Timing"), paragraphs(STORY[2:]))
        + "</div>"
    )


@pytest.mark.parametrize(("headline", "whole"), [("<h2>{}</h2>", True), ("<h1>{}</h1>", False)])
def test_sections_in_sibling_articles_are_one_story(headline: str, whole: bool) -> None:
    # a story cut into sections (or a listicle's entries), each in an <article> of one class
    # with no headline of its own, is one story; articles that print their own h1 are an
    # endless page's stories, each its own
    tree = lxml.html.document_fromstring(_sectioned(headline))
    blocks = [Block(text) for text in STORY[:2]]  # trafilatura's body: the first section
    texts = [
        block.text for block in rejoined(story_box(tree, Story(blocks)), blocks, Story(blocks))
    ]
    assert texts == (STORY if whole else STORY[:2])


def test_a_sibling_box_gives_no_line_twice() -> None:
    # trafilatura's body breaks a paragraph at its <br>; the sibling box's copy of those lines
    # is no new text. (The story's longest paragraph starts with a bold word.)
    lines = [
        "Step one: measure the river at its narrowest point near the old ferry landing.",
        "Step two: ask the engineers which of the three designs suits that crossing best.",
    ]
    more = [STORY[3]]
    box = "<div class='wrap'><div class='article-body'>{}</div></div>"
    first = f"<p><strong>The city council</strong>{STORY[0][len('The city council') :]}</p>"
    html = page(
        box.format(first + paragraphs(STORY[1:3]) + f"<p>{'<br>'.join(lines)}</p>")
        + box.format(f"<p>{'<br>'.join(lines)}</p>" + paragraphs(more))
    )
    tree = lxml.html.document_fromstring(html)
    blocks = [Block(text) for text in STORY[:3] + lines]  # trafilatura's body: the first box
    texts = [
        block.text for block in rejoined(story_box(tree, Story(blocks)), blocks, Story(blocks))
    ]
    assert texts == STORY[:3] + lines + more


def test_a_list_trafilatura_dropped_from_the_storys_box_is_put_back() -> None:
    points = [
        "Cost: the bridge is cheaper to run than the ferry over thirty years.",
        "Time: the crossing takes two minutes instead of twenty.",
    ]
    tags = ["Bridges", "Council"]  # labels, not points of the story
    html = page(
        "<div class='article-body'>"
        + paragraphs(STORY[:2])
        + "".join(f"<ul><li>{a}</li><li>{b}</li></ul>" for a, b in (points, tags))
        + paragraphs(STORY[2:])
        + "</div>"
    )
    tree = lxml.html.document_fromstring(html)
    blocks = [Block(text) for text in STORY]  # trafilatura's body, without the lists
    texts = [
        block.text for block in rejoined(story_box(tree, Story(blocks)), blocks, Story(blocks))
    ]
    assert texts == STORY[:2] + points + STORY[2:]


def test_lists_put_back_after_a_label_printed_again_keep_their_places() -> None:
    first = ["Cost: the bridge is cheaper to run than the ferry over thirty years."]
    second = ["Time: the crossing takes two minutes instead of twenty, even in winter."]
    html = page(
        "<div class='article-body'>"
        + paragraphs([*STORY[:1], "Features:"])
        + f"<ul><li>{first[0]}</li></ul>"
        + paragraphs([*STORY[1:3], "Features:"])
        + f"<ul><li>{second[0]}</li></ul>"
        + paragraphs(STORY[3:])
        + "</div>"
    )
    tree = lxml.html.document_fromstring(html)
    # trafilatura's body: without the lists, the label printed again kept once
    blocks = [Block(text) for text in [STORY[0], "Features:", *STORY[1:]]]
    texts = [
        block.text for block in rejoined(story_box(tree, Story(blocks)), blocks, Story(blocks))
    ]
    assert texts == [STORY[0], "Features:", *first, *STORY[1:3], *second, STORY[3]]


def test_lists_of_a_sibling_box_whose_prose_the_body_holds_go_back_in_place() -> None:
    # the story in two boxes of one class; trafilatura kept the paragraphs of both and
    # dropped the second box's list: it goes back after the paragraph before it
    points = [
        "Cost: the bridge is cheaper to run than the ferry over thirty years.",
        "Time: the crossing takes two minutes instead of twenty, even in winter.",
    ]
    box = "<div class='wrap'><div class='article-body'>{}</div></div>"
    html = page(
        box.format(paragraphs(STORY[:2]))
        + "<div class='ad-slot'><a href='/ads'>Advertisement</a></div>"
        + box.format(paragraphs(STORY[2:3]) + f"<ul><li>{points[0]}</li><li>{points[1]}</li></ul>")
        + box.format(paragraphs(STORY[3:]))
    )
    tree = lxml.html.document_fromstring(html)
    blocks = [Block(text) for text in STORY]  # trafilatura's body: the lists left out
    story = Story(blocks)
    siblings = sibling_boxes(story_box(tree, story), story)
    assert rejoined(story_box(tree, story), blocks, story, siblings) == blocks
    texts = [block.text for block in with_sibling_lists(siblings, blocks, story)]
    assert texts == [*STORY[:3], *points, STORY[3]]


def _headed(sections: str, url: str | None = None) -> list[str]:
    """The body with_dropped_between gives for a story box of ``sections`` around STORY's paragraphs,
    trafilatura's body being the four paragraphs alone (the page at ``url``)."""
    tree = lxml.html.document_fromstring(page(f"<div class='article-body'>{sections}</div>"))
    blocks = [Block(text) for text in STORY]
    story = Story(blocks)
    kept = with_dropped_between(story_box(tree, story), blocks, story, url)
    return [block.text for block in kept]


def test_a_heading_trafilatura_dropped_between_two_story_paragraphs_is_put_back() -> None:
    sections = paragraphs(STORY[:2]) + "<h2>What happens <br>next</h2>" + paragraphs(STORY[2:])
    assert _headed(sections) == [*STORY[:2], "What happens", "next", *STORY[2:]]


def test_headings_in_a_row_and_a_heading_over_a_dropped_list_are_put_back() -> None:
    points = "<ul><li>Cost: low</li><li>Time: two minutes</li></ul>"
    sections = paragraphs(STORY[:1]) + "<h2>The plan</h2><h3>Why a bridge</h3>"
    sections += paragraphs(STORY[1:2]) + "<h3>In short</h3>" + points + paragraphs(STORY[2:])
    assert _headed(sections) == [
        STORY[0], "The plan", "Why a bridge", STORY[1], "In short", "Cost: low",
        "Time: two minutes", *STORY[2:],
    ]  # fmt: skip


def test_a_folding_faq_trafilatura_dropped_between_story_paragraphs_is_put_back() -> None:
    answers = [
        "It opens in May if the weather holds, the council said in its letter to the residents "
        "of both banks on Friday.",
        "Cars pay two pounds a crossing, while people on foot and on bicycles cross for free at "
        "any hour of the day or night.",
    ]
    faq = "<div class='faq'><h2>Questions and answers</h2>"
    for question, answer in zip(["When does it open?", "What does it cost?"], answers, strict=True):
        faq += f"<details><summary>{question}</summary><div><p>{answer}</p></div></details>"
    # (past a heading that does not go back, the FAQ's last answer stands before the paragraph
    # after it)
    sections = paragraphs(STORY[:2]) + faq + "</div><h2><a href='/ann'>Ann Lee</a></h2>"
    sections += paragraphs(STORY[2:])
    assert _headed(sections) == [
        *STORY[:2], "Questions and answers", "When does it open?", answers[0],
        "What does it cost?", answers[1], *STORY[2:],
    ]  # fmt: skip


def test_a_story_paragraph_trafilatura_dropped_between_two_of_its_paragraphs_is_put_back() -> None:
    dropped = (
        "The ferry will keep running on Sundays until the end of the year, the operator said in "
        "a statement on Wednesday."
    )
    short = "<p>Advertisement</p>"
    sections = paragraphs(STORY[:1]) + f"<p>{dropped}</p>" + paragraphs(STORY[1:2]) + short
    sections += paragraphs(STORY[2:])
    assert _headed(sections) == [STORY[0], dropped, *STORY[1:]]


def test_headings_that_are_links_hidden_or_kept_already_or_before_no_story_stay_out() -> None:
    link = "<h3><a href='/other'>Another story of the day</a></h3>"
    hidden = "<h3 class='sr-only'>Share this article</h3>"
    widget = "<h3>Sign up</h3><div><span>Your email</span></div>"
    sections = paragraphs(STORY[:1]) + link + paragraphs(STORY[1:2]) + hidden
    sections += paragraphs(STORY[2:3]) + widget + paragraphs(STORY[3:]) + "<h2>More</h2>"
    assert _headed(sections) == STORY
    # a heading the body holds already is not printed twice
    tree = lxml.html.document_fromstring(
        page(paragraphs(STORY[:2]) + "<h2>What happens next</h2>" + paragraphs(STORY[2:]))
    )
    blocks = [Block(text) for text in [*STORY[:2], "What happens next", *STORY[2:]]]
    story = Story(blocks)
    kept = with_dropped_between(story_box(tree, story), blocks, story)
    assert [block.text for block in kept] == [block.text for block in blocks]


def test_headings_and_lists_that_are_links_of_the_storys_own_go_back() -> None:
    url = "https://www.example.com/news/bridge"
    shop = "<h2><a href='https://www.toolshop.org/p/1'>Fluke 117</a></h2>"
    section = "<h2 id='cost'><a href='#cost'>The cost</a></h2>"
    teaser = "<h3><a href='https://news.example.com/other'>Another story</a></h3>"
    sections = paragraphs(STORY[:1]) + shop + paragraphs(STORY[1:2]) + section
    sections += paragraphs(STORY[2:3]) + teaser + paragraphs(STORY[3:])
    assert _headed(sections, url) == [STORY[0], "Fluke 117", STORY[1], "The cost", *STORY[2:]]
    # the page's address unknown, no link can be told to lead off the site
    assert _headed(sections) == [*STORY[:2], "The cost", *STORY[2:]]
    # a list linking only to other sites goes back; a table of contents does not
    apps = "<ul><li><a href='https://www.headspace.com/'>Headspace</a></li>"
    apps += "<li><a href='https://buddhify.com/'>Buddhify</a></li></ul>"
    contents = "<ul><li><a href='#cost'>The cost</a></li><li><a href='#vote'>The vote</a></li></ul>"
    sections = paragraphs(STORY[:1]) + apps + paragraphs(STORY[1:2]) + contents
    sections += paragraphs(STORY[2:])
    assert _headed(sections, url) == [STORY[0], "Headspace", "Buddhify", *STORY[1:]]
    # a heading set inside a FAQ's question goes back once
    question = "<details><summary><h2>When does it open?</h2></summary></details>"
    assert _headed(paragraphs(STORY[:2]) + question + paragraphs(STORY[2:]), url) == [
        *STORY[:2],
        "When does it open?",
        *STORY[2:],
    ]


def test_an_embeds_consent_notice_between_story_paragraphs_stays_out() -> None:
    notice = (
        "I agree that external content from this provider is shown to me here, and that "
        "personal data may be passed to the platform when it is."
    )
    consent = f"<div class='embed-wrapper js-embed-consent'><p>{notice}</p></div>"
    assert _headed(paragraphs(STORY[:2]) + consent + paragraphs(STORY[2:])) == STORY
    # the same paragraph outside such a box is the story's, and goes back
    plain = f"<div class='embed-wrapper'><p>{notice}</p></div>"
    assert _headed(paragraphs(STORY[:2]) + plain + paragraphs(STORY[2:])) == [
        *STORY[:2],
        notice,
        *STORY[2:],
    ]


def test_control_characters_do_not_lose_the_story() -> None:
    html = page(paragraphs([STORY[0].replace(" voted", "\x0b voted"), *STORY[1:]]))
    texts = [block.text for block in html_to_page(html).blocks]
    assert texts == STORY


def test_a_story_where_trafilatura_does_not_look_is_not_lost() -> None:
    html = (
        "<!DOCTYPE html><html><head><meta charset='utf-8'></head><body>"
        "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        f"<aside class='popup-overlay'><div>{paragraphs(STORY)}</div></aside></body></html>"
    )
    assert [block.text for block in html_to_page(html).blocks] == STORY


def test_a_story_only_in_a_scripts_data_is_not_lost(cleaner: Cleaner) -> None:
    # The page's code draws the story from a JSON string of markup (escaped as a script
    # would): its paragraphs are the body, its caption a caption.
    story = (
        '<div class="image-box"><img src="a.jpg"><div class="caption"><p>The river seen '
        "from the old ferry landing. Photo: City archive</p></div></div>"
        '<p class="editor-p">' + '</p><p class="editor-p">'.join(STORY) + "</p>"
    )
    data = json.dumps({"detail": {"title": "Council votes", "contentHtml": story}})
    html = (
        "<!DOCTYPE html><html><head><meta charset='utf-8'>"
        "<script>window.state = window.state || []; window.state.push("
        + data.replace("<", "\\u003c").replace(">", "\\u003e")
        + ");</script></head><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        "<div id='root'></div></body></html>"
    )
    article = cleaner.clean(html)
    assert article.body.split("\n\n") == STORY
    assert article.captions == ("The river seen from the old ferry landing. Photo: City archive",)
    # the JSON-LD's articleBody, where no script holds markup
    linked = json.dumps({"@type": "NewsArticle", "articleBody": "\n".join(STORY)})
    html = page("", head=f"<script type='application/ld+json'>{linked}</script>")
    assert cleaner.clean(html).body.split("\n\n") == STORY


def test_a_menu_alone_is_still_no_story() -> None:
    html = page("<ul><li><a href='/a'>Politics</a></li><li><a href='/b'>Sport</a></li></ul>")
    assert html_to_page(html).blocks == ()


def test_a_page_of_one_short_line_gives_that_line() -> None:
    # too short to read as a story, and no menu: the line rather than nothing
    html = "<html><body><div>Tickets &amp; times</div></body></html>"
    assert [block.text for block in html_to_page(html).blocks] == ["Tickets & times"]


def test_the_last_resorts_never_take_a_pages_links_for_its_story() -> None:
    links = "".join(f"<li><a href='/s{i}'>Section number {i} news</a></li>" for i in range(30))
    tree = lxml.html.document_fromstring(f"<html><body><ul>{links}</ul><p>Hello</p></body></html>")
    menu = [Block(f"Section number {i} news") for i in range(30)]
    assert unless_links(menu, tree) == []
    assert unless_links([Block("Hello")], tree) == [Block("Hello")]


def test_trafilaturas_baseline_is_the_last_resort() -> None:
    # the page's whole text, a line a text node (trafilatura's baseline's last tier)
    body = lxml.html.fragment_fromstring("<p></p>", create_parent="body")
    body[0].text = "Home\n" + "\n".join(STORY) + "\n"
    assert [block.text for block in baseline_blocks(body)] == ["Home", *STORY]
    body[0].text = "Home\nNews"
    assert baseline_blocks(body) == []
    assert baseline_blocks(None) == []


def test_a_fast_body_that_is_one_run_of_text_is_a_dump() -> None:
    def doc(*paragraphs: str) -> SimpleNamespace:
        body = lxml.html.fragment_fromstring(
            "".join(f"<p>{p}</p>" for p in paragraphs), create_parent="body"
        )
        return SimpleNamespace(body=body)

    run = " ".join(STORY * 6)  # one paragraph of about 4,000 characters
    assert len(run) >= RUN_CHARS
    assert _one_run(doc(run, "Home"), len(run) + 4)
    assert not _one_run(doc(*STORY * 6), len(run))  # the same text as paragraphs
    assert not _one_run(doc(STORY[0]), len(STORY[0]))  # a short story
    assert not _one_run(None, 0)


def test_paragraphs_hidden_behind_a_paywall_stay_in_the_story() -> None:
    hidden = [
        "The council will meet again in March to choose between the three designs that an "
        "independent jury has put on its shortlist after a year of public hearings.",
        "A decision on the tolls, which the regional government wants and the mayor opposes, "
        "is expected before the summer, when the first tenders are due to be published.",
    ]
    html = page(
        "<h1>Council votes for a bridge</h1><div class='article-body'>"
        + paragraphs(STORY[:3])
        + f"<div class='paywall' style='display:none'>{paragraphs(hidden)}</div>"
        + paragraphs(STORY[3:])
        + "</div>"
    )
    texts = [block.text for block in html_to_page(html).blocks]
    assert texts == STORY[:3] + hidden + STORY[3:]


def test_a_blocked_embeds_consent_notice_is_not_a_hidden_part_of_the_story() -> None:
    notice = (
        "An dieser Stelle finden Sie externen Inhalt, der den Artikel ergänzt. Sie können sich "
        "hier alle externen Inhalte mit einem Klick anzeigen lassen oder wieder ausblenden."
    )
    embed = (
        "<div class='embed-wrapper embed-wrapper--blocked js-embed-consent'>"
        "<div class='embed-wrapper__text'>"
        f"<h3>Empfohlener redaktioneller Inhalt</h3><p>{notice}</p></div></div>"
    )
    html = page(
        "<h1>Council votes for a bridge</h1><div class='article-body'>"
        + paragraphs(STORY[:3])
        + embed
        + paragraphs(STORY[3:])
        + "</div>"
    )
    assert [block.text for block in html_to_page(html).blocks] == STORY
    # 'blocked' is not a paywall's 'locked': the paragraph is no hidden part of the story
    tree = lxml.html.document_fromstring(html.replace(" js-embed-consent", ""))
    blocks = [Block(text) for text in STORY]
    story = Story(blocks)
    assert [b.text for b in rejoined(story_box(tree, story), blocks, story)] == STORY


@pytest.mark.parametrize(
    ("title", "h1s", "expected"),
    [
        # The page's only h1 words the story differently: the printed headline.
        (
            "Top 11 SEO Strategies for 2025",
            ["11 SEO Strategies for 2025 to Boost Rankings and Stay Ahead"],
            "11 SEO Strategies for 2025 to Boost Rankings and Stay Ahead",
        ),
        # A nearly identical wording, a site's name as h1, or several h1s: the metadata's title.
        (
            "Chelsea send clear message of intent at Cobham",
            ["Chelsea send clear message of intent at Cobham in battling win"],
            "Chelsea send clear message of intent at Cobham",
        ),
        ("A brief intro to git", ["Cory Dransfeldt"], "A brief intro to git"),
        (
            "A brief intro to git",
            ["Learning git from the start", "More posts"],
            "A brief intro to git",
        ),
    ],
)
def test_choose_title(title: str, h1s: list[str], expected: str) -> None:
    assert choose_title(title, h1s, None) == expected


@pytest.mark.parametrize(
    ("title", "printed"),
    [
        # cut mid-word, before the colon that goes on, or with an ellipsis
        (
            "Ergonomic desk step by step: how to set up your monitor, laptop, and k",
            "Ergonomic desk step by step: how to set up your monitor, laptop, and keyboard",
        ),
        (
            "House Renovation Costs in the Bay Area",
            "House Renovation Costs in the Bay Area: Room-by-Room Breakdown",
        ),
        ("The state of retrieval in…", "The state of retrieval in small language models"),
    ],
)
def test_title_cut_short_gives_the_printed_headline(title: str, printed: str) -> None:
    assert choose_title(title, [printed], None) == printed
    assert choose_title(title, [printed + " today"], None) == printed + " today"


def test_the_printed_headline_the_json_ld_words_the_same_over_a_rewording() -> None:
    printed = "Wait, are dead skin cells actually a good thing?"
    social = "Dead Skin Cells Might Actually Be A Good Thing"
    assert choose_title(social, [printed], None, linked=printed) == printed
    assert choose_title(social, [printed], None) == social
    # a title that only shortens the headline stays the title
    short = "Chelsea send clear message of intent at Cobham"
    long = short + " in battling win over Tottenham"
    assert choose_title(short, [long], None, linked=long) == short


def test_the_printed_headline_a_longer_title_holds_whole() -> None:
    printed = "Cybersecurity Tips for Small Businesses"
    title = "15 Critical Cybersecurity Tips for Small Businesses"
    assert choose_title(title, [printed], None) == printed
    # words in another order, or not all of them, are another wording: the title
    assert choose_title("Small Businesses: 15 Tips for Cybersecurity", [printed], None) != printed
    # a kicker the page prints beside its h1 stays in the title
    kicked = "Nationaler Veteranentag: Orden fürs Morden"
    beside = {"Orden fürs Morden": "Nationaler Veteranentag Orden fürs Morden"}.get
    assert choose_title(kicked, ["Orden fürs Morden"], None, beside) == kicked
    alone = {"Orden fürs Morden": "Orden fürs Morden"}.get
    assert choose_title(kicked, ["Orden fürs Morden"], None, alone) == "Orden fürs Morden"


def test_the_printed_headline_naming_a_later_year_than_the_title() -> None:
    title = "The 10 Best Car Rental Companies in 2024 [Rates, Service]"
    printed = "The 10 Best Car Rental Companies in 2025 [Rates, Service, and More]"
    assert choose_title(title, [printed], None) == printed
    # the same year, or an earlier one printed, leaves the title (a near-identical wording)
    same = "The 10 Best Car Rental Companies in 2024 [Rates, Service, and More]"
    assert choose_title(title, [same], None) == title
    assert choose_title(title.replace("2024", "2026"), [printed], None) != printed
    # a number that is no year ('12025 steps') is not one
    steps = "Walk 12024 steps every single day"
    assert choose_title(steps, ["Walk 12025 steps every single day"], None) == steps


def test_the_printed_headline_setting_the_same_words_with_other_marks() -> None:
    # the metadata's separator where the headline prints its own: the h1 as printed
    title = "Mobile UX Design - The Ultimate Guide 2025"
    printed = "Mobile UX Design: The Ultimate Guide 2025"
    assert choose_title(title, [printed], None) == printed
    assert choose_title(title, ["Menu", printed], None) == printed
    # only the case, the spacing, the quotes or the dashes otherwise: the title
    for same in (
        title.upper(),
        "Mobile UX Design – The Ultimate Guide 2025",
        "Bubi-Bomber wieder da : Thioune fordert Geduld",
    ):
        assert choose_title(same.replace(" : ", ": "), [same], None) == same.replace(" : ", ": ")
    assert choose_title("Beginner's guide", ["Beginner’s guide"], None) == "Beginner's guide"
    # marks fewer or more (an h1's parts run together, a markdown '*'): the title
    joined = "What Tutoring is not. - Defining a good tutor"
    assert choose_title(joined, ["What Tutoring is not. Defining a good tutor"], None) == joined
    starred = "*A Treatise on Coffee* (1792)"
    assert choose_title(starred, ["A Treatise on Coffee (1792)"], None) == starred


def test_og_title_over_a_one_word_metadata_title_on_a_page_without_h1() -> None:
    social = "Schneeflöckchen, Weißröckchen – mit Hund im Winter"
    assert choose_title("Aktuelles", [], None, social=social) == social
    # with an h1, or an og:title of two words, the rules as before
    assert choose_title("Aktuelles", [], None, social="Hund, Winter") == "Aktuelles"
    printed = "Mit dem Hund durch den Winter"
    assert choose_title("Aktuelles", [printed], None, social=social) == printed


_STORY = (
    "<p>Die Bundesregierung hat am Mittwoch ein Paket beschlossen, das Haushalte mit hohen"
    " Energiekosten entlasten soll, und die Verbraucherzentralen erklären die Rechte.</p>"
    "<p>Wer einen Vertrag mit fester Laufzeit hat, muss Preiserhöhungen nicht hinnehmen,"
    " sagen die Fachleute, und kann in vielen Fällen sofort kündigen.</p>"
)


def _title_over(title: str, above: str, story: str, url: str) -> str | None:
    """The title the cleaner gives a page titled ``title`` that prints ``above`` over the
    story's box holding ``story``."""
    page = (
        f"<html><head><title>{title}</title></head><body><div class='content'>{above}"
        f"<div class='text'>{story}</div></div></body></html>"
    )
    return Cleaner().clean(page, url=url, kind="html").title


@pytest.mark.parametrize(
    ("title", "above", "expected"),
    [
        # the title names the site: the heading printed above the story is the headline
        (
            "energieverbraucher.de | Gaspreise",
            '<div class="itc-headline">Energiepreiskrise: Entlastungen und Rechte</div>',
            "Energiepreiskrise: Entlastungen und Rechte",
        ),
        (
            "Gaspreise - energieverbraucher.de - Verein",
            "<h4>Entlastungen und Rechte</h4>",
            "Entlastungen und Rechte",
        ),
        # a title that does not name the site, a heading of one word, a heading in a nav,
        # a title the page prints as a heading: the title stays (None)
        ("Entlastungen bei Gaspreisen", "<h2>Entlastungen und Rechte</h2>", None),
        ("energieverbraucher.de | Gaspreise", "<h2>Energiepreiskrise</h2>", None),
        ("energieverbraucher.de | Gaspreise", "<nav><h2>Entlastungen und Rechte</h2></nav>", None),
        (
            "energieverbraucher.de | Gaspreise",
            "<h3>energieverbraucher.de | Gaspreise</h3><h2>Entlastungen und Rechte</h2>",
            None,
        ),
    ],
)
def test_the_heading_above_the_story_over_a_title_naming_the_site(
    title: str, above: str, expected: str | None
) -> None:
    got = _title_over(title, above, _STORY, "https://www.energieverbraucher.de/a/1")
    assert got == (expected or title)


def test_the_marked_headline_after_the_metadata_titles_kicker() -> None:
    social = "Grenzschließungen: Deutschland, Frankreich und die Rückkehr der Ressentiments"
    headline = "Deutschland, Frankreich und die Rückkehr der Ressentiments"
    marked_up = f"<span class='vhb-headline'>{headline}</span>"
    story = f"<div class='text'>{_STORY}</div>"

    def got(
        body: str,
        h1s: tuple[str, ...] = (),
        titles: tuple[str | None, ...] = (social,),
        chosen: str | None = None,
    ) -> str | None:
        tree = parse(f"<html><body>{body}</body></html>", None)
        return marked_after_kicker(tree, titles, h1s, chosen)

    assert got(f"<h2>{marked_up}</h2>{story}") == headline
    assert got(f"<h1 class='story-lead-headline'>{headline}</h1>") == headline
    # unmarked, in the furniture, a title with no kicker, a kicker and headline the page's
    # h1 prints as one heading (the reader sees the kicker): none
    assert got(f"<h2><span>{headline}</span></h2>") is None
    assert got(f"<aside>{marked_up}</aside>") is None
    assert got(marked_up, titles=(headline + " | Handelsblatt",)) is None
    assert got(marked_up, h1s=(social,)) is None
    assert got(marked_up, chosen=headline) is None  # already the title: not looked for
    assert got(marked_up, titles=(None, "Kurz: zu kurz")) is None
    # through the cleaner: og:title's kicker left off, the marked headline taken
    html = (
        f"<html><head><title>{social} | Handelsblatt</title>"
        f"<meta property='og:title' content='{social}'></head><body><div class='content'>"
        f"<h1>Corona: Report von der Grenze</h1><div>{marked_up}</div>{story}</div></body></html>"
    )
    assert Cleaner().clean(html, url="https://www.handelsblatt.com/a/1", kind="html").title == (
        headline
    )
    assert Cleaner().clean(html.replace("vhb-headline", "vhb"), kind="html").title != headline


def test_the_headings_printed_before_the_story_in_one_walk() -> None:
    tree = parse(
        "<html><body><div><h3>Kicker</h3><div class='post-title'>A marked title</div></div>"
        "<nav><h2>Menu heading</h2></nav><div id='story'><h2>Inside the story's box</h2>"
        "<p id='start'>The story begins here with its first paragraph of words.</p>"
        "<h2>Below the start</h2></div><!-- a comment --><h4>After the story</h4></body></html>",
        "t",
    )
    candidates, marked = _page_headings(tree, {text_key("A marked title")})
    assert [text for _, text in _heading_texts(candidates)] == [
        "Kicker",
        "A marked title",
        "Menu heading",
        "Inside the story's box",
        "Below the start",
        "After the story",
    ]
    assert [element.text for element in marked] == ["A marked title"]
    assert _page_headings(tree, set())[1] == set()  # no metadata title: none marked
    (start,) = tree.xpath("//p[@id='start']")
    earlier = _preceding(start)
    before = [text for element, text in _heading_texts(candidates) if _is_before(element, earlier)]
    # in page order before the start, outside the nav; the box holding the start is no
    # heading of its own, the headings in it before the start are
    assert before == ["Kicker", "A marked title", "Inside the story's box"]


@pytest.mark.parametrize(
    ("above", "story", "expected"),
    [
        # the title holds the heading printed above the story, with a kicker and a section
        # more: the heading, the nearest the title holds (a share line between)
        (
            "<h2>Entlastungen und Rechte für Haushalte</h2><h4>Teilen und drucken</h4>",
            _STORY,
            "Entlastungen und Rechte für Haushalte",
        ),
        # the story's paragraphs in spans, or their first words bold: their start found
        (
            "<h2>Entlastungen und Rechte für Haushalte</h2>",
            "<div><span>Die Bundesregierung hat am Mittwoch ein Paket beschlossen, das"
            " Haushalte mit hohen Energiekosten entlasten soll.</span></div><div><span>Wer"
            " einen Vertrag mit fester Laufzeit hat, muss Preiserhöhungen nicht hinnehmen,"
            " sagen die Fachleute, und kann in vielen Fällen sofort kündigen.</span></div>",
            "Entlastungen und Rechte für Haushalte",
        ),
        (
            "<h2>Entlastungen und Rechte für Haushalte</h2>",
            "<div><b>Die</b> Bundesregierung hat am Mittwoch ein Paket beschlossen, das"
            " Haushalte mit hohen Energiekosten entlasten soll.</div><div><b>Wer</b> einen"
            " Vertrag mit fester Laufzeit hat, muss Preiserhöhungen nicht hinnehmen, sagen die"
            " Fachleute, und kann in vielen Fällen sofort kündigen.</div>",
            "Entlastungen und Rechte für Haushalte",
        ),
        # what the title adds printed in a heading beside it, or a heading the title does
        # not hold: the title stays (None)
        ("<h3>Gaspreise:</h3><h2>Entlastungen und Rechte für Haushalte</h2>", _STORY, None),
        ("<h2>Energiepreiskrise und Rechte</h2>", _STORY, None),
    ],
)
def test_the_heading_above_the_story_that_the_title_holds_with_more(
    above: str, story: str, expected: str | None
) -> None:
    title = "Gaspreise: Entlastungen und Rechte für Haushalte - Ratgeber"
    got = _title_over(title, above, story, "https://www.beispiel-verbraucher.de/a/1")
    assert got == (expected or title)


@pytest.mark.parametrize(
    ("above", "expected"),
    [
        # a heading marked as the post's title, worded as og:title, above the story: the
        # headline, where the h1 is the blog's name
        (
            '<h3 class="post-title entry-title">Winter Journal packing list</h3>',
            "Winter Journal packing list",
        ),
        # unmarked, or worded otherwise than every metadata title: the h1 stays
        ("<h3>Winter Journal packing list</h3>", "Winter Journal"),
        ('<h3 class="post-title">A packing list for winter</h3>', "Winter Journal"),
    ],
)
def test_the_marked_title_above_the_story_that_the_metadata_words(
    above: str, expected: str
) -> None:
    og = "Winter Journal packing list"
    page = (
        f"<html><head><title>Winter Journal: {og}</title>"
        f"<meta property='og:title' content='{og}'></head><body>"
        f"<header><h1>Winter Journal</h1></header><div class='content'>{above}"
        f"<div class='text'>{_STORY}</div></div></body></html>"
    )
    got = Cleaner().clean(page, url="https://winterjournal.example.org/2018/x", kind="html")
    assert got.title == expected


@pytest.mark.parametrize(
    ("h1", "expected"),
    [
        # a kicker in an element of its own above the headline, inside a wrapper
        (
            '<h1><span itemprop="headline"><small>Einheit der Woche</small><br>'
            "Lagen-Pyramide mit GA2</span></h1>",
            "Lagen-Pyramide mit GA2",
        ),
        # a subtitle after the headline
        (
            '<h1><span>Dezuka Suisan: Fish Cakes, Hot <span class="c">and</span> Fresh</span>'
            "<small> Welcome to the Flavor Capital </small></h1>",
            "Dezuka Suisan: Fish Cakes, Hot and Fresh",
        ),
        # no part the metadata words alone, or a part too short to tell: the h1 read whole
        ("<h1>Lagen-Pyramide <em>mit</em> GA2</h1>", None),
        ("<h1><span>Einheit der Woche</span> <span>GA2 Pyramide</span></h1>", None),
        ("<h1>Lagen-Pyramide mit GA2</h1>", None),
    ],
)
def test_the_headline_an_h1_prints_beside_a_kicker_or_subtitle(
    h1: str, expected: str | None
) -> None:
    titles = {
        text_key(t)
        for t in ("Lagen-Pyramide mit GA2", "Dezuka Suisan: Fish Cakes, Hot and Fresh", "GA2")
    }
    assert printed_headline(lxml.html.fragment_fromstring(h1), titles) == expected


def test_the_page_title_is_the_h1_part_its_metadata_words() -> None:
    page = (
        "<html><head><title>Einheit der Woche | Lagen-Pyramide mit GA2 - SWIM.DE</title>"
        '<script type="application/ld+json">{"@type": "NewsArticle", '
        '"headline": "Lagen-Pyramide mit GA2"}</script></head><body><article>'
        "<h1><span><small>Einheit der Woche</small><br>Lagen-Pyramide mit GA2</span></h1>"
        + "<p>Schwerpunkt der Einheit ist eine Lagen-Pyramide über insgesamt 1.000 Meter.</p>" * 6
        + "</article></body></html>"
    )
    assert Cleaner().clean(page, kind="html").title == "Lagen-Pyramide mit GA2"


def test_of_several_h1s_the_one_the_json_ld_headline_words_the_same() -> None:
    title = "Catering Tips for a Successful Event"
    h1s = ["The Blog", "Catering 101: Catering Tips to Make Your Next Event a Success"]
    assert choose_title(title, h1s, None, linked=h1s[1].upper()) == h1s[1]
    assert choose_title(title, h1s, None) == title


@pytest.mark.parametrize(
    ("h1s", "title", "sitename", "host", "expected"),
    [
        # the site's name, stated or as the page's title ends with it, opens an h1: no headline
        (
            ["El Mostrador, el primer diario digital de Chile.", "Las trabas del Congreso"],
            "Las trabas del Congreso",
            "El Mostrador",
            "elmostrador",
            [1],
        ),
        (
            ["ProNATs e.V. Verein zur Unterstützung arbeitender Kinder"],
            "Kinder und Arbeit » ProNATs e.V.",
            None,
            "pronats",
            [],
        ),
        # the address's name alone is the site's; a headline may open with it
        (["Zoll", "Fachmeldungen"], None, None, "zoll", [1]),
        (["OSSO 2025 recap + highlights"], "recap 2025 – OSSO B.V", None, "osso", [0]),
        # a repeated h1 counts once; one without a letter (a vote count) is no headline
        (
            ["94", "Scalable interpretability", "94", "Scalable interpretability"],
            None,
            None,
            None,
            [1],
        ),
    ],
)
def test_story_headlines(
    h1s: list[str], title: str | None, sitename: str | None, host: str | None, expected: list[int]
) -> None:
    assert story_headlines(h1s, title, sitename, host) == expected


def test_title_holding_a_section_label_and_the_headline_gives_the_headline() -> None:
    title = "Fachmeldungen - Verkündung des Tabaksteuermodernisierungsgesetzes"
    h1s = ["Fachmeldungen", "Verkündung des Tabaksteuermodernisierungsgesetzes"]
    assert choose_title(title, h1s, None) == h1s[1]
    assert choose_title(title, h1s[:1], None) == h1s[0]  # alone, the h1 the title frames


def test_page_title_passes_over_the_sites_name_printed_as_h1() -> None:
    html = page(
        paragraphs(),
        head="<title>Kinder und Arbeit » ProNATs e.V.</title>",
        before="<h1>ProNATs e.V. Verein zur Unterstützung arbeitender Kinder</h1>",
    )
    meta = html_to_page(html, PageMeta(url="https://www.pronats.de/kinder-und-arbeit/")).meta
    assert meta.title == "Kinder und Arbeit"


@pytest.mark.parametrize(
    ("author", "sites", "expected"),
    [
        ("Jane Doe; Euronews", ("euronews",), ("Jane Doe",)),
        ("Cory Dransfeldt", ("corydransfeldt",), ("Cory Dransfeldt",)),  # a personal site
        ("Wegewerk GmbH", (), ()),
        ("Maria & Katerina", (), ("Maria", "Katerina")),
        ("nieuwsblad.be", (), ()),
        ("kirstin boatto", (), ("Kirstin Boatto",)),  # a name in lower case
        ("best of sfist", (), ()),
        ("amw", (), ()),  # an editor's initials
    ],
)
def test_people_from_metadata(
    author: str, sites: tuple[str, ...], expected: tuple[str, ...]
) -> None:
    assert people(author, sites) == expected


def test_linked_data_text_is_unescaped() -> None:
    tree = lxml.html.fromstring(
        '<html><head><script type="application/ld+json">{"@type": "NewsArticle", '
        '"headline": "Houston&#39;s best", "author": {"@type": "Person", '
        '"name": "Maria &amp; Katerina"}}</script></head><body></body></html>'
    )
    linked = read_linked_data(tree)
    assert (linked.headline, linked.persons) == ("Houston's best", ["Maria & Katerina"])


def test_an_author_given_as_an_address_is_no_name() -> None:
    tree = lxml.html.fromstring(
        '<html><head><script type="application/ld+json">{"@type": "Article", '
        '"author": "https://example.org/author/karoherr/#author"}</script></head>'
        "<body></body></html>"
    )
    assert read_linked_data(tree).persons == []


def test_the_pages_address_written_as_a_name_is_no_author() -> None:
    # trafilatura's metadata turns the meta tag's 'mdr.de' into 'Mdr De'
    assert people("Mdr De", (), "https://www.mdr.de/thueringen/a.html") == ()
    assert people("Mdr De; Ann Lee", (), "https://mdr.de/a") == ("Ann Lee",)
    assert people("Mdr De", (), "https://www.example.org/a") == ("Mdr De",)
    meta = PageMeta(authors=(Found("Mdr De", "meta"),), url="https://www.mdr.de/a.html")
    assert meta_authors(meta) == ()


def test_the_last_resort_search_takes_a_user_name_in_the_story_not_in_a_sidebar(
    cleaner: Cleaner,
) -> None:
    byline = "<p class='entry-meta'>Posted by <a rel='author' href='/u/rasos'>rasos</a></p>"
    html = page("<h1>Council votes for a bridge</h1>" + byline + paragraphs())
    assert cleaner.clean(html, kind="html").authors == ("rasos",)
    sidebar = (
        "<aside class='sidebar'><ul><li><span class='comment-author-link'>Martin</span> on "
        "<a href='/x'>Another story</a></li></ul></aside>"
    )
    html = page("<h1>Council votes for a bridge</h1>" + paragraphs(), after=sidebar)
    assert cleaner.clean(html, kind="html").authors == ()
    follow = "<div><button class='followAuthorBtn'>Abbruch</button></div>"
    html = page("<h1>Council votes for a bridge</h1>" + follow + paragraphs())
    assert cleaner.clean(html, kind="html").authors == ()


def test_the_json_ld_date_confirmed_by_htmldate_wins_over_a_printed_one() -> None:
    confirmed = PageMeta(date=Found("2025-02-12", "json-ld"))
    assert page_date(["2013-01-01"], confirmed) == "2025-02-12"
    alone = PageMeta(date=Found("2025-02-12", "htmldate"))
    assert page_date(["2013-01-01"], alone) == "2013-01-01"
    assert page_date([], alone) == "2025-02-12"


def test_a_copyright_year_alone_gives_no_date(cleaner: Cleaner) -> None:
    # htmldate's last resort: the first of January of the copyright line's year
    footer = "<div class='legal'><p>© 2021 Example News. All rights reserved.</p></div>"
    html = page("<h1>Council votes for a bridge</h1>" + paragraphs(), after=footer)
    assert cleaner.clean(html, kind="html").date is None
    # a first of January the page's metadata gives stands
    head = "<meta property='article:published_time' content='2021-01-01T08:00:00Z'>"
    html = page("<h1>Council votes for a bridge</h1>" + paragraphs(), head=head, after=footer)
    assert cleaner.clean(html, kind="html").date == "2021-01-01"


def test_a_byline_printed_under_the_headline_wins_over_the_meta_tags_author(
    cleaner: Cleaner,
) -> None:
    head = "<title>Council votes for a bridge</title><meta name='author' content='Luke Daigle'>"
    byline = "<p>By: Paul Fenaroli</p>"
    html = page("<h1>Council votes for a bridge</h1>" + byline + paragraphs(), head=head)
    assert cleaner.clean(html, kind="html").authors == ("Paul Fenaroli",)


def test_a_user_name_after_by_under_the_headline(cleaner: Cleaner) -> None:
    head = "<title>Council votes for a bridge</title>"
    byline = "<h2><span>06.11.2023 13:30 von Olga</span></h2>"
    html = page("<h1>Council votes for a bridge</h1>" + byline + paragraphs(), head=head)
    assert cleaner.clean(html, kind="html").authors == ("Olga",)
    agency = "<p>By Reuters</p>"
    html = page("<h1>Council votes for a bridge</h1>" + agency + paragraphs(), head=head)
    assert cleaner.clean(html, kind="html").authors == ()


def test_a_byline_under_the_story_when_nothing_else_names_anyone(cleaner: Cleaner) -> None:
    closing = "<div class='box'><p>Written by <a href='/a/mk'>Moses Kim and Kate Roe</a></p></div>"
    html = page(paragraphs(), after=closing)
    assert cleaner.clean(html, kind="html").authors == ("Moses Kim", "Kate Roe")
    # after another long text (a teaser of the next story) a 'By' line is that story's
    teaser = f"<div class='next'><p>{STORY[0][::-1]} {STORY[1]}</p><p>By Ann Lee</p></div>"
    html = page(paragraphs(), after=teaser)
    assert cleaner.clean(html, kind="html").authors == ()


def test_a_labelled_byline_under_the_story(cleaner: Cleaner) -> None:
    closing = "<div class='box'><p>Autor: <a href='/p/7'>Klaus Friedrich</a> Tags: bus</p></div>"
    html = page(paragraphs(), after=closing)
    assert cleaner.clean(html, kind="html").authors == ("Klaus Friedrich",)
    label = "<div class='box'><p>Text: Nachrichten aus der Region</p></div>"
    assert cleaner.clean(page(paragraphs(), after=label), kind="html").authors == ()


def test_a_date_and_a_name_under_the_headline(cleaner: Cleaner) -> None:
    for line in ("2025-12-17 · <a>Trond Teigen</a>", "Trond Teigen | December 17, 2025"):
        header = f"<div class='meta'><span>{line}</span></div>"
        html = page("<h1>Council votes for a bridge</h1>" + header + paragraphs())
        assert cleaner.clean(html, kind="html").authors == ("Trond Teigen",), line
    # a date beside a section's name names no one; nor does such a line after the story began
    header = "<div class='meta'>2025-12-17 · Local News</div>"
    html = page("<h1>Council votes for a bridge</h1>" + header + paragraphs())
    assert cleaner.clean(html, kind="html").authors == ()
    later = "<p>2025-12-17 · Trond Teigen</p>"
    html = page("<h1>Council votes for a bridge</h1>" + paragraphs() + later)
    assert cleaner.clean(html, kind="html").authors == ()


def test_a_name_under_a_written_by_label_of_its_own(cleaner: Cleaner) -> None:
    box = "<div class='box'><h2>Article written by:</h2><div><h3>Doris Munoz</h3></div></div>"
    html = page(paragraphs(), after=box)
    assert cleaner.clean(html, kind="html").authors == ("Doris Munoz",)
    # a bare 'By' label, or a label whose next text is no name, gives no one
    for box in ("<p>By</p><p>Doris Munoz</p>", "<h2>Written by</h2><p>our newsroom team</p>"):
        assert cleaner.clean(page(paragraphs(), after=box), kind="html").authors == (), box


def test_a_link_to_the_authors_page_when_nothing_else_names_anyone(cleaner: Cleaner) -> None:
    header = "<div class='meta'><a href='/author/ann-lee/'>Ann Lee</a> · 3 min read</div>"
    html = page("<h1>Council votes for a bridge</h1>" + header + paragraphs())
    assert cleaner.clean(html, kind="html").authors == ("Ann Lee",)
    # a menu's link to a writer's page names no author of this story
    menu = "<nav class='menu'><ul><li><a href='/author/bo-kim/'>Bo Kim</a></li></ul></nav>"
    html = page("<h1>Council votes for a bridge</h1>" + paragraphs(), before=menu)
    assert cleaner.clean(html, kind="html").authors == ()
    # the link's path in another language ('/autor/', '/auteur/')
    for path in ("autor", "auteur"):
        header = f"<div class='meta'><a href='/{path}/ann-lee/'>Ann Lee</a> · 3 min</div>"
        html = page("<h1>Council votes for a bridge</h1>" + header + paragraphs())
        assert cleaner.clean(html, kind="html").authors == ("Ann Lee",), path


def test_a_marked_byline_opening_with_its_date_keeps_every_writer(cleaner: Cleaner) -> None:
    # the date's comma had parted the first writer from his name ('2025 Alex David'): dropped
    byline = "<div class='author-line'>Oct 30, 2025 Ann Lee, Bo Kim, and Cy Young</div>"
    html = page("<h1>Council votes for a bridge</h1>" + byline + paragraphs())
    assert cleaner.clean(html, kind="html").authors == ("Ann Lee", "Bo Kim", "Cy Young")


def test_the_writer_a_share_card_names_when_nothing_else_names_anyone(cleaner: Cleaner) -> None:
    card = (
        "<meta name='twitter:label1' content='Est. reading time'>"
        "<meta name='twitter:data1' content='4 minutes'>"
        "<meta name='twitter:label2' content='Written by'>"
        "<meta name='twitter:data2' content='Karoline Herr'>"
    )
    html = page("<h1>Council votes for a bridge</h1>" + paragraphs(), head=card)
    assert cleaner.clean(html, kind="html").authors == ("Karoline Herr",)
    # the card's other labels, and a label naming no person, give no one
    for label, data in (("Est. reading time", "Ann Lee"), ("Written by", "Editorial Team")):
        card = f"<meta name='twitter:label1' content='{label}'>" + (
            f"<meta name='twitter:data1' content='{data}'>"
        )
        html = page("<h1>Council votes for a bridge</h1>" + paragraphs(), head=card)
        assert cleaner.clean(html, kind="html").authors == (), label


def test_a_blogs_posted_by_line_when_nothing_else_names_anyone(cleaner: Cleaner) -> None:
    for line, name in (
        ("<span class='posted'>Posted by Kiersten at December 16, 2025 11:15 AM</span>", "Kiersten"),
        ("<div class='x'>Posted by <a href='/u/7'>Colin Watson</a> on 2025-12-18 in news</div>",
         "Colin Watson"),
    ):  # fmt: skip
        html = page("<h1>Council votes for a bridge</h1>" + paragraphs(), after=line)
        assert cleaner.clean(html, kind="html").authors == (name,), line
    # 'Posted by' alone, or before no name, gives no one
    for line in ("<span>Posted by</span>", "<p>Posted by admin in Local News</p>"):
        html = page("<h1>Council votes for a bridge</h1>" + paragraphs(), after=line)
        assert cleaner.clean(html, kind="html").authors == (), line


def test_a_chinese_story_closed_by_its_editors_label(cleaner: Cleaner) -> None:
    closing = "<div class='tags'><span>【纠错】</span> 责任编辑： 焦鹏</div>"
    html = page(paragraphs(), after=closing)
    assert cleaner.clean(html, kind="html").authors == ("焦鹏",)


def test_the_time_after_a_marked_byline_is_no_part_of_the_name(cleaner: Cleaner) -> None:
    byline = "<p class='byline'>By Ann Lee at 11:15 AM</p>"
    html = page("<h1>Council votes for a bridge</h1>" + byline + paragraphs())
    article = cleaner.clean(html, kind="html")
    assert article.authors == ("Ann Lee",)
    assert "11:15" not in article.body


def test_co_authors_listed_under_a_by_line_of_its_own(cleaner: Cleaner) -> None:
    box = (
        "<div class='article-byline'><div>Written by</div>"
        "<div>Ann Lee, 4+ years covering science</div><div>Bo Kim, senior editor</div>"
        "<div>Updated March 13, 2024</div></div>"
    )
    html = page("<h1>Council votes for a bridge</h1>" + box + paragraphs())
    assert cleaner.clean(html, kind="html").authors == ("Ann Lee", "Bo Kim")
    one = "<div class='article-byline'><div>By</div><div>Ann Lee</div><div>Staff Writer</div></div>"
    html = page("<h1>Council votes for a bridge</h1>" + one + paragraphs())
    assert cleaner.clean(html, kind="html").authors == ("Ann Lee",)


def test_co_authors_as_links_side_by_side_or_on_a_line_of_their_own(cleaner: Cleaner) -> None:
    # links or spans with nothing between them (a style sheet draws the commas) read as one
    # person of four words, or as no one past five; a co-author after a break was dropped
    for byline, authors in (
        ("<div class='byline'><a href='/a/1'>Ann Lee</a><a href='/a/2'>Bo Kim</a></div>",
         ("Ann Lee", "Bo Kim")),
        ("<div class='byline'>By <a>Ann Lee</a><a>Bo Kim</a><a>Cy Young</a></div>",
         ("Ann Lee", "Bo Kim", "Cy Young")),
        ("<div class='authors'><span class='author'>Ann Lee</span>"
         "<span class='author'>Bo Kim</span></div>", ("Ann Lee", "Bo Kim")),
        ("<div class='byline'>By <span>Ann Lee</span><br>and <span>Bo Kim</span></div>",
         ("Ann Lee", "Bo Kim")),
        # one to a line, each a name alone
        ("<div class='authors'><div class='author'>Ann Lee</div>"
         "<div class='author'>Bo Kim</div></div>", ("Ann Lee", "Bo Kim")),
        ("<ul class='byline'><li>Ann Lee</li><li>Bo Kim</li><li>Cy Young</li></ul>",
         ("Ann Lee", "Bo Kim", "Cy Young")),
        # ... but not a name under a label, nor a role line
        ("<div class='author'><div>Ann Lee</div><div>Reviewed by</div><div>Bo Kim</div></div>",
         ("Ann Lee",)),
        ("<div class='author'><div>Ann Lee</div><div>Senior Writer</div></div>", ("Ann Lee",)),
        # one name in two links, and a name beside its role, stay one person
        ("<div class='byline'><a>Mary</a><a>Ann Smith</a></div>", ("Mary Ann Smith",)),
        ("<div class='byline'><a>Ann Lee</a><a>Senior Writer</a></div>", ("Ann Lee",)),
    ):  # fmt: skip
        html = page("<h1>Council votes for a bridge</h1>" + byline + paragraphs())
        assert cleaner.clean(html, kind="html").authors == authors, byline
    # a byline printed with its commas keeps them
    byline = "<div class='byline'><a>Ann Lee</a>, <a>Bo Kim</a></div>"
    html = page("<h1>Council votes for a bridge</h1>" + byline + paragraphs())
    assert cleaner.clean(html, kind="html").byline == "Ann Lee, Bo Kim"


def test_the_marked_byline_wins_over_another_name_among_the_blocks() -> None:
    from cleaner.assemble import assemble
    from cleaner.engine import Outcome

    meta = PageMeta(byline=Found("By Tariq Panja", "marked"))
    outcome = Outcome(fields={"byline": [("Por Shira Ovide", "rule")]})
    article = assemble(meta, outcome, [], None)
    assert (article.authors, article.byline) == (("Tariq Panja",), "By Tariq Panja")
    same = Outcome(fields={"byline": [("By Tariq Panja and Ann Lee", "rule")]})
    assert assemble(meta, same, [], None).authors == ("Tariq Panja", "Ann Lee")


def test_machine_names_and_bodies_are_no_authors() -> None:
    assert people("brandon-peaktwo", ()) == ()
    assert people("BDZV", ()) == ()
    assert people("eseppelt", ()) == ("eseppelt",)
    assert people("IWB", ()) == ("IWB",)  # initials in capitals: an editor's, kept
    assert people("AI Alignment Forum", ()) == ()
    assert people("TOI Lifestyle Desk", ()) == ()
    assert people("Evan Halper Staff Writer", ()) == ("Evan Halper",)


def test_a_body_paragraph_repeating_a_caption_printed_elsewhere_is_a_caption() -> None:
    """The page's captions wherever they sit (here in an aside, page furniture) and the
    JSON-LD's image captions: a body block that repeats one goes to the captions, a story
    paragraph does not."""
    caption = "Residents queue for the ferry on a winter morning on the eastern bank."
    declared = "The old ferry leaves the western landing at dawn, as it has for forty years."
    blocks = [Block(STORY[0]), Block(caption), Block(STORY[1]), Block(declared)]
    marked = mark_repeats(blocks, [(caption, False), (declared, True)])
    assert [block.kind for block in marked] == ["para", "caption", "para", "caption"]
    # a part of a caption of some length counts; a story paragraph around a caption does not
    marked = mark_repeats([Block(caption[:40]), Block(f"{STORY[0]} {caption}")], [(caption, False)])
    assert mark_repeats([Block(caption[:40])], [(caption, True)])[0].kind == "para"
    # a story told in its figures' captions (a listicle) stays the story
    told = [Block(caption), Block(declared), Block(STORY[0][:60])]
    assert mark_repeats(told, [(caption, False), (declared, False)]) == told
    assert [block.kind for block in marked] == ["caption", "para"]


def test_a_caption_in_page_furniture_repeated_in_the_body_leaves_it(cleaner: Cleaner) -> None:
    caption = "Residents queue for the ferry on a winter morning on the eastern bank."
    html = page(
        paragraphs(STORY[:2]) + f"<p>{caption}</p>" + paragraphs(STORY[2:]),
        after=f"<aside class='sidebar'><figure><img src='/a.jpg'>"
        f"<figcaption>{caption}</figcaption></figure></aside>",
    )
    article = cleaner.clean(html)
    assert article.body.split("\n\n") == STORY
    assert caption in article.captions


def test_a_paragraph_a_picture_declares_as_its_caption_leaves_the_body(cleaner: Cleaner) -> None:
    caption = "The mayor and the council after the vote, on the steps of the town hall."
    html = page(
        paragraphs(STORY[:2])
        + f"<a href='/big.jpg' data-caption='Photo: Ann Lee - {caption}'><img src='/a.jpg'></a>"
        + f"<p><em>{caption}</em></p>"
        + paragraphs(STORY[2:])
    )
    article = cleaner.clean(html)
    assert article.body.split("\n\n") == STORY
    assert caption in article.captions


def test_the_authors_bio_and_a_call_to_action_after_the_story_are_removed() -> None:
    bio = "Ann Lee is a freelance writer living in Ohio who covers city politics and transport."
    call = "Want more stories about the river? Check out our guide to the city's bridges."
    head = '<meta name="author" content="Ann Lee">'
    html = page(paragraphs() + f"<p>{bio}</p><p>{call}</p>", head=head)
    article = Cleaner(explain=True).clean(html, kind="html")
    assert article.authors == ("Ann Lee",)
    assert STORY[-1] in article.body and bio not in article.body and call not in article.body
    removed = {r.text: r.rule for r in article.removed or ()}
    assert removed[bio] == "core.author-bio" and removed[call] == "core.call-to-action"


def test_a_modal_or_sign_up_box_in_the_story_leaves_the_body() -> None:
    modal = "<div class='c-modal__body'><p>Want to see what your business could earn?</p></div>"
    signup = "<div class='c-inlineSignup'><h2>Get daily local news</h2></div>"
    html = page(
        paragraphs(STORY[:2]) + modal + paragraphs(STORY[2:3]) + signup + paragraphs(STORY[3:])
    )
    article = Cleaner(explain=True).clean(html, kind="html")
    assert article.body.split("\n\n") == STORY
    removed = {r.text: r.rule for r in article.removed or ()}
    assert removed["Want to see what your business could earn?"] == "core.overlay"
    assert removed["Get daily local news"] == "core.overlay"


def test_a_story_the_page_opens_in_a_modal_stays() -> None:
    html = page(f"<div class='modal-content'>{paragraphs()}</div>")
    assert Cleaner().clean(html, kind="html").body.split("\n\n") == STORY


def test_a_paragraph_about_someone_else_or_before_the_storys_end_stays() -> None:
    other = "Tom Roe is a farmer on the eastern bank who has crossed by ferry for forty years."
    early = (
        "Ann Lee is the councillor who first proposed the bridge, twelve years ago, in a speech."
    )
    head = '<meta name="author" content="Ann Lee">'
    html = page(paragraphs([early, *STORY, other]), head=head)
    article = Cleaner().clean(html, kind="html")
    assert other in article.body and early in article.body
    # without the author's name a bio is not known
    assert Cleaner().clean(page(paragraphs([*STORY, other])), kind="html").body.endswith(other)


def test_a_table_row_printed_again_stays_in_an_html_body() -> None:
    """core.repeated-block on an HTML page keeps a table's row each time it is printed (a
    header row over each table), and still drops a paragraph printed twice."""
    from cleaner.engine.apply import Kept, Outcome
    from cleaner.structure import drop_repeats

    row = Block("Model | Price | Weight | Battery life in hours", "table")
    para = Block(STORY[0], "para")
    kept = [Kept(block, False, i) for i, block in enumerate([row, para, row, para])]
    outcome = Outcome(removed=[])
    result = drop_repeats(kept, (), outcome, every_time=pipeline.HTML_EVERY_TIME)
    assert [item.block for item in result] == [row, para, row]
    assert [r.rule for r in outcome.removed or []] == ["core.repeated-block"]
    # without the exemption (a text dump's repeats) the row goes too
    assert len(drop_repeats(kept, (), Outcome())) == 2


def test_a_name_alone_under_the_headline_when_it_holds_a_known_given_name(
    cleaner: Cleaner,
) -> None:
    for line, name in (
        ("<div class='x'>John Harlow</div>", ("John Harlow",)),
        # where the list cannot judge (a script without case, an initial), not read here
        ("<div class='x'>松岡大地</div>", ()),
        ("<div class='x'>J. Harlow</div>", ()),
        ("<div class='x'>Google Cloud</div>", ()),  # the person test alone took it for a name
        ("<div class='x'>Learn Hub</div>", ()),
        ("<figure><figcaption>John Harlow</figcaption></figure>", ()),  # a photo's credit
        # an author's bio box the marked readers leave out is not read as a lone name
        ("<div class='author_short_bio'><div><a href='/r'>John Harlow</a></div></div>", ()),
    ):
        html = page("<h1>Council votes for a bridge</h1>" + line + paragraphs())
        assert cleaner.clean(html, kind="html").authors == name, line
    # after the story's first paragraph a lone name is no byline
    html = page("<h1>Council votes for a bridge</h1>" + paragraphs() + "<div>John Harlow</div>")
    assert cleaner.clean(html, kind="html").authors == ()


def test_the_storys_own_short_lines_printed_again_stay_in_an_html_body() -> None:
    """core.repeated-block on an HTML page (``story_own``): a label printed under each item
    of the story stays each time; a paragraph printed again, a table of contents' entry
    printed again as a heading and a block printed twice in a run still go."""
    from cleaner.engine.apply import Kept, Outcome
    from cleaner.structure import drop_repeats

    label = Block("Buy on Amazon | Buy on Adorama now", "list")
    entry = Block("How the council paid for the bridge", "list")
    heading = Block("How the council paid for the bridge", "heading")
    long_quote = Block(" ".join(STORY[1].split()[:20]) + ".", "para")
    blocks = [
        entry,
        Block(STORY[0]),
        label,
        long_quote,
        Block(STORY[1]),
        label,
        heading,
        Block(STORY[2]),
        long_quote,
        label,
        Block(STORY[3]),
    ]
    kept = [Kept(block, False, i) for i, block in enumerate(blocks)]
    outcome = Outcome(removed=[])
    result = [item.block for item in drop_repeats(kept, (), outcome, story_own=True)]
    assert result.count(label) == 3
    assert result.count(long_quote) == 1 and heading not in result
    assert len(outcome.removed or []) == 2
    # before the story's first paragraph or after its last, a repeat goes
    late = [*blocks, label]
    kept = [Kept(block, False, i) for i, block in enumerate(late)]
    assert [item.block for item in drop_repeats(kept, (), Outcome(), story_own=True)].count(
        label
    ) == 3
    # two repeats in a row, in the order of their first copies: a block printed twice
    twice = [Block(STORY[0]), label, entry, Block(STORY[1]), label, entry, Block(STORY[2])]
    kept = [Kept(block, False, i) for i, block in enumerate(twice)]
    assert len(drop_repeats(kept, (), Outcome(), story_own=True)) == 5
    # the text path keeps none of them
    kept = [Kept(block, False, i) for i, block in enumerate(blocks)]
    assert len(drop_repeats(kept, (), Outcome())) == len(blocks) - 4


def test_a_lead_the_page_hides_is_no_lead(cleaner: Cleaner) -> None:
    """A sign-in wall's intro in a box the page hides ('identity-intro' in a 'hidden' group)
    is not put back before the body as the story's lead; a lead shown is."""
    lead = "Create an account or sign in to continue with your reading experience today."
    wall = f"<div class='sign-in-group hidden'><header class='identity-intro'><p>{lead}</p></header></div>"
    html = page("<h1>Council votes for a bridge</h1>" + wall + paragraphs())
    assert lead not in cleaner.clean(html, kind="html").body
    shown = (
        f"<div class='sign-in-group'><header class='identity-intro'><p>{lead}</p></header></div>"
    )
    html = page("<h1>Council votes for a bridge</h1>" + shown + paragraphs())
    assert cleaner.clean(html, kind="html").body.startswith(lead)


FERRY = "Residents queue for the ferry on Monday. (Ann Lee / City News)"


@pytest.mark.parametrize(
    "chrome",
    [
        # a link's and an account menu's label styled as a caption (Tailwind 'text-caption')
        "<a class='text-caption' href='/login'>Anmelden</a>"
        "<label class='text-caption' for='menu'>Mein Konto</label>",
        # a cookie banner's switch label, no picture near it
        "<div class='cookie-box'><span class='cli-necessary-caption'>Always Enabled</span></div>",
        # a form's legend
        "<form><p class='popover__legend'>Enter your e-mail and password:</p>"
        "<input name='mail'></form>",
        # a date alone in a caption's style, beside a picture
        "<div><img src='/b.jpg'><p class='caption'>Published Nov 8, 2023</p></div>",
        "<div><img src='/b.jpg'><p class='caption'>26, Abril, 2022</p></div>",
        # a logo's and an account icon's alt repeated under them
        "<div class='site-logo'><img src='/logo.png' alt='City News Online'></div>"
        "<p>City News Online</p>",
        "<div><img class='account-icon' src='/u.png' alt='Your account and settings'>"
        "<div>Your account and settings</div></div>",
    ],
)
def test_ui_labels_dates_and_logos_alts_are_no_captions(cleaner: Cleaner, chrome: str) -> None:
    """Chrome in a caption's style in the page's header, beside the story's captioned picture."""
    figure = (
        "<div class='image'><img src='/a.jpg'><div class='Figure-caption'>Residents queue for"
        " the ferry on Monday. <span class='credit'>(Ann Lee / City News)</span></div></div>"
    )
    html = page(paragraphs(STORY[:2]) + figure + paragraphs(STORY[2:]), before=chrome)
    assert cleaner.clean(html).captions == (FERRY,)


def test_a_caption_in_a_lightbox_link_or_button_is_a_caption(cleaner: Cleaner) -> None:
    caption = "Residents queue for the ferry on Monday morning in the rain."
    lightbox = f"<a class='photo-caption' href='/a.jpg'><img src='/a.jpg'>{caption}</a>"
    html = page(paragraphs(STORY[:2]) + lightbox + paragraphs(STORY[2:]))
    assert cleaner.clean(html).captions == (caption,)
    for holder in ("a href='/a.jpg'", "button"):
        tag = holder.split()[0]
        figure = f"<{holder}><figure><img src='/a.jpg'><figcaption>{caption}</figcaption></figure></{tag}>"
        html = page(paragraphs(STORY[:2]) + figure + paragraphs(STORY[2:]))
        assert cleaner.clean(html).captions == (caption,)


@pytest.mark.parametrize(
    "promotion",
    [
        "Amazon $19.34",  # a shop button under a product's picture
        "- Anzeige -",  # an ad label in a caption's style
        "View 3 Images",  # a gallery's count
        "Powered by",  # a widget's label
        "Internationales Karpfenmagazin … Mehr Erfahren",  # a call to action
    ],
)
def test_a_promotion_in_a_caption_box_is_no_caption(cleaner: Cleaner, promotion: str) -> None:
    """A promotion or label under a picture in the story leaves with the rule's id, and the
    story's real caption stays."""
    figure = (
        "<div class='image'><img src='/a.jpg'><div class='Figure-caption'>Residents queue for"
        " the ferry on Monday. <span class='credit'>(Ann Lee / City News)</span></div></div>"
    )
    promo = f"<figure><img src='/p.jpg'><figcaption>{promotion}</figcaption></figure>"
    html = page(
        paragraphs(STORY[:2]) + figure + paragraphs(STORY[2:3]) + promo + paragraphs(STORY[3:])
    )
    article = cleaner.clean(html, explain=True)
    assert article.captions == (FERRY,)
    assert promotion not in article.body
    assert ("generic.caption-promo", promotion) in {(r.rule, r.text) for r in article.removed}


@pytest.mark.parametrize(
    "footer",
    [
        "<p>© 2024 First Group</p><p class='copyright'>© 2024 Second Group</p>",
        "<p class='copyright'>© 2024 First Group</p><p>© 2024 Second Group</p>",
        "<div class='copyright'><p>© 2024 First Group</p></div>",
    ],
)
def test_footer_notice_first_in_page_order_with_marks_from_the_walk(footer: str) -> None:
    """The footer's notice is the first in page order, whether the walk of ``marked`` found it
    (class 'copyright') or the footer's XPath (text opening with '©'): as the one XPath
    over both found it."""
    from lxml import etree

    from cleaner.html.jsonld import LinkedData
    from cleaner.html.notice import copyright_notice
    from cleaner.html.tree import Story, marked

    tree = lxml.html.document_fromstring(
        f"<html><body><p>Story.</p><footer>{footer}</footer></body></html>"
    )
    notices: list[etree._Element] = []
    marked(tree, notices=notices)
    walked = copyright_notice(tree, Story([]), LinkedData(), notices)
    assert walked == copyright_notice(tree, Story([]), LinkedData())
    assert walked == Found("© 2024 First Group", "footer")
