"""Hard-wrapped dumps are joined back into paragraphs; unwrapped ones are left alone."""

import textwrap

from cleaner import text_blocks
from cleaner.text_blocks import text_to_page

from .conftest import SEED_APP, SEED_PAPER


def texts(text: str) -> list[str]:
    return [b.text for b in text_to_page(text).blocks]


WRAPPED = """\
The council voted on Tuesday to close the old bridge for repairs that
could last until the spring, officials said after a long meeting at the
town hall.
Residents had asked for a temporary crossing.
Mayor Ann Lee said the town would look at the cost of a ferry service
before the end of the month, and that a decision would follow soon.
"""


def test_wrapped_lines_join_into_paragraphs() -> None:
    assert texts(WRAPPED) == [
        "The council voted on Tuesday to close the old bridge for repairs that could last until "
        "the spring, officials said after a long meeting at the town hall.",
        "Residents had asked for a temporary crossing.",
        "Mayor Ann Lee said the town would look at the cost of a ferry service before the end of "
        "the month, and that a decision would follow soon.",
    ]


def test_blank_lines_separate_paragraphs_and_short_lines_stay() -> None:
    assert texts("Headline of the day\n\nFirst paragraph.\nSecond one.\n") == [
        "Headline of the day",
        "First paragraph.",
        "Second one.",
    ]


TWO_LINE_PARAGRAPHS = """\
The police have now released the identities of the two people killed in a crash in
Osborne Store, Clarendon Tuesday.

They are: Heather Grant, 33, of Christiana, Manchester and a man known as Nigel
Ambersley, whose address was not immediately obtained.

A headline of a few words

By Jane Doe
"""


def test_paragraphs_wrapped_once_between_blank_lines_join() -> None:
    """No run of two lines shows a width, but their first lines together do: each paragraph
    comes back whole, and the short lines stay apart."""
    assert texts(TWO_LINE_PARAGRAPHS) == [
        "The police have now released the identities of the two people killed in a crash in "
        "Osborne Store, Clarendon Tuesday.",
        "They are: Heather Grant, 33, of Christiana, Manchester and a man known as Nigel "
        "Ambersley, whose address was not immediately obtained.",
        "A headline of a few words",
        "By Jane Doe",
    ]
    # one such paragraph alone shows no width: its lines stay apart (a headline and a line)
    assert len(texts(TWO_LINE_PARAGRAPHS.split("\n\n")[0])) == 2


def test_word_broken_at_hyphen_keeps_hyphen() -> None:
    text = (
        "a line that runs long enough to be a wrapped line of a paragraph with\n"
        "some words in it and then, near the end of this long line, a very well-\n"
        "known compound word in the middle of the running text, as printed here.\n"
    )
    assert "a very well-known compound" in texts(text)[0]


def comes_back_whole(paragraph: str, width: int, wrapped_at: str) -> None:
    """The paragraph wrapped at ``width`` (a line break where ``wrapped_at`` shows it) is one
    paragraph again."""
    wrapped = textwrap.fill(paragraph, width)
    assert wrapped_at in wrapped and texts(wrapped) == [paragraph]


def test_a_hyphen_before_and_or_or_stands_for_a_repeated_part() -> None:
    """'Meinungs- und Pressefreiheit': the hyphen ends no broken word when the next line opens
    with 'and' or 'or' of a lexicon language (a word broken at its hyphen: above)."""
    paragraph = (
        "In unseren Augen ist das Urteil nach den Worten der Sprecherin eine klare Einschränkung "
        "der Meinungs- und Pressefreiheit in der Bundesrepublik, sagte sie am Montag in Berlin "
        "vor den Journalisten."
    )
    comes_back_whole(paragraph, 51, "Meinungs-\nund")


