"""Run a RuleSet over a page's blocks: keep, drop, cut, or move each block to a field."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import pairwise

import regex

from ..article import Removal
from ..blocks import STORY_LONG_WORDS, Block, is_story_paragraph, word_count
from ..normalize import collapse_spaces
from . import compiled
from .loader import RuleSet
from .model import FIELDS, Action, BlockView, Gate, Rule, may_match, needs_held

try:  # ahocorasick-rs (a dependency): a block's required words found in one pass over it
    from ahocorasick_rs import AhoCorasick, MatchKind

    AUTOMATON = True
except ImportError:  # a broken install: one substring test a word (the same words found)
    AUTOMATON = False

#: The actions, read once: an ``Action.X`` lookup goes through ``EnumType.__getattr__`` (some
#: 850 instructions each; 62 a seed document in this module's loops).
_DROP, _DROP_REST, _CUT, _FIELD = Action.DROP, Action.DROP_REST, Action.CUT, Action.FIELD
#: Fields whose value is parsed rather than kept as printed.
_REWRITTEN_FIELDS = frozenset({"date"})
#: Separators printed between a field's value and the rest of its line.
_SEPARATORS = " \t|•·*,-–—"
#: Signature lines are short chrome; longer blocks are not looked up.
_SIGNATURE_MAX = 300
#: A drop-rest heading with more than this many times the story words kept above it in the
#: story paragraphs below it is a box inside the story ('Read Next', 'Most Popular' set in
#: the story's column), not the start of the page's tail: only the heading goes. On the
#: rendered train pages the in-story boxes have 5-31 times the words above them below, the
#: comment and related-story tails at most 1.8 times. Validation (rendered wcxb/fundus, 1143
#: dumps): one dump gains (F1 0.13 -> 0.60), none changes otherwise; body F1 0.901 as before
#: to three places; compare_outputs (585 inputs) identical.
BOX_BELOW = 3.0
#: ... and only when the story's running text resumes (two long paragraphs in a row) within
#: this many blocks below the heading: the in-story boxes of the train pages list 3-16 blocks
#: of links; a page's tail of teasers and menus rarely holds two paragraphs in a row.
BOX_SPAN = 20


@dataclass(slots=True)
class Kept:
    """A block that stays in the story, and whether chrome was removed just before it."""

    block: Block
    after_gap: bool = False
    index: int = 0  # position of the block on the page, before any rule ran


@dataclass(slots=True)
class Outcome:
    """What the rules left: kept blocks, field values by field name, and removals if asked."""

    kept: list[Kept] = field(default_factory=list)
    fields: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # name → [(value, rule)]
    removed: list[Removal] | None = None
    positions: dict[str, list[int]] = field(default_factory=dict)  # field → block indexes
    hits: dict[int, list[str]] = field(default_factory=dict)  # block index → ids of rules fired
    index: int = 0  # the block being worked on

    def remove(self, rule: str, text: str, score: float | None = None) -> None:
        if self.removed is not None and text:
            # (made by the compiled module where it is at hand: a frozen dataclass's __init__
            # cost some 6,000 instructions a removal, 21.5 removals a seed document)
            engine = compiled.engine()
            if engine is not None:
                self.removed.append(engine.removal(Removal, rule, text, score))
            else:
                self.removed.append(Removal(rule, text, score))

    def put(self, name: str, value: str, rule: str, index: int | None = None) -> None:
        """Add a value to a field, from block ``index`` (the block the rules are at when
        None; a pass after the rules names the block it routes)."""
        value = collapse_spaces(value)
        if value:
            self.fields.setdefault(name, []).append((value, rule))
            self.positions.setdefault(name, []).append(self.index if index is None else index)

    def put_first(self, name: str, value: str, rule: str, index: int) -> None:
        """Put a value before those found so far (from block ``index``): a one-value field
        shows it."""
        value = collapse_spaces(value)
        if value:
            self.fields.setdefault(name, []).insert(0, (value, rule))
            self.positions.setdefault(name, []).insert(0, index)

    def take(self, name: str, at: int = 0) -> str:
        """Take the field's value ``at`` (its place among the field's values; the first by
        default) out, with its position; a field left with none goes."""
        value, _ = self.fields[name].pop(at)
        self.positions[name].pop(at)
        if not self.fields[name]:
            del self.fields[name], self.positions[name]
        return value

    def routed(self) -> set[int]:
        """The page indices of the blocks a field's value was taken from."""
        return {index for indices in self.positions.values() for index in indices}

    def account(self, rule: str, printed: str, kept: list[str]) -> None:
        """Record as removed, in one piece, what of a printed text no field keeps as printed:
        a date line whole (the date field holds a parsed form), a byline's date and the
        separators around it. Each of ``kept`` is cut out once."""
        if self.removed is None:
            return
        rest = printed
        for value in kept:
            rest = rest.replace(value, "", 1)
        # Separators between a kept value and the rest are neither.
        self.remove(rule, collapse_spaces(rest).strip(_SEPARATORS))


