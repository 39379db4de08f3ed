"""Photo captions read from the raw page, with the photo credits printed beside them, and the
body's blocks that repeat them marked as captions (or the captions put back in their place).
"""

from __future__ import annotations

from dataclasses import replace

from lxml import etree

from ..blocks import Block
from ..lexicon import MONTH_WORDS, NAMED_LISTS, SHARE_WORDS, text_key
from ..pattern_cache import compile_cached
from .tree import (
    CANDIDATES,
    Story,
    element_query,
    mostly_links,
    norm,
    page_elements,
    probe_word,
    texts_holding,
    visible_text,
)

#: Longest text a caption or byline element may have to count as one.
_CAPTION_MAX = 1000
#: A paragraph is recognised as part of a caption from this many letters and digits on.
_CAPTION_PART_MIN = 20
_SHARE_WORD = compile_cached(r"(?i)\W*\L<share>\W*", share=SHARE_WORDS)
#: Class names of a caption: 'caption', an image's 'description', 'legend', 'text' or 'info'
#: ('img-info', 'imageDescription', 'bildtext', 'pic-desc', 'bildbeschreibung'), and the word
#: for a caption in other languages (German, Dutch, Italian, Spanish, Finnish, Norwegian,
#: Danish, Czech, Hungarian, Polish, Indonesian, Turkish: 'pie-de-foto', 'epigrafe',
#: 'fotoonderschrift', 'billedunderskrift', 'popisek', 'kepalairas', 'podpis-zdjecia',
#: 'keterangan-foto', 'foto-aciklama'). Tuning part, fundus-dev: caption recall 84.2% ->
#: 84.7%, credit recall 85.9% -> 86.5% (a gallery's 'img-info'), no body changed on any
#: corpus; the words of the last eight languages are on no tuning page (their conventions,
#: not seen there: see the README's figures). An image's 'text' counts only where another
#: mark finds the element (tree.py): on the tuning part the two 'image-text' boxes are a
#: picture beside the story's own text (wcxb-dev F1 0.998 -> 0.954 when taken as captions).
#: 'caption' may go on with a part's name ('caption_container', 'image-caption__credit'), a
#: BEM modifier after a block's name ('figure__caption--small'; not 'caption--comp', an ad's
#: countdown on the tuning part) or a styled-components hash ('CaptionWrapper-jSZdqE'); with
#: the picture lines below, validation part fundus-dev: caption text left in the body 5.0% ->
#: 1.2%, caption recall 91.4% -> 95.1%, body F1 0.963 -> 0.964; wcxb-dev 0.932 unchanged.
_CAPTION_TOKEN = compile_cached(
    r"(?i)^(?!has|no-|with|show|hide|toggle)(?![\w-]*ad-?caption)(?:[\w-]*caption"
    r"(?:[_-]*(?:text|content|inner|wrap\w*|container|body|credit|holder|box|line|copy))?"
    r"(?:(?<=\w[_-]+caption\w*)--[\w-]+|(?-i:-(?=[a-z]*[A-Z0-9])[A-Za-z0-9]{5,8}))?|"
    r"[\w-]*(?:photo|image|img|(?<!\p{L})pic|picture|"
    r"figure|media|foto|bild)[_-]*(?:desc|description|beschreibung|legend|text|info)|"
    r"[\w-]*legend[ea]?|[\w-]*(?:unterschrift|onderschrift|underskrift|bildtext|bijschrift|"
    r"didascalia|leyenda|epigrafe|kuvateksti|bildetekst|billedtekst|"
    r"pie[_-]?(?:de[_-]?)?(?:foto|imagen|figura)|popisek|kepalairas|keterangan|aciklama|"
    r"podpis[_-]?(?:zdj|fot|obr))[\w-]*)$"
)
_PREVIOUS_PARAGRAPH = element_query("preceding::p[1]")
#: Class names of a photo credit printed after its caption: 'credit', 'source', and the
#: words for them in German ('Bildnachweis', 'Quelle'), Spanish, Italian and Portuguese.
_CREDIT_TOKEN = compile_cached(
    r"(?i)(?:credit|source|copyright|byline|nachweis|quelle|fuente|fonte)"
)


