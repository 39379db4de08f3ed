"""An HTML page → a Page of blocks with its metadata.

The page is parsed once (tree.py: lxml bounds its depth; oversized markup is refused).
Metadata comes from the page's meta tags and JSON-LD (title, author → people only, site name)
and htmldate (date), through extract.py. trafilatura finds the main content on a copy of the
tree; its structured body is walked into blocks (body.py), and the rest of a story split over
sibling boxes put back (rejoin.py), and the section headings it dropped between the story's
paragraphs (between.py); when it finds no story, the page's prose paragraphs are
taken instead, else the story its scripts hold, else trafilatura's baseline (fallback.py).
A light pass over the raw page then finds what trafilatura leaves out or mixes in: photo
captions (captions.py: ``caption`` blocks, which a rule moves to the captions field, in page
order), a lead paragraph it skipped (lead.py); the printed
byline and the headline (meta.py); the page's copyright notice, never a photo credit
(notice.py). Raw-page elements count only when they are not page furniture (asides, menus,
related-story boxes), unless such a box holds the story itself. The rules then
run on the blocks as on a text dump.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from lxml import etree

from ..blocks import Block, Found, Page, PageMeta
from ..lexicon import text_key
from ..normalize import repair_mojibake
from ..page_url import address_folders, site_from_url
from .between import with_dropped_between
from .body import has_story, walk
from .captions import caption_elements, mark_captions, mark_repeats, page_captions, raw_captions
from .closing import closing_chrome
from .embeds import embedded_posts
from .extract import baseline_body, extract_body, read_metadata
from .fallback import baseline_blocks, prose_blocks, script_blocks, unless_links
from .headline_date import headline_date
from .jsonld import read_linked_data
from .lead import with_described_lead, with_lead
from .meta import (
    author_link,
    author_names,
    card_author,
    clean_value,
    closing_byline,
    dated_byline,
    merge_meta,
    name_under_headline,
    posted_by_line,
    raw_byline,
    searched_byline,
    unmarked_byline,
    unprinted,
    without_byline,
    written_by_label,
)
from .notice import copyright_notice
from .overlays import overlay_chrome
from .rejoin import rejoined, sibling_boxes, story_box, with_sibling_lists
from .related import linked_teasers, related_links
from .title import (
    choose_title,
    heading_above_story,
    headline_title,
    marked_after_kicker,
    printed_headline,
    section_labels,
    segmented,
    story_headlines,
    without_site_segments,
)
from .tree import DocumentText, Story, marked, parse, remembering_texts, visible_text

_NO_TEXT = ("script", "style", "svg")


@remembering_texts
def html_to_page(text: str, meta: PageMeta | None = None, *, name: str | None = None) -> Page:
    """Extract the story's blocks and the page's metadata from an HTML page.

    Raises :class:`InputError` for markup that cannot be read as a page at all.
    A readable page without a story gives a Page with no blocks.
    """
    meta = meta or PageMeta()
    tree = parse(text, name)
    found = read_metadata(tree, meta.url)
    linked = read_linked_data(tree)
    # Scripts, styles and drawings hold no story (but for a page its scripts draw: kept aside
    # for the last resort); without them every pass below is quicker.
    scripts = [script.text for script in tree.iter("script") if script.text]
    etree.strip_elements(tree, *_NO_TEXT, with_tail=False)
    printed_date = headline_date(tree)
    body = extract_body(tree, meta.url, name)
    blocks = [] if body is None else list(walk(body))
    if not has_story(blocks):
        # a menu or a list of links is no story: the page's prose, else its scripts' story,
        # else trafilatura's baseline, else what trafilatura found (never the page's links)
        blocks = (
            prose_blocks(tree)
            or script_blocks(scripts)
            or unless_links(baseline_blocks(baseline_body(tree)), tree)
            or unless_links(blocks, tree)
        )
    story = Story(blocks)
    box = story_box(tree, story)
    siblings = sibling_boxes(box, story)
    blocks = rejoined(box, blocks, story, siblings)
    blocks = with_dropped_between(box, blocks, story, meta.url)
    blocks = with_sibling_lists(siblings, blocks, story)
    declared: list[etree._Element] = []
    overlays: list[etree._Element] = []
    notices: list[etree._Element] = []
    elements = marked(tree, declared, overlays, notices)
    h1s = [element for element in elements if element.tag == "h1"]
    blocks = with_lead(blocks, elements, story)
    blocks = with_described_lead(blocks, tree, h1s, story, typed_news=linked.news)
    title = _title(found, tree, h1s, meta.url, linked.headline, blocks)
    byline = _found(raw_byline(elements, story), "marked") or _found(
        unmarked_byline(h1s, title, story), "unmarked"
    )
    if byline:
        blocks = without_byline(blocks, byline.text)
    captions = caption_elements(elements)
    blocks = mark_repeats(blocks, page_captions(captions, declared, linked.captions, tree))
    blocks = mark_captions(blocks, raw_captions(tree, captions, story, title, linked.captions))
    page_meta = merge_meta(meta, found, linked, byline, title, printed_date)
    if not byline:  # the last resort, when the fields before it name nobody
        # (a user name after 'By' under the headline: 1 page more right on the tuning part)
        document = DocumentText(tree)  # made once, if a label search needs it
        searched = (
            searched_byline(elements, story)
            or unmarked_byline(h1s, title, story, handle=True)
            or closing_byline(tree, blocks, story)
            or author_link(tree, story)
            or dated_byline(h1s)
            or written_by_label(tree, document)
            or card_author(tree)
            or posted_by_line(tree, document)
            or name_under_headline(h1s, title, story)
        )
        if searched:
            page_meta = replace(page_meta, authors=(*page_meta.authors, Found(searched, "search")))
    names = author_names(page_meta.authors)
    page_meta = replace(page_meta, unprinted=unprinted(names, tree))
    notice = copyright_notice(tree, story, linked, notices)
    if notice and not page_meta.copyright:
        page_meta = replace(page_meta, copyright=notice)
    judged = (
        closing_chrome(blocks, names)
        + overlay_chrome(blocks, overlays, story)
        + related_links(blocks, tree)
        + linked_teasers(blocks, tree)
        + embedded_posts(blocks, tree, story)
    )
    return Page(tuple(blocks), page_meta, "html", judged)


def _title(
    found: dict[str, Any],
    tree: etree._Element,
    h1s: list[etree._Element],
    url: str | None,
    linked: str | None,
    blocks: list[Block],
) -> str | None:
    """The story's title from the metadata's, og:title, the JSON-LD headline and the printed
    h1s; or the heading printed above the story (``blocks``) that a metadata title words, or
    that stands in for a title naming only the site (see heading_above_story)."""
    meta_title = _title_value(found.get("title"))
    linked = _title_value(linked)
    host = site_from_url(url)
    site = found.get("sitename") or host
    social = [_title_value(_meta_tag(tree, name)) for name in ("og:title", "twitter:title")]
    titles = {
        text_key(headline_title(title, None, site) or "")
        for title in (meta_title, linked, *social)
        if title
    }
    texts = [printed_headline(h1, titles) or visible_text(h1) for h1 in h1s]
    kept = story_headlines(texts, meta_title, found.get("sitename"), host)
    parents = {texts[i]: h1s[i].getparent() for i in reversed(kept)}

    def beside(text: str) -> str | None:
        parent = parents.get(text)
        return visible_text(parent) if parent is not None else None

    title = choose_title(
        meta_title,
        [texts[i] for i in kept],
        site,
        beside,
        linked,
        None if kept else social[0],  # read where it may be taken
    )
    paragraphs = (block.text for block in blocks if block.kind == "para")
    above = heading_above_story(tree, title, host, titles, paragraphs, has_headline=bool(kept))
    raw = (headline_title(t, None, site) for t in (meta_title, linked, *social))
    title = above or title
    title = marked_after_kicker(tree, raw, [texts[i] for i in kept], title) or title
    if not title or not segmented(title):
        return title  # no segment to cut: the page's <title> and sections are not read
    printed = (_title_value(tree.findtext(".//title")), meta_title, linked, *social)
    sections = section_labels(
        address_folders(url), _meta_tag(tree, "article:section"), [t for t in printed if t]
    )
    return without_site_segments(title, (found.get("sitename"), host), sections)


def _title_value(value: str | None) -> str | None:
    """A title the page's metadata gives, its mojibake repaired as a text dump's is
    (``normalize.repair_mojibake``: 'JOHNSONâ€™SÂ®' → 'JOHNSON’S®', the page's meta tags
    garbled where its text is not) and normalized (``meta.clean_value``)."""
    return clean_value(repair_mojibake(value)) if value else None


def _meta_tag(tree: etree._Element, name: str) -> str | None:
    """The content of the page's first meta tag of that property or name."""
    for element in tree.iter("meta"):
        if name in ((element.get("property") or "").lower(), (element.get("name") or "").lower()):
            return clean_value(element.get("content"))
    return None


def _found(text: str | None, source: str) -> Found | None:
    return Found(text, source) if text else None
