"""training.cut_replay: a cut counted by the gold words it takes, by dump and site."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from training.cut_replay import load, main, tally


def _rendered(ident: str, site: str) -> dict[str, Any]:
    """A rendered dump of four blocks, one line each: headline, two story lines, a teaser."""
    lines = ["The headline here", "The story's first line.", "Its second line.", "Read next"]
    return {
        "id": ident,
        "site": site,
        "kind": "head",
        "blocks": lines,
        "lines": [[0, 1], [1, 2], [2, 3], [3, 4]],
        "kept": [1, 2, 3],
        "line_labels": ["title", "body", "body", "teaser"],
        "text_lines": lines,
    }


def _case() -> dict[str, Any]:
    return {
        "id": "agg/001-case",
        "site": "case.example",
        "kind": "agg",
        "blocks": ["A lede of the story.", "Another story's paragraph."],
        "kept": [0, 1],
        "gold": {"body_must": ["lede of the story"]},
        "leaked": ["Another story's"],
    }


def test_a_cut_is_counted_lost_when_it_takes_a_story_word_and_clean_otherwise() -> None:
    records = [_rendered("a/1", "a.example"), _rendered("b/1", "b.example")]
    result = tally(records, lambda rec: [2, 3] if rec["site"] == "a.example" else [3])
    assert result.lost == {"a/1": (3, 2)}  # "Its second line." and "Read next"
    assert result.clean == {"b/1": (0, 2)}
    assert result.sites == {"lost": {"a.example"}, "clean": {"b.example"}}


def test_blocks_the_body_did_not_keep_are_not_counted() -> None:
    result = tally([_rendered("a/1", "a.example")], lambda rec: [0])
    assert not result.lost and not result.clean


def test_an_aggregator_case_counts_the_snippets_and_leaked_strings_taken() -> None:
    assert tally([_case()], lambda rec: [1]).cases == {"agg/001-case": (0, 1)}
    assert tally([_case()], lambda rec: [0, 1]).cases == {"agg/001-case": (1, 1)}


def test_replay_reads_a_capture_and_a_missing_one_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "capture.jsonl"
    path.write_text(json.dumps(_rendered("a/1", "a.example")) + "\n", encoding="utf-8")
    assert [rec["id"] for rec in load(path)] == ["a/1"]
    assert main(["replay", str(path), "--cut", "builtins:sorted"]) == 0
    assert "clean: 0 dumps" in capsys.readouterr().out
    assert main(["replay", str(tmp_path / "missing.jsonl"), "--cut", "builtins:sorted"]) == 2
    assert "missing.jsonl" in capsys.readouterr().err