def apply_rules(
    blocks: tuple[Block, ...], rules: RuleSet, *, host: str | None = None, explain: bool = False
) -> Outcome:
    """Apply every rule to every block, in rule order; the first rule that takes a block wins.

    Site packs run only on their own pages: known by ``host`` or by their signature lines.
    """
    outcome = Outcome(removed=[] if explain else None)
    total = len(blocks)
    views, plan, chosen = _page_plan(blocks, rules, host)
    engine = compiled.engine() if chosen is not None else None
    fired: set[str] = set()
    stories = 0  # story paragraphs kept so far
    story_words = 0  # their words
    gap = False
    for index, block in enumerate(blocks):
        outcome.index = index
        text: str | None = block.text
        view = views[index] if views else None  # compiled: made where a try needs one
        # (the Python's candidates chosen block by block: none past a drop-rest heading)
        candidates = plan.candidates(views[index], block.kind) if chosen is None else chosen[index]
        scoped = chosen is not None  # the compiled module tested their static scopes
        gated = True  # the plan chose these rules by the words they require
        position = 0
        while position < len(candidates) and text is not None:
            rule = candidates[position]
            position += 1
            scope = rule.scope
            if (scope.once and rule.id in fired) or scope.after_story > stories:
                continue
            if scope.after_field is not None and scope.after_field not in outcome.fields:
                continue
            if not scoped and not scope.admits(index, total, len(text), block.kind):
                continue
            matcher = rule.matcher
            # A phrase-list rule the compiled module chose was chosen by the block's key being
            # one of its phrases (nothing else sets its bit): the find's answer, without the key
            # made again in Python (a BlockView and its key, some 8,000 instructions). (No view
            # made for a gated pattern's try: it reads the text alone.)
            found = (
                True
                if scoped and matcher.phrases is not None and not matcher.requires
                else matcher.find(text, view, gated=gated)
            )
            if not found:
                continue
            fired.add(rule.id)
            outcome.hits.setdefault(index, []).append(rule.id)
            if rule.action is _DROP_REST:
                if _heading_inside_story(blocks, index, text, story_words):
                    # Running text right below a heading, or far more story below it than
                    # above: a heading inside the story. Only it goes. (A paragraph that
                    # opens the next story, its dateline first, takes the rest with it.)
                    outcome.remove(rule.id, text)
                    text = None
                    break
                outcome.remove(rule.id, text)
                _drop_rest(blocks, index + 1, rule, plan, outcome, chosen)
                return outcome
            if rule.action is _FIELD and rule.take == "block" and text == block.text:
                story, tail, tail_found = _story_before_field(block, rule)
                if story:  # keep the story part; the field takes only the glued-on tail
                    outcome.kept.append(Kept(Block(story, block.kind), gap, index))
                    words = _paragraph_words(story)
                    stories, story_words = stories + (words > 0), story_words + words
                    gap = False
                    text, found = tail, tail_found
            before = text
            text = _act(rule, text, found, outcome)
            if text is not None and text != before:
                # A cut left a shorter block: rules too short for it before may take it now.
                view = BlockView(text)
                after = plan.rules.index(rule)
                if chosen is not None and engine is not None:
                    # The rules after this one that what is left meets, chosen as the page's
                    # blocks' were (its words, phrase, edges and static scopes; the same
                    # rules the Python's tests below would try): a seed caption left by its
                    # credit's cut met each later rule in Python, 16 finds on the seed pair,
                    # none left (rules stage 1.70 -> 1.55 million instructions a seed document).
                    candidates = engine.rules_after(
                        plan.tables, text, block.kind, index, total, after
                    )
                    position = 0
                else:
                    candidates = plan.rules
                    gated = False
                    scoped = False
                    position = after + 1
        if text is None:
            gap = True
            continue
        if text != block.text:
            block = Block(text, block.kind)
        outcome.kept.append(Kept(block, gap, index))
        # (_paragraph_words inlined: a call a block, most of them meeting no rule)
        words = word_count(block.text) if is_story_paragraph(block.text) else 0
        stories, story_words = stories + (words > 0), story_words + words
        gap = False
    return outcome


