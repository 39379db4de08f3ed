"""The training-data builder's pieces on small made-up pages (no corpus needed)."""

from __future__ import annotations

from pathlib import Path

import pytest

from training import build_data
from training.aggregators import label_case
from training.align import Gold, label_lines
from training.render import render_browser, render_lxml, wrap_lines, wrap_width

STORY = [
    "The city council approved a new park on Monday after a long debate about the riverside.",
    "Residents had asked for the park for years, and the vote was seven to two in favour.",
    "Work on the site is due to start in the spring, the mayor said after the meeting ended.",
]
PAGE = f"""<html><head><title>Council backs park | Gazette</title></head><body>
<nav><ul><li>Home</li><li>News</li><li>Sport</li></ul></nav>
<h1>Council backs riverside park</h1>
<p class="byline">By Jane Smith</p><p>March 3, 2025</p>
<p>{STORY[0]}</p>
<figure><img src="x.jpg"><figcaption>The riverside site seen from the bridge.</figcaption>
</figure>
<p>{STORY[1]}</p><h2>What comes next</h2><p>{STORY[2]}</p>
<footer><p>Subscribe to our newsletter</p><p>© 2025 Gazette Media. All rights reserved.</p>
</footer></body></html>"""
GOLD = Gold(
    title="Council backs riverside park",
    authors=["Jane Smith"],
    date="2025-03-03",
    body=[
        ("body", STORY[0]),
        ("body", STORY[1]),
        ("subhead", "What comes next"),
        ("body", STORY[2]),
    ],
    captions=["The riverside site seen from the bridge."],
)


def test_lxml_rendering_puts_each_block_on_its_own_line() -> None:
    lines = render_lxml(PAGE)
    assert lines[:3] == ["Home", "News", "Sport"]
    assert "Council backs riverside park" in lines
    assert STORY[0] in lines
    assert "" not in lines


def test_browser_rendering_is_wrapped_and_bulleted() -> None:
    lines = render_browser(PAGE, width=60)
    assert "* Home" in lines
    assert max(len(line) for line in lines) <= 60
    assert "" in lines


def test_wrapped_pieces_keep_their_source_line() -> None:
    pieces = wrap_lines(["short", "word " * 30], 40)
    assert pieces[0] == ("short", 0)
    assert len(pieces) > 2 and all(index == 1 for _, index in pieces[1:])
    assert all(len(text) <= 40 for text, _ in pieces)


def test_wrap_width_is_fixed_per_page_and_in_range() -> None:
    widths = {wrap_width(f"corpus/{n}") for n in range(200)}
    assert widths <= set(range(60, 81)) and len(widths) > 10
    assert wrap_width("corpus/7") == wrap_width("corpus/7")


def test_aligned_labels_of_a_rendered_page() -> None:
    lines = render_lxml(PAGE)
    labels = dict(zip(lines, label_lines(lines, GOLD), strict=True))
    assert [labels[x] for x in ("Home", "News", "Sport")] == ["chrome"] * 3
    assert labels["Council backs riverside park"] == "title"
    assert labels["By Jane Smith"] == "byline"
    assert labels["March 3, 2025"] == "date"
    assert [labels[x] for x in STORY] == ["body"] * 3
    assert labels["What comes next"] == "subhead"
    assert labels["The riverside site seen from the bridge."] == "caption"
    assert labels["Subscribe to our newsletter"] == "chrome"
    assert labels["© 2025 Gazette Media. All rights reserved."] == "copyright"


def test_a_copy_of_story_text_out_of_order_is_unknown() -> None:
    lines = [STORY[2], "Menu", "Council backs riverside park", *STORY]
    labels = label_lines(lines, GOLD)
    assert labels[0] == "?"
    assert labels[2] == "title"
    assert labels[3:] == ["body"] * 3


def test_partly_covered_line_is_unknown_and_blank_lines_are_blank() -> None:
    lines = [
        "Council backs riverside park",
        "",
        STORY[0],
        "The city council approved a new park on Monday and then went home to bed early.",
    ]
    labels = label_lines(lines, GOLD)
    assert labels[1] == "blank"
    assert labels[3] == "?"


def test_aggregator_case_labels_follow_the_conventions() -> None:
    text = "\n".join(
        [
            "Get the app",
            "Council backs riverside park",
            "By Jane Smith",
            "",
            STORY[0],
            "Advertisement",
            STORY[1],
            "Reporting by Ann Lee",
            "Next: Storm hits coast",
            "A storm hit the coast on Sunday night, cutting power to many homes.",
        ]
    )
    labels = {
        "title": "Council backs riverside park",
        "authors": ["Jane Smith"],
        "body_first": STORY[0][:60],
        "body_must": ["the vote was seven to two"],
        "chrome": ["Get the app", "Advertisement", "Next: Storm hits coast"],
        "captions": [],
        "credits": ["Reporting by Ann Lee"],
        "copyright": None,
        "truncated": False,
    }
    assert label_case(text, labels) == [
        "chrome",
        "title",
        "byline",
        "blank",
        "body",
        "chrome",
        "body",
        "contrib",
        "chrome",
        "?",
    ]


