"""Shared test helpers: paths into the repository, nothing from outside it."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
SEED_PAPER = FIXTURES / "seeds" / "ap-rubio-local-paper.txt"
SEED_APP = FIXTURES / "seeds" / "ap-rubio-daily8.txt"
#: The seeds' and the text fixtures' pages (the text path's pages the equality tests walk).
TEXT_PAGES = sorted((FIXTURES / "seeds").glob("*.txt")) + sorted((FIXTURES / "text").glob("*.txt"))


@pytest.fixture(scope="session")
def cleaner_with_explain():
    from cleaner import Cleaner

    return Cleaner(explain=True)


#: A user's rule whose nested repeat backtracks on a long block of words that does not end as
#: the pattern asks: `regex` takes about 0.36 s on 300 words, 4 s on 1,000 (one core, quiet),
#: so the page's 1,000-word block runs into the 0.25 s time limit on any machine.
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
    + "word " * 1000
    + "!\n\nAnother paragraph of the story is here too."
)