def test_a_number_that_opens_a_wrapped_line_continues_its_sentence() -> None:
    """Wrapping can put a number with a full stop at a line's start ('… on Aug.' '1. The
    tariff …'): no list of the page is numbered so, and it continues the paragraph. Numbered
    items in a sequence, and a day of a month opening a date line, stay lines of their own."""
    story = (
        "Rubio was also seeing other foreign ministers, including many whose countries face "
        "tariffs set to be imposed on Aug. 1. The tariff threat could overshadow the top "
        "diplomat’s first official trip to Asia."
    )
    comes_back_whole(story, 60, "\n1. The tariff")
    steps = "Do this every morning before you leave the house:\n1. Lock the door.\n2. Go.\n"
    assert texts(steps)[1:] == ["1. Lock the door.", "2. Go."]
    dated = (
        "Marathon in Berlin: Im harten Läuferalltag weit nach vorne gelaufen\n"
        "29. September 2024, 17:27 Uhr\n"
        "Beim 50. Berlin-Marathon überrascht die zweite Reihe mit cleverer Taktik, sagt er.\n"
    )
    assert texts(dated)[1] == "29. September 2024, 17:27 Uhr"


def test_unwrapped_dump_is_one_block_per_line() -> None:
    lines = SEED_APP.read_text(encoding="utf-8").splitlines()
    blocks = texts("\n".join(lines))
    story = [line for line in lines if len(line) > 100 and line.startswith("U.S. officials")]
    assert story and story[0] in blocks


def test_seed_paragraphs_come_out_whole() -> None:
    blocks = texts(SEED_PAPER.read_text(encoding="utf-8"))
    # Two paragraphs that end a sentence on a full line must still end there.
    assert any(b.endswith("Myanmar at 40% and Thailand at 36%.") for b in blocks)
    assert any(b.startswith("Vietnam recently agreed") for b in blocks)
    # A subhead stays a paragraph of its own.
    assert "A US diplomatic push could be overshadowed by tariff threats" in blocks
    # The narrower second column is still unwrapped.
    assert any(
        b.startswith("Rubio’s “talking points") and b.endswith("during the Obama administration.")
        for b in blocks
    )


def test_bullets_start_list_blocks() -> None:
    page = text_to_page("Things to know:\n• one thing\n• another thing\n")
    assert [b.kind for b in page.blocks] == ["para", "list", "list"]


def test_an_agencys_sign_off_after_a_dash_is_no_list_item() -> None:
    # wire copy signs off with a dash before the agency's name on a line of its own
    page = text_to_page("The police are investigating.\n\n- Bernama\n\n-- AP\n\n- Menu\n")
    assert [(b.text, b.kind) for b in page.blocks] == [
        ("The police are investigating.", "para"),
        ("- Bernama", "para"),
        ("-- AP", "para"),
        ("Menu", "list"),
    ]


def test_normalizes_invisible_characters_and_spaces() -> None:
    assert texts("Zero\u200bwidth\u00a0and  soft\u00adhyphen") == ["Zerowidth and softhyphen"]


def test_wrapped_chinese_and_japanese_join_without_a_space() -> None:
    """They are written without spaces, so a wrapped line may end inside a word; Korean puts
    spaces between words, and its wrapped lines join with one."""
    japanese = (
        "具体的には、フリーWi-Fi利用時に、スマートフォンがフリーWi-Fiプロテクションインフラに接続"
        "することにより、通信がVPNで暗号化される。これにより利用者は、データの情報漏えいを防ぐことが"
        "可能。さらに、自動的に通信を暗号化し、利用者の通信を保護する。"
    )
    korean = (
        "서울시는 오늘 새로운 대중교통 요금 체계를 발표했으며 시민들은 다음 달부터 지하철과 버스를 "
        "더 저렴하게 이용할 수 있게 된다고 밝혔다. 시 관계자는 이번 조치가 교통 혼잡을 줄이는 데 "
        "도움이 될 것이라고 말했다."
    )
    for paragraph in (japanese, korean):
        wrapped = textwrap.fill(paragraph, 44)
        assert wrapped.count("\n") >= 2
        assert texts(wrapped) == [paragraph]


FIRST = (
    "The council voted on Tuesday to close the old bridge for repairs that could last until "
    "the spring, officials said after a long meeting."
)
SECOND = "Residents had asked for a temporary crossing."


def test_indented_wrapped_paragraph_is_measured_from_the_left_edge() -> None:
    # A renderer that indents nested content wraps at the page's column, indent included:
    # the indented lines are shorter but fill the column all the same.
    indent = " " * 8
    text = "\n".join(
        textwrap.fill(p, 60, initial_indent=indent, subsequent_indent=indent)
        for p in (FIRST, SECOND, FIRST)
    )
    assert texts(text) == [FIRST, SECOND, FIRST]


