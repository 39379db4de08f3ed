"""Errors the cleaner raises. Every message names its place: the input, or file → rule → key.

::

    CleanerError
    ├── InputError        an input cannot be cleaned (unreadable, empty, not a page)
    ├── RuleFileError     a rule file is refused (path, rule id, key, reason)
    ├── UnknownRuleError  ``disable`` names a rule that does not exist (a typo)
    └── FixtureError      a fixture folder is malformed (path, reason)
"""

from __future__ import annotations


class CleanerError(Exception):
    """Base of every error the cleaner raises on purpose."""


class InputError(CleanerError):
    """An input that cannot be cleaned; ``str()`` is ``"<name>: <reason>"``."""

    def __init__(self, reason: str, name: str | None = None) -> None:
        self.reason = reason
        self.name = name
        super().__init__(f"{name}: {reason}" if name else reason)


class RuleFileError(CleanerError):
    """A refused rule file, with the breadcrumb ``path → rule "id" → key "k": reason``."""

    def __init__(
        self, path: str, reason: str, *, rule: str | None = None, key: str | None = None
    ) -> None:
        self.path, self.rule, self.key, self.reason = path, rule, key, reason
        crumbs = [path]
        if rule:
            crumbs.append(f'rule "{rule}"')
        if key:
            crumbs.append(f'key "{key}"')
        super().__init__(" → ".join(crumbs) + f": {reason}")


class FixtureError(CleanerError):
    """A malformed fixture (missing input, unreadable expectation)."""


class UnknownRuleError(CleanerError):
    """Ids given to leave out that no rule answers to; ``ids`` lists them, ``suggestions`` maps
    each to close known ids."""

    def __init__(self, ids: list[str], suggestions: dict[str, list[str]]) -> None:
        self.ids, self.suggestions = ids, suggestions
        parts = []
        for rule_id in ids:
            close = suggestions.get(rule_id)
            parts.append(
                f"{rule_id!r}" + (f" (did you mean {' or '.join(close)}?)" if close else "")
            )
        super().__init__("no rule has the id " + ", ".join(parts))
