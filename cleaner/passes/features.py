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
from collections.abc import Mapping, Sequence
from functools import cache
from itertools import compress, filterfalse
from typing import NamedTuple

from ..blocks import _STORY_LONG_WORDS, _STORY_WORDS, Block, ends_sentence
from ..engine import Outcome, RuleSet

#: Languages whose jusText stoplists are tried; the page's language is the one whose
#: stopwords are densest in its text.
STOPLIST_LANGUAGES = ("English", "German", "French", "Spanish", "Portuguese", "Italian", "Dutch")

_WORD = re.compile(r"\w+")
_URL = re.compile(r"https?://|www\.|\.(?:com|org|net|co\.uk|de|fr)\b")
# A clock time (``\b\d{1,2}[:.]\d{2}\b`` or ``\b\d{1,2}\s?(?:am|pm|a\.m\.|p\.m\.)``) and a year
# (``\b(?:19|20)\d\d\b``), written to begin with what they match and test the word boundary
# behind it, so that the pattern engine skips to candidates instead of trying every position;
# they are searched from the block's first digit.
_TIME = re.compile(r"\d(?<!\w\d)\d?(?:[:.]\d{2}\b|\s?(?:am|pm|a\.m\.|p\.m\.))", re.IGNORECASE)
_YEAR = re.compile(r"(?:19|20)(?<!\w..)\d\d\b")
#: Month names (as prefixes: ``[a-z]*`` may follow) and words of time, each a whole word.
_MONTH_WORDS = (
    "jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|januar|februar|märz|juni|juli|"
    "oktober|dezember|janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|"
    "novembre|décembre|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|"
    "noviembre|diciembre"
)
_TIME_WORDS = "ago|hours?|mins?|minutes?|days?|hrs?"


def _by_first_letter(words: str) -> str:
    """``a|b|…`` alternatives grouped by their first letter (``j(?:an|un)|f(?:eb)``, same
    matches): the pattern engine tries a handful at each word, not all of them."""
    groups: dict[str, list[str]] = {}
    for word in words.split("|"):
        groups.setdefault(word[0], []).append(word[1:])
    return "|".join(f"{first}(?:{'|'.join(rests)})" for first, rests in groups.items())


#: A month's name or a word of time in a text (one search for the two).
_DATE = re.compile(
    rf"\b(?:(?:{_by_first_letter(_MONTH_WORDS)})[a-z]*\b|(?:{_by_first_letter(_TIME_WORDS)})\b)",
    re.IGNORECASE,
)
#: What a block :data:`_URL` finds in holds: one of these.
_URL_CLUES = ("http", "www.", ".com", ".org", ".net", ".co.uk", ".de", ".fr")
_EDGE = " \t.:;,!?|•·*#>–—-=_~\"'“”‘’()[]"


class _Stoplist(NamedTuple):
    """A jusText stoplist, and the parts of it that can match: its entries that are one word
    (``\\w+``: only those can be a word of a text), and those that are one whitespace-free
    token with no ``_`` (``str.isalnum``: the tokens that are words as they stand)."""

    full: frozenset[str]
    words: frozenset[str]
    tokens: frozenset[str]


@cache
def _stoplists() -> tuple[_Stoplist, ...]:
    """The jusText stoplists of :data:`STOPLIST_LANGUAGES`, loaded once per process."""
    import justext

    lists = [frozenset(justext.get_stoplist(lang)) for lang in STOPLIST_LANGUAGES]
    return tuple(
        _Stoplist(
            words, frozenset(filter(_WORD.fullmatch, words)), frozenset(filter(str.isalnum, words))
        )
        for words in lists
    )


def _bucket(n: int, edges: Sequence[int]) -> str:
    """The first edge ``n`` does not exceed, as a label (``>last`` past them all)."""
    for edge in edges:
        if n <= edge:
            return str(edge)
    return f">{edges[-1]}"


