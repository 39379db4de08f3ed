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
"""

from __future__ import annotations

import ctypes
import os
import struct
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


def _compiled_join() -> _JoinRecords | None:
    """The compiled features module's ``join_records``, where the package was built with it
    (``CLEANER_PURE_FEATURES=1``: not used)."""
    if os.environ.get("CLEANER_PURE_FEATURES") == "1":
        return None
    try:
        from ._cfeatures import join_records
    except ImportError:
        return None
    return join_records


_join_records = _compiled_join()


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


def _address(data: bytes) -> int:
    """Where a bytes object's contents are (they stay put while it lives)."""
    return ctypes.cast(ctypes.c_char_p(data), ctypes.c_void_p).value or 0


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
        self._set, self._viterbi = tagger.set, tagger.viterbi
        self._marginal = tagger.marginal_point
        self._release_tagger = tagger.release
        attrs = ctypes.cast(self._attrs_p, ctypes.POINTER(_Dictionary)).contents
        self._release_attrs = attrs.release
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
            records = [self._weighted(item) for item in xseq]  # type: ignore[arg-type]
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
        looked up once, by its offset's table."""
        self._set_records(self._joined(own, near, far))

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
        join, total = b"".join, len(own)
        ones = self._ones.__getitem__
        before_2, before_1, after_1, after_2 = (table.__getitem__ for table in self._neighbours)
        edge = self._edges
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

    def _weighted(self, item: Mapping[str, float]) -> bytes:
        """One item's records from attribute names with values, in the mapping's order."""
        ids, pack = self._ids, _ATTRIBUTE.pack
        return b"".join(
            [pack(aid, value) for name, value in item.items() if (aid := ids[name]) >= 0]
        )

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
        """The probability of ``label`` at item ``index`` of the items last set."""
        if not 0 <= index < self._length:
            raise ValueError("The position number is out of range")
        lid = self._label_ids.get(label)
        if lid is None:
            raise ValueError("Failed to convert into label identifier.")
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
