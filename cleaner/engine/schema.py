"""Rule-file tables → validated, compiled :class:`Rule` values; refusals name file, rule, key."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

import regex

from .. import pattern_cache
from ..errors import RuleFileError
from ..lexicon import NAMED_LISTS
from ..pattern_cache import compile_cached
from .edges import cached_edges, cached_lacking
from .model import (
    FIELDS,
    Action,
    Matcher,
    On,
    Rule,
    Scope,
    anchored_head,
    bounds_of,
    ends_at_end,
    holds_clauses,
    line_key,
)

_ID = compile_cached(r"[a-z0-9]+(?:[-_][a-z0-9]+)*(?:\.[a-z0-9]+(?:[-_][a-z0-9]+)*)+")
_RULE_KEYS = {
    "id",
    "description",
    "why",
    "action",
    "field",
    "take",
    "match",
    "examples",
    "seen_in",
    "aliases",
}
_MATCH_KEYS = {
    "phrases",
    "regex",
    "on",
    "ignore_case",
    "top",
    "bottom",
    "after",
    "max_chars",
    "once",
    "kinds",
    "requires",
    "needs",
    "after_story",
    "after_field",
}
_EXAMPLE_KEYS = {"match", "no_match", "cases", "todo_match"}
_CASE_KEYS = {"input", "output", "value"}
_KINDS = {"para", "heading", "list", "quote", "caption", "table"}
#: The lexicon's word lists a pattern may name as ``\L<name>`` (typed for ``regex.compile``'s
#: keyword arguments).
_NAMED_LISTS: dict[str, Any] = dict(NAMED_LISTS)
#: A lexicon list named in ``requires`` as in a pattern: ``\L<copyright_marks>``.
_LIST_NAME = compile_cached(r"\\L<(\w+)>")
#: Default longest block an ``on = "line"`` rule considers: chrome lines are short.
DEFAULT_LINE_MAX_CHARS = 200


@dataclass(frozen=True, slots=True)
class Case:
    """A worked example: the block before, what stays of it after, and the value taken."""

    input: str
    output: str
    value: str | None = None


@dataclass(frozen=True, slots=True)
class Examples:
    """A rule's own examples, run by the self-test."""

    match: tuple[str, ...]
    no_match: tuple[str, ...]
    cases: tuple[Case, ...] = ()
    todo_match: tuple[str, ...] = ()


class _Crumbs:
    """Raises RuleFileError with the file, rule id and key already filled in."""

    def __init__(self, path: str, rule: str | None = None) -> None:
        self.path, self.rule = path, rule

    def fail(self, reason: str, key: str | None = None) -> RuleFileError:
        return RuleFileError(self.path, reason, rule=self.rule, key=key)


