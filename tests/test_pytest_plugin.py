"""The pytest plugin, as a user's own test suite uses it: settings only, or the helper."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from cleaner import cli_fixtures

from .user_repo import break_rule, make_user_repo

USER_TEST = """\
import pytest

from cleaner.pytest_plugin import assert_fixture, cleaner_fixture_cases

KNOWN = {"gazette/council-park": "the digest promo is not recognised yet"}


@pytest.mark.parametrize("fixture", cleaner_fixture_cases("fixtures", known_failures=KNOWN))
def test_fixture(fixture):
    article = assert_fixture(fixture, rules=["rules"])
    assert article.title
"""


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    make_user_repo(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert cli_fixtures.main(["update", "--rules", "rules"]) == 0
    return tmp_path


def pytest_in(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", *args],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_settings_collect_each_fixture_as_a_test(repo: Path) -> None:
    (repo / "pytest.ini").write_text(
        "[pytest]\ntestpaths = fixtures\ncleaner_fixtures = fixtures\ncleaner_rules = rules\n",
        encoding="utf-8",
    )
    result = pytest_in(repo, "--collect-only")
    assert "fixtures/gazette/council-park.txt::council-park" in result.stdout, result.stderr
    result = pytest_in(repo)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 passed" in result.stdout

    break_rule(repo)
    result = pytest_in(repo)
    assert result.returncode == 1
    out = result.stdout
    assert "FAIL fixtures/gazette/council-park: body, removed differ" in out
    assert "    +Look for the Riverside Gazette Daily Digest at every newsstand." in out
    assert "FAILED fixtures/gazette/council-park.txt::council-park" in out


def test_without_settings_the_plugin_collects_nothing(repo: Path) -> None:
    (repo / "pytest.ini").write_text("[pytest]\ntestpaths = fixtures\n", encoding="utf-8")
    result = pytest_in(repo)
    assert result.returncode == 5, result.stdout  # no tests collected


def test_the_helper_parametrizes_and_marks_known_failures(repo: Path) -> None:
    (repo / "tests").mkdir()
    (repo / "tests" / "test_pages.py").write_text(USER_TEST, encoding="utf-8")
    (repo / "pytest.ini").write_text("[pytest]\ntestpaths = tests\n", encoding="utf-8")
    result = pytest_in(repo)
    # the fixture holds, so its strict xfail entry fails the run: delete fixed entries
    assert result.returncode == 1
    assert "FAILED tests/test_pages.py::test_fixture[gazette/council-park]" in result.stdout
    assert "[XPASS(strict)] the digest promo is not recognised yet" in result.stdout

    break_rule(repo)
    result = pytest_in(repo, "-rx")
    assert result.returncode == 0, result.stdout
    assert "XFAIL tests/test_pages.py::test_fixture[gazette/council-park]" in result.stdout
    assert "1 xfailed" in result.stdout


def test_a_known_failure_naming_no_fixture_is_an_error(repo: Path) -> None:
    """A typo or a renamed fixture in known_failures is named, not passed over in silence."""
    from cleaner import FixtureError
    from cleaner.pytest_plugin import cleaner_fixture_cases

    with pytest.raises(FixtureError) as caught:
        cleaner_fixture_cases("fixtures", known_failures={"gazette/council-prak": "a typo"})
    assert (
        str(caught.value) == "known_failures names no fixture of fixtures: 'gazette/council-prak'"
    )
    [case] = cleaner_fixture_cases("fixtures", known_failures={"gazette/council-park": "known"})
    assert [mark.kwargs for mark in case.marks] == [{"strict": True, "reason": "known"}]
