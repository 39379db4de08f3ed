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

    def __init__(self, core: Any, engine: Any, flags: int, absent: int = -1) -> None:
        self.core, self.engine, self.flags = core, engine, flags
        #: A Latin-1 character the text is known not to hold (-1: none): a literal of it, or a
        #: positive lookaround that needs one, cannot match (:meth:`walk` answers None).
        self.absent = absent
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
        self.lookaround = core.LookAround
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

    def walk(self, node: Any) -> tuple[bool, set[int], set[int]] | None:  # noqa: C901 (one case a kind)
        """(whether it can match the empty text, its first positions, its last positions); None
        where it cannot match a text without the character :attr:`absent`."""
        core, kind = self.core, type(node)
        if kind is self.lookaround and self.absent >= 0 and node.positive:
            # (read as the empty text, unless what it looks for needs the absent character)
            return None if self._dead(node.subpattern) else (True, set(), set())
        if node is None or isinstance(node, self.zero_width):
            return True, set(), set()
        if kind is core.Sequence:
            empty, first, last = True, set[int](), set[int]()
            for item in node.items:
                read = self.walk(item)
                if read is None:
                    return None
                item_empty, item_first, item_last = read
                self._link(last, item_first)
                if empty:
                    first |= item_first
                last = last | item_last if item_empty else set(item_last)
                empty = empty and item_empty
            return empty, first, last
        if kind is core.StringSet:
            return self._named_list(node)
        if kind is core.Branch:
            empty, first, last, alive = False, set[int](), set[int](), False
            for branch in node.branches:
                read = self.walk(branch)
                if read is None:
                    continue
                branch_empty, branch_first, branch_last = read
                empty, first, last = empty or branch_empty, first | branch_first, last | branch_last
                alive = True
            return (empty, first, last) if alive else None
        if kind in (core.Group, core.Atomic):
            return self.walk(node.subpattern)
        if kind in self.repeats:
            if node.max_count == 0:
                return True, set(), set()
            read = self.walk(node.subpattern)
            if read is None:
                return (True, set(), set()) if node.min_count == 0 else None
            empty, first, last = read
            if node.max_count is None or node.max_count > 1:
                self._link(last, first)
            return empty or node.min_count == 0, first, last
        if kind is core.Character and not node.zerowidth:
            if node.positive and node.value == self.absent and self._only(node):
                return None
            return self._leaf(self._char_mask(node.value, node.positive, node.case_flags))
        if kind in self.sets and not node.zerowidth:
            return self._leaf(self._set_mask(node))
        if kind is core.Any:
            return self._leaf(_ALL & ~_NEWLINE)
        if kind in (core.AnyAll, core.AnyU):
            return self._leaf(_ALL)
        raise _Refused(kind.__name__)

    def _only(self, node: Any) -> bool:
        """Whether a literal matches its own character alone (under ignored case, one with no
        other case)."""
        if not self._ignoring_case(node.case_flags):
            return True
        return set(self.engine.get_all_cases(self.flags, node.value)) <= {node.value}

    def _dead(self, node: Any) -> bool:
        """Whether ``node`` (a positive lookaround's) cannot match a text without the absent
        character; False where unsure (read on positions of its own: its positions are no
        part of the match)."""
        try:
            return _Positions(self.core, self.engine, self.flags, self.absent).walk(node) is None
        except _Refused:
            return False

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
        read = positions.walk(parsed)
        assert read is not None  # (no absent character: every item can match)
        empty, first, last = read
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


#: A searched pattern's literal and what its matches open with in a text without it, as plain
#: data (the pattern cache keeps it): the character; the Latin-1 characters a match, anchored at
#: the text's start, can open with there ("" where no match is possible without the character:
#: a text that lacks it is not tried at all); each opening character's possible second
#: characters (where some Latin-1 one is not), or None. None: no such literal read.
LackingData = tuple[str, str, tuple[tuple[str, str], ...] | None] | None

#: The version of the literal's reading, kept apart from the edges' (:data:`VERSION`).
LACKING_VERSION = "lacking-1"


