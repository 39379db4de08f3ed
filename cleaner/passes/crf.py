"""crfsuite's tagger called through its C interface: the same model file, the same C code and
so the same labels and probabilities as python-crfsuite's ``Tagger``, without converting each
attribute string again on every page.

python-crfsuite hands a page to crfsuite as C++ strings: each of a seed document's ~1,600
attribute strings is encoded to UTF-8, copied into C++ strings three times and looked up in the
model's string database, on every page (1.9 million instructions a seed document, where
crfsuite's own scoring is 0.5). Here each attribute string is looked up in the model once per
process and kept as crfsuite's own record of it (``crfsuite_attribute_t``: its id and value, 16
bytes); a page is the join of its blocks' records, in their order (crfsuite sums the weights in
that order: the scores are the same to the last bit), handed to crfsuite's C tagger (``set``,
``viterbi``, ``marginal_point``) by ctypes.

The C functions are those of the crfsuite that python-crfsuite's extension module is built
with (the module exports them). When they cannot be found or the model's interface does not
read as crfsuite's, :func:`open_tagger` falls back to python-crfsuite's ``Tagger``: the same
results, slower.

A page handed as the features' columns (:meth:`CTagger.set_blocks`) is scored by the compiled
features module where it was built (``score_blocks`` in ``_cfeatures.c``): each attribute's
state features read once per process from the model file into flat tables (:func:`state_table`),
and each block's state scores summed there in crfsuite's order (its attributes, then its
neighbours' by their offset, as :func:`joined_records` joins them; each attribute's features in
the file's order), written into crfsuite's own tagger, whose Viterbi and marginals then run as
ever: the same sums, so the same bits. That writes into crfsuite's internal structs (its
tagger's context: python-crfsuite's build), so it is used only after a probe page scored both
ways gives the same labels and probabilities (:meth:`CTagger._state_scorer`); else, and with
``CLEANER_PURE_FEATURES=1``, crfsuite is handed the records and scores them itself.
"""

from __future__ import annotations

import ctypes
import struct
from array import array
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol

_Self = ctypes.c_void_p
_Int = ctypes.c_int
_Func = ctypes.CFUNCTYPE

#: ``crfsuite_attribute_t``: the attribute's id and value (an int, padding, a double).
_ATTRIBUTE = struct.Struct("=i4xd")
#: ``crfsuite_item_t``: the number of its attributes, its capacity, a pointer to them.
_ITEM = struct.Struct("@iiP")
#: ``crfsuite_instance_t``: items (number, capacity, pointer), labels (none: not training),
#: weight and group.
_INSTANCE = struct.Struct("@iiPPdi")

#: The prefixes of the neighbours' attributes, two and one before a block, one and two after.
_NEIGHBOURS = ("-2:", "-1:", "1:", "2:")
#: Attribute strings kept per tagger at most (a block's first and last words are open-ended:
#: the lookups are bounded, then started again).
_CACHE_MAX = 1 << 17


#: The model file's header (crfsuite's crf1d_model.c, ``header_t``): its magic, size, type,
#: version, numbers of features, labels and attributes, and the offsets of the features, the
#: label and attribute strings, and the labels' and attributes' feature references.
_HEADER = struct.Struct("<4sI4sIIIIIIIII")
#: A chunk's head (``featureref_header_t``, ``feature_header_t``): its id, size, items.
_CHUNK = struct.Struct("<4sII")
#: A feature (``crf1dm_feature_t`` as written): its type (0: a state feature), source (its
#: attribute), destination (its label) and weight.
_FEATURE = struct.Struct("<IIId")
_COUNT = struct.Struct("<I")

#: The switch that asks for the Python (and crfsuite's own scoring) instead of the compiled
#: module, as features.py's.
_PURE_SWITCH = "CLEANER_PURE_FEATURES"

_JoinRecords = Callable[
    [
        list[list[str]],
        list[list[str]],
        list[list[str]],
        tuple[Mapping[str, bytes], ...],
        tuple[bytes, bytes, bytes, bytes],
    ],
    list[bytes],
]
_WeightedRecords = Callable[[Mapping[str, int], Sequence[Mapping[str, float]]], list[bytes]]
_ScoreBlocks = Callable[[tuple[Any, ...], list[list[str]], list[list[str]], list[list[str]]], None]


