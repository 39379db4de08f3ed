"""training.leak_kinds over a case folder (``--cases-dir``): the first-line and route misses
classed, a case on a validation site counted but never shown. Made-up cases written by the
test and a stand-in for the aggregator scorer (tests never read ../shared)."""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from training import leak_kinds, syndication_labels


def _norm(s: str | None) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", s or "")).strip()


def _loose(s: str | None) -> str:
    return re.sub(r"\s+", "", _norm(s))


def _as_list(value: Any) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else [str(v) for v in value]


def _score_case(labels: dict[str, Any], pred: dict[str, Any]) -> dict[str, Any]:
    body = _norm(pred.get("body"))
    leaked = [c for c in labels["chrome"] if _norm(c) in body]
    return {
        "chrome_total": len(labels["chrome"]),
        "leaked": leaked,
        "leak": len(leaked) / len(labels["chrome"]) if labels["chrome"] else 0.0,
        "first": _loose(body).startswith(_loose(labels["body_first"])),
    }


def _aggregate(results: dict[str, Any]) -> dict[str, Any]:
    n = len(results)
    return {
        "overall": 0.5,
        "leak": sum(r["leak"] for r in results.values()) / n,
        "leak_macro": 0.0,
        "ret": 1.0,
        "first": sum(r["first"] for r in results.values()) / n,
        "title": 1.0,
        "route": 1.0,
        "route_items": 0,
    }


SCORER = SimpleNamespace(
    norm=_norm,
    qnorm=_norm,
    loose=_loose,
    found=lambda snippet, text: _loose(snippet) in _loose(text),
    _as_list=_as_list,
    score_case=_score_case,
    aggregate=_aggregate,
)

GOLD: dict[str, Any] = {
    "title": "Storm closes schools across the coast",
    "authors": [],
    "dateline": {"place": "MIAMI", "agency": "XNA"},
    "body_first": "Schools along the Gulf Coast closed on Tuesday",
    "body_must": ["crews would work through the night"],
    "chrome": ["closed on Tuesday as a storm knocked out power"],
    "captions": ["A flooded road near the beach on Monday. (XNA Photo)"],
    "credits": [],
    "copyright": None,
    "truncated": False,
}
STORY = (
    "Schools along the Gulf Coast closed on Tuesday as a storm knocked out power to more than "
    "two hundred thousand homes, officials said.\n\nOfficials said crews would work through the "
    "night to restore power to the homes and that the schools would open again on Thursday."
)


def test_first_miss_classes() -> None:
    glued = leak_kinds.first_miss(f"MIAMI, Jan 27 (XNA) {STORY}", GOLD, STORY, SCORER)
    assert glued == {
        "how": "glued",
        "top": "dateline or date opener",
        "text": "MIAMI, Jan 27 (XNA)",
    }
    caption = f"{GOLD['captions'][0]}\n\n{STORY}"
    below = leak_kinds.first_miss(caption, GOLD, caption, SCORER)
    assert (below["how"], below["top"]) == ("below", "caption or credit")
    headline = leak_kinds.first_miss(f"{GOLD['title']}\n\n{STORY}", GOLD, STORY, SCORER)
    assert headline["top"] == "headline"
    lost = leak_kinds.first_miss(STORY.split("\n\n")[1], GOLD, STORY, SCORER)
    assert (lost["how"], lost["top"]) == ("dropped, opens below", "story paragraph (start lost)")
    assert leak_kinds.first_miss("", GOLD, STORY, SCORER)["how"] == "empty body"


def test_route_misses() -> None:
    caption = GOLD["captions"][0]
    routed = {"body": STORY, "captions": [caption], "credits": []}
    assert leak_kinds.route_misses(routed, GOLD, SCORER) == []
    left = {"body": f"{caption}\n\n{STORY}", "captions": [], "credits": []}
    assert leak_kinds.route_misses(left, GOLD, SCORER) == ["captions: in body"]
    elsewhere = {"body": STORY, "captions": [], "credits": [caption]}
    assert leak_kinds.route_misses(elsewhere, GOLD, SCORER) == ["captions: in credits"]
    lost = {"body": STORY, "captions": [], "credits": []}
    assert leak_kinds.route_misses(lost, GOLD, SCORER) == ["captions: dropped"]


def _case(root: Path, name: str, url: str | None) -> None:
    folder = root / name
    folder.mkdir(parents=True)
    (folder / "input.txt").write_text(f"MIAMI, Jan 27 (XNA) {STORY}\n", encoding="utf-8")
    (folder / "labels.json").write_text(json.dumps(GOLD), encoding="utf-8")
    (folder / "source.json").write_text(json.dumps({"url": url} if url else {}), "utf-8")


def _domain(url: str) -> str:
    """A stand-in for training.split.domain: the host's last two labels."""
    return ".".join(url.split("/")[2].split(".")[-2:])


def test_site_of(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    texts = tmp_path / "texts"
    (texts / "001-made-up").mkdir(parents=True)
    members = [{"file": "m2.txt", "url": "https://www.copy-news.com/a"}]
    (texts / "001-made-up" / "members.json").write_text(json.dumps(members), encoding="utf-8")
    monkeypatch.setattr(syndication_labels, "TEXTS", texts)
    _case(tmp_path, "own-url", "https://news.example-site.com/story")
    _case(tmp_path, "001-made-up_m2", None)
    _case(tmp_path, "nothing-known", None)

    assert leak_kinds.site_of(tmp_path / "own-url", _domain) == "example-site.com"
    assert leak_kinds.site_of(tmp_path / "001-made-up_m2", _domain) == "copy-news.com"
    assert leak_kinds.site_of(tmp_path / "nothing-known", _domain) == "nothing-known"


def test_cases_dir_hides_validation_sites(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(syndication_labels, "TEXTS", tmp_path / "no-texts")
    monkeypatch.setattr(leak_kinds, "aggregator_scorer", lambda: SCORER)
    # the split's registered domain (courlan) stood in for: imported before the HTML path's
    # libraries, courlan makes their first import warn (see training.syndication_labels)
    monkeypatch.setitem(sys.modules, "training.split", SimpleNamespace(domain=_domain))
    val = next(
        entry["site"]
        for entry in leak_kinds.load_split()["aggregators-dev"].values()
        if entry["part"] == "val"
    )
    cases = tmp_path / "cases"
    _case(cases, "a-train-site", "https://www.made-up-news-site.com/storm")
    _case(cases, "b-val-site", f"https://www.{val}/storm")
    assert leak_kinds.main(["--cases-dir", str(cases), "--show"]) == 0
    out = capsys.readouterr().out
    assert f"{cases}: 2 cases" in out
    assert "(1 cases on validation sites: counted, never shown)" in out
    # the chrome string is a piece of the story's first paragraph: both bodies keep it
    assert "2 of 2 chrome strings" in out
    assert "inside 2 (2)" in out
    shown = [line for line in out.splitlines() if line.startswith(("a-train", "first ", "b-val"))]
    assert any(line.startswith("a-train-site") for line in shown)
    assert not any("b-val-site" in line for line in shown)
    first = [line for line in shown if line.startswith("first ")]
    assert len(first) <= 1 and all("a-train-site" in line for line in first)


def test_cases_dir_refused_on_validation() -> None:
    with pytest.raises(SystemExit):
        leak_kinds.main(["--part", "val", "--cases-dir", "syndication"])