_WORD_EDGES = (1, 2, 3, 5, 8, 12, 18, 25, 40, 70)
_CHAR_EDGES = (3, 10, 20, 40, 80, 150, 300, 600)


def _frac(part: int, whole: int) -> str:
    """A fraction in fifths: '0' … '5'."""
    if whole <= 0:
        return "0"
    return str(min(5, round(5 * part / whole)))


def _labels(edges: Sequence[int], top: int) -> tuple[str, ...]:
    """:func:`_bucket`'s label for every ``n`` from 0 to ``top`` (past it: the last)."""
    return tuple(_bucket(n, edges) for n in range(top + 1))


#: Bucket labels looked up by count, not searched for on every block.
_WORD_LABELS = _labels(_WORD_EDGES, _WORD_EDGES[-1] + 1)
_CHAR_LABELS = _labels(_CHAR_EDGES, _CHAR_EDGES[-1] + 1)


def _label(labels: tuple[str, ...], n: int) -> str:
    return labels[n] if n < len(labels) else labels[-1]


class _Shape:
    """The per-block facts features are made of, computed once."""

    __slots__ = (
        "caps",
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
        "words",
    )

    def __init__(self, text: str) -> None:
        self.text = text
        tokens = text.split()
        self.words = len(tokens)
        self.sentence = ends_sentence(text)
        # blocks.is_story_paragraph, without testing the sentence end twice
        self.story = self.words >= _STORY_LONG_WORDS or (
            self.words >= _STORY_WORDS and self.sentence
        )
        first = tokens[0].strip(_EDGE).lower() if tokens else ""
        last = tokens[-1].strip(_EDGE).lower() if tokens else ""
        self.first = first if 0 < len(first) <= 14 else ("~" if first else "")
        self.last = last if 0 < len(last) <= 14 else ("~" if last else "")
        letters, upper, caps = _case_counts(tokens)
        self.title_case = _frac(upper, letters)
        self.caps = _frac(caps, letters)
        self.stop = "0"
        self.hits: list[str] = []
        self.group = ""
        self.rulefield = ""
        self.kept = "kept"
        self.dup = 0


#: Latin-1 bytes by what ``str`` says of their characters: letters, capitals, and a translation
#: table giving 0 for lower-case letters, 1 for the rest.
_LATIN1 = bytes(range(256)).decode("latin-1")
_LETTER_BYTES = "".join(filter(str.isalpha, _LATIN1)).encode("latin-1")
_UPPER_BYTES = "".join(filter(str.isupper, _LATIN1)).encode("latin-1")
_NOT_LOWER = bytes(0 if c.islower() else 1 for c in _LATIN1)
_BEYOND_LATIN1 = re.compile(r"[^\x00-\xff]")


def _case_counts(tokens: list[str]) -> tuple[int, int, int]:
    """How many tokens start with a letter, with a capital, and are all capitals
    (``str.isalpha``, ``str.isupper``). Counted on the initials' latin-1 bytes (a ``?`` for any
    other character, which is then asked of ``str``); ``isupper`` is asked only of the tokens
    that do not start with a lower-case letter (those never are)."""
    initials = "".join([t[0] for t in tokens])
    data = initials.encode("latin-1", "replace")
    letters = len(data) - len(data.translate(None, _LETTER_BYTES))
    upper = len(data) - len(data.translate(None, _UPPER_BYTES))
    if not initials.isascii():
        beyond = _BEYOND_LATIN1.findall(initials)
        letters += sum(map(str.isalpha, beyond))
        upper += sum(map(str.isupper, beyond))
    caps = sum(map(str.isupper, compress(tokens, data.translate(_NOT_LOWER))))
    return letters, upper, caps


def rule_kinds(rules: RuleSet) -> dict[str, str]:
    """Each rule id → what it does (its field, or its action): a feature of the blocks it
    fires on, shared by rules of one kind, so that the model learns from all of them."""
    return {rule.id: rule.field or rule.action.value for rule in rules.rules}


