"""The buckets of a banded MinHash LSH, held compactly.

datasketch computes the MinHash values (:class:`datasketch.MinHash`); its ``MinHashLSH`` keeps
each band's buckets as a dict of Python sets keyed by the band's bytes, and a second dict of
every key's band bytes (for removal, which the story index never does). Most buckets of a news
index hold one article, so that is a 216-byte set and a bytes key per band and article: about
16 KB an article over the index's 66 bands, 1.6 of the 1.8 GB of 100,000 articles. Here a
bucket is one dict entry keyed by a 60-bit hash of the band's values, holding an entry number
(an ``int``, shared by all the entry's bands) or, once a second entry shares the bucket, an
``array`` of them. The bands are datasketch's (rows ``[i * r, (i + 1) * r)`` of the MinHash for
band ``i``), so a query finds the same candidates as ``MinHashLSH.query`` does, up to a 60-bit
hash collision.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator
from typing import Any

import numpy as np

#: Odd 64-bit multipliers that mix a band's rows into one key (wrapping arithmetic).
_MIX = np.uint64(0x9E3779B97F4A7C15)
_KEEP = np.uint64((1 << 60) - 1)


class Bands:
    """``bands`` buckets tables of ``rows`` MinHash values each; entries are integers."""

    __slots__ = ("bands", "rows", "tables")

    def __init__(self, bands: int, rows: int) -> None:
        self.bands = bands
        self.rows = rows
        self.tables: list[dict[int, int | array[int]]] = [{} for _ in range(bands)]

    def keys(self, hashvalues: Any) -> list[int]:
        """One key per band, from a MinHash's ``hashvalues`` (a numpy array of at least
        ``bands * rows`` values)."""
        rows = np.asarray(hashvalues[: self.bands * self.rows], dtype=np.uint64)
        rows = rows.reshape(self.bands, self.rows)
        key = rows[:, 0].copy()
        for column in range(1, self.rows):
            key = key * _MIX + rows[:, column]
        key ^= key >> np.uint64(29)
        return [int(k) for k in (key * _MIX) & _KEEP]

    def insert(self, entry: int, hashvalues: Any) -> None:
        """Put ``entry`` in the bucket of each of its bands."""
        for table, key in zip(self.tables, self.keys(hashvalues), strict=True):
            held = table.get(key)
            if held is None:
                table[key] = entry
            elif isinstance(held, int):
                table[key] = array("I", (held, entry))
            else:
                held.append(entry)

    def query(self, hashvalues: Any) -> Iterator[int]:
        """The entries sharing a bucket with these values in any band (each may come more than
        once)."""
        for table, key in zip(self.tables, self.keys(hashvalues), strict=True):
            held = table.get(key)
            if held is None:
                continue
            if isinstance(held, int):
                yield held
            else:
                yield from held

    def __len__(self) -> int:
        """The number of buckets, over all bands."""
        return sum(len(table) for table in self.tables)
