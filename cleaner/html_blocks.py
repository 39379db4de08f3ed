"""An HTML page → blocks, through trafilatura. The only module that imports it (and lxml).

The page is parsed once (lxml bounds its depth; oversized markup is refused). Metadata comes
from the page's meta tags and JSON-LD (title, author → people only, site name) and htmldate
(date). trafilatura finds the main content on a copy of the tree, in its fast mode first and
in its full mode when that finds little; its structured body (not its flattened text) is
walked so that every block keeps its kind: ``<p>`` → para, ``<head>`` → heading, ``<item>`` →
list, ``<quote>`` → quote, ``<row>`` → table. A light pass over the raw page then finds what
trafilatura leaves out or mixes in: photo captions (``caption`` blocks, which a rule moves to
the captions field, in page order), the printed byline, the headline, a lead paragraph it
skipped, a subtitle under the headline, a copyright notice printed with the story. Raw-page
elements count only when they are not page furniture (asides, menus, related-story boxes),
unless such a box holds the story itself. The rules then run on the blocks as on a text dump.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import replace
from typing import Any
from urllib.parse import urlsplit

import lxml.html
import regex
from lxml import etree

from .blocks import Block, BlockKind, Page, PageMeta
from .errors import InputError
from .fields import authors_from_byline, parse_date
from .normalize import normalize_line

#: Characters of markup parsed at most; a bigger page is first stripped of scripts and styles.
#: (Depth needs no cap of ours: lxml stops nesting at 255 levels.)
MAX_HTML_CHARS = 6_000_000
#: Extracted text is a story when a block of this many words ends a sentence, or when it has
#: this many words in all (eight characters count as a word, for scripts without spaces).
_STORY_SENTENCE_WORDS = 6
_STORY_MIN_WORDS = 25
_SENTENCE_END = regex.compile(r"[.!?…。！？][\"'”’»)\]]*$")
#: A lead paragraph is this long, in characters.
_LEAD_CHARS = (40, 1200)
#: Longest text a caption or byline element may have to count as one.
_CAPTION_MAX = 1000
_BYLINE_MAX = 160
#: How many byline and caption candidates are looked at, at most.
_CANDIDATES = 40
#: A paragraph is recognised as part of a caption from this many letters and digits on.
_CAPTION_PART_MIN = 20

_PARSER = lxml.html.HTMLParser(
    collect_ids=False, default_doctype=False, remove_comments=True, remove_pis=True
)
_PARSER_UTF8 = lxml.html.HTMLParser(
    collect_ids=False,
    default_doctype=False,
    remove_comments=True,
    remove_pis=True,
    encoding="utf-8",
)
_STRIP_BULK = regex.compile(
    r"<(script|style|svg|noscript|template)\b.*?</\1\s*>|<!--.*?-->",
    regex.IGNORECASE | regex.DOTALL,
)
#: Class names that mark a caption, a byline or author box, or a lead paragraph.
_SHARE_WORD = regex.compile(
    r"(?i)\W*(?:facebook|twitter|x|pinterest|whatsapp|linkedin|reddit|email|e-mail|mail|share|"
    r"tweet|pin|print|copy|link|save|teilen|partager|compartir)\W*"
)
_COPYRIGHT = regex.compile(r"(?i)\s*(?:©|\(c\)|copyright\b)")
#: In one pass, in page order: headlines, captions, and the attributes that may mark a byline,
#: an author box or a lead.
_MARKED_XPATH = etree.XPath(
    "//h1 | //figcaption | //@class["
    + " or ".join(
        f"contains(., '{part}')"
        for part in ("aption", "yline", "uthor", "BYLINE", "desc", "egend", "perex", "lead",
                     "lede", "intro", "opyright")
    )
    + "] | //@rel[. = 'author'] | //@itemprop[contains(., 'author')]"
    " | //@data-testid[contains(., 'byline')]"
)
_INITIALS_END = regex.compile(r"\((\p{Ll}{2,4})\)\s*$")
_MAILTO_XPATH = etree.XPath("//a[@title][starts-with(@href, 'mailto:')]")
_NO_TEXT = ("script", "style", "svg")
_BYLINE_MARK = regex.compile(r"(?i)byline|author")
_CAPTION_TOKEN = regex.compile(
    r"(?i)^(?!has|no-|with|show|hide|toggle)(?![\w-]*ad-?caption)(?:[\w-]*caption"
    r"(?:[_-]*(?:text|content|inner|wrap\w*))?|[\w-]*(?:photo|image|img|picture|figure|media|"
    r"foto|bild)[_-]+(?:desc|description|legend|text)|[\w-]*legend[ea]?)$"
)
#: The lead paragraph a page prints above the story's body, which trafilatura may skip.
_LEAD_TOKEN = regex.compile(
    r"(?i)^(?:[\w-]*[_-])?(?:perex|lead|lede|intro|anrisstext|chapeau|entradilla|bajada)$"
)
#: Text only screen readers get: 'Credit', 'Media caption', 'Image copyright'.
_HIDDEN = regex.compile(r"(?i)visually-hidden|sr-only|screen-?reader|off-?screen|a11y|\bhidden\b")
_PREVIOUS_PARAGRAPH = etree.XPath("preceding::p[1]")
#: The byline's own line is looked for among this many first blocks.
_BYLINE_TOP = 12
#: What follows the names in a byline box: the date, the time, an update stamp.
_BYLINE_TAIL = regex.compile(
    r"(?i)(?:\s+|\s*[|,•·]\s*)(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\b|"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d|"
    r"\d{1,2}[./]\d{1,2}[./]\d{2,4}|\d{4}-\d\d-\d\d|updated|published|posted\s+(?:on|at)|"
    r"last\s+updated|aktualisiert|veröffentlicht|\d+\s+(?:min|hours?|days?|stunden|minuten)\b|"
    r"před|il\s+y\s+a|hace)\b.*$",
    regex.DOTALL,
)
_CREDIT_TOKEN = regex.compile(r"(?i)(?:credit|source|copyright|byline)")
_NOT_STORY = regex.compile(
    r"(?i)(?:^|[\s_-])(?:related|recommend\w*|promo\w*|teaser\w*|sidebar|widget|newsletter|"
    r"comments?|nav|navigation|menu|share|sharing|social|outbrain|taboola|trending|popular|"
    r"more-stories)(?:$|[\s_-])|(?:^|\s)(?:site-|page-|global-)?footer(?:$|\s)"
)
_NOT_BYLINE = regex.compile(r"(?i)bio\b|bio[-_]|avatar|image|img|photo|comment|about|related")
#: Parts of a byline element that are not the byline: the writer's job title, links to follow.
_BYLINE_EXTRAS = regex.compile(r"(?i)title|role|job|position|social|follow|twitter|date|time")
_BY_ALONE = regex.compile(r"(?i)(?:(?:written|posted|words|text)\s+)?(?:by|von|par|por|door)\s*:?")
_BY_START = regex.compile(r"(?i)(?:(?:written|posted|words|text)\s+)?(?:by|von|par|por|door)\b")
#: A description after the name: "By Alex Heath, a deputy editor and author of …".
_APPOSITIVE = regex.compile(r",\s+(?:a|an|the|who|our)\s.*$", regex.DOTALL)
_INVISIBLE = (
    "script", "style", "noscript", "template", "button", "select", "option", "textarea", "input",
)
_KEY_STRIP = regex.compile(r"[\W_]+")
_NS = regex.compile(r"^\{[^}]*\}")
_TITLE_SEPARATORS = regex.compile(r"\s+[|–—:·•»-]\s+|\s+-\s+")

for _logger in ("trafilatura", "htmldate", "courlan", "readability", "justext"):
    logging.getLogger(_logger).setLevel(logging.CRITICAL)


def html_to_page(text: str, meta: PageMeta | None = None, *, name: str | None = None) -> Page:
    """Extract the story's blocks and the page's metadata from an HTML page.

    Raises :class:`InputError` for markup that cannot be read as a page at all.
    A readable page without a story gives a Page with no blocks.
    """
    meta = meta or PageMeta()
    tree = _parse(text, name)
    found = _metadata(tree, meta.url)
    # Scripts, styles and drawings hold no story; without them every pass below is quicker.
    etree.strip_elements(tree, *_NO_TEXT, with_tail=False)
    body = _extract(tree, meta.url, name)
    blocks = [] if body is None else list(_walk(body))
    if not _has_story(blocks):
        blocks = []  # a menu or a list of links is no story
    story = _Story(blocks)
    marked = _marked(tree)
    h1s = [element for element in marked if element.tag == "h1"]
    headline = next((text for text in map(_visible_text, h1s) if text), None)
    blocks = _with_lead(blocks, marked, story)
    blocks = _without_standfirst(blocks, h1s)
    byline = _raw_byline(marked, story)
    if byline:
        blocks = _without_byline(blocks, byline)
    title = _title(_clean(found.get("title")), headline, found.get("sitename") or _host(meta.url))
    blocks = _mark_captions(blocks, _raw_captions(marked, story, title))
    page_meta = _merge_meta(meta, found, byline, title)
    if not page_meta.authors:
        page_meta = replace(page_meta, authors=_initials_author(tree, blocks))
    notice = _raw_copyright(marked, story)
    if notice and not page_meta.copyright:
        page_meta = replace(page_meta, copyright=notice)
    return Page(tuple(blocks), page_meta, "html")


def _marked(tree: lxml.html.HtmlElement) -> list[etree._Element]:
    """Headlines, captions, and elements marked as the byline, the author's or the lead (by
    class, rel, itemprop or a test id), in page order."""
    found: list[etree._Element] = []
    for node in _MARKED_XPATH(tree):
        element = node.getparent() if isinstance(node, str) else node
        if not found or found[-1] is not element:
            found.append(element)
    return found


class _Story:
    """Tells whether a part of the raw page holds the story trafilatura extracted."""

    def __init__(self, blocks: list[Block]) -> None:
        longest = sorted((b.text for b in blocks if b.kind == "para"), key=len, reverse=True)
        self.probes = [text[:60] for text in longest[:2] if len(text) >= 60]
        self._cache: dict[etree._Element, bool] = {}

    def holds(self, element: etree._Element) -> bool:
        if element not in self._cache:
            text = _norm(element.text_content()) if self.probes else ""
            self._cache[element] = any(probe in text for probe in self.probes)
        return self._cache[element]

    def outside(self, element: etree._Element) -> bool:
        """Whether the element sits in page furniture (an aside, a nav, a related-stories box)
        rather than in the story; a box named 'sidebar' that holds the story is the story."""
        for ancestor in element.iterancestors():
            if ancestor.tag in ("body", "html"):
                return False
            marks = (ancestor.get("class") or "") + " " + (ancestor.get("id") or "")
            if (
                ancestor.tag in ("aside", "nav", "footer")
                or (marks.strip() and _NOT_STORY.search(marks))
            ) and not self.holds(ancestor):
                return True
        return False


# ---------------------------------------------------------------- parsing, bounded


def _parse(text: str, name: str | None) -> lxml.html.HtmlElement:
    if len(text) > MAX_HTML_CHARS:
        text = _STRIP_BULK.sub(" ", text)
        if len(text) > MAX_HTML_CHARS:
            raise InputError(
                f"page is {len(text) // 1_000_000} MB of markup even without scripts and "
                f"styles, over the {MAX_HTML_CHARS // 1_000_000} MB limit",
                name,
            )
    try:
        try:
            tree = lxml.html.document_fromstring(text, parser=_PARSER)
        except ValueError:  # an XML declaration with an encoding in a str
            tree = lxml.html.document_fromstring(
                text.encode("utf-8", "surrogatepass"), parser=_PARSER_UTF8
            )
    except (etree.ParserError, ValueError) as exc:
        raise InputError(f"markup cannot be read as a page: {exc}", name) from None
    if tree.find("body") is None:
        raise InputError("markup has no body", name)
    return tree


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


def _extract(
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


def _has_story(blocks: list[Block]) -> bool:
    """Whether the extracted text reads as a story: a sentence of some length, or enough words.

    >>> _has_story([Block("Home"), Block("About us")])
    False
    """
    words = 0
    for block in blocks:
        count = max(len(block.text.split()), len(block.text) // 8)  # scripts without spaces
        if count >= _STORY_SENTENCE_WORDS and _SENTENCE_END.search(block.text):
            return True
        words += count
    return words >= _STORY_MIN_WORDS


def _length(doc: Any) -> int:
    return 0 if doc is None else len("".join(doc.body.itertext()))


def _metadata(tree: lxml.html.HtmlElement, url: str | None) -> dict[str, Any]:
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


# ---------------------------------------------------------------- the body tree → blocks


def _tag(element: etree._Element) -> str:
    tag = element.tag
    return _NS.sub("", tag) if isinstance(tag, str) else ""


def _walk(body: etree._Element) -> Iterator[Block]:
    if body.text and body.text.strip():
        yield from _blocks(body.text, "para")
    for element in body:
        yield from _element_blocks(element)
        if element.tail and element.tail.strip():
            yield from _blocks(element.tail, "para")


def _element_blocks(element: etree._Element, in_quote: bool = False) -> Iterator[Block]:
    """An element of trafilatura's body as blocks; inside a quote (an embedded post), lines
    broken by ``<br>`` stay one block."""
    tag = _tag(element)
    if tag == "head":
        yield from _blocks(_text(element), "heading")
    elif tag == "list":
        for item in element:
            if _tag(item) == "item":
                yield from _blocks(_text(item, skip=("list",)), "list")
                for child in item:
                    if _tag(child) == "list":
                        yield from _element_blocks(child)
            else:
                yield from _element_blocks(item)
    elif tag == "quote":
        if any(_tag(child) in ("p", "list", "head", "quote", "table") for child in element):
            if element.text and element.text.strip():
                yield from _blocks(element.text, "quote")
            for child in element:
                for block in _element_blocks(child, in_quote=True):
                    yield replace(block, kind="quote") if block.kind == "para" else block
                if child.tail and child.tail.strip():
                    yield from _blocks(child.tail, "quote")
        else:
            yield from _blocks(_text(element).replace(_BREAK, " "), "quote")
    elif tag == "table":
        for row in element.iter("row"):
            cells = [normalize_line(" ".join(cell.itertext())) for cell in row]
            line = " | ".join(cell for cell in cells if cell)
            if line:
                yield Block(line, "table")
    elif tag == "graphic":
        return
    elif tag in ("div", "body", "main", "section", "article"):
        yield from _walk(element)
    elif tag == "code":
        yield from _blocks(" ".join(element.itertext()), "para")
    else:
        text = _text(element)
        yield from _blocks(text.replace(_BREAK, " ") if in_quote else text, "para")


_BREAK = "\u2029"  # a <lb/>: the line ends there


def _text(element: etree._Element, skip: tuple[str, ...] = ()) -> str:
    """The element's text, ``<lb/>`` kept as a break that ends a block."""
    parts: list[str] = []

    def visit(node: etree._Element) -> None:
        if node.text:
            parts.append(node.text)
        for child in node:
            tag = _tag(child)
            if tag == "lb":
                parts.append(_BREAK)
            elif tag not in skip and tag != "graphic":
                visit(child)
                if tag in ("p", "head", "item", "row", "list", "quote"):
                    parts.append(_BREAK)
            if child.tail:
                parts.append(child.tail)

    visit(element)
    return "".join(parts)


