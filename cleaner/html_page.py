"""What is read from the raw page tree, beside trafilatura's body: the marked elements
(headlines, captions, bylines, leads), whether an element is page furniture or the story,
the text a reader sees in an element, photo captions, a skipped lead paragraph and a
subtitle printed under the headline.
"""

from __future__ import annotations

import lxml.html
import regex
from lxml import etree

from .blocks import Block, ends_sentence
from .normalize import normalize_line

#: A lead paragraph is this long, in characters.
_LEAD_CHARS = (40, 1200)
#: Longest text a caption or byline element may have to count as one.
_CAPTION_MAX = 1000
_BYLINE_MAX = 160
#: How many byline and caption candidates are looked at, at most.
_CANDIDATES = 40
#: A paragraph is recognised as part of a caption from this many letters and digits on.
_CAPTION_PART_MIN = 20
#: Class names that mark a caption, a byline or author box, or a lead paragraph.
_SHARE_WORD = regex.compile(
    r"(?i)\W*(?:facebook|twitter|x|pinterest|whatsapp|linkedin|reddit|email|e-mail|mail|share|"
    r"tweet|pin|print|copy|link|save|teilen|partager|compartir)\W*"
)
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
_CREDIT_TOKEN = regex.compile(r"(?i)(?:credit|source|copyright|byline)")
_NOT_STORY = regex.compile(
    r"(?i)(?:^|[\s_-])(?:related|recommend\w*|promo\w*|teaser\w*|sidebar|widget|newsletter|"
    r"comments?|nav|navigation|menu|share|sharing|social|outbrain|taboola|trending|popular|"
    r"more-stories)(?:$|[\s_-])|(?:^|\s)(?:site-|page-|global-)?footer(?:$|\s)"
)
_INVISIBLE = (
    "script", "style", "noscript", "template", "button", "select", "option", "textarea", "input",
)
_KEY_STRIP = regex.compile(r"[\W_]+")

_BREAK = "\u2029"  # a <lb/>: the line ends there


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
        if not _LEAD_CHARS[0] <= len(text) <= _LEAD_CHARS[1] or not ends_sentence(text):
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
