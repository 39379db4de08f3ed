"""The compiled story features (cleaner/passes/_cfeatures.c) are the Python ones: the same
attribute lists, in the same order, for every block of the seeds, the text fixtures, pages made
to reach each of its branches, and (where ``training/data`` is built) every dump the models are
trained and validated on; and crfsuite is handed the same records either way."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner import Cleaner
from cleaner.blocks import Block, PageMeta
from cleaner.decode import decode
from cleaner.engine import Outcome, apply_rules
from cleaner.engine.apply import Kept
from cleaner.passes import crf, features, headline
from cleaner.passes.story import model_path
from cleaner.text_blocks import text_to_page

from .conftest import TEXT_PAGES
from .outcomes import require_extension
from .training_dumps import dump_texts, needs_training_data

compiled = features._compiled()
needs_compiled = pytest.mark.skipif(
    compiled is None, reason="the package was built without its C extension (or not for this code)"
)


def test_the_compiled_module_follows_this_features_py() -> None:
    """features.py's code is the one the compiled module was written to: when this fails,
    features.py changed (the Python now runs everywhere): make ``_cfeatures.c`` compute the
    same attributes (the tests below compare them), then set its ``SOURCE_HASH`` to the one
    printed and rebuild (``pip install -e .``)."""
    try:
        from cleaner.passes import _cfeatures
    except ImportError:
        pytest.skip("the package was built without its C extension")
    assert features.source_hash() == _cfeatures.SOURCE_HASH


def test_the_compiled_module_is_loaded_where_it_was_built() -> None:
    """A package built with its C extension (a C compiler at hand, as in CI) runs it: a
    build that silently fell back would go unmeasured. In CI (``CI`` set, a compiler at hand,
    the package installed in place as the README says) the extension must be there: a skip
    would leave the compiled code every user runs untested."""
    require_extension("cleaner.passes._cfeatures")
    if os.environ.get("CLEANER_PURE_FEATURES") != "1":
        assert compiled is not None
        assert crf._join_records is not None


def _same(
    blocks: list[Block] | tuple[Block, ...], outcome: Outcome, kinds: dict[str, str]
) -> list[str]:
    """The compiled features are the Python ones; the topic attributes given (topic.py)."""
    assert compiled is not None
    expected = features.python_block_features(blocks, outcome, kinds)
    got = compiled(
        blocks,
        outcome.kept,
        features._rule_extras(outcome, len(blocks), kinds),
        features._stoplists(),
    )
    assert got == expected, [block.text for block in blocks]
    return [attr for attrs in got[0] for attr in attrs if attr.startswith("topic:")]


@needs_compiled
def test_a_kept_list_of_the_wrong_shape_is_a_clear_error() -> None:
    """block_features reads the kept blocks as the other compiled walks do (kept_texts): each
    block's index and text, as features._rule_cues reads them."""
    assert compiled is not None
    blocks = [Block("One line."), Block("Two lines.")]
    stoplists = features._stoplists()
    with pytest.raises(TypeError, match="not iterable"):
        compiled(blocks, 5, {}, stoplists)  # type: ignore[arg-type]
    with pytest.raises(AttributeError):
        compiled(blocks, [Kept(blocks[0], False, 0), object()], {}, stoplists)  # type: ignore[list-item]
    with pytest.raises(AttributeError):
        compiled(blocks, [blocks[0]], {}, stoplists)  # type: ignore[list-item]
    with pytest.raises(TypeError):
        compiled(blocks, [Kept(blocks[0], False, "0")], {}, stoplists)  # type: ignore[arg-type]
    kept = [Kept(blocks[0], False, 0), Kept(Block("Two"), False, 1), Kept(blocks[1], False, 7)]
    outcome = Outcome()
    outcome.kept = kept
    assert compiled(blocks, kept, {}, stoplists) == features.python_block_features(blocks, outcome)


