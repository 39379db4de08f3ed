"""Small pure text steps that make a paragraph normal, as the SPEC defines it.

Quotes and dashes are left as printed. These run on every line of every page, so they use the
standard library's ``re`` (faster than ``regex`` for plain character classes) and skip work
when there is nothing to do.
"""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import ftfy

#: Mojibake, in the UTF-8 bytes of the text: UTF-8 read as Windows-1252 or Latin-1 turns a
#: lead byte into one of Â … ô (C3 82–C3 B4) and a continuation byte into U+0080–U+00BF or
#: one of Windows-1252's € ‚ ƒ „ … † ‡ ˆ ‰ Š ‹ Œ Ž ‘ ’ “ ” • – — ˜ ™ š › œ ž Ÿ: garbled text
#: always holds such a pair. C1 controls (C2 80–C2 9F) and lone surrogates (ED A0–ED BF) are
#: garbled characters too. Each pattern starts with a literal byte, which the regular
#: expression engine skips to: far cheaper than a character class over the page's text.
_MOJIBAKE_HINTS = (
    (
        b"\xc3",
        re.compile(
            rb"\xc3[\x82-\xb4](?:\xc2[\x80-\xbf]|\xc5[\x92\x93\xa0\xa1\xb8\xbd\xbe]|\xc6\x92"
            rb"|\xcb[\x86\x9c]|\xe2\x80[\x93\x94\x98-\x9a\x9c-\x9e\xa0-\xa2\xa6\xb0\xb9\xba]"
            rb"|\xe2\x82\xac|\xe2\x84\xa2)"
        ),
    ),
    (b"\xc2", re.compile(rb"\xc2[\x80-\x9f]")),
    (b"\xed", re.compile(rb"\xed[\xa0-\xbf]")),
)
#: The leads of a hint that :func:`repair_mojibake` tries one by one before searching on.
_MOJIBAKE_LEADS = 8
_FTFY_CONFIG: ftfy.TextFixerConfig | None = None

_INVISIBLE = re.compile(
    r"[\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f\x00-\x08\x0b\x0c\x0e-\x1f\x7f]"
)
#: Spaces other than the plain one; and the line and paragraph separators (U+2028, U+2029),
#: which a program reading the body or a jsonl record by str.splitlines() took for line ends,
#: where a paragraph's text still holds one (a text dump's lines and paragraphs end at them:
#: text_blocks._runs; the HTML path's paragraphs are parted at its own U+2029, html.tree.BREAK,
#: before they are normalized).
_ODD_SPACES = re.compile(r"[\t\u00a0\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]")
_SPACE_RUNS = re.compile(r"  +")
#: Either of the two: one scan tells a line that needs neither substitution.
_INVISIBLE_OR_ODD = re.compile(f"{_INVISIBLE.pattern[:-1]}{_ODD_SPACES.pattern[1:]}")


def repair_mojibake(text: str, utf8: bytes | None = None) -> str:
    """Characters garbled by a wrong decoding, restored with ftfy; nothing else changed.

    Only the fixes that restore characters run: mojibake (UTF-8 read as Windows-1252,
    Latin-1 and the other single-byte encodings ftfy knows, also where a dump mixes garbled
    and clean text), C1 control characters, surrogates. Quotes, dashes, ligatures, character
    width, line breaks and HTML entities stay as printed. Line breaks are never added or
    removed, so line numbers into the text still hold. Text that cannot hold mojibake (ASCII,
    or no pair of the characters mojibake is made of) is returned at once, unparsed. ``utf8``:
    the text's UTF-8 encoding when the caller has it (the input's bytes), looked in instead of
    encoding the text again.

    >>> repair_mojibake("CNNâ€™s reporter â€” in KÃ¶ln")
    'CNN’s reporter — in Köln'
    >>> repair_mojibake("“Curly” quotes — dashes, ﬁ &amp; ＡＢ stay")
    '“Curly” quotes — dashes, ﬁ &amp; ＡＢ stay'
    """
    if text.isascii():
        return text
    data = text.encode("utf-8", "surrogatepass") if utf8 is None else utf8
    for lead, hint in _MOJIBAKE_HINTS:
        at = data.find(lead)  # memchr: most pages hold none of the three bytes
        # Each of the first few leads tried where it stands (a match opens with one), the
        # next found by memchr; past them, the pattern's search (sre steps a byte at a time:
        # a seed's no-break space, C2 A0, 5 KB into its 20, cost some 36 thousand
        # instructions a seed document searched to the end).
        for _ in range(_MOJIBAKE_LEADS):
            if at < 0:
                break
            if hint.match(data, at):
                return _ftfy_fix(text)
            at = data.find(lead, at + 1)
        else:
            if at >= 0 and hint.search(data, at):
                return _ftfy_fix(text)
    return text


