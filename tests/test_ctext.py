"""The compiled text blocks (cleaner/_ctext.c) are the Python ones: the same blocks (text, kind,
pieces, input lines) for the seeds, the text fixtures, pages made to reach each branch, random
pages, and (where ``training/data`` is built) every dump the models are trained and validated
on, under both normalizations a page may be given."""

from __future__ import annotations

import os
import sys
import textwrap
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner import text_blocks
from cleaner.blocks import Block
from cleaner.html import tree
from cleaner.normalize import normalize_line, normalize_printable_line

from .conftest import SEED_PAPER, TEXT_PAGES
from .outcomes import require_extension
from .training_dumps import dump_texts, needs_training_data

NORMALIZATIONS = (normalize_line, normalize_printable_line)

compiled = text_blocks._compiled()
needs_compiled = pytest.mark.skipif(
    compiled is None, reason="the package was built without its C extension (or not for this code)"
)


def _same(text: str) -> None:
    assert compiled is not None
    for normalize in NORMALIZATIONS:
        assert compiled(text, normalize) == text_blocks.python_blocks(text, normalize)


def test_the_compiled_module_follows_this_text_blocks_py() -> None:
    """text_blocks.py's code (and the functions it names in ``_FOLLOWED``) is the one the
    compiled module was written to: when this fails, that code changed (the Python now runs
    everywhere): make ``_ctext.c`` give the same blocks (the tests below compare them), then
    set its ``SOURCE_HASH`` to the one printed and rebuild (``pip install -e .``)."""
    try:
        from cleaner import _ctext
    except ImportError:
        pytest.skip("the package was built without its C extension")
    assert text_blocks.source_hash() == _ctext.SOURCE_HASH


def test_the_compiled_module_is_loaded_where_it_was_built() -> None:
    """In CI (``CI`` set, a compiler at hand, the package installed in place) the extension
    must be there and run: a build that silently fell back would go untested."""
    require_extension("cleaner._ctext")
    if os.environ.get("CLEANER_PURE_TEXT") != "1":
        assert compiled is not None


@needs_compiled
@pytest.mark.parametrize("path", TEXT_PAGES, ids=lambda path: path.name)
def test_the_fixtures_blocks_are_the_python_ones(path: Path) -> None:
    _same(path.read_text(encoding="utf-8", errors="replace"))


#: Pages made to reach each branch: wrapped runs and single lines, bullets of each kind,
#: numbered lists and numbers that continue a sentence, a month after a number, sign-off
#: lines, byline words alone, hyphen breaks and conjunctions, wide characters, indents and
#: hanging indents, tabs, control characters, odd spaces and line breaks.
MADE = [
    "",
    "\n\n\n",
    "One line",
    "Title\r\n\r\nBy\nJane Doe\n\nA first paragraph that ends.\rA second one\r\n",
    (
        "The council met on Tuesday to discuss the budget for next year, and members said\n"
        "that the plan would be approved on Nov.\n"
        "8. The mayor said that the vote was close but that she expected it to pass by a\n"
        "wide margin. Critics disagreed.\n"
        "Another paragraph starts here and runs on for a while, as paragraphs in wire copy\n"
        "do.\n"
    ),
    "1. First item here\n2. Second item here\n3) Third item\n4.nope\n1234. too long\n",
    "29. September 2024\n12. march is a month\n7. Not a month\n",
    "- AP\n-- Bernama\n   - Reuters\n- a bullet item\n-- dashes then text\n--\n-x\n",
    "• one\n· two\n▪ three\n‣ four\n◦ five\n● six\n* seven\n+ eight\n*\n+x\n",
    "  indented line that goes on and on and on and on and on and on and on\n"
    "  and continues under it with more words and more words and more words\n"
    "      deeper indent\n"
    "- a list item whose text is long enough to wrap onto the next line of the\n"
    "  page, with a hanging indent under its text\n",
    "Ein- und Ausfuhr\nEin-\nund Ausfuhr\nwell-\nknown words\nself-\nOr else\n",
    "日本語の文章がここにあります。そして\n続きます。\n한국어 문장이\n이어집니다\n”quote\n“next",
    "tab\there\tand\tthere\n\t\tindented by tabs\nend\t\n",
    "controls \x01here\x7f and \x0c there\n\x1c\x1d\nnbsp\u00a0spaces\u2003and\u3000wide\n",
    "zero\u200bwidth soft\u00adhyphen\ufeff\n\u2028separator\u2029line\x85next\n",
    "Σ CAPITAL İstanbul\nBY\nBy:\nVon\nPor:\nby the way this is not a byline word\n",
    "“He left.”\n«Il est parti…»\n(Yes.)\nthen lower case\n¿Qué?\n¡Sí!\n",
    "٣. Arabic-Indic number item\n١٢) another\n",
    "  \n \t \n   x\n",
    "Head line\u2028Second line\u2029\r\nA paragraph\u2029\u2029\u2028 \u2029another\u2028\u2028"
    "after a blank one,\u2028running on\r\n\u2029\tlast\u2028",
]


