"""Rules under test: each rule's own examples, and each pattern against adversarial text.

For every rule: each ``examples.match`` text must match, each ``no_match`` must not, each
``cases`` entry must leave ``output`` of its ``input`` (and move ``value`` to the field),
``todo_match`` records known misses (reported, never failing), and the pattern must finish
within its time limit on a few adversarial strings (long runs of one character, nested
punctuation). Results are plain values, used by ``cleaner-rules test`` and by pytest.

>>> from cleaner.engine import load_rules
>>> checks = plan(load_rules())
>>> [c.id for c in checks if c.rule.id == "wire.copyright"][:2]
['wire.copyright::match[0]', 'wire.copyright::match[1]']
>>> all(run(c).ok for c in checks if c.rule.id == "wire.copyright")
True
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Literal, cast

from ..blocks import Block, BlockKind
from .apply import apply_rules
from .loader import RuleSet
from .model import PATTERN_TIMEOUT, Action, On, Rule, Scope

Kind = Literal["match", "no_match", "cases", "todo_match", "timeout"]
Status = Literal["pass", "fail", "todo"]

#: Longest adversarial string tried on a pattern that has no ``max_chars`` of its own.
ADVERSARIAL_LENGTH = 5000


def adversarial(length: int) -> tuple[tuple[str, str], ...]:
    """``(label, text)`` pairs that make backtracking patterns blow up, ``length`` long."""
    half = length // 2
    units = {
        "a": "a",
        "A": "A",
        "space": " ",
        "dot": ".",
        "dash": "-",
        "digit": "7",
        "word-space": "Ab ",
        "caps-dot": "A. ",
        "comma-word": "Ab, ",
        "paren-word": "(Ab ",
        "slash-word": "Ab/",
    }
    pairs = []
    for label, unit in units.items():
        run = (unit * length)[: length - 1]
        pairs.append((f"{length - 1} × {label!r}", run))
        pairs.append((f"{length - 1} × {label!r} then '!'", run + "!"))
    pairs.append((f"{half} × '(' then ')'", "(" * half + ")" * half))
    pairs.append((f"{length} × '([{{'", ("([{" * length)[:length]))
    return tuple(pairs)


def stretched(examples: tuple[str, ...] | list[str], length: int) -> tuple[tuple[str, str], ...]:
    """A rule's own matches with their last character run on, then a character that spoils
    the match: where a pattern's repeats can split one run many ways, this is what makes it
    backtrack (fuzzing found 'By ' and a run of capitals stalling the byline rule this way).

    >>> stretched(["By LEE"], 12)
    (("match[0] + 4 × 'E' then ' ¿'", 'By LEEEEEE ¿'),)
    """
    pairs = []
    for n, example in enumerate(examples[:3]):
        text = example.strip()
        run = length - len(text) - 2
        if text and run > 0:
            pairs.append(
                (f"match[{n}] + {run} × {text[-1]!r} then ' ¿'", text + text[-1] * run + " ¿")
            )
    return tuple(pairs)


@dataclass(frozen=True, slots=True)
class Check:
    """One thing to verify about one rule: an example, a case, or the timing test."""

    rule: Rule
    kind: Kind
    index: int = 0

    @property
    def name(self) -> str:
        return "timeout" if self.kind == "timeout" else f"{self.kind}[{self.index}]"

    @property
    def id(self) -> str:
        """``<rule id>::<kind>[i]``: the pytest id, so ``-k <rule id>`` selects one rule."""
        return f"{self.rule.id}::{self.name}"


@dataclass(frozen=True, slots=True)
class Result:
    """How one check went; ``message`` says what was wrong (or, for ``todo``, what to do)."""

    check: Check
    status: Status
    message: str = ""

    @property
    def ok(self) -> bool:
        return self.status != "fail"

    @property
    def where(self) -> str:
        rule = self.check.rule
        return f"{rule.path}:{rule.line}" if rule.line else rule.path


def plan(rules: RuleSet | Iterable[Rule]) -> list[Check]:
    """Every check for every rule, in rule order."""
    checks: list[Check] = []
    for rule in rules.rules if isinstance(rules, RuleSet) else rules:
        examples = rule.examples
        if examples is not None:
            for kind in ("match", "no_match", "cases", "todo_match"):
                checks.extend(Check(rule, kind, i) for i in range(len(getattr(examples, kind))))
        if rule.matcher.pattern is not None:
            checks.append(Check(rule, "timeout"))
    return checks


def run(check: Check) -> Result:
    """Run one check."""
    return _RUNNERS[check.kind](check)


def run_all(rules: RuleSet | Iterable[Rule]) -> list[Result]:
    """Run every check of every rule."""
    return [run(check) for check in plan(rules)]


# ---------------------------------------------------------------- the checks


def _fires(rule: Rule, text: str) -> tuple[bool, str]:
    """Whether the rule takes this text (as one block, wherever it stands on a page)."""
    limit = rule.scope.max_chars
    if limit is not None and len(text) > limit:
        return False, f"it is {len(text)} characters, past the rule's max_chars = {limit}"
    requires = rule.matcher.requires  # the 'requires' words: one must be in the text
    if requires and not any(map(text.lower().__contains__, requires)):
        return False, "none of the rule's 'requires' words is in it"
    try:
        found = _find(rule, text)
    except TimeoutError:
        return False, f"the pattern ran past its {PATTERN_TIMEOUT} s time limit"
    return bool(found), ""


def _find(rule: Rule, text: str) -> object:
    matcher = rule.matcher
    if matcher.phrases is not None:
        return matcher.find(text)
    assert matcher.pattern is not None
    if matcher.on is On.LINE:
        return matcher.pattern.fullmatch(text.strip(), timeout=PATTERN_TIMEOUT)
    return matcher.pattern.search(text, timeout=PATTERN_TIMEOUT)


def _example(check: Check) -> str:
    examples: tuple[str, ...] = getattr(check.rule.examples, check.kind)
    return examples[check.index]


def _short(text: str, limit: int = 100) -> str:
    text = text if len(text) <= limit else text[: limit - 1] + "…"
    return repr(text)


def _match(check: Check) -> Result:
    text = _example(check)
    fired, why = _fires(check.rule, text)
    if fired:
        return Result(check, "pass")
    reason = f" ({why})" if why else ""
    return Result(check, "fail", f"must match but does not{reason}: {_short(text)}")


def _no_match(check: Check) -> Result:
    text = _example(check)
    fired, why = _fires(check.rule, text)
    if why.startswith("the pattern ran"):
        return Result(check, "fail", f"{why}: {_short(text)}")
    if fired:
        return Result(check, "fail", f"must not match but does: {_short(text)}")
    return Result(check, "pass")


def _todo(check: Check) -> Result:
    text = _example(check)
    fired, _ = _fires(check.rule, text)
    if fired:
        return Result(check, "pass", f"now matches: move it to examples.match: {_short(text)}")
    return Result(check, "todo", f"known miss: {_short(text)}")


def _case(check: Check) -> Result:
    case = check.rule.examples.cases[check.index]
    rule = _anywhere(check.rule)
    outcome = apply_rules((Block(case.input),), RuleSet((rule,)), explain=True)
    output = "\n\n".join(kept.block.text for kept in outcome.kept)
    problems = []
    if output != case.output:
        problems.append(f"output {output!r}, expected {case.output!r}")
    if case.value is not None:
        values = [value for value, _ in outcome.fields.get(rule.field or "", [])]
        if case.value not in values:
            got = repr(values[0]) if values else "nothing"
            problems.append(f"{rule.field} got {got}, expected {case.value!r}")
    if problems:
        return Result(check, "fail", f"input {_short(case.input)}: " + "; ".join(problems))
    return Result(check, "pass")


def _anywhere(rule: Rule) -> Rule:
    """The rule free to fire on a lone block: no page position, kind or site gate."""
    scope = Scope(max_chars=rule.scope.max_chars)
    return replace(rule, scope=scope, gate=None)


def _timeout(check: Check) -> Result:
    rule = check.rule
    pattern = rule.matcher.pattern
    assert pattern is not None
    length = min(rule.scope.max_chars or ADVERSARIAL_LENGTH, ADVERSARIAL_LENGTH)
    slowest = 0.0
    for label, text in (*adversarial(length), *stretched(rule.examples.match, length)):
        started = time.perf_counter()
        try:
            if rule.matcher.on is On.LINE:
                pattern.fullmatch(text.strip(), timeout=PATTERN_TIMEOUT)
            else:
                pattern.search(text, timeout=PATTERN_TIMEOUT)
            if rule.action is Action.CUT:
                for _ in pattern.finditer(text, timeout=PATTERN_TIMEOUT):
                    pass
        except TimeoutError:
            return Result(
                check,
                "fail",
                f"the pattern ran past its {PATTERN_TIMEOUT} s time limit on {label}: "
                "it backtracks catastrophically; bound its repeats or anchor it",
            )
        slowest = max(slowest, time.perf_counter() - started)
    return Result(check, "pass", f"slowest adversarial run {slowest * 1000:.1f} ms")


_RUNNERS = {
    "match": _match,
    "no_match": _no_match,
    "todo_match": _todo,
    "cases": _case,
    "timeout": _timeout,
}


@dataclass(frozen=True, slots=True)
class Shadow:
    """A rule's must-match example that the rule set as a whole does not give to that rule:
    an earlier rule takes it (``taken_by``), or none does."""

    rule: Rule
    index: int
    taken_by: str | None

    def __str__(self) -> str:
        text = _short(self.rule.examples.match[self.index])
        where = f"taken by {self.taken_by}" if self.taken_by else "taken by no rule"
        return f"{self.rule.id}: match[{self.index}] {text} is {where}"


def shadows(rules: RuleSet) -> list[Shadow]:
    """Each rule's ``match`` examples run through the whole rule set, in its order (each rule
    free of its page position and site gate, as in the examples, but for the story
    paragraphs it waits for): the examples a rule does not get because an earlier rule takes
    them, or because no rule fires.

    >>> from cleaner.engine import load_rules
    >>> shadows(load_rules())
    []
    """
    loose = RuleSet(tuple(_loose(rule) for rule in rules.rules), rules.files)
    # A rule that fires only once an earlier block gave a field (``after_field``: a second
    # dateline) meets its examples as the second of two copies, the rules that fire once
    # having taken the first.
    second = RuleSet(tuple(_loose(rule, keep_once=True) for rule in rules.rules), rules.files)
    found = []
    for rule in rules.rules:
        # the schema admits only block kinds in ``kinds``
        kind = cast(BlockKind, min(rule.scope.kinds)) if rule.scope.kinds else "para"
        # A rule that fires only once the story has begun (``after_story``) meets its
        # examples below that many story paragraphs; the others meet theirs alone, where
        # no such rule fires.
        story = (Block(_STORY_PARAGRAPH),) * rule.scope.after_story
        for index, text in enumerate(rule.examples.match):
            if rule.scope.after_field is None:
                page = (*story, Block(text, kind))
                fired = apply_rules(page, loose).hits.get(len(story), [])
            else:
                page = (*story, Block(text, kind), Block(text, kind))
                fired = apply_rules(page, second).hits.get(len(story) + 1, [])
            if rule.id not in fired:
                found.append(Shadow(rule, index, fired[0] if fired else None))
    return found


#: A story paragraph no rule takes, set above the examples of a rule that fires only once
#: the story has begun.
_STORY_PARAGRAPH = (
    "The council voted on Tuesday to approve the new budget for the coming year, after a long "
    "debate that ran late into the evening."
)


def _loose(rule: Rule, *, keep_once: bool = False) -> Rule:
    """The rule free of its page position and site gate, kept to its block kinds, its length
    and the story paragraphs it waits for (and with ``keep_once``, to firing once a page and
    after its field)."""
    scope = Scope(
        max_chars=rule.scope.max_chars,
        kinds=rule.scope.kinds,
        once=keep_once and rule.scope.once,
        after_story=rule.scope.after_story,
        after_field=rule.scope.after_field if keep_once else None,
    )
    return replace(rule, scope=scope, gate=None)