def _paragraph_words(text: str) -> int:
    """The words of a story paragraph; 0 for any other text."""
    return word_count(text) if is_story_paragraph(text) else 0


def _heading_inside_story(
    blocks: tuple[Block, ...], index: int, text: str, story_words: int
) -> bool:
    """Whether the drop-rest heading ``text`` at ``index`` stands inside the story: running
    text right below it, or far more story below it than the ``story_words`` kept above
    (:data:`BOX_BELOW`) with running text resuming soon below it."""
    if is_story_paragraph(text):
        return False
    following = blocks[index + 1] if index + 1 < len(blocks) else None
    if following is not None and is_story_paragraph(following.text):
        return True
    return _resumes(blocks, index + 1) and _story_words(blocks, index + 1) > BOX_BELOW * story_words


def _resumes(blocks: tuple[Block, ...], start: int) -> bool:
    """Whether running text resumes within :data:`BOX_SPAN` blocks of ``start``: two long
    paragraphs in a row (:data:`STORY_LONG_WORDS` words each), below the links of a box set
    inside the story. (A page's tail has shorter ones: a cookie notice, a pager's line.)"""
    end = min(len(blocks), start + BOX_SPAN)
    long = [word_count(blocks[i].text) >= STORY_LONG_WORDS for i in range(start, end)]
    return any(a and b for a, b in pairwise(long))


def _story_words(blocks: tuple[Block, ...], start: int) -> int:
    """The words of the story paragraphs from ``start`` to the page's end."""
    return sum(_paragraph_words(block.text) for block in blocks[start:])


def _drop_rest(
    blocks: tuple[Block, ...],
    start: int,
    rule: Rule,
    plan: _Plan,
    outcome: Outcome,
    chosen: list[tuple[Rule, ...]] | None = None,
) -> None:
    """Remove every block from ``start`` on for a drop-rest ``rule``, but the page's
    copyright line: printed under the related links and comments that a drop-rest heading
    opens, it is still the story's, and the copyright rules still route it.

    ``chosen``: each block's candidate rules where the compiled module chose them (in rule
    order, those whose static scope admits the block and whose required words or phrases it
    holds): the routes among them are those that may take the block, tried without testing
    its words again (a seed document's tail below its 'Related' heading is some 10 blocks)."""
    total = len(blocks)
    routes = [r for r in plan.rules if r.action is _FIELD and r.field == "copyright"]
    routing = frozenset(map(id, routes))
    for index in range(start, total):
        block = blocks[index]
        text = block.text
        outcome.index = index
        if chosen is None:
            tried = [r for r in routes if r.scope.admits(index, total, len(text), block.kind)]
        else:
            tried = [r for r in chosen[index] if id(r) in routing]
        for other in tried:
            found = other.matcher.find(text, gated=chosen is not None)
            if found:
                outcome.hits.setdefault(index, []).append(other.id)
                rest = _act(other, text, found, outcome)
                if rest:
                    outcome.remove(rule.id, rest)
                break
        else:
            outcome.remove(rule.id, text)


class _Plan:
    """The active rules, arranged so that each block meets only the rules that could take it:
    by its length (``max_chars``), by the words it holds (``requires``) and by its kind."""

    def __init__(self, source: RuleSet, rules: tuple[Rule, ...]) -> None:
        #: The RuleSet these rules came from, or the first of the same rules (kept: its rules'
        #: ids are the plan's key in :data:`_PLANS`).
        self.source = source
        self.rules = rules
        self.limits = sorted({r.scope.max_chars for r in rules if r.scope.max_chars is not None})
        buckets = [
            tuple(r for r in rules if r.scope.max_chars is None or r.scope.max_chars >= limit)
            for limit in self.limits
        ]
        buckets.append(tuple(r for r in rules if r.scope.max_chars is None))
        self.buckets = [_Bucket(bucket) for bucket in buckets]
        #: The compiled module's tables of this plan (:mod:`.compiled`), made at its first
        #: page there; False where the module cannot hold them.
        self.tables: object | None = None

    def candidates(self, view: BlockView, kind: str) -> list[Rule]:
        """The rules, in order, that may take this block (of this kind)."""
        return self.buckets[bisect_left(self.limits, len(view.text))].candidates(view, kind)


