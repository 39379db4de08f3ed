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


#: A user's rule whose nested repeat backtracks without end on a long block of words that
#: does not end as the pattern asks: it runs into the pattern time limit.
SLOW_RULE = """\
[[rule]]
id = "slow.nested-repeat"
description = "A pattern with a nested repeat that backtracks without end."
action = "drop"
[rule.match]
on = "block"
regex = '(?:\\w+\\s?)+$'
[rule.examples]
match = ["Words and more words"]
"""
LONG_BLOCK_PAGE = (
    "Headline here today\n\nThe story begins here and goes on.\n\n"
    + "word " * 300
    + "!\n\nAnother paragraph of the story is here too."
)