def test_missing_corpora_are_said_plainly(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(build_data, "CORPORA", tmp_path / "absent")
    assert build_data.main([]) == 1
    assert "corpora are missing" in capsys.readouterr().err


def test_word_bag_scores() -> None:
    from training.rendered_eval import prf

    assert prf("a b c d", "a b c d") == (1.0, 1.0, 1.0)
    precision, recall, f1 = prf("a b menu menu", "a b c d")
    assert (precision, recall) == (0.5, 0.5) and f1 == 0.5
    assert prf("", "a b") == (0.0, 0.0, 0.0)


def test_evaluation_counts_boilerplate_left_in_the_body() -> None:
    from dataclasses import dataclass

    from training.rendered_eval import Case, evaluate

    @dataclass
    class Out:
        body: str

    case = Case(
        "wcxb-dev/1/x",
        "wcxb-dev",
        "lxml",
        "Home\nStory text here.\nSign up now",
        "Story text here.",
        without=["Home", "Sign up now", "not rendered"],
    )
    scores = evaluate(lambda text: Out(text.split("\n", 1)[1]), [case])
    assert scores["wcxb-dev"].without_total == 2
    assert scores["wcxb-dev"].without_left == 1
    assert scores["all"].recall == 1.0 and scores["all"].precision == 0.5


def test_evaluation_counts_where_the_story_starts_and_the_headline() -> None:
    from dataclasses import dataclass

    from training.rendered_eval import Case, evaluate, starts_story, title_right

    @dataclass
    class Out:
        body: str
        title: str | None

    gold = "The council voted on Tuesday to close two schools after months. Parents wept."
    assert starts_story(gold, gold) and not starts_story("Read more. " + gold, gold)
    assert title_right("Schools close - The Daily Record", "Schools close")
    assert not title_right("Home", "Schools close") and not title_right(None, "Schools close")
    assert not title_right("Schools close " + "and more words " * 4, "Schools close")
    cases = [
        Case("wcxb-dev/1/x", "wcxb-dev", "lxml", "Schools close\n" + gold, gold),
        Case("wcxb-dev/2/x", "wcxb-dev", "lxml", "Menu\n" + gold, gold, gold_title="Schools"),
    ]
    scores = evaluate(lambda text: Out(text, text.split("\n", 1)[0]), cases)
    assert scores["all"].first == 0  # both bodies start above the story
    assert (scores["all"].titled, scores["all"].title) == (1, 0)  # 'Menu' is no headline
    scores = evaluate(lambda text: Out(text.split("\n", 1)[1], "Schools"), cases)
    assert (scores["all"].first, scores["all"].title) == (2, 1)
    assert scores["all"].as_dict()["first"] == 1.0


def test_oracle_article_from_aggregator_line_labels() -> None:
    from training.label_check import oracle_article

    record = {
        "text": "Menu\nStorm hits coast\nLONDON (AP) — Rain fell.\n\nWind blew.\nPhoto: AP\n"
        "Reporting by Ann Lee",
        "labels": ["chrome", "title", "body", "blank", "body", "credit", "contrib"],
        "gold": {"authors": [], "dateline": {"place": "LONDON", "agency": "AP"}},
    }
    article = oracle_article(record)
    assert article["title"] == "Storm hits coast"
    assert article["body"] == "Rain fell.\n\nWind blew."
    assert article["captions"] == ["Photo: AP"]
    assert article["credits"] == ["Reporting by Ann Lee"]


def test_a_written_by_line_under_the_story_is_a_byline() -> None:
    lines = ["Council backs riverside park", *STORY, "Written by Jane Smith", "Share this"]
    labels = label_lines(lines, GOLD)
    assert labels[-2:] == ["byline", "chrome"]


def test_spread_order_takes_one_dump_of_every_page_before_a_second() -> None:
    from training.story_data import spread_order

    pairs = [(10 * page + dump, f"p{page}") for page in range(4) for dump in range(3)]
    order = spread_order(pairs)
    assert sorted(order) == sorted(offset for offset, _ in pairs)
    assert sorted(offset // 10 for offset in order[:4]) == [0, 1, 2, 3]
    assert sorted(offset // 10 for offset in order[4:8]) == [0, 1, 2, 3]
    assert spread_order(pairs) == order  # fixed: a hash of the page, no randomness


def test_read_records_spreads_the_pages_of_a_spread_corpus_only(tmp_path: Path) -> None:
    import json

    from training.story_data import SPREAD, read_records

    spread = SPREAD[0]
    for corpus in (spread, "other-dev"):
        with (tmp_path / f"{corpus}.jsonl").open("w", encoding="utf-8") as out:
            for page in ("a", "b"):
                for dump in range(2):
                    record = {"id": f"{corpus}/{page}/{dump}", "item": page, "part": "train"}
                    out.write(json.dumps(record) + "\n")
            out.write(json.dumps({"id": f"{corpus}/c/0", "item": "c", "part": "val"}) + "\n")
    ids = [r["id"] for r in read_records(tmp_path, "train")]
    by_corpus = {c: [i for i in ids if i.startswith(c)] for c in (spread, "other-dev")}
    assert [i.split("/")[1] for i in by_corpus["other-dev"]] == ["a", "a", "b", "b"]
    assert sorted(i.split("/")[1] for i in by_corpus[spread][:2]) == ["a", "b"]
    assert len(ids) == 8  # the validation record is never read
