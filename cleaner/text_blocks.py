"""A plain-text dump → blocks: hard-wrapped lines joined back into their paragraphs.

A dump copied from a page or a text browser may be hard-wrapped (each paragraph spread over
lines of about the same width, no blank line between paragraphs) or not (one paragraph a
line). Within a run of non-blank lines, a line ends its paragraph when the next line's first
word would have fitted on it: the writer would have put it there had the paragraph gone on.
The width is taken from the run itself, since print columns differ in width.
"""

from __future__ import annotations

import dataclasses
import inspect
import itertools
import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from functools import cache
from typing import cast

from .blocks import Block, Page, PageMeta
from .code_hash import UNREADABLE, compiled_module, followed_hash
from .compiled_follows import TEXT_BLOCKS
from .lexicon import (
    AGENCIES,
    BYLINE_OPENERS,
    CLOSING_MARKS,
    CONJUNCTIONS,
    MONTH_WORDS,
    OPENING_MARKS,
    SENTENCE_END_MARKS,
    ends_sentence,
)
from .normalize import (
    has_invisible,
    has_line_control_bytes,
    has_line_controls,
    normalize_line,
    normalize_printable_line,
    repair_mojibake,
    strip_invisible,
)

#: Lines wider than this are never treated as hard-wrapped.
MAX_WRAP_WIDTH = 110
#: Lines wrapped narrower than this are not taken for a wrapped column.
_MIN_WRAP_WIDTH = 40
#: Korean lines measured in columns (:func:`_columns`, :func:`_double_len`) wrapped narrower
#: than this are not taken for a wrapped column: a Korean line ends at a word, and a story
#: textwrap-wrapped at 20 characters may fill 19 of them (38: its 118 characters were lost at
#: 40); at 36, a notice of HankookIlbo's html2text dump, one sentence broken over three lines
#: of 36, 34 and 12 counted two each, was joined too (at 38, one of two lines: no training
#: sequence moves).
_MIN_WORD_WIDTH = 38
#: The columns within which a second line of a Korean run must come to its widest line for it
#: to show a width (one wide character, 2, in Chinese and Japanese): a Korean line ends at a
#: word. Of 224 two-paragraph stories made of the train part's Korean story paragraphs,
#: wrapped at 20 to 38 characters or twice as many display columns, 186 came back whole at 2,
#: 202 at 4 to 10 (the others wrapped at 68 and 76 columns, counted in characters).
_WORD_FILL = 4
#: A wrapped run's lines that come this near its longest line (a share of its width) fill it.
_FULL_SHARE = 0.8

#: A list item's bullet: a glyph ('--' is the typewriter's, in wire and press-release text
#: dumps, before an item's text: alone on its line it is a separator) or '+' (a nested list's
#: in text renderings) or a number, with text after it (a number alone on its line, '8.', is
#: the end of a wrapped sentence, '… on Nov.' / '8.', never an item of its own).
_BULLET = re.compile(r"^\s*(?:--(?=\s+\S)|[-*+•·▪‣◦●]|(\d{1,3}[.)])(?=\s+\S))(?:\s+|$)")
_BULLET_GLYPHS = frozenset("*+•·▪‣◦●-")
#: An agency's sign-off on a line of its own ('- Bernama', '-- AP'): the dash is the credit
#: line's, as wire copy prints it under the story, not a list bullet (wire.credit-line reads
#: it; the aggregator labels' convention keeps the dash in the credit).
_SIGNOFF = re.compile(rf"\s*--?\s*(?:{'|'.join(map(re.escape, AGENCIES))})\.?\s*")


def text_to_page(text: str, meta: PageMeta | None = None, *, utf8: bytes | None = None) -> Page:
    """Split a plain-text dump into paragraph blocks (mojibake repaired first). ``utf8``: the
    text's UTF-8 encoding when the caller has it (:attr:`cleaner.decode.Decoded.utf8`), which
    spares encoding the text again to look for mojibake and control characters."""
    repaired = repair_mojibake(text, utf8)
    if repaired != text:
        utf8 = None  # the bytes are the garbled text's
    text = repaired
    controls = has_line_controls(text) if utf8 is None else has_line_control_bytes(utf8)
    normalize = normalize_line if controls else normalize_printable_line
    split = _compiled() or python_blocks
    return Page(tuple(split(text, normalize)), meta or PageMeta(), "text")


