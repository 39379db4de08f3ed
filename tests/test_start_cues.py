"""training.start_cues: openings classed as deks or ledes, and the cues counted on them."""

from __future__ import annotations

from typing import Any

from training.start_cues import CUES, Opening, kind, label_of

TITLE = "Council votes to close two schools"
DEK = (
    "Parents fought the plan for months, and the vote on Tuesday leaves two towns in the "
    "valley without a school of their own."
)
LEDE = (
    "The city council voted on Tuesday to close two schools, a decision that parents had "
    "fought for months."
)
NEXT = (
    "Officials said the closures would save the district money over the next ten years, "
    "a claim the parents dispute."
)


def _opening(first: str = DEK, second: str = LEDE, label: str = "standfirst", **kw: Any) -> Opening:
    fields: dict[str, Any] = {
        "keeps_first": 0.4,
        "keeps_second": 0.99,
        "standfirst_first": 0.1,
    }
    fields.update(kw)
    return Opening("c/1", "example.com", TITLE, first, second, label, "body", **fields)


def test_a_dek_and_a_lede_are_told_by_their_labels() -> None:
    assert kind(_opening()) == "dek"
    assert kind(_opening(label="chrome")) == "dek"
    assert kind(_opening(LEDE, NEXT, label="body")) == "lede"
    assert kind(_opening(label="caption")) is None


def test_no_opening_without_a_headline_a_sentence_or_a_story_paragraph_under_it() -> None:
    assert kind(_opening(under_byline=True)) is None  # a dek under the byline is story
    no_title = _opening()
    no_title.title = None
    assert kind(no_title) is None
    assert kind(_opening(first="Two schools close.")) is None
    assert kind(_opening(first=DEK.rstrip("."))) is None
    assert kind(_opening(second="Read more")) is None
    assert kind(_opening(second="and " + LEDE)) is None


def test_the_cues() -> None:
    def cue(name: str, o: Opening) -> bool:
        return CUES[name](o)

    dateline = "opens with a dateline or an agency"
    assert cue(dateline, _opening("BRUSSELS — " + LEDE))
    assert cue(dateline, _opening(dateline=True))
    assert not cue(dateline, _opening())
    goes_on = "the next paragraph goes on (pronoun, connective)"
    assert cue(goes_on, _opening(second="But " + NEXT))
    assert not cue(goes_on, _opening(second="Thessaloniki " + NEXT))
    assert cue("… or opens with The/In/On/At/According", _opening(second=LEDE))
    assert cue("repeats half the headline's content words", _opening(LEDE))
    assert cue("repeats none of them", _opening("Nobody expected this one thing at all."))
    header = "a header line (model) before the next paragraph"
    assert cue(header, _opening(between=[("Photograph: Jane Doe", 0.9)]))
    assert not cue(header, _opening(between=[("Advertisement", 0.1)]))
    assert cue("blocks taken out before the next paragraph", _opening(between=[("Ad", 0.0)]))
    assert cue("the model gives it under 0.5 of story", _opening())
    assert not cue("the model gives it 0.3 of standfirst", _opening())
    assert cue("one sentence", _opening())


def test_a_blocks_label_is_its_first_lines() -> None:
    record = {
        "text": f"{TITLE}\n\n{LEDE[:40]}\n{LEDE[40:]}\nBy Ann Lee",
        "labels": ["title", "?", "body", "body", "byline"],
    }
    assert label_of(record, LEDE) == "body"
    assert label_of(record, "By Ann Lee") == "byline"
    assert label_of(record, "Not on the page") == "?"
