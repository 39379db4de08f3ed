"""core.caption-twice's walk in C (``_cfeatures.c``'s ``printed_twice``) is story.py's Python
one (``python_printed_twice``): the same positions, the same copies, in the same order, for
every call the pipeline makes on the seeds and text fixtures (and on variants of each: every
block labelled body, no headline, a kept block for the headline, every other block kept),
made pages of captions printed twice at the limits (word counts, credits, ellipses, odd spaces,
wide characters, credited captions), random pages, and (where ``training/data`` is built) every
dump the models are trained and validated on."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner import Cleaner
from cleaner.blocks import Block
from cleaner.compiled_follows import PRINTED_TWICE
from cleaner.engine.apply import Kept, Outcome
from cleaner.passes import story
from cleaner.passes.headline import KEEP

from .conftest import TEXT_PAGES
from .outcomes import assert_compiled_follows
from .training_dumps import dump_texts, needs_training_data

compiled = story._compiled()
needs_compiled = pytest.mark.skipif(
    compiled is None, reason="the package was built without its C extension (or not for this code)"
)


def test_the_compiled_walk_follows_this_story_py() -> None:
    """The code the compiled walk follows (``compiled_follows.PRINTED_TWICE``) is the one it
    was written to: when this fails, that code changed and the Python runs everywhere: make
    ``_cfeatures.c``'s ``printed_twice`` compute the same (the tests below compare them), then
    set its ``PRINTED_TWICE_HASH`` to the one printed and rebuild (``pip install -e .``)."""
    assert_compiled_follows("PRINTED_TWICE_HASH", PRINTED_TWICE, compiled is not None)


def _same(kept: list[Kept], labels: list[str], outcome: Outcome, title: str | None) -> int:
    """The compiled walk's answer is the Python's, in the same order; how many it found."""
    assert compiled is not None
    expected = story.python_printed_twice(kept, labels, outcome, title)
    got = compiled.printed_twice(
        kept,
        labels,
        outcome,
        title,
        KEEP,
        story._OVER_STORY,
        story._TWICE_COUNTS,
        story._MARKS,
        story._copy_of,
    )
    assert list(got.items()) == list(expected.items()), ([k.block.text for k in kept], title)
    assert all(type(key) is int and type(value) is bool for key, value in got.items())
    return len(got)


def _variants(kept: list[Kept], labels: list[str], outcome: Outcome, title: str | None) -> int:
    """:func:`_same` of a call and of variants of it; how many the walks found."""
    found = 0
    bodies = ["body"] * len(labels)
    titles = [title, None, *(k.block.text for k in kept[1:2])]
    for some in (kept, kept[1:], kept[::2]):
        for marks in (labels, bodies):
            for headline in titles:
                found += _same(some, marks, outcome, headline)
    return found


@contextmanager
def _compared(counts: list[int]) -> Iterator[None]:
    """Within it, each call the pipeline makes of ``printed_twice`` is compared (with its
    variants), then answered by the Python; ``counts`` gets how many each found."""
    real = story.printed_twice

    def compare(
        kept: list[Kept], labels: list[str], outcome: Outcome, title: str | None
    ) -> dict[int, bool]:
        counts.append(_variants(kept, labels, outcome, title))
        return story.python_printed_twice(kept, labels, outcome, title)

    story.printed_twice = compare
    try:
        yield
    finally:
        story.printed_twice = real


@pytest.fixture(scope="module")
def cleaner() -> Cleaner:
    return Cleaner(explain=True)


@needs_compiled
def test_the_pipelines_calls_walk_as_the_python_does(cleaner: Cleaner) -> None:
    counts: list[int] = []
    with _compared(counts):
        for path in TEXT_PAGES:
            cleaner.clean(path.read_bytes())
    assert len(counts) >= len(TEXT_PAGES) // 2 and sum(counts) > 0


_LEDE = "The council voted on Tuesday to approve new budget for roads and schools."
_CAPTION = "A Toronto Police Service cruiser parked outside the station."
_CREDIT = "Nick Westoll / File / Global News"
#: A caption that is no sentence (a block above the story's first).
_SHORT = "A Toronto Police Service cruiser"


def _outcome(
    captions: Sequence[tuple[int, str, str]] = (),
    byline: Sequence[int] = (),
    date: Sequence[int] = (),
) -> Outcome:
    """An outcome of captions (block index, caption, rule), byline and date lines."""
    outcome = Outcome()
    for at, value, rule in captions:
        outcome.fields.setdefault("captions", []).append((value, rule))
        outcome.positions.setdefault("captions", []).append(at)
    if byline:
        outcome.positions["byline"] = list(byline)
    if date:
        outcome.positions["date"] = list(date)
    return outcome


def _page(texts: list[str], gaps: Callable[[int], int] = lambda i: 1) -> list[Kept]:
    kept, index = [], 0
    for i, text in enumerate(texts):
        index += gaps(i)
        kept.append(Kept(Block(text), False, index))
    return kept


#: Copies at the limits: the same text, a credit added (of 60 characters and 61, ending a
#: sentence or not), an image's text cut by an ellipsis (three dots, '…', with spaces), a text
#: doubled in one block (of ten words and nine, an odd space in the middle), short words.
_MADE: list[list[str]] = [
    ["Headline here", _LEDE, _CAPTION, _CAPTION, _LEDE, _LEDE],
    ["Headline here", _LEDE, _CAPTION, f"{_CAPTION} {_CREDIT}", _LEDE, _LEDE],
    ["Headline here", _LEDE, f"{_CAPTION} {_CREDIT}", _CAPTION, _LEDE, _LEDE],
    [_LEDE, _CAPTION, _CAPTION + " " + "x" * 60, _LEDE],
    [_LEDE, _CAPTION, _CAPTION + " " + "x" * 61, _LEDE],
    [_LEDE, _CAPTION, _CAPTION + " Photo by AP.", _LEDE],
    [_LEDE, _CAPTION, _CAPTION + " \u3000(AP)\u00a0", _LEDE],
    [_LEDE, "One two three four five six ...", "One two three four five six seven", _LEDE],
    [_LEDE, "One two three four five six…", "One two three four five six seven", _LEDE],
    [_LEDE, "One two three four …", "One two three four five", _LEDE],
    [_LEDE, "One two three four five \u2003...", "One two three four five and more words", _LEDE],
    [_LEDE, "One two three four five \u2003\u2026", "One two three four five and more", _LEDE],
    [_LEDE, "One two three four", "One two three four", _LEDE],
    [_LEDE, "One two three four five six seven eight nine ten " * 2, _LEDE],
    [_LEDE, "One two three four five " + "One two three four five", _LEDE],
    [_LEDE, "One two three four five\u00a0One two three four five", _LEDE],
    [_LEDE, "One two three four five six seven eight nine ten", _LEDE],
    [_LEDE, "One two three four One two three four", _LEDE],
    [_LEDE, " ".join(["Wörter über Straßen"] * 2), _LEDE],
    [_LEDE, " ".join(["東京 ゴー 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 wide five six"] * 2), _LEDE],
    [_LEDE, "東京 ゴー 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 wide five", "東京 ゴー 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 wide five (AP)", _LEDE],
    [_LEDE, "Ünder ä caption of five", "Ünder ä caption of five", _LEDE],
    [_LEDE, _CAPTION, _CAPTION, _CAPTION, _CAPTION, _LEDE],
    [_CAPTION, _CAPTION, _LEDE, _LEDE, _CAPTION, _CAPTION + " (AP)"],
    ["Headline here", _SHORT, _SHORT, "Another headline", _LEDE, _LEDE],
    ["Headline here", _SHORT, f"{_SHORT} {_CREDIT}", _SHORT + " " + _SHORT, _LEDE, _LEDE],
    [_LEDE, "", "", _LEDE, " ", " "],
    [_LEDE + " " + _LEDE[:-1] + "!", _LEDE, _LEDE, _LEDE],
]


def _made_calls() -> Iterator[tuple[list[Kept], list[str], Outcome, str | None]]:
    """Each made page with labels, headlines, fields and credited captions around it."""
    for texts in _MADE:
        for gaps in (lambda i: 1, lambda i: 1 + (i == 2)):
            kept = _page(texts, gaps)
            labels = ["body"] * (kept[-1].index + 3)
            over = list(labels)
            over[kept[0].index] = "title"
            byline = list(labels)
            byline[kept[0].index] = "byline"
            late = list(labels)  # (a block taken for the headline under the headline's text)
            late[kept[len(kept) // 2].index] = "title"
            for marks in (labels, over, byline, late, ["subhead"] * len(labels)):
                for title in (None, texts[0], texts[1], "Headline here"):
                    for outcome in _made_outcomes(kept, texts):
                        yield kept, marks, outcome, title


def _made_outcomes(kept: list[Kept], texts: list[str]) -> Iterator[Outcome]:
    yield _outcome()
    yield _outcome(byline=[kept[1].index], date=[kept[0].index - 1, 99])
    for k, text in zip(kept, texts, strict=True):
        for rule in ("wire.photo-caption", "model.caption", "core.caption-twice"):
            yield _outcome([(k.index + 1, f"{text} {_CREDIT}", rule)])
        yield _outcome([(k.index + 1, text.upper(), "wire.photo-caption"), (k.index, "", "x")])
    yield _outcome(
        [(kept[2].index + 1, "first", "wire.a"), (kept[2].index + 1, texts[2], "wire.b")]
    )


@needs_compiled
def test_made_pages_walk_as_the_python_does() -> None:
    found = sum(_same(*call) for call in _made_calls())
    assert found > 500


#: Words of texts for random pages: ASCII, Latin-1, wide and astral characters, odd spaces,
#: empty words (two spaces in a row), ellipses and sentence ends.
_RANDOM_WORDS = st.sampled_from(
    ["the", "Council", "vote", "é", "Ä", "東京", "𝔘", "x\u00a0y", "\u3000", "", "…", "...", "(AP)"]
)
_TEXT = st.builds(
    lambda words, end: " ".join(words) + end,
    st.lists(_RANDOM_WORDS, max_size=14),
    st.sampled_from(["", ".", "?", ".”", " …", "...", " ", "»"]),
)
#: A block or a caption printed twice: the same, with a credit added, cut by an ellipsis, or
#: doubled in one block.
_PIECE = st.one_of(
    _TEXT.map(lambda t: [t]),
    _TEXT.map(lambda t: [t, t]),
    st.tuples(_TEXT, _TEXT).map(lambda p: [p[0], f"{p[0]} {p[1]}"]),
    st.tuples(_TEXT, _TEXT).map(lambda p: [f"{p[0]} {p[1]}", p[0]]),
    st.tuples(_TEXT, _TEXT).map(lambda p: [p[0] + "...", p[0] + p[1]]),
    _TEXT.map(lambda t: [f"{t} {t}"]),
)
_LABELS = st.sampled_from(["body", "subhead", "title", "byline", "date", "chrome", "teaser"])


@st.composite
def _random_call(draw: st.DrawFn) -> tuple[list[Kept], list[str], Outcome, str | None]:
    texts = [text for piece in draw(st.lists(_PIECE, max_size=8)) for text in piece]
    gaps = draw(
        st.lists(st.sampled_from([0, 1, 1, 1, 2]), min_size=len(texts), max_size=len(texts))
    )
    kept = _page(texts, lambda i: gaps[i])
    size = (kept[-1].index if kept else 0) + 3
    labels = draw(st.lists(_LABELS, min_size=size, max_size=size))
    title = draw(st.one_of(st.none(), st.sampled_from(texts or ["x"]), _TEXT))
    indexes = st.integers(-2, size + 1)
    captions = draw(
        st.lists(
            st.tuples(
                indexes,
                st.one_of(st.sampled_from(texts or ["x"]), _TEXT),
                st.sampled_from(["wire.photo-caption", "model.caption", "core.caption-twice"]),
            ),
            max_size=4,
        )
    )
    byline = draw(st.lists(indexes, max_size=2))
    date = draw(st.lists(indexes, max_size=2))
    return kept, labels, _outcome(captions, byline, date), title


@needs_compiled
@settings(max_examples=1500, deadline=None)
@given(_random_call())
def test_any_page_walks_as_the_python_does(
    call: tuple[list[Kept], list[str], Outcome, str | None],
) -> None:
    _same(*call)


def test_bad_arguments_raise_no_crash() -> None:
    if compiled is None:
        pytest.skip("the package was built without its C extension")
    args = (KEEP, story._OVER_STORY, story._TWICE_COUNTS, story._MARKS, story._copy_of)
    kept = _page([_LEDE, _CAPTION, _CAPTION])
    with pytest.raises(AttributeError):
        compiled.printed_twice([object()], ["body"], Outcome(), None, *args)
    with pytest.raises(TypeError, match="not iterable"):
        compiled.printed_twice(5, ["body"], Outcome(), None, *args)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="a block's text must be a str"):
        compiled.printed_twice(_page([5]), ["body"] * 3, Outcome(), None, *args)  # type: ignore[list-item]
    with pytest.raises(TypeError, match="a block's text must be a str"):  # (not only the first)
        compiled.printed_twice(_page([_LEDE, 5]), ["body"] * 3, Outcome(), None, *args)  # type: ignore[list-item]
    with pytest.raises(IndexError):
        compiled.printed_twice(kept, ["body"], Outcome(), None, *args)
    with pytest.raises(AttributeError):
        compiled.printed_twice(kept, ["body"] * 5, object(), None, *args)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        bad = _outcome([(2, _CAPTION, "wire.a")])
        bad.fields["captions"] = [_CAPTION]  # type: ignore[list-item]
        compiled.printed_twice(kept, ["body"] * 5, bad, None, *args)
    with pytest.raises(ValueError):
        compiled.printed_twice(kept, ["body"] * 5, Outcome(), None, *args[:3], "no nul", args[4])


@needs_compiled
@needs_training_data
def test_the_training_dumps_walk_as_the_python_does(cleaner: Cleaner) -> None:
    """Every dump ``training.train_model`` makes of both parts, cleaned (slow)."""
    counts: list[int] = []
    with _compared(counts):
        for text in dump_texts():
            cleaner.clean(text)
    assert len(counts) > 1000 and sum(counts) > 0