def _blocks(text: str, kind: BlockKind) -> Iterator[Block]:
    for line in text.split(_BREAK):
        line = _norm(line)
        if line:
            yield Block(line, kind)


# ---------------------------------------------------------------- captions


def _raw_captions(
    marked: list[etree._Element], story: _Story, title: str | None
) -> list[tuple[str, str | None]]:
    """Texts of the story's caption elements (figcaption, caption boxes), in page order,
    each with the photo credit printed next to it, and the text of the paragraph before it
    (to put it back in its place)."""
    found: list[str] = []
    before: dict[str, str | None] = {}
    title_key = _key(title or "")
    looked = 0
    for element in marked:
        if element.tag == "h1":
            continue
        if element.tag != "figcaption" and not any(
            _CAPTION_TOKEN.match(token) for token in (element.get("class") or "").split()
        ):
            continue
        looked += 1
        if looked > _CANDIDATES * 2:
            break
        if story.outside(element):
            continue
        inner = element.findall(".//p")  # paragraphs inside: the caption, not the widgets
        text = " ".join(map(_visible_text, inner)) if inner else _visible_text(element)
        credit = element.getnext()
        if credit is not None and _CREDIT_TOKEN.search(credit.get("class") or ""):
            credit_text = _visible_text(credit)
            if credit_text and credit_text not in text:
                text = f"{text} {credit_text}"
        if not text or len(text) > _CAPTION_MAX or not any(c.isalpha() for c in text):
            continue
        if title_key and title_key in _key(text):
            continue  # a share or embed box that repeats the headline
        if all(_SHARE_WORD.fullmatch(word) for word in text.split()):
            continue  # share buttons under a picture
        if any(text in earlier for earlier in found):
            continue  # a part of a caption already taken whole
        found = [earlier for earlier in found if earlier not in text]
        found.append(text)
        previous = _PREVIOUS_PARAGRAPH(element)
        before[text] = _norm(previous[0].text_content()) if previous else None
        if len(found) >= _CANDIDATES:
            break
    return [(text, before.get(text)) for text in found]