class _Bucket:
    """Rules for blocks up to some length, indexed by the words they require and by the
    phrases of the phrase-list rules (a block meets those only when it is one of them); of
    those, a block meets the rules whose scope admits its kind."""

    def __init__(self, rules: tuple[Rule, ...]) -> None:
        self.rules = rules
        self.ungated = [
            i for i, r in enumerate(rules) if not r.matcher.requires and r.matcher.phrases is None
        ]
        by_word: dict[str, list[int]] = {}
        for i, rule in enumerate(rules):
            for word in rule.matcher.requires:
                by_word.setdefault(word, []).append(i)
        # A word that holds another word of the bucket ('editing by' holds 'by', 'support'
        # 'por') is in a block only if that one is: it is looked for only where that one was
        # found (under the longest such word). The others are looked for in every block.
        self.roots: list[tuple[str, int]] = []
        self.within: dict[int, list[tuple[str, int]]] = {}  # word → the words that hold it
        words = list(by_word)
        # All of them at once, in one pass over the block, when the automaton is installed
        # (word n is its pattern n); else by the substring tests below.
        self.finder = AhoCorasick(words, MatchKind.Standard) if AUTOMATON and words else None
        for i, word in enumerate(words):
            held = self._held(words, i)
            if held:
                parent = max(held, key=lambda n: len(words[n]))
                self.within.setdefault(parent, []).append((word, i))
            else:
                self.roots.append((word, i))
        positions = [tuple(found) for found in by_word.values()]
        by_phrase: dict[str, list[int]] = {}
        for i, rule in enumerate(rules):
            for phrase in rule.matcher.phrases or ():
                by_phrase.setdefault(phrase, []).append(i)
        # A phrase found is a "word" numbered after the words.
        self.by_phrase = {key: len(positions) + n for n, key in enumerate(by_phrase)}
        self.longest_phrase = max(map(len, by_phrase), default=0)
        self.positions = positions + [tuple(found) for found in by_phrase.values()]
        #: (the block's kind, the words found) → the candidate rules
        self.chosen: dict[tuple[str | int, ...], list[Rule]] = {}
        #: Whether a rule here has needed words (``Matcher.needs``, :func:`.model.needs_held`).
        self.needy = any(r.matcher.needs for r in rules)
        #: Whether a rule here has a test of a block's edges (``model.may_match``): a block
        #: whose stripped text opens or closes with a Latin-1 character the rule's pattern
        #: cannot open or close with does not meet it (generic.separator-line: 10 of its 10.5
        #: tries a seed document; wire.agency-signoff 7 of 7).
        self.opening = any(
            r.matcher.opens is not None
            or r.matcher.closes is not None
            or r.matcher.seconds is not None
            for r in rules
        )

    def _held(self, words: list[str], i: int) -> list[int]:
        """The numbers of the other words that word ``i`` holds, in order: by the automaton
        when there is one (every match, overlapping ones too), else by testing each word (a
        test of every pair: a fifth of the rule engine's time on a page that needs a plan of
        its own, its packs or kinds not met before in the process)."""
        word = words[i]
        if self.finder is not None:
            found = {n for n, _, _ in self.finder.find_matches_as_indexes(word, True)}
            found.discard(i)
            return sorted(found)
        return [n for n, other in enumerate(words) if n != i and other in word]

    def candidates(self, view: BlockView, kind: str) -> list[Rule]:
        lower = view.lower
        hits = self._words_in(lower)
        if self.by_phrase:
            line = view.short_key(self.longest_phrase)
            phrase = None if line is None else self.by_phrase.get(line)
            if phrase is not None:
                hits.append(phrase)
        key: tuple[str | int, ...] = (kind, *hits)
        found = self.chosen.get(key)
        if found is None:
            # The rules of the words found, and those that require none, in rule order; of
            # those, the ones whose scope admits the kind (``Scope.admits`` tests it again).
            chosen = set(self.ungated)
            for i in hits:
                chosen.update(self.positions[i])
            found = [
                rule
                for rule in (self.rules[i] for i in sorted(chosen))
                if rule.scope.kinds is None or kind in rule.scope.kinds
            ]
            if len(self.chosen) > 4096:
                self.chosen.clear()
            self.chosen[key] = found
        if self.needy and any(r.matcher.needs for r in found):
            # a rule lacking every word of a clause of its needed words: not tried
            found = [
                r for r in found if not r.matcher.needs or needs_held(view.text, r.matcher.needs)
            ]
        if self.opening:
            stripped = view.text.strip()
            if stripped:
                first, second, last = stripped[0], stripped[1:2], stripped[-1]
                found = [r for r in found if may_match(r.matcher, first, second, last)]
        return found

    def _words_in(self, lower: str) -> list[int]:
        """The numbers of the required words that ``lower`` holds, in order: every match of
        the automaton (overlapping ones too: 'by' within 'editing by'), else substring tests."""
        if self.finder is not None:
            try:
                matches = self.finder.find_matches_as_indexes(lower, True)
            except UnicodeEncodeError:  # a lone surrogate: the automaton reads UTF-8 only
                pass
            else:
                return sorted({word for word, _, _ in matches})
        # Substring tests in C: far cheaper than trying the patterns.
        hits = [i for word, i in self.roots if word in lower]
        if hits and self.within:
            holders = [i for i in hits if i in self.within]
            while holders:
                for word, i in self.within[holders.pop()]:
                    if word in lower:
                        hits.append(i)
                        if i in self.within:
                            holders.append(i)
            hits.sort()
        return hits