def parse_rule(table: Any, *, path: str, pack: str, group: str, line: int = 0) -> Rule:
    """Validate one ``[[rule]]`` table and compile it."""
    crumbs = _Crumbs(path)
    if not isinstance(table, dict):
        raise crumbs.fail("each [[rule]] must be a table")
    rule_id = table.get("id")
    if not isinstance(rule_id, str) or not _ID.fullmatch(rule_id):
        raise crumbs.fail(
            f"missing or malformed id {rule_id!r} (want 'pack.name-in-kebab-case')", "id"
        )
    crumbs.rule = rule_id
    _unknown(table, _RULE_KEYS, crumbs, "")
    prefix = rule_id.split(".", 1)[0]
    if prefix not in (pack, group):
        raise crumbs.fail(
            f"id must start with '{pack}.' (the file) or '{group}.' (the folder)", "id"
        )
    description = _str(table, "description", crumbs, required=True)
    action = _enum(Action, table.get("action"), "action", crumbs)
    field = table.get("field")
    take = table.get("take", "block")
    if action is Action.FIELD:
        if field not in FIELDS:
            raise crumbs.fail(f"action 'field' needs field = one of {', '.join(FIELDS)}", "field")
        if take not in ("block", "match"):
            raise crumbs.fail("take must be 'block' or 'match'", "take")
    elif field is not None or "take" in table:
        raise crumbs.fail(
            f"only action 'field' takes field/take (action is '{action.value}')", "field"
        )
    match = table.get("match")
    if not isinstance(match, dict):
        raise crumbs.fail("missing [rule.match] table", "match")
    matcher, scope = _matcher(match, crumbs)
    if action is Action.CUT and matcher.phrases is not None:
        raise crumbs.fail("a cut needs a pattern to find spans: use on = 'block'", "match.on")
    examples = _examples(table.get("examples"), crumbs)
    for example in examples.match if matcher.requires else ():
        if not any(word in example.lower() for word in matcher.requires):
            raise crumbs.fail(
                f"the example {example!r} holds none of the required words, so the rule could "
                "never fire on it",
                "match.requires",
            )
    for example in examples.match:
        if not holds_clauses(example.lower(), matcher.needs):
            raise crumbs.fail(
                f"the example {example!r} lacks every word of a clause of the needed words",
                "match.needs",
            )
    return Rule(
        id=rule_id,
        description=description,
        action=action,
        matcher=matcher,
        scope=scope,
        field=field,
        take=take,
        pack=pack,
        path=path,
        line=line,
        why=_str(table, "why", crumbs),
        aliases=_strs(table, "aliases", crumbs),
        seen_in=_strs(table, "seen_in", crumbs),
        examples=examples,
    )


def _matcher(match: dict[str, Any], crumbs: _Crumbs) -> tuple[Matcher, Scope]:
    _unknown(match, _MATCH_KEYS, crumbs, "match.")
    on = _enum(On, match.get("on", "line"), "match.on", crumbs)
    phrases, pattern = match.get("phrases"), match.get("regex")
    if (phrases is None) == (pattern is None):
        raise crumbs.fail("give exactly one of 'phrases' or 'regex'", "match")
    ignore_case = match.get("ignore_case", phrases is not None)
    if not isinstance(ignore_case, bool):
        raise crumbs.fail("must be true or false", "match.ignore_case")
    flags = regex.IGNORECASE if ignore_case else 0
    if phrases is not None:
        if not phrases or not all(isinstance(p, str) and p.strip() for p in phrases):
            raise crumbs.fail("must be a non-empty list of non-empty strings", "match.phrases")
        if on is On.LINE:
            matcher = Matcher(on, None, frozenset(line_key(p) for p in phrases))
        else:
            compiled = pattern_cache.store().compile(
                r"(?<!\w)\L<phrases>(?!\w)", flags, {"phrases": phrases}
            )
            matcher = Matcher(on, compiled)
    else:
        if not isinstance(pattern, str) or not pattern:
            raise crumbs.fail("must be a non-empty string", "match.regex")
        try:
            compiled = pattern_cache.store().compile(pattern, flags | regex.VERSION0, _NAMED_LISTS)
        except regex.error as exc:
            known = f" (the lists: {', '.join(NAMED_LISTS)})" if "named list" in str(exc) else ""
            raise crumbs.fail(f"pattern does not compile: {exc}{known}", "match.regex") from None
        # A reverse pattern anchored at the end is tried there alone (the same matches); a
        # line rule's block is tried only if it opens with a character the pattern can open
        # with; a searched pattern's branch anchored at the start is tried there alone.
        at_end = on is On.BLOCK and ends_at_end(compiled)
        # ... and not on a block whose stripped text opens or closes with a Latin-1 character
        # no match can (read once, kept in the pattern cache: edges.py). Without the cache
        # (CLEANER_CACHE_DIR="") not read: the reading, about 0.16-0.36 s a process for the
        # built-in packs, saves some 18 tries a seed document (about 50 us): a process
        # without the cache would have to clean several thousand documents to gain by it.
        # (No test, no try saved: the same outputs.)
        # A searched pattern's literal (edges.read_lacking): a block without it that opens
        # otherwise than a match without it can is not tried (wire.dateline and
        # wire.next-dateline, 8 of a seed document's 36.5 tries, none a match).
        opens = pairs = closes = lacking = None
        if pattern_cache.store().path is not None:

            def derived(name: str, read: Callable[[], Any]) -> Any:
                return pattern_cache.store().derived(
                    pattern, flags | regex.VERSION0, _NAMED_LISTS, name, read
                )

            opens, pairs, closes = cached_edges(
                derived, compiled, line=on is On.LINE, at_end=at_end
            )
            if on is On.BLOCK and not at_end:
                lacking = cached_lacking(derived, compiled)
        split = None if on is On.LINE or at_end else anchored_head(compiled)
        head, rest = (
            (None, None)
            if split is None
            else (
                pattern_cache.store().compile(split[0], flags | regex.VERSION0, _NAMED_LISTS),
                pattern_cache.store().compile(split[1], flags | regex.VERSION0, _NAMED_LISTS),
            )
        )
        matcher = Matcher(
            on,
            compiled,
            at_end=at_end,
            opens=None if opens is None else frozenset(opens),
            closes=None if closes is None else frozenset(closes),
            seconds=None if pairs is None else dict(pairs),
            head=head,
            rest=rest,
            lacks=None if lacking is None else lacking[0],
            lacking_opens=None if lacking is None else frozenset(lacking[1]),
            lacking_seconds=None if lacking is None or lacking[2] is None else dict(lacking[2]),
        )
    matcher = _gates(match, matcher, crumbs)
    kinds = match.get("kinds")
    if kinds is not None and (not isinstance(kinds, list) or not set(kinds) <= _KINDS):
        raise crumbs.fail(f"must be a list of block kinds from {sorted(_KINDS)}", "match.kinds")
    default_max = DEFAULT_LINE_MAX_CHARS if on is On.LINE else None
    scope = Scope(
        top=_int(match, "top", crumbs),
        bottom=_int(match, "bottom", crumbs),
        after=_fraction(match, "after", crumbs),
        max_chars=_int(match, "max_chars", crumbs) or default_max,
        once=bool(match.get("once", False)),
        kinds=frozenset(kinds) if kinds else None,
        after_story=_int(match, "after_story", crumbs) or 0,
        after_field=_field_name(match, "after_field", crumbs),
    )
    return matcher, scope