def python_blocks(text: str, normalize: Callable[[str], str]) -> list[Block]:
    """The blocks of a dump (its mojibake repaired), each paragraph's text, and its pieces, by
    ``normalize``. The compiled module (``_ctext.c``) gives the same blocks where the package
    was built with it (``tests/test_ctext.py``): this function is what a block is."""
    runs, numbers = _runs(text)
    listed = _listed_numbers(runs)
    layouts = _layouts(runs, listed, _BY_LEN)
    if has_invisible(text):
        # Invisible characters (a NUL, a soft hyphen, a zero-width space) are counted by one
        # wrapper ('textwrap' counts a soft hyphen) and not by another (one inserted after
        # wrapping): a line fits its column if it fits counted either way, and a paragraph
        # ends only where both ways end it (the seed page with one inserted every 37
        # characters: 20 of 186 bodies changed, counting them only; soft-hyphenated German
        # wrapped by textwrap lost its title, not counting them).
        seen = _layouts(runs, listed, _BY_SEEN)
        layouts = [
            (lines, [a and b for a, b in zip(breaks, other, strict=True)])
            for (lines, breaks), (_, other) in zip(layouts, seen, strict=True)
        ]
    if not text.isascii():
        layouts = _column_layouts(runs, listed, layouts)
    # Where paragraphs are not separated by blank lines (runs hold many of them), a line that
    # ends a sentence and fills the column is as likely to end its paragraph as not; the next
    # line starting a new sentence then decides it. Where blank lines separate paragraphs,
    # a run is one paragraph and that cue would only split it.
    dense = sum(sum(breaks) for _, breaks in layouts) > len(runs)
    blocks: list[Block] = []
    for (lines, breaks), run_numbers in zip(layouts, numbers, strict=True):
        at = 0  # (the paragraph's first line in the run)
        if dense:
            breaks = [
                (brk and not _byline_word(cur)) or (ends_sentence(cur) and _starts_sentence(nxt))
                for brk, cur, nxt in zip(breaks, lines, lines[1:], strict=False)
            ]
        for paragraph, pieces, count in _assemble(lines, breaks):
            span = (run_numbers[at], run_numbers[at + count - 1] + 1)
            at += count
            bullet = _bullet(paragraph)
            if bullet and not bullet.group(1):
                paragraph = paragraph[bullet.end() :]  # a bullet glyph is not text; a number is
                pieces = ()
            line = normalize(paragraph)
            if line:
                parts = tuple(p for p in map(normalize, pieces) if p)
                if " ".join(parts) != line:
                    parts = ()
                blocks.append(Block(line, "list" if bullet else "para", parts, span))
    return blocks


@dataclasses.dataclass(frozen=True)
class _Measure:
    """How a run's lines are measured: ``size``, a line's length. ``columns``: a measure of a
    narrow column of wide characters (:func:`_column_layouts`), where the widest line alone
    shows no width (:func:`_wrap_width`) and the next line's first word is one wide character
    (:func:`_column_word`), after a space ``space`` columns wide where one is put. ``words``:
    such a column of Korean, whose lines end at a word (:func:`_wrap_width`: ``_WORD_FILL``,
    ``_MIN_WORD_WIDTH``; :func:`_widths`: no page width)."""

    size: Callable[[str], int]
    columns: bool = False
    space: int = 1
    words: bool = False


def _layouts(
    runs: list[list[str]], listed: frozenset[int], measure: _Measure
) -> list[tuple[list[str], list[bool]]]:
    """Each run's :func:`_layout`, its lines measured by ``measure``."""
    return [
        _layout(run, width, listed, measure)
        for run, width in zip(runs, _widths(runs, measure), strict=True)
    ]