@needs_compiled
def test_the_fixtures_features_are_the_python_ones() -> None:
    cleaner = Cleaner()
    kinds = features.rule_kinds(cleaner.rules)
    seen = 0
    topics: Counter[str] = Counter()
    for path in TEXT_PAGES:
        read = decode(path.read_bytes())
        page = text_to_page(read.text, PageMeta(), utf8=read.utf8)
        outcome = apply_rules(page.blocks, cleaner.rules)
        topics.update(_same(page.blocks, outcome, kinds))
        seen += bool(page.blocks)
    assert seen >= 20
    # the topic cue reached: blocks below, at and above their page's median
    assert {"topic:-2", "topic:0", "topic:1"} <= set(topics), topics


#: Blocks reaching the branches the fixtures may not: capitals, digits and spaces of other
#: scripts, characters whose lower case is longer ('İ'), edge marks only, long words, the
#: marks a block is told by (pipes, dots, '@', copyright signs, web addresses, openers), a
#: repeated headline, an empty text.
ODD_TEXTS = [
    "BREAKING NEWS | World | Sport | Weather",
    "İSTANBUL — Türkiye'nin en büyük şehri ٢٠٢٤ yılında 15 milyon nüfusa ulaştı.",
    "“Quoted.”",
    "—",
    "",
    "# Heading",
    "[Image] (c) Reuters 2024",
    "(AP) — The word Supercalifragilisticexpialidocious is long.",
    "© 2024 The Associated Press. All rights reserved.",
    "Photo (left) by a reader (C) Reuters",
    "Text ending in an open mark (c",
    "Prices (in €) rose © all",
    "Follow us @paper · share • www.example.com/news",
    "Posted 5 hours ago, 10:45 am, March 3, 2024",
    "Ｆｕｌｌ ｗｉｄｔｈ ＣＡＰＩＴＡＬＳ and १२३ digits ۱۲۳",
    "BREAKING NEWS | World | Sport | Weather",
    "The minister said on Tuesday that the government would not change its plans for the "
    "coming year, despite the protests that have filled the streets of the capital for weeks "
    "and the calls of the opposition for an early election before the summer.",
    "Le ministre a dit mardi que le gouvernement ne changerait pas ses plans pour l'année à "
    "venir, malgré les manifestations qui remplissent les rues de la capitale depuis des "
    "semaines et les appels de l'opposition à des élections anticipées avant l'été.",
    "x" * 400,
    "word " * 90,
    "ǅemal Ǆ titlecase ß ﬁ ΣΑΣ",
    "By JOHN SMITH and JANE DOE, Associated Press",
    "\U0001f600 emoji \U0001d7d8 math digit",
    # the topic cue's content words: a capital sigma lowercased by its place (final 'ς'),
    # 'İ' lowercased to two code points (a word character and a combining dot), '_' and
    # digits inside words, a run of ideographs with no space, words of three and four
    # letters; in story-shaped blocks sharing some of them
    "ΟΙ ΚΑΤΟΙΚΟΙ ΤΗΣ ΠΟΛΗΣ ΖΗΤΟΥΝ ΝΕΑ ΓΕΦΥΡΑ ΠΡΙΝ ΤΟΝ ΧΕΙΜΩΝΑ, ΛΕΕΙ Ο ΔΗΜΑΡΧΟΣ ΤΗΣ ΠΟΛΗΣ ΣΤΗΝ "
    "ΕΦΗΜΕΡΙΔΑ ΤΗΣ ΚΥΡΙΑΚΗΣ ΚΑΙ ΟΙ ΚΑΤΟΙΚΟΙ ΣΥΜΦΩΝΟΥΝ ΜΑΖΙ ΤΟΥ.",
    "İSTANBUL'un köprüsü 2024_plan ile yenilenecek; İstanbul halkı köprü_2024 planını ve "
    "yeni köprüyü bekliyor, dedi İSTANBUL belediyesi bugün 東京都の新しい橋 gibi.",
    "Abc abcd ABCD abcde the harbour bridge and the ΠΟΛΗΣ plan for İSTANBUL, said the "
    "mayor of the city on Tuesday after the council met.",
    # repeats whose keys (casefolded) are the same at other lengths of text: 'ß' folds to
    # 'ss', 'ﬁ' to 'fi', the Kelvin sign to 'k', Latin-1's micro sign to the Greek mu
    "Die Straße",
    "DIE STRASSE",
    "ﬁnal word",
    "FINAL WORD",
    "\u212aelvin scale",
    "— kelvin scale —",
    "\u00b5-law",
    "\u03bc-LAW",
]