def read_lacking(pattern: regex.Pattern[str]) -> LackingData:
    r"""A Latin-1 character that a searched pattern's matches need and what the matches that
    do not need it open with: where a text lacks the character, a match needing it (a literal
    of it on the match's path, or a positive lookaround that needs one) is not possible, and the
    others must open with the characters read (the pattern anchored at the text's start,
    ``^`` or ``\A`` opening every branch), or there are none ("": the text is not tried). Of the
    pattern's literal marks (not letters, digits or spaces: a rule's words gate those, and each
    literal read is a walk of the pattern, some 20 ms for wire.dateline's), the one that leaves
    the fewest pairs of first two characters. None where
    no literal shuts out any text, or the pattern is not read (version 1, reverse, or anything
    :func:`read_edges` refuses).

    >>> read_lacking(regex.compile(r"(?=[\s\S]*?\()\p{Lu}\p{Ll}+ \(|\(AP\)"))
    ('(', '', None)
    >>> read_lacking(regex.compile(r"^(?:(?=[\s\S]*?\()[A-Z][a-z]+|[A-Z][A-Z]+)"))[:2]
    ('(', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ')
    """
    if pattern.flags & (regex.VERSION1 | regex.REVERSE):
        return None
    try:
        core: Any = importlib.import_module("regex._regex_core")
        engine = core._regex
        parsed, flags = _parsed(pattern, core)
        if flags & (regex.VERSION1 | regex.REVERSE):
            raise _Refused("version 1 or reverse")
        anchored = _anchored(core, parsed)
        whole = _Positions(core, engine, flags)
        best = _opening(whole, whole.walk(parsed)) if anchored else None
        found: LackingData = None
        for char in sorted(c for c in _literals(core, parsed) if not chr(c).isalnum()):
            if chr(char).isspace():
                continue
            positions = _Positions(core, engine, flags, char)
            read = positions.walk(parsed)
            if read is None:
                return chr(char), "", None
            if not anchored:
                continue
            opening = _opening(positions, read)
            if opening is not None and (best is None or opening[0] < best[0]):
                best, found = opening, (chr(char), opening[1], opening[2])
    except (_Refused, ImportError, AttributeError, TypeError, KeyError, ValueError, regex.error):
        return None
    return found


def _anchored(core: Any, node: Any) -> bool:
    """Whether every match of ``node`` starts at the text's start (a ``StartOfString`` before
    anything that takes a character, on every branch); False where unsure."""
    kind = type(node)
    if kind is core.StartOfString:
        return True
    if kind is core.Sequence:
        for item in node.items:
            if _anchored(core, item):
                return True
            if type(item) is not core.LookAround:
                return False
        return False
    if kind is core.Branch:
        return all(_anchored(core, branch) for branch in node.branches)
    if kind in (core.Group, core.Atomic):
        return _anchored(core, node.subpattern)
    return False


def _literals(core: Any, node: Any) -> set[int]:
    """The Latin-1 characters of the literals in ``node`` (lookarounds' too)."""
    kind = type(node)
    if kind is core.Character:
        return {node.value} if node.positive and not node.zerowidth and node.value < 256 else set()
    if kind is core.Sequence:
        return set().union(*(_literals(core, item) for item in node.items))
    if kind is core.Branch:
        return set().union(*(_literals(core, branch) for branch in node.branches))
    subpattern = getattr(node, "subpattern", None)
    return set() if subpattern is None else _literals(core, subpattern)


def _opening(
    positions: _Positions, read: tuple[bool, set[int], set[int]] | None
) -> tuple[int, str, tuple[tuple[str, str], ...] | None] | None:
    """What a match anchored at the text's start opens the text with: (the number of Latin-1
    pairs of first two characters it allows, the opening characters, the pairs), None where a
    match may be empty. A match that can end after its first character allows any second."""
    if read is None:
        return 0, "", None
    empty, first, last = read
    if empty:
        return None
    masks, follow = positions.masks, positions.follow
    opens = _mask_of(masks, first)
    joined: dict[int, int] = {}
    for at in first:
        after = _ALL if at in last else _mask_of(masks, follow[at])
        for c in _bits(masks[at]):
            joined[c] = joined.get(c, 0) | after
    allowed = sum(bin(m).count("1") for m in joined.values())
    pairs = tuple((chr(c), _chars(m)) for c, m in sorted(joined.items()) if m != _ALL)
    return allowed, _chars(opens), pairs or None


def cached_lacking(
    derived: Callable[[str, Callable[[], Any]], Any], pattern: regex.Pattern[str]
) -> LackingData:
    """:func:`read_lacking`, kept by ``derived`` under :data:`LACKING_VERSION`."""
    data = derived(LACKING_VERSION, lambda: read_lacking(pattern))
    if data is None or _lacking_well_formed(data):
        return data  # type: ignore[no-any-return]
    return read_lacking(pattern)


def _lacking_well_formed(data: object) -> bool:
    """Whether ``data`` reads as :data:`LackingData` that is not None."""
    if type(data) is not tuple or len(data) != 3:
        return False
    char, opens, pairs = data
    if type(char) is not str or len(char) != 1 or type(opens) is not str:
        return False
    return _well_formed((opens, pairs, None))


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