#: The plans made, by their rules and open packs: every RuleSet of the same rules (the same
#: Rule objects in the same order: a Cleaner's own RuleSet, made per Cleaner, holds the
#: built-in rules that ``loader._builtin_rules`` shares in a process) shares them, and the
#: compiled module's tables they hold. Built per Cleaner, a plan was about half of a fresh
#: Cleaner's first page (audit24: 23 ms CPU against 6.5 ms a page of a reused one).
_PLANS: dict[tuple[tuple[int, ...], frozenset[str]], _Plan] = {}
#: Each RuleSet met, by its id: the RuleSet (kept, so that its id and its rules' ids are not
#: another's while it is here), its key among :data:`_PLANS` (the ids of its rules) and its
#: site packs' gates with the longest signature's length and every signature (a page's walk
#: over the rules for them, once a RuleSet).
_RuleEntry = tuple[RuleSet, tuple[int, ...], tuple[Gate, ...], int, frozenset[str]]
_RULE_KEYS: dict[int, _RuleEntry] = {}


def _rules_entry(rules: RuleSet) -> _RuleEntry:
    """The entry of ``rules`` among :data:`_RULE_KEYS`. Its key among the plans, the ids of its
    rules in order: two RuleSets share a key only when they hold the same Rule objects in the
    same order: rules loaded from other folders, or another disable list, or packs, are other
    objects or another order. (An id names one object while that object lives: the plan a key
    finds holds its RuleSet, and that RuleSet its rules.)"""
    entry = _RULE_KEYS.get(id(rules))
    if entry is None or entry[0] is not rules:
        gates = tuple({rule.gate: None for rule in rules.rules if rule.gate is not None})
        signatures = frozenset(s for gate in gates for s in gate.signatures)
        longest = max(map(len, signatures), default=0)
        entry = (rules, tuple(map(id, rules.rules)), gates, longest, signatures)
        if len(_RULE_KEYS) > 256:
            _RULE_KEYS.clear()
        _RULE_KEYS[id(rules)] = entry
    return entry


def _page_plan(
    blocks: tuple[Block, ...], rules: RuleSet, host: str | None
) -> tuple[list[BlockView], _Plan, list[tuple[Rule, ...]] | None]:
    """The page's plan, and either each block's candidate rules with the static tests of their
    scopes made, where the compiled module chooses them (:mod:`.compiled`), or the views of
    the blocks for the Python's :meth:`_Plan.candidates`."""
    engine = compiled.engine()
    if engine is not None:
        # (only the keys of the blocks whose first and last characters may be a signature's:
        # on the seeds, 40 short blocks of 46.5 a document were keyed for three signatures)
        plan = _plan_for(
            lambda limit, signatures: engine.signature_keys(
                blocks, limit, _SIGNATURE_MAX, signatures
            ),
            rules,
            host,
        )
        if plan.tables is None:
            plan.tables = compiled.compiled_plan(engine, plan) or False
        if plan.tables is not False:
            return [], plan, engine.candidates(plan.tables, blocks)
    views = [BlockView(block.text) for block in blocks]
    return views, _plan_for(lambda limit, _: _signature_keys(views, limit), rules, host), None


def _signature_keys(views: list[BlockView], limit: int) -> frozenset[str]:
    """The keys of the page's short blocks that a signature line of at most ``limit``
    characters may be."""
    found = (v.short_key(limit) for v in views if len(v.text) <= _SIGNATURE_MAX)
    return frozenset(key for key in found if key is not None)


