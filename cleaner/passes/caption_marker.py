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

Some marks are a caption's whatever the model says, a story paragraph's shape too
(:func:`caption_formula`): the wire services' caption formulas, which no story sentence
opens with — 'In this (U.S. Coast Guard handout | Sept. 5, 2019, file photo | photo provided
by …), …', 'This photo (combo) shows / provided by / released by …', 'FILE - …', 'FILE PHOTO:
…' and, inside, Reuters' '… is seen in this illustration taken …' — and a parenthesised kind
closing the block ('… were wounded (File).'). An AP caption runs to two sentences, 80 to 100
words (:data:`FORMULA_MOST_WORDS`). A short line of a photo credit right under such a caption
('AP PHOTO/FILE', 'U.S. Coast Guard via Getty Images/TNS') is its credit
(:func:`credits_caption`): it joins the caption. 'In this town, …' or 'In this case the
image …' do not open a caption: the words between 'In this' and the photo word are a date's,
capitalised names or a picture's own words ('undated', 'file', 'aerial' …).
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

#: A caption in one of the wire services' formulas is at most this many words long (AP's
#: captions run to two sentences of 80 to 100 words; syndication-dev train: 43 and 85).
FORMULA_MOST_WORDS = 120
#: A photo credit printed on its own line under a caption is at most this many words long.
CREDIT_MOST_WORDS = 12
#: What a picture is called in a caption's formula.
_PICTURE = (
    r"(?:photo|photograph|picture|image|handout|screenshot|screen\s?grab|still|frame\s+grab"
    r"|illustration)s?"
)
#: The words a formula may put between 'In this' or 'This' and the picture: a date's ('Sept.',
#: '5,', '2019,'), capitalised names ('U.S. Coast Guard') and the picture's own words.
_BEFORE_PICTURE = (
    r"(?:(?:\p{Lu}[\p{L}.'’&-]*,?|\p{N}+(?:st|nd|rd|th)?,?|undated|file|handout|aerial|satellite"
    r"|drone|combination\s+of|recent|archive|family|video|social\s+media|photo|image)\s+){0,8}?"
)
#: The formulas that open a caption (matched at the block's start, not searched).
_OPENING = compile_cached(
    r"""(?x)
    \W{0,3}(?:
        (?:FILE(?:\s+PHOTO)?\s*[-–—:]\s*)?In\s+this\s+"""
    + _BEFORE_PICTURE
    + _PICTURE
    + r"""\b
      | (?:FILE(?:\s+PHOTO)?\s*[-–—:]\s*)?(?:This|These)\s+"""
    + _BEFORE_PICTURE
    + _PICTURE
    + r"""(?:\s+(?:combo|combination|of\s+\w+))?
        \s+(?:shows?|showing|provided|released|taken|made|obtained|distributed|supplied|issued)\b
      | (?:FILE(?:\s+PHOTO)?|File\s+[Pp]hoto)\s*[-–—:]\s+["“‘'\p{Lu}\p{N}]
    )
    """
)
#: Reuters' formula inside a caption ('… are seen in this illustration taken …'), matched where
#: ' in this ' stands.
_TAKEN = compile_cached(
    r"""(?x)in\s+this\s+(?:(?:handout|file|undated|aerial)\s+)?(?:photo|picture|illustration|image)
    (?:\s+(?:photo|picture|image))?\s+taken\b"""
)
#: A caption's date closing it, after a comma: '… in Magdeburg, Germany, December 21, 2024.',
#: '… Thursday, April 27, 2023.' (a story sentence says 'on (Thursday,) March 6, 2025': no comma
#: before the date, or the weekday's alone).
_CAPTION_DATE = compile_cached(
    r"""(?x)(?<!day),\s+(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),\s+)?
    (?:January|February|March|April|May|June|July|August|September|October|November|December
      |Jan\.|Feb\.|Aug\.|Sept\.|Oct\.|Nov\.|Dec\.)\s+\d{1,2},\s+(?:19|20)\d\d\.$"""
)
#: The first words one of the opening formulas needs: a cheap test before the pattern.
_FORMULA_STARTS = ("In this", "This ", "These ", "FILE", "File ")
#: A parenthesised kind closing the block ('… (File).').
_CLOSING_KIND = compile_cached(_KIND.pattern + r"\W{0,2}$")
#: A photo credit line: a picture's word, an agency's, a slash or 'via'.
_CREDIT = compile_cached(
    r"(?i)\b(?:photos?|pictures?|images?|handout|file|getty|shutterstock|alamy|reuters|afp|ap"
    r"|epa|pool|courtesy|credit|via)\b|/"
)


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


def caption_formula(text: str) -> bool:
    """Whether a block is a caption by a wire service's formula or a closing parenthesised kind:
    a caption whatever label the model gave it (see the module's docstring).

    >>> caption_formula("In this U.S. Coast Guard handout, a plane flies over the ship.")
    True
    >>> caption_formula("This photo combo shows from left, Shahzada Dawood and Suleman Dawood.")
    True
    >>> caption_formula("FILE - A man walks past the central bank in Frankfurt, Germany.")
    True
    >>> caption_formula("Killed in the attack and eight were wounded (File).")
    True
    >>> caption_formula("In this town, the photo of the mayor hangs in every shop.")
    False
    >>> caption_formula("This handout will help you write a book review.")
    False
    """
    if (
        text.endswith((")", ").", ")”", ')"'))
        and "(" in text
        and text.count(" ") + 1 <= MOST_WORDS
        and any(word in text.lower() for word in _KIND_WORDS)
        and _CLOSING_KIND.search(text) is not None
    ):
        return True
    opens = text.lstrip(" \t\"“‘'([*#-•").startswith(_FORMULA_STARTS)
    at = text.find(" in this ")
    if not opens and at < 0:
        return False  # most blocks end here
    if text.count(" ") + 1 > FORMULA_MOST_WORDS:
        return False
    if opens and _OPENING.match(text):
        return True
    while at >= 0:
        if _TAKEN.match(text, at + 1):
            return True
        at = text.find(" in this ", at + 1)
    return False


def credits_caption(text: str, previous: str | None) -> bool:
    """Whether a block is the photo credit of the caption right above it (``previous``, the
    page's block above): a short line with a picture's or an agency's word, a slash or 'via',
    under a caption in a formula (:func:`caption_formula`).

    >>> credits_caption("AP PHOTO/FILE", "This photo combo shows from left, Ann Lee and Bo Kim.")
    True
    >>> credits_caption("The five are believed dead.", "In this photo, rescuers search the sea.")
    False
    """
    return bool(
        previous
        and text.count(" ") + 1 <= CREDIT_MOST_WORDS
        and not text.endswith(("!", "?", ":"))
        and caption_formula(previous)
        and _CREDIT.search(text)
    )


def dated_caption(text: str) -> bool:
    """Whether a block (its agency's sign-off cut off by a rule) closes with a caption's date
    after a comma, the wire captions' last words: with the sign-off, above the story's first
    paragraph, a caption and its credit ('… in Magdeburg, Germany, December 21, 2024. — Reuters').

    >>> dated_caption("People lay flowers at the market in Magdeburg, Germany, December 21, 2024.")
    True
    >>> dated_caption("The deal is expected to close on March 1, 2025.")
    False
    """
    return (
        text.endswith(".")
        and text.count(" ") + 1 <= FORMULA_MOST_WORDS
        and _CAPTION_DATE.search(text[-60:]) is not None
    )
