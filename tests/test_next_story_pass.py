"""core.next-story on a text dump: a story's printed end (a credit, copyright or rule line)
and, under it, a run of another topic: that run and all below it leave the body."""

from __future__ import annotations

import pytest

from cleaner import Cleaner
from cleaner.blocks import Block
from cleaner.engine import Outcome, load_rules
from cleaner.engine.apply import Kept
from cleaner.passes import known_ids
from cleaner.passes.next_story import PASS_ID, content_words, drop_next_story
from cleaner.passes.registry import pass_by_id
from cleaner.pipeline import TEXT_LEARNED
from cleaner.pipeline import next_story as next_story_step

from .outcomes import pass_kept_and_removed

TITLE = "Dormagen: suspect dies after police shot"
LEDE = (
    "A suspect was fatally injured in a police operation in a house in Dormagen on Saturday. "
    "Another dead person was found in the building, the prosecutor said."
)
MORE = (
    "In the afternoon, police and emergency services were called to the private house in "
    "Dormagen. Firearms were then used in the course of the deployment."
)
SAME_TOPIC = (
    "The prosecutor in Dormagen said the suspect had succumbed to his injuries in the house "
    "despite attempts at resuscitation by the police."
)
NEXT_HEADLINE = "Haselbach: Woman rolled over by tractor"
NEXT = (
    "A woman was hit by a tractor in southern Thuringia. She died at the scene of the accident "
    "in a forest near Haselbach in the Sonneberg district."
)
NEXT_MORE = (
    "The 59-year-old woman may have tried to stop the parked tractor with a trailer after it "
    "got rolling, a spokesman for the district said."
)


def _drop(
    texts: list[str], ends: dict[int, str], title: str | None = TITLE
) -> tuple[list[str], list[str]]:
    """The kept texts and the removed ones; ``ends``: page index → the field a rule took the
    line to (``"drop"``: a rule dropped it), never kept."""
    outcome = Outcome(kept=[], removed=[])
    for index, name in ends.items():
        if name != "drop":
            outcome.positions.setdefault(name, []).append(index)

    def run(kept: list[Kept], blocks: tuple[Block, ...], outcome: Outcome) -> list[Kept]:
        return drop_next_story(kept, blocks, title, outcome)

    return pass_kept_and_removed(texts, run, PASS_ID, taken=ends, outcome=outcome)


@pytest.mark.parametrize(
    ("line", "field"),
    [
        ("Source: DPA", "credits"),
        ("© 2024 The Gazette. All rights reserved.", "copyright"),
        ("---------------", "drop"),
        ("=====", "drop"),
    ],
)
def test_another_topic_under_a_story_s_end_goes_with_all_below(line: str, field: str) -> None:
    page = [LEDE, MORE, line, NEXT_HEADLINE, NEXT, NEXT_MORE]
    body, removed = _drop(page, {2: field})
    assert body == [LEDE, MORE]
    assert removed == [NEXT_HEADLINE, NEXT, NEXT_MORE]


def test_a_sign_off_glued_to_the_paragraph_above_ends_the_story() -> None:
    # '… the prosecutor said. – BERNAMA': the rules took the credit from a kept paragraph
    page = [LEDE, MORE, NEXT_HEADLINE, NEXT]
    blocks = tuple(Block(t) for t in page)
    kept = [Kept(b, index=n) for n, b in enumerate(blocks)]
    outcome = Outcome(kept=[], removed=[], positions={"credits": [1]})
    assert [k.block.text for k in drop_next_story(kept, blocks, TITLE, outcome)] == [LEDE, MORE]


def test_the_story_s_own_words_under_the_end_keep_it() -> None:
    page = [LEDE, MORE, "Source: DPA", SAME_TOPIC, NEXT]
    assert _drop(page, {2: "credits"})[0] == [LEDE, MORE, SAME_TOPIC, NEXT]


def test_no_end_printed_cuts_nothing() -> None:
    page = [LEDE, MORE, NEXT_HEADLINE, NEXT, NEXT_MORE]
    assert _drop(page, {})[0] == page


def test_a_dinkus_is_a_section_break_not_an_end() -> None:
    page = [LEDE, MORE, "* * *", NEXT_HEADLINE, NEXT, NEXT_MORE]
    assert _drop(page, {2: "drop"})[0] == [LEDE, MORE, NEXT_HEADLINE, NEXT, NEXT_MORE]


