"""training.worst_dumps: per-dump F1 of a capture, its tail and the causes of poor dumps."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from training.worst_dumps import main, score

STORY = [
    "The story's first paragraph goes on here.",
    "Its second paragraph is the longer one, and it ends the story here at last.",
]


def _dump(ident: str, kept: list[int], body: str) -> dict[str, Any]:
    """A rendered dump: a menu line, the story's two paragraphs, a teaser."""
    lines = ["Home News Sport", *STORY, "Read next: another story"]
    return {
        "id": ident,
        "site": ident.split("/")[0],
        "kind": "whole",
        "blocks": lines,
        "lines": [[0, 1], [1, 2], [2, 3], [3, 4]],
        "kept": kept,
        "body": body,
        "line_labels": ["chrome", "body", "body", "teaser"],
        "text_lines": lines,
    }


def test_causes_of_poor_dumps() -> None:
    records = [
        _dump("right.example/1", [1, 2], "\n".join(STORY)),
        _dump("cut.example/1", [1], STORY[0]),
        _dump("empty.example/1", [], ""),
        _dump("teasers.example/1", [1, 2, 3], "\n".join([*STORY, "Read next: another story"])),
        {"id": "agg/001", "site": "agg.example", "kind": "agg", "body": ""},
    ]
    dumps = {d.ident: d for d in score(records)}
    assert set(dumps) == {
        "right.example/1",
        "cut.example/1",
        "empty.example/1",
        "teasers.example/1",
    }
    assert dumps["right.example/1"].f1 == pytest.approx(1.0)
    assert dumps["cut.example/1"].cause == "story cut at its tail"
    assert dumps["cut.example/1"].recall < 0.7
    assert dumps["empty.example/1"].cause == "nothing kept"
    assert dumps["teasers.example/1"].precision < 1.0


def test_cli_prints_the_tail(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capture = tmp_path / "capture.jsonl"
    records = [_dump("right.example/1", [1, 2], "\n".join(STORY)), _dump("e.example/1", [], "")]
    capture.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    assert main([str(capture), "--show"]) == 0
    out = capsys.readouterr().out
    assert "2 dumps, 2 sites: F1 0.5000" in out
    assert "F1 < 0.3:    1 dumps (  1 sites) carry 0.5000 of the gap (100%)" in out
    assert "nothing kept" in out and "e.example/1" in out


def test_cli_without_capture(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(tmp_path / "missing.jsonl")]) == 2
    assert "no capture" in capsys.readouterr().err