def _widths(runs: list[list[str]], measure: _Measure, paired: bool = False) -> list[int | None]:
    """Each run's wrap width, measured by ``measure``: its own where it shows one, else the
    page's (where ``paired``, only to a run of two lines: a paragraph wrapped once, which
    cannot show a width of its own; where Korean's too, ``measure.words``, to none: see
    :func:`_wrap_width`)."""
    widths = [_wrap_width(run, measure) for run in runs]
    if paired and measure.words:
        # Korean form lines of two, given the page's width (that of HankookIlbo's html2text
        # dump's one run measured), were joined: a notice's two sentences, a note '(최대 5개)'
        # to its line, a prompt (3 of its runs moved, where 1 does now)
        return widths
    # from the runs that show one; else from the paragraphs' wrapped lines together
    page_width = max((w for w in widths if w), default=None) or _wrap_width(
        _wrapped_lines(runs, measure), measure
    )
    if paired:
        return [
            width or (page_width if len(run) == 2 else None)
            for width, run in zip(widths, runs, strict=True)
        ]
    return [width or page_width for width in widths]


def _column_layouts(
    runs: list[list[str]], listed: frozenset[int], layouts: list[tuple[list[str], list[bool]]]
) -> list[tuple[list[str], list[bool]]]:
    """The layouts, where a run of Chinese, Japanese or Korean shows no width counted in
    characters laid out as a narrow column of wide characters.

    A story wrapped at 20 or 30 characters a line is narrower than any column counted in
    characters (``_MIN_WRAP_WIDTH``): its lines stayed apart, and the body lost them (138
    characters of a Chinese story: 13 left at 20, none at 30; 118 of a Korean one: none at
    20, 4 at 24 and 30). A terminal's renderer wraps it in display columns, a wide character
    taking two (:func:`_columns`); another (textwrap) counts characters, at a width a terminal
    shows twice as wide (:func:`_double_len`): a line fits its column measured either way, and
    a paragraph ends only where both ways end it (where one finds a width). Only a run that
    shows no width counted in characters (neither its own nor the page's) and is mostly wide
    characters (:func:`_mostly_wide`) is measured so, its page width taken from such runs of
    its script alone and given to a run of two lines only (to none in Korean): laying out
    every run holding a wide character in columns as well moved 19 of the 1,675 training
    pages' features (unwrap25), mostly losses (related headlines of one width joined; Korean
    form lines joined; a copyright line joined to its company's name); these runs with the
    page's width given to any of them, 7 (a question under a qq story joined to its answer
    buttons, a run of 11 lines), and 0 now. Korean puts spaces between words: its next line's
    first word is a whole word (:func:`_column_word`), and its column is measured as
    :func:`_wrap_width` says of a measure of ``words`` (``_BY_WORD_COLUMNS``,
    ``_BY_WORD_DOUBLE``)."""
    widths = _widths(runs, _BY_LEN)
    scripts = [_mostly_wide(run) if widths[i] is None else 0 for i, run in enumerate(runs)]
    if not any(scripts):
        return layouts
    layouts = list(layouts)
    for script in (_WIDE_SCRIPT, _HANGUL):
        wide = [i for i, each in enumerate(scripts) if each == script]
        if not wide:
            continue
        chosen = [runs[i] for i in wide]
        in_columns, in_double = _COLUMN_MEASURES[script]
        by_columns = _widths(chosen, in_columns, paired=True)
        by_chars = _widths(chosen, in_double, paired=True)
        for i, columns, chars in zip(wide, by_columns, by_chars, strict=True):
            if columns and chars:
                lines, breaks = _layout(runs[i], columns, listed, in_columns)
                _, other = _layout(runs[i], chars, listed, in_double)
                layouts[i] = (lines, [a and b for a, b in zip(breaks, other, strict=True)])
            elif columns or chars:
                layouts[i] = _layout(
                    runs[i], columns or chars, listed, in_columns if columns else in_double
                )
    return layouts