@needs_compiled
@pytest.mark.parametrize("text", MADE)
def test_made_pages_blocks_are_the_python_ones(text: str) -> None:
    _same(text)


@needs_compiled
def test_a_non_plain_block_class_is_called() -> None:
    """Where a Block's ``__init__`` would do more than set its fields, the module calls it."""
    from cleaner import _ctext

    try:
        _ctext.configure({**text_blocks._configuration(), "plain_block_fields": None})
        _same(MADE[4] + MADE[5])
    finally:
        _ctext.configure(text_blocks._configuration())


#: Characters that reach the branches: spaces of several kinds, tabs, line breaks of each
#: kind, bullets, digits of two scripts, marks that end or open sentences, hyphens, wide
#: characters, capitals, a control character, the line and paragraph separators.
_ALPHABET = "ab AZBy:.)-–*•·+19٣\t\n\n\n\r“”«»?!…。日本한\u3000\u00a0\x01\u2028\u2029"


@needs_compiled
@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=400))
def test_any_page_has_the_python_blocks(text: str) -> None:
    _same(text)


#: Code points in and around the ranges whose paragraphs ``_ctext.c``'s ``plain_wide`` gives
#: back without calling normalize.py: Latin-1 to the spacing modifiers and the combining marks
#: after them, the general punctuation with its spaces, separators and invisible marks, the
#: currency signs, and one code point of each wider kind.
_PLAIN_EDGES = [*range(0x80, 0x370), *range(0x2000, 0x20D0), 0x3000, 0xFEFF, 0x1F600]


@needs_compiled
def test_paragraphs_outside_ascii_have_the_python_normalization() -> None:
    """Each code point of :data:`_PLAIN_EDGES` inside a paragraph, opening and closing it, after
    a letter it may compose with, with one of the two-byte kind beside it, and by a double
    space: the compiled module's shortcut for paragraphs normalize.py gives back unchanged
    (printable, in NFC, no space to collapse or strip) agrees with normalize.py."""
    firsts: dict[str, list[str]] = {}  # each second of a canonical composition: its firsts
    for code in range(sys.maxunicode + 1):
        parts = unicodedata.decomposition(chr(code)).split()
        if len(parts) == 2 and not parts[0].startswith("<"):
            firsts.setdefault(chr(int(parts[1], 16)), []).append(chr(int(parts[0], 16)))
    for code in _PLAIN_EDGES:
        char = chr(code)
        after = "".join(f"{first}{char}\n\n" for first in firsts.get(char, []))
        _same(
            f"a{char}b\n\n{char}ab\n\nab{char}\n\ne{char}\n\n{after}"
            f"\u2014{char}\u2019\n\nx {char}  y\n\n{char}\n\n {char}\u2014 \n"
        )


#: Characters the compiled module's scans of a paragraph or line by sixteen or eight (SSE2)
#: tell apart: controls, the tab, DEL, the soft hyphen, the invisible marks and those beside
#: them, NBSP, a dash and a curly quote (the two-byte kind's plain ones) and their neighbours
#: outside U+2010 - U+2027, an accent, a combining mark; and a space (a double one, or at an end).
_STEP_CHARS = (
    "\x01\x1f\t\x7f\xad\xa0\u2007\u200a\u200b\u200f\u2010\u2027\u2028\u2060\ufeff\u00e9\u0301 "
)