def test_an_end_above_the_story_s_second_paragraph_cuts_nothing() -> None:
    # a credit under the lede (a photo credit, the source of a one-paragraph brief)
    page = [LEDE, "Source: DPA", NEXT, NEXT_MORE]
    assert _drop(page, {1: "credits"})[0] == [LEDE, NEXT, NEXT_MORE]


def test_a_run_with_no_story_paragraph_is_not_judged() -> None:
    page = [LEDE, MORE, "Source: DPA", NEXT_HEADLINE, "Share on Facebook"]
    assert _drop(page, {2: "credits"})[0] == [LEDE, MORE, NEXT_HEADLINE, "Share on Facebook"]


def test_content_words_leave_out_stopwords_and_numbers() -> None:
    assert content_words("The 59-year-old woman and the tractor, 2020") == {"woman", "tracto"}


def test_the_text_path_runs_it_and_it_can_be_disabled() -> None:
    assert next_story_step in TEXT_LEARNED
    assert PASS_ID in known_ids(load_rules())
    entry = pass_by_id(PASS_ID)
    assert entry is not None and entry.paths == ("text",)


def test_a_feed_dump_keeps_its_first_story() -> None:
    page = "\n\n".join([TITLE, LEDE, MORE, "Source: DPA", NEXT_HEADLINE, NEXT, NEXT_MORE])
    assert "tractor" not in Cleaner().clean(page, kind="text").body
    assert "tractor" in Cleaner(disable=[PASS_ID]).clean(page, kind="text").body


def test_the_story_printed_again_in_another_language_stays() -> None:
    spanish = (
        "Un sospechoso resultó herido de muerte en una operación policial en una casa el "
        "sábado. Otra persona muerta fue encontrada en el edificio, según la fiscalía."
    )
    spanish_more = (
        "Por la tarde, la policía y los servicios de emergencia fueron llamados a la casa "
        "privada. Luego se usaron armas de fuego durante el despliegue."
    )
    page = [LEDE, MORE, "=====", spanish, spanish_more]
    assert _drop(page, {2: "drop"})[0] == [LEDE, MORE, spanish, spanish_more]


@pytest.mark.parametrize(
    "line", ["April 25, 2020", "Updated Dec. 19, 2025", "28.11.2024 | Webmaster", "By Jane Smith"]
)
def test_the_next_story_s_header_kept_by_the_model_goes_with_all_below(line: str) -> None:
    # a headline over its date line or byline, no end printed above it
    page = [LEDE, MORE, SAME_TOPIC, NEXT_HEADLINE, line, NEXT, NEXT_MORE]
    body, removed = _drop(page, {})
    assert body == [LEDE, MORE, SAME_TOPIC]
    assert removed == [NEXT_HEADLINE, line, NEXT, NEXT_MORE]
    # the model took the header: the paragraph right under it opens the next story
    body, removed = _drop(page, {3: "drop", 4: "date"})
    assert body == [LEDE, MORE, SAME_TOPIC]
    assert removed == [NEXT, NEXT_MORE]


def test_a_header_under_two_paragraphs_or_over_another_block_is_no_end() -> None:
    # a page's intro over its own title and author line; a teaser box inside a story, its
    # headline and byline over a caption
    intro = [LEDE, MORE, NEXT_HEADLINE, "By Jane Smith", NEXT, NEXT_MORE]
    assert _drop(intro, {})[0] == intro
    caption = "The tractor in the forest near Haselbach. Photo: Gazette"
    boxed = [LEDE, MORE, SAME_TOPIC, NEXT_HEADLINE, "By Jane Smith", caption, NEXT, NEXT_MORE]
    body = _drop(boxed, {3: "drop", 4: "drop", 5: "drop"})[0]
    assert body == [LEDE, MORE, SAME_TOPIC, NEXT, NEXT_MORE]


@pytest.mark.parametrize(
    "line",
    [
        "1/1/2013 +13.1%",  # a table's row
        "Date: 16-19 March 2026",  # a field of a listicle's item
        "2020-05-26:",  # a changelog's entry
        "GET /reports?from=2025-01-01 HTTP/1.1",  # a line of code
        "By Audience",  # a section 'By …' naming no person
    ],
)
def test_a_line_holding_a_date_among_other_things_is_no_date_line(line: str) -> None:
    page = [LEDE, MORE, SAME_TOPIC, NEXT_HEADLINE, line, NEXT, NEXT_MORE]
    assert _drop(page, {})[0] == page


