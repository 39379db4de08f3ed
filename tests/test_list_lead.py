"""core.list-under-lead: list items the story model took out under a kept line ending with a
colon, above a kept block, go back into the body."""

from __future__ import annotations

from cleaner.article import Removal
from cleaner.blocks import Block
from cleaner.engine import Outcome, load_rules
from cleaner.engine.apply import Kept
from cleaner.passes import known_ids
from cleaner.passes.list_lead import PASS_ID, keep_list_runs
from cleaner.passes.registry import pass_by_id
from cleaner.pipeline import TEXT_LEARNED, list_under_lead

LEAD = "A clicker is a marker: a unique sound or gesture. Some common markers include:"
AFTER = "Whichever marker you choose, use it the same way every time so the dog learns it."


def _keep(
    page: list[tuple[str, str]],
    body: set[int],
    routed: frozenset[int] = frozenset(),
    title: str | None = None,
) -> tuple[list[str], list[str]]:
    """The body's texts after the pass and the removals left: ``page`` (text, kind) are the
    blocks the rules kept, ``body`` the indexes the model kept, ``routed`` those a field took
    (each taken-out block has the model's removal entry)."""
    blocks = [Kept(Block(text, kind), index=n) for n, (text, kind) in enumerate(page)]  # type: ignore[arg-type]
    removed = [Removal("model.chrome", k.block.text, 0.9) for k in blocks if k.index not in body]
    outcome = Outcome(kept=blocks, removed=removed)
    for n in routed:
        outcome.positions.setdefault("captions", []).append(n)
    out = keep_list_runs([k for k in blocks if k.index in body], blocks, title, outcome)
    assert outcome.removed is not None
    return [k.block.text for k in out], [r.text for r in outcome.removed]


def test_the_items_under_a_colon_come_back_in_page_order() -> None:
    page = [(LEAD, "para"), ("Clicker", "list"), ("A word like 'yes'", "list"), (AFTER, "para")]
    body, removed = _keep(page, {0, 3})
    assert body == [LEAD, "Clicker", "A word like 'yes'", AFTER]
    assert removed == []


def test_no_colon_no_list() -> None:
    page = [(AFTER, "para"), ("Home", "list"), ("News", "list"), (AFTER + " Again.", "para")]
    body, removed = _keep(page, {0, 3})
    assert body == [AFTER, AFTER + " Again."]
    assert removed == ["Home", "News"]


def test_a_run_with_a_block_that_is_no_list_item_stays_out() -> None:
    page = [(LEAD, "para"), ("Clicker", "list"), ("Advertisement", "para"), (AFTER, "para")]
    assert _keep(page, {0, 3})[0] == [LEAD, AFTER]


def test_nothing_kept_below_the_list_leaves_it_out() -> None:
    # 'Follow us on:' and the page's link list at its end
    page = [(AFTER, "para"), ("Follow us on:", "para"), ("Facebook", "list"), ("X", "list")]
    assert _keep(page, {0, 1})[0] == [AFTER, "Follow us on:"]


def test_a_routed_block_and_the_headline_stay_out() -> None:
    page = [(LEAD, "para"), ("Clicker", "list"), ("A whistle", "list"), (AFTER, "para")]
    assert _keep(page, {0, 3}, routed=frozenset({1}))[0] == [LEAD, AFTER]
    assert _keep(page, {0, 3}, title="A whistle")[0] == [LEAD, "Clicker", AFTER]


def test_the_text_path_runs_it_after_the_model() -> None:
    assert TEXT_LEARNED.index(list_under_lead) == 1
    assert PASS_ID in known_ids(load_rules())
    entry = pass_by_id(PASS_ID)
    assert entry is not None and entry.paths == ("text",)
