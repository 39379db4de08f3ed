"""Small pure text steps that make a paragraph normal, as the SPEC defines it.

Quotes and dashes are left as printed.
"""

from __future__ import annotations

import unicodedata

import regex

_INVISIBLE = regex.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f]")
_SPACES = regex.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_CONTROL = regex.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def strip_invisible(text: str) -> str:
    """Remove zero-width characters, soft hyphens, direction marks and control characters.

    >>> strip_invisible("co\u00adop\u200beration")
    'cooperation'
    """
    return _CONTROL.sub("", _INVISIBLE.sub("", text))


def collapse_spaces(text: str) -> str:
    """Turn NBSPs and other spaces into one plain space, per run, and strip the ends.

    >>> collapse_spaces("  a\u00a0\u00a0 b  ")
    'a b'
    """
    return _SPACES.sub(" ", text).strip()


def nfc(text: str) -> str:
    """Unicode NFC composition.

    >>> nfc("e\u0301") == "\u00e9"
    True
    """
    return unicodedata.normalize("NFC", text) if not text.isascii() else text


def normalize_line(text: str) -> str:
    """All the steps, in order, for one line or paragraph."""
    return collapse_spaces(strip_invisible(nfc(text)))
