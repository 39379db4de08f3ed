"""Every built-in rule's own examples, one test each: ``pytest -k wire.dateline`` runs one rule.

The same runner (``cleaner.engine.selftest``) backs ``cleaner-rules test`` for users' folders.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cleaner.engine import load_rules
from cleaner.engine.selftest import Check, plan, run, shadows

CHECKS = plan(load_rules())


@pytest.mark.parametrize("check", CHECKS, ids=[c.id for c in CHECKS])
def test_rule_example(check: Check) -> None:
    result = run(check)
    if result.status == "todo":
        pytest.xfail(result.message)
    assert result.ok, f"{result.where}: {check.rule.id}: {check.name}: {result.message}"


def test_every_rule_has_examples_of_both_kinds() -> None:
    rules = load_rules().rules
    no_negative = [r.id for r in rules if not r.examples.no_match and not r.examples.cases]
    assert not no_negative, f"rules with no no_match example: {no_negative}"


def test_ids_select_one_rule() -> None:
    ids = [c.id for c in CHECKS]
    assert len(ids) == len(set(ids))
    assert "wire.dateline::match[0]" in ids
    assert "wire.dateline::timeout" in ids


def test_each_rules_examples_are_taken_by_that_rule() -> None:
    """Run through the whole rule set, each rule's must-match examples reach that rule: no
    earlier rule takes them (a rule whose examples another takes first is dead code)."""
    found = shadows(load_rules())
    assert not found, "\n".join(map(str, found))


def test_the_shadow_check_names_the_rule_that_takes_an_example(tmp_path: Path) -> None:
    (tmp_path / "mine.toml").write_text(SHADOWED, encoding="utf-8")
    found = shadows(load_rules([tmp_path], builtin=False))
    assert [str(s) for s in found] == ["mine.late: match[0] 'Share' is taken by mine.early"]


SHADOWED = """\
[pack]
description = "Two rules, the first taking the second's example."

[[rule]]
id = "mine.early"
description = "Any short line."
action = "drop"
[rule.match]
regex = '^.{1,10}$'
[rule.examples]
match = ["Share"]
no_match = ["A line longer than ten characters."]

[[rule]]
id = "mine.late"
description = "The share button."
action = "drop"
[rule.match]
phrases = ["Share"]
[rule.examples]
match = ["Share"]
no_match = ["Share prices fell."]
"""


def test_a_text_without_the_required_words_is_not_taken_in_the_self_test() -> None:
    """The self-test gates a rule's pattern by its 'requires' words, as the engine does."""
    from dataclasses import replace

    from cleaner.engine.selftest import _fires

    [rule] = [r for r in load_rules([]).rules if r.id == "wire.photo-caption"]
    text = "A firefighter battles the blaze on Friday. (AP Photo/Noah Berger)"
    assert _fires(rule, text)[0]
    elsewhere = replace(rule, matcher=replace(rule.matcher, requires=("zebra", "quokka")))
    assert _fires(elsewhere, text) == (False, "none of the rule's 'requires' words is in it")
    within = replace(rule, matcher=replace(rule.matcher, requires=("zebra", "blaze")))
    assert _fires(within, text)[0]
