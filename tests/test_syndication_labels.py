"""Hand labels of syndication-dev texts as training records (training.syndication_labels), on
small made-up texts and labels written here (no corpus needed)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from training import syndication_labels
from training.story_data import AGGREGATOR_WEIGHT, variants, weight_of
from training.tune import fold_weights

TEXT = "\n".join(
    [
        " date 2025-01-27",
        "Home | World | Business",
        "Storm closes schools across the coast",
        "By Jane Doe",
        "",
        "MIAMI (AP) — Schools along the Gulf Coast closed on Tuesday as a storm knocked out power.",
        "Officials said crews would work through the night to restore power to the homes.",
        "Related: Floods hit the north",
        "Floods hit the north as rivers rose on Sunday night, cutting roads.",
    ]
)
LABELS = {
    "title": "Storm closes schools across the coast",
    "authors": ["Jane Doe"],
    "dateline": {"place": "MIAMI", "agency": "AP"},
    "body_first": "Schools along the Gulf Coast closed on Tuesday as a storm kn",
    "body_must": ["closed on Tuesday as a storm", "crews would work through the night"],
    "chrome": [" date 2025-01-27", "Home | World | Business", "Related: Floods hit the north"],
    "captions": [],
    "credits": [],
    "copyright": None,
    "truncated": False,
}
SPLIT = {
    "syndication-dev": {
        "001-made-up-story": {"part": "train", "site": "event:storm"},
        "002-made-up-other": {"part": "val", "site": "event:floods"},
        "unrelated/001": {"part": "train", "site": "example-news.com"},
    },
    "wcxb-dev": {"page": {"part": "val", "site": "valsite.org"}},
}


def _write(root: Path, item: str, url: str) -> None:
    """A labelled text and its URL under ``root``/labels and ``root``/texts."""
    label = root / "labels" / f"{item}.json"
    label.parent.mkdir(parents=True, exist_ok=True)
    label.write_text(json.dumps(LABELS), encoding="utf-8")
    text = root / "texts" / f"{item}.txt"
    text.parent.mkdir(parents=True, exist_ok=True)
    text.write_text(TEXT, encoding="utf-8")
    group = text.parent
    if group.parent.name == "unrelated":
        pair = (
            json.loads((group / "pair.json").read_text()) if (group / "pair.json").is_file() else {}
        )
        pair.update({"site": "example-news.com", text.stem: url})
        (group / "pair.json").write_text(json.dumps(pair), encoding="utf-8")
        return
    members = (
        json.loads((group / "members.json").read_text())
        if (group / "members.json").is_file()
        else []
    )
    members.append({"file": text.name, "url": url, "relation": "copy", "note": ""})
    (group / "members.json").write_text(json.dumps(members), encoding="utf-8")


def _site(url: str) -> str:
    """A stand-in for the split's registered domain (courlan, not imported in tests: see
    syndication_labels.records)."""
    return url.split("/")[2].removeprefix("www.")


def _records(root: Path) -> list[dict[str, object]]:
    return list(syndication_labels.records(SPLIT, root / "labels", root / "texts", _site))


def test_a_label_becomes_a_record_with_line_labels(tmp_path: Path) -> None:
    _write(tmp_path, "001-made-up-story/m1", "https://www.wire.example.co.uk/news/storm")
    _write(tmp_path, "unrelated/001/b", "https://example-news.com/b")
    first, second = _records(tmp_path)
    assert first["id"] == "syndication-dev/001-made-up-story/m1/dump"
    assert (first["corpus"], first["part"], first["renderer"]) == (
        "syndication-dev",
        "train",
        "dump",
    )
    assert first["site"] == "wire.example.co.uk"  # the site of the member's URL
    assert first["text"] == TEXT
    assert first["labels"] == [
        "date",  # a date line above the body (aggregators-dev's convention)
        "chrome",
        "title",
        "byline",
        "blank",
        "body",
        "body",
        "chrome",
        "?",
    ]
    assert first["gold"]["url"] == "https://www.wire.example.co.uk/news/storm"
    assert (second["item"], second["site"]) == ("unrelated/001/b", "example-news.com")


def test_labels_of_validation_groups_and_sites_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _write(tmp_path, "001-made-up-story/m1", "https://valsite.org/storm")
    _write(tmp_path, "001-made-up-story/m2", "https://fine.example.com/storm")
    _write(tmp_path, "002-made-up-other/m1", "https://other.example.org/floods")
    _write(tmp_path, "003-not-in-split/m1", "https://fine.example.com/other")
    assert [r["item"] for r in _records(tmp_path)] == ["001-made-up-story/m2"]
    err = capsys.readouterr().err
    assert "001-made-up-story/m1 refused: its site valsite.org is a validation site" in err
    assert "002-made-up-other/m1 refused: its group 002-made-up-other is in the val part" in err
    assert "003-not-in-split/m1 refused: its group 003-not-in-split is not in" in err


def test_sites_of_validation_groups_texts_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # a validation group's texts name their sites only by URL: a train group's text on one of
    # them is refused, a train text elsewhere kept
    _write(tmp_path, "002-made-up-other/m1", "https://www.reposter.example.net/floods")
    (tmp_path / "labels" / "002-made-up-other" / "m1.json").unlink()
    _write(tmp_path, "001-made-up-story/m1", "https://reposter.example.net/storm")
    _write(tmp_path, "001-made-up-story/m2", "https://fine.example.com/storm")
    assert [r["item"] for r in _records(tmp_path)] == ["001-made-up-story/m2"]
    err = capsys.readouterr().err
    assert "001-made-up-story/m1 refused: its site reposter.example.net is a validation" in err


def test_syndication_dumps_weigh_as_aggregator_dumps_and_have_no_variants(tmp_path: Path) -> None:
    assert weight_of("syndication-dev") == weight_of("aggregators-dev") == AGGREGATOR_WEIGHT
    assert weight_of("wcxb-dev") == weight_of("wcxb-dev#body") == 1
    assert fold_weights({"w": 2}) == {"aggregators-dev": 2, "syndication-dev": 2}
    assert fold_weights({"w": 4, "sw": 0}) == {"aggregators-dev": 4, "syndication-dev": 0}
    assert weight_of("syndication-dev", fold_weights({"sw": 8})) == 8
    _write(tmp_path, "001-made-up-story/m1", "https://fine.example.com/storm")
    (record,) = _records(tmp_path)
    assert [doc_id for doc_id, _, _ in variants(record)] == [record["id"]]
