"""The headline model's candidates and features (cleaner.passes.headline)."""

from __future__ import annotations

from cleaner import Cleaner
from cleaner.blocks import Block
from cleaner.engine.apply import Kept, Outcome
from cleaner.passes import headline

_LEDE = (
    "The minister opened the new bridge over the river on Monday, two years after work began on "
    "the crossing that links the two halves of the town."
)


def _kept(texts: list[str]) -> list[Kept]:
    return [Kept(Block(t), index=i) for i, t in enumerate(texts)]


def test_candidates_are_short_blocks_above_the_story_never_a_kept_story_paragraph() -> None:
    texts = ["A-Z", "Minister opens the new bridge", _LEDE, _LEDE + " More.", _LEDE + " Again."]
    labels = ["chrome", "title", "body", "body", "body"]
    # 'A-Z' has no word of four letters; the story paragraphs are no candidates
    assert headline.candidates(labels, _kept(texts)) == [1]
    # whatever the story model's label, a story paragraph is no candidate
    assert headline.candidates(["chrome", "title", "chrome"], _kept(texts[:3])) == [1]


def test_candidates_reach_a_story_that_starts_far_down_the_page() -> None:
    # a whole rendered page whose menus run to a hundred lines: its headline is a candidate
    menu = [f"Section number {n}" for n in range(100)]
    texts = [*menu, "Minister opens the new bridge", _LEDE, _LEDE + " More.", _LEDE + " Again."]
    labels = ["chrome"] * 100 + ["title", "body", "body", "body"]
    found = headline.candidates(labels, _kept(texts))
    assert found[-1] == 100 and len(found) == headline.MAX_CANDIDATES


def test_a_headline_over_a_list_the_lede_repeats_is_a_candidate() -> None:
    # a table of contents of 20 short lines fills the nearest candidates; the headline above
    # it, three of whose content words the lede repeats, is a candidate too; a menu line
    # sharing two words with the lede ('Minister', 'river') is not, nor a line the page prints
    # twice (menus and sign-up boxes print theirs twice too)
    contents = [f"Chapter {n}: what happened next" for n in range(20)]
    texts = [
        "Sign up for the weekly newsletter",
        "The minister on the river",
        "Minister opens the new river bridge",
        *contents,
        _LEDE,
        _LEDE + " More.",
        _LEDE + " Again.",
        "Sign up for the weekly newsletter",
    ]
    labels = ["chrome", "chrome", "title"] + ["chrome"] * 20 + ["body"] * 3 + ["chrome"]
    found = headline.candidates(labels, _kept(texts))
    assert found[-headline.MAX_CANDIDATES :] == list(range(7, 23))
    assert found[: -headline.MAX_CANDIDATES] == [2]
    alone = headline.candidates(labels[2:], _kept(texts[2:]))
    assert alone[0] == 0 and len(alone) == headline.MAX_CANDIDATES + 1


def test_chinese_and_japanese_are_counted_by_their_characters() -> None:
    # a Japanese story paragraph is one "word" between spaces: counted by its Han and kana it
    # places the story and is no candidate, and its headline's words are the lede's
    title = "東京都が新しい防災計画を発表"
    lede = "東京都は十三日、首都直下地震に備えた新しい防災計画を発表した。" * 3
    assert headline.words_of(lede) == 87 / 3  # 87 Han and kana, not the commas and stops
    assert headline.reads_as_story(lede) and not headline.reads_as_story(title)
    texts = ["メニュー", title, lede, lede, lede, "関連記事"]
    labels = ["chrome", "title", "body", "body", "body", "chrome"]
    assert headline.candidates(labels, _kept(texts)) == [0, 1]
    assert {"防災", "計画"} <= headline._content_words(title) & headline._content_words(lede)
    # the story model's test is unchanged (its decisions read it)
    assert list(headline.story_paragraphs(labels, _kept(texts))) == []