def test_hanging_indent_of_a_typewriter_bullet_joins_its_item() -> None:
    # Press-release text: '--' bullets whose wrapped lines hang under the item's text.
    text = "\n".join(
        textwrap.fill(p, 72, initial_indent="    --  ", subsequent_indent=" " * 8)
        for p in (FIRST, SECOND, FIRST)
    )
    assert [(b.kind, b.text) for b in text_to_page(text).blocks] == [
        ("list", FIRST),
        ("list", SECOND),
        ("list", FIRST),
    ]


def test_a_line_indented_otherwise_starts_another_block() -> None:
    # Deeply indented short lines look 'full' against their own width, but a line set at
    # another indent is not their continuation (a menu nested deeper, a heading set apart).
    text = (
        "                      Just learn a language today!\n"
        "                  Navigation Menu\n"
        "          Navigation Menu\n"
        "              + Research & Analysis\n"
        "              + Legal Process Outsourcing\n"
    )
    assert texts(text) == [
        "Just learn a language today!",
        "Navigation Menu",
        "Navigation Menu",
        "Research & Analysis",
        "Legal Process Outsourcing",
    ]


def test_a_number_alone_on_a_wrapped_line_ends_the_sentence_above() -> None:
    """'Nov.' / '8.': a line that is a number and nothing else is the wrapped end of the
    sentence above, not a list item (a numbered item has text after its number)."""
    text = (
        textwrap.fill(
            "Dresden Drive is closed between Ellijay Drive and Apple Valley Road due to a gas leak, "
            "Brookhaven Police Department reported at 1:30 p.m. on Nov. 8.",
            73,
        )
        + "\n\n"
        + textwrap.fill(
            "The gas leak may have been caused by nearby construction, but BPD was unable to "
            "confirm details. The city of Brookhaven is building its new city hall nearby.",
            73,
        )
    )
    assert text.split("\n")[2] == "8."
    assert texts(text)[0].endswith("reported at 1:30 p.m. on Nov. 8.")
    assert len(texts(text)) == 2
    assert texts("1. First item\n2. Second item\n") == ["1. First item", "2. Second item"]


#: Three paragraphs of a story (the middle one two sentences), as a word processor or a page's
#: script may print them: a paragraph ends at U+2029 (PARAGRAPH SEPARATOR), a line at U+2028
#: (LINE SEPARATOR), with no line feed.
STORY_PARAGRAPHS = [
    "The city council approved a new park on Monday after a long debate about the riverside "
    "land, the mayor said.",
    "The park will open next year. Officials said the work would start in the spring.",
    "Residents had asked for a playground and a path along the water for years.",
]


def test_paragraphs_parted_by_paragraph_separators_come_back_apart() -> None:
    # U+2029 was a space of its paragraph (normalize._ODD_SPACES): the three were one block
    text = "\u2029".join(STORY_PARAGRAPHS)
    blocks = text_to_page(text).blocks
    assert [b.text for b in blocks] == STORY_PARAGRAPHS
    # as at a blank line; all three are of the input's one line (text.split("\n"))
    assert texts("\n\n".join(STORY_PARAGRAPHS)) == STORY_PARAGRAPHS
    assert [b.lines for b in blocks] == [(0, 1)] * 3
    assert texts("Headline of the day\n" + "\u2029\r\n".join(STORY_PARAGRAPHS)) == [
        "Headline of the day",
        *STORY_PARAGRAPHS,
    ]


#: Lines of a dump's head, none a wrapped line's continuation.
HEAD_LINES = ["World News", "Rome, 3 May 2025", "Minister Resigns Over Budget", "By Ann Lee"]