def _visible_text(
    element: etree._Element, skip: regex.Pattern[str] | None = None, *, lines: bool = False
) -> str:
    """The text a reader sees in an element (no scripts, no buttons), normalized; with
    ``skip``, descendants whose class matches it are left out; with ``lines``, a ``<br>``
    or a paragraph inside starts a new line."""
    parts: list[str] = []

    def visit(node: etree._Element) -> None:
        if node.text:
            parts.append(node.text)
        for child in node:
            tag = child.tag
            if lines and tag in ("br", "p", "div", "li"):
                parts.append(_BREAK)
            marks = child.get("class") or "" if isinstance(tag, str) else ""
            if (
                isinstance(tag, str)
                and tag not in _INVISIBLE
                and not (marks and _HIDDEN.search(marks))
                and (skip is None or not skip.search(marks))
            ):
                visit(child)
            if child.tail:
                parts.append(child.tail)

    visit(element)
    text = " ".join(parts)
    if lines:
        return "\n".join(line for line in map(_norm, text.split(_BREAK)) if line)
    return _norm(text)


def _norm(text: str) -> str:
    return normalize_line(text.replace("\n", " ").replace("\r", " ").replace("\t", " "))


def _key(text: str) -> str:
    return _KEY_STRIP.sub("", text).casefold()


