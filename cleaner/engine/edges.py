"""What a pattern's matches can open and close with: the Latin-1 characters a match's first
and last character can be, and the pairs its first two can be, read off the pattern's parse.

A rule's try on a block that opens or closes with a Latin-1 character no match can open or
close with cannot match, and is not made (``apply._Bucket.candidates`` and its twin in
``_cengine.c``): generic.ui-labels' labels, wire.agency-signoff's agencies at a paragraph's end.

The pattern is read as ``regex`` itself parses it (``regex._regex_core``: the tree its compiler
optimises), and its characters' positions are followed as in Glushkov's construction: each
character class, literal and named list's letter is a position; the positions a match can start
with, end with, and the position that can follow each. Every zero-width item (a lookaround,
``^``, ``$``, ``\\b``) is read as matching the empty text, and a repeat's bounds as any number
(at least one where its least is): the matches read so are a superset of the pattern's, so the
characters found are all a real match can have. Anything else (a back reference, a conditional,
fuzzy matching, full case folding, ``\\K``, a version or layout of ``regex`` this does not know)
is refused: no test. ``tests/test_rule_speedups.py`` holds every gated rule's matches to them.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

import regex

#: What a pattern's matches open and close with, as plain data (``marshal`` writes it: the
#: pattern cache keeps it beside the compiled code, :meth:`pattern_cache.PatternStore.derived`):
#: the opening characters, each opening character's possible second characters (where some
#: Latin-1 one is not), the closing characters; each None where every character can be.
EdgeData = tuple[str | None, tuple[tuple[str, str], ...] | None, str | None]

#: The version of the reading: the pattern cache keeps results under it (a change of this file
#: that changes what is read bumps it).
VERSION = "edges-1"

_ALL = (1 << 256) - 1
#: The Latin-1 characters ``str.strip`` takes (a block's stripped text never opens or ends with
#: one).
_SPACE = sum(1 << c for c in range(256) if chr(c).isspace())
_NEWLINE = 1 << 10


class _Refused(Exception):
    """A pattern this reading does not know: no test for it."""


#: Masks read before (a class's, a letter's under its case flags; the characters of a mask):
#: the built-in packs repeat ``\s``, ``\p{Lu}`` and the named lists' letters many times.
_MASKS: dict[object, int] = {}
_CHARS: dict[int, str] = {}
_CASES: dict[object, list[tuple[int, ...]]] = {}


def _chars(mask: int) -> str:
    known = _CHARS.get(mask)
    if known is None:
        if len(_CHARS) > 4096:
            _CHARS.clear()
        known = _CHARS[mask] = "".join(chr(c) for c in _bits(mask))
    return known


def _bits(mask: int) -> list[int]:
    """The set bits of ``mask``, in order."""
    found = []
    while mask:
        low = mask & -mask
        found.append(low.bit_length() - 1)
        mask ^= low
    return found


class _Positions:
    """Glushkov's positions of a parsed pattern: each one's Latin-1 characters (a 256-bit mask)
    and the positions that can follow it."""

    def __init__(self, core: Any, engine: Any, flags: int) -> None:
        self.core, self.engine, self.flags = core, engine, flags
        self.masks: list[int] = []
        self.follow: list[set[int]] = []
        zero = (
            "StartOfString",
            "StartOfLine",
            "StartOfLineU",
            "EndOfString",
            "EndOfLine",
            "EndOfLineU",
            "EndOfStringLine",
            "EndOfStringLineU",
            "Boundary",
            "DefaultBoundary",
            "StartOfWord",
            "EndOfWord",
            "DefaultStartOfWord",
            "DefaultEndOfWord",
            "SearchAnchor",
            "LookAround",
        )
        self.zero_width = tuple(getattr(core, name) for name in zero)
        self.sets = tuple(
            getattr(core, name)
            for name in ("Property", "Range", "SetUnion", "SetDiff", "SetInter", "SetSymDiff")
        )
        self.repeats = (core.GreedyRepeat, core.LazyRepeat, core.PossessiveRepeat)

    def _position(self, mask: int) -> int:
        self.masks.append(mask)
        self.follow.append(set())
        return len(self.masks) - 1

    def _leaf(self, mask: int) -> tuple[bool, set[int], set[int]]:
        at = self._position(mask)
        return False, {at}, {at}

    def _link(self, lasts: set[int], firsts: set[int]) -> None:
        for at in lasts:
            self.follow[at] |= firsts

    def _ignoring_case(self, case_flags: int) -> bool:
        flags, ignore, full = int(case_flags), int(self.core.IGNORECASE), int(self.core.FULLCASE)
        if flags & ignore and flags & full:
            raise _Refused("full case folding: one character may match two")
        return bool(flags & ignore)

    def _char_mask(self, value: int, positive: bool, case_flags: int) -> int:
        ignoring = self._ignoring_case(case_flags)
        if not positive:  # (any character but it, its cases too: all but it, a superset)
            return _ALL if ignoring else _ALL & ~(1 << value if value < 256 else 0)
        if not ignoring:
            return 1 << value if value < 256 else 0
        key = ("char", value, int(self.flags))
        known = _MASKS.get(key)
        if known is None:
            values = set(self.engine.get_all_cases(self.flags, value)) | {value}
            known = _MASKS[key] = sum(1 << v for v in values if v < 256)
        return known

    def _cases(self) -> list[tuple[int, ...]]:
        """Each Latin-1 character's cases (itself first) under the pattern's flags."""
        key = ("cases", int(self.flags))
        known = _CASES.get(key)
        if known is None:
            get = self.engine.get_all_cases
            known = _CASES[key] = [
                (c, *(v for v in get(self.flags, c) if v != c)) for c in range(256)
            ]
        return known

    def _set_mask(self, node: Any) -> int:
        ignoring = self._ignoring_case(node.case_flags)
        key = (node._key, ignoring, int(self.flags))
        known = _MASKS.get(key)
        if known is None:
            known, matches = 0, node.matches
            if not ignoring:
                for c in range(256):
                    if matches(c):
                        known |= 1 << c
            else:
                # (a character matches under case folding if one of its cases is in the set:
                # one of them matching is what the set can match, a superset for a negated one)
                for c, cases in enumerate(self._cases()):
                    for v in cases:
                        if matches(v):
                            known |= 1 << c
                            break
            if len(_MASKS) > 4096:
                _MASKS.clear()
            _MASKS[key] = known
        return known

    def walk(self, node: Any) -> tuple[bool, set[int], set[int]]:  # noqa: C901 (one case a kind)
        """(whether it can match the empty text, its first positions, its last positions)."""
        core, kind = self.core, type(node)
        if node is None or isinstance(node, self.zero_width):
            return True, set(), set()
        if kind is core.Sequence:
            empty, first, last = True, set[int](), set[int]()
            for item in node.items:
                item_empty, item_first, item_last = self.walk(item)
                self._link(last, item_first)
                if empty:
                    first |= item_first
                last = last | item_last if item_empty else set(item_last)
                empty = empty and item_empty
            return empty, first, last
        if kind is core.StringSet:
            return self._named_list(node)
        if kind is core.Branch:
            empty, first, last = False, set[int](), set[int]()
            for branch in node.branches:
                branch_empty, branch_first, branch_last = self.walk(branch)
                empty, first, last = empty or branch_empty, first | branch_first, last | branch_last
            return empty, first, last
        if kind in (core.Group, core.Atomic):
            return self.walk(node.subpattern)
        if kind in self.repeats:
            if node.max_count == 0:
                return True, set(), set()
            empty, first, last = self.walk(node.subpattern)
            if node.max_count is None or node.max_count > 1:
                self._link(last, first)
            return empty or node.min_count == 0, first, last
        if kind is core.Character and not node.zerowidth:
            return self._leaf(self._char_mask(node.value, node.positive, node.case_flags))
        if kind in self.sets and not node.zerowidth:
            return self._leaf(self._set_mask(node))
        if kind is core.Any:
            return self._leaf(_ALL & ~_NEWLINE)
        if kind in (core.AnyAll, core.AnyU):
            return self._leaf(_ALL)
        raise _Refused(kind.__name__)

    def _named_list(self, node: Any) -> tuple[bool, set[int], set[int]]:
        """A named list's words as a trie of positions (a letter a node: the same texts)."""
        empty, first, last = False, set[int](), set[int]()
        root: dict[str, tuple[int, dict[str, Any]]] = {}
        for word in node.info.kwargs[node.name]:
            if not isinstance(word, str):
                raise _Refused("a named list of other than text")
            if not word:
                empty = True
                continue
            level, parent = root, -1
            for char in word:
                if char not in level:
                    at = self._position(self._char_mask(ord(char), True, node.case_flags))
                    level[char] = (at, {})
                    (first if parent < 0 else self.follow[parent]).add(at)
                parent, level = level[char]
            last.add(parent)
        return empty, first, last


