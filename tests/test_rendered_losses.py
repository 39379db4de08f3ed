"""training.rendered_losses: the kinds of a lost or kept line, and the F1 a kind's fix gives."""

from __future__ import annotations

from collections import Counter

import pytest

from training.rendered_losses import _f1, _precision_kind, _recall_kind


@pytest.mark.parametrize(
    ("line", "label", "index", "want"),
    [
        ("* Bend wires", "body", 5, ("R", "story", "middle", "list item")),
        ("Why it matters", "subhead", 5, ("R", "story", "middle", "subhead")),
        (
            "The council voted on Tuesday to close the two schools.",
            "body",
            1,
            ("R", "story", "lede", "paragraph"),
        ),
        ("Max Lee has more.", "body", 9, ("R", "story", "tail", "short4-7")),
        ("“Never,” she said.", "body", 5, ("R", "story", "middle", "quote")),
    ],
)
def test_a_lost_story_line_is_placed_against_the_kept_story(
    line: str, label: str, index: int, want: tuple[str, ...]
) -> None:
    assert _recall_kind(line, label, index, [2, 4, 8]) == want


def test_a_story_line_of_a_dump_with_no_story_kept() -> None:
    assert _recall_kind("Text", "body", 3, [])[2] == "none kept"


@pytest.mark.parametrize(
    ("index", "place"),
    [(1, "above"), (4, "header"), (12, "inside"), (25, "right after"), (40, "far below")],
)
def test_a_kept_line_is_placed_against_the_story(index: int, place: str) -> None:
    assert _precision_kind("Share on Facebook", "chrome", index, [10, 20], 3)[2] == place


def test_a_kinds_fix_moves_the_f1() -> None:
    gold = Counter({"council": 1, "schools": 1})
    assert _f1(Counter({"council": 1, "schools": 1, "share": 2}), gold) == pytest.approx(2 / 3)
    assert _f1(Counter({"council": 1, "schools": 1}), gold) == 1.0
    assert _f1(Counter(), gold) == 0.0