def _images(tree: etree._Element, limit: int) -> list[etree._Element]:
    """The first ``limit`` pictures of the page: its images and the ``<picture>`` elements
    without one, in page order (XPath's ``//img | //picture[not(.//img)]``, without the rest of
    the page's)."""
    found: list[etree._Element] = []
    for element in page_elements(tree, "img", "picture"):
        if element.tag == "img" or next(element.iterdescendants("img"), None) is None:
            found.append(element)
            if len(found) == limit:
                break
    return found


#: A box that holds an image and its caption ('article__picture', 'blog--image', 'photo').
_IMAGE_BOX = compile_cached(
    r"(?i)(?:^|[\s_-])(?:picture|image|photo|foto|bild|figure|media)(?:$|[\s_-])"
)
#: Pictures that are not the story's: the writer's portrait, logos, icons.
_NOT_PICTURE = compile_cached(
    r"(?i)author|avatar|\bbio|profile|logo|icon|byline|portrait|headshot|mugshot"
)
#: The story's pictures are looked for this many levels above the smallest element that
#: holds its text (tuning part, fundus-dev caption recall: 83.6% at 1 or 2 levels, 84.2% at 3;
#: with no bound, a blog header's tagline was taken for a caption).
_SCOPE_UP = 3
#: The line right after an image is its caption from this many words on.
_LINE_WORDS = 3
# The line right after an image is a caption only as a div, span or small that holds no
# paragraph. Tuning part: of the 54 captions the line after an image gave, the one right on
# fundus-dev was a div; the ``<p>`` and the divs of ``<p>`` were mostly story paragraphs (8
# wcxb-dev pages, one fundus-dev page), none a gold caption. Body F1 wcxb-dev 0.952 -> 0.953
# (7 pages up by 0.01-0.10, 2 down: promotions beside pictures), fundus-dev 0.952 -> 0.953.
#: A paragraph alone with a picture in its box is its caption up to this many words (the
#: longest gold caption of fundus-dev's tuning part has 63).
_PAIR_WORDS = 80
#: Words after a caption, in the same block, that are its photo credit at most ('Foto: Jane
#: Doe / dpa', '(AP Photo/John Roe)').
_CREDIT_WORDS = 8
#: A photo credit or a caption's label: in parentheses, after '©', naming a photo or a caption
#: in one of the corpora's languages, a name after a slash ('Jane Doe/Reuters'), or the
#: lexicon's news or photo agencies (news agencies as printed: 'AP', not 'ap').
_CREDIT_LINE = compile_cached(
    r"(?i)^\s*[(\[]|©|\b(?:photos?|caption|foto|fotó|bild|image|picture|credit|quelle|source|fuente|"
    r"fonte|kuva|zdj[eę]cie|\L<photo_agencies>|(?-i:\L<agencies>))\b|/",
    agencies=NAMED_LISTS["agencies"],
    photo_agencies=NAMED_LISTS["photo_agencies"],
)
#: An image's box is looked for this many levels up.
_BOX_DEPTH = 4


def caption_elements(marked: list[etree._Element]) -> list[etree._Element]:
    """The marked elements that are captions (figcaptions, caption boxes), in page order."""
    return [e for e in marked if e.tag != "h1" and _is_caption_element(e)]


#: Tags of a page's controls and forms: an element of a caption class that is one, or sits in
#: one, is a button's, a link's or a form's label ('Anmelden', 'Mein Konto', 'KONTAKT', a
#: Tailwind 'text-caption' link, a popover's 'legend'), never a picture's caption.
_CONTROL_TAGS = frozenset(("a", "button", "label", "legend", "form", "nav", "select", "option"))
#: A caption may sit in a link or a button, though: a lightbox's or a slide viewer's around the
#: picture and its caption (train part, fundus-dev: t-online, mirror, publico lost 7 gold
#: captions when it did not).
_CONTROL_HOLDERS = _CONTROL_TAGS - {"a", "button"}
#: A caption class's element with no picture this many levels around it and at most
#: :data:`_LABEL_WORDS` words is a label ('Always Enabled' of a cookie banner, 'PROS').
_LABEL_WORDS = 3
#: What draws a picture (svg is stripped before captions are read).
_PICTURE_TAGS = ("img", "picture", "video", "iframe", "figure")
#: A date alone, with its label at most ('Published Nov 8, 2023', '26, Abril, 2022',
#: 'Updated: Dec 31, 2025 8:51pm UTC'): the story's date, not a picture's caption.
_DATE_ALONE = compile_cached(
    r"(?i)^\W*(?:(?:published|updated|posted|veröffentlicht|aktualisiert|publicado|actualizado"
    r"|publié|mis à jour|on|am|el|le)\W+)*(?:(?:\L<months>|\d{1,4}|[ap]m|utc|gmt|uhr|h)\W*){2,}$",
    months=MONTH_WORDS,
)