def _parsed(pattern: regex.Pattern[str], core: Any) -> tuple[Any, int]:
    """The pattern's parse tree and its flags, as ``regex.compile`` parses it (a global inline
    flag such as ``(?x)`` read, the parse made again with it)."""
    lists = dict(getattr(pattern, "named_lists", None) or {})
    flags = pattern.flags
    for _ in range(3):
        source = core.Source(pattern.pattern)
        info = core.Info(flags, source.char_type, lists)
        source.ignore_space = bool(info.flags & regex.VERBOSE)
        try:
            parsed = core._parse_pattern(source, info)
        except core._UnscopedFlagSet:
            flags = info.global_flags
            continue
        if not source.at_end():
            raise _Refused("not read to its end")
        return parsed, info.flags
    raise _Refused("flags not settled")


def read_edges(pattern: regex.Pattern[str], *, line: bool, at_end: bool) -> EdgeData:
    """What ``pattern``'s matches open and close with, for a line rule (``line``: a full match
    of the block's stripped text: its first and last characters and first two) or a reverse
    pattern tried at the text's end (``at_end``: the last character of the block's stripped
    text, where no match is only spaces); all None for anything else, or a pattern not read.

    >>> read_edges(regex.compile(r"(?i)(?:log\\s+in|menu)[|]?"), line=True, at_end=False)[0]
    'LMlm'
    >>> read_edges(regex.compile(r"(?r)\\s*\\((?:AP|AFP)\\)\\s*$"), line=False, at_end=True)[2]
    ')'
    """
    if not (line or at_end) or pattern.flags & regex.VERSION1:
        return None, None, None
    try:
        # the parser regex.compile itself runs, and its engine's case tables
        core: Any = importlib.import_module("regex._regex_core")
        engine = core._regex
        positions = _Positions(core, engine, 0)
        parsed, flags = _parsed(pattern, core)
        if flags & regex.VERSION1:
            raise _Refused("version 1")
        positions.flags = flags
        empty, first, last = positions.walk(parsed)
    except (_Refused, ImportError, AttributeError, TypeError, KeyError, ValueError, regex.error):
        return None, None, None
    masks, follow = positions.masks, positions.follow
    if line:
        opens = _mask_of(masks, first)
        joined: dict[int, int] = {}  # an opening character: the characters after it
        for at in first:
            after = _mask_of(masks, follow[at])
            for c in _bits(masks[at]):
                joined[c] = joined.get(c, 0) | after
        pairs = tuple((chr(c), _chars(m)) for c, m in sorted(joined.items()) if m != _ALL)
        closes = _mask_of(masks, last)
        # (a stripped text neither opens nor closes with a space: those are no test)
        return (
            None if opens | _SPACE == _ALL else _chars(opens & ~_SPACE),
            pairs or None,
            None if closes | _SPACE == _ALL else _chars(closes & ~_SPACE),
        )
    # At the end: the last character before the spaces a match may end with.
    spaces = _space_tails(masks, follow, last)
    if empty or first & spaces:
        return None, None, None  # a match may be spaces alone
    closing = 0
    for at, mask in enumerate(masks):
        if at in last or follow[at] & spaces:
            closing |= mask
    closing &= ~_SPACE
    return None, None, None if closing == _ALL & ~_SPACE else _chars(closing)


