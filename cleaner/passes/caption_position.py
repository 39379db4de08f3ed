"""core.caption-position: a caption known by how it places the people in its picture.

Captions say where each person stands ('Rep. Jane Doe, left, talks with …', 'Sir Tony Blair
(left) being interviewed …', 'Commissioners from left to right are: …', 'Der Ex-Rapper Brado
(links) …', 'v. l. n. r.'); a story sentence does not. With the story model, a text dump's block
of at most :data:`MOST_WORDS` words with such a cue goes to the captions whatever label the model
gave it (:func:`cleaner.passes.story.decide`), unless the model keeps it as story and it reads as
a story paragraph (a sentence of 18 words or more: news agencies write 'Kim (left) …' in story
text too; syndication-dev validation lost one shared sentence to the captions without this).

Train part (the unwrapped renderings and the aggregator dumps of ``training/data``), the blocks
it takes: 12 gold captions on 5 sites, 12 lines labelled chrome (each another picture's caption
or credit: 4 sites), no story line; the 6 story lines with 'from left to right' or '(left)' in
them have over 40 words (2 sites). Validation part, rendered fundus-dev and readability-dev
dumps (``benchmarks/route_misses.py --rendered --part val``): captions without a credit routed
17 → 21 of 187, no other snippet moved (train part 176 → 183 of 366); rendered body F1 the same
(0.9005 → 0.9006).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cache
from typing import cast

from ..code_hash import compiled_module
from ..compiled_follows import HOLDS_ANY
from ..pattern_cache import compile_cached
from .features import PURE_SWITCH

PASS_ID = "core.caption-position"
#: A caption placing people is at most this many words long (longer blocks with such a cue are
#: story text on the train part: a tutorial's 'from left to right', see the module's docstring).
MOST_WORDS = 40

_CUE = compile_cached(
    r"""(?x)
    ,\s(?:left|right|centre|center|second\s+(?:left|right|from\s+(?:left|right))
         |far\s+(?:left|right))
       (?:,|\s+(?:and|with|is|are|speaks|talks|poses|looks|holds|walks|meets|stands|sits
                  |listens|waves|gestures|reacts|smiles|shakes)\b)
  | \((?:left|right|centre|center|from\s+left|links|rechts|Mitte|à\s+gauche|à\s+droite
        |au\s+centre|izquierda|derecha|sinistra|destra|second\s+(?:left|right)
        |l\.|r\.|li\.|re\.)\)
  | \b(?:pictured\s+)?from\s+left(?:\s*[:,)]|\s+to\s+right|\s+are\b)
  | \bleft\s+to\s+right\s*(?:[:,)]|are\b)
  | \bv\.\s?l\.(?:\s?n\.\s?r\.)?(?=[\s:,])
  | \bvon\s+links(?:\s+nach\s+rechts)?\s*[:,)]
  | \bde\s+gauche\s+à\s+droite\b
  | \bde\s+izquierda\s+a\s+derecha\b
    """
)
#: The words one of which a cue holds: a cheap test before the pattern.
_WORDS = (
    "left",
    "right",
    "links",
    "rechts",
    "gauche",
    "droite",
    "izquierda",
    "derecha",
    "sinistra",
    "destra",
    "v. l",
    "v.l",
    "centre",
    "center",
    "mitte",
)


def python_holds_any(text: str, words: Sequence[str]) -> bool:
    """Whether one of ``words`` is in ``text``. The compiled module's ``holds_any`` answers the
    same reading the text once, where ``in`` reads it again for each word: the test of
    :data:`_WORDS` cost some 13 thousand instructions a call (benchmarks/README.md, speed33)."""
    return any(word in text for word in words)


@cache
def _holds_any() -> Callable[[str, Sequence[str]], bool]:
    """:func:`python_holds_any`, compiled where the package was built with it and its
    ``HOLDS_ANY_HASH`` is this code's (:data:`cleaner.compiled_follows.HOLDS_ANY`), and
    ``CLEANER_PURE_FEATURES=1`` does not ask for the Python."""
    compiled = compiled_module(
        f"{__package__}._cfeatures", "HOLDS_ANY_HASH", HOLDS_ANY, PURE_SWITCH
    )
    if compiled is None:
        return python_holds_any
    return cast(Callable[[str, Sequence[str]], bool], compiled.holds_any)


def places_people(text: str) -> bool:
    """Whether a block reads as a caption placing people in the picture.

    >>> places_people("Rep. Cherrish Pryor, left, talks with Rep. Jeff Thompson.")
    True
    >>> places_people("Sen. John Smith (R) said the bill would pass on Monday.")
    False
    >>> places_people("He hit a double to left field in the third inning.")
    False
    """
    if not _holds_any()(text.lower(), _WORDS):
        return False
    if text.count(" ") + 1 > MOST_WORDS:
        return False
    return _CUE.search(text) is not None