def _control_label(element: etree._Element) -> bool:
    """Whether a caption class's element is a control's or a form's label, or a label with no
    picture near it, not a picture's caption (train part: 'Anmelden', 'Mein Konto', 'Ein
    Angebot von', 'Always Enabled' on 4 sites, 'PROS', 'CONS', 'KONTAKT'). A short photo
    credit far from its picture (a lazy picture's) stays: on the validation part three were
    lost without that exception (one page; fundus-dev caption and credit recall unchanged)."""
    if element.tag in _CONTROL_HOLDERS or any(
        ancestor.tag in _CONTROL_HOLDERS for ancestor in element.iterancestors()
    ):
        return True
    if element.tag in _CONTROL_TAGS and next(element.iter(*_PICTURE_TAGS), None) is None:
        return True  # a link or button that holds no picture (one that does is a lightbox's)
    text = visible_text(element)
    if len(text.split()) > _LABEL_WORDS or _CREDIT_LINE.search(text):
        return False  # a caption, or a photo credit printed alone ('Illustration: Jane Doe/Axios')
    node: etree._Element | None = element
    for _ in range(_BOX_DEPTH + 1):
        if node is None or node.tag in ("body", "html"):
            break  # the page's pictures are not this label's
        if next(node.iter(*_PICTURE_TAGS), None) is not None:
            return False
        node = node.getparent()
    return True


def raw_captions(
    tree: etree._Element,
    elements: list[etree._Element],
    story: Story,
    title: str | None,
    linked: list[tuple[str, str | None]] = (),  # type: ignore[assignment]
) -> list[tuple[str, str | None]]:
    """The story's photo captions, each with the photo credit printed next to it, and the text
    of the paragraph before it (to put it back in its place): caption elements (figcaption,
    caption boxes) in page order, then the text printed with a picture in the story (a figure,
    an image box, the line under the image), then the JSON-LD's image captions. ``elements``:
    the page's caption elements (:func:`caption_elements`)."""
    found = _Found(title)
    for looked, element in enumerate(elements, 1):
        if looked > CANDIDATES * 2 or len(found.texts) >= CANDIDATES:
            break
        if not story.outside(element) and not _control_label(element):
            found.add(_caption_text(element), element)
    for element in _picture_captions(tree, story):
        if len(found.texts) >= CANDIDATES:
            break
        found.add(_caption_text(element), element)
    if not found.texts:
        for caption, credit in linked[:CANDIDATES]:
            found.add(f"{caption} {credit}" if credit and credit not in caption else caption, None)
    return [(text, found.before.get(text)) for text in found.texts]


class _Found:
    """Caption texts gathered so far, each kept once (a part of one taken whole is dropped)."""

    def __init__(self, title: str | None) -> None:
        self.texts: list[str] = []
        self.before: dict[str, str | None] = {}
        self.keys: list[str] = []
        self.title_key = text_key(title or "")

    def add(self, text: str, element: etree._Element | None) -> None:
        if not _reads_as_caption(text, self.title_key):
            return
        key = text_key(text)
        if any(key in earlier for earlier in self.keys):
            return  # a part of a caption already taken whole
        kept = [(t, k) for t, k in zip(self.texts, self.keys, strict=True) if k not in key]
        self.texts = [t for t, _ in kept] + [text]
        self.keys = [k for _, k in kept] + [key]
        previous = _PREVIOUS_PARAGRAPH(element) if element is not None else None
        self.before[text] = norm(previous[0].text_content()) if previous else None


#: A figure that holds one of these is an embedded post, a pull quote, a table or code, not a
#: picture with its caption.
_NOT_CAPTION_TAGS = ("blockquote", "table", "pre", "ul", "ol")


# Image alt texts and titles are not among them: on the tuning part, a body block equal to one
# (never a part of one) was a caption on no page; 8 wcxb-dev pages moved, 4 up and 4 down by
# 0.001-0.005 (product names, a chart's title, a story's sentence repeated as an alt).


