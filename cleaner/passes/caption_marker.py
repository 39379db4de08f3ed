"""core.caption-marker: a caption known by a mark only a picture's caption carries.

Three marks, each a convention of many publishers, none a story sentence's:

* a picture's kind in parentheses: '(Archivbild)', '(Symbolfoto)', '(file photo)', '(stock
  image)', '(foto de archivo)', "(photo d'archives)", '(archieffoto)' — the wire services'
  way of saying the picture is older than the story;
* a block ending in an open parenthesis whose next block opens with a photo label ('… at the
  vigil (' / 'Image: Getty Images)'): the caption and its credit, the credit's element put on
  a line of its own by the renderer;
* the Japanese caption's '＝' before the place and date the picture was taken
  ('イスラエルの国旗＝同国で2019年5月'), on a block that ends no sentence ('。').

With the story model, a text dump's block of at most :data:`MOST_WORDS` words (or, unspaced,
:data:`MOST_CHARS` characters) with one of them goes to the captions whatever label the model
gave it (:func:`cleaner.passes.story.decide`), unless the model keeps it as story and it reads as
a story paragraph.

Train part (``training/data``, unwrapped renderings and the aggregator dumps), blocks with a
mark: the parenthesised kind 15 lines, all gold captions (3 sites, German and English; 6 of
them missed before), no story line among the 309,000 lines of the wcxb-dev, fundus-dev and
readability-dev train renderings; the open parenthesis over a photo label on the one site
that prints it (30 captions, 6 lines labelled chrome that are captions the gold lacks, 3
'story' lines that are captions too); the '＝' form 6 lines, all captions (2 sites). The pass
takes 45 gold captions on 4 sites (rendered train snippets routed 626 → 664 of 894), no story
line. Validation part: 3 captions taken (1 site), which the model routed already; no figure
moved (rendered 232 of 427 snippets routed, body F1 0.901, aggregators-dev route 0.556,
syndication retention 73/74): the marks do not occur among the validation misses.
"""

from __future__ import annotations

from ..pattern_cache import compile_cached

PASS_ID = "core.caption-marker"
#: A caption with a mark is at most this many words long (the train part's are 4-35).
MOST_WORDS = 40
#: ... or, in a script written without spaces, this many characters (the '＝' form: 15-60).
MOST_CHARS = 120

_KIND = compile_cached(
    r"""(?xi)
    \(\s*(?:archiv(?:bild|foto|aufnahme)?|symbol(?:bild|foto)
          |(?:file|archive|stock)\s+(?:photo|image|picture|pic|footage)|file
          |foto\s+de\s+archivo|imagen\s+de\s+archivo|photo\s+d'archives?|image\s+d'archives?
          |photo\s+d'illustration|foto\s+d'archivio|foto\s+di\s+archivio|archieffoto|archiefbeeld
          |foto\s+de\s+arquivo|imagem\s+de\s+arquivo)\s*\)
    """
)
#: The words one of which :data:`_KIND` needs: a cheap test before the pattern.
_KIND_WORDS = (
    "archiv",
    "symbol",
    "file",
    "stock",
    "archivo",
    "archive",
    "illustration",
    "archief",
    "arquivo",
)
#: A block that opens with a photo label (its credit, on a line of its own).
_LABEL = compile_cached(
    r"(?i)^\W{0,3}(?:image|photo|picture|photograph|foto|bild|credit|illustration)s?\s*:"
)
_JAPANESE = compile_cached(r"[＝=][^＝=。]{0,30}?(?:\d+年|\d+月|\d+日|撮影)")


def marks_caption(text: str, following: str | None = None) -> bool:
    """Whether a block reads as a caption by its mark (``following``: the next block's text).

    >>> marks_caption("Annalena Baerbock bei einer Pressekonferenz (Archivbild).")
    True
    >>> marks_caption("A crowd gathers outside the hospital (", "Image: Getty Images)")
    True
    >>> marks_caption("The file was sent to the court on Monday.")
    False
    """
    if (
        ("＝" in text or "=" in text)
        and len(text) <= MOST_CHARS
        and not text.endswith("。")
        and _JAPANESE.search(text)
    ):
        return True
    if "(" not in text or text.count(" ") + 1 > MOST_WORDS:
        return False  # both other marks hold a bracket: most blocks end here
    if text.endswith("(") and text.count(" ") >= 2 and following and _LABEL.match(following):
        return True
    lower = text.lower()
    return any(word in lower for word in _KIND_WORDS) and bool(_KIND.search(text))
