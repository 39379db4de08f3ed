"""The story index's LSH buckets (cleaner/stories/bands.py) find what datasketch's MinHashLSH
finds with the same bands."""

from __future__ import annotations

import random

from datasketch import MinHash, MinHashLSH

from cleaner.stories.bands import Bands


def test_bands_find_the_candidates_datasketch_finds() -> None:
    rng = random.Random(3)
    base = [rng.sample(range(5000), 60) for _ in range(40)]
    sets = [*base, *([*s[:40], *rng.sample(range(5000, 9000), 20)] for s in base)]
    hashes = []
    for items in sets:
        minhash = MinHash(num_perm=64)
        minhash.update_batch([str(i).encode() for i in items])
        hashes.append(minhash)
    ours, theirs = Bands(21, 3), MinHashLSH(num_perm=64, params=(21, 3))
    for number, minhash in enumerate(hashes):
        ours.insert(number, minhash.hashvalues)
        theirs.insert(number, minhash)
    for minhash in hashes:
        found = set(ours.query(minhash.hashvalues))
        assert found == set(theirs.query(minhash))
    # copies sharing 40 of their 80 items (Jaccard 0.5) meet their originals with probability
    # 0.94 in 21 bands of 3 rows; distinct sets (Jaccard near 0) almost never meet
    met = [set(ours.query(hashes[n].hashvalues)) - {n} for n in range(40)]
    assert sum(40 + n in found for n, found in enumerate(met)) >= 34
    assert sum(len(found - {40 + n}) for n, found in enumerate(met)) <= 2
    # one bucket per band and set, less those the copies share
    assert 21 * 40 < len(ours) < 21 * 80