def page_captions(
    elements: list[etree._Element],
    declared: list[etree._Element],
    linked: list[tuple[str, str | None]] = (),  # type: ignore[assignment]
    tree: etree._Element | None = None,
) -> list[tuple[str, bool]]:
    """Every caption the page prints or declares, wherever it sits: caption elements
    (:func:`caption_elements`), figures and what declares a caption (``declared``: see
    :func:`~cleaner.html.tree.marked`), in page furniture too, past the candidates' bound,
    and the JSON-LD's image captions; each with whether a block must repeat it whole (a
    figure's text, which may hold more than its caption) rather than in part. A body block
    that repeats one is a caption (:func:`mark_repeats`): the body holding it is the proof
    that it sits in the story, so no other test is asked.

    Tuning part: three pages moved, none down (trafilatura-dev: a caption printed as an
    italic paragraph under its picture, declared in the link's ``data-caption``); validation
    part, with the figures' text matched in part too: a wcxb-dev page lost a story paragraph
    its figure printed beside the picture (R 1.000 -> 0.965), so a figure counts whole only
    (on the tuning part that left a video's title in one fundus-dev body: F1 1.000 -> 0.957)."""
    found = [(_caption_text(element), False) for element in elements]
    for element in declared:
        if element.tag == "figure":
            if next(element.iter(*_NOT_CAPTION_TAGS), None) is None:
                found.append((visible_text(element), True))
        elif element.get("itemprop") == "caption":
            found.append((visible_text(element), False))
        if element.get("data-caption"):
            found.append((norm(element.get("data-caption") or ""), False))
    found.extend((caption, False) for caption, _ in linked)
    if tree is not None:
        found.extend((text, True) for text in picture_lines(tree))
    return [(text, whole) for text, whole in found if text and len(text) <= _CAPTION_MAX]


def picture_lines(tree: etree._Element) -> list[str]:
    """The paragraphs printed right under a picture that are its caption: the picture's alt
    text or title printed again, or a short paragraph alone with the picture in its box (a
    figure in all but name). Only as copies (:func:`mark_repeats`): taken as captions where
    the body does not hold them, such paragraphs were teasers, a contact's card, a player's
    label (tuning part: 6 on 4 pages, none a caption); as copies, one tuning page moved (a
    wcxb-dev page's chart title, body F1 0.979 -> 0.983), and on the validation part with the
    caption classes a page's three captions left the body (see :data:`_CAPTION_TOKEN`)."""
    found: list[str] = []
    for image in _images(tree, CANDIDATES * 2):
        if _icon(image) or _NOT_PICTURE.search(_marks_around(image)):
            continue
        outer = _outer(image)
        line = outer.getnext()
        if line is None or line.tag != "p" or not _pair_box(outer, line):
            line = _line_after(image)
            if line is None or not _repeats_alt(image, line):
                continue
        text = visible_text(line)
        if len(text.split()) >= 2 and not mostly_links(line):  # not a label ('Embed'), a
            found.append(text)  # teaser's linked title
    return found


def _line_after(image: etree._Element) -> etree._Element | None:
    """The paragraph right after the image, or after the box that holds the image alone, a
    few levels up at most."""
    node = image
    for _ in range(_BOX_DEPTH):
        line = node.getnext()
        if line is not None:
            return line if line.tag == "p" else None
        parent = node.getparent()
        if (
            parent is None
            or parent.tag in ("body", "article", "main", "section")
            or not _holds_alone(parent)
        ):
            return None
        node = parent
    return None


def _is_caption_element(element: etree._Element) -> bool:
    return element.tag == "figcaption" or any(
        _CAPTION_TOKEN.match(token) for token in (element.get("class") or "").split()
    )


def _caption_text(element: etree._Element) -> str:
    """A caption element's text, with the photo credit printed in the element after it."""
    inner = element.findall(".//p")  # paragraphs inside: the caption, not the widgets
    text = " ".join(map(visible_text, inner)) if inner else visible_text(element)
    credit = element.getnext()
    if credit is not None and _CREDIT_TOKEN.search(credit.get("class") or ""):
        credit_text = visible_text(credit)
        if credit_text and credit_text not in text:
            text = f"{text} {credit_text}"
    return text


def _reads_as_caption(text: str, title_key: str) -> bool:
    if not text or len(text) > _CAPTION_MAX or not any(c.isalpha() for c in text):
        return False
    if _DATE_ALONE.match(text):
        return False  # the story's date printed in a caption's style
    if title_key and title_key in text_key(text):
        return False  # a share or embed box that repeats the headline
    return not all(_SHARE_WORD.fullmatch(word) for word in text.split())  # share buttons


