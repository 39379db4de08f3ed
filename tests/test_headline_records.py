"""The headline model's records for crfsuite made by the compiled module (``_cfeatures.c``'s
``weighted_records``, under ``CRF_HASH``) are :func:`crf.weighted_records`': the same bytes for
each candidate, on the seeds and text fixtures as the pipeline hands them to the tagger, on
items made for the branches (attributes the model does not know, values that are ints, a
mapping that is no dict, an empty item), on any items (hypothesis) and (where
``training/data`` is built) on every dump the models are trained and validated on."""

from __future__ import annotations

import math
import struct
from collections.abc import Iterator, Mapping, Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner import Cleaner
from cleaner.passes import crf, headline
from cleaner.passes.story import headline_path

from .conftest import TEXT_PAGES
from .test_headline_cfeatures import _training_calls
from .training_dumps import needs_training_data

compiled = crf._weighted_records
needs_compiled = pytest.mark.skipif(
    compiled is None,
    reason="the package was built without its C extension (or not for this crf.py)",
)


#: The headline model's tagger whose ids the tests ask (kept: its ids ask the model's strings,
#: released with it).
_TAGGERS: list[crf.CTagger] = []


def _tagger() -> crf.CTagger:
    if not _TAGGERS:
        tagger = crf.open_tagger(headline_path())
        if not isinstance(tagger, crf.CTagger):
            pytest.skip("crfsuite's C tagger is not reachable here")
        _TAGGERS.append(tagger)
    return _TAGGERS[0]


def _same(ids: Mapping[str, int], xseq: Sequence[Mapping[str, float]]) -> int:
    """The compiled records of the items are the Python's; how many items."""
    assert compiled is not None
    expected = crf.weighted_records(ids, xseq)
    assert compiled(ids, xseq) == expected, xseq
    return len(expected)


def test_the_compiled_records_are_used_where_the_module_was_built() -> None:
    if compiled is None:
        pytest.skip("the package was built without its C extension")
    assert crf._compiled() is not None
    # chosen once, at import: a build that silently kept the Python would go unmeasured
    assert crf._chosen_weighted_records is compiled


@needs_compiled
def test_the_fixtures_records_are_the_python_ones(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each page the pipeline hands the headline tagger on the seeds and text fixtures."""
    counts = [0, 0]
    tagger = _tagger()
    set_items = crf.CTagger.set

    def compared(self: crf.CTagger, xseq: Sequence[Mapping[str, float]]) -> None:
        if xseq and isinstance(xseq[0], Mapping):
            counts[0] += 1
            counts[1] += _same(tagger._ids, xseq)
        set_items(self, xseq)

    monkeypatch.setattr(crf.CTagger, "set", compared)
    cleaner = Cleaner()
    for path in TEXT_PAGES:
        cleaner.clean(path.read_bytes())
    assert counts[0] >= 15 and counts[1] > 100


class _Items(Mapping[str, float]):
    """A mapping that is no dict: its items in its own order."""

    def __init__(self, pairs: list[tuple[str, float]]) -> None:
        self._pairs = dict(pairs)

    def __getitem__(self, name: str) -> float:
        return self._pairs[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._pairs)

    def __len__(self) -> int:
        return len(self._pairs)


@needs_compiled
def test_made_items_records_are_the_python_ones() -> None:
    tagger = _tagger()
    made: list[Mapping[str, float]] = [
        {"bias": 1.0, "mt": 0.73, "lab=title": 1.0, "no such attribute": 2.0},
        {"mt": 0.0, "nedge": 1, "sent": True, "w=>22": -0.5},
        {},
        {"no such attribute": 1.0},
        {"mt": math.inf, "pmt": -math.inf, "nmt": -0.0, "bias": 5e-324},
        _Items([("sent", 1.0), ("bias", 0.25), ("unknown", 1.0), ("mt", 0.5)]),
    ]
    assert _same(tagger._ids, made) == 6
    assert _same(tagger._ids, []) == 0
    # the model's ids: a known attribute's record holds its id, an unknown one none
    record = crf.weighted_records(tagger._ids, [{"bias": 1.0, "no such attribute": 1.0}])[0]
    assert struct.unpack("=i4xd", record) == (tagger._ids["bias"], 1.0)
    # a NaN value: the same bits
    assert _same(tagger._ids, [{"mt": math.nan}]) == 1
    # ids given by a plain dict, one negative, one missing (a KeyError either way)
    assert _same({"a": 3, "b": -1, "c": 7}, [{"c": 0.5, "b": 1.0, "a": 2.0}]) == 1
    # a name the ids do not hold: a KeyError either way; a value that is no number: an error
    for function in (crf.weighted_records, compiled):
        with pytest.raises(KeyError):
            function({"a": 3}, [{"x": 1.0}])
        with pytest.raises((TypeError, struct.error)):
            function({"a": 3}, [{"a": "text"}])  # type: ignore[dict-item]


@needs_compiled
def test_wrong_arguments_are_clear_errors() -> None:
    with pytest.raises(TypeError, match="weighted_records"):
        compiled([], [])  # type: ignore[arg-type,misc]
    with pytest.raises(TypeError, match="weighted_records"):
        compiled({}, 3)  # type: ignore[arg-type,misc]
    with pytest.raises(OverflowError, match="int32"):
        compiled({"a": 1 << 40}, [{"a": 1.0}])  # type: ignore[misc]


_NAMES = ["bias", "mt", "pmt", "nmt", "lab=title", "lab=body", "sent", "w=>22", "unknown", "x"]


@needs_compiled
@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.dictionaries(
            st.one_of(st.sampled_from(_NAMES), st.text(max_size=8)),
            st.one_of(st.floats(), st.integers(min_value=-(2**40), max_value=2**40)),
            max_size=30,
        ),
        max_size=20,
    )
)
def test_any_items_records_are_the_python_ones(xseq: list[dict[str, float]]) -> None:
    _same(_tagger()._ids, xseq)


@needs_compiled
@needs_training_data
def test_the_training_dumps_records_are_the_python_ones() -> None:
    """The headline model's items of every dump ``training.train_model`` makes of both parts,
    as ``training.train_headline`` makes them (slow)."""
    tagger = _tagger()
    items = 0
    for args in _training_calls():
        items += _same(tagger._ids, headline.features(*args))
    assert items > 10_000