def _compiled() -> Any:
    """The compiled features module, where the package was built with it and its
    ``CRF_HASH`` is that of the code here it follows (``compiled_follows.CRF``: the records'
    order and the state table); None otherwise and with ``CLEANER_PURE_FEATURES=1``."""
    from ..code_hash import compiled_module
    from ..compiled_follows import CRF

    return compiled_module(f"{__package__}._cfeatures", "CRF_HASH", CRF, _PURE_SWITCH)


_module = _compiled()
_join_records: _JoinRecords | None = getattr(_module, "join_records", None)
_score_blocks: _ScoreBlocks | None = getattr(_module, "score_blocks", None)
_marginal_point: Callable[[int, int, int], float] | None = getattr(_module, "marginal_point", None)
#: What :meth:`CTagger.marginal` asks crfsuite's probabilities with, chosen once a process: the
#: compiled ``marginal_point`` once a probe page (:meth:`CTagger._probed`) got every
#: probability from it as from ctypes, else None (ctypes asked). It reads crfsuite's taggers,
#: whose layout is the library's, so the one probe chooses for every tagger of the process (a
#: ctypes call costs some 9,000 instructions more, and the decide stage asks 70 to 170 a page).
_chosen_marginal_point: Callable[[int, int, int], float] | None = None
_weighted_records: _WeightedRecords | None = getattr(_module, "weighted_records", None)


def state_table(data: bytes) -> tuple[int, int, bytes, bytes, bytes]:
    """The state features of a crfsuite model file's bytes as crfsuite's tagger reads them
    (crf1d_model.c: an attribute's references, each its feature): the numbers of labels and
    of attributes, and per attribute id ``a`` its features, from ``starts[a]`` up to
    ``starts[a + 1]`` (int32s) in ``labels`` (int32s) and ``weights`` (doubles: the file's
    bits), in the order of its references: the order crfsuite adds them in. ``ValueError``
    where the bytes do not read so."""
    try:
        # the header's number of features is not written (0): the chunk's is
        (magic, _, kind, _, _, labels_n, attrs, at_features, _, _, _, at_refs) = (
            _HEADER.unpack_from(data, 0)
        )
        feature_chunk, _, features = _CHUNK.unpack_from(data, at_features)
        ref_chunk, _, ref_count = _CHUNK.unpack_from(data, at_refs)
        if (magic, kind, feature_chunk, ref_chunk) != (
            b"lCRF",
            b"FOMC",
            b"FEAT",
            b"AFRF",
        ) or ref_count != attrs:
            raise ValueError("not a crfsuite model of one sequence (CRF1d) read as expected")
        first = at_features + _CHUNK.size
        if first + _FEATURE.size * features > len(data):
            raise ValueError("a crfsuite model cut short in its features")
        starts, labels, weights = array("i", [0]), array("i"), array("d")
        for aid, at in enumerate(struct.unpack_from(f"<{attrs}I", data, at_refs + _CHUNK.size)):
            (count,) = _COUNT.unpack_from(data, at)
            for fid in struct.unpack_from(f"<{count}I", data, at + _COUNT.size):
                if fid >= features:
                    raise ValueError(f"attribute {aid} refers to feature {fid} of {features}")
                at_feature = first + _FEATURE.size * fid
                state, source, label, weight = _FEATURE.unpack_from(data, at_feature)
                if state != 0 or source != aid or label >= labels_n:
                    raise ValueError(f"feature {fid} is no state feature of attribute {aid}")
                labels.append(label)
                weights.append(weight)
            starts.append(len(labels))
    except struct.error as error:
        raise ValueError(f"a crfsuite model cut short: {error}") from error
    return labels_n, attrs, starts.tobytes(), labels.tobytes(), weights.tobytes()


