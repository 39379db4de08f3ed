"""Photo captions read from the raw page, with the photo credits printed beside them, and the
body's blocks that repeat them marked as captions (or the captions put back in their place).
"""

from __future__ import annotations

import regex
from lxml import etree

from ..blocks import Block
from ..normalize import text_key
from .tree import CANDIDATES, Story, norm, visible_text

#: Longest text a caption or byline element may have to count as one.
_CAPTION_MAX = 1000
#: A paragraph is recognised as part of a caption from this many letters and digits on.
_CAPTION_PART_MIN = 20
_SHARE_WORD = regex.compile(
    r"(?i)\W*(?:facebook|twitter|x|pinterest|whatsapp|linkedin|reddit|email|e-mail|mail|share|"
    r"tweet|pin|print|copy|link|save|teilen|partager|compartir)\W*"
)
_CAPTION_TOKEN = regex.compile(
    r"(?i)^(?!has|no-|with|show|hide|toggle)(?![\w-]*ad-?caption)(?:[\w-]*caption"
    r"(?:[_-]*(?:text|content|inner|wrap\w*))?|[\w-]*(?:photo|image|img|picture|figure|media|"
    r"foto|bild)[_-]+(?:desc|description|legend|text)|[\w-]*legend[ea]?)$"
)
_PREVIOUS_PARAGRAPH = etree.XPath("preceding::p[1]")
_CREDIT_TOKEN = regex.compile(r"(?i)(?:credit|source|copyright|byline)")

def raw_captions(
    marked: list[etree._Element], story: Story, title: str | None
) -> list[tuple[str, str | None]]:
    """Texts of the story's caption elements (figcaption, caption boxes), in page order,
    each with the photo credit printed next to it, and the text of the paragraph before it
    (to put it back in its place)."""
    found: list[str] = []
    before: dict[str, str | None] = {}
    title_key = text_key(title or "")
    looked = 0
    for element in marked:
        if element.tag == "h1":
            continue
        if element.tag != "figcaption" and not any(
            _CAPTION_TOKEN.match(token) for token in (element.get("class") or "").split()
        ):
            continue
        looked += 1
        if looked > CANDIDATES * 2:
            break
        if story.outside(element):
            continue
        inner = element.findall(".//p")  # paragraphs inside: the caption, not the widgets
        text = " ".join(map(visible_text, inner)) if inner else visible_text(element)
        credit = element.getnext()
        if credit is not None and _CREDIT_TOKEN.search(credit.get("class") or ""):
            credit_text = visible_text(credit)
            if credit_text and credit_text not in text:
                text = f"{text} {credit_text}"
        if not text or len(text) > _CAPTION_MAX or not any(c.isalpha() for c in text):
            continue
        if title_key and title_key in text_key(text):
            continue  # a share or embed box that repeats the headline
        if all(_SHARE_WORD.fullmatch(word) for word in text.split()):
            continue  # share buttons under a picture
        if any(text in earlier for earlier in found):
            continue  # a part of a caption already taken whole
        found = [earlier for earlier in found if earlier not in text]
        found.append(text)
        previous = _PREVIOUS_PARAGRAPH(element)
        before[text] = norm(previous[0].text_content()) if previous else None
        if len(found) >= CANDIDATES:
            break
    return [(text, before.get(text)) for text in found]


def mark_captions(
    blocks: list[Block], captions: list[tuple[str, str | None]]
) -> list[Block]:
    """Blocks that are (part of) a caption become one caption block; a caption trafilatura
    dropped is put back after the paragraph it follows on the page (or before the body), so
    that the rules move them all, in page order, to the captions field."""
    if not captions:
        return blocks
    keyed = [(text_key(caption), caption) for caption, _ in captions]
    owners: list[str | None] = []
    for block in blocks:
        key = text_key(block.text)
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
            key = text_key(block.text)
            for j in (i - 1, i + 1):
                if 0 <= j < len(blocks) and owners[j] and key and key in text_key(owners[j] or ""):
                    owners[i] = owners[j]
    placed = set(owners)
    after: dict[int, list[str]] = {}
    positions = {text_key(block.text): i for i, block in enumerate(blocks)}
    for caption, previous in captions:
        if caption not in placed:
            index = positions.get(text_key(previous or ""), -1) if previous else -1
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


