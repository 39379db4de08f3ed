"""Input bytes or str → text, and whether it is HTML or a plain-text dump. Nothing else."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from typing import Literal

from .errors import InputError

Kind = Literal["html", "text"]

#: Inputs larger than this are refused rather than parsed (a page is rarely over 5 MB).
MAX_INPUT_BYTES = 64 * 1024 * 1024

_BINARY_SIGNATURES = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or an office document)"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"RIFF", "a RIFF media file"),
)
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
#: A page starts like markup: after an XML declaration and comments, a doctype or one of the
#: elements a page opens with (a script, a style sheet or a link before ``<html>`` too: an
#: HTML page that opens with a long script has few tags in its first 4 KB and was read as a
#: text dump: one tuning page, two validation pages of the HTML corpora).
_HTML_START = re.compile(
    r"\A\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|"
    r"title|div|article|p|section|main|script|style|link|base|noscript)\b",
    re.IGNORECASE | re.DOTALL,
)
_HTML_TAGS = re.compile(
    r"</?(?:p|div|span|a|br|html|body|article|section|h[1-6]|li|ul|img)\b[^>]*>", re.I
)


@dataclass(frozen=True, slots=True)
class Decoded:
    """Decoded input: its text, the encoding that read it, and its kind."""

    text: str
    encoding: str
    kind: Kind
    #: The input's bytes when they are the text's UTF-8 encoding as they stand (UTF-8 read
    #: without a byte-order mark, nothing replaced), else None: the text path looks for
    #: mojibake and control characters in them instead of encoding the text again.
    utf8: bytes | None = None


def decode(data: bytes | str, *, kind: Kind | None = None, name: str | None = None) -> Decoded:
    """Decode ``data`` and tell HTML from text (unless ``kind`` forces it).

    Never raises UnicodeDecodeError: undecodable bytes are replaced. Raises
    :class:`InputError` for binary files (PDF, images, archives) and oversized inputs.

    >>> decode("<p>Hi</p>").kind
    'html'
    >>> decode(b"\\xef\\xbb\\xbfPlain words").text
    'Plain words'
    """
    utf8 = None
    if isinstance(data, str):
        text, encoding = data, "str"
    else:
        if len(data) > MAX_INPUT_BYTES:
            raise InputError(
                f"input is {len(data) // 2**20} MB, over the {MAX_INPUT_BYTES // 2**20} MB limit",
                name,
            )
        wide = _refuse_binary(data, name)
        text, encoding, whole = _decode_bytes(data, wide)
        utf8 = data if whole else None
    if text.startswith("\ufeff"):
        text, utf8 = text[1:], None
    head = text[:4096]
    # (a text decoded whole from UTF-8 holds a NUL only where its bytes do: their memchr
    # first, some 15 thousand instructions a seed document less than the look in a head
    # of two-byte characters for a character whose low byte is zero)
    nul = b"\x00" in utf8 if utf8 is not None else True
    if nul and "\x00" in head and head.count("\x00") > len(head) // 10:
        # as _refuse_binary counts NUL bytes: a stray NUL or two in a page (the text steps
        # drop it) do not make it a binary, wherever they are
        raise InputError("input looks binary (NUL characters), not a page", name)
    return Decoded(text, encoding, kind or sniff_kind(text), utf8)


def sniff_kind(text: str) -> Kind:
    """``"html"`` when the text starts like markup or is dense with tags, else ``"text"``."""
    head = text[:4096]
    if _HTML_START.match(head):
        return "html"
    tags = len(_HTML_TAGS.findall(head)) if "<" in head else 0
    return "html" if tags >= 3 and tags * 40 > len(head.strip()) * 0.1 else "text"


def _refuse_binary(data: bytes, name: str | None) -> str | None:
    """Raise :class:`InputError` for a binary file; else the UTF-16 encoding of a text saved
    without a byte-order mark, whose NULs are not a binary's (:func:`_utf16_without_bom`)."""
    head = data[:16]
    for signature, what in _BINARY_SIGNATURES:
        if head.startswith(signature):
            raise InputError(f"input is {what}, not a page", name)
    sample = data[:4096]
    if (
        not sample
        or b"\x00" not in sample  # (memchr: most pages hold none, and are not counted)
        or sample.count(b"\x00") <= len(sample) // 10
        or sample.startswith(tuple(bom for bom, _ in _BOMS))
    ):
        return None
    wide = _utf16_without_bom(data)
    if not wide:
        raise InputError("input looks binary (NUL bytes), not a page", name)
    return wide