def _gates(match: dict[str, Any], matcher: Matcher, crumbs: _Crumbs) -> Matcher:
    """``matcher`` with the words it requires (``requires``: one of them) and its clauses of
    needed words (``needs``: one of each), both only for a pattern."""
    requires = _strs(match, "requires", crumbs, key_prefix="match.")
    if requires:
        if matcher.pattern is None or not all(
            w.strip() and w.lower() == bounds_of(w.lower())[0] for w in requires
        ):
            raise crumbs.fail(
                "non-empty words (no \\b marks), and only with a 'regex'", "match.requires"
            )
        words = _required_words(requires, crumbs)
        matcher = replace(matcher, requires=tuple(dict.fromkeys(w.lower() for w in words)))
    needs = _needs(match, crumbs)
    if needs:
        if matcher.pattern is None:
            raise crumbs.fail("needed words only with a 'regex'", "match.needs")
        matcher = replace(matcher, needs=needs)
    return matcher


def _needs(match: dict[str, Any], crumbs: _Crumbs) -> tuple[tuple[str, ...], ...]:
    r"""``needs``: clauses (lists) of lower-case words, every match of the pattern holding one
    of each clause; a word opening or ending with ``\b`` (ASCII only) stands there at a word's
    edge (:func:`.model.needs_held`)."""
    raw = match.get("needs", [])
    if not isinstance(raw, list) or not all(
        isinstance(c, list) and c and all(isinstance(w, str) for w in c) for c in raw
    ):
        raise crumbs.fail("must be a list of non-empty lists of words", "match.needs")
    for clause in raw:
        for word in clause:
            bare, left, right = bounds_of(word)
            if not bare.strip() or word != word.lower() or ((left or right) and not bare.isascii()):
                raise crumbs.fail(
                    "needed words are non-empty lower-case words (ASCII where marked \\b)",
                    "match.needs",
                )
    return tuple(tuple(dict.fromkeys(clause)) for clause in raw)


