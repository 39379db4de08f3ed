"""A reverse pattern whose every match ends at the text's end is tried there alone (``match``
instead of ``search``, :func:`cleaner.engine.model.ends_at_end`): the same matches, on the
seeds' and text fixtures' blocks, made texts, and (where ``training/data`` is built) every line
and paragraph the models are trained and validated on."""

from __future__ import annotations

from pathlib import Path

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.engine import load_rules
from cleaner.engine.model import Rule, ends_at_end

from .conftest import TEXT_PAGES
from .rule_texts import block_texts, tried_pieces
from .training_dumps import needs_training_data

AT_END = [rule for rule in load_rules().rules if rule.matcher.at_end]


def _same(rule: Rule, text: str) -> None:
    pattern = rule.matcher.pattern
    assert pattern is not None
    searched, matched = pattern.search(text), pattern.match(text)
    assert (searched and (searched.span(), searched.groupdict())) == (
        matched and (matched.span(), matched.groupdict())
    ), text


def test_the_photo_caption_and_the_signoff_are_tried_at_the_end() -> None:
    """The built-in reverse patterns: the photo caption (it cost half the rule engine's pattern
    tries on a seed document searched at every position) and the agency's sign-off (a search
    tried each dash and bracket of a paragraph)."""
    assert [rule.id for rule in AT_END] == ["wire.photo-caption", "wire.agency-signoff"]


@pytest.mark.parametrize(
    ("source", "anchored"),
    [
        (r"(?r)(?:AP|REUTERS/\w+)\s*$", True),
        ("(?rx) (?: AP   # a comment | with a bar and a $ \\s*$\n | Reuters ) \\s* $", True),
        (r"(?r)AP\s*$", True),
        (r"(?r)AP\s*$|^Photo", False),  # a match may end anywhere
        (r"(?r)(?:AP)$", False),  # '$' before a final newline: not at the end
        (r"(?r)AP\\s*$", False),  # a backslash, then 's' repeated
        (r"(?r)AP\s+$", False),
        (r"(?r)AP\s*?$", False),
        (r"(?r)(?:AP\s*$|Photo)", False),
        (r"(?rm)AP\s*$", False),  # multiline: '$' at each line's end
        (r"(?:AP)\s*$", False),  # searched forward: the first match from the start
        (r"(?r)[|)]AP\s*$", True),
        (r"(?r)[|(]AP\s*$)", False),  # unbalanced
        (r"(?r)(?x: a | b )\s*$", False),  # a verbose group: not read
    ],
)
def test_which_patterns_end_at_the_end(source: str, anchored: bool) -> None:
    try:
        pattern = regex.compile(source, regex.VERSION0)
    except regex.error:
        assert not anchored
        return
    assert ends_at_end(pattern) is anchored


@pytest.mark.parametrize("path", TEXT_PAGES, ids=lambda p: p.name)
def test_the_fixtures_blocks_match_the_same(path: Path) -> None:
    for text in block_texts(path):
        for rule in AT_END:
            _same(rule, text)


_PIECES = st.sampled_from(
    [
        "(AP Photo/Evan Vucci)",
        " (Getty Images)",
        "REUTERS/Jane Doe",
        "Photo: Miles Lilley.",
        "Mike Blake/Reuters files",
        " © BELGA",
        ". File image",
        "（潟沼義樹撮影）",
        "Getty Images",
        " | ",
        " via AP",
        "IMAGO/Nico Herbertz",
        ". ",
        "\n",
        " ",
        "The minister spoke",
        "Courtesy Louvre",
        "/",
        ")",
    ]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(_PIECES, st.text(max_size=12)), max_size=8).map("".join))
def test_made_texts_match_the_same(text: str) -> None:
    for rule in AT_END:
        _same(rule, text)


@needs_training_data
def test_the_training_dumps_match_the_same() -> None:
    """Every line and paragraph of the dumps (``python -m training.build_data``) that the rules
    try the patterns on: up to their longest, and holding one of their required words."""
    assert all(rule.matcher.requires for rule in AT_END)  # (each piece holds one of its words)
    seen = 0
    for rule, piece in tried_pieces(AT_END):
        seen += 1
        _same(rule, piece)
    assert seen