def test_lines_parted_by_line_separators_come_back_as_those_lines() -> None:
    text = "\u2028".join(HEAD_LINES) + "\n\n" + STORY_PARAGRAPHS[0]
    blocks = text_to_page(text).blocks
    assert [b.text for b in blocks] == [*HEAD_LINES, STORY_PARAGRAPHS[0]]
    assert [b.lines for b in blocks] == [(0, 1)] * 4 + [(2, 3)]
    # a line separator ends a line as a line feed does: a wrapped line's end is joined
    wrapped = textwrap.fill(" ".join(STORY_PARAGRAPHS), 70)
    assert texts(wrapped.replace("\n", "\u2028")) == texts(wrapped)
    assert texts("\n".join(HEAD_LINES)) == texts("\u2028".join(HEAD_LINES)) == HEAD_LINES


#: Characters a dump may hold that the cleaner drops (normalize.strip_invisible): a NUL, a
#: control character, a soft hyphen, a zero-width space, a BOM, a direction mark.
INVISIBLES = ("\x00", "\x07", "\u00ad", "\u200b", "\ufeff", "\u200e")


def _inserted(text: str, every: int) -> list[str]:
    """The text with one invisible character inserted, at every ``every``-th position in turn
    (the six cycled)."""
    return [
        text[:at] + INVISIBLES[n % len(INVISIBLES)] + text[at:]
        for n, at in enumerate(range(0, len(text), every))
    ]


def test_an_invisible_character_moves_no_paragraph_end() -> None:
    """An invisible character inserted anywhere in the hard-wrapped seed paper leaves its
    paragraphs as they were (counting it, 20 of the 186 positions moved the width the column
    was measured at and split or joined paragraphs; one lost 'U.S. Secretary of State Marco
    Rubio and' from the body)."""
    paper = SEED_PAPER.read_text(encoding="utf-8")
    expected = texts(paper)
    changed = [text for text in _inserted(paper, 37) if texts(text) != expected]
    assert not changed


SOFT_HYPHENATED = (
    "Die Wehr\u00adan\u00adla\u00adge wur\u00adde im Jahr 1410 er\u00adrich\u00adtet und"
    " mehr\u00adfach er\u00adwei\u00adtert, zu\u00adletzt nach dem Drei\u00adßig\u00adjäh"
    "\u00adri\u00adgen Krieg, als die Ge\u00admein\u00adde neue Mau\u00adern und Tür\u00adme"
    " bau\u00adte. Heu\u00adte ist sie ein Bau\u00addenk\u00admal und wird von ei\u00adnem"
    " Ver\u00adein ge\u00adpflegt, der Füh\u00adrun\u00adgen an\u00adbie\u00adtet, so oft es"
    " geht, an je\u00addem Wo\u00adchen\u00adende im Som\u00admer."
)


def test_a_column_wrapped_counting_soft_hyphens_is_unwrapped() -> None:
    """textwrap counts a soft hyphen as a column: such a column is unwrapped as it was
    wrapped, and the short lines around it stay their own paragraphs (the paragraph ends
    only where the column counted either way ends it; not counting them, a line of many
    soft hyphens looked short enough to end its paragraph at each of these widths)."""
    for width in (44, 50, 56):
        text = "Wehranlage Horka\n3. März 2024\n" + textwrap.fill(SOFT_HYPHENATED, width) + "\n"
        assert texts(text) == [
            "Wehranlage Horka",
            "3. März 2024",
            SOFT_HYPHENATED.replace("\u00ad", ""),
        ]


CHINESE = [
    "在抗击新冠肺炎疫情的日子里，封在武汉的父母们总要万般无奈而又小心翼翼回应着孩子天真的追问。",
    "即便日常已改变了模样，但生活依然要继续。纵然已有焦虑煎熬，但内心仍需要坚强。居家一日游、前后楼"
    "隔空喊话、躺平就是做贡献，这些带有几分调侃意味的举动，却是众多武汉市民近一个月来真实的经历。",
]
JAPANESE = [
    "東京都は二十日、新しい公共交通の料金体系を発表した。来月から地下鉄とバスの運賃が下がり、"
    "市民はより安く移動できるようになる。",
    "都の担当者は、今回の措置が交通渋滞の緩和にもつながると期待していると述べた。一方で、一部の"
    "専門家からは財源の確保を疑問視する声も上がっている。",
]


def _columns_wrapped(paragraph: str, width: int) -> str:
    """The paragraph wrapped as a terminal's renderer wraps it: ``width`` display columns a
    line, a wide character taking two."""
    lines, line = [], ""
    for char in paragraph:
        if text_blocks._columns(line + char) > width:
            lines.append(line)
            line = ""
        line += char
    return "\n".join([*lines, line])


