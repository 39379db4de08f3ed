"""The compiled rule engine's per-page work (cleaner/engine/_cengine.c) is the Python's: each
block meets the rules ``_Plan.candidates`` gives it whose ``Scope.admits`` holds, in order,
for the built-in rules (with and without the site packs), made rule packs (words outside ASCII,
phrases, every static scope), the seeds and text fixtures, made texts (outside ASCII, case
folding, empty blocks, edge marks and brackets) and, where ``training/data`` is built, every
block of every training dump; and ``apply_rules`` gives the same outcome either way."""

from __future__ import annotations

import ctypes
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.blocks import Block
from cleaner.engine import apply, compiled
from cleaner.engine.loader import RuleSet, load_rules
from cleaner.engine.model import Action, BlockView, Matcher, On, Rule, Scope
from cleaner.text_blocks import text_to_page

from .conftest import TEXT_PAGES
from .outcomes import require_extension
from .training_dumps import dump_texts, needs_training_data

KINDS = ("para", "heading", "list", "quote", "caption")

engine = compiled.engine()
needs_compiled = pytest.mark.skipif(
    engine is None, reason="the package was built without its C extension (or not for this code)"
)
RULES = load_rules()


def _plans(rules: RuleSet) -> list[apply._Plan]:
    """The plan without the site packs and the plan with all of them."""
    bare = tuple(r for r in rules.rules if r.gate is None)
    return [apply._Plan(rules, bare), apply._Plan(rules, rules.rules)]


def _python(plan: apply._Plan, blocks: tuple[Block, ...]) -> list[tuple[Rule, ...]]:
    total = len(blocks)
    return [
        tuple(
            rule
            for rule in plan.candidates(BlockView(block.text), block.kind)
            if rule.scope.admits(index, total, len(block.text), block.kind)
        )
        for index, block in enumerate(blocks)
    ]


def _tables(rules: RuleSet) -> list[tuple[apply._Plan, object]]:
    """The plans of :func:`_plans` with the compiled module's tables of each."""
    assert engine is not None
    found = [(plan, compiled.compiled_plan(engine, plan)) for plan in _plans(rules)]
    assert all(tables is not None for _, tables in found)
    return found


BUILT_IN = _tables(RULES) if engine is not None else []
#: The site packs' signature lines, and made keys opening or closing outside ASCII.
SIGNATURES = frozenset(
    {s for rule in RULES.rules if rule.gate is not None for s in rule.gate.signatures}
    | {"« ap »", "by the ap ©", "© 2024", "advertisement"}
)


