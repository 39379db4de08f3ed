"""Rules as frozen values: what a rule matches, where, and what it does with a match."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Any

import regex

#: Seconds any one pattern may run on one block before it is abandoned as a non-match.
PATTERN_TIMEOUT = 0.25

#: Fields a rule may move text into.
FIELDS = ("title", "byline", "dateline", "date", "source", "credits", "copyright", "captions")


class Action(Enum):
    """What a rule does with a matching block."""

    DROP = "drop"  # remove the block
    DROP_REST = "drop-rest"  # remove the block and every block after it
    CUT = "cut"  # cut the matched spans out of the block, keep the rest
    FIELD = "field"  # move the block (or the match) into a field


class On(Enum):
    """What a pattern is matched against."""

    LINE = "line"  # the whole block, being one line of chrome, must match
    BLOCK = "block"  # the pattern may stand anywhere in the block


_EDGE_PUNCT = " \t.:;!|•·*#>–—-=_~"
_SPACES = regex.compile(r"\s+")


def line_key(text: str) -> str:
    """How a block is compared with a phrase list in ``on = "line"`` rules.

    >>> line_key("  Related   ARTICLES: ")
    'related articles'
    """
    return _SPACES.sub(" ", text.strip(_EDGE_PUNCT)).casefold()


@dataclass(frozen=True, slots=True)
class Matcher:
    """A compiled pattern and how it is applied. ``phrases`` is set for ``on=line`` phrase lists."""

    on: On
    pattern: regex.Pattern[str] | None
    phrases: frozenset[str] | None = None

    def find(self, text: str) -> regex.Match[str] | bool | None:
        """A match object, ``True`` for a phrase-line hit, or ``None``/``False`` for none."""
        if self.phrases is not None:
            return line_key(text) in self.phrases
        assert self.pattern is not None
        try:
            if self.on is On.LINE:
                return self.pattern.fullmatch(text.strip(), timeout=PATTERN_TIMEOUT)
            return self.pattern.search(text, timeout=PATTERN_TIMEOUT)
        except TimeoutError:
            return None

    def spans(self, text: str) -> list[regex.Match[str]]:
        """Every match in ``text`` (for cuts), time-boxed."""
        assert self.pattern is not None
        try:
            return list(self.pattern.finditer(text, timeout=PATTERN_TIMEOUT))
        except TimeoutError:
            return []


@dataclass(frozen=True, slots=True)
class Scope:
    """Where on the page a rule may fire."""

    top: int | None = None  # only within the first N blocks
    bottom: int | None = None  # only within the last N blocks
    after: float | None = None  # only at or past this fraction of the blocks
    max_chars: int | None = None  # never on a block longer than this
    once: bool = False  # at most one match per page
    kinds: frozenset[str] | None = None  # only blocks of these kinds

    def admits(self, index: int, total: int, length: int, kind: str) -> bool:
        if self.max_chars is not None and length > self.max_chars:
            return False
        if self.top is not None and index >= self.top:
            return False
        if self.bottom is not None and index < total - self.bottom:
            return False
        if self.after is not None and index < self.after * total:
            return False
        return self.kinds is None or kind in self.kinds


@dataclass(frozen=True, slots=True)
class Gate:
    """When a site pack applies: the page's URL host is one of ``hosts``, or one of its
    blocks is one of the site's own ``signatures`` (chrome lines no other site prints)."""

    pack: str
    hosts: tuple[str, ...]
    signatures: frozenset[str]

    def opens(self, host: str | None, block_keys: frozenset[str]) -> bool:
        if host and any(host == h or host.endswith("." + h) for h in self.hosts):
            return True
        return not self.signatures.isdisjoint(block_keys)


@dataclass(frozen=True, slots=True)
class Rule:
    """One compiled rule, with where it came from and its own examples."""

    id: str
    description: str
    action: Action
    matcher: Matcher
    scope: Scope
    field: str | None = None
    take: str = "block"  # for FIELD: "block" or "match"
    pack: str = ""
    path: str = ""
    line: int = 0
    why: str | None = None
    aliases: tuple[str, ...] = ()
    seen_in: tuple[str, ...] = ()
    examples: Any = None  # engine.schema.Examples
    gate: Gate | None = None  # set for site packs: the rule runs only on that site's pages