def _picture_captions(tree: etree._Element, story: Story) -> list[etree._Element]:
    """Elements that print a caption with a picture of the story: a ``<figure>`` or an image
    box (class 'picture', 'image', 'photo' …) around the image less the image itself, or else
    the short element right after the image."""
    found: list[etree._Element] = []
    scope = _story_scope(tree, story)
    for image in _images(tree, CANDIDATES * 2):
        if scope is not None and not any(a is scope for a in image.iterancestors()):
            continue  # a picture of the page's header or a list, not of the story
        if _NOT_PICTURE.search(_marks_around(image)):
            continue
        box = _image_box(image)
        if box is not None:
            text_holder = box
        else:
            line = _outer(image).getnext()
            if line is None or line.tag not in ("div", "span", "small"):
                continue  # (a paragraph after an image: see picture_lines)
            text_holder = line
            if text_holder.find(".//p") is not None:
                continue  # the story's paragraphs beside a product's picture
            if len(visible_text(text_holder).split()) < _LINE_WORDS:
                continue  # a label ('Men', 'Women'), not a caption
        if text_holder in found or story.outside(image) or story.holds(text_holder):
            continue
        if mostly_links(text_holder) or _NOT_PICTURE.search(text_holder.get("class") or ""):
            continue  # a link to another page or gallery with its picture: a teaser
        found.append(text_holder)
    return found


#: Inline elements that wrap a picture: the caption comes after the outermost.
_PICTURE_WRAPPERS = ("picture", "source", "a", "noscript", "span")


def _holds_alone(parent: etree._Element) -> bool:
    """Whether an element holds one child element alone (a ``<source>`` of a picture not
    counted) and no text of its own."""
    return not (parent.text and parent.text.strip()) and (
        sum(isinstance(child.tag, str) and child.tag != "source" for child in parent) <= 1
    )


def _outer(image: etree._Element) -> etree._Element:
    """The image, or the outermost inline element that holds it alone (a link, a
    ``<picture>``, a ``<noscript>`` of a lazy-loaded image), a few levels up at most."""
    outer = image
    for _ in range(_BOX_DEPTH):
        parent = outer.getparent()
        if parent is None or parent.tag not in _PICTURE_WRAPPERS or not _holds_alone(parent):
            break
        outer = parent
    return outer


#: An image drawn smaller than this many pixels either way is an icon, not a picture (on the
#: tuning part a 27-pixel podcast icon's label, 'Listen to this article', was the one line
#: so taken).
_ICON_PIXELS = 60


def _icon(image: etree._Element) -> bool:
    """Whether the markup draws the image as an icon (its width or height attribute small)."""
    for name in ("width", "height"):
        value = (image.get(name) or "").strip().removesuffix("px")
        if value.isdigit() and int(value) < _ICON_PIXELS:
            return True
    return False


def _repeats_alt(image: etree._Element, paragraph: etree._Element) -> bool:
    """Whether a paragraph prints the image's alt text or title: the picture's caption."""
    key = text_key(visible_text(paragraph))
    return bool(key) and any(key == text_key(image.get(name) or "") for name in ("alt", "title"))


def _pair_box(outer: etree._Element, paragraph: etree._Element) -> bool:
    """Whether a paragraph and the picture before it are alone in their box (a figure in all
    but name: nothing else in it, no text of its own) and the paragraph is short."""
    parent = paragraph.getparent()
    if (
        parent is None
        or parent.tag in ("body", "article", "main", "section")
        or (parent.text and parent.text.strip())
    ):
        return False
    children = [child for child in parent if isinstance(child.tag, str) and child.tag != "br"]
    return (
        children == [outer, paragraph]
        and not (paragraph.tail and paragraph.tail.strip())
        and not (outer.tail and outer.tail.strip())
        and len(visible_text(paragraph).split()) <= _PAIR_WORDS
    )