def weighted_records(ids: Mapping[str, int], xseq: Sequence[Mapping[str, float]]) -> list[bytes]:
    """Each item's records as crfsuite is handed them, from attribute names with values (the
    headline model's items): in the mapping's order, an attribute the model does not know
    (``ids`` gives -1) left out, as crfsuite leaves it out. ``_cfeatures.c``'s
    ``weighted_records`` makes the same bytes (the headline model's page: some 50 thousand
    instructions a seed document in this comprehension; benchmarks/README.md, headpage27)."""
    pack, join = _ATTRIBUTE.pack, b"".join
    return [
        join([pack(aid, value) for name, value in item.items() if (aid := ids[name]) >= 0])
        for item in xseq
    ]


#: What :meth:`CTagger.set` makes a page of weighted items' records with, chosen once, at
#: import: the compiled ``weighted_records`` where the module has it, else the Python above. No
#: probe, unlike ``marginal_point``: it reads nothing of crfsuite's, only packs ``_ATTRIBUTE``'s
#: records (a layout :func:`_library` holds to the platform's) as the Python does (its code
#: under ``CRF_HASH``; tests/test_headline_records.py holds the bytes to the Python's).
_chosen_weighted_records: _WeightedRecords = (
    weighted_records if _weighted_records is None else _weighted_records
)


def joined_records(
    ones: Callable[[str], bytes],
    neighbours: Sequence[Callable[[str], bytes]],
    edge: Sequence[bytes],
    own: Sequence[Sequence[str]],
    near: Sequence[Sequence[str]],
    far: Sequence[Sequence[str]],
) -> list[bytes]:
    """Each block's records as crfsuite is handed them: its own attributes' (``ones``), then
    the blocks' two and one before it and one and two after it (``near`` and ``far``
    attributes, by ``neighbours``: one table per offset), ``edge`` records past the page's
    edge."""
    join, total = b"".join, len(own)
    before_2, before_1, after_1, after_2 = neighbours
    return list(
        map(
            join,
            zip(
                [join(map(ones, item)) for item in own],
                [edge[0]] * min(2, total) + [join(map(before_2, item)) for item in far[:-2]],
                [edge[1]] * min(1, total) + [join(map(before_1, item)) for item in near[:-1]],
                [join(map(after_1, item)) for item in near[1:]] + [edge[2]] * min(1, total),
                [join(map(after_2, item)) for item in far[2:]] + [edge[3]] * min(2, total),
                strict=True,
            ),
        )
    )


class _Model(ctypes.Structure):
    """``crfsuite_model_t``'s interface."""

    _fields_ = [
        ("internal", ctypes.c_void_p),
        ("nref", _Int),
        ("addref", _Func(_Int, _Self)),
        ("release", _Func(_Int, _Self)),
        ("get_tagger", _Func(_Int, _Self, ctypes.POINTER(ctypes.c_void_p))),
        ("get_labels", _Func(_Int, _Self, ctypes.POINTER(ctypes.c_void_p))),
        ("get_attrs", _Func(_Int, _Self, ctypes.POINTER(ctypes.c_void_p))),
        ("dump", _Func(_Int, _Self, ctypes.c_void_p)),
    ]


class _Tagger(ctypes.Structure):
    """``crfsuite_tagger_t``'s interface."""

    _fields_ = [
        ("internal", ctypes.c_void_p),
        ("nref", _Int),
        ("addref", _Func(_Int, _Self)),
        ("release", _Func(_Int, _Self)),
        ("set", _Func(_Int, _Self, ctypes.c_char_p)),
        ("length", _Func(_Int, _Self)),
        ("viterbi", _Func(_Int, _Self, ctypes.POINTER(_Int), ctypes.POINTER(ctypes.c_double))),
        ("score", _Func(_Int, _Self, ctypes.POINTER(_Int), ctypes.POINTER(ctypes.c_double))),
        ("lognorm", _Func(_Int, _Self, ctypes.POINTER(ctypes.c_double))),
        ("marginal_point", _Func(_Int, _Self, _Int, _Int, ctypes.POINTER(ctypes.c_double))),
    ]


