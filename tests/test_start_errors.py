"""training.start_errors: the kind of a wrong start, and the classes counted by dumps and sites."""

from __future__ import annotations

from typing import Any

import pytest

from training.start_errors import classes, early_class


@pytest.mark.parametrize(
    ("line", "label", "want"),
    [
        ("A smaller dek over the byline.", "standfirst", "standfirst"),
        ("Share  Listen  5 min read", "chrome", "share-row"),
        ("Updated: May 3, 2024", "chrome", "date-like"),
        ("World news", "chrome", "kicker"),
        (
            "This archived news story is available only for your personal use.",
            "chrome",
            "chrome-paragraph",
        ),
        ("The Council votes on the schools", "body", "headline-again"),
        ("Our reporters on the ground today", "?", "?-short"),
    ],
)
def test_the_line_a_body_wrongly_begins_with_is_classed(line: str, label: str, want: str) -> None:
    assert early_class(line, label, "The Council votes on the schools") == want


def _row(site: str, cls: str, where: str, title_ok: bool | None = True) -> dict[str, Any]:
    return {"id": f"{site}/x", "site": site, "class": cls, "where": where, "title_ok": title_ok}


def test_a_class_is_counted_in_dumps_and_sites_most_sites_first() -> None:
    rows = [
        # one site's page, rendered five ways: five dumps, one site
        *[_row("one.example", "standfirst", "header", title_ok=False) for _ in range(5)],
        _row("two.example", "caption", "header"),
        _row("three.example", "caption", "header", title_ok=None),
    ]
    assert classes(rows) == [
        ("caption", "header", 2, 2, 0),
        ("standfirst", "header", 5, 1, 5),
    ]


def test_a_late_start_is_classed_by_what_took_the_lede() -> None:
    row = {
        "id": "a/b",
        "site": "a",
        "class": "one-sentence+short",
        "by": "model.chrome 0.93",
        "title_ok": True,
    }
    assert classes([row]) == [("one-sentence+short", "model.chrome", 1, 1, 0)]