def test_latin1_characters_casefold_to_one_but_sharp_s() -> None:
    """What the repeats' keys' lengths are counted by (``_cfeatures.c``'s folded_length)."""
    assert [c for c in map(chr, range(256)) if len(c.casefold()) != 1] == ["ß"]


def _odd_pages() -> Iterator[list[Block]]:
    blocks = [Block(text, "heading" if n % 5 == 0 else "para") for n, text in enumerate(ODD_TEXTS)]
    yield blocks
    for size in (1, 2, 3):
        yield blocks[:size]
        yield blocks[-size:]
    yield list(reversed(blocks))


@needs_compiled
def test_pages_made_for_the_branches_have_the_python_features() -> None:
    cleaner = Cleaner()
    kinds = features.rule_kinds(cleaner.rules)
    topics: set[str] = set()
    for blocks in _odd_pages():
        topics.update(_same(blocks, apply_rules(blocks, cleaner.rules), kinds))
        # every block kept, cut (a text other than its own), or gone; and rule hits given
        kept = [
            Kept(block if n % 3 else Block(block.text + " cut"), index=n)
            for n, block in enumerate(blocks)
            if n % 4
        ]
        hits = {n: ["wire.byline", "generic.share-bar"][: 1 + n % 2] for n in range(0, 30, 3)}
        _same(blocks, Outcome(kept=kept, hits=hits), kinds)
    assert len(topics) >= 2, topics  # the cue given: at and off a page median


@needs_compiled
@needs_training_data
def test_the_training_dumps_features_are_the_python_ones() -> None:
    """Every dump ``training.train_model`` makes of both parts (slow: about 15,000 pages)."""
    cleaner = Cleaner()
    kinds = features.rule_kinds(cleaner.rules)
    seen = 0
    for text in dump_texts():
        page = text_to_page(text)
        if page.blocks:
            _same(page.blocks, apply_rules(page.blocks, cleaner.rules), kinds)
            seen += 1
    assert seen > 1000


def test_crfsuite_is_handed_the_same_records_either_way() -> None:
    """The records joined in C (``join_records``) are those of the Python join."""
    tagger = crf.open_tagger(model_path())
    if not isinstance(tagger, crf.CTagger) or crf._join_records is None:
        pytest.skip("crfsuite's C tagger or the compiled module is not reachable here")
    cleaner = Cleaner()
    kinds = features.rule_kinds(cleaner.rules)
    for path in TEXT_PAGES:
        read = decode(path.read_bytes())
        page = text_to_page(read.text, PageMeta(), utf8=read.utf8)
        columns = features.block_features(
            page.blocks, apply_rules(page.blocks, cleaner.rules), kinds
        )
        for cut in (1, 2, 3, None):
            own, near, far = (column[:cut] for column in columns)
            assert tagger._joined(own, near, far) == tagger._python_joined(own, near, far)


#: Characters that reach the branches: the web-address pieces, digits of two scripts, time
#: marks, capitals whose lower case is longer or depends on its neighbours ('İ', 'Σ'), edge
#: marks, bullets, copyright signs, whitespace other than spaces.
_ALPHABET = "htpsw:/.comrgnetukdfAMP 0123456789_é@|•·©()[]#“”‘’—-İΣς٣\t\u3000xyz"


@needs_compiled
@settings(max_examples=400, deadline=None)
@given(st.lists(st.text(alphabet=_ALPHABET, min_size=1, max_size=220), min_size=1, max_size=6))
def test_any_page_has_the_python_features(texts: list[str]) -> None:
    blocks = [Block(text) for text in texts]
    kept = [Kept(block, index=n) for n, block in enumerate(blocks)]
    _same(blocks, Outcome(kept=kept), {})