def test_a_story_of_one_sentence_paragraphs_places_the_candidates() -> None:
    # wire copy printing a sentence a paragraph: no story paragraph, so the kept sentences of
    # eight words or more place the story (the candidates stop above the third, the features
    # see the lede); before, every block of the page was a candidate, placed against nothing
    short = [
        "Police are investigating after a man died in a crash on a Toronto highway.",
        "The police service says the crash happened on Tuesday afternoon.",
        "A passenger in another vehicle was injured in the crash.",
        "The road was closed for hours.",
    ]
    texts = ["Menu", "Police investigate fatal highway crash", "By Staff", *short, "Flyers"]
    labels = ["chrome", "title", "byline", "body", "body", "body", "body", "chrome"]
    kept = _kept(texts)
    assert list(headline.story_lines(labels, kept)) == [3, 4, 5]
    assert headline.candidates(labels, kept) == [0, 1, 2, 3, 4]
    feats = headline.features(
        lambda label, i: 0.5,
        labels,
        tuple(Block(t) for t in texts),
        kept,
        [0, 1, 2],
        Outcome(kept=list(kept), removed=[]),
        None,
    )
    assert "nostory" not in feats[1] and feats[1]["tostory=2"] == 1.0
    # 'police', 'highway' and 'crash' of its five words are in the lede's two sentences
    assert feats[1]["lede=3"] == 1.0 and "lede_best" in feats[1]


def test_features_see_copies_the_lede_and_the_model() -> None:
    texts = [
        "Minister opens the new bridge",
        "Minister opens the new bridge - Town Gazette",
        "Weather",
        _LEDE,
    ]
    labels = ["title", "chrome", "chrome", "body"]
    kept = _kept(texts)
    outcome = Outcome(kept=list(kept), removed=[])
    feats = headline.features(
        lambda label, i: 0.7 if labels[i] == label else 0.1,
        labels,
        tuple(Block(t) for t in texts),
        kept,
        [0, 1],
        outcome,
        None,
    )
    first, second = feats
    assert first["mt"] == 0.7 and first["lab=title"] == 1.0
    assert "prefix_of" in first and "has_prefix" in second and "sep" in second
    assert first["lede=3"] == 1.0 and "lede_best" in first  # 2 of its 3 words in the lede
    assert first["tostory=3"] == 1.0 and second["tostory=2"] == 1.0


def test_the_shipped_models_choose_the_headline_of_a_dump() -> None:
    dump = "Home\nWorld\n\nMinister opens the new bridge\n\nBy JANE DOE\n\n" + _LEDE + "\n"
    assert Cleaner().clean(dump, kind="text").title == "Minister opens the new bridge"


def test_heading_marks_are_stripped() -> None:
    assert headline.strip_heading_mark("### Bridge opens") == "Bridge opens"
    assert headline.strip_heading_mark("#1 in the charts") == "#1 in the charts"


def test_an_ascii_key_is_the_patterns() -> None:
    """The byte-table key of an ASCII text is the words the pattern finds: every ASCII
    character between two letters, heading marks, underscores and digits."""
    texts = [f"a{chr(c)}b" for c in range(128)] + [
        "## Rubio meets Lavrov: 'talks' — in K.L.",
        "snake_case  and 2,000 words\t(x)",
        "# ",
        "",
    ]
    for text in texts:
        pattern = " ".join(headline._WORD.findall(headline.strip_heading_mark(text).casefold()))
        assert headline._key(text) == pattern, repr(text)


def test_an_ascii_texts_content_words_are_the_patterns() -> None:
    """The byte-table content words of an ASCII text are those the pattern finds, casefolded:
    every ASCII character between letters, digits and underscores inside runs of letters."""
    texts = [f"abcd{chr(c)}efgh" for c in range(128)] + [
        "Rubio MEETS Lavrov: talks_over in K.L. on 2025-07-10 abc1defg ab",
        "snake_case  and 2,000 WORDS\t(xyzw)",
        "",
    ]
    for text in texts:
        pattern = {word.casefold() for word in headline._CONTENT.findall(text)}
        assert headline._content_words(text) == pattern, repr(text)