def _same(blocks: tuple[Block, ...], plans: list[tuple[apply._Plan, object]] = BUILT_IN) -> None:
    assert engine is not None
    total = len(blocks)
    for plan, tables in plans:
        python = _python(plan, blocks)
        assert engine.candidates(tables, blocks) == python
        # what a cut leaves of a block meets the rules after the one that cut, as the Python
        # would choose them (apply_rules): the block's own text stands for what is left
        number = {id(rule): n for n, rule in enumerate(plan.rules)}
        for index, block in enumerate(blocks):
            for after in (-1, 0, 63, 64, len(plan.rules) // 2, len(plan.rules) - 1):
                assert engine.rules_after(
                    tables, block.text, block.kind, index, total, after
                ) == tuple(rule for rule in python[index] if number[id(rule)] > after)
    views = [BlockView(block.text) for block in blocks]
    for limit in (0, 20, 71, 200):
        # the Python's keys, less some it makes that are longer than any signature looked for
        python = apply._signature_keys(views, limit)
        keys = engine.signature_keys(blocks, limit, apply._SIGNATURE_MAX)
        assert keys <= python
        assert {key for key in python if len(key) <= limit} <= keys
        # where the signatures are given, the keys that may be one of them by their first and
        # last characters: every one of them that the page holds, and no key it does not
        for signatures in (SIGNATURES, frozenset(sorted(python)[::2]), frozenset({""})):
            some = engine.signature_keys(blocks, limit, apply._SIGNATURE_MAX, signatures)
            assert some <= keys
            assert {key for key in python if len(key) <= limit} & signatures <= some
        assert engine.signature_keys(blocks, limit, apply._SIGNATURE_MAX, None) == keys


def test_the_compiled_module_follows_this_code() -> None:
    """The code the compiled module was written to (``compiled_follows.ENGINE``): when this fails, that code changed (the Python now runs everywhere):
    make ``_cengine.c`` choose the same rules (the tests below compare them), then set its
    ``SOURCE_HASH`` to the one printed and rebuild (``pip install -e .``)."""
    try:
        from cleaner.engine import _cengine  # type: ignore[attr-defined]
    except ImportError:
        pytest.skip("the package was built without its C extension")
    assert compiled.source_hash() == _cengine.SOURCE_HASH


def test_the_compiled_module_is_loaded_where_it_was_built() -> None:
    """In CI (``CI`` set, a compiler at hand, the package installed in place) the extension
    must be there and run: a build that silently fell back would go untested."""
    require_extension("cleaner.engine._cengine")
    if os.environ.get(compiled.PURE_SWITCH) != "1":
        assert engine is not None


def test_the_pure_switch_asks_for_the_python(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(compiled.PURE_SWITCH, "1")
    compiled.engine.cache_clear()
    try:
        assert compiled.engine() is None
    finally:
        monkeypatch.delenv(compiled.PURE_SWITCH)
        compiled.engine.cache_clear()


@needs_compiled
@pytest.mark.parametrize("path", TEXT_PAGES, ids=lambda path: path.name)
def test_the_fixtures_blocks_meet_the_python_rules(path: Path) -> None:
    _same(text_to_page(path.read_text(encoding="utf-8", errors="replace")).blocks)


@needs_compiled
@pytest.mark.parametrize("path", TEXT_PAGES, ids=lambda path: path.name)
def test_apply_rules_gives_the_python_outcome(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocks = text_to_page(path.read_text(encoding="utf-8", errors="replace")).blocks
    fast = apply.apply_rules(blocks, RULES, explain=True)
    monkeypatch.setattr(compiled, "engine", lambda: None)
    assert apply.apply_rules(blocks, RULES, explain=True) == fast


def test_every_lower_case_is_the_simple_one_but_two() -> None:
    """What the C's lowering rests on: ``str.lower`` of one character is its simple lower case
    (``Py_UNICODE_TOLOWER``) for every code point but U+0130 and the capital sigma (lowered by
    Python in the C)."""
    to_lower = getattr(ctypes.pythonapi, "_PyUnicode_ToLowercase", None)
    if to_lower is None:
        pytest.skip("this Python does not export _PyUnicode_ToLowercase")
    to_lower.restype, to_lower.argtypes = ctypes.c_uint32, [ctypes.c_uint32]
    odd = [
        code
        for code in range(0x110000)
        if not 0xD800 <= code < 0xE000 and chr(code).lower() != chr(to_lower(code))
    ]
    assert odd == [0x130]
    assert "Σ".lower() == "σ" and "AΣ".lower() == "aς"  # the sigma's neighbours count


#: Made blocks: empty ones, edges and brackets, double spaces and tabs, case folding and
#: characters lowered by Python (U+0130, the capital sigma, the Kelvin sign), words of the
#: rules outside ASCII, lone surrogates, long and short texts.
MADE = [
    "",
    " ",
    "[]",
    "()",
    "[Advertisement]",
    "(  Read more  )",
    "— Related ARTICLES: —",
    "•  Share this story  •",
    "Read\tmore",
    "Related  articles",
    "İSTANBUL (Reuters) — İş dünyası",
    "ΣΟΦΙΑ ΣΑΣ ΣΥΝΕΧΕΙΑ Σ",
    "\u212aelvin Follow us on Twitter",
    "FÖLJ OSS på Instagram",
    "SÍGUENOS en redes",
    "Nächster Artikel",
    "© 2024 The Company",
    "Photo: AP │ Credit",
    "broken \ud800 surrogate by AP",
    "By JANE DOE, Associated Press",
    "x" * 400,
    "Follow us " * 60,
    "Copyright 2024 The Associated Press. All rights reserved.",
    "Advertisement",
    "ADVERTISEMENT",
    "Sign up for our newsletter",
    "(AP Photo/Jane Doe)",
    "___",
    " \u2003 * * *",
    "\u00a0—\u00a0—",
    "· · ·",
    "\x1c--",
    "|||",
    "If you're reading this on the app",
    # needed words at a word's edge (Matcher.needs) and the characters that leave them untested
    "Download the APP today",
    "approach the approval, happen",
    "_app app_ app1 1app (app) app.",
    "\u212aapp app\u212a \u212a",
    "Get it on the AppStore or Google Play",
    "News straight to your phone",
    "\u017ftraight to your phone, happy",
    "\u0131 happy \u0130 happy",
    "Σ happy app",
    "broken \ud800 happy",
    "following the donor, support for us",
    "Chip in! Your support keeps us going",
]


@needs_compiled
def test_made_blocks_meet_the_python_rules() -> None:
    for kind in KINDS:
        _same(tuple(Block(text, kind) for text in MADE))
        _same(tuple(Block(text, kind) for text in reversed(MADE)))


def _phrase_forms(phrase: str) -> list[str]:
    """A phrase as blocks print it: capitals, edge marks and brackets, spaces and line breaks
    at its edges and inside it, a Kelvin sign or long s for its first or last letter (whose
    case folds are ASCII), a character past its end."""
    forms = [phrase, phrase.upper(), phrase.title(), f"[{phrase}]", f" • {phrase.upper()}: "]
    forms += [f"\n{phrase}\u2028", f"( {phrase} )", phrase.replace(" ", "  "), f"{phrase}x"]
    for old, new in (("k", "\u212a"), ("s", "\u017f"), ("K", "\u212a")):
        if phrase[:1] == old:
            forms.append(new + phrase[1:])
        if phrase[-1:] == old:
            forms.append(phrase[:-1] + new)
    return forms


@needs_compiled
def test_phrase_blocks_in_every_form_meet_the_python_rules() -> None:
    """A block is shut out of the phrase rules by its key's first and last characters
    (``phrase_may``) only where the Python's key could not be a phrase either."""
    phrases = sorted({p for rule in RULES.rules for p in rule.matcher.phrases or ()})
    assert len(phrases) > 100
    for kind in ("para", "heading"):
        _same(tuple(Block(form, kind) for p in phrases for form in _phrase_forms(p)))


@needs_compiled
def test_keys_are_the_python_ones() -> None:
    assert engine is not None
    for text in MADE:
        for limit in (0, 3, 13, 71, 300):
            assert engine.key(text, limit, True) == BlockView(text).short_key(limit), text
            key = engine.key(text, limit, False)
            python = BlockView(text).short_key(limit)
            if key is None:
                assert python is None or len(python) > limit, text
            else:
                assert key == python, text


@needs_compiled
def test_a_key_longer_than_the_limit_by_its_spaces_is_not_made() -> None:
    """Unless exact, no key where its core's words with one space between each two of them are
    longer than the limit, whether the text is ASCII or not (a seed's 148-character story
    line outside ASCII against the 139 of the longest signature: the Python's key spared)."""
    assert engine is not None
    for text in (
        "ab cd ef",
        "ab  cd\tef",
        "ab cd e’",
        "— ab cd e’ —",
        "[ab cd e’]",
        "ab\u3000cd e’",
    ):
        python = BlockView(text).short_key(6)
        assert python is not None and len(python) > 6, text
        assert engine.key(text, 6, False) is None, text
        assert engine.key(text, 6, True) == python, text
    for text in ("ab cd e’", "ab cd ef", "— ab cd e’ —"):
        assert engine.key(text, 8, False) == BlockView(text).short_key(8) == text.strip("— ")


_ALPHABET = st.sampled_from(
    [
        *"aAbByYzZ  \t.:;!|•·*#>–—-=_~[]()©│İΣσςK\u212aéÉöÖßẞﬁ日本語\u0307\U0001f600,'\"1ſı",
        *("Follow us", "follow US", "By ", "Photo", "AP", "ASSOCIATED PRESS", "nächster"),
        *("app", "APPS", "play", "straight", "donor", "us"),
        "FÖLJ OSS",
    ]
)
_TEXTS = st.lists(_ALPHABET, max_size=40).map("".join)


@needs_compiled
@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(_TEXTS, st.sampled_from(KINDS)), max_size=12))
def test_random_blocks_meet_the_python_rules(made: list[tuple[str, str]]) -> None:
    _same(tuple(Block(text, kind) for text, kind in made))


@needs_compiled
@settings(max_examples=300, deadline=None)
@given(_TEXTS, st.integers(min_value=0, max_value=60))
def test_random_keys_are_the_python_ones(text: str, limit: int) -> None:
    assert engine is not None
    assert engine.key(text, limit, True) == BlockView(text).short_key(limit)


def _made_rule(
    number: int,
    words: tuple[str, ...],
    phrases: tuple[str, ...],
    scope: Scope,
    opens: frozenset[str] | None = None,
    closes: frozenset[str] | None = None,
    seconds: dict[str, str] | None = None,
    needs: tuple[tuple[str, ...], ...] = (),
) -> Rule:
    edges = {"opens": opens, "closes": closes, "seconds": seconds}
    matcher = (
        Matcher(On.LINE, None, frozenset(phrases), **edges)
        if phrases
        else Matcher(On.BLOCK, None, None, words, needs=needs, **edges)
    )
    return Rule(f"made.rule-{number}", "made", Action.DROP, matcher, scope)


_WORDS = st.lists(
    st.sampled_from(["by", "editing by", "follow", "σας", "i̇ş", "k", "ö", "日本", "😀", "ad", "©"]),
    max_size=3,
    unique=True,
).map(tuple)
#: Clauses of needed words (Matcher.needs): bounded at a side or not, inside and outside
#: ASCII, words also required.
_NEEDS = st.lists(
    st.lists(
        st.sampled_from(
            [
                "\\bapp\\b",
                "\\bapps",
                "app\\b",
                "app",
                "by\\b",
                "\\bfollow",
                "σας",
                "play",
                "k\\b",
                "\\bus\\b",
            ]
        ),
        min_size=1,
        max_size=3,
        unique=True,
    ).map(tuple),
    max_size=2,
).map(tuple)
_PHRASES = st.lists(
    st.sampled_from(["advertisement", "read more", "σας", "i̇ş dünyası", "follow us", "日本語"]),
    max_size=2,
    unique=True,
).map(tuple)
_SCOPES = st.builds(
    Scope,
    top=st.none() | st.integers(0, 8),
    bottom=st.none() | st.integers(0, 8),
    after=st.none() | st.floats(0, 1),
    max_chars=st.none() | st.integers(0, 60),
    kinds=st.none() | st.frozensets(st.sampled_from(KINDS), min_size=1),
)
#: A line rule's opening characters (``Matcher.opens``): Latin-1 ones, and some past it, which
#: never shut a block out.
_OPENS = st.none() | st.frozensets(st.sampled_from(list(" \t\xa0-_.·aAyé©[(|•—日K")), max_size=6)
#: ... the characters that may follow an opening one (``Matcher.seconds``), and those a block
#: may close with (``Matcher.closes``).
_EDGE_CHARS = list(" \t\xa0-_.·aAyé©[(|•—日K)")
_SECONDS = st.none() | st.dictionaries(
    st.sampled_from(_EDGE_CHARS), st.text(st.sampled_from(_EDGE_CHARS), max_size=5), max_size=4
)


@needs_compiled
@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(_WORDS, _PHRASES, _SCOPES, _OPENS, _OPENS, _SECONDS, _NEEDS),
        min_size=1,
        max_size=70,
    ),
    st.lists(st.tuples(_TEXTS, st.sampled_from(KINDS)), max_size=12),
)
def test_made_rule_packs_meet_the_python_rules(
    made: list[
        tuple[
            tuple[str, ...],
            tuple[str, ...],
            Scope,
            frozenset[str] | None,
            frozenset[str] | None,
            dict[str, str] | None,
            tuple[tuple[str, ...], ...],
        ]
    ],
    blocks: list[tuple[str, str]],
) -> None:
    """A user's pack: any words and phrases (outside ASCII, case-folded forms), every static
    scope, opening, second and closing characters, needed words (at a word's edge or not),
    and more rules and clauses than one 64-bit word holds."""
    rules = RuleSet(
        tuple(
            _made_rule(n, words, phrases, scope, opens, closes, seconds, needs)
            for n, (words, phrases, scope, opens, closes, seconds, needs) in enumerate(made)
        ),
        (),
    )
    _same(tuple(Block(text, kind) for text, kind in blocks), _tables(rules))


