"""The rule engine's per-page work, compiled (``_cengine.c``), where the package was built with it.

For each block of a page, the rules it meets — :meth:`apply._Plan.candidates` with the static
tests of :meth:`model.Scope.admits` (``max_chars``, ``top``, ``bottom``, ``after``, ``kinds``)
applied — in one call a page; and the keys of a page's short blocks that open the site packs
(:func:`apply._signature_keys`). The Python stays the definition: the compiled module names the
hash of the code it follows (``SOURCE_HASH``; :func:`source_hash`) and is used only where that
is the hash of the code installed, so an edit of that code runs the Python until the C is
brought level (``tests/test_cengine.py`` holds the two equal). ``CLEANER_PURE_ENGINE=1`` asks
for the Python.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import TYPE_CHECKING, Protocol, cast

from ..article import Removal
from ..blocks import Block
from ..code_hash import UNREADABLE, compiled_module, followed_hash
from ..compiled_follows import ENGINE
from . import model
from .model import BlockView, Rule

if TYPE_CHECKING:
    from .apply import _Plan

#: The environment variable that asks for the Python even where the compiled module is built.
PURE_SWITCH = "CLEANER_PURE_ENGINE"


class _Compiled(Protocol):
    SOURCE_HASH: str

    def configure(
        self,
        edge_punct: str,
        enclosers: tuple[tuple[str, str], ...],
        line_key: object,
        short_key: object,
        /,
    ) -> None: ...

    def plan(
        self,
        rules: tuple[Rule, ...],
        words: list[str],
        word_rules: list[list[int]],
        phrases: dict[str, int],
        phrase_rules: list[list[int]],
        ungated: list[int],
        scopes: list[tuple[object, ...]],
        longest_phrase: int,
        opens: list[frozenset[str] | None],
        closes: list[frozenset[str] | None],
        seconds: list[dict[str, str] | None],
        needs: list[int],
        /,
    ) -> object: ...

    def candidates(self, plan: object, blocks: Sequence[Block], /) -> list[tuple[Rule, ...]]: ...

    def rules_after(
        self, plan: object, text: str, kind: str, index: int, total: int, after: int, /
    ) -> tuple[Rule, ...]: ...

    def signature_keys(
        self,
        blocks: Sequence[Block],
        limit: int,
        max_chars: int,
        signatures: frozenset[str] | None = None,
        /,
    ) -> frozenset[str]: ...

    def key(self, text: str, limit: int, exact: bool, /) -> str | None: ...

    def removal(
        self, cls: type[Removal], rule: str, text: str, score: float | None, /
    ) -> Removal: ...


def source_hash() -> str | None:
    """The hash of the code the compiled module follows (:data:`cleaner.compiled_follows.ENGINE`,
    hashed now; :mod:`cleaner.code_hash`): ``SOURCE_HASH`` in ``_cengine.c``. None when a source
    cannot be read."""
    try:
        return followed_hash(ENGINE)
    except UNREADABLE:
        return None


def _short_key(text: str, limit: int) -> str | None:
    """What the compiled module asks of a text outside ASCII: the Python's key."""
    return BlockView(text).short_key(limit)


@cache
def engine() -> _Compiled | None:
    """The compiled module, handed ``model.py``'s constants and helpers once; None where the
    package was built without it (no C compiler), where the code it follows is not this
    (:func:`source_hash`), or where ``CLEANER_PURE_ENGINE=1`` asks for the Python."""
    found = compiled_module(f"{__package__}._cengine", "SOURCE_HASH", ENGINE, PURE_SWITCH)
    if found is None:
        return None
    compiled = cast(_Compiled, found)
    compiled.configure(model._EDGE_PUNCT, model._ENCLOSERS, model.line_key, _short_key)
    return compiled


def compiled_plan(compiled: _Compiled, plan: _Plan) -> object | None:
    """The compiled module's tables of ``plan``: its rules in order, the words they require
    and the phrases of the phrase-list rules with the rules of each, the rules that need
    neither, each rule's static scope, and the Latin-1 characters a rule's block may open,
    open and go on, or close with (``Matcher.opens``, ``seconds``, ``closes``), and each rule's
    number of clauses of needed words (``Matcher.needs``). None where the module cannot hold
    them (a negative limit in a scope): the Python runs that plan."""
    words: dict[str, list[int]] = {}
    phrases: dict[str, list[int]] = {}
    ungated: list[int] = []
    # each rule's clauses of needed words, numbered after the rules in rule order: the words
    # of a clause name it as a required word names its rule
    clause = len(plan.rules)
    for rule in plan.rules:
        for needed in rule.matcher.needs:
            for word in needed:
                words.setdefault(word, []).append(clause)
            clause += 1
    for number, rule in enumerate(plan.rules):
        for word in rule.matcher.requires:
            words.setdefault(word, []).append(number)
        for phrase in rule.matcher.phrases or ():
            phrases.setdefault(phrase, []).append(number)
        if not rule.matcher.requires and rule.matcher.phrases is None:
            ungated.append(number)
    scopes: list[tuple[object, ...]] = [
        (s.max_chars, s.top, s.bottom, s.after, s.kinds) for s in (r.scope for r in plan.rules)
    ]
    try:
        return compiled.plan(
            plan.rules,
            list(words),
            list(words.values()),
            {phrase: n for n, phrase in enumerate(phrases)},
            list(phrases.values()),
            ungated,
            scopes,
            max(map(len, phrases), default=0),
            [rule.matcher.opens for rule in plan.rules],
            [rule.matcher.closes for rule in plan.rules],
            [rule.matcher.seconds for rule in plan.rules],
            [len(rule.matcher.needs) for rule in plan.rules],
        )
    except (ValueError, TypeError, OverflowError):
        return None