def _utf16_without_bom(data: bytes) -> str | None:
    """``"utf-16-le"`` or ``"-be"`` for text saved as UTF-16 with no byte-order mark, else None:
    mostly Latin text, so one byte of each pair is NUL (at least 90 % of them: spaces, digits
    and Latin letters all have one), the other nearly never (at most 1 %), and the sample
    decodes cleanly. A binary file's NULs fall anywhere.

    >>> _utf16_without_bom("A page of words.".encode("utf-16-le"))
    'utf-16-le'
    >>> _utf16_without_bom(bytes(range(64))) is None  # NULs anywhere, controls
    True
    """
    sample = data[:4096]
    sample = sample[: len(sample) // 2 * 2]
    pairs = len(sample) // 2
    if pairs < 8:
        return None
    first, second = sample[0::2].count(0), sample[1::2].count(0)
    for nuls, others, encoding in ((second, first, "utf-16-le"), (first, second, "utf-16-be")):
        if nuls >= pairs * 0.9 and others <= pairs * 0.01:
            try:
                text = sample.decode(encoding)
            except UnicodeDecodeError:
                return None
            controls = sum(1 for c in text if c < " " and c not in "\t\n\r\f")
            return encoding if controls <= pairs * 0.01 else None
    return None


def _utf8(data: bytes) -> bool:
    """Whether the bytes are UTF-8 as a whole."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _decode_bytes(data: bytes, wide: str | None = None) -> tuple[str, str, bool]:
    """The text, the encoding that read it, and whether the bytes are the text's UTF-8
    encoding as they stand (read as UTF-8 whole, no byte-order mark, nothing replaced).
    ``wide``: the UTF-16 encoding :func:`_refuse_binary` found the bytes saved in."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, errors="replace"), encoding, False
    if wide:
        return data.decode(wide, errors="replace"), wide, False
    # (a declaration opens with '<': a text dump holds none, and is not searched case-blind)
    declared = _META_CHARSET.search(data, 0, 8192) if b"<" in data[:8192] else None
    if declared:
        encoding = declared.group(1).decode("ascii", "replace").lower()
        if encoding.startswith(("utf-16", "utf16", "utf-32", "utf32", "ucs-2", "ucs2")):
            # a declaration the regex read as ASCII is not in a wide encoding: HTML's
            # prescan takes such a page as UTF-8 (a page saved as UTF-8 that kept its
            # 'utf-16' meta was read as CJK, or failed: 'no story found')
            encoding = "utf-8"
        try:
            codec = codecs.lookup(encoding)
        except LookupError:
            pass
        else:
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                pass  # the page lies about its charset; detect instead
            else:
                if codec.name == "utf-8" or data.isascii() or not _utf8(data):
                    return text, encoding, False
                # another charset declared, and the bytes are UTF-8 with characters outside
                # ASCII: a page saved as UTF-8 that kept its old meta (its server's HTTP header,
                # which a browser would follow, said UTF-8). Text in a single-byte charset is
                # almost never valid UTF-8 as a whole; read as declared, every such character
                # was garbled ('fÃ¼r', 'â\x80\x99s'): in 2 of the 1,448 HTML pages of the six
                # dev corpora, title and body
    try:
        return data.decode("utf-8"), "utf-8", True
    except UnicodeDecodeError:
        pass
    import charset_normalizer  # here: most pages are UTF-8 or say their charset (its import: 82
    # million instructions, a twelfth of a one-page process)

    guesses = charset_normalizer.from_bytes(data[:200_000])
    best = guesses.best()
    encoding = best.encoding if best else "cp1252"
    score = (best.chaos, best.coherence) if best else None
    if any(g.encoding == "cp1252" and (g.chaos, g.coherence) == score for g in guesses):
        encoding = "cp1252"  # a tie among single-byte pages goes to the web's default
    return data.decode(encoding, errors="replace"), encoding, False