def _mark_captions(
    blocks: list[Block], captions: list[tuple[str, str | None]]
) -> list[Block]:
    """Blocks that are (part of) a caption become one caption block; a caption trafilatura
    dropped is put back after the paragraph it follows on the page (or before the body), so
    that the rules move them all, in page order, to the captions field."""
    if not captions:
        return blocks
    keyed = [(_key(caption), caption) for caption, _ in captions]
    owners: list[str | None] = []
    for block in blocks:
        key = _key(block.text)
        owner = None
        if key and block.kind != "heading":
            for caption_key, caption in keyed:
                if key == caption_key or (len(key) >= _CAPTION_PART_MIN and key in caption_key):
                    owner = caption
                    break
        owners.append(owner)
    # A short part (a credit line) next to a part of the same caption belongs to it too.
    for i, block in enumerate(blocks):
        if owners[i] is None and block.kind != "heading":
            key = _key(block.text)
            for j in (i - 1, i + 1):
                if 0 <= j < len(blocks) and owners[j] and key and key in _key(owners[j] or ""):
                    owners[i] = owners[j]
    placed = set(owners)
    after: dict[int, list[str]] = {}
    positions = {_key(block.text): i for i, block in enumerate(blocks)}
    for caption, previous in captions:
        if caption not in placed:
            index = positions.get(_key(previous or ""), -1) if previous else -1
            after.setdefault(index, []).append(caption)
    result = [Block(caption, "caption") for caption in after.get(-1, ())]
    used: set[str] = set()
    for i, (block, owner) in enumerate(zip(blocks, owners, strict=True)):
        if owner is None:
            result.append(block)
        elif owner not in used:
            used.add(owner)
            result.append(Block(owner, "caption"))
        result.extend(Block(caption, "caption") for caption in after.get(i, ()))
    return result