class _Dictionary(ctypes.Structure):
    """``crfsuite_dictionary_t``'s interface (the model's attribute and label strings)."""

    _fields_ = [
        ("internal", ctypes.c_void_p),
        ("nref", _Int),
        ("addref", _Func(_Int, _Self)),
        ("release", _Func(_Int, _Self)),
        ("get", _Func(_Int, _Self, ctypes.c_char_p)),
        ("to_id", _Func(_Int, _Self, ctypes.c_char_p)),
        ("to_string", _Func(_Int, _Self, _Int, ctypes.POINTER(ctypes.c_char_p))),
        ("num", _Func(_Int, _Self)),
        ("free", _Func(None, _Self, ctypes.c_char_p)),
    ]


class Tagger(Protocol):
    """What the story and headline models ask of a tagger (python-crfsuite's names)."""

    def set(self, xseq: Sequence[Sequence[str]] | Sequence[Mapping[str, float]]) -> None:
        """Score a page's items: each a list of attribute names, or names with values."""

    def tag(self) -> list[str]:
        """The most likely labels of the items last set."""

    def labels(self) -> list[str]:
        """The model's labels."""

    def marginal(self, label: str, index: int) -> float:
        """The probability of ``label`` at item ``index`` of the items last set."""


class _AttributeLayout(ctypes.Structure):
    _fields_ = [("aid", _Int), ("value", ctypes.c_double)]


class _ItemLayout(ctypes.Structure):
    _fields_ = [("num", _Int), ("cap", _Int), ("contents", ctypes.c_void_p)]


class _InstanceLayout(ctypes.Structure):
    _fields_ = [
        ("num", _Int),
        ("cap", _Int),
        ("items", ctypes.c_void_p),
        ("labels", ctypes.c_void_p),
        ("weight", ctypes.c_double),
        ("group", _Int),
    ]


def _layout_is_the_platforms() -> bool:
    """Whether the packed records above have the sizes this platform's C compiler gives
    crfsuite's structs (a double aligned to 4 bytes, as on 32-bit x86, would not)."""
    return (
        _ATTRIBUTE.size == ctypes.sizeof(_AttributeLayout)
        and _ITEM.size == ctypes.sizeof(_ItemLayout)
        and _INSTANCE.size == _InstanceLayout.group.offset + ctypes.sizeof(_Int)
    )


def _library() -> ctypes.CDLL:
    """python-crfsuite's extension module, opened for its exported crfsuite C functions."""
    if not _layout_is_the_platforms():
        raise OSError("crfsuite's records are laid out otherwise on this platform")
    from pycrfsuite import _pycrfsuite  # the module the Tagger class comes from

    library = ctypes.CDLL(_pycrfsuite.__file__)
    create = library.crfsuite_create_instance_from_file
    create.argtypes = [ctypes.c_char_p, ctypes.POINTER(ctypes.c_void_p)]
    create.restype = _Int
    return library


class _Ids(dict[str, int]):
    """Attribute string → its id in the model (-1 when the model does not know it), asked of
    the model's string database once."""

    __slots__ = ("_attrs", "_to_id")

    def __init__(self, attrs: ctypes.c_void_p, to_id: Any) -> None:
        super().__init__()
        self._attrs, self._to_id = attrs, to_id

    def __missing__(self, attr: str) -> int:
        if len(self) > _CACHE_MAX:
            self.clear()
        found = self[attr] = int(self._to_id(self._attrs, attr.encode("utf-8")))
        return found


class _Records(dict[str, bytes]):
    """Attribute string → crfsuite's record of it with the value 1 (none, b"", for one the
    model does not know: crfsuite leaves those out too); with a ``prefix``, the record of the
    attribute so prefixed (a neighbour's attribute as a block sees it: ``-1:`` + ``story:1``)."""

    __slots__ = ("_ids", "_prefix")

    def __init__(self, ids: _Ids, prefix: str = "") -> None:
        super().__init__()
        self._ids, self._prefix = ids, prefix

    def __missing__(self, attr: str) -> bytes:
        if len(self) > _CACHE_MAX:
            self.clear()
        aid = self._ids[self._prefix + attr]
        record = self[attr] = _ATTRIBUTE.pack(aid, 1.0) if aid >= 0 else b""
        return record