#: The share of a run's characters (spaces aside) that are Chinese or Japanese (:func:`_wide`)
#: above which it is measured in display columns where characters show no width. Of the train
#: part's runs that hold one and show no width counted in characters, 149 are under 0.3 (Latin
#: text with a wide quote or symbol), 11 from 0.3 to 0.5, 400 at 0.5 or over (213 at 0.9); a
#: Japanese sentence that names Wi-Fi twice and VPN is 0.82.
_WIDE_SHARE = 0.5


#: :func:`_mostly_wide`'s answers: a run mostly of Chinese or Japanese, or of Korean.
_WIDE_SCRIPT, _HANGUL = 1, 2


def _mostly_wide(lines: list[str]) -> int:
    """Whether more than ``_WIDE_SHARE`` of the lines' characters, spaces aside, are wide:
    ``_WIDE_SCRIPT`` where Chinese or Japanese ones are (:func:`_wide`), else ``_HANGUL``
    where they are with Hangul counted (east-asian W/F: Korean), else 0. None is below
    U+1100."""
    chars = wide = hangul = 0
    # each distinct character classed once (a Chinese run repeats its characters: classing
    # each one, two unicodedata lookups, was 8 of xinhuanet's 15 million instructions)
    for char, count in Counter("".join(lines)).items():
        if char.isspace():
            continue
        chars += count
        if char >= "\u1100":
            script = _script_of(char)
            if script == _HANGUL:
                hangul += count
            elif script:
                wide += count
    if wide > _WIDE_SHARE * chars:
        return _WIDE_SCRIPT
    return _HANGUL if wide + hangul > _WIDE_SHARE * chars else 0


@cache
def _script_of(char: str) -> int:
    """Of one character: 0 where it is not east-asian wide or full-width (W/F), else
    ``_HANGUL`` for Hangul, ``_WIDE_SCRIPT`` for any other (Chinese, Japanese, their
    punctuation). Cached: a page of wide text asks it of the same characters again and again."""
    if unicodedata.east_asian_width(char) not in ("W", "F"):
        return 0
    return _HANGUL if unicodedata.name(char, "").startswith("HANGUL") else _WIDE_SCRIPT


def _columns(text: str) -> int:
    """The display columns of a text: an east-asian wide or full-width character (Chinese,
    Japanese, Korean, their punctuation; none is below U+1100) takes two."""
    return len(text) + sum(1 for char in text if char >= "\u1100" and _script_of(char))


def _double_len(text: str) -> int:
    """The text's characters counted two columns each, its indentation one: a width counted in
    characters as wide as the display columns of wide characters (:func:`_columns`;
    _MIN_WRAP_WIDTH, 40, is 20 characters)."""
    return 2 * len(text) - _indent(text)


def _visible_len(text: str) -> int:
    """The number of the text's characters that are not invisible (:func:`strip_invisible`'s)."""
    return len(strip_invisible(text))


#: The measures of a run's lines: characters (a width counted in characters, as most wrappers
#: count), characters invisible ones aside (:func:`python_blocks`), and for a narrow column of
#: wide characters display columns and characters counted two each (:func:`_column_layouts`),
#: of Chinese or Japanese, or of Korean (``words``).
_BY_LEN = _Measure(len)
_BY_SEEN = _Measure(_visible_len)
_BY_COLUMNS = _Measure(_columns, columns=True)
_BY_DOUBLE = _Measure(_double_len, columns=True, space=2)
_BY_WORD_COLUMNS = _Measure(_columns, columns=True, words=True)
_BY_WORD_DOUBLE = _Measure(_double_len, columns=True, space=2, words=True)
#: A narrow column's two measures (display columns, characters counted two each) by the
#: script :func:`_mostly_wide` finds.
_COLUMN_MEASURES = {
    _WIDE_SCRIPT: (_BY_COLUMNS, _BY_DOUBLE),
    _HANGUL: (_BY_WORD_COLUMNS, _BY_WORD_DOUBLE),
}


