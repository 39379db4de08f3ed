"""Synthetic next stories (training/next_story.py) on small made-up dumps (no corpus needed)."""

from __future__ import annotations

from typing import Any

from training import next_story

STORY = [
    "The city council approved a new park on Monday after a long debate about the riverside.",
    "Residents had asked for the park for years, and the vote was seven to two in favour.",
]
OTHER = [
    "The school board said on Tuesday that the new term will start a week later than planned.",
    "Parents were told in a letter that the building work had taken longer than expected.",
    "The board will meet again in the autumn to look at the budget for the coming year.",
]


def _record(item: str, site: str, renderer: str = "lxml", **extra: Any) -> dict[str, Any]:
    lines = ["Home | News | Sport", "", f"Headline of the {item} story", "By Jane Smith"]
    labels = ["chrome", "blank", "title", "byline"]
    for text in STORY if item != "other" else OTHER:
        lines += ["", text]
        labels += ["blank", "body"]
    lines += ["Reporting by Jane Smith", "", "Subscribe to our newsletter", "© 2025 Gazette"]
    labels += ["contrib", "blank", "chrome", "copyright"]
    record = {
        "id": f"wcxb-dev/{item}/{renderer}",
        "corpus": "wcxb-dev",
        "item": item,
        "site": site,
        "part": "train",
        "renderer": renderer,
        "wrap": None,
        "head": False,
        "text": "\n".join(lines),
        "labels": labels,
    }
    record.update(extra)
    return record


def test_a_donor_is_the_start_of_a_story() -> None:
    donor = next_story.donor_of(_record("other", "school.example"))
    assert donor is not None
    assert donor.headline == "Headline of the other story"
    assert donor.header == ("By Jane Smith",)
    assert donor.paragraphs == tuple(OTHER)
    assert donor.language == "English"
    # wrapped, cut or validation dumps give none
    assert next_story.donor_of(_record("other", "school.example", wrap=70)) is None
    assert next_story.donor_of(_record("other", "school.example", part="val")) is None


def test_the_next_story_comes_after_the_story_and_its_contributor_line() -> None:
    donors = next_story.collect_donors([_record("other", "school.example")])
    record = _record("park", "gazette.example")
    made = next_story.insert(record, donors)
    assert made is not None and made["next_story"] == "wcxb-dev/other"
    lines, labels = made["text"].split("\n"), made["labels"]
    assert len(lines) == len(labels)
    teaser = [line for line, label in zip(lines, labels, strict=True) if label == "teaser"]
    assert teaser[0] == "Headline of the other story"
    assert teaser[-1] in OTHER and OTHER[0] in teaser
    first = labels.index("teaser")
    assert labels.index("contrib") < first < labels.index("copyright")
    assert "Subscribe to our newsletter" not in lines[:first]
    # the story and the page around it are as they were
    kept = [(ln, lab) for ln, lab in zip(lines, labels, strict=True) if lab != "teaser"]
    before = list(zip(record["text"].split("\n"), record["labels"], strict=True))
    assert [pair for pair in kept if pair[1] != "blank" and pair[1] != "chrome"] == [
        pair for pair in before if pair[1] != "blank" and pair[1] != "chrome"
    ]
    # the same input gives the same dump
    assert next_story.insert(record, donors) == made
    as_chrome = next_story.insert(record, donors, "chrome")
    assert as_chrome is not None and "teaser" not in as_chrome["labels"]
    assert as_chrome["text"] == made["text"]


def test_no_donor_of_the_same_site_or_another_language() -> None:
    same_site = next_story.collect_donors([_record("other", "gazette.example")])
    assert next_story.insert(_record("park", "gazette.example"), same_site) is None
    # asked for, another page of the same site; never the page itself
    made = next_story.insert(_record("park", "gazette.example"), same_site, same_site=True)
    assert made is not None and made["next_story"] == "wcxb-dev/other"
    itself = next_story.collect_donors([_record("other", "gazette.example")])
    assert next_story.insert(_record("other", "gazette.example"), itself, same_site=True) is None
    german = _record("other", "school.example")
    german["text"] = german["text"].replace(OTHER[0], "Der Rat hat am Montag über die und das")
    german["text"] = "\n".join(
        "Die Schule und der Rat haben sich mit dem Plan für das neue Jahr nicht geeinigt."
        if label == "body"
        else line
        for line, label in zip(german["text"].split("\n"), german["labels"], strict=True)
    )
    donors = next_story.collect_donors([german])
    assert [d.language for d in donors["lxml"]] == ["German"]
    assert next_story.insert(_record("park", "gazette.example"), donors) is None


def test_chosen_dumps_are_nested_and_off_at_zero() -> None:
    ids = [f"wcxb-dev/page{n}/lxml" for n in range(400)]
    low = {i for i in ids if next_story.chosen(i, 0.2)}
    high = {i for i in ids if next_story.chosen(i, 0.5)}
    assert low < high
    assert 40 < len(low) < 120 and 140 < len(high) < 260
    assert not any(next_story.chosen(i, 0.0) for i in ids)
    donors = next_story.collect_donors([_record("other", "school.example")])
    records = [_record("park", "gazette.example")]
    assert list(next_story.with_next_stories(records, donors, 0.0)) == records
    assert next_story.FRACTION == 0.0