class _Pairs(dict[str, tuple[int, int]]):
    """A neighbour's attribute string → the ids of the attribute prefixed by the offset before
    a block and by the one after it (``-1:`` and ``1:``, or ``-2:`` and ``2:``; -1 where the
    model does not know it), asked of the model's string database once."""

    __slots__ = ("_after", "_attrs", "_before", "_to_id")

    def __init__(self, attrs: ctypes.c_void_p, to_id: Any, before: str, after: str) -> None:
        super().__init__()
        self._attrs, self._to_id = attrs, to_id
        self._before, self._after = before, after

    def __missing__(self, attr: str) -> tuple[int, int]:
        if len(self) > _CACHE_MAX:
            self.clear()
        to_id, attrs = self._to_id, self._attrs
        found = self[attr] = (
            int(to_id(attrs, (self._before + attr).encode("utf-8"))),
            int(to_id(attrs, (self._after + attr).encode("utf-8"))),
        )
        return found


def _address(data: bytes) -> int:
    """Where a bytes object's contents are (they stay put while it lives)."""
    return ctypes.cast(ctypes.c_char_p(data), ctypes.c_void_p).value or 0


#: A file as :func:`file_state` finds it.
FileState = tuple[str, int, int, int, int]


def file_state(path: Path) -> FileState:
    """A model file as it is now, for the caches of what is read from it (this module's
    :data:`_CHECKED`, ``story._thread_tagger``'s taggers): its path, device, inode, mtime and
    size, so that a file changed or replaced is read again. ``-1`` for the four where it cannot
    be read (reading it then fails). The path as given, not resolved: resolving it cost some
    0.2 ms a call here, twice a fresh Cleaner (another spelling of the same file's path only
    misses the caches once)."""
    try:
        found = path.stat()
    except OSError:
        return str(path), -1, -1, -1, -1
    return str(path), found.st_dev, found.st_ino, found.st_mtime_ns, found.st_size


#: The model files whose compiled scoring :meth:`CTagger._state_scorer` has checked, by the file
#: (:func:`file_state`: its path, device, inode, mtime and size) and the scoring function: the
#: file's state table, or None where it has none or the probe page was scored otherwise. Every
#: later tagger of the file in the process (a Cleaner built per page in a scraper, a tagger per
#: thread) takes it without reading the file or scoring the probe again: about 5 of the 41 ms a
#: Cleaner built for one text page and cleaning it cost (6.5 ms the page with a Cleaner reused).
_CHECKED: dict[tuple[Any, ...], tuple[Any, ...] | None] = {}


def _read_state_table(path: Path) -> tuple[Any, ...] | None:
    """The model file's state table (:func:`state_table`, compiled where it is), None where
    the file holds none."""
    read = getattr(_module, "state_table", state_table)  # the same, in C
    try:
        return tuple(read(path.read_bytes()))
    except ValueError:
        return None