def page_features(
    blocks: Sequence[Block], outcome: Outcome, kinds: Mapping[str, str] | None = None
) -> list[list[str]]:
    """The features (``name:value`` strings, as crfsuite names them) of each block of a text
    page, after the rules have run (``outcome``); ``kinds`` from :func:`rule_kinds`."""
    shapes = [_Shape(b.text) for b in blocks]
    _language_cues(shapes)
    _rule_cues(shapes, outcome, kinds or {})
    _repeat_cues(shapes)
    total = len(shapes)
    story = [i for i, s in enumerate(shapes) if s.story and s.kept != "gone"]
    first_story = story[0] if story else total
    last_story = story[-1] if story else -1
    own: list[list[str]] = []
    near: list[list[str]] = []  # what the blocks one away see, without the offset
    far: list[list[str]] = []  # what the blocks two away see
    for shape, block in zip(shapes, blocks, strict=True):
        feats, seen = _own(shape, block)
        own.append(feats)
        near.append([f"{key}:{seen[key]}" for key in _NEAR_KEYS if key in seen])
        far.append([f"{key}:{seen[key]}" for key in _FAR_KEYS if key in seen])
    result: list[list[str]] = []
    for i in range(total):
        feats = own[i]
        feats += _place(i, total, first_story, last_story)
        for offset, prefix, seen_by in _OFFSETS:
            j = i + offset
            if 0 <= j < total:
                feats += [prefix + feat for feat in (near if seen_by else far)[j]]
            else:
                feats.append(prefix + "edge")
        result.append(feats)
    return result


def _place(i: int, total: int, first_story: int, last_story: int) -> list[str]:
    """Where block ``i`` of ``total`` stands in the page and against its story paragraphs."""
    if i < first_story:
        where = "before"
    elif i == first_story:
        where = "first"
    elif i > last_story:
        where = "after"
    else:
        where = "last" if i == last_story else "inside"
    return [
        f"rel:{min(9, 10 * i // total)}",
        f"idx:{min(i, 6)}",
        f"toend:{min(total - 1 - i, 6)}",
        f"vsstory:{where}",
        f"tofirst:{max(-4, min(4, i - first_story))}",
    ]


#: The features of a block its neighbours see: one block away, and two.
_NEAR_KEYS = ("w", "sent", "story", "first", "fld", "kept", "dup", "date")
_FAR_KEYS = ("w", "story", "fld")
#: Each neighbour's offset, its prefix, and whether it is near (else far).
_OFFSETS = ((-2, "-2:", False), (-1, "-1:", True), (1, "1:", True), (2, "2:", False))
_DIGIT = re.compile(r"\d")


def _own(shape: _Shape, block: Block) -> tuple[list[str], dict[str, str]]:
    """A block's own features, and the values its neighbours see."""
    text = shape.text
    first_char = text[:1]
    seen = {
        "w": _label(_WORD_LABELS, shape.words),
        "sent": "1" if shape.sentence else "0",
        "story": "1" if shape.story else "0",
        "first": shape.first,
        "kept": shape.kept,
    }
    feats = [
        "bias",
        f"kind:{block.kind}",
        f"w:{seen['w']}",
        f"c:{_label(_CHAR_LABELS, len(text))}",
        f"sent:{seen['sent']}",
        f"story:{seen['story']}",
        f"end:{_end_class(text[-1:])}",
        f"start:{_start_class(first_char)}",
        f"tc:{shape.title_case}",
        f"caps:{shape.caps}",
        f"stop:{shape.stop}",
        f"first:{shape.first}",
        f"last:{shape.last}",
        f"kept:{shape.kept}",
    ]
    if shape.hits:
        seen["fld"] = shape.rulefield
        feats.append(f"grp:{shape.group}")
        feats.append(f"fld:{shape.rulefield}")
        feats.extend(f"rule={hit}" for hit in shape.hits)
    digit = _DIGIT.search(text)
    if digit:
        feats.append("digit")
        if _YEAR.search(text, digit.start()):
            feats.append("year")
        if _TIME.search(text, digit.start()):
            feats.append("time")
    if shape.words <= 12 and _DATE.search(text):
        feats.append("date:1")
        seen["date"] = "1"
    if "@" in text:
        feats.append("at")
    if "|" in text:
        feats.append(f"pipe:{min(text.count('|'), 3)}")
    if "•" in text or "·" in text:
        feats.append("dot")
    if "©" in text or "(c)" in text or "(C)" in text:
        feats.append("copy")
    if "." in text and any(clue in text for clue in _URL_CLUES) and _URL.search(text):
        feats.append("url")
    if first_char in "#[(":
        feats.append(f"open:{first_char}")
    if shape.dup:
        seen["dup"] = "title" if shape.dup == 2 else "1"
        feats.append(f"dup:{seen['dup']}")
    return feats, seen