def _required_words(requires: tuple[str, ...], crumbs: _Crumbs) -> list[str]:
    r"""The words of ``requires``, a lexicon list named as in a pattern (``\L<copyright_marks>``)
    standing for its words."""
    words: list[str] = []
    for word in requires:
        named = _LIST_NAME.fullmatch(word)
        if named is None:
            words.append(word)
        elif named[1] in NAMED_LISTS:
            words.extend(NAMED_LISTS[named[1]])
        else:
            raise crumbs.fail(
                f"no lexicon list {named[1]!r} (the lists: {', '.join(NAMED_LISTS)})",
                "match.requires",
            )
    return words


def _examples(raw: Any, crumbs: _Crumbs) -> Examples:
    if not isinstance(raw, dict):
        raise crumbs.fail("every rule needs [rule.examples] with at least one 'match'", "examples")
    _unknown(raw, _EXAMPLE_KEYS, crumbs, "examples.")
    match = _strs(raw, "match", crumbs, key_prefix="examples.")
    if not match:
        raise crumbs.fail("every rule needs at least one example it must match", "examples.match")
    cases = []
    for i, case in enumerate(raw.get("cases", [])):
        key = f"examples.cases[{i}]"
        if not isinstance(case, dict):
            raise crumbs.fail("must be a table {input, output}", key)
        _unknown(case, _CASE_KEYS, crumbs, key + ".")
        if not isinstance(case.get("input"), str) or not isinstance(case.get("output"), str):
            raise crumbs.fail("needs string 'input' and 'output'", key)
        cases.append(Case(case["input"], case["output"], case.get("value")))
    return Examples(
        match=match,
        no_match=_strs(raw, "no_match", crumbs, key_prefix="examples."),
        cases=tuple(cases),
        todo_match=_strs(raw, "todo_match", crumbs, key_prefix="examples."),
    )


def _unknown(table: dict[str, Any], allowed: set[str], crumbs: _Crumbs, prefix: str) -> None:
    for key in table:
        if key not in allowed:
            raise crumbs.fail(f"unknown key (allowed: {', '.join(sorted(allowed))})", prefix + key)


def _enum(enum: Any, value: Any, key: str, crumbs: _Crumbs) -> Any:
    try:
        return enum(value)
    except ValueError:
        allowed = ", ".join(repr(m.value) for m in enum)
        raise crumbs.fail(f"{value!r} is not one of {allowed}", key) from None


def _str(table: dict[str, Any], key: str, crumbs: _Crumbs, *, required: bool = False) -> Any:
    value = table.get(key)
    if value is None and not required:
        return None
    if not isinstance(value, str) or not value.strip():
        raise crumbs.fail("must be a non-empty string", key)
    return value


def _strs(
    table: dict[str, Any], key: str, crumbs: _Crumbs, *, key_prefix: str = ""
) -> tuple[str, ...]:
    value = table.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise crumbs.fail("must be a list of strings", key_prefix + key)
    return tuple(value)


def _int(table: dict[str, Any], key: str, crumbs: _Crumbs) -> int | None:
    value = table.get(key)
    if value is not None and (not isinstance(value, int) or isinstance(value, bool) or value < 1):
        raise crumbs.fail("must be a whole number of at least 1", "match." + key)
    return value


def _fraction(table: dict[str, Any], key: str, crumbs: _Crumbs) -> float | None:
    value = table.get(key)
    if value is not None and (not isinstance(value, int | float) or not 0 <= value < 1):
        raise crumbs.fail("must be a fraction from 0 up to 1", "match." + key)
    return value


def _field_name(table: dict[str, Any], key: str, crumbs: _Crumbs) -> str | None:
    value = table.get(key)
    if value is not None and value not in FIELDS:
        raise crumbs.fail(f"must be one of {', '.join(FIELDS)}", "match." + key)
    return value if isinstance(value, str) else None