#: The line and paragraph separators (U+2028, U+2029), as Unicode means them: a line ends at
#: either, a paragraph at the second as at a blank line. A word processor's or a page's script's
#: copy may part its lines or paragraphs by them alone (no line feed); they are no line of the
#: input's lines as counted (``Block.lines``: ``text.split("\n")``). The HTML path parts its own
#: lines by U+2029 (``html.tree.BREAK``) and never hands a text here.
_LINE_SEPARATOR, _PARAGRAPH_SEPARATOR = "\u2028", "\u2029"


def _runs(text: str) -> tuple[list[list[str]], list[list[int]]]:
    """Runs of consecutive non-blank lines, tabs expanded, right ends stripped (indentation
    kept: a wrapped column is measured from the page's left edge, so that a hanging indent's
    shorter lines are seen to fill it); and the index in the input of each run's lines (a line
    feed, a carriage return or both end an input line; a line or paragraph separator ends a
    line within it, the second a run too: :data:`_PARAGRAPH_SEPARATOR`)."""
    runs: list[list[str]] = [[]]
    numbers: list[list[int]] = [[]]
    separated = not text.isascii() and (_LINE_SEPARATOR in text or _PARAGRAPH_SEPARATOR in text)
    for number, raw in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n")):
        pieces = (
            raw.replace(_PARAGRAPH_SEPARATOR, 2 * _LINE_SEPARATOR).split(_LINE_SEPARATOR)
            if separated
            else (raw,)
        )
        for piece in pieces:
            line = piece.expandtabs(4).rstrip() if "\t" in piece else piece.rstrip()
            if line:
                runs[-1].append(line)
                numbers[-1].append(number)
            elif runs[-1]:
                runs.append([])
                numbers.append([])
    if not runs[-1]:
        runs.pop()
        numbers.pop()
    return runs, numbers


def _wrap_width(lines: list[str], measure: _Measure) -> int | None:
    """The width a run of lines is wrapped at, when it shows one: several of its lines (those
    short enough to be wrapped at all) come near the longest of them (lengths by ``measure``;
    ``measure.words``: Korean measured in columns, whose lines end at a word: ``_WORD_FILL``,
    ``_MIN_WORD_WIDTH``)."""
    if len(lines) < 2:
        return None  # one line shows no width
    size, words = measure.size, measure.words
    wrappable = [line for line in lines if size(line) <= MAX_WRAP_WIDTH]
    width = max(map(size, wrappable), default=0)
    full = sum(1 for line in wrappable if size(line) >= _FULL_SHARE * width)
    # the indent aside
    text_width = max((size(line) - _indent(line) for line in wrappable), default=0)
    if (
        measure.columns
        and sum(1 for line in wrappable if size(line) >= width - (_WORD_FILL if words else 2)) < 2
    ):
        # A line fits where the next line's first word, one wide character (two columns),
        # would not: the widest line alone is no column's (five related headlines under a
        # qq story, two near one width, joined the widest to the next); a wrapped column's
        # lines fill it to a character.
        return None
    if words and (width >= 2 * _MIN_WRAP_WIDTH or not any(map(ends_sentence, lines))):
        # A Korean column this wide holds 40 characters, the count in characters' to find
        # (HankookIlbo's headline printed twice, 92 counted two each, over a paragraph of 83
        # characters, was joined to the next line); lines of which none ends a sentence are a
        # list (HankookIlbo's summaries under its headlines, three and four lines of 16 to 21
        # characters, were joined: 3 of the 1,675 training sequences moved).
        return None
    least = _MIN_WORD_WIDTH if words else _MIN_WRAP_WIDTH
    return width if text_width >= least and full >= 2 else None


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _wrapped_lines(runs: list[list[str]], measure: _Measure) -> list[str]:
    """The lines of runs of two lines whose first does not end a sentence and whose second,
    shorter, does: a paragraph hard-wrapped once, where blank lines part paragraphs. One
    such run shows no width; several, their first lines near one width, show the page's."""
    size = measure.size
    return [
        first
        for run in runs
        if len(run) == 2
        for first, last in [run]
        if size(last) < size(first) and not ends_sentence(first) and ends_sentence(last)
    ]