def _story_scope(tree: etree._Element, story: Story) -> etree._Element | None:
    """Where the story's pictures are: a few levels above the smallest element that holds the
    story's text (its lead picture often sits beside the text's box), or ``None`` when the
    story's paragraphs are not found."""
    if not story.probes:
        return None
    probe = story.probes[0][:20]
    for text, node, is_tail in texts_holding(tree, probe_word(probe)):
        if probe not in norm(text):
            continue
        paragraph = node.getparent() if is_tail else node
        if paragraph is None:
            continue
        for ancestor in paragraph.iterancestors():
            if ancestor.tag in ("body", "html"):
                return None
            if story.holds(ancestor):
                scope = ancestor
                for _ in range(_SCOPE_UP):
                    parent = scope.getparent()
                    if parent is None or parent.tag in ("body", "html"):
                        return None
                    scope = parent
                # the story's pictures nested deeper in its <article> (tuning part:
                # fundus-dev caption recall 87.0% -> 88.1%, no body changed)
                article = next(ancestor.iterancestors("article"), None)
                if article is not None and any(a is article for a in scope.iterancestors()):
                    return article
                return scope
        return None
    return None


def _marks_around(image: etree._Element) -> str:
    """The class names of an image and of its nearest ancestors."""
    marks = [image.get("class") or ""]
    for depth, ancestor in enumerate(image.iterancestors()):
        if depth > _BOX_DEPTH:
            break
        marks.append(ancestor.get("class") or "")
    return " ".join(marks)


def _image_box(image: etree._Element) -> etree._Element | None:
    """The figure or image box around an image that prints some text, a few levels up at
    most."""
    for depth, ancestor in enumerate(image.iterancestors()):
        if depth >= _BOX_DEPTH or ancestor.tag in ("article", "main", "body", "section"):
            return None
        if (
            ancestor.tag == "figure" or _IMAGE_BOX.search(ancestor.get("class") or "")
        ) and visible_text(ancestor):
            return ancestor
    return None


def mark_captions(blocks: list[Block], captions: list[tuple[str, str | None]]) -> list[Block]:
    """Blocks that are (part of) a caption become one caption block; a caption trafilatura
    dropped is put back after the paragraph it follows on the page (or before the body), so
    that the rules move them all, in page order, to the captions field."""
    if not captions:
        return blocks
    captions = _with_credits(blocks, captions)
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


def _with_credits(
    blocks: list[Block], captions: list[tuple[str, str | None]]
) -> list[tuple[str, str | None]]:
    """The captions, each widened to the block that prints it with a few words of photo credit
    or label around it ('… Foto: Jane Doe / dpa', 'Caption … Photo Credit Unsplash'), so that
    they leave the body with it (the rules cut the label).

    A block that holds a caption and more is otherwise left whole: on the tuning part the one
    such block (wcxb-dev) was a story paragraph whose first sentence an image's caption
    repeated."""
    long = [caption for caption, _ in captions if len(text_key(caption)) >= _CAPTION_PART_MIN]
    widened: dict[str, str] = {}
    for block in blocks:
        if block.kind == "heading":
            continue
        for caption in long:
            if caption not in widened and len(block.text) > len(caption) and caption in block.text:
                rest = block.text.replace(caption, " ", 1)
                if len(rest.split()) <= _CREDIT_WORDS and _CREDIT_LINE.search(rest):
                    widened[caption] = block.text
                    break
    return [(widened.get(caption, caption), before) for caption, before in captions]


#: The share of the body's characters over which the blocks repeating the page's captions are
#: the story told in its figures (a gallery, a listicle), not copies of captions, and stay.
#: Tuning part: the most such blocks hold on a page is 0.35 of the body (fundus-dev, a page
#: whose captions the caption pass marks as well); validation part, before this bound: a
#: listicle told in its figures' captions lost two of its three 'with' snippets.
REPEATS_SHARE = 0.5


def mark_repeats(blocks: list[Block], known: list[tuple[str, bool]]) -> list[Block]:
    """The blocks, those that repeat (a part of, unless marked whole) one of the page's
    captions (``known``, from :func:`page_captions`) made caption blocks of their own; none
    when they would take over :data:`REPEATS_SHARE` of the body's text."""
    keys = [(key, whole) for key, whole in ((text_key(t), w) for t, w in known) if key]
    if not keys:
        return blocks
    result: list[Block] = []
    moved = 0
    for block in blocks:
        key = text_key(block.text)
        if (
            key
            and block.kind not in ("heading", "caption")
            and any(
                key == k or (not whole and len(key) >= _CAPTION_PART_MIN and key in k)
                for k, whole in keys
            )
        ):
            block = replace(block, kind="caption")
            moved += len(block.text)
        result.append(block)
    if moved > REPEATS_SHARE * sum(len(block.text) for block in blocks):
        return blocks
    return result