def _plan_for(
    page_keys: Callable[[int, frozenset[str]], frozenset[str]], rules: RuleSet, host: str | None
) -> _Plan:
    """The rules that may take a block of this page: those of the packs it opens (by ``host``
    or by a signature line among ``page_keys(the longest signature's length, the
    signatures)``: the page's keys, or those of them that may be one of the signatures). One
    plan for every set of open packs, whatever kinds of blocks the page has (a block meets only
    the rules of its kind: :meth:`_Plan.candidates`): a plan for each set of kinds too was built
    anew for 16 of the 60 tuning pages that ``benchmarks/count_html_instructions.py`` counts
    (one set of packs, 17 sets of kinds)."""
    _, ids, gates, longest, signatures = _rules_entry(rules)
    open_packs: frozenset[str] = frozenset()
    if gates:
        keys = page_keys(longest, signatures)
        open_packs = frozenset(gate.pack for gate in gates if gate.opens(host, keys))
    cache_key = (ids, open_packs)
    plan = _PLANS.get(cache_key)
    if plan is None:
        active = tuple(r for r in rules.rules if r.gate is None or r.gate.pack in open_packs)
        plan = _Plan(rules, active)
        if len(_PLANS) > 256:
            _PLANS.clear()
        _PLANS[cache_key] = plan
    return plan


def _story_before_field(
    block: Block, rule: Rule
) -> tuple[str, str, regex.Match[str] | bool | None]:
    """A field rule takes whole blocks. When a block is story running text with the field's
    line glued to its end (a caption printed right under a paragraph, no blank line between),
    only that last piece goes to the field: returns (story, last piece, its match), or
    ('', '', None) when the block is not such a pair."""
    if len(block.parts) < 2:
        return "", "", None
    story, tail = " ".join(block.parts[:-1]), block.parts[-1]
    if not is_story_paragraph(story):
        return "", "", None
    found = rule.matcher.find(tail)
    return (story, tail, found) if found else ("", "", None)


def _act(rule: Rule, text: str, found: object, outcome: Outcome) -> str | None:
    """Apply one rule's action to a block's text; ``None`` when nothing of the block stays."""
    if rule.action is _DROP:
        outcome.remove(rule.id, text)
        return None
    if rule.action is _CUT:
        return _cut(rule, text, rule.matcher.spans(text), outcome, to_field=False)
    # Action.FIELD
    match = found if isinstance(found, regex.Match) else None
    if rule.take == "match" and match is not None:
        return _cut(rule, text, [match], outcome, to_field=True)
    value = text
    if match is not None:
        value = _value(match, text)
    outcome.put(rule.field or "", value, rule.id)
    verbatim = [] if rule.field in _REWRITTEN_FIELDS else [value]
    for name, other in _other_fields(match, rule):
        # A group named after another field carries that field: a date printed on the byline.
        outcome.put(name, other, rule.id)
        if name not in _REWRITTEN_FIELDS:
            verbatim.append(other)
    # What the fields do not keep as printed (a separator, a date) is chrome, or was parsed.
    outcome.account(rule.id, text, verbatim)
    return None


def _other_fields(match: regex.Match[str] | None, rule: Rule) -> list[tuple[str, str]]:
    if match is None:
        return []
    # (a group read by its number: by its name, ``regex`` first tries the name as a number and
    # formats the error it drops, some 1,800 instructions a read)
    return [
        (name, match.group(number))
        for name, number in match.re.groupindex.items()
        if name in FIELDS and name != rule.field and match.group(number)
    ]


def _cut(
    rule: Rule, text: str, matches: list[regex.Match[str]], outcome: Outcome, *, to_field: bool
) -> str | None:
    pieces: list[str] = []
    last = 0
    for match in matches:
        pieces.append(text[last : match.start()])
        if to_field:
            value = _value(match)
            outcome.put(rule.field or "", value, rule.id)
            outcome.account(
                rule.id, match.group(0), [] if rule.field in _REWRITTEN_FIELDS else [value]
            )
        else:
            outcome.remove(rule.id, match.group(0).strip())
        last = match.end()
    pieces.append(text[last:])
    rest = collapse_spaces("".join(pieces))
    return rest or None


def _value(match: regex.Match[str], otherwise: str | None = None) -> str:
    """The named group ``value`` when the pattern has one and it took part in the match, else
    ``otherwise`` (the block's text), or the whole match. The group is read by its number (see
    :func:`_other_fields`)."""
    number = match.re.groupindex.get("value")
    if number is not None:
        value = match.group(number)
        if value is not None:
            return value
    return match.group(0) if otherwise is None else otherwise