# ---------------------------------------------------------------- byline, headline, metadata


def _raw_byline(marked: list[etree._Element], story: _Story) -> str | None:
    """The byline as the page prints it: the first element marked as the author's that names
    a person, looking first after the headline."""
    h1 = next((i for i, element in enumerate(marked) if element.tag == "h1"), -1)
    candidates = [
        element
        for element in marked[h1 + 1 :] + marked[: max(h1, 0)]
        if element.tag not in ("h1", "figcaption")
        and _BYLINE_MARK.search(
            " ".join(
                element.get(a) or ""
                for a in ("class", "id", "rel", "itemprop", "data-testid", "data-component")
            )
        )
    ]
    for strict in (True, False):
        for element in candidates[:_CANDIDATES]:
            marks = " ".join(element.get(a) or "" for a in ("class", "id", "itemprop"))
            if _NOT_BYLINE.search(marks):
                continue
            if strict and story.outside(element):
                continue
            if not strict and "author" not in (element.get("itemprop") or "") + (
                element.get("rel") or ""
            ):
                continue  # outside the story, only an element marked up as the author counts
            text = _byline_text(element)
            if text:
                label = _label_before(element)
                return f"{label} {text}" if label and not _BY_START.match(text) else text
    return None


def _byline_text(element: etree._Element) -> str | None:
    """The first line of the element that names a person, less dates and descriptions."""
    lines = _visible_text(element, _BYLINE_EXTRAS, lines=True).split("\n")
    for i in range(len(lines) - 1):
        if _BY_ALONE.fullmatch(lines[i]):  # "By" on a line of its own, the name below it
            lines[i + 1] = f"{lines[i]} {lines[i + 1]}"
    for line in lines:
        line = _BYLINE_TAIL.sub("", _APPOSITIVE.sub("", line)).strip(" ,|·•-–—")
        if line and len(line) <= _BYLINE_MAX and authors_from_byline(line):
            return line
    return None