class CTagger:
    """A crfsuite model opened through crfsuite's C interface: python-crfsuite's ``Tagger``
    methods the story and headline models use, with the same results."""

    def __init__(self, path: Path, library: ctypes.CDLL | None = None) -> None:
        library = library or _library()
        self._model_p = ctypes.c_void_p()
        if library.crfsuite_create_instance_from_file(
            str(path).encode(), ctypes.byref(self._model_p)
        ):
            raise ValueError(f"not a crfsuite model: {path}")
        self._model = ctypes.cast(self._model_p, ctypes.POINTER(_Model)).contents
        self._tagger_p = ctypes.c_void_p()
        self._attrs_p = ctypes.c_void_p()
        labels_p = ctypes.c_void_p()
        model = self._model
        if (
            model.get_tagger(self._model_p, ctypes.byref(self._tagger_p))
            or model.get_attrs(self._model_p, ctypes.byref(self._attrs_p))
            or model.get_labels(self._model_p, ctypes.byref(labels_p))
        ):
            raise ValueError(f"crfsuite could not open {path}")
        tagger = ctypes.cast(self._tagger_p, ctypes.POINTER(_Tagger)).contents
        self._address: int = self._tagger_p.value or 0
        self._set, self._viterbi = tagger.set, tagger.viterbi
        self._marginal = tagger.marginal_point
        self._release_tagger = tagger.release
        attrs = ctypes.cast(self._attrs_p, ctypes.POINTER(_Dictionary)).contents
        self._release_attrs = attrs.release
        self._attrs = attrs
        self._path_name = path
        self._ids = _Ids(self._attrs_p, attrs.to_id)
        self._ones = _Records(self._ids)
        self._neighbours = tuple(_Records(self._ids, prefix) for prefix in _NEIGHBOURS)
        edges = [self._ones[prefix + "edge"] for prefix in _NEIGHBOURS]
        self._edges = (edges[0], edges[1], edges[2], edges[3])
        self._labels = _strings(labels_p)
        self._label_ids = {label: n for n, label in enumerate(self._labels)}
        self._length = 0
        self._prob = ctypes.c_double()
        self._prob_p = ctypes.pointer(self._prob)
        self._score_p = ctypes.pointer(ctypes.c_double())
        self._path = (_Int * 0)()
        #: What ``score_blocks`` is handed (:meth:`_state_scorer`): built at the first page
        #: handed as columns; None where it cannot be used.
        self._scorer: tuple[Any, ...] | None = None
        self._scorer_tried = False

    def __del__(self) -> None:
        release = getattr(self, "_release_tagger", None)
        if release is not None:
            release(self._tagger_p)
            self._release_attrs(self._attrs_p)
            self._model.release(self._model_p)

    def set(self, xseq: Sequence[Sequence[str]] | Sequence[Mapping[str, float]]) -> None:
        """Score a page's items: each a list of attribute names (each with the value 1), or a
        mapping of names to values (the headline model's)."""
        if xseq and isinstance(xseq[0], Mapping):
            records = _chosen_weighted_records(self._ids, xseq)  # type: ignore[arg-type]
        else:
            ones, join = self._ones.__getitem__, b"".join
            records = [join(map(ones, item)) for item in xseq]
        self._set_records(records)

    def set_blocks(
        self,
        own: Sequence[Sequence[str]],
        near: Sequence[Sequence[str]],
        far: Sequence[Sequence[str]],
    ) -> None:
        """Score a page given as ``features.block_features`` gives it: each block's own
        attributes, then those of the blocks two and one before it and one and two after it,
        prefixed by their offset (``-1:edge`` … past the page's edge), as
        ``features.page_features`` joins them; the same records in the same order as
        :meth:`set` of that join, without the prefixed strings: each neighbour's attribute is
        looked up once, by its offset's table. Scored by the compiled module where it can be
        (the module docstring), else by crfsuite from the records."""
        scorer = self._scorer if self._scorer_tried else self._state_scorer()
        if (
            scorer is not None
            and _score_blocks is not None
            and isinstance(own, list)
            and isinstance(near, list)
            and isinstance(far, list)
        ):
            self._length = 0
            _score_blocks(scorer, own, near, far)
            self._length = len(own)
            return
        self._set_records(self._joined(own, near, far))

    def _state_scorer(self) -> tuple[Any, ...] | None:
        """What the compiled ``score_blocks`` is handed: crfsuite's tagger, the model's state
        table (:func:`state_table`), the tables of the attributes' ids (a block's own; its
        near and far attributes' by the offsets before and after it) and the edges' ids.
        None where the module is not at hand, the model file does not read as the one
        crfsuite opened, or a probe page scored by it and by crfsuite from the records gets
        other labels or probabilities (crfsuite's tagger laid out otherwise than the
        module's copy of its structs, crfsuite scoring otherwise)."""
        self._scorer_tried = True
        if _score_blocks is None:
            return None
        path = Path(self._path_name)
        state = file_state(path)
        if state[1] < 0:  # (not read: nothing kept under it)
            return None
        key = (*state, _score_blocks)
        checked = key in _CHECKED
        try:
            table = _CHECKED[key] if checked else _read_state_table(path)
        except OSError:
            return None
        if table is None:
            return None
        labels, attrs, starts, label_ids, weights = table
        if labels != len(self._labels) or attrs != self._attrs.num(self._attrs_p):
            return None
        to_id, edges = self._attrs.to_id, [self._ids[prefix + "edge"] for prefix in _NEIGHBOURS]
        scorer = (
            self._tagger_p.value,
            labels,
            attrs,
            starts,
            label_ids,
            weights,
            self._ids,
            _Pairs(self._attrs_p, to_id, "-1:", "1:"),
            _Pairs(self._attrs_p, to_id, "-2:", "2:"),
            (edges[0], edges[1], edges[2], edges[3]),
        )
        if not checked:
            _CHECKED[key] = table if self._probed(scorer, attrs) else None
            if _CHECKED[key] is None:
                return None
        self._scorer = scorer
        return scorer

    def _probed(self, scorer: tuple[Any, ...], attrs: int) -> bool:
        """Whether the probe page gets crfsuite's labels and probabilities from ``scorer``
        (and, where it does, whether the compiled ``marginal_point`` gets those probabilities:
        :data:`_chosen_marginal_point`)."""
        global _chosen_marginal_point
        own, near, far = self._probe_page(attrs)
        self._set_records(self._joined(own, near, far))
        expected = self._scores(len(own))
        try:
            _score_blocks(scorer, own, near, far)  # type: ignore[misc]
        except RuntimeError:  # the tagger's structs are not the module's copy of them
            self._length = 0
            return False
        if self._scores(len(own)) != expected:
            return False
        if (
            _marginal_point is not None
            and _chosen_marginal_point is None
            and expected[1]
            == [
                _marginal_point(self._address, lid, n)
                for n in range(len(own))
                for lid in range(len(self._labels))
            ]
        ):
            _chosen_marginal_point = _marginal_point
        return True

    def _probe_page(self, attrs: int) -> tuple[list[list[str]], list[list[str]], list[list[str]]]:
        """A page of 7 blocks with some of the model's attributes: about 100 of its strings
        spread over its ids, each block's own attributes those without an offset, its near
        ones those with one of 1 (the offset taken off), its far ones those with one of 2 and
        the near ones (few attributes have an offset of 2), and one the model does not know."""
        strings = []
        out = ctypes.c_char_p()
        for aid in range(0, attrs, max(1, attrs // 101)):
            if not self._attrs.to_string(self._attrs_p, aid, ctypes.byref(out)):
                strings.append((out.value or b"").decode("utf-8"))
                self._attrs.free(self._attrs_p, out)
        plain = [attr for attr in strings if not attr.startswith(_NEIGHBOURS)]
        near = [attr.partition(":")[2] for attr in strings if attr.startswith(("-1:", "1:"))]
        far = [attr.partition(":")[2] for attr in strings if attr.startswith(("-2:", "2:"))]
        unknown = ["(no attribute of the model)"]
        blocks = range(7)
        return (
            [plain[n::7] + unknown for n in blocks],
            [near[n::7] + unknown for n in blocks],
            [far[n::7] + near[n::7] + unknown for n in blocks],
        )

    def _scores(self, count: int) -> tuple[list[str], list[float]]:
        """The labels and every label's probability at every item of the page last set (by
        ctypes)."""
        labels = self.tag()
        return labels, [
            self._ctypes_marginal(lid, n) for n in range(count) for lid in range(len(self._labels))
        ]

    def _joined(
        self,
        own: Sequence[Sequence[str]],
        near: Sequence[Sequence[str]],
        far: Sequence[Sequence[str]],
    ) -> list[bytes]:
        """Each block's records as :meth:`set_blocks` hands them: joined by the compiled
        features module where it was built, else by :meth:`_python_joined`."""
        if _join_records is None or not (
            isinstance(own, list) and isinstance(near, list) and isinstance(far, list)
        ):
            return self._python_joined(own, near, far)
        return _join_records(
            own,
            near,
            far,
            (self._ones, *self._neighbours),
            self._edges,
        )

    def _python_joined(
        self,
        own: Sequence[Sequence[str]],
        near: Sequence[Sequence[str]],
        far: Sequence[Sequence[str]],
    ) -> list[bytes]:
        """Each block's records: its own attributes', then its neighbours' by their offset."""
        return joined_records(
            self._ones.__getitem__,
            [table.__getitem__ for table in self._neighbours],
            self._edges,
            own,
            near,
            far,
        )

    def _set_records(self, records: list[bytes]) -> None:
        """Hand crfsuite a page of items, each the join of its attributes' records."""
        join = b"".join
        contents = join(records)
        at = _address(contents)
        pack = _ITEM.pack
        items = []
        for record in records:
            size = len(record)
            items.append(pack(size >> 4, size >> 4, at))
            at += size
        table = join(items)
        count = len(records)
        instance = _INSTANCE.pack(count, count, _address(table), 0, 1.0, 0)
        self._length = 0
        if self._set(self._tagger_p, instance):
            raise RuntimeError("crfsuite could not score the page")
        self._length = count

    def tag(self) -> list[str]:
        """The most likely labels (Viterbi) of the items last set."""
        if len(self._path) < self._length:  # one array for every page up to its length
            self._path = (_Int * self._length)()
        if self._viterbi(self._tagger_p, self._path, self._score_p):
            raise RuntimeError("crfsuite could not label the page")
        labels = self._labels
        return [labels[n] for n in self._path[: self._length]]

    def labels(self) -> list[str]:
        """The model's labels, in crfsuite's order."""
        return list(self._labels)

    def marginal(self, label: str, index: int) -> float:
        """The probability of ``label`` at item ``index`` of the items last set: crfsuite's,
        asked by the compiled module where the probe page found it reads the tagger as ctypes
        does (:data:`_chosen_marginal_point`), else through ctypes."""
        if not 0 <= index < self._length:
            raise ValueError("The position number is out of range")
        lid = self._label_ids.get(label)
        if lid is None:
            raise ValueError("Failed to convert into label identifier.")
        if _chosen_marginal_point is not None:
            return _chosen_marginal_point(self._address, lid, index)
        return self._ctypes_marginal(lid, index)

    def page_marginal(self) -> Callable[[str, int], float]:
        """:meth:`marginal` for the page last set, as one function: its length, label ids and
        the compiled ``marginal_point`` read once (a page asks 60-170 marginals, and the method's
        own reads cost more than crfsuite's marginal). The same checks and the same floats;
        :meth:`marginal` itself where the compiled function was not chosen."""
        point = _chosen_marginal_point
        if point is None:
            return self.marginal
        address, ids, length = self._address, self._label_ids, self._length

        def marginal(label: str, index: int) -> float:
            if not 0 <= index < length:
                raise ValueError("The position number is out of range")
            lid = ids.get(label)
            if lid is None:
                raise ValueError("Failed to convert into label identifier.")
            return point(address, lid, index)

        return marginal

    def _ctypes_marginal(self, lid: int, index: int) -> float:
        """The probability of the label of id ``lid`` at item ``index`` through ctypes:
        crfsuite's tagger's ``marginal_point``. Both are the caller's to check (:meth:`marginal`;
        :meth:`_scores` asks every label at every item of the page last set)."""
        if self._marginal(self._tagger_p, lid, index, self._prob_p):
            raise RuntimeError("crfsuite could not compute the marginal probability")
        return self._prob.value


def _strings(dictionary_p: ctypes.c_void_p) -> tuple[str, ...]:
    """All strings of a crfsuite dictionary (the labels), in id order; releases it."""
    dictionary = ctypes.cast(dictionary_p, ctypes.POINTER(_Dictionary)).contents
    out = ctypes.c_char_p()
    strings = []
    try:
        for n in range(dictionary.num(dictionary_p)):
            if dictionary.to_string(dictionary_p, n, ctypes.byref(out)):
                raise ValueError("crfsuite could not read the model's labels")
            strings.append((out.value or b"").decode("utf-8"))
            dictionary.free(dictionary_p, out)
    finally:
        dictionary.release(dictionary_p)
    return tuple(strings)


def open_tagger(path: Path) -> Tagger:
    """A tagger of the crfsuite model at ``path``: crfsuite's C interface (:class:`CTagger`),
    or python-crfsuite's ``Tagger`` when that cannot be reached."""
    try:
        library = _library()
    except (OSError, AttributeError):  # not exported by this build of python-crfsuite
        library = None
    if library is not None:
        return CTagger(path, library)
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    return tagger  # type: ignore[no-any-return]
