"""core.list-under-lead: a list the story introduces with a colon stays in the body.

A story paragraph ending with a colon ('Some common markers include:', 'The process comprises:')
introduces the list printed under it. The story model reads a run of short bulleted items as a
menu and takes them for chrome, so the body kept the lead and lost its list. After the model,
a run of list items (blocks the text reader found printed with a bullet or a number,
``kind == "list"``) that the model took out, standing between two blocks the body keeps, the
first of which ends with a colon, goes back into the body (the model's removal entries for them
are taken back). Never a block the model routed to a field (a caption, a credit), nor the
headline; only what the rules kept (a list the rules dropped stays dropped). A list with
nothing kept under it is left out: the page's link lists under a last line ending with a colon
('Follow us on:') are where such runs end a page.

Train part (the two ``training.tune`` fold models, each cleaning the sites it had not seen;
1,319 rendered wcxb-dev and fundus-dev dumps, all 442 train pages, three renderings each, as
``training.rendered_eval`` renders them): 48 dumps up (19 sites), 9 down (3 sites: a firm's
list of its services, a product's list of features, which wcxb-dev's gold leaves out); body
F1 +0.00035 (lines the aligner gives the gold: 424 story lines back, 90 chrome lines).
"""

from __future__ import annotations

from operator import attrgetter

from ..blocks import Block
from ..engine import Outcome
from ..engine.apply import Kept

PASS_ID = "core.list-under-lead"
#: A kept block's kind ('list': printed with a bullet or a number).
_KIND = attrgetter("block.kind")


def _lead(block: Block) -> bool:
    """Whether a block introduces a list: it ends with a colon."""
    return block.text.rstrip().endswith(":")


def list_runs(kept: list[Kept], rules_kept: list[Kept], routed: set[int]) -> list[list[Kept]]:
    """The runs of list items to put back: each a run of consecutive blocks of ``rules_kept``
    (what the rules kept, in page order) that ``kept`` (the body so far) lacks, all list items
    and none in ``routed`` (page indices a field took), between two kept blocks of which the
    first ends with a colon."""
    body = {item.index for item in kept}
    runs: list[list[Kept]] = []
    previous: Kept | None = None
    hole: list[Kept] = []
    for item in rules_kept:
        if item.index not in body:
            hole.append(item)
            continue
        if (
            hole
            and previous is not None
            and _lead(previous.block)
            and all(h.block.kind == "list" and h.index not in routed for h in hole)
        ):
            runs.append(hole)
        previous, hole = item, []
    return runs


def keep_list_runs(
    kept: list[Kept], rules_kept: list[Kept], title: str | None, outcome: Outcome
) -> list[Kept]:
    """``kept`` with the list runs of :func:`list_runs` put back in page order (their removal
    entries, the model's, taken back)."""
    if "list" not in map(_KIND, rules_kept):
        return kept  # no list item the rules kept: no run (a page's test in C, no loop)
    routed = outcome.routed()
    runs = [
        [h for h in run if h.block.text != title] for run in list_runs(kept, rules_kept, routed)
    ]
    back = {h.index: h for run in runs for h in run}
    if not back:
        return kept
    if outcome.removed is not None:
        for item in back.values():
            entry = next(
                (
                    r
                    for r in outcome.removed
                    if r.rule.startswith("model.") and r.text == item.block.text
                ),
                None,
            )
            if entry is not None:
                outcome.removed.remove(entry)
    return sorted([*kept, *back.values()], key=lambda item: item.index)