def _ftfy_fix(text: str) -> str:
    global _FTFY_CONFIG
    import ftfy  # imported on the first suspect text only: it costs a tenth of a second

    if _FTFY_CONFIG is None:
        _FTFY_CONFIG = ftfy.TextFixerConfig(
            # Entities: none in the train part's 116 text dumps (aggregators-dev and
            # syndication-dev); in its 2,567 rendered pages, 14 hold some, all in code or
            # markup the page prints, where unescaping would change what is printed.
            unescape_html=False,
            remove_terminal_escapes=False,
            fix_encoding=True,
            restore_byte_a0=True,
            replace_lossy_sequences=False,  # never turn text into U+FFFD
            decode_inconsistent_utf8=True,
            fix_c1_controls=True,
            fix_latin_ligatures=False,
            fix_character_width=False,
            uncurl_quotes=False,
            fix_line_breaks=False,
            fix_surrogates=True,
            remove_control_chars=False,  # strip_invisible does this, per the SPEC
            normalization=None,  # nfc() runs on every line afterwards
            explain=False,
        )
    return ftfy.fix_text(text, _FTFY_CONFIG)


def strip_invisible(text: str) -> str:
    """Remove zero-width characters, soft hyphens, direction marks and control characters.

    >>> strip_invisible("co\u00adop\u200beration")
    'cooperation'
    """
    return _INVISIBLE.sub("", text)


def has_invisible(text: str) -> bool:
    """Whether the text holds a character :func:`strip_invisible` removes.

    >>> has_invisible("co\u00adop"), has_invisible("coop")
    (True, False)
    """
    return _INVISIBLE.search(text) is not None


def collapse_spaces(text: str) -> str:
    """Turn NBSPs and other spaces into one plain space, per run, and strip the ends.

    >>> collapse_spaces("  a\u00a0\u00a0 b  "), collapse_spaces("one\u2028two")
    ('a b', 'one two')
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
        return _normalize_wide(text)
    if not text.isprintable():
        text = strip_invisible(text)
    return collapse_spaces(text)


def normalize_printable_line(text: str) -> str:
    """:func:`normalize_line` for a line of a text that holds no ASCII control character
    (:func:`has_line_controls`): an ASCII line is not tested character by character."""
    if not text.isascii():
        return _normalize_wide(text)
    return collapse_spaces(text)


def _normalize_wide(text: str) -> str:
    text = nfc(text)
    # Most lines: neither substitution changes it. Every character of the two is unprintable,
    # and ``isprintable`` looks each character up once, where the pattern tests its set's
    # twenty-odd members and ranges one after another on each.
    if text.isprintable() or not _INVISIBLE_OR_ODD.search(text):
        if "  " in text:
            text = _SPACE_RUNS.sub(" ", text)
        return text.strip()
    return collapse_spaces(strip_invisible(text))


#: The ASCII characters that are not printable (``str.isprintable``) but the tab and line
#: breaks, which a text dump's lines never hold (text_blocks splits at line breaks and
#: expands tabs): C0 controls and DEL.
_LINE_CONTROLS = "".join(map(chr, [*range(9), 11, 12, *range(14, 32), 127]))


def has_line_controls(text: str) -> bool:
    r"""Whether a text holds an ASCII control character other than a tab or a line break:
    one search for each over the whole page (for one character, a ``memchr`` scan), where
    ``isprintable`` on each line looks up each character's Unicode category.

    >>> has_line_controls("a\tb\r\nc"), has_line_controls("a\x0cb")
    (False, True)
    """
    return any(map(text.__contains__, _LINE_CONTROLS))


#: :data:`_LINE_CONTROLS` as bytes values (a UTF-8 encoding holds each as that byte alone:
#: the bytes of a character outside ASCII are all 0x80 or above).
_LINE_CONTROL_BYTES = tuple(map(ord, _LINE_CONTROLS))


def has_line_control_bytes(utf8: bytes) -> bool:
    r""":func:`has_line_controls` of a text, asked of its UTF-8 encoding: one ``memchr`` scan
    of the bytes for each character, where a text outside Latin-1 is scanned character by
    character for NUL (``memchr`` cannot look for a zero byte among two-byte characters).

    >>> has_line_control_bytes("a\tb ’".encode()), has_line_control_bytes("a\x00b ’".encode())
    (False, True)
    """
    return any(map(utf8.__contains__, _LINE_CONTROL_BYTES))
