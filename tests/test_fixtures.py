"""Every fixture under fixtures/: exact equality with its expectation, and the invariants.

Invariants, checked on every fixture (black's habit): nothing of the page is lost (each
sentence is in the body, in a field, or in ``removed``); cleaning the body again changes
nothing; no crash with explanation on or off, in any output format. Known misses are listed in
``known_failures.toml`` and run as strict xfail: a fixed one fails until its entry goes.
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

import pytest

from cleaner import Article, Cleaner
from cleaner.fixtures import Fixture, clean_fixture, discover, lost_sentences, source_text
from cleaner.pytest_plugin import assert_fixture, cleaner_fixture_cases
from cleaner.render import FORMATS, render

from .conftest import FIXTURES

KNOWN_FAILURES = Path(__file__).with_name("known_failures.toml")
CHECKS = ("expected", "nothing-lost", "idempotent", "no-crash")


@cache
def known_failures() -> dict[str, dict[str, str]]:
    data = tomllib.loads(KNOWN_FAILURES.read_text(encoding="utf-8"))
    return {check: dict(data.get(check, {})) for check in CHECKS}


def cases(check: str) -> list[object]:
    return cleaner_fixture_cases(FIXTURES, known_failures=known_failures()[check])


@cache
def explaining() -> Cleaner:
    return Cleaner(explain=True)


@cache
def cleaned(fixture: Fixture) -> Article:
    return clean_fixture(fixture, explaining())


def test_there_are_fixtures() -> None:
    assert len(discover([FIXTURES])) >= 2


@pytest.mark.parametrize("fixture", cases("expected"))
def test_expected(fixture: Fixture) -> None:
    assert_fixture(fixture, cleaner=explaining())


@pytest.mark.parametrize("fixture", cases("nothing-lost"))
def test_nothing_lost(fixture: Fixture) -> None:
    lost = lost_sentences(source_text(fixture), cleaned(fixture))
    assert not lost, "not in the body, a field or removed:\n" + "\n".join(lost)


@pytest.mark.parametrize("fixture", cases("idempotent"))
def test_idempotent(fixture: Fixture) -> None:
    body = cleaned(fixture).body
    if not body:
        pytest.skip("empty body")
    assert Cleaner().clean(body, kind="text").body == body


@pytest.mark.parametrize("fixture", cases("no-crash"))
def test_no_crash_in_other_modes(fixture: Fixture) -> None:
    plain = clean_fixture(fixture, Cleaner())
    assert plain.removed is None
    assert plain.body == cleaned(fixture).body  # explanation changes nothing but `removed`
    for article in (plain, cleaned(fixture)):
        for fmt in FORMATS:
            assert isinstance(render(article, fmt, path=fixture.name), str)


def test_known_failures_name_real_fixtures_with_reasons() -> None:
    names = {fixture.name for fixture in discover([FIXTURES])}
    data = tomllib.loads(KNOWN_FAILURES.read_text(encoding="utf-8"))
    assert set(data) <= set(CHECKS), f"unknown sections: {set(data) - set(CHECKS)}"
    for check, entries in data.items():
        for name, reason in entries.items():
            assert name in names, f"[{check}] {name}: no such fixture"
            assert isinstance(reason, str) and reason.strip(), f"[{check}] {name}: no reason"
