"""Rules as frozen values: what a rule matches, where, and what it does with a match."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

import regex

from ..pattern_cache import compile_cached
from .edges import read_edges

#: Seconds any one pattern may run on one block before it is abandoned as a non-match.
PATTERN_TIMEOUT = 0.25

#: The matchers whose pattern ran past :data:`PATTERN_TIMEOUT` inside the current
#: :func:`timeouts_noted` block, one entry a try (None outside such a block).
_TIMED_OUT: ContextVar[list[Matcher] | None] = ContextVar("cleaner_timed_out", default=None)

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


_ENCLOSERS = (("[", "]"), ("(", ")"))


def _unenclosed(core: str) -> str:
    """``core`` without one pair of brackets or parentheses that holds all of it: an editor's
    marker printed as ``[Article continues below]`` or ``(Advertisement)`` is the marker.

    Only a pair that encloses the whole line goes, so a hard-wrapped line's tail (``ads)``)
    keeps its parenthesis: on the training dumps (5,162), the pair rule changes the phrase
    hits of the two bracketed markers of one aggregator dump alone, the loose strip of any
    edge bracket those of 6 wrapped story lines too.
    """
    if len(core) > 2 and (core[0], core[-1]) in _ENCLOSERS:
        return core[1:-1].strip(_EDGE_PUNCT)
    return core


def line_key(text: str) -> str:
    """How a block is compared with a phrase list in ``on = "line"`` rules.

    >>> line_key("  Related   ARTICLES: ")
    'related articles'
    >>> line_key("[Article continues below]")
    'article continues below'
    """
    return " ".join(_unenclosed(text.strip(_EDGE_PUNCT)).split()).casefold()


def block_key(text: str) -> str:
    """:func:`line_key`, faster for the printable ASCII text of most blocks: once the edges
    are stripped, such text with no double space splits and joins back unchanged.

    >>> block_key(" Related  ARTICLES: ") == line_key(" Related  ARTICLES: ")
    True
    """
    stripped = _unenclosed(text.strip(_EDGE_PUNCT))
    if stripped.isascii() and stripped.isprintable() and "  " not in stripped:
        return stripped.lower()  # casefold is lower for ASCII
    return line_key(text)


@dataclass(frozen=True, slots=True)
class Matcher:
    """A compiled pattern and how it is applied.

    ``phrases`` is set for ``on = "line"`` phrase lists (a set lookup). ``requires`` are
    lower-case words of which a block must contain one before the pattern is tried: a cheap
    gate that keeps patterns off the story paragraphs that cannot match (a substring test for
    each, mapped in C: cheaper than one alternation of them, whose engine tests the set of
    their first letters at every position of the block).
    """

    on: On
    pattern: regex.Pattern[str] | None
    phrases: frozenset[str] | None = None
    requires: tuple[str, ...] = ()
    #: Clauses of lower-case words every match of the pattern holds one of each
    #: (:func:`needs_held`): a word marked ``\b`` at a side stands there at a word's edge.
    #: Tested beside ``requires`` (the compiled module's candidates test both in one pass).
    needs: tuple[tuple[str, ...], ...] = ()
    #: A reverse pattern whose every match ends at the text's end (:func:`ends_at_end`): its
    #: search finds what a match at the end finds, and is tried there alone (``match``).
    at_end: bool = False
    #: A line rule's Latin-1 characters that can open a match (:func:`opening_chars`): a
    #: block whose stripped text opens with another Latin-1 character is not tried
    #: (``apply._Bucket.candidates``). None: every block is.
    opens: frozenset[str] | None = None
    #: The Latin-1 characters a line rule's match, or a reverse pattern's tried at the end
    #: before the spaces it may end with, can close with (:mod:`.edges`): a block whose
    #: stripped text ends with another Latin-1 character is not tried. None: every block is.
    closes: frozenset[str] | None = None
    #: A line rule's opening Latin-1 characters each with the Latin-1 characters that can
    #: follow it in a match (only those some Latin-1 character cannot follow): a block whose
    #: stripped text's first two are not such a pair is not tried. None: every block is.
    seconds: dict[str, str] | None = field(default=None, compare=False)
    #: A searched pattern's first branch, anchored at the start, and its other branches
    #: (:func:`anchored_head`): the first's ``match``, else the others' ``search``, finds
    #: what the pattern's search finds. None: the pattern is searched whole.
    head: regex.Pattern[str] | None = field(default=None, compare=False)
    rest: regex.Pattern[str] | None = field(default=None, compare=False)
    #: A searched pattern's literal character (:func:`.edges.read_lacking`), and in a text
    #: without it, the Latin-1 characters its match, anchored at the text's start, can open the
    #: text with ("": none, no match without it) and each one's possible seconds: a text that
    #: lacks it and opens otherwise is not tried (:meth:`find`; wire.dateline's 'City (AGENCY)'
    #: branch opens as any sentence does and needs '('). None: every text is tried.
    lacks: str | None = None
    lacking_opens: frozenset[str] | None = field(default=None, compare=False)
    lacking_seconds: dict[str, str] | None = field(default=None, compare=False)

    #: The pattern's call, chosen once (:meth:`__post_init__`): ``fullmatch`` of a line rule
    #: (on the stripped text), ``match`` of a reverse pattern tried at the end alone, else
    #: ``search``. A bound method read off the rule, not chosen again at every try.
    _call: Callable[..., regex.Match[str] | None] | None = field(
        default=None, init=False, repr=False, compare=False
    )
    _line: bool = field(default=False, init=False, repr=False, compare=False)
    _head: Callable[..., regex.Match[str] | None] | None = field(
        default=None, init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        pattern, line = self.pattern, self.on is On.LINE
        if pattern is not None:
            call = pattern.fullmatch if line else pattern.match if self.at_end else pattern.search
            if self.head is not None and self.rest is not None and not line and not self.at_end:
                object.__setattr__(self, "_head", self.head.match)
                call = self.rest.search
            object.__setattr__(self, "_call", call)
        object.__setattr__(self, "_line", line)

    def find(
        self, text: str, view: BlockView | None = None, *, gated: bool = False
    ) -> regex.Match[str] | bool | None:
        """A match object, ``True`` for a phrase-line hit, or ``None``/``False`` for none.
        ``gated``: the caller knows the block holds one of ``requires`` already. ``view``:
        the block's forms, where the caller has them (made here when a phrase list or the
        word gate needs one; a gated pattern reads the text alone)."""
        if self.phrases is not None:
            return (view or BlockView(text)).key in self.phrases
        if not gated and self.requires:
            lower = (view or BlockView(text)).lower
            if not any(map(lower.__contains__, self.requires)):
                return None
        if not gated and self.needs and not needs_held(text, self.needs):
            return None
        if self.lacks is not None and self.lacks not in text and not self._may_lack(text):
            return None
        call = self._call
        assert call is not None
        try:
            # Positional arguments: regex parses keywords slowly, and this runs per block.
            # (string, pos, endpos, concurrent, partial, timeout)
            if self._head is not None:  # the anchored first branch, then the others
                found = self._head(text, None, None, None, False, PATTERN_TIMEOUT)
                if found is not None:
                    return found
            return call(
                text.strip() if self._line else text, None, None, None, False, PATTERN_TIMEOUT
            )
        except TimeoutError:
            _note_timeout(self)
            return None

    def _may_lack(self, text: str) -> bool:
        """Whether ``text``, which lacks :attr:`lacks`, may match: it opens with a character,
        and a second, that a match without it can open with (one past Latin-1 always may)."""
        opens = self.lacking_opens
        if opens is None:
            return True
        if not opens:
            return False  # no match without the literal
        if not text or text[0] >= "\u0100":
            return True
        first = text[0]
        if first not in opens:
            return False
        seconds = self.lacking_seconds
        if seconds is not None and len(text) > 1 and text[1] < "\u0100":
            allowed = seconds.get(first)
            return allowed is None or text[1] in allowed
        return True

    def spans(self, text: str) -> list[regex.Match[str]]:
        """Every match in ``text`` (for cuts), time-boxed."""
        assert self.pattern is not None
        try:
            return list(self.pattern.finditer(text, timeout=PATTERN_TIMEOUT))
        except TimeoutError:
            _note_timeout(self)
            return []


#: ASCII characters that are word characters on both sides of a ``\b``: a needed word
#: marked bounded is not at a word's edge where one of these stands next to it.
_WORDISH = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")
#: Characters that a pattern under ignored case matches as an ASCII letter whose lower case is
#: not that letter ('İ', 'ı', 'ſ'): a text holding one has its needed words untested.
_UNTESTED = ("\u0130", "\u0131", "\u017f")


def bounds_of(word: str) -> tuple[str, bool, bool]:
    """A needed word without its ``\\b`` marks, and whether it is bounded at its start and
    at its end."""
    left = word.startswith("\\b")
    right = word.endswith("\\b") and len(word) > 2 + 2 * left
    return word[2 if left else 0 : len(word) - 2 if right else len(word)], left, right


def holds_word(lower: str, word: str) -> bool:
    """Whether ``lower`` (a text's lower case) holds ``word``, at a word's edge where it is
    marked so: no ASCII word character next to it there (any other character may be a
    ``\\b``'s other side)."""
    bare, left, right = bounds_of(word)
    if not left and not right:
        return bare in lower
    size = len(bare)
    start = lower.find(bare)
    while start >= 0:
        end = start + size
        if (not left or start == 0 or lower[start - 1] not in _WORDISH) and (
            not right or end == len(lower) or lower[end] not in _WORDISH
        ):
            return True
        start = lower.find(bare, start + 1)
    return False


def needs_held(text: str, needs: tuple[tuple[str, ...], ...]) -> bool:
    """Whether ``text`` holds a word of each clause of ``needs`` (:attr:`Matcher.needs`); true
    of a text holding 'İ', 'ı', 'ſ' or a lone surrogate, whose needed words are not tested
    (the compiled module's candidates test them alike)."""
    if not text.isascii() and (
        any(c in text for c in _UNTESTED) or any("\ud800" <= c < "\ue000" for c in text)
    ):
        return True
    return holds_clauses(text.lower(), needs)


def holds_clauses(lower: str, needs: tuple[tuple[str, ...], ...]) -> bool:
    """Whether ``lower`` (a text's lower case) holds a word of each clause of ``needs``
    (:func:`holds_word`), every text tested: a rule's examples are held to it as written."""
    return all(any(holds_word(lower, word) for word in clause) for clause in needs)


def may_match(matcher: Matcher, first: str, second: str, last: str) -> bool:
    """Whether a block whose stripped text opens with ``first`` and ``second`` (``""``: it has
    one character) and closes with ``last`` may match ``matcher``, by its edges' characters
    (``Matcher.opens``, ``seconds``, ``closes``; a character past Latin-1 always may): the
    test ``apply._Bucket.candidates`` and ``_cengine.c`` make before a try."""
    opens, closes, seconds = matcher.opens, matcher.closes, matcher.seconds
    if opens is not None and first < "\u0100" and first not in opens:
        return False
    if closes is not None and last < "\u0100" and last not in closes:
        return False
    if seconds is not None and second and first < "\u0100" and second < "\u0100":
        allowed = seconds.get(first)
        return allowed is None or second in allowed
    return True


@contextmanager
def timeouts_noted() -> Iterator[list[Matcher]]:
    """A list gathering, while the block runs (in this thread or task), each matcher whose
    pattern ran past its time limit and was taken for a non-match: so that a page's cleaning
    can say which rules it could not apply, rather than pass them over in silence."""
    noted: list[Matcher] = []
    token = _TIMED_OUT.set(noted)
    try:
        yield noted
    finally:
        _TIMED_OUT.reset(token)


def _note_timeout(matcher: Matcher) -> None:
    noted = _TIMED_OUT.get()
    if noted is not None:
        noted.append(matcher)


def timeout_warnings(noted: Iterable[Matcher], rules: Iterable[Rule]) -> tuple[str, ...]:
    """One warning a rule for the matchers :func:`timeouts_noted` gathered, named by the
    rule's id: ``rule x.slow: not applied to 2 blocks: its pattern ran past its 0.25 s time
    limit``."""
    named = {id(rule.matcher): rule.id for rule in rules}
    tries = Counter(named.get(id(matcher), "of a pass") for matcher in noted)
    return tuple(
        f"rule {name}: not applied to {count} block{'s' if count > 1 else ''}: its pattern "
        f"ran past its {PATTERN_TIMEOUT:g} s time limit"
        for name, count in tries.items()
    )


#: A pattern's tokens: an escape, a character class (VERSION0: no nested sets), a group's
#: opening with its ``?`` head, or one character; in verbose mode, comments and spaces too.
_TOKEN = r"\\.|\[\^?\]?(?:\\.|[^\]\\])*\]|\(\?(?:<[=!]?|[^:)<]*)|."
_TOKENS = compile_cached(_TOKEN, regex.DOTALL)
_VERBOSE_TOKENS = compile_cached(r"\#[^\n]*|\s+|" + _TOKEN, regex.DOTALL)


def ends_at_end(pattern: regex.Pattern[str]) -> bool:
    r"""Whether every match of a reverse pattern ends at the text's end: its source (in
    version 0, not multiline) ends in ``\s*$`` outside any group, with no ``|`` outside one.
    Its ``search`` then finds what its ``match`` (tried at the end alone) finds: a reverse
    search tries the end first, and a match ending where ``$`` holds before a final newline
    is one at the end too (``\s*`` takes the newline). False when unsure.

    >>> ends_at_end(regex.compile(r"(?r)(?:\(AP Photo\)|REUTERS/\w+)\s*$"))
    True
    >>> ends_at_end(regex.compile(r"(?r)AP\s*$|^Photo"))
    False
    """
    flags = pattern.flags
    if not flags & regex.REVERSE or flags & (regex.MULTILINE | regex.VERSION1):
        return False
    verbose = bool(flags & regex.VERBOSE)
    if not verbose and "(?" in pattern.pattern and "x" in pattern.pattern:
        return False  # a verbose group inside (``(?x:…)``): not read here
    tokens = [
        found.group()
        for found in (_VERBOSE_TOKENS if verbose else _TOKENS).finditer(pattern.pattern)
        if not (verbose and (found.group()[0] == "#" or found.group().isspace()))
    ]
    top = _top_level(tokens)
    return top is not None and "|" not in top and top[-3:] == ["\\s", "*", "$"]


#: The characters whose edges a rule's tests know (:mod:`.edges`): Latin-1's; a line opening or
#: closing with any other character is always tried.
LATIN1 = "".join(map(chr, range(256)))


def _top_level(tokens: list[str]) -> list[str] | None:
    """The tokens outside any group, or None where the groups do not close."""
    depth, top = 0, list[str]()
    for token in tokens:
        if token[0] == "(":
            depth += 1
        elif token == ")":
            depth -= 1
            if depth < 0:
                return None
        elif depth == 0:
            top.append(token)
    return top if depth == 0 else None


def opening_chars(pattern: regex.Pattern[str]) -> frozenset[str] | None:
    r"""The Latin-1 characters that can open a full match of ``pattern`` (a line rule's
    ``fullmatch`` of the stripped line), read off its parse (:func:`.edges.read_edges`): a
    line opening with another Latin-1 character cannot match. None when any can, or unsure.

    >>> sorted(opening_chars(regex.compile(r"[|¦]+")))
    ['|', '¦']
    >>> sorted(opening_chars(regex.compile(r"[|¦]*x|(?i:y)")))
    ['Y', 'x', 'y', '|', '¦']
    >>> opening_chars(regex.compile(r"[\s\S]+")) is None
    True
    """
    opens = read_edges(pattern, line=True, at_end=False)[0]
    return None if opens is None else frozenset(opens)


#: An inline flag set for the whole pattern (``(?i)``): the split of :func:`anchored_head` does
#: not read those.
_GLOBAL_FLAGS = compile_cached(r"\(\?[a-zA-Z]*\)")


def anchored_head(pattern: regex.Pattern[str]) -> tuple[str, str] | None:
    r"""The sources of a searched pattern's head, its branches up to the last that can match
    only at the text's start, and of its branches that can match elsewhere: the pattern
    (version 0, not verbose, reverse or multiline, no inline flags for the whole of it, no
    capturing group) is an alternation outside any group of which some branches open with
    ``^`` or ``\A`` and some do not. Its search finds what the head's
    ``match`` finds (at the start, the branches are tried in order, and the head's come first),
    or else what a search of the branches that do not open so finds: past the start the others
    cannot match, and at the start these had their turn after the head's (a match of them there
    is a match of the pattern's others there, in the same order). A search of those alone skips
    to their first letters, which an anchored branch's kept it from. None when unsure.

    >>> anchored_head(regex.compile(r"^(?:donate|chip\s+in)\b|\bdonate\s+now"))
    ('^(?:donate|chip\\s+in)\\b', '\\bdonate\\s+now')
    >>> anchored_head(regex.compile(r"^sign\s+up|^.*inbox|delivered|now"))
    ('^sign\\s+up|^.*inbox', 'delivered|now')
    >>> anchored_head(regex.compile(r"^sign|this|^.*you|we"))
    ('^sign|this|^.*you', 'this|we')
    >>> anchored_head(regex.compile(r"this\s+post|^.{0,200}?\bif\s+you|we\s+may"))
    ('this\\s+post|^.{0,200}?\\bif\\s+you', 'this\\s+post|we\\s+may')
    >>> anchored_head(regex.compile(r"^(donate)|now")) is None
    True
    """
    flags = pattern.flags
    if pattern.groups or flags & (regex.VERBOSE | regex.REVERSE | regex.MULTILINE | regex.VERSION1):
        return None
    source = pattern.pattern
    if _GLOBAL_FLAGS.search(source):
        return None
    tokens = [found.group() for found in _TOKENS.finditer(source)]
    if _top_level(tokens) is None:
        return None
    branches: list[str] = []
    anchored: list[bool] = []  # (a branch opening with the anchor, not a repeat of it: '^?')
    depth, at, opened, first = 0, 0, 0, 0
    for n, token in enumerate([*tokens, "|"]):
        if token[0] == "(":
            depth += 1
        elif token == ")":
            depth -= 1
        elif token == "|" and depth == 0:
            branches.append(source[opened:at])
            after = tokens[first + 1] if first + 1 < n else ""
            anchored.append(
                first < n
                and tokens[first] in ("^", "\\A")
                and after[:1] not in ("?", "*", "+", "{")
            )
            opened, first = at + 1, n + 1
        at += len(token)
    if all(anchored) or not any(anchored):
        return None
    # (the others anchored too, each split where its run of anchored branches ends: a search
    # of an anchored pattern skips nothing; generic.social-follow's tries on 3,000 training
    # lines took 3.6 us a line split at its first branch, 3.2 whole)
    last = max(n for n, held in enumerate(anchored) if held)
    others = [branch for branch, held in zip(branches, anchored, strict=True) if not held]
    return "|".join(branches[: last + 1]), "|".join(others)


class BlockView:
    """The forms of one block's text that matchers compare with, each computed once."""

    __slots__ = ("_key", "_lower", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self._key: str | None = None
        self._lower: str | None = None

    @property
    def key(self) -> str:
        if self._key is None:
            self._key = block_key(self.text)
        return self._key

    def short_key(self, limit: int) -> str | None:
        """:attr:`key`, or ``None`` when the key is certainly longer than ``limit`` (so that
        no phrase of at most ``limit`` characters can equal it): a long block is not keyed.

        The key holds every non-space character of the text within its edge punctuation and
        an enclosing pair of brackets (casefolding never shortens a character); when that
        text is printable, its only space is ``" "``, so its non-space characters are counted
        without building the key.
        """
        if self._key is None and len(self.text) > limit:
            core = _unenclosed(self.text.strip(_EDGE_PUNCT))
            if len(core) > limit and core.isprintable() and len(core) - core.count(" ") > limit:
                return None
        return self.key

    @property
    def lower(self) -> str:
        if self._lower is None:
            self._lower = self.text.lower()
        return self._lower


@dataclass(frozen=True, slots=True)
class Scope:
    """Where on the page a rule may fire."""

    top: int | None = None  # only within the first N blocks
    bottom: int | None = None  # only within the last N blocks
    after: float | None = None  # only at or past this fraction of the blocks
    max_chars: int | None = None  # never on a block longer than this
    once: bool = False  # at most one match per page
    kinds: frozenset[str] | None = None  # only blocks of these kinds
    after_story: int = 0  # only once this many story paragraphs have been kept
    after_field: str | None = None  # only once an earlier block gave this field a value

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
