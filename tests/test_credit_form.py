"""core.credit-form: contributor and attribution lines the story model takes away go to the
credits (cleaner/passes/credit_form.py)."""

from __future__ import annotations

from cleaner.blocks import Block
from cleaner.engine.apply import Kept, Outcome
from cleaner.passes.credit_form import credit_form
from cleaner.passes.story import decide
from tests.test_story_model import _Stub

_PARA = (
    "The council met on Monday and agreed to spend more on the roads and bridges of the town "
    "next year, officials said."
)
_SECOND = _PARA.replace("Monday", "Tuesday")
_CREDIT = "(Reported by Shinichi Saoshiro; Editing by Yoko Nishikawa)"


def _decide(
    labels: list[str], texts: list[str], off: frozenset[str] = frozenset()
) -> tuple[list[str], list[str], list[tuple[str, str]]]:
    """The kept texts, the credits and the removals of ``texts`` the model labels ``labels``."""
    blocks = tuple(Block(t) for t in texts)
    kept = [Kept(b, index=i) for i, b in enumerate(blocks)]
    outcome = Outcome(kept=list(kept), removed=[])
    model = _Stub(labels, [1.0] * len(texts))
    result, _ = decide(model, blocks, kept, outcome, title=None, off=off)  # type: ignore[arg-type]
    credits = [value for value, _ in outcome.fields.get("credits", ())]
    removed = [(r.rule, r.text) for r in outcome.removed or ()]
    return [k.block.text for k in result], credits, removed


def test_the_forms() -> None:
    for line in (
        _CREDIT,
        "– additional reporting by Donald Matthys",
        "Edited by Betsy Beyer",
        "Compiled by Jane Doe",
        "This article was first published in Universe Today",
        "This post first appeared on Some Blog, please read the original post",
        "Originally published on The Conversation.",
    ):
        assert credit_form(line), line
    for line in (
        "The article was originally published in April 2020 and was updated in April 2024.",
        "Reporters by the river said the water rose overnight.",
        "She reported by phone that the road was closed.",
        "Written by Kristin",  # a blog's byline
        "Reported by " + "word " * 70,
    ):
        assert not credit_form(line), line


def test_a_credit_line_the_model_takes_away_goes_to_the_credits() -> None:
    kept, credits, removed = _decide(["body", "body", "chrome"], [_PARA, _SECOND, _CREDIT])
    assert kept == [_PARA, _SECOND] and credits == [_CREDIT] and removed == []
    # a line the model takes away in no such form is removed as before
    kept, credits, removed = _decide(["body", "body", "chrome"], [_PARA, _SECOND, "Share this"])
    assert credits == [] and removed == [("model.chrome", "Share this")]
    # --disable core.credit-form: the model's label stands
    kept, credits, removed = _decide(
        ["body", "body", "chrome"], [_PARA, _SECOND, _CREDIT], off=frozenset({"core.credit-form"})
    )
    assert credits == [] and removed == [("model.chrome", _CREDIT)]