@needs_compiled
def test_threads_computing_features_at_once_get_the_python_ones() -> None:
    """The compiled module's word caches are shared by the threads (the story pass runs in
    several); a thread may run Python (a cache's ``__missing__``) in the middle of a page."""
    from concurrent.futures import ThreadPoolExecutor

    cleaner = Cleaner()
    kinds = features.rule_kinds(cleaner.rules)
    pages = []
    for n, path in enumerate(TEXT_PAGES):
        read = decode(path.read_bytes())
        page = text_to_page(read.text, PageMeta(), utf8=read.utf8)
        # first and last words no cache holds yet
        blocks = [
            Block(f"Word{n}x{i} {b.text} end{n}x{i}", b.kind) for i, b in enumerate(page.blocks)
        ]
        outcome = apply_rules(blocks, cleaner.rules)
        pages.append((blocks, outcome, features.python_block_features(blocks, outcome, kinds)))

    def check(start: int) -> bool:
        order = pages[start:] + pages[:start]
        return all(features.block_features(b, o, kinds) == expected for b, o, expected in order)

    with ThreadPoolExecutor(4) as pool:
        assert all(pool.map(check, range(0, 4 * len(pages), 4)))


#: Words the topic cue's content words (topic.py) are made of: the same word in other cases,
#: a capital sigma lowercased by its place ('ΟΔΟΣ' → 'οδος'), 'İ' (two code points lowered),
#: runs of three and four word characters, digits of two scripts, '_', a ligature, words
#: joined by marks that are no word characters, a sentence end (story-shaped blocks).
_VOCABULARY = [
    *("harbour", "Harbour", "HARBOUR", "bridge", "the", "and", "repair", "Repairs."),
    *("ΣΟΦΟΣ", "σοφος", "ΟΔΟΣ.", "ΣΑΣ", "İstanbul", "istanbul", "İSTANBUL", "i\u0307stanbul"),
    *("naïve", "NAÏVE", "2024", "x_y_z", "abc", "abcd", "ABCD", "ǅemal", "straße", "STRASSE"),
    *("東京都の橋", "“quoted”", "co-op", "don’t", "٣٤٥٦", "–", "ﬁnal", "Ａｂｃｄ", "said."),
]


@needs_compiled
@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.lists(st.sampled_from(_VOCABULARY), min_size=1, max_size=45).map(" ".join),
        min_size=1,
        max_size=8,
    )
)
def test_any_pages_topic_cues_are_the_python_ones(texts: list[str]) -> None:
    blocks = [Block(text) for text in texts]
    _same(blocks, Outcome(kept=[Kept(block, index=n) for n, block in enumerate(blocks)]), {})


#: Digits of two scripts, the clock's marks and words, word characters and spaces: the year
#: and time patterns (``features._YEAR``, ``_TIME``) written out in C.
_CLOCK = "0129١٢:.aAmMpP_x -\t\u2003é"


@needs_compiled
@settings(max_examples=1500, deadline=None)
@given(st.text(alphabet=_CLOCK, min_size=1, max_size=170))
def test_any_years_and_times_are_the_patterns(text: str) -> None:
    blocks = [Block(text)]
    _same(blocks, Outcome(kept=[Kept(blocks[0])]), {})


# The headline model's page-wide facts (headline.py's _content_words, _content_shares and
# _page_keys), which the compiled module computes too (``content_words``, ``content_shares``,
# ``page_keys``): the same sets, counts and keys.

headline_compiled = headline._compiled()
needs_headline_compiled = pytest.mark.skipif(
    headline_compiled is None,
    reason="the package was built without its C extension (or not for this headline.py)",
)