def test_chinese_and_japanese_wrapped_under_forty_characters_are_unwrapped() -> None:
    """A story hard-wrapped at 20 or 30 characters a line (textwrap), or at 40 or 60 display
    columns, comes back whole, its paragraphs parted by blank lines or not: counting
    characters, the column is narrower than any wrapped column (_MIN_WRAP_WIDTH), and each
    line stayed a block of its own (main: 13 characters of the Chinese story's body at 20, none
    at 30; none of the Japanese one's at 20 or 24)."""
    for story in (CHINESE, JAPANESE):
        for width in (20, 24, 30):
            for wrap in (textwrap.fill, _columns_wrapped):
                lines = [
                    wrap(paragraph, width if wrap is textwrap.fill else 2 * width)
                    for paragraph in story
                ]
                assert all(line.count("\n") >= 1 for line in lines)
                for parted in ("\n\n", "\n"):
                    assert texts(parted.join(lines) + "\n") == story, (width, wrap, parted)


KOREAN = [
    "서울시는 오늘 새로운 대중교통 요금 체계를 발표했으며 시민들은 다음 달부터 지하철과 버스를 "
    "더 저렴하게 이용할 수 있게 된다고 밝혔다. 시 관계자는 이번 조치가 교통 혼잡을 줄이는 데 "
    "도움이 될 것이라고 말했다.",
    "그러나 일부 전문가들은 요금 인하에 필요한 재원을 어떻게 마련할지 분명하지 않다며 우려를 "
    "나타냈다. 시는 다음 주에 시민 공청회를 열어 의견을 듣기로 했다.",
]


def _columns_word_wrapped(paragraph: str, width: int) -> str:
    """The paragraph wrapped as a terminal's renderer wraps text written with spaces between
    words: ``width`` display columns a line, a wide character taking two, a line broken at a
    space."""
    lines, line = [], ""
    for word in paragraph.split():
        if line and text_blocks._columns(f"{line} {word}") > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return "\n".join([*lines, line])


def test_korean_wrapped_under_forty_characters_is_unwrapped() -> None:
    """A Korean story hard-wrapped at 20 to 40 characters a line (textwrap), or at twice as
    many display columns, comes back whole, its paragraphs parted by blank lines or not: its
    lines are too narrow a column counted in characters (_MIN_WRAP_WIDTH), and stayed blocks of
    their own (main: 0, 4 and 4 characters of the first paragraph's 118 at 20, 24 and 30).
    Korean puts spaces between words: the next line's first word is a whole word, and lines
    join with a space. Without a blank line between them, the paragraphs part where the
    first one's last line would have taken the next one's first word (at 40 characters it
    fills the column: Korean has no capital letter to start a sentence, and they join)."""
    for width in (20, 24, 30, 40):
        for wrap, size, column in (
            (textwrap.fill, len, width),
            (_columns_word_wrapped, text_blocks._columns, 2 * width),
        ):
            lines = [wrap(paragraph, column) for paragraph in KOREAN]
            assert all(line.count("\n") >= 1 for line in lines)
            assert texts("\n\n".join(lines) + "\n") == KOREAN, (width, wrap)
            last = lines[0].split("\n")[-1]
            if size(f"{last} {KOREAN[1].split()[0]}") <= column:
                assert texts("\n".join(lines) + "\n") == KOREAN, (width, wrap)
            else:
                assert (width, wrap) == (40, textwrap.fill)


def test_short_chinese_lines_under_a_narrow_column_stay_apart() -> None:
    """Lines that end short of the column end their paragraph: a line of a list under a story
    wrapped at 20 characters is not joined to the next (a wide character opening a line is a
    word of its own, and no space is put before it)."""
    albums = ["2001年《范特西》", "2002年《八度空间》", "2003年《叶惠美》", "2004年《七里香》"]
    for parted in ("\n\n", "\n"):
        text = textwrap.fill(CHINESE[1], 20) + parted + "\n".join(albums) + "\n"
        assert texts(text) == [CHINESE[1], *albums]