def _mask_of(masks: list[int], positions: set[int]) -> int:
    found = 0
    for at in positions:
        found |= masks[at]
    return found


def _space_tails(masks: list[int], follow: list[set[int]], last: set[int]) -> set[int]:
    """The positions that can take a space and, from there, reach the match's end through
    positions that can take spaces alone."""
    spaced = {at for at, mask in enumerate(masks) if mask & _SPACE}
    tails = spaced & last
    grown = True
    while grown:
        grown = False
        for at in spaced - tails:
            if follow[at] & tails:
                tails.add(at)
                grown = True
    return tails


def cached_edges(
    derived: Callable[[str, Callable[[], Any]], Any],
    pattern: regex.Pattern[str],
    *,
    line: bool,
    at_end: bool,
) -> EdgeData:
    """:func:`read_edges`, kept by ``derived`` (the pattern cache's, under this reading's
    :data:`VERSION`): the parse is most of its cost (about 10 ms a built-in pattern)."""
    if not (line or at_end):
        return None, None, None
    name = f"{VERSION}-{'line' if line else 'end'}"
    data = derived(name, lambda: read_edges(pattern, line=line, at_end=at_end))
    if _well_formed(data):
        return data  # type: ignore[no-any-return]
    return read_edges(pattern, line=line, at_end=at_end)


def _well_formed(data: object) -> bool:
    """Whether ``data`` reads as :data:`EdgeData` (a cache entry of another layout does not)."""
    if type(data) is not tuple or len(data) != 3:
        return False
    opens, pairs, closes = data
    if not (opens is None or type(opens) is str) or not (closes is None or type(closes) is str):
        return False
    if pairs is None:
        return True
    if type(pairs) is not tuple:
        return False
    for pair in pairs:
        if type(pair) is not tuple or len(pair) != 2:
            return False
        first, after = pair
        if type(first) is not str or len(first) != 1 or type(after) is not str:
            return False
    return True
