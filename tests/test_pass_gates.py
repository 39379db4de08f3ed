"""The cheap gates the passes after the story model put before a pattern or a whole-text
casefold: each must give what the pattern or the full computation gives, on any text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.blocks import word_count
from cleaner.passes import author_bio, headline, next_story, story

#: Characters that move a gate's answer: heading marks, spaces of several kinds (some that
#: ``str.split`` takes for spaces and the patterns' ``\s`` does not), characters whose
#: casefold is longer or of another script, word joiners, rule-line strokes.
_ODD = "#-_=–—*•.,:’'ßİſKﬁ\u0345Σς٣é\u200b\u200d\u00a0\u2003\u3000\x1c\x1f\x85\t\n "


def _texts(words: list[str]) -> st.SearchStrategy[str]:
    """Texts of ``words`` and odd characters, joined by spaces of several kinds."""
    piece = st.one_of(st.sampled_from(words), st.text(alphabet=_ODD, max_size=4))
    space = st.sampled_from([" ", " ", "  ", "\t", "\u2003", "", ","])
    return st.lists(st.tuples(piece, space), max_size=16).map(
        lambda parts: "".join(p + s for p, s in parts)
    )


_BIO_WORDS = [
    "About", "the", "author:", "Ann", "LEE", "O’Neil", "J.", "Mary-Jo", "The", "is", "was",
    "has", "been", "serves", "as", "a", "an", "senior", "staff,", "reporter", "writers",
    "critic", "for", "Post",
]  # fmt: skip


@settings(max_examples=1000)
@given(_texts(_BIO_WORDS))
def test_role_bio_gate_agrees_with_the_pattern(text: str) -> None:
    found = author_bio._ROLE_BIO.match(text)
    expected = found is not None and author_bio._person(found["name"])
    assert author_bio._role_bio(text) == expected


def test_role_bio_gate_passes_bios() -> None:
    assert author_bio._role_bio("About the author: Sarah Schwartz is a reporter for Education")
    assert author_bio._role_bio("Ann Lee, was the senior staff writer of the paper.")
    assert not author_bio._role_bio("The council is a body of writers.")


@settings(max_examples=1000)
@given(st.text(alphabet="-_=–—*• \t\u2003\u00a0\x1c\x85\na", max_size=12))
def test_rule_line_gate_agrees_with_the_pattern(text: str) -> None:
    assert next_story._rule_line(text) == (next_story._RULE_LINE.fullmatch(text) is not None)


def test_rule_line_gate_passes_rule_lines() -> None:
    assert next_story._rule_line("  ----- ")
    assert next_story._rule_line("— — —")
    assert not next_story._rule_line("* * *")


@settings(max_examples=1000)
@given(
    st.one_of(
        _texts(["Rubio", "RUBIO", "straße", "İstanbul", "ﬁnal", "K9", "_x", "# Title", "######"]),
        st.text(alphabet=_ODD + "ab", max_size=140),
    )
)
def test_first_word_is_the_keys(text: str) -> None:
    assert headline._first_word(text) == headline._key(text).partition(" ")[0]


def test_first_word_past_the_head() -> None:
    long_word = "x" * 100
    assert headline._first_word(f"{long_word} rest") == long_word
    assert headline._first_word(" " * 80 + "Rubio") == "rubio"
    assert headline._first_word("# " + " " * 70 + "Rubio arrives") == "rubio"


_TWICE_WORDS = [
    "Photo",
    "photo",
    "by",
    "AP",
    "...",
    "…",
    "The",
    "lizard",
    "(Anolis",
    "nubilus)",
    ".",
]


@settings(max_examples=2000)
@given(_texts(_TWICE_WORDS), _texts(_TWICE_WORDS))
def test_twice_gate_first_character(a: str, b: str) -> None:
    """``printed_twice`` asks :func:`story._twice` of two blocks of five words or more only
    when they open with the same character: of any others it says neither holds the other
    (copies but for the first character, a credit added, an ellipsis cut among them)."""
    pairs = [(a, b), (" " + a, a), ("x" + a, a + " AP Photo"), (a, "“" + a + " …")]
    for one, two in pairs:
        if min(word_count(one), word_count(two)) >= story.TWICE_WORDS and one[:1] != two[:1]:
            assert story._twice(one, two) is None
            assert story._twice(two, one) is None


_COMMENT_WORDS = [
    "36", "1,024", "٣", "Comments", "comment", "COMMENTS", "Kommentare", "\u212aommentar",
    "responſes", "Replies", "thoughts", "on", "“Park", "plan”", "(3)", "(", "0)", "Leave",
    "a", "Reply", "commentaires", "comentarios", "commenti", "reacties", ":", "Read",
]  # fmt: skip


@settings(max_examples=3000)
@given(_texts(_COMMENT_WORDS))
def test_comment_heading_gate_agrees_with_the_pattern(text: str) -> None:
    """core.comment-section tries its heading pattern only when the first character past the
    marks and spaces is no letter or one its words open with: the same answer on any text."""
    from cleaner.passes import comment_section

    expected = (
        len(text) <= comment_section._HEADING_CHARS
        and comment_section._HEADING.fullmatch(text) is not None
    )
    assert comment_section._heading(text) == expected


def test_comment_heading_lead_is_the_patterns() -> None:
    """The characters the gate passes over are the heading's marks and every character the
    ``regex`` module's ``\\s`` matches (the gate would stop short of a count otherwise)."""
    import regex

    from cleaner.passes import comment_section

    spaces = "".join(c for c in map(chr, range(0x3001)) if regex.fullmatch(r"\s", c))
    assert "*•#+-" + spaces == comment_section._LEAD  # (no space of the pattern's lies above)
    openers = "".join(c for c in map(chr, range(0x10000)) if regex.fullmatch(r"(?i)[ck]", c))
    assert sorted(comment_section._OPENERS) == sorted(openers)
    assert comment_section._heading("\u2003• 36 Comments")
    assert comment_section._heading("Comments (0)")
    assert not comment_section._heading("Related Comments (3)")


@settings(max_examples=1000)
@given(st.lists(_texts([*_TWICE_WORDS, "ΟΔΟΣ", "ΣΑΣ", "İstanbul", "ǅemal"]), max_size=4))
def test_caption_words_joined(captions: list[str]) -> None:
    """core.caption-repeat lower-cases the captions joined by a space, once: their long words
    are each caption's own, lower-cased alone."""
    alone = {w for c in captions for w in c.lower().split() if len(w) > 3}
    joined = {w for w in " ".join(captions).lower().split() if len(w) > 3}
    assert alone == joined
