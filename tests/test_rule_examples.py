"""Every built-in rule's own examples, one test each: ``pytest -k wire.dateline`` runs one rule.

The same runner (``cleaner.engine.selftest``) backs ``cleaner-rules test`` for users' folders.
"""

from __future__ import annotations

import pytest

from cleaner.engine import load_rules
from cleaner.engine.selftest import Check, plan, run

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