def _start_class(first: str) -> str:
    if first.isupper():
        return "U"
    if first.islower():
        return "l"
    return "d" if first.isdigit() else first


def _end_class(last: str) -> str:
    """The last character when it is punctuation that says something, else its class."""
    if last in ".:!?|)…\"”’'»,;":
        return last
    return "a" if last.isalnum() else "p"


#: The language sample: this many words of each of this many blocks from the top.
_SAMPLE_WORDS, _SAMPLE_BLOCKS = 50, 200


def _language_cues(shapes: list[_Shape]) -> None:
    r"""Stopword density per block (in fifths, jusText's measure) in the page's language: the
    share of the block's words (``\w+``, lowercased) in the stoplist.

    Counted on whitespace tokens, most of which are one word as they stand (``str.isalnum``);
    the words of the others are found by pattern, all in one string."""
    tokens = [s.text.lower().split() for s in shapes]
    others = [list(filterfalse(str.isalnum, t)) for t in tokens]
    split = [_WORD.findall(" ".join(o)) if o else o for o in others]
    sample: set[str] = set()  # the words of each block's head, and maybe tokens that are not
    for block_tokens, block_others, block_split in zip(
        tokens[:_SAMPLE_BLOCKS], others, split, strict=False
    ):
        sample.update(_sample(block_tokens, block_others, block_split))
    best = max(_stoplists(), key=lambda stop: len(stop.words.intersection(sample)))
    hit_token, hit_word = best.tokens.__contains__, best.full.__contains__
    for shape, block_tokens, block_others, block_split in zip(
        shapes, tokens, others, split, strict=True
    ):
        count = len(block_tokens) - len(block_others) + len(block_split)
        if count:
            hits = sum(map(hit_token, block_tokens)) + sum(map(hit_word, block_split))
            shape.stop = str(min(5, int(hits / count * 10)))  # tenths, capped at one half


def _sample(tokens: list[str], others: list[str], split: list[str]) -> list[str]:
    """A block's first :data:`_SAMPLE_WORDS` words, in any order, and when they are all of
    its words, its tokens that are not one word too (no stoplist's words entry is one)."""
    if len(tokens) - len(others) + len(split) <= _SAMPLE_WORDS:
        return tokens + split
    if not others:
        return tokens[:_SAMPLE_WORDS]
    head = _WORD.findall(" ".join(tokens[:_SAMPLE_WORDS]))  # a token may hold more, or none
    if len(head) < _SAMPLE_WORDS:
        head = _WORD.findall(" ".join(tokens))
    return head[:_SAMPLE_WORDS]


def _rule_cues(shapes: list[_Shape], outcome: Outcome, kinds: Mapping[str, str]) -> None:
    """Which rules fired on each block, their group and field, and whether it stayed."""
    kept = {k.index: k.block.text for k in outcome.kept}
    for index, shape in enumerate(shapes):
        if index not in kept:
            shape.kept = "gone"
        elif kept[index] != shape.text:
            shape.kept = "cut"
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
