"""pytest plugin: a folder of cleaner fixtures as test cases, one per fixture.

Installed with the package (entry point ``pytest11``), it offers two ways:

1. **Settings only.** In ``pyproject.toml`` (or ``pytest.ini``)::

       [tool.pytest.ini_options]
       testpaths = ["tests", "fixtures"]   # pytest must visit the fixture folder
       cleaner_fixtures = ["fixtures"]     # fixture folders to collect
       cleaner_rules = ["rules"]           # your rule folders (optional)
       cleaner_builtin = true              # also the built-in packs (default)

   Every fixture under those folders becomes a test item named after it; a mismatch fails
   with the same field-by-field diff as ``cleaner-fixtures check``. Fields listed in a
   fixture's known failures (``NAME.known.json``, written by ``cleaner-fixtures check
   --accept``) must give exactly their recorded output: the item then ends as ``xfail``.

2. **A helper in your own test module**, which can mark known failures::

       from cleaner.pytest_plugin import assert_fixture, cleaner_fixture_cases

       @pytest.mark.parametrize("fixture", cleaner_fixture_cases("fixtures", rules=["rules"]))
       def test_fixture(fixture):
           assert_fixture(fixture, rules=["rules"])
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from .api import Cleaner
    from .article import Article
    from .fixtures import Fixture, Outcome

_CLEANERS: dict[tuple[tuple[str, ...], bool], Cleaner] = {}


def fixture_cleaner(rules: Iterable[str | Path] = (), *, builtin: bool = True) -> Cleaner:
    """An explaining Cleaner for these rule folders, compiled once per test session."""
    from .api import Cleaner

    key = (tuple(str(Path(r).resolve()) for r in rules), builtin)
    if key not in _CLEANERS:
        _CLEANERS[key] = Cleaner(rule_dirs=key[0], builtin=builtin, explain=True)
    return _CLEANERS[key]


def cleaner_fixture_cases(
    *folders: str | Path, known_failures: Mapping[str, str] | None = None
) -> list[Any]:
    """One ``pytest.param`` per fixture found in ``folders``, with the fixture's name as id.

    ``known_failures`` maps fixture names (as in the ids) to a reason: those cases are marked
    ``xfail(strict=True)`` as a whole, so a fixed one fails until its entry is removed. For
    checks of the Article, prefer known failures per field (``NAME.known.json``), which
    :func:`assert_fixture` reads by itself: a whole-fixture xfail hides any other regression.
    Raises :class:`cleaner.FixtureError` for a name in ``known_failures`` that no fixture has
    (a typo, or a fixture renamed or removed: the entry would mark nothing).
    """
    from .errors import FixtureError
    from .fixtures import discover

    known = dict(known_failures or {})
    cases = []
    for fixture in discover(folders):
        reason = known.pop(fixture.name, None)
        marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
        cases.append(pytest.param(fixture, id=fixture.name, marks=marks))
    if known:
        where = ", ".join(str(folder) for folder in folders)
        raise FixtureError(
            f"known_failures names no fixture of {where}: {', '.join(map(repr, sorted(known)))}"
        )
    return cases


def assert_fixture(
    fixture: Fixture,
    *,
    rules: Iterable[str | Path] = (),
    builtin: bool = True,
    cleaner: Cleaner | None = None,
) -> Article:
    """Fail the test, with the field-by-field diff, unless the fixture's page cleans to its
    expected Article, fields listed in its known failures (``NAME.known.json``) giving exactly
    their recorded output. A fixture that holds only thanks to known failures ends as
    ``xfail`` naming them (so the summary lists them). Returns the cleaned Article."""
    from .article import Article
    from .fixtures import check, report

    outcome = check(fixture, cleaner or fixture_cleaner(rules, builtin=builtin))
    if not outcome.ok:
        pytest.fail("\n".join(report(outcome)), pytrace=False)
    assert outcome.actual is not None
    if outcome.known_fields:
        pytest.xfail(_known_reason(outcome))
    return Article.from_dict(outcome.actual)


def _known_reason(outcome: Outcome) -> str:
    """``known failures: title (why), body`` for a fixture holding only as recorded."""
    parts = [s.field + (f" ({s.why})" if s.why else "") for s in outcome.known]
    return "known failures, as recorded: " + "; ".join(parts)


# ---------------------------------------------------------------- settings-only collection


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addini("cleaner_fixtures", "cleaner fixture folders to collect as tests", type="paths")
    parser.addini("cleaner_rules", "rule folders for the cleaner fixtures", type="paths")
    parser.addini(
        "cleaner_builtin",
        "load the cleaner's built-in rule packs for fixtures (default true)",
        type="bool",
        default=True,
    )


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    folders = parent.config.getini("cleaner_fixtures")
    if not folders or file_path.suffix not in (".txt", ".html", ".json"):
        return None
    if not any(file_path.is_relative_to(folder) for folder in folders):
        return None
    from .fixtures import fixture_for

    fixture = fixture_for(file_path)
    if fixture is None:
        return None
    if file_path.suffix == ".json" and fixture.input is not None:
        return None  # collected through its input
    return FixtureFile.from_parent(parent, path=file_path)


class FixtureMismatch(Exception):
    """A fixture whose page does not clean to its expectation."""

    def __init__(self, outcome: Outcome) -> None:
        super().__init__(outcome.fixture.name)
        self.outcome = outcome


class FixtureFile(pytest.File):
    """A fixture's input file, holding its one test item."""

    def collect(self) -> Iterator[pytest.Item]:
        from .fixtures import fixture_for

        fixture = fixture_for(self.path)
        assert fixture is not None
        yield FixtureItem.from_parent(self, name=fixture.name.rsplit("/", 1)[-1], fixture=fixture)


class FixtureItem(pytest.Item):
    """One fixture checked against its expected Article."""

    def __init__(self, *, fixture: Fixture, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.fixture = fixture

    def runtest(self) -> None:
        from .fixtures import check

        config = self.config
        cleaner = fixture_cleaner(
            config.getini("cleaner_rules"), builtin=config.getini("cleaner_builtin")
        )
        outcome = check(self.fixture, cleaner)
        if not outcome.ok:
            raise FixtureMismatch(outcome)
        if outcome.known_fields:
            pytest.xfail(_known_reason(outcome))

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> Any:
        if isinstance(excinfo.value, FixtureMismatch):
            from .fixtures import report

            return "\n".join(report(excinfo.value.outcome))
        return super().repr_failure(excinfo, style=style)

    def reportinfo(self) -> tuple[Path, int, str]:
        return self.path, 0, f"cleaner fixture {self.fixture.name}"