@needs_compiled
def test_any_character_at_any_place_of_a_scanned_step_has_the_python_blocks() -> None:
    """Each of :data:`_STEP_CHARS` at each place of paragraphs of 1 to 40 characters, of the
    one-byte kind and (a curly quote first or last) the two-byte kind: the compiled module's
    scans by sixteen and eight characters a step (a paragraph's normalization, a line's
    invisible characters) find it wherever it stands, first, last or at a step's edge."""
    texts = []
    for size in range(1, 41):
        base = ("abcdefghij" * 4)[:size]
        for char in _STEP_CHARS:
            for at in range(size):
                for text in (base[:at] + char + base[at + 1 :], base[:at] + 2 * char + base[at:]):
                    texts.extend([text, "\u2019" + text, text + "\u2019"])
    for start in range(0, len(texts), 400):
        _same("\n\n".join(texts[start : start + 400]))


@needs_compiled
@settings(max_examples=300, deadline=None)
@given(
    st.text(
        alphabet="ae \u00e9\u0301\u0300\u2014\u2019\u00a0\u00ad\u205f\u20ac\u02ff\n", max_size=80
    )
)
def test_any_paragraph_outside_ascii_has_the_python_normalization(text: str) -> None:
    _same(text)


def _same_wrapped(lines: list[str]) -> None:
    """The lines as one run, and as runs of two parted by blank lines."""
    _same("\n".join(lines))
    _same("\n\n".join("\n".join(lines[i : i + 2]) for i in range(0, len(lines), 2)))


@needs_compiled
@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.text(alphabet="abc defgh ijk lmno.", min_size=30, max_size=90),
        min_size=2,
        max_size=12,
    )
)
def test_any_wrapped_run_has_the_python_blocks(lines: list[str]) -> None:
    """Runs of lines of about one width: the wrapped-column branches."""
    _same_wrapped(lines)


@needs_compiled
@needs_training_data
def test_the_training_dumps_blocks_are_the_python_ones() -> None:
    """Every dump ``training.train_model`` makes of both parts (about 15,000 pages)."""
    seen = 0
    for text in dump_texts():
        _same(text)
        seen += 1
    assert seen > 1000


def test_blocks_are_blocks() -> None:
    """Whichever module made them, a page's blocks are :class:`Block` values."""
    page = text_blocks.text_to_page(MADE[3])
    assert page.blocks and all(type(block) is Block for block in page.blocks)
    assert [block.text for block in page.blocks][:2] == ["Title", "By Jane Doe"]


def _xml_unfit_compiled() -> Callable[[str], bool]:
    try:
        from cleaner._ctext import xml_unfit
    except ImportError:
        pytest.skip("the package was built without its C extension")
    return xml_unfit


#: Code points around every edge the scan tests: the controls, the two non-characters, each
#: string kind's first and last code points.
_EDGES = [*range(0x120), *range(0xFFF0, 0x10010), *range(0x10FFF0, 0x110000)]


def test_the_compiled_xml_scan_is_the_python_one() -> None:
    """``_ctext.xml_unfit`` (the page's scan before the parse) answers as html/tree.py's
    Python, each code point alone, after text of each string kind, and before one."""
    xml_unfit = _xml_unfit_compiled()
    assert tree.xml_unfit is xml_unfit  # what parse uses, where the package has it
    answers = []
    for point in _EDGES:
        char = chr(point)
        for text in (char, "ab" + char, "\u0100" + char, "\U00010000" + char, char + "\u0100b"):
            answers.append(xml_unfit(text))
            assert answers[-1] == tree._xml_unfit_python(text), (hex(point), text)
    assert True in answers and False in answers  # both answers reached
    assert not xml_unfit("") and xml_unfit("a\x00b") and not xml_unfit("\t\n\r")
    with pytest.raises(TypeError):
        xml_unfit(b"\x00")  # type: ignore[arg-type]


@given(st.text())
@settings(max_examples=300, deadline=None)
def test_any_text_has_the_python_xml_scan(text: str) -> None:
    assert _xml_unfit_compiled()(text) == tree._xml_unfit_python(text)


