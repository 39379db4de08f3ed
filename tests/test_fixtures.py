"""Every fixture under fixtures/: exact equality with its expectation, and the invariants.

Invariants, checked on every fixture (black's habit): nothing of the page is lost (each
line is in the body, in a field, or in ``removed``: ``cleaner.accounting.lost_lines``);
cleaning the body again changes nothing; no crash with explanation on or off, in any output
format.

Known misses of the expectation are recorded per field beside each fixture
(``NAME.known.json``, written only by ``cleaner-fixtures check --accept``): a listed field must
give exactly its recorded output, so a change for the worse fails, and a fix fails until its
entry goes. Known misses of the invariants are listed in ``known_failures.toml`` and run as
strict xfail (``python -m tests.write_known_failures --accept`` rewrites it).
"""

from __future__ import annotations

import json
import tomllib
from functools import cache
from pathlib import Path

import pytest

from cleaner import Article, Cleaner
from cleaner.accounting import lost_lines
from cleaner.fixtures import (
    Fixture,
    clean_fixture,
    discover,
    fixture_for,
    source_text,
)
from cleaner.pytest_plugin import assert_fixture, cleaner_fixture_cases
from cleaner.render import FORMATS, render

from .conftest import FIXTURES

KNOWN_FAILURES = Path(__file__).with_name("known_failures.toml")
CHECKS = ("nothing-lost", "idempotent", "no-crash")


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


def test_every_page_is_a_fixture_with_an_expectation() -> None:
    pages = {
        p.relative_to(FIXTURES).with_suffix("").as_posix()
        for p in FIXTURES.rglob("*")
        if p.suffix in (".txt", ".html")
    }
    found = discover([FIXTURES])
    assert pages and {f.name for f in found} == pages
    for fixture in found:
        assert fixture.input is not None and fixture.expected.is_file(), fixture.name


@pytest.mark.parametrize("fixture", cleaner_fixture_cases(FIXTURES))
def test_expected(fixture: Fixture) -> None:
    assert_fixture(fixture, cleaner=explaining())


@pytest.mark.parametrize("fixture", cases("nothing-lost"))
def test_nothing_lost(fixture: Fixture) -> None:
    lost = lost_lines(source_text(fixture), cleaned(fixture))
    assert not lost, "lines not in the body, a field or removed:\n" + "\n".join(lost)


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
        outputs = {fmt: render(article, fmt, path=fixture.name) for fmt in FORMATS}
        assert set(outputs) == {"text", "json", "jsonl", "markdown"}
        assert outputs["text"] == article.body
        assert json.loads(outputs["json"]) == article.to_dict()
        line = json.loads(outputs["jsonl"])
        assert "\n" not in outputs["jsonl"] and line.pop("path") == fixture.name
        assert line == article.to_dict()
        if article.body:
            assert article.body in outputs["markdown"]
        if article.title:
            assert outputs["markdown"].startswith(f"# {article.title}")


def test_known_failure_files_belong_to_fixtures() -> None:
    for path in FIXTURES.rglob("*.known.json"):
        fixture = fixture_for(path, FIXTURES)
        assert fixture is not None and fixture.input is not None, f"{path}: no page beside it"
        entries = fixture.load_known()
        assert entries, f"{path}: empty (delete it)"
        assert set(entries) <= set(fixture.load_expected() or {}), f"{path}: not compared"


def test_known_failures_name_real_fixtures_with_reasons() -> None:
    names = {fixture.name for fixture in discover([FIXTURES])}
    data = tomllib.loads(KNOWN_FAILURES.read_text(encoding="utf-8"))
    assert set(data) <= set(CHECKS), f"unknown sections: {set(data) - set(CHECKS)}"
    for check, entries in data.items():
        for name, reason in entries.items():
            assert name in names, f"[{check}] {name}: no such fixture"
            assert isinstance(reason, str) and reason.strip(), f"[{check}] {name}: no reason"