def _listed_numbers(runs: list[list[str]]) -> frozenset[int]:
    """The numbers of the page's numbered lines ('1.', '2)') that come in a sequence: a line
    numbered 2 where one is numbered 1 or 3. A number alone is no list: '… on Aug.' wrapped
    before '1. The threat …' continues its sentence."""
    numbers = set()
    for run in runs:
        for line in run:
            bullet = _bullet(line)
            if bullet and bullet.group(1):
                numbers.add(int(bullet.group(1)[:-1]))
    return frozenset(n for n in numbers if n - 1 in numbers or n + 1 in numbers)


def _layout(
    lines: list[str],
    width: int | None,
    listed: frozenset[int],
    measure: _Measure,
) -> tuple[list[str], list[bool]]:
    """A run's lines stripped of their indentation, and for each pair of neighbours whether
    a paragraph ends between them.

    Overlong lines are paragraphs printed whole. The others are unwrapped at the run's own
    width when it shows one, else at the page's (both measured with the indentation); with
    neither, only a line that plainly runs on (no end punctuation, the next line in lower
    case) is joined. A numbered line continues a wrapped line unless its number is one of
    ``listed``, the page's numbered lists. Lengths are measured by ``measure``.
    """
    stripped = [line.lstrip() for line in lines]
    if len(lines) < 2:
        return stripped, []
    if width is None:
        breaks = [
            not (_runs_on(cur.lstrip(), nxt.lstrip()) and _same_column(cur, nxt))
            for cur, nxt in itertools.pairwise(lines)
        ]
    else:
        size = measure.size
        breaks = [
            not (
                size(cur) <= MAX_WRAP_WIDTH >= size(nxt)
                and _wrapped(cur, nxt, width, listed, measure)
                and _same_column(cur, nxt)
            )
            for cur, nxt in itertools.pairwise(lines)
        ]
    return stripped, [
        brk and not _byline_word(cur) for brk, cur in zip(breaks, stripped, strict=False)
    ]


def _byline_word(line: str) -> bool:
    """A byline word printed alone on its line ('By'): it belongs with the name below."""
    if len(line) > _LONGEST_BYLINE_WORD and not line.endswith(":"):
        # Lower-casing never shortens a text nor ends it with a colon: most lines are
        # longer than any byline word and are told so without being lower-cased.
        return False
    return line.lower().rstrip(":") in _BYLINE_WORDS


_MONTHS = frozenset(MONTH_WORDS)
#: 'And' and 'or' of every language: a line opening with one continues no broken word.
_CONJUNCTIONS = frozenset(word for words in CONJUNCTIONS.values() for word in words)
#: Byline words that may stand alone on their line.
_BYLINE_WORDS = frozenset(BYLINE_OPENERS)
_LONGEST_BYLINE_WORD = max(map(len, _BYLINE_WORDS))


def _assemble(lines: list[str], breaks: list[bool]) -> list[tuple[str, tuple[str, ...], int]]:
    """Paragraphs, each with its pieces where a joined line ended a sentence and the next
    began one (a possible paragraph boundary the layout could not confirm), and the number
    of lines it was made of."""
    paragraphs: list[tuple[str, tuple[str, ...], int]] = []
    pieces = [lines[0]]
    count = 1
    for prev, nxt, brk in zip(lines, lines[1:], breaks, strict=False):
        if brk:
            paragraphs.append(_paragraph(pieces, count))
            pieces, count = [nxt], 1
            continue
        count += 1
        if ends_sentence(prev) and _starts_sentence(nxt):
            pieces.append(nxt)
        else:
            pieces[-1] = _join(pieces[-1], nxt)
    paragraphs.append(_paragraph(pieces, count))
    return paragraphs


def _paragraph(pieces: list[str], count: int) -> tuple[str, tuple[str, ...], int]:
    return " ".join(pieces), (tuple(pieces) if len(pieces) > 1 else ()), count