@needs_compiled
@needs_training_data
def test_every_training_dumps_blocks_meet_the_python_rules() -> None:
    for text in dump_texts():
        _same(text_to_page(text).blocks)


@needs_compiled
@needs_training_data
def test_every_training_dump_cut_short_gives_the_python_outcome(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The dumps where a drop-rest rule fires: below it, the copyright routes are tried on the
    blocks' compiled candidates (``apply._drop_rest``), not by their scopes and words again."""
    drop_rest = {rule.id for rule in RULES.rules if rule.action is Action.DROP_REST}
    _dumps_hit_give_the_python_outcome(drop_rest, monkeypatch)


@needs_compiled
@needs_training_data
def test_every_training_dump_with_a_cut_gives_the_python_outcome(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The dumps where a rule cuts a block and leaves some of it: the later rules are tried on
    what is left by the compiled module's choice (``_cengine.rules_after``), not each by its
    scope and words in Python."""
    cutting = {
        rule.id
        for rule in RULES.rules
        if rule.action is Action.CUT or (rule.action is Action.FIELD and rule.take == "match")
    }
    _dumps_hit_give_the_python_outcome(cutting, monkeypatch)


def _dumps_hit_give_the_python_outcome(ids: set[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """Every training dump where one of the rules ``ids`` fires is given the same outcome with
    the compiled engine as without it (more than 100 such dumps)."""
    hit = 0
    for text in dump_texts():
        blocks = text_to_page(text).blocks
        fast = apply.apply_rules(blocks, RULES, explain=True)
        if not any(ids.intersection(fired) for fired in fast.hits.values()):
            continue
        hit += 1
        with monkeypatch.context() as python:
            python.setattr(compiled, "engine", lambda: None)
            assert apply.apply_rules(blocks, RULES, explain=True) == fast
    assert hit > 100


@needs_compiled
@pytest.mark.parametrize(
    ("rule", "text", "score"), [("generic.share-bar", "Share", None), ("model", "Ad", 0.75)]
)
def test_a_removal_made_here_is_the_dataclass_own(
    rule: str, text: str, score: float | None
) -> None:
    from dataclasses import FrozenInstanceError

    from cleaner.article import Removal

    assert engine is not None
    made, own = engine.removal(Removal, rule, text, score), Removal(rule, text, score)
    assert type(made) is Removal
    assert (made.rule, made.text, made.score) == (rule, text, score)
    assert made == own and hash(made) == hash(own) and repr(made) == repr(own)
    assert made.to_dict() == own.to_dict()
    with pytest.raises(FrozenInstanceError):
        made.text = "other"  # type: ignore[misc]
