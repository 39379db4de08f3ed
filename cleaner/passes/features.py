"""Features of a text dump's blocks for the story labeller: shape, language cues, position,
neighbours, repeats and the rule engine's hits.

One function, :func:`page_features`, used alike by training (``training/train_model.py``) and
at run time (:mod:`cleaner.passes.story`), so the model sees the same features in both.
Everything is computed once per block with str methods and a few compiled patterns: this runs
on every block of every text page.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from functools import cache
from typing import cast

from ..blocks import STORY_LONG_WORDS, STORY_WORDS, Block
from ..code_hash import UNREADABLE, compiled_module, followed_hash
from ..compiled_follows import FEATURES
from ..engine import Outcome, RuleSet
from ..lexicon import (
    CLOSING_MARKS,
    COPYRIGHT_SIGN_FORMS,
    MONTHS,
    SENTENCE_END_MARKS,
    ends_sentence,
    stoplist,
)
from .topic import CONTENT_CHARS, TOPIC_ATTRS, TOPIC_LOW, TOPIC_WORDS, topic_cues

#: Languages whose jusText stoplists are tried; the page's language is the one whose
#: stopwords are densest in its text.
STOPLIST_LANGUAGES = ("English", "German", "French", "Spanish", "Portuguese", "Italian", "Dutch")

_URL = re.compile(r"https?://|www\.|\.(?:com|org|net|co\.uk|de|fr)\b")
# A clock time (``\b\d{1,2}[:.]\d{2}\b`` or ``\b\d{1,2}\s?(?:am|pm|a\.m\.|p\.m\.)``) and a year
# (``\b(?:19|20)\d\d\b``), written to begin with what they match and test the word boundary
# behind it, so that the pattern engine skips to candidates instead of trying every position;
# they are searched from the block's first digit.
_TIME = re.compile(r"\d(?<!\w\d)\d?(?:[:.]\d{2}\b|\s?(?:am|pm|a\.m\.|p\.m\.))", re.IGNORECASE)
_YEAR = re.compile(r"(?:19|20)(?<!\w..)\d\d\b")
_EDGE = " \t.:;,!?|•·*#>–—-=_~\"'“”‘’()[]"
#: Trailing marks a word of running text carries (``the,``): a stoplist entry is also looked
#: up with one of them, so that the words of a block need no pattern to be found.
_TRAILING = ",.;:!?\"')”’»"
#: The words of a date line: the lexicon's month names as the story model was trained on them
#: (English in every spelling, German, French and Spanish in their first: 'märz', not 'maerz';
#: Italian, Portuguese and the other spellings wait for a retrain judged on its own), and words
#: of time.
_DATE_NAMES = (
    *(word for names in MONTHS["en"] for word in names.split()),
    *(names.split()[0] for language in ("de", "fr", "es") for names in MONTHS[language]),
    *("ago", "hour", "hours", "min", "mins", "minute", "minutes", "day", "days", "hr", "hrs"),
)
#: :data:`_DATE_NAMES` as a block's lowercased whitespace tokens may hold them: bare, followed
#: by one of :data:`_TRAILING` or after an opening bracket.
_DATE_WORDS = frozenset(
    edged
    for word in _DATE_NAMES
    for edged in (word, "(" + word, "[" + word, *(word + mark for mark in _TRAILING))
)


@cache
def _stoplists() -> tuple[frozenset[str], ...]:
    """The jusText stoplists of :data:`STOPLIST_LANGUAGES`, loaded once per process, each
    with its entries followed by one of :data:`_TRAILING` (whitespace tokens as they stand)."""
    lists = [stoplist(lang) for lang in STOPLIST_LANGUAGES]
    return tuple(
        words.union([word + mark for word in words for mark in _TRAILING]) for words in lists
    )


def _bucket(n: int, edges: Sequence[int]) -> str:
    """The first edge ``n`` does not exceed, as a label (``>last`` past them all)."""
    for edge in edges:
        if n <= edge:
            return str(edge)
    return f">{edges[-1]}"


_WORD_EDGES = (1, 2, 3, 5, 8, 12, 18, 25, 40, 70)
_CHAR_EDGES = (3, 10, 20, 40, 80, 150, 300, 600)


def _attrs(name: str, edges: Sequence[int]) -> tuple[str, ...]:
    """The attribute ``name:label`` of :func:`_bucket`'s label for every ``n`` from 0 to one
    past the last edge (past it: the last), looked up by count, not made on every block."""
    return tuple(f"{name}:{_bucket(n, edges)}" for n in range(edges[-1] + 2))


_WORD_ATTRS = _attrs("w", _WORD_EDGES)
_CHAR_ATTRS = _attrs("c", _CHAR_EDGES)
_WORDS_TOP, _CHARS_TOP = len(_WORD_ATTRS) - 1, len(_CHAR_ATTRS) - 1
#: ``name:0`` … ``name:5``, by value.
_FIFTHS = {name: tuple(f"{name}:{n}" for n in range(6)) for name in ("tc", "caps", "stop")}


def _fifth(part: int, whole: int) -> int:
    """A fraction in fifths, 0 … 5 (a ratio above one counts as 5)."""
    if whole <= 0:
        return 0
    fifths = round(5 * part / whole)
    return fifths if fifths < 5 else 5  # not min(): this runs twice a block


#: A block's Latin-1 bytes (a ``?`` for any other character: one byte a character) mapped to
#: what its shape counts: ``U`` for a capital, ``0`` for an ASCII digit, ``.`` for the rest; one
#: byte table gives both its capitals (a count) and its first digit (a search).
_SHAPE_BYTES = bytes(
    ord("U") if char.isupper() else ord("0") if "0" <= char <= "9" else ord(".")
    for char in bytes(range(256)).decode("latin-1")
)


#: A first or last word longer than this is ``~``.
_WORD_MAX = 14


class _Shape:
    """The per-block facts features are made of, computed once, with no pass over its words
    (blocks are normalized: one space between words)."""

    __slots__ = (
        "caps",
        "date",
        "digit",
        "dup",
        "first",
        "group",
        "hits",
        "kept",
        "last",
        "rulefield",
        "sentence",
        "stop",
        "story",
        "text",
        "title_case",
        "tokens",
        "words",
    )

    def __init__(self, text: str) -> None:
        self.text = text
        self.words = text.count(" ") + 1 if text else 0
        self.sentence = ends_sentence(text)
        # blocks.is_story_paragraph, without testing the sentence end twice
        self.story = self.words >= STORY_LONG_WORDS or (self.words >= STORY_WORDS and self.sentence)
        first = text.partition(" ")[0].strip(_EDGE).lower()
        last = text.rpartition(" ")[2].strip(_EDGE).lower()
        self.first = first if len(first) <= _WORD_MAX else "~"
        self.last = last if len(last) <= _WORD_MAX else "~"
        data = text.encode("latin-1", "replace").translate(_SHAPE_BYTES)
        upper = data.count(b"U")
        # where the first ASCII digit of the block's head stands (-1: none)
        self.digit = data.find(b"0", 0, _HEAD)
        # capitals per word (title case near 5) and per non-space character (all capitals)
        self.title_case = _fifth(upper, self.words)
        self.caps = _fifth(upper, len(text) - self.words + 1)
        # the lowercased whitespace tokens of the block's head (a cut last one left out)
        if len(text) > _STOP_CHARS:
            self.tokens = text[:_STOP_CHARS].lower().split()[:-1]
        else:
            self.tokens = text.lower().split()
        self.date = self.words <= 12 and not _DATE_WORDS.isdisjoint(self.tokens)
        self.stop = 0
        self.hits: list[str] = []
        self.group = ""
        self.rulefield = ""
        self.kept = "kept:kept"
        self.dup = 0


def rule_kinds(rules: RuleSet) -> dict[str, str]:
    """Each rule id → what it does (its field, or its action): a feature of the blocks it
    fires on, shared by rules of one kind, so that the model learns from all of them."""
    return {rule.id: rule.field or rule.action.value for rule in rules.rules}


def page_features(
    blocks: Sequence[Block], outcome: Outcome, kinds: Mapping[str, str] | None = None
) -> list[list[str]]:
    """The features (``name:value`` strings, as crfsuite names them) of each block of a text
    page, after the rules have run (``outcome``); ``kinds`` from :func:`rule_kinds`: a block's
    own (:func:`block_features`), then those of the blocks two and one before it and one and
    two after it, prefixed by their offset (``-1:story:1``; ``-1:edge`` past the page's edge)."""
    own, near, far = block_features(blocks, outcome, kinds)
    total = len(own)
    for i, feats in enumerate(own):
        feats += map(_BEFORE_2, far[i - 2]) if i >= 2 else ("-2:edge",)
        feats += map(_BEFORE_1, near[i - 1]) if i >= 1 else ("-1:edge",)
        feats += map(_AFTER_1, near[i + 1]) if i + 1 < total else ("1:edge",)
        feats += map(_AFTER_2, far[i + 2]) if i + 2 < total else ("2:edge",)
    return own


Columns = tuple[list[list[str]], list[list[str]], list[list[str]]]


def block_features(
    blocks: Sequence[Block], outcome: Outcome, kinds: Mapping[str, str] | None = None
) -> Columns:
    """Each block's own features with its place in the page; what the blocks one away see of
    it; what the blocks two away see of it (the last two without their offset's prefix:
    :func:`page_features` adds it, the story model's tagger looks them up by offset).

    Computed by the compiled module (``_cfeatures.c``) where the package was built with it,
    else by :func:`python_block_features`: the same lists (``tests/test_cfeatures.py``)."""
    compiled = _compiled()
    if compiled is None:
        return python_block_features(blocks, outcome, kinds)
    extras = _rule_extras(outcome, len(blocks), kinds or {})
    return compiled(blocks, outcome.kept, extras, _stoplists())


def python_block_features(
    blocks: Sequence[Block], outcome: Outcome, kinds: Mapping[str, str] | None = None
) -> Columns:
    """:func:`block_features` in Python: what an attribute is (the compiled module follows),
    each block's topic cue last (:func:`.topic.topic_cues`)."""
    shapes = [_Shape(b.text) for b in blocks]
    _language_cues(shapes)
    _rule_cues(shapes, outcome, kinds or {})
    _repeat_cues(shapes)
    total = len(shapes)
    story = [i for i, s in enumerate(shapes) if s.story and s.kept != "kept:gone"]
    first_story = story[0] if story else total
    last_story = story[-1] if story else -1
    own: list[list[str]] = []
    near: list[list[str]] = []  # what the blocks one away see, without the offset
    far: list[list[str]] = []  # what the blocks two away see
    for shape, block in zip(shapes, blocks, strict=True):
        feats, close, two = _own(shape, block)
        own.append(feats)
        near.append(close)
        far.append(two)
    for i, feats in enumerate(own):
        feats += _place(i, total, first_story, last_story)
    topic_cues(blocks, own)
    return own, near, far


class _Prefixed(dict[str, str]):
    """A neighbour's features as the block sees them: prefixed by the neighbour's offset,
    each string made once per process and then looked up (a page has few distinct ones)."""

    __slots__ = ("prefix",)

    def __init__(self, prefix: str) -> None:
        super().__init__()
        self.prefix = prefix

    def __missing__(self, attr: str) -> str:
        if len(self) > 65536:  # first and last words are open-ended: bounded
            self.clear()
        prefixed = self[attr] = self.prefix + attr
        return prefixed


_BEFORE_2, _BEFORE_1, _AFTER_1, _AFTER_2 = (
    _Prefixed(prefix).__getitem__ for prefix in ("-2:", "-1:", "1:", "2:")
)
#: A block's own attributes with a value of its own, made once per process.
_FIRST_OF, _LAST_OF, _KIND_OF = (_Prefixed(name) for name in ("first:", "last:", "kind:"))
_FIRST, _LAST, _KIND = _FIRST_OF.__getitem__, _LAST_OF.__getitem__, _KIND_OF.__getitem__
_REL = tuple(f"rel:{n}" for n in range(10))
_IDX = tuple(f"idx:{n}" for n in range(7))
_TOEND = tuple(f"toend:{n}" for n in range(7))
_TOFIRST = tuple(f"tofirst:{n}" for n in range(-4, 5))


def _place(i: int, total: int, first_story: int, last_story: int) -> list[str]:
    """Where block ``i`` of ``total`` stands in the page and against its story paragraphs."""
    if i < first_story:
        where = "vsstory:before"
    elif i == first_story:
        where = "vsstory:first"
    elif i > last_story:
        where = "vsstory:after"
    else:
        where = "vsstory:last" if i == last_story else "vsstory:inside"
    # (comparisons, not min() and max(): this runs on every block)
    to_end = total - 1 - i
    to_first = i - first_story
    return [
        _REL[10 * i // total],  # i < total: at most 9
        _IDX[i if i < 6 else 6],
        _TOEND[to_end if to_end < 6 else 6],
        where,
        _TOFIRST[4 + (-4 if to_first < -4 else 4 if to_first > 4 else to_first)],
    ]


_DIGIT = re.compile(r"\d")


def _copyright_sign(text: str) -> bool:
    """Whether a copyright sign as printed ('©', '(c)', '(C)': the lexicon's) is in the text:
    a substring test for each (one scan for a character, where a pattern tests a set of
    characters at every position)."""
    return any(map(text.__contains__, COPYRIGHT_SIGN_FORMS))


#: Digits, years, clock times and web addresses are looked for in this many of a block's
#: first characters (a date line's or a link's; a story paragraph's are not told by them).
_HEAD = 160
_SENT = ("sent:0", "sent:1")
_STORY = ("story:0", "story:1")


def _own(shape: _Shape, block: Block) -> tuple[list[str], list[str], list[str]]:
    """A block's own features, and those the blocks one away and two away see of it."""
    text = shape.text
    first_char = text[:1]
    words = _WORD_ATTRS[shape.words if shape.words < _WORDS_TOP else _WORDS_TOP]
    sent = _SENT[shape.sentence]
    story = _STORY[shape.story]
    first = _FIRST(shape.first)
    near = [words, sent, story, first, shape.kept]
    far = [words, story]
    feats = [
        "bias",
        _KIND(block.kind),
        words,
        _CHAR_ATTRS[len(text) if len(text) < _CHARS_TOP else _CHARS_TOP],
        sent,
        story,
        _end_attr(text[-1:]),
        _start_attr(first_char),
        _FIFTHS["tc"][shape.title_case],
        _FIFTHS["caps"][shape.caps],
        _FIFTHS["stop"][shape.stop],
        first,
        _LAST(shape.last),
        shape.kept,
    ]
    if shape.hits:
        field = "fld:" + shape.rulefield
        near.append(field)
        far.append(field)
        feats.append("grp:" + shape.group)
        feats.append(field)
        feats.extend(["rule=" + hit for hit in shape.hits])
    head = text[:_HEAD]
    if head.isascii():
        digit = shape.digit
    else:  # a digit of another script is a digit too
        found = _DIGIT.search(head)
        digit = found.start() if found else -1
    if digit >= 0:
        feats.append("digit")
        if _YEAR.search(head, digit):
            feats.append("year")
        if _TIME.search(head, digit):
            feats.append("time")
    if shape.date:
        feats.append("date:1")
        near.append("date:1")
    if "@" in text:
        feats.append("at")
    if "|" in text:
        feats.append(f"pipe:{min(text.count('|'), 3)}")
    if "•" in text or "·" in text:
        feats.append("dot")
    if _copyright_sign(text):
        feats.append("copy")
    if "." in head and _URL.search(head):
        feats.append("url")
    if first_char in "#[(":
        feats.append("open:" + first_char)
    if shape.dup:
        dup = "dup:title" if shape.dup == 2 else "dup:1"
        near.append(dup)
        feats.append(dup)
    return feats, near, far


@cache
def _start_attr(first: str) -> str:
    """The first character's class, as an attribute."""
    if first.isupper():
        return "start:U"
    if first.islower():
        return "start:l"
    return "start:d" if first.isdigit() else "start:" + first


@cache
def _end_attr(last: str) -> str:
    """The last character when it is punctuation that says something, else its class."""
    if last in ".:!?|)…\"”’'»,;":
        return "end:" + last
    return "end:a" if last.isalnum() else "end:p"


#: A block's stopword density is measured on the words of this many of its first characters;
#: the page's language is told from about this many of its first words.
_STOP_CHARS, _SAMPLE_WORDS = 300, 200


def _language_cues(shapes: list[_Shape]) -> None:
    """Stopword density per block (in tenths, capped at one half: jusText's measure) in the
    page's language: the share of the block's lowercased whitespace tokens that are stopwords
    (with a trailing mark or not), on at most :data:`_STOP_CHARS` of its characters."""
    sample: set[str] = set()
    taken = 0
    for shape in shapes:
        sample.update(shape.tokens)
        taken += len(shape.tokens)
        if taken >= _SAMPLE_WORDS:
            break
    hit = max(_stoplists(), key=lambda stop: len(stop.intersection(sample))).__contains__
    for shape in shapes:
        if shape.tokens:
            tenths = sum(map(hit, shape.tokens)) * 10 // len(shape.tokens)
            shape.stop = tenths if tenths < 5 else 5


def _rule_cues(shapes: list[_Shape], outcome: Outcome, kinds: Mapping[str, str]) -> None:
    """Which rules fired on each block, their group and field, and whether it stayed."""
    kept = {k.index: k.block.text for k in outcome.kept}
    for index, shape in enumerate(shapes):
        if index not in kept:
            shape.kept = "kept:gone"
        elif kept[index] != shape.text:
            shape.kept = "kept:cut"
    for index, hits in outcome.hits.items():
        if index >= len(shapes):
            continue
        shape = shapes[index]
        shape.hits = hits
        shape.group = hits[0].split(".", 1)[0]
        shape.rulefield = kinds.get(hits[0], "")


def _repeat_cues(shapes: list[_Shape]) -> None:
    """A block whose words another block repeats: 1; the first of a pair of short blocks
    printed again lower down (a headline printed twice): 2."""
    keys = [s.text.strip(_EDGE).casefold() if s.words <= 40 else "" for s in shapes]
    seen = Counter(k for k in keys if k)
    for shape, key in zip(shapes, keys, strict=True):
        if key and seen[key] > 1:
            shape.dup = 2 if shape.words <= 30 and not shape.story else 1


def _rule_extras(
    outcome: Outcome, total: int, kinds: Mapping[str, str]
) -> dict[int, tuple[str, str, list[str]]]:
    """The attributes the rules give the blocks they fired on (:func:`_rule_cues`): each such
    block's group, field and rule attributes, by its index."""
    return {
        index: (
            "grp:" + hits[0].split(".", 1)[0],
            "fld:" + kinds.get(hits[0], ""),
            ["rule=" + hit for hit in hits],
        )
        for index, hits in outcome.hits.items()
        if 0 <= index < total and hits
    }


def source_hash() -> str | None:
    """The hash of the code of this module and the topic cue's
    (:data:`cleaner.compiled_follows.FEATURES`, hashed now): the compiled module names the one
    it follows (``SOURCE_HASH`` in ``_cfeatures.c``). None when a source cannot be read."""
    try:
        return followed_hash(FEATURES)
    except UNREADABLE:
        return None


#: The environment variable that asks for the Python features even where the compiled module
#: is built (``CLEANER_PURE_FEATURES=1``; :mod:`.headline` reads it too).
PURE_SWITCH = "CLEANER_PURE_FEATURES"


@cache
def _compiled() -> Callable[..., Columns] | None:
    """The compiled module's ``block_features``, handed this module's attributes and tables
    once; None where the package was built without it (no C compiler), where this module's
    code is not the one the compiled module follows (an edit here is never silently left out:
    the Python runs until ``_cfeatures.c`` is brought level and its ``SOURCE_HASH`` set; see
    ``tests/test_cfeatures.py``), or where ``CLEANER_PURE_FEATURES=1`` asks for the Python."""
    compiled = compiled_module(f"{__package__}._cfeatures", "SOURCE_HASH", FEATURES, PURE_SWITCH)
    if compiled is None:
        return None
    compiled.configure(
        {
            "date_words": _DATE_WORDS,
            "word_attrs": _WORD_ATTRS,
            "char_attrs": _CHAR_ATTRS,
            "tc": _FIFTHS["tc"],
            "caps": _FIFTHS["caps"],
            "stop": _FIFTHS["stop"],
            "sent": _SENT,
            "story": _STORY,
            "rel": _REL,
            "idx": _IDX,
            "toend": _TOEND,
            "tofirst": _TOFIRST,
            "vs_before": "vsstory:before",
            "vs_first": "vsstory:first",
            "vs_after": "vsstory:after",
            "vs_last": "vsstory:last",
            "vs_inside": "vsstory:inside",
            "kept_kept": "kept:kept",
            "kept_gone": "kept:gone",
            "kept_cut": "kept:cut",
            "bias": "bias",
            "digit": "digit",
            "year": "year",
            "time": "time",
            "date": "date:1",
            "at": "at",
            "dot": "dot",
            "copy": "copy",
            "url": "url",
            "pipes": tuple(f"pipe:{n}" for n in range(4)),
            "open_hash": "open:#",
            "open_bracket": "open:[",
            "open_paren": "open:(",
            "open_empty": "open:",
            "dup_title": "dup:title",
            "dup_one": "dup:1",
            "first_map": _FIRST_OF,
            "last_map": _LAST_OF,
            "kind_map": _KIND_OF,
            "start_attr": _start_attr,
            "end_attr": _end_attr,
            "copyright_forms": tuple(COPYRIGHT_SIGN_FORMS),
            "edge": _EDGE,
            "tilde": "~",
            "empty": "",
            "closing": CLOSING_MARKS,
            "ends": SENTENCE_END_MARKS,
            "shape_bytes": _SHAPE_BYTES,
            "story_words": STORY_WORDS,
            "story_long_words": STORY_LONG_WORDS,
            "head": _HEAD,
            "stop_chars": _STOP_CHARS,
            "sample_words": _SAMPLE_WORDS,
            "max_word": _WORD_MAX,
            "topic": TOPIC_ATTRS,
            "topic_low": TOPIC_LOW,
            "topic_words": TOPIC_WORDS,
            "content_chars": CONTENT_CHARS,
        }
    )
    return cast(Callable[..., Columns], compiled.block_features)
