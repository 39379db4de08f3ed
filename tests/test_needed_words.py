"""A rule's needed words (``Matcher.needs``: clauses of words every match of its pattern holds
one of each, some at a word's edge) refuse no text the rule matches: the rule without them
(its required words still tested) matches no text they refuse, on the rules' examples, the
seeds' and text fixtures' blocks and their parts, made texts and, where ``training/data`` is
built, every line and paragraph of the training dumps the rule tries. And the test itself
(``model.holds_word``, ``needs_held``): a word bounded at a side is refused next to an ASCII
word character there only, and a text holding 'İ', 'ı', 'ſ' or a lone surrogate is not
tested."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.engine import load_rules
from cleaner.engine.model import Matcher, Rule, holds_word, needs_held

from .conftest import TEXT_PAGES
from .rule_texts import block_texts, tried_pieces
from .training_dumps import needs_training_data

NEEDY = {rule.id: rule for rule in load_rules().rules if rule.matcher.needs}
#: The rules without their needed words.
BARE = {rule_id: replace(rule.matcher, needs=()) for rule_id, rule in NEEDY.items()}


def _sound(rule: Rule, text: str) -> bool:
    """Assert the needed words pass a text the rule without them matches; whether it does
    (tried as an ungated call is: its required words tested)."""
    bare: Matcher = BARE[rule.id]
    found = bool(bare.find(text))
    if found:
        assert needs_held(text, rule.matcher.needs), (rule.id, text)
    assert bool(rule.matcher.find(text)) == found, (rule.id, text)
    return found


def test_the_rules_with_needed_words() -> None:
    assert sorted(NEEDY) == [
        "generic.app-click-here",
        "generic.app-promo",
        "generic.donation-blurb",
        "generic.social-follow",
        "wire.credit-line",
    ]


@pytest.mark.parametrize("rule_id", sorted(NEEDY))
def test_the_examples_pass_the_needed_words(rule_id: str) -> None:
    rule = NEEDY[rule_id]
    assert all(_sound(rule, text) for text in rule.examples.match)
    assert not any(_sound(rule, text) for text in rule.examples.no_match)


@pytest.mark.parametrize("path", TEXT_PAGES, ids=lambda p: p.name)
def test_the_fixtures_blocks_pass_the_needed_words(path: Path) -> None:
    for text in block_texts(path):
        for rule in NEEDY.values():
            _sound(rule, text)


_PIECES = st.sampled_from(
    [
        "Download the app",
        "DOWNLOAD THE APPS",
        " today",
        " for iOS",
        "Get it on ",
        "AppStore",
        "App Store",
        "app-store",
        "Google Play",
        "play-store",
        "news straight to your phone",
        "Stories straight to your device",
        "If you're reading this on the ",
        "If you’re using our ",
        " app",
        "app",
        "happy",
        "approach",
        "Follow us on X",
        "FOLLOW @news on Twitter",
        "Join us on Telegram",
        "Find The Gleaner on Facebook",
        "Like us on Instagram",
        "following",
        "Seguici su Facebook",
        "Síguenos en Twitter",
        "Folgen Sie uns auf Instagram",
        "siga-nos",
        "Følg oss på ",
        "Donate now",
        "Support us",
        "Become a sustaining member",
        "Make a donation",
        "Chip in",
        "Your support keeps ",
        "Reader support helps ",
        "good journalism costs",
        "Guter Journalismus kostet",
        "donate today",
        "Source: ",
        "SOURCES:",
        "Quelle: dpa",
        "Fuente: EFE",
        "— Associated Press",
        "-- AP",
        "– ",
        "The Canadian Press",
        "(ANI)",
        "( PTI )",
        "With inputs from PTI",
        "(with files from Reuters)",
        "Reuters",
        "AP",
        "ſ",
        "ı",
        "İ",
        "\u212a",
        "_",
        "1",
        ". ",
        "\n",
        "—",
        "é",
    ]
)


@settings(max_examples=800, deadline=None)
@given(st.lists(st.one_of(_PIECES, st.text(max_size=6)), max_size=8).map("".join))
def test_made_texts_pass_the_needed_words(text: str) -> None:
    for rule in NEEDY.values():
        _sound(rule, text)


@needs_training_data
def test_the_training_dumps_pass_the_needed_words() -> None:
    """Every line and paragraph of the dumps that a rule with needed words tries (up to its
    longest, holding a required word): none it matches is refused, and some it does not
    match are (the needed words spare tries)."""
    seen = hits = refused = 0
    for rule, piece in tried_pieces(NEEDY.values()):
        seen += 1
        hits += _sound(rule, piece)
        refused += not needs_held(piece, rule.matcher.needs)
    assert seen and hits and refused


def test_a_bounded_word_stands_at_a_word_edge() -> None:
    assert holds_word("get the app.", r"\bapp\b")
    assert holds_word("app", r"\bapp\b")
    assert holds_word("(app)", r"\bapp\b")
    assert holds_word("é app—", r"\bapp\b")
    assert holds_word("éapp", r"\bapp\b")  # a character past ASCII may be a \b's other side
    assert not holds_word("approach", r"\bapp\b")
    assert not holds_word("happy", r"\bapp\b")
    assert not holds_word("_app", r"\bapp")
    assert not holds_word("app1", r"app\b")
    assert holds_word("happy app", r"\bapp\b")  # a later one
    assert holds_word("approach", r"\bapp")
    assert holds_word("happy", "app")
    assert not holds_word("following", r"follow\b")
    assert holds_word("follow us", r"follow\b")


def test_some_characters_leave_the_needed_words_untested() -> None:
    needs = ((r"\bapp\b", "straight"),)
    assert not needs_held("happy approach", needs)
    assert needs_held("Get the APP", needs)
    # under ignored case, 'ſ' is an 's' to regex and 'ı', 'İ' an 'i': not lowered to them
    for odd in ("ſ", "ı", "İ", "\ud800"):
        assert needs_held(f"happy {odd}", needs), odd