def _wrapped(line: str, nxt: str, width: int, listed: frozenset[int], measure: _Measure) -> bool:
    """Whether ``nxt`` continues ``line``'s paragraph in a run wrapped at ``width`` (a line
    numbered as no list of the page is numbered may: ``listed``; lengths by ``measure``)."""
    bullet = _bullet(nxt)
    if bullet and not _continues(nxt, bullet, listed):
        return False
    first_word = nxt.split(maxsplit=1)[0]
    size = measure.size
    if measure.columns:
        return size(line) + _column_word(line, first_word, measure) > width
    return size(line) + 1 + size(first_word) > width


def _column_word(line: str, word: str, measure: _Measure) -> int:
    """The columns (by ``measure``) the next line's first word would take at the end of ``line``,
    the space before it included. Chinese and Japanese put no space between words, and a renderer
    breaks a line before any of their characters: the first word is one wide character, with
    no space before it after a wide one (as :func:`_join` joins them), or what comes before the
    first (the whole line counted as one word joined every line to the next)."""
    cut = next((i for i, char in enumerate(word) if _wide(char)), len(word))
    first = word[: cut or 1]
    return (not (_wide(line[-1]) and _wide(first[0]))) * measure.space + measure.size(first)


def _continues(line: str, bullet: re.Match[str], listed: frozenset[int]) -> bool:
    """Whether a line that opens with a bullet may still continue a wrapped sentence: it opens
    with a number no list of the page has ('… on Aug.' '1. The threat …'), and no day of a
    month ('29. September 2024': a date line)."""
    number = bullet.group(1)
    if not number or int(number[:-1]) in listed:
        return False
    return not _month_first(line[bullet.end() :])


def _month_first(text: str) -> bool:
    """Whether ``text``'s first word, a dot or comma after it aside, names a month."""
    after = text.split(maxsplit=1)
    return bool(after) and after[0].rstrip(".,").lower() in _MONTHS


def _same_column(line: str, nxt: str) -> bool:
    """Whether ``nxt`` starts where a wrapped continuation of ``line`` would: under its first
    character, or under its text when ``line`` is a list item (a hanging indent). A line
    indented otherwise starts another block (a menu nested deeper, a heading set apart); one
    column apart is the same column (a stored copy's first line ' date 2025-03-28 BANGKOK —
    …' starts one space in, renderings nest by two columns or more)."""
    indent = len(nxt) - len(nxt.lstrip())
    if abs(indent - (len(line) - len(line.lstrip()))) <= 1:
        return True
    bullet = _bullet(line)
    return bullet is not None and indent == bullet.end()


def _runs_on(line: str, nxt: str) -> bool:
    return not _bullet(nxt) and line[-1:].isalpha() and nxt[:1].islower()


#: No agency's sign-off line is longer (the longest name, 'The Associated Press', and dashes).
_SIGNOFF_CHARS = 32


def _bullet(text: str) -> re.Match[str] | None:
    """A list item's bullet or number at the start of a line; the pattern runs only when the
    first character could start one (most lines do not)."""
    first = text[:1]
    if first in _BULLET_GLYPHS or first.isdigit() or first.isspace():
        bullet = _BULLET.match(text)
        if bullet and first in "- " and len(text) <= _SIGNOFF_CHARS and _SIGNOFF.fullmatch(text):
            return None
        return bullet
    return None


def _starts_sentence(line: str) -> bool:
    return line.lstrip(OPENING_MARKS)[:1].isupper()


def _join(left: str, right: str) -> str:
    """Join two wrapped lines; a word broken at a hyphen stays joined with its hyphen (unless
    the next line opens with 'and' or 'or': 'Ein-' 'und Ausfuhr' is 'Ein- und Ausfuhr'), and
    lines of Chinese or Japanese, written without spaces, join without one."""
    if (
        left.endswith("-")
        and len(left) > 1
        and left[-2].isalpha()
        and right[:1].isalpha()
        and not _conjunction_first(right)
    ):
        return left + right
    if _wide(left[-1:]) and _wide(right[:1]):
        return left + right
    return f"{left} {right}"


