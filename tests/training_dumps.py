"""The training dumps, for the tests that hold compiled code to its Python over all of them
(where ``python -m training.build_data`` has built ``training/data``; skipped elsewhere)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[1] / "training" / "data"

needs_training_data = pytest.mark.skipif(not DATA.is_dir(), reason="training/data not built")


def dump_texts() -> Iterator[str]:
    """Every dump ``training.train_model`` makes of both parts (about 15,000)."""
    from training.story_data import read_records, variants

    for part in ("train", "val"):
        for record in read_records(DATA, part):
            for _, text, _ in variants(record):
                yield text