def test_the_compiled_module_follows_this_headline_py() -> None:
    """headline.py's functions the compiled module computes are the ones it was written to:
    when this fails, one of ``headline.COMPILED_FOLLOWS`` (or ``blocks.word_count``) changed
    and the Python runs everywhere: make ``_cfeatures.c``'s ``content_words`` and
    ``page_keys`` compute the same (the tests below compare them), then set its
    ``HEADLINE_HASH`` to the one printed and rebuild (``pip install -e .``)."""
    try:
        from cleaner.passes import _cfeatures
    except ImportError:
        pytest.skip("the package was built without its C extension")
    assert headline.compiled_source_hash() == _cfeatures.HEADLINE_HASH
    if os.environ.get("CLEANER_PURE_FEATURES") != "1":
        assert headline_compiled is not None


def _same_headline_facts(texts: list[str]) -> int:
    """The compiled content words of each text and the page's keys (for first words taken
    from the texts' own keys, so that many match) are the Python ones; how many keys were
    made."""
    assert headline_compiled is not None
    for text in texts:
        assert headline_compiled.content_words(text) == headline._content_words(text), text
    for ledes, others in ((texts[:2], texts), (texts[1::2], texts[::-1]), ([], texts)):
        shares = headline._content_shares(ledes, others)
        assert headline_compiled.content_shares(ledes, others) == shares, (ledes, others)
    blocks = [Block(text) for text in texts]
    firsts = {headline._key(text).partition(" ")[0] for text in texts[::2]}
    firsts.discard("")
    for some in (texts, texts[::2], []):
        found = headline_compiled.first_words(
            some, headline._HEAD_CHARS, headline.strip_heading_mark, headline._key
        )
        assert found == headline._first_words(some), some
    assert headline._first_words(texts[::2]) == firsts
    made = 0
    for max_words in (0, 3, headline.MAX_WORDS + 10):
        expected = headline._page_keys(blocks, firsts, max_words)
        got = headline_compiled.page_keys(
            blocks,
            firsts,
            max_words,
            headline._HEAD_CHARS,
            headline.strip_heading_mark,
            headline._key,
        )
        assert got == expected, texts
        made += sum(1 for key in got if key)
    return made


#: Texts for the branches: a word running past the head (64 characters), heading marks, no
#: word at all, Han and kana (marks and dots among them that are no letters), numbers that
#: are no decimal digits, letters whose case fold is longer, long ASCII words, ASCII texts of
#: marks, underscores and control characters (the compiled ASCII path: no casefold, no call).
HEADLINE_TEXTS = [
    *ODD_TEXTS,
    "## Council backs the riverside park",
    "#Council backs the riverside park",
    "###### ",
    "Council backs the riverside park",
    "COUNCIL BACKS THE RIVERSIDE PARK – and more words after it",
    "Straße STRASSE straße ﬁnance ﬁnal",
    "a" * 63 + " tail",
    "a" * 64 + " tail",
    "a" * 70,
    " " * 64 + "late word",
    "“" * 70 + "late",
    "東京都は13日、新しい計画を発表した。",
    "ゴー・ヽ゛ゝ゠カタカナ",
    "½half ²two ³three fourfour_five 12345678",
    "x" * 300 + " y",
    "Kelvin \u212a sign and \u0130stanbul",
    "—— ... !!!",
    "a" * 64,
    'Council\'s  plan--for_2026: "Yes" (9Lives)\tTAB\x1cgroup ',
    "  ...Leading marks, then words_with_underscores and 42",
    # outside ASCII after the first word (its head settles it), right after it, before it
    "Rubio meets Lavrov — “no drama”, officials say",
    "Rubio’s “talking points” on the China threat",
    "“Putin is not,” Trump said",
    "ͅCouncil backs it",
    "KelvinK sign",
    "café au lait — Straße",
    "Rubio says 😀 and more",
    "rubio " + "x" * 60 + " — later",
    "RUBIO" + "y" * 59 + " — past the head",
]


@needs_headline_compiled
def test_the_headline_facts_of_the_fixtures_and_made_pages_are_the_python_ones() -> None:
    made = 0
    for path in TEXT_PAGES:
        read = decode(path.read_bytes())
        page = text_to_page(read.text, PageMeta(), utf8=read.utf8)
        made += _same_headline_facts([block.text for block in page.blocks])
    for size in range(1, len(HEADLINE_TEXTS) + 1, 4):
        made += _same_headline_facts(HEADLINE_TEXTS[:size])
        made += _same_headline_facts(HEADLINE_TEXTS[-size:])
    assert made > 100