def _conjunction_first(text: str) -> bool:
    """Whether ``text`` opens with 'and' or 'or' in one of the lexicon's languages."""
    return text.split(" ", 1)[0].lower() in _CONJUNCTIONS


def _wide(char: str) -> bool:
    """A full-width character of a script written without spaces (Chinese, Japanese, their
    punctuation); Korean puts spaces between words, so a wrapped line of it ends at one."""
    return bool(char) and not char.isascii() and _script_of(char) == _WIDE_SCRIPT


def source_hash() -> str | None:
    """The hash of this module's code and of the functions of other modules it computes too,
    with the patterns those use (:data:`cleaner.compiled_follows.TEXT_BLOCKS`, hashed now):
    the compiled module names the one it follows (``SOURCE_HASH`` in ``_ctext.c``). None when
    a source cannot be read."""
    try:
        return followed_hash(TEXT_BLOCKS)
    except UNREADABLE:
        return None


#: The environment variable that asks for the Python blocks even where the compiled module
#: is built (``CLEANER_PURE_TEXT=1``).
PURE_SWITCH = "CLEANER_PURE_TEXT"


@cache
def _compiled() -> Callable[[str, Callable[[str], str]], list[Block]] | None:
    """The compiled module's ``blocks``, handed this module's constants and helpers once; None
    where the package was built without it (no C compiler), where this module's code is not
    the one the compiled module follows (an edit here is never silently left out: the Python
    runs until ``_ctext.c`` is brought level and its ``SOURCE_HASH`` set; see
    ``tests/test_ctext.py``), or where ``CLEANER_PURE_TEXT=1`` asks for the Python."""
    compiled = compiled_module(f"{__package__}._ctext", "SOURCE_HASH", TEXT_BLOCKS, PURE_SWITCH)
    if compiled is None:
        return None
    compiled.configure(_configuration())
    return cast(Callable[[str, Callable[[str], str]], list[Block]], compiled.blocks)


def _plain_block_fields() -> tuple[str, ...] | None:
    """A Block's fields in their order, when its ``__init__`` does nothing but set them (a
    dataclass's in Python, no ``__post_init__``): the compiled module then sets them itself, as
    that ``__init__`` does (``object.__setattr__``). None otherwise (a class compiled by mypyc
    too): it calls ``Block``."""
    names = tuple(field.name for field in dataclasses.fields(Block))
    if len(names) != 4 or hasattr(Block, "__post_init__") or not inspect.isfunction(Block.__init__):
        return None
    return names


def _configuration() -> dict[str, object]:
    """What the compiled module is handed: this module's constants and the helpers it asks."""
    return {
        "block": Block,
        "signoff": _SIGNOFF.fullmatch,
        "byline_word": _byline_word,
        "month_first": _month_first,
        "conjunction_first": _conjunction_first,
        "wide": _wide,
        "mostly_wide": _mostly_wide,
        "columns": _columns,
        "by_columns": _BY_COLUMNS,
        "by_double": _BY_DOUBLE,
        "by_word_columns": _BY_WORD_COLUMNS,
        "by_word_double": _BY_WORD_DOUBLE,
        "column_word": _column_word,
        "wide_share": _WIDE_SHARE,
        "max_wrap": MAX_WRAP_WIDTH,
        "min_wrap": _MIN_WRAP_WIDTH,
        "min_word_width": _MIN_WORD_WIDTH,
        "word_fill": _WORD_FILL,
        "wide_script": _WIDE_SCRIPT,
        "hangul": _HANGUL,
        "full_share": _FULL_SHARE,
        "signoff_chars": _SIGNOFF_CHARS,
        "longest_byline": _LONGEST_BYLINE_WORD,
        "glyphs": "".join(sorted(_BULLET_GLYPHS)),
        "closing": CLOSING_MARKS,
        "ends": SENTENCE_END_MARKS,
        "opening": OPENING_MARKS,
        "normalize_line": normalize_line,
        "normalize_printable_line": normalize_printable_line,
        "plain_block_fields": _plain_block_fields(),
    }