def _with_lead(
    blocks: list[Block], marked: list[etree._Element], story: _Story
) -> list[Block]:
    """The page's lead paragraph ('perex', 'intro', 'lead') before the body, when trafilatura
    left it out."""
    h1 = next((i for i, element in enumerate(marked) if element.tag == "h1"), -1)
    for element in marked[h1 + 1 : h1 + 1 + _CANDIDATES]:
        if element.tag in ("h1", "figcaption") or not any(
            _LEAD_TOKEN.match(token) for token in (element.get("class") or "").split()
        ):
            continue
        text = _visible_text(element)
        if not _LEAD_CHARS[0] <= len(text) <= _LEAD_CHARS[1] or not _SENTENCE_END.search(text):
            continue
        if story.outside(element):
            continue
        key = _key(text)
        if any(key in _key(block.text) or _key(block.text) in key for block in blocks[:8]):
            return blocks  # already there
        return [Block(text, "para"), *blocks]
    return blocks


def _without_standfirst(blocks: list[Block], h1s: list[etree._Element]) -> list[Block]:
    """A subtitle printed as a second heading right under the headline is a standfirst."""
    for h1 in h1s[:3]:
        following = h1.getnext()
        if following is None or following.tag not in ("h2", "h3"):
            continue
        key = _key(_visible_text(following))
        top = [i for i, block in enumerate(blocks) if block.kind != "caption"][:3]
        for i in top:
            if key and _key(blocks[i].text) == key and i + 1 < len(blocks):
                return blocks[:i] + blocks[i + 1 :]
    return blocks