def test_a_section_heading_over_a_date_line_on_the_story_s_topic_stays() -> None:
    page = [LEDE, MORE, LEDE, "What the prosecutor said next", "April 25, 2020", SAME_TOPIC]
    assert _drop(page, {})[0] == page


def test_under_two_paragraphs_a_headline_over_a_date_line_cuts() -> None:
    # a feed's story cut short: two paragraphs, then the next story's headline and its date
    page = [LEDE, MORE, NEXT_HEADLINE, "April 25, 2020", NEXT, NEXT_MORE]
    body, removed = _drop(page, {})
    assert body == [LEDE, MORE]
    assert removed == [NEXT_HEADLINE, "April 25, 2020", NEXT, NEXT_MORE]
    # under one paragraph nothing is cut
    assert _drop(page[1:], {})[0] == page[1:]


def test_under_two_paragraphs_the_story_going_on_below_keeps_it() -> None:
    # a box of another story's headline and date between two paragraphs: the story's words
    # come back under it
    page = [LEDE, MORE, NEXT_HEADLINE, "April 25, 2020", NEXT, NEXT_MORE, MORE, SAME_TOPIC]
    assert _drop(page, {})[0] == page


def test_a_headline_under_its_date_line_opens_the_next_story() -> None:
    page = [LEDE, MORE, SAME_TOPIC, "28.11.2024", NEXT_HEADLINE, NEXT, NEXT_MORE]
    body, removed = _drop(page, {})
    assert body == [LEDE, MORE, SAME_TOPIC]
    assert removed == ["28.11.2024", NEXT_HEADLINE, NEXT, NEXT_MORE]
    # the model took the date line and the headline
    assert _drop(page, {3: "drop", 4: "drop"}) == ([LEDE, MORE, SAME_TOPIC], [NEXT, NEXT_MORE])
    # a list of other stories by date inside the story: its words come back under it
    boxed = [*page, MORE, SAME_TOPIC]
    assert _drop(boxed, {})[0] == boxed


# The words of language() and content_words(): cut without the pattern engine where a text's
# characters past ASCII are typographic marks alone (next_story._words), found by the pattern
# elsewhere; the same words, and each stoplist's count, as the pattern's and a lookup of each.
_WORDS_TEXTS = (
    "A plain ASCII line, with_under_scores and 2,500 numbers; (brackets) [too] - end.",
    "“Quoted,” she said — twice… • a list’s item © 2025 £3\u00a0no-break «French» ·dot",
    "Ünïcödé letters: straße, café, naïve; and Ελληνικά, 中文字 and ½ ² signs",
    "Die Polizei sagte, dass der Mann in dem Haus war – „Zitat“ and ‚quote‘",
    "combining e\u0301 mark, zero\u200dwidth joiner, tab\there\rand\x1cseparators\x1f",
    "",
)


def test_words_are_the_patterns() -> None:
    """Break _words (a word character among _NON_WORD_MARKS or in the ASCII table, a split
    that keeps a mark) and this fails."""
    from cleaner.passes import next_story

    assert next_story._NON_WORD_MARKS  # the marks' path is taken on the texts above
    for text in _WORDS_TEXTS:
        for piece in (text, text.lower(), f"{text} {text[::-1]}"):
            assert next_story._words(piece) == next_story._WORD_ANY.findall(piece), piece


def test_language_and_content_words_count_as_a_lookup_of_each_word() -> None:
    import regex

    from cleaner.passes import next_story

    for text in (*_WORDS_TEXTS, LEDE, MORE, SAME_TOPIC, " ".join(_WORDS_TEXTS)):
        words = next_story._WORD_ANY.findall(text.lower())
        counts = [sum(word in stop for word in words) for stop in next_story._stoplists()]
        expected = counts.index(max(counts)) if max(counts) else None
        assert next_story.language(text) == expected, text
        stop = next_story._stopwords()
        long_words = regex.findall(r"\w{4,}", text.lower())
        assert content_words(text) == {
            word[:6] for word in long_words if word not in stop and not word.isdigit()
        }, text
