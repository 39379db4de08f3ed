"""The headline model's features computed by the compiled module (``_cfeatures.c``'s
``candidate_features``, under ``HEADLINE_HASH``) are :func:`headline.python_features`': each
candidate's dict, its names in the same order (crfsuite sums the weights in that order) with
the same values, on the seeds and text fixtures as the pipeline asks them, on pages made for the
branches, on any texts (hypothesis) and (where ``training/data`` is built) on every dump the
models are trained and validated on."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import islice

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner import Cleaner
from cleaner.blocks import Block
from cleaner.engine import Outcome, apply_rules
from cleaner.engine.apply import Kept
from cleaner.passes import headline
from cleaner.text_blocks import text_to_page

from .conftest import TEXT_PAGES
from .training_dumps import dump_texts, needs_training_data

compiled = headline._compiled()
needs_compiled = pytest.mark.skipif(
    compiled is None,
    reason="the package was built without its C extension (or not for this headline.py)",
)

Args = tuple[
    headline.Marginal,
    Sequence[str],
    Sequence[Block],
    Sequence[Kept],
    Sequence[int],
    Outcome,
    str | None,
]


def _items(found: list[dict[str, float]]) -> list[list[tuple[str, float]]]:
    return [list(feats.items()) for feats in found]


#: The function the pipeline calls (kept: a test below wraps it).
FEATURES = headline.features


def _same(args: Args) -> int:
    """The compiled features of one call are the Python's, in order, and so are the page facts
    they are made of (:func:`_same_page`); how many candidates."""
    expected = headline.python_features(*args)
    assert _items(FEATURES(*args)) == _items(expected), args[3]
    _same_page(args)
    return len(expected)


def _same_page(args: Args) -> None:
    """The page facts of one call (``headline._page``: the story's first line, the blocks'
    keys, the anchors and fields, the candidates' lede shares) built through the compiled
    module are those the pure Python builds: ``_page`` with the compiled module taken away, as
    ``CLEANER_PURE_FEATURES=1`` takes it (``python_features`` builds ``_page`` through the
    compiled module too, so the features' comparison alone does not hold its C to its Python)."""
    _, labels, blocks, kept, positions, outcome, _ = args
    built = headline._page(labels, blocks, kept, positions, outcome)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(headline, "_compiled", lambda: None)
        expected = headline._page(labels, blocks, kept, positions, outcome)
    assert built == expected, args[3]


def test_the_compiled_features_are_called_where_the_module_was_built() -> None:
    if compiled is None:
        pytest.skip("the package was built without its C extension")
    assert hasattr(compiled, "candidate_features")


@needs_compiled
def test_the_fixtures_features_are_the_python_ones(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each call the pipeline makes on the seeds and text fixtures, compared as it is made
    (the story model's marginals are the page's then)."""
    features = headline.features
    counts = [0, 0]

    def compared(*args: object) -> list[dict[str, float]]:
        counts[0] += 1
        counts[1] += _same(args)  # type: ignore[arg-type]
        return features(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(headline, "features", compared)
    cleaner = Cleaner()
    for path in TEXT_PAGES:
        cleaner.clean(path.read_bytes())
    assert counts[0] >= 15 and counts[1] > 100


#: Texts for the branches: title case and capitals (one word and more), a first character that
#: is a digit, a mark, a letter outside ASCII; a kicker's colon, at the ends and inside; each of
#: the site suffix's separators, '::', separators without spaces round them and other spaces;
#: Han and kana (words_of called back), a sentence end behind closing marks; the same words
#: again, with more after them and fewer (the copies' features); a heading mark.
MADE_TEXTS = [
    "Council Backs The Riverside Park",
    "COUNCIL BACKS THE RIVERSIDE PARK",
    "COUNCIL",
    "Council backs the riverside park plan",
    "Council backs the riverside park plan - The Daily News",
    "council backs the riverside park plan | The Daily",
    "Council backs the riverside park plan :: Site",
    "Council backs the riverside park plan\u3000\u2014\u3000Site",
    "Parks: council backs the plan",
    ":Parks",
    "Parks:",
    "Parks-plan|x\u00b7y \u00bbz",
    "A \u00b7 B \u00bb C \u2013 D",
    "Council plan \u00bb Site",
    "Council plan \u00b7 Site",
    "Council plan \u2013 Site",
    "2026 budget passes",
    "\u201cWe will build it,\u201d mayor says.\u201d",
    "\u00c9lections municipales : le maire r\u00e9\u00e9lu",
    "\u6771\u4eac\u90fd\u306f13\u65e5\u3001\u65b0\u3057\u3044\u8a08\u753b\u3092\u767a\u8868",
    "\u30cb\u30e5\u30fc\u30b9 \u6771\u4eac \u5927\u962a \u540d\u53e4\u5c4b",
    "## Council backs the riverside park plan",
    "By Jane Doe",
    "March 3, 2026",
    "Menu",
    "Home",
    "News",
    "Sport \u00c6ble \u01c5ungla \u1fbc",
    "The mayor said the park would open in the spring after years of delay and debate.",
    "Council backs the riverside park plan after a long night of debate over the costs",
]


def _made_page(
    texts: list[str],
    labels: list[str],
    titles: list[float],
    anchors: list[int],
    fields: list[int],
    fallback: int | None,
    positions: list[int] | None = None,
) -> Args:
    blocks = tuple(Block(text) for text in texts)
    # every other block kept, then the rest: kept indexes not the positions
    kept = [Kept(block, index=n) for n, block in enumerate(blocks) if n % 5 != 3]
    outcome = Outcome(kept=kept)
    for n, index in enumerate(anchors):
        outcome.put(("byline", "date", "dateline")[n % 3], "x", "rule", index)
    for index in fields:
        outcome.put("section", "x", "rule", index)

    def marginal(label: str, index: int) -> float:
        assert label == "title"
        return titles[index % len(titles)]

    if positions is None:  # every kept block with a label (a neighbour may have none)
        positions = [p for p, item in enumerate(kept) if item.index < len(labels)]
    return (
        marginal,
        labels,
        blocks,
        kept,
        positions,
        outcome,
        None if fallback is None else texts[fallback % len(texts)],
    )


LABELS = ["title", "body", "chrome", "byline", "subhead", "teaser"]


@needs_compiled
def test_made_pages_features_are_the_python_ones() -> None:
    seen: dict[str, int] = {}
    for size in range(2, len(MADE_TEXTS) + 1, 3):
        for texts in (MADE_TEXTS[:size], MADE_TEXTS[-size:], MADE_TEXTS[::-1][:size]):
            for short in (0, 2):
                labels = [LABELS[n % len(LABELS)] for n in range(len(texts) - short)]
                args = _made_page(
                    texts, labels, [0.0, 0.11, 0.5, 0.9, 1.0, 0.29999], [1, 4], [2, 6], 3
                )
                _same(args)
                for feats in headline.python_features(*args):
                    for name in feats:
                        seen[name.partition("=")[0]] = seen.get(name.partition("=")[0], 0) + 1
    # every feature's branch was taken
    for name in (
        "lab", "mt", "cand", "candr", "pl", "pmt", "pw", "pedge", "nl", "nmt", "nw", "nedge",
        "tostory", "finder", "w", "sent", "tc", "caps", "start", "colon", "sep", "anchor",
        "field", "anchor_below", "after_short", "dup_below", "dup_above", "prefix_of",
        "has_prefix", "lede", "lede_best",
    ):  # fmt: skip
        assert seen.get(name), name


@needs_compiled
def test_a_page_without_story_and_odd_calls_are_the_pythons() -> None:
    texts = ["Menu", "Home", "News today", "Sport"]
    labels = ["chrome"] * 4
    args = _made_page(texts, labels, [0.2], [], [], None)
    _same(args)
    assert "nostory" in headline.python_features(*args)[0]
    # no candidate at all
    _same(_made_page(texts, labels, [0.2], [], [], None, positions=[]))
    # a candidate whose block has no label (the labels shorter than the page): IndexError both
    args = _made_page(texts, labels[:1], [0.2], [], [], None, positions=[0, 1])
    with pytest.raises(IndexError):
        headline.python_features(*args)
    with pytest.raises(IndexError):
        FEATURES(*args)
    # a marginal that is no number fails alike
    bad = _made_page(texts, labels, [0.2], [], [], None)
    bad = (lambda label, index: "x", *bad[1:])  # type: ignore[assignment, return-value]
    with pytest.raises(TypeError):
        headline.python_features(*bad)
    with pytest.raises(TypeError):
        FEATURES(*bad)


@needs_compiled
def test_wrong_arguments_are_clear_errors() -> None:
    assert compiled is not None
    marginal, labels, blocks, kept, positions, outcome, fallback = _made_page(
        ["Menu", "Home"], ["chrome", "title"], [0.2], [], [], None
    )
    page = headline._page(labels, blocks, kept, positions, outcome)
    with pytest.raises(TypeError, match="8 arguments"):
        compiled.candidate_features(marginal, labels, kept)  # type: ignore[call-arg]
    with pytest.raises(ValueError, match="NUL"):
        compiled.candidate_features(
            marginal, labels, kept, positions, page, fallback, headline.words_of, "."
        )
    with pytest.raises(TypeError, match="five facts"):
        compiled.candidate_features(
            marginal, labels, kept, positions, page[:4], fallback, headline.words_of, "\0."
        )
    with pytest.raises(IndexError, match="position"):
        compiled.candidate_features(
            marginal, labels, kept, [0, 9], page, fallback, headline.words_of, "\0."
        )


_ALPHABET = "Aa bB1:|-\u2014\u00b7\u00bb.\u201d\u00c9\u00df\u01c5\u6771\u30cb\t\u3000#x"


@needs_compiled
@settings(max_examples=500, deadline=None)
@given(
    st.lists(st.text(alphabet=_ALPHABET, min_size=1, max_size=60), min_size=1, max_size=12),
    st.lists(st.sampled_from(LABELS), min_size=1, max_size=12),
    st.lists(st.floats(min_value=0.0, max_value=1.0), min_size=1, max_size=4),
    st.lists(st.integers(min_value=0, max_value=14), max_size=4),
    st.lists(st.integers(min_value=0, max_value=14), max_size=4),
    st.one_of(st.none(), st.integers(min_value=0, max_value=14)),
)
def test_any_pages_features_are_the_python_ones(
    texts: list[str],
    labels: list[str],
    titles: list[float],
    anchors: list[int],
    fields: list[int],
    fallback: int | None,
) -> None:
    # labels for every block or fewer (a candidate has one, its neighbours may not)
    labels = (labels * len(texts))[: len(texts) - len(fields) % 2]
    _same(_made_page(texts, labels, titles, anchors, fields, fallback))


def _training_calls(texts: Iterable[str] | None = None) -> Iterator[Args]:
    """``headline.features``' arguments on every dump (or on ``texts``), as
    ``training.train_headline`` asks them (the shipped story model's labels and marginals)."""
    cleaner = Cleaner()
    model = cleaner.story
    assert model is not None
    for text in dump_texts() if texts is None else texts:
        page = text_to_page(text)
        if not page.blocks:
            continue
        outcome = apply_rules(page.blocks, cleaner.rules)
        kept = list(outcome.kept)
        labels = model.label(page.blocks, outcome)
        positions = headline.candidates(labels, kept)
        if positions:
            marginal: Callable[[str, int], float] = model.marginal
            yield marginal, labels, page.blocks, kept, positions, outcome, kept[0].block.text


@needs_compiled
@needs_training_data
def test_the_training_dumps_features_are_the_python_ones() -> None:
    """Every dump ``training.train_model`` makes of both parts (slow)."""
    candidates = sum(_same(args) for args in _training_calls())
    assert candidates > 10_000


@needs_compiled
@needs_training_data
def test_a_sample_of_training_dumps_page_facts_are_the_pure_pythons() -> None:
    """Every 25th dump of both parts (some 600; the test above takes them all, slowly): the
    page facts the compiled module builds are the pure Python's."""
    calls = 0
    for args in _training_calls(islice(dump_texts(), 0, None, 25)):
        _same_page(args)
        calls += 1
    assert calls > 400