def _initials_author(tree: lxml.html.HtmlElement, blocks: list[Block]) -> tuple[str, ...]:
    """The person behind the initials that close the story, '… voraus. (bsc)', when the page
    links them to the author: ``<a title="Ben Schwan" href="mailto:bsc@…">bsc</a>``."""
    initials = {m.group(1) for b in blocks[-3:] if (m := _INITIALS_END.search(b.text))}
    if not initials:
        return ()
    for link in _MAILTO_XPATH(tree):
        if _norm(link.text_content()) in initials:
            names = authors_from_byline(link.get("title") or "")
            if names:
                return names
    return ()


def _raw_copyright(marked: list[etree._Element], story: _Story) -> str | None:
    """A copyright notice printed with the story (not the site's footer)."""
    for element in marked:
        if "opyright" not in (element.get("class") or ""):
            continue
        text = _visible_text(element)
        if (
            text
            and len(text) <= _BYLINE_MAX * 2
            and _COPYRIGHT.match(text)
            and not story.outside(element)
        ):
            return text
    return None


def _label_before(element: etree._Element) -> str | None:
    """'Par' in '<span>Par <span itemprop=author>Name</span></span>': the label before a name."""
    previous = element.getprevious()
    parent = element.getparent()
    text = previous.tail if previous is not None else (parent.text if parent is not None else "")
    text = _norm(text or "")
    return text if text and _BY_ALONE.fullmatch(text) else None


def _without_byline(blocks: list[Block], byline: str) -> list[Block]:
    """The byline's own line near the top of the body is taken out: it is in the byline field."""
    key = _key(byline)
    names = {_key(name) for name in authors_from_byline(byline)}
    return [
        block
        for i, block in enumerate(blocks)
        if i >= _BYLINE_TOP or (_key(block.text) != key and _key(block.text) not in names)
    ]


def _merge_meta(
    meta: PageMeta, found: dict[str, Any], byline: str | None, title: str | None
) -> PageMeta:
    date = found.get("date")
    return replace(
        meta,
        title=meta.title or title,
        authors=meta.authors or _people(found.get("author")),
        date=meta.date or (parse_date(date) if date else None),
        sitename=meta.sitename or _clean(found.get("sitename")),
        byline=meta.byline or byline,
    )


def _title(title: str | None, headline: str | None, sitename: str | None) -> str | None:
    """The headline: the page's title less the site's name, or the page's h1 when the title
    is that h1 plus the site's name."""
    if headline and title:
        head_key, title_key = _key(headline), _key(title)
        if head_key and head_key != title_key and title_key.startswith(head_key):
            return headline
    if title:
        parts = _TITLE_SEPARATORS.split(title)
        if len(parts) > 1:
            site_key = _key(sitename or "")
            last = _key(parts[-1])
            if site_key and (last == site_key or last in site_key or site_key in last):
                return normalize_line(title[: title.rfind(parts[-1])]).rstrip(" |–—:·•»-")
    return title or headline


def _host(url: str | None) -> str | None:
    """'https://www.citynews.com/a' → 'citynews': a site's name as its address spells it."""
    if not url:
        return None
    host = urlsplit(url if "//" in url else "//" + url).hostname or ""
    parts = host.removeprefix("www.").split(".")
    return parts[-2] if len(parts) > 1 else None


def _people(author: str | None) -> tuple[str, ...]:
    """The metadata's author field ("A; B") → the people in it, organisations left out."""
    if not author:
        return ()
    names: list[str] = []
    for part in author.split(";"):
        for name in authors_from_byline(part):
            if name not in names:
                names.append(name)
    return tuple(names)


def _clean(value: str | None) -> str | None:
    value = normalize_line(value) if value else None
    return value or None
