"""Small pure text steps that make a paragraph normal, as the SPEC defines it.

Quotes and dashes are left as printed. These run on every line of every page, so they use the
standard library's ``re`` (faster than ``regex`` for plain character classes) and skip work
when there is nothing to do.
"""

from __future__ import annotations

import re
import unicodedata

_INVISIBLE = re.compile(
    r"[\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f\x00-\x08\x0b\x0c\x0e-\x1f\x7f]"
)
_ODD_SPACES = re.compile(r"[\t\u00a0\u2000-\u200a\u202f\u205f\u3000]")
_SPACE_RUNS = re.compile(r"  +")
_NON_WORD = re.compile(r"[\W_]+")


def strip_invisible(text: str) -> str:
    """Remove zero-width characters, soft hyphens, direction marks and control characters.

    >>> strip_invisible("co\u00adop\u200beration")
    'cooperation'
    """
    return _INVISIBLE.sub("", text)


def collapse_spaces(text: str) -> str:
    """Turn NBSPs and other spaces into one plain space, per run, and strip the ends.

    >>> collapse_spaces("  a\u00a0\u00a0 b  ")
    'a b'
    """
    if not text.isascii() or "\t" in text:
        text = _ODD_SPACES.sub(" ", text)
    if "  " in text:
        text = _SPACE_RUNS.sub(" ", text)
    return text.strip()


def nfc(text: str) -> str:
    """Unicode NFC composition.

    >>> nfc("e\u0301") == "\u00e9"
    True
    """
    if text.isascii() or unicodedata.is_normalized("NFC", text):
        return text
    return unicodedata.normalize("NFC", text)


def normalize_line(text: str) -> str:
    """All the steps, in order, for one line or paragraph."""
    if not text.isascii():
        text = strip_invisible(nfc(text))
    elif not text.isprintable():
        text = strip_invisible(text)
    return collapse_spaces(text)


def text_key(text: str) -> str:
    """The words of a text without case, spacing or punctuation, to tell two texts the same.

    >>> text_key("Rubio, in Kuala Lumpur!") == text_key("RUBIO in kuala-lumpur")
    True
    """
    return _NON_WORD.sub("", text).casefold()
