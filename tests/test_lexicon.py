"""One lexicon: the code and the rules know the same months, sentence ends and copyright
notices."""

from __future__ import annotations

import subprocess
import sys

import lxml.html
import pytest

from cleaner.blocks import Block, Found, is_story_paragraph
from cleaner.engine import load_rules
from cleaner.fields import authors_from_byline, parse_date
from cleaner.html.captions import mark_captions
from cleaner.html.jsonld import LinkedData
from cleaner.html.notice import copyright_notice
from cleaner.html.tree import Story
from cleaner.lexicon import (
    AGENCIES,
    COPYRIGHT_MARKS,
    MONTHS,
    PHOTO_AGENCIES,
    SENTENCE_END_MARKS,
    STORY_SOURCES,
    ends_sentence,
    stoplist,
)
from cleaner.text_blocks import text_to_page

NAMES = [
    (language, number, name)
    for language, months in MONTHS.items()
    for number, spellings in enumerate(months, start=1)
    for name in spellings.split()
]


@pytest.mark.parametrize(("language", "number", "name"), NAMES)
def test_every_month_name_is_a_date_to_the_code_and_to_the_rules(
    language: str, number: int, name: str
) -> None:
    printed = f"{name.title()} 3, 2024"
    assert parse_date(printed) == f"2024-{number:02d}-03", language
    rule = load_rules().by_id("generic.printed-date")
    assert rule is not None and rule.matcher.pattern is not None
    assert rule.matcher.pattern.fullmatch(printed), f"{language}: {printed}"


@pytest.mark.parametrize("mark", list(SENTENCE_END_MARKS))
def test_the_text_path_ends_a_sentence_where_the_html_path_does(mark: str) -> None:
    """A line ending in any of the marks, the next starting a sentence: a possible paragraph
    boundary in a text dump (the pieces), as ``ends_sentence`` says for HTML blocks."""
    first = f"He paused a long while before he spoke and then he said nothing to us{mark}"
    second = "Then he left the room and went out into the rain without his coat or hat."
    (block,) = text_to_page(f"{first}\n{second}").blocks
    assert ends_sentence(first) and block.parts == (first, second)


def test_closing_marks_and_a_story_paragraph() -> None:
    assert ends_sentence("Il a dit : « Nous partons.»") is True
    assert ends_sentence("Il a dit : « Nous partons. »") is False  # a space before »
    # German closing quotes (“ after „, « after ») are not yet closing marks: the story model's
    # features were trained with this test, so they change with a retrained model only
    assert ends_sentence("Er sagte: „Wir gehen.“") is False
    long = " ".join(["word"] * 17) + " end…"
    assert is_story_paragraph(long)


NOTICES = [
    "© 2025 The Associated Press. All rights reserved.",
    "(c) 2014 Riverside Gazette",
    "Copyright 2019 Reuters",
    "© Süddeutsche Zeitung GmbH 2025. Alle Rechte vorbehalten.",
    "© The Riverside Gazette. All rights reserved.",
]


@pytest.mark.parametrize("notice", NOTICES)
def test_a_copyright_notice_to_the_rule_is_one_to_the_html_path(notice: str) -> None:
    """The ``wire.copyright`` rule (among the blocks) and the HTML path's notice finder (in the
    raw page) know a notice by the same marks, the lexicon's."""
    rule = load_rules().by_id("wire.copyright")
    assert rule is not None and rule.matcher.find(notice)
    assert set(rule.matcher.requires) == set(COPYRIGHT_MARKS)
    html = f"<html><body><article><p>Story.</p></article><footer><p>{notice}</p></footer></body></html>"
    tree = lxml.html.fromstring(html)
    assert copyright_notice(tree, Story([]), LinkedData()) == Found(notice, "footer")


@pytest.mark.parametrize(
    "text", ["Copyrighted in 2019, the song was never released.", "Copyright law protects authors."]
)
def test_what_is_no_copyright_notice_to_either(text: str) -> None:
    rule = load_rules().by_id("wire.copyright")
    assert rule is not None and not rule.matcher.find(text)
    html = f"<html><body><footer><p class='copyright'>{text}</p></footer></body></html>"
    assert copyright_notice(lxml.html.fromstring(html), Story([]), LinkedData()) is None


@pytest.mark.parametrize("source", STORY_SOURCES)
def test_every_agency_of_the_lexicon_is_no_person_to_the_byline_parser(source: str) -> None:
    """The byline parser knows the agencies a story is credited to by the lexicon's names:
    'Jane Doe, APA' and 'Jane Doe APA' name Jane Doe alone."""
    assert authors_from_byline(f"By Jane Doe, {source}") == ("Jane Doe",)
    if len(source.split()) == 1:
        assert authors_from_byline(f"By Jane Doe {source}") == ("Jane Doe",)


def test_an_agency_as_a_name_is_a_name_in_other_case() -> None:
    """Short agency names count as printed: 'NAN' is the News Agency of Nigeria, 'Nan' a name."""
    assert authors_from_byline("By Nan Whaley and Ani Kim") == ("Nan Whaley", "Ani Kim")
    assert authors_from_byline("By Jane Doe NAN") == ("Jane Doe",)


@pytest.mark.parametrize("agency", [*AGENCIES, *PHOTO_AGENCIES])
def test_a_caption_with_an_agency_after_it_is_a_caption_with_its_credit(agency: str) -> None:
    """The HTML path widens a caption to its block when the rest is a short credit: the
    lexicon's agencies, news and photo, are credits there ('… the square. Getty Images')."""
    caption = "Protesters gather in the main square of the city on Friday."
    blocks = mark_captions([Block(f"{caption} {agency}")], [(caption, None)])
    assert blocks == [Block(f"{caption} {agency}", "caption")]


@pytest.mark.parametrize(
    "language", ["English", "German", "French", "Spanish", "Portuguese", "Italian", "Dutch"]
)
def test_stoplists_are_justexts(language: str) -> None:
    import justext

    assert stoplist(language) == justext.get_stoplist(language)


def test_stoplists_are_read_without_importing_justext() -> None:
    """Its import (lxml's HTML module, urllib's HTTP client) is most of what a one-page process
    paid for the story model's stoplists."""
    code = "import sys; from cleaner.lexicon import stoplist; stoplist('English'); "
    code += "print('justext' in sys.modules)"
    ran = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert ran.stdout.strip() == "False"