_HEADLINE_ALPHABET = "Aa bB#_1١½ßﬁİΣς’“—.東京ゴー・゛\u212a\u3000\u0345\U0001f600x"


@needs_headline_compiled
@settings(max_examples=600, deadline=None)
@given(
    st.lists(st.text(alphabet=_HEADLINE_ALPHABET, min_size=0, max_size=140), min_size=1, max_size=6)
)
def test_any_texts_headline_facts_are_the_python_ones(texts: list[str]) -> None:
    _same_headline_facts(texts)


#: ASCII texts alone take the compiled ``content_shares``' own path (no set, no string):
#: words of four letters and more in either case, repeated, long, cut by marks and digits.
_ASCII_SHARES_ALPHABET = "aAbB Cc_1'-.\t"


@needs_headline_compiled
@settings(max_examples=600, deadline=None)
@given(
    st.lists(
        st.text(alphabet=_ASCII_SHARES_ALPHABET, min_size=0, max_size=300), min_size=1, max_size=6
    )
)
def test_any_ascii_texts_content_shares_are_the_python_ones(texts: list[str]) -> None:
    _same_headline_facts(texts)


def test_content_shares_counts_each_word_once_without_case() -> None:
    ledes = ["Council backs the PARK plan", "The park opens in June"]
    texts = ["Park park PARK: council votes", "Rain", "", "Rain in June, plan B"]
    assert headline._content_shares(ledes, texts) == [(2, 3), (0, 1), (0, 0), (2, 3)]
    if headline_compiled is not None:
        assert headline_compiled.content_shares(ledes, texts) == [(2, 3), (0, 1), (0, 0), (2, 3)]
    # typographic marks outside ASCII, then a letter outside ASCII (the Kelvin sign, whose
    # case fold is an ASCII "k": the compiled module counts by sets there)
    ledes = ["\u201cCouncil\u201d backs the park \u2014 kelvin plan"]
    texts = ["Park\u2019s plan", "Kelvin \u212aelvin"]
    assert headline._content_shares(ledes, texts) == [(2, 2), (1, 1)]
    if headline_compiled is not None:
        assert headline_compiled.content_shares(ledes, texts) == [(2, 2), (1, 1)]
        with pytest.raises(TypeError, match="content_shares"):
            headline_compiled.content_shares(ledes, [b"bytes"])


@needs_headline_compiled
@needs_training_data
def test_the_training_dumps_headline_facts_are_the_python_ones() -> None:
    """Every dump ``training.train_model`` makes of both parts (slow)."""
    seen = 0
    for text in dump_texts():
        page = text_to_page(text)
        if page.blocks:
            _same_headline_facts([block.text for block in page.blocks])
            seen += 1
    assert seen > 1000


@needs_headline_compiled
@needs_training_data
def test_the_training_dumps_first_words_and_keys_are_the_python_ones() -> None:
    """Every dump ``training.train_model`` makes of both parts (slow): the first words of
    every third block's text, and the page's keys for them."""
    assert headline_compiled is not None
    pages = made = 0
    for text in dump_texts():
        blocks = text_to_page(text).blocks
        texts = [block.text for block in blocks[::3]]
        firsts = headline._first_words(texts)
        assert (
            headline_compiled.first_words(
                texts, headline._HEAD_CHARS, headline.strip_heading_mark, headline._key
            )
            == firsts
        ), texts
        keys = headline_compiled.page_keys(
            blocks,
            firsts,
            headline.MAX_WORDS + 10,
            headline._HEAD_CHARS,
            headline.strip_heading_mark,
            headline._key,
        )
        assert keys == headline._page_keys(blocks, firsts, headline.MAX_WORDS + 10)
        pages += 1
        made += sum(1 for key in keys if key)
    assert pages > 1000 and made > 10_000
