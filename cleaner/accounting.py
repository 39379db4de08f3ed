"""Nothing lost, line by line: every line of a page ends in the body, a field, or ``removed``.

The SPEC's promise, checked on an Article cleaned with explanation on: each non-blank line of
the input is found, its words in order, within the Article's texts (a body paragraph, a
field's value, a removal's text), in at most a few pieces (a dateline field and the rest of
its line in the body; a marker cut out of a line, the line's two ends kept). Pieces never
straddle two texts, so a line is not "found" by stitching words of unrelated texts together.
"""

from __future__ import annotations

import unicodedata
from typing import Any

import regex

from .article import Article
from .normalize import repair_mojibake

#: A line may be accounted for in up to this many pieces (dateline + body, or body + cut
#: marker + body).
MAX_PIECES = 3
_WORDS = regex.compile(r"\p{L}[\p{L}\p{M}]*|\p{N}+")
_HYPHEN_END = regex.compile(r"\p{L}-\s*$")
_LETTER_START = regex.compile(r"\s*\p{L}")
_INNER_HYPHEN = regex.compile(r"(?<=\p{L})[-‐‑]\s*(?=\p{L})")
_INVISIBLE = regex.compile(r"[\u00ad\u200b-\u200d\u2060\ufeff]")


def words(text: str) -> list[str]:
    """The words of a text, case-folded, hyphens inside words dropped (a wrapped line joins
    ``co-`` and ``operation``).

    >>> words("Co\\u00adop-\\neration, “Quote”!")
    ['cooperation', 'quote']
    """
    text = _INVISIBLE.sub("", unicodedata.normalize("NFKC", text))
    text = _INNER_HYPHEN.sub("", text)
    return [w.casefold() for w in _WORDS.findall(text)]


def texts_of(article: Article) -> list[str]:
    """Every text an Article holds: body paragraphs, each field's values, each removal."""
    data = article.to_dict(with_removed=True)
    found: list[str] = []

    def walk(value: Any) -> None:
        if isinstance(value, str):
            found.extend(value.split("\n\n"))
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk({k: v for k, v in data.items() if k != "warnings"})
    return found


def lost_lines(source: str, article: Article, *, max_pieces: int = MAX_PIECES) -> list[str]:
    """Lines of ``source`` not accounted for by ``article`` (cleaned with explanation on).

    >>> from cleaner.article import Removal
    >>> art = Article(body="Kept here.", removed=(Removal("x.y", "Dropped"),))
    >>> lost_lines("Kept here.\\n\\nDropped\\nVanished here.\\nKept Dropped", art)
    ['Vanished here.']
    """
    # Texts joined with a mark no word holds: a piece cannot run from one text into the next.
    haystack = " " + " | ".join(" ".join(words(text)) for text in texts_of(article)) + " "
    lines = repair_mojibake(source).split("\n")
    found = [words(line) for line in lines]
    # A word hyphenated at the end of a line ("in-" / "site") may have been joined again
    # ("in-site") or not: either form of both lines counts.
    broken = [
        bool(found[i] and found[i + 1])
        and bool(_HYPHEN_END.search(lines[i]))
        and bool(_LETTER_START.match(lines[i + 1]))
        for i in range(len(lines) - 1)
    ] + [False]
    lost = []
    for i, line in enumerate(lines):
        if not found[i]:
            continue
        before = found[i - 1][-1] if i and broken[i - 1] else None
        after = found[i + 1][0] if broken[i] else None
        first, last = found[i][0], found[i][-1]
        heads = [first] + ([before + first] if before else [])
        if len(found[i]) == 1:
            variants = [[w] for w in heads] + ([[w + after] for w in heads] if after else [])
        else:
            tails = [last] + ([last + after] if after else [])
            middle = found[i][1:-1]
            variants = [[h, *middle, t] for h in heads for t in tails]
        if all(pieces(v, haystack) > max_pieces for v in variants):
            lost.append(" ".join(line.split()))
    return lost


def pieces(seq: list[str], haystack: str) -> int:
    """How few consecutive pieces of ``seq`` are each found in ``haystack`` (greedy longest
    prefix, optimal since any part of a found piece is found too); more than any limit when
    a word is missing."""
    count, start = 0, 0
    while start < len(seq):
        low, high = start, len(seq)  # the longest prefix seq[start:end] found: end in (low, high]
        while low < high:
            mid = (low + high + 1) // 2
            if f" {' '.join(seq[start:mid])} " in haystack:
                low = mid
            else:
                high = mid - 1
        if low == start:
            return len(seq) + 1_000_000
        count, start = count + 1, low
    return count
