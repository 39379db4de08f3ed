"""What drop_repeats asks before its walk, in C (``_cfeatures.c``: ``repeat_facts``, its key
``repeat_key``), is the Python's (``repeats.python_caption_hits``, ``structure.keys_distinct``,
``lexicon.text_key``): the same key for every code point and for any text, the same caption
hits and the same answer whether two blocks share a repeat key for the seeds with their
captions and datelines, the text fixtures with their own blocks for captions and datelines,
made texts at the gates (the length, the word count, the first long word, cases that change a
word's length or its sigma, every kind of space, datelines the text is or opens with), random
texts and (where ``training/data`` is built) every dump the models are trained and validated
on."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner import Cleaner
from cleaner.blocks import Block, PageMeta
from cleaner.code_hash import followed_hash
from cleaner.compiled_follows import REPEATS
from cleaner.decode import decode
from cleaner.engine.apply import Kept
from cleaner.lexicon import text_key
from cleaner.passes import repeats as cr
from cleaner.structure import keys_distinct
from cleaner.text_blocks import text_to_page

from .conftest import SEED_APP, SEED_PAPER, TEXT_PAGES
from .outcomes import require_extension
from .training_dumps import dump_texts, needs_training_data

compiled = cr._compiled()
needs_compiled = pytest.mark.skipif(
    compiled is None, reason="the package was built without its C extension (or not for this code)"
)


def test_the_compiled_facts_follow_this_python() -> None:
    """The code the compiled facts follow (``compiled_follows.REPEATS``) is the one they were
    written to: when this fails, that code changed and the Python runs everywhere: make
    ``_cfeatures.c``'s ``repeat_facts`` and ``repeat_key`` compute the same (the tests below
    compare them), then set its ``REPEATS_HASH`` to the one printed and rebuild
    (``pip install -e .``)."""
    require_extension("cleaner.passes._cfeatures")
    from cleaner.passes import _cfeatures

    assert followed_hash(REPEATS) == _cfeatures.REPEATS_HASH
    if os.environ.get("CLEANER_PURE_FEATURES") != "1":
        assert compiled is not None


def _kept(texts: Sequence[str]) -> list[Kept]:
    return [Kept(Block(text), index=i) for i, text in enumerate(texts)]


#: Datelines the rules might take: one a made text opens with, one a made text is, and none.
DATELINES = [(), ("WASHINGTON (AP) —",), ("Crews work", "Crews", "")]


def _same(texts: Sequence[str], captions: Sequence[str]) -> int:
    """The compiled facts of the texts are the Python's, for the captions and for each alone,
    with each of :data:`DATELINES`; how many hits."""
    assert compiled is not None
    kept = _kept(texts)
    found = 0
    for some in (captions, *((c,) for c in captions)):
        expected = cr.python_caption_hits(kept, some)
        for datelines in DATELINES:
            got, distinct = compiled.repeat_facts(kept, some, datelines)
            assert got == expected, (texts, some)
            assert distinct is keys_distinct(kept, datelines), (texts, datelines)
        found += len(got)
    return found


@needs_compiled
def test_every_code_point_keys_as_the_python_does() -> None:
    """``repeat_key`` is ``text_key`` for each code point alone (what is a letter or digit,
    how it casefolds) and for runs of them (the folds joined)."""
    assert compiled is not None
    for start in range(0, sys.maxunicode + 1, 64):
        run = "".join(map(chr, range(start, min(start + 64, sys.maxunicode + 1))))
        assert compiled.repeat_key(run) == text_key(run), hex(start)
        for ch in run:
            assert compiled.repeat_key(ch) == text_key(ch), hex(ord(ch))
    for text in ("", "Rubio, in Kuala Lumpur!", "A_B c-d", "x" * 300, "ÄÖÜ ß ΣΑΣ İ ǅ ﬁ"):
        assert compiled.repeat_key(text) == text_key(text)


_ALPHABET = "Aa zZ.,’“”—_\u00a0\u0085\u001c\t\u3000\u2028ßİıΣσςǅﬁÄé東1"


@needs_compiled
@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=80) | st.text(max_size=40))
def test_any_text_keys_as_the_python_does(text: str) -> None:
    assert compiled is not None
    assert compiled.repeat_key(text) == text_key(text)


#: Texts at the gates: three and four words, long and short first words, first words whose
#: length lower-casing changes ('İ'), a final sigma, spaces that are no U+0020 between words
#: (split on, not counted), a text printed twice over, a caption's words in other cases, a
#: sixth word that is long and no caption's word (behind a bracket) while the key is inside.
MADE = [
    "",
    "Crews work on",
    "Crews work on the",
    "Crews work on the bridge in March.",
    "crews WORK on the bridge in march",
    "Crews work on the bridge in March. Crews work on the bridge in March.",
    "Crews work on the bridge in March.Crews work on the bridge in March.",
    "A an of to by in crews",
    "A an of to by in at crews",
    "A an of to by in",
    "One two six ten big photo",
    "One two six ten big (photo) end",
    "İİİ work on the bridge",
    "İİ work on the bridge",
    "ΟΔΟΣ ΣΤΗ ΓΕΦΥΡΑ ΣΗΜΕΡΑ",
    "οδος στη γεφυρα σημερα",
    "Crews\u00a0work\u00a0on\u00a0the bridge",
    "Crews\u3000work on the bridge in",
    "\u0085Crews work on the bridge",
    "“Crews work on the bridge,” he said.",
    "Größe work on the bridge",
    "GRÖSSE work on the bridge",
    "The mayor said on Tuesday",
    "The mayor said on Tuesday that the bridge would reopen next month after repairs.",
    "東京 ゴー 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 wide words here",
    "1234 5678 9012 3456",
    "WASHINGTON (AP) —",
    "WASHINGTON (AP) — Crews work on the bridge in March.",
    "WASHINGTON (AP) —\u00a0 Crews work on the bridge in March.",
    "Crews",
]
CAPTIONS_MADE = [
    "Crews work on the bridge in March. (Photo: Ann Lee / AP)",
    "İİİ work on the bridge today",
    "ΟΔΟΣ ΣΤΗ ΓΕΦΥΡΑ ΣΗΜΕΡΑ, ΑΘΗΝΑ",
    "Größe work on the bridge, photo",
    "“Crews work on the bridge,” he said. Photo: AP",
    "The mayor said on Tuesday",
    "東京 ゴー 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 wide words here and there",
    "1234 5678 9012 3456 7890",
    "One two six ten big (photo) end here",
]


@needs_compiled
def test_the_seeds_fixtures_and_made_texts_hit_as_the_python_does() -> None:
    found = _same(MADE, CAPTIONS_MADE)
    found += _same(MADE * 2, CAPTIONS_MADE[:2])
    assert not keys_distinct(_kept(MADE), DATELINES[1])  # (two keys the same only less it)
    assert keys_distinct(_kept(MADE), ())
    assert found > 20
    # the seeds, with the captions and datelines the pipeline finds on them
    for path in (SEED_APP, SEED_PAPER):
        article = Cleaner().clean(path.read_bytes())
        read = decode(path.read_bytes())
        kept = _kept([b.text for b in text_to_page(read.text, PageMeta(), utf8=read.utf8).blocks])
        assert article.captions
        datelines = (article.dateline.raw,) if article.dateline else ()
        got, distinct = compiled.repeat_facts(kept, article.captions, datelines)
        assert got == cr.python_caption_hits(kept, article.captions)
        assert distinct is keys_distinct(kept, datelines)
        found += len(got)
    # the fixtures, with their own short blocks for captions
    for path in TEXT_PAGES:
        read = decode(path.read_bytes())
        texts = [b.text for b in text_to_page(read.text, PageMeta(), utf8=read.utf8).blocks]
        _same(texts, [t for t in texts if 20 <= len(t) <= 300][:4])
        # each block's first three words for a dateline: some open another block
        datelines = tuple(" ".join(t.split(" ")[:3]) for t in texts[:8])
        kept = _kept(texts)
        assert compiled.repeat_facts(kept, (), datelines)[1] is keys_distinct(kept, datelines)
    assert found > 40


@needs_compiled
@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.text(alphabet=_ALPHABET, max_size=60) | st.sampled_from(MADE), max_size=10),
    st.lists(st.text(alphabet=_ALPHABET, max_size=80) | st.sampled_from(CAPTIONS_MADE), max_size=3),
)
def test_any_texts_hit_as_the_python_does(texts: list[str], captions: list[str]) -> None:
    _same(texts, captions)


def test_bad_arguments_raise_no_crash() -> None:
    if compiled is None:
        pytest.skip("the package was built without its C extension")
    with pytest.raises(AttributeError):
        compiled.repeat_facts([object()], ["a caption"], ())  # type: ignore[list-item]
    with pytest.raises(AttributeError):  # (a kept block's index is not read)
        compiled.repeat_facts([Block("text")], [], ())  # type: ignore[list-item]
    assert compiled.repeat_facts([Kept(Block("text"), index=None)], [], ()) == ([], True)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="not iterable"):
        compiled.repeat_facts(5, [], ())  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="a block's text must be a str"):
        compiled.repeat_facts(_kept([5]), ["a caption"], ())  # type: ignore[list-item]
    with pytest.raises(TypeError):
        compiled.repeat_facts([], 5, ())  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        compiled.repeat_facts([], ["a", 5], ())  # type: ignore[list-item]
    with pytest.raises(TypeError):
        compiled.repeat_facts([], [], ["a dateline"])  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        compiled.repeat_facts([], [], (5,))  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        compiled.repeat_key(5)  # type: ignore[arg-type]


@needs_compiled
@needs_training_data
def test_the_training_dumps_hit_as_the_python_does() -> None:
    """Every dump ``training.train_model`` makes of both parts, its short blocks for captions
    (slow)."""
    seen = 0
    for text in dump_texts():
        texts = [block.text for block in text_to_page(text).blocks]
        if texts:
            _same(texts, [t for t in texts if 20 <= len(t) <= 300][:3])
            seen += 1
    assert seen > 1000