def test_a_page_is_read_without_the_characters_xml_cannot_hold() -> None:
    """What the scan finds is taken out before the parse (a tree holding it cannot be
    serialized): whichever scan ran."""
    page = tree.parse("<html><body><p>a\x0bb\ufffe</p><p>c\td</p></body></html>", None)
    assert [p.text for p in page.iter("p")] == ["ab", "c\td"]


#: Characters the cleaner drops (normalize._INVISIBLE) among those of wrapped text: a line
#: fits its column counted with them or without them (text_blocks._layouts, twice); and their
#: neighbours, which it keeps (_ctext.c's one list of them, INVISIBLE_ABOVE_C0, holds them
#: apart by ranges): a C1 control, the not sign and the registered sign, the hair space, the
#: hyphen, the medium mathematical space, the function application, U+FEFE, and in a string of
#: four-byte characters a Linear B syllable and the cuneiform sign U+1200B.
_INVISIBLE_ALPHABET = (
    "abc defgh ijk lmno.\x00\x07\x0b\x1f\x7f\u00ad\u200b\u200e\u2060\ufeff"
    "\x80\xac\xae\u200a\u2010\u205f\u2061\ufefe\U00010000\U0001200b"
)


@needs_compiled
@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.text(alphabet=_INVISIBLE_ALPHABET, min_size=30, max_size=90),
        min_size=2,
        max_size=12,
    )
)
def test_wrapped_runs_with_invisible_characters_have_the_python_blocks(lines: list[str]) -> None:
    _same_wrapped(lines)


@needs_compiled
def test_the_seed_paper_with_invisible_characters_has_the_python_blocks() -> None:
    """One invisible character inserted every 37 characters in turn (the six of
    test_text_blocks.py's INVISIBLES, cycled): the measures of both ways agree."""
    from .test_text_blocks import _inserted

    for text in _inserted(SEED_PAPER.read_text(encoding="utf-8"), 37):
        _same(text)


#: Wide characters (Han, kana, their punctuation), ASCII, a Hangul syllable, a curly quote, a
#: full-width space, an unassigned code point unicodedata calls full-width (U+0378) and an
#: invisible character: runs measured in display columns and in twice their characters
#: (text_blocks._column_layouts) where characters show no width.
_WIDE_ALPHABET = "ab c1.年《》。，、日本のカ\uac00\u2019\u3000\u0378\u00ad"


@needs_compiled
@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet=_WIDE_ALPHABET, min_size=8, max_size=40), min_size=2, max_size=12))
def test_wrapped_runs_with_wide_characters_have_the_python_blocks(lines: list[str]) -> None:
    _same_wrapped(lines)


@needs_compiled
def test_chinese_and_japanese_wrapped_at_any_width_have_the_python_blocks() -> None:
    from .test_text_blocks import CHINESE, JAPANESE, _columns_wrapped

    for story in (CHINESE, JAPANESE):
        for width in range(6, 61, 2):
            for wrap in (textwrap.fill, _columns_wrapped):
                text = "\n\n".join(wrap(paragraph, width) for paragraph in story)
                _same(text)
                _same(text.replace("\n\n", "\n") + "\n2001年《范特西》\n2002年《八度空间》\n")


#: Hangul syllables (most of a run's characters), spaces, a sentence's end, a Han character,
#: ASCII: Korean runs (text_blocks._mostly_wide's _HANGUL) measured in columns with their
#: first word a whole word, their own width alone, where a sentence ends in them.
_KOREAN_ALPHABET = "가나다라마바사 .년a\u3000"


@needs_compiled
@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.text(alphabet=_KOREAN_ALPHABET, min_size=8, max_size=40), min_size=2, max_size=12)
)
def test_wrapped_runs_of_korean_have_the_python_blocks(lines: list[str]) -> None:
    _same_wrapped(lines)


@needs_compiled
def test_korean_wrapped_at_any_width_has_the_python_blocks() -> None:
    from .test_text_blocks import KOREAN, _columns_word_wrapped

    for width in range(6, 81, 2):
        for wrap in (textwrap.fill, _columns_word_wrapped):
            text = "\n\n".join(wrap(paragraph, width) for paragraph in KOREAN)
            _same(text)
            _same(text.replace("\n\n", "\n") + "\n로그인 유지\n기능 사용에 유의\n")
