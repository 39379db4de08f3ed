"""Shared test helpers: paths into the repository, nothing from outside it."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
SEED_PAPER = FIXTURES / "seeds" / "ap-rubio-local-paper.txt"
SEED_APP = FIXTURES / "seeds" / "ap-rubio-daily8.txt"


@pytest.fixture(scope="session")
def cleaner_with_explain():
    from cleaner import Cleaner

    return Cleaner(explain=True)
